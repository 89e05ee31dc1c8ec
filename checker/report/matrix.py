"""The table an office keeps (its 台账): one row per report, one column per rule, the result in
Chinese in each cell. Shared by the Excel and CSV outputs, which lay it out each in their way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from .common import LEVEL_ZH, STATUS_ZH, document_info, where
from .paths import group_of

if TYPE_CHECKING:
    from ..api import Report
    from . import Run

# (key, header) of the columns before the rules' ones
FIELDS = [
    ("group", "子文件夹"), ("path", "文件"), ("title", "标题"), ("issuer", "发文机关"), ("kind_zh", "机关类别"),
    ("year", "年度"), ("date", "成文日期"), ("published", "发布日期"), ("doc_number", "发文字号"),
    ("fail", "不通过"), ("warn", "警告"), ("pass", "通过"), ("skip", "不适用"),
]
REVIEW = [("note", "人工复核意见"), ("reviewer", "审核人"), ("date", "审核日期")]
MAX_EVIDENCE = 5


@dataclass
class Rule:
    id: str
    title: str
    severity: str

    @property
    def level_zh(self) -> str:
        return LEVEL_ZH.get(self.severity, self.severity)


def rules(run: Run) -> list[Rule]:
    """The rules that ran on at least one report, in the packs' order."""
    from .summary import rule_columns

    return [Rule(c["id"], c["title"], c["severity"]) for c in rule_columns(run)]


@dataclass
class Row:
    """One report (or one that could not be read: ``error`` set, no results; or a file of the
    folder that is not a report: ``skipped`` set to why)."""

    fields: dict[str, Any]
    results: dict[str, str]  # rule id → status (pass / warn / fail / skip)
    error: str | None = None
    skipped: str | None = None

    @property
    def state(self) -> str | None:
        """What stands in place of the title of a file that was not checked."""
        if self.error:
            return f"无法读取：{self.error}"
        if self.skipped:
            return f"跳过：{self.skipped}"
        return None

    def cell(self, rule_id: str) -> str:
        st = self.results.get(rule_id)
        return STATUS_ZH[st] if st else ""


def review_values(run: Run) -> dict[str, str | None]:
    r = run.review
    return {"note": r.note, "reviewer": r.reviewer, "date": r.date}


def rows(run: Run) -> Iterator[Row]:
    """The reports in the order they were given, then those that could not be read, then the
    files of the folders that are not reports: every file, once."""
    root = run.root()
    for rep in run.reports:
        doc = document_info(rep)
        fields = {"group": group_of(rep.path, root), "path": rep.path, **doc, **rep.summary}
        yield Row(fields, {r.id: r.status for r in rep.results})
    for path, message in run.errors:
        yield Row({"group": group_of(path, root), "path": path}, {}, error=message)
    for path, why in run.skipped:
        yield Row({"group": group_of(path, root), "path": path}, {}, skipped=why)


def findings(rep: Report) -> Iterator[dict[str, Any]]:
    """The report's warns and fails, each with its evidence and where it is."""
    for r in rep.results:
        if r.status not in ("warn", "fail"):
            continue
        ev = r.evidence[:MAX_EVIDENCE]
        quotes = [e.text + (f"（{e.note}）" if e.note else "") for e in ev]
        places = [where(e) for e in ev]
        if len(r.evidence) > MAX_EVIDENCE:
            quotes.append(f"……另有 {len(r.evidence) - MAX_EVIDENCE} 处")
        yield {
            "id": r.id, "title": r.title, "severity": r.severity, "level_zh": LEVEL_ZH.get(r.severity, r.severity),
            "status": r.status, "status_zh": STATUS_ZH[r.status], "message": r.message, "hint": r.hint or "",
            "evidence": "\n".join(quotes), "where": "\n".join(places),
        }
