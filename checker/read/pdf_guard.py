"""Bounds on how much a PDF can make PDFium decode, checked on the raw bytes before PDFium opens it.

PDFium inflates a page's content stream (and a font program, an object stream) whole and with no
limit of its own: a 3 KB file whose content stream is deflated twice over inflates to a gigabyte,
and the process with it (a failed allocation inside PDFium aborts the process; it cannot be caught).
So every stream is found in the file's bytes and given an upper bound on its decoded size: its
encoded size times the most each of its filters can expand (deflate at most ~1032:1, LZW ~1400:1,
run-length 64:1, ASCII85 4:1). A stream whose bound passes its limit is decoded here, in chunks,
counting, and refused as soon as its real size passes the limit.

* Content (a page's or a form's drawing operators, and any stream not known to be something
  else) has the lower limit, MAX_CONTENT_BYTES: PDFium keeps some 300 bytes for each path or text
  object it parses, and 160 bytes for each unclosed ``q`` (a saved graphics state), so a content
  stream that is not larger than its limit can still cost twenty times its size. A content stream
  that could exceed 1 MB is decoded to check, and refused when it leaves more than MAX_NESTING
  ``q`` unclosed.
* Fonts, object streams, metadata: MAX_STREAM_BYTES (a whole embedded CJK font is 10-25 MB).
* Images are not bounded here: reading text never decodes an image XObject.
* All streams but images together: MAX_DECODED_BYTES.

A normal report decodes its largest fonts and its content streams here (~1 ms a report).

What this does not bound (the process-level limits of the caller are the last line of defence):
a stream referenced many times over (a page's /Contents array naming one stream a thousand times,
a form XObject drawn a million times), a stream marked as a font or an image but drawn as
content, and encrypted files, whose stream data cannot be decoded without the key (a PDF with an
owner password only opens without asking).
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

#: the largest size one stream (a font, an object stream …) may decode to (bytes)
MAX_STREAM_BYTES = 64 * 1024 * 1024
#: the largest size one content stream (drawing operators) may decode to (bytes)
MAX_CONTENT_BYTES = 16 * 1024 * 1024
#: the most graphics states (q) a content stream may leave unclosed
MAX_NESTING = 10_000
#: the largest size all the streams of a file but its images may decode to together (bytes)
MAX_DECODED_BYTES = 256 * 1024 * 1024

# the most one encoded byte can expand to, per filter; image codecs are not decoded to read text
_EXPAND = {
    b"FlateDecode": 1032.0, b"Fl": 1032.0,
    b"LZWDecode": 1400.0, b"LZW": 1400.0,
    b"RunLengthDecode": 64.0, b"RL": 64.0,
    b"ASCII85Decode": 4.0, b"A85": 4.0,
    b"ASCIIHexDecode": 0.5, b"AHx": 0.5,
}
_IMAGE_CODECS = {b"DCTDecode", b"DCT", b"JPXDecode", b"JBIG2Decode", b"CCITTFaxDecode", b"CCF"}

_STREAM = re.compile(rb">>[\x00\t\n\f\r ]*stream(?:\r\n|\n|\r)?")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?:\s+(\d{1,6})\s+R)?")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
# streams that are data, not drawing operators: font programs, object and cross-reference
# streams, metadata, embedded files, colour profiles
_DATA = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b|/Type\s*/(?:ObjStm|XRef|Metadata|"
                   rb"EmbeddedFile)\b|/N\s+[134]\b")
_DELIM = rb"\x00\t\n\f\r ()<>\[\]{}/%"
_SAVE = re.compile(rb"(?<![^" + _DELIM + rb"])q(?![^" + _DELIM + rb"])")
_RESTORE = re.compile(rb"(?<![^" + _DELIM + rb"])Q(?![^" + _DELIM + rb"])")
_ENDSTREAM = re.compile(rb"[\x00\t\n\f\r ]*endstream")
_INT_BODY = re.compile(rb"\s*(\d{1,12})\s*endobj")


class TooLarge(Exception):
    """A stream, or all of them together, pass a limit: args are (what, limit), what one of
    "stream", "content", "nesting", "total"."""


class _Stream:
    __slots__ = ("start", "end", "exact", "filters", "kind", "size", "decoded")

    def __init__(self, start: int, end: int, exact: bool, filters: list[bytes], kind: str) -> None:
        self.start, self.end, self.exact, self.filters, self.kind = start, end, exact, filters, kind
        self.size = _bound(end - start, filters)  # an upper bound until decoded
        self.decoded = False


def check_streams(data: bytes, max_stream: int = MAX_STREAM_BYTES, max_total: int = MAX_DECODED_BYTES,
                  max_content: int = MAX_CONTENT_BYTES, max_nesting: int = MAX_NESTING) -> None:
    """Raise TooLarge when a stream of the PDF in data passes its limit (see the module
    docstring), or all of them (images aside) decode past max_total bytes. Not for an encrypted
    PDF: its stream data is not what PDFium decodes."""
    streams = []
    for m in _STREAM.finditer(data):
        start = m.end()
        head = data[max(0, m.start() - 4096):m.start()]
        obj = head.rfind(b"obj")
        if obj >= 0:
            head = head[obj + 3:]
        if _IMAGE.search(head):
            continue  # reading text never decodes an image XObject
        length, ref = _length(head)
        if ref is not None:
            length = _int_object(data, ref)
        end, exact = _extent(data, start, length)
        kind = "data" if _DATA.search(head) else "content"
        streams.append(_Stream(start, end, exact, _filters(head), kind))

    def decode(s: _Stream) -> None:
        content = s.kind == "content"
        limit = max_content if content else max_stream
        s.size, body = _decoded(data, s, limit, keep=content)
        s.decoded = True
        if s.size > limit:
            raise TooLarge("content" if content else "stream", limit)
        # the letter count bounds the operator count: the exact count only when it may be over
        if content and body.count(b"q") > max_nesting:
            if len(_SAVE.findall(body)) - len(_RESTORE.findall(body)) > max_nesting:
                raise TooLarge("nesting", max_nesting)

    for s in streams:
        limit = max_content if s.kind == "content" else max_stream
        # where "endstream" may be forged inside the data, its bound may be too low: decode it
        if s.size > limit or s.size > 1 << 20 and (s.kind == "content" or not s.exact):
            decode(s)
    total = sum(s.size for s in streams)
    for s in sorted((s for s in streams if not s.decoded), key=lambda s: -s.size):
        if total <= max_total:
            return
        total -= s.size
        decode(s)
        total += s.size
    if total > max_total:
        raise TooLarge("total", max_total)


def _length(head: bytes) -> tuple[int | None, tuple[int, int] | None]:
    """The stream's /Length: (direct value, None) or (None, the reference of an indirect one)."""
    m = _LENGTH.search(head)
    if not m:
        return None, None
    if m.group(2) is None:
        return int(m.group(1)), None
    return None, (int(m.group(1)), int(m.group(2)))


