"""The time and memory limits on the check of one report (checker/limits.py, checker/batch.py):
past a limit, that report gets a one-line Chinese error naming the limit, exit 2, and the other
reports of the run go on."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from hostile import report_text

from conftest import cli


def slow_report(tmp_path, name="slow.txt"):
    p = tmp_path / name
    levels = ["一、", "（一）", "1.", "（1）", "一是"]
    p.write_text("某局2024年法治政府建设年度报告\n" + "\n".join(f"{levels[i % 5]}第{i}项工作" for i in range(100_000)),
                 encoding="utf-8")
    return p


def test_a_report_past_the_time_limit(capsys, tmp_path):
    code, out, err = cli(capsys, "check", slow_report(tmp_path), "--time-limit", "0.05")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "超过了 0.05 秒的时间限制（可用 --time-limit 调整）" in err


def test_in_a_folder_the_others_go_on(capsys, tmp_path):
    slow_report(tmp_path, "b-slow.txt")
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_text(report_text(), encoding="utf-8")
    code, out, err = cli(capsys, "check", tmp_path, "--time-limit", "0.5", "--format", "json", "--jobs", "2")
    data = json.loads(out)
    assert [r["path"].rsplit("/", 1)[-1] for r in data["reports"]] == ["a.txt", "c.txt"]
    assert len(data["errors"]) == 1 and "时间限制" in data["errors"][0]["message"]
    assert code & 2 and err.count("\n") == 1


def test_the_report_a_killed_worker_held_next_is_checked_again(capsys, tmp_path):
    """--jobs 1: the one worker holds the stuck report and the next one; it is killed at the
    deadline, and the next one (and all after) are checked by its replacement."""
    slow_report(tmp_path, "b-slow.txt")
    for name in ("a.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text(report_text(), encoding="utf-8")
    code, out, err = cli(capsys, "check", tmp_path, "--time-limit", "0.5", "--format", "json", "--jobs", "1")
    data = json.loads(out)
    assert [r["path"].rsplit("/", 1)[-1] for r in data["reports"]] == ["a.txt", "c.txt", "d.txt"]
    assert [e["path"].rsplit("/", 1)[-1] for e in data["errors"]] == ["b-slow.txt"]
    assert "时间限制" in data["errors"][0]["message"] and code & 2


def test_a_report_past_the_memory_limit(tmp_path):
    """A 40 MB text under a 48 MB memory limit: a one-line error, not a crash."""
    big = tmp_path / "big.txt"
    big.write_text("某局2024年法治政府建设年度报告\n" + ("2024年，我局坚持依法行政，开展法治培训。\n" * 600_000), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "checker", "check", str(big), "--memory-limit", "120"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "内存限制" in out.stderr, out.stderr


def test_a_check_stuck_in_c_is_ended_at_its_deadline(monkeypatch):
    """A C call that holds the interpreter (no timer, no Python thread can run meanwhile): the
    check runs in a forked copy of the process, which the parent ends at the deadline."""
    from checker import batch
    from checker.limits import Limits

    def stuck(path, hard_exit=True):
        sum(range(10 ** 13))  # holds the GIL for hours

    monkeypatch.setattr(batch, "check_one", stuck)
    monkeypatch.setattr(batch, "GRACE", 0.3)
    batch._init(None, (), (), Limits(seconds=0.2))
    t = time.monotonic()
    path, report, error = batch.check_forked("stuck.txt")
    assert time.monotonic() - t < 5 and report is None
    assert error == "stuck.txt: 检查超过了 0.2 秒的时间限制（可用 --time-limit 调整），已停止"


def test_the_watchdog_ends_a_stuck_process_that_cannot_fork():
    """Without fork, a check stuck in a C call that the timer does not break off (here the timer's
    signal is ignored, and the call sleeps): the watchdog ends the process with the one line,
    exit 2."""
    code = ("import signal, time; from checker.limits import Limits, guard\n"
            "with guard(Limits(seconds=0.2), 'stuck.txt'):\n"
            "    signal.signal(signal.SIGALRM, signal.SIG_IGN); time.sleep(60)\n")
    t = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                         env={"FZCHECK_WATCHDOG_GRACE": "0.5", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2 and time.monotonic() - t < 10
    assert out.stderr == "fzcheck: error: stuck.txt: 检查超过了 0.2 秒的时间限制（可用 --time-limit 调整），已停止\n"


def test_limits_from_the_environment(monkeypatch):
    from checker.limits import Limits

    monkeypatch.setenv("FZCHECK_TIME_LIMIT", "7")
    monkeypatch.setenv("FZCHECK_MEMORY_LIMIT", "300")
    assert Limits.from_env() == Limits(seconds=7.0, memory_mb=300, file_mb=50)
    assert Limits.from_env(seconds=3) .seconds == 3


def test_a_file_past_the_size_limit(capsys, tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(report_text() * 200, encoding="utf-8")
    code, _, err = cli(capsys, "check", p, "--file-limit", "0.01")
    assert code == 2 and "文件太大" in err and "上限 0.01 MB" in err and err.count("\n") == 1


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped alarm, on purpose
def test_an_alarm_lost_in_a_gc_callback_is_rung_again():
    """An exception raised while a garbage-collector callback runs is printed and dropped (as in
    a __del__): the first alarm landing there would be lost. The timer rings again until the
    check ends (Hypothesis installs such a callback, and forked workers inherited it)."""
    import gc

    from checker.limits import REPEAT, Limits, LimitExceeded, guard

    calls = []

    def slow_callback(phase, info):
        if phase == "start" and not calls:
            calls.append(time.monotonic())
            end = time.monotonic() + 0.3  # the alarm (0.05 s) rings in here and is dropped
            while time.monotonic() < end:
                pass

    gc.callbacks.append(slow_callback)
    try:
        t = time.monotonic()
        with pytest.raises(LimitExceeded, match="时间限制"):
            with guard(Limits(seconds=0.05), "x", hard_exit=False):
                gc.collect()
                while time.monotonic() - t < 5:
                    pass
        assert calls and time.monotonic() - t < 0.3 + 2 * REPEAT + 0.5
    finally:
        gc.callbacks.remove(slow_callback)
