"""The words of a report's 正文, as the comparison sees them.

Each sentence is segmented on its own by our pkuseg model (``fastseg.cut``: the same words as
everywhere else in fzcheck), once per document (the tokens are kept on the Document). A token
keeps its place in ``Document.text`` and a folded form for comparing (full-width → half-width,
curly quotes → straight, as rules match). Punctuation marks are tokens — a run of words that
crosses a sentence end needs the same mark — but are not counted as words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ..segment.document import fold

if TYPE_CHECKING:
    from ..segment.document import Document, Range

_PUNCT = re.compile(r"^[\W_]+$")
_TEXT_CHAR = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Token:
    norm: str  # what is compared
    start: int  # offsets in Document.text
    end: int
    word: bool  # not a punctuation mark (nor a barrier)


def barrier(i: int) -> Token:
    """A token no other token equals: stands where sentences were left out, so that no run of
    words is found across the gap."""
    return Token(f"\x00{i}", -1, -1, False)


def text_chars(s: str) -> int:
    """Characters of a text that count (not white space, not punctuation)."""
    return len(_TEXT_CHAR.findall(s))


def sentence_tokens(text: str, a: int, b: int) -> list[Token]:
    """The tokens of text[a:b] (one sentence), segmented alone."""
    from ..segment import fastseg

    out: list[Token] = []
    s = text[a:b]
    pos = 0
    for w in fastseg.cut(s):
        i = s.find(w, pos)
        if i < 0:  # pragma: no cover - fastseg only drops white space
            continue
        pos = i + len(w)
        n = fold(w)
        out.append(Token(n, a + i, a + pos, not _PUNCT.match(n)))
    return out


def sentences(doc: "Document", ranges: Iterable["Range"] | None = None) -> list["Range"]:
    """The sentences that start inside the ranges (default: the 正文), in order, each once."""
    if ranges is None:
        ranges = doc.regions.get("body", [])
    out: list[Range] = []
    seen: set[int] = set()
    for a, b in ranges:
        for sa, sb in doc.sentences_in([(a, b)]):
            if a <= sa < b and sa not in seen:
                seen.add(sa)
                out.append((sa, sb))
    out.sort()
    return out


def cached(doc: "Document", sentence: "Range") -> list[Token]:
    """The tokens of one sentence of the document (segmented on first use, then kept)."""
    cache = doc.__dict__.setdefault("_compare_tokens", {})  # sentence start → its tokens
    toks = cache.get(sentence[0])
    if toks is None:
        toks = cache[sentence[0]] = sentence_tokens(doc.plain or doc.text, *sentence)
    return toks


def tokens(doc: "Document", ranges: Iterable["Range"] | None = None,
           keep: "set[int] | None" = None) -> list[Token]:
    """The tokens of the sentences that start inside the ranges (default: the 正文). With
    ``keep`` (sentence starts), only those sentences are segmented; a barrier token stands
    wherever sentences were left out."""
    out: list[Token] = []
    gap = False
    for k, s in enumerate(sentences(doc, ranges)):
        if keep is not None and s[0] not in keep:
            gap = True
            continue
        if gap and out:
            out.append(barrier(k))
        gap = False
        out.extend(cached(doc, s))
    return out
