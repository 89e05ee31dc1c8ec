"""A headless Chromium driven by Selenium, for the web page's tests and its screenshots
(tools/web_screenshots.py): Debian's chromium and chromium-driver, no download of any browser or
driver (Selenium Manager is never asked: both paths are given), no network of its own."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
DRIVER = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
INSTALL = "apt-get install chromium chromium-driver"


def find(candidates: tuple[str, ...], name: str) -> str | None:
    for c in candidates:
        if os.path.exists(c) and os.access(c, os.X_OK):
            return c
    return shutil.which(name)


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install 'fzcheck[test]')"
    if find(CHROMIUM, "chromium") is None:
        return f"no Chromium (install: {INSTALL})"
    if find(DRIVER, "chromedriver") is None:
        return f"no chromedriver (install: {INSTALL})"
    return None


class Browser:
    """One headless Chromium with its own profile and download folder, removed on quit."""

    def __init__(self, width: int = 1440, height: int = 1000) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        os.environ.setdefault("SE_AVOID_STATS", "true")
        self.tmp = Path(tempfile.mkdtemp(prefix="fzcheck-chromium-"))
        self.downloads = self.tmp / "downloads"
        self.downloads.mkdir()
        opts = webdriver.ChromeOptions()
        opts.binary_location = find(CHROMIUM, "chromium")
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=zh-CN",
                     "--hide-scrollbars", f"--window-size={width},{height}", f"--user-data-dir={self.tmp / 'profile'}"):
            opts.add_argument(flag)
        opts.add_experimental_option("prefs", {
            "download.default_directory": str(self.downloads),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        })
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # the console, for errors and CSP reports
        service = Service(executable_path=find(DRIVER, "chromedriver"), log_output=os.devnull)
        self.driver = webdriver.Chrome(options=opts, service=service)
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(self.downloads)})
        self.driver.set_page_load_timeout(30)

    def quit(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
