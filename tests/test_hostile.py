"""Every hostile input ends in under 10 s of CPU and under 500 MB peak, with a one-line error or a
normal result, never a traceback, and leaves the inputs as they were (issue 13). Each case runs
as a real fzcheck process, started by a small launcher that measures its time and peak memory."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from hostile import cases

MAX_SECONDS = 10.0
MAX_MB = 500


def _digest(paths):
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.is_file()}


# The case runs under a small launcher process, which reports its child's CPU time and peak
# memory (RUSAGE_CHILDREN). Measured from this test process directly, the peak would be wrong: a
# child started by fork (or vfork) and exec inherits its parent's high-water mark of memory, and
# this pytest process may well hold 600 MB by the time these tests run.
_LAUNCHER = """
import base64, json, os, resource, subprocess, sys
args, stdin, timeout = json.loads(sys.argv[1])
env = {**os.environ, "PYTHONWARNINGS": "default"}  # warnings would show if fzcheck let them through
try:
    p = subprocess.run([sys.executable, "-m", "checker", *args], input=base64.b64decode(stdin) if stdin else None,
                       stdin=None if stdin else subprocess.DEVNULL, capture_output=True, env=env, timeout=timeout)
    code, out, err = p.returncode, p.stdout, p.stderr
except subprocess.TimeoutExpired as exc:  # killed: a hang
    code, out, err = -9, exc.stdout or b"", exc.stderr or b""
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "out": base64.b64encode(out).decode(), "err": err.decode("utf-8", "replace"),
                  "cpu": u.ru_utime + u.ru_stime, "mb": u.ru_maxrss / 1024}))
"""


def run(args, stdin=None, timeout=60.0):
    """(exit code, stdout, stderr, CPU seconds, peak MB) of `fzcheck ARGS` as a child process: the
    CPU time of the process and its children (what the input costs, whatever else the machine is
    doing; the timeout only bounds a hang), and the peak of the largest of them."""
    import base64

    spec = json.dumps([[str(a) for a in args], base64.b64encode(stdin).decode() if stdin else None, timeout])
    proc = subprocess.run([sys.executable, "-c", _LAUNCHER, spec], capture_output=True, timeout=timeout + 30,
                          cwd=os.getcwd())
    got = json.loads(proc.stdout)
    return got["code"], base64.b64decode(got["out"]), got["err"], got["cpu"], got["mb"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    return {c.name: c for c in cases(d)}




def _names():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as d:
        return [c.name for c in cases(Path(d))]


@pytest.mark.parametrize("name", _names())
def test_hostile_input(name, hostile):
    case = hostile[name]
    before = _digest(case.inputs)
    code, out, err, secs, mb = run(case.args, case.stdin)
    assert code in case.expect_codes, (code, err)
    assert secs < MAX_SECONDS, secs
    assert mb < MAX_MB, mb
    assert "Traceback" not in err and "internal error" not in err and "内部错误" not in err, err
    lines = [x for x in err.splitlines() if x]
    assert all(x.startswith("fzcheck: error: ") for x in lines), err  # nothing but fzcheck's own lines
    if code & 2:
        assert lines, "an unreadable input says why"
    if case.expect_in_err:
        assert case.expect_in_err in err, err
    assert _digest(case.inputs) == before  # nothing the user gave is modified
    if "--format" in case.args and case.args[case.args.index("--format") + 1] in ("json", "jsonl") and out:
        text = out.decode("utf-8")  # valid UTF-8, and valid JSON
        if case.args[case.args.index("--format") + 1] == "json":
            json.loads(text)
        else:
            [json.loads(x) for x in text.splitlines()]
    if "markdown" in case.args:
        assert b"<script>" not in out and b"<img" not in out
