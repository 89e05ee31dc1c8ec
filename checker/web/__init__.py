"""fzcheck serve: the clerk's workbench, a local web page over the same checks as the CLI.

Starlette on uvicorn serves one page (checker/web/templates, static/): the clerk drops in one or
several reports, each is uploaded on its own and checked in a bounded pool of worker processes
(checker/web/pool.py, checker/web/jobs.py), and the page shows the title block, the counts, the
findings and the report's own text with the evidence marked.

Nothing the clerk uploads is kept. An upload is parsed in memory (python-multipart spills a
large one to an unnamed temporary file), written to a private folder (mode 0700) for the worker
to read, and the folder is removed before the response is sent. Every download — the JSON, the
printable 审核表 (HTML), the report with Word comments — is rendered at check time, while the
upload still exists, and travels to the page with the result; the page turns them into files in
the browser. The PDF 审核表 is the one download rendered later, on request, from the JSON the
page sends back (rendering it costs ~0.5 s, which most clerks would pay for nothing). So the
server holds no document, result or token between requests, and a restart loses nothing.

Everything the page loads comes from this package (no CDN, no web fonts: the system's Chinese
fonts by name), and the Content-Security-Policy forbids loading anything from anywhere else.
"""

from __future__ import annotations

import dataclasses
import socket
import sys
import threading
from dataclasses import dataclass, field

from ..errors import FzcheckError
from .pool import Limits, default_workers

DEFAULT_PORT = 8765
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
INSTALL = "fzcheck serve 需要网页组件：pip install 'fzcheck[web]'（或 make install）"


class ServeError(FzcheckError):
    """The server cannot start (a port in use, the web extra missing); one line, exit 2."""


@dataclass
class Config:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    max_mb: float = 20.0
    limits: Limits = field(default_factory=lambda: Limits(workers=default_workers()))
    rule_paths: list[str] = field(default_factory=list)
    bundled: bool = True
    open_browser: bool = False

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 2**20)

    @property
    def lan(self) -> bool:
        return self.host not in LOOPBACK


def require() -> None:
    try:
        import python_multipart  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise ServeError(INSTALL) from None


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is one line, not a log."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise ServeError(f"端口 {port} 已被占用：换一个端口（--port {port + 1}），或先关闭占用它的程序") from None
        raise ServeError(f"无法在 {host}:{port} 上启动：{exc.strerror or exc}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def lan_addresses() -> list[str]:
    """This machine's addresses on the office network, for the LAN warning (no packet sent)."""
    out = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # UDP connect: picks the outgoing interface only
            out.append(s.getsockname()[0])
        except OSError:
            pass
    return [a for a in out if not a.startswith("127.")]


class Server:
    """The pool, the app and uvicorn on a bound socket; ``start`` in a thread (tests, bench) or
    ``run`` in the foreground (fzcheck serve)."""

    def __init__(self, cfg: Config, sock: socket.socket | None = None, allowed_hosts: list[str] | None = None) -> None:
        require()
        import uvicorn

        from .app import create_app
        from .pool import Pool

        self.cfg = cfg
        self.sock = sock or bind(cfg.host, cfg.port)
        self.port = self.sock.getsockname()[1]
        self.url = url_of(cfg.host, self.port)
        # the readers' own file size bound is raised to the upload limit
        self.pool = Pool(dataclasses.replace(cfg.limits, file_mb=cfg.max_mb), cfg.rule_paths, cfg.bundled)
        if allowed_hosts is None:
            allowed_hosts = ["*"] if cfg.lan else ["127.0.0.1", "localhost", "[::1]", "::1"]
        self.app = create_app(self.pool, cfg.max_bytes, allowed_hosts)
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=5, h11_max_incomplete_event_size=64 * 1024)
        self.server = uvicorn.Server(config)
        self.thread: threading.Thread | None = None

    def run(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.pool.close()

    def start(self) -> "Server":
        self.thread = threading.Thread(target=self.run, name="fzcheck-serve", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(15)
        self.pool.close()
        self.sock.close()


def serve(cfg: Config) -> int:
    server = Server(cfg)
    out = sys.stderr
    print(f"fzcheck 审核工作台已启动：{server.url}", file=out)
    print("在浏览器中打开上面的地址，把报告文件拖进页面即可检查；按 Ctrl+C 停止。", file=out)
    if cfg.lan:
        addrs = "、".join(f"http://{a}:{server.port}/" for a in lan_addresses()) or f"本机 IP 地址的 {server.port} 端口"
        print(f"警告：已对局域网开放（{cfg.host}:{server.port}），同一网络中的任何人都能打开此页面并上传文件"
              f"（同事可访问 {addrs}）。服务器不保存上传的文件和检查结果，但请只在可信的单位内网中这样使用。",
              file=out)
    print(f"单个文件不超过 {cfg.max_mb:g} MB；每份检查限时 {cfg.limits.seconds:g} 秒；同时检查 {cfg.limits.workers} 份。", file=out)
    out.flush()
    if cfg.open_browser:
        import webbrowser

        threading.Timer(0.8, webbrowser.open, args=(server.url,)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    return 0


def main(args) -> int:
    """fzcheck serve, from its parsed command line (checker/cli.py)."""
    from ..errors import UsageError

    if not 0 <= args.port <= 65535:
        raise UsageError("--port: 端口应在 0 到 65535 之间")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers: 至少为 1")
    if args.max_size <= 0 or args.time_limit <= 0 or args.memory_limit <= 0:
        raise UsageError("--max-size / --time-limit / --memory-limit: 必须大于 0")
    require()
    limits = Limits(seconds=args.time_limit, memory_mb=args.memory_limit, workers=args.workers or default_workers())
    return serve(Config(host=args.host, port=args.port, max_mb=args.max_size, limits=limits,
                        rule_paths=args.rules or [], bundled=not args.no_default_rules, open_browser=args.open))
