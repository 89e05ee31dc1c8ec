"""Severity meets results: a result stops the run when its status meets --fail-on and its rule's
severity meets --fail-severity (default warning: a 建议 / info rule never stops a run). JUnit
marks as failures exactly the results that stop it, so the report and the exit code agree."""

from __future__ import annotations

import pytest
from junitparser import Failure, JUnitXml, Skipped

from checker.gate import Gate

from conftest import RULE_HEAD, SEEDS, cli


class R:
    def __init__(self, status, severity):
        self.status, self.severity = status, severity


@pytest.mark.parametrize("fail_on,severity,stops", [
    ("fail", "warning", {("fail", "error"), ("fail", "warning")}),
    ("fail", "error", {("fail", "error")}),
    ("fail", "info", {("fail", "error"), ("fail", "warning"), ("fail", "info")}),
    ("warn", "warning", {("fail", "error"), ("fail", "warning"), ("warn", "error"), ("warn", "warning")}),
    ("warn", "error", {("fail", "error"), ("warn", "error")}),
    ("never", "info", set()),
])
def test_the_gate_matrix(fail_on, severity, stops):
    gate = Gate(fail_on, severity)
    every = {(s, v) for s in ("pass", "warn", "fail", "skip") for v in ("error", "warning", "info")}
    assert {(s, v) for s, v in every if gate.stops(R(s, v))} == stops


def _pack(tmp_path, severity, status):
    p = tmp_path / f"{severity}-{status}.yaml"
    p.write_text(RULE_HEAD.replace("severity: warning", f"severity: {severity}")
                 + f"    decide: [{{status: {status}, message: 测试结果, hint: 测试建议}}]\n", "utf-8")
    return p


def test_an_advice_rule_fails_without_stopping_the_run(capsys, tmp_path):
    pack = _pack(tmp_path, "info", "fail")
    base = ["check", SEEDS["000"], "--isolated", "--rules", pack, "--no-default-rules"]
    junit = tmp_path / "j.xml"
    code, out, _ = cli(capsys, *base, "--format", "table", "--format", f"junit={junit}")
    assert code == 0 and "不通过  t.rule 测试 [建议]" in out  # shown, and listed to fix, but not gating
    case = next(iter(next(iter(JUnitXml.fromfile(str(junit))))))
    assert isinstance(case.result[0], Skipped) and case.result[0].message == "不通过：测试结果"
    code, _, _ = cli(capsys, *base, "--fail-severity", "info", "--format", f"junit={junit}")
    case = next(iter(next(iter(JUnitXml.fromfile(str(junit))))))
    assert code == 1 and isinstance(case.result[0], Failure) and case.result[0].type == "info"


def test_fail_severity_error_gates_on_musts_only(capsys, tmp_path):
    should = _pack(tmp_path, "warning", "fail")
    must = _pack(tmp_path, "error", "warn")
    assert cli(capsys, "check", SEEDS["000"], "--isolated", "--rules", should, "--no-default-rules")[0] == 1
    assert cli(capsys, "check", SEEDS["000"], "--isolated", "--rules", should, "--no-default-rules",
               "--fail-severity", "error")[0] == 0
    assert cli(capsys, "check", SEEDS["000"], "--isolated", "--rules", must, "--no-default-rules",
               "--fail-on", "warn", "--fail-severity", "error")[0] == 1


def test_bundled_rules_with_the_defaults(capsys):
    # 000 has warns only, among them one of an info rule (content.digital): --fail-on warn stops on
    # the others; with only the info rule selected it does not
    assert cli(capsys, "check", SEEDS["000"], "--isolated", "--fail-on", "warn")[0] == 1
    assert cli(capsys, "check", SEEDS["000"], "--isolated", "--fail-on", "warn", "--select", "content.digital")[0] == 0
    assert cli(capsys, "check", SEEDS["000"], "--isolated", "--fail-on", "warn", "--select", "content.digital",
               "--fail-severity", "info")[0] == 1
    # the seven fails of the fixtures are all of 必须 rules: --fail-severity error changes nothing there
    for key in ("001", "002", "003", "004"):
        assert cli(capsys, "check", SEEDS[key], "--isolated", "--fail-severity", "error")[0] == 1
