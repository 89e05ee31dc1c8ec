"""The web page in a real headless Chromium (Debian's chromium + chromium-driver through
Selenium): upload the fixtures in each format and see the counts check_path gives; click a
finding and see its passage scrolled into view; filter; download the JSON, the audit and the
commented .docx (when this version has it) and read them back; upload the bad files and see one
line of Chinese for each, and the page still working afterwards."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from browser_util import missing
from web_samples import FIXTURES, fixture_files, has_chinese

pytest.importorskip("starlette", reason="the web extra is not installed (pip install 'fzcheck[web]')")
_why = missing()
if _why:
    pytest.skip(f"browser tests skipped: {_why}", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from checker.api import check_path  # noqa: E402

DOCX = FIXTURES / "formats" / "docx" / "002_943b5966bb0e66c9.docx"


@pytest.fixture(scope="module")
def browser():
    from browser_util import Browser

    b = Browser()
    yield b
    b.quit()


@pytest.fixture
def page(browser, web_server):
    d = browser.driver
    d.get(web_server.url)
    WebDriverWait(d, 20).until(lambda d: d.find_element(By.ID, "drop").is_displayed())
    return d


def upload(d, paths: list[Path], timeout: float = 120):
    """Choose the files in the page's file input; wait until each has its result or its error."""
    before = len(d.find_elements(By.CSS_SELECTOR, "article.report, .report-error"))
    d.find_element(By.ID, "file").send_keys("\n".join(str(p) for p in paths))
    WebDriverWait(d, timeout).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, ".pending")
        and len(d.find_elements(By.CSS_SELECTOR, "article.report, .report-error")) == before + len(paths))


def article(d, name: str):
    return next(a for a in d.find_elements(By.CSS_SELECTOR, "article.report")
                if a.find_element(By.CSS_SELECTOR, ".rep-name").text == name)


def counts(art) -> dict[str, int]:
    return {c.get_attribute("data-count"): int(c.find_element(By.TAG_NAME, "b").text)
            for c in art.find_elements(By.CSS_SELECTOR, ".counts [data-count]")}


IN_VIEW = """
const el = arguments[0], r = el.getBoundingClientRect();
const box = el.closest('.scroll').getBoundingClientRect();
return r.height > 0 && r.top >= Math.max(0, box.top) - 1 && r.bottom <= Math.min(window.innerHeight, box.bottom) + 1;
"""


def in_view(d, el) -> bool:
    return d.execute_script(IN_VIEW, el)


def test_each_format_shows_the_counts_of_check_path(page, rules):
    files = fixture_files()
    upload(page, files)
    assert not page.find_elements(By.CSS_SELECTOR, ".report-error")
    for path in files:
        expected = check_path(str(path), rules)
        art = article(page, path.name)
        assert counts(art) == expected.summary, path.name
        title = art.find_element(By.CSS_SELECTOR, "dl.meta .m-1 dd").text
        assert title == (expected.document_dict()["title"] or "（未识别）")
        shown = art.find_elements(By.CSS_SELECTOR, ".problems .finding")
        assert len(shown) == expected.summary["fail"] + expected.summary["warn"]
        assert all(f.is_displayed() for f in shown)
        assert not any(f.is_displayed() for f in art.find_elements(By.CSS_SELECTOR, ".passes .finding"))  # collapsed
    # the summary line, in Chinese, as a clerk reads it
    art = article(page, DOCX.name)
    s = check_path(str(DOCX), rules).summary
    assert art.find_element(By.CSS_SELECTOR, ".counts").text == f"不通过 {s['fail']} · 警告 {s['warn']} · 通过 {s['pass']} · 不适用 {s['skip']}"
    index = page.find_element(By.ID, "index").text
    assert DOCX.name in index and f"不通过 {s['fail']} · 警告 {s['warn']}" in index


