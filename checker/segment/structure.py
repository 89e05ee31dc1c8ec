"""Cut normalized paragraphs into title, opening, sections (from headings at every level),
signature, paragraphs and sentences, and read the document's own fields (title, issuer, year,
date)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter

from ..normalize import Normalized, Paragraph
from ..normalize import patterns as P
from .document import Document, Fields, Heading, Range, Section

CN_NUM = P.CN_NUM

# marker → style. A style's rank is the order in which the document first uses it at the start
# of a paragraph (as docutils ranks section adornments), so "一是 … 1. …" and "1. … 一是 …" both
# nest right; a heading's parent is the nearest earlier heading of lower rank.
_RANKS = [
    (re.compile(rf"^第[{CN_NUM}]{{1,3}}部分[，,、：:]?"), 8),
    (re.compile(rf"^[{CN_NUM}]{{1,3}}[、.．]"), 1),
    (re.compile(rf"^[（(][{CN_NUM}]{{1,3}}[)）]"), 2),
    (re.compile(r"^\d{1,2}[、.．](?!\d)"), 3),
    (re.compile(r"^[（(]\d{1,2}[)）]"), 4),
    (re.compile(rf"^第[{CN_NUM}]{{1,3}}[，,、]"), 7),
    (re.compile(rf"^[{CN_NUM}]{{1,2}}[是要](?![否的])"), 5),
    (re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩]"), 6),
]
UNNUMBERED = 0  # a Markdown or bold heading line with no number
ENUM_RANK = 5
# the clause mark is matched (not looked behind at) so that re can skip to the next one
INLINE_ENUM = re.compile(rf"[。；;：:，,]\s*([{CN_NUM}]{{1,2}}[是要](?![否的]))")
HEADING_STOP = "。！？!?：:；;"
SENTENCE_END = re.compile("[。！？!?]+[" + "".join(P.CLOSERS) + "]*")
ENUM_STOP = HEADING_STOP + "，,"
RUNIN_MAX = 80

TITLE_WORDS = re.compile(r"报告|总结|情况|汇报")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})")
DATE_HAN = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
ORG_SUFFIX = re.compile(
    r"(人民政府|政府|办事处|管委会|管理委员会|委员会|局|委|办公室|办|厅|部|院|署|中心|所|站|处|科|队|公司|集团|街道|镇|乡|党组|党委)$"
)
GOVERNMENT = re.compile(r"(人民政府|政府|办事处|管委会|管理委员会)$")
ORG_LINE_MAX = 40
# the issuer that heads a title: "坡头区交通运输局2024年…", "XX市人民政府关于…"
TITLE_ISSUER = re.compile(r"^(.{2,40}?(?:人民政府|政府|办事处|管委会|委员会|局|委|办公室|办|厅|部|院|署|中心|所|站|处|街道|镇|乡|党组|党委))(?=关于|(?:19|20)\d{2}|法治|年度|$)")


def _rank(text: str) -> tuple[int, int] | None:
    for rx, rank in _RANKS:
        m = rx.match(text)
        if m:
            return rank, m.end()
    return None


_HAN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def _han_number(s: str) -> int:
    digits = _HAN_DIGITS
    if all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    # 十, 十二, 二十, 二十一
    if "十" in s:
        a, _, b = s.partition("十")
        return (digits.get(a, 1) if a else 1) * 10 + (digits.get(b, 0) if b else 0)
    return 0


@functools.lru_cache(maxsize=1024)
def marker_number(marker: str) -> int | None:
    """The number a heading marker carries: 三、 → 3, （十二） → 12, 4. → 4, 二是 → 2, ③ → 3."""
    m = re.search(r"\d+", marker)
    if m:
        return int(m.group())
    m = re.search(rf"[{CN_NUM}]+", marker)
    if m:
        return _han_number(m.group()) or None
    circled = "①②③④⑤⑥⑦⑧⑨⑩"
    for i, c in enumerate(circled):
        if c in marker:
            return i + 1
    return None


def parse_date(text: str) -> dt.date | None:
    for rx, han in ((DATE_CN, False), (DATE_HAN, True), (DATE_ISO, False)):
        m = rx.search(text)
        if m:
            try:
                if han:
                    y, mo, d = (_han_number(g) for g in m.groups())
                else:
                    y, mo, d = (int(g) for g in m.groups())
                return dt.date(y, mo, d)
            except ValueError:
                return None
    return None


def _is_date_line(text: str) -> bool:
    return bool(P.DATE_LINE.match(text.strip("（）() ")))


def _is_org_line(text: str) -> bool:
    t = text.strip()
    return 2 <= len(t) <= ORG_LINE_MAX and not re.search(r"[。，,；;：:！？]", t) and bool(ORG_SUFFIX.search(t))


def _heading_end(text: str, start: int, rank: int, runin_end: int | None) -> tuple[int, int]:
    """(end of heading words, end of heading sentence) within a paragraph."""
    if runin_end is not None and runin_end > start:
        end = runin_end
        words_end = end - 1 if text[end - 1] in HEADING_STOP else end
        return words_end, end
    stops = ENUM_STOP if rank == ENUM_RANK else HEADING_STOP
    limit = min(len(text), start + RUNIN_MAX)
    for i in range(start, limit):
        if text[i] in stops:
            return i, i + 1
    if len(text) <= start + RUNIN_MAX:
        return len(text), len(text)
    for i in range(start, len(text)):  # a long paragraph with no early stop: first clause
        if text[i] in ENUM_STOP:
            return i, i + 1
    return len(text), len(text)


class _Builder:
    def __init__(self, norm: Normalized) -> None:
        self.norm = norm
        paras = norm.paragraphs
        self.paras: list[Paragraph] = paras
        parts, src, ranges = [], [], []
        pos = 0
        for p in paras:
            parts.append(p.text)
            src.extend(p.src)
            ranges.append((pos, pos + len(p.text)))
            pos += len(p.text) + 1
            src.append(p.src[-1] if p.src else 0)
        self.text = "\n".join(parts)
        self.src = src[: len(self.text)]
        self.ranges: list[Range] = ranges

    # ------------------------------------------------------------ title / signature
    def find_title(self) -> tuple[list[int], int | None]:
        """Indexes of the title block and of the title line itself."""
        block: list[int] = []
        for i, p in enumerate(self.paras[:4]):
            t = p.text
            if _rank(t) or "。" in t or len(t) > 80:
                break
            if TITLE_WORDS.search(t) and not _is_date_line(t):
                return block + [i], i
            if _is_org_line(t) or p.heading_hint:
                block.append(i)
                continue
            break
        return [], None

    def find_signature(self, first_body: int) -> tuple[list[int], int | None, int | None]:
        """Indexes of the signature block, the issuer line and the date line."""
        org = date = None
        block: list[int] = []
        i = len(self.paras) - 1
        while i >= max(first_body, len(self.paras) - 4):
            t = self.paras[i].text
            if date is None and _is_date_line(t):
                date = i
            elif org is None and _is_org_line(t) and not _rank(t):
                org = i
            elif date is None and org is None and re.match(r"^[（(]?此件.*[)）]?$", t):
                pass  # "（此件公开发布）"
            else:
                break
            block.append(i)
            i -= 1
        return sorted(block), org, date

    # ------------------------------------------------------------ headings and sections
    def find_headings(self, body: list[int]) -> list[Heading]:
        heads: list[Heading] = []
        for i in body:
            p = self.paras[i]
            a, _ = self.ranges[i]
            t = p.text
            r = _rank(t)
            inline_from = 0
            if r:
                rank, mend = r
                words_end, end = _heading_end(t, mend, rank, p.runin_end)
                heads.append(Heading(a, a + mend, a + words_end, a + end, rank, t[:mend]))
                inline_from = end
            elif p.heading_hint and len(t) <= P.HEADING_MAX:
                heads.append(Heading(a, a, a + len(t), a + len(t), UNNUMBERED, ""))
                continue
            for m in INLINE_ENUM.finditer(t, max(inline_from - 1, 0)):
                ms, me = m.start(1), m.end(1)
                words_end, end = _heading_end(t, me, ENUM_RANK, None)
                heads.append(Heading(a + ms, a + me, a + words_end, a + end, ENUM_RANK, m.group(1), inline=True))
        return heads

    @staticmethod
    def rank_styles(heads: list[Heading]) -> dict[int, int]:
        order: dict[int, int] = {}
        for h in heads:
            if not h.inline and h.style not in order:
                order[h.style] = len(order)
        for h in heads:  # styles only ever used inside paragraphs rank below all others
            if h.style not in order:
                order[h.style] = 100 + h.style
        return order

    def build_sections(self, heads: list[Heading], body_end: int) -> list[Section]:
        sections: list[Section] = []
        stack: list[Section] = []
        rank = self.rank_styles(heads)
        for k, h in enumerate(heads):
            while stack and rank[stack[-1].heading.style] >= rank[h.style]:
                stack.pop().end = h.start
            parent = stack[-1] if stack else None
            s = Section(k, h, h.start, body_end, h.end, (parent.level + 1) if parent else 1, parent)
            s.title = (h.marker + self.text[h.text_start:h.text_end]).strip()
            if parent:
                parent.children.append(s)
            sections.append(s)
            stack.append(s)
        return sections

    # ------------------------------------------------------------ sentences
    def split_sentences(self, heads: list[Heading]) -> list[Range]:
        """Sentences end at 。！？ (with closing quotes); headings are sentences of their own."""
        cuts = sorted({h.start for h in heads} | {h.end for h in heads})
        out: list[Range] = []
        k = 0
        for a, b in self.ranges:
            points = {a + m.end() for m in SENTENCE_END.finditer(self.text[a:b])}
            while k < len(cuts) and cuts[k] < b:
                if cuts[k] > a:
                    points.add(cuts[k])
                k += 1
            prev = a
            for c in sorted(points):
                if c > prev:
                    out.append((prev, c))
                    prev = c
            if prev < b:
                out.append((prev, b))
        return [(x, y) for x, y in out if self.text[x:y].strip()]

    # ------------------------------------------------------------ fields
    def read_fields(self, title_idx, org_idx, date_idx, opening: list[Range], heads: list[Heading]) -> Fields:
        f = Fields()
        meta, mlines = self.norm.metadata, self.norm.metadata_lines
        if title_idx is not None:
            f.title, f.title_source, f.title_line = self.paras[title_idx].text, "title", self.paras[title_idx].line
        else:
            for key in ("标题", "名称", "信息名称"):
                if meta.get(key):
                    f.title, f.title_source, f.title_line = meta[key], "metadata", mlines.get(key)
                    break
        # issuer: the metadata table, the signature, or the head of the title
        for key in ("发布机构", "发文机关", "所属机构"):
            if meta.get(key):
                f.issuer, f.issuer_source, f.issuer_line = meta[key], "metadata", mlines.get(key)
                break
        if f.issuer is None and org_idx is not None:
            f.issuer, f.issuer_source, f.issuer_line = self.paras[org_idx].text, "signature", self.paras[org_idx].line
        if f.issuer is None and f.title:
            m = TITLE_ISSUER.match(f.title)
            if m:
                f.issuer, f.issuer_source, f.issuer_line = m.group(1), "title", f.title_line
        if f.issuer:
            f.kind = "government" if GOVERNMENT.search(f.issuer) else "department"
            f.kind_source = f.issuer_source
        # date (成文日期)
        for key in ("成文日期", "发文日期"):
            if meta.get(key) and parse_date(meta[key]):
                f.date, f.date_source, f.date_line = parse_date(meta[key]), "metadata", mlines.get(key)
                break
        if f.date is None and date_idx is not None:
            f.date = parse_date(self.paras[date_idx].text)
            if f.date:
                f.date_source, f.date_line = "signature", self.paras[date_idx].line
        # covered year: the title says it; else the opening and the level-1 headings vote
        if f.title:
            m = YEAR.search(f.title)
            if m:
                f.year, f.year_source, f.year_line = int(m.group(1)), "title", f.title_line
        if f.year is None:
            votes: Counter[int] = Counter()
            first_line: dict[int, int] = {}
            for a, b in opening[:1]:
                for m in YEAR.finditer(self.text, a, min(b, a + 200)):
                    votes[int(m.group(1))] += 1
                    first_line.setdefault(int(m.group(1)), self.src[m.start()])
            for h in heads:
                if h.style == 1:
                    m = YEAR.search(self.text, h.text_start, h.text_end)
                    if m:
                        votes[int(m.group(1))] += 1
                        first_line.setdefault(int(m.group(1)), self.src[m.start()])
            if votes:
                y = votes.most_common(1)[0][0]
                f.year, f.year_source, f.year_line = y, "text", first_line[y]
        if f.year is None and f.date is not None:
            f.year = f.date.year - 1 if f.date.month <= 6 else f.date.year
            f.year_source, f.year_line = "date", f.date_line
        return f

    def build(self) -> Document:
        n = len(self.paras)
        title_block, title_idx = self.find_title()
        first_body = (max(title_block) + 1) if title_block else 0
        sig_block, org_idx, date_idx = self.find_signature(first_body)
        last_body = (min(sig_block) - 1) if sig_block else n - 1
        body = list(range(first_body, last_body + 1))
        heads = self.find_headings(body)
        body_start = self.ranges[first_body][0] if body else len(self.text)
        body_end = self.ranges[last_body][1] if body else len(self.text)
        sections = self.build_sections(heads, body_end)
        first_numbered = next((h.start for h in heads if h.style != ENUM_RANK and not h.inline), body_end)
        opening = [r for r in (self.ranges[i] for i in body) if r[1] <= first_numbered]
        regions = {
            "all": [(0, len(self.text))],
            "title": [self.ranges[i] for i in title_block],
            "body": [(body_start, body_end)] if body else [],
            "opening": opening,
            "signature": [self.ranges[i] for i in sig_block],
            "headings": [(h.start, h.end) for h in heads],
        }
        fields = self.read_fields(title_idx, org_idx, date_idx, opening, heads)
        return Document(
            path=self.norm.source.path,
            text=self.text,
            src=self.src,
            paragraphs=self.ranges,
            sentences=self.split_sentences(heads),
            headings=heads,
            sections=sections,
            regions=regions,
            fields=fields,
            metadata=dict(self.norm.metadata),
            metadata_lines=dict(self.norm.metadata_lines),
            source_format=self.norm.source.format,
            locations=self.norm.source.locations,
        )


def build_document(norm: Normalized) -> Document:
    return _Builder(norm).build()
