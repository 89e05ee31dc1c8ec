"""Command line: fzcheck check | rules | segment | serve.

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
from .gate import FAIL_ON, SEVERITIES
from .read import SUPPORTED, shown

STDIN = "-"


def one_line(message: str) -> str:
    """A message as one line, whatever a file name or a library put in it."""
    return " ".join(message.replace("\r", " ").split("\n")) if ("\n" in message or "\r" in message) else message


# argparse's own words (usage lines, errors, the help's headings), in Chinese: argparse looks
# each up through its module's gettext function when it needs it
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个参数值",
    "expected at most one argument": "至多一个参数值",
    "expected at least one argument": "至少一个参数值",
    "ambiguous option: %(option)s could match %(matches)s": "选项有歧义：%(option)s 可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
}


def _zh(message: str) -> str:
    return _ARGPARSE_ZH.get(message, message)


argparse._ = _zh  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(message)


class _Help(argparse.RawDescriptionHelpFormatter):
    """Help wrapped by display width (a Chinese character is two columns), never inside an
    ASCII word such as an option name."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        from .report.style import wrap

        return wrap(" ".join(text.split()), width)


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def collect(paths: Sequence[str]) -> list[str]:
    """The reports to check among the paths (see checker/files.py for what a folder holds)."""
    from .files import collect as walk

    return walk(paths).paths


def _pack_files(given: Sequence[str]) -> list[str]:
    """The rule files --rules names (a folder's *.yaml): inputs that no output may overwrite."""
    out: list[str] = []
    for g in given:
        p = Path(g)
        out.extend(str(f) for f in sorted(p.glob("*.y*ml"))) if p.is_dir() else out.append(g)
    return out


def _resolver(args: argparse.Namespace):
    """The configuration files of this run: --config FILE / KEY=VALUE, --isolated, or discovery."""
    from .config import Resolver

    files, pairs = [], []
    for value in getattr(args, "config", None) or []:
        (files if os.path.isfile(value) or "=" not in value else pairs).append(value)
    if len(files) > 1:
        raise UsageError(f"--config: 只能给一个配置文件（给了 {', '.join(files)}）")
    return Resolver(isolated=args.isolated, config_file=files[0] if files else None, inline=pairs)


class _Rules:
    """Rule sets by their packs, each loaded once."""

    def __init__(self) -> None:
        self.sets: dict = {}

    def get(self, settings):
        from .config import check_ids
        from .evaluate import load_rules

        key = settings.rules_key
        if key not in self.sets:
            self.sets[key] = load_rules(list(settings.packs), bundled=settings.default_rules)
        rules = self.sets[key]
        check_ids([r["id"] for r in rules.rules], settings)
        return rules

    def pack_files(self) -> list[str]:
        """Every rule pack file loaded (inputs no output may overwrite)."""
        return [p.path for rs in self.sets.values() for p in rs.packs]

    def combined(self):
        """The rule set the outputs describe: the one used, or, when folders had different
        packs, all their packs and rules (each id once, as first loaded)."""
        from .evaluate.loader import RuleSet

        sets = list(self.sets.values())
        if len(sets) == 1:
            return sets[0]
        out = RuleSet([])
        seen_packs: set[str] = set()
        for rs in sets:
            out.packs += [p for p in rs.packs if p.sha256 + p.name not in seen_packs]
            seen_packs |= {p.sha256 + p.name for p in rs.packs}
            for rule in rs.rules:
                if rule["id"] not in out.rule_files:
                    out.rules.append(rule)
                    out.rule_files[rule["id"]] = rs.rule_files[rule["id"]]
            for kind in ("lexicons", "parts", "events"):
                for name, value in getattr(rs, kind).items():
                    getattr(out, kind).setdefault(name, value)
        return out


def _load_rules(args: argparse.Namespace):
    """The rules of `fzcheck rules`: those the configuration of this folder uses, and --rules."""
    from .config import check_settings

    resolver = _resolver(args)
    here = Path.cwd()
    layer = resolver.layer_for(here)
    return _Rules().get(check_settings(here / "-", layer, resolver.inline, args))


@dataclass
class Output:
    format: str
    path: str | None  # None: standard output
    folder: bool = False  # one file per report into the folder path (FMT=DIR/)


