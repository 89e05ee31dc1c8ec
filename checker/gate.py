"""When a run fails: a result's status meets its rule's severity.

A result stops the run (exit code 1) when both hold:

- its status is at or above ``--fail-on``: ``fail`` (不通过, the default), ``warn`` (警告 or
  不通过), or ``never`` (nothing stops the run);
- its rule's severity is at or above ``--fail-severity``: ``error`` (必须), ``warning`` (应当,
  the default) or ``info`` (建议).

So by default a 不通过 of a 必须 or 应当 requirement stops the run, and a requirement that is only
建议 (info) never does: its 不通过 is shown, and listed among what to fix, but a commit or a
pipeline does not wait for it. ``--fail-severity info`` counts those too; ``--fail-severity
error`` gates on the 必须 requirements alone. JUnit marks as <failure> exactly the results that
stop the run, so the test report and the exit code agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FAIL_ON = ("fail", "warn", "never")
SEVERITIES = ("error", "warning", "info")
DEFAULT_FAIL_ON = "fail"
DEFAULT_SEVERITY = "warning"
#: the requirement level of a rule's severity, as the Chinese outputs name it (a severity must
#: never read like a result: a result can be 警告, a requirement is 必须 / 应当 / 建议)
LEVEL_ZH = {"error": "必须", "warning": "应当", "info": "建议"}

_STATUS_RANK = {"skip": 0, "pass": 0, "warn": 1, "fail": 2}
_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_NEEDED = {"fail": 2, "warn": 1}


@dataclass(frozen=True)
class Gate:
    fail_on: str = DEFAULT_FAIL_ON
    severity: str = DEFAULT_SEVERITY

    def stops(self, result: Any) -> bool:
        """Does this result (anything with .status and .severity) stop the run?"""
        need = _NEEDED.get(self.fail_on)
        if need is None:
            return False
        return (_STATUS_RANK.get(result.status, 0) >= need
                and _SEVERITY_RANK.get(result.severity, 2) >= _SEVERITY_RANK[self.severity])

    def describe(self) -> str:
        """In Chinese, what stops the run (for the table's last line)."""
        if self.fail_on == "never":
            return "不因检查结果而失败（--fail-on never）"
        levels = "、".join(LEVEL_ZH[s] for s in SEVERITIES if _SEVERITY_RANK[s] >= _SEVERITY_RANK[self.severity])
        what = "不通过" if self.fail_on == "fail" else "不通过或警告"
        return f"{levels}级要求的{what}项使检查失败"


def finding_rank(result: Any) -> tuple[int, int]:
    """Sort key of a result among findings: 不通过 before 警告, then 必须 before 应当 before 建议."""
    return (-_STATUS_RANK.get(result.status, 0), -_SEVERITY_RANK.get(result.severity, 0))
