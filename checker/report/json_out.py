"""JSON output (stable; documented in the README, schema in schemas/fzcheck-result.schema.json)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import summary

if TYPE_CHECKING:
    from . import Run


def data(run: Run) -> dict[str, Any]:
    from ..api import tool_info

    return {
        "tool": tool_info(run.rules),
        "reports": [r.as_dict() for r in run.reports],
        "errors": [{"path": p, "message": m} for p, m in run.errors],
        "summary": summary.as_dict(run),
    }


def render(run: Run) -> str:
    return json.dumps(data(run), ensure_ascii=False, indent=2) + "\n"
