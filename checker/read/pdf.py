"""Read a PDF with a text layer into printed lines (PDFium, through pypdfium2).

One entry per printed line, in reading order, each with its place ("第3页第12行": page 3, the
12th line kept on that page from the top) and whether it is the hard-wrapped continuation of the
line before it. How a line is told to continue, from geometry only:

* the first word of the line would not have fitted at the end of the line before (so the break
  was a wrap, not the end of a paragraph) — with justified text that is "the line before reaches
  the right margin"; with ragged text (WeasyPrint, LibreOffice) it also covers a line cut short
  because "（2015-2020年）" could not be broken;
* the line does not start with a paragraph indent (Chinese paragraphs start 2 em in), is not
  centred (titles), and is not further below than the line spacing (paragraph spacing);
* the type does not change between the end of the line before and the start of this one (a bold
  heading line followed by body text is a new paragraph; a bold run-in heading that wraps is not).

This holds across a page break or from one column to the next as well. Around that:

* page numbers ("— 3 —", "- 3 -", "第3页", "第 3 页 共 9 页", "3") at the top or bottom of a page,
  and running headers / footers (a line at the same place on most pages, digits aside) go;
* two-column pages (a vertical strip through the middle that no line crosses, with lines on both
  sides) are read left column then right column; a line that spans both columns (a title) cuts
  the page into bands read one after another;
* ruled tables (``pdf_tables``: the page's drawn lines, as pdfplumber's ``find_tables`` finds
  them) give one line per row, cells joined by " | ";
* a wholly bold line (bold/heavy/黑体 font) is emitted as ``**text**`` and a bold run-in heading
  at the start of a paragraph as ``**（一）加强领导。**正文``, the Markdown normalize reads as
  heading hints;
* a scanned PDF (no text layer), an encrypted one, a truncated or corrupt one is refused with a
  one-line InputError, and so is one past the reading limits below (each message names its limit).

Characters come from PDFium's text page: each with its box (the advance box of its font, which is
what pdfminer gave), its text object (font, size, matrix), whether PDFium generated it (a space or
line break it inferred: dropped, the layout here is decided from geometry). PDFium has already
removed the second copy of fake-bold text (a run printed twice, slightly offset).

Limits (module constants, or arguments of :func:`read_pdf`): the defaults are far above any real
report (a 300-page report with dense tables has ~1,500 characters a page) and keep a hostile file
to seconds and a few hundred MB. Stream sizes are checked in ``pdf_guard`` before PDFium opens the
file.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import statistics
import threading
import warnings
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import compress, groupby, repeat
from operator import gt, itemgetter, mul, not_, sub, truediv

from ..errors import InputError
from . import Source
from .pdf_guard import MAX_CONTENT_BYTES, MAX_DECODED_BYTES, MAX_NESTING, MAX_STREAM_BYTES, TooLarge, check_streams
from .pdf_tables import Budget, find_tables

#: a PDF with more pages than this is refused
MAX_PAGES = 1000
#: a page with more characters than this is refused (a dense A4 page of 5 pt text holds ~20,000)
MAX_PAGE_CHARS = 50_000
#: a PDF with more characters than this in all is refused
MAX_CHARS = 1_000_000
#: pages with more objects than this are read without looking for ruled tables, and once the
#: pages' objects looked at for tables pass MAX_TABLE_OBJECTS, the rest of the file is too
MAX_PAGE_OBJECTS = 20_000
MAX_TABLE_OBJECTS = 200_000

SCANNED = "扫描件PDF，没有文字层：请从Word/WPS导出PDF，或先做OCR"
ENCRYPTED = "加密（设有打开密码）的PDF：请去掉密码（或打印成新的PDF）后再检查"
NO_UNICODE = "PDF的字体没有Unicode映射，文字无法读取：请从Word/WPS重新导出，或先做OCR"

_BOLD_FONT = re.compile(r"bold|heavy|black|demi|semibold|hei|黑体|xbs|xiaobiaosong|小标宋|\bbd\b|-b$|,b$", re.I)
_DASH = "-—–－─~～_"
PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASH}]*\s*(?:第\s*)?\d{{1,4}}\s*(?:页)?\s*[{_DASH}]*"
    rf"|第\s*\d{{1,4}}\s*页(?:\s*[,，/]?\s*共\s*\d{{1,4}}\s*页)?"
    rf"|\d{{1,4}}\s*/\s*\d{{1,4}}|(?:page|p\.)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?"
    r"|[-—–]?\s*[ivxlcIVXLC]{1,6}\s*[-—–]?)$",
    re.I,
)
_OPENERS = "（(《“‘〈「『【[〔"
_CLOSERS = "）)》”’〉」』】]〕，。、；：！？,.;:!?%…"
_LATIN = re.compile(r"[A-Za-z0-9]")
_TITLE_LIKE = re.compile(r"报告|总结|情况|汇报")
_JUNK_TITLE = re.compile(r"\.(?:docx?|wps|pdf|txt|rtf)\b|microsoft|untitled|^无标题|^文档\d*$|^document\d*$", re.I)

# A character is a tuple, for speed (a page has ~1,000 of them, a report ~10,000):
X0, X1, TOP, BOTTOM, SIZE, TEXT, BOLD, FONT, MID = range(9)
_by_x0 = itemgetter(X0)
_by_x1 = itemgetter(X1)
_by_top = itemgetter(TOP)
_by_bottom = itemgetter(BOTTOM)
_by_size = itemgetter(SIZE)
_by_text = itemgetter(TEXT)
_by_bold = itemgetter(BOLD)
_SPECIAL = frozenset("\r\n \ufffe\x02")
_SPECIAL_RE = re.compile("[\r\n \ufffe\x02]")
_by_mid = itemgetter(MID)


@dataclass
class _Line:
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int  # 1-based
    block: int = 0  # index of the column block on its page, for its margins
    table_row: str | None = None  # the text of a table row
    text: str = ""
    bold: list[bool] = field(default_factory=list)  # per character of text
    centred: bool = False
    first_width: float = 0.0  # the width of the first unbreakable piece of the line

    @property
    def heading_type(self) -> bool:
        return bool(self.bold) and all(self.bold)


def _is_bold(fontname: str) -> bool:
    name = fontname.split("+", 1)[-1]
    return bool(_BOLD_FONT.search(name))


def _line(ink: list, spaces: list, page: int) -> _Line:
    """A line from its characters with ink, left to right (sorted by x0), and the spaces that sit
    in it."""
    sizes = sorted(map(_by_size, ink))
    m = len(sizes) // 2
    size = sizes[m] if len(sizes) % 2 else (sizes[m - 1] + sizes[m]) / 2
    line = _Line(ink[0][X0], max(map(_by_x1, ink)), min(map(_by_top, ink)), max(map(_by_bottom, ink)), size, page)
    chars = sorted(ink + spaces, key=_by_x0) if spaces else ink
    text = list(map(_by_text, chars))
    bold = list(map(_by_bold, chars))
    if len(chars) > 1:
        # a Latin word gap without a space character in the PDF: a space before character k
        gaps = list(map(sub, map(_by_x0, chars[1:]), map(_by_x1, chars[:-1])))
        if max(gaps) > 0.25 * sizes[0]:
            wide = map(gt, gaps, map(mul, map(_by_size, chars[1:]), repeat(0.25)))
            for k in reversed(list(compress(range(1, len(chars)), wide))):
                t, p = text[k], text[k - 1]
                if p != " " and t.strip() and (_LATIN.match(t) or _LATIN.match(p)):
                    text.insert(k, " ")
                    bold.insert(k, bold[k - 1])
    s = "".join(text)
    # trim the spaces (and their bold flags) at both ends
    left = len(s) - len(s.lstrip())
    right = len(s.rstrip())
    line.text = s[left:right]
    line.bold = bold[left:right]
    line.first_width = _first_piece_width(ink)
    return line


def _first_piece_width(ink: list) -> float:
    """Width of the line's first unbreakable piece: opening brackets, then a Latin word or number
    or one CJK character, then closing punctuation (line-breaking rules keep those together)."""
    if not ink:
        return 0.0
    i = 0
    n = len(ink)
    while i < n - 1 and ink[i][TEXT] in _OPENERS:
        i += 1
    if _LATIN.match(ink[i][TEXT]):
        while i + 1 < n and (_LATIN.match(ink[i + 1][TEXT]) or ink[i + 1][TEXT] in ".-,/:%+·"):
            i += 1
    while i + 1 < n and ink[i + 1][TEXT] in _CLOSERS:
        i += 1
    return ink[i][X1] - ink[0][X0]


def _rows(chars: list) -> list[list]:
    """Cluster characters into rows by their vertical position: a character joins the row whose
    first character's height its middle is within."""
    rows: list[list] = []
    top = bottom = 0.0
    row: list = []
    for mid, same in groupby(sorted(chars, key=_by_mid), key=_by_mid):  # one text run: one middle
        if row and top <= mid <= bottom:
            row.extend(same)
            continue
        row = list(same)
        rows.append(row)
        top, bottom = row[0][TOP], row[0][BOTTOM]
    return rows


