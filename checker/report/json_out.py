"""JSON output (stable; documented in the README, schema in schemas/fzcheck-result.schema.json)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..read import shown
from . import summary

if TYPE_CHECKING:
    from . import Run

try:  # the standard encoder falls back to pure Python when indenting: 5x slower on a folder
    import orjson
except ImportError:  # pragma: no cover
    orjson = None


def dumps(data: Any) -> str:
    """Indented JSON with non-ASCII kept, the same text as json.dumps(indent=2, ensure_ascii=False)."""
    if orjson is not None:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def data(run: Run) -> dict[str, Any]:
    from ..api import tool_info

    return {
        "tool": tool_info(run.rules),
        "reports": [r.as_dict() for r in run.reports],
        "errors": [{"path": shown(p), "message": m} for p, m in run.errors],
        "skipped": [{"path": shown(p), "reason": m} for p, m in run.skipped],
        "summary": summary.as_dict(run),
    }


def render(run: Run) -> str:
    return dumps(data(run))
