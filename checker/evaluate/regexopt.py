"""Rewrite rule patterns so that Python's `re` can skip ahead to where a match may start.

`re` looks for a match at every position of the text unless it knows the characters a match can
start with: a literal prefix, or a set of first characters. It knows the set only when every
alternative of the pattern starts with a literal. Rule authors write patterns such as

    (?:审查|审核|把关)[^。]{0,12}(?:规范性文件|合同)

whose first item is a group, so the whole lexicon (terms|pattern|pattern…) is tried at every
character of the report: five to ten times slower than it needs to be. `distribute` moves a
leading group's alternatives to the top level:

    审查[^。]{0,12}(?:规范性文件|合同)|审核[^。]{0,12}(?:规范性文件|合同)|把关[^。]{0,12}(?:规范性文件|合同)

This matches exactly the same text: `(?:A|B)R` tries A then R, then B then R, which is the order
`AR|BR` tries them in. Patterns with group names or back-references, and groups followed by a
quantifier, are left as they are.
"""

from __future__ import annotations

import re
from typing import Any

MAX_ALTERNATIVES = 64  # per pattern; beyond that the pattern is left as written
_UNSAFE = re.compile(r"\(\?P|\(\?<[a-zA-Z_]|\\[1-9]|\(\?\(|\(\?[aiLmsux-]")
_QUANTIFIER = ("?", "*", "+", "{")


class _Unreadable(Exception):
    pass


def _structure(p: str, start: int = 0):
    """(index, character, depth before it) for each '(', ')' and '|' outside escapes and
    character classes, from p[start]. Raises _Unreadable on an unterminated class."""
    depth, j, n = 0, start, len(p)
    while j < n:
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(p, j)
            if j < 0:
                raise _Unreadable
            continue
        if c in "()|":
            yield j, c, depth
            depth += (c == "(") - (c == ")")
        j += 1


def _close(p: str, i: int) -> int:
    """Index of the parenthesis closing the one at p[i] (-1 if unbalanced)."""
    try:
        return next((j for j, c, depth in _structure(p, i) if c == ")" and depth == 1), -1)
    except _Unreadable:
        return -1


def _class_end(p: str, i: int) -> int:
    """Index just past the character class starting at p[i] (-1 if unterminated)."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":  # a ']' first in a class is literal
        j += 1
    while j < len(p):
        if p[j] == "\\":
            j += 2
            continue
        if p[j] == "]":
            return j + 1
        j += 1
    return -1


def split_alternatives(p: str) -> list[str] | None:
    """The top-level alternatives of a pattern (None if it cannot be read safely)."""
    out, start, depth = [], 0, 0
    try:
        for j, c, before in _structure(p):
            if c == "|" and before == 0:
                out.append(p[start:j])
                start = j + 1
            depth = before + (c == "(") - (c == ")")
    except _Unreadable:
        return None
    if depth != 0:
        return None
    out.append(p[start:])
    return out


def _expand(alt: str, budget: int) -> list[str]:
    """One alternative → alternatives that each start with what follows a leading group."""
    if not alt.startswith("(?:"):
        return [alt]
    end = _close(alt, 0)
    if end < 0:
        return [alt]
    rest = alt[end + 1:]
    if rest.startswith(_QUANTIFIER):
        return [alt]
    inner = split_alternatives(alt[3:end])
    if inner is None or "" in inner:
        return [alt]
    out: list[str] = []
    for x in inner:
        out.extend(_expand(x + rest, budget))
        if len(out) > budget:
            return [alt]
    return out


def distribute(pattern: str) -> str:
    """The same pattern with leading groups distributed over the top-level alternation."""
    if _UNSAFE.search(pattern):
        return pattern
    alts = split_alternatives(pattern)
    if alts is None:
        return pattern
    out: list[str] = []
    for a in alts:
        out.extend(_expand(a, MAX_ALTERNATIVES))
    if len(out) > MAX_ALTERNATIVES * 4:
        return pattern
    return "|".join(out)


def trie(words: list[str]) -> str:
    """An alternation of literal words as a character trie, without an enclosing group:
    ["政务公开", "政务信息", "政府公报"] → "政(?:务(?:公开|信息)|府公报)".

    At each position it matches what the words sorted longest first would: the path through the
    trie is fixed by the text, and a greedy `?` tries a longer word before a shorter one that ends
    on the way. `re` then tests one character per step instead of every word that shares it."""
    root: dict[str, Any] = {}
    for w in words:
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(root: dict[str, Any]) -> str:
    return "|".join(re.escape(ch) + _suffix(root[ch]) for ch in sorted(k for k in root if k))


def _suffix(node: dict[str, Any]) -> str:
    keys = sorted(k for k in node if k)
    if not keys:
        return ""
    parts = [re.escape(k) + _suffix(node[k]) for k in keys]
    if len(parts) == 1 and "" not in node:
        return parts[0]
    group = "(?:" + "|".join(parts) + ")"
    return group + "?" if "" in node else group  # a word ends here: the longer ones first
