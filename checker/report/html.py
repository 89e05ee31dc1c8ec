"""The printable audit: one self-contained HTML file laid out for A4 (CSS inline, no fonts,
images or scripts from anywhere), rendered from templates/audit.html.j2 with Jinja2.

For each report a title block (title, issuer, year, date; the tool and rule pack versions) and
the table of results, the status in words (通过 / 警告 / 不通过 / 不适用) and by colour and weight,
so it reads the same printed in black and white. With several reports, a summary page comes
first: per rule a bar of how many reports pass / warn / fail, most failed first, then per report
its counts. The PDF output renders this same HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from typing import TYPE_CHECKING, Any

from . import summary
from .common import SEVERITY_ZH, STATUS_ZH, where

if TYPE_CHECKING:
    from ..api import Report
    from . import Run

MAX_EVIDENCE = 3  # as the terminal table: a row stays well under half a page


def generated_on() -> str:
    """Today, or the day SOURCE_DATE_EPOCH says (reproducible output, as for builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def _anchor(path: str) -> str:
    return "r-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]


def _evidence(e: Any) -> dict[str, Any]:
    return {"line": e.line, "where": where(e), "section": e.section, "text": e.text, "note": e.note}


def _segments(a: str, b: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts cut into (text, differs) pieces: what the other has word for word, and not."""
    import difflib

    sa: list[tuple[str, bool]] = []
    sb: list[tuple[str, bool]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            sa.append((a[i1:i2], op != "equal"))
        if j2 > j1:
            sb.append((b[j1:j2], op != "equal"))
    return sa, sb


def _side(rep: Report, recycled_rules: set[str]) -> dict[str, Any] | None:
    """The longest carried-over passage of a warn or fail of a `compare: recycled` rule, both
    years side by side."""
    for r in rep.results:
        if r.id not in recycled_rules or r.status not in ("warn", "fail"):
            continue
        e = next((x for x in r.evidence if getattr(x, "previous", None) is not None), None)
        if e is None:
            continue
        this, last = _segments(e.text, e.previous.text)
        return {
            "rule": r.id, "note": e.note or "",
            "this": {"where": where(e) + "起", "segments": this},
            "last": {"where": (e.previous.location or (f"第{e.previous.line}行" if e.previous.line else "—")) + "起",
                     "path": e.previous.path, "segments": last},
        }
    return None


def _recycled_rules(run: Run) -> set[str]:
    return {r["id"] for r in run.rules.rules
            if any(f.get("compare") == "recycled" for f in (r.get("find") or {}).values())}


def _report(rep: Report, recycled_rules: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
    doc = rep.document_dict()
    return {
        "previous": rep.previous,
        "side": _side(rep, recycled_rules) if rep.previous else None,
        "path": rep.path,
        "anchor": _anchor(rep.path),
        "title": doc["title"],
        "issuer": doc["issuer"],
        "year": doc["year"],
        "date": doc["date"],
        "summary": rep.summary,
        "results": [{
            "id": r.id, "title": r.title, "status": r.status, "status_zh": STATUS_ZH[r.status],
            "severity": r.severity, "severity_zh": SEVERITY_ZH.get(r.severity, r.severity),
            "message": r.message, "hint": r.hint, "basis": r.basis,
            "evidence": [_evidence(e) for e in r.evidence[:MAX_EVIDENCE]],
            "more": max(0, len(r.evidence) - MAX_EVIDENCE),
        } for r in rep.results],
    }


def context(run: Run) -> dict[str, Any]:
    from ..api import tool_info

    tool = tool_info(run.rules)
    rules = summary.by_rule(run)
    recycled = _recycled_rules(run)
    n = len(run.reports)
    return {
        "tool": tool,
        "generated": generated_on(),
        "status_zh": STATUS_ZH,
        "statuses": summary.STATUSES,
        "many": run.many or run.summary_only,
        "summary_only": run.summary_only,
        "headline": summary.headline(run),
        "totals": summary.totals(run),
        "n": n,
        "rules": [{**c.as_dict(), "pct": {s: (100.0 * c.counts[s] / c.checked if c.checked else 0.0)
                                         for s in summary.STATUSES}} for c in rules],
        "reports": [_report(rep, recycled) for rep in run.reports],
        "errors": run.errors,
    }


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("checker.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def render(run: Run) -> str:
    return _environment().get_template("audit.html.j2").render(**context(run))
