"""Normalize extraction noise: the text that comes out is what the segmenter and the rules see.

Every character keeps the number of the input line it came from, so that evidence can point
into the file the user gave, and the character the user wrote there (``Paragraph.orig``), so
that evidence quotes traditional characters as they were. The steps, in order:

1. metadata tables and lists near the top of web extractions (索引号 | 发布机构 | 成文日期,
   "发布时间：… 来源：…") become metadata;
2. a text in traditional characters is matched in simplified form (OpenCC, one character for
   one, ``script.py``) and conversion garbage (a leading ``??``, ``建設(shè)``) is dropped;
3. Markdown marks (#, **, ---) and page numbers (— 3 —, 第3页) are removed;
4. lines the reader marks as hard wraps (a PDF's) are joined into their paragraph, and a page
   that was flattened onto one line is cut back into its pieces: at its headings, and in its
   head and foot at the page furniture and at the spaces that stood for line breaks;
5. stray spaces next to Chinese text ("2020 年") are removed (``Paragraph.raw`` keeps them: the
   layout step tells a navigation bar by them).

Paragraphs cut in two by a page break (blank lines, ---) are joined again by :func:`join`, which
the segment step calls on the paragraphs of the report's body once it knows where the body is:
a page's source line or the last line of a title must not be taken for a sentence cut in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..read import Source
from . import patterns as P
from . import script


@dataclass
class Piece:
    """A run of text, for each character the 1-based input line it came from, and the text as
    the user wrote it (the same length: it differs only where traditional characters were
    simplified)."""

    text: str
    src: list[int]
    orig: str = ""

    def __post_init__(self) -> None:
        if not self.orig:
            self.orig = self.text

    @classmethod
    def of_line(cls, text: str, line: int, orig: str | None = None) -> "Piece":
        return cls(text, [line] * len(text), orig if orig is not None else text)

    def cut(self, start: int, end: int | None = None) -> "Piece":
        return Piece(self.text[start:end], self.src[start:end], self.orig[start:end])

    def strip(self) -> "Piece":
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.cut(left, right) if right > left else Piece("", [], "")

    def __add__(self, other: "Piece") -> "Piece":
        return Piece(self.text + other.text, self.src + other.src, self.orig + other.orig)

    def without(self, spans: list[tuple[int, int]]) -> "Piece":
        """The piece with the given (sorted, disjoint) spans removed."""
        texts, origs, srcs, last = [], [], [], 0
        for a, b in spans:
            texts.append(self.text[last:a])
            origs.append(self.orig[last:a])
            srcs.extend(self.src[last:a])
            last = b
        texts.append(self.text[last:])
        origs.append(self.orig[last:])
        srcs.extend(self.src[last:])
        return Piece("".join(texts), srcs, "".join(origs))


@dataclass
class Paragraph:
    text: str  # what is matched: simplified characters, stray spaces removed
    src: list[int]
    heading_hint: bool = False  # a Markdown heading (#) or a bold line in the input
    runin_end: int | None = None  # end of a bold run-in heading (**（一）…。**正文)
    raw: str = ""  # the text before stray spaces were removed ("首页 政务公开 互动交流")
    orig: str | None = None  # the characters as written, where they differ from text (traditional)

    def __post_init__(self) -> None:
        if not self.raw:
            self.raw = self.text

    @property
    def line(self) -> int:
        return self.src[0] if self.src else 0

    @property
    def shown(self) -> str:
        """The text as the user wrote it."""
        return self.orig if self.orig is not None else self.text


@dataclass
class Normalized:
    source: Source
    paragraphs: list[Paragraph]
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_lines: dict[str, int] = field(default_factory=dict)
    traditional: bool = False  # the text was converted from traditional characters


# ---------------------------------------------------------------- step 1: metadata

def metadata_pairs(line: str, orig: str | None = None) -> list[tuple[str, str]]:
    """The label/value pairs a line holds when it is made of them: table cells (索引号 | 001… |
    发布机构 | 某局) or labelled values, several on one line (发布机构：某局 成文日期：2024-03-29).
    Empty when the line does not start with a label. Labels are read in ``line`` (simplified
    characters); values are taken from ``orig``, the line as written, at the same places."""
    orig = line if orig is None or len(orig) != len(line) else orig
    sep = "|" if "|" in line else "\t" if "\t" in line else None  # a table row: pipes, or tabs
    if sep:
        cells, pos = [], 0
        for cell in line.split(sep):
            cells.append((cell, pos))
            pos += len(cell) + 1
        texts = [c.strip() for c, _ in cells]
        if not any(P.META_KEY_ONLY.match(c) or P.META_START.match(c) for c in texts if c):
            return []
        out = []
        for k, ((cell, at), text) in enumerate(zip(cells, texts)):
            if P.META_KEY_ONLY.match(text):
                value = texts[k + 1] if k + 1 < len(texts) else ""
                if value and not P.META_KEY_ONLY.match(value) and not P.META_START.match(value):
                    nxt, nat = cells[k + 1]
                    lead = len(nxt) - len(nxt.lstrip())
                    out.append((text.rstrip(":：").strip(), orig[nat + lead:nat + lead + len(value)]))
            elif P.META_START.match(text):
                out.extend(_labelled(cell, orig[at:at + len(cell)]))
        return out
    if not P.META_START.match(line):
        return []
    return _labelled(line, orig)


_VALUE_STRIP = " \t\u3000|]］】）)[【［"


def _labelled(text: str, orig: str) -> list[tuple[str, str]]:
    found = list(P.META_KEY_VALUE.finditer(text))
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        chunk = text[m.end():end]
        lead = len(chunk) - len(chunk.lstrip(_VALUE_STRIP))
        value = chunk.strip(_VALUE_STRIP)
        if value and len(value) <= 120 and "。" not in value:
            a = m.end() + lead
            out.append((m.group(1), orig[a:a + len(value)]))
    return out


def _take_metadata(lines: list[str], origs: list[str]) -> tuple[dict[str, str], dict[str, int], set[int]]:
    """Read label/value metadata near the top of the file, up to the first line of running
    text; return it and the line indexes used."""
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    used: set[int] = set()
    for i, raw in enumerate(lines[: P.META_SCAN_LINES]):
        line = P.plain_spaces(raw).strip()
        if not line:
            continue
        if P.ONLY_PIPES.match(line):
            if meta:
                used.add(i)
            continue
        if "\t" in raw.strip():  # cells apart by tabs: keep the tabs that tell them apart
            line, orig = raw.strip(), origs[i].strip()
        else:
            orig = P.plain_spaces(origs[i]).strip()
        pairs = metadata_pairs(line, orig) if len(line) <= 400 else []
        if not pairs:
            if len(line) > 60 and ("。" in line or "，" in line or "," in line):
                break  # the report's text has begun
            continue
        for key, value in pairs:
            meta.setdefault(key, value)
            where.setdefault(key, i + 1)
        used.add(i)
    return meta, where, used


# ---------------------------------------------------------------- step 3: marks

def _clean_line(text: str) -> tuple[str, bool, int | None, bool]:
    """Strip Markdown and table marks. Returns (text, heading_hint, runin_end, is_break)."""
    text = P.plain_spaces(text).strip()
    if P.PAGE_BREAK.match(text) or P.PAGE_NUMBER.match(text) or P.ONLY_PIPES.match(text):
        return "", False, None, True
    hint = False
    if "](" in text:
        text = P.MD_LINK.sub(r"\1", P.MD_IMAGE.sub("", text)).strip()
    if text[:1] in "*+-" and not text.startswith(("**", "--")):
        text = P.MD_BULLET.sub("", text)
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


def _cleaned(lines: list[str], simple: list[str] | None, i: int) -> tuple[Piece, bool, int | None]:
    """Line i cleaned of marks and conversion garbage, as a Piece (matching text + original)."""
    orig, hint, runin, _ = _clean_line(lines[i])
    if not orig:
        return Piece("", [], ""), hint, runin
    text = _clean_line(simple[i])[0] if simple is not None else orig
    if len(text) != len(orig):  # cannot happen (one character for one), but never misalign
        text = orig
    text = script.unknown(text)
    piece = Piece.of_line(text, i + 1, orig)
    spans = script.garbage(text)
    if spans:
        piece = piece.without(spans)
        if runin is not None:
            runin = max(0, runin - sum(b - a for a, b in spans if a < runin))
    return piece, hint, runin


_CN_DIGITS = "一二三四五六七八九十"
_LEVEL1 = re.compile(r"^([一二三四五六七八九十])、")
_LEVEL2 = re.compile(r"^[（(]([一二三四五六七八九十])[）)]")


def _restore_markers(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A heading whose 一、 (two characters) or （一） (three) a failed conversion turned into ??:
    its number is the one its sibling headings leave free (the next one's less one, or the one
    before's plus one); the matching text gets the marker, the quote keeps the ?? as written.
    A ?? that cannot be placed so is dropped."""
    out = []
    for k, p in enumerate(paragraphs):
        lost = script.lost_prefix(p.text)
        if not lost:
            out.append(p)
            continue
        rest = p.text[lost:]
        marker = None
        width = {2: 1, 4: 1, 3: 2, 6: 2}.get(lost)  # 一、 (as one or two ? a character), （一）
        if width:
            rx = _LEVEL1 if width == 1 else _LEVEL2
            heading_like = width == 2 or (len(rest) <= P.HEADING_MAX and "。" not in rest[:-1])
            after = next((m for m in (rx.match(q.text) for q in paragraphs[k + 1:]) if m), None)
            before = next((m for m in (rx.match(q.text) for q in reversed(paragraphs[:k])) if m), None)
            n = None
            if after and _CN_DIGITS.index(after.group(1)) > 0:
                n = _CN_DIGITS.index(after.group(1)) - 1
            elif before and _CN_DIGITS.index(before.group(1)) < 9:
                n = _CN_DIGITS.index(before.group(1)) + 1
            if heading_like and n is not None:
                marker = _CN_DIGITS[n] + "、" if width == 1 else f"（{_CN_DIGITS[n]}）"
        runin = p.runin_end
        if marker:  # the marker takes the place of the last ?s; any more before them go
            drop = lost - len(marker)
            text = marker + rest
        else:
            drop, text = lost, rest
        shown = p.shown[drop:]
        raw = p.raw[drop:] if p.raw.startswith(p.text[:drop]) else p.raw
        out.append(Paragraph(text, p.src[drop:], p.heading_hint, max(0, runin - drop) if runin is not None else None,
                             raw, shown if shown != text else None))
    return out


