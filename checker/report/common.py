"""Helpers the output formats share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..api import Report
    from ..evaluate import Evidence

STATUS_ZH = {"pass": "通过", "warn": "警告", "fail": "不通过", "skip": "不适用"}
# A rule's severity, shown to users as the level of the requirement (要求级别): words of their
# own, so that it never reads like a result (a result can be 警告; a requirement is 必须 /
# 应当 / 建议, as regulations word them).
LEVEL_ZH = {"error": "必须", "warning": "应当", "info": "建议"}
SEVERITY_ZH = LEVEL_ZH  # the old name
LEVEL_NOTE = "要求级别：必须 — 规定必须写明或做到；应当 — 应当写明；建议 — 建议写明"
KIND_ZH = {"government": "政府", "department": "部门", "party": "党委", "unknown": "未知"}


def location(e: Evidence) -> str | None:
    """Where a piece of evidence is in the original file beyond the line of its text (a page or
    a paragraph of a .docx/.pdf/.html report), when the reader knows it."""
    return getattr(e, "location", None) or None


def where(e: Evidence) -> str:
    """The place in the file the user gave: 第3页第5行 / 第14段 when the reader knows it (the line
    of the extracted text means nothing to the user then), else 第12行, or — when none."""
    loc = location(e)
    if loc:
        return loc
    return f"第{e.line}行" if e.line else "—"


def evidence_line(e: Evidence, with_section: bool = False) -> str:
    where_ = where(e)
    text = e.text + (f"（{e.note}）" if e.note else "")
    if with_section and e.section:
        return f"{where_} [{e.section}] {text}"
    return f"{where_} {text}"


def document_info(report: Report) -> dict[str, Any]:
    """The report's document fields for the outputs, the newer ones (kind, published,
    doc_number) read with .get() so that any version of Report.document_dict() works; the
    issuer kind falls back to the Document's fields when the report still has them."""
    d = report.document_dict()
    kind = d.get("kind")
    if kind is None and report.document is not None:
        kind = getattr(report.document.fields, "kind", None)
    kind = kind if kind in KIND_ZH else "unknown"
    return {
        "title": d.get("title"), "issuer": d.get("issuer"), "kind": kind, "kind_zh": KIND_ZH[kind],
        "year": d.get("year"), "date": d.get("date"), "published": d.get("published"),
        "doc_number": d.get("doc_number"), "format": d.get("format"),
    }


def header_fields(report: Report) -> list[tuple[str, str]]:
    d = report.document_dict()
    out = [
        ("标题", d["title"] or "（无）"),
        ("发文机关", d["issuer"] or "（未知）"),
        ("年度", str(d["year"]) if d["year"] else "（未知）"),
        ("成文日期", d["date"] or "（无）"),
    ]
    prev = getattr(report, "previous", None)
    if prev:  # the compare.* rules compared it with this report
        out.append(("对照上年报告", prev["path"] + (f"（{prev['year']}年）" if prev.get("year") else "")))
    return out


def summary_text(report: Report) -> str:
    s = report.summary
    return f"通过 {s['pass']} · 警告 {s['warn']} · 不通过 {s['fail']} · 不适用 {s['skip']}"
