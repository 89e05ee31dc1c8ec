"""--format docx: the report handed back with Word comments (批注).

The .docx copies of the five reports come back as the clerk's own file — body, styles and every
other part as they were — with a comment by fzcheck on the paragraph each warn / fail finding's
evidence is in, a missing part's comment at the paragraph the rule says it belongs after (or
before), and the summary on the title. A text report comes back as a new .docx of its text with
the same comments. LibreOffice opens the commented file and exports its comments to PDF.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from checker.api import check_path, check_text
from checker.read import convert
from checker.report.docx_out import AUTHOR, INITIALS, commented_docx, headline, output_name, unique_name

from conftest import FORMAT_DEPENDENT, ROOT, SEEDS, cli, result

DOCX = {k: ROOT / "fixtures" / "formats" / "docx" / (p.stem + ".docx") for k, p in SEEDS.items()}
SOFFICE = convert.find_soffice()
NO_SOFFICE = "LibreOffice (soffice) is not installed: apt install libreoffice-writer-nogui"
W_P, W_TBL, W_TR = qn("w:p"), qn("w:tbl"), qn("w:tr")
COMMENT_START = qn("w:commentRangeStart")
LIST_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _places(document) -> dict[int, tuple[str, object]]:
    """comment id → (the place of the paragraph its range starts in, that w:p), the places
    counted as the reader counts them in these files: 第N段 for the N-th body paragraph, 表T第R行."""
    out: dict[int, tuple[str, object]] = {}
    n = t = 0
    for child in document.element.body:
        if child.tag == W_P:
            n += 1
            for start in child.iter(COMMENT_START):
                out[int(start.get(qn("w:id")))] = (f"第{n}段", child)
        elif child.tag == W_TBL:
            t += 1
            for r, tr in enumerate(child.iter(W_TR), 1):
                for p in tr.iter(W_P):
                    for start in p.iter(COMMENT_START):
                        out[int(start.get(qn("w:id")))] = (f"表{t}第{r}行", p)
    return out


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _quote(evidence_text: str) -> str:
    """The part of an evidence quote that must be in its paragraph: the longest piece between
    the ellipses, without a list number Word computes (not in the paragraph's w:t)."""
    piece = max(evidence_text.split("…"), key=len).strip()
    return LIST_NUMBER.sub("", piece)[-15:]


def _line_text(report, line: int) -> str:
    """The text of an input line, as the document has it."""
    doc = report.document
    return "".join(doc.text[k] for k in range(len(doc.text)) if doc.src[k] == line and doc.text[k] != "\n")


def _comments(data: bytes):
    document = docx.Document(io.BytesIO(data))
    comments = {c.comment_id: c for c in document.comments}
    return document, comments


def _by_headline(comments) -> dict[str, object]:
    return {c.paragraphs[0].text: c for c in comments.values()}


@pytest.fixture(scope="module")
def word_copies(rules):
    """{key: (report, the commented copy's bytes)} of the five .docx fixtures."""
    out = {}
    for k, path in DOCX.items():
        report = check_path(str(path), rules)
        out[k] = (report, commented_docx(report, rules))
    return out


# ---------------------------------------------------------------- a Word report: its own file

@pytest.mark.parametrize("key", sorted(SEEDS))
def test_each_finding_is_a_comment_on_its_paragraph(key, word_copies):
    report, data = word_copies[key]
    document, comments = _comments(data)
    findings = [r for r in report.results if r.status in ("warn", "fail")]
    assert len(comments) == len(findings) + 1  # and the summary
    assert {(c.author, c.initials) for c in comments.values()} == {(AUTHOR, INITIALS)}
    places = _places(document)
    assert set(places) == set(comments)  # every comment is anchored in the body
    by_head = _by_headline(comments)
    for r in findings:
        c = by_head[headline(r)]
        text = c.text
        assert r.message.rstrip("。") in text and ("修改建议：" + r.hint.rstrip("。")) in text
        assert "依据：" in text
        where, p = places[c.comment_id]
        located = [e for e in r.evidence if e.location]
        if located:  # on the paragraph of the first evidence with a place, which holds its quote
            assert where == located[0].location, (r.id, where)
            assert _line_text(report, located[0].line)[-8:] in _text(p), (r.id, located[0].line)
            if _quote(located[0].text) in report.document.text:  # a quote, not a value read (a date)
                assert _quote(located[0].text) in _text(p), (r.id, located[0].text)
        else:  # a missing part: where it belongs
            assert r.anchor is not None and where == r.anchor.location, (r.id, where)
            side = "之后" if r.anchor.position == "after" else "之前"
            assert f"补写位置：本段{side}" in text


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_the_summary_sits_on_the_title(key, word_copies):
    report, data = word_copies[key]
    document, comments = _comments(data)
    summary = [c for c in comments.values() if c.text.startswith("fzcheck 审核结果：")]
    assert len(summary) == 1
    s = report.summary
    assert f"通过 {s['pass']} · 警告 {s['warn']} · 不通过 {s['fail']}" in summary[0].text
    for r in report.results:
        if r.status in ("warn", "fail"):
            assert f"｜{r.title}：{r.message}" in summary[0].text
    where, p = _places(document)[summary[0].comment_id]
    title = report.document.fields.title
    if report.document.fields.title_line:
        assert where == report.document.location(report.document.fields.title_line)
        assert title in _text(p)
    else:  # no title line (001: a metadata table on top): the first line of the file
        assert where == report.document.locations[0]


def test_what_a_comment_says(word_copies):
    """The words of three findings of 004, where each goes."""
    report, data = word_copies["004"]
    document, comments = _comments(data)
    by_head = _by_headline(comments)
    places = _places(document)
    signature = by_head["不通过｜格式要求：落款（发文机关署名和成文日期）"]
    assert places[signature.comment_id][0] == "第18段"  # the last paragraph: the 落款 goes after it
    assert [p.text for p in signature.paragraphs] == [
        "不通过｜格式要求：落款（发文机关署名和成文日期）",
        "文末没有发文机关署名和成文日期。",
        "修改建议：" + result(report, "format.signature").hint,
        "补写位置：本段之后（正文末尾）",
        "依据：GB/T 9704-2012《党政机关公文格式》7.3.5（发文机关署名、成文日期）",
    ]
    assert [r.bold for r in signature.paragraphs[0].runs if r.text] == [True]
    causes = by_head["不通过｜核心要求：不足的原因"]
    assert places[causes.comment_id][0] == "第10段"
    assert "补写位置：第11段之后（存在的不足和原因部分末尾）" in causes.text
    summary = next(c for c in comments.values() if c.text.startswith("fzcheck"))
    assert "1. 不通过｜不足的原因：" in summary.text and "（第10段）" in summary.text
    assert "不通过｜落款（发文机关署名和成文日期）：文末没有发文机关署名和成文日期（第18段之后）" in summary.text


def test_other_places_of_the_evidence_are_named(word_copies):
    report, data = word_copies["002"]
    _document, comments = _comments(data)
    three = _by_headline(comments)["警告｜内容要求：行政执法“三项制度”"]
    assert "另见：第17段、第15段" in three.text


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_the_copy_is_the_clerks_file(key, word_copies):
    """Text and styles as they were: every part but the body, its relationships, the comments
    and the content types byte for byte; the body, once fzcheck's comment marks are taken out,
    the same XML."""
    _report, data = word_copies[key]
    with zipfile.ZipFile(DOCX[key]) as zin, zipfile.ZipFile(io.BytesIO(data)) as zout:
        before, after = set(zin.namelist()), set(zout.namelist())
        assert after - before == {"word/comments.xml"} and before <= after
        for name in before - {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}:
            assert zin.read(name) == zout.read(name), name
        assert zin.read("word/styles.xml") == zout.read("word/styles.xml")
        old = etree.fromstring(zin.read("word/document.xml"))
        new = etree.fromstring(zout.read("word/document.xml"))
    assert [_text(p) for p in old.iter(W_P)] == [_text(p) for p in new.iter(W_P)]
    for el in list(new.iter(COMMENT_START, qn("w:commentRangeEnd"))):
        el.getparent().remove(el)
    for r in list(new.iter(qn("w:r"))):  # the runs that carry a comment's mark, and nothing else
        if r.find(qn("w:commentReference")) is not None or (len(r) == 0 and r.getparent().tag == W_P):
            r.getparent().remove(r)
    assert etree.tostring(old, method="c14n") == etree.tostring(new, method="c14n")


def test_the_input_is_never_written(tmp_path, capsys):
    copy = tmp_path / "报告.docx"
    copy.write_bytes(DOCX["004"].read_bytes())
    before = _sha(copy)
    code, _out, err = cli(capsys, "check", copy, "--format", f"docx={tmp_path / 'out.docx'}")
    assert code == 1 and err == ""
    assert _sha(copy) == before
    assert len(docx.Document(str(tmp_path / "out.docx")).comments) == 8
    code, _out, err = cli(capsys, "check", copy, "--format", f"docx={copy}")
    assert code == 2 and "fzcheck 不会覆盖输入" in err and _sha(copy) == before


def test_paragraphs_in_controls_frames_and_tracked_insertions(tmp_path, rules):
    """Half-width commas (format.punctuation) in a content control, in the third paragraph of a
    one-cell frame table, and in a paragraph that is a tracked insertion: each comment in the
    paragraph that holds the comma (the evidence line's paragraph, not the row's first)."""
    from test_read_docx import docx_bytes, para

    body = (para("某某市司法局2024年法治政府建设年度报告")
            + para("2024年，我局深入推进依法行政。")
            + "<w:sdt><w:sdtPr/><w:sdtContent>" + para("一、主要举措和成效") + para("我局制定规范性文件3件,全部经过合法性审核。")
            + "</w:sdtContent></w:sdt>"
            + "<w:tbl><w:tr><w:tc>" + para("框内第一段。") + para("框内第二段。") + para("框内第三段,有半角逗号。")
            + "</w:tc></w:tr></w:tbl>"
            + '<w:p><w:ins w:id="90" w:author="张三" w:date="2025-01-02T00:00:00Z"><w:r><w:t>新插入的一段,有逗号。</w:t></w:r></w:ins></w:p>')
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes(body))
    report = check_path(str(path), rules)
    punct = result(report, "format.punctuation")
    assert punct.status == "warn"
    document, comments = _comments(commented_docx(report, rules))
    c = _by_headline(comments)[headline(punct)]
    starts = {int(s.get(qn("w:id"))): s for s in document.element.body.iter(COMMENT_START)}
    p = starts[c.comment_id].getparent()
    while p.tag != W_P:
        p = p.getparent()
    first = next(e for e in punct.evidence if e.location)
    assert "," in _text(p) and _quote(first.text) in _text(p)
    # each place with a comma is named: the control's paragraph, the frame's third, the insertion
    places = {e.location for e in punct.evidence}
    assert {"第4段", "表1第1行", "第5段"} <= places, places
    assert "另见：" in c.text
    # the comment on the tracked insertion (no run of its own) sits in that paragraph too
    ins_p = next(p for p in document.element.body.iter(W_P) if "新插入的一段" in _text(p))
    assert _text(ins_p) == "新插入的一段,有逗号。"


