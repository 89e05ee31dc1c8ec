"""Every construct of the rule language (docs/rules.md), on sentences from real reports.
Each test writes a small pack and checks what it decides."""

from __future__ import annotations

import textwrap

import pytest

from checker.api import check_text
from checker.evaluate import load_rules

from conftest import RULE_HEAD

REPORT = """\
某某市交通运输局2023年法治政府建设年度报告
2023年，我局深入学习贯彻习近平法治思想，现将有关情况报告如下：
一、2023年法治政府建设情况
（一）强化合法性审查。全年共审查行政规范性文件3件，重大行政决策2件，局机关合同52件。
（二）规范执法行为。全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。实行实地模拟办案、成绩实名公示。
（三）做好行政应诉。全年办理行政诉讼案件7件，行政复议案件9件，未发生复议纠错或行政败诉案件。
二、存在的不足和原因
一是执法力量不足，影响了执法工作的进一步深入。二是由于创新意识不强，普法方式较为传统。
三、2024年工作安排
（一）落实好法制审核制度。
某某市交通运输局
2024年2月18日
"""


def run(tmp_path, body: str, text: str = REPORT, rule_id: str = "t.rule"):
    pack = tmp_path / "t.yaml"
    pack.write_text(textwrap.dedent(body), encoding="utf-8")
    rs = load_rules([pack])
    rep = check_text(text, rs, select=[rule_id])
    return rep.results[0]


def rule(find: str, decide: str, extra: str = "") -> str:
    return RULE_HEAD + f"""{extra}
    find:
{textwrap.indent(textwrap.dedent(find).strip(), " " * 6)}
    decide:
{textwrap.indent(textwrap.dedent(decide).strip(), " " * 6)}
"""


PASS_IF_X = "- {status: pass, when: x}\n- {status: fail}"


def test_term_matches_across_widths_and_segmentation(tmp_path):
    r = run(tmp_path, rule("x: {match: {term: '法治政府建设年度报告'}, in: title}", PASS_IF_X))
    assert r.status == "pass" and r.evidence[0].line == 1
    # full-width in the rule, half-width in the text (and the other way round)
    text = REPORT.replace("（一）强化", "(一)强化")
    assert run(tmp_path, rule("x: {match: {term: '（一）强化'}}", PASS_IF_X), text).status == "pass"


def test_terms_regex_and_lexicon(tmp_path):
    r = run(tmp_path, rule("x: {match: {terms: [行政复议, 行政诉讼]}}", PASS_IF_X))
    assert r.status == "pass" and r.evidence[0].line == 6
    r = run(tmp_path, rule(r"x: {match: {regex: '审查行政规范性文件\d+件'}}", PASS_IF_X))
    assert r.status == "pass" and r.evidence[0].line == 4
    r = run(tmp_path, rule("x: {match: {lexicon: cause-words}, in: {part: shortcomings, only: body}}", PASS_IF_X))
    assert r.status == "pass" and "由于创新意识不强" in r.evidence[0].text


def test_any_and_all_in_one_sentence(tmp_path):
    both = "x: {match: {all: [{term: 行政诉讼}, {term: 行政复议}]}}"
    assert run(tmp_path, rule(both, PASS_IF_X)).status == "pass"
    apart = "x: {match: {all: [{term: 行政诉讼}, {term: 合法性审查}]}}"  # different sentences
    assert run(tmp_path, rule(apart, PASS_IF_X)).status == "fail"
    para = "x: {match: {all: [{term: 合同}, {term: 合法性审查}], unit: paragraph}}"  # same paragraph
    assert run(tmp_path, rule(para, PASS_IF_X)).status == "pass"
    anyof = "x: {match: {any: [{term: 不存在的词}, {term: 行政复议}]}}"
    assert run(tmp_path, rule(anyof, PASS_IF_X)).status == "pass"


def test_not_inside_all(tmp_path):
    m = "x: {match: {all: [{term: 败诉}, {not: {regex: '未(?:发生|出现)'}}]}}"
    assert run(tmp_path, rule(m, PASS_IF_X)).status == "fail"  # "未发生…败诉" is no defeat


