"""make bench: the speed figures quoted in the README.

1. warm: checking one report in a process that has already loaded the rules (median of runs);
2. cold: `fzcheck check FILE` as a whole new process (median of runs);
3. throughput: reports per second over a folder of 200 reports (the fixtures, copied);
4. segmentation: characters per second of the pkuseg model (and the one-off model load time).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.api import check_path  # noqa: E402
from checker.evaluate import load_rules  # noqa: E402
from checker.pipeline import load_path  # noqa: E402

FIXTURES = sorted((ROOT / "fixtures").glob("*.txt"))
FZCHECK = str(Path(sys.executable).parent / "fzcheck")


def warm() -> float:
    rules = load_rules()
    for f in FIXTURES:
        check_path(str(f), rules)
    times = []
    for _ in range(20):
        for f in FIXTURES:
            t = time.perf_counter()
            check_path(str(f), rules)
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def cold() -> float:
    times = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([FZCHECK, "check", str(FIXTURES[0]), "--fail-on", "never"], stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def throughput(n: int = 200) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            src = FIXTURES[i % len(FIXTURES)]
            shutil.copy(src, Path(tmp) / f"{i:04d}_{src.name}")
        t = time.perf_counter()
        subprocess.run([FZCHECK, "check", tmp, "--format", "json", "--fail-on", "never"],
                       stdout=subprocess.DEVNULL, check=True)
        return n / (time.perf_counter() - t)


def segmentation() -> tuple[float, float]:
    from checker.segment import words

    t = time.perf_counter()
    words.nlp()
    load = time.perf_counter() - t
    docs = [load_path(str(f)) for f in FIXTURES]
    chars = sum(len(d.text) for d in docs)
    t = time.perf_counter()
    for d in docs:
        d.doc  # noqa: B018 - builds the spaCy Doc
    return chars / (time.perf_counter() - t), load


def main() -> None:
    w = warm()
    c = cold()
    rps = throughput()
    print(f"warm check, one report in process (median) : {w * 1000:7.1f} ms   (target <= 50 ms)")
    print(f"cold `fzcheck check FILE` process (median)  : {c:7.2f} s    (target <= 1.5 s)")
    print(f"folder of 200 reports, one process          : {rps:7.0f} reports/s (target >= 50)")
    try:
        cps, load = segmentation()
        print(f"pkuseg segmentation (spaCy Doc)             : {cps:7.0f} chars/s (model load {load:.2f} s, once per process)")
    except Exception as exc:  # the model may not be built yet
        print(f"pkuseg segmentation                         : unavailable ({exc})")


if __name__ == "__main__":
    main()
