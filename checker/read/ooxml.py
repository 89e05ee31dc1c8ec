"""Open the parts of a Word package (.docx) that the reader needs, and only those, within bounds.

python-docx's package loader reads and inflates every part of the ZIP (images, fonts,
thumbnails) before anything else: a 1 MB file whose embedded picture inflates to 1 GB costs
gigabytes although the picture is never looked at. Here the ZIP's directory is read first and
each needed part is inflated on its own, with its declared size and its real size both capped
before and while it is inflated:

- the main document part is found through ``_rels/.rels`` (officeDocument) and its content type
  in ``[Content_Types].xml``; styles, numbering and comments through the main part's own rels;
- no part larger than MAX_PART_MB inflated, and no ZIP whose parts together declare more than
  MAX_TOTAL_MB; a compression ratio beyond MAX_RATIO for a large part is a bomb;
- XML is parsed by lxml with entities never resolved, no network, no DTD loading and the default
  depth and size limits (``huge_tree`` off), so entity bombs and nesting bombs fail at once.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from ..errors import InputError

MAX_PART_MB = 64  # one part (document.xml of a 300-page report is ~5 MB)
MAX_TOTAL_MB = 512  # what all parts together declare
MAX_RATIO = 200  # inflated : compressed, for parts over 1 MB (XML compresses ~10:1)
MAX_PARTS = 10000

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


class Package:
    """The parts of an OPC package, inflated on demand and within bounds."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise InputError(f"{name}: 不是可读取的 Word 文档（.docx）：ZIP 文件损坏或不完整（{exc}）") from None
        if len(infos) > MAX_PARTS:
            raise InputError(f"{name}: Word 文档的部件太多（{len(infos)} 个，上限 {MAX_PARTS}），不读取")
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_MB * 1048576:
            raise InputError(f"{name}: Word 文档解压后太大（{total / 1048576:.0f} MB，上限 {MAX_TOTAL_MB} MB），可能是压缩炸弹")
        self.infos = {i.filename: i for i in infos}

    def blob(self, part: str) -> bytes | None:
        """The bytes of a part (None when the package has no such part), never more than the cap."""
        info = self.infos.get(part)
        if info is None:
            return None
        cap = MAX_PART_MB * 1048576
        if info.file_size > cap:
            raise InputError(f"{self.name}: Word 文档的部件 {part} 解压后太大（{info.file_size / 1048576:.0f} MB，"
                             f"上限 {MAX_PART_MB} MB），不读取")
        if info.file_size > 1048576 and info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise InputError(f"{self.name}: Word 文档的部件 {part} 压缩比异常（{info.file_size // max(info.compress_size, 1)}:1），"
                             "可能是压缩炸弹，不读取")
        try:
            with self.zip.open(info) as f:
                data = f.read(cap + 1)  # the declared size may lie: the real size is capped too
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise InputError(f"{self.name}: 不是可读取的 Word 文档（.docx）：部件 {part} 损坏（{exc}）") from None
        except Exception as exc:  # zlib.error and the like
            raise InputError(f"{self.name}: 不是可读取的 Word 文档（.docx）：部件 {part} 损坏（{type(exc).__name__}）") from None
        if len(data) > cap:
            raise InputError(f"{self.name}: Word 文档的部件 {part} 解压后超过 {MAX_PART_MB} MB，不读取")
        return data

    def xml(self, part: str):
        """A part parsed as XML (None when missing)."""
        from lxml import etree

        data = self.blob(part)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise InputError(f"{self.name}: 不是可读取的 Word 文档（.docx）：{part} 不是有效的 XML（{exc}）") from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """The relationships of a part: id → (type, target part name)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id") or ""] = (rel.get("Type") or "", target)
        return out

    def related(self, part: str, reltype: str) -> str | None:
        """The part a part points to by a relationship of this type (the first one)."""
        short = reltype.rsplit("/", 1)[-1]
        for kind, target in self.rels(part).values():
            if kind == reltype or kind.rsplit("/", 1)[-1] == short:
                return target
        return None

    def main_part(self) -> tuple[str, str]:
        """(the main document part's name, its content type)."""
        root = self.related("", OFFICE_DOCUMENT) or self.related("", STRICT_OFFICE_DOCUMENT)
        if root is None:
            raise InputError(f"{self.name}: 不是可读取的 Word 文档（.docx）：找不到正文部件（_rels/.rels）")
        return root, self.content_type(root)

    def content_type(self, part: str) -> str:
        types = self.xml("[Content_Types].xml")
        if types is None:
            return ""
        for o in types.iter(f"{{{CT_NS}}}Override"):
            if (o.get("PartName") or "").lstrip("/") == part:
                return o.get("ContentType") or ""
        ext = part.rsplit(".", 1)[-1].lower()
        for d in types.iter(f"{{{CT_NS}}}Default"):
            if (d.get("Extension") or "").lower() == ext:
                return d.get("ContentType") or ""
        return ""
