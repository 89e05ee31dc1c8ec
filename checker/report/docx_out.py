"""The report handed back with Word comments (批注): ``--format docx``.

In China, review comments on a draft travel as Word comments; the clerk opens the file she wrote
and finds each finding on the paragraph it concerns.

- A .docx report: a copy of the clerk's own file — its text, styles, numbering, headers and
  footers, and any comments already in it, untouched — with one comment per warn / fail
  finding, anchored on the paragraph its first located evidence is in; a finding with none (a
  missing part) sits where the rule says the part belongs (the result's anchor), else on the
  title. One summary comment on the title paragraph gives the counts and what to fix.
- A .doc / .wps / .rtf / .odt report: the same, on the .docx LibreOffice converts it to (the
  checker read that very conversion); the summary comment says so. The user's file is never
  written.
- Any other report (text, Markdown, PDF, web page): a new .docx of the report's text, one
  paragraph per paragraph of the report (the title centred, headings in bold), carrying the same
  comments on the paragraphs their evidence lines are in.

python-docx (≥ 1.2) writes the comments part and the comment ranges (``Document.add_comment``).
Comments are by "fzcheck" (initials "FZ"), dated now (or SOURCE_DATE_EPOCH, as the audit).

The one entry point for other code (the web page) is :func:`commented_docx`: a checked Report and
the rule set → the bytes of the .docx. :func:`output_name` is the file name it goes by.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import InputError, UsageError
from .common import STATUS_ZH, where

if TYPE_CHECKING:
    from ..api import Report
    from ..evaluate import Result, RuleSet
    from ..segment import Document
    from . import Run

AUTHOR = "fzcheck"
INITIALS = "FZ"
SUFFIX = "-批注.docx"
#: what kind of requirement a rule is, by the first part of its id
CATEGORY_ZH = {"core": "核心要求", "format": "格式要求", "content": "内容要求", "consistency": "一致性要求"}
#: formats whose own file (or its LibreOffice conversion) gets the comments
WORD_FORMATS = {"docx", "doc", "wps", "rtf", "odt"}
FORMAT_ZH = {"text": "文本", "markdown": "Markdown", "pdf": "PDF", "html": "网页", "doc": ".doc", "wps": ".wps",
             "rtf": ".rtf", "odt": ".odt", "docx": ".docx"}
COMMENT_PT = 10.5  # 五号, the size of a comment's text
MAX_ELSEWHERE = 5  # other places of the evidence named in a comment
MAX_BASIS = 80  # characters of the legal basis in a comment

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CT_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CT_OTHER_MAIN = (  # templates and macro-enabled files: saved as a plain document
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_RT_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


# ---------------------------------------------------------------- the text of the comments

def category(rule_id: str) -> str:
    return CATEGORY_ZH.get(rule_id.split(".", 1)[0], "要求")


def headline(r: Result) -> str:
    """不通过｜核心要求：存在的不足和原因"""
    return f"{STATUS_ZH[r.status]}｜{category(r.id)}：{r.title}"


def brief_basis(basis: str) -> str:
    """The first source of the legal basis, short enough for a comment."""
    first = re.split(r"[；;]", basis.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= MAX_BASIS else first[:MAX_BASIS - 1] + "…"


def place_words(anchor: Any, where: str | None) -> str:
    """Where a missing thing goes: 第7段之后（主要举措和成效部分末尾）, 本段之前（开头段之前）."""
    if anchor.position == "after":
        return f"{where}之后（{anchor.section}末尾）" if where else f"{anchor.section}末尾"
    return f"{where}之前（{anchor.section}之前）" if where else f"{anchor.section}之前"


#: how much of last year's passage a comment quotes
LAST_QUOTE = 60


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；…）)”" else text + "。"


def comment_lines(r: Result, elsewhere: list[str], anchor_where: str | None) -> list[str]:
    """The paragraphs of one finding's comment: headline, message, hint, where a missing part
    goes, the other places of the evidence, the basis."""
    lines = [headline(r), _sentence(r.message)]
    if r.hint:
        lines.append("修改建议：" + _sentence(r.hint))
    if r.anchor is not None:
        lines.append("补写位置：" + place_words(r.anchor, anchor_where))
    last = next((e.previous for e in r.evidence if getattr(e, "previous", None) is not None), None)
    if last is not None:  # a compare rule: where the same passage stands in last year's report
        text = last.text if len(last.text) <= LAST_QUOTE else last.text[:LAST_QUOTE] + "…"
        lines.append(f"上年报告{where(last)}：{text}")
    if elsewhere:
        more = len(elsewhere) - MAX_ELSEWHERE
        lines.append("另见：" + "、".join(elsewhere[:MAX_ELSEWHERE]) + (f" 等 {len(elsewhere)} 处" if more > 0 else ""))
    if r.basis:
        lines.append("依据：" + brief_basis(r.basis))
    return lines


def _counts(report: Report) -> str:
    s = report.summary
    text = f"通过 {s['pass']} · 警告 {s['warn']} · 不通过 {s['fail']}"
    return text + (f"（不适用 {s['skip']}）" if s["skip"] else "")


def _findings(report: Report) -> list[Result]:
    """The warn / fail results, fails first, each in rule order."""
    return [r for r in report.results if r.status == "fail"] + [r for r in report.results if r.status == "warn"]


# ---------------------------------------------------------------- where each comment goes

@dataclass
class _Places:
    """The paragraphs of the output document a comment can sit on, by input line."""

    element_of_line: Callable[[int], Any]  # input line → w:p (None when the line is not there)
    element_of_location: dict[str, Any]  # 第N段 / 表T第R行 → the first w:p read there
    where_of_line: Callable[[int], str]  # input line → how the user finds it (第N段, 第3页第5行, 第12行)
    title: Any  # the title's w:p (else the first paragraph)


@dataclass
class _Target:
    element: Any  # the w:p the comment goes on
    where: str | None  # that paragraph's place, for the summary (第16段)
    elsewhere: list[str]  # the other places of the evidence
    anchor_where: str | None  # where a missing thing goes: 本段 (the comment's paragraph) or 第7段


def _target(r: Result, places: _Places) -> _Target:
    """The paragraph a finding's comment goes on: its first evidence with a place, else its
    anchor's paragraph (a missing part: where it belongs), else the title."""
    element = where = None
    rest: list[str] = []
    for e in r.evidence:
        el = places.element_of_line(e.line) if e.line else None
        if el is None and e.location:
            el = places.element_of_location.get(e.location)
        if el is None:
            continue
        w = places.where_of_line(e.line) if e.line else e.location
        if element is None:
            element, where = el, w
        elif w and w != where and w not in rest:
            rest.append(w)
    anchor_where = None
    a = r.anchor
    if a is not None:
        el = places.element_of_line(a.line) if a.line else None
        if el is None and a.location:
            el = places.element_of_location.get(a.location)
        if el is not None:
            anchor_where = places.where_of_line(a.line) if a.line else a.location
            if element is None:
                element, where = el, None
            if el is element:
                anchor_where = "本段"
            if where is None:
                where = place_words(a, places.where_of_line(a.line) if a.line else a.location).split("（")[0]
    if element is None:
        element = places.title
    return _Target(element, where, rest, anchor_where)


