"""Evaluate: rules as data (YAML packs validated by a JSON Schema) applied to a Document."""

from .engine import Anchor, Evidence, Result, evaluate
from .loader import RuleSet, load_rules

__all__ = ["Anchor", "Evidence", "Result", "RuleSet", "evaluate", "load_rules"]
