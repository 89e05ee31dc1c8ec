"""The printable audit as PDF: the HTML audit rendered by WeasyPrint, one report at a time.

Before anything is checked, ``ensure_available`` makes sure the PDF can be right: WeasyPrint
installed, its system libraries (Pango) loadable, and a font with Chinese characters known to
fontconfig — otherwise one line says what to install, and the run stops with exit 2, rather than
writing a PDF of empty boxes. Nothing is fetched from the network: every URL the document could
name is refused.

Each report's audit is laid out as a document of its own (its pages numbered 第 1 页 / 共 N 页 of
that report, its file named in the footer), so memory holds one report's layout at a time
whatever the number of reports. ``write`` appends the parts — the summary first — to one PDF as
they are made (pdfmerge: one shared subset of each font, a bookmark and a link target per
report); ``write_folder`` writes each to its own file, and the summary to 汇总.pdf beside them.
With several cores the parts are laid out in worker processes (``Run.jobs``, --jobs), in input
order.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
import subprocess
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Iterator

from ..errors import FzcheckError
from . import pdfmerge

if TYPE_CHECKING:
    from . import Run

INSTALL_FONT = "apt-get install fonts-noto-cjk (Debian/Ubuntu), dnf install google-noto-sans-cjk-fonts (Fedora), brew install --cask font-noto-sans-cjk (macOS)"


class PdfUnavailable(FzcheckError):
    """--format pdf cannot work on this machine; the message says what to install."""


def _fc_list_zh() -> list[str] | None:
    """Families of the fonts that cover Chinese, from `fc-list :lang=zh`; None without fc-list."""
    exe = shutil.which("fc-list")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})


def _fontconfig_zh() -> list[str] | None:
    """The same question asked of libfontconfig directly (which Pango uses), for machines that
    have the library but not the fc-list program; None when the library cannot be loaded."""
    name = ctypes.util.find_library("fontconfig")
    if not name:
        return None
    try:
        fc = ctypes.CDLL(name)
    except OSError:
        return None
    fc.FcInitLoadConfigAndFonts.restype = ctypes.c_void_p
    fc.FcNameParse.restype = ctypes.c_void_p
    fc.FcNameParse.argtypes = [ctypes.c_char_p]
    fc.FcObjectSetBuild.restype = ctypes.c_void_p
    fc.FcFontList.restype = ctypes.c_void_p
    fc.FcFontList.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]

    class FontSet(ctypes.Structure):
        _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.c_void_p)]

    config = fc.FcInitLoadConfigAndFonts()
    pattern = fc.FcNameParse(b":lang=zh")
    objects = fc.FcObjectSetBuild(b"family", None)
    fonts = fc.FcFontList(ctypes.c_void_p(config), ctypes.c_void_p(pattern), ctypes.c_void_p(objects))
    n = ctypes.cast(fonts, ctypes.POINTER(FontSet)).contents.nfont if fonts else 0
    return [f"({n} fonts)"] if n else []


def chinese_fonts() -> list[str]:
    """Fonts fontconfig knows that cover Chinese (FZCHECK_FONTS_ZH='' pretends there are none,
    for tests)."""
    if os.environ.get("FZCHECK_FONTS_ZH") is not None:
        return [f for f in os.environ["FZCHECK_FONTS_ZH"].split(",") if f]
    found = _fc_list_zh()
    if found is None:
        found = _fontconfig_zh()
    return found or []


def _weasyprint():
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable("--format pdf needs WeasyPrint: pip install 'fzcheck[pdf]' (or pip install weasyprint)") from None
    except OSError as exc:  # WeasyPrint is there, its system libraries are not
        raise PdfUnavailable(f"--format pdf needs Pango for WeasyPrint: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                             f"(Debian/Ubuntu), brew install pango (macOS) ({str(exc).splitlines()[0]})") from None
    return weasyprint


def ensure_available() -> None:
    _weasyprint()
    try:
        import fontTools  # noqa: F401 - WeasyPrint's own dependency; pdfmerge subsets with it
        import pypdf  # noqa: F401
    except ImportError:
        raise PdfUnavailable("--format pdf needs pypdf to join the reports' pages: pip install 'fzcheck[pdf]' (or pip install pypdf)") from None
    if not chinese_fonts():
        raise PdfUnavailable(f"--format pdf needs a font with Chinese characters, and fontconfig knows none: {INSTALL_FONT}")


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"fzcheck does not fetch anything ({url})")


class Renderer:
    """WeasyPrint in this process, one HTML page → one PDF, the fonts loaded once for all."""

    def __init__(self) -> None:
        self.weasyprint = _weasyprint()
        # CSS it does not know (the screen-only parts of the page) is not the user's concern
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        try:
            from weasyprint.text.fonts import FontConfiguration

            self.fonts = FontConfiguration()
        except ImportError:  # pragma: no cover - an older WeasyPrint
            self.fonts = None
        self._sent: set[str] = set()
        self._session: object = None

    def pdf(self, page: str, faces: bool = False, session: object = None) -> tuple[bytes, list[tuple[str, bytes, int]]]:
        """The PDF of one page and, with ``faces``, the full fonts behind the subsets it embeds
        that were not handed over before in this session (one combined PDF): (name, font file,
        index in a collection)."""
        if session != self._session:
            self._session, self._sent = session, set()
        kw = {"font_config": self.fonts} if self.fonts is not None else {}
        doc = self.weasyprint.HTML(string=page, url_fetcher=_no_fetch).render(**kw)
        data = doc.write_pdf()
        return data, (self._faces(doc) if faces else [])

    def _faces(self, doc: Any) -> list[tuple[str, bytes, int]]:
        out = []
        try:  # WeasyPrint's Document.fonts; without it each part keeps its own fonts
            from weasyprint.text.fonts import get_hb_object_data

            for font in getattr(doc, "fonts", {}).values():
                name = font.name.decode("latin-1") if isinstance(font.name, bytes) else str(font.name)
                if name not in self._sent:
                    self._sent.add(name)
                    out.append((name, bytes(get_hb_object_data(font.hb_face)), int(font.index)))
        except Exception:  # noqa: BLE001 - an internal that moved: no sharing, still a right PDF
            return []
        return out


_RENDERER: Renderer | None = None


def _renderer() -> Renderer:
    global _RENDERER
    if _RENDERER is None:
        _RENDERER = Renderer()
    return _RENDERER


def _part(task: tuple[str, str | None, object]) -> tuple[bytes | None, list[tuple[str, bytes, int]]]:
    """Lay out one page; to a file when the task names one (then nothing comes back)."""
    page, target, session = task
    data, faces = _renderer().pdf(page, faces=target is None, session=session)
    if target is None:
        return data, faces
    from .output import write_bytes_file

    write_bytes_file(target, data)
    return None, []


REPORTS_PER_WORKER = 6  # a worker starts in about a second: it pays from a few reports on
SUMMARY_ROWS = 120  # report rows of the summary laid out at a time (some ten pages)


def render_jobs(run: Run, parts: int) -> int:
    from ..batch import default_jobs

    if run.jobs is not None:
        return max(1, min(run.jobs, parts))
    return max(1, min(default_jobs(), parts // REPORTS_PER_WORKER))


class _Engine:
    """Where pages are laid out: in this process, or in a pool of worker processes."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pool = None

    def __enter__(self) -> "_Engine":
        if self.jobs > 1:
            import multiprocessing

            self.pool = multiprocessing.get_context("spawn").Pool(self.jobs)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.pool is not None:
            self.pool.terminate() if exc[0] else self.pool.close()
            self.pool.join()

    def one(self, task: tuple[str, str | None, object]) -> tuple[bytes | None, list]:
        return _part(task) if self.pool is None else self.pool.apply(_part, (task,))

    def ordered(self, tasks: Iterable[tuple[str, str | None, object]]) -> Iterator[tuple[bytes | None, list]]:
        """_part of each task, in order; at most two tasks a worker wait at any time, so the
        pages not yet laid out are never all held in memory."""
        if self.pool is None:
            for t in tasks:
                yield _part(t)
            return
        pending: deque = deque()
        for t in tasks:
            pending.append(self.pool.apply_async(_part, (t,)))
            if len(pending) >= 2 * self.jobs:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _summary(run: Run, engine: _Engine, merger: pdfmerge.Concatenator, session: object, links: bool,
             tick: Callable[[], None]) -> None:
    """The summary's pages into merger, laid out a piece at a time, one after the other (each
    piece's pages are numbered on from the last one's)."""
    from . import html

    link = (lambda p: f"{pdfmerge.LINK_SCHEME}{html.anchor(p)}") if links and not run.summary_only else None
    base = html.common(run)
    pieces = html.summary_chunks(html.summary_context(run, link), SUMMARY_ROWS)
    for i, piece in enumerate(pieces):
        if len(pieces) > 1:  # the summary opens the PDF: its pages so far are the merger's
            page = html.summary_piece_page(base, piece, merger.pages + 1)
        else:
            page = "".join(html.page(base, [], piece, title="法治政府建设年度报告审核汇总", script=False))
        data, faces = engine.one((page, None, session))
        for face in faces:
            merger.add_face(*face)
        merger.add(data, title="审核汇总" if i == 0 else None)
    tick()


