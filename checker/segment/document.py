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
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

Range = tuple[int, int]

# One character for one: full-width ASCII → ASCII, dash variants → "-", curly quotes → straight.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(c): "-" for c in "－—–‐‑−"})
_FOLD.update({ord("\u3000"): " ", ord("“"): '"', ord("”"): '"', ord("‘"): "'", ord("’"): "'"})
FOLD_TABLE = str.maketrans(_FOLD)
_FOLD_CHARS = {chr(k): (v if isinstance(v, str) else chr(v)) for k, v in _FOLD.items()}
_FOLD_RX = re.compile("[" + re.escape("".join(_FOLD_CHARS)) + "]")


def fold(text: str) -> str:
    """The matching form of a text (same length as the input). A regex over the characters that
    change is about 3.5× faster than str.translate, which looks every CJK character up in a dict."""
    return _FOLD_RX.sub(lambda m: _FOLD_CHARS[m.group()], text)


@dataclass
class Heading:
    start: int  # where the marker starts
    text_start: int  # after the marker
    text_end: int  # end of the heading words (run-in headings stop at their 。)
    end: int  # end of the heading sentence, incl. closing punctuation
    style: int  # kind of marker: 1 一、 2 （一） 3 1. 4 （1） 5 一是 6 ① 7 第一，; 0 unnumbered
    marker: str
    inline: bool = False  # an enumeration inside a paragraph (…。二是…)


@dataclass
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
class Fields:
    """What the document says about itself (the JSON "document" object)."""

    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    date: dt.date | None = None
    kind: str = "unknown"  # government / department / unknown
    year_source: str | None = None
    date_source: str | None = None
    issuer_source: str | None = None
    title_source: str | None = None
    kind_source: str | None = None
    title_line: int | None = None
    issuer_line: int | None = None
    date_line: int | None = None
    year_line: int | None = None


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
    _sent_starts: list[int] = field(default_factory=list, repr=False)
    _doc: "Doc | None" = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
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
            for name in ("title", "opening", "signature"):
                if any(a <= offset < b for a, b in self.regions.get(name, [])):
                    return {"title": "标题", "opening": "开头", "signature": "落款"}[name]
            return ""
        return " / ".join(x.title for x in s.path())

    def sentences_in(self, ranges: Iterable[Range]) -> Iterator[Range]:
        for a, b in ranges:
            i = self.sentence_index(a)
            while i < len(self.sentences) and self.sentences[i][0] < b:
                yield self.sentences[i]
                i += 1

    # ------------------------------------------------------------ words
    @property
    def doc(self) -> "Doc":
        """The spaCy Doc of the text, segmented by pkuseg (built on first use)."""
        if self._doc is None:
            from .words import make_doc

            self._doc = make_doc(self)
        return self._doc
