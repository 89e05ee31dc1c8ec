"""A baseline: today's findings, recorded so that a run reports and gates only new ones.

``--write-baseline FILE`` records every warn / fail of the run, one entry per piece of evidence;
``--baseline FILE`` then leaves out each finding the file holds. A finding is matched on what
survives editing the report elsewhere, never on line numbers:

- the **report**: its identity (issuer + year + title, as the report states them) *or* its path
  relative to the baseline file: either one is enough, so a report renamed, or one whose title
  was corrected, keeps its baseline;
- the **rule** id;
- the **evidence text**: the quoted sentence (or "未找到……" where nothing was found), with
  spaces and full / half width folded (NFKC), so that re-wrapping a line or moving a paragraph
  changes nothing, while a new half-width comma in another sentence is a new finding;
- the **status**: an entry recorded as 不通过 also covers a 警告 with the same evidence (it got
  better), one recorded as 警告 does not cover a 不通过 (it got worse).

A result whose evidence is all in the baseline is left out; one with some new evidence is
reported with the new evidence only. An entry expires when the report is fixed: it then matches
nothing, the run says how many entries of the reports it checked are stale, and
``--prune-baseline`` rewrites the file without them (it never adds an entry). An entry is never
matched by another rule, another report or another sentence, so a stale entry cannot hide a new
problem; only the very same sentence failing the very same rule again would be hidden, which is
why stale entries should be pruned in the commit that fixes them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from . import __version__
from .errors import InputError, UsageError

if TYPE_CHECKING:
    from .api import Report

FORMAT = 1
_RANK = {"warn": 1, "fail": 2}
STDIN = "<stdin>"


def _norm(text: str | None) -> str:
    """Evidence and identity text as compared: NFKC (full / half width), no spaces, no ellipsis
    at the ends (the table's quotes are cut at a word and marked with …)."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(text.split()).strip("….")


def identity(report: Report) -> str | None:
    """The report as it names itself: issuer | year | title, or None when it does not say
    enough (a year and an issuer or a title)."""
    d = report.document_dict()
    if not d.get("year") or not (d.get("issuer") or d.get("title")):
        return None
    return "|".join(_norm(str(x)) if x else "" for x in (d.get("issuer"), d.get("year"), d.get("title")))


def _rel(path: str, folder: Path) -> str:
    if path in ("-", STDIN):
        return STDIN
    try:
        return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()
    except ValueError:  # another drive
        return Path(os.path.abspath(path)).as_posix()


def _findings(report: Report) -> Iterable[tuple[Any, str, str]]:
    """(result, evidence text as quoted, normalized) of each warn / fail."""
    for r in report.results:
        if r.status not in _RANK:
            continue
        if not r.evidence:
            yield r, "", ""
        for e in r.evidence:
            yield r, e.text, _norm(e.text)


@dataclass
class Baseline:
    path: Path
    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.path.parent

    # -- reading and writing

    @classmethod
    def read(cls, file: str) -> Baseline:
        path = Path(os.path.abspath(file))
        if not path.is_file():
            raise UsageError(f"--baseline: 没有这个文件：{file}（先用 --write-baseline {file} 记录现有问题）")
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{file}: 不是 fzcheck 基线文件（{exc}）") from None
        entries = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(data, dict) or data.get("fzcheck-baseline") != FORMAT or not isinstance(entries, list) \
                or not all(isinstance(e, dict) and isinstance(e.get("rule"), str) and e.get("status") in _RANK
                           and isinstance(e.get("evidence", ""), str) for e in entries):
            raise InputError(f"{file}: 不是 fzcheck 基线文件（应有 \"fzcheck-baseline\": {FORMAT} 和 findings 列表）")
        return cls(path, entries)

    @classmethod
    def of(cls, file: str, reports: Iterable[Report]) -> Baseline:
        """A baseline of these reports' findings, to be written to file."""
        base = cls(Path(os.path.abspath(file)))
        for rep in reports:
            ident, rel = identity(rep), _rel(rep.path, base.folder)
            seen = set()
            for r, text, norm in _findings(rep):
                key = (r.id, norm)
                if key in seen:
                    continue
                seen.add(key)
                base.entries.append({"path": rel, "report": ident, "rule": r.id, "status": r.status,
                                     "evidence": text, "message": r.message})
        return base

    def write(self) -> None:
        self.entries.sort(key=lambda e: (e.get("path") or "", e["rule"], _norm(e.get("evidence"))))
        data = {"fzcheck-baseline": FORMAT, "tool": f"fzcheck {__version__}",
                "about": "fzcheck --baseline 不再报告这里记录的问题；说明见 docs/ci.md（基线）",
                "findings": self.entries}
        try:
            self.path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{self.path}: 无法写入（{exc.strerror or exc}）") from None

    # -- matching

    def matcher(self) -> Matcher:
        return Matcher(self)

    def pruned(self, stale: Iterable[int]) -> Baseline:
        drop = set(stale)
        return Baseline(self.path, [e for i, e in enumerate(self.entries) if i not in drop])


class Matcher:
    """Leaves out, report by report as they come, the findings the baseline holds; at the end,
    says which entries of the checked reports matched nothing (their problem was fixed)."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.index: dict[tuple[str, str], list[int]] = {}
        for i, e in enumerate(baseline.entries):
            self.index.setdefault((e["rule"], _norm(e.get("evidence"))), []).append(i)
        self.by_path: dict[str, set[int]] = {}
        self.by_report: dict[str, set[int]] = {}
        for i, e in enumerate(baseline.entries):
            self.by_path.setdefault(str(e.get("path")), set()).add(i)
            if e.get("report"):
                self.by_report.setdefault(str(e["report"]), set()).add(i)
        self.used: set[int] = set()
        self.concerned: set[int] = set()  # entries of the reports this run checked
        self.suppressed = 0  # results left out: all their evidence was in the baseline

    def filter(self, rep: Report) -> Report:
        entries = self.baseline.entries
        ident, rel = identity(rep), _rel(rep.path, self.baseline.folder)
        ours = self.by_path.get(rel, set()) | (self.by_report.get(ident, set()) if ident else set())
        self.concerned |= ours
        results = []
        for r in rep.results:
            if r.status not in _RANK:
                results.append(r)
                continue
            pieces = r.evidence or [None]
            new = []
            for ev in pieces:
                hits = [i for i in self.index.get((r.id, _norm(ev.text if ev else "")), [])
                        if i in ours and _RANK[entries[i]["status"]] >= _RANK[r.status]]
                if hits:
                    self.used.update(hits)
                else:
                    new.append(ev)
            if not new:
                self.suppressed += 1
            elif len(new) < len(pieces):
                results.append(dataclasses.replace(r, evidence=[e for e in new if e is not None]))
            else:
                results.append(r)
        return dataclasses.replace(rep, results=results)

    @property
    def stale(self) -> list[int]:
        return sorted(self.concerned - self.used)