def _segments(row: list) -> list[list]:
    """Split a row at wide horizontal gaps (between columns), dropping a character that repeats
    the one just before it within 1 pt and half its width (fake bold that PDFium did not catch).
    Each segment is [characters, x0, x1, top]."""
    row.sort(key=_by_x0)
    if len(row) > 1:
        x0s = list(map(_by_x0, row))
        x1s = list(map(_by_x1, row))
        if (min(map(sub, x0s[1:], x0s[:-1])) > 1
                and max(map(sub, x0s[1:], x1s[:-1])) <= 1.5 * min(map(_by_size, row))):
            return [[row, x0s[0], max(x1s), min(map(_by_top, row))]]  # no repeat, no gap: one piece
    last = row[0]
    seg = [last]
    segs: list[list] = [[seg, last[X0], last[X1], last[TOP]]]
    info = segs[0]
    for c in row[1:]:
        if (c[TEXT] == last[TEXT] and c[X0] - last[X0] <= min(1.0, 0.5 * (last[X1] - last[X0]))
                and abs(c[TOP] - last[TOP]) <= 1 and c[FONT] == last[FONT] and c[SIZE] == last[SIZE]):
            continue
        if c[X0] - last[X1] > 1.5 * max(c[SIZE], last[SIZE]):
            seg = [c]
            info = [seg, c[X0], c[X1], c[TOP]]
            segs.append(info)
        else:
            seg.append(c)
            if c[X1] > info[2]:
                info[2] = c[X1]
            if c[TOP] < info[3]:
                info[3] = c[TOP]
        last = c
    return segs


def _column_gap(segs: list[tuple[float, float, float]], width: float) -> float | None:
    """The x of a vertical gap through the middle third of the page that no segment (but a few
    spanning ones) crosses, with enough text wholly on either side; None for one column."""
    if len(segs) < 6:
        return None
    lo, hi = width * 0.3, width * 0.7
    if sum(1 for a, b, _ in segs if a < lo and b > hi) > max(2, 0.15 * len(segs)):
        return None  # lines right across the middle third: one column
    starts = sorted(a for a, b, _ in segs if a < b)
    ends = sorted(b for a, b, _ in segs if a < b)
    best = None
    x = width * 0.3
    step = 1.0 if width <= 5000 else width * 0.4 / 2000  # a page wider than PDF allows: bounded
    while x <= width * 0.7:
        crossing = bisect.bisect_left(starts, x) - bisect.bisect_right(ends, x)  # a < x < b
        if best is None or crossing < best[0]:
            best = (crossing, x, x)
        elif crossing == best[0] and best[2] == x - step:
            best = (crossing, best[1], x)
        x += step
    if best is None:
        return None
    crossing, a, b = best
    gap = (a + b) / 2
    left = [s for s in segs if s[1] <= gap]
    right = [s for s in segs if s[0] >= gap]
    if crossing > max(2, 0.15 * len(segs)) or len(left) < 3 or len(right) < 3:
        return None
    # lines side by side: rows (by top) that have text on both sides
    left_tops = {round(s[2]) for s in left}
    both = sum(1 for s in right if any(round(s[2]) + d in left_tops for d in (-2, -1, 0, 1, 2)))
    if both < 3:
        return None
    return gap


