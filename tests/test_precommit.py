"""The pre-commit hook: a real console script, concise output, a `files` pattern that picks
reports and leaves README and the like alone, and a real `pre-commit try-repo` run in a scratch
git repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEEDS

BIN = Path(sys.executable).parent


def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == ["fzcheck"]
    return hooks[0]


def test_hook_entry_is_the_console_script_with_concise_output():
    h = hook()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    command, *args = h["entry"].split()
    assert h["language"] == "python" and scripts[command] == "checker.cli:main"
    assert args[0] == "check" and "--format" in args and args[args.index("--format") + 1] == "concise"
    exe = BIN / command  # installed by pip into the same environment
    proc = subprocess.run([str(exe), *args, str(SEEDS["000"])], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.splitlines()[-1] == "共 1 份报告：不通过 0 项，警告 9 项"  # warns only: the commit goes on
    proc = subprocess.run([str(exe), *args, str(SEEDS["001"]), str(SEEDS["000"])], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 2 + 5 + 9 + 1  # 001 has fails: the commit is stopped


REPORTS = ["reports/2024/县司法局.txt", "报告/2024.docx", "docs/某某局2024年法治政府建设年度报告.pdf",
           "2024年度法治政府建设工作报告.doc", "a/年度报告/x.html", "关于2023年度依法行政工作情况的报告.docx",
           "xx区2024年法治建设情况报告.wps", "report/a.md", "法治政府建设/2023/局.htm", "reports/b.rtf", "reports/c.odt"]
OTHERS = ["README.md", "reports/README.md", "reports/readme.txt", "docs/ci.md", "setup.py", "notes.txt", "CHANGELOG.md",
          "reports/data.json", "reports/x.txt.bak", "报告模板说明.md", "2024年政府信息公开工作年度报告.docx",
          "政府工作报告.docx", "myreports/a.txt", "reports/LICENSE", "reports/a.xlsx"]


def _selected(name: str) -> bool:
    h = hook()
    return bool(re.search(h["files"], name)) and not re.search(h["exclude"], name)


@pytest.mark.parametrize("name", REPORTS)
def test_hook_picks_reports(name):
    assert _selected(name)


@pytest.mark.parametrize("name", OTHERS)
def test_hook_leaves_other_files_alone(name):
    assert not _selected(name)


def _try_repo(scratch: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("COLUMNS", None)
    return subprocess.run([str(BIN / "pre-commit"), "try-repo", str(ROOT), "fzcheck", *args], cwd=scratch,
                          capture_output=True, text=True, env=env, timeout=900)


def test_pre_commit_try_repo_checks_a_report_and_ignores_a_readme(tmp_path):
    """The hook as a user installs it: pre-commit clones this repository, builds the hook's
    environment with pip (try-repo does so afresh each time: ~20-60 s) and runs it on what is
    staged in a scratch repository: a report, a README and a README inside reports/."""
    if os.environ.get("FZCHECK_SKIP_SLOW"):
        pytest.skip("FZCHECK_SKIP_SLOW is set (this test builds pre-commit's environment with pip)")
    if not (BIN / "pre-commit").exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    scratch = tmp_path / "reports-repo"
    (scratch / "reports").mkdir(parents=True)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(git + ["init", "-q"], cwd=scratch, check=True)
    (scratch / "README.md").write_text("# 本库存放各单位的法治政府建设年度报告\n\n说明文字，不是报告。\n", "utf-8")
    (scratch / "reports" / "README.md").write_text("# 报告目录\n", "utf-8")
    shutil.copy(SEEDS["003"], scratch / "reports" / "市交通运输局2024年法治政府建设年度报告.txt")
    subprocess.run(git + ["add", "-A"], cwd=scratch, check=True)
    proc = _try_repo(scratch, tmp_path / "pre-commit-home")
    if proc.returncode not in (0, 1) or "An unexpected error" in proc.stdout + proc.stderr:
        pytest.skip(f"pre-commit could not build the hook's environment here: {(proc.stdout + proc.stderr).strip().splitlines()[-1:]}")
    # the report has a 不通过: the commit is stopped, one line per finding, the READMEs unchecked
    assert proc.returncode == 1 and re.search(r"fzcheck \(法治政府建设年度报告\)\.+Failed", proc.stdout), proc.stdout + proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("reports/")]
    assert len(lines) == 6 and "reports/市交通运输局2024年法治政府建设年度报告.txt:49: format.signature 不通过 文末没有发文机关署名和成文日期" in lines
    assert "共 1 份报告：不通过 1 项，警告 5 项" in proc.stdout and "README" not in proc.stdout


def test_ci_docs_pin_a_rev_that_exists_or_say_to_choose_one():
    """docs/ci.md once said `rev: v0.1.0`, a tag that never existed: every rev it shows is now a
    placeholder the text explains, or a tag of this repository."""
    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert blocks
    for block in blocks:
        yaml.safe_load(block)  # each example is valid YAML
    revs = re.findall(r"^\s*rev:\s*(\S.*?)\s*(?:#.*)?$", text, re.M)
    assert revs
    tags = set(subprocess.run(["git", "tag", "-l"], cwd=ROOT, capture_output=True, text=True).stdout.split())
    for rev in revs:
        assert rev == "<tag or commit>" or rev in tags, rev
    assert "git ls-remote --tags" in text and "make release-tag" in text
