"""The PDF reader as it was before PDFium (pdfplumber), kept for `make bench` only: the "before"
of the PDF reading figures, measured in the same run as the reader in checker/read/pdf.py. Not
used by the package; a verbatim copy of checker/read/pdf.py at the commit before the move, but
for the two imports below and the __main__ at the end, which recorded what it reads from the
format fixtures (tests/expected/pdf_reader.json, the expectation tests/test_read_pdf.py holds the
PDFium reader to).

Read a PDF with a text layer into printed lines (pdfplumber).

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
* ruled tables (pdfplumber ``find_tables``) give one line per row, cells joined by " | ";
* a wholly bold line (bold/heavy/黑体 font) is emitted as ``**text**`` and a bold run-in heading
  at the start of a paragraph as ``**（一）加强领导。**正文``, the Markdown normalize reads as
  heading hints;
* a scanned PDF (no text layer), an encrypted one, a truncated or corrupt one is refused with a
  one-line InputError.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from checker.errors import InputError
from checker.read import Source

SCANNED = ("a scanned PDF with no text layer; fzcheck needs a PDF with text "
           "(export it from Word/WPS, or OCR it first)")

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


@dataclass
class _Line:
    chars: list  # pdfplumber char dicts, left to right
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


def _line_from_chars(chars: list, page: int) -> _Line:
    chars = sorted(chars, key=lambda c: c["x0"])
    ink = [c for c in chars if c["text"].strip()] or chars
    size = statistics.median(c["size"] for c in ink)
    line = _Line(chars, min(c["x0"] for c in ink), max(c["x1"] for c in ink),
                 min(c["top"] for c in ink), max(c["bottom"] for c in ink), size, page)
    text: list[str] = []
    bold: list[bool] = []
    prev = None
    for c in chars:
        t = c["text"]
        if not t:
            continue
        if prev is not None and t.strip() and text and text[-1] != " ":
            gap = c["x0"] - prev["x1"]
            # a Latin word gap without a space character in the PDF
            if gap > 0.25 * c["size"] and (_LATIN.match(t[0]) or _LATIN.match(prev["text"][-1:] or "")):
                text.append(" ")
                bold.append(bold[-1] if bold else False)
        b = _is_bold(c.get("fontname", ""))
        for ch in t:
            text.append(ch)
            bold.append(b)
        prev = c
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
    while i < n - 1 and ink[i]["text"] in _OPENERS:
        i += 1
    if _LATIN.match(ink[i]["text"]):
        while i + 1 < n and (_LATIN.match(ink[i + 1]["text"]) or ink[i + 1]["text"] in ".-,/:%+·"):
            i += 1
    while i + 1 < n and ink[i + 1]["text"] in _CLOSERS:
        i += 1
    return ink[i]["x1"] - ink[0]["x0"]


def _rows(chars: list) -> list[list]:
    """Cluster characters into rows by their vertical position."""
    rows: list[list] = []
    bounds: list[tuple[float, float]] = []
    for c in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (c["top"] + c["bottom"]) / 2
        if rows:
            top, bottom = bounds[-1]
            if top <= mid <= bottom:
                rows[-1].append(c)
                continue
        rows.append([c])
        bounds.append((c["top"], c["bottom"]))
    return rows


def _segments(row: list) -> list[list]:
    """Split a row at wide horizontal gaps (between columns)."""
    row = sorted(row, key=lambda c: c["x0"])
    segs: list[list] = [[row[0]]]
    for c in row[1:]:
        last = segs[-1][-1]
        if c["x0"] - last["x1"] > 1.5 * max(c["size"], last["size"]):
            segs.append([c])
        else:
            segs[-1].append(c)
    return segs


def _column_gap(segs: list[tuple[float, float, float]], width: float) -> float | None:
    """The x of a vertical gap through the middle third of the page that no segment (but a few
    spanning ones) crosses, with enough text wholly on either side; None for one column."""
    if len(segs) < 6:
        return None
    best = None
    x = width * 0.3
    while x <= width * 0.7:
        crossing = sum(1 for a, b, _ in segs if a < x < b)
        if best is None or crossing < best[0]:
            best = (crossing, x, x)
        elif crossing == best[0] and best[2] == x - 1:
            best = (crossing, best[1], x)
        x += 1
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
    both = sum(1 for s in right if any(abs(round(s[2]) - t) <= 2 for t in left_tops))
    if both < 3:
        return None
    return gap


class _Reader:
    def __init__(self, pdf, name: str) -> None:
        self.pdf = pdf
        self.name = name
        self.lines: list[_Line] = []
        self.image_pages = 0
        self.cid_chars = 0
        self.all_chars = 0

    # ------------------------------------------------------------ one page
    def read_page(self, page, number: int) -> list[_Line]:
        chars = [c for c in page.chars if c.get("upright", True) and c["text"]]
        if page.images:
            self.image_pages += 1
        if not chars:
            return []
        self.all_chars += len(chars)
        self.cid_chars += sum(1 for c in chars if c["text"].startswith("(cid:"))
        tables = []
        if page.rects or page.lines or page.curves:
            try:
                tables = [t for t in page.find_tables() if t.rows]
            except Exception:  # a table finder failure must not lose the page's text
                tables = []
        table_lines: list[_Line] = []
        if tables:
            boxes = [t.bbox for t in tables]

            def in_table(c) -> bool:
                x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
                return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            for t in tables:
                table_lines.extend(self._table_rows(t, number))
            chars = [c for c in chars if not in_table(c)]
        rows = _rows([c for c in chars if c["text"].strip()]) if chars else []
        # spaces go with the row they sit in
        spaces = [c for c in chars if not c["text"].strip()]
        row_segs = [_segments(r) for r in rows]
        flat = [(min(c["x0"] for c in s), max(c["x1"] for c in s), min(c["top"] for c in s))
                for segs in row_segs for s in segs]
        gap = _column_gap(flat, page.width)
        out: list[_Line] = []
        if gap is None:
            items = [(min(c["top"] for c in r), _line_from_chars(r + _spaces_in(spaces, r), number)) for r in rows]
            items += [(ln.top, ln) for ln in table_lines]
            out = [ln for _, ln in sorted(items, key=lambda it: it[0])]
            for ln in out:
                ln.block = 0
        else:
            items = []  # (top, kind, payload)
            for segs in row_segs:
                top = min(c["top"] for s in segs for c in s)
                items.append((top, "row", segs))
            for ln in table_lines:
                items.append((ln.top, "table", ln))
            items.sort(key=lambda it: it[0])
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

            for _top, kind, payload in items:
                if kind == "table":
                    ln = payload
                    if ln.x0 < gap < ln.x1:
                        flush()
                        out.append(ln)
                    else:
                        (left if ln.x1 <= gap else right).append(ln)
                    continue
                segs = payload
                if any(min(c["x0"] for c in s) < gap < max(c["x1"] for c in s) for s in segs):
                    flush()
                    r = [c for s in segs for c in s]
                    ln = _line_from_chars(r + _spaces_in(spaces, r), number)
                    ln.block = 0
                    out.append(ln)
                    continue
                lch = [c for s in segs if max(c["x1"] for c in s) <= gap for c in s]
                rch = [c for s in segs if min(c["x0"] for c in s) >= gap for c in s]
                if lch:
                    left.append(_line_from_chars(lch + _spaces_in(spaces, lch), number))
                if rch:
                    right.append(_line_from_chars(rch + _spaces_in(spaces, rch), number))
            flush()
        return [ln for ln in out if ln.text or ln.table_row]

    def _table_rows(self, table, number: int) -> list[_Line]:
        out = []
        try:
            rows = table.extract()
        except Exception:
            return out
        for cells, row in zip(rows, table.rows):
            texts = [_cell_text(c) for c in cells]
            while texts and not texts[-1]:
                texts.pop()
            if not any(texts):
                continue
            x0, top, x1, bottom = row.bbox
            ln = _Line([], x0, x1, top, bottom, 0.0, number, table_row=" | ".join(texts))
            ln.text = ln.table_row
            out.append(ln)
        return out


def _spaces_in(spaces: list, row: list) -> list:
    if not spaces:
        return []
    top = min(c["top"] for c in row)
    bottom = max(c["bottom"] for c in row)
    x0 = min(c["x0"] for c in row)
    x1 = max(c["x1"] for c in row)
    return [s for s in spaces if top <= (s["top"] + s["bottom"]) / 2 <= bottom and x0 < s["x0"] < x1]


def _cell_text(cell: str | None) -> str:
    if not cell:
        return ""
    parts = [p.strip() for p in cell.split("\n") if p.strip()]
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


def _title(meta: dict) -> str | None:
    title = meta.get("Title")
    if isinstance(title, bytes):
        try:
            title = title.decode("utf-8")
        except UnicodeDecodeError:
            return None
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
        raise InputError(f"{name}: a truncated or damaged PDF (no end-of-file marker); download or export it again")
    tail = data[end + 5:]
    if len(tail) > 1024 and re.search(rb"\d+\s+\d+\s+obj\b", tail):
        raise InputError(f"{name}: a truncated or damaged PDF (its last update is cut off); download or export it again")


def read_pdf(data: bytes, name: str) -> Source:
    """Read a PDF report's text layer. Raises InputError (one line) when it cannot be read."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:  # pragma: no cover - pdfplumber is a dependency
        raise InputError(f"{name}: reading PDF needs pdfplumber (pip install pdfplumber)") from None
    _check_complete(data, name)
    encrypted = (PDFPasswordIncorrect, PDFEncryptionError)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        if _cause(exc, encrypted):
            raise InputError(f"{name}: {ENCRYPTED}") from None
        raise InputError(f"{name}: not a readable PDF ({_why(exc)})") from None
    try:
        with pdf:
            return _read(pdf, name)
    except InputError:
        raise
    except Exception as exc:
        if _cause(exc, encrypted):
            raise InputError(f"{name}: {ENCRYPTED}") from None
        raise InputError(f"{name}: a damaged PDF, its text cannot be read ({_why(exc)})") from None


