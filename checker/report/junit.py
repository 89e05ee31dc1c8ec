"""JUnit XML for CI (GitLab test reports, Jenkins, and the GitHub actions that read JUnit).

One ``<testsuite>`` per report (name = its path), one ``<testcase>`` per rule (classname = the
report's path, so the same rule in two reports is two test cases; name = rule id and title;
file and line = the report and the first line of evidence).

- fail → ``<failure type="error|warning|info" message="不通过：…">`` with the hint and evidence;
- warn → ``<skipped message="警告：…">`` with the same text: visible with its message in GitLab
  and Jenkins, but not failing the pipeline — unless the run uses ``--fail-on warn``, when a
  warn is a ``<failure>`` too, so the report agrees with the exit code;
- skip (不适用) → ``<skipped message="不适用：…">``;
- a result is a ``<failure>`` exactly when it stops the run (checker/gate.py: its status meets
  ``--fail-on`` and its rule's severity ``--fail-severity``): by default the fail of a 建议
  (info) rule is ``<skipped message="不通过：…">``, shown but not failing the pipeline;
- a report that cannot be read → its testsuite holds one testcase with ``<error>``.

docs/ci.md says why warn is "skipped" rather than a property (no consumer shows those).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from .common import LEVEL_ZH, STATUS_ZH, evidence_line

if TYPE_CHECKING:
    from ..api import Report
    from ..evaluate import Result
    from . import Run

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_EVIDENCE = 5


def _clean(text: str) -> str:
    return _XML_BAD.sub("", text)


def _details(r: Result) -> str:
    lines = [f"{r.id} {r.title}", f"结果：{STATUS_ZH[r.status]}", f"要求级别：{LEVEL_ZH.get(r.severity, r.severity)}（{r.severity}）",
             f"说明：{r.message}"]
    if r.hint:
        lines.append(f"建议：{r.hint}")
    lines.append(f"依据：{r.basis}")
    if r.evidence:
        lines.append("证据：")
        lines += [f"  {evidence_line(e, with_section=True)}" for e in r.evidence[:MAX_EVIDENCE]]
        if len(r.evidence) > MAX_EVIDENCE:
            lines.append(f"  ……另有 {len(r.evidence) - MAX_EVIDENCE} 处")
    return _clean("\n".join(lines))


def _suite(rep: Report, run: Run) -> tuple[ET.Element, dict[str, int]]:
    from ..api import tool_info

    counts = {"tests": len(rep.results), "failures": 0, "errors": 0, "skipped": 0}
    suite = ET.Element("testsuite", name=_clean(rep.path))
    props = ET.SubElement(suite, "properties")
    doc = rep.document_dict()
    tool = tool_info(run.rules)
    for key, value in (("title", doc["title"]), ("issuer", doc["issuer"]), ("year", doc["year"]), ("date", doc["date"]),
                       ("fzcheck.version", tool["version"]), ("fzcheck.rules", tool["rules"]["packs"]),
                       ("fzcheck.rules.sha256", tool["rules"]["sha256"]),
                       ("previous", (rep.previous or {}).get("path"))):
        if value is not None:
            ET.SubElement(props, "property", name=key, value=_clean(str(value)))
    for r in rep.results:
        case = ET.SubElement(suite, "testcase", classname=_clean(rep.path), name=_clean(f"{r.id} {r.title}"),
                             file=_clean(rep.path))
        line = next((e.line for e in r.evidence if e.line), None)
        if line:
            case.set("line", str(line))
        message = _clean(f"{STATUS_ZH[r.status]}：{r.message}")
        if run.gate.stops(r):  # exactly the results that make the exit code 1
            el = ET.SubElement(case, "failure", message=message, type=r.severity)
            counts["failures"] += 1
        elif r.status in ("warn", "skip", "fail"):  # a fail that does not gate: a 建议 (info) rule's
            el = ET.SubElement(case, "skipped", message=message)
            counts["skipped"] += 1
        else:
            continue
        el.text = _details(r)
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite, counts


def _error_suite(path: str, message: str) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(path), tests="1", failures="0", errors="1", skipped="0")
    case = ET.SubElement(suite, "testcase", classname=_clean(path), name="读取报告", file=_clean(path))
    err = ET.SubElement(case, "error", message=_clean(message), type="InputError")
    err.text = _clean(message)
    return suite


def render(run: Run) -> str:
    root = ET.Element("testsuites", name="fzcheck")
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rep in run.reports:
        suite, counts = _suite(rep, run)
        root.append(suite)
        for k in total:
            total[k] += counts[k]
    for path, message in run.errors:
        root.append(_error_suite(path, message))
        total["tests"] += 1
        total["errors"] += 1
    for path, reason in run.skipped:  # not a report: one skipped case saying why
        suite = ET.Element("testsuite", name=_clean(path), tests="1", failures="0", errors="0", skipped="1")
        case = ET.SubElement(suite, "testcase", classname=_clean(path), name="读取报告", file=_clean(path))
        ET.SubElement(case, "skipped", message=_clean(f"跳过：{reason}"))
        root.append(suite)
        total["tests"] += 1
        total["skipped"] += 1
    for k, v in total.items():
        root.set(k, str(v))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', "\n"])
