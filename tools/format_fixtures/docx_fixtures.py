"""Write the five text fixtures (fixtures/*.txt) as Word documents: fixtures/formats/docx/<stem>.docx.

    .venv/bin/python tools/format_fixtures/docx_fixtures.py

Each report is laid out the way a government office types it in Word: the title centred, bold,
二号 方正小标宋; body 三号 仿宋_GB2312 with a first-line indent of two characters and fixed 28 pt
line spacing; level-1 headings (一、) in 黑体 and level-2 headings (（一）) in bold 楷体 — a
heading on a line of its own all bold, a run-in heading ("（一）加强领导。" then the body) as a
bold run followed by normal runs; the signature right-aligned. The paragraphs come from the tool's
own reading of the text fixture (read → normalize), so the .docx holds the same report.

Per report, one more thing Word users do:

- 000: nothing more (bold headings typed by hand, the plain case);
- 001: the web page's metadata (索引号 | 发布机构 | 成文日期 …) as a Word table at the top, a
  header (the issuer) and a footer (the page number field);
- 002: run-in headings exactly where the Markdown source had bold;
- 003: Word heading styles ("Heading 1" for 一、…, "Heading 2" for a （一） on a line of its own);
- 004: Word's automatic numbering for 一、 and （一） (a two-level list, chineseCounting): the
  numbers are not in the text, Word draws them.

The output is deterministic: fixed document properties and fixed ZIP entry times, so running the
generator again gives the same bytes. At the end every .docx is read back with fzcheck's reader
and its normalized paragraphs are compared with the text fixture's (an AssertionError if not).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Cm, Pt, RGBColor  # noqa: E402

from checker.normalize import normalize  # noqa: E402
from checker.normalize.patterns import DATE_LINE, HEADING_MARKER  # noqa: E402
from checker.read import read_path  # noqa: E402

FIXTURES = ROOT / "fixtures"
OUT = FIXTURES / "formats" / "docx"
FIXED_TIME = dt.datetime(2024, 3, 1, 9, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (2024, 3, 1, 9, 0, 0)

BODY_FONT, TITLE_FONT, H1_FONT, H2_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"
BODY_SIZE, TITLE_SIZE = Pt(16), Pt(22)  # 三号, 二号
CN = "一二三四五六七八九十"
H1 = re.compile(rf"^[{CN}]{{1,3}}、")
H2 = re.compile(rf"^[（(][{CN}]{{1,3}}[)）]")
HEADING_STOP = "。！？!?：:；;"
RUNIN_MAX = 80
TITLE_WORDS = re.compile(r"报告|总结|情况|汇报")


# ---------------------------------------------------------------- what each paragraph is

def kinds(paragraphs) -> list[str]:
    """title / org / h1 / h2 / enum / body / sign for each normalized paragraph."""
    out = ["body"] * len(paragraphs)
    for i, p in enumerate(paragraphs[:4]):
        t = p.text
        if "。" in t or HEADING_MARKER.match(t) or len(t) > 80:
            break
        if TITLE_WORDS.search(t):
            out[i] = "title"
            for k in range(i):
                out[k] = "org"
            break
    for i, p in enumerate(paragraphs):
        if out[i] != "body":
            continue
        if H1.match(p.text):
            out[i] = "h1"
        elif H2.match(p.text):
            out[i] = "h2"
    # the signature: issuer and date lines at the very end
    for i in range(len(paragraphs) - 1, max(len(paragraphs) - 3, 0) - 1, -1):
        t = paragraphs[i].text
        if DATE_LINE.match(t) or (len(t) <= 30 and not re.search(r"[。，,；;：:]", t) and not HEADING_MARKER.match(t)):
            out[i] = "sign"
        else:
            break
    return out


def runin_end(p, kind: str) -> int | None:
    """Where the bold part of a paragraph ends: what the source marked bold, else for a heading
    the heading sentence (up to its first 。；：), the whole paragraph when it is only a heading."""
    if p.runin_end:
        return p.runin_end
    if p.heading_hint:
        return len(p.text)
    if kind not in ("h1", "h2"):
        return None
    for i, ch in enumerate(p.text[:RUNIN_MAX]):
        if ch in HEADING_STOP:
            return i + 1
    if len(p.text) <= RUNIN_MAX:
        return len(p.text)
    return None


# ---------------------------------------------------------------- Word pieces

def east_asian(run, font: str) -> None:
    run.font.name = font
    rpr = run._element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), font)


def indent_two_chars(paragraph) -> None:
    paragraph.paragraph_format.first_line_indent = Pt(32)
    ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), "200")


def new_document():
    d = docx.Document()
    # python-docx's template carries parts a report does not need: a thumbnail, the Word 2010
    # copy of the styles, web settings and a custom XML item; leave them out to keep files small
    for rid, rel in list(d.part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del d.part.package.rels[rid]
    for rid, rel in list(d.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/webSettings", "/customXml")):
            del d.part.rels[rid]
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    normal = d.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    for name, font in (("Heading 1", H1_FONT), ("Heading 2", H2_FONT)):
        st = d.styles[name]
        st.font.name = font
        st.font.size = BODY_SIZE
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        st.paragraph_format.space_before = Pt(0)
        st.paragraph_format.space_after = Pt(0)
        st.paragraph_format.first_line_indent = Pt(32)
    cp = d.core_properties
    cp.author = cp.last_modified_by = "fzcheck"
    cp.created = cp.modified = cp.last_printed = FIXED_TIME
    cp.revision = 1
    return d


def write_paragraph(d, p, kind: str, *, heading_styles: bool = False, numbered: dict | None = None):
    """One report paragraph as a Word paragraph."""
    text = p.text
    if kind == "title":
        para = d.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = True
        run.font.size = TITLE_SIZE
        east_asian(run, TITLE_FONT)
        return para
    if kind == "org":
        para = d.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = True
        east_asian(run, H1_FONT)
        return para
    if kind == "sign":
        para = d.add_paragraph(text)
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return para
    end = runin_end(p, kind)
    if heading_styles and kind in ("h1", "h2") and end == len(text):
        return d.add_paragraph(text, style="Heading 1" if kind == "h1" else "Heading 2")
    if numbered is not None and kind in ("h1", "h2"):
        m = (H1 if kind == "h1" else H2).match(text)
        label = numbered["label"](kind)
        if m.group() == label:  # Word would draw the same number: let it
            para = d.add_paragraph()
            ppr = para._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{0 if kind == "h1" else 1}"/>'
                                 f'<w:numId w:val="{numbered["num_id"]}"/></w:numPr>'))
            text = text[m.end():]
            end = end - m.end() if end else end
            indent_two_chars(para)
            _runs(para, text, end, kind)
            return para
        numbered["mismatch"].append(text[:20])
    para = d.add_paragraph()
    indent_two_chars(para)
    _runs(para, text, end, kind)
    return para


def _runs(para, text: str, end: int | None, kind: str) -> None:
    font = H1_FONT if kind == "h1" else H2_FONT if kind == "h2" else None
    if end:
        run = para.add_run(text[:end])
        run.bold = True
        if font:
            east_asian(run, font)
    if text[end or 0:]:
        para.add_run(text[end or 0:])


# ---------------------------------------------------------------- automatic numbering

ABSTRACT = """<w:abstractNum {ns} w:abstractNumId="{aid}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:lvlJc w:val="left"/><w:suff w:val="nothing"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/></w:rPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:lvlJc w:val="left"/><w:suff w:val="nothing"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="楷体_GB2312" w:eastAsia="楷体_GB2312" w:hAnsi="楷体_GB2312"/><w:b/></w:rPr></w:lvl>
</w:abstractNum>"""


def add_list(d) -> int:
    """A two-level list 一、 / （一） in numbering.xml; returns its numId."""
    numbering = d.part.numbering_part.element
    aids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    nids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    aid, nid = max(aids, default=-1) + 1, max(nids, default=0) + 1
    abstract = parse_xml(ABSTRACT.format(ns=nsdecls("w"), aid=aid))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
    return nid


def _cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else ("十" + CN[n - 11] if n < 20 else str(n))


def list_counter(num_id: int) -> dict:
    state = {"h1": 0, "h2": 0}

    def label(kind: str) -> str:
        if kind == "h1":
            state["h1"] += 1
            state["h2"] = 0
            return _cn(state["h1"]) + "、"
        state["h2"] += 1
        return "（" + _cn(state["h2"]) + "）"

    return {"num_id": num_id, "label": label, "mismatch": []}


# ---------------------------------------------------------------- header, footer, table

def header_footer(d, header: str) -> None:
    sec = d.sections[0]
    hp = sec.header.paragraphs[0]
    hp.text = header
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("— ")
    fp._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    fp.add_run(" —")


def metadata_table(d, source_lines: list[str], used_lines: set[int]):
    """The metadata lines at the top of a web page (key | value | key | value) as a Word table;
    a row with fewer cells than the widest spans its last value over the rest."""
    rows = []
    for i in sorted(used_lines):
        cells = [c.strip() for c in source_lines[i - 1].split("|")]
        cells = [c for c in cells if c]
        if cells:
            rows.append(cells)
    width = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=width)
    table.style = d.styles["Table Grid"]
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
        if len(cells) < width:
            table.cell(r, len(cells) - 1).merge(table.cell(r, width - 1))
            table.cell(r, len(cells) - 1).text = cells[-1]
    return table


# ---------------------------------------------------------------- one report

def build(txt: Path) -> bytes:
    source = read_path(txt)
    norm = normalize(source)
    paras = norm.paragraphs
    kind = kinds(paras)
    stem = txt.stem
    d = new_document()
    numbered = None
    if stem.startswith("001"):
        header_footer(d, norm.metadata.get("发布机构", ""))
        metadata_table(d, source.lines, set(norm.metadata_lines.values()))
    if stem.startswith("004"):
        numbered = list_counter(add_list(d))
    # the template's document has one empty paragraph: drop it so the body starts with the report
    body = d.element.body
    for p in body.findall(qn("w:p")):
        if not p.xpath("string(.)") and p.getparent() is body and p is body[0]:
            body.remove(p)
    for p, k in zip(paras, kind):
        write_paragraph(d, p, k, heading_styles=stem.startswith("003"), numbered=numbered)
    if numbered and numbered["mismatch"]:
        print(f"{stem}: typed numbers kept where Word's list would differ: {numbered['mismatch']}")
    prune_styles(d)
    buf = io.BytesIO()
    d.save(buf)
    return deterministic_zip(buf.getvalue())


def prune_styles(d) -> None:
    """Keep the styles the document uses (and those they are based on, linked to, default):
    python-docx's template defines some 160, a 350 KB styles.xml."""
    styles = d.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep = {sid for sid, s in by_id.items() if s.get(qn("w:default")) in ("1", "true")}
    for part in d.part.package.iter_parts():
        el = getattr(part, "element", None)
        if el is None or el is styles:
            continue
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyleLink", "w:styleLink"):
            keep.update(x.get(qn("w:val")) for x in el.iter(qn(tag)))
    todo = list(keep)
    while todo:
        s = by_id.get(todo.pop())
        if s is None:
            continue
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = s.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in keep:
                keep.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for sid, s in by_id.items():
        if sid not in keep:
            styles.remove(s)


def deterministic_zip(data: bytes) -> bytes:
    """The same entries, in the same order, with a fixed time stamp."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename), compresslevel=9)
    return out.getvalue()


def check_round_trip(txt: Path, path: Path) -> None:
    """The .docx, read by fzcheck, gives the text fixture's paragraphs and metadata."""
    want = normalize(read_path(txt))
    got = normalize(read_path(path))
    assert [p.text for p in got.paragraphs] == [p.text for p in want.paragraphs], path
    assert got.metadata == want.metadata, (path, got.metadata, want.metadata)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for txt in sorted(FIXTURES.glob("*.txt")):
        path = OUT / (txt.stem + ".docx")
        data = build(txt)
        path.write_bytes(data)
        check_round_trip(txt, path)
        print(f"{path.relative_to(ROOT)}  {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
