"""Read a web page saved from a government site: the report body, its title and the page's
metadata table (索引号, 发布机构, 成文日期 …).

1. Decoding: a byte-order mark; else the charset the page declares in its first 2 KB (``<meta
   charset>`` or ``http-equiv="Content-Type"``); else UTF-8; else GB18030. A page that declares
   gb2312 or gbk is decoded as GB18030, their superset: real pages declaring gb2312 often hold
   GBK characters.
2. Metadata: found anywhere in the page by its labels — a table row ``索引号 | 001… | 发布机构 |
   某局``, label / value elements side by side, or ``发布机构：某局`` text — and from the
   ``<meta name="ArticleTitle|PubDate|ContentSource">`` tags CMSs write.
3. The body, readability-style and independent of any one site's markup: navigation, headers,
   footers, forms, share buttons, breadcrumbs, related links (by tag, or by class/id words) are
   dropped; every paragraph-like element scores its container by the Chinese text it holds
   (plus a little for commas), containers are discounted by their link density, a few well-known
   content class/id words (TRS_Editor, zoom, article, content …) earn a small bonus; the best
   container's blocks are emitted in order.
4. Lines: one per block (p, div with its own text, h1–h6, li, each ``<br>``-separated line, a
   table row as its cells joined by `` | ``), text as the page has it, white space collapsed as a
   browser does and stripped at both ends. A block that starts in bold (``<strong>``, ``<b>``,
   ``font-weight:bold``, or a heading element) carries the Markdown marks ``**…**`` around its
   bold lead, which the normalizer reads as a heading hint / bold run-in heading and removes,
   exactly as for Markdown input. The article title (``ArticleTitle``, a heading just before the
   body, or ``<title>`` minus its site-name suffix) is the first line unless the body already
   starts with it; its location is "网页标题", a body line's is "正文第N段".
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..normalize.patterns import META_KEYS, META_KEYS_TRADITIONAL
from . import Source

# ---------------------------------------------------------------- decoding

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB = {"gb2312", "gbk", "gb_2312-80", "gb_2312", "x-gbk", "csgb2312", "euc-cn", "x-euc-cn", "cp936", "ms936",
       "windows-936", "gb18030", "chinese", "iso-ir-58"}


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:2048])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    if name in _GB:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, name: str) -> str:
    """BOM, then the declared charset, then UTF-8, then GB18030."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {enc.upper()} byte-order mark but does not decode as it") from None
    declared = declared_charset(data)
    tried = []
    for enc in (declared, "utf-8", "gb18030"):
        if enc and enc not in tried:
            tried.append(enc)
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    # a page with a few broken bytes is still a page: keep what decodes
    return data.decode(declared or "gb18030", errors="replace")


# ---------------------------------------------------------------- page furniture

_DROP_TAGS = {"script", "style", "noscript", "iframe", "frame", "frameset", "form", "nav", "header", "footer",
              "aside", "button", "select", "input", "textarea", "svg", "object", "embed", "template", "canvas",
              "audio", "video", "map", "head", "title", "meta", "link"}
# class / id words of furniture; matched inside each class or id token ("top-nav", "shareBox")
_JUNK_WORDS = re.compile(
    r"nav|menu|foot|share|breadcrumb|crumb|sidebar|side-?bar|related|relate|xglj|copyright|banquan|bottom|"
    r"comment|login|search|toolbar|tool-?bar|position|location|dqwz|weizhi|advert|guanggao|popup|qrcode|erweima|"
    r"print|dayin|fenxiang|social|skip|topbar|header|masthead|logo",
    re.I)
_GOOD_WORDS = re.compile(
    r"trs_?editor|zoom|article|content|zhengwen|\bzw\b|detail|maintext|main-text|text-?body|post|entry|wenzhang|"
    r"\bcon\b|view|textarea|bt_?content|nr\b|neirong",
    re.I)
_BAD_WORDS = re.compile(r"list|link|more|tab|column|lanmu|ad\b|hot|recommend|tuijian|widget", re.I)

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
               "thead", "tbody", "tfoot", "tr", "blockquote", "pre", "section", "article", "main", "center",
               "address", "figure", "figcaption", "caption", "hr", "fieldset", "details", "summary", "body",
               "html", "td", "th"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD_TAGS = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_WS = re.compile(r"[ \t\n\r\f\v]+")
_STRIP = " \t\n\r\f\v\u3000\xa0\u200b\ufeff"
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_COMMAS = re.compile(r"[，、；。,;]")

# ---------------------------------------------------------------- metadata

