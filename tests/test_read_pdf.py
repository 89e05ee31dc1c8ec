"""The PDF reader: the PDF copies of the five fixtures check as their text does; hard wraps are
joined (also over a page break), page numbers and running headers go, evidence says page and
line; two columns, tables; scanned, encrypted and truncated PDFs are refused (exit 2, one line)."""

from __future__ import annotations

import io
import json
import re

import pdfplumber
import pytest

from checker.api import check_path
from checker.errors import InputError
from checker.normalize import normalize
from checker.pipeline import load_path
from checker.read import read_bytes, read_path

from conftest import FORMAT_DEPENDENT, ROOT, SEEDS, cli, text_verdicts

PDFS = {k: ROOT / "fixtures" / "formats" / "pdf" / (p.stem + ".pdf") for k, p in SEEDS.items()}



def _render(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


_CSS = ('@page { size: A4; margin: 30mm 25mm; } html { font-family: "Noto Serif CJK SC"; font-size: 12pt; '
        "line-height: 20pt; } p { margin: 0; text-indent: 2em; text-align: justify; }")


# ---------------------------------------------------------------- the five reports

@pytest.mark.parametrize("key", sorted(SEEDS))
def test_pdf_copy_has_the_verdicts_of_the_text(key, rules):
    text = check_path(str(SEEDS[key]), rules)
    pdf = check_path(str(PDFS[key]), rules)
    assert text_verdicts(pdf) == text_verdicts(text)
    assert pdf.document.source_format == "pdf"
    # the same fields (their sources' lines are the PDF's own)
    assert {k: v for k, v in pdf.document_dict().items() if k not in ("format", "sources")} == \
        {k: v for k, v in text.document_dict().items() if k not in ("format", "sources")}
    # the same quotes as evidence, each once, though a sentence's hits may sit on two printed lines
    for rp, rt in zip(pdf.results, text.results):
        if rp.id in FORMAT_DEPENDENT:
            continue
        assert [e.text for e in rp.evidence] == [e.text for e in rt.evidence], rp.id
        assert all(e.location and re.fullmatch(r"第\d+页第\d+行", e.location) for e in rp.evidence if e.line)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_pdf_copy_reads_back_the_same_paragraphs(key):
    text = [p.text for p in normalize(read_path(SEEDS[key])).paragraphs]
    pdf = [p.text for p in normalize(read_path(PDFS[key])).paragraphs]
    assert pdf == text


def test_paragraph_wrapped_over_lines_and_a_page_break_is_one_paragraph():
    source = read_path(PDFS["002"])
    norm = normalize(source)
    start = "（三）制定各项制度和管理体系。"
    para = next(p for p in norm.paragraphs if p.text.startswith(start))
    expected = next(p.text for p in normalize(read_path(SEEDS["002"])).paragraphs if p.text.startswith(start))
    assert para.text == expected and para.runin_end == len(start)  # the bold run-in is kept
    # it starts at the foot of page 1 and ends on page 2, read from four printed lines
    places = sorted({source.locations[i - 1] for i in para.src}, key=lambda s: [int(n) for n in re.findall(r"\d+", s)])
    assert places == ["第1页第19行", "第1页第20行", "第2页第1行", "第2页第2行"]
    assert source.lines[source.locations.index("第1页第20行")] == "事制度》《公车出行制度》《财务审批制度》《考勤管理制"
    assert source.continues[source.locations.index("第2页第1行")] is True
    assert source.continues[source.locations.index("第1页第19行")] is False


def test_wrapped_centred_title_is_one_line_and_a_bold_heading_stands_alone():
    norm = normalize(read_path(PDFS["002"]))
    heads = [(p.text, p.heading_hint) for p in norm.paragraphs[:4]]
    assert heads[:2] == [("湛江经济技术开发区交通运输局", True),
                         ("湛江经济技术开发区交通运输局2020年法治政府建设工作报告", True)]
    assert heads[3] == ("一、学习依法治国新理论，加强法治建设组织领导", True)


# ---------------------------------------------------------------- page furniture and locations

def _raw_text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() for p in pdf.pages)


def test_page_numbers_and_running_headers_are_removed():
    for key in ("000", "003"):
        raw = _raw_text(PDFS[key])
        lines = read_path(PDFS[key]).lines
        assert "— 3 —" in raw and not any(re.fullmatch(r"— \d+ —", ln.strip()) for ln in lines)
    # 000: the issuer's name heads every page; it is left only where the report signs off
    raw = _raw_text(PDFS["000"]).split("\n")
    assert raw.count("湛江市坡头区交通运输局") == 9  # 8 pages' headers and the signature
    assert read_path(PDFS["000"]).lines.count("湛江市坡头区交通运输局") == 1
    # 003: a header whose page number changes ("法治政府建设年度报告 · 第2页")
    assert "法治政府建设年度报告 · 第2页" in _raw_text(PDFS["003"])
    assert not any("年度报告 · 第" in ln for ln in read_path(PDFS["003"]).lines)