def test_clicking_a_finding_scrolls_its_passage_into_view(page):
    upload(page, [DOCX])
    art = article(page, DOCX.name)
    finding = art.find_element(By.CSS_SELECTOR, '.finding[id$="-f4"]')  # 下一年度…安排: its quote is near the end
    assert finding.find_element(By.CSS_SELECTOR, ".f-id").text == "core.next-year-plan"
    target = finding.get_attribute("data-target")
    mark = art.find_element(By.CSS_SELECTOR, f'mark[data-ev~="{target}"]')
    assert "2021年，我局将进一步强化领导干部学习培训" in mark.text
    assert not in_view(page, mark)  # the text starts at the top: the passage is out of view
    finding.find_element(By.CSS_SELECTOR, ".f-title").click()
    WebDriverWait(page, 10).until(lambda d: in_view(d, mark))
    assert "flash" in mark.get_attribute("class") and "active" in finding.get_attribute("class")

    # a missing part: the click goes to the marker where it belongs
    missing_part = art.find_element(By.CSS_SELECTOR, '.finding[data-status="fail"]')
    assert missing_part.find_element(By.CSS_SELECTOR, ".f-id").text == "core.shortcomings"
    page.execute_script("arguments[0].scrollTop = 0", art.find_element(By.CSS_SELECTOR, ".scroll"))
    marker = art.find_element(By.ID, missing_part.get_attribute("data-target"))
    WebDriverWait(page, 5).until(lambda d: not in_view(d, marker))
    missing_part.find_element(By.CSS_SELECTOR, ".f-msg").click()
    WebDriverWait(page, 10).until(lambda d: in_view(d, marker))
    group = marker.find_element(By.XPATH, "../..")
    assert group.text.startswith("此处应增加：") and "上一年度推进法治政府建设存在的不足" in marker.text
    # and one of its evidence lines goes to its own passage
    three = art.find_element(By.CSS_SELECTOR, '.finding[id$="-f6"]')
    assert three.find_element(By.CSS_SELECTOR, ".f-id").text == "content.three-systems"
    ev = three.find_elements(By.CSS_SELECTOR, ".ev.quoted")[1]
    ev.click()
    second = art.find_element(By.CSS_SELECTOR, f'mark[data-ev~="{ev.get_attribute("data-go")}"]')
    WebDriverWait(page, 10).until(lambda d: in_view(d, second))
    assert second.text in ev.text


def test_the_page_logs_no_error_and_loads_nothing_from_elsewhere(page):
    """No script error and no Content-Security-Policy refusal while a report is checked, clicked
    and filtered; every resource the page loaded came from this server."""
    upload(page, [DOCX])
    art = article(page, DOCX.name)
    art.find_element(By.CSS_SELECTOR, ".problems .finding .f-title").click()
    art.find_element(By.CSS_SELECTOR, '.flt[data-filter="pass"]').click()
    errors = [e["message"] for e in page.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    origins = page.execute_script("return performance.getEntriesByType('resource').map(r => new URL(r.name).origin)")
    assert origins and set(origins) == {page.execute_script("return location.origin")}


def test_filters_show_one_status(page, rules):
    upload(page, [DOCX])
    art = article(page, DOCX.name)
    s = check_path(str(DOCX), rules).summary
    fails, warns, passes = ["fail"] * s["fail"], ["warn"] * s["warn"], ["pass"] * s["pass"]
    assert fails and warns and passes

    def visible():
        return [f.get_attribute("data-status") for f in art.find_elements(By.CSS_SELECTOR, ".finding") if f.is_displayed()]

    assert visible() == fails + warns
    art.find_element(By.CSS_SELECTOR, '.flt[data-filter="fail"]').click()
    assert visible() == fails
    art.find_element(By.CSS_SELECTOR, '.flt[data-filter="warn"]').click()
    assert visible() == warns
    art.find_element(By.CSS_SELECTOR, '.flt[data-filter="pass"]').click()
    assert visible() == passes
    art.find_element(By.CSS_SELECTOR, '.flt[data-filter="all"]').click()
    assert visible() == fails + warns + passes  # the passes stay open


def _downloaded(browser, suffix: str, timeout: float = 60) -> Path:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = [p for p in browser.downloads.iterdir() if p.name.endswith(suffix)]
        if done and not list(browser.downloads.glob("*.crdownload")):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} downloaded: {list(browser.downloads.iterdir())}")


def test_downloads_read_back(page, browser, web_server, rules):
    for old in browser.downloads.iterdir():
        old.unlink()
    upload(page, [DOCX])
    art = article(page, DOCX.name)
    expected = check_path(str(DOCX), rules)

    art.find_element(By.CSS_SELECTOR, '.dl[data-dl="json"]').click()
    data = json.loads(_downloaded(browser, "-检查结果.json").read_text("utf-8"))
    assert data["reports"][0]["path"] == DOCX.name and data["reports"][0]["summary"] == expected.summary

    art.find_element(By.CSS_SELECTOR, '.dl[data-dl="html"]').click()
    audit = _downloaded(browser, "-审核表.html").read_text("utf-8")
    assert "法治政府建设年度报告审核表" in audit and expected.document_dict()["title"] in audit

    pdf_buttons = art.find_elements(By.CSS_SELECTOR, '.dl[data-dl="pdf"]')
    if pdf_buttons:
        pdf_buttons[0].click()
        assert _downloaded(browser, "-审核表.pdf").read_bytes().startswith(b"%PDF")
        assert art.find_element(By.CSS_SELECTOR, ".dl-status").text == "PDF 已生成"
    else:
        assert "PDF" in art.find_element(By.CSS_SELECTOR, '.dl-note[data-note="pdf"]').text

    word = art.find_elements(By.CSS_SELECTOR, '.dl[data-dl="docx"]')
    if word:
        import docx

        word[0].click()
        document = docx.Document(str(_downloaded(browser, "-批注.docx")))
        comments = [c.text for c in document.comments]
        assert len(comments) >= expected.summary["fail"] + expected.summary["warn"]
    else:  # the commented .docx is not in this version yet: a note instead of the button
        note = art.find_element(By.CSS_SELECTOR, '.dl-note[data-note="docx"]')
        assert note.is_displayed() and note.text == "此版本尚未提供带批注的 Word 文件"


