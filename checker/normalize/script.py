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
- :func:`garbage` finds what failed conversions leave: ``??`` / ``？？`` / ``\\ufffd`` where a
  character had no mapping, at the start of a line (where it hides a heading's 一、), and pinyin
  kept after a character (``建設(shè)``).
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


# "??" where a character failed, at the start of a line; pinyin in brackets after a character
_LEADING = re.compile(r"^[ \t\u3000]*(?:[?？\ufffd]{1,4})(?=\S)")
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = re.compile(
    rf"(?<=[\u4e00-\u9fff])[(（]((?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouv{_TONES}]{{1,3}}(?:ng|n|r)?[1-5]?)[)）]",
    re.I,
)
_HAS_TONE = re.compile(f"[{_TONES}]|[1-5]$")


def garbage(text: str) -> list[tuple[int, int]]:
    """Spans of conversion garbage in a line, sorted: a leading run of ? and pinyin after a
    character. A bracketed Latin word is pinyin only if it is one syllable with a tone (mark or
    digit), so "(APP)" or "(wifi)" stay."""
    spans: list[tuple[int, int]] = []
    m = _LEADING.match(text)
    if m:
        spans.append((m.start(), m.end()))
    if "(" in text or "（" in text:
        for p in _PINYIN.finditer(text):
            if _HAS_TONE.search(p.group(1)):
                spans.append((p.start(), p.end()))
    return spans
