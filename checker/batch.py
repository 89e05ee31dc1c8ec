"""Check many reports, on all cores, each under its time and memory limits.

One report given alone is checked in this process, under the limits of checker/limits.py (a
watchdog ends the process if a C call outlives the timer: there is nothing else to lose).

Several reports are checked in worker processes (forked where there is fork, so a worker starts
with all the parent has loaded; spawned elsewhere), even with ``--jobs 1``: a report that hangs
in C code, exhausts its memory or crashes its process costs only that one worker. The parent
gives each worker two reports at a time (the one it checks and the next, so that it never waits
between two) and watches the first's deadline; a worker past its deadline is killed, a worker
that dies is replaced, that report is reported as unreadable with the reason, the next goes to
a worker again, and every other report goes on. Each worker sends back each report detached
from its Document (path, fields, results), which pickles in well under a millisecond.

Results come back in input order, whatever the order in which workers finish, so every output is
deterministic; JSON Lines still streams, each line as soon as it and those before it are done —
but for a run that pairs its reports by issuer and year (several reports with the compare rules
selected, the default), which must have read them all before it knows which have last year's
among them: its lines come once every report has had its first pass (the progress bar moves
with each first pass, then grows by the comparisons found: ``Steps``).
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from .errors import InputError
from .limits import GRACE, Limits, guard, memory_message, time_message

if TYPE_CHECKING:
    from .api import Report
    from .evaluate import RuleSet

Outcome = tuple[str, "Report | None", "str | None"]  # (path, report, error message)

_RULES: RuleSet | None = None
_SELECT: tuple[str, ...] = ()
_IGNORE: tuple[str, ...] = ()
_LIMITS: Limits = Limits()
_OPTIONS: dict = {}  # more keyword arguments of check_path (kind)
_PREVIOUS: dict[str, str] = {}  # a report's path → last year's report of the same issuer


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


# Starting a worker (a new interpreter importing fzcheck) costs about 0.4 s of a core, as much
# as checking ~50 reports; with no --jobs, a worker is started only for each 50 reports.
REPORTS_PER_WORKER = 50
# what a worker's first report may take longer, for the worker's own start (a busy machine)
STARTUP = 20.0
# reports given to a worker at a time: the one it checks and the next one, ready
AHEAD = 2


def auto_jobs(n: int) -> int:
    """--jobs when not given: all cores, but no more workers than pay for their start-up."""
    return max(1, min(default_jobs(), n // REPORTS_PER_WORKER))


def _init(rules: RuleSet, select: Sequence[str], ignore: Sequence[str], limits: Limits | None = None,
          options: dict | None = None, previous: dict[str, str] | None = None) -> None:
    global _RULES, _SELECT, _IGNORE, _LIMITS, _OPTIONS, _PREVIOUS
    _RULES, _SELECT, _IGNORE = rules, tuple(select), tuple(ignore)
    _LIMITS = limits or Limits()
    _OPTIONS = dict(options or {})
    _PREVIOUS = dict(previous or {})


def _check(path: str, hard_exit: bool = True, previous: str | None = None,
           select: Sequence[str] | None = None, identify: bool = False) -> tuple[Outcome, Any]:
    """(outcome, identity): the check of one report in this process under the limits, and with
    ``identify`` its identity for pairing (checker/compare/pairing.py) read from the same
    Document, or None. ``select`` narrows the run's selection (the second pass of a paired run)."""
    from .api import check_path

    previous = previous or _PREVIOUS.get(path)
    try:
        with guard(_LIMITS, path, hard_exit=hard_exit):
            report = check_path(path, _RULES, select=_SELECT if select is None else select, ignore=_IGNORE,
                                limits=_LIMITS, previous=previous, **_OPTIONS)
            ident = None
            if identify:
                from .compare.pairing import identity

                try:
                    ident = identity(report.document)
                except Exception:  # noqa: BLE001 - a report that cannot be identified pairs with nothing
                    ident = None
            return (path, report.detached(), None), ident
    except InputError as exc:
        return (path, None, str(exc)), None
    except Exception as exc:  # a bug or a library's surprise on one file: that file only
        if os.environ.get("FZCHECK_DEBUG"):
            raise
        what = " ".join(str(exc).split())[:200]
        return (path, None, f"{path}: 无法检查（内部错误 {type(exc).__name__}: {what}；设 FZCHECK_DEBUG=1 可看详情）"), None


def check_one(path: str, hard_exit: bool = True, previous: str | None = None) -> Outcome:
    """Check one report in this process under the limits: (path, detached report, None), or
    (path, None, one-line reason) when it cannot be read or checked. Last year's report of the
    same issuer (given, or paired by the run) is read with it for the compare rules."""
    return _check(path, hard_exit, previous)[0]


