"""Read a report file into text lines, each keeping its number in the input.

Only the reader knows the file format; everything after it sees a :class:`Source`: the lines of
text, for each line where it is in the original file (第3页第12行, 第14段, 表1第2行), and for each
line whether it continues the line before it (a PDF's hard line wrap).

The reader is picked by content (magic bytes, an HTML tag), not by extension, so a .docx saved
as .txt, or a web page saved as .doc, is still read right. Format readers are imported only when
a file of their kind comes, so checking a text report loads none of their libraries.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown"}
MARKDOWN_EXTENSIONS = {".md", ".markdown"}
HTML_EXTENSIONS = {".htm", ".html", ".shtml", ".xhtml"}
#: word-processor files read through LibreOffice (checker/read/convert.py); their templates
#: (.dot, .wpt, .ott) are read too when named, but not picked up from a folder
CONVERTED_EXTENSIONS = {".doc", ".wps", ".rtf", ".odt", ".fodt"}
#: what `fzcheck check FOLDER` picks up (.ofd too, so that its refusal is shown, not the file
#: left out)
REPORT_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | CONVERTED_EXTENSIONS | {".docx", ".pdf", ".ofd"}
SUPPORTED = ".txt, .md, .docx, .doc, .wps, .rtf, .odt, .pdf, .html"
PASSWORD = "a password-protected Office document: remove the password in Word or WPS, save, and check again"
OFD = "OFD 版式文件暂不支持：请用数科/福昕等 OFD 阅读器“另存为/导出 PDF”后再检查"
#: the kinds sniff() gives that LibreOffice converts
CONVERTED = {"doc", "wps", "rtf", "odt", "fodt"}

# the old Office container (.doc/.wps/.xls/.ppt, and a password-protected .docx)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Magic bytes of formats we recognise but do not read, with what to tell the user.
_MAGIC = [
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "an executable"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
]
# OpenDocument files that are not text documents, by their mimetype
_ODF_OTHER = {
    b"application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods), not a report",
    b"application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp), not a report",
    b"application/vnd.oasis.opendocument.graphics": "an OpenDocument drawing (.odg), not a report",
}


@dataclass
class Annotation:
    """Something a file holds besides its text: a tracked change (修订) or a comment (批注)."""

    kind: str  # revision / comment
    what: str  # 插入 / 删除 / 移动 / 格式修改 / 批注
    text: str
    location: str | None = None  # 第14段
    line: int | None = None  # the Source line of its paragraph, when the paragraph has one
    author: str | None = None


@dataclass
class Source:
    """A report as read: its lines (1-based numbering = index + 1) and what we know of it."""

    path: str
    format: str  # text / markdown / docx / pdf / html, or doc / wps / rtf / odt (read through LibreOffice)
    lines: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    #: for each line, where it is in the original file ("第3页第12行", "第14段"); None for text
    locations: list[str] | None = None
    #: for each line, True when it continues the line before it (a hard wrap inside a paragraph)
    continues: list[bool] | None = None
    #: tracked changes and comments still in the file (Word), each where it is
    annotations: list[Annotation] = field(default_factory=list)


def decode(data: bytes, name: str) -> str:
    """Decode report bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 or Big5
    (traditional-character copies from big5 gateways)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts like UTF-16 but does not decode as UTF-16") from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary data, not a text report (supported: {SUPPORTED})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    decoded = {}
    for encoding in ("gb18030", "big5hkscs"):
        try:
            decoded[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if len(decoded) == 2:
        # GB18030 decodes nearly any byte pairs, big5 included, into the wrong characters: let
        # charset-normalizer (which scores the characters each reading gives) choose
        import charset_normalizer

        best = charset_normalizer.from_bytes(data[:65536], cp_isolation=["gb18030", "big5hkscs"]).best()
        if best is not None and best.encoding.replace("_", "").startswith("big5"):
            return decoded["big5hkscs"]
        return decoded["gb18030"]
    if decoded:
        return next(iter(decoded.values()))
    raise InputError(f"{name}: not valid UTF-8, GB18030 or Big5 text")


_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")


def _looks_like_text(text: str) -> bool:
    """Reject decodable junk: mostly control characters or private-use/unassigned symbols."""
    sample = text[:20000]
    if not sample:
        return False
    bad = len(_JUNK.findall(sample))
    return bad / len(sample) < 0.01


def read_text(text: str, path: str = "<text>", markdown: bool | None = None) -> Source:
    """Build a Source from already-decoded text (used by tests and by stdin)."""
    if markdown is None:
        markdown = Path(path).suffix.lower() in MARKDOWN_EXTENSIONS
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{path}: empty report (no text)")
    return Source(path=path, format="markdown" if markdown else "text", lines=text.split("\n"))


def read_path(path: str | os.PathLike) -> Source:
    """Read one report file. Raises InputError with a one-line message on any problem."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return read_bytes(data, name, p.suffix.lower())


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of report bytes by their content: docx, pdf, html, text, one of CONVERTED
    (doc, wps, rtf, odt, fodt), or a refusal message prefixed with "!"."""
    if data.startswith(b"PK\x03\x04"):
        if b"word/document" in data:
            return "docx"
        return _zip_kind(data)
    if b"%PDF-" in data[:1024]:  # the header may follow a little junk (PDF 1.7, 7.5.2)
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, suffix)
    if data.startswith(b"{\\rtf"):
        return "rtf"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return "!" + what
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") and b"<office:document" in head and b"opendocument.text" in head:
        return "fodt"  # a flat (single-XML) OpenDocument text
    if head.startswith(b"<") and _HTML_TAG.search(head) or (suffix in HTML_EXTENSIONS and b"<" in head):
        return "html"
    return "text"


