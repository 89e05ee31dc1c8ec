"""One PDF out of many, written as it goes: the combined audit of any number of reports in
bounded memory.

WeasyPrint lays out a whole document before it writes a byte, and keeps every page's boxes until
then: 200 reports in one document took 2 GB. So each report is rendered as a PDF of its own (tens of
MB at most), and this module appends that PDF's pages to the output file at once — their objects
renumbered and written out, nothing kept but one offset per object — then forgets it. Parsing is
pypdf's; the writing is the plain PDF 1.7 file structure: streams as they are, the other objects
of each part packed into one compressed object stream (as WeasyPrint writes them), and a
cross-reference stream at the end.

Fonts are what would make such a concatenation big: each part embeds its own subset of the same
Chinese font (some 150 kB a face), 1,000 times over. WeasyPrint subsets with the glyph ids kept
(retain-gids), so all those subsets are compatible with one union subset: when the renderer hands
over the full font a part used (``add_face``), the parts' own font files are left out, the glyphs
every part uses (their /W widths) are collected, and one subset of the union is embedded at the
end, shared by every part's font dictionaries. A font that cannot be shared that way (a variable
or colour font, or one not handed over) is simply copied with each part.

Links: the summary's rows point at ``fzcheck-report:<anchor>`` (WeasyPrint keeps such links as
they are); they become links to the first page of that report's part, through the named
destinations written at the end. Each report also gets a bookmark.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO

LINK_SCHEME = "fzcheck-report:"
_UNSHAREABLE = ("fvar", "CFF2", "CBDT", "CBLC", "sbix", "SVG ", "COLR", "EBDT")


def _text(s: str) -> bytes:
    """A PDF text string (UTF-16BE with its byte order mark, in hex)."""
    return b"<FEFF" + s.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _literal(s: str) -> bytes:
    """A PDF string of ASCII (named destinations)."""
    return b"(" + s.encode("ascii").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


@dataclass
class Face:
    """A font shared by every part: the full font, and the glyphs the parts use of it."""

    name: str
    blob: bytes
    index: int
    otf: bool
    number: int  # the object number of its font file, written at the end
    gids: set[int] = field(default_factory=set)
    notdef: bool = False  # some part drew a character the font lacks (WeasyPrint's .notdef mapping)

    @classmethod
    def open(cls, name: str, blob: bytes, index: int, number: int) -> "Face | None":
        try:
            from fontTools.ttLib import TTFont

            font = TTFont(io.BytesIO(blob), fontNumber=index, lazy=True)
            if any(tag in font for tag in _UNSHAREABLE):
                return None
            otf = "CFF " in font
            if not otf and "glyf" not in font:
                return None
        except Exception:  # noqa: BLE001 - anything fontTools cannot read is simply not shared
            return None
        return cls(name, blob, index, otf, number)

    def subset(self) -> bytes:
        """The union subset, made as WeasyPrint makes its own: glyph ids kept, no hinting,
        desubroutinized, no layout tables. With HarfBuzz's subsetter (uharfbuzz) when it is
        installed — WeasyPrint's own, and fast: a CJK font keeps its 65,000 glyph slots, which
        fontTools takes some 3 s a face to write — else with fontTools."""
        try:
            import uharfbuzz
        except ImportError:
            return self._fonttools_subset()
        return self._harfbuzz_subset(uharfbuzz)

    _DROP = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")

    def _harfbuzz_subset(self, hb) -> bytes:
        flags = hb.SubsetFlags
        face = hb.Face(hb.Blob(self.blob), self.index)
        gids = sorted(self.gids | {0})
        # as WeasyPrint: the glyphs used, at their ids; then the empty slots after the last one dropped
        first = hb.SubsetInput()
        for g in gids:
            first.glyph_set.add(g)
        first.flags = (flags.RETAIN_GIDS | flags.PASSTHROUGH_UNRECOGNIZED | flags.DESUBROUTINIZE
                       | (flags.NOTDEF_OUTLINE if self.notdef else 0))
        drop = first.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
        for tag in self._DROP:
            drop.add(int.from_bytes(tag.encode("ascii"), "big"))
        face = hb.subset(face, first)
        if face is None:
            return self._fonttools_subset()
        second = hb.SubsetInput()
        for g in range(gids[-1] + 1):
            second.glyph_set.add(g)
        second.flags = (flags.PASSTHROUGH_UNRECOGNIZED | flags.DESUBROUTINIZE | flags.NO_HINTING
                        | (flags.NOTDEF_OUTLINE if self.notdef else 0))
        face = hb.subset(face, second)
        if face is None:
            return self._fonttools_subset()
        return bytes(face.blob.data)

    def _fonttools_subset(self) -> bytes:
        from fontTools import subset
        from fontTools.ttLib import TTFont

        options = subset.Options(retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True,
                                 hinting=False, desubroutinize=True, notdef_outline=self.notdef)
        options.drop_tables += ["GSUB", "GPOS", "SVG "]
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=sorted(self.gids | {0}))
        font = TTFont(io.BytesIO(self.blob), fontNumber=self.index)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()


def _gids(widths) -> set[int]:
    """The glyph ids of a CIDFont's /W array: ``c [w1 w2 …]`` and ``c_first c_last w`` runs."""
    out: set[int] = set()
    items = list(widths)
    i = 0
    while i < len(items):
        first = int(items[i])
        nxt = items[i + 1] if i + 1 < len(items) else None
        if isinstance(nxt, list):
            out.update(range(first, first + len(nxt)))
            i += 2
        else:
            last = int(nxt) if nxt is not None else first
            out.update(range(first, last + 1))
            i += 3
    return out


