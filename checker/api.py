"""The whole flow for one report: read → normalize → segment → evaluate. Used by the CLI,
the tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from . import __version__
from .evaluate import Result, RuleSet, evaluate, load_rules
from .pipeline import load_path, load_text
from .segment import Document


@dataclass
class Report:
    path: str
    document: Document
    results: list[Result]

    @property
    def summary(self) -> dict[str, int]:
        out = {"pass": 0, "warn": 0, "fail": 0, "skip": 0}
        for r in self.results:
            out[r.status] += 1
        return out

    def document_dict(self) -> dict[str, Any]:
        f = self.document.fields
        return {
            "title": f.title,
            "issuer": f.issuer,
            "year": f.year,
            "date": f.date.isoformat() if f.date else None,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "document": self.document_dict(),
            "results": [r.as_dict() for r in self.results],
            "summary": self.summary,
        }


def tool_info() -> dict[str, str]:
    return {"name": "fzcheck", "version": __version__}


def check_document(doc: Document, rules: RuleSet, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Report:
    return Report(doc.path, doc, evaluate(rules, doc, select, ignore))


def check_path(path: str, rules: RuleSet | None = None, **kw: Any) -> Report:
    return check_document(load_path(path), rules or load_rules(), **kw)


def check_text(text: str, rules: RuleSet | None = None, path: str = "<text>", **kw: Any) -> Report:
    return check_document(load_text(text, path), rules or load_rules(), **kw)
