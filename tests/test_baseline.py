"""The baseline: --write-baseline records today's findings; --baseline reports and gates only the
new ones, matched on the report (identity or path), the rule and the evidence text, never on line
numbers; entries of fixed problems are reported as stale and --prune-baseline drops them."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from checker.api import check_text
from checker.baseline import Baseline

from conftest import SEEDS, cli, result

LEARN = "一是推动领导干部带头学法。"
DUTIES = "负责做好应诉、复议、信访化解等工作，"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "reports").mkdir()
    shutil.copy(SEEDS["003"], tmp_path / "reports" / "r.txt")
    shutil.copy(SEEDS["000"], tmp_path / "reports" / "other.txt")
    monkeypatch.chdir(tmp_path)
    assert SEEDS["003"].read_text("utf-8").count(LEARN) == 1 and SEEDS["003"].read_text("utf-8").count(DUTIES) == 1
    return tmp_path


def edit(repo, old, new):
    p = repo / "reports" / "r.txt"
    text = p.read_text("utf-8")
    assert text.count(old) == 1
    p.write_text(text.replace(old, new), "utf-8")


def concise(capsys, *args):
    code, out, err = cli(capsys, "check", "reports", "--isolated", "--format", "concise", *args)
    return code, out.splitlines(), err


def test_write_then_check_against_the_baseline(capsys, repo):
    code, lines, _ = concise(capsys)
    assert code == 1 and len(lines) == 1 + 6 + 9  # 003: 1 fail 5 warns; 000: 9 warns (15 findings)
    code, _, err = concise(capsys, "--write-baseline", "fzcheck-baseline.json")
    assert code == 0 and "已把 15 项现有问题（21 条证据）记入基线 fzcheck-baseline.json" in err
    data = json.loads((repo / "fzcheck-baseline.json").read_text("utf-8"))
    assert data["fzcheck-baseline"] == 1
    sig = next(e for e in data["findings"] if e["rule"] == "format.signature" and "落款" in e["evidence"])
    assert sig == {"path": "reports/r.txt", "report": "|2024|2024年法治政府建设年度报告", "rule": "format.signature",
                   "status": "fail", "evidence": "未找到落款的发文机关署名", "message": "文末没有发文机关署名和成文日期"}
    assert all("line" not in e for e in data["findings"])  # never line numbers
    code, lines, err = concise(capsys, "--baseline", "fzcheck-baseline.json")
    assert code == 0 and err == "" and lines == ["共 2 份报告：不通过 0 项，警告 0 项（另有 15 项已在基线中，未列出）"]


def test_one_new_problem_is_the_only_one_reported_and_sets_the_exit_code(capsys, repo):
    concise(capsys, "--write-baseline", "b.json")
    # the report cites an event of October 2025 in its report for 2024: one new fail
    edit(repo, LEARN, "一是推动领导干部带头学法，深入学习贯彻党的二十届四中全会精神。")
    code, lines, err = concise(capsys, "--baseline", "b.json")
    assert code == 1 and err == ""
    assert lines[:-1] == ["reports/r.txt:9: consistency.anachronism 不通过 引用了成文时尚未发生的事件（见证据），年度或日期可能写错，或套用了其他年份的材料"]
    assert lines[-1] == "共 2 份报告：不通过 1 项，警告 0 项（另有 15 项已在基线中，未列出）"
    # a new warn: reported, and the exit code follows --fail-on
    edit(repo, "一是推动领导干部带头学法，深入学习贯彻党的二十届四中全会精神。", "一是推动领导干部带头学法,强化学习。")
    code, lines, _ = concise(capsys, "--baseline", "b.json")
    assert code == 0 and [line.split(": ", 1)[1] for line in lines[:-1]] == ["format.punctuation 警告 中文正文中有 1 处半角标点（, ; : ( )）"]
    assert concise(capsys, "--baseline", "b.json", "--fail-on", "warn")[0] == 1


def test_matching_ignores_line_numbers_and_wrapping(capsys, repo):
    concise(capsys, "--write-baseline", "b.json")
    p = repo / "reports" / "r.txt"
    # lines added above everything and a sentence moved onto two lines: the same findings
    p.write_text("\n\n\n" + p.read_text("utf-8").replace(DUTIES, "负责做好应诉、复议、\n信访化解等工作，"), "utf-8")
    code, lines, err = concise(capsys, "--baseline", "b.json")
    assert code == 0 and len(lines) == 1 and "另有 15 项已在基线中" in lines[0]


def test_only_new_evidence_of_a_known_finding_is_reported(capsys, repo):
    edit(repo, LEARN, "一是推动领导干部带头学法,强化学习。")
    concise(capsys, "--write-baseline", "b.json")
    edit(repo, DUTIES, "负责做好应诉、复议、信访化解等工作,")
    code, out, _ = cli(capsys, "check", "reports", "--isolated", "--baseline", "b.json", "--format", "json")
    rep = next(r for r in json.loads(out)["reports"] if r["path"].endswith("/r.txt"))
    punct = [r for r in rep["results"] if r["status"] in ("warn", "fail")]
    assert [(r["id"], [e["text"] for e in r["evidence"]]) for r in punct] == [
        ("format.punctuation", ["负责做好应诉、复议、信访化解等工作,参与重大案件审查，确保依法决策、依法行政、依法管理。"])]


def test_a_renamed_report_keeps_its_baseline_by_identity(capsys, repo):
    concise(capsys, "--write-baseline", "b.json")
    (repo / "reports" / "r.txt").rename(repo / "reports" / "2024年报告.txt")
    code, lines, _ = concise(capsys, "--baseline", "b.json")
    assert code == 0 and len(lines) == 1


def test_a_baseline_never_hides_another_reports_findings(capsys, repo):
    cli(capsys, "check", "reports/r.txt", "--isolated", "--write-baseline", "b.json")
    code, lines, _ = concise(capsys, "--baseline", "b.json")
    assert code == 0 and len(lines) == 1 + 9 and all(line.startswith("reports/other.txt:") for line in lines[:-1])


def test_fixed_problems_are_stale_and_pruned(capsys, repo):
    concise(capsys, "--write-baseline", "b.json")
    before = json.loads((repo / "b.json").read_text("utf-8"))["findings"]
    # the report gets its 落款: format.signature passes, its two entries match nothing now
    (repo / "reports" / "r.txt").write_text((repo / "reports" / "r.txt").read_text("utf-8").rstrip()
                                            + "\n\n湛江市交通运输局\n2025年1月20日\n", "utf-8")
    code, lines, err = concise(capsys, "--baseline", "b.json")
    assert code == 0 and "基线 b.json 中有 2 项已不再出现（已修复）；加 --prune-baseline 从基线中去除" in err
    code, lines, err = concise(capsys, "--baseline", "b.json", "--prune-baseline")
    after = json.loads((repo / "b.json").read_text("utf-8"))["findings"]
    assert "已从基线 b.json 去除 2 项已修复的问题" in err
    assert [e for e in before if e["rule"] != "format.signature"] == after
    assert concise(capsys, "--baseline", "b.json")[2] == ""  # nothing stale any more
    # checking one report never calls another report's entries stale
    cli(capsys, "check", "reports/other.txt", "--isolated", "--baseline", "b.json", "--prune-baseline")
    assert json.loads((repo / "b.json").read_text("utf-8"))["findings"] == after


def test_a_finding_that_got_worse_is_new_one_that_got_better_is_not(rules, tmp_path):
    rep = check_text(SEEDS["003"].read_text("utf-8"), rules, path=str(tmp_path / "r.txt"))
    warn = result(rep, "format.title")
    assert warn.status == "warn"
    base = Baseline.of(str(tmp_path / "b.json"), [rep])
    worse = dataclasses.replace(rep, results=[dataclasses.replace(warn, status="fail")])
    assert [r.id for r in base.matcher().filter(worse).results] == ["format.title"]
    fail = result(rep, "format.signature")
    better = dataclasses.replace(rep, results=[dataclasses.replace(fail, status="warn")])
    assert base.matcher().filter(better).results == []


@pytest.mark.parametrize("content,words", [
    (None, "--baseline: 没有这个文件：b.json（先用 --write-baseline b.json 记录现有问题）"),
    ("{", "b.json: 不是 fzcheck 基线文件"),
    ('{"findings": []}', "b.json: 不是 fzcheck 基线文件（应有 \"fzcheck-baseline\": 1 和 findings 列表）"),
])
def test_bad_baseline_is_one_line(capsys, repo, content, words):
    if content is not None:
        (repo / "b.json").write_text(content, "utf-8")
    code, out, err = cli(capsys, "check", "reports", "--isolated", "--baseline", "b.json")
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err


def test_baseline_options_that_do_not_go_together(capsys, repo):
    code, _, err = cli(capsys, "check", "reports", "--baseline", "a.json", "--write-baseline", "b.json")
    assert code == 2 and "--baseline 与 --write-baseline 不能同时使用" in err
    code, _, err = cli(capsys, "check", "reports", "--isolated", "--prune-baseline")
    assert code == 2 and "--prune-baseline: 需要 --baseline FILE" in err
