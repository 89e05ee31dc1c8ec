"""The copies people actually make of a report: traditional characters (OpenCC, big5), a page
flattened onto one line, a web page's clock and metadata, a Word draft with 修订 and 批注, and
the years and dates a report gives, each with its source."""

from __future__ import annotations

import datetime as dt

import opencc
import pytest

from checker.api import check_path, check_text
from checker.pipeline import load_text

from conftest import FORMAT_DEPENDENT, SEEDS, result


def verdicts(rep):
    return [(r.id, r.status) for r in rep.results]


# ---------------------------------------------------------------- traditional characters

@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
@pytest.mark.parametrize("key", sorted(SEEDS))
def test_traditional_copy_reads_like_the_report(key, config, tmp_path, rules, seed_reports):
    text = SEEDS[key].read_text("utf-8")
    trad = opencc.OpenCC(config).convert(text)
    assert trad != text
    path = tmp_path / f"{key}.txt"
    path.write_text(trad, encoding="utf-8")
    rep, base = check_path(str(path), rules), seed_reports[key]
    assert rep.document.traditional and not base.document.traditional
    assert verdicts(rep) == verdicts(base)
    for r, b in zip(rep.results, base.results):
        # the same places, quoted in the characters the user wrote
        assert [e.line for e in r.evidence] == [e.line for e in b.evidence], r.id
        for e, eb in zip(r.evidence, b.evidence):
            assert len(e.text) == len(eb.text)
            if e.line and eb.text != e.text and r.id.startswith(("core.", "content.")):  # quotes, not fields
                assert e.text.strip("…") in rep.document.text  # the document's own characters
    assert rep.document_dict()["year"] == base.document_dict()["year"]


def test_traditional_quotes_keep_the_original_characters(tmp_path, rules):
    path = tmp_path / "003.txt"
    path.write_text(opencc.OpenCC("s2t").convert(SEEDS["003"].read_text("utf-8")), encoding="utf-8")
    rep = check_path(str(path), rules)
    causes = result(rep, "core.shortcoming-causes")
    assert causes.status == "pass" and any("經分析" in e.text for e in causes.evidence)
    assert rep.document_dict()["title"] == "2024年法治政府建設年度報告"


def test_big5_text_file(tmp_path, rules, seed_reports):
    path = tmp_path / "big5.txt"
    path.write_bytes(opencc.OpenCC("s2tw").convert(SEEDS["004"].read_text("utf-8")).encode("big5", errors="replace"))
    rep = check_path(str(path), rules)
    assert rep.document.fields.title == "昌吉州交通運輸局2021年法治政府建設工作報告"
    assert [s for _, s in verdicts(rep)] == [s for _, s in verdicts(seed_reports["004"])]


def test_conversion_garbage_is_tolerated(rules):
    text = ("某县交通运输局2024年法治政府建设年度报告\n2024年，我局坚持依法行政。\n"
            "??2024年法治政府建设主要举措和成效\n開展法治建設(shè)培訓3次。\n二、存在的不足和原因\n"
            "由於人員不足，執法力量薄弱。\n三、2025年工作安排\n繼續加強學習。\n")
    d = load_text(text)
    top = [s.title for s in d.sections if s.level == 1]
    # the ?? stood for 一、: its number is put back from the next heading's; the quote keeps ??
    assert top == ["??2024年法治政府建设主要举措和成效", "二、存在的不足和原因", "三、2025年工作安排"]
    assert d.folded[d.sections[0].start:d.sections[0].start + 2] == "一、"  # what the rules match
    assert d.sections[0].heading.marker == "一、" and "(shè)" not in d.text
    rep = check_text(text, rules)
    assert result(rep, "core.achievements").status == "pass"
    assert result(rep, "format.heading-numbering").status == "pass"


# ---------------------------------------------------------------- a page flattened onto one line

