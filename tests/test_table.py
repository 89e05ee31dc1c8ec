"""The terminal table: fits the width (COLUMNS, a real terminal's size; measured with wcwidth),
findings first, pass rows on one line without "nothing found", -v / --show-pass bring evidence
back, a list of what to fix at the end, --quiet, colour on a terminal only (NO_COLOR,
FORCE_COLOR, --color), `fzcheck rules` fitted too, the tmux captures in docs/, and stdin."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from wcwidth import wcswidth

from conftest import FIXTURES, ROOT, SEEDS, SEED_ARGS, cli

FZCHECK = str(Path(sys.executable).parent / "fzcheck")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STATUS = re.compile(r"^(不通过|警告|通过|不适用)\s{2,}")


def widest(text: str) -> int:
    return max((wcswidth(ANSI.sub("", line)) for line in text.splitlines()), default=0)


@pytest.fixture(autouse=True)
def plain_env(monkeypatch):
    for name in ("COLUMNS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


ALL = SEED_ARGS + sorted(str(p) for p in (FIXTURES / "formats" / "docx").glob("*.docx")) \
    + sorted(str(p) for p in (FIXTURES / "layouts").glob("*/*.txt"))


@pytest.mark.parametrize("cols", [40, 60, 80, 100, 120, 160])
def test_no_line_is_wider_than_the_terminal(capsys, monkeypatch, cols):
    monkeypatch.setenv("COLUMNS", str(cols))
    for args in (ALL, ALL + ["-vv"], SEED_ARGS + ["--summary-only"]):
        code, out, err = cli(capsys, "check", *args, "--isolated", "--no-progress")
        assert out and widest(out) <= cols, (cols, args[-1])
    out = cli(capsys, "rules")[1]
    assert widest(out) <= cols and "core.shortcoming-causes" in out
    if cols >= 80:
        assert any(wcswidth(line) > cols - 8 for line in out.splitlines())  # it uses the width it has


def _rows(out: str) -> list[tuple[str, str]]:
    """(status, rule id) of each row of one report's table."""
    rows = []
    for line in out.splitlines():
        m = STATUS.match(line)
        if m:
            rows.append((m[1], line[m.end():].split()[0]))
    return rows


