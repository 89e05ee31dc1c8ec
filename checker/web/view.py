"""What the web page shows of one checked report, computed where the Document still is (in the
worker process that checked it): the title block, the counts, the findings in the order a clerk
reads them (不通过, then 警告, then the rest), and the report's own text, paragraph by paragraph,
with each finding's evidence marked in it and a marker where a missing part belongs.

Evidence carries the input line it was found on; ``Document.src`` gives each character's input
line, so each paragraph (``Document.paragraphs``) spans a range of input lines and the line of a
piece of evidence names its paragraph. Within that paragraph the quoted sentence is looked for as
written (a long one is cut with "…" at either end); evidence that quotes nothing (“未找到…”, a
field's value) points at its paragraph as a whole.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..report.common import SEVERITY_ZH, STATUS_ZH, where

if TYPE_CHECKING:
    from ..api import Report
    from ..evaluate import Anchor, Evidence
    from ..segment import Document

#: the order findings are listed in: what must be fixed first
ORDER = {"fail": 0, "warn": 1, "pass": 2, "skip": 3}
FORMAT_ZH = {"text": "纯文本", "markdown": "Markdown", "docx": "Word 文档（.docx）", "pdf": "PDF", "html": "网页",
             "doc": "Word 97-2003 文档（.doc）", "wps": "WPS 文档（.wps）", "rtf": "RTF 文档", "odt": "OpenDocument 文本（.odt）",
             "fodt": "OpenDocument 文本（.fodt）"}
#: how far from the paragraph its line names a quote is still looked for (a line that falls in
#: the blank between two paragraphs, a heading read as its own paragraph)
NEAR = 2
#: how much of last year's passage is quoted under this year's (the same words, for recycled text)
LAST_QUOTE = 80


@dataclass
class Span:
    start: int
    end: int
    ev: str  # the DOM id of the evidence
    status: str


@dataclass
class Paragraph:
    index: int
    dom: str
    text: str
    line: int
    where: str
    role: str = "body"  # the layout element (segment/layout.py): title, masthead, date …; heading
    head: int = 0  # the length of a run-in heading it starts with (（一）认真学习…理念。 then its body)
    spans: list[Span] = field(default_factory=list)
    before: list[dict[str, Any]] = field(default_factory=list)  # markers of what belongs before it
    after: list[dict[str, Any]] = field(default_factory=list)

    def segments(self) -> list[dict[str, Any]]:
        """The text cut where a mark starts or ends: each piece with the evidence it belongs to
        and the status shown (fail over warn over the rest, which are marked only when clicked)."""
        cuts = sorted({0, len(self.text), self.head, *(s.start for s in self.spans), *(s.end for s in self.spans)})
        out = []
        for a, b in zip(cuts, cuts[1:]):
            on = [s for s in self.spans if s.start <= a and b <= s.end]
            seg = {"text": self.text[a:b], "evs": "", "cls": "", "head": b <= self.head}
            if on:
                statuses = {s.status for s in on}
                shown = "fail" if "fail" in statuses else "warn" if "warn" in statuses else "quiet"
                seg.update(evs=" ".join(dict.fromkeys(s.ev for s in on)), cls=f"hl hl-{shown}")
            out.append(seg)
        return out


class _Lines:
    """Input line → paragraph index."""

    def __init__(self, doc: Document) -> None:
        self.first: list[int] = []
        self.last: list[int] = []
        for a, b in doc.paragraphs:
            self.first.append(doc.line_of(a))
            self.last.append(doc.line_of(max(a, b - 1)))

    def span(self, line: int | None) -> tuple[int, int] | None:
        """The paragraphs (first, last index) the input line is part of: usually one; many when
        the input put several paragraphs on one line (a web page copied as one line of text); the
        next paragraph for a line between two (a blank, a line the normalizer dropped)."""
        if not line or not self.first:
            return None
        lo = bisect.bisect_left(self.last, line)  # first paragraph ending at or after the line
        hi = bisect.bisect_right(self.first, line) - 1  # last paragraph starting at or before it
        if lo >= len(self.first):
            return len(self.first) - 1, len(self.first) - 1
        if hi < lo:  # between two paragraphs
            return lo, lo
        return lo, hi

    def paragraph(self, line: int | None) -> int | None:
        span = self.span(line)
        return None if span is None else span[0]


_SOURCE_NOTE = re.compile(r"（[^（）]{1,12}）$")


def _quotes(text: str) -> list[str]:
    """What of an evidence text may stand in the report as written: the text without the "…" of
    a cut, and a field's value without the note of where it was read (“湛江市交通运输局（落款）”)."""
    q = text.strip().strip("…").strip()
    out = [q] if q else []
    bare = _SOURCE_NOTE.sub("", q).strip()
    if bare and bare != q and len(bare) >= 2:
        out.append(bare)
    return out