def _title_line(report: Report) -> int | None:
    if report.document is not None:
        return report.document.fields.title_line
    for cand in report.document_dict().get("sources", {}).get("title", []):
        if cand.get("line"):
            return cand["line"]
    return None


# ---------------------------------------------------------------- writing comments

def _own_runs(p) -> list:
    """The runs directly in a paragraph (not in a hyperlink, a tracked change, a field, a text box)."""
    return [child for child in p if child.tag == _W + "r"]


def _comment_date() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _add_comment(document, p, lines: list[str]) -> None:
    """One comment on paragraph p (its range: p's own runs, or an empty run put at its end when
    it has none), the first line in bold."""
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    paragraph = Paragraph(p, document.part)
    runs = _own_runs(p)
    if not runs:
        runs = [p.add_r()]
    comment = document.add_comment([Run(runs[0], paragraph), Run(runs[-1], paragraph)], text="",
                                   author=AUTHOR, initials=INITIALS)
    comment._comment_elm.date = _comment_date()
    head = comment.paragraphs[0].add_run(lines[0])
    head.bold = True
    runs = [head] + [comment.add_paragraph(line).runs[0] for line in lines[1:] if line]
    for run in runs:  # 五号: the document's own styles (a 三号 body, say) stay untouched
        run.font.size = Pt(COMMENT_PT)


