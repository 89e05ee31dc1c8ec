"""Distributing leading groups (checker/evaluate/regexopt.py) must not change a single match."""

from __future__ import annotations

import random
import re

import pytest

from checker.evaluate import load_rules
from checker.evaluate.regexopt import distribute, split_alternatives, trie
from checker.pipeline import load_path

from conftest import SEEDS


@pytest.mark.parametrize("pattern,expected", [
    ("(?:审查|审核)[^。]{0,12}合同", "审查[^。]{0,12}合同|审核[^。]{0,12}合同"),
    ("法律顾问|(?:聘请|外聘)律师", "法律顾问|聘请律师|外聘律师"),
    ("(?:(?:民事|刑事)诉讼)", "民事诉讼|刑事诉讼"),
    ("(?:一|二)(?:是|要)", "一(?:是|要)|二(?:是|要)"),
    # left alone: an optional group, a group with an empty alternative, names and back-references
    ("(?:上一)?年度", "(?:上一)?年度"),
    ("(?:|主要)问题", "(?:|主要)问题"),
    ("(?P<x>甲|乙)(?P=x)", "(?P<x>甲|乙)(?P=x)"),
    ("(?:甲|乙)\\1", "(?:甲|乙)\\1"),
    # brackets and escapes inside classes do not confuse the split
    ("(?:[|(]|\\))x", "[|(]x|\\)x"),
])
def test_distribute(pattern, expected):
    assert distribute(pattern) == expected


def test_split_respects_classes_and_groups():
    assert split_alternatives("a[|]b|(c|d)|e") == ["a[|]b", "(c|d)", "e"]


def _bundled_patterns():
    rs = load_rules()
    out = []
    for name, lex in rs.lexicons.items():
        out.append((name, tuple(lex.get("terms", ())), tuple(lex.get("patterns", ()))))

    def walk(m):
        if isinstance(m, dict):
            if "regex" in m:
                out.append(("regex", (), (m["regex"],)))
            for v in m.values():
                walk(v)
        elif isinstance(m, list):
            for v in m:
                walk(v)

    walk([r.get("find") for r in rs.rules])
    walk(list(rs.parts.values()))
    return out


def _texts():
    texts = [load_path(str(p)).folded for p in SEEDS.values()]
    rng = random.Random(7)
    sentences = [s for t in texts for s in re.split("(?<=。)", t) if s]
    for _ in range(5):  # shuffled reports: sentences meet neighbours they never met
        rng.shuffle(sentences)
        texts.append("".join(sentences))
    return texts


def test_trie_is_the_longest_first_alternation():
    words = ["政务公开", "政务信息", "政府公报", "政务", "普法", "释法", "AB", "ABCD", "ABC", "a.b"]
    assert trie(words[:6]) == "政(?:务(?:信息|公开)?|府公报)|普法|释法"
    fast, plain = re.compile(trie(words)), re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    text = "政务公开政务信息化政务政府公报ABCDABCXABXa.bacb普法释法"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_every_bundled_pattern_matches_exactly_the_same_text():
    """The compiled lexicon (trie of terms + distributed patterns) against the plain alternation
    of terms longest first and patterns, on the reports and on shuffled copies of them."""
    from checker.evaluate.engine import _compile, _year_sub

    texts = _texts()
    checked = changed = 0
    for name, terms, patterns in _bundled_patterns():
        for year in (2020, 2023, None):
            alts = [_year_sub(t, year, True) for t in sorted(terms, key=len, reverse=True)]
            alts += [f"(?:{_year_sub(p, year, False)})" for p in patterns]
            plain = "|".join(alts)
            a, b = re.compile(plain, re.M), _compile(terms, patterns, year)
            changed += b.pattern != plain
            for t in texts:
                assert [m.span() for m in a.finditer(t)] == [m.span() for m in b.finditer(t)], name
            checked += 1
    assert checked > 100 and changed > 20