def _reports(run: Run) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each report's page to lay out, with what the combined PDF needs of it (anchor, bookmark)."""
    from . import html
    from .common import document_info
    from .paths import group_of

    base = html.common(run)
    root = run.root()
    for rep in run.reports:
        doc = document_info(rep)
        name = os.path.basename(rep.path)
        yield html.report_page(base, rep), {
            "anchor": html.anchor(rep.path), "group": group_of(rep.path, root) or None,
            "title": f"{doc['title']}（{name}）" if doc["title"] else name,
        }


def units(run: Run) -> int:
    return (1 if run.many or run.summary_only else 0) + (0 if run.summary_only else len(run.reports))


folder_units = units


def _close(merger: pdfmerge.Concatenator, run: Run) -> None:
    from ..api import tool_info

    info = tool_info(run.rules)
    merger.close(title="法治政府建设年度报告审核表", producer=f"fzcheck {info['version']}")


def write(run: Run, out: BinaryIO, tick: Callable[[], None] = lambda: None) -> None:
    """The combined PDF: the summary (several reports), then each report's audit."""
    session = os.urandom(8).hex()  # each combined PDF gets every font handed over afresh
    summary = run.many or run.summary_only
    reports = [] if run.summary_only else run.reports
    with _Engine(render_jobs(run, units(run))) as engine:
        if not summary and len(reports) == 1:  # one report: WeasyPrint's PDF as it is
            page, _ = next(_reports(run))
            data, _ = engine.one((page, None, session))
            out.write(data)
            tick()
            return
        merger = pdfmerge.Concatenator(out)
        if summary:
            _summary(run, engine, merger, session, links=True, tick=tick)
        metas: deque = deque()

        def tasks() -> Iterator[tuple[str, None, str]]:
            for page, meta in ([] if run.summary_only else _reports(run)):
                metas.append(meta)
                yield page, None, session

        for data, faces in engine.ordered(tasks()):
            for face in faces:
                merger.add_face(*face)
            merger.add(data, **metas.popleft())
            tick()
        _close(merger, run)