def _annotate(document, report: Report, rules: RuleSet | None, places: _Places, notes: list[str]) -> None:
    findings = _findings(report)
    targets = [(r, _target(r, places)) for r in findings]
    summary = [f"fzcheck 审核结果：{_counts(report)}"]
    if findings:
        summary.append(f"需要修改 {len(findings)} 项（每项的批注在它所在的段落）：")
        for i, (r, t) in enumerate(targets, 1):
            summary.append(f"{i}. {STATUS_ZH[r.status]}｜{r.title}：{r.message}" + (f"（{t.where}）" if t.where else ""))
    else:
        summary.append("未发现需要修改之处。")
    summary.extend(notes)
    from ..api import tool_info

    tool = tool_info(rules)
    summary.append(f"{tool['name']} {tool['version']}" + (f"，规则 {tool['rules']['packs']}" if "rules" in tool else ""))
    _add_comment(document, places.title, summary)
    for r, t in targets:
        _add_comment(document, t.element, comment_lines(r, t.elsewhere, t.anchor_where))


# ---------------------------------------------------------------- a Word report: its own file

def _open_word(data: bytes, name: str):
    """A python-docx Document of .docx bytes (templates and macro-enabled files too: saved as a
    plain document, without the macros)."""
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    for ct in _CT_OTHER_MAIN:
        PartFactory.part_type_for.setdefault(ct, DocumentPart)
    try:
        package = Package.open(io.BytesIO(data))
        part = package.main_document_part
        document = part.document
    except Exception as exc:  # the reader opened it, so this is rare: a file changed meanwhile
        raise InputError(f"{name}: 无法打开此 Word 文件以加批注（{type(exc).__name__}）") from None
    notes = []
    if part.content_type != _CT_DOCUMENT:
        if "macroEnabled" in part.content_type:
            for rid, rel in list(part.rels.items()):
                if rel.reltype == _RT_VBA:
                    part.rels.pop(rid)
                    notes.append("原文件中的宏未保留在此副本中。")
        part._content_type = _CT_DOCUMENT
    return document, notes


def _word_copy(report: Report, rules: RuleSet | None, data: bytes, fmt: str) -> bytes:
    from ..read import CONVERTED, sniff
    from ..read.docx import line_paragraphs

    notes: list[str] = []
    if fmt != "docx":
        from ..read import convert

        kind = sniff(data, Path(report.path).suffix.lower())
        if kind not in CONVERTED:
            raise InputError(f"{report.path}: 文件内容已不是检查时的格式，无法加批注")
        data = convert.to_docx(data, report.path, kind)
        notes.append(f"说明：原文件为 {FORMAT_ZH.get(fmt, fmt)} 格式，本文件是 LibreOffice 将其转换为 .docx 后加上的批注"
                     "（检查读取的也是这份转换结果）；原文件未改动，版式可能与原文件略有不同。")
    document, more = _open_word(data, report.path)
    notes.extend(more)
    lines, locations, elements = line_paragraphs(document)
    if not elements:
        raise InputError(f"{report.path}: 此 Word 文件中没有可加批注的段落")
    by_location: dict[str, Any] = {}
    for loc, el in zip(locations, elements):
        by_location.setdefault(loc, el)

    def element_of_line(line: int):
        return elements[line - 1] if 0 < line <= len(elements) else None

    def where_of_line(line: int) -> str:
        return locations[line - 1] if 0 < line <= len(locations) else f"第{line}行"

    title_line = _title_line(report)
    title = element_of_line(title_line) if title_line else None
    places = _Places(element_of_line, by_location, where_of_line, title if title is not None else elements[0])
    _annotate(document, report, rules, places, notes)
    out = io.BytesIO()
    document.save(out)
    main = document.part
    changed = {"[Content_Types].xml", main.partname.lstrip("/"), main.partname.rels_uri.lstrip("/"),
               main._comments_part.partname.lstrip("/")}
    return _keep_parts(data, out.getvalue(), changed)


