"""make bench: the speed figures quoted in the README.

1. warm: checking one report in a process that has already loaded the rules (median of runs);
   what the limits cost, back to back: one report checked with and without the timer and memory
   limit around it, and 1,000 reports in a plain loop against a supervised worker (batch.run),
   without and with pairing;
2. cold: `fzcheck check FILE` as a whole new process (median of runs);
3. throughput: reports per second over a folder of 1,000 reports (the five fixtures, each copy
   with a small edit of its own), with --jobs 1 and --jobs 2, and the speed-up; each measured
   RUNS times, the median and the range printed (the machine may be busy with other work);
4. segmentation: characters per second of the pkuseg model (and the one-off model load time);
   the same for the fast path (checker/segment/fastseg.py, same tokens): its load time in a new
   process (import and first cut, median of runs) and the median time of one sentence;
5. reading: the read step alone for each format copy of the fixtures (fixtures/formats/): ms per
   .docx and per web page;
6. LibreOffice: one sandboxed conversion of a .doc to .docx (the five Word fixtures saved as .doc
   by LibreOffice first, not timed), the median over them, and the whole read step of a .doc;
7. PDF reading before and after the move to PDFium, back to back in this run: the pdfplumber
   reader it replaced (tools/bench_pdfplumber_reader.py) and checker/read/pdf.py, alternating
   round by round on the same bytes, in ms a report and pages per second, for each PDF fixture
   folder (WeasyPrint's prints of the text fixtures, LibreOffice's of their Word copies);
8. --format docx: writing the commented .docx of one checked report (a .docx and a text one);
9. the web page (`fzcheck serve`, its own process on a free port): p50 / p95 time from upload to
   the whole result (the page's HTML and every download) for one .docx and one PDF, one at a
   time; then rounds of 20 uploads at once from 20 threads (p50 / p95 / wall time, errors); the
   peak RSS (VmHWM) of the server process and of each worker. `tools/bench.py web` runs only this;
10. outputs over a folder of 200 and of 1,000 reports (BENCH_REPORTS="200 1000"): wall time and peak
   memory of `--format pdf` (one PDF), `pdf=DIR/` (a PDF per report), `xlsx`, and of the JSON
   alone for comparison. Memory is sampled from /proc every 50 ms: the peak of all fzcheck
   processes together (the main one and its workers) and of the largest one. `tools/bench.py
   outputs` (make bench-outputs) runs only this.
11. year on year: comparing two reports (the four pairs of fixtures/previous/: both read, the four
   compare.* rules), and a folder of 1,000 reports, 500 pairs of this year's and last year's
   report of 500 issuers (copies of the four pairs, each with its own issuer name and this
   year's copy with a small edit), checked with pairing, --jobs 1 and 2.
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import shutil
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


def limits_cost(n: int = 1000, rounds: int = 2) -> tuple[float, float, float, float, float]:
    """What the limits cost, back to back on the same reports (the bench folder): per report in
    process without limits and with them (checker.batch.check_one: the timer and the memory
    limit around each check); then n reports in a plain loop in process, in one supervised
    worker (checker.batch.run, --jobs 1 without the process start and the output), and the same
    with pairing by issuer and year (as a run with the compare rules does), in seconds; the best
    of rounds."""
    from checker import batch
    from checker.limits import Limits

    rules = load_rules()
    with tempfile.TemporaryDirectory() as tmp:
        make_folder(Path(tmp), n)
        paths = sorted(str(p) for p in Path(tmp).iterdir())
        batch._init(rules, (), (), Limits(), {})
        for p in paths[:20]:
            check_path(p, rules)
        off = on = plain = pooled = paired = float("inf")
        for _ in range(rounds):
            t = time.perf_counter()
            for p in paths[:300]:
                check_path(p, rules)
            off = min(off, (time.perf_counter() - t) / 300)
            t = time.perf_counter()
            for p in paths[:300]:
                batch.check_one(p, hard_exit=False)
            on = min(on, (time.perf_counter() - t) / 300)
            t = time.perf_counter()
            for p in paths:
                check_path(p, rules).detached()
            plain = min(plain, time.perf_counter() - t)
            t = time.perf_counter()
            list(batch.run(paths, rules, jobs=1))
            pooled = min(pooled, time.perf_counter() - t)
            t = time.perf_counter()
            list(batch.run(paths, rules, jobs=1, pair=True))
            paired = min(paired, time.perf_counter() - t)
    return off, on, plain, pooled, paired


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


FAST_COLD = """\
import time
import checker.segment  # imported by any check anyway: not counted
t = time.perf_counter()
from checker.segment import fastseg
fastseg.cut("2023年，我局深入学习贯彻习近平法治思想，全面落实行政执法三项制度。")
print(time.perf_counter() - t)
"""


def fast_segmentation(runs: int = 7) -> tuple[float, float, float]:
    """(load + first cut in a new process, median of runs; chars/s over the fixtures' text;
    median seconds per sentence of the fixtures)."""
    loads = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FAST_COLD], capture_output=True, text=True, check=True, cwd=ROOT)
        loads.append(float(out.stdout))
    from checker.segment import fastseg

    docs = [load_path(str(f)) for f in FIXTURES]
    chars = sum(len(d.text) for d in docs)
    fastseg.cut("预热")
    times = []
    for _ in range(3):
        t = time.perf_counter()
        for d in docs:
            fastseg.cut(d.text)
        times.append(time.perf_counter() - t)
    per_sentence = []
    for d in docs:
        for a, b in d.sentences:
            t = time.perf_counter()
            fastseg.cut(d.text[a:b])
            per_sentence.append(time.perf_counter() - t)
    return statistics.median(loads), chars / min(times), statistics.median(per_sentence)


def reading(rounds: int = 5) -> dict[str, tuple[float, int]]:
    """For each format but PDF: (seconds to read all its copies once, median of rounds; files)."""
    from checker.read import read_path

    out: dict[str, tuple[float, int]] = {}
    for fmt in ("docx", "html"):
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
        out[fmt] = (statistics.median(times), len(files))
    return out


PDF_FOLDERS = ("pdf", "pdf-libreoffice")


def pdf_reading(rounds: int = 5, repeat: int = 5) -> dict[str, tuple[float, float, int, int]]:
    """For each PDF fixture folder: (seconds to read its PDFs once before, after; files; pages).
    Each round reads the folder once with the old reader and `repeat` times with the new one
    (it is that much faster: the same length of time, so a burst of other work on the machine
    hits both alike); the medians over the rounds."""
    sys.path.insert(0, str(ROOT / "tools"))
    import pypdfium2

    import bench_pdfplumber_reader as before
    from checker.read.pdf import read_pdf as after

    out = {}
    for folder in PDF_FOLDERS:
        files = sorted((ROOT / "fixtures" / "formats" / folder).glob("*.pdf"))
        if not files:
            continue
        data = [(f.read_bytes(), f.name) for f in files]
        pages = sum(len(pypdfium2.PdfDocument(d)) for d, _ in data)
        for d, name in data:  # imports and first-use costs: not counted
            before.read_pdf(d, name)
            after(d, name)
        old, new = [], []
        for _ in range(rounds):
            t = time.perf_counter()
            for d, name in data:
                before.read_pdf(d, name)
            old.append(time.perf_counter() - t)
            t = time.perf_counter()
            for _ in range(repeat):
                for d, name in data:
                    after(d, name)
            new.append((time.perf_counter() - t) / repeat)
        out[folder] = (statistics.median(old), statistics.median(new), len(files), pages)
    return out


def libreoffice(rounds: int = 3) -> tuple[float, float, float, int] | None:
    """(median seconds of one conversion, its min, max; median seconds to read a .doc; files),
    or None without LibreOffice."""
    from checker.read import convert as convert_module, read_path
    from checker.read.convert import find_soffice, sandbox_prefix, to_docx

    soffice = find_soffice()
    if soffice is None:
        return None
    files = sorted((ROOT / "fixtures" / "formats" / "docx").glob("*.docx"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless", "--norestore",
                        "--convert-to", "doc", "--outdir", tmp, *map(str, files)],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        docs = sorted(Path(tmp).glob("*.doc"))
        sandbox_prefix()  # probed once per process: not counted
        convert, read = [], []
        for _ in range(rounds):
            for d in docs:
                data = d.read_bytes()
                convert_module._RECENT.clear()  # each a real conversion, not the one kept
                t = time.perf_counter()
                to_docx(data, d.name, "doc")
                convert.append(time.perf_counter() - t)
                convert_module._RECENT.clear()
                t = time.perf_counter()
                read_path(str(d))
                read.append(time.perf_counter() - t)
    return statistics.median(convert), min(convert), max(convert), statistics.median(read), len(docs)


def commented(rounds: int = 5) -> dict[str, float]:
    """Median seconds to write the commented .docx (--format docx) of one checked report: the
    Word copy of a .docx fixture, and the new .docx of a text one (the report already checked)."""
    from checker.report.docx_out import commented_docx

    rules = load_rules()
    out = {}
    for name, files in (("docx", sorted((ROOT / "fixtures" / "formats" / "docx").glob("*.docx"))), ("text", FIXTURES)):
        reports = [check_path(str(f), rules) for f in files]
        commented_docx(reports[0], rules)  # imports python-docx: not counted
        times = []
        for _ in range(rounds):
            for r in reports:
                t = time.perf_counter()
                commented_docx(r, rules)
                times.append(time.perf_counter() - t)
        out[name] = statistics.median(times)
    return out


def _peak_rss_mb(pid: int) -> float | None:
    """The peak resident set size of a process (VmHWM, Linux), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))]


