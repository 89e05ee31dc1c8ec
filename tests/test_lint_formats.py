"""The one-line and CI-native formats: concise (path:line: rule 不通过 message), GitHub workflow
commands checked against their syntax and escaping, and the GitLab Code Quality report validated
against GitLab's schema and its documented format (tests/schemas/)."""

from __future__ import annotations

import json
import re
import shutil

import jsonschema
import pytest

from checker.report import github

from conftest import ROOT, SEEDS, SEED_ARGS, cli

SCHEMAS = ROOT / "tests" / "schemas"
# per fixture (pass, warn, fail, skip), as tests/test_ci_formats.py
COUNTS = {"000": (20, 9, 0, 2), "001": (21, 5, 2, 3), "002": (17, 9, 2, 3), "003": (21, 5, 1, 4), "004": (20, 5, 2, 4)}
FINDINGS = sum(w + f for _, w, f, _ in COUNTS.values())


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    from checker.cli import main

    path = tmp_path_factory.mktemp("json") / "r.json"
    main(["check", *SEED_ARGS, "--format", f"json={path}", "--isolated"])
    reports = json.loads(path.read_text("utf-8"))["reports"]
    # by the path as given and by the name (the CI formats name the file relative to the cwd)
    return {**{r["path"]: r for r in reports}, **{r["path"].rsplit("/", 1)[-1]: r for r in reports}}


def _first_line(r):
    return next((e["line"] for e in r["evidence"] if e["line"]), None) or (r.get("anchor") or {}).get("line") or 1


# ---------------------------------------------------------------- concise

CONCISE = re.compile(r"^(?P<path>[^\n:]+):(?P<line>[1-9]\d*): (?P<rule>[a-z]+(?:\.[a-z0-9-]+)+) (?P<status>不通过|警告) (?P<message>\S.*)$")


def test_concise_is_one_line_per_warn_and_fail(capsys, results):
    code, out, err = cli(capsys, "check", *SEED_ARGS, "--format", "concise", "--isolated")
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[-1] == f"共 5 份报告：不通过 7 项，警告 {FINDINGS - 7} 项"
    found = [CONCISE.match(line) for line in lines[:-1]]
    assert all(found) and len(found) == FINDINGS, [l for l, m in zip(lines, found) if not m]
    for m in found:
        r = next(x for x in results[m["path"]]["results"] if x["id"] == m["rule"])
        assert {"不通过": "fail", "警告": "warn"}[m["status"]] == r["status"]
        assert int(m["line"]) == _first_line(r) and m["message"] == r["message"]
    # in each report, the findings in the order of their lines
    for path in SEED_ARGS:
        nums = [int(m["line"]) for m in found if m["path"] == path]
        assert nums == sorted(nums)
    sig = next(m for m in found if m["path"].endswith("003_64caf8860024a4f7.txt") and m["rule"] == "format.signature")
    assert sig.group(0).endswith(":49: format.signature 不通过 文末没有发文机关署名和成文日期")


def test_concise_quiet_is_the_findings_only(capsys):
    code, out, _ = cli(capsys, "check", SEEDS["003"], "--format", "concise", "--quiet", "--isolated")
    assert code == 1 and len(out.splitlines()) == 6 and all(CONCISE.match(line) for line in out.splitlines())
    code, out, _ = cli(capsys, "check", SEEDS["003"], "--format", "concise", "-q", "--select", "core", "--isolated")
    assert code == 0 and out == ""  # nothing found, nothing said


# ---------------------------------------------------------------- GitHub workflow commands

PROP = r"(?:file|line|endLine|col|endColumn|title)=(?:[^,:%\r\n]|%(?:25|0D|0A|3A|2C))*"
COMMAND = re.compile(rf"^::(?P<cmd>error|warning|notice)(?: (?P<props>{PROP}(?:,{PROP})*))?::(?P<data>(?:[^%\r\n]|%(?:25|0D|0A))*)$")


def _unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], text)


def test_github_commands_follow_the_workflow_command_syntax(capsys, results):
    code, out, err = cli(capsys, "check", *SEED_ARGS, "--format", "github", "--isolated")
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert len(lines) == FINDINGS
    for line in lines:
        m = COMMAND.match(line)
        assert m, line
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        assert set(props) == {"file", "line", "title"}
        file, rule = _unescape(props["file"]), _unescape(props["title"]).split()[1]
        r = next(x for x in results[file.rsplit("/", 1)[-1]]["results"] if x["id"] == rule)
        assert int(props["line"]) == _first_line(r)
        data = _unescape(m["data"])
        assert data.startswith({"fail": "不通过：", "warn": "警告："}[r["status"]] + r["message"])
        assert f"\n依据：{r['basis']}" in data and (not r["hint"] or f"\n建议：{r['hint']}" in data)
        want = "notice" if r["severity"] == "info" else {"fail": "error", "warn": "warning"}[r["status"]]
        assert m["cmd"] == want
    assert sum(line.startswith("::error ") for line in lines) == 7


