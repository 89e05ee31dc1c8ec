"""The HTML reader: web pages saved from government sites (fixtures/formats/html, written by
tools/format_fixtures/html_fixtures.py) give the same verdicts as the text fixtures; navigation,
footers and share buttons are left out; the metadata table and the title are read; GB2312/GBK
pages decode; the reader is picked by content; bad pages are one-line errors."""

from __future__ import annotations

import json

import pytest

from checker.api import check_path
from checker.errors import InputError
from checker.normalize import normalize
from checker.read import read_bytes, read_path
from checker.read.html import decode_html

from conftest import ROOT, SEEDS, cli, result, text_verdicts

HTML = ROOT / "fixtures" / "formats" / "html"
PAGES = {k: HTML / f"{p.stem}.html" for k, p in SEEDS.items()}

# page furniture each fixture page has (so the test can fail) and the report must not
FURNITURE = ["分享到", "打印本页", "关闭窗口", "主办单位", "ICP备案号", "网站标识码", "联系电话",
             "位置：", "机构概况", "通知公告", "互动交流", "关于印发法治政府建设工作要点的通知", "行政执法“三项制度”实施情况"]



# ---------------------------------------------------------------- 1. the same verdicts

@pytest.mark.parametrize("key", sorted(SEEDS))
def test_html_copy_gives_the_text_verdicts(key, rules):
    html, text = check_path(str(PAGES[key]), rules), check_path(str(SEEDS[key]), rules)
    assert text_verdicts(html) == text_verdicts(text)
    # the page's 发布日期 (its metadata) is what the text copy lacks: published in time
    assert result(html, "format.publication").status == "pass" and result(text, "format.publication").status == "skip"
    want = {**text.document_dict(), "format": "html", "published": html.document.fields.published.isoformat()}
    assert {k: v for k, v in html.document_dict().items() if k != "sources"} == {k: v for k, v in want.items() if k != "sources"}


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_html_copy_gives_the_text_paragraphs(key):
    html = [p.text for p in normalize(read_path(PAGES[key])).paragraphs]
    text = [p.text for p in normalize(read_path(SEEDS[key])).paragraphs]
    assert html == text


# ---------------------------------------------------------------- 2. furniture out, metadata and title in

@pytest.mark.parametrize("key", sorted(SEEDS))
def test_navigation_footer_share_and_related_links_left_out(key):
    page = decode_html(PAGES[key].read_bytes(), "page")
    source = read_path(PAGES[key])
    text = "\n".join(source.lines)
    assert source.format == "html"
    for word in FURNITURE:
        assert word in page, word
        assert word not in text, word


def test_metadata_table_read():
    meta = read_path(PAGES["001"]).metadata  # a table of label / value cells, outside the body
    assert meta["索引号"] == "001008003015019/2024-00056"
    assert meta["发布机构"] == "温州市交通运输局"
    assert meta["成文日期"] == "2024-02-18"
    assert meta["组配分类"] == "计划总结" and meta["发布日期"] == "2024-02-23"
    meta = read_path(PAGES["002"]).metadata  # "<span>发布机构：</span>…" list items
    assert meta["索引号"] == "006995463/2021-00021"
    assert meta["发布机构"] == "湛江经济技术开发区交通运输局" and meta["成文日期"] == "2021-01-20"
    meta = read_path(PAGES["003"]).metadata  # <dl><dt>索引号</dt><dd>…</dd>
    assert meta["索引号"] == "430600/2025-00031" and meta["信息来源"] == "岳阳市交通运输局"
    assert "发布机构" not in meta and "成文日期" not in meta
    meta = read_path(PAGES["004"]).metadata  # "来源：…　发布日期：2022-01-10　【字体：大 中 小】" + <meta> tags
    assert meta["来源"] == "昌吉回族自治州交通运输局" and meta["发布日期"] == "2022-01-10"


