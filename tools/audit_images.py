"""Pictures of the printable audit of the five fixtures, for docs/img/ (make audit-img).

1. fzcheck writes the audit of fixtures/ as HTML and as PDF (WeasyPrint), dated by
   SOURCE_DATE_EPOCH so the pictures only change when the audit does;
2. the PDF's pages → PNG with pdftoppm (poppler-utils);
3. the HTML as a browser shows and prints it: headless Chromium prints it to PDF (its own A4
   layout, not WeasyPrint's) → PNG, and takes a screenshot of the screen view.

Step 3 is skipped, saying so, when Chromium is not installed (apt-get install chromium).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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
    for p in made:
        print(p.relative_to(ROOT))


if __name__ == "__main__":
    main()
