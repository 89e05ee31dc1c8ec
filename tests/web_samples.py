"""Files for the web page's tests: the fixtures in each format, and the bad uploads a clerk (or a
broken download) can bring — an empty file, binary junk, a 100 MB file, a decompression bomb, a
file of a format that is no report, a scanned PDF."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def fixture_files() -> list[Path]:
    """The five reports as text, and their .docx, PDF and web-page copies."""
    out = sorted(FIXTURES.glob("*.txt"))
    for fmt in ("docx", "pdf", "html"):
        out += sorted((FIXTURES / "formats" / fmt).glob(f"*.{fmt}"))
    return out


_CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
       b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         b'Target="word/document.xml"/></Relationships>')


def zip_bomb(path: Path, gigabytes: float = 1.5) -> Path:
    """A .docx of ~8 MB whose document.xml unpacks to 1.5 GB of paragraphs."""
    pat = "<w:p><w:r><w:t>法治</w:t></w:r></w:p>".encode()
    chunk = pat * (1_000_000 // len(pat))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document '
                    b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(int(gigabytes * 1000)):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


def spreadsheet(path: Path) -> Path:
    """An Excel workbook (.xlsx): a ZIP, but no Word document."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet><c>执法案件数</c></worksheet>".encode())
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF of a page image only: the scan of a printed report, no text layer."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(img)
    for y in range(60, 700, 30):
        draw.rectangle((50, y, 550, y + 12), fill="black")
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=72)
    path.write_bytes(buf.getvalue())
    return path


def bad_files(folder: Path) -> dict[str, Path]:
    """kind → file. The 100 MB file is sparse (no disk used)."""
    folder.mkdir(parents=True, exist_ok=True)
    empty = folder / "空白报告.docx"
    empty.write_bytes(b"")
    junk = folder / "乱码.docx"
    junk.write_bytes(os.urandom(40_000) + b"\x00" * 100)
    big = folder / "超大报告.pdf"
    with open(big, "wb") as f:
        f.truncate(100 * 2**20)
    return {
        "empty": empty,
        "junk": junk,
        "big": big,
        "bomb": zip_bomb(folder / "压缩炸弹.docx"),
        "unsupported": spreadsheet(folder / "统计表.xlsx"),
        "scanned": scanned_pdf(folder / "扫描件.pdf"),
    }


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)
