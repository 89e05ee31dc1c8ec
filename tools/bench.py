"""make bench: the speed figures quoted in the README.

1. warm: checking one report in a process that has already loaded the rules (median of runs);
2. cold: `fzcheck check FILE` as a whole new process (median of runs);
3. throughput: reports per second over a folder of 1,000 reports (the five fixtures, each copy
   with a small edit of its own), with --jobs 1 and --jobs 2, and the speed-up; each measured
   RUNS times, the median and the range printed (the machine may be busy with other work);
4. segmentation: characters per second of the pkuseg model (and the one-off model load time);
5. reading: the read step alone for each format copy of the fixtures (fixtures/formats/): ms per
   .docx and per web page, pages per second for PDF;
6. outputs over a folder of 200 and of 1,000 reports (BENCH_REPORTS="200 1000"): wall time and peak
   memory of `--format pdf` (one PDF), `pdf=DIR/` (a PDF per report), `xlsx`, and of the JSON
   alone for comparison. Memory is sampled from /proc every 50 ms: the peak of all fzcheck
   processes together (the main one and its workers) and of the largest one.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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


EDITS = ("append", "drop", "year", "duplicate", "none")


def edited(text: str, i: int) -> str:
    """A copy of a fixture with a small edit of its own, so no two reports in the folder are
    the same: a sentence added to a paragraph, a line dropped, the year moved back, a line
    repeated, or nothing."""
    rnd = random.Random(i)
    lines = text.split("\n")
    body = [k for k, line in enumerate(lines) if len(line) > 30]
    k = rnd.choice(body) if body else 0
    edit = EDITS[i % len(EDITS)]
    if edit == "append":
        lines[k] += f"全年共开展专项检查{rnd.randint(2, 99)}次。"
    elif edit == "drop":
        del lines[k]
    elif edit == "year":
        return text.replace("2024", "2023").replace("2021", "2020")
    elif edit == "duplicate":
        lines.insert(k, lines[k])
    return "\n".join(lines)


def make_folder(root: Path, n: int) -> None:
    texts = [f.read_text("utf-8") for f in FIXTURES]
    for i in range(n):
        src = FIXTURES[i % len(FIXTURES)]
        (root / f"{i:04d}_{src.name}").write_text(edited(texts[i % len(texts)], i), encoding="utf-8")


def throughput(folder: str, n: int, jobs: int) -> float:
    t = time.perf_counter()
    subprocess.run([FZCHECK, "check", folder, "--format", "json", "--fail-on", "never", "--jobs", str(jobs)],
                   stdout=subprocess.DEVNULL, check=True)
    return n / (time.perf_counter() - t)


def _spin(n: int = 6_000_000) -> int:
    x = 0
    for i in range(n):
        x += i
    return x


def free_cores(rounds: int = 3) -> float:
    """How many cores this process really gets now: the time of one busy loop over the time of
    two run at once, times two (2.0 on an idle 2-core machine, ~1.0 when something else keeps a
    core busy). Printed beside the speed-up, which cannot exceed it."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    ratios = []
    with ctx.Pool(2) as pool:
        pool.map(_spin, [1000, 1000])  # workers started
        for _ in range(rounds):
            t = time.perf_counter()
            _spin()
            one = time.perf_counter() - t
            t = time.perf_counter()
            pool.map(_spin, [6_000_000, 6_000_000], chunksize=1)
            two = time.perf_counter() - t
            ratios.append(2 * one / two)
    return statistics.median(ratios)


def parallel(n: int = 1000, runs: int = 3) -> dict[int, list[float]]:
    """reports/s over a folder of n reports for --jobs 1 and 2, interleaved so that a burst of
    other work on the machine hits both alike."""
    out: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        make_folder(Path(tmp), n)
        for _ in range(runs):
            for jobs in (1, 2):
                out[jobs].append(throughput(tmp, n, jobs))
    return out


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


def reading(rounds: int = 5) -> dict[str, tuple[float, int, int]]:
    """For each format: (seconds to read all its copies once, median of rounds; files; PDF pages)."""
    from checker.read import read_path

    out: dict[str, tuple[float, int, int]] = {}
    for fmt in ("docx", "pdf", "html"):
        files = sorted((ROOT / "fixtures" / "formats" / fmt).glob(f"*.{fmt}"))
        if not files:
            continue
        for f in files:  # first read imports the format's library: not counted
            read_path(str(f))
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            for f in files:
                read_path(str(f))
            times.append(time.perf_counter() - t)
        pages = 0
        if fmt == "pdf":
            import pdfplumber

            for f in files:
                with pdfplumber.open(f) as pdf:
                    pages += len(pdf.pages)
        out[fmt] = (statistics.median(times), len(files), pages)
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(root: int) -> list[int]:
    """root and all its descendants, from /proc/*/stat."""
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
                parent[int(entry)] = int(stat[stat.rindex(b")") + 2:].split()[1])
            except (OSError, ValueError):
                continue
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += [c for c, p in parent.items() if p == pid]
    return out


