"""Where reports sit and what the per-report files are called.

Offices file the submissions by district or department (``reports/<区或部门>/…``): the sub-folder
of each report, relative to the folder all the reports share, is its group in the summaries.

``--format pdf=DIR/`` and ``html=DIR/`` write one file per report, named after the report file and
in the same sub-folder as under the inputs' common folder (``reports/区A/司法局.docx`` →
``DIR/区A/司法局.pdf``). Names are made safe for every file system (Windows included) and unique:
see ``output_names``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Iterable

SUMMARY_STEM = "汇总"  # the summary's file in such a folder: 汇总.pdf / 汇总.html

_BAD = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACE = re.compile(r"\s+")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
MAX_NAME_BYTES = 180  # of a name without its extension: well under the 255 bytes of ext4 / NTFS


def common_root(paths: Iterable[str]) -> str:
    """The deepest folder that holds every one of these files ('' for none)."""
    dirs = [os.path.dirname(os.path.abspath(p)) for p in paths]
    if not dirs:
        return ""
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives (Windows)
        return ""


def group_of(path: str, root: str) -> str:
    """The report's sub-folder under root, with '/' between levels ('' when directly in it)."""
    if not root:
        return ""
    rel = os.path.relpath(os.path.dirname(os.path.abspath(path)), root)
    return "" if rel in (".", "") else rel.replace(os.sep, "/")


def safe_name(name: str, fallback: str = "报告") -> str:
    """A file or folder name that every file system takes: no control or reserved characters
    (replaced by _), no leading or trailing dots and spaces, not a Windows device name, at most
    MAX_NAME_BYTES bytes of UTF-8 (cut at a character)."""
    name = unicodedata.normalize("NFC", name)
    name = _SPACE.sub(" ", _BAD.sub("_", name)).strip(" .")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        cut = name.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
        name = cut.rstrip(" .")
    if not name or set(name) == {"_"}:
        name = fallback
    if _RESERVED.match(name):
        name += "_"
    return name


def output_names(paths: list[str], ext: str, reserved: Iterable[str] = ()) -> dict[str, str]:
    """For each report path, its file in the output folder, relative to it, with '/' between
    levels: the sub-folder under the reports' common folder, then the report's file name with
    ``ext`` for its extension (``区A/司法局.pdf``).

    Unique whatever the file system: two names that differ only in case or Unicode form count as
    the same. When a name is taken — by an earlier report, by one of ``reserved`` (the summary's
    file, the inputs themselves) — the report's own extension is kept (``司法局.docx.pdf``), then a
    number is added (``司法局-2.pdf``). Paths are taken in the order given (sorted by the CLI), so
    the same folder always gives the same names."""
    root = common_root(paths)
    taken = {_key(r) for r in reserved}
    out: dict[str, str] = {}
    for p in paths:
        group = group_of(p, root)
        folder = "/".join(safe_name(part, "_") for part in group.split("/")) if group else ""
        base, src_ext = os.path.splitext(os.path.basename(p))
        stem = safe_name(base)
        tries = [stem]
        if src_ext:
            tries.append(safe_name(f"{base}{src_ext}"))
        tries += [f"{stem}-{i}" for i in range(2, len(paths) + 3)]
        for t in tries:
            rel = f"{folder}/{t}{ext}" if folder else f"{t}{ext}"
            if _key(rel) not in taken:
                break
        taken.add(_key(rel))
        out[p] = rel
    return out


def _key(rel: str) -> str:
    return unicodedata.normalize("NFC", rel.replace(os.sep, "/")).casefold()
