"""Bounded time and memory on hostile PDFs (issue 13): each file is written here by hand, a few KB,
and must end in one line of error or a normal result, in seconds and a few hundred MB.

In process: the outcome (the limit named in the message, or the text read). In a subprocess, the
whole `fzcheck check` of each file, with its wall time and peak memory (ru_maxrss of the child,
through the small launcher of tests/hostile.py, so that each case is measured alone): under 10 s and 500 MB, and
nothing but the one-line error on stderr (no library's warnings)."""

from __future__ import annotations

import zlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from checker.errors import InputError
from checker.read import read_bytes
from checker.read.pdf import read_pdf
from checker.read.pdf_guard import _lzw, _run_length

from conftest import ROOT
from hostile import measure

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %s >>"


def pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF of these numbered objects, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(data: bytes, filters: tuple[str, ...] = ("FlateDecode",), extra: bytes = b"") -> bytes:
    """A stream object's body; data is encoded here with each Flate filter named."""
    for f in reversed(filters):
        if f == "FlateDecode":
            data = zlib.compress(data, 9)
    names = b" ".join(b"/" + f.encode() for f in filters)
    flt = b"/Filter [%s]" % names if filters else b""
    return b"<< /Length %d %s %s >>\nstream\n" % (len(data), flt, extra) + data + b"\nendstream"


def document(contents: list[bytes], font: bytes = FONT, extra: dict[int, bytes] | None = None) -> bytes:
    """One page per content stream given."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: font}
    kids = []
    for k, content in enumerate(contents):
        objects[100 + 2 * k] = PAGE % (b"%d 0 R" % (101 + 2 * k))
        objects[101 + 2 * k] = stream(content)
        kids.append(b"%d 0 R" % (100 + 2 * k))
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    objects.update(extra or {})
    return pdf(objects)


def text(line: str, y: int = 700, size: int = 12) -> bytes:
    return b"BT /F1 %d Tf 72 %d Td (%s) Tj ET\n" % (size, y, line.encode("latin-1"))


WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo"]


def page_words(k: int) -> str:
    """A line of its own for page k (so it is not a running header): words, not digits."""
    return " ".join(WORDS[(k // len(WORDS) ** i) % len(WORDS)] for i in range(4))


# ---------------------------------------------------------------- the hostile files

def pages_loop() -> bytes:
    """/Pages 9 -> kid 10 -> kid 9 again: the page tree loops."""
    return pdf({1: b"<< /Type /Catalog /Pages 9 0 R >>",
                9: b"<< /Type /Pages /Kids [10 0 R] /Count 2 >>",
                10: b"<< /Type /Pages /Parent 9 0 R /Kids [9 0 R 11 0 R] /Count 2 >>",
                11: PAGE.replace(b"2 0 R", b"10 0 R") % b"12 0 R",
                3: FONT, 12: stream(text("Hello"))})


def tounicode_bfrange() -> bytes:
    """A ToUnicode CMap with one bfrange over all 2**32 codes."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange "
            b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange endcmap "
            b"CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >>"
    return document([text("Hello bounded world")], font=font, extra={5: stream(cmap)})