def measured(cmd: list[str]) -> tuple[float, int, int, int]:
    """Run cmd: (wall seconds, peak RSS in MB of it and its workers together, of the main process,
    of the largest worker)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0, 0]

    def watch():
        while proc.poll() is None:
            tree = _tree(proc.pid)
            sizes = {p: _rss_kb(p) for p in tree}
            peak[0] = max(peak[0], sum(sizes.values()))
            peak[1] = max(peak[1], sizes.get(proc.pid, 0))
            peak[2] = max([peak[2]] + [v for p, v in sizes.items() if p != proc.pid])
            time.sleep(0.05)

    th = threading.Thread(target=watch, daemon=True)
    th.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    th.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)}: exit {proc.returncode}: {err.decode('utf-8', 'replace')[-300:]}")
    return wall, peak[0] // 1024, peak[1] // 1024, peak[2] // 1024


def outputs(sizes: list[int]) -> None:
    """--format pdf / pdf=DIR/ / xlsx over folders of n reports; json (checking alone) and the PDF
    of the summary alone show what holding the reports and laying out their summary take."""
    from checker.errors import FzcheckError
    from checker.report import pdf

    try:
        pdf.ensure_available()
        has_pdf = True
    except FzcheckError as exc:
        print(f"outputs: no PDF here ({exc})")
        has_pdf = False
    print(f"outputs: cores this process got (busy-loop test): {free_cores():.2f} of {os.cpu_count()}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "reports"
            folder.mkdir()
            make_folder(folder, n)
            base = [FZCHECK, "check", str(folder), "--fail-on", "never", "--no-progress"]
            cases = [("json (checking only)", ["--format", f"json={tmp}/r.json"])]
            if has_pdf:
                cases += [("pdf, one file", ["--format", f"pdf={tmp}/all.pdf"]),
                          ("pdf=DIR/, a file per report", ["--format", f"pdf={tmp}/pdf/"]),
                          ("pdf --summary-only", ["--format", f"pdf={tmp}/summary.pdf", "--summary-only"])]
            cases += [("xlsx", ["--format", f"xlsx={tmp}/r.xlsx"])]
            for label, args in cases:
                wall, total, main_mb, worker = measured(base + args)
                size = ""
                if "one file" in label:
                    size = f", {os.path.getsize(f'{tmp}/all.pdf') / 1e6:.1f} MB"
                elif "DIR" in label:
                    files = list(Path(tmp, "pdf").rglob("*.pdf"))
                    size = f", {len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB"
                    shutil.rmtree(Path(tmp, "pdf"))
                elif label == "xlsx":
                    size = f", {os.path.getsize(f'{tmp}/r.xlsx') / 1e6:.1f} MB"
                print(f"{n:>5} reports, {label:<28}: {wall:6.1f} s, peak RSS {total:4d} MB in all, main process "
                      f"{main_mb:4d} MB, largest worker {worker:4d} MB{size}")


def main() -> None:
    if sys.argv[1:2] == ["outputs"]:  # make bench-outputs: only these
        outputs([int(x) for x in os.environ.get("BENCH_REPORTS", "200 1000").split()])
        return
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    w = warm()
    c = cold()
    print(f"warm check, one report in process (median) : {w * 1000:7.1f} ms   (target <= 50 ms)")
    print(f"cold `fzcheck check FILE` process (median)  : {c:7.2f} s    (target <= 1.5 s)")
    before = free_cores()
    rates = parallel(1000, runs)
    after = free_cores()
    for jobs in (1, 2):
        r = rates[jobs]
        print(f"folder of 1,000 reports, --jobs {jobs}           : {statistics.median(r):7.0f} reports/s "
              f"(median of {len(r)}; {min(r):.0f}-{max(r):.0f})")
    ratios = [b / a for a, b in zip(rates[1], rates[2])]
    print(f"speed-up --jobs 2 over --jobs 1              : {statistics.median(ratios):7.2f} x      "
          f"(median of {len(ratios)} paired runs; {min(ratios):.2f}-{max(ratios):.2f})")
    print(f"cores this process got (busy-loop test)      : {before:7.2f} before, {after:.2f} after "
          f"(of {os.cpu_count()}; the speed-up cannot exceed it)")
    try:
        cps, load = segmentation()
        print(f"pkuseg segmentation (spaCy Doc)             : {cps:7.0f} chars/s (model load {load:.2f} s, once per process)")
    except Exception as exc:  # the model may not be built yet
        print(f"pkuseg segmentation                         : unavailable ({exc})")
    for fmt, (secs, n, pages) in reading().items():
        per = f"{secs / n * 1000:7.1f} ms a report ({n} reports"
        extra = f"; {pages / secs:.1f} pages/s, {pages} pages)" if pages else ")"
        print(f"read {fmt:<5} (read step only, median)        : {per}{extra}")
    outputs([int(x) for x in os.environ.get("BENCH_REPORTS", "200 1000").split()])


if __name__ == "__main__":
    main()