def _task(kind: str, path: str, previous: str | None, select: Sequence[str] | None) -> Any:
    """What a worker sends back for one task: ``check`` an outcome; ``first`` (the first pass of
    a paired run) the outcome and the report's identity; ``compare`` (its second pass) the
    outcome of the compare rules alone (``select``) with last year's report."""
    if kind == "first":  # the outcome stays pickled: the parent only keeps it for later
        import pickle

        outcome, ident = _check(path, False, identify=True)
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL), ident
    return _check(path, False, previous, select)[0]


def _died(path: str, limits: Limits) -> Outcome:
    """The outcome of a report whose process died while it checked it."""
    return path, None, f"{path}: 检查时进程意外退出（{memory_message(limits)}，或读取器崩溃）"


def _merge(first: Outcome, second: Outcome) -> Outcome:
    """A report of the first pass with the results of the second (the compare rules, read with
    last year's report) in place of its own; an error of the second pass is the report's."""
    path, report, _ = first
    if report is None or second[1] is None:
        return second if second[2] else first
    again = {r.id: r for r in second[1].results}
    report.results = [again.get(r.id, r) for r in report.results]
    report.previous = second[1].previous
    return path, report, None


# ---------------------------------------------------------------- the worker processes

def _worker(conn, rules: RuleSet, select: Sequence[str], ignore: Sequence[str], limits: Limits,
            options: dict | None = None) -> None:
    """A worker: checks (or identifies) the paths it is sent, one at a time, and sends back each
    outcome."""
    import warnings

    import multiprocessing
    from multiprocessing.connection import wait

    warnings.simplefilter("ignore")
    _init(rules, select, ignore, limits, options)
    # a forked worker holds copies of the parent's ends of the pipes, so it would never see the
    # end of its own if the parent were killed: it watches the parent itself as well
    parent = multiprocessing.parent_process()
    watched = [conn] + ([parent.sentinel] if parent is not None else [])
    try:
        while True:
            if conn not in wait(watched):  # the parent is gone
                return
            try:
                task = conn.recv()
            except EOFError:
                return
            if task is None:
                return
            index, kind, path, previous, select = task
            # the parent kills a worker stuck past its deadline; no watchdog needed here
            conn.send((index, _task(kind, path, previous, select)))
    except (BrokenPipeError, KeyboardInterrupt):
        return


