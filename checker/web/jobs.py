"""What a worker process of the web server does (checker/web/pool.py starts them): check one
uploaded file and render everything the page offers for it, or render the PDF audit of a checked
report sent back by the page.

A check happens here, in the worker, because the page needs the Document (the report's text,
paragraph by paragraph, to mark the evidence in) and the commented .docx needs the uploaded file
itself: both exist only while the upload's private folder does. So every download is rendered at
check time and sent to the page with the result (see checker/web/__init__.py); the server keeps
nothing once the response is sent.
"""

from __future__ import annotations

import base64
import os
import secrets
import signal
import sys
import time
from typing import Any

from ..errors import InputError, without_name

_RULES = None
_ENV = None
MEMORY_MB = 1024  # the worker's memory limit (set by checker/web/pool.py)
FILE_MB = 20.0  # the largest upload, which the readers must not refuse below
#: what this worker can render besides JSON and HTML: None when it can, else the reason why not
CAPS: dict[str, str | None] = {}
DOCX_MISSING = "此版本尚未提供带批注的 Word 文件"


#: the per-task timer (SIGALRM); where there is none (Windows) the pool's deadline still holds
TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


class Timeout(BaseException):
    """Raised by the timer of a task: a BaseException, so no reader's `except Exception` keeps it."""


def _alarm(signum, frame):  # noqa: ARG001 - signal handler
    raise Timeout()


def init(rule_paths: list[str], bundled: bool) -> dict[str, str | None]:
    """Load the rules and the templates once per worker; say what can be rendered."""
    global _RULES, _ENV
    from ..evaluate import load_rules
    from ..report import FORMAT_NAMES

    _RULES = load_rules(rule_paths, bundled=bundled)
    _ENV = environment()
    CAPS["docx"] = None if "docx" in FORMAT_NAMES else DOCX_MISSING
    try:
        from ..report import pdf

        pdf.ensure_available()
        CAPS["pdf"] = None
    except Exception as exc:  # PdfUnavailable, or a library that fails to load
        CAPS["pdf"] = f"此服务器不能生成 PDF（{exc}）；可下载 HTML 审核表，用浏览器打印"
    if TIMER:
        signal.signal(signal.SIGALRM, _alarm)
    return dict(CAPS)


def environment():
    from ..report.html import environment

    return environment("checker.web")


def _arm(deadline: float) -> None:
    """The task's timer, set to what is left of its time."""
    if TIMER:
        signal.setitimer(signal.ITIMER_REAL, max(0.001, deadline - time.monotonic()))


def run(task: tuple, seconds: float) -> tuple[str, Any]:
    """Run one task under a timer; ("ok", value) or ("error", one-line message in Chinese)."""
    deadline = time.monotonic() + seconds
    _arm(deadline)
    try:
        kind = task[0]
        if kind == "check":
            return check(*task[1:], seconds=seconds, deadline=deadline)
        if kind == "pdf":
            return pdf_audit(*task[1:])
        if kind == "ping":
            return "ok", os.getpid()
        raise ValueError(f"unknown task {kind!r}")
    except Timeout:
        return "error", f"检查超过了 {seconds:g} 秒的时间限制，已停止（文件可能过大或已损坏）"
    finally:
        if TIMER:
            signal.setitimer(signal.ITIMER_REAL, 0)


def reason(exc: Exception, name: str) -> str:
    """The one-line message of a reader's error without the file name it starts with (the page
    shows the name already)."""
    return without_name(str(exc), name)


def _check_file(name: str, seconds: float, previous: str | None = None):
    """The check itself, of a file in the current folder (and of last year's report beside it,
    for the compare rules), under the CLI's per-report limits (checker/limits.py: the timer, the
    memory limit, the readers' file size bound), so that the messages are the CLI's; the pool's
    deadline covers a C call the timer cannot interrupt."""
    from ..api import check_path
    from ..limits import Limits, guard

    limits = Limits(seconds=seconds, memory_mb=MEMORY_MB, file_mb=FILE_MB)
    with guard(limits, name, hard_exit=False):  # the pool, not a watchdog, ends a stuck worker
        return check_path(name, _RULES, limits=limits, previous=previous)