def test_not_inside_drops_overlapping_hits(tmp_path):
    m = "x: {match: {term: 公示, not_inside: {term: 成绩实名公示}}}"
    r = run(tmp_path, rule(m, PASS_IF_X))
    assert r.status == "pass" and "行政执法公示制度" in r.evidence[0].text and len(r.evidence) == 1
    only_scores = REPORT.replace("全面落实行政执法公示制度、", "")
    assert run(tmp_path, rule(m, PASS_IF_X), only_scores).status == "fail"


def test_not_in_sentence(tmp_path):
    m = "x: {match: {term: 法制审核, not_in_sentence: {term: 全过程记录}}}"
    r = run(tmp_path, rule(m, PASS_IF_X))
    assert r.status == "pass" and all(e.line == 10 for e in r.evidence)


def test_count_thresholds_and_message_variables(tmp_path):
    find = r"x: {label: 数字, match: {regex: '\d+件'}, in: {part: achievements}}"
    decide = """
    - {status: pass, when: {count: x, min: 6}}
    - {status: warn, when: {count: x, min: 1, max: 5}, message: '只有 {n[x]} 个数字'}
    - {status: fail}
    """
    r = run(tmp_path, rule(find, decide))
    assert r.status == "warn" and r.message == "只有 5 个数字"


def test_found_counts_findings_and_missing_lists_labels(tmp_path):
    find = """
    a: {label: 甲, match: {term: 执法公示}}
    b: {label: 乙, match: {term: 听证}}
    """
    decide = """
    - {status: pass, when: {found: [a, b], min: 2}}
    - {status: warn, when: {found: [a, b], min: 1}, message: '缺少{missing}，已有{present}'}
    - {status: fail}
    """
    r = run(tmp_path, rule(find, decide))
    assert r.status == "warn" and r.message == "缺少乙，已有甲"


def test_year_date_and_kind_conditions(tmp_path):
    decide = """
    - {status: warn, when: {date: {before: '{Y+1}-01-01'}}}
    - {status: pass, when: {all: [{kind: [department]}, {date: {before: '{Y+1}-03-01'}}, {year: {min: 2021}}]}}
    - {status: fail}
    """
    find = "d: {field: date}"
    assert run(tmp_path, rule(find, decide)).status == "pass"
    late = REPORT.replace("2024年2月18日", "2024年3月18日")
    assert run(tmp_path, rule(find, decide), late).status == "fail"
    early = REPORT.replace("2024年2月18日", "2023年12月18日")
    assert run(tmp_path, rule(find, decide), early).status == "warn"


def test_applies_gives_skip(tmp_path):
    extra = "    applies: {date: {known: true}}\n    skip_message: 没有日期"
    body = rule("d: {field: date}", "- {status: pass}", extra)
    assert run(tmp_path, body).status == "pass"
    r = run(tmp_path, body, REPORT.replace("2024年2月18日\n", ""))
    assert r.status == "skip" and r.message == "没有日期"


def test_field_finding_with_source(tmp_path):
    r = run(tmp_path, rule("x: {field: issuer, source: [signature, metadata]}", PASS_IF_X))
    assert r.status == "pass" and r.evidence[0].line == 11
    assert run(tmp_path, rule("x: {field: issuer, source: [metadata]}", PASS_IF_X)).status == "fail"


def test_year_templates(tmp_path):
    r = run(tmp_path, rule("x: {match: {regex: '^{Y+1}年'}, in: headings}", PASS_IF_X))
    assert r.status == "fail"  # the heading is 三、2024年…: ^ is the start of the piece, after 三、
    r = run(tmp_path, rule("x: {match: {term: '{Y+1}年工作安排'}, in: headings}", PASS_IF_X))
    assert r.status == "pass" and r.evidence[0].line == 9


def test_parts_by_heading_and_scopes(tmp_path):
    only_heading = "x: {match: {term: 原因}, in: {part: shortcomings, only: heading}}"
    assert run(tmp_path, rule(only_heading, PASS_IF_X)).status == "pass"
    only_body = "x: {match: {term: 原因}, in: {part: shortcomings, only: body}}"
    assert run(tmp_path, rule(only_body, PASS_IF_X)).status == "fail"
    part = "x: {part: plan}"
    r = run(tmp_path, rule(part, PASS_IF_X))
    assert r.status == "pass" and r.evidence[0].text == "三、2024年工作安排"


