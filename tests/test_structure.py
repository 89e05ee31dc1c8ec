"""Sections from headings at every level, sentences, and the document's own fields."""

from __future__ import annotations

import datetime as dt

from checker.pipeline import load_path, load_text

from conftest import SEEDS


def tree(d):
    return [(s.level, s.title) for s in d.sections]


def test_styles_nest_in_the_order_the_report_uses_them():
    # 000 uses 一、 > (一) > 一是 > 1.
    d = load_path(str(SEEDS["000"]))
    t = tree(d)
    assert (3, "一是坚持法治教育学习培训") in t
    assert (4, "1.坚持领导干部带头学,严格落实领导干部学法制度") in t
    assert (3, "二是实施普法宣传教育") in t  # a sibling of 一是, not a child of "2."
    two = next(s for s in d.sections if s.title == "二是实施普法宣传教育")
    assert two.parent.title == "(二)深入学习宣传习近平法治思想"


def test_run_in_enumerations_inside_a_paragraph():
    d = load_path(str(SEEDS["000"]))
    s = next(s for s in d.sections if s.title == "二、存在的不足和原因")
    assert [c.title for c in s.children] == [
        "一是执法力量不足", "二是法治政府建设工作机制有待进一步完善、健全",
        "三是学习贯彻习近平法治思想的主动性、系统性还需加强"]
    assert all(c.heading.inline for c in s.children)


def test_run_in_heading_ends_at_its_full_stop():
    d = load_path(str(SEEDS["004"]))
    s = d.sections[1]
    assert s.title == "（一）深入学习贯彻习近平法治思想，落实党政主要负责人切实履行推进法治建设第一责任人职责"
    assert d.text[s.body_start:].startswith("根据自治州党委办公室")


def test_arabic_and_parenthesised_numbers():
    d = load_text("一、主要举措\n1. 加强学习。\n（1）组织学法。\n（2）开展述法。\n2、规范执法。\n二、存在问题\n由于人手少。")
    assert tree(d) == [(1, "一、主要举措"), (2, "1.加强学习"), (3, "（1）组织学法"), (3, "（2）开展述法"),
                       (2, "2、规范执法"), (1, "二、存在问题")]


def test_section_path_of_a_sentence():
    d = load_path(str(SEEDS["003"]))
    path = d.section_path(d.text.index("由于创新意识不强"))
    assert path == "二、上一年度推进法治政府建设存在的不足和原因 / （二）普法宣传方式创新不足"


def test_sentences_end_at_full_stops_and_keep_quotes():
    d = load_text("标题报告\n他说：“要依法行政。”随后开展培训。")
    texts = [d.text[a:b] for a, b in d.sentences]
    assert "他说：“要依法行政。”" in texts and "随后开展培训。" in texts


def test_fields_from_title_signature_and_metadata():
    d = load_path(str(SEEDS["002"]))
    assert d.fields.title == "湛江经济技术开发区交通运输局2020年法治政府建设工作报告"
    assert d.fields.date == dt.date(2021, 1, 20) and d.fields.date_line == 69
    assert d.fields.year == 2020 and d.fields.kind == "department"


def test_year_from_text_when_there_is_no_title():
    d = load_path(str(SEEDS["001"]))
    assert d.fields.title is None and d.fields.year == 2023 and d.fields.year_source == "opening"


def test_government_issuer_and_chinese_numeral_date():
    d = load_text("某某县人民政府关于2023年度法治政府建设情况的报告\n2023年，县政府坚持依法行政。\n"
                  "一、主要举措和成效\n开展培训。\n某某县人民政府\n二〇二四年二月二十日")
    assert d.fields.issuer == "某某县人民政府" and d.fields.kind == "government"
    assert d.fields.date == dt.date(2024, 2, 20) and d.fields.year == 2023