def _gigabyte_of_deflate() -> bytes:
    """zlib data that inflates to 1 GiB of spaces, made in milliseconds: after a full flush the
    compressor has no memory, so each 1 MiB block compresses to the same bytes."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b" " * (1 << 20)
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(1024):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + first + again * 1023 + c.flush(zlib.Z_FINISH) + adler.to_bytes(4, "big")


def inflate_gigabyte(extra: dict[int, bytes] | None = None) -> bytes:
    """A page whose content stream inflates to 1 GiB (deflated twice over: a few KB)."""
    once = _gigabyte_of_deflate()
    twice = zlib.compress(once, 9)
    bomb = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(twice) + twice + b"\nendstream"
    return pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [10 0 R] /Count 1 >>", 3: FONT,
                4: bomb, 5: stream(text("Hello")), 10: PAGE % b"[4 0 R 5 0 R]", **(extra or {})})


def tiny_characters(count: int = 200_000) -> bytes:
    """One page with count characters of 1 pt, 400 a line."""
    rows = []
    for i in range(0, count, 400):
        rows.append(b"BT /F1 1 Tf 10 %.1f Td (%s) Tj ET" % (800 - (i // 400) * 1.5, b"x" * 400))
    return document([b"\n".join(rows)])


def many_pages(count: int = 2000) -> bytes:
    return document([text(page_words(k)) for k in range(count)])


def unclosed_states() -> bytes:
    """A content stream that saves the graphics state a million times and never restores it."""
    return document([b"q " * 1_000_000 + text("Hello")])


def many_paths() -> bytes:
    """A page with 300,000 line objects beside its text (past what a table finder looks at)."""
    return document([text("Hello lines") + b"0.1 w " + b"10 10 m 15 10 l S\n" * 300_000])


def grid(n: int = 44, step: int = 12) -> bytes:
    """n ruled lines across and n down: a table of (n-1)**2 cells."""
    ops = [b"0.5 w"]
    for i in range(n):
        ops.append(b"40 %d m %d %d l S" % (40 + i * step, 40 + (n - 1) * step, 40 + i * step))
        ops.append(b"%d 40 m %d %d l S" % (40 + i * step, 40 + i * step, 40 + (n - 1) * step))
    return b"\n".join(ops) + b"\n"


def grid_pages(count: int = 300) -> bytes:
    """count pages, each a 43 x 43 ruled grid and a line of text: table finding has a budget."""
    return document([grid() + text(page_words(k), y=800) for k in range(count)])


def huge_page() -> bytes:
    """A page 9,000,000 pt wide and high (PDF allows 14,400)."""
    return document([text("Huge page words here")]).replace(b"[0 0 595 842]", b"[0 0 9000000 9000000]")


# ---------------------------------------------------------------- outcomes, in process

def _refused(data: bytes, *needles: str, **limits) -> str:
    with pytest.raises(InputError) as info:
        read_pdf(data, "hostile.pdf", **limits) if limits else read_bytes(data, "hostile.pdf")
    message = str(info.value)
    assert "\n" not in message and message.startswith("hostile.pdf: ")
    for needle in needles:
        assert needle in message
    return message


def test_a_page_tree_that_loops_is_refused():
    _refused(pages_loop(), "第1页无法读取", "页面树")


def test_a_tounicode_range_over_all_codes_reads_normally():
    # the range maps code c to U+0041 + c, as the file says: read quickly, as the file says
    source = read_bytes(tounicode_bfrange(), "x.pdf")
    assert source.lines == ["".join(chr(0x41 + b) for b in b"Hello bounded world")]
    assert source.locations == ["第1页第1行"]


def test_a_content_stream_inflating_to_a_gigabyte_is_refused():
    _refused(inflate_gigabyte(), "16 MB", "MAX_CONTENT_BYTES")


def test_a_bomb_that_only_says_it_is_encrypted_is_still_refused():
    _refused(inflate_gigabyte({20: b"<< /Note (/Encrypt) >>"}), "MAX_CONTENT_BYTES")


def test_a_stream_past_the_limit_is_refused_and_one_under_it_read():
    data = document([text("Under the limit") + b"%" + b" " * 3_000_000 + b"\n"])
    assert read_pdf(data, "x.pdf", max_content_bytes=4 << 20).lines == ["Under the limit"]
    _refused(data, "2 MB", "MAX_CONTENT_BYTES", max_content_bytes=2 << 20)


def test_a_font_stream_has_its_own_limit():
    font_file = stream(b"\0" * 3_000_000, extra=b"/Length1 3000000")
    data = document([text("Font data")], extra={7: font_file})
    assert read_pdf(data, "x.pdf", max_content_bytes=1 << 20, max_stream_bytes=4 << 20).lines == ["Font data"]
    _refused(data, "MAX_STREAM_BYTES", max_stream_bytes=2 << 20)


def test_all_streams_together_have_a_limit():
    data = document([text(page_words(k)) + b"%" + b" " * 600_000 + b"\n" for k in range(6)])
    assert len(read_pdf(data, "x.pdf", max_decoded_bytes=8 << 20).lines) == 6
    _refused(data, "MAX_DECODED_BYTES", max_decoded_bytes=3 << 20)


def test_unclosed_graphics_states_are_refused_and_balanced_ones_read():
    _refused(unclosed_states(), "10000", "MAX_NESTING")
    balanced = document([b"q Q " * 500_000 + text("Balanced")])
    assert read_bytes(balanced, "x.pdf").lines == ["Balanced"]


def test_a_page_of_200k_tiny_characters_is_refused():
    _refused(tiny_characters(), "第1页有", "MAX_PAGE_CHARS=50000")


def test_a_dense_page_under_the_limit_is_read():
    source = read_bytes(tiny_characters(45_000), "x.pdf")
    assert len(source.lines) == 113 and source.lines[0] == "x" * 400


def test_character_limits_per_page_and_per_file_name_themselves():
    data = document([text("one two three"), text("four five six")])
    assert read_pdf(data, "x.pdf", max_page_chars=13, max_chars=26).lines == ["one two three", "four five six"]
    _refused(data, "第1页有13个字符", "MAX_PAGE_CHARS=12", max_page_chars=12)
    _refused(data, "MAX_CHARS=25", max_chars=25)


def test_two_thousand_pages_are_refused_by_the_page_limit():
    _refused(many_pages(), "2000页", "MAX_PAGES=1000")


def test_the_page_limit_reads_up_to_it():
    data = many_pages(12)
    assert len(read_pdf(data, "x.pdf", max_pages=12).lines) == 12
    _refused(data, "12页", "MAX_PAGES=11", max_pages=11)


def test_a_pdf_of_running_headers_only_says_so():
    data = document([text("Same header")] * 4)
    _refused(data, "只有页眉、页脚或页码")


def test_many_paths_beside_the_text_do_not_stop_it():
    assert read_bytes(many_paths(), "x.pdf").lines == ["Hello lines"]


def test_grid_pages_and_a_huge_page_read_their_text():
    assert read_bytes(grid_pages(3), "x.pdf").lines == [page_words(k) for k in range(3)]
    assert read_bytes(huge_page(), "x.pdf").lines == ["Huge page words here"]


def test_the_guards_own_decoders():
    # the PDF reference's LZW example, and run-length
    assert _lzw(bytes.fromhex("800B6050220C0C8501"), 100) == b"-----A---B"
    assert _run_length(bytes([2]) + b"abc" + bytes([254]) + b"z" + bytes([128]), 100) == b"abczzz"


# ---------------------------------------------------------------- time and memory, in a subprocess

CASES = {
    "pages_loop": (pages_loop, 2, "页面树"),
    "tounicode_bfrange": (tounicode_bfrange, 0, None),
    "inflate_gigabyte": (inflate_gigabyte, 2, "MAX_CONTENT_BYTES"),
    "tiny_characters_200k": (tiny_characters, 2, "MAX_PAGE_CHARS"),
    "tiny_characters_45k": (lambda: tiny_characters(45_000), 0, None),
    "pages_2000": (many_pages, 2, "MAX_PAGES"),
    "pages_1000": (lambda: many_pages(1000), 0, None),
    "unclosed_states": (unclosed_states, 2, "MAX_NESTING"),
    "many_paths": (many_paths, 0, None),
    "grid_pages_300": (grid_pages, 0, None),
    "huge_page": (huge_page, 0, None),
}


def _measure(path) -> dict:
    return measure(["check", path, "--fail-on", "never"], cwd=ROOT)


def test_hostile_pdfs_end_fast_in_little_memory_with_one_line(tmp_path):
    paths = {}
    for name, (make, _, _) in CASES.items():
        paths[name] = tmp_path / f"{name}.pdf"
        paths[name].write_bytes(make())
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = dict(zip(paths, pool.map(_measure, paths.values())))
    for name, (_, code, needle) in CASES.items():
        r = results[name]
        assert r["code"] == code, (name, r)
        assert r["secs"] < 10 and r["mb"] < 500, (name, r)
        if code == 2:
            assert r["err"].count("\n") == 1 and r["err"].startswith(f"fzcheck: error: {paths[name]}: "), (name, r)
            assert needle in r["err"], (name, r)
        else:
            assert r["err"] == "", (name, r)