# ---------------------------------------------------------------- step 4: split flattened pages

def _is_flattened(text: str) -> bool:
    return len(text) >= P.FLAT_MIN_CHARS and len(P.FLAT_LEVEL1.findall(text)) >= 2


def _cuts(piece: Piece, rx, start: int = 0, end: int | None = None) -> list[int]:
    return [m.start() for m in rx.finditer(piece.text, start, len(piece.text) if end is None else end)]


def _split_flattened(piece: Piece) -> list[Piece]:
    """Cut a line at white space that stands before a heading marker, then split heading from body
    where the heading is ended by a space (web extractions that flatten a page onto one line).
    A whole page flattened onto one line is also cut before headings glued to the sentence before
    them, and, in its head (before the first full stop) and its foot (after the last one), at the
    page furniture and at the spaces that stood for line breaks."""
    text = piece.text
    cuts = set(_cuts(piece, P.SPACE_BEFORE_MARKER))
    flat = _is_flattened(text)
    if flat:
        cuts |= set(_cuts(piece, P.PUNCT_BEFORE_MARKER))
        first_stop = text.find("。")
        head_end = min([first_stop if first_stop >= 0 else len(text)] + [c for c in cuts if c > 0])
        foot_start = text.rfind("。") + 1
        for a, b in ((0, head_end), (foot_start, len(text))):
            if b > a:
                cuts |= set(_cuts(piece, P.FLAT_FURNITURE, a, b)) | {m.end() for m in P.CJK_GAP.finditer(text, a, b)}
        cuts |= {m.end() for m in P.FLAT_DATE.finditer(text, foot_start)}
    parts: list[Piece] = []
    last = 0
    for c in sorted(cuts):
        if c > last:
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
        if flat:
            m = P.FLAT_TITLE_END.match(part.text)
            if m and not P.HEADING_MARKER.match(part.text) and "。" not in m.group(1) and "，" not in m.group(1):
                out.append(part.cut(0, m.end(1)))
                out.append(part.cut(m.end(1)))
                continue
        out.append(part)
    return [p for p in out if p.text]


