"""Last year's shortcomings and plans, followed up in this year's report.

**Items.** The items of a part (last year's 不足, last year's 下一年度安排, this year's 不足) are
its enumerated sub-items — the sections one level below the part's heading (一是 / （一） / 1.
…) — or, in a part without any, the sentences of its body. An item's *key* is what it is about:
its heading words (the sentence of an item without heading) up to the first clause mark,
"二是普法宣传形式比较单一" → 普法宣传形式比较单一; "（四）落实提升行政执法质量三年行动。" → 落实提升行政执法质量三年行动.

**Terms.** An item is compared by its content words (our segmenter's words): not the words
that frame an item rather than say what it is about (a lexicon of the rules: 加强 推进 深化
不足 有待 …), not figures, not one-character words — but a run of one-character words (三 年 →
三年) is one term. In a shortcoming, the word right after a negation (不够 / 有待 / 欠 / 不 …)
is the quality found lacking, not the topic, and is left out: 信息报送不够及时 is about 信息报送,
which a measure answers without saying 及时.

**Weights.** A term weighs what it tells apart among the places searched: log((N+1)/(n+1)) for
N units of which n hold it (for this year's 不足 items, N and n are counted over this year's
sentences: two or three items are too few). The issuer's everyday words (交通, 运输, 执法 in a transport
bureau's report) weigh little, a term no measure uses weighs most.

**Measures.** This year's measures are the sentences of the given parts (主要举措和成效, 第一责任人
履职) less this year's 不足, 安排 and 其他 parts: a plan is not a measure, and a remedy told
inside the 不足 paragraph is not one either. Each sentence is read with the headings of the
sections it stands in (a run-in heading "（四）…不断优化营商环境。" is what its 一是 … 二是 … are
about).

**Scores.** The overlap of an item with a unit is the weight of the item's terms the unit holds
over the weight of all its terms — counted only when it holds at least two of them (or the one
term of a one-term key). An item is *taken up* (a shortcoming) or *fulfilled* (a plan) when its
key, or one of its body sentences of three terms or more, reaches ``overlap`` in some measure.
A shortcoming is *listed again* when it reaches ``repeat`` with one of this year's 不足 items,
either way round (last year's item in this year's, or this year's key in last year's item).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from ..segment.document import fold
from .tokens import Token, cached, sentences

if TYPE_CHECKING:
    from ..segment.document import Document, Range, Section

OVERLAP = 0.45
REPEAT = 0.45
# one-character words that never start a term of their own (三 年 → 三年, but not 的 or 是)
FUNCTION_CHARS = frozenset("的地得了着过和与及或并在对把将向从为是要等其之以于由被所也都又还更最很较就才而且但则即如若每各该此这那个")
NEGATIONS = frozenset(["不够", "不太", "不甚", "不尽", "欠", "有待", "尚待", "亟待", "亟需", "不", "未", "没有", "缺少", "缺乏"])
_CLAUSE = re.compile(r"[，,；;。:：！？!?]")
_MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、是要]|\d+[.、．]|[①-⑳])\s*")


@dataclass
class Item:
    start: int  # the item's range in its Document.text
    end: int
    key: tuple[int, int]  # where its key is
    terms: list[str] = field(default_factory=list)  # of the key
    sentence_terms: list[list[str]] = field(default_factory=list)  # of each body sentence

    def key_text(self, doc: "Document") -> str:
        return doc.text[self.key[0]:self.key[1]].strip()


def terms_of(toks: Iterable[Token], framing: Callable[[str], bool], negated: bool = False) -> list[str]:
    """The content terms of some tokens (see the module's doc)."""
    out: list[str] = []
    run: list[str] = []
    skip = False

    def flush() -> None:
        if len(run) >= 2:
            joined = "".join(run)
            if not framing(joined):
                out.append(joined)
        run.clear()

    for t in toks:
        if not t.word:
            flush()
            skip = False
            continue
        w = t.norm
        if negated and w in NEGATIONS:
            flush()
            skip = True
            continue
        if skip and not framing(w):  # the quality found lacking: 不够 | 及时
            skip = False
            flush()
            continue
        if len(w) == 1 and w not in FUNCTION_CHARS and not w.isdigit():
            run.append(w)
            continue
        flush()
        if len(w) >= 2 and not any(c.isdigit() for c in w) and not framing(w):
            out.append(w)
    flush()
    return list(dict.fromkeys(out))


def _key_range(doc: "Document", a: int, b: int, sec: "Section | None") -> tuple[int, int]:
    if sec is not None:
        ka, kb = sec.heading.text_start, sec.heading.text_end
    else:
        ka, kb = a, b
        m = _MARKER.match(doc.text, ka, kb)
        if m:
            ka = m.end()
    m = _CLAUSE.search(doc.text, ka, kb)
    if m and m.start() - ka >= 4:
        kb = m.start()
    while kb > ka and (doc.text[kb - 1].isspace() or _CLAUSE.match(doc.text[kb - 1])):
        kb -= 1
    return ka, kb


def items(doc: "Document", sections: Sequence["Section"], ranges: Sequence["Range"],
          framing: Callable[[str], bool], negated: bool = False) -> list[Item]:
    """The items of a part (its sections, or for a part found without heading its ranges)."""
    spans: list[tuple[int, int, Section | None]] = []
    if sections:
        for s in sections:
            if s.children:
                spans += [(c.start, c.end, c) for c in s.children]
            else:  # no sub-items: the sentences of its body
                spans += [(a, b, None) for a, b in sentences(doc, [(s.body_start, s.end)])]
    else:
        spans += [(a, b, None) for a, b in sentences(doc, ranges)]
    out = []
    text = doc.text
    for a, b, sec in spans:
        if not text[a:b].strip():
            continue
        ka, kb = _key_range(doc, a, b, sec)
        if kb <= ka:
            continue
        item = Item(a, b, (ka, kb))
        within = [(sa, sb) for sa, sb in doc.sentences_in([(a, b)])]
        toks = [t for sent in within for t in cached(doc, sent)]
        item.terms = terms_of([t for t in toks if ka <= t.start and t.end <= kb], framing, negated)
        item.sentence_terms = [terms_of([t for t in cached(doc, sent) if t.start >= kb and t.end <= b], framing, negated)
                               for sent in within if sent[1] > kb]
        if item.terms or any(item.sentence_terms):
            out.append(item)
    return out


@dataclass
class Unit:
    """A place of this year's report an item is looked for in: a sentence (read with its
    section headings) or an item of this year's 不足."""

    start: int
    end: int
    text: str  # folded, with the headings over it


class Search:
    """Units, and the weights of terms among them (or among the texts of ``pool``)."""

    def __init__(self, units: list[Unit], pool: Sequence[str] | None = None) -> None:
        self.units = units
        self.pool = list(pool) if pool is not None else [u.text for u in units]
        self._w: dict[str, float] = {}

    def weight(self, term: str) -> float:
        w = self._w.get(term)
        if w is None:
            n = sum(1 for t in self.pool if term in t)
            w = self._w[term] = math.log((len(self.pool) + 1) / (n + 1))
        return w

    def overlap(self, terms: Sequence[str], text: str) -> float:
        if not terms:
            return 0.0
        hit = [t for t in terms if t in text]
        if len(hit) < min(2, len(terms)):
            return 0.0
        total = sum(self.weight(t) for t in terms)
        return sum(self.weight(t) for t in hit) / total if total else 0.0

    def best(self, item: Item, min_terms: int = 3) -> tuple[float, Unit | None]:
        """The unit where the item (its key, or one of its body sentences) overlaps most."""
        best, where = 0.0, None
        probes = [item.terms] + [s for s in item.sentence_terms if len(s) >= min_terms]
        for u in self.units:
            for p in probes:
                v = self.overlap(p, u.text)
                if v > best:
                    best, where = v, u
        return best, where


def measure_units(doc: "Document", ranges: Sequence["Range"], tops: Sequence["Section"]) -> list[Unit]:
    """This year's measures: each sentence with the headings of the sections over it (up to,
    not including, the parts' own headings)."""
    top = {s.index for s in tops}
    text = doc.plain or doc.text
    out = []
    for a, b in sentences(doc, ranges):
        heads = []
        s = doc.section_at(a)
        while s is not None and s.index not in top:
            if not (s.heading.start <= a < s.heading.end):
                heads.append(text[s.heading.start:s.heading.end])
            s = s.parent
        out.append(Unit(a, b, fold(text[a:b] + "".join(heads))))
    return out


def item_units(doc: "Document", its: Sequence[Item]) -> list[Unit]:
    text = doc.plain or doc.text
    return [Unit(i.start, i.end, fold(text[i.start:i.end])) for i in its]


@dataclass
class Fate:
    item: Item
    measure: float = 0.0  # best overlap with a measure
    at: Unit | None = None  # that measure
    repeat: float = 0.0  # best overlap with one of this year's 不足 items
    again: Unit | None = None  # that item

    def taken_up(self, overlap: float = OVERLAP) -> bool:
        return self.measure >= overlap

    def repeated(self, repeat: float = REPEAT) -> bool:
        return self.repeat >= repeat


def follow(last: "Document", last_items: Sequence[Item], measures: Sequence[Unit],
           this_items: Sequence[Item] = (), this: "Document | None" = None) -> list[Fate]:
    """Each of last year's items with its best measure and (given this year's items) its best
    repetition."""
    search = Search(list(measures))
    lasttext = last.plain or last.text
    again = None
    if this is not None and this_items:  # weights among this year's sentences: three items are too few
        text = this.plain or this.text
        again = Search(item_units(this, this_items), [fold(text[a:b]) for a, b in sentences(this)])
    out = []
    for it in last_items:
        f = Fate(it)
        f.measure, f.at = search.best(it)
        if again is not None:
            f.repeat, f.again = again.best(it)
            own = fold(lasttext[it.start:it.end])
            for u, other in zip(again.units, this_items):  # this year's key in last year's item
                v = again.overlap(other.terms, own)
                if v > f.repeat:
                    f.repeat, f.again = v, u
        out.append(f)
    return out
