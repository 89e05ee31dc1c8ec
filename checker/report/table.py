"""The terminal table, fitted to the terminal's width (COLUMNS, else the terminal's, else 100).

Per report: its path and what it says about itself; then the findings, 不通过 before 警告 (必须
before 应当 before 建议), each with its message, the hint (→) and the evidence it quotes; then one
line per passing rule and per rule that does not apply; then the counts and a short list of what
to fix. A pass row quotes nothing unless asked (``--show-pass`` / ``-v``: its quotes; ``-vv``: also
where it looked and found nothing, "未找到……"). ``--quiet``: the findings only. Widths are display
widths (a Chinese character is two columns); no line is longer than the width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ..gate import LEVEL_ZH, finding_rank
from . import summary
from .common import STATUS_ZH, header_fields, summary_text, where
from .style import Painter, cut, pad, terminal_width, width, wrap

if TYPE_CHECKING:
    from ..api import Report
    from ..evaluate import RuleSet
    from . import Run

MAX_EVIDENCE = 3
EV_CHARS = 60  # the table quotes at most this many characters of each piece of evidence
MAX_FIXES = 10
STATUS_COLS = 6  # 不通过 / 不适用
GAP = "  "
MIN_WIDTH = 40


def _short(text: str) -> str:
    return text if len(text) <= EV_CHARS else text[: EV_CHARS - 1] + "…"


def _evidence_text(e: Any, budget: int) -> str:
    """One piece of evidence in at most `budget` columns: where, the quote (cut), its note."""
    if getattr(e, "looked", False):  # not a quote: say where it looked, no misleading line
        return f"{e.text}（{e.section}）" if e.section else e.text
    place = f"{where(e)} "
    note = f"（{e.note}）" if e.note else ""
    quote = _short(e.text)
    room = budget - width(place) - width(note)
    if width(quote) > room:
        quote = cut(quote, max(room, 8))
    return place + quote + note


def _pack(items: list[str], cols: int, sep: str = " · ") -> list[str]:
    """Items on lines of at most cols columns, as many on a line as fit; an item longer than a
    line is wrapped."""
    lines: list[str] = []
    for item in items:
        if lines and width(lines[-1]) + width(sep) + width(item) <= cols:
            lines[-1] += sep + item
        else:
            lines += wrap(item, cols)
    return lines


def _hanging(text: str, cols: int, first: str = "", rest: str = "") -> list[str]:
    """text wrapped to cols, the first line after `first`, the others after `rest` (same width)."""
    head = wrap(text, cols - width(first))[0]
    remainder = text[len(head):].lstrip(" ")
    return [first + head] + ([rest + line for line in wrap(remainder, cols - width(rest))] if remainder else [])


class _Table:
    def __init__(self, run: Run) -> None:
        self.run = run
        self.cols = max(MIN_WIDTH, run.width or terminal_width())
        self.paint = Painter(run.color)
        self.indent = " " * (STATUS_COLS + len(GAP))
        self.body = self.cols - len(self.indent)

    def status(self, status: str) -> str:
        return self.paint(pad(STATUS_ZH[status], STATUS_COLS), status)

    def finding(self, r: Any) -> list[str]:
        level = f"[{LEVEL_ZH.get(r.severity, r.severity)}]"
        head = wrap(f"{r.id} {r.title} {level}", self.body)
        first = head[0]
        if first.startswith(r.id):
            first = self.paint(r.id, "bold") + first[len(r.id):]
        out = [self.status(r.status) + GAP + first] + [self.indent + h for h in head[1:]]
        out += [self.indent + line for line in wrap(" ".join(r.message.split()), self.body)]
        if r.hint:
            out += [self.indent + line for line in _hanging(r.hint, self.body, "→ ", "  ")]
        out += self.evidence(r.evidence, looked=True)
        return out

    def evidence(self, evidence: Sequence[Any], looked: bool) -> list[str]:
        shown = [e for e in evidence if looked or not getattr(e, "looked", False)]
        out = []
        for e in shown[:MAX_EVIDENCE]:  # each in two lines at most
            lines = _hanging(_evidence_text(e, 2 * self.body - 2), self.body, "", "  ")
            out += [self.indent + self.paint(line, "dim") for line in lines]
        if len(shown) > MAX_EVIDENCE:
            out.append(self.indent + self.paint(f"……另有 {len(shown) - MAX_EVIDENCE} 处", "dim"))
        return out

    def quiet_row(self, r: Any, idw: int) -> list[str]:
        """A pass or not-applicable result on one line (its quotes below it with -v)."""
        text = " ".join(r.message.split())
        if idw and idw + len(GAP) + 8 <= self.body:
            line = self.paint(pad(r.id, idw), "dim" if r.status == "skip" else "") + GAP + cut(text, self.body - idw - len(GAP))
        else:
            line = cut(f"{r.id} {text}", self.body)
        out = [self.status(r.status) + GAP + line]
        if r.status == "pass" and self.run.show_pass:
            out += self.evidence(r.evidence, looked=self.run.show_pass >= 2)
        return out

    def fixes(self, found: list[Any]) -> list[str]:
        out = [self.paint(f"要改的（{len(found)} 项）：", "bold")]
        for i, r in enumerate(found[:MAX_FIXES], 1):
            what = r.hint or r.message
            lead = f"{i:>2}. "
            rest = f"{STATUS_ZH[r.status]} {r.id}：{' '.join(what.split())}"
            line = cut(lead + rest, self.cols)
            body = line[len(lead):]
            status = STATUS_ZH[r.status]
            if body.startswith(status):
                body = self.paint(status, r.status) + body[len(status):]
            out.append(lead + body)
        if len(found) > MAX_FIXES:
            out.append(f"    ……另有 {len(found) - MAX_FIXES} 项，见上表")
        return out

    def report(self, rep: Report) -> str:
        order = {r.id: i for i, r in enumerate(rep.results)}
        found = sorted((r for r in rep.results if r.status in ("fail", "warn")),
                       key=lambda r: (finding_rank(r), order[r.id]))
        if self.run.quiet and not found:
            return ""
        out = [self.paint(cut(rep.path, self.cols), "head")]
        if not self.run.quiet:
            out += _pack([f"{k}：{v}" for k, v in header_fields(rep)], self.cols)
        for r in found:
            out.append("")
            out += self.finding(r)
        if not self.run.quiet:
            rest = [r for r in rep.results if r.status == "pass"] + [r for r in rep.results if r.status == "skip"]
            if rest:
                out.append("")
                idw = max(width(r.id) for r in rest)
                for r in rest:
                    out += self.quiet_row(r, idw)
            out += ["", self.counts(rep)]
            if found:
                out += self.fixes(found)
        return "\n".join(out) + "\n"

    def counts(self, rep: Report) -> str:
        s = rep.summary
        parts = [f"{STATUS_ZH[k]} {s[k]}" for k in ("pass", "warn", "fail", "skip")]
        colored = [self.paint(p, k) if s[k] and k in ("warn", "fail") else p
                   for p, k in zip(parts, ("pass", "warn", "fail", "skip"))]
        text = " · ".join(colored)
        if width(summary_text(rep)) > self.cols:
            return summary_text(rep)
        return text

    # -- many reports

    def summary(self) -> str:
        run = self.run
        heads = ["通过", "警告", "不通过", "不适用"]
        counts = summary.by_rule(run)
        num_w = [max(width(h), 3) for h in heads]
        numbers = sum(num_w) + len(GAP) * len(heads)
        idw = min(max([width(c.id) for c in counts] + [4]), self.cols - numbers)
        title_w = min(self.cols - idw - len(GAP) - numbers, max([width(c.title) for c in counts] + [4]))
        out = [self.paint("汇总（按不通过、警告的报告数排序）", "bold")]
        out += wrap(summary.headline(run), self.cols)
        out.append("")
        show_title = title_w >= 8
        head = pad("规则", idw) + (GAP + pad("要求", title_w) if show_title else "")
        head += "".join(GAP + " " * (w - width(h)) + h for h, w in zip(heads, num_w))
        out.append(head.rstrip())
        for c in counts:
            line = pad(cut(c.id, idw), idw) + (GAP + pad(cut(c.title, title_w), title_w) if show_title else "")
            line += "".join(GAP + str(c.counts[s]).rjust(w) for s, w in zip(summary.STATUSES, num_w))
            out.append(line)
        out.append("")
        paths = [rep.path for rep in run.reports] + [p for p, _ in run.errors] + [p for p, _ in run.skipped]
        path_w = min(self.cols - numbers, max([width(p) for p in paths] + [4]))
        out.append((pad("报告", path_w) + "".join(GAP + " " * (w - width(h)) + h for h, w in zip(heads, num_w))).rstrip())
        for rep in run.reports:
            out.append(pad(_left_cut(rep.path, path_w), path_w)
                       + "".join(GAP + str(rep.summary[s]).rjust(w) for s, w in zip(summary.STATUSES, num_w)))
        for path, _ in run.errors:
            out.append(pad(_left_cut(path, path_w), path_w) + GAP + "无法读取")
        for path, reason in run.skipped:
            out.append(_cut_to(pad(_left_cut(path, path_w), path_w) + GAP + "跳过：" + reason, self.cols))
        if run.baselined:
            out += ["", f"另有 {run.baselined} 项已在基线中，未列出"]
        return "\n".join(out) + "\n"


def _cut_to(text: str, cols: int) -> str:
    """A line no wider than the terminal."""
    return text if width(text) <= cols else cut(text, cols)


def _left_cut(text: str, cols: int) -> str:
    """A path cut at its start (its end, the file name, is what tells reports apart)."""
    if width(text) <= cols:
        return text
    return "…" + cut(text[::-1], cols - 1)[:-1][::-1]


def render_one(rep: Report, run: Run | None = None) -> str:
    from . import Run as _Run

    return _Table(run or _Run([rep], None)).report(rep)  # type: ignore[arg-type]


def render_summary(run: Run) -> str:
    return _Table(run).summary()


def render(run: Run) -> str:
    t = _Table(run)
    parts = [] if run.summary_only else [p for p in (t.report(r) for r in run.reports) if p]
    if (run.many or run.summary_only) and not run.quiet:
        parts.append(t.summary())
    elif run.baselined and not run.quiet:
        parts.append(f"另有 {run.baselined} 项已在基线中，未列出\n")
    return "\n".join(parts)


def render_rules(rules: RuleSet, cols: int | None = None) -> str:
    """`fzcheck rules`: id, requirement level and title on one line, the basis wrapped below."""
    cols = max(MIN_WIDTH, cols or terminal_width())
    idw = max(width(r["id"]) for r in rules.rules)
    lvw = 4
    if idw + lvw + 2 * len(GAP) + 10 > cols:  # too narrow for columns: id on its own line
        idw = 0
    out = []
    head = (pad("规则", idw) + GAP if idw else "") + pad("级别", lvw) + GAP + "要求 / 依据"
    out += [head, "-" * min(cols, max(width(head), 20))]
    text_w = cols - (idw + len(GAP) if idw else 0) - lvw - len(GAP)
    indent = " " * (cols - text_w)
    for r in rules.rules:
        level = pad(LEVEL_ZH.get(r["severity"], r["severity"]), lvw)
        title = wrap(r["title"], text_w)
        if idw:
            out.append(pad(r["id"], idw) + GAP + level + GAP + title[0])
        else:
            out.append(cut(r["id"], cols))
            out.append(level + GAP + title[0])
        out += [indent + t for t in title[1:]]
        out += [indent + b for b in _hanging(r["basis"], text_w, "", "")]
    return "\n".join(out) + "\n"


__all__ = ["render", "render_one", "render_summary", "render_rules", "wrap"]