class _Spaces:
    """The page's space characters, to give each line those that sit in it."""

    def __init__(self, spaces: list) -> None:
        self.spaces = sorted(spaces, key=_by_mid)
        self.mids = [s[MID] for s in self.spaces]

    def within(self, chars: list) -> list:
        if not self.spaces:
            return []
        top = min(map(_by_top, chars))
        bottom = max(map(_by_bottom, chars))
        x0 = min(map(_by_x0, chars))
        x1 = max(map(_by_x1, chars))
        lo = bisect.bisect_left(self.mids, top)
        hi = bisect.bisect_right(self.mids, bottom)
        return [s for s in self.spaces[lo:hi] if x0 < s[X0] < x1]


def _layout(chars: list, tables: list, width: float, number: int) -> list[_Line]:
    """The lines of one page, in reading order, from its characters and its ruled tables."""
    table_lines: list[_Line] = []
    if tables:
        boxes = [t.bbox for t in tables]
        by_mid = sorted(chars, key=_by_mid)
        mids = list(map(_by_mid, by_mid))
        for t in tables:
            table_lines.extend(_table_rows(t, by_mid, mids, number))

        def in_table(c) -> bool:
            x, y = (c[X0] + c[X1]) / 2, c[MID]
            return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

        chars = [c for c in chars if not in_table(c)]
    blank = list(map(str.isspace, map(_by_text, chars)))
    if any(blank):
        ink = list(compress(chars, map(not_, blank)))
        # spaces go with the row they sit in
        spaces = _Spaces(list(compress(chars, blank)))
    else:
        ink, spaces = chars, _Spaces([])
    rows = _rows(ink) if ink else []
    row_segs = [_segments(r) for r in rows]
    gap = _column_gap([(s[1], s[2], s[3]) for segs in row_segs for s in segs], width)
    out: list[_Line] = []
    if gap is None:
        items = []
        for segs in row_segs:
            r = segs[0][0] if len(segs) == 1 else [c for s in segs for c in s[0]]
            items.append((min(s[3] for s in segs), _line(r, spaces.within(r), number)))
        items += [(ln.top, ln) for ln in table_lines]
        out = [ln for _, ln in sorted(items, key=itemgetter(0))]
        for ln in out:
            ln.block = 0
    else:
        items2 = []  # (top, kind, payload)
        for segs in row_segs:
            items2.append((min(s[3] for s in segs), "row", segs))
        for ln in table_lines:
            items2.append((ln.top, "table", ln))
        items2.sort(key=itemgetter(0))
        left: list[_Line] = []
        right: list[_Line] = []
        block = 0

        def flush() -> None:
            nonlocal block, left, right
            for ln in left:
                ln.block = block + 1
            for ln in right:
                ln.block = block + 2
            out.extend(left)
            out.extend(right)
            if left or right:
                block += 2
            left, right = [], []

        for _top, kind, payload in items2:
            if kind == "table":
                ln = payload
                if ln.x0 < gap < ln.x1:
                    flush()
                    out.append(ln)
                else:
                    (left if ln.x1 <= gap else right).append(ln)
                continue
            segs = payload
            if any(s[1] < gap < s[2] for s in segs):
                flush()
                r = [c for s in segs for c in s[0]]
                ln = _line(r, spaces.within(r), number)
                ln.block = 0
                out.append(ln)
                continue
            lch = [c for s in segs if s[2] <= gap for c in s[0]]
            rch = [c for s in segs if s[1] >= gap for c in s[0]]
            if lch:
                left.append(_line(lch, spaces.within(lch), number))
            if rch:
                right.append(_line(rch, spaces.within(rch), number))
        flush()
    return [ln for ln in out if ln.text or ln.table_row]


def _table_rows(table, chars: list, mids: list[float], number: int) -> list[_Line]:
    """One line per table row, its cells' text joined by " | " (as pdfplumber extracted them:
    a character belongs to the cell its centre is in). chars are sorted by their middle, mids."""
    out = []
    for cells in table.rows():
        present = [c for c in cells if c is not None]
        x0, top = min(c[0] for c in present), min(c[1] for c in present)
        x1, bottom = max(c[2] for c in present), max(c[3] for c in present)
        band = chars[bisect.bisect_left(mids, top):bisect.bisect_left(mids, bottom)]
        row_chars = [c for c in band if x0 <= (c[X0] + c[X1]) / 2 < x1]
        texts = []
        for cell in cells:
            if cell is None:
                texts.append("")
                continue
            inside = [c for c in row_chars if cell[0] <= (c[X0] + c[X1]) / 2 < cell[2] and cell[1] <= c[MID] < cell[3]]
            texts.append(_cell_text(_cell_lines(inside)))
        while texts and not texts[-1]:
            texts.pop()
        if not any(texts):
            continue
        ln = _Line(x0, x1, top, bottom, 0.0, number, table_row=" | ".join(texts))
        ln.text = ln.table_row
        out.append(ln)
    return out


