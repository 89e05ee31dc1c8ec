"""Report: the same results shaped for each reader — a terminal table, Markdown, JSON / JSON
Lines, JUnit XML and SARIF for CI, and a printable HTML / PDF audit.

Each format is a module with ``render(run) -> str | bytes``; modules are imported only when their
format is asked for, so a plain ``fzcheck check report.txt`` never loads Jinja2 or WeasyPrint.
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
}
FORMAT_NAMES = list(_MODULES)
BINARY_FORMATS = {"pdf", "docx"}
# formats read by people: they end with the summary over many reports and obey --summary-only
HUMAN_FORMATS = {"table", "markdown", "html", "pdf"}


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


def renderer(name: str) -> Callable[[Run], str | bytes]:
    return importlib.import_module(f".{_MODULES[name]}", __name__).render


def render(name: str, run: Run) -> str | bytes:
    return renderer(name)(run)
