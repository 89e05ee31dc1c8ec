"""Standard phrases: runs of words that reports of different issuers share.

``standard.txt`` (shipped with the package) holds one phrase a line, its tokens (tokens.py's
normalised form) separated by spaces. It is written by tools/compare_boilerplate.py: every
maximal run of at least MIN_TOKENS tokens that two reports of different issuers have in common,
over the bundled fixtures and the hand-written reports of the segmenter's domain data (one
report per issuer). Any word n-gram shared by two such reports lies inside one of these runs,
so "an n-gram of a standard phrase" is "an n-gram found in the reports of two issuers",
whatever n the rule asks for.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Iterable, Sequence

MIN_TOKENS = 4
FILE = "standard.txt"


def common_runs(a: Sequence[str], b: Sequence[str], min_tokens: int = MIN_TOKENS) -> set[tuple[str, ...]]:
    """Every maximal run of at least min_tokens tokens that a and b share (as token tuples)."""
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b) - min_tokens + 1):
        index.setdefault(tuple(b[j:j + min_tokens]), []).append(j)
    out: set[tuple[str, ...]] = set()
    for i in range(len(a) - min_tokens + 1):
        for j in index.get(tuple(a[i:i + min_tokens]), ()):
            if i > 0 and j > 0 and a[i - 1] == b[j - 1]:
                continue  # not where the run starts
            k = min_tokens
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            out.add(tuple(a[i:i + k]))
    return out


def phrases_of(docs: Iterable[tuple[str, Sequence[str]]], min_tokens: int = MIN_TOKENS) -> set[tuple[str, ...]]:
    """The standard phrases of (issuer, tokens) documents: runs shared across issuers."""
    docs = list(docs)
    out: set[tuple[str, ...]] = set()
    for x in range(len(docs)):
        for y in range(x + 1, len(docs)):
            if docs[x][0] != docs[y][0]:
                out |= common_runs(docs[x][1], docs[y][1], min_tokens)
    return out


def ngrams(phrases: Iterable[Sequence[str]], n: int) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(p[k:k + n]) for p in phrases for k in range(len(p) - n + 1))


@functools.lru_cache(maxsize=1)
def phrases() -> tuple[tuple[str, ...], ...]:
    text = (resources.files("checker.compare") / FILE).read_text("utf-8")
    return tuple(tuple(line.split(" ")) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=8)
def standard(n: int) -> frozenset[tuple[str, ...]]:
    """The n-grams of the shipped standard phrases."""
    return ngrams(phrases(), n)
