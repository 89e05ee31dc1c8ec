"""Pictures of the printable audit of the five fixtures, for docs/img/ (make audit-img).

1. fzcheck writes the audit of fixtures/ as HTML and as PDF (WeasyPrint), dated by
   SOURCE_DATE_EPOCH so the pictures only change when the audit does;
2. the PDF's pages → PNG with pdftoppm (poppler-utils);
3. the HTML as a browser shows and prints it: headless Chromium prints it to PDF (its own A4
   layout, not WeasyPrint's) → PNG, and takes a screenshot of the screen view;
4. the Excel workbook as LibreOffice renders it (soffice --convert-to pdf → PNG): the reports ×
   rules sheet and the findings sheet;
5. the sortable summary of a folder of reports in sub-folders, in headless Chromium driven by
   Selenium: as it opens, after a click on 不通过 (most fails first), and filtered by one rule's
   result.

Steps 3 and 5 are skipped, saying so, when Chromium (apt-get install chromium chromium-driver) or
Selenium is missing, step 4 without LibreOffice Calc (apt-get install libreoffice-calc-nogui).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
FZCHECK = str(Path(sys.executable).parent / "fzcheck")
RES = "60"  # dpi: an A4 page is 496 × 702 px, small enough to commit, large enough to read
EPOCH = "1764000000"  # 2025-11-24
# the pages shown: the summary, the first page of the first report, a page where its table
# runs on (header repeated), and the first page of a report with fails
PDF_PAGES = {"summary": 1, "report-000-p1": 3, "report-000-p2": 4}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


def pages_with(pdf: Path, text: str) -> list[int]:
    out = run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return [i + 1 for i, page in enumerate(out.split("\f")) if text in page]


def to_png(pdf: Path, page: int, name: str, gray: bool = False) -> Path:
    target = OUT / name
    run(["pdftoppm", "-png", "-r", RES, *(["-gray"] if gray else []), "-f", str(page), "-l", str(page),
         "-singlefile", str(pdf), str(target)])
    return target.with_suffix(".png")


def crop(png: Path, box: tuple[int, int, int, int] | None = None, margin: int = 12, width: int | None = None,
         footer: int = 0) -> None:
    """Cut the picture down to what is drawn on it (or to box), with a white margin: at most
    ``width`` pixels wide, leaving out the last ``footer`` pixels (a printed page's footer)."""
    from PIL import Image, ImageOps

    im = Image.open(png).convert("RGB")
    if box is None:
        ink = ImageOps.invert(im.convert("L")).crop((0, 0, im.width, im.height - footer))
        box = ink.getbbox() or (0, 0, im.width, im.height)
    if width:
        box = (box[0], box[1], min(box[2], box[0] + width), box[3])
    left, top, right, bottom = box
    im.crop((max(0, left - margin), max(0, top - margin), min(im.width, right + margin),
             min(im.height, bottom + margin))).save(png)


def xlsx_images(tmp: Path, env: dict[str, str]) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("audit_images: no LibreOffice: the Excel pictures are not made (apt-get install libreoffice-calc-nogui)")
        return []
    book = tmp / "台账.xlsx"
    if not (tmp / "reports").exists():
        summary_folder(tmp)
    subprocess.run([FZCHECK, "check", "reports", "--fail-on", "never", "--format", f"xlsx={book}",
                    "--reviewer", "张三", "--review-date", "2025-03-05"], cwd=tmp, env=env, check=True)
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}",
                           "--convert-to", "pdf", "--outdir", str(tmp), str(book)], capture_output=True, text=True)
    printed = tmp / "台账.pdf"
    if not printed.exists():
        print(f"audit_images: LibreOffice could not convert the workbook (is Calc installed? apt-get install "
              f"libreoffice-calc-nogui): {done.stderr.strip()[-200:]}")
        return []
    made = []
    # the matrix at a size to read: its first columns and the first rules (the sheet goes on to the right)
    for name, sheet, dpi, width in (("xlsx-reports", "报告结果", "220", 1500), ("xlsx-findings", "问题清单", "90", None)):
        page = pages_with(printed, f"fzcheck · {sheet}")[0]
        target = OUT / name
        run(["pdftoppm", "-png", "-r", dpi, "-f", str(page), "-l", str(page), "-singlefile", str(printed), str(target)])
        crop(target.with_suffix(".png"), width=width, footer=int(dpi) // 2)
        made.append(target.with_suffix(".png"))
    return made


def summary_folder(root: Path) -> Path:
    """A folder as offices file submissions (reports/<区或部门>/), of the fixtures and edited copies."""
    from bench import edited

    folder = root / "reports"
    fixtures = sorted((ROOT / "fixtures").glob("*.txt"))
    groups = {"区A": [0, 1, 2, 3], "区B": [4, 0, 2], "市直部门": [1, 3, 4, 2]}
    k = 0
    for group, picks in groups.items():
        (folder / group).mkdir(parents=True)
        for i in picks:
            text = fixtures[i].read_text("utf-8")
            (folder / group / f"{fixtures[i].stem}-{k}.txt").write_text(edited(text, k) if k >= 5 else text, "utf-8")
            k += 1
    return folder


def summary_images(tmp: Path, env: dict[str, str], chromium: str) -> list[Path]:
    driver_exe = shutil.which("chromedriver")
    try:
        from selenium import webdriver
    except ImportError:
        webdriver = None
    if not driver_exe or webdriver is None:
        print("audit_images: no chromedriver or Selenium: the sortable summary pictures are not made "
              "(apt-get install chromium-driver; pip install selenium)")
        return []
    page = tmp / "summary.html"
    summary_folder(tmp)
    subprocess.run([FZCHECK, "check", "reports", "--fail-on", "never", "--summary-only",
                    "--format", f"html={page}"], cwd=tmp, env=env, check=True)
    os.environ.setdefault("SE_OFFLINE", "true")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in CHROMIUM_FLAGS + ["--hide-scrollbars", "--window-size=1000,1100", f"--user-data-dir={tmp / 'selenium'}"]:
        opts.add_argument(flag)
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=driver_exe))
    made = []
    try:
        driver.get(page.as_uri())

        def shot(name: str) -> None:
            # from the title of the reports table to its end
            top, bottom, left, right = driver.execute_script("""
                const t = document.getElementById('reports-title').getBoundingClientRect();
                const r = document.getElementById('reports').getBoundingClientRect();
                window.scrollTo(0, window.scrollY + t.top - 8);
                const t2 = document.getElementById('reports-title').getBoundingClientRect();
                const r2 = document.getElementById('reports').getBoundingClientRect();
                return [t2.top, r2.bottom, r2.left, r2.right];""")
            target = OUT / f"{name}.png"
            driver.save_screenshot(str(target))
            crop(target, (int(left), int(top), int(right), int(min(bottom, 1100))))
            made.append(target)

        shot("summary-before-sort")
        driver.find_element("css selector", '#reports th[data-key="fail"]').click()
        shot("summary-sorted-by-fails")
        from selenium.webdriver.support.ui import Select

        Select(driver.find_element("id", "f-rule")).select_by_value("core.shortcoming-causes")
        Select(driver.find_element("id", "f-st")).select_by_value("fail")
        shot("summary-filtered-by-rule")
    finally:
        driver.quit()
    return made


