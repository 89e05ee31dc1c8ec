"""The printable audit: one self-contained HTML file for A4, and the same as PDF (WeasyPrint with a
Chinese font), or one line saying what to install."""

from __future__ import annotations

import builtins
import re
import sys
from html.parser import HTMLParser

import pytest

from checker.cli import main

from conftest import SEEDS, SEED_ARGS, cli, N_RULES, seeds_in_folders



class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def having(self, tag: str, cls: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and cls in (a.get("class") or "").split()]


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "audit.html"
    assert main(["check", *SEED_ARGS, "--format", f"html={path}"]) == 1
    return path.read_text("utf-8")


def test_html_is_self_contained(audit):
    tags = Tags(audit)
    assert not [t for t, _ in tags.tags if t in ("link", "img", "iframe", "object")]
    assert not [a for _, a in tags.tags if any(k in a for k in ("src", "onload", "onclick", "onsubmit"))]
    # one script, inline, that loads nothing
    assert [t for t, _ in tags.tags].count("script") == 1
    script = audit[audit.index("<script>"):audit.index("</script>")]
    for word in ("fetch(", "XMLHttpRequest", "import(", "WebSocket", "http:", "https:", "//cdn", "eval("):
        assert word not in script
    hrefs = [a["href"] for t, a in tags.tags if t == "a"]
    assert hrefs and all(h.startswith("#") for h in hrefs)  # only links inside the file
    assert "url(" not in audit and "@import" not in audit and "@font-face" not in audit
    assert "<style>" in audit and "size: A4" in audit


def test_html_print_layout(audit):
    assert "thead { display: table-header-group; }" in audit  # header repeated on each page
    assert "section.report { break-before: page;" in audit  # each report on a new page
    assert "break-inside: avoid" in audit  # a row is never split


def test_html_title_blocks_and_versions(audit):
    from checker.api import tool_info
    from checker.evaluate import load_rules

    tags = Tags(audit)
    sections = tags.having("section", "report")
    assert len(sections) == 5 and len(tags.having("section", "summary")) == 1
    text = "".join(tags.text)
    for title in ("坡头区交通运输局2024年法治政府建设年度报告", "昌吉州交通运输局2021年法治政府建设工作报告"):
        assert title in text
    assert "湛江经济技术开发区交通运输局" in text and "2024-02-18" in text  # issuer, date of 001
    info = tool_info(load_rules())
    assert f"fzcheck {info['version']}" in text and info["rules"]["packs"] in text
    assert f"sha256:{info['rules']['sha256']}" in text


def test_html_status_by_word_and_class(audit):
    tags = Tags(audit)
    badges = tags.having("span", "st")
    # each result a badge, plus four in each report's counts line
    assert len(badges) == 5 * N_RULES + 5 * 4
    words = {"st-pass": "通过", "st-warn": "警告", "st-fail": "不通过", "st-skip": "不适用"}
    for cls, word in words.items():
        assert re.search(f'<span class="st {cls}">{word}</span>', audit)
    fails = tags.having("tr", "row-fail")
    assert len(fails) == 7  # the seven fails of docs/verdicts.md
    assert "core.shortcoming-causes" in audit


def test_html_summary_bars_most_failed_first(audit):
    tags = Tags(audit)
    bars = tags.having("div", "bar")
    assert len(bars) == N_RULES
    assert bars[0]["aria-label"] == "不通过 3，警告 1，通过 1，不适用 0"  # core.shortcoming-causes
    widths = re.findall(r'<span class="b-fail" style="width: ([\d.]+)%">', audit)
    assert widths[0] == "60.00"


def test_html_escapes_report_text(capsys, tmp_path):
    text = SEEDS["003"].read_text("utf-8").replace("年法治政府建设年度报告", "年法治政府建设<script>alert(1)</script>年度报告", 1)
    assert "<script>" in text
    p = tmp_path / "x.txt"
    p.write_text(text, "utf-8")
    code, out, _ = cli(capsys, "check", p, "--format", "html")
    assert "<script>" not in out and "</script>" not in out and "&lt;/script&gt;年度报告" in out


def test_html_summary_only(capsys):
    code, out, _ = cli(capsys, "check", *SEED_ARGS, "--format", "html", "--summary-only")
    tags = Tags(out)
    assert len(tags.having("section", "report")) == 0 and len(tags.having("div", "bar")) == N_RULES


