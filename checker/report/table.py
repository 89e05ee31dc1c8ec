"""The terminal table (tabulate; wide Chinese characters measured with wcwidth)."""

from __future__ import annotations

import tabulate as _tab
from wcwidth import wcswidth, wcwidth

from typing import TYPE_CHECKING

from . import summary
from .common import STATUS_ZH, evidence_line, header_fields, summary_text

if TYPE_CHECKING:
    from ..api import Report
    from . import Run

_tab.WIDE_CHARS_MODE = True
MSG_WIDTH = 38
EV_WIDTH = 44
MAX_EVIDENCE = 3
EV_CHARS = 60  # the table quotes at most this many characters of each piece of evidence


_WIDTH: dict[str, int] = {}  # display width of each character met (a dict beats wcwidth's cache)


def _width(ch: str) -> int:
    w = _WIDTH[ch] = max(wcwidth(ch), 0)
    return w


def wrap(text: str, width: int) -> str:
    """Wrap by display width (a Chinese character is two columns)."""
    if len(text) * 2 <= width:  # fits even if every character is wide
        return text
    lines, start, w = [], 0, 0
    get = _WIDTH.get
    for i, ch in enumerate(text):
        cw = get(ch)
        if cw is None:
            cw = _width(ch)
        if w + cw > width and i > start:
            lines.append(text[start:i])
            start, w = i, 0
        w += cw
    if start < len(text):
        lines.append(text[start:])
    return "\n".join(lines)


def _short(text: str) -> str:
    return text if len(text) <= EV_CHARS else text[: EV_CHARS - 1] + "…"


def _evidence(e) -> str:
    """One piece of evidence, shortened; a year-on-year one keeps its note (where it stands in
    last year's report) and is quoted on one line."""
    if getattr(e, "previous", None) is None:
        return _short(evidence_line(e))
    text = " ".join(e.text.split())
    quote = text if len(text) <= EV_CHARS // 2 else text[: EV_CHARS // 2 - 1] + "…"
    return f"{evidence_line(type(e)(e.section, e.line, quote, None, e.location))}（{e.note}）" if e.note else \
        evidence_line(type(e)(e.section, e.line, quote, None, e.location))


def render_one(rep: Report) -> str:
    rows = []
    for r in rep.results:
        note = r.message + (f"\n→ {r.hint}" if r.hint else "")
        ev = [_evidence(e) for e in r.evidence[:MAX_EVIDENCE]]
        if len(r.evidence) > MAX_EVIDENCE:
            ev.append(f"……另有 {len(r.evidence) - MAX_EVIDENCE} 处")
        rows.append([
            f"{r.id}\n{wrap(r.title, 24)}",
            STATUS_ZH[r.status],
            "\n".join(wrap(p, MSG_WIDTH) for p in note.split("\n")),
            "\n".join(wrap(x, EV_WIDTH) for x in ev),
        ])
    head = rep.path + "\n" + "  ".join(f"{k}：{v}" for k, v in header_fields(rep))
    body = _tab.tabulate(rows, headers=["规则", "结果", "说明", "证据（位置）"], tablefmt="grid",
                          disable_numparse=True)
    return f"{head}\n{body}\n{summary_text(rep)}\n"


def render_summary(run: Run) -> str:
    """Per rule (most failed first) and per report, the counts of each status."""
    heads = ["规则", "要求", "通过", "警告", "不通过", "不适用"]
    rules = [[c.id, wrap(c.title, 30), *(c.counts[s] for s in summary.STATUSES)] for c in summary.by_rule(run)]
    out = ["汇总（按不通过、警告的报告数排序）", summary.headline(run),
           _tab.tabulate(rules, headers=heads, tablefmt="simple", colalign=("left", "left") + ("right",) * 4)]
    reps = [[rep.path, *(rep.summary[s] for s in summary.STATUSES)] for rep in run.reports]
    reps += [[path, "无法读取", "", "", ""] for path, _ in run.errors]
    out += ["", _tab.tabulate(reps, headers=["报告"] + heads[2:], tablefmt="simple",
                              colalign=("left",) + ("right",) * 4)]
    return "\n".join(out) + "\n"


def render(run: Run) -> str:
    parts = [] if run.summary_only else [render_one(r) for r in run.reports]
    if run.many or run.summary_only:
        parts.append(render_summary(run))
    return "\n".join(parts)


__all__ = ["render", "wrap", "wcswidth"]
