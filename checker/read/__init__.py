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
import stat
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

    kind: str  # revision / comment / damage (bytes that could not be decoded)
    what: str  # 插入 / 删除 / 移动 / 格式修改 / 批注 / 无法解码的字节
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
    # a UTF-8 text with a few broken bytes (a truncated copy, one bad character): read it with
    # U+FFFD for what is broken (the check says so) rather than refuse the report
    text = data.decode("utf-8-sig", errors="replace")
    broken = text.count("\ufffd")
    if broken <= max(3, len(data) // 2000) and _mostly_multibyte_utf8(data):
        return text
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


_UTF8_CJK = re.compile(rb"[\xe3-\xe9][\x80-\xbf]{2}")


def _mostly_multibyte_utf8(data: bytes) -> bool:
    """Whether the bytes are, but for a few, UTF-8 Chinese (three-byte sequences), not GBK."""
    sample = data[:65536]
    return len(_UTF8_CJK.findall(sample)) * 3 >= len(sample) // 4


def broken_characters(text: str) -> int:
    """How many characters of a decoded text stand for bytes that could not be decoded."""
    return text.count("\ufffd")


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


MAX_FILE_MB = 50  # the largest report file read at all (checker/limits.py can lower it)


def read_file_bytes(path: str | os.PathLike, max_mb: float = MAX_FILE_MB, what: str = "") -> bytes:
    """The bytes of a regular file, at most max_mb: never a FIFO, a device (/dev/zero) or a
    folder, never more than the cap even if the file grows while it is read. Every problem is
    an InputError with a one-line message."""
    name = shown(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{name}: 文件不存在") from None
    except OSError as exc:
        raise InputError(f"{name}: 无法读取（{exc.strerror or exc}）") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: 是文件夹，不是文件")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{name}: 不是普通文件（管道、设备或套接字），不读取")
    cap = int(max_mb * 1024 * 1024)
    if st.st_size > cap:
        raise InputError(f"{name}: 文件太大（{st.st_size / 1048576:.1f} MB，上限 {max_mb:g} MB{what}）")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            data = f.read(cap + 1)
    except OSError as exc:
        raise InputError(f"{name}: 无法读取（{exc.strerror or exc}）") from None
    if len(data) > cap:
        raise InputError(f"{name}: 文件太大（超过 {max_mb:g} MB{what}）")
    return data


def shown(path: str | os.PathLike) -> str:
    """A path as it can be shown on one line and written to any output: bytes that are not
    UTF-8 (a name from another system's encoding) as \\xNN, control characters (a newline in a
    name) as \\n, \\t, \\x1b."""
    text = os.fsdecode(path) if not isinstance(path, str) else path
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def read_path(path: str | os.PathLike, max_mb: float = MAX_FILE_MB) -> Source:
    """Read one report file. Raises InputError with a one-line message on any problem."""
    data = read_file_bytes(path, max_mb, "，可用 --file-limit 调整")
    return read_bytes(data, shown(path), Path(path).suffix.lower(), real_path=str(path))


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of report bytes by their content: docx, pdf, html, text, one of CONVERTED
    (doc, wps, rtf, odt, fodt), or a refusal message prefixed with "!"."""
    if data.startswith(b"PK\x03\x04"):
        if b"word/document" in data:
            return "docx"
        return _zip_kind(data)
    if _looks_like_pdf(data):
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


_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def _looks_like_pdf(data: bytes) -> bool:
    """A PDF header in the first KB (it may follow a little junk, PDF 1.7 7.5.2), and the body of
    a PDF after it: a text that only mentions "%PDF-1.7" is still a text."""
    at = data.find(b"%PDF-", 0, 1024)
    if at < 0:
        return False
    if len(data) - at < 64:  # a bare header: a PDF cut off right after it
        return True
    return bool(_PDF_OBJECT.search(data, at, at + 65536)) or b"%%EOF" in data[-2048:]


# a file that starts with a tag (<!DOCTYPE, <?xml, <!--, <html, <script …) and holds a tag of an
# HTML page's skeleton is a web page, whatever its extension
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b", re.I)


def read_bytes(data: bytes, name: str, suffix: str = "", real_path: str | None = None) -> Source:
    """Read a report from its bytes; the reader is picked by content, the extension only helps.
    ``name`` is the path as shown in messages; ``real_path`` the one to keep in the Source."""
    source = _read_bytes(data, name, suffix)
    if real_path is not None:
        source.path = real_path
    return source


def _read_bytes(data: bytes, name: str, suffix: str = "") -> Source:
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

        source = read_html(data, name)
        damage(source)
        return source
    # text content under the extension of another format (a spreadsheet, JSON …) is not a report;
    # a .doc/.wps that holds text or HTML (web sites serve such files) is read for what it is
    if suffix and suffix not in REPORT_EXTENSIONS and suffix not in {".doc", ".wps"}:
        raise InputError(f"{name}: unsupported format '{suffix}' (supported: {SUPPORTED})")
    text = decode(data, name)
    if not _looks_like_text(text):
        raise InputError(f"{name}: binary data, not a text report (supported: {SUPPORTED})")
    source = read_text(text, name, markdown=suffix in MARKDOWN_EXTENSIONS)
    damage(source)
    return source


def damage(source: Source) -> None:
    """Record the characters that could not be decoded (U+FFFD), line by line, as annotations."""
    for i, line in enumerate(source.lines):
        n = line.count("\ufffd")
        if n:
            where = source.locations[i] if source.locations else f"第{i + 1}行"
            source.annotations.append(Annotation("damage", "无法解码的字节", f"{n}处", where, i + 1))