ENCRYPTED = "an encrypted (password-protected) PDF; remove the password (or print it to a new PDF) and check it again"


def _cause(exc: BaseException, kinds: tuple) -> bool:
    """Whether exc is, wraps (pdfplumber's PdfminerException) or was raised from one of kinds."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, kinds) or any(isinstance(a, kinds) for a in getattr(exc, "args", ())):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _why(exc: BaseException) -> str:
    inner = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], BaseException) else exc
    text = " ".join(str(inner).split())[:120]
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def _read(pdf, name: str) -> Source:
    reader = _Reader(pdf, name)
    pages: list[list[_Line]] = []
    heights: list[float] = []
    widths: list[float] = []
    if not pdf.pages:
        raise InputError(f"{name}: a PDF with no pages")
    for number, page in enumerate(pdf.pages, 1):
        # fake bold (a character printed twice, slightly offset) would read as doubled text
        pages.append(reader.read_page(page.dedupe_chars(), number))
        heights.append(float(page.height))
        widths.append(float(page.width))
        page.close()  # drop the page's cached layout objects
    if not any(pages):
        raise InputError(f"{name}: {SCANNED}")
    if reader.all_chars and reader.cid_chars / reader.all_chars > 0.3:
        raise InputError(f"{name}: the PDF's fonts carry no Unicode mapping, so its text cannot be read; "
                         "export it again from Word/WPS, or OCR it")
    pages = _drop_furniture(pages, heights)
    lines = [ln for p in pages for ln in p]
    if not lines:
        raise InputError(f"{name}: {SCANNED}")
    blocks = _blocks(pages, widths)
    _mark_centred(lines, blocks)
    pitch = _line_pitch(lines)
    cont = [False]
    for prev, ln in zip(lines, lines[1:]):
        same_flow = prev.page == ln.page and prev.block == ln.block
        cont.append(_continues(prev, ln, blocks, pitch, same_flow))
    texts = _emit(lines, cont)
    locations = []
    count: Counter = Counter()
    for ln in lines:
        count[ln.page] += 1
        locations.append(f"第{ln.page}页第{count[ln.page]}行")
    meta = {}
    try:
        title = _title(pdf.metadata or {})
    except Exception:
        title = None
    if title:
        meta["标题"] = title
    return Source(path=name, format="pdf", lines=texts, metadata=meta, locations=locations, continues=cont)


if __name__ == "__main__":  # python tools/bench_pdfplumber_reader.py: record what this reader reads
    import json
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    out = {}
    for path in sorted((root / "fixtures" / "formats").glob("pdf*/*.pdf")):
        src = read_pdf(path.read_bytes(), path.name)
        out[str(path.relative_to(root))] = {"lines": src.lines, "locations": src.locations,
                                             "continues": src.continues, "metadata": src.metadata}
    target = root / "tests" / "expected" / "pdf_reader.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{target}: {len(out)} PDFs", file=sys.stderr)
