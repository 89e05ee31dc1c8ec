"""An invalid rule file stops the run with a message naming the file, the rule and the field."""

from __future__ import annotations

import pytest

from checker.errors import RuleError
from checker.evaluate import load_rules

from conftest import RULE_HEAD

GOOD = RULE_HEAD + """\
    find:
      x: {match: {term: 报告}}
    decide:
      - {status: pass, when: x}
      - {status: fail}
"""


def load(tmp_path, text):
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    return load_rules([p]), str(p)


def error(tmp_path, text) -> str:
    with pytest.raises(RuleError) as exc:
        load(tmp_path, text)
    return str(exc.value)


def test_good_pack_loads(tmp_path):
    rs, _ = load(tmp_path, GOOD)
    assert "t.rule" in [r["id"] for r in rs.rules]


@pytest.mark.parametrize("old,new,field,words", [
    ("severity: warning", "severity: serious", "severity", "'serious' 不是可选值之一"),
    ("{status: fail}", "{status: failed}", "decide[1].status", "'failed' 不是可选值之一"),
    ("x: {match: {term: 报告}}", "x: {match: {lexicon: nope}}", "find.x.match.lexicon", "没有名为“nope”的词表"),
    ("x: {match: {term: 报告}}", "x: {match: {regex: '(报告'}}", "find.x.match.regex", "正则表达式有误"),
    ("when: x}", "when: y}", "decide[0].when", "没有名为“y”的发现"),
    ("x: {match: {term: 报告}}", "x: {match: {term: 报告}, in: {part: nope}}", "find.x.in.part", "没有名为“nope”的部分"),
    ("    basis: 测试\n", "", "(top level)", "缺少必填项：basis"),
])
def test_error_names_file_rule_and_field(tmp_path, old, new, field, words):
    msg = error(tmp_path, GOOD.replace(old, new))
    assert msg.startswith(str(tmp_path / "bad.yaml"))
    where = "规则 t.rule 的字段 " if field != "(top level)" else "字段 "
    assert f"{where}{field}：" in msg and words in msg
    assert "\n" not in msg


def test_yaml_syntax_error_names_the_line(tmp_path):
    msg = error(tmp_path, GOOD.replace("x: {match: {term: 报告}}", "x: {match: {term: 报告}"))
    assert "不是有效的 YAML（第" in msg and "bad.yaml" in msg


def test_duplicate_rule_id(tmp_path):
    msg = error(tmp_path, GOOD.replace("t.rule", "core.shortcomings"))
    assert "规则编号重复" in msg and "core.shortcomings" in msg


def test_pack_with_a_bundled_name_replaces_it(tmp_path):
    rs, _ = load(tmp_path, GOOD.replace("pack: t", "pack: content"))
    ids = [r["id"] for r in rs.rules]
    assert "t.rule" in ids and "content.three-systems" not in ids


def test_bundled_packs_are_valid_and_every_rule_documents_itself():
    rs = load_rules()
    for r in rs.rules:
        assert r["title"] and r["basis"] and r["severity"] in ("error", "warning", "info")
        assert r.get("examples", {}).get("pass") and r.get("examples", {}).get("fail"), r["id"]
        for d in r["decide"]:
            if d["status"] in ("warn", "fail"):
                assert d.get("hint") or r.get("hint"), (r["id"], d)


# ---------------------------------------------------------------- the manifest of validated packs

def test_manifest_lists_the_bundled_packs_as_they_are():
    """Run `make docs` after editing rules/: it validates the packs and rewrites the manifest."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("pack_manifest", root / "tools" / "pack_manifest.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    on_disk = (root / "rules" / "schema" / "validated-packs.sha256").read_text(encoding="utf-8")
    assert on_disk == tool.expected(), "rules/ changed: run `make docs`"


def test_bundled_packs_in_the_manifest_skip_the_schema(monkeypatch):
    from checker.evaluate import loader

    calls = []
    monkeypatch.setattr(loader, "_validate_schema", lambda data, file: calls.append(file))
    rs = load_rules()
    assert calls == [] and all(p.trusted for p in rs.packs)
    load_rules(trust=False)
    assert len(calls) == len(rs.packs)


def _edited_bundled_pack(tmp_path, old: str, new: str):
    """A copy of 20-format.yaml with one edit, as a user would make it."""
    from checker.evaluate.loader import bundled_pack_paths

    src = next(p for p in bundled_pack_paths() if p.name == "20-format.yaml")
    text = src.read_text(encoding="utf-8")
    assert old in text
    copy = tmp_path / "20-format.yaml"
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize("old,new,words", [
    # a pack whose bytes differ from the manifest gets the schema check ...
    ("severity: warning", "severity: serious", "'serious' 不是可选值之一"),
    # ... and its regexes are compiled
    ("[,;:()](?:", "[,;:()(?:", "format.punctuation"),
])
def test_an_edited_copy_of_a_bundled_pack_is_validated(tmp_path, old, new, words):
    with pytest.raises(RuleError) as exc:
        load_rules([_edited_bundled_pack(tmp_path, old, new)])
    assert "20-format.yaml" in str(exc.value) and words in str(exc.value)


def test_rule_pack_version_and_digest(tmp_path):
    """The packs' declared versions name what ran; the digest changes with any edit, even one
    that forgets to bump the version."""
    rs = load_rules()
    assert rs.version.startswith("lexicons@1+") and "core@1" in rs.version
    assert len(rs.digest) == 12 and rs.digest == load_rules().digest
    edited, _ = load(tmp_path, GOOD)
    again, _ = load(tmp_path, GOOD.replace("title: 测试", "title: 测试二"))
    assert edited.version == again.version and edited.digest != again.digest
