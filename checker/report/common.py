"""Helpers the output formats share."""

from __future__ import annotations

from ..api import Report
from ..evaluate import Evidence

STATUS_ZH = {"pass": "通过", "warn": "警告", "fail": "不通过", "skip": "不适用"}


def evidence_line(e: Evidence, with_section: bool = False) -> str:
    where = f"第{e.line}行" if e.line else "—"
    text = e.text + (f"（{e.note}）" if e.note else "")
    if with_section and e.section:
        return f"{where} [{e.section}] {text}"
    return f"{where} {text}"


def header_fields(report: Report) -> list[tuple[str, str]]:
    d = report.document_dict()
    return [
        ("标题", d["title"] or "（无）"),
        ("发文机关", d["issuer"] or "（未知）"),
        ("年度", str(d["year"]) if d["year"] else "（未知）"),
        ("成文日期", d["date"] or "（无）"),
    ]


def summary_text(report: Report) -> str:
    s = report.summary
    return f"通过 {s['pass']} · 警告 {s['warn']} · 不通过 {s['fail']} · 不适用 {s['skip']}"
