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
}
FORMAT_NAMES = list(_MODULES)
BINARY_FORMATS = {"pdf"}
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