def _find(paras: list[Paragraph], span: tuple[int, int], quote: str) -> tuple[int, int] | None:
    """(paragraph, offset) of the quote in the paragraphs of its line, else in those near them."""
    if not quote:
        return None
    lo, hi = span
    order = list(range(lo, hi + 1))
    order += sorted((j for j in range(max(0, lo - NEAR), min(len(paras), hi + NEAR + 1)) if not lo <= j <= hi),
                    key=lambda j: min(abs(j - lo), abs(j - hi)))
    for j in order:
        k = paras[j].text.find(quote)
        if k >= 0:
            return j, k
    return None


def _marker(anchor: Anchor, dom: str, title: str, message: str, status: str) -> dict[str, Any]:
    return {"dom": dom, "title": title, "message": message, "status": status, "position": anchor.position,
            "section": anchor.section}


def build(report: Report, key: str) -> dict[str, Any]:
    """The view of one report; ``key`` prefixes every DOM id (several reports share a page)."""
    doc = report.document
    assert doc is not None, "the view needs the Document (check in the worker, not detached)"
    fields = report.document_dict()
    lines = _Lines(doc)
    paras = []
    heads = {h.start: h for h in doc.headings if not h.inline}
    for i, (a, b) in enumerate(doc.paragraphs):
        line = doc.line_of(a)
        role = doc.roles[i] if i < len(doc.roles) else "body"
        head = 0
        h = heads.get(a)
        if role == "body" and h is not None:
            if h.end >= b - 1:
                role = "heading"
            else:  # a run-in heading: only it is set in bold
                head = h.end - a
        paras.append(Paragraph(i, f"{key}-p{i}", doc.text[a:b], line, doc.location(line) or f"第{line}行", role, head))
    tail: list[dict[str, Any]] = []  # markers with no paragraph to stand by

    findings = []
    ordered = sorted(report.results, key=lambda r: ORDER.get(r.status, 9))
    for n, r in enumerate(ordered):
        fdom = f"{key}-f{n}"
        evidence = []
        for m, e in enumerate(r.evidence):
            evidence.append(_evidence(e, f"{fdom}-e{m}", r.status, paras, lines))
        anchor = None
        if r.anchor is not None and r.status in ("warn", "fail"):
            adom = f"{fdom}-a"
            marker = _marker(r.anchor, adom, r.title, r.message, r.status)
            i = lines.paragraph(r.anchor.line)
            if i is None:
                tail.append(marker)
            elif r.anchor.position == "before":
                paras[i].before.append(marker)
            else:
                paras[i].after.append(marker)
            side = "之前" if r.anchor.position == "before" else "之后"
            anchor = {"dom": adom, "text": f"{r.anchor.section}{side}",
                      "where": r.anchor.location or (f"第{r.anchor.line}行" if r.anchor.line else "")}
        # where a click on the finding goes: its first quote, else where it belongs, else the
        # paragraph its first piece of evidence names
        target = next((e["dom"] for e in evidence if e["quoted"]), None)
        if target is None and anchor is not None:
            target = anchor["dom"]
        if target is None:
            target = next((e["para"] for e in evidence if e["para"]), None)
        findings.append({
            "dom": fdom, "id": r.id, "title": r.title, "status": r.status, "status_zh": STATUS_ZH[r.status],
            "severity_zh": SEVERITY_ZH.get(r.severity, r.severity), "message": r.message, "hint": r.hint,
            "basis": r.basis, "evidence": evidence, "anchor": anchor, "target": target,
        })

    s = report.summary
    return {
        "key": key,
        "name": report.path,
        "format": FORMAT_ZH.get(doc.source_format, doc.source_format),
        "fields": [
            ("标题", fields["title"]), ("发文机关", fields["issuer"]), ("年度", fields["year"]),
            ("成文日期", fields["date"]), ("发布日期", fields["published"]),
        ] + ([("对照上年报告", report.previous["path"] + (f"（{report.previous['year']}年）" if report.previous.get("year") else ""))]
             if report.previous else []),
        "previous": report.previous,
        "summary": s,
        "counts": [("fail", s["fail"]), ("warn", s["warn"]), ("pass", s["pass"]), ("skip", s["skip"])],
        "status_zh": STATUS_ZH,
        "problems": [f for f in findings if f["status"] in ("fail", "warn")],
        "passes": [f for f in findings if f["status"] == "pass"],
        "skips": [f for f in findings if f["status"] == "skip"],
        "paragraphs": paras,
        "tail": tail,
    }


def _evidence(e: Evidence, dom: str, status: str, paras: list[Paragraph], lines: _Lines) -> dict[str, Any]:
    out = {"dom": dom, "where": where(e), "section": e.section, "text": e.text, "note": e.note,
           "quoted": False, "para": None, "last": None}
    if e.previous is not None:  # the same passage in last year's report (the compare rules)
        p = e.previous
        text = p.text if len(p.text) <= LAST_QUOTE else p.text[:LAST_QUOTE] + "……"
        out["last"] = {"where": where(p), "text": text}
    span = lines.span(e.line)
    if span is None:
        return out
    out["para"] = paras[span[0]].dom
    for quote in _quotes(e.text):
        found = _find(paras, span, quote)
        if found is not None:
            j, k = found
            paras[j].spans.append(Span(k, k + len(quote), dom, status))
            out["quoted"] = True
            out["para"] = paras[j].dom
            break
    return out
