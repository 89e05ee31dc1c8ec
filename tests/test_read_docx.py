"""The .docx reader: the Word copies of the five reports get the same verdicts as the text, evidence
points at Word paragraphs and table rows, heading styles / bold / automatic numbering are read as a
reader of the page sees them, headers and footers are not, and broken files are refused in one line."""

from __future__ import annotations

import importlib.util
import io
import json
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from checker.api import check_path
from checker.errors import InputError
from checker.normalize import normalize
from checker.read import read_bytes, read_path
from checker.read.docx import format_number, read_docx

from conftest import FORMAT_DEPENDENT, ROOT, SEEDS, cli, result, text_verdicts

DOCX = ROOT / "fixtures" / "formats" / "docx"
COPIES = {k: DOCX / (p.stem + ".docx") for k, p in SEEDS.items()}



def docx_bytes(body_xml: str = "", numbering_xml: str = "", styles_xml: str = "", build=None) -> bytes:
    """A Word document from python-docx's template with the given body paragraphs (WordprocessingML
    without namespace declarations), numbering definitions and extra styles."""
    d = docx.Document()
    body = d.element.body
    for p in list(body):
        if p.tag != qn("w:sectPr"):
            body.remove(p)
    sect = body.find(qn("w:sectPr"))
    if body_xml:
        wrapper = parse_xml(f"<w:body {nsdecls('w')}>{body_xml}</w:body>")
        for el in list(wrapper):
            sect.addprevious(el)
    if numbering_xml:
        numbering = d.part.numbering_part.element
        for el in numbering.findall(qn("w:abstractNum")) + numbering.findall(qn("w:num")):
            numbering.remove(el)
        wrapper = parse_xml(f"<w:numbering {nsdecls('w')}>{numbering_xml}</w:numbering>")
        for el in list(wrapper):
            numbering.append(el)
    if styles_xml:
        wrapper = parse_xml(f"<w:styles {nsdecls('w')}>{styles_xml}</w:styles>")
        for el in list(wrapper):
            d.styles.element.append(el)
    if build:
        build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def para(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return para(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


# ---------------------------------------------------------------- the five reports

@pytest.mark.parametrize("key", sorted(SEEDS))
def test_docx_copy_has_the_verdicts_of_the_text(key, rules, seed_reports):
    report = check_path(str(COPIES[key]), rules)
    assert report.document.source_format == "docx"
    assert text_verdicts(report) == text_verdicts(seed_reports[key])
    assert result(report, "format.revisions").status == "pass"  # a clean copy: no 修订 or 批注
    assert result(seed_reports[key], "format.revisions").status == "skip"  # a text file holds none
    # and the document's own fields read from it are those of the text
    assert report.document.fields.title == seed_reports[key].document.fields.title
    assert report.document.fields.issuer == seed_reports[key].document.fields.issuer


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_docx_copy_reads_as_the_same_paragraphs(key):
    """A faithful rendering: after reading and normalizing, the same paragraphs and metadata."""
    want = normalize(read_path(SEEDS[key]))
    got = normalize(read_path(COPIES[key]))
    assert [p.text for p in got.paragraphs] == [p.text for p in want.paragraphs]
    assert got.metadata == want.metadata


def test_generator_is_deterministic():
    spec = importlib.util.spec_from_file_location("docx_fixtures", ROOT / "tools" / "format_fixtures" / "docx_fixtures.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.build(SEEDS["004"]) == gen.build(SEEDS["004"])
    with zipfile.ZipFile(COPIES["001"]) as z:
        assert {i.date_time for i in z.infolist()} == {gen.ZIP_TIME}
        assert "docProps/thumbnail.jpeg" not in z.namelist()


# ---------------------------------------------------------------- evidence locations

def _evidence(report, rule_id):
    return next(r for r in report.results if r.id == rule_id).evidence


def test_evidence_points_at_the_word_paragraph_and_table_row(rules):
    path = COPIES["001"]
    report = check_path(str(path), rules)
    word = docx.Document(str(path))
    # 二、存在问题 is the 8th paragraph of the body (the metadata table before it is not counted)
    ev = _evidence(report, "core.shortcomings")[0]
    assert ev.location == "第8段" and ev.text == "二、存在问题"
    assert word.paragraphs[7].text == "二、存在问题"
    # the issuer and the date come from the metadata table: rows 2 and 3 of table 1
    sig = _evidence(report, "format.signature")
    assert [(e.location, e.text) for e in sig] == [("表1第2行", "温州市交通运输局（元数据）"), ("表1第3行", "2024-02-18（元数据）")]
    cells = [c.text for c in word.tables[0].rows[1].cells]
    assert cells[2:] == ["发布机构", "温州市交通运输局"]


def test_evidence_location_in_the_json_output(capsys):
    code, out, _ = cli(capsys, "check", COPIES["003"], "--format", "json")
    rep = json.loads(out)["reports"][0]
    assert rep["document"]["format"] == "docx"
    ev = next(r for r in rep["results"] if r["id"] == "core.leader-duties")["evidence"][0]
    word = docx.Document(str(COPIES["003"]))
    n = int(ev["location"][1:-1])
    assert ev["location"].startswith("第") and word.paragraphs[n - 1].text.startswith("三、上一年度党政主要负责人")
    assert word.paragraphs[n - 1].style.name == "Heading 1"


def test_automatic_numbers_of_the_fixture_are_recovered(rules):
    """004: Word draws 一、 and （一）; they are not in the paragraph text, fzcheck sees them."""
    path = COPIES["004"]
    word = docx.Document(str(path))
    assert word.paragraphs[9].text == "存在的问题和建议"  # the number is not typed
    assert word.paragraphs[9]._p.pPr.numPr is not None
    source = read_path(path)
    assert source.lines[9] == "**二、存在的问题和建议**" and source.locations[9] == "第10段"
    assert source.lines[11] == "**三、2022年主要工作思路及措施**"
    assert source.lines[12].startswith("**（一）加强组织领导，深入贯彻落实习近平法治思想。**进一步")  # restarted
    ev = _evidence(check_path(str(path), rules), "core.shortcomings")[0]
    assert (ev.location, ev.text) == ("第10段", "二、存在的问题和建议")


# ---------------------------------------------------------------- headings, bold, numbering

def test_heading_styles_bold_and_runin():
    styles = ('<w:style w:type="paragraph" w:styleId="Outline1"><w:name w:val="报告一级"/>'
              '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="BoldPara"><w:name w:val="加粗正文"/>'
              '<w:rPr><w:b/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="Strong2"><w:name w:val="要点"/><w:rPr><w:b/></w:rPr></w:style>')
    body = "".join([
        para("2024年法治政府建设年度报告", '<w:pStyle w:val="Title"/>'),
        para("一、主要举措", '<w:pStyle w:val="Heading1"/>'),
        para("（一）加强领导", '<w:pStyle w:val="Heading2"/>'),
        para("二、存在不足", '<w:pStyle w:val="Outline1"/>'),
        para("三、下一步安排", '<w:outlineLvl w:val="1"/>'),
        para("正文不是标题", '<w:pStyle w:val="Heading1"/><w:outlineLvl w:val="9"/>'),
        para("（二）全部粗体的一行", rpr="<w:b/>"),
        para("样式加粗的一行", '<w:pStyle w:val="BoldPara"/>'),
        # a run-in heading: bold, then normal weight (and a bold word later that stays unmarked)
        '<w:p><w:r><w:t xml:space="preserve">　　</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>（三）依法决策。</w:t></w:r>'
        '<w:r><w:t>全年审查</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>重大</w:t></w:r><w:r><w:t>决策2件。</w:t></w:r></w:p>',
        # bold by a character style; a run with bold switched off in a bold paragraph style
        '<w:p><w:r><w:rPr><w:rStyle w:val="Strong2"/></w:rPr><w:t>（四）公开透明。</w:t></w:r><w:r><w:t>正文。</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:pStyle w:val="BoldPara"/></w:pPr><w:r><w:t>（五）加粗样式。</w:t></w:r>'
        '<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>不加粗正文。</w:t></w:r></w:p>',
    ])
    src = read_docx(docx_bytes(body, styles_xml=styles), "s.docx")
    assert src.lines == [
        "# 2024年法治政府建设年度报告", "# 一、主要举措", "# （一）加强领导", "# 二、存在不足", "# 三、下一步安排",
        "**正文不是标题**", "**（二）全部粗体的一行**", "**样式加粗的一行**",
        "**（三）依法决策。**全年审查重大决策2件。", "**（四）公开透明。**正文。", "**（五）加粗样式。**不加粗正文。",
    ]
    assert src.locations == [f"第{i}段" for i in range(1, 12)]
    paras = normalize(src).paragraphs
    assert [p.heading_hint for p in paras[:8]] == [True] * 8  # Heading 1 is bold: still a bold line
    assert paras[8].text == "（三）依法决策。全年审查重大决策2件。" and paras[8].runin_end == len("（三）依法决策。")


NUMBERING = (
    # 0: the usual report list 一、 / （一） / 1. / （1） / ①
    '<w:abstractNum w:abstractNumId="0">'
    + level(0, "chineseCounting", "%1、") + level(1, "chineseCounting", "（%2）") + level(2, "decimal", "%3.")
    + level(3, "decimal", "（%4）") + level(4, "decimalEnclosedCircleChinese", "%5") + '</w:abstractNum>'
    # 1: legal style 1. / 1.1, level 1 never restarts when it says so
    + '<w:abstractNum w:abstractNumId="1">' + level(0, "decimal", "%1.") + level(1, "decimal", "%1.%2")
    + level(2, "lowerLetter", "%3)", extra='<w:lvlRestart w:val="0"/>') + '</w:abstractNum>'
    # 2: starts at 3, circled; 3: bullets; 4: the list of a paragraph style
    + '<w:abstractNum w:abstractNumId="2">' + level(0, "decimalEnclosedCircle", "%1", start=3) + '</w:abstractNum>'
    + '<w:abstractNum w:abstractNumId="3">' + level(0, "bullet", "\u2022") + '</w:abstractNum>'
    + '<w:abstractNum w:abstractNumId="4">' + level(0, "ideographTraditional", "%1、")
    + level(1, "upperLetter", "%2.", extra='<w:pStyle w:val="Item2"/>') + '</w:abstractNum>'
    + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    + '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    + '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
    + '<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>'
    + '<w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>'
    + '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>'
)
NUM_STYLES = ('<w:style w:type="paragraph" w:styleId="Item1"><w:name w:val="条目一"/>'
              '<w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Item2"><w:name w:val="条目二"/><w:basedOn w:val="Item1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="NumHeading"><w:name w:val="heading 1"/>'
              '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>')


def test_automatic_numbering_is_recovered():
    body = "".join([
        numbered("总体情况", 1, 0),
        numbered("加强领导", 1, 1),
        numbered("依法决策", 1, 1),
        numbered("领导干部学法", 1, 2),
        numbered("集中学法", 1, 3),
        numbered("讲座", 1, 4),
        numbered("培训", 1, 4),
        numbered("执法检查", 1, 2),  # 2. — and （1） ① below restart
        numbered("专项整治", 1, 3),
        numbered("夜查", 1, 4),
        para("一段没有编号的正文。"),
        numbered("存在不足", 1, 0),  # 二、, the levels under it restart
        numbered("学习不够", 1, 1),
        numbered("", 1, 1),  # an empty numbered paragraph: Word shows （二）, nothing to read, counts
        numbered("下一步", 7, 1),  # another list instance of the same list: goes on, （三）
        numbered("第一章", 2, 0),
        numbered("第一节", 2, 1),
        numbered("第二节", 2, 1),
        numbered("小点", 2, 2),
        numbered("第二章", 2, 0),
        numbered("又一小点", 2, 2),  # lvlRestart 0: b), not a)
        numbered("第五章", 3, 0),  # startOverride 5
        numbered("第五章第一节", 3, 1),
        numbered("圆圈三", 4, 0),  # w:start 3
        numbered("圆圈四", 4, 0),
        numbered("项目符号", 5, 0),  # a bullet: no number
        para("甲项", '<w:pStyle w:val="Item1"/>'),  # numbered through its style
        para("子项", '<w:pStyle w:val="Item2"/>'),  # the level that names the style
        para("乙项", '<w:pStyle w:val="Item1"/>'),
        para("编号标题", '<w:pStyle w:val="NumHeading"/>'),  # a heading style with a number: 三、
        para("关闭编号", '<w:pStyle w:val="NumHeading"/><w:numPr><w:numId w:val="0"/></w:numPr>'),
        # the number of a run-in heading goes inside its bold part
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t>加强监督。</w:t></w:r><w:r><w:t>全年开展检查5次。</w:t></w:r></w:p>',
    ])
    src = read_docx(docx_bytes(body, NUMBERING, NUM_STYLES), "n.docx")
    assert src.lines == [
        "一、总体情况", "（一）加强领导", "（二）依法决策", "1.领导干部学法", "（1）集中学法", "①讲座", "②培训",
        "2.执法检查", "（1）专项整治", "①夜查", "一段没有编号的正文。",
        "二、存在不足", "（一）学习不够", "（三）下一步",
        "1.第一章", "1.1第一节", "1.2第二节", "a)小点", "2.第二章", "b)又一小点",
        "5.第五章", "5.1第五章第一节",
        "③圆圈三", "④圆圈四", "项目符号",
        "甲、甲项", "A.子项", "乙、乙项",
        "# 三、编号标题", "# 关闭编号", "**（一）加强监督。**全年开展检查5次。",
    ]
    # the empty paragraph is not a line, but it is a paragraph of the document
    assert src.locations[13] == "第15段"
    paras = normalize(src).paragraphs
    assert paras[-1].text.startswith("（一）加强监督。") and paras[-1].runin_end == len("（一）加强监督。")


@pytest.mark.parametrize("fmt,numbers", [
    ("chineseCounting", {1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九", 100: "一百", 105: "一百零五"}),
    ("chineseCountingThousand", {3: "三", 12: "十二"}),
    ("japaneseCounting", {7: "七", 10: "十"}),
    ("ideographTraditional", {1: "甲", 10: "癸", 11: "甲"}),
    ("decimalEnclosedCircle", {1: "①", 20: "⑳", 21: "21"}),
    ("decimalEnclosedCircleChinese", {5: "⑤"}),
    ("upperLetter", {1: "A", 26: "Z", 27: "AA"}),
    ("lowerLetter", {2: "b"}),
    ("upperRoman", {4: "IV", 9: "IX"}),
    ("decimal", {12: "12"}),
    ("ordinalText", {3: "3"}),  # not drawn as Word would; the number at least
])
def test_number_formats(fmt, numbers):
    assert {n: format_number(n, fmt) for n in numbers} == numbers


# ---------------------------------------------------------------- what is not read, and tables

def test_headers_and_footers_are_ignored():
    def build(d):
        sec = d.sections[0]
        sec.header.paragraphs[0].text = "页眉里的机关名称"
        sec.footer.paragraphs[0].text = "— 1 —"
        sec.different_first_page_header_footer = True
        sec.first_page_header.paragraphs[0].text = "首页页眉"

    src = read_docx(docx_bytes(para("正文第一段。") + para("正文第二段。"), build=build), "h.docx")
    assert src.lines == ["正文第一段。", "正文第二段。"]
    # the fixture with a header and a footer
    word = docx.Document(str(COPIES["001"]))
    assert word.sections[0].header.paragraphs[0].text == "温州市交通运输局"
    assert "—" in word.sections[0].footer.paragraphs[0].text
    lines = read_path(COPIES["001"]).lines
    assert "温州市交通运输局" not in lines and not any("—" in line and len(line) < 10 for line in lines)


def test_what_a_reader_of_the_page_does_not_see():
    body = "".join([
        # tracked changes: the insertion is read, the deletion is not; a hidden run is not
        '<w:p><w:r><w:t>依法</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>行政</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除的字</w:delText></w:r></w:del>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>',
        # a field: its result is read, its code is not; a hyperlink's text is read
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE \\@ "yyyy"</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t>年见</w:t></w:r><w:hyperlink w:anchor="x"><w:r><w:t>附件</w:t></w:r></w:hyperlink></w:p>',
        # a table of contents in a content control repeats the headings: skipped, but counted
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
        '<w:sdtContent>' + para("一、主要举措……1") + '</w:sdtContent></w:sdt>',
        # a content control around ordinary text is read
        '<w:sdt><w:sdtPr/><w:sdtContent>' + para("控件里的正文。") + '</w:sdtContent></w:sdt>',
        para(""),
        para("一、主要举措"),
    ])
    src = read_docx(docx_bytes(body), "x.docx")
    assert src.lines == ["依法行政。", "2024年见附件", "控件里的正文。", "一、主要举措"]
    assert src.locations == ["第1段", "第2段", "第4段", "第6段"]


def test_tables_rows_merged_cells_and_frames():
    def build(d):
        d.add_paragraph("正文。")
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "指标", "2023年", "2024年"
        t.cell(1, 0).text, t.cell(1, 1).text, t.cell(1, 2).text = "行政复议", "7", "9"
        a = t.cell(2, 0).merge(t.cell(2, 2))  # one cell spanning the row
        a.text = "合计16件"
        frame = d.add_table(rows=1, cols=1)  # a one-cell table used as a frame
        frame.cell(0, 0).text = "框内第一段。"
        frame.cell(0, 0).add_paragraph("框内第二段。")
        layout = d.add_table(rows=1, cols=2)  # a margin column left empty: the text cell is read as body
        layout.cell(0, 1).paragraphs[0].add_run("（一）加强领导。").bold = True
        layout.cell(0, 1).paragraphs[0].add_run("正文。")
        d.add_paragraph("表后正文。")

    src = read_docx(docx_bytes(build=build), "t.docx")
    assert src.lines == ["正文。", "指标 | 2023年 | 2024年", "行政复议 | 7 | 9", "合计16件", "框内第一段。", "框内第二段。",
                         "**（一）加强领导。**正文。", "表后正文。"]
    assert src.locations == ["第1段", "表1第1行", "表1第2行", "表1第3行", "表2第1行", "表2第1行", "表3第1行", "第2段"]


# ---------------------------------------------------------------- refusals

def test_docx_renamed_txt_is_read_as_docx(capsys, tmp_path, seed_reports):
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(COPIES["002"].read_bytes())
    code, out, err = cli(capsys, "check", renamed, "--format", "json")
    rep = json.loads(out)["reports"][0]
    assert err == "" and rep["document"]["format"] == "docx"
    got = [(r["id"], r["status"]) for r in rep["results"] if r["id"] not in FORMAT_DEPENDENT]
    assert got == text_verdicts(seed_reports["002"])


def _refused(capsys, path, words):
    code, out, err = cli(capsys, "check", path)
    assert code == 2 and err.startswith(f"fzcheck: error: {path}: ") and words in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_truncated_docx_is_refused(capsys, tmp_path):
    data = COPIES["000"].read_bytes()
    cut = data[: len(data) // 2]
    assert b"word/document" in cut  # still sniffed as a Word document
    p = tmp_path / "cut.docx"
    p.write_bytes(cut)
    _refused(capsys, p, "不是可读取的 Word 文档（.docx）：ZIP 文件损坏或不完整")


def test_docx_without_document_xml_is_refused(capsys, tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(COPIES["000"]) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for name in src.namelist():
            if name != "word/document.xml":
                dst.writestr(name, src.read(name))
    p = tmp_path / "hollow.docx"
    p.write_bytes(out.getvalue())
    _refused(capsys, p, "不是可读取的 Word 文档（.docx）：缺少正文部件")


def test_docx_with_malformed_xml_is_refused(capsys, tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(COPIES["000"]) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(name, b"<w:document><w:body>" if name == "word/document.xml" else src.read(name))
    p = tmp_path / "broken.docx"
    p.write_bytes(out.getvalue())
    _refused(capsys, p, "不是可读取的 Word 文档（.docx）")


def test_docx_without_text_is_refused(capsys, tmp_path):
    def build(d):
        d.sections[0].header.paragraphs[0].text = "只有页眉有字"

    p = tmp_path / "blank.docx"
    p.write_bytes(docx_bytes(para("") + para("　 "), build=build))
    _refused(capsys, p, "Word 文档里没有文字")
    with pytest.raises(InputError, match=r"^x\.docx: Word 文档里没有文字$"):
        read_bytes(p.read_bytes(), "x.docx", ".docx")


def test_password_protected_word_file_is_refused_as_such(capsys, tmp_path):
    """An encrypted .docx is an OLE container holding an 'EncryptedPackage' stream: say so, not
    'legacy .doc'."""
    from checker.cli import main

    p = tmp_path / "locked.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600)
    assert main(["check", str(p)]) == 2
    err = capsys.readouterr().err
    assert "password-protected" in err and err.count("\n") == 1
    p2 = tmp_path / "old.doc"
    p2.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    assert main(["check", str(p2)]) == 2
    assert "save it as .docx" in capsys.readouterr().err