def parse_outputs(formats: Sequence[str] | None, output: str | None) -> list[Output]:
    """``--format FMT`` or ``--format FMT=FILE``, repeatable; ``--output FILE`` is the file of the
    one format that names none. At most one output goes to standard output."""
    from .report import BINARY_FORMATS, FOLDER_FORMATS, FORMAT_NAMES

    outs: list[Output] = []
    bare: list[Output] = []  # formats that name no file: --output, if given, is theirs
    for spec in formats or ["table"]:
        name, sep, path = spec.partition("=")
        name = name.strip().lower()
        if name not in FORMAT_NAMES:
            raise UsageError(f"--format: 没有“{name}”这种格式（可选：{', '.join(FORMAT_NAMES)}）")
        if sep and not path:
            raise UsageError(f"--format {spec}: “=”后面没有文件名（写成 {name}=文件，或 {name}=- 输出到标准输出）")
        outs.append(Output(name, None if not sep or path == "-" else path))
        if not sep:
            bare.append(outs[-1])
    if output is not None:
        if len(bare) != 1:
            raise UsageError(
                "--output 是唯一没有写“=文件”的那一种 --format 的文件" + (
                    f"，但有 {len(bare)} 种格式都没有写：请各写各的，如 --format {bare[1].format}=文件"
                    if bare else "，而每个 --format 都已写了文件"))
        bare[0].path = None if output == "-" else output
    for o in outs:  # FMT=DIR/ (or an existing folder): one file per report
        if o.path is not None and (o.path.endswith(("/", os.sep)) or os.path.isdir(o.path)):
            if o.format not in FOLDER_FORMATS:
                raise UsageError(f"--format {o.format}: {o.path} 是文件夹（每份报告一个文件），只有 "
                                 f"{'、'.join(sorted(FOLDER_FORMATS))} 能这样写；请给 {o.format} 一个文件名")
            o.folder = True
    to_stdout = [o.format for o in outs if o.path is None]
    if len(to_stdout) > 1:
        raise UsageError(f"--format: {' 和 '.join(to_stdout)} 都要输出到标准输出；"
                         f"请把其中一种写入文件：--format {to_stdout[1]}=文件")
    seen: dict[str, str] = {}
    for o in outs:
        if o.path is not None:
            key = os.path.abspath(o.path) + ("/" + o.format if o.folder else "")
            if key in seen:
                raise UsageError(f"--format: {seen[key]} 和 {o.format} 都要写入 {o.path}")
            seen[key] = o.format
        elif o.format in BINARY_FORMATS and sys.stdout.isatty():
            raise UsageError(f"--format {o.format}: 是二进制文件，不能输出到终端；请用 --format {o.format}=文件 或 --output 文件")
    return outs