def web(rounds: int = 40, concurrent: int = 20, concurrent_rounds: int = 3) -> dict | None:
    """Upload-to-result times of `fzcheck serve` and its memory (see 7. above); None without the
    web extra."""
    try:
        import httpx
    except ImportError:
        return None
    import json
    import threading

    files = {"docx": ROOT / "fixtures" / "formats" / "docx" / "002_943b5966bb0e66c9.docx",
             "pdf": ROOT / "fixtures" / "formats" / "pdf" / "000_afa1c9d59f367721.pdf"}
    data = {k: p.read_bytes() for k, p in files.items()}
    proc = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", "0"], cwd=ROOT,
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        first = proc.stderr.readline()
        if "http://" not in first:
            raise RuntimeError(first.strip() or "fzcheck serve did not start")
        url = first[first.index("http://"):].strip()
        status = httpx.get(url + "api/status", timeout=120).json()
        with httpx.Client(timeout=120) as client:
            def upload(kind: str) -> tuple[float, bool]:
                t = time.perf_counter()
                r = client.post(url + "api/check", files={"file": (files[kind].name, data[kind])})
                ok = r.status_code == 200 and json.loads(r.content)["ok"]
                return time.perf_counter() - t, ok

            for kind in files:  # each worker imports its readers on its first file: not counted
                for _ in range(2 * status["workers"]):
                    upload(kind)
            one: dict[str, list[float]] = {}
            errors = 0
            for kind in files:
                one[kind] = []
                for _ in range(rounds):
                    secs, ok = upload(kind)
                    one[kind].append(secs)
                    errors += not ok
            many: list[float] = []
            walls: list[float] = []
            lock = threading.Lock()

            def worker(i: int) -> None:
                nonlocal errors
                secs, ok = upload("docx" if i % 2 else "pdf")
                with lock:
                    many.append(secs)
                    errors += not ok

            for _ in range(concurrent_rounds):
                threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrent)]
                t = time.perf_counter()
                for th in threads:
                    th.start()
                for th in threads:
                    th.join()
                walls.append(time.perf_counter() - t)
        server_rss = _peak_rss_mb(proc.pid)
        worker_rss = [m for m in (_peak_rss_mb(pid) for pid in status["pids"]) if m is not None]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return {"one": one, "many": many, "walls": walls, "errors": errors, "workers": status["workers"],
            "server_rss": server_rss, "worker_rss": worker_rss, "concurrent": concurrent}