def test_github_escaping_matches_the_actions_toolkit():
    text = "a,b:c%d\r\ne：，"
    assert github.escape_data(text) == "a,b:c%25d%0D%0Ae：，"
    assert github.escape_property(text) == "a%2Cb%3Ac%25d%0D%0Ae：，"  # full-width ： ， are other characters
    line = github.command("error", "x%y\nz", file="reports/a,b:c.txt", line=3, title="t:1,2")
    assert line == "::error file=reports/a%2Cb%3Ac.txt,line=3,title=t%3A1%2C2::x%25y%0Az"
    assert COMMAND.match(line)


def test_github_paths_are_relative_to_the_repository_and_unreadable_files_annotated(capsys, tmp_path, monkeypatch):
    (tmp_path / "reports").mkdir()
    shutil.copy(SEEDS["003"], tmp_path / "reports" / "县局 2024,年报.txt")
    (tmp_path / "reports" / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "check", str(tmp_path / "reports"), "--format", "github", "--isolated")
    assert code == 3 and "文件是空的" in err  # a report fails (1), one is unreadable (2)
    lines = out.splitlines()
    assert all(COMMAND.match(line) for line in lines)
    assert lines[0].startswith("::warning file=reports/县局 2024%2C年报.txt,line=3,title=fzcheck format.title 标题::")
    assert lines[-1].startswith("::error file=reports/empty.txt,title=fzcheck 无法读取报告::")


# ---------------------------------------------------------------- GitLab Code Quality

def test_gitlab_report_is_valid_against_gitlabs_schema_and_documented_format(capsys, tmp_path, results):
    target = tmp_path / "gl-code-quality-report.json"
    code, out, _ = cli(capsys, "check", *SEED_ARGS, "--format", f"gitlab={target}", "--isolated")
    assert code == 1 and out == ""
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # GitLab's parser refuses a byte order mark
    issues = json.loads(raw.decode("utf-8"))
    parser = jsonschema.Draft7Validator(json.loads((SCHEMAS / "gitlab-codeclimate.json").read_text("utf-8")))
    for issue in issues:
        parser.validate(issue)
    jsonschema.Draft7Validator(json.loads((SCHEMAS / "gitlab-code-quality-report.schema.json").read_text("utf-8"))).validate(issues)
    assert len(issues) == FINDINGS and len({i["fingerprint"] for i in issues}) == FINDINGS
    sev = {"fail": {"error": "critical", "warning": "major", "info": "minor"},
           "warn": {"error": "major", "warning": "minor", "info": "info"}}
    for i in issues:
        r = next(x for x in results[i["location"]["path"].rsplit("/", 1)[-1]]["results"] if x["id"] == i["check_name"])
        assert i["severity"] == sev[r["status"]][r["severity"]] and i["location"]["lines"]["begin"] == _first_line(r)
        assert i["description"].startswith({"fail": "不通过：", "warn": "警告："}[r["status"]] + r["message"])
    assert [i["severity"] for i in issues].count("critical") == 7


def test_gitlab_fingerprints_do_not_move_with_the_lines(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SEEDS["003"], tmp_path / "r.txt")
    cli(capsys, "check", "r.txt", "--format", "gitlab=a.json", "--isolated")
    (tmp_path / "r.txt").write_text("\n\n\n" + SEEDS["003"].read_text("utf-8"), "utf-8")
    cli(capsys, "check", "r.txt", "--format", "gitlab=b.json", "--isolated")
    a, b = (json.loads((tmp_path / n).read_text("utf-8")) for n in ("a.json", "b.json"))
    assert [i["fingerprint"] for i in a] == [i["fingerprint"] for i in b]
    assert [i["location"]["lines"]["begin"] + 3 for i in a] == [i["location"]["lines"]["begin"] for i in b]


def test_gitlab_unreadable_report_is_a_blocker(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 broken")
    code, out, _ = cli(capsys, "check", "bad.pdf", "--format", "gitlab", "--isolated")
    issues = json.loads(out)
    assert code == 2 and [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues] == [
        ("fzcheck.unreadable", "blocker", "bad.pdf")]
