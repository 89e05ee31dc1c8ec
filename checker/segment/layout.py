"""The layout of a 公文 (GB/T 9704-2012) and of the web page around a copied report.

Every normalized paragraph gets one role:

- web page furniture (``furniture``): site name, accessibility switches, navigation, breadcrumbs,
  the page clock, font-size and print widgets, the source / visits line, related links, footer;
- 版头 (header): ``copy-number`` 份号, ``secrecy`` 密级和保密期限, ``urgency`` 紧急程度,
  ``masthead`` 发文机关标志, ``doc-number`` 发文字号 (with 签发人 beside it), ``signer`` 签发人;
- 主体: ``title`` (one to four lines), ``byline`` (an issuer or date under the title),
  ``addressee`` 主送机关, ``body`` 正文, ``attachment-note`` 附件说明, ``issuer`` 发文机关署名,
  ``seal`` （盖章）, ``date`` 成文日期, ``note`` 附注 such as （此件公开发布）;
- ``attachment``: an 附件 after the 落款, its title and content;
- 版记 (``colophon``): 抄送, 印发机关和印发日期.

Any element may be missing and copies bend the order, so the layout is read from the two ends
towards the body: above the body, from the body upwards (主送机关, then the title, then the
header and the furniture above it); below the body, from the end upwards (page footer, 版记,
附件, then the 落款 and the 附件说明 above it). What is left between is the 正文, the only part
content rules read. The page's own dates are kept: a 发布时间 is the publication date, which
is not the 成文日期.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import Paragraph, metadata_pairs
from ..normalize import patterns as P

# ---------------------------------------------------------------- roles

FURNITURE = "furniture"
METADATA = "metadata"
COPY_NUMBER = "copy-number"
SECRECY = "secrecy"
URGENCY = "urgency"
MASTHEAD = "masthead"
DOC_NUMBER = "doc-number"
SIGNER = "signer"
TITLE = "title"
BYLINE = "byline"
ADDRESSEE = "addressee"
BODY = "body"
ATTACHMENT_NOTE = "attachment-note"
ISSUER = "issuer"
SEAL = "seal"
DATE = "date"
NOTE = "note"
ATTACHMENT = "attachment"
COLOPHON = "colophon"

HEADER_ROLES = (COPY_NUMBER, SECRECY, URGENCY, MASTHEAD, DOC_NUMBER, SIGNER)
SIGNATURE_ROLES = (ISSUER, SEAL, DATE)
#: roles whose text stays out of the document the rules read
DROPPED = (FURNITURE, METADATA)

# ---------------------------------------------------------------- patterns

CN = P.CN_NUM
ORG_SUFFIX = re.compile(
    r"(人民政府|政府|办事处|管委会|管理委员会|行政公署|委员会|局|委|办公室|办|厅|部|院|署|中心|所|站|处|科|队|公司|集团|"
    r"街道|镇|乡|党组|党委|党工委|县委|市委|区委|州委|省委)$")
SEAL_NOTE = re.compile(r"\s*[（(]\s*(?:盖章|印章|公章|签章|章|签名|签字|盖\s*章|此处盖章)\s*[)）]\s*")
DATE_TEXT = re.compile(
    r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月"
    r"\s*[一二三四五六七八九十]{1,3}\s*日|(?:19|20)\d{2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}")
DATE_ONLY = re.compile(rf"^[（(]?\s*(?:{DATE_TEXT.pattern})\s*[)）]?$")
COPY_NO = re.compile(r"^(?:份号\s*[:：]?\s*)?\d{6}$")
SECRET = re.compile(r"^(?:绝密|机密|秘密)(?:\s*[★*☆]\s*(?:\d+\s*年|长期)?)?$|^(?:绝密|机密|秘密)\s*[★*☆]")
URGENT = re.compile(r"^(?:紧急程度\s*[:：]\s*)?(?:特急|加急|特提|平急|急件)$")
# 机关代字, the year in 〔〕 (copies: [] （） 【】), the number; 签发人 may stand beside it
DOC_NO = re.compile(
    r"^\s*(?P<no>[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号)"
    r"\s*(?:签发人\s*[:：]\s*(?P<signer>\S.{0,20}))?\s*$")
SIGNER_LINE = re.compile(r"^签发人\s*[:：]\s*(\S.{0,20})$")
MASTHEAD_LINE = re.compile(r"^[\u4e00-\u9fff（）()\s]{2,60}?文件$")
TITLE_WORDS = re.compile(r"报告|总结|汇报|情况$|述职")
TITLE_TOPIC = re.compile(r"法治|依法行政|依法治|法制")
ATTACHMENT_START = re.compile(rf"^附\s*件\s*(?:[0-9０-９]{{1,2}}|[{CN}]{{1,2}})?\s*[:：]?\s*(?P<title>\S.{{0,60}})?$")
ATTACHMENT_NOTE_LINE = re.compile(r"^附\s*件\s*[:：]\s*\S")
NUMBERED_ITEM = re.compile(rf"^\s*(?:[0-9０-９]{{1,2}}|[{CN}]{{1,2}})\s*[.．、]\s*\S")
NOTE_LINE = re.compile(
    r"^[（(]\s*(?:此件|本件|此页|联系人|联系电话|经办人|主动公开|依申请公开|不予公开|此报告)[^（()）]{0,60}[)）]$")
COLOPHON_LINE = re.compile(
    r"^(?:抄\s*送|抄\s*报|分\s*送|发\s*送)\s*[:：]|印\s*发\s*$|(?:办公室|办公厅|秘书科|综合科|办)\s*(?:19|20)\d{2}\s*年"
    r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发|^共印\s*\d+\s*份|^[（(]?共印\s*\d+\s*份[)）]?$")
ADDRESSEE_LINE = re.compile(r"^[^。！？!?]{2,80}[:：]$")

# page furniture, told apart from the report by words no report line begins or ends with
FURNITURE_TOP = re.compile(
    r"^(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|当前所在位置|所在位置|位置)\s*[:：]|首页\s*(?:[>＞»›→]|&gt;)|"
    r"^今天是|^今天\s*[:：]|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周|礼拜)[一二三四五六日天]|"
    r"^(?:农历|阴历)|无障碍|长者模式|关怀版|适老化|^\s*简体\s*[|｜/]?\s*繁[体體]|繁[体體]\s*[|｜/]?\s*English|"
    r"字体\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中|【\s*(?:字体|打印|关闭|收藏|分享|纠错|返回)|"
    r"^(?:登录|注册|搜索|高级检索|站内搜索|网站地图|手机版|移动版|English|邮箱|智能问答)(?:\s|$|[|｜])|"
    r"^(?:原创|转载)\s|^(?:微信号|功能介绍)\s*[:：]|(?:门户网站|政府网站|人民政府网|政务网|政府网|官方网站|门户网)$|"
    r"^(?:分享到|扫一扫|打印本页|关闭窗口|返回顶部|【打印】|【关闭】)")
# the foot of a page: marks no report line has, labels followed by a colon or standing alone,
# bracketed widgets, and short lines of widget words (a report's "分享经验" is no widget)
FURNITURE_BOTTOM = re.compile(
    r"ICP\s*备|公网安备|网安备|网站标识码|版权所有|copyright|©|政府网站找错|扫一扫|微信扫一扫|长按二维码|"
    r"建议使用\s*\S*\s*浏览器|最佳分辨率|"
    r"^(?:相关链接|相关文件|相关阅读|相关新闻|相关稿件|相关信息|相关政策|相关解读|相关附件|相关报道|延伸阅读|推荐阅读|"
    r"热点新闻|热点推荐|主办单位|承办单位|主办|承办|协办单位|技术支持|运维单位|运行维护|网站地图|联系我们|关于我们|"
    r"网站声明|隐私声明|免责声明)\s*(?:[:：]|$)|"
    r"^[【\[]\s*(?:打印|关闭|收藏|分享|返回|纠错|字体)|"
    r"^(?:上一篇|下一篇|上一条|下一条)\s*[:：]?|"
    r"^(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|返回首页|收藏本页|分享到|阅读原文|点击关注|分享|收藏|点赞|在看|打印|关闭)"
    r"(?:[\s|｜/、]*(?:打印本页|打印|关闭窗口|关闭|返回顶部|分享到|分享|收藏|点赞|在看|阅读原文))*[\s:：]*$", re.I)
NAV_TOKEN_MAX = 8
# a page's own publication line without a label: "原创 某某发布 2025年01月24日 18:06 湖南"
DATED_BYLINE = re.compile(
    r"(?:原创|转载|发布|发表|来源|作者|编辑|浏览|阅读|点击)[^。]{0,40}?"
    r"((?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?)"
    r"|((?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?)\s*\d{1,2}:\d{2}")
CLOCK = re.compile(r"今天是|(?:星期|周|礼拜)[一二三四五六日天]|农历")


def plain(text: str) -> str:
    return text.strip(" \t\u3000")


def without_seal(text: str) -> str:
    return SEAL_NOTE.sub("", text).strip()


def is_org(text: str) -> bool:
    t = without_seal(text).strip()
    return 2 <= len(t) <= 40 and not re.search(r"[。，,；;：:！？!?、]", t) and bool(ORG_SUFFIX.search(t))


def is_date_only(text: str) -> bool:
    # (a date line, with its seal note, is short: the test runs on every line of the body)
    return len(text) <= 60 and bool(DATE_ONLY.match(without_seal(text)))


def is_prose(p: Paragraph) -> bool:
    """Running text: a sentence of some length, as no title, name, date or widget is."""
    t = p.text
    return (len(t) >= 30 and any(c in t for c in "。，；,;")) or len(t) >= 100


def is_nav(p: Paragraph) -> bool:
    """A navigation bar or a row of links: three or more short items apart, no sentence."""
    tokens = [t for t in re.split(r"[\s|｜/·•>＞»]+", p.raw) if t]
    if len(tokens) < 3 or any(c in p.raw for c in "。，；"):
        return False
    return all(len(t) <= NAV_TOKEN_MAX for t in tokens) and len(p.raw) <= 160


def furniture_top(p: Paragraph) -> bool:
    return bool(FURNITURE_TOP.search(p.raw)) or is_nav(p)


def furniture_bottom(p: Paragraph) -> bool:
    t = p.raw.strip()
    return len(t) <= 120 and bool(FURNITURE_BOTTOM.search(t))


def is_title_like(p: Paragraph) -> bool:
    t = p.text
    return (5 <= len(t) <= 100 and not P.HEADING_MARKER.match(t) and not t.endswith(("：", ":")) and "。" not in t
            and bool(TITLE_WORDS.search(t)) and not is_date_only(t))


def is_title_fragment(p: Paragraph) -> bool:
    """A line that may be the upper part of a title split over lines (报告标题分行排列)."""
    t = p.text
    return (2 <= len(t) <= 40 and not re.search(r"[。，,；;：:！？!?]", t) and not is_date_only(t)
            and not DOC_NO.match(t) and not COPY_NO.match(t) and not SECRET.match(t)
            and not URGENT.match(t) and not MASTHEAD_LINE.match(t))


# ---------------------------------------------------------------- the layout

@dataclass
class Layout:
    roles: list[str]
    #: the published date and other page facts found in furniture lines: key → (value, index)
    page: dict[str, tuple[str, int]] = field(default_factory=dict)

    def indexes(self, *roles: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r in roles]

    def first(self, role: str) -> int | None:
        return next((i for i, r in enumerate(self.roles) if r == role), None)

    @property
    def body(self) -> list[int]:
        return self.indexes(BODY)


def analyze(paras: list[Paragraph]) -> Layout:
    n = len(paras)
    roles = [BODY] * n
    page: dict[str, tuple[str, int]] = {}
    if not n:
        return Layout(roles, page)

    def meta_line(i: int) -> bool:
        pairs = metadata_pairs(paras[i].raw)
        for key, value in pairs:
            page.setdefault(key, (value, i))
        return bool(pairs)

    # -- where the body begins: the first running text or level-1 heading that is not furniture
    start = n
    for i, p in enumerate(paras):
        if furniture_top(p) or meta_line(i):
            continue
        if is_prose(p) or (P.HEADING_MARKER.match(p.text) and len(p.text) > 3):
            start = i
            break
    if start == n:  # no running text at all: everything after a title is body
        start = next((i + 1 for i, p in enumerate(paras) if is_title_like(p)), 0)

    # -- the foot of a web page: from its first furniture line after the body on
    foot = n
    for i in range(start + 1, n):
        if furniture_bottom(paras[i]):
            foot = i
            break
    # labelled lines just above it (责任编辑：…, 来源：…) belong to the page, not the report
    while foot - 1 > start and len(paras[foot - 1].text) <= 60 and P.META_START.match(paras[foot - 1].raw):
        foot -= 1
    for i in range(foot, n):
        roles[i] = METADATA if meta_line(i) else FURNITURE

    _head(paras, roles, start, page, meta_line)
    _tail(paras, roles, start, foot)
    # a page that dates itself in a line of its furniture ("原创 … 2025年01月24日 18:06"): that is
    # when it was published (never the clock, "今天是：…")
    if not any(k in page for k in ("发布时间", "发布日期", "日期", "公开日期")):
        for i, role in enumerate(roles):
            if role == FURNITURE and not CLOCK.search(paras[i].raw):
                m = DATED_BYLINE.search(paras[i].raw)
                if m:
                    page["发布时间"] = (m.group(1) or m.group(2), i)
                    break
    return Layout(roles, page)


def _head(paras: list[Paragraph], roles: list[str], start: int, page, meta_line) -> None:
    """Roles above the body, read upwards from it."""
    if start == 0:
        return
    head = list(range(start))
    for i in head:
        p = paras[i]
        t = p.text
        if meta_line(i):
            roles[i] = METADATA
        elif furniture_top(p):
            roles[i] = FURNITURE
        elif COPY_NO.match(t):
            roles[i] = COPY_NUMBER
        elif SECRET.match(t):
            roles[i] = SECRECY
        elif URGENT.match(t):
            roles[i] = URGENCY
        elif DOC_NO.match(t):
            roles[i] = DOC_NUMBER
        elif SIGNER_LINE.match(t):
            roles[i] = SIGNER
        else:
            roles[i] = ""  # to be decided
    # the title: the last title-like line above the body, with the lines of a title split over
    # several lines above it (a line that is an org name joins only a title that has none)
    last = next((i for i in reversed(head) if roles[i] == "" and is_title_like(paras[i])), None)
    title: list[int] = []
    if last is not None:
        title = [last]
        k = last - 1
        while k >= 0 and len(title) < 4 and roles[k] == "" and is_title_fragment(paras[k]):
            joined = paras[k].text + "".join(paras[j].text for j in title)
            if len(joined) > 100:
                break
            lead = _leading_org(paras[title[0]].text)
            if is_org(paras[k].text) and lead and (paras[k].text.endswith(lead) or lead.endswith(paras[k].text)):
                break  # a masthead over a title that names the same issuer (a joint title names another)
            title.insert(0, k)
            k -= 1
        for i in title:
            roles[i] = TITLE
        # a duplicate of the title higher up (the page's own heading) is furniture
        whole = "".join(paras[i].text for i in title)
        for i in head[: title[0]]:
            if roles[i] == "" and paras[i].text == whole:
                roles[i] = FURNITURE
    below = title[-1] + 1 if title else 0
    for i in head:
        if roles[i] != "":
            continue
        t = paras[i].text
        if i >= below:  # between the title (or the top) and the body
            if ADDRESSEE_LINE.match(t) and not P.META_START.match(paras[i].raw):
                roles[i] = ADDRESSEE
            elif is_org(t) or is_date_only(t):
                roles[i] = BYLINE
            else:
                roles[i] = FURNITURE if (len(t) <= 40 or not title) else BODY
        else:  # above the title: the header, else the page around it
            masthead = MASTHEAD_LINE.match(t) or _joint_masthead(paras[i]) or is_org(t) or (
                t == "文件" and i > 0 and roles[i - 1] == MASTHEAD)
            roles[i] = MASTHEAD if masthead else FURNITURE
    # an unknown line right above the body with no title at all stays body (a short opening)
    if not title:
        for i in reversed(head):
            if roles[i] == FURNITURE and not furniture_top(paras[i]) and not meta_line(i) and len(paras[i].text) > 40:
                roles[i] = BODY
            else:
                break


def _leading_org(text: str) -> str | None:
    """The issuer a title begins with ("坡头区交通运输局" of "坡头区交通运输局2024年…报告")."""
    m = re.match(r"^(.{2,40}?(?:人民政府|政府|办事处|管委会|委员会|局|委|办公室|办|厅|部|院|署|中心|所|站|处|街道|镇|乡|党组|党委))"
                 r"(?=关于|(?:19|20)\d{2}|法治|年度|$)", text)
    return m.group(1) if m else None


def _joint_masthead(p: Paragraph) -> bool:
    parts = [x for x in re.split(r"\s+", p.raw.strip()) if x]
    return len(parts) >= 2 and all(is_org(x) or MASTHEAD_LINE.match(x) for x in parts)


def _tail(paras: list[Paragraph], roles: list[str], start: int, foot: int) -> None:
    """Roles below the body, read upwards from the end: 版记, 附件, 落款 (附注, 成文日期, 印章,
    署名), 附件说明."""
    end = foot
    # 版记: the 抄送 / 印发 lines at the very end, with the lines of a long 抄送 list
    k = end - 1
    colophon_from = end
    while k > start and end - k <= 8:
        t = paras[k].text
        if COLOPHON_LINE.search(t):
            colophon_from = k
        elif colophon_from == end and not is_org(t) and not is_date_only(t) and len(t) > 60:
            break
        k -= 1
    if colophon_from < end:
        # what follows the first 抄送 line up to the end is the colophon
        for i in range(colophon_from, end):
            roles[i] = COLOPHON
        end = colophon_from
    # the 成文日期: the first date line below which come only notes, an 附件, or nothing
    date_at = None
    for i in range(start + 1, end):
        if not is_date_only(paras[i].text):
            continue
        j = i + 1
        while j < end and NOTE_LINE.match(without_seal(paras[j].text)):
            j += 1
        if j == end or _attachment_after(paras, j, end):
            date_at = i
            break
    sig_end = end
    if date_at is not None:
        j = date_at + 1
        while j < end and NOTE_LINE.match(without_seal(paras[j].text)):
            roles[j] = NOTE
            j += 1
        for i in range(j, end):
            roles[i] = ATTACHMENT
        roles[date_at] = DATE
        sig_end = date_at
    else:
        # no date: an 附件 standing on its own line after the body, then the 署名 above it
        half = start + (end - start) // 2
        att = next((i for i in range(half + 1, end) if _attachment_heading(paras, i, end)), None)
        if att is not None:
            for i in range(att, end):
                roles[i] = ATTACHMENT
            sig_end = att
        while sig_end - 1 > start and NOTE_LINE.match(without_seal(paras[sig_end - 1].text)):
            sig_end -= 1
            roles[sig_end] = NOTE
    # 印章 and 署名 above the date (several names for a joint report)
    k = sig_end - 1
    names = 0
    while k > start:
        t = paras[k].text
        if SEAL_NOTE.fullmatch(t):
            roles[k] = SEAL
        elif is_org(t) and not P.HEADING_MARKER.match(t) and names < 4:
            roles[k] = ISSUER
            names += 1
        else:
            break
        k -= 1
    # 附件说明 above the 落款: "附件：1.…" and its numbered lines
    j = k
    while j > start and NUMBERED_ITEM.match(paras[j].text) and len(paras[j].text) <= 80 and "。" not in paras[j].text[:-1]:
        j -= 1
    if j > start and ATTACHMENT_NOTE_LINE.match(paras[j].text) and len(paras[j].text) <= 120:
        for i in range(j, k + 1):
            roles[i] = ATTACHMENT_NOTE


def _attachment_heading(paras: list[Paragraph], i: int, end: int) -> bool:
    """An 附件 that begins on a line of its own: 附件 / 附件1 / 附件2：… (a number, or nothing
    after it); not the 附件说明 "附件：1.…", which has a title but no number of its own."""
    m = ATTACHMENT_START.match(paras[i].text)
    if not m:
        return False
    return not m.group("title") or bool(re.match(r"^附\s*件\s*(?:[0-9０-９]|[一二三四五六七八九十])", paras[i].text))


def _attachment_after(paras: list[Paragraph], j: int, end: int) -> bool:
    """Below a 成文日期, any line that begins with 附件 begins the attachments."""
    return j < end and paras[j].text.startswith(("附件", "附 件"))
