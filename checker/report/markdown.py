"""Markdown output: one section and table per report."""

from __future__ import annotations

from ..api import Report
from ..evaluate import RuleSet
from .common import STATUS_ZH, evidence_line, header_fields, summary_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render(reports: list[Report], rules: RuleSet) -> str:
    out: list[str] = []
    for rep in reports:
        out.append(f"## {rep.path}\n")
        out.append(" · ".join(f"{k}：{v}" for k, v in header_fields(rep)) + "\n")
        out.append("| 规则 | 结果 | 说明 | 证据 |")
        out.append("|---|---|---|---|")
        for r in rep.results:
            note = r.message + (f"<br>**建议**：{r.hint}" if r.hint else "")
            ev = "<br>".join(evidence_line(e, with_section=True) for e in r.evidence)
            out.append(f"| `{r.id}`<br>{_cell(r.title)} | {STATUS_ZH[r.status]} | {_cell(note)} | {_cell(ev)} |")
        out.append(f"\n{summary_text(rep)}\n")
    return "\n".join(out)
