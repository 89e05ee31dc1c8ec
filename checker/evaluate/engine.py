"""Evaluate rules (data) against a Document.

A rule names *findings* (what to look for, where) and a list of *decisions* (the first whose
condition holds gives the status). Matching works on characters of the folded text, so a term
matches whether or not the word segmenter splits it; co-occurrence is judged per sentence,
paragraph or scope. See docs/rules.md for the language.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..segment.document import Document, Range, fold
from ..segment.structure import ENUM_RANK, marker_number
from .regexopt import distribute, trie
from .loader import RuleSet

YEAR_ANY = r"(?:19|20)\d\d"
_TEMPLATE = re.compile(r"\{Y([+-]\d)?\}")
SOURCE_NAMES = {"metadata": "元数据", "signature": "落款", "title": "标题", "text": "正文", "date": "成文日期",
                "opening": "开头段", "headings": "各部分标题", "masthead": "发文机关标志", "byline": "标题下方",
                "page": "网页", "published": "发布日期", "header": "版头", "addressee": "主送机关",
                "config": "配置文件（kind）"}
REGION_NAMES = {"all": "全文", "body": "正文", "title": "标题", "opening": "开头段", "signature": "落款",
                "headings": "各级标题", "header": "版头", "addressee": "主送机关", "attachment-note": "附件说明",
                "issuer": "发文机关署名", "date": "成文日期", "notes": "附注", "attachments": "附件", "colophon": "版记"}
ANNOTATION_NAMES = {"revision": "修订", "comment": "批注", "damage": "无法解码"}


@dataclass
class Counterpart:
    """Where a piece of evidence stands in last year's report (the compare rules)."""

    path: str
    line: int | None
    text: str
    location: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path, "line": self.line, "text": self.text}
        if self.location:
            d["location"] = self.location
        return d


@dataclass
class Evidence:
    section: str
    line: int | None
    text: str
    note: str | None = None
    location: str | None = None  # where in the original file (第3页第5行, 第14段), when known
    looked: bool = False  # not a quote: where the rule looked and what it did not find (未找到……)
    previous: Counterpart | None = None  # the same thing in last year's report, when compared

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"section": self.section, "line": self.line, "text": self.text}
        if self.note:
            d["note"] = self.note
        if self.location:
            d["location"] = self.location
        if self.previous is not None:
            d["previous"] = self.previous.as_dict()
        return d


@dataclass
class Anchor:
    """Where what a warn or fail asks for belongs in the report: after (or before, or at the
    end of) a part or region, at its input line — the place a Word comment or the web page
    points to when the thing is missing altogether."""

    position: str  # after / before
    line: int | None
    section: str  # what it stands after or before (存在的不足和原因部分, 正文 …)
    location: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"position": self.position, "line": self.line, "section": self.section}
        if self.location:
            d["location"] = self.location
        return d


@dataclass
class Result:
    id: str
    title: str
    severity: str
    status: str
    basis: str
    message: str
    hint: str
    evidence: list[Evidence] = field(default_factory=list)
    anchor: Anchor | None = None

    def as_dict(self) -> dict[str, Any]:
        d = {
            "id": self.id, "title": self.title, "severity": self.severity, "status": self.status,
            "basis": self.basis, "message": self.message, "hint": self.hint,
            "evidence": [e.as_dict() for e in self.evidence],
        }
        if self.anchor is not None:
            d["anchor"] = self.anchor.as_dict()
        return d


@dataclass
class Hit:
    start: int
    end: int
    kind: str = "text"  # text / heading / field
    text: str | None = None  # shown instead of the sentence (headings, fields)
    line: int | None = None
    planned: bool = False
    section: str | None = None  # for field hits: where the value was read
    location: str | None = None  # where in the original file, when the hit knows it itself
    previous: Counterpart | None = None  # compare hits: the same thing in last year's report
    name: str | None = None  # compare hits: what it is, for {names[…]} in messages
    note: str | None = None  # compare hits: said beside the quote


@dataclass
class Part:
    ranges: list[Range]
    sections: list[Any]
    via: str | None  # heading / fallback / None


# ---------------------------------------------------------------- patterns

def _year_sub(pattern: str, year: int | None, literal: bool) -> str:
    """Put the covered year into {Y}, {Y+1}, {Y-1}; any year when it is unknown."""
    out, last = [], 0
    for m in _TEMPLATE.finditer(pattern):
        chunk = pattern[last:m.start()]
        out.append(re.escape(fold(chunk)) if literal else chunk)
        if year is None:
            out.append(YEAR_ANY)
        else:
            out.append(str(year + int(m.group(1) or 0)))
        last = m.end()
    chunk = pattern[last:]
    out.append(re.escape(fold(chunk)) if literal else chunk)
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _compile(terms: tuple[str, ...], patterns: tuple[str, ...], year: int | None) -> re.Pattern[str]:
    if any(_TEMPLATE.search(t) for t in terms):
        alts = [_year_sub(t, year, True) for t in sorted(terms, key=len, reverse=True)]
    else:  # plain words: as a trie, the same matches as longest first (regexopt.trie)
        alts = [trie([fold(t) for t in terms])] if terms else []
    alts += [f"(?:{_year_sub(p, year, False)})" for p in patterns]
    return re.compile(distribute("|".join(alts)), re.M)


_RX_CACHE: dict[tuple[int, int | None], tuple[dict[str, Any], re.Pattern[str]]] = {}
_CLASS = re.compile(r"\[(?:\\.|[^\]])*\]")


@functools.lru_cache(maxsize=4096)
def _anchored(pattern: str) -> bool:
    """Whether a pattern uses ^ or $ outside character classes (then it must be run per piece)."""
    bare = _CLASS.sub("", pattern.replace("\\\\", ""))
    return bool(re.search(r"(?<!\\)[\^$]", bare))