def test_title_read_and_emitted_once():
    s = read_path(PAGES["000"])  # title in an <h1> above the body: it becomes the first line
    title = "坡头区交通运输局2024年法治政府建设年度报告"
    assert s.metadata["标题"] == title and s.lines[0] == title and s.locations[0] == "网页标题"
    assert s.lines[1].startswith("2024年我局在区委、区政府的正确领导下") and s.locations[1] == "正文第1段"
    s = read_path(PAGES["003"])  # the body repeats the <h1>: not emitted twice
    assert s.metadata["标题"] == "2024年法治政府建设年度报告"
    assert s.lines[0] == "**2024年法治政府建设年度报告**" and s.locations[0] == "正文第1段"
    assert sum("2024年法治政府建设年度报告" in line for line in s.lines) == 1
    s = read_path(PAGES["004"])  # <meta name="ArticleTitle">, <title> with a "--site" suffix
    assert s.lines[0] == "昌吉州交通运输局2021年法治政府建设工作报告" == s.metadata["标题"]
    s = read_path(PAGES["001"])  # <title>政务公开_温州市交通运输局</title>: a menu entry, not a title
    assert "标题" not in s.metadata and s.lines[0].startswith("2023年,我局在市委市政府的坚强领导下")


def test_bold_run_in_headings_reach_the_normalizer():
    paras = normalize(read_path(PAGES["002"])).paragraphs
    p = next(p for p in paras if p.text.startswith("（一）认真学习依法治国新理念。"))
    assert p.runin_end == len("（一）认真学习依法治国新理念。")


# ---------------------------------------------------------------- 3. encodings and extensions

def test_gb2312_page_decoded():
    data = PAGES["002"].read_bytes()
    assert b'charset=gb2312' in data[:2048]
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # the page holds a GBK character (堃), as real gb2312 pages do
    assert "技术支持：湛江市堃泰信息公司" in decode_html(data, "page")
    lines = read_path(PAGES["002"]).lines
    assert "认真执行《中华人民共和国政府信息公开条例》" in lines[12]


def test_gbk_declared_page_with_a_gbk_character_in_the_body():
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'></head><body>"
            "<div class='content'><p>2024年，刘堃同志带队开展行政执法检查，全年办理行政复议案件3件。</p></div></body></html>")
    s = read_bytes(page.encode("gbk"), "p.html", ".html")
    assert s.lines == ["2024年，刘堃同志带队开展行政执法检查，全年办理行政复议案件3件。"]
    s = read_path(PAGES["003"])  # <meta charset="gbk">, a character outside GB2312 (·)
    assert any("“美好生活·民法典相伴”" in line for line in s.lines)


def test_utf8_page_without_charset_declaration():
    data = PAGES["004"].read_bytes()
    assert b"charset" not in data.lower()
    s = read_path(PAGES["004"])
    assert any(line.startswith("根据昌吉回族自治州人民政府办公室《关于报送2021年法治政府建设工作总结的通知》") for line in s.lines)


@pytest.mark.parametrize("suffix", [".txt", ".doc"])
def test_wrong_extension_still_read_as_html(tmp_path, rules, suffix):
    path = tmp_path / f"report{suffix}"
    path.write_bytes(PAGES["002"].read_bytes())
    s = read_path(path)
    assert s.format == "html" and s.metadata["发布机构"] == "湛江经济技术开发区交通运输局"
    assert text_verdicts(check_path(str(path), rules)) == text_verdicts(check_path(str(SEEDS["002"]), rules))


# ---------------------------------------------------------------- 4. evidence location

def test_evidence_location_is_the_paragraph_of_the_page(capsys):
    code, out, err = cli(capsys, "check", str(PAGES["000"]), "--format", "json")
    assert err == ""
    results = {r["id"]: r for r in json.loads(out)["reports"][0]["results"]}
    ev = results["core.leader-duties"]["evidence"][0]
    assert ev["location"] == "正文第12段" and ev["line"] == 13
    assert ev["text"] == "(三)严格履行党政主要负责人作为法治政府建设第一责任人职责"
    ev = results["format.title"]["evidence"][0]
    assert ev["location"] == "网页标题" and ev["line"] == 1


# ---------------------------------------------------------------- 5. bad pages

def test_page_without_report_text_is_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "nav.html"
    path.write_text("<!DOCTYPE html><html><head><title>温州市交通运输局</title></head><body>"
                    "<div class='nav'><a href='/'>首页</a><a href='/zwgk'>政务公开</a></div>"
                    "<div class='content'><p>暂无内容</p></div>"
                    "<div class='footer'>主办单位：温州市交通运输局 联系电话：0577-88888888</div></body></html>",
                    encoding="utf-8")
    code, out, err = cli(capsys, "check", str(path))
    assert code == 2 and out == ""
    assert err == f"fzcheck: error: {path}: 网页里找不到报告正文\n"
    with pytest.raises(InputError, match="网页里找不到报告正文"):
        read_path(path)


