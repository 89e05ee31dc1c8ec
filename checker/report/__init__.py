"""Report: the same results shaped for each reader — a terminal table, Markdown, JSON / JSON
Lines, JUnit XML and SARIF for CI, a printable HTML / PDF audit, and Excel / CSV for the office
that keeps the 台账.

Each format is a module with ``render(run) -> str | bytes``; modules are imported only when their
format is asked for, so a plain ``fzcheck check report.txt`` never loads Jinja2, WeasyPrint or
XlsxWriter. A format that can be long to write over many reports also has ``write(run, stream,
tick)``, which writes as it goes (memory stays bounded) and calls ``tick()`` as each part is done
(the progress bar); one that can write a file per report (html, pdf) has ``write_folder(run,
folder, tick)``. ``output.emit`` picks among them.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..gate import Gate
from .common import STATUS_ZH  # noqa: F401 - re-exported for callers

if TYPE_CHECKING:
    from ..api import Report
    from ..evaluate import RuleSet

# format name → module in this package
_MODULES = {
    "table": "table",
    "markdown": "markdown",
    "json": "json_out",
    "jsonl": "jsonl",
    "junit": "junit",
    "sarif": "sarif",
    "html": "html",
    "pdf": "pdf",
    "docx": "docx_out",
    "concise": "concise",
    "github": "github",
    "gitlab": "gitlab",
    "xlsx": "xlsx",
    "csv": "csv_out",
}
FORMAT_NAMES = list(_MODULES)
BINARY_FORMATS = {"pdf", "docx", "xlsx"}
# formats that can write one file per report into a folder (--format pdf=DIR/)
FOLDER_FORMATS = {"html", "pdf", "docx"}
# formats read by people: they end with the summary over many reports and obey --summary-only
HUMAN_FORMATS = {"table", "markdown", "html", "pdf"}


@dataclass
class Review:
    """What the reviewer block of each audit is pre-filled with (--reviewer, --review-date …);
    what is None is left blank, to be filled in by hand."""

    reviewer: str | None = None  # 审核人
    date: str | None = None  # 审核日期, ISO
    office: str | None = None  # 审核单位
    note: str | None = None  # 人工复核意见

    @property
    def date_zh(self) -> str | None:
        if not self.date:
            return None
        y, m, d = (int(x) for x in self.date.split("-"))
        return f"{y}年{m}月{d}日"


@dataclass
class Run:
    """Everything one invocation produced, as the output formats see it."""

    reports: list[Report]
    rules: RuleSet
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, message) of unreadable reports
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) of files that are not reports
    fail_on: str = "fail"  # the exit-code threshold: fail / warn / never (JUnit follows it)
    summary_only: bool = False
    cwd: str = field(default_factory=os.getcwd)  # SARIF paths are relative to it
    fail_severity: str = "warning"  # only rules at or above it count toward fail_on (checker/gate.py)
    show_pass: int = 0  # table: 0 pass rows on one line; 1 with their quotes; 2 also "未找到……"
    quiet: bool = False  # table / concise: the findings only
    color: bool = False  # table / concise: ANSI colour (decided by the CLI: terminal, NO_COLOR …)
    width: int | None = None  # table: the columns to fit (None: the terminal's, else 100)
    baselined: int = 0  # findings left out because the baseline holds them

    @property
    def gate(self) -> Gate:
        return Gate(self.fail_on, self.fail_severity)
    review: Review = field(default_factory=Review)
    jobs: int | None = None  # worker processes for rendering PDF (None: as many as pay)

    @property
    def many(self) -> bool:
        """More than one report asked for: the human formats end with the summary."""
        return len(self.reports) + len(self.errors) + len(self.skipped) > 1

    def files(self) -> list[tuple[str, str, str]]:
        """Every file of the run once, in input order as far as known: (path, state, reason),
        state checked / unreadable / skipped."""
        out = [(r.path, "checked", "") for r in self.reports]
        out += [(p, "unreadable", m) for p, m in self.errors]
        out += [(p, "skipped", m) for p, m in self.skipped]
        return out

    def root(self) -> str:
        """The folder all the run's files are in, under which every output names a file's
        sub-folder (the same in the summary, the matrix, the findings and the PDF's bookmarks)."""
        from .paths import common_root

        return common_root([p for p, _, _ in self.files()])


def module(name: str):
    return importlib.import_module(f".{_MODULES[name]}", __name__)


def renderer(name: str) -> Callable[[Run], str | bytes]:
    return module(name).render


def render(name: str, run: Run) -> str | bytes:
    return renderer(name)(run)