def _keep_parts(original: bytes, saved: bytes, changed: set[str]) -> bytes:
    """The saved package with every part the comments do not touch (styles, numbering,
    settings, headers, footers, theme, properties …) byte for byte as in the original:
    python-docx writes back the XML it parsed, the same content but not always the same bytes."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(original)) as zin:
        keep = {n: zin.read(n) for n in zin.namelist() if n not in changed}
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved)) as zsaved, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zsaved.infolist():
            data = keep.get(info.filename)
            zout.writestr(info, data if data is not None else zsaved.read(info.filename))
    return buf.getvalue()


# ---------------------------------------------------------------- any other report: a new .docx

def _set_east_asian(style_or_run_element, font: str) -> None:
    rpr = style_or_run_element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(_W + "eastAsia", font)


def _new_docx(report: Report, rules: RuleSet | None, doc: Document) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    out = docx.Document()
    normal = out.styles["Normal"]
    normal.font.size = Pt(12)
    _set_east_asian(normal.element, "宋体")
    for lang in out.styles.element.iter(_W + "lang"):  # the defaults: Chinese, not en-US
        lang.set(_W + "eastAsia", "zh-CN")
    body = out.element.body
    for p in list(body):
        if p.tag != _W + "sectPr":
            body.remove(p)
    out.core_properties.title = doc.fields.title or ""
    out.core_properties.author = ""
    out.core_properties.comments = f"fzcheck 根据 {os.path.basename(report.path)} 的文字生成"
    titles = doc.regions.get("title", [])
    bold_spans = sorted((h.start, h.end) for h in doc.headings if not h.inline)
    elements = []
    firsts = []  # the first input line of each paragraph
    for a, b in doc.paragraphs:
        paragraph = out.add_paragraph()
        is_title = any(x < b and a < y for x, y in titles)
        pieces = []  # (text, bold)
        at = a
        for s, e in bold_spans:
            s, e = max(s, a), min(e, b)
            if e <= s or s < at:
                continue
            pieces += [(doc.text[at:s], False), (doc.text[s:e], True)]
            at = e
        pieces.append((doc.text[at:b], False))
        for text, bold in pieces:
            if text:
                run = paragraph.add_run(text)
                if bold or is_title:
                    run.bold = True
                if is_title:
                    run.font.size = Pt(16)
        if is_title:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elements.append(paragraph._p)
        firsts.append(doc.line_of(a))
    if not elements:
        raise InputError(f"{report.path}: 报告没有正文段落，无法生成批注文件")
    # each input line → the paragraph that holds it (a line in none, e.g. blank: the one before)
    line_to_para: dict[int, int] = {}
    for i, (a, b) in enumerate(doc.paragraphs):
        for line in {doc.src[k] for k in range(a, b) if k < len(doc.src)}:
            line_to_para.setdefault(line, i)
    order = sorted(range(len(firsts)), key=lambda i: firsts[i])
    sorted_firsts = [firsts[i] for i in order]

    def element_of_line(line: int):
        i = line_to_para.get(line)
        if i is None:
            k = bisect.bisect_right(sorted_firsts, line) - 1
            i = order[max(k, 0)]
        return elements[i]

    def where_of_line(line: int) -> str:
        return doc.location(line) or f"第{line}行"

    by_location: dict[str, Any] = {}
    for line in sorted(line_to_para):
        loc = doc.location(line)
        if loc:
            by_location.setdefault(loc, elements[line_to_para[line]])
    title_line = _title_line(report)
    title = element_of_line(title_line) if title_line else elements[0]
    kind = FORMAT_ZH.get(doc.source_format, doc.source_format)
    notes = [f"说明：原文件为 {kind} 格式，本文件按其文字重新生成（不含原版式），"
             "批注中的“第…页第…行”“第…行”“第…段”指原文件中的位置。"]
    places = _Places(element_of_line, by_location, where_of_line, title)
    _annotate(out, report, rules, places, notes)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- entry points

def _format_of(report: Report) -> str:
    if report.document is not None:
        return report.document.source_format
    return report.document_dict().get("format") or "text"


def _read(report: Report) -> bytes:
    try:
        return Path(report.file or report.path).read_bytes()
    except OSError as exc:
        raise InputError(f"{report.path}: 无法读取原文件以加批注（{exc.strerror or exc}）") from None


def commented_docx(report: Report, rules: RuleSet | None = None, data: bytes | None = None) -> bytes:
    """The .docx handed back for one checked report: its own Word file (or LibreOffice's .docx
    of it) with a comment per warn / fail finding and a summary on the title, or for other
    formats a new .docx of its text with the same comments. ``data``: the report file's bytes
    when ``report.path`` is not (or no longer) on disk. The file itself is never written.
    Raises InputError (one line) when the original cannot be read again."""
    fmt = _format_of(report)
    if fmt in WORD_FORMATS:
        return _word_copy(report, rules, _read(report) if data is None else data, fmt)
    doc = report.document
    if doc is None:  # detached (checked in a worker process): read the report again
        from ..pipeline import load_path, load_source
        from ..read import read_bytes

        doc = load_path(report.path) if data is None else load_source(
            read_bytes(data, report.path, Path(report.path).suffix.lower()))
    return _new_docx(report, rules, doc)


def render(run: Run) -> bytes:
    """``--format docx`` to one file: the one report's commented .docx."""
    if len(run.reports) != 1:
        raise UsageError("--format docx：多份报告请写入文件夹，如 --format docx=批注/")
    return commented_docx(run.reports[0], run.rules)