def test_evidence_points_to_page_and_line(capsys):
    doc = load_path(str(PDFS["002"]))
    pos = doc.text.index("2020年，全区查扣运政违章78宗")
    assert doc.location(doc.src[pos]) == "第2页第19行"
    # the same line counted with pdfplumber: page 2's lines less its running header
    with pdfplumber.open(PDFS["002"]) as pdf:
        lines = [ln["text"] for ln in pdf.pages[1].extract_text_lines()]
    assert lines[0] == "湛江经济技术开发区交通运输局" and lines[19].startswith("罚决定。2020年，全区查扣运政违章78宗")
    code, out, _ = cli(capsys, "check", str(PDFS["002"]), "--format", "json")
    ev = [e for r in json.loads(out)["reports"][0]["results"] for e in r["evidence"]]
    assert any(e.get("location", "").startswith("第") and "页第" in e["location"] for e in ev)
    code, out, _ = cli(capsys, "check", str(PDFS["002"]))
    assert "第1页第9行 一、学习依法治国新理论，加强法治" in out


# ---------------------------------------------------------------- two columns, tables

def test_two_columns_are_read_left_then_right(tmp_path):
    left = "甲" * 70 + "左栏结束。"
    right = "乙" * 70 + "右栏结束。"
    html = (f"<style>{_CSS} .cols {{ columns: 2; column-gap: 2em; }} h1 {{ font-size: 16pt; text-align: center; }}"
            "</style><h1>两栏排版的年度报告</h1>"
            f'<div class="cols"><p>{left}</p><p>{"丙" * 60}跨栏段落的末尾。</p><p>{right}</p></div>')
    path = tmp_path / "cols.pdf"
    path.write_bytes(_render(html))
    paras = [p.text for p in normalize(read_path(path)).paragraphs]
    assert paras == ["两栏排版的年度报告", left, "丙" * 60 + "跨栏段落的末尾。", right]
    with pdfplumber.open(path) as pdf:  # the page really has two columns side by side
        page = pdf.pages[0]
        first_right = min((c for c in page.chars if c["x0"] > page.width / 2 and c["top"] > 120), key=lambda c: c["top"])
        assert first_right["text"] == "丙"  # the middle paragraph flows from the left column into the right
        assert any(c["text"] == "乙" and c["x0"] > page.width / 2 for c in page.chars)


def test_table_rows_are_lines_with_cells_joined(tmp_path):
    html = (f"<style>{_CSS} table {{ border-collapse: collapse; margin: 10pt 0; }} "
            "td { border: 1pt solid #000; padding: 3pt 6pt; }</style>"
            "<p>全年办理案件情况如下。</p>"
            "<table><tr><td>项目</td><td>数量</td></tr><tr><td>行政复议案件</td><td>9件</td></tr>"
            "<tr><td>行政诉讼案件</td><td>7件</td></tr></table><p>未发生行政败诉案件。</p>")
    source = read_bytes(_render(html), "table.pdf")
    assert source.lines == ["全年办理案件情况如下。", "项目 | 数量", "行政复议案件 | 9件", "行政诉讼案件 | 7件",
                            "未发生行政败诉案件。"]
    assert source.continues == [False] * 5
    assert source.locations == [f"第1页第{i}行" for i in range(1, 6)]


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_drawn_turned_and_shown_upright_by_its_rotate_reads_as_the_upright_one(tmp_path, turn):
    """A landscape table page is often stored drawn on its side with /Rotate to show it upright:
    the same lines, places and table rows as the page drawn upright."""
    from pypdf import PdfReader, PdfWriter, Transformation

    html = (f"<style>{_CSS} table {{ border-collapse: collapse; margin: 10pt 0; }} "
            "td { border: 1pt solid #000; padding: 3pt 6pt; }</style>"
            "<p>全年办理案件情况如下。</p>"
            "<table><tr><td>项目</td><td>数量</td></tr><tr><td>行政复议案件</td><td>9件</td></tr></table>"
            f"<p>{'未发生行政败诉案件，' * 8}全年无败诉。</p>")
    upright = _render(html)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(upright)))
    page = writer.pages[0]
    w, h = float(page.mediabox.width), float(page.mediabox.height)
    shift = {90: (h, 0), 180: (w, h), 270: (0, w)}[turn]
    page.add_transformation(Transformation().rotate(turn).translate(*shift))
    page.mediabox.upper_right = page.cropbox.upper_right = (w, h) if turn == 180 else (h, w)
    page.rotation = turn
    buf = io.BytesIO()
    writer.write(buf)
    a, b = read_bytes(upright, "upright.pdf"), read_bytes(buf.getvalue(), "turned.pdf")
    assert a.lines[1:3] == ["项目 | 数量", "行政复议案件 | 9件"]
    assert (b.lines, b.locations, b.continues) == (a.lines, a.locations, a.continues)


