"""Markdown output: one section and table per report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import summary
from .common import STATUS_ZH, evidence_line, header_fields, summary_text

if TYPE_CHECKING:
    from . import Run


_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "\n": " ", "`": "\\`",
                         "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "\\": "\\\\"})


def _esc(text: str) -> str:
    """Text from a report (or a file name) as Markdown shows it, never as markup: HTML such as
    <script> or <img onerror> is escaped, and so are the Markdown marks and table bars."""
    return text.translate(_ESCAPE)


def _cell(text: str) -> str:
    return _esc(text)


def render_summary(run: Run) -> list[str]:
    out = ["## 汇总\n", summary.headline(run) + "\n", "| 规则 | 要求 | 通过 | 警告 | 不通过 | 不适用 |", "|---|---|--:|--:|--:|--:|"]
    for c in summary.by_rule(run):
        out.append(f"| `{c.id}` | {_cell(c.title)} | " + " | ".join(str(c.counts[s]) for s in summary.STATUSES) + " |")
    out += ["", "| 报告 | 通过 | 警告 | 不通过 | 不适用 |", "|---|--:|--:|--:|--:|"]
    for rep in run.reports:
        out.append(f"| {_cell(rep.path)} | " + " | ".join(str(rep.summary[s]) for s in summary.STATUSES) + " |")
    for path, _ in run.errors:
        out.append(f"| {_cell(path)} | 无法读取 | | | |")
    for path, reason in run.skipped:
        out.append(f"| {_cell(path)} | 跳过：{_cell(reason)} | | | |")
    return out + [""]


def render(run: Run) -> str:
    out: list[str] = []
    if run.many or run.summary_only:
        out += render_summary(run)
    for rep in [] if run.summary_only else run.reports:
        out.append(f"## {_esc(rep.path)}\n")
        out.append(" · ".join(f"{k}：{_esc(str(v))}" for k, v in header_fields(rep)) + "\n")
        out.append("| 规则 | 结果 | 说明 | 证据 |")
        out.append("|---|---|---|---|")
        for r in rep.results:
            note = _esc(r.message) + (f"<br>**建议**：{_esc(r.hint)}" if r.hint else "")
            ev = "<br>".join(_esc(evidence_line(e, with_section=True)) for e in r.evidence)
            out.append(f"| `{r.id}`<br>{_cell(r.title)} | {STATUS_ZH[r.status]} | {note} | {ev} |")
        out.append(f"\n{summary_text(rep)}\n")
    return "\n".join(out)
