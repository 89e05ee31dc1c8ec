"""The pre-commit hook points at a real console script and picks the report files."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from conftest import ROOT, SEEDS


def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in hooks] == ["fzcheck"]
    return hooks[0]


def test_hook_entry_is_the_console_script():
    h = hook()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    command, *args = h["entry"].split()
    assert h["language"] == "python" and scripts[command] == "checker.cli:main"
    assert args[0] == "check"
    exe = Path(sys.executable).parent / command  # installed by pip into the same environment
    proc = subprocess.run([str(exe), *args, str(SEEDS["000"])], capture_output=True, text=True)
    assert proc.returncode == 0 and "core.leader-duties" in proc.stdout  # 000 has no fail: the commit goes on
    proc = subprocess.run([str(exe), *args, str(SEEDS["001"]), str(SEEDS["000"])], capture_output=True, text=True)
    assert proc.returncode == 1 and "汇总" in proc.stdout  # 001 has fails: the commit is stopped


def test_hook_picks_report_files_only():
    pattern = re.compile(hook()["files"])
    for name in ("reports/2024/县司法局.txt", "a.md", "b.docx", "c.pdf", "d.html", "e.htm"):
        assert pattern.search(name), name
    for name in ("setup.py", "report.txt.bak", "data.json", "x.doc"):
        assert not pattern.search(name), name
