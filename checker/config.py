"""Configuration files: found by walking up from each checked report, as Ruff finds its own.

In each folder from the report's up to the root of the file system, the first of
``.fzcheck.toml``, ``fzcheck.toml`` and ``pyproject.toml`` (only when it has a ``[tool.fzcheck]``
table) is the report's configuration; the search stops there. ``extend = "../fzcheck.toml"``
starts from another file's settings, which the extending file's own replace (the rule packs and
the per-file overrides accumulate: the extended file's first). ``--config FILE`` uses FILE for
every report; ``--config 'KEY = VALUE'`` overrides one setting over any file; ``--isolated``
reads no file at all.

Two kinds of settings:

- for each report, from the configuration nearest to it: the rule packs (``default-rules``,
  ``packs``), ``select``, ``ignore``, ``kind`` and ``per-file-overrides``;
- for the whole run, from the configuration of the folder that holds all the checked paths (or
  ``--config``): ``fail-on``, ``fail-severity``, ``baseline`` and ``[output]``.

Precedence: a command-line option over ``--config KEY=VALUE`` over the file; a nearer file over a
farther one (the nearer file is the one used; it can ``extend`` the farther). Paths and globs in
a file are relative to the folder that holds it. Every problem is a one-line error (exit 2)
naming the file, the key and what is allowed. See docs/configuration.md.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .errors import UsageError
from .gate import FAIL_ON, SEVERITIES

CONFIG_NAMES = (".fzcheck.toml", "fzcheck.toml", "pyproject.toml")
KINDS = ("government", "department", "party")
KIND_ZH = {"government": "人民政府", "department": "政府部门", "party": "党委"}
COLORS = ("auto", "always", "never")


class ConfigError(UsageError):
    """An invalid configuration file or value: one line naming the file, the key, what is allowed."""


def _fail(where: str, key: str, problem: str) -> ConfigError:
    return ConfigError(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


# ---------------------------------------------------------------- validation

def _string(where: str, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, key, f"应为非空字符串，而不是 {_show(value)}")
    return value


def _strings(where: str, key: str, value: Any, example: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, key, f"应为字符串列表，如 {example}，而不是 {_show(value)}")
    return [v.strip() for v in value]


def _bool(where: str, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, key, f"应为 true 或 false，而不是 {_show(value)}")
    return value


def _choice(choices: Sequence[str]) -> Callable[[str, str, Any], str]:
    def check(where: str, key: str, value: Any) -> str:
        if value not in choices:
            raise _fail(where, key, f"{_show(value)} 不是可用的值（可用：{'、'.join(choices)}）")
        return value
    return check


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "一个表"
    return repr(value)


def _formats(where: str, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    return _strings(where, key, value, '"concise" 或 ["table", "junit=fzcheck-junit.xml"]')


_TOP: dict[str, Callable[[str, str, Any], Any]] = {
    "extend": _string,
    "default-rules": _bool,
    "packs": lambda w, k, v: _strings(w, k, v, '["rules/本省/", "rules/本单位.yaml"]'),
    "select": lambda w, k, v: _strings(w, k, v, '["core", "format.title"]'),
    "ignore": lambda w, k, v: _strings(w, k, v, '["content.digital"]'),
    "kind": _choice(KINDS),
    "fail-on": _choice(FAIL_ON),
    "fail-severity": _choice(SEVERITIES),
    "baseline": _string,
    "output": None,  # a table, below
    "per-file-overrides": None,  # a table of tables, below
}
_OUTPUT: dict[str, Callable[[str, str, Any], Any]] = {
    "format": _formats,
    "show-pass": _bool,
    "quiet": _bool,
    "color": _choice(COLORS),
}
_OVERRIDE: dict[str, Callable[[str, str, Any], Any]] = {
    "select": _TOP["select"],
    "ignore": _TOP["ignore"],
    "kind": _TOP["kind"],
}


def _unknown(where: str, key: str, allowed: Iterable[str]) -> ConfigError:
    import difflib

    allowed = list(allowed)
    near = difflib.get_close_matches(key.rsplit(".", 1)[-1], allowed, n=1)
    hint = f"，是否想写 '{near[0]}'？" if near else ""
    return _fail(where, key, f"未知的设置{hint}（可用：{'、'.join(allowed)}）")


def _table(where: str, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, key, f"应为一个表（[{key}]），而不是 {_show(value)}")
    return value


def validate(data: Any, where: str) -> dict[str, Any]:
    """The settings of one configuration table, checked key by key; the values normalized."""
    data = _table(where, "", data) if data is not None else {}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _TOP:
            raise _unknown(where, key, _TOP)
        if key == "output":
            out[key] = {}
            for k, v in _table(where, key, value).items():
                if k not in _OUTPUT:
                    raise _unknown(where, f"output.{k}", _OUTPUT)
                out[key][k] = _OUTPUT[k](where, f"output.{k}", v)
        elif key == "per-file-overrides":
            out[key] = []
            for glob, table in _table(where, key, value).items():
                name = f'per-file-overrides."{glob}"'
                if not glob.strip():
                    raise _fail(where, name, "glob 不能为空")
                settings = {}
                for k, v in _table(where, name, table).items():
                    if k not in _OVERRIDE:
                        raise _unknown(where, f"{name}.{k}", _OVERRIDE)
                    settings[k] = _OVERRIDE[k](where, f"{name}.{k}", v)
                if not settings:
                    raise _fail(where, name, f"没有设置（可用：{'、'.join(_OVERRIDE)}）")
                out[key].append((glob, settings))
        else:
            out[key] = _TOP[key](where, key, value)
    return out


# ---------------------------------------------------------------- files

@dataclass
class Override:
    base: Path  # the folder the glob is relative to (that of its file)
    glob: str
    settings: dict[str, Any]
    where: str  # file: key, for messages

    def matches(self, path: Path) -> bool:
        """fnmatch on the path relative to the base folder, in / form (``*`` also crosses
        folders, so ``2023/*`` holds 2023/a/b.txt); a glob without / also matches the name."""
        try:
            rel = path.relative_to(self.base).as_posix()
        except ValueError:
            return False
        if fnmatch.fnmatchcase(rel, self.glob):
            return True
        return "/" not in self.glob and fnmatch.fnmatchcase(path.name, self.glob)


@dataclass
class Layer:
    """One configuration: a file with what it extends merged in, or the --config overrides."""

    path: Path | None
    label: str  # how messages name it (the file as found, or "--config")
    values: dict[str, Any] = field(default_factory=dict)  # top-level settings but packs/overrides
    output: dict[str, Any] = field(default_factory=dict)
    packs: list[str] = field(default_factory=list)  # absolute paths, in layering order
    overrides: list[Override] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # setting → the file that set it

    def under(self, parent: Layer) -> Layer:
        """This layer over the one it extends: its own settings replace the parent's; the packs
        and the per-file overrides accumulate, the parent's first."""
        return Layer(
            self.path, self.label,
            {**parent.values, **self.values}, {**parent.output, **self.output},
            parent.packs + self.packs, parent.overrides + self.overrides,
            {**parent.sources, **self.sources})

    def source(self, key: str) -> str:
        return f"{self.sources.get(key, self.label)}: {key}"


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)
    return rel if not rel.startswith(".." + os.sep + "..") else str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only once a file is found

    where = _display(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{where}: 无法读取配置文件（{exc.strerror or exc}）") from None
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{where}: 配置文件不是 UTF-8 文本") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: 不是有效的 TOML（{exc}）") from None


def _table_of(path: Path, doc: dict[str, Any]) -> dict[str, Any] | None:
    if path.name == "pyproject.toml":
        tool = doc.get("tool")
        return tool.get("fzcheck") if isinstance(tool, dict) else None
    return doc


def _has_fzcheck_table(path: Path) -> bool:
    """A pyproject.toml counts only with a [tool.fzcheck] table (as Ruff's [tool.ruff])."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if b"fzcheck" not in raw:  # most pyproject.toml: not ours, not even parsed
        return False
    return _table_of(path, _read_toml(path)) is not None


class Resolver:
    """Finds and reads the configuration of each path, each file and folder once."""

    def __init__(self, isolated: bool = False, config_file: str | None = None,
                 inline: Sequence[str] = ()) -> None:
        if isolated and config_file:
            raise UsageError("--isolated 与 --config FILE 不能同时使用（--isolated 不读任何配置文件）")
        self.isolated = isolated
        self._found: dict[Path, Path | None] = {}
        self._layers: dict[Path, Layer] = {}
        self.fixed: Layer | None = None
        if config_file is not None:
            path = Path(os.path.abspath(os.path.expanduser(config_file)))
            if not path.is_file():
                raise ConfigError(f"--config: 没有这个配置文件：{config_file}")
            self.fixed = self.load(path)
        self.inline = self._inline(inline)

    # -- the --config KEY=VALUE layer

    @staticmethod
    def _inline(pairs: Sequence[str]) -> Layer | None:
        if not pairs:
            return None
        import tomllib

        merged: dict[str, Any] = {}
        for pair in pairs:
            try:
                doc = tomllib.loads(pair)
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"--config: '{pair}' 既不是配置文件，也不是 KEY = VALUE 形式的 TOML（{exc}）") from None
            for key, value in doc.items():
                if isinstance(value, dict) and isinstance(merged.get(key), dict):
                    merged[key] = {**merged[key], **value}
                else:
                    merged[key] = value
        return _layer(None, "--config", validate(merged, "--config"), Path.cwd())

    # -- discovery

    def find(self, folder: Path) -> Path | None:
        """The configuration file of a folder: its own, or the nearest above it."""
        chain: list[Path] = []
        found: Path | None = None
        for d in (folder, *folder.parents):
            if d in self._found:
                found = self._found[d]
                break
            chain.append(d)
            hit = next((d / n for n in CONFIG_NAMES if (d / n).is_file()
                        and (n != "pyproject.toml" or _has_fzcheck_table(d / n))), None)
            if hit is not None:
                found = hit
                break
        for d in chain:
            self._found[d] = found
        return found

    def load(self, path: Path, _seen: tuple[Path, ...] = ()) -> Layer:
        if path in self._layers:
            return self._layers[path]
        if path in _seen:
            raise ConfigError(f"{_display(path)}: extend: 循环引用（{' → '.join(_display(p) for p in (*_seen, path))}）")
        where = _display(path)
        table = _table_of(path, _read_toml(path))
        if table is None:
            raise ConfigError(f"{where}: 没有 [tool.fzcheck] 表")
        layer = _layer(path, where, validate(table, where), path.parent)
        extend = layer.values.pop("extend", None)
        if extend is not None:
            target = Path(os.path.abspath(path.parent / os.path.expanduser(extend)))
            if not target.is_file():
                raise _fail(where, "extend", f"没有这个配置文件：{extend}")
            layer = layer.under(self.load(target, (*_seen, path)))
        self._layers[path] = layer
        return layer

    def layer_for(self, folder: Path) -> Layer | None:
        """The configuration that applies in a folder (before --config KEY=VALUE)."""
        if self.isolated:
            return None
        if self.fixed is not None:
            return self.fixed
        found = self.find(folder)
        return self.load(found) if found is not None else None


def _layer(path: Path | None, label: str, values: dict[str, Any], base: Path) -> Layer:
    output = values.pop("output", {})
    packs = [os.path.abspath(base / os.path.expanduser(p)) for p in values.pop("packs", [])]
    overrides = [Override(base, glob, settings, f'{label}: per-file-overrides."{glob}"')
                 for glob, settings in values.pop("per-file-overrides", [])]
    if "baseline" in values:
        values["baseline"] = os.path.abspath(base / os.path.expanduser(values["baseline"]))
    formats = output.get("format")
    if formats:  # FMT=FILE: the file is relative to the configuration's folder too
        output["format"] = [f if "=" not in f or f.endswith("=-") else
                            f"{f.partition('=')[0]}={os.path.abspath(base / f.partition('=')[2])}" for f in formats]
    sources = {k: label for k in values}
    sources.update({f"output.{k}": label for k in output})
    if packs:
        sources["packs"] = label
    return Layer(path, label, values, output, packs, overrides, sources)


# ---------------------------------------------------------------- settings

@dataclass(frozen=True)
class CheckSettings:
    """How one report is checked. Equal settings share one rule set and one batch."""

    default_rules: bool
    packs: tuple[str, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    kind: str | None
    #: (rule id, where it was named) for the ids of select / ignore, checked once rules are loaded
    named: tuple[tuple[str, str], ...] = ()

    @property
    def rules_key(self) -> tuple[bool, tuple[str, ...]]:
        return self.default_rules, self.packs

    @property
    def batch_key(self) -> tuple[Any, ...]:
        return self.default_rules, self.packs, self.select, self.ignore, self.kind


@dataclass
class RunSettings:
    """What the whole run does with the results."""

    fail_on: str
    fail_severity: str
    baseline: str | None
    formats: list[str] | None
    show_pass: int
    quiet: bool
    color: str
    config: str | None  # the file the run-wide settings came from, if any


def _split(values: Sequence[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def check_settings(path: Path, layer: Layer | None, inline: Layer | None, args: Any) -> CheckSettings:
    """The settings of one report: its configuration, then --config KEY=VALUE, then the
    command line; per-file overrides that match the report in the order written."""
    values: dict[str, Any] = {}
    named: list[tuple[str, str]] = []
    packs: list[str] = []
    overrides: list[Override] = []
    origin: dict[str, str] = {}
    for lay in (layer, inline):
        if lay is None:
            continue
        for key in ("default-rules", "select", "ignore", "kind"):
            if key in lay.values:
                values[key] = lay.values[key]
                origin[key] = lay.source(key)
        packs += lay.packs
        overrides += lay.overrides
    select: list[str] = list(values.get("select", []))
    ignore: list[str] = list(values.get("ignore", []))
    named += [(i, origin["select"]) for i in select] + [(i, origin["ignore"]) for i in ignore]
    kind = values.get("kind")
    for ov in overrides:
        if ov.matches(path):
            if "select" in ov.settings:
                select = list(ov.settings["select"])
                named += [(i, f"{ov.where}.select") for i in select]
            if "ignore" in ov.settings:
                ignore += [i for i in ov.settings["ignore"] if i not in ignore]
                named += [(i, f"{ov.where}.ignore") for i in ov.settings["ignore"]]
            if "kind" in ov.settings:
                kind = ov.settings["kind"]
    cli_select, cli_ignore = _split(getattr(args, "select", None)), _split(getattr(args, "ignore", None))
    if cli_select:
        select = cli_select
        named += [(i, "--select") for i in cli_select]
    ignore += [i for i in cli_ignore if i not in ignore]
    named += [(i, "--ignore") for i in cli_ignore]
    if getattr(args, "kind", None):
        kind = args.kind
    default_rules = values.get("default-rules", True)
    if getattr(args, "no_default_rules", False):
        default_rules = False
    packs += [os.path.abspath(p) for p in getattr(args, "rules", None) or []]
    return CheckSettings(default_rules, tuple(packs), tuple(select), tuple(ignore), kind, tuple(named))


def run_settings(layer: Layer | None, inline: Layer | None, args: Any) -> RunSettings:
    """The run-wide settings: the configuration of the folder of all the paths, then --config
    KEY=VALUE, then the command line."""
    values: dict[str, Any] = {}
    output: dict[str, Any] = {}
    for lay in (layer, inline):
        if lay is not None:
            values.update({k: v for k, v in lay.values.items() if k in ("fail-on", "fail-severity", "baseline")})
            output.update(lay.output)
    verbose = getattr(args, "verbose", 0) or 0
    show_pass = max(verbose, 1 if getattr(args, "show_pass", False) else 0)
    if not show_pass and output.get("show-pass"):
        show_pass = 1
    return RunSettings(
        fail_on=getattr(args, "fail_on", None) or values.get("fail-on", "fail"),
        fail_severity=getattr(args, "fail_severity", None) or values.get("fail-severity", "warning"),
        baseline=getattr(args, "baseline", None) or values.get("baseline"),
        formats=getattr(args, "format", None) or output.get("format"),
        show_pass=show_pass,
        quiet=bool(getattr(args, "quiet", False) or output.get("quiet", False)),
        color=getattr(args, "color", None) or output.get("color", "auto"),
        config=(layer.label if layer is not None else None),
    )


def check_ids(known: Iterable[str], settings: CheckSettings) -> None:
    """Every id or prefix named in select / ignore names a rule of the report's rule set."""
    known = list(known)
    for i, where in settings.named:
        prefix = i.rstrip(".*")
        if not any(k == i or k.startswith(prefix + ".") for k in known):
            import difflib

            near = difflib.get_close_matches(i, known, n=1)
            hint = f"，是否想写 '{near[0]}'？" if near else "（见 fzcheck rules）"
            raise ConfigError(f"{where}: 没有规则 '{i}'{hint}")


def common_folder(paths: Sequence[str]) -> Path:
    """The folder that holds all the paths (a file counts by its folder): where the run-wide
    configuration is looked for."""
    folders = [os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in paths]
    if not folders:
        return Path.cwd()
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # different drives (Windows)
        return Path.cwd()

