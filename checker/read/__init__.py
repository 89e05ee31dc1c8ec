"""Read a report file into text lines, each keeping its number in the input.

Only the reader knows the file format; everything after it sees a :class:`Source`.
The reader is picked by content first (magic bytes), then by extension.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown"}
MARKDOWN_EXTENSIONS = {".md", ".markdown"}
SUPPORTED = ", ".join(sorted(TEXT_EXTENSIONS))

# Magic bytes of formats we recognise but do not read (yet), with what to tell the user.
_MAGIC = [
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP container (.docx/.xlsx/.zip)"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.wps/.xls)"),
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "an executable"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
]


@dataclass
class Source:
    """A report as read: its lines (1-based numbering = index + 1) and what we know of it."""

    path: str
    format: str  # "text" or "markdown"
    lines: list[str]
    metadata: dict[str, str] = field(default_factory=dict)


def decode(data: bytes, name: str) -> str:
    """Decode report bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts like UTF-16 but does not decode as UTF-16") from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary data, not a text report (supported: {SUPPORTED})")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: not valid UTF-8 or GB18030 text")


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
    if not data.strip():
        raise InputError(f"{name}: empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}; this version reads text and Markdown ({SUPPORTED})")
    suffix = p.suffix.lower()
    if suffix and suffix not in TEXT_EXTENSIONS and suffix not in {".htm", ".html"}:
        raise InputError(f"{name}: unsupported format '{suffix}' (supported: {SUPPORTED})")
    text = decode(data, name)
    if not _looks_like_text(text):
        raise InputError(f"{name}: binary data, not a text report (supported: {SUPPORTED})")
    if suffix in {".htm", ".html"}:
        raise InputError(f"{name}: HTML pages are not read yet (supported: {SUPPORTED})")
    return read_text(text, name, markdown=suffix in MARKDOWN_EXTENSIONS)
