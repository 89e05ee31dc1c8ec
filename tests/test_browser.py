"""The HTML summary sorts and filters in a real browser (headless Chromium driven by Selenium);
skipped, saying what to install, where Chromium, its driver or Selenium are missing."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import seeds_in_folders

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The summary of the five fixtures in two sub-folders; and the JSON of the same run."""
    from checker.cli import main

    root = tmp_path_factory.mktemp("browser")
    reports = seeds_in_folders(root / "reports")
    html, js = root / "audit.html", root / "r.json"
    main(["check", str(reports), "--format", f"html={html}", "--format", f"json={js}", "--no-progress"])
    return html, json.loads(js.read_text("utf-8"))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM or not DRIVER:
        pytest.skip("needs Chromium and its driver: apt-get install chromium chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="needs Selenium: pip install 'fzcheck[test]'")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never download a driver
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1100,1400",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()


def _open(browser, html, fragment=""):
    browser.get(html.as_uri() + fragment)
    browser.execute_script("return document.readyState")
    return browser


def _rows(browser):
    """The visible report rows, in order: (path, fails)."""
    return browser.execute_script("""
        return Array.from(document.querySelectorAll('#reports tbody tr:not(.grp)'))
          .filter(tr => !tr.hidden && !tr.closest('tbody').hidden)
          .map(tr => [tr.dataset.path, +tr.dataset.fail, tr.closest('tbody').dataset.group]);""")


def _click_header(browser, key):
    browser.find_element("css selector", f'#reports th[data-key="{key}"]').click()


def _select(browser, element_id, value):
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", element_id)).select_by_value(value)


def _count(browser):
    return browser.find_element("id", "f-count").text


def test_controls_appear_and_rows_are_grouped_by_sub_folder(browser, page):
    html, data = page
    b = _open(browser, html)
    assert b.find_element("id", "controls").is_displayed()
    assert _count(b) == "显示 5 / 5 份"
    rows = _rows(b)
    assert [g for _, _, g in rows] == ["区A"] * 3 + ["市直部门"] * 2
    heads = [e.text for e in b.find_elements("css selector", "#reports tr.grp th")]
    assert heads == ["区A 3 份", "市直部门 2 份"]


def test_sort_by_fails_within_groups_and_across_them(browser, page):
    html, data = page
    b = _open(browser, html)
    _click_header(b, "fail")
    th = b.find_element("css selector", '#reports th[data-key="fail"]')
    assert th.get_attribute("aria-sort") == "descending" and "sort=fail-desc" in b.current_url
    rows = _rows(b)
    for group in ("区A", "市直部门"):
        fails = [f for _, f, g in rows if g == group]
        assert fails == sorted(fails, reverse=True)
    b.find_element("id", "f-group").click()  # one list
    fails = [f for _, f, _ in _rows(b)]
    expected = sorted((rep["summary"]["fail"] for rep in data["reports"]), reverse=True)
    assert fails == expected == [2, 2, 2, 1, 0]
    assert "group=0" in b.current_url
    _click_header(b, "fail")  # again: ascending
    assert [f for _, f, _ in _rows(b)] == sorted(expected)
    assert th.get_attribute("aria-sort") == "ascending"


def test_filter_by_a_rules_result(browser, page):
    html, data = page
    b = _open(browser, html)
    _select(b, "f-rule", "core.shortcoming-causes")
    _select(b, "f-st", "fail")
    failing = sorted(rep["path"] for rep in data["reports"]
                     if any(r["id"] == "core.shortcoming-causes" and r["status"] == "fail" for r in rep["results"]))
    assert sorted(p for p, _, _ in _rows(b)) == failing and len(failing) == 3
    assert _count(b) == "显示 3 / 5 份"
    _select(b, "f-st", "warnfail")
    assert len(_rows(b)) == 4
    b.find_element("id", "f-reset").click()
    assert _count(b) == "显示 5 / 5 份"


def test_filter_by_year_kind_and_text(browser, page):
    html, data = page
    b = _open(browser, html)
    _select(b, "f-year", "2024")
    assert sorted(p for p, _, _ in _rows(b)) == sorted(r["path"] for r in data["reports"] if r["document"]["year"] == 2024)
    b.find_element("id", "f-reset").click()
    box = b.find_element("id", "f-q")
    box.send_keys("湛江")
    paths = [p for p, _, _ in _rows(b)]
    assert paths == [r["path"] for r in data["reports"] if "湛江" in (r["document"]["issuer"] or "") + (r["document"]["title"] or "")]
    assert len(paths) == 2
    kinds = [o.get_attribute("value") for o in b.find_elements("css selector", "#f-kind option")][1:]
    assert set(kinds) == {r["document"].get("kind") or "unknown" for r in data["reports"]}


def test_a_view_opens_from_the_address(browser, page):
    """#sort=…&rule=…&st=… in the address opens that view: a link can be sent, a plain screenshot taken."""
    html, data = page
    b = _open(browser, html, "#sort=fail-desc&group=0&st=fail")
    assert [f for _, f, _ in _rows(b)] == [2, 2, 2, 1]  # the report with no fail is filtered out
    assert b.find_element("id", "f-st").get_attribute("value") == "fail"
    assert not b.find_element("id", "f-group").is_selected()


def test_a_count_in_the_rule_table_filters_the_reports(browser, page):
    html, data = page
    b = _open(browser, html)
    b.find_element("css selector", '.pick[data-rule="format.signature"][data-st="fail"]').click()
    assert b.find_element("id", "f-rule").get_attribute("value") == "format.signature"
    assert len(_rows(b)) == 2


def test_the_printed_page_has_no_controls(browser, page):
    html, _ = page
    b = _open(browser, html)
    b.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not b.find_element("id", "controls").is_displayed()
    finally:
        b.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
