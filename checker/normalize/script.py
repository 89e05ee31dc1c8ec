"""Traditional characters, and the garbage that script conversion leaves behind.

Reports reach us in traditional characters too: official big5 gateways and 繁体 mirrors of
government sites publish the same page converted. Rules are written in simplified characters, so
the text is matched in simplified form while evidence quotes the characters the user gave.

- :func:`simplified` converts a line with OpenCC (``t2s``), one character for one: OpenCC's
  character and phrase tables map traditional to simplified of the same length, and when a
  phrase ever did not, the line is converted character by character instead, so that every
  offset of the matching text is an offset of the original. OpenCC is loaded only for a text
  that holds a Chinese character GB2312 cannot encode (every simplified report is GB2312 text
  but for the odd rare character, and then converting is harmless: t2s leaves simplified text
  as it is).
- what failed conversions leave: ``??`` / ``？？`` where a character had no mapping — between
  characters it is a lost character (:func:`unknown`), at the start of a line it may be a
  heading's lost 一、 or （一） (:func:`lost_prefix`; normalize puts the number back from the
  headings around it) — and pinyin kept after a character (``建設(shè)``, :func:`garbage`).
"""

from __future__ import annotations

import functools
import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def needs_conversion(lines: list[str]) -> bool:
    """Whether the text holds a Chinese character outside GB2312 (a traditional one, mostly)."""
    for line in lines:
        try:
            line.encode("gb2312")
        except UnicodeEncodeError:
            # only a CJK character counts: symbols such as • or ℃ are not in GB2312 either
            if any(_not_gb2312(c) for c in _CJK.findall(line)):
                return True
    return False


def _not_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return True


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(line: str) -> str:
    """The line in simplified characters, the same length as the line."""
    conv = _converter()
    out = conv.convert(line)
    if len(out) == len(line):
        return out
    chars = []
    for c in line:
        s = conv.convert(c)
        chars.append(s if len(s) == 1 else c)
    return "".join(chars)


# "??" where characters failed: at the start of a line (a heading's 一、 or （一） lost), or between
# two Chinese characters (作??法治政府建设); pinyin in brackets after a character (建設(shè))
_LEADING = re.compile(r"^[?？\ufffd]{1,6}(?=\S)")
_INNER = re.compile(r"(?<=[\u4e00-\u9fff])[?？]+(?=[\u4e00-\u9fff])")
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = re.compile(
    rf"(?<=[\u4e00-\u9fff])[(（]((?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouv{_TONES}]{{1,3}}(?:ng|n|r)?[1-5]?)[)）]",
    re.I,
)
_HAS_TONE = re.compile(f"[{_TONES}]|[1-5]$")
UNKNOWN = "\ufffd"


def lost_prefix(text: str) -> int:
    """How many characters at the start of a line are the ? of failed conversion."""
    m = _LEADING.match(text)
    return m.end() if m else 0


def unknown(text: str) -> str:
    """The line with each ? between two Chinese characters made U+FFFD (the same length): a lost
    character, not a question mark that ends a heading or a sentence."""
    return _INNER.sub(lambda m: UNKNOWN * len(m.group()), text) if "?" in text or "？" in text else text


def garbage(text: str) -> list[tuple[int, int]]:
    """Spans of pinyin a converter left after a character, sorted. A bracketed Latin word is pinyin
    only if it is one syllable with a tone (mark or digit), so "(APP)" or "(wifi)" stay."""
    spans: list[tuple[int, int]] = []
    if "(" in text or "（" in text:
        for p in _PINYIN.finditer(text):
            if _HAS_TONE.search(p.group(1)):
                spans.append((p.start(), p.end()))
    return spans
