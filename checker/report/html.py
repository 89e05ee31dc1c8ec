"""The printable audit: self-contained HTML laid out for A4 (CSS inline, no fonts, images or
scripts from anywhere), rendered from templates/audit.html.j2 with Jinja2.

For each report a title block (title, issuer and its kind, year, dates; the tool and rule pack
versions), the table of results — the status in words (通过 / 警告 / 不通过 / 不适用) and by colour
and weight, so it reads the same printed in black and white; the rule's requirement level as a tag
of its own words (必须 / 应当 / 建议) — and, at its end, the reviewer block (人工复核意见, 审核人,
审核日期), blank or pre-filled from the options.

With several reports, a summary comes first: per rule a bar of how many reports pass / warn / fail,
most failed first, then per report (grouped by sub-folder) its issuer, year, counts and the rules it
failed. In a browser that table sorts and filters (a small inline script; the state is kept in the
address's #fragment, e.g. ``#sort=fail-desc``); printed, or rendered to PDF, it is the static
table, in folder then path order.

The audit of many reports is written as it is rendered (``write``): one report's section at a time,
so memory does not grow with the section text. ``write_folder`` writes one file per report and the
summary beside them (汇总.html, linking to them). The PDF output renders this same HTML, report by
report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TextIO
from urllib.parse import quote

from . import summary
from .summary import rule_columns
from .common import KIND_ZH, LEVEL_NOTE, LEVEL_ZH, STATUS_ZH, document_info, where
from .paths import SUMMARY_STEM, group_of, output_names

if TYPE_CHECKING:
    from ..api import Report
    from . import Run

MAX_EVIDENCE = 3  # as the terminal table: a row stays well under half a page
_ST = {"pass": "p", "warn": "w", "fail": "f", "skip": "s"}  # a report's results, one letter a rule


def generated_on() -> str:
    """Today, or the day SOURCE_DATE_EPOCH says (reproducible output, as for builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def anchor(path: str) -> str:
    return "r-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]


def _evidence(e: Any) -> dict[str, Any]:
    return {"line": e.line, "where": where(e), "section": e.section, "text": e.text, "note": e.note}


def _segments(a: str, b: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both texts cut into (text, differs) pieces: what the other has word for word, and not."""
    import difflib

    sa: list[tuple[str, bool]] = []
    sb: list[tuple[str, bool]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            sa.append((a[i1:i2], op != "equal"))
        if j2 > j1:
            sb.append((b[j1:j2], op != "equal"))
    return sa, sb


def _side(rep: Report, recycled_rules: set[str]) -> dict[str, Any] | None:
    """The longest carried-over passage of a warn or fail of a `compare: recycled` rule, both
    years side by side."""
    for r in rep.results:
        if r.id not in recycled_rules or r.status not in ("warn", "fail"):
            continue
        e = next((x for x in r.evidence if getattr(x, "previous", None) is not None), None)
        if e is None:
            continue
        this, last = _segments(e.text, e.previous.text)
        return {
            "rule": r.id, "note": e.note or "",
            "this": {"where": where(e) + "起", "segments": this},
            "last": {"where": where(e.previous) + "起",
                     "path": e.previous.path, "segments": last},
        }
    return None


def _recycled_rules(run: Run) -> set[str]:
    return {r["id"] for r in run.rules.rules
            if any(f.get("compare") == "recycled" for f in (r.get("find") or {}).values())}


def section(rep: Report, recycled: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
    """What the template needs of one report's audit; ``recycled`` are the ids of the
    ``compare: recycled`` rules, whose longest carried-over passage is shown side by side."""
    return {
        "previous": rep.previous,
        "side": _side(rep, recycled) if rep.previous else None,
        "path": rep.path,
        "anchor": anchor(rep.path),
        **document_info(rep),
        "summary": rep.summary,
        "results": [{
            "id": r.id, "title": r.title, "status": r.status, "status_zh": STATUS_ZH[r.status],
            "severity": r.severity, "level_zh": LEVEL_ZH.get(r.severity, r.severity),
            "message": r.message, "hint": r.hint, "basis": r.basis,
            "evidence": [_evidence(e) for e in r.evidence[:MAX_EVIDENCE]],
            "more": max(0, len(r.evidence) - MAX_EVIDENCE),
        } for r in rep.results],
    }


def _row(rep: Report, root: str, cols: list[dict[str, str]], href: str | None) -> dict[str, Any]:
    by_id = {r.id: r for r in rep.results}
    return {
        "path": rep.path, "group": group_of(rep.path, root), "href": href, **document_info(rep),
        "summary": rep.summary,
        "fails": [{"id": r.id, "title": r.title} for r in rep.results if r.status == "fail"],
        "warns": [{"id": r.id, "title": r.title} for r in rep.results if r.status == "warn"],
        "st": "".join(_ST[by_id[c["id"]].status] if c["id"] in by_id else "-" for c in cols),
    }


def summary_context(run: Run, links: Callable[[str], str | None] | None = None) -> dict[str, Any]:
    """The summary over all reports; ``links(path)`` gives each report row its link (an anchor in
    the same file, another file, or None)."""
    links = links or (lambda p: None)
    root = run.root()
    cols = rule_columns(run)
    rows = [_row(rep, root, cols, links(rep.path)) for rep in run.reports]
    rows += [{"path": p, "group": group_of(p, root), "error": m, "skipped": False} for p, m in run.errors]
    rows += [{"path": p, "group": group_of(p, root), "error": m, "skipped": True} for p, m in run.skipped]
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: (r["group"], r["path"])):
        groups.setdefault(row["group"], []).append(row)
    root_name = os.path.basename(root) or root
    rules = summary.by_rule(run)
    return {
        "continued": False,
        "headline": summary.headline(run),
        "totals": summary.totals(run),
        "n": len(run.reports),
        "rules": [{**c.as_dict(), "level_zh": LEVEL_ZH.get(c.severity, c.severity),
                   "pct": {s: (100.0 * c.counts[s] / c.checked if c.checked else 0.0) for s in summary.STATUSES}}
                  for c in rules],
        "cols": cols,
        "grouped": len(groups) > 1,
        "groups": [{"name": g, "label": g or f"{root_name}（根目录）", "rows": rs, "total": len(rs)}
                   for g, rs in groups.items()],
        "kinds": [(k, KIND_ZH[k]) for k in KIND_ZH if any(r.get("kind") == k for r in rows)],
        "years": sorted({r["year"] for r in rows if r.get("year")}, reverse=True),
        "errors": run.errors,
    }


def environment(package: str = "checker.report"):
    """The Jinja environment of fzcheck's templates (those of ``package``): everything escaped,
    an undefined name an error."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


_ENV = None


def _template():
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return _ENV.get_template("audit.html.j2")


def common(run: Run) -> dict[str, Any]:
    """What every page shares: tool and rule versions, the date, labels, the reviewer block."""
    from ..api import tool_info

    r = run.review
    return {
        "tool": tool_info(run.rules),
        "generated": generated_on(),
        "status_zh": STATUS_ZH,
        "statuses": summary.STATUSES,
        "level_note": LEVEL_NOTE,
        "review": {"reviewer": r.reviewer, "date": r.date_zh, "office": r.office, "note": r.note},
        "recycled": _recycled_rules(run),
    }


def page(base: dict[str, Any], sections: Iterable[dict[str, Any]], summary_: dict[str, Any] | None = None,
         title: str | None = None, script: bool = True, footer: str | None = None) -> Iterator[str]:
    """The chunks of one HTML page: the summary (if any), then each report's section."""
    return _template().generate(
        **base, summary=summary_, sections=sections, script=script and summary_ is not None,
        page_title=title or "法治政府建设年度报告审核表", footer=footer,
        single=summary_ is None, page_start=None)


def report_page(base: dict[str, Any], rep: Report) -> str:
    """One report's audit as a page of its own."""
    sec = section(rep, base["recycled"])
    return "".join(page(base, [sec], title=f"法治政府建设年度报告审核表：{sec['title'] or rep.path}"))


def summary_page(base: dict[str, Any], run: Run, links: Callable[[str], str | None] | None = None,
                 script: bool = True) -> str:
    return "".join(page(base, [], summary_context(run, links), title="法治政府建设年度报告审核汇总", script=script))


def summary_chunks(summ: dict[str, Any], rows: int) -> list[dict[str, Any]]:
    """The summary cut into pieces of at most ``rows`` report rows, for laying out one at a time
    (WeasyPrint's memory and time grow faster than the rows of one long table): the first piece
    has everything above the table of reports, the others only their part of the table, a group
    that goes on from the piece before headed （续）."""
    flat = [(g, row) for g in summ["groups"] for row in g["rows"]]
    if len(flat) <= rows:
        return [summ]
    out = []
    for start in range(0, len(flat), rows):
        groups: list[dict[str, Any]] = []
        for g, row in flat[start:start + rows]:
            if not groups or groups[-1]["name"] != g["name"]:
                cont = bool(out) and not groups and out[-1]["groups"][-1]["name"] == g["name"]
                groups.append({"name": g["name"], "label": g["label"] + ("（续）" if cont else ""), "rows": [],
                               "total": len(g["rows"])})
            groups[-1]["rows"].append(row)
        out.append({**summ, "groups": groups, "continued": bool(out)})
    return out


def summary_piece_page(base: dict[str, Any], piece: dict[str, Any], page_start: int | None) -> str:
    """One piece of a summary cut by summary_chunks, its pages numbered from page_start on (no
    total: it is not known until the last piece is laid out)."""
    return "".join(_template().generate(
        **base, summary=piece, sections=[], script=False, page_title="法治政府建设年度报告审核汇总",
        footer=None, single=False, page_start=page_start))


def _sections(run: Run, tick: Callable[[], None]) -> Iterator[dict[str, Any]]:
    recycled = _recycled_rules(run)
    for rep in run.reports:
        yield section(rep, recycled)
        tick()


def units(run: Run) -> int:
    return 0 if run.summary_only else len(run.reports)


def write(run: Run, out: TextIO, tick: Callable[[], None] = lambda: None) -> None:
    many = run.many or run.summary_only
    sections: Iterable[dict[str, Any]] = [] if run.summary_only else _sections(run, tick)
    summ = summary_context(run, lambda p: None if run.summary_only else "#" + anchor(p)) if many else None
    title = None
    if not many and run.reports:
        doc = document_info(run.reports[0])
        title = f"法治政府建设年度报告审核表：{doc['title'] or run.reports[0].path}"
    elif many:
        title = "法治政府建设年度报告审核汇总"
    for chunk in page(common(run), sections, summ, title=title):
        out.write(chunk)


def render(run: Run) -> str:
    import io

    buf = io.StringIO()
    write(run, buf)
    return buf.getvalue()


def folder_units(run: Run) -> int:
    return (0 if run.summary_only else len(run.reports)) + (1 if run.many or run.summary_only else 0)


def folder_names(run: Run, folder: str, ext: str, inputs: Iterable[str] = ()) -> dict[str, str]:
    """Each report's file in the folder (see paths.output_names); the summary's name and any
    input file inside the folder are never given to a report."""
    real = os.path.realpath(folder)
    reserved = [SUMMARY_STEM + ext]
    for p in inputs:
        rp = os.path.realpath(p)
        if rp.startswith(real + os.sep):
            reserved.append(os.path.relpath(rp, real))
    return output_names([r.path for r in run.reports], ext, reserved)


def write_folder(run: Run, folder: str, tick: Callable[[], None] = lambda: None, inputs: Iterable[str] = ()) -> list[str]:
    """One page per report in folder, and 汇总.html (linking to them) when there are several;
    returns the files written, relative to folder."""
    from .output import write_text_file

    base = common(run)
    names = folder_names(run, folder, ".html", inputs)
    written = []
    if not run.summary_only:
        for rep in run.reports:
            rel = names[rep.path]
            write_text_file(Path(folder) / rel, report_page(base, rep))
            written.append(rel)
            tick()
    if run.many or run.summary_only:
        links = None if run.summary_only else (lambda p: quote(names[p]))
        write_text_file(Path(folder) / (SUMMARY_STEM + ".html"), summary_page(base, run, links))
        written.append(SUMMARY_STEM + ".html")
        tick()
    return written
