"""Configuration files: discovery from each report up (fzcheck.toml, .fzcheck.toml, pyproject.toml
with [tool.fzcheck]), precedence (command line over --config KEY=VALUE over the file; the nearer
file over the farther), every setting, --config FILE, --isolated, and invalid files as one-line
errors naming the file, the key and what is allowed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, RULE_HEAD, SEEDS, cli

PACKS = ROOT / "docs" / "examples" / "packs"

# a report that says nothing of its issuer: its kind is unknown unless a configuration says
NO_KIND = """\
2023年法治政府建设年度报告

2023年，在上级党委政府的坚强领导下，深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下。

一、主要举措和成效
（一）健全依法决策机制。全年审查规范性文件12件、合同35份，重大行政决策全部经过合法性审查。
二、存在的不足和原因
一是执法人员业务能力有待提升，主要原因是培训不够系统。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人认真履行第一责任人职责，全年主持召开专题会议4次。
四、下一年度推进法治政府建设的主要安排
2024年，将继续推进严格规范公正文明执法。
五、其他需要报告的情况
无。

2024年3月15日
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository of reports: reports/003.txt, reports/dept/001.txt, reports/dept/nokind.txt."""
    (tmp_path / "reports" / "dept").mkdir(parents=True)
    shutil.copy(SEEDS["003"], tmp_path / "reports" / "003.txt")
    shutil.copy(SEEDS["001"], tmp_path / "reports" / "dept" / "001.txt")
    (tmp_path / "reports" / "dept" / "nokind.txt").write_text(NO_KIND, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def reports(capsys, *args):
    code, out, err = cli(capsys, "check", *args, "--format", "json")
    assert err == "" or code == 2, err
    return code, {Path(r["path"]).name: r for r in json.loads(out)["reports"]} if out else {}


def ids(rep):
    return [r["id"] for r in rep["results"]]


def status(rep, rule):
    return next(r["status"] for r in rep["results"] if r["id"] == rule)


# ---------------------------------------------------------------- discovery

def test_the_nearest_file_is_found_walking_up_from_the_report(capsys, repo):
    write(repo / "fzcheck.toml", 'select = ["core"]\n')
    code, reps = reports(capsys, "reports/003.txt")
    assert all(i.startswith("core.") for i in ids(reps["003.txt"]))
    write(repo / "reports" / "dept" / "fzcheck.toml", 'select = ["format"]\n')
    code, reps = reports(capsys, "reports")  # each report its own nearest file
    assert all(i.startswith("core.") for i in ids(reps["003.txt"]))
    assert all(i.startswith("format.") for i in ids(reps["001.txt"]))
    assert all(i.startswith("format.") for i in ids(reps["nokind.txt"]))


def test_pyproject_counts_only_with_a_tool_fzcheck_table(capsys, repo):
    write(repo / "pyproject.toml", '[tool.fzcheck]\nignore = ["core"]\n')
    write(repo / "reports" / "pyproject.toml", '[project]\nname = "not-ours"\n')  # skipped: the search goes on
    code, reps = reports(capsys, "reports/003.txt")
    assert not any(i.startswith("core.") for i in ids(reps["003.txt"]))


def test_in_one_folder_dot_fzcheck_then_fzcheck_then_pyproject(capsys, repo):
    write(repo / "pyproject.toml", '[tool.fzcheck]\nselect = ["core"]\n')
    write(repo / "fzcheck.toml", 'select = ["format"]\n')
    assert ids(reports(capsys, "reports/003.txt")[1]["003.txt"])[0].startswith("format.")
    write(repo / ".fzcheck.toml", 'select = ["content"]\n')
    assert ids(reports(capsys, "reports/003.txt")[1]["003.txt"])[0].startswith("content.")


def test_nearer_file_over_farther_and_extend_to_layer_them(capsys, repo):
    write(repo / "fzcheck.toml", 'fail-on = "never"\nignore = ["content"]\n')
    write(repo / "reports" / "fzcheck.toml", 'select = ["core", "format", "content"]\n')
    # the nearer file is the one used: its settings, not the farther's (as Ruff)
    code, reps = reports(capsys, "reports/003.txt")
    assert code == 1 and any(i.startswith("content.") for i in ids(reps["003.txt"]))
    # extend: start from the farther file; what the nearer sets replaces what it extends
    write(repo / "reports" / "fzcheck.toml", 'extend = "../fzcheck.toml"\nselect = ["core", "format", "content"]\n')
    code, reps = reports(capsys, "reports/003.txt")
    assert code == 0 and not any(i.startswith("content.") for i in ids(reps["003.txt"]))


# ---------------------------------------------------------------- precedence

def test_command_line_over_inline_config_over_file(capsys, repo):
    write(repo / "fzcheck.toml", 'fail-on = "never"\n')
    assert cli(capsys, "check", "reports/003.txt")[0] == 0
    assert cli(capsys, "check", "reports/003.txt", "--config", 'fail-on = "fail"')[0] == 1
    assert cli(capsys, "check", "reports/003.txt", "--config", 'fail-on = "fail"', "--fail-on", "never")[0] == 0


def test_select_on_the_command_line_replaces_ignore_adds(capsys, repo):
    write(repo / "fzcheck.toml", 'select = ["core"]\nignore = ["core.order"]\n')
    got = ids(reports(capsys, "reports/003.txt", "--select", "format")[1]["003.txt"])
    assert got and all(i.startswith("format.") for i in got)
    got = ids(reports(capsys, "reports/003.txt", "--ignore", "core.other-matters")[1]["003.txt"])
    assert "core.order" not in got and "core.other-matters" not in got and "core.achievements" in got


def test_config_file_option_is_used_for_every_report_and_isolated_reads_none(capsys, repo):
    write(repo / "fzcheck.toml", 'select = ["core"]\n')
    other = write(repo / "ci" / "strict.toml", 'select = ["format"]\n')
    got = reports(capsys, "reports", "--config", str(other))[1]
    assert all(i.startswith("format.") for rep in got.values() for i in ids(rep))
    got = reports(capsys, "reports", "--isolated")[1]
    assert any(i.startswith("content.") for i in ids(got["003.txt"]))
    code, out, err = cli(capsys, "check", "reports", "--isolated", "--config", str(other))
    assert code == 2 and "--isolated 与 --config FILE 不能同时使用" in err and err.count("\n") == 1
    # inline settings still apply with --isolated (the command line is not a file)
    got = reports(capsys, "reports/003.txt", "--isolated", "--config", 'select = ["consistency"]')[1]
    assert all(i.startswith("consistency.") for i in ids(got["003.txt"]))


# ---------------------------------------------------------------- every setting

def test_fail_on_and_fail_severity(capsys, repo):
    # 003: one fail (format.signature, 必须) and warns of 必须 and 应当 rules
    write(repo / "fzcheck.toml", 'fail-on = "warn"\nselect = ["content.disputes"]\n')
    assert cli(capsys, "check", "reports/003.txt")[0] == 1  # a warn of an 应当 rule
    write(repo / "fzcheck.toml", 'fail-on = "warn"\nfail-severity = "error"\nselect = ["content.disputes"]\n')
    assert cli(capsys, "check", "reports/003.txt")[0] == 0  # only 必须 rules count
    write(repo / "fzcheck.toml", 'fail-severity = "error"\nselect = ["format.signature"]\n')
    assert cli(capsys, "check", "reports/003.txt")[0] == 1


def test_kind_applies_where_the_report_does_not_say(capsys, repo):
    code, reps = reports(capsys, "reports/dept")
    assert reps["nokind.txt"]["document"]["kind"] == "unknown" and status(reps["nokind.txt"], "format.timeliness") == "pass"
    write(repo / "reports" / "dept" / "fzcheck.toml", 'kind = "government"\n[per-file-overrides."nokind.txt"]\nkind = "department"\n')
    code, reps = reports(capsys, "reports/dept")
    nk = reps["nokind.txt"]
    # dated 2024-03-15: in time for a government (1 April), late for a department (1 March)
    assert nk["document"]["kind"] == "department" and status(nk, "format.timeliness") == "fail"
    t = next(r for r in nk["results"] if r["id"] == "format.timeliness")
    assert "部门2024年3月1日前" in t["message"]
    # 001 says it is a department (its metadata names 温州市交通运输局): the text wins over kind
    assert reps["001.txt"]["document"]["kind"] == "department"
    write(repo / "reports" / "dept" / "fzcheck.toml", 'kind = "government"\n')
    assert reports(capsys, "reports/dept")[1]["001.txt"]["document"]["kind"] == "department"
    assert reports(capsys, "reports/dept", "--kind", "party")[1]["nokind.txt"]["document"]["kind"] == "party"


def test_packs_layer_and_default_rules_replace(capsys, repo):
    write(repo / "rules" / "province.yaml", (PACKS / "province.yaml").read_text("utf-8"))
    write(repo / "fzcheck.toml", 'packs = ["rules/province.yaml"]\n')
    write(repo / "reports" / "dept" / "fzcheck.toml",
          f'extend = "../../fzcheck.toml"\npacks = ["{(PACKS / "office.yaml").as_posix()}"]\n')
    code, reps = reports(capsys, "reports")
    assert "province.business-environment" in ids(reps["003.txt"])
    assert next(r for r in reps["003.txt"]["results"] if r["id"] == "province.business-environment")["severity"] == "warning"
    # in dept/ the office pack is layered over the province's (the extended file's packs first)
    assert next(r for r in reps["001.txt"]["results"] if r["id"] == "province.business-environment")["severity"] == "error"
    assert status(reps["001.txt"], "format.timeliness") == "fail"  # the provincial deadline
    # default-rules = false: only the packs named (the province's needs the national lexicons)
    write(repo / "rules" / "own.yaml", RULE_HEAD + "    decide: [{status: pass, message: 好}]\n")
    write(repo / "fzcheck.toml", 'packs = ["rules/own.yaml"]\ndefault-rules = false\n')
    assert ids(reports(capsys, "reports/003.txt")[1]["003.txt"]) == ["t.rule"]
    write(repo / "fzcheck.toml", 'packs = ["rules/province.yaml"]\ndefault-rules = false\n')
    code, out, err = cli(capsys, "check", "reports/003.txt")
    assert code == 2 and "province.yaml: 字段 additions.lexicons.cause-words：在它之前载入的规则包里没有词表“cause-words”" in err


def test_per_file_overrides(capsys, repo):
    write(repo / "fzcheck.toml", """\
