"""GitLab Code Quality report: the JSON array GitLab reads from ``artifacts:reports:codequality``
and shows in the merge request (new and fixed findings) and on the changed lines.

Each warn / fail is one issue, as GitLab's format requires (docs: ci/testing/code_quality,
"Code Quality report format"; tests/schemas/ holds GitLab's own schema): ``description``,
``check_name`` (the rule id), ``fingerprint``, ``severity``, ``location.path`` (relative to the
repository root, the working directory of the job) and ``location.lines.begin``.

- ``severity`` from the result and the rule's requirement level:

  | | 必须 (error) | 应当 (warning) | 建议 (info) |
  |---|---|---|---|
  | 不通过 | critical | major | minor |
  | 警告 | major | minor | info |

  and ``blocker`` for a report that cannot be read;
- ``fingerprint``: SHA-256 of the report's path, the rule id and the evidence text (never a line
  number), so that GitLab tells a new finding from one that moved when lines were added above it;
- no byte order mark (GitLab's parser refuses one), UTF-8, Chinese as is.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from ..baseline import _norm
from .common import STATUS_ZH
from .concise import findings, line_of
from .github import repo_path

if TYPE_CHECKING:
    from . import Run

SEVERITY = {
    ("fail", "error"): "critical", ("fail", "warning"): "major", ("fail", "info"): "minor",
    ("warn", "error"): "major", ("warn", "warning"): "minor", ("warn", "info"): "info",
}


def fingerprint(path: str, rule: str, evidence: list[str]) -> str:
    h = hashlib.sha256()
    for part in (path, rule, *sorted(_norm(e) for e in evidence)):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def issue(r: Any, path: str) -> dict[str, Any]:
    text = f"{STATUS_ZH[r.status]}：{r.message}" + (f"（建议：{r.hint}）" if r.hint else "")
    return {
        "type": "issue",
        "description": text,
        "check_name": r.id,
        "categories": ["Style"] if r.id.startswith("format.") else ["Clarity"],
        "fingerprint": fingerprint(path, r.id, [e.text for e in r.evidence]),
        "severity": SEVERITY[(r.status, r.severity)],
        "location": {"path": path, "lines": {"begin": line_of(r)}},
        "content": {"body": f"**{r.title}**\n\n依据：{r.basis}" + "".join(
            f"\n\n> {e.text}" for e in r.evidence[:5])},
    }


def render(run: Run) -> str:
    out = []
    for rep in run.reports:
        path = repo_path(rep.path, run.cwd) or "<stdin>"
        out += [issue(r, path) for r in findings(rep)]
    for path, message in run.errors:
        file = repo_path(path, run.cwd) or "<stdin>"
        out.append({"type": "issue", "description": f"无法读取：{message}", "check_name": "fzcheck.unreadable",
                    "categories": ["Bug Risk"], "fingerprint": fingerprint(file, "fzcheck.unreadable", []),
                    "severity": "blocker", "location": {"path": file, "lines": {"begin": 1}}})
    for path, why in run.skipped:
        file = repo_path(path, run.cwd) or "<stdin>"
        out.append({"type": "issue", "description": f"跳过：{why}", "check_name": "fzcheck.skipped",
                    "categories": ["Clarity"], "fingerprint": fingerprint(file, "fzcheck.skipped", []),
                    "severity": "info", "location": {"path": file, "lines": {"begin": 1}}})
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