# ---------------------------------------------------------------- any other report: a new .docx

@pytest.mark.parametrize("key", ["002", "004"])
def test_a_text_report_gets_a_new_docx_with_the_same_comments(key, rules, word_copies, seed_reports):
    report = seed_reports[key]
    data = commented_docx(report, rules)
    document, comments = _comments(data)
    doc = report.document
    assert [p.text for p in document.paragraphs] == [doc.text[a:b] for a, b in doc.paragraphs]
    # the same findings as the Word copy's (but for the rules a file format decides)
    word_report, word_data = word_copies[key]
    skip = {headline(r) for r in report.results + word_report.results if r.id in FORMAT_DEPENDENT}
    heads = {c.paragraphs[0].text for c in comments.values() if not c.text.startswith("fzcheck")} - skip
    word_heads = {c.paragraphs[0].text for c in _comments(word_data)[1].values() if not c.text.startswith("fzcheck")} - skip
    assert heads == word_heads and len(heads) > 3
    # each on the paragraph its evidence line is in
    starts = {int(s.get(qn("w:id"))): s.getparent() for s in document.element.body.iter(COMMENT_START)}
    by_head = _by_headline(comments)
    for r in report.results:
        if r.status not in ("warn", "fail"):
            continue
        i = document.element.body.index(starts[by_head[headline(r)].comment_id])
        a, b = doc.paragraphs[i]
        lines = {doc.src[k] for k in range(a, b)}
        located = [e for e in r.evidence if e.line]
        if located:
            assert located[0].line in lines, r.id
            if _quote(located[0].text) in doc.text:  # a quote (not "未找到…", where it looked)
                assert _quote(located[0].text) in doc.text[a:b], r.id
        else:
            assert r.anchor.line in lines, r.id
    summary = next(c for c in comments.values() if c.text.startswith("fzcheck 审核结果："))
    assert "原文件为 文本 格式，本文件按其文字重新生成" in summary.text