def _int_object(data: bytes, ref: tuple[int, int]) -> int | None:
    """The value of indirect object ref when the file states it uncompressed as an integer."""
    key = b"%d %d obj" % ref
    pos = data.find(key)
    while pos >= 0:
        if pos == 0 or data[pos - 1] not in b"0123456789":
            m = _INT_BODY.match(data, pos + len(key))
            return int(m.group(1)) if m else None
        pos = data.find(key, pos + 1)
    return None


def _extent(data: bytes, start: int, length: int | None) -> tuple[int, bool]:
    """Where the stream's data ends: at its /Length when "endstream" follows there, as PDFium
    reads it; else at the next "endstream" (exact=False: a forged "endstream" inside the data
    could cut it short)."""
    if length is not None and start + length <= len(data) and _ENDSTREAM.match(data, start + length):
        return start + length, True
    end = data.find(b"endstream", start)
    return (end if end >= 0 else len(data)), False


def _filters(head: bytes) -> list[bytes]:
    m = _FILTER.search(head)
    return _NAME.findall(m.group(1)) if m else []


def _bound(size: int, filters: list[bytes]) -> float:
    bound = float(size)
    for f in filters:
        if f in _IMAGE_CODECS:
            break
        bound *= _EXPAND.get(f, 1.0)
    return bound


