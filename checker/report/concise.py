"""One line per warn / fail: ``path:line: rule 不通过 message`` — for pre-commit, editors' problem
matchers and anyone who wants the findings without the table.

The line is that of the first quoted evidence, else where the missing part belongs (the rule's
anchor), else 1. Then a line for each file that was not checked — ``path: 无法读取 why`` (also
on standard error, as in every format) and ``path: 跳过 why`` for a file of a folder that is no
report — so every file stands once. A last line counts them (left out with --quiet).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import without_name
from .common import STATUS_ZH
from .style import Painter

if TYPE_CHECKING:
    from ..api import Report
    from . import Run

FINDING = ("warn", "fail")


def line_of(r: Any) -> int:
    """The report line a finding points at: its first quote, else its anchor, else line 1."""
    for e in r.evidence:
        if e.line:
            return e.line
    if r.anchor is not None and r.anchor.line:
        return r.anchor.line
    return 1


def findings(rep: Report) -> list[Any]:
    """The warns and fails of a report in the order of their lines."""
    return sorted((r for r in rep.results if r.status in FINDING), key=line_of)


def totals(run: Run) -> str:
    fails = sum(1 for rep in run.reports for r in rep.results if r.status == "fail")
    warns = sum(1 for rep in run.reports for r in rep.results if r.status == "warn")
    text = f"共 {len(run.reports)} 份报告：不通过 {fails} 项，警告 {warns} 项"
    if run.errors:
        text += f"；{len(run.errors)} 份无法读取"
    if run.skipped:
        text += f"；{len(run.skipped)} 个文件不是报告，已跳过"
    if run.baselined:
        text += f"（另有 {run.baselined} 项已在基线中，未列出）"
    return text


def render(run: Run) -> str:
    paint = Painter(run.color)
    out = []
    for rep in run.reports:
        for r in findings(rep):
            status = paint(STATUS_ZH[r.status], r.status)
            message = " ".join(r.message.split())
            out.append(f"{rep.path}:{line_of(r)}: {paint(r.id, 'bold')} {status} {message}")
    for path, message in run.errors:
        out.append(f"{path}: {paint('无法读取', 'fail')} {without_name(message, path)}")
    for path, why in run.skipped:
        out.append(f"{path}: 跳过 {why}")
    if not run.quiet:
        out.append(totals(run))
    return "".join(line + "\n" for line in out)