@pytest.mark.parametrize("joiner", [" ", ""], ids=["spaces", "nothing"])
def test_a_report_flattened_onto_one_line(joiner, tmp_path, rules, seed_reports):
    """Fixture 004 as some extractors leave a page: every line joined, its opening ending in
    "…报告如下：一、…"."""
    lines = [x.strip() for x in SEEDS["004"].read_text("utf-8").split("\n") if x.strip()]
    path = tmp_path / "flat.txt"
    path.write_text(joiner.join(lines), encoding="utf-8")
    rep = check_path(str(path), rules)
    assert verdicts(rep) == verdicts(seed_reports["004"])
    d = rep.document
    assert d.fields.title == "昌吉州交通运输局2021年法治政府建设工作报告"
    # (with nothing between the pieces, a heading runs on into its first sentence)
    assert [s.title[:9] for s in d.sections if s.level == 1] == ["一、2021年法治", "二、存在的问题和建", "三、2022年主要"]


# ---------------------------------------------------------------- years and dates, with their source

WEB = """湛江市人民政府门户网站
无障碍 | 长者模式 | 简体 | 繁体
今天是：2019年10月31日 星期四
首页 政务公开 政务服务 互动交流
当前位置：首页 > 政务公开 > 法治政府建设年度报告
某区交通运输局2021年法治政府建设年度报告
发布时间：2022-01-16 来源：某区交通运输局 浏览次数：1234
【字体：大 中 小】【打印】【关闭】
2021年，我局深入学习贯彻习近平法治思想，以《法治政府建设实施纲要(2021—2025年)》为遵循，在2020年工作基础上持续推进法治政府建设。现将2021年度法治政府建设情况报告如下：
一、2021年推进法治政府建设的主要举措和成效
（一）加强学习。全年组织学法6次，开展培训3期。
二、存在的不足和原因
由于人员不足，执法力量薄弱。
三、2022年主要工作思路及措施
继续加强学习。
某区交通运输局
2022年1月10日
【打印本页】【关闭窗口】
相关链接
某区交通运输局2020年法治政府建设年度报告
主办单位：某区人民政府办公室 网站标识码：4408000001 粤ICP备12345678号
"""


def test_a_web_copy_is_read_around_its_furniture(rules):
    rep = check_text(WEB, rules)
    doc = rep.document_dict()
    # the clock's year, the outline's span and "在2020年工作基础上" are never the covered year
    assert doc["year"] == 2021 and doc["date"] == "2022-01-10" and doc["published"] == "2022-01-16"
    assert doc["title"] == "某区交通运输局2021年法治政府建设年度报告" and doc["issuer"] == "某区交通运输局"
    assert [(c["source"], c["value"]) for c in doc["sources"]["year"]] == [
        ("title", 2021), ("opening", 2021), ("headings", 2021), ("date", 2021), ("published", 2021)]
    assert result(rep, "consistency.year").status == "pass"
    assert result(rep, "core.next-year-plan").status == "pass"  # 三、2022年主要工作思路及措施
    assert result(rep, "format.publication").status == "pass"
    assert result(rep, "format.publication").evidence[0].line == 7
    assert result(rep, "format.timeliness").status == "pass"
    # furniture is in no count: not the clock, nor the links, nor the footer's half-width marks
    assert result(rep, "format.punctuation").status == "warn"  # (2021—2025年) in the opening
    d = rep.document
    assert "今天是" not in d.text and "相关链接" not in d.text and "浏览次数" not in d.text


def test_year_sources_that_disagree_are_named(rules):
    text = WEB.replace("一、2021年推进", "一、2020年推进")
    r = result(check_text(text, rules), "consistency.year")
    assert r.status == "fail" and "据标题" in r.message
    assert [(e.line, e.text) for e in r.evidence][:1] == [(10, "一、2020年推进法治政府建设的主要举措和成效")]
    assert any(e.text == "2020（各部分标题）" and e.line == 10 for e in r.evidence)


def test_a_metadata_label_never_joins_the_issuer(rules):
    """Several labelled values on one line: the 发布机构 stops where 成文日期 begins, and the report
    is a government's (its title says so), so its deadline is 4月1日."""
    text = ("某省人民政府关于2023年法治政府建设情况的报告\n发布机构：省政府办公厅 成文日期：2024-03-29 发布日期：2024-03-30\n"
            "2023年，省政府坚持依法行政，现将有关情况报告如下：\n一、主要举措和成效\n（一）加强学习。全年组织学法6次。\n"
            "二、存在的不足和原因\n由于人员不足，执法力量薄弱。\n三、2024年工作安排\n继续加强学习。\n")
    rep = check_text(text, rules)
    f = rep.document.fields
    assert f.issuer == "某省人民政府" and f.kind == "government" and f.date == dt.date(2024, 3, 29)
    assert [c.value for c in f.candidates["issuer"]] == ["某省人民政府", "省政府办公厅"]
    assert result(rep, "format.timeliness").status == "pass"
    assert result(rep, "format.publication").status == "pass"


