"""The whole flow for one report: read → normalize → segment → evaluate. Used by the CLI,
the tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from . import __version__
from .evaluate import Result, RuleSet, evaluate, load_rules
from .pipeline import load_path, load_text
from .segment import Document


@dataclass
class Report:
    path: str  # as every output shows it (checker.read.shown: escaped when not UTF-8 or with control characters)
    document: Document | None  # None once detached (sent back from a worker process)
    results: list[Result]
    fields: dict[str, Any] | None = None  # the document's fields, kept when detached
    file: str | None = None  # the file itself, to open again (the commented Word copy); None for text
    #: last year's report it was compared with (path, title, issuer, year), when there was one
    previous: dict[str, Any] | None = None
    _dict: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def summary(self) -> dict[str, int]:
        out = {"pass": 0, "warn": 0, "fail": 0, "skip": 0}
        for r in self.results:
            out[r.status] += 1
        return out

    def document_dict(self) -> dict[str, Any]:
        if self.fields is None:
            assert self.document is not None
            self.fields = document_fields(self.document)
        return dict(self.fields)

    def detached(self) -> "Report":
        """The same report without its Document: small and cheap to pickle, which is all the
        output formats need."""
        return Report(self.path, None, self.results, self.document_dict(), self.file, self.previous)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON data; made once (a folder run makes it as each report arrives,
        while the workers go on checking), so a report is not changed after it is asked for."""
        if self._dict is not None:
            return self._dict
        d = {
            "path": self.path,
            "document": self.document_dict(),
            "results": [r.as_dict() for r in self.results],
            "summary": self.summary,
        }
        if self.previous is not None:
            d["previous"] = dict(self.previous)
        self._dict = d
        return d


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def document_fields(doc: Document) -> dict[str, Any]:
    """What the report says about itself, for every output: the values chosen, and under
    ``sources`` each field's candidates (value, where it was read, line) in order of preference."""
    f = doc.fields
    sources = {
        name: [{"value": _iso(c.value), "source": c.source, "line": c.line, **({"text": c.text} if c.text else {})}
               for c in cands]
        for name, cands in f.candidates.items()
    }
    return {
        "title": f.title,
        "issuer": f.issuer,
        "kind": f.kind,
        "year": f.year,
        "date": _iso(f.date),
        "published": _iso(f.published),
        "doc_number": f.doc_number,
        "addressee": f.addressee,
        "attachments": list(f.attachments),
        "format": doc.source_format,
        "traditional": doc.traditional,
        "sources": sources,
    }


def tool_info(rules: RuleSet | None = None) -> dict[str, Any]:
    """The tool's name and version and, given the rules, the rule packs used: their declared
    versions and a digest of their content."""
    info: dict[str, Any] = {"name": "fzcheck", "version": __version__}
    if rules is not None:
        info["rules"] = {"packs": rules.version, "sha256": rules.digest}
    return info


def previous_info(doc: Document) -> dict[str, Any]:
    """What a report says of the previous report it was compared with."""
    from .read import shown

    f = doc.fields
    return {"path": shown(doc.path), "title": f.title, "issuer": f.issuer, "year": f.year}


def check_document(doc: Document, rules: RuleSet, select: Iterable[str] = (), ignore: Iterable[str] = (),
                   kind: str | None = None, previous: Document | None = None) -> Report:
    """Evaluate the rules on a document. ``kind`` is the issuer kind to assume where the report
    does not say (a folder configured ``kind = "department"``); what the text says wins.
    ``previous`` is last year's report of the same issuer, which the compare rules compare it
    with (without it they are skip)."""
    from .read import shown

    if kind and doc.fields.kind == "unknown":
        doc.fields.kind, doc.fields.kind_source = kind, "config"
    rep = Report(shown(doc.path), doc, evaluate(rules, doc, select, ignore, previous), file=doc.path)
    if previous is not None:
        rep.previous = previous_info(previous)
    return rep


def load_previous(path: str, file_mb: float | None = None) -> Document:
    """Last year's report, read like any report; an error names it as the previous one."""
    from .errors import InputError

    try:
        return load_path(path, file_mb)
    except InputError as exc:
        raise InputError(f"--previous {exc}") from None


def check_path(path: str, rules: RuleSet | None = None, limits: Any = None, previous: str | None = None,
               **kw: Any) -> Report:
    """Read and check one report file; ``previous`` is the path of last year's report to compare
    it with. ``limits`` (checker.limits.Limits) bounds the file sizes read; the time and memory
    limits apply around the call (checker.batch.check_one)."""
    file_mb = limits.file_mb if limits is not None else None
    doc = load_path(path, file_mb)
    prev = load_previous(previous, file_mb) if previous else None
    return check_document(doc, rules or load_rules(), previous=prev, **kw)


def check_bytes(data: bytes, name: str, rules: RuleSet | None = None, **kw: Any) -> Report:
    """A report given as bytes (standard input): read by content as a file would be."""
    from pathlib import Path

    from .pipeline import load_source
    from .read import read_bytes

    return check_document(load_source(read_bytes(data, name, Path(name).suffix.lower())), rules or load_rules(), **kw)


def check_text(text: str, rules: RuleSet | None = None, path: str = "<text>", **kw: Any) -> Report:
    return check_document(load_text(text, path), rules or load_rules(), **kw)