class _Pool:
    """Worker processes, each holding the report it checks and the next, watched against the first one's deadline."""

    def __init__(self, jobs: int, rules: RuleSet, select: Sequence[str], ignore: Sequence[str], limits: Limits,
                 options: dict | None = None):
        import multiprocessing

        # fork where there is one: a worker is then ready at once with all the parent has imported
        # and loaded, where a spawned one would spend ~0.4 s of a core importing fzcheck again
        # (Linux only: on macOS fork is unsafe once system libraries have started threads)
        forking = sys.platform.startswith("linux") and not os.environ.get("FZCHECK_NO_FORK")
        self.ctx = multiprocessing.get_context("fork" if forking else "spawn")
        self.args = (rules, tuple(select), tuple(ignore), limits, dict(options or {}))
        self.limits = limits
        self.workers: list[dict[str, Any]] = [self._start() for _ in range(jobs)]

    def _start(self) -> dict[str, Any]:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(child, *self.args), daemon=True)
        proc.start()
        child.close()
        return {"proc": proc, "conn": parent, "tasks": [], "deadline": None, "warm": False}

    def _replace(self, w: dict[str, Any]) -> None:
        try:
            w["proc"].kill()
            w["proc"].join(1)
        except Exception:  # pragma: no cover - already gone
            pass
        w["conn"].close()
        w.update(self._start())

    def run(self, paths: Sequence[str], kind: str = "check", previous: dict[str, str] | None = None,
            select: Sequence[str] | None = None) -> Iterator[tuple[int, Any]]:
        """(index, what the worker sent: checker.batch._task) of each path, as the workers finish.

        Each worker holds up to AHEAD reports: the one it checks and the next, so that it never
        waits for the parent between two. Its deadline is the first one's; when it is killed
        (past the deadline) or dies, the first report is the one reported, the next goes back
        to be given to a worker again."""
        import pickle
        from multiprocessing.connection import wait

        todo = [(i, kind, p, (previous or {}).get(p), select) for i, p in enumerate(paths)][::-1]
        busy = 0
        # a worker's first report also waits for its start-up (importing fzcheck)
        allowance = self.limits.seconds + GRACE
        while todo or busy:
            for w in self.workers:
                while len(w["tasks"]) < AHEAD and todo:
                    task = todo.pop()
                    try:
                        w["conn"].send(task)
                    except (BrokenPipeError, OSError):  # the worker is gone
                        todo.append(task)
                        if not w["tasks"]:
                            self._replace(w)
                            continue
                        break  # its reports are given again when its first is reported below
                    if not w["tasks"]:
                        w["deadline"] = time.monotonic() + allowance + (0.0 if w["warm"] else STARTUP)
                    w["tasks"].append(task)
                    busy += 1
            live = [w for w in self.workers if w["tasks"]]
            if not live:
                continue
            timeout = max(0.0, min(w["deadline"] for w in live) - time.monotonic())
            ready = wait([w["conn"] for w in live] + [w["proc"].sentinel for w in live], timeout)
            now = time.monotonic()
            for w in live:
                index, kind, path = w["tasks"][0][:3]
                outcome: Any = None
                lost = False
                if w["conn"] in ready:
                    try:
                        got_index, outcome = w["conn"].recv()
                        assert got_index == index
                        w["warm"] = True
                    except (EOFError, OSError):
                        outcome, lost = _died(path, self.limits), True
                elif w["proc"].sentinel in ready or not w["proc"].is_alive():
                    outcome, lost = _died(path, self.limits), True
                elif now >= w["deadline"]:
                    outcome, lost = (path, None, f"{path}: {time_message(self.limits)}"), True
                if outcome is None:
                    continue
                w["tasks"].pop(0)
                busy -= 1
                if lost:  # the worker is replaced; the reports it held after this one go back
                    busy -= len(w["tasks"])
                    todo.extend(reversed(w["tasks"]))
                    w["tasks"] = []
                    self._replace(w)
                elif w["tasks"]:  # the next one starts now
                    w["deadline"] = now + allowance
                if kind == "first" and isinstance(outcome[0], str):  # the worker died: no identity
                    outcome = (pickle.dumps(outcome), None)
                yield index, outcome

    def close(self) -> None:
        for w in self.workers:
            try:
                w["conn"].send(None)
            except (BrokenPipeError, OSError):
                pass
        for w in self.workers:
            w["proc"].join(2)
            if w["proc"].is_alive():
                w["proc"].kill()
            w["conn"].close()