def _per_piece(m: dict[str, Any]) -> bool:
    """Whether a matcher must run on each piece alone to mean what it says about that piece:
    'all' (its units may span pieces) and the sentence filters (their context may). Plain
    patterns and 'any' of them find the same hits in a piece whether or not others are scanned."""
    if "any" in m:
        return any(_per_piece(x) for x in m["any"])
    return "all" in m or "not_inside" in m or "not_in_sentence" in m or "events" in m


def _uses_words(m: dict[str, Any]) -> bool:
    """Whether a matcher (or one inside it) asks for word boundaries."""
    return bool(m.get("words")) or any(_uses_words(x) for k in ("any", "all") for x in m.get(k, [])) or (
        "not" in m and _uses_words(m["not"]))


def _merge(ranges: Iterable[Range]) -> list[Range]:
    out: list[Range] = []
    for a, b in sorted(r for r in ranges if r[1] > r[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _intersect(xs: list[Range], ys: list[Range]) -> list[Range]:
    out = []
    for a, b in xs:
        for c, d in ys:
            lo, hi = max(a, c), min(b, d)
            if lo < hi:
                out.append((lo, hi))
    return _merge(out)


def _subtract(xs: list[Range], ys: list[Range]) -> list[Range]:
    out = []
    for a, b in xs:
        pieces = [(a, b)]
        for c, d in ys:
            nxt = []
            for p, q in pieces:
                if d <= p or c >= q:
                    nxt.append((p, q))
                else:
                    if p < c:
                        nxt.append((p, c))
                    if d < q:
                        nxt.append((d, q))
            pieces = nxt
        out.extend(pieces)
    return _merge(out)


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class Evaluation:
    """Evaluates one rule set against one document (caches parts and findings)."""

    def __init__(self, rs: RuleSet, doc: Document, previous: Document | None = None) -> None:
        self.rs = rs
        self.doc = doc
        #: last year's report of the same issuer, evaluated with the same parts (compare rules)
        self.previous = Evaluation(rs, previous) if previous is not None else None
        self._comparison: Any = None
        self._framings: dict[str | None, Any] = {}
        self.year = doc.fields.year
        self._parts: dict[str, Part] = {}
        self._resolving: set[str] = set()
        self._notes: dict[Range, str] = {}  # what a hit of a dated event is about
        self._scopes: dict[Any, list[Range]] = {}  # rule objects live as long as the rule set
        self._scans: dict[tuple[re.Pattern[str], bool], tuple[list[int], list[Range]]] = {}

    # ------------------------------------------------------------ matchers
    def _regex(self, m: dict[str, Any]) -> re.Pattern[str]:
        key = (id(m), self.year)
        hit = _RX_CACHE.get(key)
        if hit is not None and hit[0] is m:
            return hit[1]
        if "lexicon" in m:
            lex = self.rs.lexicons[m["lexicon"]]
            rx = _compile(tuple(lex.get("terms", ())), tuple(lex.get("patterns", ())), self.year)
        elif "regex" in m:
            rx = _compile((), (m["regex"],), self.year)
        else:
            rx = _compile(tuple(m["terms"]) if "terms" in m else (m["term"],), (), self.year)
        _RX_CACHE[key] = (m, rx)  # the matcher is kept alive with its pattern, so its id stays its own
        return rx

    def match(self, m: dict[str, Any], ranges: list[Range], raw: bool = False,
              within: tuple[str, set[int]] | None = None) -> list[Range]:
        """Hits of a matcher in the ranges. ``within`` (from ``all``) says which units (sentences,
        paragraphs) can still count: hits elsewhere are dropped before their words are checked,
        so that a sentence is segmented only when the rest of the ``all`` holds in it."""
        text = self.doc.text if raw else self.doc.folded
        if "any" in m:
            hits = sorted({h for sub in m["any"] for h in self.match(sub, ranges, raw, within)})
        elif "all" in m:
            hits = self._all(m, ranges, raw, within)
        elif "not" in m:
            raise ValueError("'not' stands only inside 'all'")
        elif "events" in m:
            hits = self._events(m["events"], ranges, text)
        else:
            hits = self._leaf(self._regex(m), ranges, text, raw)
        # the sentence filters look in each sentence that holds a hit on its own (not merged with
        # the next: ^ and $ stand at a sentence's ends), so what they drop from a sentence depends
        # on that sentence alone, whichever other hits the tests below drop
        if hits and "not_inside" in m:
            context = sorted({self.doc.sentence_at(s) for s, _ in hits})
            bad = self.match(m["not_inside"], context, raw)
            hits = [h for h in hits if not any(b0 < h[1] and h[0] < b1 for b0, b1 in bad)]
        if hits and "not_in_sentence" in m:
            context = sorted({self.doc.sentence_at(s) for s, _ in hits})
            bad_sents = {self.doc.sentence_index(s) for s, _ in self.match(m["not_in_sentence"], context, raw)}
            hits = [h for h in hits if self.doc.sentence_index(h[0]) not in bad_sents]
        # words last: segmenting a sentence costs more than any other test of a hit
        if hits and m.get("words") and not ("any" in m or "all" in m or "events" in m):
            if within is not None:
                unit, ids = within
                hits = [h for h in hits if self._unit(unit, h[0]) in ids]
            hits = [h for h in hits if self.on_words(h)]
        return hits

    def on_words(self, h: Range) -> bool:
        """Whether a hit starts and ends where words do in its clause (segmented only now, and
        only the clauses that hold a candidate): 书记 in 习近平总书记 is not a 书记."""
        # (its end in the clause of its last character: a hit may hold a 、 or a ，)
        return h[0] in self.doc.word_bounds(h[0]) and h[1] in self.doc.word_bounds(h[1] - 1)

    def _leaf(self, rx: re.Pattern[str], ranges: list[Range], text: str, raw: bool) -> list[Range]:
        """Hits of one compiled pattern inside the ranges. Anchored patterns are matched on each
        piece alone (^ and $ stand at its ends). Unanchored ones are scanned once per document
        and their hits filtered (a lookbehind may then see the text just before a piece); a piece
        is scanned alone only when a hit straddles its edge."""
        def alone(a: int, b: int) -> list[Range]:
            return [(a + x.start(), a + x.end()) for x in rx.finditer(text[a:b]) if x.end() > x.start()]

        # small scopes (headings, a title) are cheaper to scan piece by piece
        if _anchored(rx.pattern) or sum(b - a for a, b in ranges) * 4 < len(text):
            return [h for a, b in ranges for h in alone(a, b)]
        key = (rx, raw)
        if key not in self._scans:
            whole = [(x.start(), x.end()) for x in rx.finditer(text) if x.end() > x.start()]
            self._scans[key] = ([h[0] for h in whole], whole)
        starts, whole = self._scans[key]
        out: list[Range] = []
        for a, b in ranges:
            i = bisect.bisect_left(starts, a)
            straddles = i > 0 and whole[i - 1][1] > a
            j = i
            while j < len(whole) and whole[j][0] < b:
                if whole[j][1] > b:
                    straddles = True
                    break
                j += 1
            out.extend(alone(a, b) if straddles else whole[i:j])
        return out

    def reference_date(self) -> tuple[dt.date, str] | None:
        """The day the report speaks from: its 成文日期, else 1 April after the covered year."""
        if self.doc.fields.date:
            return self.doc.fields.date, f"成文日期{self.doc.fields.date.isoformat()}"
        if self.year is not None:
            return dt.date(self.year + 1, 4, 1), f"{self.year + 1}年4月1日（报告无成文日期）"
        return None

    def _events(self, name: str, ranges: list[Range], text: str) -> list[Range]:
        ref = self.reference_date()
        if ref is None:
            return []
        day, said = ref
        hits: list[Range] = []
        for item in self.rs.events[name]["items"]:
            when = dt.date.fromisoformat(item["date"])
            if when <= day:
                continue
            rx = _compile(tuple(item.get("terms", ())), tuple(item.get("patterns", ())), self.year)
            for a, b in ranges:
                for x in rx.finditer(text[a:b]):
                    h = (a + x.start(), a + x.end())
                    hits.append(h)
                    self._notes[h] = f"{item['label']}（{item['date']}）晚于{said}"
        return sorted(set(hits))

    def _unit(self, unit: str, offset: int) -> int:
        if unit == "paragraph":
            return self.doc.paragraph_index(offset)
        if unit == "scope":
            return 0
        return self.doc.sentence_index(offset)

    def _all(self, m: dict[str, Any], ranges: list[Range], raw: bool,
             within: tuple[str, set[int]] | None = None) -> list[Range]:
        unit = m.get("unit", "sentence")
        positive = [s for s in m["all"] if set(s) != {"not"}]
        negative = [s["not"] for s in m["all"] if set(s) == {"not"}]
        # the parts that need no segmenting first; the others are word-checked only in the units
        # where the first ones hold (the same hits: the rest are dropped by the intersection)
        positive.sort(key=_uses_words)
        per: list[list[Range]] = []
        units: set[int] | None = within[1] if within is not None and within[0] == unit else None
        for sub in positive:
            hs = self.match(sub, ranges, raw, (unit, units) if units is not None and unit != "scope" else None)
            if not hs:
                return []
            per.append(hs)
            found = {self._unit(unit, s) for s, _ in hs}
            units = found if units is None else units & found
        if not per:
            return []
        for neg in negative:
            units -= {self._unit(unit, s) for s, _ in self.match(neg, ranges, raw)}
        return sorted({h for hs in per for h in hs if self._unit(unit, h[0]) in units})

    # ------------------------------------------------------------ parts
    def part(self, name: str) -> Part:
        if name in self._parts:
            return self._parts[name]
        if name in self._resolving:  # a cycle between parts: treat as absent
            return Part([], [], None)
        self._resolving.add(name)
        try:
            result = self._resolve_part(name, self.rs.parts[name])
        finally:
            self._resolving.discard(name)
        self._parts[name] = result
        return result

    def _resolve_part(self, name: str, spec: dict[str, Any]) -> Part:
        doc = self.doc
        levels = set(spec.get("levels", [1, 2]))
        enums = spec.get("enumerations", False)
        blocked = _merge(r for other in _names(spec.get("not_inside")) for r in self.part(other).ranges)
        starts = [p.ranges[0][0] for p in (self.part(n) for n in _names(spec.get("after"))) if p.ranges]
        after = min(starts) if starts else None
        candidates = []
        for s in doc.sections:
            h = s.heading
            if s.level not in levels or (h.style == ENUM_RANK and not enums):
                continue
            if after is not None and s.start <= after:
                continue
            if any(a < s.start < b for a, b in blocked):  # strictly inside: a shared heading may serve both
                continue
            candidates.append(s)
        pieces = [(s.heading.text_start, s.heading.text_end) for s in candidates]
        if _per_piece(spec["heading"]):
            matched = {i for i, p in enumerate(pieces) if self.match(spec["heading"], [p])}
        else:  # one match over all candidate headings, hits mapped back to their heading
            starts = [a for a, _ in pieces]
            matched = set()
            for x, _ in self.match(spec["heading"], pieces):
                i = bisect.bisect_right(starts, x) - 1
                if i >= 0 and x < pieces[i][1]:
                    matched.add(i)
        chosen: list[Any] = []
        taken: set[int] = set()  # by identity: comparing sections by value is slow and wrong
        for i, s in enumerate(candidates):
            if i in matched and not any(id(c) in taken for c in s.path()[:-1]):
                chosen.append(s)
                taken.add(id(s))
        if chosen:
            return Part(_merge((s.start, s.end) for s in chosen), chosen, "heading")
        fb = spec.get("fallback") or {}
        body = doc.regions.get("body") or []
        if not body:
            return Part([], [], None)
        b0, b1 = body[0]
        if "until" in fb:
            start = next((s.start for s in doc.sections), b0)
            ends = [p.ranges[0][0] for p in (self.part(n) for n in _names(fb["until"])) if p.ranges]
            end = min([e for e in ends if e > start] or [b1])
            return Part([(start, end)], [], "fallback") if end > start else Part([], [], None)
        if "paragraphs" in fb:
            heads = sorted(h.start for h in doc.headings if h.style != ENUM_RANK and not h.inline)
            ranges = []
            paras = [(a, b) for a, b in doc.paragraphs if b0 <= a and b <= b1]
            if _per_piece(fb["paragraphs"]):
                starts = {a for a, b in paras if any(x[0] == a for x in self.match(fb["paragraphs"], [(a, b)]))}
            else:  # one match over all the paragraphs, each its own piece
                starts = {x for x, _ in self.match(fb["paragraphs"], paras)}
            for a, b in paras:
                if a in starts:
                    nxt = next((h for h in heads if h >= b), b1)
                    ranges.append((a, nxt))
            if ranges:
                return Part(_merge(ranges), [], "fallback")
        return Part([], [], None)

    # ------------------------------------------------------------ scopes
    def scope(self, spec: Any) -> list[Range]:
        key = spec if isinstance(spec, str) or spec is None else id(spec)
        if key not in self._scopes:
            self._scopes[key] = self._scope(spec)
        return self._scopes[key]

    def _scope(self, spec: Any) -> list[Range]:
        doc = self.doc
        if spec is None:
            spec = "body"
        if isinstance(spec, str):
            if spec == "headings":
                return _intersect(doc.regions["headings"], doc.regions.get("body", []))
            return _merge(doc.regions.get(spec, []))
        ranges = _merge(doc.regions.get(spec.get("region", "body"), []))
        if "part" in spec:
            parts = [self.part(n) for n in _names(spec["part"])]
            if spec.get("only") in ("heading", "body"):
                heads = _merge((s.heading.start, s.heading.end) for p in parts for s in p.sections)
                if spec["only"] == "heading":
                    ranges = _intersect(ranges, heads)
                else:
                    ranges = _subtract(_intersect(ranges, _merge(r for p in parts for r in p.ranges)), heads)
            else:
                ranges = _intersect(ranges, _merge(r for p in parts for r in p.ranges))
        if spec.get("headings"):
            ranges = _intersect(ranges, doc.regions["headings"])
        if "tail" in spec:
            paras = [p for p in doc.paragraphs if _intersect([p], ranges)]
            ranges = _intersect(ranges, paras[-spec["tail"]:])
        if "except" in spec:
            ranges = _subtract(ranges, _merge(r for n in _names(spec["except"]) for r in self.part(n).ranges))
        return ranges

    def describe_scope(self, spec: Any) -> str:
        if spec is None or isinstance(spec, str):
            return REGION_NAMES.get(spec or "body", str(spec))
        words = []
        for n in _names(spec.get("part")):
            words.append(self.rs.parts[n].get("description", n))
        if not words:
            words.append(REGION_NAMES.get(spec.get("region", "body"), "正文"))
        if spec.get("only") == "heading" or spec.get("headings"):
            words.append("标题")
        if "tail" in spec:
            words.append(f"最后{spec['tail']}段")
        if "except" in spec:
            words.append("（不含" + "、".join(self.rs.parts[n].get("description", n) for n in _names(spec["except"])) + "）")
        return "".join(words)

    # ------------------------------------------------------------ findings
    def find(self, f: dict[str, Any], settings: dict[str, Any] | None = None) -> list[Hit]:
        doc = self.doc
        if "compare" in f:
            return self._compare(f["compare"], settings or {})
        if "part" in f:
            p = self.part(f["part"])
            via = f.get("via", "heading")
            if p.via != via:
                return []
            if via == "heading":
                return [Hit(s.heading.start, s.heading.end, "heading", s.title) for s in p.sections]
            return [Hit(*doc.sentence_at(a), "text") for a, _ in p.ranges]
        if "field" in f:
            return self._field(f)
        if "numbering" in f:
            return self._numbering(self.scope(f.get("in")))
        if "annotations" in f:
            kinds = set(_names(f["annotations"]))
            return [Hit(0, 0, "field", a.what + (f"（{a.author}）" if a.author else "") + (f"：{a.text}" if a.text else ""),
                        a.line, section=ANNOTATION_NAMES.get(a.kind, a.kind), location=a.location)
                    for a in doc.annotations if a.kind in kinds]
        if "order" in f:
            return self._order(f["order"])
        ranges = self.scope(f.get("in"))
        hits = [Hit(a, b) for a, b in self.match(f["match"], ranges, f.get("raw", False))]
        if f.get("planned"):
            plan = self.part("plan").ranges if "plan" in self.rs.parts else []
            for h in hits:
                h.planned = any(a <= h.start < b for a, b in plan)
        return hits

    def _field(self, f: dict[str, Any]) -> list[Hit]:
        """The value of a field (the first of its candidates from the allowed sources), or with
        ``differs: true`` every value a source gives that is not the field's own."""
        fl = self.doc.fields
        name = f["field"]
        value = getattr(fl, name)
        if name == "kind":
            if value == "unknown" or ("source" in f and fl.kind_source not in f["source"]):
                return []
            cands = [type("C", (), {"value": value, "source": fl.kind_source, "line": fl.issuer_line})()]
        else:
            cands = [c for c in fl.candidates.get(name, []) if "source" not in f or c.source in f["source"]]
        if f.get("differs"):
            cands = [c for c in cands if c.value != value]
        else:
            cands = cands[:1]
        hits = []
        for c in cands:
            shown = c.value.isoformat() if isinstance(c.value, dt.date) else str(c.value)
            where = SOURCE_NAMES.get(c.source or "", c.source or "")
            hits.append(Hit(0, 0, "field", f"{shown}（{where}）", c.line, section=where))
        return hits

    def _numbering(self, ranges: list[Range]) -> list[Hit]:
        """Headings whose number breaks the run of their siblings of the same style."""
        groups: dict[tuple[int, int], list[Any]] = {}
        for sec in self.doc.sections:
            if not any(a <= sec.start < b for a, b in ranges):
                continue
            key = (sec.parent.index if sec.parent else -1, sec.heading.style)
            groups.setdefault(key, []).append(sec)
        hits = []
        for secs in groups.values():
            prev = None
            for sec in secs:
                n = marker_number(sec.heading.marker)
                if n is None:
                    continue
                expected = 1 if prev is None else prev + 1
                if n != expected:
                    what = "重复" if prev is not None and n <= prev else f"应为第{expected}项"
                    h = sec.heading
                    hits.append(Hit(h.start, h.end, "heading", f"{sec.title}（编号{what}）"))
                prev = n
        return sorted(hits, key=lambda h: h.start)

    def _order(self, names: list[str]) -> list[Hit]:
        """Parts (found by heading) that stand before a part the order puts ahead of them."""
        found = [(n, self.part(n)) for n in names]
        found = [(n, p) for n, p in found if p.via == "heading"]
        hits = []
        for i, (n1, p1) in enumerate(found):
            for n2, p2 in found[i + 1:]:
                if p2.sections[0].start < p1.sections[0].start:
                    sec = p2.sections[0]
                    d1 = self.rs.parts[n1].get("description", n1)
                    d2 = self.rs.parts[n2].get("description", n2)
                    hits.append(Hit(sec.heading.start, sec.heading.end, "heading", f"{sec.title}（{d2}排在{d1}之前）"))
        return hits

    # ------------------------------------------------------------ year on year
    @property
    def comparison(self) -> Any:
        if self._comparison is None and self.previous is not None:
            from ..compare import Comparison

            self._comparison = Comparison(self.doc, self.previous.doc)
        return self._comparison

    def _framing(self, name: str | None) -> Any:
        """A predicate: the word frames an item rather than says what it is about (a lexicon)."""
        if name not in self._framings:
            if name is None:
                self._framings[name] = lambda w: False
            else:
                lex = self.rs.lexicons[name]
                terms = frozenset(fold(t) for t in lex.get("terms", ()))
                rx = re.compile("|".join(f"(?:{p})" for p in lex.get("patterns", ()))) if lex.get("patterns") else None
                self._framings[name] = lambda w: w in terms or (rx is not None and rx.fullmatch(w) is not None)
        return self._framings[name]

    def _counterpart(self, a: int, b: int, width: int = 90) -> Counterpart:
        prev = self.previous
        assert prev is not None
        line = prev.doc.line_of(a)
        return Counterpart(prev.doc.path, line, _quote(prev.doc, a, b, width), prev.doc.location(line))

    def _measures(self, s: dict[str, Any]) -> tuple[list[Range], list[Any]]:
        """This year's measures: the parts named (default 主要举措和成效, 第一责任人履职) less the
        不足, 安排 and 其他 parts; and their top sections."""
        names = [n for n in _names(s.get("measures", ["achievements", "leader"])) if n in self.rs.parts]
        ranges = _merge(r for n in names for r in self.part(n).ranges)
        off = [n for n in ("shortcomings", "plan", "other") if n in self.rs.parts and n not in names]
        ranges = _subtract(ranges, _merge(r for n in off for r in self.part(n).ranges))
        return _intersect(ranges, _merge(self.doc.regions.get("body", []))), [x for n in names for x in self.part(n).sections]

    def _items(self, ev: "Evaluation", which: str, framing: Any) -> list[Any]:
        if which not in self.rs.parts:
            return []
        p = ev.part(which)
        who = "last" if ev is self.previous else "this"
        return self.comparison.items(f"{who}-{which}", ev.doc, p.sections, p.ranges, framing, which == "shortcomings")

    def _compare(self, kind: str, s: dict[str, Any]) -> list[Hit]:
        if self.previous is None:
            return []
        if kind == "recycled":
            return self._recycled(s)
        if kind.startswith("figures"):
            return self._figures(kind, s)
        return self._followed(kind, s)

    def _recycled(self, s: dict[str, Any]) -> list[Hit]:
        r = self.comparison.recycled(s.get("ngram", 6), s.get("min_words", 10), s.get("gap", 4), s.get("standard", 5))
        doc, last = self.doc, self.previous.doc  # type: ignore[union-attr]
        hits = _Hits()
        for p in r.passages:
            (a, b), (c, d) = p.this_span, p.last_span
            l0, l1 = last.line_of(c), last.line_of(d - 1)
            t0, t1 = doc.line_of(a), doc.line_of(b - 1)
            h = Hit(a, b, "compare", _passage(doc.text[a:b]), t0, section=doc.section_path(a))
            h.note = (f"本年第{t0}–{t1}行，" if t1 != t0 else "") + f"与上年报告第{l0}" + (f"–{l1}" if l1 != l0 else "") + \
                f"行相同（{p.chars}字）"
            h.previous = Counterpart(last.path, l0, _passage(last.text[c:d]), last.location(l0))
            hits.append(h)
        hits.share = r.share
        return hits

    def _followed(self, kind: str, s: dict[str, Any]) -> list[Hit]:
        which = "shortcomings" if kind.startswith("shortcomings") else "plan"
        framing = self._framing(s.get("framing"))
        overlap, repeat = s.get("overlap", 0.46), s.get("repeat", 0.42)
        ranges, tops = self._measures(s)
        c = self.comparison
        measures = c.measures(ranges, tops)
        last_items = self._items(self.previous, which, framing)  # type: ignore[arg-type]
        this_items = self._items(self, "shortcomings", framing) if which == "shortcomings" else []
        fates = c.fates(which, last_items, measures, this_items)
        doc, last = self.doc, self.previous.doc  # type: ignore[union-attr]
        hits: list[Hit] = []
        what = "上年不足" if which == "shortcomings" else "上年安排"
        for f in fates:
            it = f.item
            key = it.key_text(last)
            line = last.line_of(it.key[0])
            prev = self._counterpart(it.start, it.end)
            taken, again = f.taken_up(overlap), which == "shortcomings" and f.repeated(repeat)
            wanted = {"shortcomings": True, "plans": True,
                      "shortcomings-repeated": again and not taken, "shortcomings-taken-up": taken,
                      "shortcomings-dropped": not taken and not again, "plans-matched": taken,
                      "plans-unmatched": not taken}[kind]
            if not wanted:
                continue
            if kind in ("shortcomings-taken-up", "plans-matched"):
                u = f.at
                h = Hit(u.start, u.end, "compare", _quote(doc, u.start, u.end), doc.line_of(u.start),
                        section=doc.section_path(u.start))
                h.note = f"{what}（上年报告第{line}行）：{key}" + ("；本年不足中再次列出" if again else "")
            elif kind == "shortcomings-repeated":
                u = f.again
                h = Hit(u.start, u.end, "compare", _quote(doc, u.start, u.end), doc.line_of(u.start),
                        section=doc.section_path(u.start))
                h.note = f"上年报告第{line}行已列出：{key}；本年举措中未见相应措施"
            elif kind == "plans-unmatched" and (again_at := self._promised_again(it, framing, overlap)) is not None:
                h = Hit(again_at[0], again_at[1], "compare", _quote(doc, *again_at), doc.line_of(again_at[0]),
                        section=doc.section_path(again_at[0]))
                h.note = f"上年安排（上年报告第{line}行）：{key}；本年举措中未见，又列入本年的下一年度安排"
            else:
                h = Hit(0, 0, "compare", key, None, section="上年报告 / " + last.section_path(it.start))
                h.note = {"shortcomings-dropped": "本年既未再列出，举措中也未提及",
                          "plans-unmatched": "本年举措中未见"}.get(kind, f"上年报告第{line}行")
            h.name, h.previous = key, prev
            hits.append(h)
        return hits

    def _promised_again(self, it: Any, framing: Any, overlap: float) -> tuple[int, int] | None:
        """Where this year's plan promises a plan item of last year's again, if it does."""
        from ..compare.items import Search, measure_units

        if "plan" not in self.rs.parts:
            return None
        p = self.part("plan")
        units = self.comparison.once(("plan-units",), lambda: measure_units(self.doc, p.ranges, p.sections))
        if not units:
            return None
        v, u = Search(units).best(it)
        return (u.start, u.end) if u is not None and v >= overlap else None

    def _figures(self, kind: str, s: dict[str, Any]) -> list[Hit]:
        from ..compare.figures import changed, identical

        m = s.get("figures")
        if m is None:
            return []
        prev = self.previous
        assert prev is not None
        framing = self._framing(s.get("framing"))
        this_figs, last_figs = self.comparison.figures(
            self.match(m, self.scope("body")), prev.match(m, prev.scope("body")), framing)
        doc, last = self.doc, prev.doc
        pairs = identical(this_figs, last_figs) if kind == "figures-identical" else changed(this_figs, last_figs)
        hits = []
        for f, g in pairs:
            shown, was = doc.text[f.start:f.end], last.text[g.start:g.end]
            h = Hit(f.start, f.end, "compare", doc.text[f.clause[0]:f.clause[1]].strip(), doc.line_of(f.start),
                    section=doc.section_path(f.start))
            lg = last.line_of(g.start)
            h.note = f"上年报告第{lg}行同为{was}" if kind == "figures-identical" else f"上年报告第{lg}行为{was}"
            h.name = f.named() or shown
            h.previous = Counterpart(last.path, lg, last.text[g.clause[0]:g.clause[1]].strip(), last.location(lg))
            hits.append(h)
        return hits

    # ------------------------------------------------------------ conditions
    def _date_bound(self, text: str) -> dt.date | None:
        m = re.match(r"^\{Y([+-]\d)?\}-(\d\d)-(\d\d)$", text)
        if m:
            if self.year is None:
                return None
            return dt.date(self.year + int(m.group(1) or 0), int(m.group(2)), int(m.group(3)))
        return dt.date.fromisoformat(text)

    def holds(self, c: Any, hits: dict[str, list[Hit]]) -> bool:
        if isinstance(c, str):
            return bool(hits[c])
        if "all" in c:
            return all(self.holds(x, hits) for x in c["all"])
        if "any" in c:
            return any(self.holds(x, hits) for x in c["any"])
        if "not" in c:
            return not self.holds(c["not"], hits)
        if "count" in c or "found" in c:
            n = len(hits[c["count"]]) if "count" in c else sum(1 for x in c["found"] if hits[x])
            lo = c.get("min", 1 if "found" in c or "max" not in c else 0)
            return n >= lo and ("max" not in c or n <= c["max"])
        if "year" in c:
            y, spec = self.year, c["year"]
            if "known" in spec and (y is not None) != spec["known"]:
                return False
            if y is None:
                return "min" not in spec and "max" not in spec
            return spec.get("min", y) <= y <= spec.get("max", y)
        if "date" in c:
            spec = c["date"]
            d = getattr(self.doc.fields, spec.get("field", "date"))
            if "known" in spec and (d is not None) != spec["known"]:
                return False
            for key, ok in (("before", lambda a, b: a < b), ("on_or_after", lambda a, b: a >= b)):
                if key in spec:
                    bound = self._date_bound(spec[key])
                    if d is None or bound is None or not ok(d, bound):
                        return False
            return True
        if "kind" in c:
            return self.doc.fields.kind in c["kind"]
        if "format" in c:
            return self.doc.source_format in c["format"]
        if "previous" in c:
            return (self.previous is not None) == c["previous"]
        if "share" in c:
            v = getattr(hits[c["share"]], "share", 0.0)
            return v >= c.get("min", 0) and ("max" not in c or v <= c["max"])
        raise ValueError(f"unknown condition {c!r}")

    @staticmethod
    def referenced(c: Any, positive: bool = True) -> list[str]:
        """Findings a condition relies on being present (not those under 'not')."""
        if c is None:
            return []
        if isinstance(c, str):
            return [c] if positive else []
        out: list[str] = []
        for key in ("all", "any"):
            for x in c.get(key, []):
                out += Evaluation.referenced(x, positive)
        if "count" in c and positive:
            out.append(c["count"])
        if "share" in c and positive:
            out.append(c["share"])
        if "found" in c and positive:
            out += c["found"]
        return list(dict.fromkeys(out))

    # ------------------------------------------------------------ evidence
    def _evidence(self, h: Hit) -> Evidence:
        doc = self.doc
        note = self._notes.get((h.start, h.end)) or ("下一年度计划，非已完成" if h.planned else None)
        if h.kind == "field":
            return Evidence(h.section or "", h.line, h.text or "", note, h.location)
        if h.kind == "compare":
            return Evidence(h.section or "", h.line, h.text or "", h.note, h.location, previous=h.previous)
        section = doc.section_path(h.start)
        if h.kind == "heading":
            return Evidence(section, doc.line_of(h.start), h.text or doc.text[h.start:h.end], note)
        a, b = doc.sentence_at(h.start)
        if b - a > 90:
            a2 = max(a, h.start - 35)
            b2 = min(b, h.end + 45)
            text = ("…" if a2 > a else "") + doc.text[a2:b2] + ("…" if b2 < b else "")
        else:
            text = doc.text[a:b]
        return Evidence(section, doc.line_of(h.start), text.strip(), note)

    def evaluate(self, rule: dict[str, Any]) -> Result:
        finds = rule.get("find") or {}
        hits = _LazyHits(self, finds, rule.get("compare"))  # looked for only when a decision or the evidence needs it
        base = Result(rule["id"], rule["title"], rule["severity"], "skip", rule["basis"], "", "")
        if "applies" in rule and not self.holds(rule["applies"], hits):
            base.message = rule.get("skip_message", "不适用")
            return base
        decision = next((d for d in rule["decide"] if "when" not in d or self.holds(d["when"], hits)), None)
        if decision is None:
            base.message = "没有适用的判定"
            return base
        status = decision["status"]
        # evidence: the findings named, else those the condition relies on, else all of the rule's
        names = decision["evidence"] if "evidence" in decision else (self.referenced(decision.get("when")) or list(finds))
        limit = rule.get("evidence_limit", 5)
        ev: list[Evidence] = []
        sentences: set[tuple[int, str | None]] = set()
        for n in names:
            for h in hits[n]:
                if len(ev) >= limit:
                    break
                e = self._evidence(h)
                # one sentence once: two hits in one sentence with the same note are one piece of
                # evidence (a long sentence is quoted around the first), even where the sentence
                # wraps over two printed lines (a PDF) and the hits' lines differ
                if h.kind not in ("field", "compare", "heading"):
                    key = (self.doc.sentence_at(h.start)[0], e.note)
                    if key in sentences:
                        continue
                    sentences.add(key)
                if all((e.section, e.text, e.note) != (x.section, x.text, x.note) for x in ev):
                    ev.append(e)
        if not ev and status != "skip":
            ev = self._looked(rule, finds)
        if self.doc.locations is not None:
            for e in ev:
                e.location = e.location or self.doc.location(e.line)
        variables = _Vars(self, finds, hits, self.referenced(decision.get("when")))
        base.status = status
        place = decision.get("place", rule.get("place"))
        if status in ("warn", "fail") and place:
            base.anchor = self._anchor(place)
        base.message = _format(decision.get("message", rule.get("message", "")), variables)
        base.hint = _format(decision.get("hint", rule.get("hint", "")), variables) if status in ("warn", "fail") else ""
        base.evidence = ev
        return base

    def _anchor(self, spec: dict[str, Any]) -> Anchor | None:
        """Where a missing thing goes: after the first of the named parts or regions the report
        has (``after``), before one (``before``); else at the end of the 正文."""
        doc = self.doc
        for position in ("after", "before"):
            for name in _names(spec.get(position)):
                if name in self.rs.parts:
                    ranges = self.part(name).ranges
                    what = self.rs.parts[name].get("description", name)
                else:
                    ranges = _merge(doc.regions.get(name, []))
                    what = REGION_NAMES.get(name, name)
                if ranges:
                    at = ranges[-1][1] - 1 if position == "after" else ranges[0][0]
                    line = doc.line_of(at)
                    return Anchor(position, line, what, doc.location(line))
        body = _merge(doc.regions.get("body", [])) or [(0, max(len(doc.text), 1))]
        line = doc.line_of(body[-1][1] - 1)
        return Anchor("after", line, "正文", doc.location(line))

    def _looked(self, rule: dict[str, Any], finds: dict[str, Any]) -> list[Evidence]:
        """For a result without hits: say where the rule looked and for what."""
        first = rule["decide"][0].get("when")
        names = self.referenced(first) or list(finds)
        out = []
        for n in names[:3]:
            f = finds[n]
            label = _format(f.get("label", n), self._variables(rule, finds, {k: [] for k in finds}))  # noqa: E501
            if "part" in f:
                where = self.rs.parts[f["part"]].get("description", f["part"])
                out.append(Evidence("全文各级标题", None, f"未找到{label}（{where}）", looked=True))
            elif "field" in f:
                out.append(Evidence("全文", None, f"未找到{label}", looked=True))
            elif "compare" in f:
                prev = self.previous.doc.path if self.previous is not None else "—"
                out.append(Evidence("正文", None, f"未找到{label}", f"对照上一年度报告 {os.path.basename(prev)}",
                                    looked=True))
            else:
                ranges = self.scope(f.get("in"))
                line = self.doc.line_of(ranges[0][0]) if ranges else None
                out.append(Evidence(self.describe_scope(f.get("in")), line, f"未找到{label}", looked=True))
        return out

    def _variables(self, rule: dict[str, Any], finds: dict[str, Any], hits: dict[str, list[Hit]]) -> "_Vars":
        return _Vars(self, finds, hits, [])


class _LazyHits(dict):
    """Finding name → hits, looked for on first use."""

    def __init__(self, ev: Evaluation, finds: dict[str, Any], settings: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.ev, self.finds, self.settings = ev, finds, settings

    def __missing__(self, name: str) -> list[Hit]:
        value = self[name] = self.ev.find(self.finds[name], self.settings)
        return value


class _Hits(list):
    """The hits of a ``compare: recycled`` finding, with the share of the body they cover."""

    share: float = 0.0


class _Shares:
    def __init__(self, hits: dict[str, list[Hit]]) -> None:
        self.hits = hits

    def __getitem__(self, name: str) -> str:
        return f"{100 * getattr(self.hits[name], 'share', 0.0):.0f}%"


class _Names:
    def __init__(self, hits: dict[str, list[Hit]]) -> None:
        self.hits = hits

    def __getitem__(self, name: str) -> str:
        return "；".join(f"“{h.name}”" for h in self.hits[name] if h.name) or "无"


def _quote(doc: Document, a: int, b: int, width: int = 90) -> str:
    """The sentence that holds text[a:b] (an excerpt of it around a:b when it is long)."""
    s0, s1 = doc.sentence_at(a)
    s1 = max(s1, b) if b - a <= width else s1
    if s1 - s0 <= width:
        return doc.text[s0:s1].strip()
    lo, hi = max(s0, a - 35), min(s1, max(b, a + 1) + 45)
    if hi - lo > width:
        hi = lo + width
    return (("…" if lo > s0 else "") + doc.text[lo:hi] + ("…" if hi < s1 else "")).strip()


PASSAGE_CHARS = 400


def _passage(text: str) -> str:
    """A carried-over passage as quoted: whole up to PASSAGE_CHARS characters, else its head and
    its tail."""
    text = text.strip()
    if len(text) <= PASSAGE_CHARS:
        return text
    return text[:PASSAGE_CHARS - 90] + "……" + text[-80:]


class _Counts:
    def __init__(self, hits: dict[str, list[Hit]]) -> None:
        self.hits = hits

    def __getitem__(self, name: str) -> int:
        return len(self.hits[name])


class _Vars(dict):
    """The variables of messages and hints, computed when a template uses them."""

    def __init__(self, ev: Evaluation, finds: dict[str, Any], hits: dict[str, list[Hit]], names: list[str]) -> None:
        super().__init__()
        self.ev, self.finds, self.hits = ev, finds, hits
        self.names = names or list(finds)  # {missing}/{present}: the findings the decision names

    def __missing__(self, key: str) -> Any:
        fl = self.ev.doc.fields
        labelled = [n for n in self.names if "label" in self.finds[n]]
        if key == "n":
            return _Counts(self.hits)
        if key == "year":
            return fl.year if fl.year is not None else "？"
        if key == "next_year":
            return fl.year + 1 if fl.year is not None else "下一"
        if key == "date":
            return fl.date.isoformat() if fl.date else "无"
        if key == "date_arabic":  # the 成文日期 as GB/T 9704 writes it
            d = fl.date
            return f"{d.year}年{d.month}月{d.day}日" if d else "2024年12月9日"
        if key == "published":
            return fl.published.isoformat() if fl.published else "无"
        if key == "year_source":
            return SOURCE_NAMES.get(fl.year_source or "", fl.year_source or "？")
        if key == "issuer":
            return fl.issuer or "（未知）"
        if key == "share":
            return _Shares(self.hits)
        if key == "names":
            return _Names(self.hits)
        if key in ("previous", "previous_year"):
            prev = self.ev.previous
            if prev is None:
                return "无"
            y = prev.doc.fields.year
            if key == "previous_year":
                return y if y is not None else "上一"
            return os.path.basename(prev.doc.path) + (f"，{y}年" if y is not None else "")
        if key in ("missing", "present"):
            want = key == "present"
            return "、".join(self.finds[n]["label"] for n in labelled if bool(self.hits[n]) == want) or "无"
        return "{" + key + "}"


def _format(template: str, variables: dict[str, Any]) -> str:
    if "{" not in template:
        return template
    try:
        return template.format_map(variables)
    except (KeyError, IndexError, ValueError, AttributeError):
        return template


def _chosen(rid: str, sel: list[str], ign: list[str]) -> bool:
    hit = lambda pats: any(rid == p or rid.startswith(p.rstrip(".*") + ".") for p in pats)  # noqa: E731
    return (not sel or hit(sel)) and not hit(ign)


def previous_rules(rs: RuleSet, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[str]:
    """The ids of the selected rules that compare with last year's report."""
    sel, ign = list(select), list(ignore)
    return [r["id"] for r in rs.rules
            if _chosen(r["id"], sel, ign) and any("compare" in f for f in (r.get("find") or {}).values())]


def uses_previous(rs: RuleSet, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """Whether a selected rule compares with last year's report (then a run pairs its reports)."""
    return bool(previous_rules(rs, select, ignore))


def evaluate(rs: RuleSet, doc: Document, select: Iterable[str] = (), ignore: Iterable[str] = (),
             previous: Document | None = None) -> list[Result]:
    """Results for every selected rule, in rule-pack order; ``previous`` is last year's report of
    the same issuer, for the compare rules (without it they are skip)."""
    ev = Evaluation(rs, doc, previous)
    sel, ign = list(select), list(ignore)
    return [ev.evaluate(r) for r in rs.rules if _chosen(r["id"], sel, ign)]