def _identity(path: str) -> tuple[int, int] | None:
    """A file's device and inode: two names of one file (a hard link, a symlink, ./a and a) are
    the same file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _preflight(outs: list[Output], inputs: list[str], others: Sequence[str] = ()) -> None:
    """Refuse before checking anything: an output that would overwrite an input (a report, a
    rule pack — by device and inode, so a hard link counts), a folder that does not exist, a
    format whose libraries or fonts are missing."""
    given = {os.path.realpath(p) for p in [*inputs, *others]}
    ids = {i for i in (_identity(p) for p in [*inputs, *others]) if i is not None}
    for o in outs:
        if o.format == "docx":
            _preflight_docx(o, inputs)
            if _docx_folder(o):
                continue
        if o.path is None:
            continue
        if o.folder:
            if os.path.exists(o.path) and not os.path.isdir(o.path):
                raise InputError(f"{o.path}: 无法写入（这是一个文件，不是文件夹）")
            continue
        if os.path.realpath(o.path) in given or _identity(o.path) in ids:
            raise UsageError(f"{shown(o.path)}: 是本次检查的输入文件（报告或规则包），fzcheck 不会覆盖输入")
        parent = os.path.dirname(os.path.abspath(o.path))
        if not os.path.isdir(parent):
            raise InputError(f"{o.path}: 无法写入（没有文件夹 {parent}）")
        if os.path.isdir(o.path):
            raise InputError(f"{o.path}: 无法写入（这是一个文件夹）")
    if any(o.format == "pdf" for o in outs):
        from .report import pdf

        pdf.ensure_available()


def _docx_folder(o: Output) -> bool:
    """docx=DIR/ (a trailing slash, or a folder that exists): one commented .docx per report."""
    return o.folder


def _preflight_docx(o: Output, inputs: list[str]) -> None:
    if _docx_folder(o):
        folder = os.path.abspath(o.path)
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise InputError(f"{o.path}: 无法写入（不是文件夹）")
        if not os.path.isdir(folder) and not os.path.isdir(os.path.dirname(folder)):
            raise InputError(f"{o.path}: 无法写入（没有文件夹 {os.path.dirname(folder)}）")
    elif len(inputs) > 1:
        raise UsageError(f"--format docx: {len(inputs)} 份报告各有一个批注文件，请写入文件夹：--format docx=批注/")


def _write_docx(o: Output, run, inputs: list[str]) -> list[str]:
    """The commented .docx of each report: to o.path, or one file per report in the folder
    o.path. Returns the one-line errors (a report whose file cannot be read again)."""
    from .report import docx_out

    if _docx_folder(o):
        _written, errors = docx_out.write_folder(run, o.path, inputs)
        return [e for _path, e in errors]
    try:
        _write(o, docx_out.render(run))
    except InputError as exc:
        return [str(exc)]
    return []


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
        raise InputError(f"{o.path}: 无法写入（{exc.strerror or exc}）") from None


def _stdin_name(args: argparse.Namespace) -> str:
    return args.stdin_filename or "<stdin>"


def _review(args: argparse.Namespace):
    """The reviewer block's pre-filled fields, checked: a date must be one."""
    import datetime as dt

    from .report import Review

    date = args.review_date
    if date is not None:
        if date.strip().lower() in ("today", "今天"):
            date = dt.date.today().isoformat()
        else:
            try:
                date = dt.date.fromisoformat(date.strip()).isoformat()
            except ValueError:
                raise UsageError(f"--review-date: “{args.review_date}”不是日期（写成 YYYY-MM-DD，或 today）") from None
    texts = {}
    for key in ("reviewer", "review_office", "review_note"):
        v = getattr(args, key)
        if v is not None and not v.strip():
            raise UsageError(f"--{key.replace('_', '-')}: 不能为空")
        texts[key] = v.strip() if v else None
    return Review(reviewer=texts["reviewer"], date=date, office=texts["review_office"], note=texts["review_note"])


def _write_outputs(outs: list[Output], run, inputs: list[str], bar_enabled: bool | None, color: bool = False) -> list[str]:
    """Every output but JSON Lines (written while checking), with one progress bar over the
    long ones (PDF, a folder of files, Excel): a tick per report rendered. Returns the one-line
    errors of outputs that could not be made (a commented copy of a report whose file is gone)."""
    from . import batch
    from .report import HUMAN_FORMATS, output
    from .report.style import FALLBACK_WIDTH, terminal_width

    failed: list[str] = []
    todo = [o for o in outs if o.format not in ("jsonl", "docx") and (run.reports or o.format not in HUMAN_FORMATS)]
    for o in outs:
        if o.format == "docx" and run.reports:
            failed += _write_docx(o, run, inputs)
    total = sum(output.units(o.format, run, o.folder) for o in todo)
    with batch.bar(total, "生成", enabled=bar_enabled) as tick:
        for o in todo:
            run.color = color and o.path is None
            run.width = terminal_width(sys.stdout) if o.path is None else FALLBACK_WIDTH
            output.emit(o.format, run, o.path, folder=o.folder, tick=tick, inputs=inputs)
    return failed


