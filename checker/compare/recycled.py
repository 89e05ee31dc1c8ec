"""Text carried over from last year's report, measured on words.

Both bodies are sequences of tokens (tokens.py). At each place of this year's body the longest
run of tokens that also stands in last year's body is found through an index of last year's
word n-grams (shingles of ``ngram`` tokens); a run shorter than one shingle is no match.

- **Standard phrases do not count.** A token of a run counts as carried over only if no window
  of the run that holds it (of ``standard`` words, 5 by default) is a *standard phrase*, i.e.
  found in the reports of two different issuers (boilerplate.py): 深入学习贯彻习近平法治思想, 在区委、
  区政府的正确领导下 say nothing about copying, inside a copied paragraph or outside it. Nor do
  one or two words left between or beside standard phrases (全面 | 落实行政执法公示制度…).
- **A changed figure or clause does not break a passage.** Runs broken only by a few tokens on
  both sides (``gap``: a year, a figure, an ordinal, a clause replaced) are one passage, and what
  changed in between goes with it: a paragraph copied with this year's figures put in is still
  copied.
- **Short runs are not passages.** A passage with fewer than ``min_words`` carried words is
  dropped: two reports of one office share the names of its systems and campaigns, which are
  not a copied paragraph; nor is a reworded sentence that keeps such a name.

The share is the characters of this year's body (white space and punctuation not counted) that
lie in carried words, over all of them. Matching is on words; only the share is counted in
characters, so that a long word weighs what it is long and the figure can be read beside a
character count.

Segmenting is most of the time a comparison takes, so only the sentences that share a run of
PREFILTER characters with the other report are segmented (a barrier token stands for the
others): a run of 6 words is about 10–12 characters, and a passage of 10 words holds such runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from .tokens import Token, sentences, text_chars, tokens

if TYPE_CHECKING:
    from ..segment.document import Document, Range

NGRAM = 6
MIN_WORDS = 10
GAP = 4
ISLAND = 3  # fewer words than this between or beside standard phrases go with them
#: sentences without a run of this many characters in common with the other report are not
#: segmented (what 6 words usually are; on all 90 ordered pairs of the ten bundled reports the
#: passages are the same as with every sentence segmented, for a fifth of the segmenting)
PREFILTER = 12


@dataclass
class Passage:
    this: tuple[int, int]  # token indices [i0, i1) in this year's tokens
    last: tuple[int, int]  # token indices [j0, j1) in last year's tokens
    words: int  # carried words in it
    this_span: tuple[int, int] = (0, 0)  # character offsets in this year's Document.text
    last_span: tuple[int, int] = (0, 0)  # … and in last year's
    chars: int = 0  # characters of its carried words
    #: the carried words' character ranges in this year's text (a standard phrase inside the
    #: passage is in its span but not here)
    carried: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Recycled:
    chars: int  # characters of this year's body carried over
    total: int  # characters of this year's body
    passages: list[Passage]  # longest first
    words: int = 0  # words carried over

    @property
    def share(self) -> float:
        return self.chars / self.total if self.total else 0.0


def _matches(a: Sequence[str], b: Sequence[str], n: int) -> list[tuple[int, int, int]]:
    """(i, j, length) of greedy longest runs of a found in b, left to right, each >= n tokens."""
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b) - n + 1):
        index.setdefault(tuple(b[j:j + n]), []).append(j)
    out = []
    i, last_end = 0, 0
    while i <= len(a) - n:
        best, bj = 0, -1
        for j in index.get(tuple(a[i:i + n]), ()):
            k = n
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            # the longest; of equal ones the first after the previous match (the same order)
            if k > best or (k == best and bj < last_end <= j):
                best, bj = k, j
        if best:
            out.append((i, bj, best))
            last_end = bj + best
            i += best
        else:
            i += 1
    return out


def compare(this: Sequence[Token], last: Sequence[Token], standard: frozenset[tuple[str, ...]] | set,
            ngram: int = NGRAM, min_words: int = MIN_WORDS, gap: int = GAP, total: int | None = None) -> Recycled:
    """Carried-over passages of ``this`` (tokens) found in ``last``. ``total`` is the number of
    characters of this year's body (default: those of the tokens)."""
    a = [t.norm for t in this]
    b = [t.norm for t in last]
    carried = [False] * len(this)
    runs: list[list[int]] = []  # [i0, i1, j0, j1]: the matches that carry something
    # the standard phrases come as n-grams of one length (boilerplate.standard(n)), maybe shorter
    # than the shingles: a standard phrase of 4 words inside a run of copied words does not count
    sn = len(next(iter(standard))) if standard else ngram
    for i, j, length in _matches(a, b, ngram):
        std = [False] * length
        for k in range(length - sn + 1):
            if tuple(a[i + k:i + k + sn]) in standard:
                for m in range(k, k + sn):
                    std[m] = True
        if any(std):  # a word or two between standard phrases is standard wording too (全面 | 落实…)
            k = 0
            while k < length:
                if std[k]:
                    k += 1
                    continue
                e = k
                while e < length and not std[e]:
                    e += 1
                if sum(1 for m in range(k, e) if this[i + m].word) < ISLAND:
                    for m in range(k, e):
                        std[m] = True
                k = e
        kept = [k for k in range(length) if not std[k]]
        if not kept:
            continue
        for k in kept:
            carried[i + k] = True
        # the passage is the whole run, standard phrases and all (the same text in both years);
        # only its carried words are counted
        runs.append([i, i + length, j, j + length])
    runs.sort()
    merged: list[list[int]] = []
    for r in runs:
        if merged:
            q = merged[-1]
            between = this[q[1]:r[0]]
            if (0 <= r[0] - q[1] <= gap and 0 <= r[2] - q[3] <= gap
                    and all(t.start >= 0 for t in between) and all(t.start >= 0 for t in last[q[3]:r[2]])):
                for m in range(q[1], r[0]):  # what changed in between goes with the passage
                    carried[m] = True
                q[1], q[3] = r[1], r[3]
                continue
        merged.append(r)
    passages = []
    for i0, i1, j0, j1 in merged:
        i0, i1, j0, j1 = _trim(this, i0, i1, j0, j1)
        while j0 < j1 and not last[j0].word and last[j0].norm not in OPENERS:
            j0 += 1
        while j1 > j0 and not last[j1 - 1].word and last[j1 - 1].norm not in CLOSERS:
            j1 -= 1
        kept_tokens = [this[m] for m in range(i0, i1) if carried[m] and this[m].word]
        if len(kept_tokens) < min_words or j1 <= j0:
            continue
        chars = sum(text_chars(t.norm) for t in kept_tokens)
        passages.append(Passage((i0, i1), (j0, j1), len(kept_tokens), (this[i0].start, this[i1 - 1].end),
                                (last[j0].start, last[j1 - 1].end), chars, [(t.start, t.end) for t in kept_tokens]))
    if total is None:
        total = sum(text_chars(t.norm) for t in this if t.word)
    passages.sort(key=lambda p: (-p.chars, p.this[0]))
    return Recycled(sum(p.chars for p in passages), total, passages, sum(p.words for p in passages))


