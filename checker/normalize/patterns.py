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
# the labels of a page's source line and widgets ("发布时间：2025-01-16 来源：… 浏览次数：…"): a line
# made of them is page metadata too (the publication date is worth keeping; the rest is furniture)
META_KEYS |= {
    "发布时间", "公开时间", "公文生成日期", "成文时间", "发布单位", "发文单位", "发布人", "文章来源", "稿件来源",
    "浏览次数", "浏览量", "点击数", "点击量", "点击次数", "访问量", "访问次数", "阅读次数", "阅读量", "作者",
    "编辑", "责任编辑", "审核", "校对", "关键词", "信息分类", "效力状态", "时效性", "日期", "字号",
}
# the same labels in traditional characters (OpenCC s2t, s2tw and s2hk of META_KEYS; a test keeps
# the two in step): readers that look for labels in the raw page find them on big5 copies too
META_KEYS_TRADITIONAL = {
    "主題分類", "主題詞", "來源", "信息來源", "信息分類", "信息名稱", "內容分類", "公開方式", "公開日期", "公開時間", "公開範圍", "名稱",
    "字號", "審核", "審覈", "成文時間", "所屬機構", "效力狀態", "文章來源", "文號", "時效性", "校對", "標題", "瀏覽次數", "瀏覽量",
    "發佈人", "發佈單位", "發佈日期", "發佈時間", "發佈機構", "發文單位", "發文字號", "發文日期", "發文機關", "稿件來源", "索引號", "組配分類",
    "編輯", "訪問次數", "訪問量", "責任編輯", "閱讀次數", "閱讀量", "閲讀次數", "閲讀量", "關鍵詞", "體裁分類", "點擊數", "點擊次數", "點擊量",
}
META_SCAN_LINES = 40
_META_ALT = "|".join(sorted(META_KEYS, key=len, reverse=True))
# a label at the start of a line or cell ("【 发布时间：…", "[来源：…]"), and every label inside one
META_START = re.compile(r"^[\s【\[［(（|]*(?:" + _META_ALT + r")\s*[:：]")
META_KEY_VALUE = re.compile(r"(?<![\u4e00-\u9fff])(" + _META_ALT + r")\s*[:：]\s*")
META_KEY_ONLY = re.compile(r"^(?:" + _META_ALT + r")\s*[:：]?$")
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
# links and images of a page extracted as Markdown: an image goes, a link keeps its words
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[a-z]+:|/|#|\.)[^)]*\)")
MD_BULLET = re.compile(r"^[*+-]\s+(?=\S)")
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

# ---- a web page flattened onto one line: where its pieces stood on lines of their own
# A line is taken as a flattened page (not a long paragraph) when it is long and holds two or
# more level-1 headings after a full stop, colon or space.
FLAT_MIN_CHARS = 600
FLAT_LEVEL1 = re.compile(rf"(?:[。：:；;！？!?\s]|^)[{CN_NUM}]{{1,3}}、")
# level-1/2 headings and 第X部分 glued to the end of the sentence before them ("…报告如下：一、…")
# and a (一) glued to any word before it (not 第（一）项, a clause of a law)
PUNCT_BEFORE_MARKER = re.compile(
    rf"(?<=[。：:；;！？!?”」）)】])(?=[{CN_NUM}]{{1,3}}、|第[{CN_NUM}]{{1,3}}部分)"
    rf"|(?<![第\s])(?=[（(][{CN_NUM}]{{1,3}}[)）](?![项款条目]))")
# page furniture and metadata that begin a piece of their own in the head and foot of a page
FLAT_FURNITURE = re.compile(
    r"(?=当前位置|您的位置|你的位置|您现在的位置|今天是|无障碍|长者模式|【|发布时间|发布日期|索引号|发布机构|成文日期|"
    r"信息来源|来源[:：]|浏览次数|点击数|阅读次数|相关链接|相关文件|相关阅读|相关新闻|上一篇|下一篇|扫一扫|主办单位|承办单位|"
    r"网站标识码|网站地图|联系我们|版权所有|Copyright|©|(?:[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s*)?ICP备|"
    r"(?:[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]\s*)?公网安备)|(?<=】)"
)
# white space between two pieces of Chinese (not "2020 年", not Latin words): a former line break
# in the head and foot of a flattened page
CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20】》”）)])\s+(?=[\u4e00-\u9fff【《“（(])")
# a 成文日期 after the 署名 in the foot of a flattened page ("…交通运输局 2024年12月9日")
FLAT_DATE = re.compile(r"(?<=\S)\s+(?=(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年)")
# the title glued to the opening: "…年度报告根据…" (a title word, then the first words of an opening)
FLAT_TITLE_END = re.compile(
    r"^(.{6,80}?(?:报告|总结|情况))(?=(?:根据|按照|依据|为|今年|一年来|近年来|本年度|(?:19|20)\d{2}\s*年|我[局委办厅市县区镇乡]|在))")
