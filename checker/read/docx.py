"""Read a Word document (.docx) into text lines: one per body paragraph, one per table row.

What a reader of the printed page sees, and only that:

- paragraphs and tables in document order (content controls and tracked insertions included;
  tracked deletions, hidden runs, field codes, text boxes, drawings and equations left out);
- headers and footers are not read (they live in parts of their own that are never opened);
- the numbers of Word's automatic lists (numbering.xml) are computed as Word shows them and put
  in front of the paragraph text ("一、", "（二）", "3.", "①"), so a heading numbered by Word
  looks the same to the rest of the tool as one whose number was typed;
- formatting that tells headings is passed on as the Markdown marks the normalizer reads:
  a paragraph with a heading style (Heading 1-9 / 标题 1-9 / Title, or an outline level) becomes
  ``# text``; a paragraph that is all bold ``**text**``; a paragraph that starts bold and goes
  on in normal weight (a run-in heading, "（一）加强领导。" then the body) ``**bold**rest``;
- a table row is its cells' text joined with " | " (so a metadata table at the top of a report
  is read as metadata); a one-cell row (a table used as a frame) gives its paragraphs one by one;
- table-of-contents paragraphs (TOC styles, a TOC content control) are skipped, since they
  repeat the headings.

Each line's location is "第N段" (N counts the body's paragraphs in document order, empty ones
included, table paragraphs not) or "表T第R行" (row R of the T-th top-level table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from . import Annotation, Source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"


def _q(tag: str) -> str:
    return _W + tag


P, R, T, TBL, TR, TC = _q("p"), _q("r"), _q("t"), _q("tbl"), _q("tr"), _q("tc")
PPR, RPR, SDT, SDT_CONTENT, SDT_PR = _q("pPr"), _q("rPr"), _q("sdt"), _q("sdtContent"), _q("sdtPr")
VAL = _q("val")
# containers whose children are read as if they stood in their parent
_TRANSPARENT = {_q(t) for t in ("hyperlink", "smartTag", "ins", "moveTo", "customXml", "fldSimple", "dir", "bdo")}
_BLOCK_TRANSPARENT = {_q("customXml")}
# tracked changes (修订): what Word shows as inserted, deleted, moved, or reformatted
INS, DEL, MOVE_TO, MOVE_FROM = _q("ins"), _q("del"), _q("moveTo"), _q("moveFrom")
_CHANGE_NAMES = {INS: "插入", DEL: "删除", MOVE_TO: "移入", MOVE_FROM: "移出"}
_FORMAT_CHANGES = {_q(t) for t in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange")}
COMMENT_MARKS = {_q("commentRangeStart"), _q("commentReference")}
AUTHOR, WID = _q("author"), _q("id")
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_FALSE = {"0", "false", "off", "none"}

# Chinese numerals as Word writes them for chineseCounting and its kin
_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$|^(?:title|标题)$", re.I)
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d$|^toc heading$", re.I)


def _on(el) -> bool:
    """A toggle property (w:b, w:vanish): present and not switched off."""
    return el is not None and (el.get(VAL) or "true").lower() not in _FALSE


def _int(el, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(VAL))
    except (TypeError, ValueError):
        return default


# ---------------------------------------------------------------- number formats

def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千", zero: str = "零") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return digits[0] if n == 0 else str(n)
    if n >= 10000:
        return str(n)
    out = []
    s = str(n)
    pending_zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        place = len(s) - 1 - i
        if d == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        if not (d == 1 and place == 1 and i == 0 and digits is _CN_DIGITS):  # 十一, not 一十一
            out.append(digits[d])
        if place:
            out.append(units[place - 1])
    return "".join(out)


def _letters(n: int, upper: bool) -> str:
    """Word's letter numbering: A … Z, AA … ZZ, AAA …"""
    if not 0 < n <= 780:  # ZZZ…: beyond 30 letters no one numbers by letter
        return str(n)
    ch = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _from(seq: str, n: int) -> str:
    return seq[n - 1] if 0 < n <= len(seq) else str(n)