def check_forked(path: str) -> Outcome:
    """Check one report in a forked copy of this process (all it has imported and loaded is
    shared, so this costs a millisecond or two), which the limits can end whatever it is doing:
    a C call that holds the interpreter (no Python thread can run then, so no watchdog either)
    is ended by the parent at the deadline. Where fork is missing, in this process."""
    if not hasattr(os, "fork") or os.environ.get("FZCHECK_NO_FORK"):
        return check_one(path)
    import pickle
    import select as _select

    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check, send the outcome, leave without running any cleanup
        try:
            os.close(r)
            data = pickle.dumps(check_one(path, hard_exit=False))
            with os.fdopen(w, "wb") as f:
                f.write(data)
        finally:
            os._exit(0)
    os.close(w)
    deadline = time.monotonic() + _LIMITS.seconds + GRACE
    chunks = []
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, 9)
                return path, None, f"{path}: {time_message(_LIMITS)}"
            ready, _, _ = _select.select([r], [], [], left)
            if not ready:
                continue
            chunk = os.read(r, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(r)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # pragma: no cover
            pass
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # the child died before it could send anything
        return _died(path, _LIMITS)


class Steps:
    """The steps of a run as they are done, for a progress bar (``progress``): one for each
    report checked and, in a run that pairs its reports, the comparisons found after the first
    pass (``more``) and one step for each of them."""

    def __init__(self) -> None:
        self.on_step: Callable[[], None] = lambda: None
        self.on_more: Callable[[int], None] = lambda n: None

    def step(self) -> None:
        self.on_step()

    def more(self, n: int) -> None:
        if n:
            self.on_more(n)


def _stepped(found: Iterable[Any], steps: Steps) -> Iterator[Any]:
    for item in found:
        steps.step()
        yield item


def run(paths: Sequence[str], rules: RuleSet, select: Sequence[str] = (), ignore: Sequence[str] = (),
        jobs: int = 1, limits: Limits | None = None, previous: dict[str, str] | None = None,
        pair: bool = False, steps: Steps | None = None, **options) -> Iterator[Outcome]:
    """Yield (path, report, error) for each path, in the order given; ``options`` are passed on
    to check_path (``kind``). ``previous`` maps a path to last year's report of the same issuer,
    which is read with it for the compare rules; with ``pair`` (and no ``previous``) the run pairs
    them itself by issuer and year (checker/compare/pairing.py, ``_paired`` below). ``steps``
    hears of each report done as it is done (for the progress bar)."""
    limits = limits or Limits()
    steps = steps or Steps()
    if len(paths) <= 1:
        _init(rules, select, ignore, limits, options, previous)
        yield from _stepped((check_forked(p) for p in paths), steps)
        return
    pool = _Pool(max(1, min(jobs, len(paths))), rules, select, ignore, limits, options)
    try:
        if pair and previous is None:
            yield from _paired(pool, paths, rules, select, ignore, steps)
            return
        yield from _in_order(_stepped(pool.run(paths, "check", previous), steps))
    finally:
        pool.close()


def _in_order(found: Iterable[tuple[int, Outcome]]) -> Iterator[Outcome]:
    """Outcomes in input order, each as soon as it and those before it are done."""
    done: dict[int, Outcome] = {}
    nxt = 0
    for index, outcome in found:
        done[index] = outcome
        while nxt in done:
            yield done.pop(nxt)
            nxt += 1


def _paired(pool: "_Pool", paths: Sequence[str], rules: "RuleSet", select: Sequence[str],
            ignore: Sequence[str], steps: Steps) -> Iterator[Outcome]:
    """A run that pairs its reports by issuer and year: every report is checked once, and its
    identity read from the same Document (``first``); the reports that have last year's report
    among them then have the compare rules alone checked again with it (``compare``), whose
    results replace the first pass's. A run without two years of one issuer reads each file
    once. The first pass's outcomes wait in a temporary file, not in memory."""
    import pickle
    import tempfile

    from .compare.pairing import pair as pair_up
    from .evaluate.engine import previous_rules

    idents = {}
    where: dict[int, tuple[int, int]] = {}
    with tempfile.TemporaryFile(prefix="fzcheck-") as spool:
        for index, (data, ident) in _stepped(pool.run(paths, "first"), steps):
            where[index] = (spool.tell(), len(data))
            spool.write(data)
            if ident is not None:
                idents[index] = ident
        previous = pair_up([idents[i] for i in sorted(idents)])

        def first(index: int) -> Outcome:
            offset, size = where[index]
            spool.seek(offset)
            return pickle.loads(spool.read(size))

        again = [i for i, p in enumerate(paths) if p in previous]
        steps.more(len(again))
        second = iter(_stepped(pool.run([paths[i] for i in again], "compare", previous,
                                        previous_rules(rules, select, ignore)), steps))
        late: dict[int, Outcome] = {}
        for index in range(len(paths)):
            if paths[index] not in previous:
                yield first(index)
                continue
            while index not in late:
                j, outcome = next(second)
                late[again[j]] = outcome
            yield _merge(first(index), late.pop(index))


def progress(outcomes: Iterator[Outcome], total: int, enabled: bool | None = None,
             steps: Steps | None = None) -> Iterator[Outcome]:
    """A progress bar on stderr while the outcomes arrive: only when stderr is a terminal and
    there is more than one report (never in a pipe, a log file or CI). With ``steps`` (given to
    the run too) it moves as each report is done rather than as each is yielded in order — a
    paired run yields nothing before its first pass is over — and grows by the comparisons that
    pass finds ("对照上年")."""
    if enabled is None:
        enabled = total > 1 and sys.stderr.isatty()
    if not enabled:
        yield from outcomes
        return
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the workers are forked from this process
    with tqdm(total=total, file=sys.stderr, unit="份", desc="检查", leave=False, dynamic_ncols=True) as bar:
        if steps is None:
            for out in outcomes:
                bar.update(1)
                yield out
            return

        def more(n: int) -> None:
            bar.total += n
            bar.set_description("对照上年")
            bar.refresh()

        steps.on_step = lambda: bar.update(1)
        steps.on_more = more
        yield from outcomes


@contextmanager
def bar(total: int, desc: str, enabled: bool | None = None) -> Iterator[Callable[[], None]]:
    """A progress bar of ``total`` steps on stderr, under the same conditions as ``progress``;
    yields the function to call at each step (one that does nothing when there is no bar)."""
    if enabled is None:
        enabled = total > 1 and sys.stderr.isatty()
    if not enabled or total < 1:
        yield lambda: None
        return
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the workers are forked from this process
    with tqdm(total=total, file=sys.stderr, unit="份", desc=desc, leave=False, dynamic_ncols=True) as b:
        yield lambda: b.update(1)
