"""Normalize extraction noise: the text that comes out is what the segmenter and the rules see.

Every character keeps the number of the input line it came from, so that evidence can point
into the file the user gave. The steps, in order:

1. metadata tables at the top of web extractions (索引号 | 发布机构 | 成文日期) become metadata;
2. Markdown marks (#, **, ---) and page numbers (— 3 —, 第3页) are removed;
3. lines the reader marks as hard wraps (a PDF's) are joined into their paragraph, and a body
   that was flattened onto one line is cut back into paragraphs at its headings;
4. paragraphs cut in two by a page break (blank lines, ---) are joined again;
5. stray spaces next to Chinese text ("2020 年") are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..read import Source
from . import patterns as P


@dataclass
class Piece:
    """A run of text and, for each character, the 1-based input line it came from."""

    text: str
    src: list[int]

    @classmethod
    def of_line(cls, text: str, line: int) -> "Piece":
        return cls(text, [line] * len(text))

    def cut(self, start: int, end: int | None = None) -> "Piece":
        return Piece(self.text[start:end], self.src[start:end])

    def strip(self) -> "Piece":
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.cut(left, right) if right > left else Piece("", [])

    def __add__(self, other: "Piece") -> "Piece":
        return Piece(self.text + other.text, self.src + other.src)

    def without(self, spans: list[tuple[int, int]]) -> "Piece":
        """The piece with the given (sorted, disjoint) spans removed."""
        texts, srcs, last = [], [], 0
        for a, b in spans:
            texts.append(self.text[last:a])
            srcs.extend(self.src[last:a])
            last = b
        texts.append(self.text[last:])
        srcs.extend(self.src[last:])
        return Piece("".join(texts), srcs)


@dataclass
class Paragraph:
    text: str
    src: list[int]
    heading_hint: bool = False  # a Markdown heading (#) or a bold line in the input
    runin_end: int | None = None  # end of a bold run-in heading (**（一）…。**正文)

    @property
    def line(self) -> int:
        return self.src[0] if self.src else 0


@dataclass
class Normalized:
    source: Source
    paragraphs: list[Paragraph]
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_lines: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- step 1: metadata

def _metadata_cells(line: str) -> list[str] | None:
    if "|" in line:
        return [c.strip() for c in line.split("|")]
    m = P.META_COLON.match(line)
    if m:
        return [m.group(1), m.group(2).strip()]
    return None


def _take_metadata(lines: list[str]) -> tuple[dict[str, str], dict[str, int], set[int]]:
    """Read key/value metadata from the top of the file; return it and the line indexes used."""
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    used: set[int] = set()
    for i, raw in enumerate(lines[: P.META_SCAN_LINES]):
        line = raw.strip()
        if not line:
            continue
        if P.ONLY_PIPES.match(line):
            used.add(i)
            continue
        cells = _metadata_cells(line)
        if not cells:
            if meta:
                break
            continue
        found = False
        for key, value in zip(cells, cells[1:]):
            key = key.rstrip(":：").strip()
            if key in P.META_KEYS and value and value not in P.META_KEYS:
                meta.setdefault(key, value)
                where.setdefault(key, i + 1)
                found = True
        if found:
            used.add(i)
        elif meta:
            break
    return meta, where, used


# ---------------------------------------------------------------- step 2: marks

def _clean_line(text: str) -> tuple[str, bool, int | None, bool]:
    """Strip Markdown and table marks. Returns (text, heading_hint, runin_end, is_break)."""
    text = P.plain_spaces(text).strip()
    if P.PAGE_BREAK.match(text) or P.PAGE_NUMBER.match(text) or P.ONLY_PIPES.match(text):
        return "", False, None, True
    hint = False
    m = P.MD_HEADING.match(text)
    if m:
        text = text[m.end():]
        hint = True
    if text.startswith(">"):
        text = P.MD_QUOTE.sub("", text)
    if "|" in text:
        text = P.TRAILING_PIPES.sub("", text)
    runin = None
    if text.startswith(("**", "__")):
        mark = text[:2]
        close = text.find(mark, 2)
        if close > 2:
            inner = text[2:close]
            rest = text[close + 2:]
            text = inner + rest
            if rest.strip(" *_"):
                runin = len(_drop_spaces(Piece.of_line(inner.strip(), 0)).text)
            else:
                hint = True
    if "**" in text or "__" in text:
        text = P.MD_EMPHASIS.sub("", text)
    text = text.strip()
    return text, hint, runin, False


# ---------------------------------------------------------------- step 3: split flattened bodies

def _split_flattened(piece: Piece) -> list[Piece]:
    """Cut a line at whitespace that stands before a heading marker, then split heading from body
    where the heading is ended by a space (web extractions that flatten a page onto one line)."""
    text = piece.text
    cuts = [m.start() for m in P.SPACE_BEFORE_MARKER.finditer(text)]
    parts: list[Piece] = []
    last = 0
    for c in cuts:
        parts.append(piece.cut(last, c).strip())
        last = c
    parts.append(piece.cut(last).strip())
    out: list[Piece] = []
    for part in parts:
        if not part.text:
            continue
        if cuts and P.HEADING_MARKER.match(part.text):
            m = P.HEADING_SPACE_END.match(part.text)
            if m:
                out.append(part.cut(0, m.end(1)).strip())
                out.append(part.cut(m.end(1)).strip())
                continue
        out.append(part)
    # the opening sentence may stand before the first marker with its own space-separated
    # paragraphs ("…报告如下: 一、…"): keep as is.
    return [p for p in out if p.text]


# ---------------------------------------------------------------- step 4: join page-break splits

def _is_heading_only(p: Paragraph) -> bool:
    if p.heading_hint and len(p.text) <= P.HEADING_MAX:
        return True
    return bool(P.HEADING_MARKER.match(p.text)) and len(p.text) <= P.HEADING_MAX and "。" not in p.text[:-1]


def _continues(prev: Paragraph, nxt: Paragraph) -> bool:
    """True when nxt is the rest of a sentence that a page break cut off from prev."""
    t = prev.text
    if not t or t[-1] in P.TERMINAL or _is_heading_only(prev):
        return False
    if t[-1] in P.CLOSERS and len(t) > 1 and t[-2] in P.TERMINAL:
        return False
    # only running text continues: titles, names and dates have no clause punctuation
    if len(t) < P.JOIN_MIN_CHARS and not any(c in t for c in "，,、；;。"):
        return False
    if P.HEADING_MARKER.match(nxt.text) or nxt.heading_hint or P.DATE_LINE.match(nxt.text):
        return False
    return True


def _join(paragraphs: list[Paragraph]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for p in paragraphs:
        if out and _continues(out[-1], p):
            prev = out[-1]
            out[-1] = Paragraph(prev.text + p.text, prev.src + p.src, False, prev.runin_end)
        else:
            out.append(p)
    return out


# ---------------------------------------------------------------- step 5: spaces

def _drop_spaces(piece: Piece) -> Piece:
    """Remove white space that touches Chinese text on one side and Chinese or a digit on the
    other ("2020 年", "交通运输局 2020 年"); keep spaces between Latin words and numbers."""
    text = piece.text
    if " " not in text:
        return piece
    drop: list[tuple[int, int]] = []
    for m in P.SPACE_RUN.finditer(text):
        a, b = m.start(), m.end()
        left = text[a - 1] if a > 0 else ""
        right = text[b] if b < len(text) else ""
        if not left or not right:
            continue
        lc, rc = P.is_cjk(left), P.is_cjk(right)
        if (lc and (rc or right.isdigit() or right in P.ASCII_PUNCT)) or (
            rc and (left.isdigit() or left in P.ASCII_PUNCT)
        ) or (P.is_cjk_punct(left) or P.is_cjk_punct(right)):
            drop.append((a, b))
    return piece.without(drop) if drop else piece


# ---------------------------------------------------------------- the whole step

def normalize(source: Source) -> Normalized:
    meta, meta_lines, used = _take_metadata(source.lines)
    if source.metadata:
        meta = {**source.metadata, **meta}
    paragraphs: list[Paragraph] = []
    lines, cont = source.lines, source.continues
    i = -1
    while i + 1 < len(lines):
        i += 1
        if i in used:
            continue
        text, hint, runin, _ = _clean_line(lines[i])
        if not text:
            continue
        piece = Piece.of_line(text, i + 1)
        while cont and i + 1 < len(lines) and cont[i + 1]:  # a hard wrap (PDF): same paragraph
            i += 1
            more = _clean_line(lines[i])[0]
            if more:
                if piece.text[-1].isascii() and piece.text[-1].isalnum() and more[0].isascii() and more[0].isalnum():
                    piece = piece + Piece.of_line(" ", i + 1)  # a Latin word or number wrapped at a space
                piece = piece + Piece.of_line(more, i + 1)
        parts = _split_flattened(piece)
        for k, part in enumerate(parts):
            part = _drop_spaces(part)
            if not part.text:
                continue
            r = min(runin, len(part.text)) if runin is not None and k == 0 else None
            paragraphs.append(Paragraph(part.text, part.src, hint and k == 0, r))
    paragraphs = _join(paragraphs)
    return Normalized(source, paragraphs, meta, meta_lines)


__all__ = ["normalize", "Normalized", "Paragraph", "Piece"]