def test_html_single_report_has_no_summary_page(capsys):
    code, out, _ = cli(capsys, "check", SEEDS["001"], "--format", "html")
    tags = Tags(out)
    assert tags.having("section", "summary") == [] and len(tags.having("section", "report")) == 1
    assert "report first" in out  # no page break before the only report


def test_html_shows_evidence_location_when_a_reader_gives_one(monkeypatch):
    """Readers of .docx/.pdf may add a `location` (page, paragraph) to evidence."""
    from checker.api import check_path
    from checker.evaluate import load_rules
    from checker.report import Run, render

    rep = check_path(str(SEEDS["003"]), load_rules())
    e = next(r for r in rep.results if r.id == "core.leader-duties").evidence[0]
    e.location = "第2页第7行"
    out = render("html", Run([rep], load_rules()))
    # the place in the original file replaces the line of the extracted text, which the user never sees
    assert f"第2页第7行</span> {e.text}" in out and f"第{e.line}行" not in out.split(e.text)[0][-40:]
    table = render("table", Run([rep], load_rules(), show_pass=1))  # a pass quotes its evidence with -v
    assert "第2页第7行 三、" in table and f"第{e.line}行 三、" not in table


# ---------------------------------------------------------------- PDF

def _pdf_ready() -> str | None:
    from checker.errors import FzcheckError
    from checker.report import pdf

    try:
        pdf.ensure_available()
    except FzcheckError as exc:
        return str(exc)
    return None


@pytest.fixture(scope="module")
def audit_pdf(tmp_path_factory):
    missing = _pdf_ready()
    if missing:
        pytest.skip(f"PDF tools missing here: {missing}")
    path = tmp_path_factory.mktemp("pdf") / "audit.pdf"
    assert main(["check", *SEED_ARGS, "--format", f"pdf={path}", "--fail-on", "never"]) == 0
    return path


def test_pdf_reads_back_chinese_on_a4(audit_pdf):
    from pypdf import PdfReader

    reader = PdfReader(str(audit_pdf))
    pages = [p.extract_text() or "" for p in reader.pages]
    assert len(pages) > 6
    for page in reader.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - 595.3) < 1 and abs(h - 841.9) < 1  # A4 portrait
    assert "法治政府建设年度报告审核汇总" in pages[0] and "不足的原因" in pages[0]
    text = "\n".join(pages)
    assert "通过" in text and "不通过" in text and "不适用" in text and "警告" in text
    assert "湛江经济技术开发区交通运输局2020年法治政府建设工作报告" in text
    # each report starts a page with its title block
    starts = [i for i, p in enumerate(pages) if p.lstrip().startswith("法治政府建设年度报告审核表")]
    assert len(starts) == 5
    assert "坡头区交通运输局2024年法治政府建设年度报告" in pages[starts[0]]
    # the table header is repeated on the pages a report runs on to
    follow = [i for i in range(starts[0] + 1, starts[1])]
    assert follow and all("要求（规则）" in pages[i] or pages[i].lstrip().startswith("人工复核") for i in follow)
    # and each ends with the reviewer's block, blank to fill in by hand
    for start, end in zip(starts, starts[1:] + [len(pages)]):
        last = pages[end - 1]
        assert "人工复核意见" in last and "审核人" in last and "审核日期" in last and "年　　月　　日" in last
    fonts = {str(f.get("/BaseFont")) for p in reader.pages[:2] for f in p["/Resources"]["/Font"].values()}
    assert any("CJK" in f or "Hei" in f or "Han" in f for f in fonts), fonts


