"""The summary over many reports: per rule, how many reports pass / warn / fail / are not
concerned (most failed first, so the requirement most often missed is on top), and per report
its counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import Run

STATUSES = ("pass", "warn", "fail", "skip")


@dataclass
class RuleCount:
    id: str
    title: str
    severity: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    order: int = 0  # the rule's place in the packs, the tie-break

    @property
    def checked(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "severity": self.severity, **self.counts}


def by_rule(run: Run) -> list[RuleCount]:
    """One row per rule that ran on at least one report: most fails first, then most warns,
    then the packs' order."""
    order = {r["id"]: i for i, r in enumerate(run.rules.rules)}
    rows: dict[str, RuleCount] = {}
    for rep in run.reports:
        for r in rep.results:
            row = rows.get(r.id)
            if row is None:
                row = rows[r.id] = RuleCount(r.id, r.title, r.severity, order=order.get(r.id, len(order)))
            row.counts[r.status] += 1
    return sorted(rows.values(), key=lambda c: (-c.counts["fail"], -c.counts["warn"], c.order))


def totals(run: Run) -> dict[str, int]:
    out = dict.fromkeys(STATUSES, 0)
    for rep in run.reports:
        for k, v in rep.summary.items():
            out[k] += v
    return out


def reports_with(run: Run, status: str) -> int:
    """How many reports have at least one result with this status."""
    return sum(1 for rep in run.reports if rep.summary[status])


def as_dict(run: Run) -> dict[str, Any]:
    return {
        "reports": len(run.reports),
        "unreadable": len(run.errors),
        "skipped": len(run.skipped),
        "reports_failing": reports_with(run, "fail"),
        "reports_warning": reports_with(run, "warn"),
        "by_rule": [c.as_dict() for c in by_rule(run)],
    }


def headline(run: Run) -> str:
    """One line: how many reports, how many failed or warned, how many could not be read."""
    n = len(run.reports)
    text = f"共 {n} 份报告：{reports_with(run, 'fail')} 份有不通过项，{reports_with(run, 'warn')} 份有警告项"
    if run.errors:
        text += f"；另有 {len(run.errors)} 份无法读取"
    if run.skipped:
        text += f"；跳过 {len(run.skipped)} 个不是报告的文件"
    return text


def rule_columns(run: Run) -> list[dict[str, str]]:
    """The rules that ran on at least one report, in the packs' order (the matrix columns)."""
    from .common import LEVEL_ZH

    ran: set[str] = set()
    extra: dict[str, dict[str, str]] = {}
    for rep in run.reports:
        for r in rep.results:
            if r.id not in ran:
                ran.add(r.id)
                extra[r.id] = {"id": r.id, "title": r.title, "severity": r.severity}
    cols = [{"id": r["id"], "title": r["title"], "severity": r["severity"]} for r in run.rules.rules if r["id"] in ran]
    known = {c["id"] for c in cols}
    cols += [v for k, v in extra.items() if k not in known]
    for c in cols:
        c["level_zh"] = LEVEL_ZH.get(c["severity"], c["severity"])
    return cols