def test_metadata_table_of_a_web_page_is_metadata():
    norm = normalize(read_path(PDFS["001"]))
    assert norm.metadata["发布机构"] == "温州市交通运输局" and norm.metadata["成文日期"] == "2024-02-18"
    assert read_path(PDFS["001"]).lines[0] == "索引号 | 001008003015019/2024-00056 | 组配分类 | 计划总结"


def test_producer_junk_is_not_a_title():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(PDFS["003"]))
    writer.add_metadata({"/Title": "Microsoft Word - 2024年报告.docx", "/Author": "Administrator"})
    buf = io.BytesIO()
    writer.write(buf)
    assert read_bytes(buf.getvalue(), "x.pdf").metadata == {}
    assert read_path(PDFS["003"]).metadata == {"标题": "2024年法治政府建设年度报告"}


# ---------------------------------------------------------------- refusals

def _scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(img)
    for y in range(60, 700, 30):
        draw.rectangle((50, y, 550, y + 12), fill="black")  # lines of "print"
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=72)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(PDFS["003"]))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kind, data, message", [
    ("scanned", _scanned_pdf, "扫描件PDF，没有文字层：请从Word/WPS导出PDF，或先做OCR"),
    ("encrypted", _encrypted_pdf, "加密（设有打开密码）的PDF"),
    ("truncated", lambda: PDFS["004"].read_bytes()[:60000], "PDF不完整或已损坏"),
    ("corrupt", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", "不是可读的PDF"),
])
def test_unreadable_pdf_is_refused_in_one_line(capsys, tmp_path, kind, data, message):
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(data())
    code, out, err = cli(capsys, "check", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"fzcheck: error: {path}: ") and message in err
    with pytest.raises(InputError):
        read_path(path)


def test_a_pdf_with_an_owner_password_only_is_read():
    """Many published reports forbid copying with an owner password but open without one."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(PDFS["003"]))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert read_bytes(buf.getvalue(), "x.pdf").lines == read_path(PDFS["003"]).lines


def test_bold_unnumbered_heading_is_a_heading_hint(tmp_path):
    body = "我局严格落实行政执法三项制度，" * 6 + "取得明显成效。"
    html = (f"<style>{_CSS} h2 {{ font: bold 12pt 'Noto Sans CJK SC'; margin: 0; }}</style>"
            f"<h2>主要做法</h2><p>{body}</p><h2>存在的不足和原因</h2><p>{body}</p>")
    source = read_bytes(_render(html), "bold.pdf")
    assert source.lines[0] == "**主要做法**" and source.continues[:2] == [False, False]
    paras = normalize(source).paragraphs
    assert [(p.text, p.heading_hint) for p in paras] == [
        ("主要做法", True), (body, False), ("存在的不足和原因", True), (body, False)]


# ---------------------------------------------------------------- the reader it replaced

EXPECTED = json.loads((ROOT / "tests" / "expected" / "pdf_reader.json").read_text("utf-8"))


@pytest.mark.parametrize("rel", sorted(EXPECTED), ids=lambda r: r.split("/")[-2][-11:] + "/" + r.split("/")[-1][:3])
def test_pdfium_reads_each_format_fixture_as_the_pdfplumber_reader_did(rel):
    """Every line, its place (第N页第M行), its wrap flag and the title, as recorded from the
    pdfplumber reader before PDFium replaced it (tools/bench_pdfplumber_reader.py)."""
    src = read_path(ROOT / rel)
    want = EXPECTED[rel]
    assert src.lines == want["lines"]
    assert src.locations == want["locations"]
    assert src.continues == want["continues"]
    assert src.metadata == want["metadata"]


def test_the_expectation_covers_every_format_fixture():
    assert sorted(EXPECTED) == sorted(str(p.relative_to(ROOT)) for p in (ROOT / "fixtures" / "formats").glob("pdf*/*.pdf"))


# ---------------------------------------------------------------- a second producer

LIBREOFFICE = sorted((ROOT / "fixtures" / "formats" / "pdf-libreoffice").glob("*.pdf"))


@pytest.mark.parametrize("pdf", LIBREOFFICE, ids=lambda p: p.stem[:3])
def test_libreoffice_pdf_of_a_word_copy_has_the_verdicts_of_the_text(pdf, rules):
    """LibreOffice prints justified lines in its own fonts and draws Word's list numbers itself
    (004's 一、 and （一） are not in the .docx text): the same verdicts and quotes as the text."""
    key = pdf.stem[:3]
    text = check_path(str(SEEDS[key]), rules)
    rep = check_path(str(pdf), rules)
    with pdfplumber.open(pdf) as doc:
        assert "LibreOffice" in doc.metadata.get("Producer", "")
    assert text_verdicts(rep) == text_verdicts(text)
    for rp, rt in zip(rep.results, text.results):
        if rp.id in FORMAT_DEPENDENT:
            continue
        assert [e.text for e in rp.evidence] == [e.text for e in rt.evidence], rp.id
