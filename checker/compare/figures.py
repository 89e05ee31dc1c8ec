"""Figures that stand in both years' reports under the same label with the same value.

A figure is a hit of the rule's figure matcher (a number with its unit: 352个, 100%, 6场次).
Its *label* is what it counts, read from the words around it in its clause (between ，；。：):
the last two content words before it (处理352个投诉件 → 处理; 参考率、优秀率均达100% → 优秀率,
均达) and the first content words after its unit (352个投诉件 → 投诉件; 查处416宗违法案件 →
违法, 案件). Content words are as for items (items.terms_of): framing words, the report's
self-reference (我局, 本局) and one-character words do not label anything.

Two figures of the two years are under the same label when they have the same unit and the
same nearest word before them (and the same second one, where both have two: 其他文件2件 is not
规范性文件2件; or the one word of one is the other's second: 卸载7792.6吨 / 卸载货物6513.4吨), or
after them, or the words after the one are those before the other (查处违法案件389宗 /
查处416宗违法案件). They are *identical* when their values are equal too; the label words are
read only for figures whose value and unit the other year has.
Each figure of this year pairs with at most one of last year's; a figure that stands twice in
both years is counted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence

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
    clause: tuple[int, int] = (0, 0)  # the clause it stands in (its quote)
    shown: str = ""  # the figure with the words around it, as written (处理352个投诉件)
    _doc: Any = field(default=None, repr=False)
    _framing: Any = field(default=None, repr=False)
    _label: tuple[list[str], list[str]] | None = field(default=None, repr=False)

    def _words(self) -> tuple[list[str], list[str]]:
        """The label words before and after it (segmented only when a figure of the other year
        has its value and unit: most figures never need it)."""
        if self._label is None:
            doc, (ca, cb) = self._doc, self.clause
            toks = [t for t in cached(doc, doc.sentence_at(self.start)) if ca <= t.start and t.end <= cb]
            before = terms_of([t for t in toks if t.end <= self.start], self._framing)[-2:]
            after = terms_of([t for t in toks if t.start >= self.end], self._framing)[:2]
            self._label = (before, after)
        return self._label

    @property
    def before(self) -> list[str]:
        return self._words()[0]

    @property
    def after(self) -> list[str]:
        return self._words()[1]

    def same_label(self, other: "Figure") -> bool:
        if self.unit != other.unit:
            return False
        return (_agree(self.before[::-1], other.before[::-1]) or _agree(self.after, other.after)
                or _agree(self.after, other.before) or _agree(self.before, other.after))

    @property
    def label(self) -> str:
        return "".join(self.before[-1:] or self.after[:1])

    def named(self) -> str:
        """The figure with its nearest label words, as written (市县两级21支执法队伍)."""
        text = self._doc.text
        ca, cb = self.clause
        a, b = self.start, self.end
        for w in reversed(self.before):  # the nearest word, and the one before it when it adjoins
            k = text.rfind(w, ca, a)
            if k < 0 or a - (k + len(w)) > (2 if a == self.start else 1):
                break
            a = k
        for w in self.after:  # the words right after the unit
            if not text.startswith(w, b):
                break
            b += len(w)
        return text[a:b]


def _agree(x: Sequence[str], y: Sequence[str]) -> bool:
    """Two label word lists (nearest word first) agree: the same nearest word, and the same
    second one where both have two (其他文件 is not 规范性文件); or the one word of one is the
    second of the other (卸载 | 货物)."""
    if not x or not y:
        return False
    if x[0] == y[0]:
        return len(x) < 2 or len(y) < 2 or x[1] == y[1]
    # one label has a word more next to the figure: 卸载货物6513.4吨 / 卸载7792.6吨
    return (len(x) == 1 and len(y) > 1 and x[0] == y[1]) or (len(y) == 1 and len(x) > 1 and y[0] == x[1])


def _clause(doc: "Document", a: int, b: int) -> tuple[int, int]:
    text = doc.text
    lo = max((m.end() for m in _CLAUSE.finditer(text, max(0, a - 60), a)), default=max(0, a - 60))
    m = _CLAUSE.search(text, b, min(len(text), b + 40))
    return lo, (m.start() if m else min(len(text), b + 40))


def figures(doc: "Document", hits: Sequence["Range"], framing: Callable[[str], bool]) -> list[Figure]:
    """The figures of the hits (number + unit); their label words are read when needed."""
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
        head = re.split(r"[、，,；;。:：\s]", text[max(ca, a - 8):a])[-1]
        tail = re.split(r"[、，,；;。:：\s]", text[b:min(cb, b + 5)])[0]
        out.append(Figure(a, b, value, unit, (ca, cb), head + text[a:b] + tail, doc, words))
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
    """(this year's, last year's) figures under the same label whose values differ. Reads the
    label of every figure with a unit the other year has: the dearer finding."""
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
