"""Terminal manners: display width (a Chinese character takes two columns), wrapping and cutting
to a width, and colour only where it belongs.

Colour is on when standard output is a terminal, unless ``NO_COLOR`` is set (non-empty); it is
forced by ``FORCE_COLOR`` (non-empty) even in a pipe or a CI log; ``TERM=dumb`` turns it off;
``--color always|never`` decides over all of these (the order CPython's own colour follows).
"""

from __future__ import annotations

import os
import sys
from typing import IO

from wcwidth import wcwidth

_WIDTH: dict[str, int] = {}  # display width of each character met (a dict beats wcwidth's cache)
FALLBACK_WIDTH = 100  # not a terminal, no COLUMNS: a CI log or a file


def char_width(ch: str) -> int:
    w = _WIDTH.get(ch)
    if w is None:
        w = _WIDTH[ch] = max(wcwidth(ch), 0)
    return w


def width(text: str) -> int:
    """Display width of text without escape sequences."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


_NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)]}%")


def wrap(text: str, cols: int) -> list[str]:
    """Lines of at most cols columns, cut anywhere (Chinese has no spaces to break at); an ASCII
    word is not cut when it fits on a line of its own."""
    cols = max(cols, 2)
    if len(text) * 2 <= cols:  # fits even if every character is wide
        return [text]
    lines: list[str] = []
    start, w, i = 0, 0, 0
    n = len(text)
    while i < n:
        ch = text[i]
        cw = char_width(ch)
        if w + cw > cols and i > start:
            cut = i
            if ch in _NO_LINE_START and i - 1 > start:  # 避头: ，。） never start a line
                cut = i - 1
            if ch.isascii() and ch.isalnum():  # do not split an ASCII word (a rule id, a number)
                j = i
                while j > start and text[j - 1].isascii() and text[j - 1].isalnum():
                    j -= 1
                if j > start and width(text[j:i]) < cols // 2:
                    cut = j
            lines.append(text[start:cut].rstrip(" "))
            start = cut
            while start < n and text[start] == " ":
                start += 1
            w = width(text[start:i])
            i = max(i, start)
            continue
        w += cw
        i += 1
    if start < n:
        lines.append(text[start:])
    return lines or [""]


def cut(text: str, cols: int) -> str:
    """text on one line of at most cols columns, ending with … when cut."""
    if width(text) <= cols:
        return text
    out, w = [], 0
    for ch in text:
        cw = char_width(ch)
        if w + cw > cols - 1:
            break
        out.append(ch)
        w += cw
    return "".join(out).rstrip() + "…"


def pad(text: str, cols: int) -> str:
    return text + " " * max(0, cols - width(text))


def terminal_width(stream: IO[str] | None = None) -> int:
    """The width to fit: COLUMNS, else the terminal's, else 100 columns (a log, a file)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        fd = (stream or sys.stdout).fileno()
        if os.isatty(fd):
            return os.get_terminal_size(fd).columns or FALLBACK_WIDTH
    except (AttributeError, ValueError, OSError):
        pass
    return FALLBACK_WIDTH


def use_color(mode: str = "auto", stream: IO[str] | None = None) -> bool:
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return os.isatty((stream or sys.stdout).fileno())
    except (AttributeError, ValueError, OSError):
        return False


# SGR codes: bold red for 不通过, yellow for 警告, green for 通过, dim for 不适用 and notes
_SGR = {"fail": "1;31", "warn": "33", "pass": "32", "skip": "2", "dim": "2", "bold": "1", "head": "1;4"}


class Painter:
    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, style: str) -> str:
        if not self.on or not text or style not in _SGR:
            return text
        return f"\x1b[{_SGR[style]}m{text}\x1b[0m"