# ---------------------------------------------------------------- joining page-break splits

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


def join(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Join paragraphs that a page break (blank lines, ---, a page number) cut in two. Linear:
    a run of pieces is joined once, not grown one concatenation at a time."""
    out: list[Paragraph] = []
    run: list[Paragraph] = []

    def flush() -> None:
        if not run:
            return
        if len(run) == 1:
            out.append(run[0])
        else:
            first = run[0]
            orig = None
            if any(p.orig is not None for p in run):
                orig = "".join(p.shown for p in run)
            out.append(Paragraph("".join(p.text for p in run), [s for p in run for s in p.src], False,
                                 first.runin_end, "".join(p.raw for p in run), orig))
        run.clear()

    for p in paragraphs:
        if run and _continues(run[0] if len(run) == 1 else _joined_view(run), p):
            run.append(p)
        else:
            flush()
            run.append(p)
    flush()
    return out


def _joined_view(run: list[Paragraph]) -> Paragraph:
    """What a run of joined pieces looks like to _continues, without building it: _continues
    reads the first characters (a heading marker), the last two, the length and, when it is
    short, the punctuation. Exact for a run of up to 200 characters; beyond that only the two
    ends can matter, and the view keeps them with a length over every threshold."""
    total = sum(len(p.text) for p in run)
    if total <= 200:
        return Paragraph("".join(p.text for p in run), [])
    return Paragraph(run[0].text[:70] + "，" * 70 + run[-1].text[-70:], [])


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

def normalize(source: Source, join_pages: bool = True) -> Normalized:
    """The report's paragraphs, cleaned, in simplified characters for matching. With
    ``join_pages=False`` paragraphs cut by a page break are left apart: the segment step joins
    them once it knows which paragraphs are the body (see :func:`join`)."""
    lines, cont = source.lines, source.continues
    traditional = script.needs_conversion(lines)
    simple = [script.simplified(line) for line in lines] if traditional else None
    meta, meta_lines, used = _take_metadata(simple or lines, lines)
    if source.metadata:
        given = {script.simplified(k) if traditional else k: v for k, v in source.metadata.items()}
        meta = {**given, **meta}
    paragraphs: list[Paragraph] = []
    i = -1
    while i + 1 < len(lines):
        i += 1
        if i in used:
            continue
        piece, hint, runin = _cleaned(lines, simple, i)
        if not piece.text:
            continue
        while cont and i + 1 < len(lines) and cont[i + 1]:  # a hard wrap (PDF): same paragraph
            i += 1
            more = _cleaned(lines, simple, i)[0]
            if more.text:
                if piece.text[-1].isascii() and piece.text[-1].isalnum() and more.text[0].isascii() and more.text[0].isalnum():
                    piece = piece + Piece.of_line(" ", i + 1)  # a Latin word or number wrapped at a space
                piece = piece + more
        parts = _split_flattened(piece)
        for k, part in enumerate(parts):
            spaced = part.text
            part = _drop_spaces(part)
            if not part.text:
                continue
            r = min(runin, len(part.text)) if runin is not None and k == 0 else None
            orig = part.orig if part.orig != part.text else None
            paragraphs.append(Paragraph(part.text, part.src, hint and k == 0, r, spaced, orig))
    if any(script.lost_prefix(p.text) for p in paragraphs):
        paragraphs = _restore_markers(paragraphs)
    if join_pages:
        paragraphs = join(paragraphs)
    return Normalized(source, paragraphs, meta, meta_lines, traditional)


__all__ = ["normalize", "join", "metadata_pairs", "Normalized", "Paragraph", "Piece"]
