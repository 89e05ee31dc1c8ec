"""The CI gate: JUnit XML parsed back with a real JUnit parser, SARIF validated against the
official SARIF 2.1.0 schema shipped in tests/schemas/, and the pre-commit hook."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest
from junitparser import Error, Failure, JUnitXml, Skipped

from checker.cli import main

from conftest import ROOT, SEEDS, SEED_ARGS, cli, N_RULES

SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
# per fixture, (pass, warn, fail, skip): docs/verdicts.md
# (pass, warn, fail, skip); the four compare.* rules are skip: no report of the year before
COUNTS = {"000": (21, 9, 0, 6), "001": (22, 5, 2, 7), "002": (18, 9, 2, 7), "003": (22, 5, 1, 8), "004": (21, 5, 2, 8)}



# ---------------------------------------------------------------- JUnit

@pytest.fixture(scope="module")
def junit_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("junit") / "results.xml"
    assert main(["check", *SEED_ARGS, "--format", f"junit={path}"]) == 1
    return path


def test_junit_one_suite_per_report_one_case_per_rule(junit_file):
    xml = JUnitXml.fromfile(str(junit_file))
    suites = list(xml)
    assert [os.path.basename(s.name) for s in suites] == [p.name for p in SEEDS.values()]
    for key, suite in zip(COUNTS, suites):
        p, w, f, s = COUNTS[key]
        cases = list(suite)
        assert suite.tests == len(cases) == p + w + f + s == N_RULES
        assert suite.failures == f and suite.skipped == w + s and suite.errors == 0
        fails = [c for c in cases if c.result and isinstance(c.result[0], Failure)]
        skipped = [c for c in cases if c.result and isinstance(c.result[0], Skipped)]
        assert len(fails) == f and len(skipped) == w + s
        assert all(c.classname == suite.name for c in cases)
    xml.update_statistics()
    assert xml.tests == 5 * N_RULES and xml.failures == 7


def test_junit_failure_carries_message_severity_hint_and_evidence(junit_file):
    suite = next(s for s in JUnitXml.fromfile(str(junit_file)) if s.name.endswith("003_64caf8860024a4f7.txt"))
    case = next(c for c in suite if c.name.startswith("format.signature "))
    failure = case.result[0]
    assert isinstance(failure, Failure) and failure.type == "error"
    assert failure.message.startswith("不通过：")
    assert "建议：" in failure.text and "依据：" in failure.text
    warn = next(c for c in suite if c.result and c.result[0].message.startswith("警告："))
    assert isinstance(warn.result[0], Skipped) and "建议：" in warn.result[0].text
    na = next(c for c in suite if c.name.startswith("format.timeliness "))
    assert isinstance(na.result[0], Skipped) and na.result[0].message.startswith("不适用：")
    ok = next(c for c in suite if c.name.startswith("core.leader-duties "))
    assert ok.is_passed and ok._elem.get("line") == "31" and ok._elem.get("file") == suite.name
    props = {p.name: p.value for p in suite.properties()}
    assert props["title"] == "2024年法治政府建设年度报告" and props["year"] == "2024"
    assert props["fzcheck.rules"].startswith("lexicons@1+") and len(props["fzcheck.rules.sha256"]) == 12


def test_junit_fail_on_warn_makes_warns_failures(capsys, tmp_path):
    path = tmp_path / "r.xml"
    assert main(["check", str(SEEDS["003"]), "--format", f"junit={path}", "--fail-on", "warn"]) == 1
    suite = next(iter(JUnitXml.fromfile(str(path))))
    assert suite.failures == 1 + 5 and suite.skipped == 4 + 4  # and the four compare.* rules
    failures = {c.name.split()[0]: (c.result[0].message[:3], c.result[0].type)
                for c in suite if c.result and isinstance(c.result[0], Failure)}
    assert failures == {  # type is the rule's severity; the message says fail or warn
        "format.signature": ("不通过", "error"), "format.title": ("警告：", "error"),
        "content.three-systems": ("警告：", "error"), "content.disputes": ("警告：", "warning"),
        "content.major-decisions": ("警告：", "warning"), "content.legality-review": ("警告：", "warning")}


def test_junit_unreadable_report_is_an_error(capsys, tmp_path):
    (tmp_path / "good.txt").write_bytes(SEEDS["001"].read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, _ = cli(capsys, "check", tmp_path, "--format", "junit")
    xml = JUnitXml.fromstring(out.encode("utf-8"))
    bad = next(s for s in xml if s.name.endswith("empty.txt"))
    assert code == 3 and bad.errors == 1 and isinstance(next(iter(bad)).result[0], Error)
    assert "文件是空的" in next(iter(bad)).result[0].message


# ---------------------------------------------------------------- SARIF

@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


@pytest.fixture
def sarif(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths relative to the repository root, as in CI
    code, out, err = cli(capsys, "check", *(f"fixtures/{p.name}" for p in SEEDS.values()), "--format", "sarif")
    assert code == 1 and err == ""
    return json.loads(out)


def test_sarif_validates_against_the_official_schema(sarif, sarif_validator):
    errors = sorted(sarif_validator.iter_errors(sarif), key=str)
    assert not errors, errors[0]
    assert sarif["version"] == "2.1.0"


def test_sarif_schema_catches_a_broken_log(sarif, sarif_validator):
    broken = json.loads(json.dumps(sarif))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    del broken["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(broken))) >= 2


def test_sarif_results_are_the_warns_and_fails_on_their_lines(sarif):
    run = sarif["runs"][0]
    results = run["results"]
    assert len([r for r in results if r["level"] == "error"]) == 7  # the fails of the five fixtures
    assert len([r for r in results if r["level"] == "warning"]) == 33
    r = next(x for x in results if x["ruleId"] == "core.shortcoming-causes"
             and x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "fixtures/001_f6bb264d07dd80ca.txt")
    assert r["level"] == "error" and r["message"]["text"].startswith("不通过（core.shortcoming-causes）：")
    assert "建议：" in r["message"]["text"]
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%" and loc["region"]["startLine"] >= 1
    # every region points at a real line of its file
    for res in results:
        for loc in res["locations"] + res.get("relatedLocations", []):
            pl = loc["physicalLocation"]
            lines = (ROOT / pl["artifactLocation"]["uri"]).read_text("utf-8").splitlines()
            assert 1 <= pl["region"]["startLine"] <= len(lines)


def test_sarif_evidence_line_holds_the_quote(sarif):
    """region.startLine is the line of the file the quoted sentence is on."""
    res = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "format.punctuation"
               and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("fixtures/000_"))
    lines = (ROOT / "fixtures/000_afa1c9d59f367721.txt").read_text("utf-8").splitlines()
    for loc in res["locations"] + res["relatedLocations"]:
        quote = loc["message"]["text"].strip("…")
        assert quote[:20] in lines[loc["physicalLocation"]["region"]["startLine"] - 1]


def test_sarif_rules_carry_their_documentation_and_chinese_hint(sarif):
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == N_RULES
    rule = {r["id"]: r for r in rules}["core.shortcoming-causes"]
    page = ROOT / rule["properties"]["docs"]
    assert rule["properties"]["docs"] == "docs/rules/core.shortcoming-causes.md" and page.is_file()
    assert rule["help"]["markdown"].split("\n- 规则文件")[0] == page.read_text("utf-8").split("\n- 规则文件")[0]
    assert rule["shortDescription"]["text"] == "不足的原因" and "建议：" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert "helpUri" not in rule  # a relative one would not be a valid SARIF uri
    for res in sarif["runs"][0]["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_help_uri_where_the_docs_are_published(capsys, monkeypatch, sarif_validator):
    monkeypatch.setenv("FZCHECK_DOCS_URL", "https://git.example.org/fzcheck/-/blob/main/docs/rules/")
    data = json.loads(cli(capsys, "check", SEEDS["001"], "--format", "sarif")[1])
    rule = data["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["helpUri"] == f"https://git.example.org/fzcheck/-/blob/main/docs/rules/{rule['id']}.md"
    assert not list(sarif_validator.iter_errors(data))


def test_sarif_validator_checks_uri_formats(sarif_validator):
    """The format checks are live (rfc3986-validator installed): a relative helpUri fails."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a", "helpUri": "docs/a.md"}]}}}]}
    assert any("uri" in e.message for e in sarif_validator.iter_errors(bad))


def test_sarif_unreadable_report_is_a_notification(capsys, tmp_path, monkeypatch, sarif_validator):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_bytes(SEEDS["003"].read_bytes())
    (tmp_path / "x.md").write_bytes(b"\x00binary")
    code, out, _ = cli(capsys, "check", ".", "--format", "sarif")
    data = json.loads(out)
    assert not list(sarif_validator.iter_errors(data))
    inv = data["runs"][0]["invocations"][0]
    assert code == 3 and inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "x.md"


def test_sarif_paths_outside_the_working_directory_are_absolute_file_uris(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = json.loads(cli(capsys, "check", SEEDS["002"], "--format", "sarif")[1])
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == SEEDS["002"].resolve().as_uri()