def test_a_compare_finding_quotes_last_years_place(rules):
    """Checked with last year's report: the comment of recycled text stands on this year's
    passage and says where the same passage stands in last year's report."""
    this = SEEDS["000"]
    last = ROOT / "fixtures" / "previous" / "000_prev_2023.txt"
    report = check_path(str(this), rules, previous=str(last))
    recycled = result(report, "compare.recycled-text")
    assert recycled.status == "fail"
    document, comments = _comments(commented_docx(report, rules))
    c = _by_headline(comments)[headline(recycled)]
    text = [p.text for p in c.paragraphs]
    first = recycled.evidence[0]
    assert f"上年报告第{first.previous.line}行：" + first.previous.text[:20] in "\n".join(text)
    starts = {int(s.get(qn("w:id"))): s.getparent() for s in document.element.body.iter(COMMENT_START)}
    assert first.text.startswith(_text(starts[c.comment_id])[:15])  # on the passage's first paragraph


def test_the_new_docx_shows_title_and_headings(rules, seed_reports):
    report = seed_reports["004"]
    document = docx.Document(io.BytesIO(commented_docx(report, rules)))
    doc = report.document
    title = next(p for p in document.paragraphs if p.text == doc.fields.title)
    assert title.alignment == 1 and all(r.bold for r in title.runs if r.text)
    heading = next(h for h in doc.headings if not h.inline and h.style == 1)
    p = next(p for p in document.paragraphs if p.text.startswith(doc.text[heading.start:heading.end]))
    assert p.runs[0].bold and p.runs[0].text == doc.text[heading.start:heading.end]
    body = next(p for p in document.paragraphs if len(p.text) > 80)
    assert not any(r.bold for r in body.runs if r.text)
    assert document.core_properties.title == doc.fields.title