_KEYS = sorted(META_KEYS | META_KEYS_TRADITIONAL, key=len, reverse=True)
_KEY_ONLY = re.compile(r"^(" + "|".join(_KEYS) + r")\s*[:：]?$")
_KEY_VALUE = re.compile(r"(?<![\u4e00-\u9fff])(" + "|".join(_KEYS) + r")\s*[:：]\s*")
_VALUE_MAX = 120
# an inline value ends at a wide gap or a bracketed page tool ("2024-02-18　【字体：大 中 小】")
_VALUE_END = re.compile(r"\u3000|\xa0|\s{2,}|【|\[")
_META_TAGS = {"articletitle": "标题", "pubdate": "发布日期", "contentsource": "来源"}


def _classid(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _is_junk(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() in _DROP_TAGS:
        return True
    ci = _classid(el).strip()
    if ci and _JUNK_WORDS.search(ci):  # "printContent" wrapping the body is kept by _strip_junk
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _text(s: str) -> str:
    return _WS.sub(" ", s).strip(_STRIP)


def _text_nodes(root) -> list[str]:
    """The page's text pieces in order (one per text node), skipping scripts and styles."""
    out: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in {"script", "style", "noscript", "template"} or not tag:
            if el.tail:
                t = _text(el.tail)
                if t:
                    out.append(t)
            return
        if el.text:
            t = _text(el.text)
            if t:
                out.append(t)
        for child in el:
            walk(child)
        if el.tail:
            t = _text(el.tail)
            if t:
                out.append(t)

    walk(root)
    return out


def _plausible_value(v: str) -> bool:
    return bool(v) and len(v) <= _VALUE_MAX and "。" not in v and not _KEY_ONLY.match(v)


def read_metadata(pieces: list[str]) -> dict[str, str]:
    """Label/value pairs from the page's text pieces: "索引号" then "001…" (table cells, spans,
    dt/dd), or "发布机构：某局  成文日期：2024-02-18" within one piece."""
    meta: dict[str, str] = {}
    n = len(pieces)
    for i, piece in enumerate(pieces):
        if len(piece) > 300:
            continue
        m = _KEY_ONLY.match(piece)
        if m:
            if i + 1 < n and _plausible_value(pieces[i + 1]) and not _KEY_VALUE.match(pieces[i + 1]):
                meta.setdefault(m.group(1), pieces[i + 1])
            continue
        found = list(_KEY_VALUE.finditer(piece))
        if not found or found[0].start() > 0 and piece[: found[0].start()].strip(_STRIP + "|【[（("):
            continue
        for k, m in enumerate(found):
            end = found[k + 1].start() if k + 1 < len(found) else len(piece)
            value = piece[m.end():end]
            gap = _VALUE_END.search(value.strip(_STRIP))
            value = value.strip(_STRIP)[: gap.start()] if gap else value
            value = value.strip(_STRIP + "|")
            if not value and k + 1 == len(found) and i + 1 < n:
                value = pieces[i + 1]  # "发布机构：" <span>某局</span>
            if _plausible_value(value):
                meta.setdefault(m.group(1), value)
    return meta


# ---------------------------------------------------------------- blocks

class _Line:
    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: list[tuple[str, bool]] = []  # (text, bold)

    def add(self, text: str, bold: bool) -> None:
        if text:
            self.parts.append((text, bold))

    def render(self) -> str:
        text = _WS.sub(" ", "".join(t for t, _ in self.parts)).strip(_STRIP)
        if not text:
            return ""
        # the bold lead: the parts before the first non-bold part with visible text
        lead = []
        for t, b in self.parts:
            if not b and t.strip(_STRIP):
                break
            lead.append(t)
        lead_text = _WS.sub(" ", "".join(lead)).strip(_STRIP)
        if not lead_text or "**" in text:
            return text
        rest = text[len(lead_text):] if text.startswith(lead_text) else None
        if rest is None:
            return text
        return f"**{lead_text}**{rest}"


def _is_bold(el, inherited: bool) -> bool:
    tag = el.tag.lower()
    if tag in _BOLD_TAGS or tag in _HEADINGS:
        return True
    style = el.get("style")
    if style:
        if _BOLD_STYLE.search(style):
            return True
        if re.search(r"font-weight\s*:\s*(?:normal|[1-4]00)", style, re.I):
            return False
    return inherited


def _cell_text(el) -> str:
    return _text(el.text_content())


def _blocks(container) -> list[str]:
    """The container's text, one line per block, in order."""
    lines: list[str] = []
    cur = _Line()

    def flush() -> None:
        nonlocal cur
        t = cur.render()
        if t:
            lines.append(t)
        cur = _Line()

    def walk(el, bold: bool) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag:  # comments, processing instructions
            if el.tail:
                cur.add(el.tail, bold)
            return
        if tag == "br":
            flush()
            if el.tail:
                cur.add(el.tail, bold)
            return
        if tag == "tr":
            flush()
            cells = [_cell_text(c) for c in el if isinstance(c.tag, str) and c.tag.lower() in {"td", "th"}]
            cells = [c for c in cells if c]
            if cells:
                lines.append(" | ".join(cells))
            if el.tail:
                cur.add(el.tail, bold)
            return
        block = tag in _BLOCK_TAGS
        b = _is_bold(el, bold)
        if block:
            flush()
        if el.text:
            cur.add(el.text, b)
        for child in el:  # furniture is gone already (_strip_junk)
            walk(child, b)
        if block:
            flush()
        if el.tail:
            cur.add(el.tail, bold)

    walk(container, False)
    flush()
    return lines


# ---------------------------------------------------------------- the body container

def _strip_junk(root) -> None:
    """Drop furniture. An element dropped only for its class or id ("main_bottom", "wrap-side")
    that holds most of the page's Chinese text, in few links, is a wrapper: it stays."""
    total = _plain_cjk(root)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag.lower() in {"html", "body"}:
            continue
        if el.getparent() is None or not _is_junk(el):
            continue
        if el.tag.lower() not in _DROP_TAGS and total and _plain_cjk(el) * 2 > total:
            continue
        el.drop_tree()


def _plain_cjk(el) -> int:
    """Chinese characters of an element outside its links."""
    n = len(_CJK.findall(el.text_content()))
    return n - sum(len(_CJK.findall(a.text_content())) for a in el.iter("a"))


def _own_text(el) -> str:
    """Text of an element not inside its block children (a div holding text with <br>s)."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag and tag not in _BLOCK_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return _text("".join(parts))


def _link_density(el) -> float:
    total = len(_text(el.text_content()))
    if not total:
        return 1.0
    links = sum(len(_text(a.text_content())) for a in el.iter("a"))
    return min(links / total, 1.0)


def _class_weight(el) -> float:
    ci = _classid(el)
    w = 0.0
    if _GOOD_WORDS.search(ci):
        w += 10
    if _BAD_WORDS.search(ci):
        w -= 10
    return w


def find_body(root):
    """The element that holds the report: readability-style scoring of paragraph containers."""
    scores: dict = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in {"p", "pre", "h3", "h4", "h5", "h6"}:
            text = _text(el.text_content())
            holder = el.getparent()
        elif tag in {"div", "section", "article", "span", "font", "center", "td", "li", "dd", "blockquote"}:
            text = _own_text(el)
            holder = el  # a div that holds its text itself (lines split by <br>) is the container
        else:
            continue
        cjk = len(_CJK.findall(text))
        if cjk < 10 or holder is None:
            continue
        score = 1 + len(_COMMAS.findall(text)) + min(cjk / 50, 6)
        scores[holder] = scores.get(holder, 0.0) + score
        parent = holder.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + score / 2
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + score / 4
    if not scores:
        return None
    best, best_score = None, 0.0
    # inline holders (a <span> or <font> wrapping text) hand their text to the block around them
    for el in [e for e in scores if e.tag.lower() in {"span", "font"}]:
        block = next((a for a in el.iterancestors() if a.tag.lower() in _BLOCK_TAGS), None)
        if block is not None:
            scores[block] = scores.get(block, 0.0) + scores.pop(el)
    for el, s in scores.items():
        s = (s + _class_weight(el)) * (1 - _link_density(el))
        if s > best_score:
            best, best_score = el, s
    return best


# ---------------------------------------------------------------- the title

_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--|—{1,2}|\s-\s)\s*")
_TITLEISH = re.compile(r"title|tit\b|biaoti|\bbt\b|headline", re.I)


def _key(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _title_candidates(root) -> list[tuple[int, object, str]]:
    """(document position, element, text) of headings and title-classed elements outside menus
    and footers; taken before the furniture is dropped, since an article's <header> holds its
    title."""
    out = []
    for pos, el in enumerate(root.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in {"h1", "h2", "h3"} or (tag in {"div", "td", "p", "span", "font", "strong"}
                                         and _TITLEISH.search(_classid(el))):
            if any(_is_furniture(a) for a in el.iterancestors()) or _is_furniture(el):
                continue
            t = _text(el.text_content())
            if t:
                out.append((pos, el, t))
    return out


def _is_furniture(el) -> bool:
    """Menus, footers, sidebars (not headers: an article's header holds its title)."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in {"nav", "footer", "aside", "form", "script", "style", "noscript"}:
        return True
    ci = _classid(el)
    return bool(ci.strip()) and bool(_FURNITURE_WORDS.search(ci)) and not _GOOD_WORDS.search(ci)


_FURNITURE_WORDS = re.compile(r"nav|menu|foot|share|crumb|sidebar|related|xglj|copyright|bottom|position|"
                              r"location|dqwz|logo|banner|masthead", re.I)


def find_title(root, cands, body_span: tuple[int, int] | None, head: set[str], page_title: str,
               meta_title: str | None, site: str | None) -> str | None:
    """The article's title: the CMS's ArticleTitle, else a heading before the body (or at its
    top) that agrees with <title>, else the last such heading, else <title> minus its "_站点名"
    suffix — never the site's name or a menu entry."""
    parts = [p for p in _TITLE_SPLIT.split(page_title) if p.strip()] if page_title else []
    not_titles = {_key(p) for p in parts[1:]} | ({_key(site)} if site else set())
    for a in root.iter("a"):  # menu entries, breadcrumb items
        t = _key(a.text_content())
        if t:
            not_titles.add(t)

    def ok(t: str | None) -> bool:
        return bool(t) and 4 <= len(t) <= 150 and bool(_CJK.search(t)) and _key(t) not in not_titles

    if ok(meta_title):
        return meta_title
    def placed(pos: int, t: str) -> bool:  # before the body, or one of the body's first lines
        if body_span is None or pos <= body_span[0]:
            return True
        return pos <= body_span[1] and _key(t) in head

    before = [t for pos, _, t in cands if placed(pos, t) and ok(t)]
    first = parts[0] if parts else ""
    if before and first:
        for t in before:
            if _key(t) == _key(first) or _key(first) in _key(t) or _key(t) in _key(first):
                return t
    if before:
        return before[-1]
    if ok(first):
        return _text(first)
    return None


# ---------------------------------------------------------------- the reader

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MIN_CJK = 20


def read_html(data: bytes, name: str) -> Source:
    import lxml.etree
    import lxml.html

    text = decode_html(data, name)
    text = _XML_DECL.sub("", text.lstrip("\ufeff"))
    # control characters are no text (and lxml refuses them in a tree it edits): a space each
    text = _CONTROL.sub(" ", text)
    if not text.strip():
        raise InputError(f"{name}: empty file")
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: not a readable web page ({exc})") from None

    # what the <head> says
    page_title = ""
    t = root.find(".//title")
    if t is not None:
        page_title = _text(t.text_content())
    tags: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("name") or "").lower()
        if key and m.get("content"):
            tags[key] = _text(m.get("content"))

    # metadata anywhere in the page (outside scripts), by its labels
    body_el = root.find("body")
    meta = read_metadata(_text_nodes(body_el if body_el is not None else root))
    for tag_name, key in _META_TAGS.items():
        if tags.get(tag_name) and key not in meta and key != "标题":
            meta[key] = tags[tag_name]

    positions = {el: i for i, el in enumerate(root.iter())}
    cands = _title_candidates(root)
    _strip_junk(root)
    body = find_body(root)
    lines = _blocks(body) if body is not None else []
    # metadata rows at the top of the body container are metadata, not report text
    while lines and _is_meta_line(lines[0]):
        lines.pop(0)
    if sum(len(_CJK.findall(ln)) for ln in lines) < _MIN_CJK:
        raise InputError(f"{name}: no report text found in this web page")
    locations = [f"正文第{i}段" for i in range(1, len(lines) + 1)]

    span = (positions[body], max(positions.get(e, 0) for e in body.iter())) if body is not None else None
    head = {_key(ln.replace("**", "")) for ln in lines[:3]}
    title = find_title(root, cands, span, head, page_title, tags.get("articletitle"), tags.get("sitename"))
    if title:
        meta.setdefault("标题", title)
        if _key(title) not in head:
            lines.insert(0, title)
            locations.insert(0, "网页标题")
    return Source(path=name, format="html", lines=lines, metadata=meta, locations=locations, continues=None)


def _is_meta_line(line: str) -> bool:
    """A table row or line made only of metadata labels and their values."""
    if len(line) > 300:
        return False
    cells = [c.strip() for c in line.split("|")] if "|" in line else [line]
    keys = [c for c in cells if _KEY_ONLY.match(c)]
    if "|" in line:
        return len(keys) >= 1 and len(keys) * 2 >= len([c for c in cells if c])
    found = list(_KEY_VALUE.finditer(line))
    return len(found) >= 2 and found[0].start() == 0


__all__ = ["read_html", "decode_html", "declared_charset", "read_metadata", "find_body"]
