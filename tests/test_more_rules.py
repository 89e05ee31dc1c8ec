"""Pass and fail cases for core.order, format.confidential, format.heading-numbering and the
consistency rules, on real report sentences."""

from __future__ import annotations

import pytest

from conftest import SEEDS

HEAD = "某某区司法局2024年法治政府建设年度报告\n"
BODY = """2024年，我局坚持以习近平法治思想为指导，现将有关情况报告如下：
一、2024年推进法治政府建设的主要举措和成效
（一）深入学习贯彻党的二十大和二十届三中全会精神。局党组理论学习中心组集体学法6次。
（二）规范行政执法。全年办理行政复议案件12件。
二、存在的不足和原因
由于人员流动较大，执法文书质量不高。
三、党政主要负责人履行推进法治建设第一责任人职责情况
局主要负责人认真履行第一责任人职责，年终述法。
四、2025年工作安排
（一）持续深化“八五”普法。
五、其他需要报告的情况
无。
某某区司法局
2025年1月20日
"""
REPORT = HEAD + BODY


def test_order_pass_and_fail(check):
    assert check(REPORT, "core.order").status == "pass"
    swapped = REPORT.replace("二、存在的不足和原因\n由于人员流动较大，执法文书质量不高。\n", "").replace(
        "五、其他需要报告的情况\n无。\n", "五、其他需要报告的情况\n无。\n六、存在的不足和原因\n由于人员流动较大，执法文书质量不高。\n")
    r = check(swapped, "core.order")
    assert r.status == "warn"
    assert any("其他需要报告的情况部分排在存在的不足和原因部分之前" in e.text for e in r.evidence)


def test_leader_part_first_is_fine(check):
    text = REPORT.replace("三、党政主要负责人履行推进法治建设第一责任人职责情况\n局主要负责人认真履行第一责任人职责，年终述法。\n", "")
    text = text.replace("一、2024年推进法治政府建设的主要举措和成效\n",
                        "一、党政主要负责人履行推进法治建设第一责任人职责情况\n局主要负责人认真履行第一责任人职责。\n"
                        "二、2024年推进法治政府建设的主要举措和成效\n")
    assert check(text, "core.order").status == "pass"


@pytest.mark.parametrize("marking", ["秘密★1年", "机密★5年", "内部资料 注意保存", "绝密"])
def test_confidential_markings_fail(check, marking):
    r = check(marking + "\n" + REPORT, "format.confidential")
    assert r.status == "fail" and r.evidence[0].line == 1


def test_confidential_words_in_running_text_pass(check):
    text = REPORT.replace("年终述法。", "年终述法，严格保守国家秘密。")
    assert check(text, "format.confidential").status == "pass"


def test_heading_numbering(check):
    assert check(REPORT, "format.heading-numbering").status == "pass"
    gap = REPORT.replace("四、2025年工作安排", "五、2025年工作安排").replace("五、其他需要报告的情况", "六、其他需要报告的情况")
    r = check(gap, "format.heading-numbering")
    assert r.status == "warn" and "五、2025年工作安排（编号应为第4项）" in r.evidence[0].text
    repeat = REPORT.replace("（二）规范行政执法。", "（一）规范行政执法。")
    r = check(repeat, "format.heading-numbering")
    assert r.status == "warn" and "重复" in r.evidence[0].text and r.evidence[0].line == 5


def test_year_consistency(check):
    assert check(REPORT, "consistency.year").status == "pass"
    r = check(REPORT.replace("一、2024年推进", "一、2023年推进"), "consistency.year")
    assert r.status == "fail" and r.evidence[0].line == 3
    r = check(REPORT.replace("四、2025年工作安排", "四、2024年工作安排"), "consistency.year")
    assert r.status == "fail" and r.evidence[0].text.startswith("四、2024年工作安排")
    r = check(REPORT.replace("2024年，我局坚持", "2023年，我局坚持"), "consistency.year")
    assert r.status == "fail" and r.evidence[0].line == 2


def test_year_consistency_on_seed_without_title(seed_reports):
    from conftest import result

    r = result(seed_reports["001"], "consistency.year")
    assert r.status == "pass" and "2023年；安排为2024年" in r.message


