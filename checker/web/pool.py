"""The bounded pool of worker processes the web server checks uploads in.

A check is CPU work in Python (and sometimes a LibreOffice conversion), so it runs in worker
processes, never in the server's event loop: a fixed number of them (``--workers``), each
checking one upload at a time. The server hands a task to an idle worker from a thread and waits
for the answer with a deadline:

- the check runs under the CLI's per-report limits (checker/limits.py: its timer ends a check
  between two Python instructions, so the readers' cleanup runs — a LibreOffice conversion is
  stopped, its temporary folder removed), the downloads under the rest of the task's time; if a C
  call does not return, the pool kills the worker GRACE seconds later and starts a new one;
- the worker's data segment is capped (``RLIMIT_DATA``, checker/limits.py, as for the CLI), so a
  decompression bomb ends in MemoryError; a worker that dies anyway is replaced;
- at most ``workers + queue`` tasks are admitted at once; the rest are turned away at once with
  "busy" rather than piling up, and a task that waits longer than ``wait`` for a worker too.

Workers are started with ``spawn`` when the server starts (a fresh interpreter each, holding
nothing of the server's threads), so the first upload does not wait for Python to import fzcheck.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any

GRACE = 5.0  # seconds past the time limit before a stuck worker is killed
STARTUP = 60.0  # what a new worker may take to import fzcheck and load the rules (a busy machine)


class Busy(Exception):
    """Every worker is busy and the queue is full, or the wait for a worker was too long."""


@dataclass
class Limits:
    seconds: float = 60.0  # for one task: reading, checking, rendering the downloads
    memory_mb: int = 1024  # the data segment of a worker
    workers: int = 2
    queue: int = 32  # tasks admitted beyond those being worked on
    wait: float = 120.0  # seconds a task may wait for a free worker
    file_mb: float = 20.0  # the largest upload (the readers' own file size bound is raised to it)


def _worker(conn, rule_paths: list[str], bundled: bool, memory_mb: int, file_mb: float) -> None:
    """A worker process: load once, then answer tasks one at a time until told to stop."""
    import warnings

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the terminal is the server's to handle
    warnings.simplefilter("ignore")
    from . import jobs

    jobs.MEMORY_MB, jobs.FILE_MB = memory_mb, file_mb
    try:
        caps = jobs.init(rule_paths, bundled)
    except Exception as exc:  # a broken rule pack: say so, and stop
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    from ..limits import Limits as CheckLimits, apply_memory_limit

    apply_memory_limit(CheckLimits(memory_mb=memory_mb))  # the worker's whole life, not only its checks
    conn.send(("ready", caps))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task, seconds = message
        restart = False
        try:
            answer = jobs.run(task, seconds)
        except MemoryError:
            answer, restart = ("error", f"检查超过了 {memory_mb} MB 的内存限制，已停止（文件可能过大，或是压缩炸弹）"), True
        except RecursionError:
            answer = ("error", "文件结构嵌套过深，无法检查")
        except Exception as exc:  # a bug, or a library's surprise on one file: that file only
            what = " ".join(str(exc).split())[:200]
            answer = ("error", f"无法检查此文件（内部错误 {type(exc).__name__}: {what}）")
        try:
            conn.send((*answer, restart))
        except (BrokenPipeError, OSError):
            return
        except MemoryError:  # pragma: no cover - an answer too big to pickle under the limit
            conn.send(("error", f"结果超过了 {memory_mb} MB 的内存限制", True))
            restart = True
        if restart:  # the heap may be fragmented or half-built: start afresh (the pool knows)
            return


class _Worker:
    def __init__(self, ctx, args: tuple) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, *args), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.caps: dict[str, Any] = {}

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise TimeoutError("worker did not start")
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            raise RuntimeError(f"worker exited while starting (exit code {self.proc.exitcode})") from None
        if kind != "ready":
            raise RuntimeError(f"worker failed to start: {value}")
        self.ready, self.caps = True, value

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(2)
        except Exception:  # pragma: no cover - already gone
            pass
        self.conn.close()


class Pool:
    def __init__(self, limits: Limits, rule_paths: list[str] | None = None, bundled: bool = True) -> None:
        self.limits = limits
        self.ctx = multiprocessing.get_context("spawn")
        self.args = (list(rule_paths or []), bundled, limits.memory_mb, limits.file_mb)
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.admit = threading.BoundedSemaphore(limits.workers + limits.queue)
        self.all: list[_Worker] = []
        self.lock = threading.Lock()
        self.closed = False
        self.restarts = 0
        self._caps: dict[str, Any] | None = None
        for _ in range(limits.workers):
            self.idle.put(self._start())

    def _start(self) -> _Worker:
        w = _Worker(self.ctx, self.args)
        with self.lock:
            self.all.append(w)
        return w

    def _replace(self, w: _Worker) -> _Worker:
        w.kill()
        with self.lock:
            if w in self.all:
                self.all.remove(w)
            self.restarts += 1
        return self._start()

    def caps(self, timeout: float = STARTUP) -> dict[str, Any]:
        """What the workers can render (asked of the first one ready, once)."""
        if self._caps is not None:
            return dict(self._caps)
        w = self.idle.get(timeout=timeout)
        try:
            w.wait_ready(timeout)
            self._caps = dict(w.caps)
            return dict(w.caps)
        except Exception:
            w = self._replace(w)
            raise
        finally:
            self.idle.put(w)

    def pids(self) -> list[int]:
        with self.lock:
            return [w.proc.pid for w in self.all if w.proc.pid]

    def call(self, task: tuple) -> tuple[str, Any]:
        """Run a task on a worker: ("ok", value) or ("error", one-line Chinese message).
        Raises Busy when it cannot be taken now."""
        if self.closed:
            raise Busy("服务器正在关闭")
        if not self.admit.acquire(blocking=False):
            raise Busy("服务器正忙（同时检查的文件太多），请稍后再试")
        try:
            try:
                w = self.idle.get(timeout=self.limits.wait)
            except queue.Empty:
                raise Busy("服务器正忙，等待超过了 {:g} 秒，请稍后再试".format(self.limits.wait)) from None
            try:
                if not w.proc.is_alive():  # died while idle (killed from outside): not this task's fault
                    w = self._replace(w)
                try:
                    w.wait_ready(STARTUP)
                except Exception:
                    w = self._replace(w)
                    try:
                        w.wait_ready(STARTUP)
                    except Exception as exc:  # twice: something is wrong with this installation
                        return "error", f"检查进程无法启动（{' '.join(str(exc).split())[:200]}），请查看运行 fzcheck serve 的窗口"
                answer, w = self._ask(w, task)
                return answer
            finally:
                if self.closed:
                    w.kill()
                else:
                    self.idle.put(w)
        finally:
            self.admit.release()

    def _ask(self, w: _Worker, task: tuple) -> tuple[tuple[str, Any], _Worker]:
        deadline = time.monotonic() + self.limits.seconds + GRACE
        try:
            w.conn.send((task, self.limits.seconds))
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return ("error", f"检查超过了 {self.limits.seconds:g} 秒的时间限制，已停止"), self._replace(w)
                if w.conn.poll(min(left, 0.5)):
                    kind, value, restart = w.conn.recv()
                    return (kind, value), (self._replace(w) if restart else w)
                if not w.proc.is_alive():
                    raise EOFError
        except (EOFError, OSError):
            # the worker died: the memory limit past what Python could report, or a reader's crash
            w.proc.join(1)
            code = w.proc.exitcode
            answer = ("error", f"检查时处理进程意外退出（可能超过了 {self.limits.memory_mb} MB 的内存限制，"
                               f"或文件已损坏{f'，退出码 {code}' if code not in (None, 0) else ''}）")
            return answer, self._replace(w)

    def close(self) -> None:
        self.closed = True
        with self.lock:
            workers = list(self.all)
        for w in workers:
            try:
                w.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for w in workers:
            w.proc.join(2)
            if w.proc.is_alive():
                w.kill()


def default_workers() -> int:
    """One worker per core, at most four (the server itself mostly waits on the network)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))