def test_except_and_tail(tmp_path):
    not_in_plan = "x: {match: {term: 法制审核}, in: {region: body, except: plan}}"
    r = run(tmp_path, rule(not_in_plan, PASS_IF_X))
    assert r.status == "pass" and {e.line for e in r.evidence} == {5}
    tail = "x: {match: {term: 法制审核}, in: {tail: 1}}"
    r = run(tmp_path, rule(tail, PASS_IF_X))
    assert {e.line for e in r.evidence} == {10}


def test_part_fallbacks(tmp_path):
    text = REPORT.replace("三、2024年工作安排\n（一）落实好法制审核制度。", "2024年，我局将落实好法制审核制度。")
    r = run(tmp_path, rule("x: {part: plan, via: fallback}", PASS_IF_X), text)
    assert r.status == "pass" and r.evidence[0].text.startswith("2024年，我局将")
    no_heads = text.replace("一、2023年法治政府建设情况", "一、深化改革")
    r = run(tmp_path, rule("x: {match: {term: 合同}, in: {part: achievements}}", PASS_IF_X), no_heads)
    assert r.status == "pass"  # achievements by fallback: from the first heading to the next part


def test_raw_matches_the_text_as_written(tmp_path):
    m = "x: {match: {regex: ','}, raw: true}"
    assert run(tmp_path, rule(m, PASS_IF_X)).status == "fail"  # the text has only full-width commas
    folded = "x: {match: {regex: ','}}"
    assert run(tmp_path, rule(folded, PASS_IF_X)).status == "pass"


def test_planned_hits_are_marked(tmp_path):
    m = "x: {match: {term: 法制审核}, planned: true}"
    r = run(tmp_path, rule(m, PASS_IF_X))
    notes = {e.line: e.note for e in r.evidence}
    assert notes[5] is None and "计划" in notes[10]


def test_fail_says_where_it_looked(tmp_path):
    r = run(tmp_path, rule("x: {label: 听证记录, match: {term: 听证}, in: opening}", PASS_IF_X))
    assert r.status == "fail" and r.evidence[0].text == "未找到听证记录" and r.evidence[0].section == "开头段"
    assert r.evidence[0].line == 2


@pytest.mark.parametrize("text,expect", [
    ("坚持问题导向，优化营商环境。", "fail"),  # in the achievements: not a shortcomings part
])
def test_problem_orientation_is_not_a_shortcomings_part(rules, text, expect):
    report = REPORT.replace("二、存在的不足和原因\n一是执法力量不足，影响了执法工作的进一步深入。二是由于创新意识不强，普法方式较为传统。\n",
                            "")
    report = report.replace("（三）做好行政应诉。", "（三）" + text)
    rep = check_text(report, rules, select=["core.shortcomings"])
    assert rep.results[0].status == expect


def test_place_says_where_a_missing_part_belongs(seed_reports):
    """`place`: a warn or fail carries the place what it asks for belongs, for a Word comment or
    the web page to point to when there is nothing to quote."""
    from conftest import result

    r = result(seed_reports["002"], "core.shortcomings")
    assert r.status == "fail" and (r.anchor.position, r.anchor.line, r.anchor.section) == ("after", 63, "主要举措和成效部分")
    r = result(seed_reports["003"], "format.signature")  # no 落款: after the last line of the 正文
    assert r.status == "fail" and (r.anchor.position, r.anchor.line, r.anchor.section) == ("after", 49, "正文")
    assert result(seed_reports["003"], "core.shortcomings").anchor is None  # a pass needs no place
    assert r.as_dict()["anchor"] == {"position": "after", "line": 49, "section": "正文"}


def test_place_names_only_parts_and_regions(tmp_path):
    from checker.errors import RuleError

    from conftest import RULE_HEAD

    pack = tmp_path / "p.yaml"
    pack.write_text(RULE_HEAD + "    place: {after: [nowhere]}\n    decide: [{status: pass}]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="place.after：没有名为“nowhere”的部分或区域"):
        load_rules([pack])