def check(folder: str, name: str, previous: str | None = None, seconds: float = 60.0,
          deadline: float | None = None) -> tuple[str, Any]:
    """Check the upload ``name`` in its private ``folder`` (with ``previous``, last year's report
    uploaded beside it): the page's fragment and every download."""
    from ..report import Run, render
    from . import view

    home = os.getcwd()
    os.chdir(folder)  # the report's path is then its own file name, in every output
    try:
        if deadline is None:
            deadline = time.monotonic() + seconds
        try:  # the check starts at once: its limit is the task's, as the message says
            report = _check_file(name, seconds, previous)
        except InputError as exc:
            text = str(exc)
            if previous and text.startswith("--previous "):  # the CLI's words for last year's file
                return "error", f"无法读取上一年度的报告：{without_name(text[len('--previous '):], previous)}"
            return "error", f"无法检查此文件：{reason(exc, name)}"
        _arm(deadline)  # the guard took the timer over for the check: the downloads get the rest
        run_ = Run([report], _RULES)
        key = "r" + secrets.token_hex(4)
        v = view.build(report, key)
        downloads: dict[str, Any] = {"json": render("json", run_), "html": render("html", run_)}
        notes = {k: why for k, why in CAPS.items() if why}
        if CAPS.get("docx") is None:
            try:  # checker/report/docx.py: a copy of the clerk's .docx (still in this folder) with comments
                data = render("docx", run_)
                downloads["docx"] = base64.b64encode(data if isinstance(data, bytes) else data.encode("utf-8")).decode("ascii")
            except Exception as exc:  # the check itself stands; only this download is missing
                notes["docx"] = f"无法生成带批注的 Word 文件：{reason(exc, name)}"
        html = _ENV.get_template("report.html.j2").render(v=v, downloads=downloads, notes=notes)
        return "ok", {"name": name, "key": key, "summary": report.summary, "html": html, "downloads": downloads,
                      "pdf": CAPS.get("pdf") is None}
    finally:
        os.chdir(home)
        forget()


def forget() -> None:
    """Nothing of an upload outlives its request in a worker either: the per-process caches that
    hold pieces of it are emptied once the downloads are rendered — LibreOffice's conversions
    (checker/read/convert.py, which lets the commented copy of a .doc reuse the conversion its
    check read) and the segmenter's kept feature lookups (checker/segment/fastseg.py, whose
    strings are pairs of the text's characters and its words)."""
    for name in ("checker.read.convert", "checker.segment.fastseg"):  # imported only if a check needed them
        module = sys.modules.get(name)
        if module is not None:
            module.forget()


def pdf_audit(data: dict[str, Any]) -> tuple[str, Any]:
    """The PDF audit of reports the page sends back as fzcheck JSON (what it downloaded as
    JSON): nothing of the upload is kept on the server to render it from."""
    if CAPS.get("pdf"):
        return "error", CAPS["pdf"]
    from ..report import Run, render

    try:
        reports = reports_from_json(data)
    except (ValueError, KeyError, TypeError) as exc:
        return "error", f"无法生成 PDF：检查结果的格式不对（{exc}）"
    return "ok", render("pdf", Run(reports, _RULES))


def reports_from_json(data: dict[str, Any]) -> list:
    """Reports rebuilt from fzcheck's JSON output, validated against its schema first."""
    import json
    from importlib import resources

    import jsonschema

    from ..api import Report
    from ..evaluate import Anchor, Evidence, Result

    schema = json.loads(resources.files("checker.report.schemas").joinpath("fzcheck-result.schema.json").read_text("utf-8"))
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as exc:
        raise ValueError(exc.message[:200]) from None
    out = []
    for rep in data["reports"]:
        results = []
        for r in rep["results"]:
            a = r.get("anchor")
            results.append(Result(
                r["id"], r["title"], r["severity"], r["status"], r["basis"], r["message"], r["hint"],
                [Evidence(e["section"], e["line"], e["text"], e.get("note"), e.get("location"),
                          previous=_counterpart(e.get("previous"))) for e in r["evidence"]],
                Anchor(a["position"], a["line"], a["section"], a.get("location")) if a else None))
        out.append(Report(rep["path"], None, results, dict(rep["document"]), previous=rep.get("previous")))
    return out


def _counterpart(d: dict[str, Any] | None):
    """Last year's place of a piece of evidence, from the JSON."""
    if not d:
        return None
    from ..evaluate.engine import Counterpart

    return Counterpart(d["path"], d.get("line"), d["text"], d.get("location"))