def _zip_kind(data: bytes) -> str:
    """A ZIP that is not a .docx: OpenDocument (its first entry is the stored 'mimetype'), OFD
    (an OFD.xml entry), or an archive."""
    if data[30:38] == b"mimetype":
        size = int.from_bytes(data[18:22], "little")
        start = 30 + 8 + int.from_bytes(data[28:30], "little")
        mimetype = data[start:start + min(size, 100)].strip()
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):  # text, -template, -master
            return "odt"
        for prefix, what in _ODF_OTHER.items():
            if mimetype.startswith(prefix):
                return "!" + what
    if b"OFD.xml" in data:
        return "!" + OFD
    return "!a ZIP archive that is not a Word document (.docx); unzip it and check the reports inside"


# FIB (the File Information Block that starts a Word binary document): its magic number, and
# the flag set when the document is encrypted with a password (MS-DOC 2.5.2, fEncrypted)
_FIB_IDENT = 0xA5EC
_FIB_ENCRYPTED = 0x0100


def _ole_kind(data: bytes, suffix: str) -> str:
    """What an old Office container (OLE2 compound file) holds: a Word/WPS document (doc, or wps
    under a WPS extension), a password-protected one, or something that is not a report."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        # a password-protected .docx/.xlsx is kept in the old Office container
        return "!" + PASSWORD
    import io

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("WordDocument"):
                fib = ole.openstream("WordDocument").read(12)
                if len(fib) == 12 and int.from_bytes(fib[0:2], "little") == _FIB_IDENT \
                        and int.from_bytes(fib[10:12], "little") & _FIB_ENCRYPTED:
                    return "!" + PASSWORD
                return "wps" if suffix in {".wps", ".wpt"} else "doc"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "!an Excel workbook (.xls), not a report"
            if ole.exists("PowerPoint Document"):
                return "!a PowerPoint presentation (.ppt), not a report"
    except Exception:  # olefile raises OSError and others on a damaged container
        return "!a damaged Word/WPS file (.doc/.wps): open it in Word or WPS and save it as .docx, then check the .docx"
    if suffix in {".wps", ".wpt"}:
        return "wps"  # a Microsoft Works document: LibreOffice reads those too
    return "!an Office file that is not a Word or WPS document (.doc/.wps)"


# a file that starts with a tag (<!DOCTYPE, <?xml, <!--, <html, <script …) and holds a tag of an
# HTML page's skeleton is a web page, whatever its extension
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b", re.I)


def read_bytes(data: bytes, name: str, suffix: str = "") -> Source:
    """Read a report from its bytes; the reader is picked by content, the extension only helps."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    kind = sniff(data, suffix)
    if kind.startswith("!"):
        raise InputError(f"{name}: {kind[1:]} (supported: {SUPPORTED})")
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    if kind in CONVERTED:
        from .convert import read_converted

        return read_converted(data, name, kind)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name)
    if kind == "html":
        from .html import read_html

        return read_html(data, name)
    # text content under the extension of another format (a spreadsheet, JSON …) is not a report;
    # a .doc/.wps that holds text or HTML (web sites serve such files) is read for what it is
    if suffix and suffix not in REPORT_EXTENSIONS and suffix not in {".doc", ".wps"}:
        raise InputError(f"{name}: unsupported format '{suffix}' (supported: {SUPPORTED})")
    text = decode(data, name)
    if not _looks_like_text(text):
        raise InputError(f"{name}: binary data, not a text report (supported: {SUPPORTED})")
    return read_text(text, name, markdown=suffix in MARKDOWN_EXTENSIONS)