def main() -> None:
    for tool in ("pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            sys.exit(f"audit_images: needs {tool}: apt-get install poppler-utils")
    OUT.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        html, pdf = Path(tmp) / "audit.html", Path(tmp) / "audit.pdf"
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
        subprocess.run([FZCHECK, "check", *sorted(f"fixtures/{p.name}" for p in (ROOT / "fixtures").glob("*.txt")), "--fail-on", "never", "--format", f"html={html}",
                        "--format", f"pdf={pdf}"], cwd=ROOT, env=env, check=True)
        for name, page in PDF_PAGES.items():
            made.append(to_png(pdf, page, f"pdf-{name}"))
        first_fail = pages_with(pdf, "002_943b5966bb0e66c9.txt")
        made.append(to_png(pdf, [p for p in first_fail if p > 2][0], "pdf-report-002-p1"))
        # as a black-and-white printer would: status told by word, weight and border
        made.append(to_png(pdf, [p for p in first_fail if p > 2][0], "pdf-report-002-p1-gray", gray=True))
        made.append(to_png(pdf, 1, "pdf-summary-gray", gray=True))
        # the end of report 000's audit: the reviewer's block, blank to fill in by hand
        made.append(to_png(pdf, pages_with(pdf, "人工复核意见")[0], "pdf-report-000-review"))

        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            print("audit_images: no chromium: the browser pictures are not made (apt-get install chromium)")
        else:
            printed = Path(tmp) / "browser.pdf"
            profile = Path(tmp) / "profile"
            run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                 f"--print-to-pdf={printed}", html.as_uri()], capture_output=True)
            made.append(to_png(printed, 1, "html-print-summary"))
            made.append(to_png(printed, pages_with(printed, "所报年度")[0], "html-print-report-000"))
            shot = OUT / "html-screen.png"
            run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=900,1100",
                 "--hide-scrollbars", f"--screenshot={shot}", html.as_uri()], capture_output=True)
            made.append(shot)
            made += summary_images(Path(tmp), env, chromium)
        made += xlsx_images(Path(tmp), env)
    for p in made:
        print(p.relative_to(ROOT))


if __name__ == "__main__":
    main()
