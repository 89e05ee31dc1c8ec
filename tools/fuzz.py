"""make fuzz: thousands of generated inputs through the real command line.

The inputs are the fixtures in every format (fixtures/*.txt, fixtures/formats/), each copy
mutated in its own way — bytes flipped, cut short, chunks repeated or moved, junk inserted, the
ZIP members of a .docx rewritten with mutated XML, PDF objects and streams damaged, markup of a
web page broken — plus random bytes and empty files. All of them go into one folder, which
`fzcheck check FOLDER --format jsonl` checks (worker processes, each report under its limits);
then the figures are counted:

- tracebacks and internal errors (stderr, and "内部错误" in the JSON Lines): must be 0;
- hangs (a report ended by the time limit): must be 0;
- inputs modified (SHA-256 before and after): must be 0;
- and, for the record, how many were read, refused (with what reasons) and skipped.

Usage: python tools/fuzz.py [N] [--seed S] [--jobs J]   (make fuzz: N = 10,000)
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import io
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seeds() -> list[Path]:
    out = sorted((ROOT / "fixtures").glob("*.txt"))
    for sub in ("docx", "pdf", "pdf-libreoffice", "html"):
        out += sorted((ROOT / "fixtures" / "formats" / sub).glob("*.*"))
    out += sorted((ROOT / "fixtures" / "layouts").glob("*/*.txt"))
    return out


def _flip(data: bytearray, rnd: random.Random) -> None:
    for _ in range(rnd.randint(1, 20)):
        if data:
            data[rnd.randrange(len(data))] = rnd.randrange(256)


def _mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    """One of a handful of ways a file gets damaged."""
    b = bytearray(data)
    kind = rnd.randrange(7)
    if kind == 0:
        _flip(b, rnd)
    elif kind == 1 and b:  # cut short
        del b[rnd.randrange(len(b)):]
    elif kind == 2 and b:  # a chunk repeated
        a = rnd.randrange(len(b))
        chunk = b[a:a + rnd.randint(1, 4096)]
        b[a:a] = chunk * rnd.randint(1, 50)
    elif kind == 3 and b:  # junk inserted
        a = rnd.randrange(len(b))
        b[a:a] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 200)))
    elif kind == 4 and len(b) > 2:  # a chunk moved
        a, c = sorted(rnd.sample(range(len(b)), 2))
        chunk = b[a:c]
        del b[a:c]
        at = rnd.randrange(len(b) + 1)
        b[at:at] = chunk
    elif kind == 5:  # control characters and odd code points in text
        for _ in range(rnd.randint(1, 30)):
            at = rnd.randrange(len(b) + 1)
            b[at:at] = rnd.choice([b"\x00", b"\x01", b"\x1b[31m", b"\xef\xbf\xbf", b"\xed\xa0\x80", b"\r", b"\xff\xfe",
                                   "\u202e".encode(), "??".encode(), b"<script>", b"%PDF-1.7"])
    else:  # nothing but a flip or two: nearly intact
        _flip(b, rnd) if rnd.random() < 0.5 else None
    return bytes(b)


def _mutate_zip(data: bytes, rnd: random.Random) -> bytes:
    """A .docx whose XML parts are mutated but whose ZIP is whole (so the reader gets that far)."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        items = [(i.filename, src.read(i)) for i in src.infolist()]
    except Exception:
        return _mutate_bytes(data, rnd)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in items:
            if name.endswith(".xml") and rnd.random() < 0.5:
                blob = _mutate_bytes(blob, rnd)
            if rnd.random() < 0.03:
                continue  # a part missing
            z.writestr(name, blob)
    return out.getvalue()


def generate(folder: Path, n: int, seed: int = 0) -> list[Path]:
    rnd = random.Random(seed)
    base = seeds()
    blobs = {p: p.read_bytes() for p in base}
    made = []
    for i in range(n):
        r = rnd.random()
        if r < 0.03:
            data, suffix = bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 5000))), rnd.choice([".txt", ".pdf", ".docx", ".html"])
        elif r < 0.04:
            data, suffix = b"", rnd.choice([".txt", ".md", ".docx"])
        else:
            src = rnd.choice(base)
            data, suffix = blobs[src], src.suffix
            if src.suffix == ".docx" and rnd.random() < 0.6:
                data = _mutate_zip(data, rnd)
            else:
                data = _mutate_bytes(data, rnd)
            if rnd.random() < 0.05:  # a format under another's name
                suffix = rnd.choice([".txt", ".pdf", ".docx", ".html", ".doc"])
        p = folder / f"{i:05d}{suffix}"
        p.write_bytes(data)
        made.append(p)
    return made


def run(n: int, seed: int = 0, jobs: int | None = None, quiet: bool = False) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="fzcheck-fuzz-") as d:
        folder = Path(d) / "in"
        folder.mkdir()
        files = generate(folder, n, seed)
        before = {p: hashlib.sha256(p.read_bytes()).digest() for p in files}
        cmd = [sys.executable, "-m", "checker", "check", str(folder), "--format", "jsonl", "--no-progress"]
        if jobs:
            cmd += ["--jobs", str(jobs)]
        t = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        secs = time.monotonic() - t
        lines = [json.loads(x) for x in proc.stdout.split("\n") if x.strip()]
        modified = sum(1 for p, h in before.items() if hashlib.sha256(p.read_bytes()).digest() != h)
    reasons: collections.Counter[str] = collections.Counter()
    internal = hangs = read = refused = skipped = 0
    internal_msgs: list[str] = []
    for row in lines:
        if "results" in row:
            read += 1
        elif "skipped" in row:
            skipped += 1
        else:
            refused += 1
            msg = row["error"]
            if "内部错误" in msg or "internal error" in msg:
                internal += 1
                internal_msgs.append(msg)
            if "时间限制" in msg:
                hangs += 1
            why = msg.split(": ", 1)[-1]
            reasons[why.split("（")[0].split(":")[0][:40]] += 1
    tracebacks = proc.stderr.count("Traceback")
    stderr_lines = [x for x in proc.stderr.splitlines() if x]
    foreign = [x for x in stderr_lines if not x.startswith("fzcheck: error: ")]
    result = {
        "inputs": n, "seconds": round(secs, 1), "exit_code": proc.returncode, "lines": len(lines),
        "read": read, "refused": refused, "skipped": skipped, "tracebacks": tracebacks,
        "internal_errors": internal, "hangs": hangs, "modified": modified,
        "stderr_lines_not_ours": len(foreign), "reasons": reasons.most_common(12),
    }
    if not quiet:
        print(f"fuzz: {n} generated inputs (seed {seed}) through `fzcheck check FOLDER`: {secs:.1f} s, exit {proc.returncode}")
        print(f"  read {read}, refused in one line {refused}, skipped {skipped}; every input accounted for: {len(lines) == n}")
        print(f"  tracebacks {tracebacks}, internal errors {internal}, hangs (time limit) {hangs}, inputs modified {modified}, "
              f"stderr lines that are not fzcheck's own {len(foreign)}")
        for why, k in result["reasons"]:
            print(f"    {k:6d}  {why}")
        for msg in internal_msgs[:10]:
            print(f"  internal error: {msg}")
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int)
    args = ap.parse_args()
    res = run(args.n, args.seed, args.jobs)
    bad = res["tracebacks"] or res["internal_errors"] or res["hangs"] or res["modified"] or res["stderr_lines_not_ours"] \
        or res["lines"] != args.n
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