def format_number(n: int, fmt: str) -> str:
    """The text of number n in a w:numFmt; unknown formats fall back to decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting", "taiwaneseCountingThousand", "japaneseLegal", "koreanLegal"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital"):
        return "".join(_CN_DIGITS[int(c)] for c in str(n))
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _from(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _from(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _from(_FULLSTOP, n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


# ---------------------------------------------------------------- styles

@dataclass
class _Style:
    sid: str
    kind: str
    name: str
    based_on: str | None
    bold: bool | None
    outline: int | None
    num_id: int | None
    ilvl: int | None


class _Styles:
    def __init__(self, root) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default: dict[str, str] = {}
        self.doc_bold = False
        self._cache: dict[tuple[str, str], object] = {}
        if root is None:
            return
        rpr_default = root.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{RPR}")
        if rpr_default is not None:
            b = rpr_default.find(_q("b"))
            self.doc_bold = b is not None and _on(b)
        for s in root.iter(_q("style")):
            sid = s.get(_q("styleId")) or ""
            kind = s.get(_q("type")) or "paragraph"
            name_el = s.find(_q("name"))
            based = s.find(_q("basedOn"))
            rpr = s.find(RPR)
            ppr = s.find(PPR)
            b = rpr.find(_q("b")) if rpr is not None else None
            num_pr = ppr.find(_q("numPr")) if ppr is not None else None
            self.by_id[sid] = _Style(
                sid, kind,
                (name_el.get(VAL) if name_el is not None else "") or "",
                based.get(VAL) if based is not None else None,
                None if b is None else _on(b),
                _int(ppr.find(_q("outlineLvl"))) if ppr is not None else None,
                _int(num_pr.find(_q("numId"))) if num_pr is not None else None,
                _int(num_pr.find(_q("ilvl"))) if num_pr is not None else None,
            )
            if (s.get(_q("default")) or "").lower() in ("1", "true", "on"):
                self.default.setdefault(kind, sid)

    def chain(self, sid: str | None, kind: str = "paragraph"):
        """The style and those it is based on, nearest first (the kind's default when sid is None)."""
        if sid is None or sid not in self.by_id:
            sid = self.default.get(kind)
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            yield st
            sid = st.based_on

    def first(self, sid: str | None, attr: str, kind: str = "paragraph"):
        key = (f"{kind}:{sid}", attr)
        if key not in self._cache:
            self._cache[key] = next((getattr(s, attr) for s in self.chain(sid, kind) if getattr(s, attr) is not None), None)
        return self._cache[key]

    def name(self, sid: str | None) -> str:
        for st in self.chain(sid):
            return st.name
        return ""

    def heading(self, sid: str | None) -> bool:
        key = (f"h:{sid}", "heading")
        if key not in self._cache:
            found = False
            for st in self.chain(sid):
                if _HEADING_STYLE.match(st.name.strip()):
                    found = True
                    break
            if not found:
                lvl = self.first(sid, "outline")
                found = lvl is not None and 0 <= lvl <= 8
            self._cache[key] = found
        return self._cache[key]  # type: ignore[return-value]


# ---------------------------------------------------------------- numbering

@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: None = after any higher level
    legal: bool = False
    style: str | None = None


def _level(el, base: _Level | None = None) -> _Level:
    lv = _Level(**vars(base)) if base else _Level()
    if el is None:
        return lv
    if el.find(_q("start")) is not None:
        lv.start = _int(el.find(_q("start")), 1)
    fmt = el.find(_q("numFmt"))
    if fmt is not None:
        lv.fmt = fmt.get(VAL) or "decimal"
    if el.find(_q("lvlPicBulletId")) is not None:
        lv.fmt = "bullet"
    txt = el.find(_q("lvlText"))
    if txt is not None:
        lv.text = txt.get(VAL) or ""
    if el.find(_q("lvlRestart")) is not None:
        lv.restart = _int(el.find(_q("lvlRestart")))
    if el.find(_q("isLgl")) is not None:
        lv.legal = _on(el.find(_q("isLgl")))
    ps = el.find(_q("pStyle"))
    if ps is not None:
        lv.style = ps.get(VAL)
    return lv


class _Numbering:
    """numbering.xml: numId → abstract list, and the counters as the document goes."""

    def __init__(self, root, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstract id → style it takes its list from
        self.nums: dict[int, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[int] = set()
        if root is None:
            return
        for a in root.iter(_q("abstractNum")):
            aid = a.get(_q("abstractNumId")) or ""
            self.abstract[aid] = {(_int_attr(lv, "ilvl") or 0): _level(lv) for lv in a.findall(_q("lvl"))}
            link = a.find(_q("numStyleLink"))
            if link is not None and link.get(VAL):
                self.style_link[aid] = link.get(VAL)
        for n in root.iter(_q("num")):
            nid = _int_attr(n, "numId")
            an = n.find(_q("abstractNumId"))
            if nid is None or an is None:
                continue
            aid = an.get(VAL) or ""
            levels: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for ov in n.findall(_q("lvlOverride")):
                ilvl = _int_attr(ov, "ilvl") or 0
                so = ov.find(_q("startOverride"))
                if so is not None:
                    starts[ilvl] = _int(so, 1)
                lv = ov.find(_q("lvl"))
                if lv is not None:
                    levels[ilvl] = _level(lv)
            self.nums[nid] = (aid, levels, starts)

    def _resolve(self, aid: str, depth: int = 0) -> str:
        """Follow w:numStyleLink: the list is defined by the numbering of the linked style."""
        link = self.style_link.get(aid)
        if link is None or depth > 3:
            return aid
        st = self.styles.by_id.get(link)
        if st is None or st.num_id not in self.nums:
            return aid
        return self._resolve(self.nums[st.num_id][0], depth + 1)

    def label(self, ppr, style_id: str | None) -> str | None:
        """Advance the list of a numbered paragraph and return its number as Word shows it
        ("一、", "（二）", "1.2"); "" for a bullet; None for a paragraph that is not numbered."""
        num_id = ilvl = None
        num_pr = ppr.find(_q("numPr")) if ppr is not None else None
        if num_pr is not None:
            num_id = _int(num_pr.find(_q("numId")))
            ilvl = _int(num_pr.find(_q("ilvl")))
        if num_id is None:
            num_id = self.styles.first(style_id, "num_id")
            if num_id is None:
                return None
            if ilvl is None:
                ilvl = self.styles.first(style_id, "ilvl")
        if not num_id or num_id not in self.nums:  # numId 0: numbering switched off
            return None
        aid, over, starts = self.nums[num_id]
        aid = self._resolve(aid)
        levels = {**self.abstract.get(aid, {}), **over}
        if ilvl is None:  # a style's list: the level that names the style, else 0
            ilvl = next((k for k, lv in levels.items() if lv.style and lv.style == style_id), 0)
        ilvl = max(0, min(ilvl, 8))
        counters = self.counters.setdefault(aid, {})
        if starts and num_id not in self.started:  # a list instance that restarts its levels
            self.started.add(num_id)
            for k in starts:
                counters.pop(k, None)
        lv = levels.get(ilvl, _Level())

        def start(k: int) -> int:
            return starts.get(k, levels.get(k, _Level()).start)

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for k in list(counters):
            if k > ilvl:
                r = levels.get(k, _Level()).restart
                if r is None or (r > 0 and ilvl <= r - 1):
                    del counters[k]
        if lv.fmt == "bullet":
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lk = levels.get(k, _Level())
            n = counters.get(k, start(k))
            return format_number(n, "decimal" if lv.legal and k != ilvl else lk.fmt)

        return re.sub(r"%([1-9])", number, lv.text)


def _int_attr(el, name: str) -> int | None:
    try:
        return int(el.get(_q(name)))
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- paragraphs

@dataclass
class _Para:
    segments: list[tuple[str, bool]] = field(default_factory=list)

    def add(self, text: str, bold: bool) -> None:
        if text:
            self.segments.append((text, bold))


class _Reader:
    def __init__(self, styles: _Styles, numbering: _Numbering, comments: dict[str, tuple[str, str]] | None = None) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[str] = []
        self.locations: list[str] = []
        self.comments = comments or {}  # comment id → (author, text)
        self.annotations: list[Annotation] = []
        self._pending: list[Annotation] = []  # of the paragraph being read
        self._seen_comments: set[str] = set()

    def _mark(self, kind: str, what: str, text: str, author: str | None) -> None:
        self._pending.append(Annotation(kind, what, " ".join(text.split())[:80], author=author or None))

    def _flush_marks(self, where: str, has_line: bool) -> None:
        for a in self._pending:
            a.location = where
            a.line = len(self.lines) if has_line else None
            self.annotations.append(a)
        self._pending = []

    def _change(self, el) -> None:
        """A tracked change: its kind, author and the text it adds or takes away."""
        texts = [t.text or "" for t in el.iter(T, _q("delText"))]
        self._mark("revision", _CHANGE_NAMES[el.tag], "".join(texts), el.get(AUTHOR))

    # -- text of a paragraph, with the weight of each piece
    def _run_bold(self, rpr, para_style: str | None) -> bool:
        if rpr is not None:
            b = rpr.find(_q("b"))
            if b is not None:
                return _on(b)
            rs = rpr.find(_q("rStyle"))
            if rs is not None:
                v = self.styles.first(rs.get(VAL), "bold", "character")
                if v is not None:
                    return v
        v = self.styles.first(para_style, "bold")
        if v is not None:
            return v
        return self.styles.doc_bold

    def _collect(self, el, para: _Para, para_style: str | None) -> None:
        for child in el:
            tag = child.tag
            if tag in _CHANGE_NAMES:
                self._change(child)
                if tag in (DEL, MOVE_FROM):
                    continue  # not on the page once accepted
            elif tag in COMMENT_MARKS:
                cid = child.get(WID) or ""
                if cid not in self._seen_comments:
                    self._seen_comments.add(cid)
                    author, text = self.comments.get(cid, (None, ""))
                    self._mark("comment", "批注", text, author)
                continue
            if tag == R:
                rpr = child.find(RPR)
                if rpr is not None and rpr.find(_q("rPrChange")) is not None:
                    change = rpr.find(_q("rPrChange"))
                    self._mark("revision", "格式修改", "".join(t.text or "" for t in child.iter(T)), change.get(AUTHOR))
                for mark in child:
                    if mark.tag in COMMENT_MARKS:
                        cid = mark.get(WID) or ""
                        if cid not in self._seen_comments:
                            self._seen_comments.add(cid)
                            author, text = self.comments.get(cid, (None, ""))
                            self._mark("comment", "批注", text, author)
                if rpr is not None and _on(rpr.find(_q("vanish"))):
                    continue
                bold = self._run_bold(rpr, para_style)
                for c in child:
                    ct = c.tag
                    if ct == T:
                        para.add(c.text or "", bold)
                    elif ct in (_q("tab"), _q("ptab")):
                        para.add("\t", bold)
                    elif ct == _q("br"):
                        if (c.get(_q("type")) or "textWrapping") == "textWrapping":
                            para.add(" ", bold)
                    elif ct == _q("cr"):
                        para.add(" ", bold)
                    elif ct == _q("noBreakHyphen"):
                        para.add("-", bold)
                    elif ct == _q("sym"):
                        try:
                            cp = int(c.get(_q("char")) or "", 16)
                        except ValueError:
                            continue
                        if 0x20 <= cp <= 0x10FFFF and not 0xE000 <= cp <= 0xF8FF:  # not a symbol font's own
                            para.add(chr(cp), bold)
            elif tag in _TRANSPARENT:
                self._collect(child, para, para_style)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self._collect(content, para, para_style)
            # w:del, w:moveFrom, w:pPr, math, drawings, text boxes: not read

    def paragraph(self, p) -> tuple[str, bool]:
        """The line for a paragraph (with Markdown marks) and whether it is a TOC entry."""
        ppr = p.find(PPR)
        style_id = None
        outline = None
        if ppr is not None:
            ps = ppr.find(_q("pStyle"))
            style_id = ps.get(VAL) if ps is not None else None
            outline = _int(ppr.find(_q("outlineLvl")))
        if _TOC_STYLE.match(self.styles.name(style_id).strip()):
            return "", True
        label = self.numbering.label(ppr, style_id)
        para = _Para()
        self._collect(p, para, style_id)
        text = "".join(t for t, _ in para.segments)
        if not text.strip():
            return "", False
        label = label or ""
        if outline is not None:
            heading = 0 <= outline <= 8
        else:
            heading = self.styles.heading(style_id)
        if heading:
            return "# " + label + text.strip(), False
        # leading bold: the pieces up to the first piece of normal weight that holds text
        bold_chars = 0
        any_plain = False
        for t, b in para.segments:
            if not t.strip():
                bold_chars += len(t) if not any_plain else 0
                continue
            if b and not any_plain:
                bold_chars += len(t)
            else:
                any_plain = True
                break
        head = text[:bold_chars].strip()
        if not head:
            return label + text.strip(), False
        rest = text[bold_chars:].strip() if any_plain else ""
        return f"**{label}{head}**{rest}", False

    # -- the body
    def body(self, body) -> None:
        self._para_no = 0
        self._table_no = 0
        self._blocks(body, toc=False)

    def _blocks(self, el, toc: bool) -> None:
        for child in el:
            tag = child.tag
            if tag == P:
                self._para_no += 1
                line, is_toc = self.paragraph(child)
                if line and not (toc or is_toc):
                    self.lines.append(line)
                    self.locations.append(f"第{self._para_no}段")
                self._flush_marks(f"第{self._para_no}段", bool(line) and not (toc or is_toc))
            elif tag == TBL:
                self._table_no += 1
                self._table(child, self._table_no, toc)
            elif tag in _CHANGE_NAMES or tag in COMMENT_MARKS:  # a change or a comment around whole paragraphs
                if tag in _CHANGE_NAMES:
                    self._change(child)
                if tag in (INS, MOVE_TO):
                    self._blocks(child, toc)
                self._flush_marks(f"第{self._para_no + 1}段", False)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                gallery = child.find(f"{SDT_PR}/{_q('docPartObj')}/{_q('docPartGallery')}")
                is_toc = gallery is not None and "contents" in (gallery.get(VAL) or "").lower()
                if content is not None:
                    self._blocks(content, toc or is_toc)
            elif tag in _BLOCK_TRANSPARENT:
                self._blocks(child, toc)

    def _cell_paragraphs(self, el, out: list) -> None:
        """Paragraphs of a cell in order, those of nested tables included."""
        for child in el:
            if child.tag == P:
                out.append(child)
            elif child.tag in (TBL, TR, TC, SDT_CONTENT) or child.tag in _BLOCK_TRANSPARENT:
                self._cell_paragraphs(child, out)
            elif child.tag == SDT:
                self._cell_paragraphs(child, out)

    def _table(self, tbl, number: int, toc: bool) -> None:
        for r_no, tr in enumerate(_children(tbl, TR), 1):
            where = f"表{number}第{r_no}行"
            cells = []  # per cell, the lines of its paragraphs (each paragraph read once: numbering)
            for tc in _children(tr, TC):
                paras: list = []
                self._cell_paragraphs(tc, paras)
                lines = []
                for p in paras:
                    line, is_toc = self.paragraph(p)
                    if line and not is_toc:
                        lines.append(line)
                cells.append(lines)
            if toc:
                self._pending = []
                continue
            filled = [c for c in cells if c]
            if len(filled) == 1:  # a table used as a frame (one cell, or one with text): paragraphs one by one
                for line in filled[0]:
                    self.lines.append(line)
                    self.locations.append(where)
            elif filled:
                texts = [" ".join(_unmark(line) for line in c).replace("|", "｜") for c in cells]
                self.lines.append(" | ".join(texts))
                self.locations.append(where)
            self._flush_marks(where, bool(filled))


def _children(el, tag: str):
    """Direct children of a tag, looking through content controls and custom XML (w:sdt rows)."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _BLOCK_TRANSPARENT:
            yield from _children(child, tag)


_MARKS = re.compile(r"^# |\*\*")


def _unmark(line: str) -> str:
    return _MARKS.sub("", line).strip()


# ---------------------------------------------------------------- entry point

_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}


RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


def read_docx(data: bytes, name: str) -> Source:
    """Read .docx bytes. Raises InputError (one line) when the file cannot be read or has no text.
    Only the parts the reading needs are inflated, each within bounds (ooxml.py)."""
    from .ooxml import Package

    package = Package(data, name)
    main, content_type = package.main_part()
    if content_type not in _MAIN_TYPES:
        raise InputError(f"{name}: 不是 Word 文档（正文部件的类型是 {content_type or '未知'}）")
    root = package.xml(main)
    if root is None:
        raise InputError(f"{name}: 不是可读取的 Word 文档（.docx）：缺少正文部件 {main}")

    def related(reltype: str):
        target = package.related(main, reltype)
        return package.xml(target) if target else None

    styles = _Styles(related(RT_STYLES))
    numbering = _Numbering(related(RT_NUMBERING), styles)
    try:
        comments = _comments(related(RT_COMMENTS))
    except InputError:  # a damaged comments part: the comments are still counted, without text
        comments = {}
    body = root.find(_q("body"))
    reader = _Reader(styles, numbering, comments)
    if body is not None:
        reader.body(body)
    if not reader.lines:
        raise InputError(f"{name}: Word 文档里没有文字")
    return Source(path=name, format="docx", lines=reader.lines, metadata={}, locations=reader.locations,
                  continues=None, annotations=reader.annotations)


def _comments(root) -> dict[str, tuple[str, str]]:
    """The document's comments (word/comments.xml): id → (author, text)."""
    if root is None:
        return {}
    out = {}
    for c in root.iter(_q("comment")):
        out[c.get(WID) or ""] = (c.get(AUTHOR) or "", "".join(t.text or "" for t in c.iter(T)))
    return out
