"""Check many reports, on all cores.

``--jobs 1`` (or a single report) checks in this process. Otherwise a pool of worker processes
is started with the ``spawn`` method (the same on Linux, macOS and Windows, and safe with
threads); each worker receives the rule set once, when it starts, and sends back each report
detached from its Document (path, fields, results), which pickles in well under a millisecond.

Results come back in input order (``imap``), whatever the order in which workers finish, so
every output is deterministic; JSON Lines still streams, each line as soon as it and those
before it are done.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Iterator, Sequence

from .errors import InputError

if TYPE_CHECKING:
    from .api import Report
    from .evaluate import RuleSet

Outcome = tuple[str, "Report | None", "str | None"]  # (path, report, error message)

_RULES: RuleSet | None = None
_SELECT: tuple[str, ...] = ()
_IGNORE: tuple[str, ...] = ()


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


# Starting a worker (a new interpreter importing fzcheck) costs about 0.4 s of a core, as much
# as checking ~50 reports; with no --jobs, a worker is started only for each 50 reports.
REPORTS_PER_WORKER = 50


def auto_jobs(n: int) -> int:
    """--jobs when not given: all cores, but no more workers than pay for their start-up."""
    return max(1, min(default_jobs(), n // REPORTS_PER_WORKER))


def _init(rules: RuleSet, select: Sequence[str], ignore: Sequence[str]) -> None:
    global _RULES, _SELECT, _IGNORE
    _RULES, _SELECT, _IGNORE = rules, tuple(select), tuple(ignore)


def _check(item: str | tuple[str, str | None]) -> Outcome:
    """Check one report: a path, or (path, last year's report of the same issuer or None)."""
    from .api import check_path

    path, previous = (item, None) if isinstance(item, str) else item
    try:
        return path, check_path(path, _RULES, previous=previous, select=_SELECT, ignore=_IGNORE).detached(), None
    except InputError as exc:
        return path, None, str(exc)


def _chunksize(n: int, jobs: int) -> int:
    # a few chunks per worker: little IPC, and the last worker does not wait long for the others
    return max(1, min(16, n // (jobs * 8)))


def run(paths: Sequence[str], rules: RuleSet, select: Sequence[str] = (), ignore: Sequence[str] = (),
        jobs: int = 1, previous: dict[str, str] | None = None) -> Iterator[Outcome]:
    """Yield (path, report, error) for each path, in the order given. ``previous`` maps a path to
    last year's report of the same issuer (checker/compare/pairing.py), which the worker reads
    with it for the compare rules."""
    jobs = max(1, min(jobs, len(paths)))
    items = [(p, (previous or {}).get(p)) for p in paths]
    if jobs == 1:
        _init(rules, select, ignore)
        for item in items:
            yield _check(item)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init, initargs=(rules, list(select), list(ignore))) as pool:
        yield from pool.imap(_check, items, chunksize=_chunksize(len(paths), jobs))


def progress(outcomes: Iterator[Outcome], total: int, enabled: bool | None = None) -> Iterator[Outcome]:
    """A progress bar on stderr while the outcomes arrive: only when stderr is a terminal and
    there is more than one report (never in a pipe, a log file or CI)."""
    if enabled is None:
        enabled = total > 1 and sys.stderr.isatty()
    if not enabled:
        yield from outcomes
        return
    from tqdm import tqdm

    with tqdm(total=total, file=sys.stderr, unit="份", desc="检查", leave=False, dynamic_ncols=True) as bar:
        for out in outcomes:
            bar.update(1)
            yield out