def test_bad_uploads_get_one_line_of_chinese_and_the_page_keeps_working(page, bad_uploads, rules):
    files = list(bad_uploads.values())
    upload(page, files)
    errors = {e.find_element(By.CSS_SELECTOR, ".e-name").text: e.find_element(By.CSS_SELECTOR, ".e-msg").text
              for e in page.find_elements(By.CSS_SELECTOR, ".report-error")}
    assert set(errors) == {p.name for p in files}
    for name, msg in errors.items():
        assert has_chinese(msg) and "\n" not in msg and "Traceback" not in msg, (name, msg)
    assert errors[bad_uploads["empty"].name].startswith("文件是空的")
    assert errors[bad_uploads["big"].name].startswith("文件大小 100 MB，超过了 20 MB 的上限")
    for kind in ("junk", "unsupported", "scanned"):
        assert errors[bad_uploads[kind].name].startswith("无法检查此文件"), kind
    assert errors[bad_uploads["bomb"].name].startswith(("无法检查此文件", "检查超过了"))
    # the page and the server still work
    upload(page, [DOCX])
    assert counts(article(page, DOCX.name)) == check_path(str(DOCX), rules).summary
    # an error can be removed from the page
    page.find_element(By.CSS_SELECTOR, ".report-error .close").click()
    assert len(page.find_elements(By.CSS_SELECTOR, ".report-error")) == len(files) - 1


def test_a_result_checked_again_beside_last_years_report(page, rules):
    """The clerk clicks 对照上一年度报告… on a result and chooses last year's file: the page sends
    both files (this year's it still holds) and shows the compared result in the same place."""
    this = next(FIXTURES.glob("000_*.txt"))
    last = FIXTURES / "previous" / "000_prev_2023.txt"
    upload(page, [this])
    art = article(page, this.name)
    button = art.find_element(By.CSS_SELECTOR, "button.compare")
    assert button.text == "对照上一年度报告…"
    button.click()
    page.find_elements(By.CSS_SELECTOR, "body > input[type=file]")[-1].send_keys(str(last))
    WebDriverWait(page, 120).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, ".pending")
        and "对照上年报告" in article(d, this.name).find_element(By.CSS_SELECTOR, "dl.meta").text)
    expected = check_path(str(this), rules, previous=str(last))
    art = article(page, this.name)
    assert counts(art) == expected.summary
    assert len(page.find_elements(By.CSS_SELECTOR, "article.report")) == 1  # in place of the first result
    recycled = next(f for f in art.find_elements(By.CSS_SELECTOR, ".finding") if f.get_attribute("id") and
                    f.find_element(By.CSS_SELECTOR, ".f-id").text == "compare.recycled-text")
    assert recycled.get_attribute("data-status") == "fail"
    assert "上年报告第13行" in recycled.find_element(By.CSS_SELECTOR, ".ev .last").text
    assert art.find_element(By.CSS_SELECTOR, "button.compare").text == "换一份上一年度报告对照"
    index = page.find_element(By.ID, "index").text
    assert this.name in index and "检查中" not in index and index.count(this.name) == 1


def test_a_failed_comparison_leaves_the_result_as_it_was(page, rules, tmp_path):
    this = next(FIXTURES.glob("000_*.txt"))
    empty = tmp_path / "上年报告.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "上年报告.docx"
    junk.write_bytes(b"PK\x03\x04 not a word file")
    upload(page, [this])
    expected = check_path(str(this), rules).summary
    for last, message in ((empty, "是空的"), (junk, "无法读取上一年度的报告")):
        art = article(page, this.name)
        art.find_element(By.CSS_SELECTOR, "button.compare").click()
        page.find_elements(By.CSS_SELECTOR, "body > input[type=file]")[-1].send_keys(str(last))
        WebDriverWait(page, 60).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".pending")
                                      and d.find_elements(By.CSS_SELECTOR, ".report-error"))
        shown = page.find_element(By.CSS_SELECTOR, ".report-error").text
        assert "未能对照上一年度报告" in shown and message in shown
        art = article(page, this.name)
        assert art.is_displayed() and counts(art) == expected
        assert "对照上年报告" not in art.find_element(By.CSS_SELECTOR, "dl.meta").text
        index = page.find_element(By.ID, "index").text
        assert f"不通过 {expected['fail']} · 警告 {expected['warn']}" in index and "对照检查中" not in index
        for e in page.find_elements(By.CSS_SELECTOR, ".report-error .close"):
            e.click()  # the error removed, for the next round
