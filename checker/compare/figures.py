"""Figures that stand in both years' reports under the same label with the same value.

A figure is a hit of the rule's figure matcher (a number with its unit: 352个, 100%, 6场次).
Its *label* is what it counts, read from the words around it in its clause (between ，；。：):
the last two content words before it (处理352个投诉件 → 处理; 参考率、优秀率均达100% → 参考率,
优秀率) and the first content words after its unit (352个投诉件 → 投诉件; 查处416宗违法案件 →
违法, 案件). Content words are as for items (items.terms_of): framing words, the report's
self-reference (我局, 本局) and one-character words do not label anything.

Two figures of the two years are under the same label when they have the same unit and the
same nearest word before them (and the same second one, where both have two: 其他文件2件 is not
规范性文件2件), or after them, or the words after the one are those before the other
(查处违法案件389宗 / 查处416宗违法案件). They are *identical* when their values are equal too.
Each figure of this year pairs with at most one of last year's; a figure that stands twice in
both years is counted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

from .items import terms_of
from .tokens import cached

if TYPE_CHECKING:
    from ..segment.document import Document, Range

_NUMBER = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")
_CLAUSE = re.compile(r"[，,；;。:：！？!?\n]")
_SELF = re.compile(r"^(?:我|本)")


@dataclass
class Figure:
    start: int
    end: int
    value: str  # the number as written, without separators
    unit: str  # what follows it (余 / 多 dropped)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)

    def same_label(self, other: "Figure") -> bool:
        if self.unit != other.unit:
            return False
        return (_agree(self.before[::-1], other.before[::-1]) or _agree(self.after, other.after)
                or _agree(self.after, other.before) or _agree(self.before, other.after))

    @property
    def label(self) -> str:
        return "".join(self.before[-1:] or self.after[:1])

    shown: str = ""  # the figure with the words that label it, as written (处理352个投诉件)
    clause: tuple[int, int] = (0, 0)  # the clause it stands in (its quote)


def _agree(x: Sequence[str], y: Sequence[str]) -> bool:
    """Two label word lists (nearest word first) agree: the same nearest word, and the same
    second one where both have two (其他文件 is not 规范性文件)."""
    if not x or not y or x[0] != y[0]:
        return False
    return len(x) < 2 or len(y) < 2 or x[1] == y[1]


def _clause(doc: "Document", a: int, b: int) -> tuple[int, int]:
    text = doc.text
    lo = max((m.end() for m in _CLAUSE.finditer(text, max(0, a - 60), a)), default=max(0, a - 60))
    m = _CLAUSE.search(text, b, min(len(text), b + 40))
    return lo, (m.start() if m else min(len(text), b + 40))


def figures(doc: "Document", hits: Sequence["Range"], framing: Callable[[str], bool]) -> list[Figure]:
    """The figures of the hits (number + unit), each with its label words."""
    out = []
    text = doc.text
    words = lambda w: framing(w) or bool(_SELF.match(w))  # noqa: E731
    for a, b in hits:
        m = _NUMBER.search(text, a, b)
        if not m:
            continue
        value = re.sub(r"[,，]", "", m.group())
        unit = re.sub(r"[\s余多近]", "", text[m.end():b])
        ca, cb = _clause(doc, a, b)
        sent = doc.sentence_at(a)
        toks = [t for t in cached(doc, sent) if ca <= t.start and t.end <= cb]
        before = terms_of([t for t in toks if t.end <= a], words)[-2:]
        after = terms_of([t for t in toks if t.start >= b], words)[:2]
        fig = Figure(a, b, value, unit, before, after)
        head = text[max(ca, a - 8):a]
        head = re.split(r"[、，,；;。:：\s]", head)[-1]
        tail = re.split(r"[、，,；;。:：\s]", text[b:min(cb, b + 5)])[0]
        fig.shown = head + text[a:b] + tail
        fig.clause = (ca, cb)
        out.append(fig)
    return out


def identical(this: Sequence[Figure], last: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """(this year's, last year's) figures under the same label with the same value; a figure
    that stands twice in both (合格率达100% in two parts) is one."""
    used: set[int] = set()
    seen: set[tuple[str, str, str]] = set()
    out = []
    for f in this:
        for k, g in enumerate(last):
            if k not in used and f.value == g.value and f.same_label(g):
                used.add(k)
                if (f.value, f.unit, f.label) not in seen:
                    seen.add((f.value, f.unit, f.label))
                    out.append((f, g))
                break
    return out


def changed(this: Sequence[Figure], last: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """(this year's, last year's) figures under the same label whose values differ (for the
    message: identical figures are the exception among them)."""
    same = {id(f) for f, _ in identical(this, last)} | {id(g) for _, g in identical(this, last)}
    out = []
    used: set[int] = set()
    for f in this:
        if id(f) in same:
            continue
        for k, g in enumerate(last):
            if k not in used and id(g) not in same and f.same_label(g):
                used.add(k)
                out.append((f, g))
                break
    return out
