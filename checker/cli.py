"""Command line: fzcheck check | rules | segment.

Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 usage or input error (one line on
stderr, never a traceback; FZCHECK_DEBUG=1 shows the traceback of an internal error).
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import FzcheckError, InputError, UsageError
from .read import REPORT_EXTENSIONS, SUPPORTED
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
                raise InputError(f"{p}: no reports ({SUPPORTED}) in this folder")
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


@dataclass
class Output:
    format: str
    path: str | None  # None: standard output


def parse_outputs(formats: Sequence[str] | None, output: str | None) -> list[Output]:
    """``--format FMT`` or ``--format FMT=FILE``, repeatable; ``--output FILE`` is the file of the
    one format that names none. At most one output goes to standard output."""
    from .report import BINARY_FORMATS, FORMAT_NAMES

    outs: list[Output] = []
    bare: list[Output] = []  # formats that name no file: --output, if given, is theirs
    for spec in formats or ["table"]:
        name, sep, path = spec.partition("=")
        name = name.strip().lower()
        if name not in FORMAT_NAMES:
            raise UsageError(f"--format: unknown format '{name}' (choose from {', '.join(FORMAT_NAMES)})")
        if sep and not path:
            raise UsageError(f"--format {spec}: no file after '=' (use {name}=FILE, or {name}=- for standard output)")
        outs.append(Output(name, None if not sep or path == "-" else path))
        if not sep:
            bare.append(outs[-1])
    if output is not None:
        if len(bare) != 1:
            raise UsageError(
                "--output names the file of the one --format without '=FILE'" + (
                    f", but {len(bare)} formats have none: give each its own, e.g. --format {bare[1].format}=FILE"
                    if bare else ", and every --format already names its file"))
        bare[0].path = None if output == "-" else output
    to_stdout = [o.format for o in outs if o.path is None]
    if len(to_stdout) > 1:
        raise UsageError(f"--format: {' and '.join(to_stdout)} would both go to standard output; "
                         f"send one to a file with --format {to_stdout[1]}=FILE")
    seen: dict[str, str] = {}
    for o in outs:
        if o.path is not None:
            key = os.path.abspath(o.path)
            if key in seen:
                raise UsageError(f"--format: {seen[key]} and {o.format} would both be written to {o.path}")
            seen[key] = o.format
        elif o.format in BINARY_FORMATS and sys.stdout.isatty():
            raise UsageError(f"--format {o.format}: binary output, not for a terminal; use --format {o.format}=FILE or --output FILE")
    return outs


def _preflight(outs: list[Output], inputs: list[str]) -> None:
    """Refuse before checking anything: an output that would overwrite an input, a folder that
    does not exist, a format whose libraries or fonts are missing."""
    given = {os.path.realpath(p) for p in inputs}
    for o in outs:
        if o.path is None:
            continue
        if os.path.realpath(o.path) in given:
            raise UsageError(f"{o.path}: is one of the reports being checked; fzcheck never overwrites its input")
        parent = os.path.dirname(os.path.abspath(o.path))
        if not os.path.isdir(parent):
            raise InputError(f"{o.path}: cannot write (no folder {parent})")
        if os.path.isdir(o.path):
            raise InputError(f"{o.path}: cannot write (is a folder)")
    if any(o.format == "pdf" for o in outs):
        from .report import pdf

        pdf.ensure_available()


def _write(o: Output, data: str | bytes) -> None:
    if o.path is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    try:
        if isinstance(data, bytes):
            Path(o.path).write_bytes(data)
        else:
            Path(o.path).write_text(data, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{o.path}: cannot write ({exc.strerror or exc})") from None


def cmd_check(args: argparse.Namespace) -> int:
    from . import batch
    from .report import HUMAN_FORMATS, Run, render

    outs = parse_outputs(args.format, args.output)
    if args.summary_only and not any(o.format in HUMAN_FORMATS for o in outs):
        raise UsageError(f"--summary-only: applies to {', '.join(sorted(HUMAN_FORMATS))}; the machine formats are always complete")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs: must be 1 or more")
    rules = _load_rules(args)
    select, ignore = _split(args.select), _split(args.ignore)
    _check_ids(rules, select, "--select")
    _check_ids(rules, ignore, "--ignore")
    paths = collect(args.paths)
    _preflight(outs, paths + ([args.previous] if args.previous else []))
    jobs = args.jobs or batch.auto_jobs(len(paths))
    previous = _previous(args, rules, select, ignore, paths, jobs)

    run = Run([], rules, fail_on=args.fail_on, summary_only=args.summary_only)
    streams = [o for o in outs if o.format == "jsonl"]
    handles = []
    try:
        for o in streams:
            if o.path is None:
                handles.append(sys.stdout)
            else:
                try:
                    handles.append(open(o.path, "w", encoding="utf-8"))
                except OSError as exc:
                    raise InputError(f"{o.path}: cannot write ({exc.strerror or exc})") from None
        if handles:
            from .report import jsonl

        outcomes = batch.run(paths, rules, select, ignore, jobs=jobs, previous=previous)
        for path, report, error in batch.progress(outcomes, len(paths), enabled=False if args.no_progress else None):
            if report is not None:
                run.reports.append(report)
            else:
                run.errors.append((path, error or "cannot be checked"))
            if handles:
                text = jsonl.line(report, rules) if report is not None else jsonl.error_line(path, error or "", rules)
                for h in handles:
                    h.write(text)
                    h.flush()
    finally:
        for h in handles:
            if h is not sys.stdout:
                h.close()

    for o in outs:
        if o.format != "jsonl" and (run.reports or o.format not in HUMAN_FORMATS):
            _write(o, render(o.format, run))
    for _path, e in run.errors:
        print(f"fzcheck: error: {e}", file=sys.stderr)
    if run.errors:
        return 2
    bad = FAIL_ON[args.fail_on]
    return 1 if any(r.status in bad for rep in run.reports for r in rep.results) else 0


def _previous(args: argparse.Namespace, rules, select: list[str], ignore: list[str], paths: list[str],
              jobs: int) -> dict[str, str]:
    """Last year's report of each report: the one --previous names, or in a run of several
    reports the report of the same issuer and the year before (checker/compare/pairing.py).
    Nothing when no compare rule is selected."""
    from .evaluate.engine import uses_previous

    if args.previous:
        if len(paths) != 1:
            raise UsageError("--previous: compares one report with last year's; give one report "
                             "(a run of several reports pairs them by issuer and year itself)")
        if Path(args.previous).is_dir():
            raise UsageError(f"--previous {args.previous}: is a folder; give last year's report (a file)")
        if not Path(args.previous).is_file():
            raise InputError(f"--previous {args.previous}: no such file")
        if os.path.realpath(args.previous) == os.path.realpath(paths[0]):
            raise UsageError("--previous: is the report being checked; give last year's report")
        return {paths[0]: args.previous}
    if len(paths) < 2 or not uses_previous(rules, select, ignore):
        return {}
    from .compare import pairing

    return pairing.pair(pairing.identify(paths, jobs))


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

    c = sub.add_parser(
        "check", help="check reports (files or folders)", formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""formats:
  table     the terminal table (default); with several reports it ends with the summary
  markdown  the same as Markdown
  json      one JSON document (schema: checker/report/schemas/fzcheck-result.schema.json)
  jsonl     JSON Lines, one report per line, written as each report is checked
  junit     JUnit XML: a testsuite per report, a testcase per rule (for GitLab, Jenkins)
  sarif     SARIF 2.1.0: each warn / fail on its report line (for GitHub code scanning)
  html      the printable audit: one self-contained A4 HTML file
  pdf       the same audit as PDF (needs WeasyPrint and a Chinese font)

several outputs in one run: give --format more than once, each with its own file:
  fzcheck check reports/ --format table --format junit=results.xml --format sarif=results.sarif
  (at most one output goes to standard output; FMT=- sends that one there)
--output FILE is the file of the one --format that names none (fzcheck check r.txt --format html -o audit.html)""")
    c.add_argument("paths", nargs="+", metavar="PATH",
                   help=f"report files ({SUPPORTED}; the reader is picked by content) or folders, searched recursively")
    c.add_argument("--format", "-f", action="append", metavar="FMT[=FILE]",
                   help="output format, optionally with its file; repeat for several (default: table)")
    c.add_argument("--output", "-o", metavar="FILE", help="write the format that names no file to FILE instead of stdout")
    c.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="check N reports at a time in worker processes (default: all cores, one per 50 reports; 1: in this process)")
    c.add_argument("--summary-only", action="store_true",
                   help="table / markdown / html / pdf: only the summary over all reports, not one section per report")
    c.add_argument("--no-progress", action="store_true", help="no progress bar (shown only when stderr is a terminal)")
    c.add_argument("--select", action="append", metavar="IDS", help="only these rule ids or prefixes (comma-separated)")
    c.add_argument("--ignore", action="append", metavar="IDS", help="skip these rule ids or prefixes")
    c.add_argument("--previous", metavar="LAST",
                   help="last year's report of the same issuer, for the year-on-year rules (compare.*); "
                        "with several reports, those of the same issuer are paired by year without it")
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
