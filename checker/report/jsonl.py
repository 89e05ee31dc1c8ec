"""JSON Lines: one report per line, written as each report is checked (in input order), so a
run over hundreds of reports can be read while it goes on. A report that cannot be read is a
line with "error" instead of "results". Each line names the tool and rules, so lines from
different runs can be told apart once concatenated."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..api import Report
    from ..evaluate import RuleSet
    from . import Run


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def line(report: Report, rules: RuleSet) -> str:
    from ..api import tool_info

    return _dump({**report.as_dict(), "tool": tool_info(rules)})


def error_line(path: str, message: str, rules: RuleSet) -> str:
    from ..api import tool_info
    from ..read import shown

    return _dump({"path": shown(path), "error": message, "tool": tool_info(rules)})


def skipped_line(path: str, reason: str, rules: RuleSet) -> str:
    """A file of the folder that is not a report: listed, with why, and not checked."""
    from ..api import tool_info
    from ..read import shown

    return _dump({"path": shown(path), "skipped": reason, "tool": tool_info(rules)})


def render(run: Run) -> str:
    return "".join([skipped_line(p, m, run.rules) for p, m in run.skipped] + [line(r, run.rules) for r in run.reports]
                   + [error_line(p, m, run.rules) for p, m in run.errors])