def _decoded(data: bytes, s: _Stream, limit: int, keep: bool) -> tuple[int, bytes]:
    """(decoded size of stream s, its decoded data if keep else b""); the size stops a little past
    limit. A chain of filters is decoded layer by layer (each at most limit + 1 bytes); a layer
    that fails to decode ends the chain there, as it does for PDFium."""
    layers = []
    for f in s.filters:
        if f in _IMAGE_CODECS or f not in _EXPAND:
            break
        layers.append(f)
    view = memoryview(data)
    if not layers:
        return s.end - s.start, bytes(view[s.start:s.end]) if keep else b""
    # a deflate stream ends itself: read it to its own end, not to an "endstream" that may be forged
    chunk = view[s.start:] if not s.exact and layers[0] in (b"FlateDecode", b"Fl") else view[s.start:s.end]
    for k, f in enumerate(layers):
        last = k == len(layers) - 1
        try:
            if f in (b"FlateDecode", b"Fl"):
                size, chunk = _inflate(chunk, limit, keep=keep or not last)
                if last:
                    return size, chunk
            elif f in (b"LZWDecode", b"LZW"):
                chunk = _lzw(bytes(chunk), limit + 1)
            elif f in (b"RunLengthDecode", b"RL"):
                chunk = _run_length(bytes(chunk), limit + 1)
            elif f in (b"ASCII85Decode", b"A85"):
                body = bytes(chunk).split(b"~>", 1)[0].strip()
                chunk = base64.a85decode(body[2:] if body.startswith(b"<~") else body)
            else:  # ASCIIHexDecode
                hexes = re.sub(rb"[^0-9A-Fa-f]", b"", bytes(chunk).split(b">", 1)[0])
                chunk = binascii.unhexlify(hexes + b"0" * (len(hexes) % 2))
        except (ValueError, binascii.Error):
            break
        if len(chunk) > limit:
            return len(chunk), b""
    return len(chunk), bytes(chunk) if keep else b""


def _inflate(chunk, limit: int, keep: bool) -> tuple[int, bytes]:
    """Inflate chunk up to a little past limit: (size, the data if keep else b"")."""
    z = zlib.decompressobj()
    out = bytearray()
    total = 0
    pos, n = 0, len(chunk)
    tail = b""
    try:
        while total <= limit and not z.eof and (tail or pos < n):
            if not tail:
                tail = chunk[pos:pos + 65536]
                pos += 65536
            piece = z.decompress(tail, 1 << 20)
            tail = z.unconsumed_tail
            total += len(piece)
            if keep:
                out += piece
    except zlib.error:
        pass  # PDFium keeps what inflated before the error
    return total, bytes(out)


def _run_length(chunk: bytes, limit: int) -> bytes:
    out = bytearray()
    i, n = 0, len(chunk)
    while i < n and len(out) < limit:
        b = chunk[i]
        if b == 128:
            break
        if b < 128:
            out += chunk[i + 1:i + 2 + b]
            i += 2 + b
        else:
            if i + 1 < n:
                out += chunk[i + 1:i + 2] * (257 - b)
            i += 2
    return bytes(out)


def _lzw(chunk: bytes, limit: int, early: int = 1) -> bytes:
    """LZW as PDF uses it (MSB first, 9 to 12 bit codes, 256 clears, 257 ends, early change)."""
    out = bytearray()
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    bits, width, buf, prev = 0, 9, 0, None
    for byte in chunk:
        buf = ((buf << 8) | byte) & 0xFFFFFF
        bits += 8
        while bits >= width:
            bits -= width
            code = (buf >> bits) & ((1 << width) - 1)
            if code == 256:
                del table[258:]
                width, prev = 9, None
                continue
            if code == 257:
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if prev is not None and len(table) < 4096:
                    table.append(prev + entry[:1])
            elif prev is not None:
                entry = prev + prev[:1]
                if len(table) < 4096:
                    table.append(entry)
            else:
                return bytes(out)
            out += entry
            if len(out) >= limit:
                return bytes(out)
            prev = entry
            if len(table) + early >= (1 << width) and width < 12:
                width += 1
    return bytes(out)
