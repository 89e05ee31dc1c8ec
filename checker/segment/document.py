"""The one document object every rule sees.

Offsets are character offsets into ``Document.text`` (paragraphs joined by "\\n").
``Document.folded`` is the same text with full-width ASCII folded to half-width (one character
for one, so offsets agree); rules match against it. ``Document.src[i]`` is the input line of
character i. Words come from a spaCy ``Doc`` built on first use (``Document.doc``): segmenting is
the slowest step, so it runs only when something asks for words.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..read import Annotation

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

Range = tuple[int, int]

# One character for one: full-width ASCII → ASCII, dash variants → "-", curly quotes → straight.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(c): "-" for c in "－—–‐‑−"})
_FOLD.update({ord("\u3000"): " ", ord("“"): '"', ord("”"): '"', ord("‘"): "'", ord("’"): "'"})
FOLD_TABLE = str.maketrans(_FOLD)
_FOLD_CHARS = {chr(k): (v if isinstance(v, str) else chr(v)) for k, v in _FOLD.items()}
# what ends a clause inside a sentence (and always a word): where word_bounds cuts a sentence
CLAUSE_END = re.compile(r"[，,；;：:、]")
_FOLD_RX = re.compile("[" + re.escape("".join(_FOLD_CHARS)) + "]")


def fold(text: str) -> str:
    """The matching form of a text (same length as the input). A regex over the characters that
    change is about 3.5× faster than str.translate, which looks every CJK character up in a dict."""
    return _FOLD_RX.sub(lambda m: _FOLD_CHARS[m.group()], text)


# what the evidence of a sentence outside every section says it is part of
REGION_SECTIONS = {
    "title": "标题", "opening": "开头", "signature": "落款", "header": "版头", "addressee": "主送机关",
    "attachment-note": "附件说明", "notes": "附注", "attachments": "附件", "colophon": "版记",
}


@dataclass(eq=False)
class Heading:
    start: int  # where the marker starts
    text_start: int  # after the marker
    text_end: int  # end of the heading words (run-in headings stop at their 。)
    end: int  # end of the heading sentence, incl. closing punctuation
    style: int  # kind of marker: 1 一、 2 （一） 3 1. 4 （1） 5 一是 6 ① 7 第一，; 0 unnumbered
    marker: str
    inline: bool = False  # an enumeration inside a paragraph (…。二是…)


@dataclass(eq=False)
class Section:
    index: int
    heading: Heading
    start: int
    end: int
    body_start: int
    level: int
    parent: "Section | None" = None
    children: list["Section"] = field(default_factory=list)
    title: str = ""  # marker + heading words, e.g. "（三）严格履行…职责"

    def path(self) -> list["Section"]:
        out, node = [], self
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]


@dataclass
class Candidate:
    """One place a field's value was read from: the title, the opening, the 落款, metadata …"""

    value: Any
    source: str
    line: int | None = None
    text: str | None = None  # as written there ("二〇二四年十二月九日")


@dataclass
class Fields:
    """What the document says about itself (the JSON "document" object). Each field holds the
    value chosen, where it came from and its line; ``candidates`` keeps every value found for a
    field, in order of preference, so that a rule can ask whether the 落款 gives a date at all,
    or which sources disagree on the year."""

    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    date: dt.date | None = None  # 成文日期
    published: dt.date | None = None  # 发布日期 (of a web page or its metadata)
    kind: str = "unknown"  # government / department / party / unknown
    doc_number: str | None = None  # 发文字号
    addressee: str | None = None  # 主送机关
    signer: str | None = None  # 签发人
    date_text: str | None = None  # the 成文日期 as written
    attachments: list[str] = field(default_factory=list)  # titles of the 附件 (说明, else the 附件 themselves)
    year_source: str | None = None
    date_source: str | None = None
    issuer_source: str | None = None
    title_source: str | None = None
    kind_source: str | None = None
    published_source: str | None = None
    doc_number_source: str | None = None
    addressee_source: str | None = None
    title_line: int | None = None
    issuer_line: int | None = None
    date_line: int | None = None
    year_line: int | None = None
    published_line: int | None = None
    doc_number_line: int | None = None
    addressee_line: int | None = None
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)

    def offer(self, name: str, value: Any, source: str, line: int | None, text: str | None = None) -> None:
        """Record a value found for a field; the first one offered is the field's value."""
        if value is None or value == "":
            return
        self.candidates.setdefault(name, []).append(Candidate(value, source, line, text))
        if getattr(self, name) in (None, "unknown"):
            setattr(self, name, value)
            if hasattr(self, f"{name}_source"):
                setattr(self, f"{name}_source", source)
            if hasattr(self, f"{name}_line"):
                setattr(self, f"{name}_line", line)


