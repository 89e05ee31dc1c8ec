"""Command line: fzcheck check | rules | segment.

Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 usage or input error (one line on
stderr, never a traceback; FZCHECK_DEBUG=1 shows the traceback of an internal error).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import FzcheckError, InputError, UsageError

REPORT_EXTENSIONS = {".txt", ".text", ".md", ".markdown"}
FAIL_ON = {"fail": {"fail"}, "warn": {"warn", "fail"}, "never": set()}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(message)


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def collect(paths: Sequence[str]) -> list[str]:
    """Files as given, folders searched recursively for reports (hidden entries skipped)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                str(f) for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in REPORT_EXTENSIONS
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            if not found:
                raise InputError(f"{p}: no reports (.txt, .md) in this folder")
            out.extend(found)
        else:
            out.append(p)
    return out


def _load_rules(args: argparse.Namespace):
    from .evaluate import load_rules

    return load_rules(args.rules or [], bundled=not args.no_default_rules)


def _check_ids(rules, ids: list[str], option: str) -> None:
    known = [r["id"] for r in rules.rules]
    for i in ids:
        prefix = i.rstrip(".*")
        if not any(k == i or k.startswith(prefix + ".") for k in known):
            raise UsageError(f"{option}: no rule '{i}' (see `fzcheck rules`)")


def cmd_check(args: argparse.Namespace) -> int:
    from .api import check_path
    from .report import FORMATS

    rules = _load_rules(args)
    select, ignore = _split(args.select), _split(args.ignore)
    _check_ids(rules, select, "--select")
    _check_ids(rules, ignore, "--ignore")
    reports, errors = [], []
    for path in collect(args.paths):
        try:
            reports.append(check_path(path, rules, select=select, ignore=ignore))
        except InputError as exc:
            errors.append(str(exc))
    text = FORMATS[args.format](reports, rules) if reports else ""
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    elif text:
        sys.stdout.write(text)
    for e in errors:
        print(f"fzcheck: error: {e}", file=sys.stderr)
    if errors:
        return 2
    bad = FAIL_ON[args.fail_on]
    return 1 if any(r.status in bad for rep in reports for r in rep.results) else 0


def cmd_rules(args: argparse.Namespace) -> int:
    import json

    import tabulate

    rules = _load_rules(args)
    if args.output_dir:
        from .report import ruledocs

        try:
            written = ruledocs.write(rules, Path(args.output_dir), Path.cwd().resolve())
        except OSError as exc:
            raise InputError(f"{args.output_dir}: cannot write ({exc.strerror or exc})") from None
        print(f"wrote {len(written)} pages to {args.output_dir}")
        return 0
    rows = [(r["id"], r["severity"], r["title"], r["basis"]) for r in rules.rules]
    if args.format == "json":
        data = [dict(zip(("id", "severity", "title", "basis"), row)) for row in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(tabulate.tabulate(rows, headers=["id", "severity", "title", "basis"], tablefmt="github") + "\n")
    else:
        tabulate.WIDE_CHARS_MODE = True
        sys.stdout.write(tabulate.tabulate(rows, headers=["id", "severity", "title", "basis"], tablefmt="simple") + "\n")
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    from .read import decode
    from .segment.words import segment_line

    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise InputError(f"{args.file}: no such file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{args.file}: cannot read ({exc.strerror or exc})") from None
        text = decode(data, args.file)
    else:
        text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = sys.stdout
    for line in lines:
        line = line.rstrip("\r")
        out.write(" ".join(segment_line(line)) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="fzcheck", description="检查法治政府建设年度报告是否符合要求")
    p.add_argument("--version", action="version", version=f"fzcheck {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    def rule_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--rules", action="append", metavar="PATH",
                        help="an extra rule pack (file or folder); a pack with the name of a bundled one replaces it")
        sp.add_argument("--no-default-rules", action="store_true", help="use only the packs given with --rules")

    c = sub.add_parser("check", help="check reports (files or folders)")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    c.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    c.add_argument("--select", action="append", metavar="IDS", help="only these rule ids or prefixes (comma-separated)")
    c.add_argument("--ignore", action="append", metavar="IDS", help="skip these rule ids or prefixes")
    c.add_argument("--fail-on", choices=list(FAIL_ON), default="fail",
                   help="exit 1 when a result is at or above this status (default: fail)")
    rule_options(c)
    c.set_defaults(func=cmd_check)

    r = sub.add_parser("rules", help="list the rules")
    r.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    r.add_argument("--output-dir", metavar="DIR", help="write the rule documentation (a Markdown page per rule) into DIR")
    rule_options(r)
    r.set_defaults(func=cmd_rules)

    s = sub.add_parser("segment", help="print each line segmented into words")
    s.add_argument("file", nargs="?", metavar="FILE", help="a text file (default: stdin)")
    s.set_defaults(func=cmd_segment)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help()
            return 2
        return args.func(args)
    except FzcheckError as exc:
        print(f"fzcheck: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an internal bug: still one line unless debugging
        if os.environ.get("FZCHECK_DEBUG"):
            raise
        print(f"fzcheck: internal error: {type(exc).__name__}: {exc} (set FZCHECK_DEBUG=1 for details)", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
