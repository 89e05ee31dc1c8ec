"""read → normalize → segment: from a path (or text) to the Document that rules evaluate."""

from __future__ import annotations

from .normalize import normalize
from .read import Source, read_path, read_text
from .segment import Document, build_document


def load_source(source: Source) -> Document:
    return build_document(normalize(source, join_pages=False))


def load_path(path: str, max_mb: float | None = None) -> Document:
    return load_source(read_path(path) if max_mb is None else read_path(path, max_mb))


def load_text(text: str, path: str = "<text>") -> Document:
    return load_source(read_text(text, path))
