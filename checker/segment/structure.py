"""Cut normalized paragraphs into title, opening, sections (from headings at every level),
signature, paragraphs and sentences, and read the document's own fields (title, issuer, year,
date)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter

from ..normalize import Normalized, Paragraph, join
from ..normalize import patterns as P
from . import layout as L
from .document import Document, Fields, Heading, Range, Section
from .layout import without_seal

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
GOVERNMENT = re.compile(r"(人民政府|政府|办事处|管委会|管理委员会|行政公署)$")
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
        layout = L.analyze(norm.paragraphs)
        self.page = layout.page
        # the paragraphs the document keeps (furniture and metadata go), the 正文 and each 附件
        # joined across page breaks, a title over several lines made one paragraph
        paras: list[Paragraph] = []
        roles: list[str] = []
        run: list[Paragraph] = []
        run_role = None

        def flush() -> None:
            if not run:
                return
            if run_role == L.TITLE:
                joined = [_merge_title(run)]
            elif run_role in (L.BODY, L.ATTACHMENT):
                joined = join(run)
            else:
                joined = list(run)
            paras.extend(joined)
            roles.extend([run_role] * len(joined))
            run.clear()

        for p, role in zip(norm.paragraphs, layout.roles):
            if role in L.DROPPED:
                flush()
                run_role = None
                continue
            if role != run_role:
                flush()
                run_role = role
            run.append(p)
        flush()
        self.paras: list[Paragraph] = paras
        self.roles: list[str] = roles
        parts, shown, src, ranges = [], [], [], []
        pos = 0
        for p in paras:
            parts.append(p.text)
            shown.append(p.shown)
            src.extend(p.src)
            ranges.append((pos, pos + len(p.text)))
            pos += len(p.text) + 1
            src.append(p.src[-1] if p.src else 0)
        self.plain = "\n".join(parts)
        self.text = "\n".join(shown)
        self.src = src[: len(self.text)]
        self.ranges: list[Range] = ranges

    def where(self, *roles: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r in roles]

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
            s.title = self.text[h.start:h.text_end].strip()  # as written (a ?? where a number was lost)
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
    def _line(self, i: int) -> int:
        return self.paras[i].line

    def read_fields(self, opening: list[Range], heads: list[Heading], sections: list[Section]) -> Fields:
        """The document's own fields, each offered by its sources in order of preference."""
        f = Fields()
        meta, mlines = self.norm.metadata, self.norm.metadata_lines
        page = {k: v for k, v in self.page.items()}  # labelled values in the page furniture

        def meta_value(keys: tuple[str, ...]) -> list[tuple[str, int | None, str]]:
            out = []
            for key in keys:
                if meta.get(key):
                    out.append((meta[key], mlines.get(key), "metadata"))
                elif key in page:
                    value, idx = page[key]
                    out.append((value, self.norm.paragraphs[idx].line, "page"))
            return out

        # title: the title lines, else the metadata's
        title = self.where(L.TITLE)
        if title:
            f.offer("title", self.paras[title[0]].shown, "title", self._line(title[0]))
        for value, line, source in meta_value(("标题", "名称", "信息名称")):
            f.offer("title", value, source, line)
        # issuer: the 落款, the head of the title, the 发文机关标志, a name under the title, metadata
        names = [without_seal(self.paras[i].shown) for i in self.where(L.ISSUER)]
        if names:
            f.offer("issuer", "、".join(names), "signature", self._line(self.where(L.ISSUER)[0]))
        if f.title:
            head = self.paras[title[0]] if title else None
            m = TITLE_ISSUER.match(head.text if head else f.title)
            if m:  # as written (traditional characters stay)
                f.offer("issuer", (head.shown if head else f.title)[:m.end(1)], "title", f.title_line)
        for i in self.where(L.MASTHEAD):
            name = re.sub(r"\s*文件$", "", self.paras[i].shown)
            if name:
                f.offer("issuer", name, "masthead", self._line(i))
        for i in self.where(L.BYLINE):
            if L.is_org(self.paras[i].text):
                f.offer("issuer", without_seal(self.paras[i].shown).strip("（）() "), "byline", self._line(i))
        for value, line, source in meta_value(("发文机关", "发文单位", "发布机构", "所属机构", "发布单位")):
            f.offer("issuer", value, source, line)
        if f.issuer:
            f.kind, f.kind_source = issuer_kind(f.issuer), f.issuer_source
        elif opening:  # no name anywhere: how the opening speaks of itself (我局 / 市交通运输局以… / 我市)
            a, b = opening[0]
            m = SELF_REFERENCE.search(self.plain, a, min(b, a + 300))
            if m:
                f.kind = "department" if m.group("dept") else "government"
                f.kind_source = "opening"
        # 成文日期: the 落款, the metadata, a date under the title
        for i in self.where(L.DATE):
            t = without_seal(self.paras[i].shown)
            d = parse_date(without_seal(self.paras[i].text))
            if d:
                f.offer("date", d, "signature", self._line(i), t)
        for value, line, source in meta_value(("成文日期", "发文日期", "成文时间")):
            f.offer("date", parse_date(value), source, line, value)
        for i in self.where(L.BYLINE):
            d = parse_date(self.paras[i].text) if L.is_date_only(self.paras[i].text) else None
            if d:
                f.offer("date", d, "byline", self._line(i), self.paras[i].shown.strip("（）() "))
        if f.date_source and f.candidates.get("date"):
            f.date_text = f.candidates["date"][0].text
        # 发布日期: the page's or the metadata's
        for value, line, source in meta_value(("发布日期", "发布时间", "公开日期", "公开时间", "日期", "公文生成日期", "生成日期")):
            f.offer("published", parse_date(value), source, line, value)
        # 发文字号, 签发人, 主送机关, 附件
        for i in self.where(L.DOC_NUMBER):
            m = L.DOC_NO.match(self.paras[i].text)
            f.offer("doc_number", self.paras[i].shown[m.start("no"):m.end("no")] if m else self.paras[i].shown,
                    "header", self._line(i))
            if m and m.group("signer"):
                f.signer = m.group("signer").strip()
        for value, line, source in meta_value(("文号", "发文字号")):
            f.offer("doc_number", value, source, line)
        for i in self.where(L.SIGNER):
            m = L.SIGNER_LINE.match(self.paras[i].text)
            if m:
                f.signer = m.group(1).strip()
        for i in self.where(L.ADDRESSEE):
            f.offer("addressee", self.paras[i].shown.rstrip("：:"), "addressee", self._line(i))
        f.attachments = self._attachments()
        # covered year: the title, else the opening, else the level-1 headings, else the dates
        if f.title:
            y = _covered_year(self.paras[title[0]].text if title else f.title)
            if y:
                f.offer("year", y, f.title_source or "title", f.title_line)
        y, line = self._opening_year(opening)
        if y:
            f.offer("year", y, "opening", line)
        y, line = self._heading_year(heads)
        if y:
            f.offer("year", y, "headings", line)
        if f.date is not None:
            f.offer("year", f.date.year - 1 if f.date.month <= 6 else f.date.year, "date", f.date_line)
        if f.published is not None:
            f.offer("year", f.published.year - 1 if f.published.month <= 6 else f.published.year, "published",
                    f.published_line)
        return f

    def _attachments(self) -> list[str]:
        """The titles of the 附件: the 附件说明's list, else each 附件's own title line."""
        notes = [self.paras[i].text for i in self.where(L.ATTACHMENT_NOTE)]
        if notes:
            notes[0] = re.sub(r"^附\s*件\s*[:：]\s*", "", notes[0])
            return [re.sub(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[.．、]\s*", "", t).strip() for t in notes if t.strip()]
        out = []
        att = self.where(L.ATTACHMENT)
        for k, i in enumerate(att):
            m = L.ATTACHMENT_START.match(self.paras[i].text)
            if not m:
                continue
            if m.group("title"):
                out.append(m.group("title").strip())
            elif k + 1 < len(att) and att[k + 1] == i + 1:
                out.append(self.paras[i + 1].text.strip())
        return out

    def _opening_year(self, opening: list[Range]) -> tuple[int | None, int | None]:
        """The year the opening reports on: "现将2024年度…报告如下" first, else the first year of
        its first sentence that is not a span, an outline's period or "在2023年…基础上"."""
        if not opening:
            return None, None
        a, b = opening[0]
        text = self.plain
        m = REPORTING_YEAR.search(text, a, b)
        if m:
            return int(m.group(1)), self.src[m.start(1)]
        end = text.find("。", a, b)
        for lo, hi in ((a, end if end > 0 else min(b, a + 200)), (a, min(b, a + 300))):
            for y, at in _years(text, lo, hi):
                return y, self.src[at]
        return None, None

    def _heading_year(self, heads: list[Heading]) -> tuple[int | None, int | None]:
        votes: Counter[int] = Counter()
        first: dict[int, int] = {}
        for h in heads:
            if h.style not in (1, 8) or h.inline:
                continue
            words = self.plain[h.text_start:h.text_end]
            if PLAN_WORDS.search(words):
                continue
            for y, at in _years(self.plain, h.text_start, h.text_end):
                votes[y] += 1
                first.setdefault(y, self.src[at])
                break
        if not votes:
            return None, None
        y = votes.most_common(1)[0][0]
        return y, first[y]

    def build(self) -> Document:
        body = self.where(L.BODY)
        heads = self.find_headings(body)
        n = len(self.text)
        body_start = self.ranges[body[0]][0] if body else n
        body_end = self.ranges[body[-1]][1] if body else n
        sections = self.build_sections(heads, body_end)
        first_numbered = next((h.start for h in heads if h.style != ENUM_RANK and not h.inline), body_end)
        opening = [r for r in (self.ranges[i] for i in body) if r[1] <= first_numbered]
        ranges = lambda *roles: [self.ranges[i] for i in self.where(*roles)]  # noqa: E731
        regions = {
            "all": [(0, n)],
            "title": ranges(L.TITLE),
            "body": [(body_start, body_end)] if body else [],
            "opening": opening,
            "signature": ranges(*L.SIGNATURE_ROLES),
            "headings": [(h.start, h.end) for h in heads],
            "header": ranges(*L.HEADER_ROLES),
            "addressee": ranges(L.ADDRESSEE),
            "attachment-note": ranges(L.ATTACHMENT_NOTE),
            "issuer": ranges(L.ISSUER),
            "date": [self._date_span(i) for i in self.where(L.DATE)],
            "notes": ranges(L.NOTE),
            "attachments": ranges(L.ATTACHMENT),
            "colophon": ranges(L.COLOPHON),
        }
        fields = self.read_fields(opening, heads, sections)
        source = self.norm.source
        return Document(
            path=source.path,
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
            source_format=source.format,
            locations=source.locations,
            plain=self.plain,
            roles=list(self.roles),
            annotations=list(getattr(source, "annotations", None) or []),
            traditional=self.norm.traditional,
        )

    def _date_span(self, i: int) -> Range:
        """The date itself within its line (without a seal note or brackets)."""
        a, b = self.ranges[i]
        m = L.DATE_TEXT.search(self.plain, a, b)
        return (m.start(), m.end()) if m else (a, b)


def _merge_title(lines: list[Paragraph]) -> Paragraph:
    """A title printed over several lines, as one paragraph (each character keeps its line)."""
    if len(lines) == 1:
        return lines[0]
    orig = "".join(p.shown for p in lines) if any(p.orig is not None for p in lines) else None
    return Paragraph("".join(p.text for p in lines), [s for p in lines for s in p.src], True, None,
                     "".join(p.raw for p in lines), orig)


# ---------------------------------------------------------------- years and issuers

# "现将2024年度法治政府建设情况报告如下", "现就2024年…报告如下", "2024年度…工作报告如下"
REPORTING_YEAR = re.compile(r"(?:现将|现就|特将|现把)[^。]{0,30}?((?:19|20)\d{2})\s*年")
PLAN_WORDS = re.compile(r"安排|计划|打算|思路|设想|下一|下步|展望|目标任务")
_SPAN_BEFORE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*$")
_SPAN_AFTER = re.compile(r"\s*年?\s*[-—–~～至到]\s*(?:19|20)\d{2}")
_BASIS_AFTER = re.compile(r"^[^。，,；;]{0,15}?基础上")


def _years(text: str, a: int, b: int):
    """(year, offset) of each year in text[a:b] that can be a covered year: not one end of a
    span (2021—2025年), not inside a book title 《…》 or brackets, not "以来" and not "在2023年
    工作基础上"."""
    for m in YEAR.finditer(text, a, b):
        y0, y1 = m.start(1), m.end(1)
        before = text[max(a, y0 - 12):y0]
        if _SPAN_BEFORE.search(before) or _SPAN_AFTER.match(text, y1) or _SPAN_AFTER.match(text, m.end() - 1):
            continue
        seg = text[a:y0]
        if seg.count("《") > seg.count("》") or seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")"):
            continue
        after = text[m.end():m.end() + 20]
        if after.startswith(("以来", "以前", "之前")) or (_BASIS_AFTER.match(after) and "在" in before[-6:] + text[y0 - 1:y0]):
            continue
        yield int(m.group(1)), y0


def _covered_year(title: str) -> int | None:
    for y, _ in _years(title, 0, len(title)):
        return y
    return None


# a party committee: 中共××县委(员会), ××市委, 党委, 党工委 (not a department's own 党组, and not a
# department named 委员会, such as 卫生健康委员会)
# how an opening names its writer: a department (我局, 本委, 市交通运输局以…) or a government (我市,
# 我县, 市政府…); the first one wins
SELF_REFERENCE = re.compile(
    r"(?P<dept>[我本](?:局|委|办|厅|中心)|[\u4e00-\u9fff]{1,12}(?:局|厅)(?=以|坚持|认真|紧紧|深入|在|按照|始终|全面|聚焦|围绕|紧扣))"
    r"|(?P<gov>[我本](?:省|市|县|区|州|镇|乡|旗)(?![局委办厅])|[省市县区镇乡]人?民?政府(?=以|坚持|认真|紧紧|深入|在|按照|始终|全面|聚焦|围绕))")
PARTY = re.compile(r"^中共.{0,20}委员会$|(?:[省市县区州旗盟]委|党委|党工委)$")


def issuer_kind(issuer: str) -> str:
    """government (人民政府, 办事处, 管委会 …, also a joint report of a party committee and its
    government), party (party committees alone), or department (a department, also jointly with
    its own 党组)."""
    names = [n for n in re.split(r"[、\s]+", issuer) if n]
    if any(GOVERNMENT.search(n) for n in names):
        return "government"
    if names and all(PARTY.search(n) for n in names):
        return "party"
    return "department"


def build_document(norm: Normalized) -> Document:
    return _Builder(norm).build()
