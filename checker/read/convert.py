"""Read the word-processor files the .docx reader cannot open: LibreOffice converts them to .docx.

.doc and .wps (Word 97-2003 and WPS Writer, both kept in the old Office container), .rtf, and
OpenDocument text (.odt, flat .fodt), with their templates (.dot, .wpt, .ott), are converted by
LibreOffice headless (``soffice --convert-to docx``) and the result is read by the .docx reader.
So every rule of that reader holds for them too (Word's list numbers, heading styles, bold
lead-ins, tables, the table of contents left out), and the locations are the same 第N段 /
表T第R行: LibreOffice keeps the body's paragraphs and tables one for one (the tests check that a
.doc, .rtf and .odt copy of each fixture gives the locations of the .docx). The Source keeps the
original's path and says what it was (format "doc", "wps", "rtf", "odt").

Why LibreOffice for .odt too, rather than a native reader (odfpy, odfdo, lxml on content.xml):
none of those computes the numbers of automatic lists and outline headings ("一、", "（二）"),
which many reports' headings are, and the rest (styles, bold, tables, TOC) would be a second
copy of the .docx reader; the conversion gets all of it right for 0.8 s a file.

Each conversion runs in a sandbox of its own:

- a private temporary directory (mode 0700) holding a copy of the input under a fixed name, a
  fresh LibreOffice user profile (``-env:UserInstallation``: the user's own profile, its macro
  settings and recent-files list are never used or changed; a new profile has macro security
  "high", so a document's macros do not run) and HOME / TMPDIR, so nothing is written elsewhere;
  the user's file is never opened, only read once into memory by the caller;
- no network: where ``unshare --net`` works (as root, or unprivileged with a user namespace,
  ``unshare --map-root-user --net``) LibreOffice runs in a network namespace of its own with
  no interface but a loopback that is down, so a document's links to remote images or files
  are not fetched. Where it does not work (macOS, Windows, containers without namespaces) it
  runs without, since LibreOffice itself needs no network to convert;
- a time limit (``FZCHECK_SOFFICE_TIMEOUT`` seconds, default 60): on expiry its whole process
  group (soffice, oosplash, soffice.bin) is killed, and it is killed after a normal exit too,
  so nothing is left running;
- bounded output: with ``prlimit`` (util-linux) no file it writes may pass MAX_OUTPUT, and a
  .docx that reaches it is refused; stdin is closed, stdout/stderr go to a file in the
  temporary directory (never to ours), and the directory is always removed.

Conversions share nothing, so several worker processes (``--jobs``) convert at the same time.
Where soffice cannot be found (PATH, ``FZCHECK_SOFFICE``, the usual install folders) the file
is refused with one line that says what to install.
"""

from __future__ import annotations

import functools
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..errors import InputError
from . import Source

#: the Source.format of each kind, and the name its copy gets in the sandbox (LibreOffice picks
#: the filter by content; the extension only has to be one of the family)
INPUT_NAMES = {"doc": "input.doc", "wps": "input.wps", "rtf": "input.rtf", "odt": "input.odt", "fodt": "input.fodt"}
FORMAT = {"doc": "doc", "wps": "wps", "rtf": "rtf", "odt": "odt", "fodt": "odt"}

MISSING = ("需要 LibreOffice 才能读取 .doc/.wps/.rtf/.odt 文件：请安装 libreoffice-writer"
           "（Debian/Ubuntu: apt install libreoffice-writer-nogui），或在 Word/WPS 中另存为 .docx")
SAVE_AS = "请在 Word/WPS 中打开并另存为 .docx 后再检查"

DEFAULT_TIMEOUT = 60.0
#: the largest file LibreOffice may write (the .docx, its log, its profile)
MAX_OUTPUT = 256 * 1024 * 1024

_KNOWN_LOCATIONS = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    os.path.join(os.environ.get("ProgramFiles", r"C:\Program Files"), "LibreOffice", "program", "soffice.exe"),
    os.path.join(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)"), "LibreOffice", "program", "soffice.exe"),
    "/opt/libreoffice*/program/soffice",  # LibreOffice's own .deb / .rpm packages
)


def find_soffice() -> str | None:
    """The LibreOffice program: $FZCHECK_SOFFICE, soffice / libreoffice on PATH, or where the
    installers put it."""
    given = os.environ.get("FZCHECK_SOFFICE")
    if given:
        return shutil.which(given)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in _KNOWN_LOCATIONS:
        for path in sorted(glob.glob(pattern), reverse=True):  # the newest /opt/libreofficeX.Y first
            if os.path.isfile(path) and os.access(path, os.X_OK):
                return path
    return None