# names Windows keeps for devices, whatever the extension
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_STEM_BYTES = 180  # of UTF-8: with the suffix and a counter, under the 255 bytes file systems allow


def output_name(report_path: str) -> str:
    """The file name of a report's commented copy: its own name without extension, made safe on
    every file system, + "-批注.docx" (报告.doc → 报告-批注.docx)."""
    if report_path in ("<text>", "-", ""):
        return "报告" + SUFFIX
    stem = Path(report_path.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    stem = unicodedata.normalize("NFC", _UNSAFE.sub("_", stem)).strip(" .")
    if not stem or set(stem) <= {"_"}:
        stem = "报告"
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    if stem.split(".")[0].lower() in _RESERVED:
        stem = "_" + stem
    return stem + SUFFIX


def unique_name(name: str, taken: set[str]) -> str:
    """name, or name-2, name-3 … when taken (compared without case, as Windows and macOS do);
    the name returned is added to taken."""
    base = name[: -len(".docx")]
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{base}-{n}.docx"
    taken.add(candidate.casefold())
    return candidate


def write_folder(run: Run, folder: str, inputs: list[str] = ()) -> tuple[list[str], list[tuple[str, str]]]:
    """Write each report's commented .docx into folder (one bad report does not stop the others,
    and an input file is never overwritten). Returns (files written, [(report path, error)])."""
    os.makedirs(folder, exist_ok=True)
    taken = {os.path.basename(p).casefold() for p in inputs
             if os.path.dirname(os.path.realpath(p)) == os.path.realpath(folder)}
    written: list[str] = []
    errors: list[tuple[str, str]] = []
    for report in run.reports:
        target = os.path.join(folder, unique_name(output_name(report.path), taken))
        try:
            data = commented_docx(report, run.rules)
            Path(target).write_bytes(data)
        except InputError as exc:
            errors.append((report.path, str(exc)))
            continue
        except OSError as exc:
            errors.append((report.path, f"{target}: 无法写入（{exc.strerror or exc}）"))
            continue
        written.append(target)
    return written, errors