def cmd_check(args: argparse.Namespace) -> int:
    from . import batch
    from .config import check_settings, common_folder, run_settings
    from .report import HUMAN_FORMATS, Run
    from .report.style import use_color

    reading_stdin = STDIN in args.paths
    if reading_stdin and len(args.paths) > 1:
        raise UsageError("-（从标准输入读报告）不能与其他路径同时给出")
    if args.stdin_filename and not reading_stdin:
        raise UsageError("--stdin-filename 只用于从标准输入读报告（PATH 为 -）")
    if args.baseline and args.write_baseline:
        raise UsageError("--baseline 与 --write-baseline 不能同时使用（--prune-baseline 去除基线中已修复的项）")
    resolver = _resolver(args)
    if reading_stdin:
        where = Path(os.path.abspath(args.stdin_filename)).parent if args.stdin_filename else Path.cwd()
    else:
        where = common_folder(args.paths)
    settings = run_settings(resolver.layer_for(where), resolver.inline, args)
    if args.prune_baseline and not settings.baseline:
        raise UsageError("--prune-baseline: 需要 --baseline FILE（或配置中的 baseline）")

    outs = parse_outputs(settings.formats, args.output)
    review = _review(args)
    if args.summary_only and not any(o.format in HUMAN_FORMATS for o in outs):
        raise UsageError(f"--summary-only: 只用于 {', '.join(sorted(HUMAN_FORMATS))}；供程序读取的格式总是完整的")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs: 至少为 1")
    from .files import collect as walk
    from .limits import Limits
    from .evaluate.engine import uses_previous

    limits = Limits.from_env(args.time_limit, args.memory_limit, args.file_limit)
    found = walk([]) if reading_stdin else walk(args.paths)
    paths = [STDIN] if reading_stdin else found.paths

    # each report's settings (its nearest configuration, overrides, command line); reports with
    # the same settings are checked together, with one rule set
    rules = _Rules()
    groups: dict[tuple, tuple[object, list[str]]] = {}
    for p in paths:
        full = Path(os.path.abspath(args.stdin_filename if p == STDIN and args.stdin_filename else p))
        layer = resolver.layer_for(full.parent if p != STDIN or args.stdin_filename else Path.cwd())
        cs = check_settings(full, layer, resolver.inline, args)
        groups.setdefault(cs.batch_key, (cs, []))[1].append(p)
    for cs, _ in groups.values():
        rules.get(cs)
    previous = _previous(args, paths)
    _preflight(outs, [p for p in paths if p != STDIN] + ([args.previous] if args.previous else []),
               _pack_files(args.rules or []) + rules.pack_files())

    baseline = matcher = None
    if settings.baseline and not args.write_baseline:
        from .baseline import Baseline

        baseline = Baseline.read(settings.baseline)
        matcher = baseline.matcher()

    run = Run([], rules.combined(), fail_on=settings.fail_on, summary_only=args.summary_only,
              fail_severity=settings.fail_severity, show_pass=settings.show_pass, quiet=settings.quiet,
              skipped=found.skipped, review=review, jobs=args.jobs)
    streams = [o for o in outs if o.format == "jsonl"]
    handles = []
    position: dict[str, int] = {}
    for i, p in enumerate(paths):  # a file given twice keeps its first place
        position.setdefault(shown(p), i)
    try:
        for o in streams:
            if o.path is None:
                handles.append(sys.stdout)
            else:
                try:
                    handles.append(open(o.path, "w", encoding="utf-8"))
                except OSError as exc:
                    raise InputError(f"{o.path}: 无法写入（{exc.strerror or exc}）") from None
        if handles:
            from .report import jsonl

            for path, why in found.skipped:
                for h in handles:
                    h.write(jsonl.skipped_line(path, why, run.rules))

        steps = batch.Steps()

        def outcomes():
            for cs, group in groups.values():
                rs = rules.get(cs)
                options = {"kind": cs.kind} if cs.kind else {}
                if group == [STDIN]:
                    for o in _check_stdin(args, rs, cs, options, limits):
                        steps.step()
                        yield o
                    continue
                jobs = args.jobs or batch.auto_jobs(len(group))
                pair = previous is None and uses_previous(rs, cs.select, cs.ignore)  # pair them by year
                yield from batch.run(group, rs, cs.select, cs.ignore, jobs=jobs, limits=limits,
                                     previous=previous, pair=pair, steps=steps, **options)

        show_progress = False if args.no_progress or settings.quiet else None
        # the JSON document's data is made as each report arrives, while the workers check on
        json_later = len(paths) > 1 and any(o.format == "json" for o in outs)
        for path, report, error in batch.progress(outcomes(), len(paths), enabled=show_progress, steps=steps):
            if report is not None:
                if matcher is not None:
                    report = matcher.filter(report)
                run.reports.append(report)
                if json_later:
                    report.as_dict()
            else:  # the path as every output can write it (checker.read.shown; json shows it again: the same)
                run.errors.append((shown(path), error or "cannot be checked"))
            if handles:
                text = jsonl.line(report, run.rules) if report is not None else jsonl.error_line(path, error or "", run.rules)
                for h in handles:
                    h.write(text)
                    h.flush()
    finally:
        for h in handles:
            if h is not sys.stdout:
                h.close()
    run.reports.sort(key=lambda rep: position.get(rep.path, len(position)))
    if matcher is not None:
        run.baselined = matcher.suppressed

    color = use_color(settings.color, sys.stdout)
    failed = _write_outputs(outs, run, paths, False if args.no_progress or settings.quiet else None, color)
    for e in [e for _path, e in run.errors] + failed:
        print(f"fzcheck: error: {one_line(e)}", file=sys.stderr)

    if args.write_baseline:
        from .baseline import Baseline

        written = Baseline.of(args.write_baseline, run.reports)
        written.write()
        if not settings.quiet:
            found = sum(1 for rep in run.reports for r in rep.results if r.status in ("warn", "fail"))
            print(f"fzcheck: 已把 {found} 项现有问题（{len(written.entries)} 条证据）记入基线 {args.write_baseline}"
                  f"（此后用 --baseline {args.write_baseline} 只报告新问题）", file=sys.stderr)
        return 2 if run.errors or failed else 0
    if matcher is not None and baseline is not None:
        stale = matcher.stale
        if stale and args.prune_baseline:
            baseline.pruned(stale).write()
            if not settings.quiet:
                print(f"fzcheck: 已从基线 {settings.baseline} 去除 {len(stale)} 项已修复的问题", file=sys.stderr)
        elif stale and not settings.quiet:
            print(f"fzcheck: 基线 {settings.baseline} 中有 {len(stale)} 项已不再出现（已修复）；"
                  f"加 --prune-baseline 从基线中去除", file=sys.stderr)
    return exit_code(run, bool(failed))