@dataclass
class Document:
    path: str
    text: str
    src: list[int]
    paragraphs: list[Range]
    sentences: list[Range]
    headings: list[Heading]
    sections: list[Section]
    regions: dict[str, list[Range]]
    fields: Fields
    metadata: dict[str, str]
    metadata_lines: dict[str, int]
    source_format: str = "text"
    locations: list[str] | None = None  # per input line, its place in the original file
    folded: str = ""
    #: the text rules match, before folding: simplified characters where the report is written
    #: in traditional ones (the same length as ``text``, which keeps the characters as written)
    plain: str | None = None
    #: the layout element of each paragraph (segment/layout.py roles), in paragraph order
    roles: list[str] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    traditional: bool = False
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _doc: "Doc | None" = field(default=None, repr=False)
    _bounds: dict[int, frozenset[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.plain is None or len(self.plain) != len(self.text):
            self.plain = self.text
        self.folded = fold(self.plain)
        self._sent_starts = [s for s, _ in self.sentences]
        self._sec_starts = [s.start for s in self.sections]
        self._para_starts = [s for s, _ in self.paragraphs]

    # ------------------------------------------------------------ lookups
    def line_of(self, offset: int) -> int:
        if not self.src:
            return 0
        return self.src[min(max(offset, 0), len(self.src) - 1)]

    def location(self, line: int | None) -> str | None:
        """Where a 1-based input line is in the original file (page, paragraph), when known."""
        if not line or self.locations is None or line > len(self.locations):
            return None
        return self.locations[line - 1] or None

    def sentence_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self._sent_starts, offset) - 1, 0)

    def sentence_at(self, offset: int) -> Range:
        return self.sentences[self.sentence_index(offset)]

    def paragraph_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self._para_starts, offset) - 1, 0)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose range holds the offset."""
        i = bisect.bisect_right(self._sec_starts, offset) - 1
        while i >= 0:
            s = self.sections[i]
            if s.start <= offset < s.end:
                return s
            i -= 1
        return None

    def section_path(self, offset: int) -> str:
        s = self.section_at(offset)
        if s is None:
            for name, shown in REGION_SECTIONS.items():
                if any(a <= offset < b for a, b in self.regions.get(name, [])):
                    return shown
            return ""
        return " / ".join(x.title for x in s.path())

    def sentences_in(self, ranges: Iterable[Range]) -> Iterator[Range]:
        for a, b in ranges:
            i = self.sentence_index(a)
            while i < len(self.sentences) and self.sentences[i][0] < b:
                yield self.sentences[i]
                i += 1

    # ------------------------------------------------------------ words
    def word_bounds(self, offset: int) -> frozenset[int]:
        """Where words start and end in the clause that holds the offset (its sentence cut at
        ，；：、, which always end a word), as our pkuseg model segments that clause alone
        (segmented on first use, then kept). A clause, not its whole sentence: segmenting costs
        ~8 µs a character, and a report's sentences run to hundreds of characters. The model then
        sees a clause's edges as a text's edges: in the fixtures' 712 sentences 20 of 21,084 word
        edges move (并及时予以更新， is 及时 | 予以 alone, 及 | 时予 | 以 in its sentence); the
        verdicts and evidence of the fixtures are the same."""
        a, b = self.sentence_at(offset) if self.sentences else (0, len(self.text))
        text = self.plain or self.text
        cut = CLAUSE_END.search
        start = a
        while True:
            m = cut(text, start, b)
            if m is None or m.end() > offset:
                end = m.end() if m is not None else b
                break
            start = m.end()
        bounds = self._bounds.get(start)
        if bounds is None:
            from .fastseg import boundaries

            bounds = frozenset(start + x for x in boundaries(text[start:end]))
            self._bounds[start] = bounds
        return bounds

    @property
    def doc(self) -> "Doc":
        """The spaCy Doc of the text, segmented by pkuseg (built on first use)."""
        if self._doc is None:
            from .words import make_doc

            self._doc = make_doc(self)
        return self._doc
