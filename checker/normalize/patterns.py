"""The character classes and patterns that normalization and segmentation share."""

from __future__ import annotations

import re

CN_NUM = "一二三四五六七八九十"

# ---- metadata tables of government web pages
META_KEYS = {
    "索引号", "主题分类", "组配分类", "体裁分类", "发布机构", "发文机关", "成文日期", "发文日期",
    "发布日期", "公开方式", "公开范围", "文号", "发文字号", "标题", "名称", "有效性", "信息来源",
    "所属机构", "生成日期", "公开日期", "主题词", "来源", "信息名称", "内容分类",
}
META_SCAN_LINES = 15
META_COLON = re.compile(r"^\s*(" + "|".join(sorted(META_KEYS, key=len, reverse=True)) + r")\s*[:：]\s*(\S.*)$")
ONLY_PIPES = re.compile(r"^[\s|]*\|[\s|]*$")
TRAILING_PIPES = re.compile(r"\s*\|[\s|]*$")

# ---- Markdown and page furniture
_SPACE_CHARS = {"\u3000": " ", "\xa0": " ", "\t": " ", "\u2002": " ", "\u2003": " ", "\u200b": ""}
_SPACES_RX = re.compile("[" + "".join(_SPACE_CHARS) + "]")


def plain_spaces(text: str) -> str:
    """Ideographic, no-break, en/em spaces and tabs → " "; zero-width spaces removed. (A regex
    over these few characters: str.translate looks every CJK character up in a dict.)"""
    return _SPACES_RX.sub(lambda m: _SPACE_CHARS[m.group()], text)
MD_HEADING = re.compile(r"^#{1,6}\s*")
MD_QUOTE = re.compile(r"^>\s?")
MD_EMPHASIS = re.compile(r"\*\*|__")
PAGE_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,}|={3,})$")
_DASH = "-—–－─~～"
PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASH}]+\s*\d{{1,3}}\s*[{_DASH}]*|[{_DASH}]*\s*\d{{1,3}}\s*[{_DASH}]+|\d{{1,3}}"
    rf"|第\s*\d{{1,3}}\s*页(?:\s*[,，/]?\s*共\s*\d{{1,3}}\s*页)?|\d{{1,3}}\s*/\s*\d{{1,3}})$"
)

# ---- headings (the marker at the start of a paragraph)
HEADING_MARKER = re.compile(
    rf"^(?:[{CN_NUM}]{{1,3}}[、.．]|[（(][{CN_NUM}]{{1,3}}[)）]|\d{{1,2}}[、.．](?!\d)|[（(]\d{{1,2}}[)）]"
    rf"|[{CN_NUM}]{{1,2}}[是要](?![否的])|第[{CN_NUM}]{{1,3}}部分[，,、：:]?|第[{CN_NUM}]{{1,3}}[，,、]|[①②③④⑤⑥⑦⑧⑨⑩])"
)
# whitespace before a level-1/2 marker inside a line: where a flattened page had a line break
# (written space first, so that re can skip to the next space: the same as (?<=\S)\s+(?=…))
SPACE_BEFORE_MARKER = re.compile(rf"\s(?<=\S\s)\s*(?=[{CN_NUM}]{{1,3}}、|[（(][{CN_NUM}]{{1,3}}[)）]|第[{CN_NUM}]{{1,3}}部分)")
# a heading ended by a space, in a flattened page ("二、存在问题 在看到成绩的同时…")
HEADING_SPACE_END = re.compile(r"^([^。；;\s]{2,60}?)\s+(?=\S)")
HEADING_MAX = 60

# ---- sentences and joins
TERMINAL = set("。！？!?；;：:…")
CLOSERS = set("”’」』）)】")
JOIN_MIN_CHARS = 40
DATE_LINE = re.compile(
    r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
    r"|\d{4}[-./]\d{1,2}[-./]\d{1,2})$"
)
SPACE_RUN = re.compile(r"[ ]+")
ASCII_PUNCT = set(",.;:!?()[]<>%、")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or o == 0x3007


def is_cjk_punct(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFF65 or ch in "“”‘’—…·《》"
