"""Realistic edits of the real reports: what a clerk's draft or another office's wording does
to the verdicts."""

from __future__ import annotations

import pytest

from conftest import SEEDS


def text(seed: str) -> str:
    return SEEDS[seed].read_text("utf-8")


def test_removing_the_shortcomings_part(check):
    t = text("003")
    start = t.index("二、上一年度推进法治政府建设存在的不足和原因")
    end = t.index("三、上一年度党政主要负责人")
    t = t[:start] + t[end:]
    assert check(t, "core.shortcomings").status == "fail"
    assert check(t, "core.shortcoming-causes").status == "fail"
    assert check(t, "core.leader-duties").status == "pass"


def test_removing_the_leader_part_leaves_no_report_of_it(check):
    t = text("003")
    start = t.index("三、上一年度党政主要负责人")
    end = t.index("四、下一年度推进法治政府建设的主要安排")
    r = check(t[:start] + t[end:], "core.leader-duties")
    assert r.status == "fail"


def test_adding_a_cause_turns_warn_into_pass(check):
    t = text("000").replace("影响了执法工作的进一步深入、有效开展", "主要原因是执法人员编制少、培训不足")
    r = check(t, "core.shortcoming-causes")
    assert r.status == "pass" and "主要原因是执法人员编制少" in r.evidence[0].text


def test_removing_the_title_line(check):
    t = text("000").split("\n", 1)[1]
    rep = check(t)
    statuses = {r.id: r.status for r in rep.results}
    assert statuses["format.title"] == "fail" and rep.document_dict()["year"] == 2024
    assert statuses["format.timeliness"] == "warn"


def test_removing_the_metadata_of_a_web_page(check):
    t = "\n".join(text("001").split("\n")[5:])
    statuses = {r.id: r.status for r in check(t).results}
    assert statuses["format.signature"] == "fail" and statuses["format.timeliness"] == "skip"
    assert statuses["core.leader-duties"] == "pass"


def test_late_date(check):
    t = text("002").replace("2021年1月20日", "2021年5月20日")
    assert check(t, "format.timeliness").status == "fail"


def test_wrong_year_in_a_heading(check):
    t = text("004").replace("一、2021年法治政府建设情况", "一、2020年法治政府建设情况")
    assert check(t, "consistency.year").status == "fail"


def test_part_headings_written_as_di_x_bufen(check):
    t = (text("003").replace("一、上一年度推进法治政府建设的主要举措和成效", "第一部分 主要举措和成效")
         .replace("二、上一年度推进法治政府建设存在的不足和原因", "第二部分 存在的不足和原因"))
    rep = check(t)
    statuses = {r.id: r.status for r in rep.results}
    assert statuses["core.achievements"] == "pass" and statuses["core.shortcomings"] == "pass"
    assert statuses["core.shortcoming-causes"] == "pass"


@pytest.mark.parametrize("heading", ["二、工作中需要改进的地方", "二、问题与不足", "二、存在的困难和问题", "二、工作中存在的短板"])
def test_other_wordings_of_the_shortcomings_heading(check, heading):
    t = text("003").replace("二、上一年度推进法治政府建设存在的不足和原因", heading)
    assert check(t, "core.shortcomings").status == "pass"


@pytest.mark.parametrize("heading", ["四、下步打算", "四、2025年工作打算", "四、工作计划", "四、今后工作思路"])
def test_other_wordings_of_the_plan_heading(check, heading):
    t = text("003").replace("四、下一年度推进法治政府建设的主要安排", heading)
    assert check(t, "core.next-year-plan").status == "pass"


def test_a_2022_copy_citing_the_old_outline_fails(check):
    t = (text("002").replace("交通运输局 2020 年 法治", "交通运输局 2022 年 法治").replace("2020 年，我局按照", "2022 年，我局按照")
         .replace("2021年", "2023年"))
    r = check(t, "consistency.outdated-outline")
    assert r.status == "fail" and r.evidence[0].line == 9


def test_a_report_on_2021_citing_the_twentieth_congress(check):
    t = text("004") + "\n湛江市某局\n2022年1月20日\n"
    t = t.replace("深入贯彻落实习近平法治思想和“七一”重要讲话精神", "深入贯彻落实党的二十大精神")
    r = check(t, "consistency.anachronism")
    assert r.status == "fail" and "二十大" in r.evidence[0].text


def test_gbk_markdown_copy(tmp_path, rules):
    from checker.api import check_path

    p = tmp_path / "report.md"
    p.write_bytes(text("002").encode("gbk"))
    a = {r.id: r.status for r in check_path(str(p), rules).results}
    b = {r.id: r.status for r in check_path(str(SEEDS["002"]), rules).results}
    assert a == b


def test_damaged_reports_never_crash(rules):
    """Shuffled, truncated and thinned copies of the real reports: always a result, never a crash."""
    import random

    from checker.api import check_text
    from checker.errors import InputError

    rnd = random.Random(7)
    for seed in SEEDS:
        t = text(seed)
        lines = t.split("\n")
        variants = [t.replace("\n", " "), t[: len(t) // 3], "".join(c for c in t if rnd.random() > 0.05)]
        rnd.shuffle(lines)
        variants.append("\n".join(lines))
        for v in variants:
            try:
                rep = check_text(v, rules)
            except InputError:
                continue
            assert len(rep.results) == len(rules.rules)


def test_combined_problems_and_plan_heading_counts_for_both(check):
    t = text("000").replace("二、存在的不足和原因", "二、存在的不足和原因及下一步工作计划").replace("三、下一步工作计划\n", "")
    statuses = {r.id: r.status for r in check(t).results}
    assert statuses["core.shortcomings"] == "pass" and statuses["core.next-year-plan"] == "pass"
    assert statuses["core.order"] == "pass"


def test_three_systems_named_only_in_general_warns(check):
    t = ("某局2023年法治政府建设年度报告\n一、2023年法治政府建设主要情况\n（一）规范执法。严格落实行政执法三项制度，执法行为进一步规范。\n"
         "二、存在的不足和原因\n由于人员少，培训不够。")
    r = check(t, "content.three-systems")
    assert r.status == "warn" and "笼统" in r.message and "三项制度" in r.evidence[0].text