def write_folder(run: Run, folder: str, tick: Callable[[], None] = lambda: None, inputs: Iterable[str] = ()) -> list[str]:
    """One PDF per report in folder (named after the report, see paths.output_names) and, with
    several reports, 汇总.pdf; returns the files written, relative to folder."""
    from . import html
    from .output import atomic
    from .paths import SUMMARY_STEM

    names = html.folder_names(run, folder, ".pdf", inputs)
    written: list[str] = []
    with _Engine(render_jobs(run, folder_units(run))) as engine:
        if run.many or run.summary_only:
            with atomic(Path(folder) / (SUMMARY_STEM + ".pdf")) as fh:
                merger = pdfmerge.Concatenator(fh)
                _summary(run, engine, merger, os.urandom(8).hex(), links=False, tick=tick)
                _close(merger, run)
            written.append(SUMMARY_STEM + ".pdf")

        def tasks() -> Iterator[tuple[str, str, None]]:
            for rep, (page, _) in zip([] if run.summary_only else run.reports, _reports(run)):
                written.append(names[rep.path])
                yield page, str(Path(folder) / written[-1]), None

        for _ in engine.ordered(tasks()):
            tick()
    return written


def render(run: Run) -> bytes:
    import io

    buf = io.BytesIO()
    write(run, buf)
    return buf.getvalue()
