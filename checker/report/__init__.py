"""Report: the same results shaped as a terminal table, JSON or Markdown."""

from __future__ import annotations

from typing import Callable

from ..api import Report
from ..evaluate import RuleSet
from . import json_out, markdown, table
from .common import STATUS_ZH  # noqa: F401 - re-exported for callers

FORMATS: dict[str, Callable[[list[Report], RuleSet], str]] = {
    "table": table.render,
    "json": json_out.render,
    "markdown": markdown.render,
}
