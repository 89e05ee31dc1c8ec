"""Each extraction quirk of real reports, on the real text."""

from __future__ import annotations

from checker.pipeline import load_path, load_text
from checker.read import read_path

from conftest import SEEDS


def test_gb18030_reads_like_utf8(tmp_path):
    text = SEEDS["004"].read_text("utf-8")
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gb18030"))
    a, b = load_path(str(p)), load_path(str(SEEDS["004"]))
    assert a.text == b.text and a.fields == b.fields


def test_utf8_bom_and_crlf(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + SEEDS["003"].read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert load_path(str(p)).text == load_path(str(SEEDS["003"])).text


def test_one_line_body_is_cut_back_at_headings():
    d = load_path(str(SEEDS["001"]))
    titles = [s.title for s in d.sections if s.level == 1]
    assert titles == ["一、2023年法治政府建设情况", "二、存在问题",
                      "三、党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况",
                      "四、下一年度推进法治政府建设的主要安排"]
    assert all(d.line_of(s.start) == 6 for s in d.sections)  # the whole body is input line 6
    # the heading ends at the space that stood for a line break; the body is its own paragraph
    assert any(d.text[a:b].startswith("在看到成绩的同时") for a, b in d.paragraphs)


def test_web_metadata_table_is_metadata_not_text():
    d = load_path(str(SEEDS["001"]))
    assert d.metadata["发布机构"] == "温州市交通运输局"
    assert d.metadata["成文日期"] == "2024-02-18"
    assert d.metadata_lines["成文日期"] == 3
    assert "索引号" not in d.text and "|" not in d.text


def test_markdown_marks_removed_and_page_break_joined():
    d = load_path(str(SEEDS["002"]))
    assert "**" not in d.text and "#" not in d.text and "---" not in d.text
    i = d.text.index("内容完备的制度和管理体系")  # the sentence --- cut in two
    a, b = d.sentence_at(i)
    assert d.text[a:b].endswith("确保各项工作依法依规有序开展。")
    assert d.line_of(i) == 17 and d.line_of(d.text.index("制度和管理体系", i)) == 21


def test_bold_run_in_heading():
    d = load_path(str(SEEDS["002"]))
    s = next(s for s in d.sections if "认真学习" in s.title)
    assert s.title == "（一）认真学习依法治国新理念"
    assert s.parent.title == "一、学习依法治国新理论，加强法治建设组织领导"


def test_blank_line_page_break_inside_a_sentence():
    d = load_path(str(SEEDS["003"]))
    i = d.text.index("通过与普法相结合，累计向经营主体责任人")
    a, b = d.sentence_at(i)
    assert d.text[a:b].endswith("普法1000余人次。")
    assert d.line_of(i) == 9 and d.line_of(d.text.index("结合，累计")) == 11
    assert "坚持打赢提升行政执法质量三年行动计划收官战" in d.text


def test_spaces_inside_years_and_numbers():
    d = load_path(str(SEEDS["003"]))
    assert "2024 年" not in d.text and "2024年，市交通运输局" in d.text
    assert "普法1000余人次" in d.text


def test_page_numbers_and_running_text_rejoined():
    text = ("一、主要举措和成效\n（一）加强行政复议工作。全年共办理行政复议案件\n\n— 3 —\n\n"
            "12件，纠错2件，有效化解行政争议。\n第 4 页\n- 5 -\n二、存在的不足和原因\n由于人员不足，办案质量有待提高。")
    d = load_text(text)
    assert "— 3 —" not in d.text and "第 4 页" not in d.text and "- 5 -" not in d.text
    assert "全年共办理行政复议案件12件，纠错2件" in d.text
    assert d.line_of(d.text.index("12件")) == 6


def test_title_is_not_joined_to_the_opening():
    d = load_path(str(SEEDS["003"]))
    assert d.fields.title == "2024年法治政府建设年度报告"
    assert d.text.split("\n")[0] == "2024年法治政府建设年度报告"


def test_signature_is_not_joined_or_taken_as_body():
    d = load_path(str(SEEDS["000"]))
    sig = [d.text[a:b] for a, b in d.regions["signature"]]
    assert sig == ["湛江市坡头区交通运输局", "2024年12月9日"]


def test_reading_never_modifies_the_input(tmp_path):
    p = tmp_path / "r.txt"
    data = SEEDS["002"].read_bytes()
    p.write_bytes(data)
    read_path(str(p))
    load_path(str(p))
    assert p.read_bytes() == data