def exit_code(run, unwritten: bool = False) -> int:
    """0: every report read, none stopping the gate (--fail-on and --fail-severity); 1: a report
    does (bit 1); 2: a report could not be read, or an output could not be written (bit 2); 3:
    both. A usage or configuration error is 2 too, before anything is checked. Files that are
    not reports (skipped) change nothing."""
    gate = run.gate
    failed = any(gate.stops(r) for rep in run.reports for r in rep.results)
    return (1 if failed else 0) | (2 if run.errors or unwritten else 0)


def _check_stdin(args: argparse.Namespace, rules, cs, options, limits):
    """The one report read from standard input (bytes, read by content as a file would be), at
    most the file-size limit, checked under the time and memory limits."""
    from .api import check_bytes, load_previous
    from .limits import guard

    name = _stdin_name(args)
    cap = int(limits.file_mb * 1048576)
    try:
        data = sys.stdin.buffer.read(cap + 1)
    except (OSError, AttributeError) as exc:
        yield name, None, f"{name}: 无法读取标准输入（{exc}）"
        return
    if len(data) > cap:
        yield name, None, f"{name}: 标准输入太大（超过 {limits.file_mb:g} MB，可用 --file-limit 调整）"
        return
    try:
        with guard(limits, name):
            if args.previous:
                options = {**options, "previous": load_previous(args.previous, limits.file_mb)}
            report = check_bytes(data, name, rules, select=cs.select, ignore=cs.ignore, **options).detached()
        yield name, report, None
    except InputError as exc:
        yield name, None, str(exc)


def _previous(args: argparse.Namespace, paths: list[str]) -> dict[str, str] | None:
    """The report --previous names as last year's report of the one report checked, or None:
    then a run of several reports pairs them by issuer and year itself (checker/batch.py)."""
    if not args.previous:
        return None
    if len(paths) != 1:
        raise UsageError("--previous: 只用于检查一份报告（检查多份报告时，同一机关相邻年度的报告自动配对）")
    if Path(args.previous).is_dir():
        raise UsageError(f"--previous {shown(args.previous)}: 是文件夹；请给出上一年度的报告文件")
    if not Path(args.previous).is_file():
        raise InputError(f"--previous {shown(args.previous)}: 没有这个文件")
    if paths[0] != STDIN and os.path.realpath(args.previous) == os.path.realpath(paths[0]):
        raise UsageError("--previous: 就是正在检查的报告；请给出上一年度的报告")
    return {paths[0]: args.previous}