def _timeout() -> float:
    try:
        value = float(os.environ.get("FZCHECK_SOFFICE_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def _works(cmd: list[str]) -> bool:
    try:
        return subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@functools.lru_cache(maxsize=None)
def sandbox_prefix() -> tuple[str, ...]:
    """The commands that put LibreOffice in its box, tried once per process: prlimit (no file
    over MAX_OUTPUT, no core dump) and unshare (no network), each where it exists and works."""
    prefix: list[str] = []
    true = shutil.which("true") or "true"
    prlimit = shutil.which("prlimit")
    if prlimit and _works([prlimit, f"--fsize={MAX_OUTPUT}", "--core=0", "--", true]):
        prefix += [prlimit, f"--fsize={MAX_OUTPUT}", "--core=0", "--"]
    unshare = shutil.which("unshare")
    if unshare and sys.platform.startswith("linux"):
        for flags in (["--net"], ["--map-root-user", "--net"]):
            if _works([unshare, *flags, "--", true]):
                prefix += [unshare, *flags, "--"]
                break
    return tuple(prefix)


def _kill(proc: subprocess.Popen) -> None:
    """Kill the conversion and everything it started (its process group), then reap it."""
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    else:  # pragma: no cover - Windows
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.kill()
    except OSError:
        pass
    proc.wait()


#: the last conversions, (soffice, kind, sha256 of the input) → the .docx, up to _RECENT_BYTES in
#: all: the commented copy of a .doc (checker/report/docx_out.py) is made on the very .docx the
#: check read, without a second LibreOffice run
_RECENT: dict[str, bytes] = {}
_RECENT_BYTES = 64 * 2**20
_RECENT_LOCK = threading.Lock()


def to_docx(data: bytes, name: str, kind: str) -> bytes:
    """The bytes of a .doc/.wps/.rtf/.odt file converted to .docx by LibreOffice, in a sandbox.
    Raises InputError (one line) when LibreOffice is missing, times out or cannot convert it."""
    import hashlib

    soffice = find_soffice()
    if soffice is None:
        raise InputError(f"{name}: {MISSING}")
    key = f"{soffice}\0{kind}\0{hashlib.sha256(data).hexdigest()}"
    with _RECENT_LOCK:
        if key in _RECENT:
            return _RECENT[key]
    result = _convert(soffice, data, name, kind)
    with _RECENT_LOCK:
        while _RECENT and sum(map(len, _RECENT.values())) + len(result) > _RECENT_BYTES:
            del _RECENT[next(iter(_RECENT))]
        if len(result) <= _RECENT_BYTES:
            _RECENT[key] = result
    return result


def forget() -> None:
    """Drop the conversions kept for reuse (the web server keeps nothing of an upload once its
    downloads are made)."""
    with _RECENT_LOCK:
        _RECENT.clear()


def _convert(soffice: str, data: bytes, name: str, kind: str) -> bytes:
    timeout = _timeout()
    work = Path(tempfile.mkdtemp(prefix="fzcheck-soffice-"))
    try:
        src = work / INPUT_NAMES[kind]
        src.write_bytes(data)
        out = work / "out"
        home = work / "home"
        home.mkdir()
        cmd = [*sandbox_prefix(), soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
               "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)]
        env = dict(os.environ, HOME=str(home), TMPDIR=str(work), TMP=str(work), TEMP=str(work),
                   XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"))
        with open(work / "soffice.log", "wb") as log:
            try:
                proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=work, env=env,
                                        start_new_session=os.name == "posix",
                                        creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0))
            except OSError as exc:
                raise InputError(f"{name}: 无法启动 LibreOffice（{soffice}: {exc.strerror or exc}）") from None
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise InputError(f"{name}: LibreOffice 转换超过 {timeout:g} 秒仍未完成，已终止"
                                 f"（文件可能过大或已损坏）；{SAVE_AS}") from None
            finally:
                _kill(proc)
        result = out / (src.stem + ".docx")
        if not result.is_file():
            raise InputError(f"{name}: LibreOffice 无法读取此文件（可能已损坏，或不是文字处理文档）；{SAVE_AS}")
        if result.stat().st_size >= MAX_OUTPUT:
            raise InputError(f"{name}: 转换结果超过 {MAX_OUTPUT // 2**20} MB，已放弃；{SAVE_AS}")
        return result.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def read_converted(data: bytes, name: str, kind: str) -> Source:
    """Read a .doc/.wps/.rtf/.odt file: converted to .docx, read by the .docx reader; the Source
    keeps the original's name and says what it was."""
    from .docx import read_docx

    source = read_docx(to_docx(data, name, kind), name)
    source.format = FORMAT[kind]
    return source
