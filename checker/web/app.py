"""The Starlette application: the page, the upload that checks one file, the PDF audit.

Routes:
  GET  /              the page (templates/index.html.j2; its script and style under /static/)
  POST /api/check     one file (multipart field "file") → JSON: the result's HTML fragment and
                      every download (JSON, HTML audit, commented .docx in base64), or an error
  POST /api/pdf       fzcheck's JSON of checked reports → the PDF audit
  GET  /api/status    the workers and what they can render (for tests and the bench)
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from typing import Any
from urllib.parse import urlsplit

import anyio
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..read import REPORT_EXTENSIONS, SUPPORTED
from .pool import Busy, Pool

HERE = os.path.dirname(os.path.abspath(__file__))
#: a multipart body is the file plus a few hundred bytes of headers
OVERHEAD = 64 * 1024
#: past this much more than the limit, an oversized upload is no longer read to its end (the
#: connection is dropped instead); below it, it is, so that the browser gets the answer
DRAIN = 512 * 1024 * 1024
MAX_JSON = 32 * 1024 * 1024  # the reports sent back for a PDF
#: what the page itself refuses before uploading; the readers decide by content, so this is only
#: for the file chooser's filter
ACCEPT = sorted(REPORT_EXTENSIONS - {".ofd"})

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
     b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class _Headers:
    """Every response: no loading from elsewhere (CSP), no caching of what may be an internal
    document, no framing."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(Exception):
    pass


def _limited(receive, cap: int):
    seen = 0

    async def inner():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > cap:
                raise _TooLarge()
        return message

    return inner


async def _drain(request: Request, cap: int = DRAIN) -> None:
    """Read what is left of the request body (up to cap), so the browser still gets the answer."""
    seen = 0
    with contextlib.suppress(Exception):
        with anyio.fail_after(60):
            while seen < cap:
                message = await request.receive()
                if message["type"] != "http.request":
                    return
                seen += len(message.get("body", b""))
                if not message.get("more_body", False):
                    return


class JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        import orjson

        return orjson.dumps(content)


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f}".rstrip("0").rstrip(".")