def test_the_deadline_depends_on_who_issued_the_report(rules):
    dept = ("某县交通运输局2023年法治政府建设年度报告\n2023年，我局坚持依法行政。\n一、主要举措和成效\n开展培训。\n"
            "某县交通运输局\n2024年3月20日\n")
    assert result(check_text(dept, rules), "format.timeliness").status == "fail"  # a department: 3月1日
    gov = dept.replace("某县交通运输局", "某县人民政府").replace("我局", "县政府")
    assert result(check_text(gov, rules), "format.timeliness").status == "pass"  # a government: 4月1日


# ---------------------------------------------------------------- the form of the 成文日期

@pytest.mark.parametrize("date,status", [
    ("2024年12月9日", "pass"), ("二〇二四年十二月九日", "warn"), ("2025年01月09日", "warn"), ("2025.1.9", "warn")])
def test_date_form(date, status, rules):
    text = ("某局2024年法治政府建设年度报告\n2024年，我局坚持依法行政。\n一、主要举措和成效\n开展培训。\n某局\n"
            f"{date}\n")
    r = result(check_text(text, rules), "format.date-form")
    assert r.status == status and r.evidence[0].line == 6
    if status == "warn":  # the hint writes the date the way it should be
        assert ("2024年12月9日" if date.startswith("二") else "2025年1月9日") in r.hint


def test_date_form_skips_a_date_only_in_metadata(seed_reports):
    r = result(seed_reports["001"], "format.date-form")
    assert r.status == "skip"  # 2024-02-18 is the web site's way of writing it


# ---------------------------------------------------------------- a Word draft still under review

def _draft(tmp_path):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from conftest import ROOT

    d = docx.Document(str(ROOT / "fixtures" / "formats" / "docx" / "003_64caf8860024a4f7.docx"))
    opening = next(p for p in d.paragraphs if p.text.startswith("2024"))
    d.add_comment(opening.runs[0], text="请补充具体数据", author="王科长")
    target = next(p for p in d.paragraphs if "由于创新意识不强" in p.text)
    run = target.runs[0]._r
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "901")
    ins.set(qn("w:author"), "李四")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "经分析，"
    r.append(t)
    ins.append(r)
    run.addprevious(ins)
    dl = OxmlElement("w:del")
    dl.set(qn("w:id"), "902")
    dl.set(qn("w:author"), "李四")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText")
    t.text = "原有表述"
    r.append(t)
    dl.append(r)
    run.addnext(dl)
    path = tmp_path / "draft.docx"
    d.save(str(path))
    texts = [p.text for p in d.paragraphs]
    return path, texts.index(opening.text) + 1, texts.index(target.text) + 1


def test_tracked_changes_and_comments_are_reported_where_they_are(tmp_path, rules):
    path, opening_no, target_no = _draft(tmp_path)
    before = path.read_bytes()
    rep = check_path(str(path), rules)
    r = result(rep, "format.revisions")
    assert r.status == "warn" and r.message == "文件中还有 2 处修订、1 条批注"
    assert [(e.location, e.text) for e in r.evidence] == [
        (f"第{target_no}段", "插入（李四）：经分析，"), (f"第{target_no}段", "删除（李四）：原有表述"),
        (f"第{opening_no}段", "批注（王科长）：请补充具体数据")]
    # read as if every change were accepted, and the file left as it was
    assert "原有表述" not in rep.document.text and "经分析，" in rep.document.text
    assert path.read_bytes() == before


def test_revisions_pass_on_a_clean_word_file_and_skip_on_text(rules, seed_reports):
    from conftest import ROOT

    clean = check_path(str(ROOT / "fixtures" / "formats" / "docx" / "003_64caf8860024a4f7.docx"), rules)
    assert result(clean, "format.revisions").status == "pass"
    assert result(seed_reports["003"], "format.revisions").status == "skip"
    assert "format.revisions" in FORMAT_DEPENDENT
