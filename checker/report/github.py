"""GitHub Actions workflow commands: each warn / fail an annotation on its report line.

``::error file=reports/a.txt,line=12,title=fzcheck format.signature 落款::不通过：…`` — shown
on the pull request's changed files and in the run's summary, with no upload and no GitHub
Advanced Security (which SARIF code scanning needs on a private repository).

- 不通过 → ``::error``, 警告 → ``::warning``; a rule that is only 建议 (severity info) →
  ``::notice`` whatever its result;
- properties are escaped as the Actions toolkit does (``%`` ``\\r`` ``\\n`` ``:`` ``,``), the
  message as data (``%`` ``\\r`` ``\\n``); the message keeps its lines (建议, 依据) as %0A;
- paths are relative to the working directory, which is the repository root in a job
  (``GITHUB_WORKSPACE``); a report read from standard input has no file;
- a report that cannot be read is an ``::error`` on that file.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .common import STATUS_ZH
from .concise import findings, line_of

if TYPE_CHECKING:
    from . import Run


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repo_path(path: str, cwd: str) -> str | None:
    """The path as the repository names it: relative to the working directory, in / form."""
    if path in ("-", "<stdin>"):
        return None
    full = os.path.abspath(os.path.join(cwd, path))
    try:
        rel = os.path.relpath(full, cwd)
    except ValueError:
        return full.replace(os.sep, "/")
    return (full if rel.startswith("..") else rel).replace(os.sep, "/")


def command(name: str, message: str, **props: Any) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{name}{' ' + fields if fields else ''}::{escape_data(message)}"


def level(r: Any) -> str:
    if r.severity == "info":
        return "notice"
    return "error" if r.status == "fail" else "warning"


def render(run: Run) -> str:
    out = []
    for rep in run.reports:
        file = repo_path(rep.path, run.cwd)
        for r in findings(rep):
            text = f"{STATUS_ZH[r.status]}：{r.message}"
            if r.hint:
                text += f"\n建议：{r.hint}"
            text += f"\n依据：{r.basis}"
            out.append(command(level(r), text, file=file, line=line_of(r) if file else None,
                               title=f"fzcheck {r.id} {r.title}"))
    for path, message in run.errors:
        out.append(command("error", message, file=repo_path(path, run.cwd), title="fzcheck 无法读取报告"))
    for path, why in run.skipped:
        out.append(command("notice", why, file=repo_path(path, run.cwd), title="fzcheck 跳过（不是报告）"))
    return "".join(line + "\n" for line in out)
