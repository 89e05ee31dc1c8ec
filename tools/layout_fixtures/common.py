"""Shared helpers for building the layout test documents.

Provenance only: the documents in ../gongwen, ../web and ../traditional are the test data;
this code records how they were put together (fixture bodies copied verbatim, layout
elements added around them, OpenCC for the traditional copies).
"""
from __future__ import annotations

import os
from pathlib import Path

FIXTURES = Path(os.environ.get("FIXTURES", Path(__file__).resolve().parents[2] / "fixtures"))
OUT = Path(__file__).resolve().parents[2] / "fixtures" / "layouts"

BASES = {
    "000": "000_afa1c9d59f367721.txt",
    "001": "001_f6bb264d07dd80ca.txt",
    "002": "002_943b5966bb0e66c9.txt",
    "003": "003_64caf8860024a4f7.txt",
    "004": "004_8188c43d4e8d5109.txt",
}


def fixture_lines(key: str) -> list[str]:
    """The fixture's lines, 1-based access via fx(key)[n-1]; nothing is changed."""
    return (FIXTURES / BASES[key]).read_text(encoding="utf-8").split("\n")


class Doc:
    """A document as a list of lines, with tags on the lines the manifest points at."""

    def __init__(self, rel: str, base: str, kind: str):
        self.rel = rel
        self.base = BASES[base]
        self.kind = kind
        self.items: list[tuple[str, tuple[str, ...]]] = []

    def add(self, text: str = "", *tags: str) -> "Doc":
        assert "\n" not in text, text
        self.items.append((text, tags))
        return self

    def lines(self, texts, first_tag: str | None = None) -> "Doc":
        for i, t in enumerate(texts):
            self.add(t, *((first_tag,) if (first_tag and i == 0) else ()))
        return self

    # -- output -----------------------------------------------------------------
    def render(self, flatten: str | None = None) -> tuple[str, dict[str, list[int]]]:
        """Text and tag -> 1-based line numbers. flatten=sep joins everything on one line."""
        tags: dict[str, list[int]] = {}
        if flatten is not None:
            pieces = [t for t, _ in self.items if t != ""]
            for _, tg in self.items:
                for g in tg:
                    tags.setdefault(g, []).append(1)
            return flatten.join(pieces) + "\n", tags
        for n, (_, tg) in enumerate(self.items, 1):
            for g in tg:
                tags.setdefault(g, []).append(n)
        return "\n".join(t for t, _ in self.items) + "\n", tags


def write(rel: str, text: str, encoding: str = "utf-8", errors: str = "strict") -> Path:
    p = OUT / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode(encoding, errors))
    return p