OPENERS = frozenset("(（《“\"'‘[【〔")
CLOSERS = frozenset(")）》”\"'’]】〕")
_ENDS = frozenset("。;；,，:：!！?？、")


def _trim(this: Sequence[Token], i0: int, i1: int, j0: int, j1: int, frag: int = 2) -> tuple[int, int, int, int]:
    """A passage's ends on whole clauses: no punctuation at either end (but the brackets and
    quotes that open or close it), and not the tail of a clause it starts in or the head of a
    clause it ends in when that is no more than ``frag`` words (册。| (三)… / …案件。| 四是)."""
    def punct(t: Token) -> bool:
        return not t.word and t.norm in _ENDS

    if i0 > 0 and this[i0 - 1].word and this[i0 - 1].start >= 0:  # starts inside a clause
        for k in range(i0, min(i1, i0 + frag + 1)):
            if punct(this[k]):
                j0 += k + 1 - i0
                i0 = k + 1
                break
    if i1 < len(this) and this[i1].word and this[i1].start >= 0:  # ends inside a clause
        for k in range(i1 - 1, max(i0, i1 - frag - 2), -1):
            if punct(this[k]):
                j1 -= i1 - (k + 1)
                i1 = k + 1
                break
    while i0 < i1 and not this[i0].word and this[i0].norm not in OPENERS:
        i0, j0 = i0 + 1, j0 + 1
    while i1 > i0 and not this[i1 - 1].word and this[i1 - 1].norm not in CLOSERS:
        i1, j1 = i1 - 1, j1 - 1
    return i0, i1, j0, j1


def _flat(doc: "Document", sents: list["Range"]) -> tuple[str, list[int]]:
    """The folded text of the sentences without white space, and each character's sentence."""
    from ..segment.document import fold

    text = doc.plain or doc.text
    chars: list[str] = []
    owner: list[int] = []
    for k, (a, b) in enumerate(sents):
        s = "".join(fold(text[a:b]).split())
        chars.append(s)
        owner.extend([k] * len(s))
    return "".join(chars), owner


def _shared_sentences(x: str, xo: list[int], grams: set[str], n: int) -> set[int]:
    out: set[int] = set()
    for i in range(len(x) - n + 1):
        if x[i:i + n] in grams:
            out.update(xo[i:i + n])
    return out


def compare_docs(this: "Document", last: "Document", standard: frozenset[tuple[str, ...]] | set,
                 this_ranges: "Sequence[Range] | None" = None, last_ranges: "Sequence[Range] | None" = None,
                 ngram: int = NGRAM, min_words: int = MIN_WORDS, gap: int = GAP) -> Recycled:
    """The carried-over passages between two documents' bodies (or the given ranges)."""
    ts = sentences(this, this_ranges)
    ls = sentences(last, last_ranges)
    tx, to = _flat(this, ts)
    lx, lo = _flat(last, ls)
    k = max(ngram, PREFILTER)
    tgrams = {tx[i:i + k] for i in range(len(tx) - k + 1)}
    lgrams = {lx[i:i + k] for i in range(len(lx) - k + 1)}
    keep_this = {ts[x][0] for x in _shared_sentences(tx, to, lgrams, k)}
    keep_last = {ls[x][0] for x in _shared_sentences(lx, lo, tgrams, k)}
    total = text_chars(tx)
    this_tokens = tokens(this, this_ranges, keep_this)
    last_tokens = tokens(last, last_ranges, keep_last)
    return compare(this_tokens, last_tokens, standard, ngram, min_words, gap, total)