def too_big(size: int | None, limit: int) -> str:
    have = f"文件大小 {_mb(size)} MB，" if size else "文件"
    return f"{have}超过了 {_mb(limit)} MB 的上限：请删去报告中的图片后另存，或只保留报告正文再上传"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_name(filename: str | None) -> str:
    """The upload's own file name, safe to create in a folder: no path, no control or reserved
    characters, not hidden, not too long (the extension kept)."""
    name = unicodedata.normalize("NFC", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if len(ext) > 10:
        stem, ext = name, ""
    stem = stem[:100] or "报告"
    return f"{stem}.{ext}" if ext else stem


def _error(status: int, message: str, name: str | None = None) -> JSON:
    return JSON({"ok": False, "name": name, "error": message}, status_code=status)


def _same_origin(request: Request) -> bool:
    """A POST from another web site (its page in the same browser) is refused."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def create_app(pool: Pool, max_bytes: int = 20 * 2**20, allowed_hosts: list[str] | None = None) -> Starlette:
    from .jobs import environment

    env = environment()
    limiter = anyio.CapacityLimiter(pool.limits.workers + pool.limits.queue + 1)

    async def index(request: Request) -> Response:
        html = env.get_template("index.html.j2").render(
            version=__version__, max_mb=_mb(max_bytes), max_bytes=max_bytes, supported=SUPPORTED,
            accept=",".join(ACCEPT))
        return HTMLResponse(html)

    async def status(request: Request) -> Response:
        caps = await anyio.to_thread.run_sync(pool.caps, limiter=limiter)
        return JSON({"version": __version__, "workers": pool.limits.workers, "pids": pool.pids(),
                     "restarts": pool.restarts, "caps": caps, "max_bytes": max_bytes})

    async def check(request: Request) -> Response:
        """One report, and with ?previous=1 last year's report of the same issuer beside it
        (the form's ``previous`` file) for the year-on-year rules; each file up to max_bytes."""
        if not _same_origin(request):
            return _error(403, "请求来自其他网站，已拒绝")
        pair = request.query_params.get("previous") == "1"
        cap = (2 if pair else 1) * max_bytes + OVERHEAD
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            if int(length) <= cap + DRAIN:
                await _drain(request)
            if pair:
                return _error(413, f"两个文件共 {_mb(int(length) - 400)} MB：每个文件不能超过 {_mb(max_bytes)} MB")
            return _error(413, too_big(int(length) - 200, max_bytes))
        try:
            form = await Request(request.scope, _limited(request.receive, cap)).form(
                max_files=2 if pair else 1, max_fields=5)
        except _TooLarge:
            await _drain(request)
            return _error(413, too_big(None, max_bytes))
        except ClientDisconnect:
            return _error(400, "上传中断，请重新选择文件")
        except Exception:  # python-multipart's refusal of a malformed body
            return _error(400, "上传的数据不完整或格式不对，请重新选择文件")
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                return _error(400, "没有收到文件，请重新选择文件")
            name = safe_name(upload.filename)
            data = await upload.read()
            last = form.get("previous") if pair else None
            if pair and not isinstance(last, UploadFile):
                return _error(400, "没有收到上一年度的报告，请重新选择", name)
            prev_name = prev_data = None
            if isinstance(last, UploadFile):
                prev_name = safe_name(last.filename)
                if prev_name.casefold() == name.casefold():  # one folder (a file system that ignores case too)
                    prev_name = "上年-" + prev_name
                prev_data = await last.read()
        finally:
            await form.close()
        if not data:
            return _error(422, "文件是空的（0 字节）：请选择报告文件本身", name)
        if len(data) > max_bytes:
            return _error(413, too_big(len(data), max_bytes), name)
        if prev_name is not None:
            if not prev_data:
                return _error(422, f"上一年度的报告 {prev_name} 是空的（0 字节）", name)
            if len(prev_data) > max_bytes:
                return _error(413, "上一年度的报告：" + too_big(len(prev_data), max_bytes), name)
            if prev_data == data:
                return _error(422, f"选择的上一年度报告 {prev_name} 与本报告是同一份文件：请选择上一年度的报告", name)
        # the uploads live only in this private folder (mode 0700) while they are checked
        folder = tempfile.mkdtemp(prefix="fzcheck-web-")
        try:
            for n, d in ((name, data), (prev_name, prev_data)):
                if n is not None:
                    with open(os.path.join(folder, n), "wb") as f:
                        f.write(d)
            del data, prev_data
            kind, value = await anyio.to_thread.run_sync(pool.call, ("check", folder, name, prev_name), limiter=limiter)
        except Busy as exc:
            return _error(503, str(exc), name)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if kind != "ok":
            return _error(422, value, name)
        return JSON({"ok": True, **value})

    async def pdf(request: Request) -> Response:
        import orjson

        if not _same_origin(request):
            return _error(403, "请求来自其他网站，已拒绝")
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_JSON:
            return _error(413, "检查结果太大，无法生成 PDF")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_JSON:
                return _error(413, "检查结果太大，无法生成 PDF")
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError:
            return _error(400, "无法生成 PDF：收到的不是检查结果（JSON）")
        try:
            kind, value = await anyio.to_thread.run_sync(pool.call, ("pdf", data), limiter=limiter)
        except Busy as exc:
            return _error(503, str(exc))
        if kind != "ok":
            return _error(422, value)
        return Response(value, media_type="application/pdf")

    routes = [
        Route("/", index),
        Route("/api/status", status),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/pdf", pdf, methods=["POST"]),
        Mount("/static", StaticFiles(directory=os.path.join(HERE, "static")), name="static"),
    ]
    middleware = [Middleware(_Headers)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    return Starlette(routes=routes, middleware=middleware)