def test_findings_come_first_then_passes_on_one_line(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = cli(capsys, "check", SEEDS["002"], "--isolated")
    rows = _rows(out)
    statuses = [s for s, _ in rows]
    assert statuses == sorted(statuses, key=["不通过", "警告", "通过", "不适用"].index)
    assert statuses.count("不通过") == 2 and statuses.count("警告") == 9 and statuses.count("通过") == 18
    # within the fails and the warns, 必须 (error) rules before 应当 (warning) before 建议 (info)
    warns = [rid for s, rid in rows if s == "警告"]
    assert warns[:4] == ["core.achievements", "core.leader-duties", "core.next-year-plan", "content.three-systems"]
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if STATUS.match(line) and STATUS.match(line)[1] in ("通过", "不适用"):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            assert STATUS.match(nxt) or nxt == "", nxt  # one line each, no evidence below
    assert "未找到" not in "\n".join(l for l in lines if STATUS.match(l) and STATUS.match(l)[1] == "通过")
    # each piece of evidence in two lines at most, three pieces at most: 003 (1 fail, 5 warns, 25
    # other rows) in under 100 lines at 80 columns, where the old grid table wrapped to 289
    assert all(len(block.splitlines()) <= 2 + 2 + 3 + 3 * 2 + 1 for block in out.split("\n\n") if block.startswith(("不通过", "警告")))
    assert len(cli(capsys, "check", SEEDS["003"], "--isolated")[1].splitlines()) < 100


def test_show_pass_and_verbosity_bring_the_evidence_back(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    plain = cli(capsys, "check", SEEDS["003"], "--isolated")[1]
    v = cli(capsys, "check", SEEDS["003"], "--isolated", "-v")[1]
    assert v == cli(capsys, "check", SEEDS["003"], "--isolated", "--show-pass")[1]
    vv = cli(capsys, "check", SEEDS["003"], "--isolated", "-vv")[1]
    quote = "第31行 三、上一年度党政主要负责人"
    assert quote not in plain and quote in v and quote in vv
    assert "未找到顺序颠倒的部分" not in plain and "未找到顺序颠倒的部分" not in v and "未找到顺序颠倒的部分" in vv
    assert len(plain.splitlines()) < len(v.splitlines()) < len(vv.splitlines())


def test_the_table_ends_with_what_to_fix(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = cli(capsys, "check", SEEDS["003"], "--isolated")[1]
    tail = out[out.index("要改的（6 项）："):].splitlines()[1:]
    assert tail[0] == " 1. 不通过 format.signature：在文末右下方写发文机关全称，下一行写成文日期（如 2…"
    assert [re.match(r"^ ?\d+\. (不通过|警告) ([a-z.-]+)：", t)[2] for t in tail] == [
        "format.signature", "format.title", "content.three-systems", "content.major-decisions",
        "content.legality-review", "content.disputes"]
    assert "通过 22 · 警告 5 · 不通过 1 · 不适用 8" in out  # 4 + the four compare.* rules
    # a report with nothing to fix has no such list
    assert "要改的" not in cli(capsys, "check", SEEDS["003"], "--isolated", "--select", "core")[1]


def test_quiet_prints_the_findings_only(capsys):
    code, out, err = cli(capsys, "check", *SEED_ARGS, "--isolated", "--quiet")
    assert code == 1 and err == ""
    statuses = {m[1] for m in map(STATUS.match, out.splitlines()) if m}
    assert statuses == {"不通过", "警告"}
    assert "汇总" not in out and "要改的" not in out and "标题：" not in out
    assert cli(capsys, "check", SEEDS["003"], "--isolated", "-q", "--select", "core")[1] == ""


# ---------------------------------------------------------------- a real terminal

def _in_terminal(args, cols=70, env=None, stdin=None):
    """Run fzcheck with its standard output on a pseudo-terminal of `cols` columns."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    e = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "TERM")}
    e["TERM"] = "xterm"
    e.update(env or {})
    proc = subprocess.Popen([FZCHECK, *args], stdout=slave, stderr=subprocess.PIPE, stdin=stdin, env=e)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(30)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_colour_on_a_terminal_and_its_width(tmp_path):
    code, out = _in_terminal(["check", str(SEEDS["003"]), "--isolated"], cols=70)
    assert code == 1 and "\x1b[1;31m不通过" in out and "\x1b[33m警告" in out
    assert widest(out) <= 70 and widest(out) > 60  # the terminal's own width, no COLUMNS
    code, out = _in_terminal(["check", str(SEEDS["003"]), "--isolated"], env={"NO_COLOR": "1"})
    assert "\x1b[" not in out
    code, out = _in_terminal(["check", str(SEEDS["003"]), "--isolated", "--format", "concise"], env={"TERM": "dumb"})
    assert "\x1b[" not in out and out.count(": format.signature 不通过 ") == 1
    code, out = _in_terminal(["check", str(SEEDS["003"]), "--isolated", "--color", "never"])
    assert "\x1b[" not in out


def test_no_colour_in_a_pipe_unless_forced(tmp_path):
    def piped(*args, **env):
        e = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        e.update(env)
        return subprocess.run([FZCHECK, "check", str(SEEDS["003"]), "--isolated", *args], capture_output=True,
                              text=True, env=e).stdout
    assert "\x1b[" not in piped()
    assert "\x1b[1;31m不通过" in piped(FORCE_COLOR="1")
    assert "\x1b[" not in piped(FORCE_COLOR="1", NO_COLOR="1")  # NO_COLOR wins, as in CPython
    assert "\x1b[1;31m不通过" in piped("--color", "always", NO_COLOR="1")  # the option over both
    # a file never gets colour, even when forced
    out = tmp_path / "t.txt"
    piped("--format", f"table={out}", FORCE_COLOR="1")
    assert "\x1b[" not in out.read_text("utf-8")


# ---------------------------------------------------------------- the captures in docs/

@pytest.mark.parametrize("cols", [80, 120])
def test_tmux_captures_fit_their_width(cols):
    text = (ROOT / "docs" / f"terminal-{cols}.txt").read_text("utf-8")
    body = text.split("\n", 2)[2]  # a comment line and the command line come first
    assert widest(body) <= cols and widest(body) > cols - 10
    rows = _rows(body)
    statuses = [s for s, _ in rows]
    assert statuses and statuses == sorted(statuses, key=["不通过", "警告", "通过", "不适用"].index)
    assert "要改的（" in body and "\x1b[" not in body


# ---------------------------------------------------------------- standard input

def test_stdin_is_read_as_bytes_and_named_stdin(tmp_path):
    data = SEEDS["003"].read_bytes()
    proc = subprocess.run([FZCHECK, "check", "-", "--isolated", "--format", "concise"], input=data, capture_output=True)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1 and "<stdin>:49: format.signature 不通过 文末没有发文机关署名和成文日期" in out
    # a .docx through a pipe is read by its content, like a file
    docx = (FIXTURES / "formats" / "docx" / "003_64caf8860024a4f7.docx").read_bytes()
    proc = subprocess.run([FZCHECK, "check", "-", "--isolated", "--format", "concise", "--stdin-filename", "县局.docx"],
                          input=docx, capture_output=True)
    assert proc.returncode == 1 and "县局.docx:" in proc.stdout.decode("utf-8")
    # --stdin-filename also finds the configuration of that place
    (tmp_path / "fzcheck.toml").write_text('select = ["core"]\n', "utf-8")
    proc = subprocess.run([FZCHECK, "check", "-", "--format", "concise", "--stdin-filename", str(tmp_path / "r.txt")],
                          input=data, capture_output=True)
    assert proc.returncode == 0 and proc.stdout.decode("utf-8").endswith("共 1 份报告：不通过 0 项，警告 0 项\n")


def test_bad_stdin_is_one_line(capsys):
    proc = subprocess.run([FZCHECK, "check", "-", "--isolated"], input=b"", capture_output=True)
    assert proc.returncode == 2 and proc.stderr.decode("utf-8") == "fzcheck: error: <stdin>: 文件是空的\n"
    code, _, err = cli(capsys, "check", "-", str(SEEDS["003"]))
    assert code == 2 and "-（从标准输入读报告）不能与其他路径同时给出" in err