def print_web() -> None:
    w = web()
    if w is None:
        print("fzcheck serve                                : unavailable (pip install 'fzcheck[web]')")
        return
    for kind, times in w["one"].items():
        print(f"fzcheck serve, one .{kind:<4} upload to result : p50 {_pct(times, 50) * 1000:6.0f} ms, "
              f"p95 {_pct(times, 95) * 1000:6.0f} ms ({len(times)} uploads, one at a time)")
    m = w["many"]
    print(f"fzcheck serve, {w['concurrent']} uploads at once        : p50 {_pct(m, 50) * 1000:6.0f} ms, "
          f"p95 {_pct(m, 95) * 1000:6.0f} ms, all {w['concurrent']} done in {statistics.median(w['walls']):.2f} s "
          f"(median of {len(w['walls'])} rounds; {w['workers']} workers); errors: {w['errors']}")
    rss = ", ".join(f"{x:.0f}" for x in w["worker_rss"])
    print(f"fzcheck serve, peak RSS                      : server {w['server_rss']:.0f} MB, workers {rss} MB")


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


PAIRS = [("000_afa1c9d59f367721.txt", "000_prev_2023.txt", "坡头"), ("001_f6bb264d07dd80ca.txt", "001_prev_2022.txt", "温州"),
         ("003_64caf8860024a4f7.txt", "003_prev_2023.txt", "汨罗"), ("004_8188c43d4e8d5109.txt", "004_prev_2020.txt", "昌吉")]