def cmd_rules(args: argparse.Namespace) -> int:
    import json

    import tabulate

    rules = _load_rules(args)
    if args.output_dir:
        from .report import ruledocs

        try:
            written = ruledocs.write(rules, Path(args.output_dir), Path.cwd().resolve())
        except OSError as exc:
            raise InputError(f"{args.output_dir}: 无法写入（{exc.strerror or exc}）") from None
        print(f"wrote {len(written)} pages to {args.output_dir}")
        return 0
    rows = [(r["id"], r["severity"], r["title"], r["basis"]) for r in rules.rules]
    if args.format == "json":
        data = [dict(zip(("id", "severity", "title", "basis"), row)) for row in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(tabulate.tabulate(rows, headers=["id", "severity", "title", "basis"], tablefmt="github") + "\n")
    else:
        from .report.style import terminal_width
        from .report.table import render_rules

        sys.stdout.write(render_rules(rules, terminal_width(sys.stdout)))
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    from .read import MAX_FILE_MB, decode, read_file_bytes, shown
    from .segment.fastseg import cut

    if args.file:
        text = decode(read_file_bytes(args.file), shown(args.file))
    else:
        data = sys.stdin.buffer.read(int(MAX_FILE_MB * 1048576) + 1)
        if len(data) > MAX_FILE_MB * 1048576:
            raise InputError(f"标准输入太大（超过 {MAX_FILE_MB} MB）")
        text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = sys.stdout
    # the words our pkuseg model gives (fastseg: exactly the spaCy tokenizer's, without spaCy's
    # start-up or its limit on a line's length); white space is not a word
    for no, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if len(line) > MAX_SEGMENT_LINE:
            raise InputError(f"{shown(args.file) if args.file else '标准输入'}: 第{no}行太长（{len(line)} 个字符，"
                             f"分词的上限是每行 {MAX_SEGMENT_LINE} 个字符）")
        out.write(" ".join(w for w in cut(line) if w.strip()) + "\n")
    return 0


# a line longer than a whole report flattened onto one line (~15k characters) is no sentence to segment
MAX_SEGMENT_LINE = 200_000


def cmd_serve(args: argparse.Namespace) -> int:
    """The local web page (checker/web/), imported only here: a plain check never loads it."""
    from . import web

    return web.main(args)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="fzcheck", description="检查法治政府建设年度报告是否符合要求", formatter_class=_Help)
    p.add_argument("--version", action="version", version=f"fzcheck {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    def rule_options(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--rules", action="append", metavar="PATH",
                        help="另加的规则包（文件或文件夹）；与内置规则包同名的包取代它，overrides 可按规则编号修改已有规则")
        sp.add_argument("--no-default-rules", action="store_true", help="不用内置规则包，只用 --rules 给出的")
        sp.add_argument("--config", action="append", metavar="FILE|KEY=VALUE",
                        help="配置文件（代替自动查找的 fzcheck.toml / pyproject.toml），"
                             "或一项 TOML 设置，如 --config 'fail-on = \"warn\"'（优先于任何配置文件）；可重复")
        sp.add_argument("--isolated", action="store_true", help="不读任何配置文件（只用命令行和默认设置）")

    c = sub.add_parser(
        "check", help="检查报告（文件或文件夹）", formatter_class=_Help,
        epilog="""输出格式（--format）：
  table     终端表格（默认）；多份报告时最后是汇总
  markdown  同样内容的 Markdown
  json      一个 JSON 文档（结构见 checker/report/schemas/fzcheck-result.schema.json）
  jsonl     JSON Lines：每份报告一行，检查完一份写一行
  junit     JUnit XML：每份报告一个 testsuite，每条规则一个 testcase（GitLab、Jenkins）
  sarif     SARIF 2.1.0：每个警告 / 不通过标在报告的行上（GitHub 代码扫描）
  html      可打印的审核表：一个独立的 A4 HTML 文件；多份报告时开头是汇总，在浏览器里可排序、筛选
  pdf       同样的审核表，PDF（需要 WeasyPrint 和中文字体）
  xlsx      Excel 工作簿：报告 × 规则一张表，问题清单一张，按规则汇总一张
  csv       报告 × 规则表的 CSV（UTF-8 带 BOM，Excel 和 WPS 直接打开）
  docx      带批注的 Word 文件：每个警告 / 不通过作为批注标在相应段落。.docx 报告用原文件的副本
            （.doc/.wps/.rtf/.odt 用 LibreOffice 转换的 .docx），其他格式按文字新建 .docx；
            多份报告写入文件夹：docx=文件夹/（文件夹/名称-批注.docx）
  concise   每个不通过 / 警告一行：路径:行: 规则 不通过 说明（pre-commit 用）
  github    GitHub Actions 的注释（::error file=…,line=…::…）
  gitlab    GitLab Code Quality 报告（artifacts:reports:codequality）

每份报告一个文件：html=文件夹/、pdf=文件夹/（以 / 结尾，或已有的文件夹）写入 文件夹/<报告名>.html|.pdf，
  保留报告所在的子文件夹，旁边是 汇总.html|.pdf；docx=文件夹/ 写入每份报告的批注文件

PATH 为 -：从标准输入读报告。
配置文件：fzcheck.toml 或 pyproject.toml 的 [tool.fzcheck]，
  从报告所在的文件夹向上查找（见 docs/configuration.md）。
退出码：0 没有使检查失败的结果；1 有（--fail-on、--fail-severity）；
  2 有报告无法读取（或用法、配置错误）；3 两者都有。

一次输出几种格式：--format 可给多次，各写各的文件：
  fzcheck check 报告/ --format table --format junit=results.xml --format sarif=results.sarif
  （至多一种输出到标准输出；格式=- 表示这一种输出到标准输出）
--output 文件：没有写“=文件”的那一种格式写入这个文件（fzcheck check 报告.txt --format html -o 审核表.html）
限制：每份报告的检查时间、进程内存和文件大小都有上限（--time-limit、--memory-limit、--file-limit）。""")
    c.add_argument("paths", nargs="+", metavar="PATH",
                   help=f"报告文件（{SUPPORTED}；按文件内容选择读取方式）或文件夹（逐层查找；不是报告的文件列为“跳过”），- 为标准输入")
    c.add_argument("--format", "-f", action="append", metavar="FMT[=FILE]",
                   help="输出格式，可带文件：格式=文件；可给多次（默认 table）")
    c.add_argument("--output", "-o", metavar="FILE", help="把没有写“=文件”的那一种格式写入文件，而不是标准输出")
    c.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="同时检查 N 份报告、同时排版 N 份 PDF 审核表（多个工作进程；默认按 CPU 核数，每 50 份报告、"
                        "每 6 份审核表一个进程）")
    c.add_argument("--summary-only", action="store_true",
                   help="table / markdown / html / pdf：只输出全部报告的汇总，不逐份列出")
    c.add_argument("--no-progress", action="store_true", help="不显示进度条（进度条只在标准错误是终端时显示）")
    c.add_argument("--select", action="append", metavar="IDS", help="只用这些规则编号或前缀（逗号分隔，如 core,format.title）")
    c.add_argument("--ignore", action="append", metavar="IDS", help="不用这些规则编号或前缀")
    c.add_argument("--previous", metavar="LAST",
                   help="上一年度的报告（同一机关），用于逐年对照的规则（compare.*）；"
                        "检查多份报告时，同一机关相邻年度的报告自动配对，不必给出")
    c.add_argument("--fail-on", choices=list(FAIL_ON), default=None,
                   help="结果达到这一级时退出码为 1：fail 不通过（默认）、warn 警告或不通过、never 从不")
    c.add_argument("--fail-severity", choices=list(SEVERITIES), default=None,
                   help="只有这一级及以上的规则计入 --fail-on：error 必须、warning 应当（默认，建议级规则不阻断）、info 建议")
    c.add_argument("--kind", choices=["government", "department", "party"],
                   help="报告未写明发文机关类别时按此判断（人民政府 / 政府部门 / 党委），如报送时限")
    c.add_argument("--baseline", metavar="FILE",
                   help="基线文件：只报告、只按不在其中的新问题决定退出码（见 docs/ci.md）")
    c.add_argument("--write-baseline", metavar="FILE", help="把本次发现的全部问题记入基线文件 FILE（退出码为 0）")
    c.add_argument("--prune-baseline", action="store_true",
                   help="与 --baseline 同用：从基线文件中去除已修复（不再出现）的问题，不增加新问题")
    c.add_argument("--quiet", "-q", action="store_true", help="只输出发现的问题（不通过、警告），不输出其他内容")
    c.add_argument("--show-pass", action="store_true", help="表格：通过的规则也列出证据（同 -v）")
    c.add_argument("--verbose", "-v", action="count", default=0,
                   help="表格：-v 通过项也列出引文，-vv 还列出“未找到……”")
    c.add_argument("--color", choices=["auto", "always", "never"], default=None,
                   help="颜色：auto 终端上着色（默认；遵循 NO_COLOR、FORCE_COLOR），always，never")
    c.add_argument("--stdin-filename", metavar="NAME",
                   help="PATH 为 - 时报告的名称：用于查找配置、显示路径、判断 .md")
    c.add_argument("--time-limit", type=float, metavar="SECONDS",
                   help="每份报告的检查时间上限，秒（默认 30；环境变量 FZCHECK_TIME_LIMIT）")
    c.add_argument("--memory-limit", type=int, metavar="MB",
                   help="检查进程的内存上限，MB（默认 512；环境变量 FZCHECK_MEMORY_LIMIT）")
    c.add_argument("--file-limit", type=float, metavar="MB",
                   help="读取的报告文件大小上限，MB（默认 50；环境变量 FZCHECK_FILE_LIMIT）")
    rv = c.add_argument_group("审核人栏（html / pdf：预先填好，否则留空手填；xlsx、csv：对应的列）")
    rv.add_argument("--reviewer", metavar="NAME", help="审核人")
    rv.add_argument("--review-date", metavar="DATE", help="审核日期：YYYY-MM-DD，或 today")
    rv.add_argument("--review-office", metavar="NAME", help="审核单位（如 某区依法治区办）")
    rv.add_argument("--review-note", metavar="TEXT", help="人工复核意见（每份报告都填这一条）")
    rule_options(c)
    c.set_defaults(func=cmd_check)

    r = sub.add_parser("rules", help="列出全部规则", formatter_class=_Help)
    r.add_argument("--format", choices=["table", "json", "markdown"], default="table")
    r.add_argument("--output-dir", metavar="DIR", help="把规则说明（每条规则一页 Markdown）写入文件夹 DIR")
    rule_options(r)
    r.set_defaults(func=cmd_rules)

    s = sub.add_parser("segment", help="逐行分词（用本工具的 pkuseg 模型）", formatter_class=_Help)
    s.add_argument("file", nargs="?", metavar="FILE", help="文本文件（默认：标准输入）")
    s.set_defaults(func=cmd_segment)

    w = sub.add_parser("serve", help="打开本机网页审核工作台（拖入报告即可检查）",
                       description="在本机启动审核工作台网页：在浏览器中打开显示的地址，把报告文件拖进页面即可检查。"
                                   "上传的文件只在检查时临时存放，检查完即删除。")
    w.add_argument("--host", default="127.0.0.1",
                   help="监听的地址（默认 127.0.0.1，只有本机能打开；0.0.0.0 对局域网开放，请只在可信的内网中使用）")
    w.add_argument("--port", type=int, default=8765, help="端口（默认 8765）")
    w.add_argument("--open", action="store_true", help="启动后自动在浏览器中打开页面")
    w.add_argument("--workers", type=int, metavar="N", help="同时检查的份数（默认：CPU 核数，最多 4）")
    w.add_argument("--max-size", type=float, default=20, metavar="MB", help="单个文件的大小上限（默认 20 MB）")
    w.add_argument("--time-limit", type=float, default=60, metavar="秒", help="每份报告的检查时限（默认 60 秒）")
    w.add_argument("--memory-limit", type=int, default=1024, metavar="MB", help="每个检查进程的内存上限（默认 1024 MB）")
    rule_options(w)
    w.set_defaults(func=cmd_serve)
    return p


def _quiet_libraries() -> None:
    """Third-party warnings and log lines never reach stderr: stderr is for fzcheck's own one
    line per problem."""
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.getLogger().addHandler(logging.NullHandler())
    logging.lastResort = None
    for name in ("pdfminer", "pdfplumber", "PIL", "fontTools", "weasyprint", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    _quiet_libraries()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help()
            return 2
        return args.func(args)
    except FzcheckError as exc:
        print(f"fzcheck: error: {one_line(str(exc))}", file=sys.stderr)
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