ignore = ["content.digital"]
[per-file-overrides."reports/dept/*"]
ignore = ["format"]
[per-file-overrides."001.txt"]
select = ["core"]
""")
    code, reps = reports(capsys, "reports")
    assert "format.title" in ids(reps["003.txt"]) and "content.digital" not in ids(reps["003.txt"])
    nk = ids(reps["nokind.txt"])
    assert not any(i.startswith("format.") for i in nk) and "content.digital" not in nk and "content.pufa" in nk
    assert all(i.startswith("core.") for i in ids(reps["001.txt"]))  # a glob without / matches the name


def test_output_defaults(capsys, repo):
    write(repo / "fzcheck.toml", '[output]\nformat = "concise"\nquiet = true\n')
    code, out, _ = cli(capsys, "check", "reports/003.txt")
    assert out.splitlines()[0].startswith("reports/003.txt:") and "共 1 份报告" not in out
    code, out, _ = cli(capsys, "check", "reports/003.txt", "--format", "table")  # the option wins
    assert "不通过  format.signature" in out
    write(repo / "fzcheck.toml", '[output]\nshow-pass = true\ncolor = "always"\nformat = ["table", "junit=out/junit.xml"]\n')
    (repo / "out").mkdir()
    code, out, _ = cli(capsys, "check", "reports/003.txt")
    assert "\x1b[" in out and "第31行 三、上一年度党政主要负责人" in out  # colour forced, passes quoted
    assert (repo / "out" / "junit.xml").is_file()  # FMT=FILE relative to the configuration's folder


def test_baseline_setting_is_relative_to_the_file(capsys, repo):
    write(repo / "fzcheck.toml", 'baseline = "ci/baseline.json"\n')
    (repo / "ci").mkdir()
    assert cli(capsys, "check", "reports/003.txt", "--write-baseline", "ci/baseline.json")[0] == 0
    code, out, err = cli(capsys, "check", "reports/003.txt", "--format", "concise")
    assert code == 0 and out.startswith("共 1 份报告：不通过 0 项，警告 0 项（另有 6 项已在基线中")


def test_fzcheck_rules_lists_the_configured_packs(capsys, repo):
    write(repo / "rules" / "province.yaml", (PACKS / "province.yaml").read_text("utf-8"))
    write(repo / "fzcheck.toml", 'packs = ["rules/province.yaml"]\n')
    assert "province.business-environment" in cli(capsys, "rules")[1]
    assert "province.business-environment" not in cli(capsys, "rules", "--isolated")[1]


# ---------------------------------------------------------------- invalid files

@pytest.mark.parametrize("text,words", [
    ('fail-on = "sometimes"\n', "fzcheck.toml: fail-on: 'sometimes' 不是可用的值（可用：fail、warn、never）"),
    ('fail-severity = "high"\n', "fzcheck.toml: fail-severity: 'high' 不是可用的值（可用：error、warning、info）"),
    ('kind = "county"\n', "fzcheck.toml: kind: 'county' 不是可用的值（可用：government、department、party）"),
    ('selct = ["core"]\n', "fzcheck.toml: selct: 未知的设置，是否想写 'select'？（可用：extend、default-rules、packs、select"),
    ('select = "core"\n', "fzcheck.toml: select: 应为字符串列表，如 [\"core\", \"format.title\"]，而不是 'core'"),
    ('select = ["core.nope"]\n', "fzcheck.toml: select: 没有规则 'core.nope'"),
    ('ignore = ["format.titel"]\n', "fzcheck.toml: ignore: 没有规则 'format.titel'，是否想写 'format.title'？"),
    ('default-rules = "no"\n', "fzcheck.toml: default-rules: 应为 true 或 false，而不是 'no'"),
    ('packs = ["missing/"]\n', "规则文件不存在"),
    ('extend = "nowhere.toml"\n', "fzcheck.toml: extend: 没有这个配置文件：nowhere.toml"),
    ('extend = "fzcheck.toml"\n', "fzcheck.toml: extend: 循环引用"),
    ('[output]\nformat = "xml"\n', "--format: 没有“xml”这种格式"),
    ('[output]\ncolour = "always"\n', "fzcheck.toml: output.colour: 未知的设置，是否想写 'color'？（可用：format、show-pass、quiet、color）"),
    ('[output]\ncolor = "yes"\n', "fzcheck.toml: output.color: 'yes' 不是可用的值（可用：auto、always、never）"),
    ('[per-file-overrides."a/*"]\nfail-on = "warn"\n', 'fzcheck.toml: per-file-overrides."a/*".fail-on: 未知的设置（可用：select、ignore、kind）'),
    ('[per-file-overrides."*.txt"]\nignore = ["core.nope"]\n', 'fzcheck.toml: per-file-overrides."*.txt".ignore: 没有规则 \'core.nope\''),
    ('output = "concise"\n', "fzcheck.toml: output: 应为一个表（[output]），而不是 'concise'"),
    ('select = [\n', "fzcheck.toml: 不是有效的 TOML（"),
])
def test_invalid_configuration_is_one_line_naming_file_and_key(capsys, repo, text, words):
    write(repo / "fzcheck.toml", text)
    code, out, err = cli(capsys, "check", "reports/003.txt")
    assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert words in err, err


def test_invalid_pyproject_table_names_the_file(capsys, repo):
    write(repo / "pyproject.toml", '[tool.fzcheck]\nfail-on = 3\n')
    code, _, err = cli(capsys, "check", "reports/003.txt")
    assert code == 2 and "pyproject.toml: fail-on: 3 不是可用的值（可用：fail、warn、never）" in err


def test_invalid_inline_config_and_missing_config_file(capsys, repo):
    code, _, err = cli(capsys, "check", "reports/003.txt", "--config", "fail-on = warn")
    assert code == 2 and "--config: 'fail-on = warn' 既不是配置文件，也不是 KEY = VALUE 形式的 TOML" in err
    code, _, err = cli(capsys, "check", "reports/003.txt", "--config", "nope.toml")
    assert code == 2 and "--config: 没有这个配置文件：nope.toml" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "check", "reports/003.txt", "--config", 'fail-on = "maybe"')
    assert code == 2 and "--config: fail-on: 'maybe' 不是可用的值" in err