def test_a_report_checked_in_a_worker_gets_the_same_comments(tmp_path, capsys, word_copies):
    """Reports sent back from worker processes are detached from their Document: the copy is
    made from the file and the results alone."""
    out = tmp_path / "out"
    code, _o, err = cli(capsys, "check", *DOCX.values(), "--jobs", "2", "--format", f"docx={out}/")
    assert code == 1 and err == ""
    for k, path in DOCX.items():
        mine = _comments((out / output_name(str(path))).read_bytes())[1]
        theirs = _comments(word_copies[k][1])[1]
        assert [c.text for c in mine.values()] == [c.text for c in theirs.values()]


# ---------------------------------------------------------------- the command line

def test_a_folder_of_reports_gives_a_folder_of_commented_files(tmp_path, capsys):
    inputs = [DOCX["002"], DOCX["004"], SEEDS["004"], DOCX["002"]]  # 002 twice: two names
    code, _o, err = cli(capsys, "check", *inputs, "--format", f"docx={tmp_path / 'out'}/", "--format", "json=" + str(tmp_path / "r.json"))
    assert code == 1 and err == ""
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([
        "002_943b5966bb0e66c9-批注.docx", "002_943b5966bb0e66c9-批注-2.docx", "004_8188c43d4e8d5109-批注.docx",
        "004_8188c43d4e8d5109-批注-2.docx"])
    assert json.loads((tmp_path / "r.json").read_text())["reports"][0]["path"] == str(DOCX["002"])


