"""Pictures of a commented .docx as LibreOffice shows it, for docs/img/ (make docx-img).

1. fzcheck writes the commented copy of fixtures/formats/docx/003_….docx (--format docx),
   dated by SOURCE_DATE_EPOCH;
2. LibreOffice (headless) exports it to PDF with its comments: in the page margin where it can
   (the ExportNotesInMargin option, LibreOffice 7.5 and later), else as PDF notes, each at the
   place LibreOffice anchors it;
3. the pages → PNG with pdftoppm. When LibreOffice gave notes rather than a margin (7.4, as in
   Debian 12: it cannot lay comments out in the margin headless), each note's text — taken from
   LibreOffice's PDF, as LibreOffice wrote it — is drawn in a margin beside the page, at the
   height of the note, with a line to the note's mark; WeasyPrint lays that sheet out.

Needs LibreOffice, poppler-utils, pypdf and WeasyPrint (make install has the last two).
"""

from __future__ import annotations

import base64
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
FZCHECK = str(Path(sys.executable).parent / "fzcheck")
KEY = "003_64caf8860024a4f7"
EPOCH = "1764000000"  # 2025-11-24
DPI = 96  # CSS px: the page image is drawn 1:1
MARGIN = 470  # px of the comment column
PAGES = {"p1": 1, "last": -1}  # the title with the summary; the end, where the missing 落款 goes


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, **kw)


def pdf_of(docx: Path, work: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("docx_comments_img: needs LibreOffice: apt-get install libreoffice-writer-nogui")
    options = json.dumps({"ExportNotes": {"type": "boolean", "value": "true"},
                          "ExportNotesInMargin": {"type": "boolean", "value": "true"}})
    run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(work), str(docx)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return work / (docx.stem + ".pdf")


def page_png(pdf: Path, page: int, target: Path, dpi: int = DPI) -> Path:
    run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
         str(target.with_suffix(""))])
    return target


def notes(page) -> list[tuple[float, float, str]]:
    """(x, y from the top, in points; text) of each comment LibreOffice put on the page as a note."""
    height = float(page.mediabox.height)
    out = []
    for a in page.get("/Annots") or []:
        a = a.get_object()
        if a.get("/Subtype") == "/Text" and a.get("/Contents"):
            x0, _y0, _x1, y1 = (float(v) for v in a["/Rect"])
            out.append((x0, height - y1, str(a["/Contents"])))
    return sorted(out, key=lambda n: n[1])


def sheet(png: Path, page_notes: list[tuple[float, float, str]], target: Path) -> None:
    """The page with its notes' text in a margin on the right, as one PNG."""
    import weasyprint

    scale = DPI / 72
    width_px, height_px = _png_size(png)
    boxes = []
    lines = []
    bottom = 0.0
    for x, y, text in page_notes:
        top = max(y * scale - 8, bottom + 8)
        paragraphs = text.split("\n")
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
        boxes.append(f'<div class="note" style="top:{top:.0f}px"><p class="head">{html.escape(paragraphs[0])}</p>{body}</div>')
        lines.append(f'<polyline fill="none" stroke="#c0504d" stroke-width="1.2" stroke-dasharray="3 2" '
                     f'points="{x * scale:.0f},{y * scale:.0f} {width_px + 6},{y * scale:.0f} {width_px + 18},{top + 12:.0f}"/>')
        # the height a box takes: a line of 30 characters (13 px type in the column) is 18 px
        bottom = top + 14 + sum(18 * (1 + len(p) // 31) for p in paragraphs)
    height = max(height_px, bottom + 16)
    image = base64.b64encode(png.read_bytes()).decode()
    doc = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: {width_px + MARGIN}px {height:.0f}px; margin: 0 }}
body {{ margin: 0; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 13px; line-height: 18px; background: #f3f3f3 }}
img {{ position: absolute; left: 0; top: 0; width: {width_px}px; box-shadow: 0 0 4px #999 }}
svg {{ position: absolute; left: 0; top: 0 }}
.note {{ position: absolute; left: {width_px + 18}px; width: {MARGIN - 34}px; background: #fff7e6;
         border: 1px solid #d9a440; border-left: 4px solid #c0504d; padding: 3px 6px; box-sizing: border-box }}
.note p {{ margin: 0; overflow-wrap: anywhere }}
.note .head {{ font-weight: bold }}
</style></head><body><img src="data:image/png;base64,{image}">
<svg width="{width_px + MARGIN}" height="{height:.0f}">{''.join(lines)}</svg>{''.join(boxes)}</body></html>"""
    pdf = target.with_suffix(".sheet.pdf")
    weasyprint.HTML(string=doc).write_pdf(pdf)
    page_png(pdf, 1, target, dpi=96)
    pdf.unlink()


def _png_size(png: Path) -> tuple[int, int]:
    head = png.read_bytes()[16:24]
    return int.from_bytes(head[:4], "big"), int.from_bytes(head[4:], "big")


def main() -> None:
    import pypdf

    if not shutil.which("pdftoppm"):
        sys.exit("docx_comments_img: needs pdftoppm: apt-get install poppler-utils")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = work / f"{KEY}-批注.docx"
        run([FZCHECK, "check", f"fixtures/formats/docx/{KEY}.docx", "--fail-on", "never", "--format", f"docx={docx}"],
            cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
        pdf = pdf_of(docx, work)
        reader = pypdf.PdfReader(pdf)
        in_margin = any("修改建议" in (p.extract_text() or "") for p in reader.pages)
        for name, page in PAGES.items():
            number = page if page > 0 else len(reader.pages) + 1 + page
            target = OUT / f"docx-comments-{KEY[:3]}-{name}.png"
            if in_margin:
                page_png(pdf, number, target)
            else:
                raw = work / f"page-{number}.png"
                page_png(pdf, number, raw)
                sheet(raw, notes(reader.pages[number - 1]), target)
            print(f"{target.relative_to(ROOT)}  (page {number} of {len(reader.pages)}, "
                  f"{'margin by LibreOffice' if in_margin else 'LibreOffice notes drawn in the margin'})")


if __name__ == "__main__":
    main()
