"""Time and memory limits on the check of one report: the last line of defence.

The readers bound what they read themselves (file sizes, ZIP members, PDF pages and characters,
XML depth); these limits catch whatever gets past them, so that no input can keep a CI runner or
an office server busy for ever or take its memory:

- **memory**: what the check may add to the checking process's data segment (``RLIMIT_DATA``:
  heap and private mappings, not the shared libraries; set to what the process holds when the
  limit is applied plus the budget) is capped, so an allocation past it raises MemoryError,
  which the check turns into a one-line error;
- **time**: an interval timer interrupts the check after so many seconds (``SIGALRM``, between
  two Python instructions), and rings again every REPEAT seconds until it ends (an alarm that
  lands in a garbage-collector callback or a ``__del__`` is dropped by Python); if the time is spent inside one long C call that the timer cannot
  interrupt, a watchdog thread ends the process after a grace period, printing the same one
  line. In a folder run each report is checked in a worker process (checker/batch.py), so only
  that worker goes and the run carries on with a new one.

The defaults are far above what a real report needs (a check takes milliseconds, a 100-page PDF
well under a second, a LibreOffice conversion a second or two; a check's data segment is 30-60
MB) and can be changed with ``--time-limit`` / ``--memory-limit`` or ``FZCHECK_TIME_LIMIT`` /
``FZCHECK_MEMORY_LIMIT`` (MB).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from dataclasses import dataclass
from typing import Iterator

from .errors import InputError

# seconds the watchdog gives a C call after the timer before it ends the process
try:
    GRACE = float(os.environ.get("FZCHECK_WATCHDOG_GRACE") or 5.0)
except ValueError:  # pragma: no cover
    GRACE = 5.0


@dataclass(frozen=True)
class Limits:
    seconds: float = 30.0  # for one report: reading, checking, converting
    memory_mb: int = 512  # the data segment of the process that checks
    file_mb: float = 50  # the largest report file read at all

    @classmethod
    def from_env(cls, seconds: float | None = None, memory_mb: int | None = None, file_mb: int | None = None) -> "Limits":
        def env(name: str, default: float) -> float:
            try:
                return float(os.environ[name]) if os.environ.get(name) else default
            except ValueError:
                return default

        base = cls()
        return cls(seconds if seconds is not None else env("FZCHECK_TIME_LIMIT", base.seconds),
                   int(memory_mb if memory_mb is not None else env("FZCHECK_MEMORY_LIMIT", base.memory_mb)),
                   float(file_mb if file_mb is not None else env("FZCHECK_FILE_LIMIT", base.file_mb)))


class LimitExceeded(InputError):
    """The check of one report went past a limit (its message names the limit)."""


def time_message(limits: Limits) -> str:
    return f"检查超过了 {limits.seconds:g} 秒的时间限制（可用 --time-limit 调整），已停止"


def memory_message(limits: Limits) -> str:
    return f"检查超过了 {limits.memory_mb} MB 的内存限制（可用 --memory-limit 调整），已停止"


def _data_segment() -> int:
    """This process's data segment now, in bytes (VmData; 0 where /proc is not there)."""
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        pass
    return 0


def apply_memory_limit(limits: Limits) -> int | None:
    """Cap this process's data segment at what it holds now plus the budget (a child forked from
    a large parent — a long test session, the web server — starts with the parent's heap); a
    soft limit only, so children such as LibreOffice may lift it again up to the hard limit.
    Returns the soft limit it replaced, for restore_memory_limit (None if none was set)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: no rlimits
        return None
    want = limits.memory_mb * 1024 * 1024 + _data_segment()
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (want, hard))
        return soft
    except (ValueError, OSError):  # pragma: no cover - a platform that refuses
        return None


def restore_memory_limit(soft: int | None) -> None:
    """Put back the soft limit apply_memory_limit replaced: what the process does after the
    check (write outputs, start a browser or LibreOffice) is not under the check's budget."""
    if soft is None:
        return
    try:
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        resource.setrlimit(resource.RLIMIT_DATA, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover
        pass


# After the first alarm the timer keeps ringing every REPEAT seconds until the check ends: an
# exception raised while Python runs a garbage-collector callback or a __del__ is printed and
# dropped, so one alarm that lands there would be lost, and the check would run on to its end.
REPEAT = 0.2
_ARMED = [False]  # whether an alarm should stop the check (not once the guard is handling one)


def _timeout(signum, frame):  # noqa: ARG001 - signal handler signature
    if _ARMED[0]:
        raise _Timeout()


class _Timeout(BaseException):
    """Raised by the timer; a BaseException so that no reader's `except Exception` swallows it."""


@contextlib.contextmanager
def guard(limits: Limits, name: str = "", hard_exit: bool = True) -> Iterator[None]:
    """Run the body under the time and memory limits; a limit reached becomes LimitExceeded with
    a one-line message. With ``hard_exit`` a watchdog ends the whole process (exit 2) if the body
    is still stuck GRACE seconds after the timer."""
    old_memory = apply_memory_limit(limits)
    main = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    old = None
    watchdog = None
    if main:
        old = signal.signal(signal.SIGALRM, _timeout)
        _ARMED[0] = True
        signal.setitimer(signal.ITIMER_REAL, limits.seconds, REPEAT)
    if hard_exit:
        message = f"fzcheck: error: {name}: {time_message(limits)}" if name else f"fzcheck: error: {time_message(limits)}"

        def stuck() -> None:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
            os._exit(2)

        watchdog = threading.Timer(limits.seconds + GRACE, stuck)
        watchdog.daemon = True
        watchdog.start()
    try:
        yield
    except _Timeout:
        _ARMED[0] = False
        raise LimitExceeded(f"{name}: {time_message(limits)}" if name else time_message(limits)) from None
    except MemoryError:
        raise LimitExceeded(f"{name}: {memory_message(limits)}" if name else memory_message(limits)) from None
    except RecursionError:
        raise LimitExceeded(f"{name}: 文件结构嵌套过深，无法检查" if name else "文件结构嵌套过深，无法检查") from None
    finally:
        _ARMED[0] = False
        restore_memory_limit(old_memory)
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old or signal.SIG_DFL)
        if watchdog is not None:
            watchdog.cancel()