def test_pdf_without_a_chinese_font_says_what_to_install(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FZCHECK_FONTS_ZH", "")
    target = tmp_path / "a.pdf"
    code, out, err = cli(capsys, "check", SEEDS["000"], "--format", f"pdf={target}")
    assert code == 2 and err.count("\n") == 1 and "fonts-noto-cjk" in err and "Chinese" in err
    assert not target.exists()


def test_pdf_checks_before_anything_is_written(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("FZCHECK_FONTS_ZH", "")
    code, out, err = cli(capsys, "check", SEEDS["000"], "--format", "table", "--format", f"pdf={tmp_path / 'a.pdf'}")
    assert code == 2 and out == "" and list(tmp_path.iterdir()) == []


def test_pdf_without_weasyprint(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint → ImportError
    code, _, err = cli(capsys, "check", SEEDS["000"], "--format", f"pdf={tmp_path / 'a.pdf'}")
    assert code == 2 and err.count("\n") == 1 and "pip install 'fzcheck[pdf]'" in err


def test_pdf_without_pango(capsys, tmp_path, monkeypatch):
    real_import = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake)
    code, _, err = cli(capsys, "check", SEEDS["000"], "--format", f"pdf={tmp_path / 'a.pdf'}")
    assert code == 2 and err.count("\n") == 1 and "libpango-1.0-0" in err and "apt-get install" in err


def test_pdf_not_to_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, _, err = cli(capsys, "check", SEEDS["000"], "--format", "pdf")
    assert code == 2 and "不能输出到终端" in err


def test_fontconfig_is_asked_even_without_fc_list(monkeypatch):
    """Pango needs libfontconfig, not the fc-list program: without it, ask the library."""
    from checker.report import pdf

    by_program, by_library = pdf._fc_list_zh(), pdf._fontconfig_zh()
    if by_program is None or by_library is None:
        pytest.skip("fc-list or libfontconfig missing here")
    assert bool(by_program) == bool(by_library)
    monkeypatch.delenv("FZCHECK_FONTS_ZH", raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert pdf.chinese_fonts() == by_library


# ---------------------------------------------------------------- one file per report, joined PDF

@pytest.fixture(scope="module")
def folder_run(tmp_path_factory):
    """The five fixtures in two sub-folders, rendered as one PDF, as a PDF per report and as an
    HTML page per report, in one run."""
    missing = _pdf_ready()
    if missing:
        pytest.skip(f"PDF tools missing here: {missing}")
    root = tmp_path_factory.mktemp("folders")
    reports = seeds_in_folders(root / "reports")
    out = root / "out"
    out.mkdir()
    assert main(["check", str(reports), "--format", f"pdf={out / 'all.pdf'}", "--format", f"pdf={out / 'pdf'}/",
                 "--format", f"html={out / 'html'}/", "--reviewer", "王五", "--review-date", "2025-03-05",
                 "--review-office", "某区依法治区办", "--fail-on", "never", "--no-progress"]) == 0
    return reports, out


def test_a_pdf_per_report_named_after_it(folder_run):
    from pypdf import PdfReader

    reports, out = folder_run
    names = sorted(str(p.relative_to(out / "pdf")) for p in (out / "pdf").rglob("*.pdf"))
    assert names == sorted(["汇总.pdf"] + [f"{'区A' if i < 3 else '市直部门'}/{p.stem}.pdf" for i, p in enumerate(SEEDS.values())])
    for i, p in enumerate(SEEDS.values()):
        pdf = out / "pdf" / ("区A" if i < 3 else "市直部门") / f"{p.stem}.pdf"
        pages = [pg.extract_text() for pg in PdfReader(str(pdf)).pages]
        n = len(pages)
        # one report's audit, its pages numbered by themselves, its file in the footer
        assert sum(pg.lstrip().startswith("法治政府建设年度报告审核表") for pg in pages) == 1
        assert all(f"第 {k} 页 / 共 {n} 页" in pg for k, pg in enumerate(pages, 1))
        assert p.name in pages[0] and p.name in pages[-1]
        # the reviewer block, pre-filled
        assert "审核人" in pages[-1] and "王五" in pages[-1] and "2025年3月5日" in pages[-1] and "某区依法治区办" in pages[-1]
    summary = [pg.extract_text() for pg in PdfReader(str(out / "pdf" / "汇总.pdf")).pages]
    assert summary[0].lstrip().startswith("法治政府建设年度报告审核汇总") and "人工复核" not in "".join(summary)
    text = "".join(summary)
    assert "区A" in text and "市直部门" in text  # grouped by sub-folder


def test_the_joined_pdf_is_the_per_report_pdfs_page_for_page(folder_run):
    """The combined PDF is the summary and the per-report PDFs one after the other, and renders
    the same to the pixel, although its parts share one subset of each font."""
    import pypdfium2 as pdfium
    from PIL import ImageChops
    from pypdf import PdfReader

    reports, out = folder_run
    parts = [out / "pdf" / "汇总.pdf"] + [out / "pdf" / ("区A" if i < 3 else "市直部门") / f"{p.stem}.pdf"
                                         for i, p in enumerate(SEEDS.values())]
    joined = pdfium.PdfDocument(str(out / "all.pdf"))
    k = 0
    for part in parts:
        doc = pdfium.PdfDocument(str(part))
        for j in range(len(doc)):
            a = joined[k].render(scale=0.8).to_pil().convert("L")
            b = doc[j].render(scale=0.8).to_pil().convert("L")
            assert ImageChops.difference(a, b).getbbox() is None, (part.name, j)
            k += 1
    assert k == len(joined)
    reader = PdfReader(str(out / "all.pdf"))
    files: dict[str, set[int]] = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            desc = f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            files.setdefault(str(desc["/FontName"]), set()).update(
                desc.raw_get(key).idnum for key in ("/FontFile2", "/FontFile3") if key in desc)
    assert len(files) >= 3 and all(len(v) == 1 for v in files.values()), files  # each face embedded once
    per_report = sum(p.stat().st_size for p in parts)
    assert (out / "all.pdf").stat().st_size < per_report / 2


def test_the_joined_pdf_has_a_bookmark_and_a_link_per_report(folder_run):
    from pypdf import PdfReader

    reports, out = folder_run
    reader = PdfReader(str(out / "all.pdf"))
    top = reader.outline
    assert top[0]["/Title"] == "审核汇总"
    groups = [x["/Title"] for x in top if not isinstance(x, list)][1:]
    assert groups == ["区A", "市直部门"]
    children = [x for x in top if isinstance(x, list)]
    assert [len(c) for c in children] == [3, 2]
    assert children[0][0]["/Title"] == "坡头区交通运输局2024年法治政府建设年度报告（000_afa1c9d59f367721.txt）"
    starts = {reader.get_destination_page_number(c) for group in children for c in group}
    for i in starts:
        assert reader.pages[i].extract_text().lstrip().startswith("法治政府建设年度报告审核表")
    # the summary's rows link to the reports' first pages
    dests = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    summary_pages = reader.pages[:min(starts)]  # the summary: every page before the first report's
    links = [a.get_object()["/A"]["/D"] for p in summary_pages for a in p.get("/Annots") or []]
    assert links and set(links) == set(dests) and set(dests.values()) == starts


def test_an_html_page_per_report_and_a_summary_linking_to_them(folder_run):
    from urllib.parse import unquote

    reports, out = folder_run
    summary = (out / "html" / "汇总.html").read_text("utf-8")
    hrefs = [a["href"] for t, a in Tags(summary).tags if t == "a"]
    assert len(hrefs) == 5 and all((out / "html" / unquote(h)).is_file() for h in hrefs)
    page = (out / "html" / "区A" / "002_943b5966bb0e66c9.html").read_text("utf-8")
    tags = Tags(page)
    assert len(tags.having("section", "report")) == 1 and not tags.having("section", "summary")
    assert "<script>" not in page and "王五" in page


def test_the_pdf_uses_real_faces_not_synthetic_ones(audit_pdf):
    """Bold text in the bold face of the font, nothing slanted (CJK fonts have no italic)."""
    import io

    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    reader = PdfReader(str(audit_pdf))
    weights = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            name = str(f.get_object()["/BaseFont"])
            assert "Oblique" not in name and "Italic" not in name, name
            desc = f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            stream = desc.get("/FontFile3") or desc.get("/FontFile2")
            font = TTFont(io.BytesIO(stream.get_data()))
            weights[name.split("+")[1]] = font["OS/2"].usWeightClass
    cjk = {k: v for k, v in weights.items() if "CJK" in k or "Hei" in k or "Han" in k}
    assert any(v >= 600 for v in cjk.values()) and any(v <= 500 for v in cjk.values()), weights


def test_requirement_level_words_are_not_result_words(audit):
    tags = Tags(audit)
    levels = [a["class"] for a in tags.having("span", "lv")]
    assert len([c for c in levels if "lv-" in c]) == 5 * N_RULES + N_RULES  # a tag on each result, and in the rule summary
    for word, cls in (("必须", "lv-error"), ("应当", "lv-warning"), ("建议", "lv-info")):
        assert f'<span class="lv {cls}">{word}</span>' in audit
    results = audit[audit.index('<table class="results">'):]
    assert "错误" not in results and "提示" not in results
    assert "font-style: italic" not in audit


def test_reviewer_block_blank_to_fill_in(audit):
    tags = Tags(audit)
    assert len(tags.having("div", "review")) == 5
    assert len(tags.having("div", "line")) == 5 * (4 + 2)  # four lines for the opinion, one each for office and reviewer
    assert audit.count("年　　月　　日") == 5 and len(tags.having("span", "box")) == 15


@pytest.mark.parametrize("args,words", [
    (["--review-date", "2025-13-01"], "--review-date: “2025-13-01”不是日期"),
    (["--reviewer", " "], "--reviewer: 不能为空"),
    (["--format", "json=out/"], "out/ 是文件夹（每份报告一个文件），只有 docx、html、pdf 能这样写"),
    (["--format", "csv", "-o", "out/"], "out/ 是文件夹（每份报告一个文件），只有 docx、html、pdf 能这样写"),
])
def test_reviewer_and_folder_usage_errors(capsys, tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "check", SEEDS["000"], *args)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_folder_output_never_overwrites_a_report(capsys, tmp_path):
    """html=DIR/ into the folder being checked: a saved web-page report there keeps its name."""
    (tmp_path / "a.txt").write_bytes(SEEDS["003"].read_bytes())
    page = (SEEDS["003"].parent / "formats" / "html").glob("*.html")
    src = next(iter(sorted(page)), None)
    if src is None:
        pytest.skip("no web-page fixture")
    (tmp_path / "a.html").write_bytes(src.read_bytes())
    before = (tmp_path / "a.html").read_bytes()
    code, _, err = cli(capsys, "check", tmp_path, "--format", f"html={tmp_path}/", "--fail-on", "never")
    assert code == 0, err
    assert (tmp_path / "a.html").read_bytes() == before
    assert {p.name for p in tmp_path.iterdir()} >= {"a.txt", "a.html", "a.txt.html", "a.html.html", "汇总.html"}


def test_an_interrupted_write_leaves_nothing_behind(capsys, tmp_path, monkeypatch):
    from checker.report import html

    target = tmp_path / "audit.html"
    target.write_text("the audit of yesterday", "utf-8")

    def broken(*a, **kw):
        yield "<html>"
        raise KeyboardInterrupt

    monkeypatch.setattr(html, "page", broken)
    code, _, _ = cli(capsys, "check", *SEED_ARGS, "--format", f"html={target}")
    assert code == 130
    assert target.read_text("utf-8") == "the audit of yesterday" and [p.name for p in tmp_path.iterdir()] == ["audit.html"]


def test_a_long_summary_is_laid_out_a_piece_at_a_time(capsys, tmp_path, monkeypatch):
    """Over many reports the summary is cut into pieces of SUMMARY_ROWS rows (WeasyPrint's memory
    and time grow faster than the rows of one table); its pages number on from piece to piece and a
    group cut in two is headed （续）."""
    from pypdf import PdfReader

    missing = _pdf_ready()
    if missing:
        pytest.skip(f"PDF tools missing here: {missing}")
    from checker.report import pdf

    monkeypatch.setattr(pdf, "SUMMARY_ROWS", 2)
    seeds_in_folders(tmp_path / "reports", "区B")
    target = tmp_path / "all.pdf"
    code, _, err = cli(capsys, "check", tmp_path / "reports", "--format", f"pdf={target}", "--fail-on", "never", "--jobs", "1")
    assert code == 0, err
    reader = PdfReader(str(target))
    pages = [p.extract_text() for p in reader.pages]
    starts = [i for i, p in enumerate(pages) if p.lstrip().startswith("法治政府建设年度报告审核表")]
    summary = pages[:starts[0]]
    assert len(summary) >= 3
    assert [f"第{k}页" in p.replace(" ", "") and "共" not in p.replace(" ", "").split("第")[-1] for k, p in enumerate(summary, 1)] == [True] * len(summary)
    assert summary[0].lstrip().startswith("法治政府建设年度报告审核汇总")
    assert any("各份报告的结果（续）" in p and "区A（续）" in p for p in summary)
    # the links of every piece still reach the reports
    dests = {name: reader.get_destination_page_number(d) for name, d in reader.named_destinations.items()}
    links = [a.get_object()["/A"]["/D"] for p in reader.pages[:starts[0]] for a in p.get("/Annots") or []]
    assert set(links) == set(dests) and sorted(set(dests.values())) == starts