class Concatenator:
    """Appends the pages of PDFs to one output, writing as it goes; ``close()`` ends the file."""

    def __init__(self, out: BinaryIO):
        self._out = out
        self._pos = 0
        # by object number (1 is the catalog, 2 the page tree): its offset in the file, or
        # (object stream, index) for one packed in an object stream
        self._offsets: list[int | tuple[int, int]] = [0, 0, 0]
        self._packed: list[tuple[int, bytes]] = []  # objects waiting for the next object stream
        self._kids: list[int] = []
        self._dests: dict[str, int] = {}
        self._marks: list[tuple[str, int, str | None]] = []  # bookmark title, page, group
        self._faces: dict[str, Face] = {}
        self._plain: set[str] = set()
        self.pages = 0
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    # ------------------------------------------------------------------ writing
    def _write(self, data: bytes) -> None:
        self._out.write(data)
        self._pos += len(data)

    def _alloc(self) -> int:
        self._offsets.append(0)
        return len(self._offsets) - 1

    def _object(self, number: int, body: bytes, pack: bool = False) -> None:
        if pack:
            self._packed.append((number, body))
            return
        self._offsets[number] = self._pos
        self._write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def _flush(self) -> None:
        """Write the objects packed so far as one compressed object stream."""
        if not self._packed:
            return
        number = self._alloc()
        head, bodies, at = [], [], 0
        for i, (n, body) in enumerate(self._packed):
            head.append(b"%d %d" % (n, at))
            bodies.append(body)
            at += len(body) + 1
            self._offsets[n] = (number, i)
        first = b" ".join(head) + b"\n"
        data = zlib.compress(first + b"\n".join(bodies) + b"\n", 6)
        self._packed = []
        self._stream(number, b"/Type/ObjStm/N %d/First %d/Filter/FlateDecode" % (len(head), len(first)), data)

    def _stream(self, number: int, entries: bytes, data: bytes) -> None:
        self._object(number, b"<<%s/Length %d>>\nstream\n%s\nendstream" % (entries, len(data), data))

    # ------------------------------------------------------------------ fonts
    def add_face(self, name: str, blob: bytes, index: int) -> None:
        """Offer the full font behind the subsets named ``name`` (e.g. ``/ABCDEF+Noto-Sans-CJK-SC``)
        in the parts to come, so that one subset is shared by all of them."""
        if name in self._faces or name in self._plain:
            return
        face = Face.open(name, blob, index, self._alloc())
        if face is None:
            self._plain.add(name)
        else:
            self._faces[name] = face

    # ------------------------------------------------------------------ parts
    def add(self, data: bytes, anchor: str | None = None, title: str | None = None, group: str | None = None) -> int:
        """Append every page of the PDF ``data``; ``anchor`` names its first page for the links,
        ``title`` is its bookmark (under ``group``, when given). Returns the number of pages."""
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        local: dict[int, int] = {}
        pages = [p.indirect_reference.idnum for p in reader.pages]
        for old in pages:
            local[old] = self._alloc()
        queue = list(reversed(pages))
        page_set = set(pages)
        done: set[int] = set()
        while queue:
            old = queue.pop()
            if old in done:
                continue
            done.add(old)
            obj = reader.get_object(old)
            self._copy(local[old], obj, local, queue, is_page=old in page_set)
        self._flush()
        first = local[pages[0]] if pages else None
        self._kids += [local[p] for p in pages]
        self.pages += len(pages)
        if first is not None:
            if anchor:
                self._dests[anchor] = first
            if title:
                self._marks.append((title, first, group))
        return len(pages)

    def _copy(self, number: int, obj, local: dict[int, int], queue: list[int], is_page: bool) -> None:
        from pypdf.generic import DictionaryObject, StreamObject

        def ref(o) -> bytes:
            n = local.get(o.idnum)
            if n is None:
                n = local[o.idnum] = self._alloc()
                queue.append(o.idnum)
            return b"%d 0 R" % n

        if isinstance(obj, StreamObject):
            entries = self._dict_entries(obj, ref, skip=("/Length",))
            self._stream(number, entries, obj._data)  # the stream as it is, still compressed
        elif isinstance(obj, DictionaryObject):
            if is_page:
                self._object(number, b"<<%s/Parent 2 0 R>>" % self._dict_entries(obj, ref, skip=("/Parent",)), pack=True)
            else:
                self._object(number, self._value(obj, ref), pack=True)
        else:
            self._object(number, self._value(obj, ref), pack=True)

    def _dict_entries(self, d, ref, skip: tuple[str, ...] = ()) -> bytes:
        from pypdf.generic import DictionaryObject, IndirectObject, NameObject

        kind = d.get("/Type")
        parts = []
        if kind == "/FontDescriptor" and str(d.get("/FontName")) in self._faces:
            face = self._faces[str(d["/FontName"])]
            skip = skip + ("/FontFile2", "/FontFile3", "/CIDSet")
            parts.append(b"/FontFile%d %d 0 R" % (3 if face.otf else 2, face.number))
        elif kind == "/Font":
            name = str(d.get("/BaseFont"))
            face = self._faces.get(name)
            sub = d.get("/Subtype")
            if face is not None and sub in ("/CIDFontType0", "/CIDFontType2") and "/W" in d:
                face.gids |= _gids(_resolve(d["/W"]))
            elif face is not None and sub == "/Type0" and not isinstance(d.get("/Encoding"), NameObject):
                face.notdef = True
            elif face is None and name.startswith("/") and "+" in name:
                self._plain.add(name)  # a font no one offered: copied with each part
        elif kind == "/Annot" and isinstance(d.get("/A"), (DictionaryObject, IndirectObject)):
            action = _resolve(d["/A"])
            uri = str(action.get("/URI", "")) if action.get("/S") == "/URI" else ""
            if uri.startswith(LINK_SCHEME):
                skip = skip + ("/A",)
                parts.append(b"/A<</S/GoTo/D%s>>" % _literal(uri[len(LINK_SCHEME):]))
        for k, v in d.items():
            if k in skip:
                continue
            parts.append(self._value(k, ref) + b" " + self._value(v, ref))
        return b"".join(parts)

    def _value(self, v, ref) -> bytes:
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

        if isinstance(v, IndirectObject):
            return ref(v)
        if isinstance(v, DictionaryObject):
            return b"<<" + self._dict_entries(v, ref) + b">>"
        if isinstance(v, ArrayObject):
            return b"[" + b" ".join(self._value(x, ref) for x in v) + b"]"
        buf = io.BytesIO()
        v.write_to_stream(buf)
        return buf.getvalue()

    # ------------------------------------------------------------------ the end
    def close(self, title: str | None = None, producer: str = "fzcheck") -> None:
        """Write the shared fonts, the page tree, links, bookmarks and the cross-reference table."""
        for face in self._faces.values():
            data = face.subset()
            extra = b"/Subtype/OpenType" if face.otf else b"/Length1 %d" % len(data)
            self._stream(face.number, extra + b"/Filter/FlateDecode", zlib.compress(data, 6))
        self._object(2, b"<</Type/Pages/Count %d/Kids[%s]>>" % (
            len(self._kids), b" ".join(b"%d 0 R" % k for k in self._kids)))
        catalog = [b"/Type/Catalog/Pages 2 0 R/Lang" + _literal("zh-CN")]
        if self._dests:
            names = b" ".join(_literal(a) + b"[%d 0 R/Fit]" % p for a, p in sorted(self._dests.items()))
            dests = self._alloc()
            self._object(dests, b"<</Names[%s]>>" % names, pack=True)
            catalog.append(b"/Names<</Dests %d 0 R>>" % dests)
        if self._marks:
            catalog.append(b"/Outlines %d 0 R/PageMode/UseOutlines" % self._outline())
        info = self._alloc()
        entries = b"/Producer" + _text(producer)
        if title:
            entries += b"/Title" + _text(title)
        self._object(info, b"<<%s>>" % entries, pack=True)
        self._object(1, b"<<%s>>" % b"".join(catalog), pack=True)
        self._flush()
        # the cross-reference stream: type 1 (offset) or 2 (object stream, index) for each object
        xref = self._alloc()
        self._offsets[xref] = self._pos
        width = max(4, (self._pos.bit_length() + 7) // 8)
        rows = [b"\x00" + b"\x00" * width + b"\xff\xff"]
        for entry in self._offsets[1:]:
            if isinstance(entry, tuple):
                rows.append(b"\x02" + entry[0].to_bytes(width, "big") + entry[1].to_bytes(2, "big"))
            else:
                rows.append(b"\x01" + entry.to_bytes(width, "big") + b"\x00\x00")
        ident = hashlib.md5(b"%d:%d:%s" % (len(self._offsets), self.pages, (title or "").encode("utf-8"))).hexdigest().encode()
        self._stream(xref, b"/Type/XRef/Size %d/W[1 %d 2]/Root 1 0 R/Info %d 0 R/ID[<%s><%s>]/Filter/FlateDecode" % (
            len(self._offsets), width, info, ident, ident), zlib.compress(b"".join(rows), 6))
        self._write(b"startxref\n%d\n%%%%EOF\n" % self._offsets[xref])

    def _outline(self) -> int:
        """Bookmarks: one per part that has a title, under its group when there are several."""
        root = self._alloc()
        groups = {g for _, _, g in self._marks if g is not None}
        top: list[tuple[str, int | None, list[tuple[str, int]]]] = []  # title, page, children
        by_group: dict[str, list[tuple[str, int]]] = {}
        for t, page, g in self._marks:
            if g is None or len(groups) < 2:
                top.append((t, page, []))
            else:
                if g not in by_group:
                    by_group[g] = []
                    top.append((g, None, by_group[g]))
                by_group[g].append((t, page))
        items = self._items(top, root)
        total = len(top) + sum(len(c) for _, _, c in top)
        self._object(root, b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>" % (items[0], items[-1], total), pack=True)
        return root

    def _items(self, entries, parent: int) -> list[int]:
        numbers = [self._alloc() for _ in entries]
        for i, (t, page, children) in enumerate(entries):
            body = [b"/Title" + _text(t), b"/Parent %d 0 R" % parent]
            if i:
                body.append(b"/Prev %d 0 R" % numbers[i - 1])
            if i + 1 < len(numbers):
                body.append(b"/Next %d 0 R" % numbers[i + 1])
            if children:
                kids = self._items([(ct, cp, []) for ct, cp in children], numbers[i])
                body.append(b"/First %d 0 R/Last %d 0 R/Count %d" % (kids[0], kids[-1], len(kids)))
                page = page if page is not None else children[0][1]
            body.append(b"/Dest[%d 0 R/Fit]" % page)
            self._object(numbers[i], b"<<%s>>" % b"".join(body), pack=True)
        return numbers


def _resolve(v):
    return v.get_object() if hasattr(v, "get_object") else v