def test_several_reports_need_a_folder(tmp_path, capsys):
    code, _o, err = cli(capsys, "check", DOCX["002"], DOCX["004"], "--format", f"docx={tmp_path / 'x.docx'}")
    assert code == 2 and "请写入文件夹" in err and not (tmp_path / "x.docx").exists()
    code, _o, err = cli(capsys, "check", DOCX["002"], "--format", f"docx={tmp_path / 'no' / 'such'}/")
    assert code == 2 and "无法写入" in err


def test_a_report_that_is_gone_is_one_line_and_the_others_are_written(tmp_path, rules):
    from checker.report import Run
    from checker.report.docx_out import write_folder

    gone = tmp_path / "gone.docx"
    gone.write_bytes(DOCX["004"].read_bytes())
    reports = [check_path(str(gone), rules).detached(), check_path(str(DOCX["002"]), rules).detached()]
    gone.unlink()
    written, errors = write_folder(Run(reports, rules), str(tmp_path / "out"))
    assert [Path(w).name for w in written] == ["002_943b5966bb0e66c9-批注.docx"]
    assert len(errors) == 1 and errors[0][0] == str(gone) and "无法读取原文件" in errors[0][1]


def test_output_names_are_safe_and_unique():
    assert output_name("reports/2024年度报告.docx") == "2024年度报告-批注.docx"
    assert output_name("a/b/报告:初稿?.doc") == "报告_初稿_-批注.docx"
    assert output_name("C:\\公文\\报告.wps") == "报告-批注.docx"
    assert output_name("<text>") == "报告-批注.docx"
    assert output_name("con.txt") == "_con-批注.docx"
    assert output_name(".hidden") == "hidden-批注.docx"  # not a hidden file
    long = output_name("法" * 200 + ".docx")
    assert len(long.encode("utf-8")) < 255 and long.endswith("-批注.docx")
    taken: set[str] = set()
    assert [unique_name("a-批注.docx", taken) for _ in range(3)] == ["a-批注.docx", "a-批注-2.docx", "a-批注-3.docx"]
    assert unique_name("A-批注.docx", taken) == "A-批注-4.docx"  # as Windows and macOS compare


def test_a_template_comes_back_as_a_document(tmp_path, rules):
    """A .dotx (its main part typed as a template) is read; its copy is a plain .docx."""
    data = DOCX["004"].read_bytes()
    template = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
            zout.writestr(info, blob)
    path = tmp_path / "模板.dotx"
    path.write_bytes(buf.getvalue())
    report = check_path(str(path), rules)
    out = commented_docx(report, rules)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert b"wordprocessingml.document.main+xml" in z.read("[Content_Types].xml")
        assert b"template.main+xml" not in z.read("[Content_Types].xml")
    assert len(docx.Document(io.BytesIO(out)).comments) == 8


# ---------------------------------------------------------------- LibreOffice