def _cell_lines(chars: list) -> list[str]:
    """The text lines of a cell: characters clustered by top (within 3 pt, chained), each line
    left to right, words (split at spaces and gaps wider than 3 pt) joined by one space."""
    if not chars:
        return []
    lines: list[list] = []
    last_top = None
    for c in sorted(chars, key=itemgetter(TOP)):
        if last_top is None or c[TOP] > last_top + 3:
            lines.append([])
        lines[-1].append(c)
        last_top = c[TOP]
    out = []
    for line in lines:
        words: list[str] = []
        word = ""
        prev = None
        for c in sorted(line, key=_by_x0):
            if not c[TEXT].strip():
                if word:
                    words.append(word)
                word, prev = "", None
                continue
            if prev is not None and c[X0] > prev[X1] + 3 and word:
                words.append(word)
                word = ""
            word += c[TEXT]
            prev = c
        if word:
            words.append(word)
        out.append(" ".join(words))
    return out


def _cell_text(lines: list[str]) -> str:
    parts = [p.strip() for p in lines if p.strip()]
    out = ""
    for p in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out.replace("|", "｜")


# ---------------------------------------------------------------- page furniture

def _furniture_key(ln: _Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text))


def _drop_furniture(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    """Remove page numbers and running headers / footers (at the top or bottom of a page)."""
    def edge_lines(lines: list[_Line]) -> list[_Line]:
        body = [ln for ln in lines if ln.table_row is None]
        by_top = sorted(body, key=lambda ln: ln.top)
        return by_top[:2] + [ln for ln in by_top[-2:] if ln not in by_top[:2]]

    drop: set[int] = set()
    seen: dict[tuple[str, int], set[int]] = {}
    places: dict[tuple[str, int], list[_Line]] = {}
    for k, lines in enumerate(pages):
        h = heights[k]
        for ln in edge_lines(lines):
            in_margin = ln.top < 0.2 * h or ln.bottom > 0.8 * h
            if in_margin and PAGE_NUMBER.match(ln.text.strip()):
                drop.add(id(ln))
                continue
            key = (_furniture_key(ln), round(ln.top / 4))
            seen.setdefault(key, set()).add(k)
            places.setdefault(key, []).append(ln)
    n = len(pages)
    if n >= 2:
        need = n if n <= 3 else max(3, (n + 1) // 2)
        merged: Counter = Counter()
        for (text, slot), pgs in seen.items():  # allow a little drift in the position
            merged[text, slot] = len(pgs | seen.get((text, slot - 1), set()) | seen.get((text, slot + 1), set()))
        for key, count in merged.items():
            if count >= need and key[0]:
                for ln in places.get(key, []):
                    drop.add(id(ln))
    return [[ln for ln in lines if id(ln) not in drop] for lines in pages]


# ---------------------------------------------------------------- paragraphs

@dataclass
class _Block:
    left: float
    right: float


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    counts = Counter(round(v) for v in values)
    best = max(counts.values())
    return min(v for v, c in counts.items() if c == best)


def _edge(values: list[float]) -> float:
    """The right edge of a text block: a high percentile of where its lines end (a few lines that
    run into the margin do not move it; ragged text does not pull it in)."""
    values = sorted(values)
    return values[int(0.95 * (len(values) - 1))]


def _blocks(pages: list[list[_Line]], widths: list[float]) -> dict[tuple[int, int], _Block]:
    """Left and right margins of each text block (a one-column page, or a column)."""
    text_lines = [ln for lines in pages for ln in lines if ln.table_row is None]
    single = [ln for ln in text_lines if ln.block == 0] or text_lines
    doc_left = _mode([ln.x0 for ln in single], 0.0)
    mid = doc_left + 0.5 * (max(widths) - 2 * doc_left)
    doc_right = _edge([ln.x1 for ln in single if ln.x1 > mid] or [ln.x1 for ln in single])
    out: dict[tuple[int, int], _Block] = {}
    groups: dict[tuple[int, int], list[_Line]] = {}
    for ln in text_lines:
        groups.setdefault((ln.page, ln.block), []).append(ln)
    for key, lines in groups.items():
        if key[1] == 0:
            out[key] = _Block(doc_left, doc_right)
            continue
        left = _mode([ln.x0 for ln in lines], doc_left)
        right = max(ln.x1 for ln in lines)
        if len(lines) >= 4:
            right = _edge([ln.x1 for ln in lines if ln.x1 > (left + right) / 2])
        out[key] = _Block(left, right)
    return out


def _continues(prev: _Line, ln: _Line, blocks, pitch: float, same_flow: bool) -> bool:
    if prev.table_row is not None or ln.table_row is not None:
        return False
    bp, bl = blocks[prev.page, prev.block], blocks[ln.page, ln.block]
    size = ln.size or 12.0
    if ln.centred:
        # a centred title that wraps: its first line is centred or as wide as the text, and the
        # next piece would not have fitted on it
        return (abs(prev.size - ln.size) < 0.5 and prev.bold[-1:] == ln.bold[:1]
                and (prev.centred or (prev.x0 <= bp.left + 1.5 * size and prev.x1 >= bp.right - 1.5 * size))
                and (prev.x1 - prev.x0) + ln.first_width > (bp.right - bp.left) - 0.5 * size)
    if prev.centred:
        return False
    if ln.x0 > bl.left + 0.6 * size:  # indented: a new paragraph
        return False
    if prev.x1 + ln.first_width <= bp.right - 0.1 * size:  # it would have fitted: a paragraph end
        return False
    if abs(prev.size - ln.size) > 0.5 or prev.bold[-1:] != ln.bold[:1]:
        return False
    if same_flow and pitch and ln.top - prev.top > 1.35 * pitch:  # paragraph spacing
        return False
    return True


def _mark_centred(lines: list[_Line], blocks) -> None:
    for ln in lines:
        if ln.table_row is not None:
            continue
        b = blocks[ln.page, ln.block]
        size = ln.size or 12.0
        mid = (b.left + b.right) / 2
        ln.centred = (ln.x0 > b.left + 1.5 * size and ln.x1 < b.right - 1.5 * size
                      and abs((ln.x0 + ln.x1) / 2 - mid) < 1.0 * size)


def _line_pitch(lines: list[_Line]) -> float:
    steps = []
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.block == b.block and a.table_row is None and b.table_row is None:
            d = b.top - a.top
            if 0 < d < 4 * (a.size or 12):
                steps.append(round(d, 1))
    return statistics.median(steps) if steps else 0.0


def _emit(lines: list[_Line], cont: list[bool]) -> list[str]:
    """The text of each line, with Markdown bold for a wholly bold paragraph and a bold run-in."""
    out = [ln.text for ln in lines]
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and cont[j]:
            j += 1
        para = lines[i:j]
        if para[0].table_row is None:
            if all(ln.heading_type for ln in para):
                for k in range(i, j):
                    out[k] = f"**{lines[k].text}**"
            else:
                first = para[0]
                n = 0
                while n < len(first.bold) and first.bold[n]:
                    n += 1
                head = first.text[:n].rstrip()
                if 2 <= len(head) and n < len(first.text) and not first.bold[n:n + 1] == [True]:
                    out[i] = f"**{head}**{first.text[n:].lstrip()}"
        i = j
    return out


def _title(title: str | None) -> str | None:
    if not isinstance(title, str):
        return None
    title = " ".join(title.split())
    if not title or len(title) > 80 or _JUNK_TITLE.search(title) or not _TITLE_LIKE.search(title):
        return None
    if not any("\u4e00" <= ch <= "\u9fff" for ch in title):
        return None
    return title


def _check_complete(data: bytes, name: str) -> None:
    """A PDF cut short (a failed download) has no %%EOF after its last objects."""
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise InputError(f"{name}: PDF不完整或已损坏（没有文件结束标记）：请重新下载或导出")
    tail = data[end + 5:]
    if len(tail) > 1024 and re.search(rb"\d+\s+\d+\s+obj\b", tail):
        raise InputError(f"{name}: PDF不完整或已损坏（最后一次更新被截断）：请重新下载或导出")


# ---------------------------------------------------------------- PDFium

class _Api:
    """The PDFium calls the reader makes, as plain ctypes functions on pointer-sized integers
    (pypdfium2's typed wrappers cost a third more per call, and a report makes ~100,000)."""

    def __init__(self) -> None:
        import pypdfium2
        import pypdfium2.raw as raw

        self.pypdfium2 = pypdfium2
        self.raw = raw
        p, i, u, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float
        ul = ctypes.c_ulong

        def fn(name, res, *args):
            return ctypes.CFUNCTYPE(res, *args)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)

        self.load_page = fn("FPDF_LoadPage", p, p, i)
        self.close_page = fn("FPDF_ClosePage", None, p)
        self.bbox = fn("FPDF_GetPageBoundingBox", i, p, p)
        self.rotation = fn("FPDFPage_GetRotation", i, p)
        self.count_objects = fn("FPDFPage_CountObjects", i, p)
        self.get_object = fn("FPDFPage_GetObject", p, p, i)
        self.obj_type = fn("FPDFPageObj_GetType", i, p)
        self.obj_matrix = fn("FPDFPageObj_GetMatrix", i, p, p)
        self.form_count = fn("FPDFFormObj_CountObjects", i, p)
        self.form_object = fn("FPDFFormObj_GetObject", p, p, ul)
        self.count_segments = fn("FPDFPath_CountSegments", i, p)
        self.segment = fn("FPDFPath_GetPathSegment", p, p, i)
        self.seg_point = fn("FPDFPathSegment_GetPoint", i, p, p, p)
        self.seg_type = fn("FPDFPathSegment_GetType", i, p)
        self.seg_close = fn("FPDFPathSegment_GetClose", i, p)
        self.text_page = fn("FPDFText_LoadPage", p, p)
        self.close_text_page = fn("FPDFText_ClosePage", None, p)
        self.count_chars = fn("FPDFText_CountChars", i, p)
        self.get_text = fn("FPDFText_GetText", i, p, i, i, p)
        self.unicode = fn("FPDFText_GetUnicode", u, p, i)
        self.generated = fn("FPDFText_IsGenerated", i, p, i)
        self.map_error = fn("FPDFText_HasUnicodeMapError", i, p, i)
        self.text_object = fn("FPDFText_GetTextObject", p, p, i)
        self.loose_box = fn("FPDFText_GetLooseCharBox", i, p, i, p)
        self.char_matrix = fn("FPDFText_GetMatrix", i, p, i, p)
        self.font = fn("FPDFTextObj_GetFont", p, p)
        self.font_size = fn("FPDFTextObj_GetFontSize", i, p, p)
        self.font_name = fn("FPDFFont_GetBaseFontName", ul, p, p, ul)
        self.meta_text = fn("FPDF_GetMetaText", ul, p, ctypes.c_char_p, p, ul)
        self.security_revision = fn("FPDF_GetSecurityHandlerRevision", i, p)
        self.PATH = raw.FPDF_PAGEOBJ_PATH
        self.FORM = raw.FPDF_PAGEOBJ_FORM
        self.rect = (f * 4)()  # FS_RECTF: left, top, right, bottom
        self.rect_p = ctypes.addressof(self.rect)
        self.rect_v = memoryview(self.rect).cast("B").cast("f")
        self.matrix = (f * 6)()  # FS_MATRIX: a, b, c, d, e, f
        self.matrix_p = ctypes.addressof(self.matrix)
        self.matrix_v = memoryview(self.matrix).cast("B").cast("f")
        self.fs = (f * 1)()
        self.fs_p = ctypes.addressof(self.fs)
        self.fs_v = memoryview(self.fs).cast("B").cast("f")
        self.xy = (f * 2)()
        self.xy_p = ctypes.addressof(self.xy)
        self.x_p = self.xy_p
        self.y_p = self.xy_p + ctypes.sizeof(f)


_API: _Api | None = None
# PDFium is not thread-safe: one document at a time in a process
_LOCK = threading.Lock()


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


class _View:
    """A page's coordinates as shown: x to the right and top downwards from its top-left corner,
    after its /Rotate. Also the linear part of the rotation, to tell upright text."""

    def __init__(self, left: float, bottom: float, right: float, top: float, rotation: int) -> None:
        self.rot = rotation % 4
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rot % 2 else (w, h)
        self.linear = [(1, 0, 0, 1), (0, -1, 1, 0), (-1, 0, 0, -1), (0, 1, -1, 0)][self.rot]

    def box(self, l: float, t: float, r: float, b: float) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of a box given in PDF space (left, top, right, bottom)."""
        rot = self.rot
        if rot == 0:
            return l - self.left, r - self.left, self.top - t, self.top - b
        if rot == 1:
            return b - self.bottom, t - self.bottom, l - self.left, r - self.left
        if rot == 2:
            return self.right - r, self.right - l, b - self.bottom, t - self.bottom
        return self.top - t, self.top - b, self.right - r, self.right - l

    def point(self, x: float, y: float) -> tuple[float, float]:
        x0, _, top, _ = self.box(x, y, x, y)
        return x0, top

    def turn(self, a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
        ra, rb, rc, rd = self.linear
        return a * ra + b * rc, a * rb + b * rd, c * ra + d * rc, c * rb + d * rd


def _char(u: int) -> str:
    return chr(u) if 0 < u < 0x110000 and not 0xD800 <= u < 0xE000 else "\ufffe"


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF or o >= 0x20000


class _Reader:
    def __init__(self, pdf, name: str, max_page_chars: int, max_chars: int) -> None:
        self.api = _api()
        self.doc = _address(pdf.raw)
        self.name = name
        self.max_page_chars = max_page_chars
        self.max_chars = max_chars
        self.cid_chars = 0  # characters without a Unicode mapping
        self.text_chars = 0  # characters read (with those), for the share of unmapped ones
        self.all_chars = 0  # characters on the pages so far, PDFium's generated spaces included
        self.fonts: dict[int, list] = {}  # font handle -> [bold, unicode map state]
        self.table_objects = 0
        self.table_work = Budget()

    # ------------------------------------------------------------ one page
    def read_page(self, index: int) -> tuple[list[_Line], float, float]:
        api = self.api
        number = index + 1
        page = api.load_page(self.doc, index)
        if not page:
            raise InputError(f"{self.name}: 第{number}页无法读取（页面树损坏或循环引用）：请重新导出PDF")
        try:
            api.bbox(page, api.rect_p)
            l, t, r, b = api.rect_v
            view = _View(min(l, r), min(t, b), max(l, r), max(t, b), api.rotation(page))
            tp = api.text_page(page)
            if not tp:
                return [], view.height, view.width
            try:
                n = api.count_chars(tp)
                if n > self.max_page_chars:
                    raise InputError(f"{self.name}: 第{number}页有{n}个字符，超过每页字符上限"
                                     f"（MAX_PAGE_CHARS={self.max_page_chars}）")
                self.all_chars += n
                if self.all_chars > self.max_chars:
                    raise InputError(f"{self.name}: PDF的字符总数超过上限（MAX_CHARS={self.max_chars}）")
                cid = self.cid_chars
                chars = self._chars(tp, n, view) if n > 0 else []
                self.text_chars += len(chars) + self.cid_chars - cid
            finally:
                api.close_text_page(tp)
            if not chars:
                return [], view.height, view.width
            tables = find_tables(self._edges(page, view), self.table_work) if self._has_paths(page) else []
            return _layout(chars, tables, view.width, number), view.height, view.width
        finally:
            api.close_page(page)

    def _chars(self, tp: int, n: int, view: _View) -> list[tuple]:
        """The page's upright characters with text, as tuples (see X0 … MID).

        The work per character is done in C where it can be (ctypes calls driven by map, lists
        built by zip): a report has some 30,000 characters, and a Python loop over them would
        cost as much as PDFium's own reading of the pages."""
        api = self.api
        buf = (ctypes.c_ushort * (n + 1))()
        got = api.get_text(tp, 0, n, ctypes.addressof(buf))
        text = ctypes.string_at(ctypes.addressof(buf), 2 * max(got - 1, 0)).decode("utf-16-le", "surrogatepass")
        if len(text) != n:  # the text does not map one to one onto the characters: ask each
            text = "".join(_char(api.unicode(tp, k)) for k in range(n))
        objs = list(map(api.text_object, repeat(tp, n), range(n)))
        objects: dict[int, tuple | None] = {}
        fonts = self.fonts
        keep: list[int] = []  # the characters kept, by index
        chars: list[str] = []
        sizes: list[float] = []
        ems: list[float] = []
        bolds: list[bool] = []
        font_ids: list[int] = []
        pos = 0
        for o, run in groupby(objs):
            start = pos
            pos += len(list(run))
            if not o:  # PDFium's line breaks and the spaces it put between objects
                continue
            info = objects.get(o, False)
            if info is False:
                info = objects[o] = self._object_info(tp, start, o, view)
            if info is None:
                continue
            size, em_x, bold, font = info
            seg = text[start:pos]
            state = fonts[font]
            if state[1] < 16 or state[1] == 99 or _SPECIAL_RE.search(seg):
                ks, seg = self._check_run(tp, start, pos, text, state)
            else:
                ks = range(start, pos)
            k = len(ks)
            if not k:
                continue
            keep.extend(ks)
            chars.extend(seg)
            sizes.extend([size] * k)
            ems.extend([em_x + 0.01] * k)
            bolds.extend([bold] * k)
            font_ids.extend([font] * k)
        m = len(keep)
        if not m:
            return []
        boxes = (ctypes.c_float * (4 * m))()
        base = ctypes.addressof(boxes)
        deque(map(api.loose_box, repeat(tp, m), keep, range(base, base + 16 * m, 16)), maxlen=0)
        flat = memoryview(boxes).cast("B").cast("f").tolist()  # left, top, right, bottom, …
        if view.rot == 0:
            x0s = list(map(sub, flat[0::4], repeat(view.left, m)))
            x1s = list(map(sub, flat[2::4], repeat(view.left, m)))
            bottoms = list(map(sub, repeat(view.top, m), flat[3::4]))
        else:
            boxes4 = list(map(view.box, flat[0::4], flat[1::4], flat[2::4], flat[3::4]))
            x0s = [b[0] for b in boxes4]
            x1s = [b[1] for b in boxes4]
            bottoms = [b[3] for b in boxes4]
        # the ink of a CJK glyph past its advance (PDFium gives the union of the two boxes)
        for k in compress(range(m), map(gt, map(sub, x1s, x0s), ems)):
            if _is_cjk(chars[k]):
                x1s[k] = x0s[k] + ems[k] - 0.01
        tops = list(map(sub, bottoms, sizes))
        mids = list(map(sub, bottoms, map(truediv, sizes, repeat(2.0, m))))
        return list(zip(x0s, x1s, tops, bottoms, sizes, chars, bolds, font_ids, mids))

    def _check_run(self, tp: int, start: int, stop: int, text: str, state: list) -> tuple[list[int], list[str]]:
        """The characters of a run to keep, one by one: not PDFium's generated spaces and line
        breaks, not those without Unicode (counted); a line-end hyphen PDFium marked is "-"."""
        api = self.api
        ks: list[int] = []
        chars: list[str] = []
        for k in range(start, stop):
            ch = text[k]
            if ch in _SPECIAL:
                if ch == "\r" or ch == "\n" or ch == " " and api.generated(tp, k):
                    continue
                if ch == "\ufffe" or ch == "\x02":
                    if api.unicode(tp, k) != 2:
                        self.cid_chars += 1
                        continue
                    ch = "-"
            if state[1] < 16 or state[1] == 99:  # a font's first characters: any without Unicode?
                if api.map_error(tp, k):
                    state[1] = 99
                    self.cid_chars += 1
                    continue
                if state[1] < 16:
                    state[1] += 1
            ks.append(k)
            chars.append(ch)
        return ks, chars

    def _object_info(self, tp: int, i: int, o: int, view: _View) -> tuple | None:
        """(size, em width, bold, font) of a text object's characters; None when not upright."""
        api = self.api
        api.char_matrix(tp, i, api.matrix_p)
        a, b, c, d, _e, _f = api.matrix_v
        if view.rot:
            a, b, c, d = view.turn(a, b, c, d)
        if a * d <= 0 or b * c > 0:
            return None
        api.font_size(o, api.fs_p)
        fs = api.fs_v[0]
        font = api.font(o) or 0
        state = self.fonts.get(font)
        if state is None:
            name = ""
            if font:
                length = api.font_name(font, None, 0)
                if 0 < length < 4096:
                    buf = ctypes.create_string_buffer(length)
                    api.font_name(font, buf, length)
                    name = buf.value.decode("utf-8", "replace")
            state = self.fonts[font] = [_is_bold(name), 0]
        size = abs(fs * d) or abs(fs) or 1.0
        return size, abs(fs * a) or size, state[0], font

    # ------------------------------------------------------------ ruled lines
    def _has_paths(self, page: int) -> bool:
        api = self.api
        count = api.count_objects(page)
        if count > MAX_PAGE_OBJECTS or self.table_objects > MAX_TABLE_OBJECTS:
            return False
        self.table_objects += count
        return any(api.obj_type(api.get_object(page, k)) in (api.PATH, api.FORM) for k in range(count))

    def _edges(self, page: int, view: _View) -> list[tuple[str, float, float, float]]:
        """Every horizontal or vertical straight piece of the page's paths, in page coordinates."""
        api = self.api
        edges: list[tuple[str, float, float, float]] = []
        budget = [MAX_PAGE_OBJECTS]

        def walk(objects, outer) -> None:
            for obj in objects:
                budget[0] -= 1
                if budget[0] < 0:
                    return
                kind = api.obj_type(obj)
                if kind not in (api.PATH, api.FORM):
                    continue
                api.obj_matrix(obj, api.matrix_p)
                m = tuple(api.matrix)
                if outer is not None:
                    m = _compose(m, outer)
                if kind == api.FORM:
                    walk((api.form_object(obj, k) for k in range(api.form_count(obj))), m)
                else:
                    self._path_edges(obj, m, view, edges)

        walk((api.get_object(page, k) for k in range(api.count_objects(page))), None)
        return edges

    def _path_edges(self, obj: int, m: tuple, view: _View, edges: list) -> None:
        api = self.api
        a, b, c, d, e, f = m
        start = cur = None
        for k in range(min(api.count_segments(obj), 10_000)):
            seg = api.segment(obj, k)
            api.seg_point(seg, api.x_p, api.y_p)
            x, y = api.xy
            pt = view.point(a * x + c * y + e, b * x + d * y + f)
            kind = api.seg_type(seg)
            if kind == 0 and cur is not None:  # line to
                _edge_of(cur, pt, edges)
            if kind == 2:  # move to
                start = pt
            cur = pt
            if api.seg_close(seg) and start is not None and cur is not None:
                _edge_of(cur, start, edges)
                cur = start


def _compose(m: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _edge_of(p: tuple[float, float], q: tuple[float, float], edges: list) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.01:
        edges.append(("h", min(x0, x1), max(x0, x1), y0))
    elif abs(x0 - x1) < 0.01:
        edges.append(("v", min(y0, y1), max(y0, y1), x0))


# ---------------------------------------------------------------- the whole file

def read_pdf(data: bytes, name: str, *, max_pages: int | None = None, max_page_chars: int | None = None,
             max_chars: int | None = None, max_stream_bytes: int | None = None,
             max_content_bytes: int | None = None, max_nesting: int | None = None,
             max_decoded_bytes: int | None = None) -> Source:
    """Read a PDF report's text layer. Raises InputError (one line) when it cannot be read, or
    when it passes a limit (None: the module's MAX_… constant)."""
    max_pages = MAX_PAGES if max_pages is None else max_pages
    max_page_chars = MAX_PAGE_CHARS if max_page_chars is None else max_page_chars
    max_chars = MAX_CHARS if max_chars is None else max_chars
    max_stream = MAX_STREAM_BYTES if max_stream_bytes is None else max_stream_bytes
    max_decoded = MAX_DECODED_BYTES if max_decoded_bytes is None else max_decoded_bytes
    max_content = MAX_CONTENT_BYTES if max_content_bytes is None else max_content_bytes
    max_nesting = MAX_NESTING if max_nesting is None else max_nesting
    _check_complete(data, name)

    def guard() -> None:
        try:
            check_streams(data, max_stream, max_decoded, max_content, max_nesting)
        except TooLarge as exc:
            raise InputError(f"{name}: {_too_large(*exc.args)}：文件异常，请重新导出PDF") from None

    # an encrypted file's streams cannot be decoded before PDFium has its key; one that only
    # says "/Encrypt" somewhere is checked once PDFium has found it is not encrypted
    maybe_encrypted = b"/Encrypt" in data
    if not maybe_encrypted:
        guard()
    try:
        api = _api()
    except ImportError:  # pragma: no cover - pypdfium2 is a dependency
        raise InputError(f"{name}: 读取PDF需要pypdfium2（pip install pypdfium2）") from None
    with _LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pdf = api.pypdfium2.PdfDocument(data)
        except api.pypdfium2.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code in (api.raw.FPDF_ERR_PASSWORD, api.raw.FPDF_ERR_SECURITY):
                raise InputError(f"{name}: {ENCRYPTED}") from None
            raise InputError(f"{name}: 不是可读的PDF（{_why(code)}）") from None
        try:
            if maybe_encrypted and api.security_revision(_address(pdf.raw)) < 0:
                guard()
            return _read(pdf, name, max_pages, max_page_chars, max_chars)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(f"{name}: 损坏的PDF，文字无法读取（{type(exc).__name__}）") from None
        finally:
            pdf.close()


def _too_large(what: str, limit: int) -> str:
    mb = limit // (1024 * 1024)
    if what == "stream":
        return f"PDF中的一个数据流解压后超过{mb} MB（MAX_STREAM_BYTES）"
    if what == "content":
        return f"PDF中的一个页面内容流解压后超过{mb} MB（MAX_CONTENT_BYTES）"
    if what == "nesting":
        return f"PDF的页面内容有超过{limit}层未关闭的图形状态（MAX_NESTING）"
    return f"PDF的数据流解压后共超过{mb} MB（MAX_DECODED_BYTES）"


def _why(code) -> str:
    return {2: "文件无法打开", 3: "文件格式错误或已损坏", 6: "页面有误"}.get(code, "文件已损坏")


def _read(pdf, name: str, max_pages: int, max_page_chars: int, max_chars: int) -> Source:
    reader = _Reader(pdf, name, max_page_chars, max_chars)
    count = len(pdf)
    if count <= 0:
        raise InputError(f"{name}: PDF没有页面")
    if count > max_pages:
        raise InputError(f"{name}: PDF有{count}页，超过页数上限（MAX_PAGES={max_pages}）")
    pages: list[list[_Line]] = []
    heights: list[float] = []
    widths: list[float] = []
    for index in range(count):
        lines, height, width = reader.read_page(index)
        pages.append(lines)
        heights.append(height)
        widths.append(width)
    if reader.text_chars and reader.cid_chars / reader.text_chars > 0.3:
        raise InputError(f"{name}: {NO_UNICODE}")
    if not any(pages):
        raise InputError(f"{name}: {SCANNED}")
    pages = _drop_furniture(pages, heights)
    lines = [ln for p in pages for ln in p]
    if not lines:
        raise InputError(f"{name}: PDF的每一页只有页眉、页脚或页码，没有正文")
    blocks = _blocks(pages, widths)
    _mark_centred(lines, blocks)
    pitch = _line_pitch(lines)
    cont = [False]
    for prev, ln in zip(lines, lines[1:]):
        same_flow = prev.page == ln.page and prev.block == ln.block
        cont.append(_continues(prev, ln, blocks, pitch, same_flow))
    texts = _emit(lines, cont)
    locations = []
    count_: Counter = Counter()
    for ln in lines:
        count_[ln.page] += 1
        locations.append(f"第{ln.page}页第{count_[ln.page]}行")
    meta = {}
    title = _title(_meta(reader, "Title"))
    if title:
        meta["标题"] = title
    return Source(path=name, format="pdf", lines=texts, metadata=meta, locations=locations, continues=cont)


def _meta(reader: _Reader, key: str) -> str | None:
    api = reader.api
    size = api.meta_text(reader.doc, key.encode("ascii"), None, 0)
    if not 2 < size < 65536:
        return None
    buf = ctypes.create_string_buffer(size)
    api.meta_text(reader.doc, key.encode("ascii"), ctypes.addressof(buf), size)
    return buf.raw[:size - 2].decode("utf-16-le", "replace")
