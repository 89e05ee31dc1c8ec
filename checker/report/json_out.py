"""JSON output (stable; documented in the README)."""

from __future__ import annotations

import json
from typing import Any

from ..api import Report, tool_info
from ..evaluate import RuleSet

try:  # the standard encoder falls back to pure Python when indenting: 5x slower on a folder
    import orjson
except ImportError:  # pragma: no cover
    orjson = None


def dumps(data: Any) -> str:
    """Indented JSON with non-ASCII kept, the same text as json.dumps(indent=2, ensure_ascii=False)."""
    if orjson is not None:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(reports: list[Report], rules: RuleSet) -> str:
    return dumps({"tool": tool_info(), "reports": [r.as_dict() for r in reports]})