def test_anachronism(check):
    assert check(REPORT, "consistency.anachronism").status == "pass"
    early = (REPORT.replace("某某区司法局2024年", "某某区司法局2021年").replace("2024年，我局", "2021年，我局")
             .replace("一、2024年推进", "一、2021年推进").replace("四、2025年", "四、2022年").replace("2025年1月20日", "2022年1月20日"))
    r = check(early, "consistency.anachronism")
    assert r.status == "fail"
    notes = " ".join(e.note or "" for e in r.evidence)
    assert "党的二十大（2022-10-16）晚于成文日期2022-01-20" in notes and "二十届三中全会" in notes


def test_anachronism_forward_looking_is_fine(check):
    text = (REPORT.replace("二十大和二十届三中全会精神", "习近平法治思想，以优异成绩迎接党的二十大胜利召开")
            .replace("2025年1月20日", "2022年1月20日").replace("2024年", "2021年").replace("2025年", "2022年"))
    assert check(text, "consistency.anachronism").status == "pass"


def test_anachronism_without_date_uses_april_after_the_year(check):
    text = REPORT.replace("某某区司法局\n2025年1月20日\n", "").replace("2024年", "2023年").replace("2025年", "2024年")
    r = check(text, "consistency.anachronism")
    assert r.status == "fail" and "2024年4月1日" in r.evidence[0].note  # 三中全会 July 2024


def test_pufa_period(check, seed_reports):
    from conftest import result

    assert result(seed_reports["004"], "consistency.pufa-period").status == "pass"  # 全面总结“七五”
    r = check(REPORT.replace("持续深化“八五”普法", "持续深化“七五”普法"), "consistency.pufa-period")
    assert r.status == "warn" and "七五" in r.evidence[0].text


@pytest.mark.parametrize("citation", ["《法治政府建设实施纲要（2015-2020年）》", "《法治政府建设实施纲要(2015—2020年)》",
                                      "《法治政府建设实施纲要（2015－2020）》", "《法治政府建设实施纲要》（2015 - 2020年）",
                                      "《法治政府建设实施纲要（2015年—2020年）》"])
def test_outdated_outline_every_way_of_writing(check, citation):
    text = REPORT.replace("现将有关情况报告如下", f"对照{citation}，现将有关情况报告如下")
    r = check(text, "consistency.outdated-outline")
    assert r.status == "fail", citation
    looking_back = REPORT.replace("现将有关情况报告如下", f"全面总结{citation}实施情况，现将有关情况报告如下")
    assert check(looking_back, "consistency.outdated-outline").status == "pass"


@pytest.mark.parametrize("ending", ["五、其他需要报告的情况\n无。", "五、其他需要报告的情况：无。",
                                    "其他需要报告的情况：无。"])
def test_other_matters_none_is_a_pass(check, ending):
    text = REPORT.replace("五、其他需要报告的情况\n无。", ending)
    r = check(text, "core.other-matters")
    assert r.status == "pass" and "其他需要报告的情况" in r.evidence[0].text


def test_other_matters_phrase_in_the_opening_is_not_a_part(check):
    text = REPORT.replace("五、其他需要报告的情况\n无。\n", "").replace(
        "现将有关情况报告如下", "现将主要举措、存在的不足和其他需要报告的情况报告如下")
    assert check(text, "core.other-matters").status == "warn"


def test_shortcomings_that_say_there_are_none_warn(check):
    text = REPORT.replace("由于人员流动较大，执法文书质量不高。", "经自查，本年度未发现明显问题和不足。")
    assert check(text, "core.shortcomings").status == "warn"
    text = REPORT.replace("由于人员流动较大，执法文书质量不高。", "无。")
    assert check(text, "core.shortcomings").status == "warn"


def test_plan_items_without_heading_are_a_closing_plan(check, seed_reports):

    text = SEEDS["000"].read_text("utf-8").replace("三、下一步工作计划\n", "")
    r = check(text, "core.next-year-plan")
    assert r.status == "warn" and r.evidence[0].text.startswith("一要进一步加强执法队伍建设")
