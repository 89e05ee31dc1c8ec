"""Which files of a folder are reports: every file is accounted for.

A folder of submissions as it really arrives holds reports in every format, and around them the
files people keep beside them. Each file found is one of:

- **checked**: a report format (.txt .md .docx .doc .wps .rtf .odt .pdf .html .ofd); it is read,
  or it is *unreadable* and the run says why;
- **skipped**: not a report (an image, a spreadsheet, a slide deck, an archive, a program, a
  README …), listed with the reason in every output;
- **ignored** and not counted: what is no submission at all — hidden files and folders
  (``.git``, ``.DS_Store``), Word's and LibreOffice's lock files (``~$报告.docx``,
  ``.~lock.报告.docx#``) left while someone has the file open, editor and system temp files
  (``报告.docx~``, ``~WRL0001.tmp``, ``*.swp``, ``Thumbs.db``, ``desktop.ini``).

A file named on the command line is always checked, whatever its name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .errors import InputError
from .read import REPORT_EXTENSIONS, SUPPORTED, shown

_IGNORED_NAME = re.compile(
    r"^(?:~\$|\.~lock\.|~WRL\d+\.tmp$|~\$|\.#)|(?:~|\.swp|\.swo|\.tmp|\.bak|\.crdownload|\.part)$|"
    r"^(?:Thumbs\.db|desktop\.ini|\.DS_Store|ehthumbs\.db)$", re.I)
_NOT_REPORTS = {
    "图片": {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg", ".heic", ".ico"},
    "表格": {".xls", ".xlsx", ".xlsm", ".et", ".ods", ".csv", ".tsv", ".numbers"},
    "演示文稿": {".ppt", ".pptx", ".dps", ".odp", ".key"},
    "压缩包": {".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".cab"},
    "音视频": {".mp3", ".mp4", ".wav", ".avi", ".mov", ".wmv", ".flv", ".m4a", ".mkv"},
    "程序或脚本": {".exe", ".dll", ".msi", ".bat", ".cmd", ".sh", ".ps1", ".py", ".js", ".jar", ".apk"},
    "数据或配置文件": {".json", ".xml", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".log", ".db", ".sqlite"},
}
_KIND = {ext: kind for kind, exts in _NOT_REPORTS.items() for ext in exts}
# notes kept beside the reports, not reports themselves
_README = re.compile(r"^(?:readme|license|licence|changelog|contributing|authors|notice)(?:\.[a-z]+)?$", re.I)


@dataclass
class Collected:
    paths: list[str] = field(default_factory=list)  # to check, in order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): not reports


def ignored(name: str) -> bool:
    """A file that is no submission at all: hidden, a lock file, a temp file."""
    return name.startswith(".") or bool(_IGNORED_NAME.search(name))


def not_a_report(name: str) -> str | None:
    """Why a file found in a folder is not a report, or None when it may be one."""
    suffix = Path(name).suffix.lower()
    if suffix in REPORT_EXTENSIONS:
        return "说明文件，不是报告" if _README.match(name) else None
    kind = _KIND.get(suffix)
    if kind:
        return f"不是报告（{kind}）"
    return f"不是报告（{suffix} 文件）" if suffix else "不是报告（没有扩展名）"


def collect(paths: Sequence[str]) -> Collected:
    """Files as given; folders walked recursively, in sorted order, each file checked, skipped or
    ignored as above. A folder with no report at all is an error (exit 2)."""
    out = Collected()
    for p in paths:
        path = Path(p)
        if not path.is_dir():
            out.paths.append(p)
            continue
        reports: list[str] = []
        others: list[tuple[str, str]] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if ignored(name):
                    continue
                full = os.path.join(root, name)
                why = not_a_report(name)
                if why:  # shown as every output can write it (a name in another encoding, a newline)
                    others.append((shown(full), why))
                else:
                    reports.append(full)
        out.paths.extend(sorted(reports))  # sorted by their whole path, as `ls -R | sort` would
        out.skipped.extend(sorted(others))
        if not reports:
            raise InputError(f"{shown(p)}: 文件夹里没有报告（可读取的格式：{SUPPORTED}）")
    return out