def _pdf_of(docx_path: Path, outdir: Path) -> Path:
    """LibreOffice's PDF of a .docx, its comments exported (in the margin where LibreOffice can:
    ExportNotesInMargin, LibreOffice 7.5 and later; as PDF notes before)."""
    options = json.dumps({"ExportNotes": {"type": "boolean", "value": "true"},
                          "ExportNotesInMargin": {"type": "boolean", "value": "true"}})
    subprocess.run([SOFFICE, f"-env:UserInstallation={(outdir / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(outdir), str(docx_path)],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True)
    return outdir / (docx_path.stem + ".pdf")


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_opens_the_copy_and_shows_its_comments(tmp_path, word_copies):
    import pypdf

    report, data = word_copies["004"]
    path = tmp_path / "004-批注.docx"
    path.write_bytes(data)
    pdf = pypdf.PdfReader(_pdf_of(path, tmp_path))
    notes = []  # (page, contents) of each comment LibreOffice exported
    texts = []
    for i, page in enumerate(pdf.pages):
        texts.append(re.sub(r"\s+", "", page.extract_text() or ""))
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") == "/Text" and a.get("/Contents"):
                notes.append((i, str(a["/Contents"])))
    in_margin = any("修改建议：" in t for t in texts)

    def page_of(head: str) -> int:
        if in_margin:
            return next(i for i, t in enumerate(texts) if re.sub(r"\s+", "", head) in t)
        return next(i for i, text in notes if text.startswith(head))

    # the summary on the title (page 1), the missing 落款 after the last paragraph (last page)
    assert page_of("fzcheck 审核结果：") == 0
    assert page_of("不通过｜格式要求：落款（发文机关署名和成文日期）") == len(pdf.pages) - 1
    assert in_margin or len(notes) == len([r for r in report.results if r.status in ("warn", "fail")]) + 1
    if not in_margin:  # each note carries the whole comment
        signature = next(t for _i, t in notes if t.startswith("不通过｜格式要求：落款"))
        assert "补写位置：本段之后（正文末尾）" in signature


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_a_doc_gets_its_comments_on_libreoffices_docx(tmp_path, rules, word_copies):
    """A .doc is checked on LibreOffice's .docx of it; that .docx comes back with the comments
    (on the same paragraphs as the Word fixture's), and the summary says so."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(DOCX["004"])],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180, check=True)
    doc = tmp_path / (DOCX["004"].stem + ".doc")
    before = _sha(doc)
    report = check_path(str(doc), rules)
    assert report.document.source_format == "doc"
    document, comments = _comments(commented_docx(report, rules))
    assert _sha(doc) == before
    summary = next(c for c in comments.values() if c.text.startswith("fzcheck 审核结果："))
    assert "原文件为 .doc 格式，本文件是 LibreOffice 将其转换为 .docx 后加上的批注" in summary.text
    mine = {c.paragraphs[0].text: _places(document)[c.comment_id][0] for c in comments.values()}
    word_document, word_comments = _comments(word_copies["004"][1])
    theirs = {c.paragraphs[0].text: _places(word_document)[c.comment_id][0] for c in word_comments.values()}
    skip = {headline(r) for r in report.results if r.id in FORMAT_DEPENDENT}
    assert {k: v for k, v in mine.items() if k not in skip and not k.startswith("fzcheck")} == \
        {k: v for k, v in theirs.items() if k not in skip and not k.startswith("fzcheck")}


def test_not_to_a_terminal_but_to_a_pipe(capsys, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, _o, err = cli(capsys, "check", DOCX["004"], "--format", "docx")
    assert code == 2 and "不能输出到终端" in err
    monkeypatch.undo()
    proc = subprocess.run([sys.executable, "-m", "checker", "check", str(DOCX["004"]), "--format", "docx"],
                          capture_output=True)
    assert proc.returncode == 1 and proc.stderr == b""
    assert len(docx.Document(io.BytesIO(proc.stdout)).comments) == 8
