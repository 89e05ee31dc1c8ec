"""CSV: the reports × rules table of the Excel output (its first sheet), for any spreadsheet or
script. UTF-8 with a byte order mark, which is how Excel and WPS know it is UTF-8 (without it they
read Chinese as GBK and show mojibake); CRLF line ends, as the csv module writes them.

One header row: the report's fields, then one column per rule headed 规则标题（rule id）, then the
reviewer's columns. A cell that a spreadsheet would run as a formula (starting with = + - @) is
written with a leading apostrophe, so that a report's text can never run in the office's Excel.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, Callable, TextIO

from . import matrix

if TYPE_CHECKING:
    from . import Run

BOM = "\ufeff"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    s = str(v)
    return "'" + s if s.startswith(_FORMULA) else s


def header(rules: list[matrix.Rule]) -> list[str]:
    return ([h for _, h in matrix.FIELDS] + [f"{r.title}（{r.id}）" for r in rules]
            + [h for _, h in matrix.REVIEW])


def write(run: Run, out: TextIO, tick: Callable[[], None] = lambda: None) -> None:
    rules = matrix.rules(run)
    review = matrix.review_values(run)
    out.write(BOM)
    w = csv.writer(out)
    w.writerow(header(rules))
    for row in matrix.rows(run):
        fields = dict(row.fields)
        if row.state:
            fields["title"] = row.state
        w.writerow([_cell(fields.get(k)) for k, _ in matrix.FIELDS] + [row.cell(r.id) for r in rules]
                   + [_cell(review.get(k)) for k, _ in matrix.REVIEW])


def render(run: Run) -> str:
    buf = io.StringIO(newline="")
    write(run, buf)
    return buf.getvalue()
