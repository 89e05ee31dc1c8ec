"""Screenshots of the web page of `fzcheck serve`, for docs/img/ (make web-img).

The server runs on a free port of 127.0.0.1; a headless Chromium (Selenium, Debian's
chromium-driver) opens the page and:

1. web-upload.png          the page as it opens: the drop zone;
2. web-result.png          a .docx report checked: title block, counts, findings beside the text;
3. web-finding-clicked.png a finding clicked: the text scrolled to its passage, which flashes;
4. web-missing-part.png    a missing part clicked: the marker where it belongs (此处应增加：…);
5. web-errors.png          bad uploads (empty, junk, 100 MB, a ZIP bomb, a spreadsheet, a scan), each
                           one line of Chinese, above a report checked before them;
6. web-narrow.png          the same result in a narrow window (a laptop beside the Word window);
7. web-compare.png         a .txt report checked again beside last year's (对照上一年度报告…), its
                           recycled-text finding clicked: this year's passage marked, last year's
                           place under the quote.

Skipped, saying what to install, without Chromium and its driver.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

OUT = ROOT / "docs" / "img"
DOCX = ROOT / "fixtures" / "formats" / "docx" / "002_943b5966bb0e66c9.docx"
PDF = ROOT / "fixtures" / "formats" / "pdf" / "000_afa1c9d59f367721.pdf"
THIS = ROOT / "fixtures" / "000_afa1c9d59f367721.txt"
LAST = ROOT / "fixtures" / "previous" / "000_prev_2023.txt"


def main() -> int:
    from browser_util import Browser, missing

    why = missing()
    if why:
        print(f"web screenshots skipped: {why}")
        return 0
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from checker.web import Config, Server
    from checker.web.pool import Limits
    from web_samples import bad_files

    OUT.mkdir(parents=True, exist_ok=True)
    server = Server(Config(port=0, limits=Limits(workers=2))).start()
    server.pool.caps()
    browser = Browser(1440, 1000)
    d = browser.driver

    def shot(name: str) -> None:
        time.sleep(0.3)
        path = OUT / name
        d.save_screenshot(str(path))
        print(f"wrote {path.relative_to(ROOT)}")

    def upload(paths):
        n = len(d.find_elements(By.CSS_SELECTOR, "article.report, .report-error"))
        d.find_element(By.ID, "file").send_keys("\n".join(str(p) for p in paths))
        WebDriverWait(d, 120).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".pending") and len(
            d.find_elements(By.CSS_SELECTOR, "article.report, .report-error")) == n + len(paths))

    def settle():  # smooth scrolling and the flash: wait until the text panel stops moving
        last = None
        for _ in range(40):
            now = d.execute_script("return [...document.querySelectorAll('.scroll')].map(s => s.scrollTop).join()"
                                   " + ':' + window.scrollY")
            if now == last:
                return
            last = now
            time.sleep(0.1)

    def click(finding, part: str, block: str = "center") -> None:
        """As a clerk would: the list scrolled to the finding, a click on it, the text panel
        scrolled beside it; the flash of the passage paused for the picture."""
        d.execute_script(f"arguments[0].scrollIntoView({{block: '{block}'}})", finding)
        settle()
        finding.find_element(By.CSS_SELECTOR, part).click()
        settle()
        d.execute_script("document.querySelectorAll('.flash').forEach(e => e.style.animationPlayState = 'paused')")

    try:
        d.get(server.url)
        shot("web-upload.png")

        upload([DOCX])
        shot("web-result.png")

        art = d.find_element(By.CSS_SELECTOR, "article.report")
        click(art.find_element(By.CSS_SELECTOR, '.finding[id$="-f6"]'), ".f-title")  # 行政执法“三项制度”
        shot("web-finding-clicked.png")

        click(art.find_element(By.CSS_SELECTOR, '.finding[data-status="fail"]'), ".f-msg")
        shot("web-missing-part.png")

        d.get(server.url)
        upload([PDF])
        with tempfile.TemporaryDirectory() as tmp:
            upload(list(bad_files(Path(tmp)).values()))
        d.execute_script("window.scrollTo(0, 0)")
        shot("web-errors.png")

        d.set_window_size(900, 1000)
        d.get(server.url)
        upload([DOCX])
        shot("web-narrow.png")

        d.set_window_size(1440, 1000)
        d.get(server.url)
        upload([THIS])
        d.find_element(By.CSS_SELECTOR, "article.report button.compare").click()
        d.find_elements(By.CSS_SELECTOR, "body > input[type=file]")[-1].send_keys(str(LAST))
        WebDriverWait(d, 120).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".pending") and d.find_elements(
            By.CSS_SELECTOR, "article.report .meta .m-6"))
        art = d.find_element(By.CSS_SELECTOR, "article.report")
        recycled = next(f for f in art.find_elements(By.CSS_SELECTOR, ".finding")
                        if f.find_element(By.CSS_SELECTOR, ".f-id").text == "compare.recycled-text")
        click(recycled, ".f-title", "start")
        shot("web-compare.png")
    finally:
        browser.quit()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