def test_truncated_page_still_read():
    full = read_path(PAGES["000"])
    data = PAGES["000"].read_bytes()
    cut = data.index("(四)贯彻落实法治政府实施纲要".encode()) + 40  # inside a paragraph, mid-character
    s = read_bytes(data[:cut], "cut.html", ".html")
    assert s.lines[:14] == full.lines[:14] and len(s.lines) == 16
    gb = PAGES["002"].read_bytes()
    s = read_bytes(gb[: len(gb) // 2 + 1], "cut.html", ".html")  # a GB page cut anywhere
    assert s.lines[4].startswith("**（一）认真学习依法治国新理念。**将依法治国纳入局党组")


def test_malformed_page_still_read():
    page = ("<html><body><div class=menu><a href=/>首页</a><a href=/a>政务公开</a></div>"
            "<div id=zoom><p><b>一、主要举措</b><p>2024年，我局深入学习贯彻习近平法治思想，严格规范公正文明执法<br>"
            "<p><strong>（一）加强组织领导。</strong>成立法治政府建设领导小组，主要负责人任组长。"
            "<p>二、存在的不足<td>全年办理行政复议案件3件，行政诉讼案件2件。")
    s = read_bytes(page.encode("utf-8"), "bad.html", ".html")
    assert s.lines == ["**一、主要举措**", "2024年，我局深入学习贯彻习近平法治思想，严格规范公正文明执法",
                       "**（一）加强组织领导。**成立法治政府建设领导小组，主要负责人任组长。", "二、存在的不足",
                       "全年办理行政复议案件3件，行政诉讼案件2件。"]
    assert s.locations == [f"正文第{i}段" for i in range(1, 6)]


def test_body_found_by_its_text_not_by_class_names():
    """No known class or id anywhere; the wrapper's class says "bottom"; a long menu and a
    related-links list with Chinese text compete with the body."""
    menu = "".join(f"<li><a href='/c{i}'>交通运输法治政府建设专题栏目第{i}项内容</a></li>" for i in range(30))
    body = "".join(f"<p>　　{i}. 全年共审查行政规范性文件{i}件，办理行政复议案件{i + 2}件，开展普法宣传活动{i}场。</p>"
                   for i in range(1, 7))
    page = (f"<html><head><meta charset='utf-8'><title>某县交通运输局2023年法治政府建设年度报告_某县人民政府</title></head>"
            f"<body><div class='main_bottom'><ul class='a1'>{menu}</ul>"
            f"<div class='b2'><div class='c3'>某县交通运输局2023年法治政府建设年度报告</div>"
            f"<div class='c4'>{body}</div></div>"
            f"<div class='d5'>{menu}</div></div></body></html>")
    s = read_bytes(page.encode(), "p.html", ".html")
    assert s.lines[0] == "某县交通运输局2023年法治政府建设年度报告" and s.locations[0] == "网页标题"
    assert s.lines[1:] == [f"{i}. 全年共审查行政规范性文件{i}件，办理行政复议案件{i + 2}件，开展普法宣传活动{i}场。"
                           for i in range(1, 7)]


def test_metadata_table_inside_the_body_container_is_metadata_not_text():
    body = "".join(f"<p>第{i}项：全年共审查行政规范性文件{i}件，办理行政复议案件{i + 2}件。</p>" for i in range(1, 5))
    page = ("<html><head><meta charset='utf-8'></head><body><div class='content'>"
            "<table><tr><td>索引号：</td><td>1234/2024-001</td><td>发布机构：</td><td>某县司法局</td></tr>"
            "<tr><td>成文日期：</td><td>2024-01-15</td><td>文号：</td><td></td></tr></table>"
            f"{body}</div></body></html>")
    s = read_bytes(page.encode(), "p.html", ".html")
    assert s.metadata == {"索引号": "1234/2024-001", "发布机构": "某县司法局", "成文日期": "2024-01-15"}
    assert s.lines[0] == "第1项：全年共审查行政规范性文件1件，办理行政复议案件3件。" and len(s.lines) == 4
