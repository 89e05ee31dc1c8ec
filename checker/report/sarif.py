"""SARIF 2.1.0, for GitHub code scanning (and any SARIF viewer): each warn and fail is a result
on the line of the report its evidence quotes.

- ``tool.driver.rules``: the rules that ran, each with the Chinese hints as ``help.text`` and its
  whole documentation page (the text of docs/rules/<id>.md) as ``help.markdown``, which is what
  GitHub shows beside an alert. ``helpUri`` must be an absolute URI, so it is given when
  FZCHECK_DOCS_URL says where docs/rules/ is published (``$FZCHECK_DOCS_URL/<id>.md``); the
  page's path in the fzcheck repository is always in ``properties.docs``;
- a result: ``ruleId``, ``level`` (fail → error, warn → warning), the message and hint, the first
  piece of evidence as its location (``artifactLocation.uri`` relative to the working directory,
  ``region.startLine`` = the evidence line) and the others as related locations. GitHub shows only
  the first location and needs one, so a fail that quotes nothing (a missing part) points at
  line 1 and says so;
- reports that cannot be read: ``invocations[0].toolExecutionNotifications``, as are the files
  of a folder that are not reports (level note, 跳过：why);
- ``artifacts``: every file of the run once, in the order of the other outputs, with its state
  in ``properties.state`` (checked / unreadable / skipped) and a checked report's counts, so a
  report with no finding is listed too.

Validated in the tests against the OASIS schema shipped in tests/schemas/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .common import STATUS_ZH, location

if TYPE_CHECKING:
    from ..api import Report
    from ..evaluate import Evidence, Result
    from . import Run

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"fail": "error", "warn": "warning"}
DEFAULT_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
MAX_LOCATIONS = 10


def _artifact(path: str, cwd: str) -> dict[str, Any]:
    """A path relative to the working directory (where CI checks the repository out), as a URI
    reference; a path outside it as an absolute file URI."""
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, cwd)
    if rel.startswith(os.pardir):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(Path(rel).as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _location(artifact: dict[str, Any], e: Evidence | None, index: int | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": artifact}}
    if e is not None and e.line:
        loc["physicalLocation"]["region"] = {"startLine": e.line}
        text = e.text + (f"（{e.note}）" if e.note else "")
        where = location(e)
        loc["message"] = {"text": (f"[{where}] " if where else "") + text}
    else:
        loc["physicalLocation"]["region"] = {"startLine": 1}
        loc["message"] = {"text": "报告中未找到相关内容，标在第1行" if e is None else f"{location(e) or ''} {e.text}".strip()}
    if index is not None:
        loc["id"] = index
    return loc


def _rule_help(rule: dict[str, Any]) -> str:
    hints = [rule["hint"]] if rule.get("hint") else []
    for d in rule.get("decide", []):
        h = d.get("hint")
        if d.get("status") in ("warn", "fail") and h and h not in hints:
            hints.append(h)
    text = [f"{rule['title']}", f"依据：{rule['basis']}"]
    if hints:
        text.append("建议：")
        text += [f"- {h}" for h in hints]
    return "\n".join(text)


def _rule(rule: dict[str, Any], file: str) -> dict[str, Any]:
    from .ruledocs import rule_page

    text = _rule_help(rule)
    out = {
        "id": rule["id"],
        "shortDescription": {"text": rule["title"]},
        "fullDescription": {"text": f"{rule['title']}（{rule['basis']}）"},
        "help": {"text": text, "markdown": rule_page(rule, file)},
        "defaultConfiguration": {"level": DEFAULT_LEVEL[rule["severity"]]},
        "properties": {"tags": ["fzcheck", rule["id"].split(".")[0]], "severity": rule["severity"],
                       "docs": f"docs/rules/{rule['id']}.md"},
    }
    base = os.environ.get("FZCHECK_DOCS_URL", "").strip()
    if base:
        out["helpUri"] = f"{base.rstrip('/')}/{quote(rule['id'])}.md"
    return out


def _result(r: Result, rep: Report, index: int, cwd: str) -> dict[str, Any]:
    artifact = _artifact(rep.path, cwd)
    text = f"{STATUS_ZH[r.status]}（{r.id}）：{r.message}" + (f"\n建议：{r.hint}" if r.hint else "")
    placed = [e for e in r.evidence if e.line] or r.evidence[:1]
    out: dict[str, Any] = {
        "ruleId": r.id,
        "ruleIndex": index,
        "level": LEVEL[r.status],
        "message": {"text": text},
        "locations": [_location(artifact, placed[0] if placed else None)],
    }
    related = [_location(artifact, e, i) for i, e in enumerate(placed[1:MAX_LOCATIONS], start=1)]
    for e in r.evidence[:MAX_LOCATIONS]:  # compare.*: the same thing in last year's report
        prev = getattr(e, "previous", None)
        if prev is not None and prev.line:
            loc = {"physicalLocation": {"artifactLocation": _artifact(prev.path, cwd), "region": {"startLine": prev.line}},
                   "message": {"text": "上一年度报告：" + (f"[{prev.location}] " if prev.location else "") + prev.text},
                   "id": len(related) + 1}
            related.append(loc)
    if related:
        out["relatedLocations"] = related
    return out


def data(run: Run) -> dict[str, Any]:
    from .. import __version__
    from ..api import tool_info

    ran = {r.id for rep in run.reports for r in rep.results}
    rules = [rule for rule in run.rules.rules if rule["id"] in ran] or list(run.rules.rules)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [_result(r, rep, index[r.id], run.cwd)
               for rep in run.reports for r in rep.results if r.status in LEVEL]
    notifications = [{
        "level": "error",
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(path, run.cwd)}}],
    } for path, message in run.errors] + [{
        "level": "note",
        "message": {"text": f"跳过：{reason}"},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(path, run.cwd)}}],
    } for path, reason in run.skipped]
    artifacts = [{"location": _artifact(rep.path, run.cwd), "roles": ["analysisTarget"],
                  "properties": {"state": "checked", "summary": rep.summary}} for rep in run.reports]
    artifacts += [{"location": _artifact(p, run.cwd), "properties": {"state": state, "reason": why}}
                  for state, items in (("unreadable", run.errors), ("skipped", run.skipped)) for p, why in items]
    invocation: dict[str, Any] = {"executionSuccessful": not run.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fzcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule, Path(run.rules.rule_files.get(rule["id"], "rules")).name) for rule in rules],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": Path(run.cwd).resolve().as_uri() + "/"}},
            "invocations": [invocation],
            "artifacts": artifacts,
            "results": results,
            "properties": {"rules": tool_info(run.rules)["rules"]},
        }],
    }


def render(run: Run) -> str:
    return json.dumps(data(run), ensure_ascii=False, indent=2) + "\n"
