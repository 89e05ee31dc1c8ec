"""JSON output (stable; documented in the README)."""

from __future__ import annotations

import json

from ..api import Report, tool_info
from ..evaluate import RuleSet


def render(reports: list[Report], rules: RuleSet) -> str:
    data = {"tool": tool_info(), "reports": [r.as_dict() for r in reports]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