_NAMES = "甲乙丙丁戊己庚辛壬癸春夏秋冬松柏梅兰"


def compare_pair(rounds: int = 5) -> tuple[float, float, float]:
    """(median seconds to compare two reports: both read and the compare.* rules run; the whole
    check of a report with its previous one; the whole check of a report alone)."""
    from checker.api import check_document

    rules = load_rules()
    pairs = [(str(ROOT / "fixtures" / a), str(ROOT / "fixtures" / "previous" / b)) for a, b, _ in PAIRS]
    for a, b in pairs:
        check_path(a, rules, previous=b)
    comp, paired, alone = [], [], []
    for _ in range(rounds):
        for a, b in pairs:
            t = time.perf_counter()
            check_document(load_path(a), rules, select=["compare"], previous=load_path(b))
            comp.append(time.perf_counter() - t)
            t = time.perf_counter()
            check_path(a, rules, previous=b)
            paired.append(time.perf_counter() - t)
            t = time.perf_counter()
            check_path(a, rules)
            alone.append(time.perf_counter() - t)
    return statistics.median(comp), statistics.median(paired), statistics.median(alone)


def make_pair_folder(root: Path, n: int) -> None:
    """n pairs (this year, last year) of n issuers: copies of the four pairs with the issuer's
    place name replaced by one of the copy's own (坡头 → 甲乙丙), this year's copy edited a little
    (a sentence added, a line repeated, or nothing: edits that keep its issuer and year)."""
    texts = [((ROOT / "fixtures" / a).read_text("utf-8"), (ROOT / "fixtures" / "previous" / b).read_text("utf-8"), place)
             for a, b, place in PAIRS]
    k = len(_NAMES)
    for i in range(n):
        this, last, place = texts[i % len(texts)]
        name = _NAMES[i % k] + _NAMES[(i // k) % k] + _NAMES[(i // k // k) % k]
        edit = 5 * i + (0, 3, 4)[i % 3]  # EDITS[edit % 5]: append / duplicate / none
        (root / f"{i:04d}_this.txt").write_text(edited(this.replace(place, name), edit), encoding="utf-8")
        (root / f"{i:04d}_last.txt").write_text(last.replace(place, name), encoding="utf-8")


def paired_folder(n: int = 500, runs: int = 1) -> dict[int, tuple[list[float], int]]:
    """reports/s over a folder of n pairs, --jobs 1 and 2, and how many reports were paired."""
    import json

    out: dict[int, tuple[list[float], int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        make_pair_folder(Path(tmp), n)
        for jobs in (1, 2):
            rates, paired = [], 0
            for _ in range(runs):
                t = time.perf_counter()
                done = subprocess.run([FZCHECK, "check", tmp, "--format", "json", "--fail-on", "never", "--jobs", str(jobs)],
                                      capture_output=True, check=True)
                rates.append(2 * n / (time.perf_counter() - t))
                paired = sum(1 for r in json.loads(done.stdout)["reports"] if r.get("previous"))
            out[jobs] = (rates, paired)
    return out


def main() -> None:
    if sys.argv[1:2] == ["outputs"]:  # make bench-outputs: only these
        outputs([int(x) for x in os.environ.get("BENCH_REPORTS", "200 1000").split()])
        return
    if sys.argv[1:] == ["web"]:
        print_web()
        return
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    w = warm()
    c = cold()
    print(f"warm check, one report in process (median) : {w * 1000:7.1f} ms   (target <= 50 ms)")
    print(f"cold `fzcheck check FILE` process (median)  : {c:7.2f} s    (target <= 1.5 s)")
    off, on, plain, pooled, paired = limits_cost()
    print(f"limits off / on, one report in process       : {off * 1000:7.2f} ms / {on * 1000:.2f} ms   ({on / off:.2f}x)")
    print(f"1,000 reports in process / in a supervised worker / and paired by issuer and year: "
          f"{plain:.2f} s / {pooled:.2f} s ({pooled / plain:.2f}x) / {paired:.2f} s ({paired / plain:.2f}x)")
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
    try:
        load, cps, sent = fast_segmentation()
        print(f"fast segmentation (fastseg, same tokens)    : {cps:7.0f} chars/s (load + first cut {load * 1000:.1f} ms "
              f"in a new process; {sent * 1000:.2f} ms a sentence, median)")
    except Exception as exc:  # the files may not be built yet
        print(f"fast segmentation                           : unavailable ({exc})")
    for fmt, (secs, n) in reading().items():
        print(f"read {fmt:<5} (read step only, median)        : {secs / n * 1000:7.1f} ms a report ({n} reports)")
    comp, paired, alone = compare_pair()
    print(f"compare two reports (both read, compare.* rules) : {comp * 1000:7.1f} ms   (median over the four pairs x 5)")
    print(f"whole check with last year's report / alone      : {paired * 1000:7.1f} ms / {alone * 1000:.1f} ms")
    for jobs, (r, n_paired) in paired_folder(500, max(1, runs // 3)).items():
        print(f"folder of 1,000 reports (500 pairs), --jobs {jobs}  : {statistics.median(r):7.0f} reports/s "
              f"({n_paired} reports paired with last year's; pairing included)")
    lo = libreoffice()
    if lo is None:
        print("LibreOffice conversion .doc -> .docx         : unavailable (soffice not found)")
    else:
        med, lo_min, lo_max, read, n = lo
        print(f"LibreOffice conversion .doc -> .docx        : {med * 1000:7.0f} ms a file (median over {n} files x 3; "
              f"{lo_min * 1000:.0f}-{lo_max * 1000:.0f}); the whole .doc read step {read * 1000:.0f} ms")
    total_old = total_new = 0.0
    for folder, (old, new, n, pages) in pdf_reading().items():
        total_old += old
        total_new += new
        print(f"read pdf, fixtures/formats/{folder} ({n} reports, {pages} pages), read step only, median:")
        print(f"  before (pdfplumber, tools/bench_pdfplumber_reader.py): {old / n * 1000:7.1f} ms a report "
              f"{pages / old:7.1f} pages/s")
        print(f"  after  (PDFium, checker/read/pdf.py)                 : {new / n * 1000:7.1f} ms a report "
              f"{pages / new:7.1f} pages/s   {old / new:5.1f}x faster")
    if total_new:
        print(f"read pdf, all PDF fixtures                            : {total_old / total_new:5.1f}x faster")
    for fmt, secs in commented().items():
        print(f"commented .docx of a {fmt:<5} report (median)  : {secs * 1000:7.1f} ms (--format docx, after the check)")


    print_web()

    outputs([int(x) for x in os.environ.get("BENCH_REPORTS", "200 1000").split()])

if __name__ == "__main__":
    main()
