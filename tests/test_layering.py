"""Rule packs layered national → provincial → office: a pack changes an earlier pack's rule by
id (`overrides`), adds terms and events to earlier lexicons and event lists (`additions`), and
adds rules of its own. The example packs of docs/rules.md are the ones tested."""

from __future__ import annotations

import pytest

from checker.api import check_path, check_text
from checker.errors import RuleError
from checker.evaluate import load_rules

from conftest import ROOT, SEEDS, cli, result

PROVINCE = ROOT / "docs" / "examples" / "packs" / "province.yaml"
OFFICE = ROOT / "docs" / "examples" / "packs" / "office.yaml"


@pytest.fixture(scope="module")
def layered():
    return load_rules([PROVINCE, OFFICE])


def test_a_provincial_pack_changes_the_deadline_of_a_bundled_rule(rules, layered):
    # 001: a department's report for 2023 dated 2024-02-18: in time by the national 1 March, late
    # by the example province's 31 January
    national = result(check_path(str(SEEDS["001"]), rules), "format.timeliness")
    provincial = result(check_path(str(SEEDS["001"]), layered), "format.timeliness")
    assert national.status == "pass" and "2024年3月1日之前（部门报送时限）" in national.message
    assert provincial.status == "fail" and "晚于本省报送时限（部门2024年1月31日前" in provincial.message
    assert provincial.basis.endswith("示例省工作指引（部门1月31日前、政府2月底前报送）")
    # what the override does not name is kept: title, severity, find, applies
    assert (provincial.title, provincial.severity) == (national.title, national.severity) == ("报送时限", "warning")
    # 002 (2020, dated 2021-01-20) is in time by both, each with its own words
    assert result(check_path(str(SEEDS["002"]), layered), "format.timeliness").message == \
        "成文日期 2021-01-20，在2021年2月1日之前（本省部门报送时限）"


def test_an_override_keeps_the_rule_in_its_place_and_says_who_changed_it(rules, layered):
    ids = [r["id"] for r in layered.rules]
    assert ids[: len(rules.rules)] == [r["id"] for r in rules.rules]  # bundled order unchanged
    assert ids[len(rules.rules):] == ["province.business-environment"]  # added items come after
    assert [p.rsplit("/", 1)[-1] for p in layered.overridden["format.timeliness"]] == ["province.yaml"]
    assert [p.rsplit("/", 1)[-1] for p in layered.overridden["province.business-environment"]] == ["office.yaml"]
    assert layered.version.endswith("+example-province@1+example-office@1")
    assert layered.digest != rules.digest


def test_the_office_pack_layers_over_the_provincial_one(layered):
    rep = check_path(str(SEEDS["000"]), layered)
    added = result(rep, "province.business-environment")
    assert added.status == "warn" and added.severity == "error"  # the office made the province's should a must
    assert result(rep, "format.punctuation").severity == "info"  # and a bundled rule only advice
    assert result(check_path(str(SEEDS["003"]), layered), "province.business-environment").status == "pass"


def test_additions_extend_bundled_lexicons_and_events(rules, layered):
    assert "症结在于" in layered.lexicons["cause-words"]["terms"]
    assert set(rules.lexicons["cause-words"]["terms"]) < set(layered.lexicons["cause-words"]["terms"])
    text = SEEDS["002"].read_text("utf-8").replace(
        "坚决贯彻落实《法治政府建设实施纲要》", "坚决贯彻落实《示例省优化营商环境条例》《法治政府建设实施纲要》", 1)
    assert "示例省优化营商环境条例" in text
    # 002 is dated 2021-01-20: the provincial regulation of 2023 cannot have been implemented yet
    assert result(check_text(text, rules), "consistency.anachronism").status == "pass"
    late = result(check_text(text, layered), "consistency.anachronism")
    assert late.status == "fail" and any("示例省优化营商环境条例" in e.text for e in late.evidence)


def _pack(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(body, "utf-8")
    return p


@pytest.mark.parametrize("body,words", [
    ("pack: x\noverrides:\n  format.timelines: {severity: error}\n",
     "规则 format.timelines 的字段 overrides：在它之前载入的规则包里没有规则“format.timelines”"),
    ("pack: x\noverrides:\n  format.timeliness: {severity: loud}\n",
     "字段 overrides.format.timeliness.severity：'loud' 不是可选值之一"),
    ("pack: x\noverrides:\n  format.timeliness: {id: format.other}\n",
     "不认识的字段：id"),
    ("pack: x\noverrides:\n  format.timeliness: {decide: [{status: pass, when: nosuch}]}\n",
     "规则 format.timeliness 的字段 decide[0].when：没有名为“nosuch”的发现"),
    ("pack: x\nadditions:\n  lexicons:\n    no-such-words: {terms: [甲]}\n",
     "字段 additions.lexicons.no-such-words：在它之前载入的规则包里没有词表“no-such-words”"),
    ("pack: x\nadditions:\n  lexicons:\n    cause-words: {patterns: ['(']}\n",
     "字段 additions.lexicons.cause-words.patterns[0]：正则表达式有误"),
    ("pack: x\nrules:\n  - {id: format.title, title: x, severity: error, basis: x, decide: [{status: pass}]}\n",
     "规则编号重复（"),
])
def test_bad_layering_is_one_line_naming_the_file(capsys, tmp_path, body, words):
    pack = _pack(tmp_path, "bad.yaml", body)
    with pytest.raises(RuleError) as exc:
        load_rules([pack])
    assert str(exc.value).startswith(str(pack)) and words in str(exc.value), str(exc.value)
    code, out, err = cli(capsys, "check", SEEDS["000"], "--rules", pack)
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err


def test_a_duplicate_id_says_to_use_overrides(tmp_path):
    pack = _pack(tmp_path, "dup.yaml", "pack: x\nrules:\n  - {id: format.title, title: x, severity: error, basis: x, decide: [{status: pass}]}\n")
    with pytest.raises(RuleError, match="put it under `overrides:` instead"):
        load_rules([pack])


def test_layers_apply_in_load_order(tmp_path):
    # the office pack changes a rule the provincial pack adds: loaded first, there is none yet
    with pytest.raises(RuleError, match="在它之前载入的规则包里没有规则“province.business-environment”"):
        load_rules([OFFICE, PROVINCE])


def test_a_finding_is_overridden_by_name_the_others_stay(rules, tmp_path):
    pack = _pack(tmp_path, "p.yaml", """\
pack: p
overrides:
  format.title:
    find:
      issuer: {label: 标题中的发文机关, in: title, match: {regex: '报告'}}
""")
    rs = load_rules([pack])
    old = next(r for r in rules.rules if r["id"] == "format.title")
    new = next(r for r in rs.rules if r["id"] == "format.title")
    assert set(new["find"]) == set(old["find"]) and new["find"]["named"] == old["find"]["named"]
    assert new["find"]["issuer"]["match"] == {"regex": "报告"} and new["decide"] == old["decide"]
    # 003's title names no issuer: a warn by the bundled rule, a pass once "报告" counts as one
    assert result(check_path(str(SEEDS["003"]), rules), "format.title").status == "warn"
    assert result(check_path(str(SEEDS["003"]), rs), "format.title").status == "pass"
