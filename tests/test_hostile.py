"""Every hostile input ends in under 10 s of CPU and under 500 MB peak, with a one-line error or a
normal result, never a traceback, and leaves the inputs as they were (issue 13). Each case runs
as a real fzcheck process, started by a small launcher that measures its time and peak memory."""

from __future__ import annotations

import hashlib
import json

import pytest

from hostile import cases, measure

MAX_SECONDS = 10.0
MAX_MB = 500


def _digest(paths):
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.is_file()}


def run(args, stdin=None, timeout=60.0):
    """(exit code, stdout, stderr, CPU seconds, peak MB) of `fzcheck ARGS` (hostile.measure)."""
    got = measure(args, stdin, timeout)
    return got["code"], got["out"], got["err"], got["cpu"], got["mb"]


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
