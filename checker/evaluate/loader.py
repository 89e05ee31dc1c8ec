"""Load rule packs (YAML), validate them against the JSON Schema, and check the references
between them (lexicons, parts, findings, regexes). Every problem is a RuleError naming the
file, the rule id and the field."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import RuleError

try:  # the C loader is several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_TEMPLATE = re.compile(r"\{Y([+-]\d)?\}")
#: the regions of a document a rule may name (segment/structure.py)
REGIONS = {"all", "body", "title", "opening", "signature", "headings", "header", "addressee", "attachment-note",
           "issuer", "date", "notes", "attachments", "colophon"}


@dataclass
class Pack:
    name: str
    path: str
    data: dict[str, Any]
    trusted: bool = False  # byte-identical to a bundled pack that `make docs` validated
    sha256: str = ""  # of the file: changes whenever the pack is edited, bumped version or not


@dataclass
class RuleSet:
    """All loaded packs merged: lexicons and parts are shared across packs."""

    packs: list[Pack]
    lexicons: dict[str, dict[str, Any]] = field(default_factory=dict)
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: list[dict[str, Any]] = field(default_factory=list)
    rule_files: dict[str, str] = field(default_factory=dict)
    #: rule id → the packs (files) whose `overrides` changed it, in the order applied
    overridden: dict[str, list[str]] = field(default_factory=dict)

    @property
    def version(self) -> str:
        """The packs' declared versions, e.g. ``lexicons@1+core@1+…``."""
        return "+".join(f"{p.name}@{p.data.get('version', '0')}" for p in self.packs)

    @property
    def digest(self) -> str:
        """12 hex digits of a SHA-256 over the packs' names and content: two runs with the same
        digest applied the very same rules, whatever the declared versions say."""
        h = hashlib.sha256()
        for p in self.packs:
            h.update(f"{p.name}\0{p.sha256}\n".encode())
        return h.hexdigest()[:12]


def bundled_pack_paths() -> list[Path]:
    root = Path(str(resources.files("checker.packs")))
    return sorted(root.glob("*.yaml"))


SCHEMA_FILE = "rule-pack.schema.json"
MANIFEST_FILE = "validated-packs.sha256"


def _schema_bytes() -> bytes:
    return (resources.files("checker.packs.schema") / SCHEMA_FILE).read_bytes()


def _schema() -> dict[str, Any]:
    return json.loads(_schema_bytes())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_text(packs: Iterable[tuple[str, bytes]]) -> str:
    """The manifest of validated packs: sha256sum lines for the schema, then for each pack."""
    lines = [f"{_sha256(_schema_bytes())}  {SCHEMA_FILE}"]
    lines += [f"{_sha256(data)}  {name}" for name, data in sorted(packs)]
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=1)
def trusted_hashes() -> frozenset[str]:
    """Hashes of the bundled packs as they were when `make docs` validated them in full.

    Validating the schema costs ~150 ms a process (importing jsonschema, then walking every
    rule), half of a cold `fzcheck check`. A pack whose bytes are in this manifest, written only
    after a full validation, skips the schema and regex checks; the cross-references are still
    checked. An edited pack, a user's pack, or a changed schema is validated in full."""
    try:
        text = (resources.files("checker.packs.schema") / MANIFEST_FILE).read_text("utf-8")
    except (OSError, FileNotFoundError):
        return frozenset()
    entries = [line.split(None, 1) for line in text.splitlines() if line.strip()]
    if not entries or entries[0] != [_sha256(_schema_bytes()), SCHEMA_FILE]:
        return frozenset()
    return frozenset(h for h, _ in entries[1:])


def _field_path(path: Iterable[Any]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def _where(data: Any, path: list[Any]) -> tuple[str | None, str]:
    """(rule id, field path inside the rule) for an error path into a pack."""
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        rules = data.get("rules") if isinstance(data, dict) else None
        rid = None
        if isinstance(rules, list) and path[1] < len(rules) and isinstance(rules[path[1]], dict):
            rid = rules[path[1]].get("id")
        return (str(rid) if rid else f"rules[{path[1]}]"), _field_path(path[2:])
    return None, _field_path(path)


def _fail(file: str, rule: str | None, fld: str, msg: str) -> RuleError:
    where = f"{file}: 规则 {rule} 的字段 {fld}" if rule else f"{file}: 字段 {fld}"
    return RuleError(f"{where}：{msg}")


def _validate_schema(data: Any, file: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), str(e.absolute_path)))
    if not errors:
        return
    err = jsonschema.exceptions.best_match(errors)
    # descend into oneOf/anyOf to the most specific message
    while err.context:
        err = jsonschema.exceptions.best_match(err.context)
    rule, fld = _where(data, list(err.absolute_path))
    raise _fail(file, rule, fld, _schema_message(err))


def _short(value: Any) -> str:
    import reprlib

    r = reprlib.Repr()
    r.maxstring, r.maxother, r.maxlist, r.maxdict = 40, 40, 8, 8
    return r.repr(value)


def _schema_message(err: Any) -> str:
    """What a schema violation means, in Chinese, with the offending value shortened."""
    v, val = err.validator, err.validator_value
    if v == "enum":
        return f"{_short(err.instance)} 不是可选值之一（可选：{'、'.join(map(str, val))}）"
    if v == "required":
        missing = [k for k in val if isinstance(err.instance, dict) and k not in err.instance]
        return f"缺少必填项：{'、'.join(missing) or '、'.join(val)}"
    if v == "additionalProperties":
        extra = [k for k in err.instance if k not in (err.schema.get("properties") or {})] if isinstance(err.instance, dict) else []
        return f"不认识的字段：{'、'.join(map(str, extra))}"
    if v == "type":
        names = {"string": "文字", "integer": "整数", "number": "数字", "array": "列表", "object": "映射（键: 值）", "boolean": "true/false", "null": "空"}
        want = "或".join(names.get(t, t) for t in (val if isinstance(val, list) else [val]))
        return f"{_short(err.instance)} 应为{want}"
    if v == "pattern":
        return f"{_short(err.instance)} 的写法不对（应符合 {val}）"
    if v in ("minItems", "minLength", "minProperties"):
        return f"{_short(err.instance)} 不能为空" if val == 1 else f"{_short(err.instance)} 太短（至少 {val}）"
    if v == "const":
        return f"{_short(err.instance)} 应为 {val}"
    if v in ("oneOf", "anyOf"):
        return f"{_short(err.instance)} 不符合任何一种允许的写法（见 docs/rules.md）"
    if v in ("minimum", "maximum"):
        return f"{_short(err.instance)} 超出范围（{'至少' if v == 'minimum' else '至多'} {val}）"
    message = err.message
    return message if len(message) <= 300 else message[:300] + "…"


MAX_PACK_MB = 2  # the bundled packs together are ~0.1 MB
MAX_NODES = 200_000  # YAML nodes a pack may expand to (aliases counted each time they are used)
MAX_RULES = 2_000
MAX_PATTERN = 2_000  # characters of one regex


def _expanded_size(data: Any, budget: int) -> int:
    """How many nodes the data has when every alias is expanded, counting no further than the
    budget (a YAML alias bomb is small on disk and in memory, and enormous expanded)."""
    n = 0
    stack = [data]
    while stack:
        x = stack.pop()
        n += 1
        if n > budget:
            return n
        if isinstance(x, dict):
            stack.extend(x.keys())
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    return n


def read_pack(path: str | Path, trust: bool = True) -> Pack:
    from ..errors import InputError
    from ..read import read_file_bytes, shown

    file = shown(path)
    try:
        raw = read_file_bytes(path, MAX_PACK_MB, "：规则包")
        text = raw.decode("utf-8")
    except InputError as exc:
        raise RuleError(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise RuleError(f"{file}: 规则文件不是 UTF-8 文本（{exc.reason}）") from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"{file}: 不是有效的 YAML{where}：{problem}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{file}: 规则包应是含 pack 和 rules 的映射（键: 值）")
    if isinstance(data.get("rules"), list) and len(data["rules"]) > MAX_RULES:
        raise RuleError(f"{file}: 规则太多（{len(data['rules'])} 条，上限 {MAX_RULES}）")
    if _expanded_size(data, MAX_NODES) > MAX_NODES:
        raise RuleError(f"{file}: 规则包展开后太大（超过 {MAX_NODES} 个节点；YAML 别名层层引用时常见，即“别名炸弹”），不读取")
    digest = _sha256(raw)
    trusted = trust and digest in trusted_hashes()
    if not trusted:
        _validate_schema(data, file)
    return Pack(data["pack"], file, data, trusted, digest)


# ---------------------------------------------------------------- references

def _templated(pattern: str) -> str:
    return _TEMPLATE.sub("2000", pattern)


def _unbounded(sub) -> bool:
    """Whether a parsed regex can repeat without bound somewhere inside."""
    from re import _constants as C

    for op, av in sub:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            if av[1] == C.MAXREPEAT or av[1] > 50 or _unbounded(av[2]):
                return True
        elif op == C.SUBPATTERN and _unbounded(av[-1]):
            return True
        elif op == C.BRANCH and any(_unbounded(b) for b in av[1]):
            return True
        elif op == C.ATOMIC_GROUP and _unbounded(av):
            return True
    return False


def _nested_repeat(sub) -> bool:
    """A repeat of something that repeats without bound, (a+)+ or (?:[^。]+)+: on text that does
    not match, re tries every way of cutting it, which takes longer than the universe has."""
    from re import _constants as C

    for op, av in sub:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            if (av[1] == C.MAXREPEAT or av[1] > 1) and _unbounded(av[2]):
                return True
            if _nested_repeat(av[2]):
                return True
        elif op == C.SUBPATTERN and _nested_repeat(av[-1]):
            return True
        elif op == C.BRANCH and any(_nested_repeat(b) for b in av[1]):
            return True
    return False


def check_regex(pattern: str, file: str, rule: str | None, fld: str) -> None:
    """A user's regex compiles, is not too long, and has no nested unbounded repeat."""
    import re._parser as sre_parse

    if len(pattern) > MAX_PATTERN:
        raise _fail(file, rule, fld, f"正则表达式太长（{len(pattern)} 个字符，上限 {MAX_PATTERN}）")
    try:
        re.compile(_templated(pattern))
        tree = sre_parse.parse(_templated(pattern))
    except (re.error, RecursionError, OverflowError) as exc:
        raise _fail(file, rule, fld, f"正则表达式有误：{exc}") from None
    if _nested_repeat(tree):
        raise _fail(file, rule, fld, "正则表达式里有嵌套的无界重复（如 (a+)+、(?:[^。]+)+），遇到不匹配的文字会一直算下去；"
                                      "请改写为不嵌套的形式（如 [^。]+）")


def _check_matcher(m: dict[str, Any], rs: RuleSet, file: str, rule: str | None, fld: str, rx: bool = True) -> None:
    if "lexicon" in m and m["lexicon"] not in rs.lexicons:
        raise _fail(file, rule, f"{fld}.lexicon", f"没有名为“{m['lexicon']}”的词表")
    if "events" in m and m["events"] not in rs.events:
        raise _fail(file, rule, f"{fld}.events", f"没有名为“{m['events']}”的事件表")
    if "regex" in m and rx:
        check_regex(m["regex"], file, rule, f"{fld}.regex")
    for key in ("any", "all"):
        for i, sub in enumerate(m.get(key, [])):
            _check_matcher(sub, rs, file, rule, f"{fld}.{key}[{i}]", rx)
    for key in ("not", "not_inside", "not_in_sentence"):
        if key in m:
            _check_matcher(m[key], rs, file, rule, f"{fld}.{key}", rx)


def _part_names(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _check_scope(scope: Any, rs: RuleSet, file: str, rule: str | None, fld: str) -> None:
    if isinstance(scope, dict):
        for key in ("part", "except"):
            for name in _part_names(scope.get(key)):
                if name not in rs.parts:
                    raise _fail(file, rule, f"{fld}.{key}", f"没有名为“{name}”的部分")


def _check_condition(c: Any, names: set[str], file: str, rule: str, fld: str,
                     finds: dict[str, Any] | None = None) -> None:
    if isinstance(c, str):
        if c not in names:
            raise _fail(file, rule, fld, f"没有名为“{c}”的发现（已定义：{', '.join(sorted(names)) or '无'}）")
        return
    if "share" in c:
        f = (finds or {}).get(c["share"])
        if f is None:
            raise _fail(file, rule, f"{fld}.share", f"没有名为“{c['share']}”的发现")
        if f.get("compare") != "recycled":
            raise _fail(file, rule, f"{fld}.share", f"发现“{c['share']}”不是 compare: recycled 的发现")
        for k in ("min", "max"):
            if k in c and c[k] > 1:
                raise _fail(file, rule, f"{fld}.{k}", f"比例是 0 到 1 之间的小数，不是 {c[k]}")
    elif any(k in c for k in ("count", "found")):
        for k in ("min", "max"):
            if k in c and c[k] != int(c[k]):
                raise _fail(file, rule, f"{fld}.{k}", f"命中次数是整数，不是 {c[k]}")
    for key in ("all", "any"):
        for i, sub in enumerate(c.get(key, [])):
            _check_condition(sub, names, file, rule, f"{fld}.{key}[{i}]", finds)
    if "not" in c:
        _check_condition(c["not"], names, file, rule, f"{fld}.not", finds)
    if "count" in c and c["count"] not in names:
        raise _fail(file, rule, f"{fld}.count", f"没有名为“{c['count']}”的发现")
    for n in c.get("found", []):
        if n not in names:
            raise _fail(file, rule, f"{fld}.found", f"没有名为“{n}”的发现")


def _check_compare(rule: dict[str, Any], rs: RuleSet, file: str, rid: str, rx: bool) -> None:
    """The compare findings and settings of a rule: the parts and lexicons they name exist."""
    settings = rule.get("compare") or {}
    finds = rule.get("find") or {}
    kinds = {f["compare"] for f in finds.values() if "compare" in f}
    if settings and not kinds:
        raise _fail(file, rid, "compare", "有 compare 设置，但规则没有 compare 发现")
    if "framing" in settings and settings["framing"] not in rs.lexicons:
        raise _fail(file, rid, "compare.framing", f"没有名为“{settings['framing']}”的词表")
    for name in _part_names(settings.get("measures")):
        if name not in rs.parts:
            raise _fail(file, rid, "compare.measures", f"没有名为“{name}”的部分")
    if "figures" in settings:
        _check_matcher(settings["figures"], rs, file, rid, "compare.figures", rx)
    for fname, f in finds.items():
        kind = f.get("compare", "")
        need = "shortcomings" if kind.startswith("shortcomings") else "plan" if kind.startswith("plans") else None
        if need and need not in rs.parts:
            raise _fail(file, rid, f"find.{fname}.compare", f"{kind} 需要“{need}”部分（在核心规则包中定义）")
        if kind.startswith("figures") and "figures" not in settings:
            raise _fail(file, rid, f"find.{fname}.compare", f"{kind} 需要规则里的 compare.figures（什么算一个数字）")


def _check_references(rs: RuleSet) -> None:
    for pack in rs.packs:
        file, rx = pack.path, not pack.trusted
        lists = [(f"lexicons.{n}", lex) for n, lex in (pack.data.get("lexicons") or {}).items()]
        for n, ev in (pack.data.get("events") or {}).items():
            lists += [(f"events.{n}.items[{k}]", item) for k, item in enumerate(ev["items"])]
        for where, lex in lists if rx else []:
            for i, p in enumerate(lex.get("patterns", [])):
                check_regex(p, file, None, f"{where}.patterns[{i}]")
        for name, part in (pack.data.get("parts") or {}).items():
            _check_matcher(part["heading"], rs, file, None, f"parts.{name}.heading", rx)
            others = _part_names(part.get("not_inside")) + _part_names(part.get("after"))
            for other in others + _part_names((part.get("fallback") or {}).get("until")):
                if other not in rs.parts:
                    raise _fail(file, None, f"parts.{name}", f"没有名为“{other}”的部分")
            if "paragraphs" in (part.get("fallback") or {}):
                _check_matcher(part["fallback"]["paragraphs"], rs, file, None, f"parts.{name}.fallback.paragraphs", rx)
    trusted = {p.path for p in rs.packs if p.trusted}
    for rule in rs.rules:  # as the overrides left them
        rid = rule["id"]
        changed = rs.overridden.get(rid)
        file = changed[-1] if changed else rs.rule_files[rid]
        rx = bool(changed) or file not in trusted
        finds = rule.get("find") or {}
        for fname, f in finds.items():
            base = f"find.{fname}"
            if "match" in f:
                _check_matcher(f["match"], rs, file, rid, f"{base}.match", rx)
            for pname in ([f["part"]] if "part" in f else []) + list(f.get("order", [])):
                if pname not in rs.parts:
                    raise _fail(file, rid, f"{base}.{'part' if 'part' in f else 'order'}", f"没有名为“{pname}”的部分")
            if "in" in f:
                _check_scope(f["in"], rs, file, rid, f"{base}.in")
        places = [("place", rule.get("place"))] + [(f"decide[{i}].place", d.get("place"))
                                                     for i, d in enumerate(rule["decide"])]
        for fld, place in places:
            for position, where in (place or {}).items():
                for name in _part_names(where):
                    if name not in rs.parts and name not in REGIONS:
                        raise _fail(file, rid, f"{fld}.{position}", f"没有名为“{name}”的部分或区域")
        _check_compare(rule, rs, file, rid, rx)
        names = set(finds)
        if "applies" in rule:
            _check_condition(rule["applies"], names, file, rid, "applies", finds)
        for i, d in enumerate(rule["decide"]):
            if "when" in d:
                _check_condition(d["when"], names, file, rid, f"decide[{i}].when", finds)
            for n in d.get("evidence", []):
                if n not in names:
                    raise _fail(file, rid, f"decide[{i}].evidence", f"没有名为“{n}”的发现")


def load_rules(extra: Iterable[str | Path] = (), bundled: bool = True, trust: bool = True) -> RuleSet:
    """Load the bundled packs and any extra ones (files or folders of *.yaml). An extra pack
    with the same pack name as a bundled one replaces it. With trust=False every pack is
    validated in full, even one listed in the manifest."""
    paths: list[Path] = list(bundled_pack_paths()) if bundled else []
    for e in extra:
        p = Path(e)
        if p.is_dir():
            found = sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
            if not found:
                raise RuleError(f"{p}: 文件夹里没有规则文件（*.yaml）")
            paths.extend(found)
        elif p.exists():
            paths.append(p)
        else:
            raise RuleError(f"{p}: 规则文件不存在")
    by_name: dict[str, Pack] = {}
    for path in paths:
        pack = read_pack(path, trust)
        by_name[pack.name] = pack  # later (user) packs replace bundled ones of the same name
    rs = RuleSet(list(by_name.values()))
    for pack in rs.packs:
        for kind in ("lexicons", "parts", "events"):
            target = getattr(rs, kind)
            for name, value in (pack.data.get(kind) or {}).items():
                if name in target:
                    raise _fail(pack.path, None, f"{kind}.{name}", f"“{name}”在两个规则包里都有定义")
                target[name] = value
        _apply_additions(rs, pack)
        _apply_overrides(rs, pack)
        for rule in pack.data.get("rules") or []:
            if rule["id"] in rs.rule_files:
                raise _fail(pack.path, rule["id"], "id", f"规则编号重复（{rs.rule_files[rule['id']]} 里也有；要修改已有规则请用 overrides）"
                            + "; to change that rule, put it under `overrides:` instead")
            rs.rule_files[rule["id"]] = pack.path
            rs.rules.append(rule)
    _check_references(rs)
    return rs


# ---------------------------------------------------------------- layering (docs/rules.md)

def _apply_additions(rs: RuleSet, pack: Pack) -> None:
    """``additions:``: terms and patterns appended to a lexicon, items to an event list, of the
    packs loaded before this one. The lexicon stays one list, under its own name, for every rule
    that uses it."""
    adds = pack.data.get("additions") or {}
    for name, more in (adds.get("lexicons") or {}).items():
        if name not in rs.lexicons:
            raise _fail(pack.path, None, f"additions.lexicons.{name}", f"在它之前载入的规则包里没有词表“{name}”")
        for i, p in enumerate(more.get("patterns", [])):
            try:
                re.compile(_templated(p))
            except re.error as exc:
                raise _fail(pack.path, None, f"additions.lexicons.{name}.patterns[{i}]", f"正则表达式有误：{exc}") from None
        old = rs.lexicons[name]
        merged = dict(old)
        for key in ("terms", "patterns"):
            if more.get(key):
                merged[key] = list(old.get(key, [])) + [t for t in more[key] if t not in old.get(key, [])]
        rs.lexicons[name] = merged
    for name, more in (adds.get("events") or {}).items():
        if name not in rs.events:
            raise _fail(pack.path, None, f"additions.events.{name}", f"在它之前载入的规则包里没有事件表“{name}”")
        for k, item in enumerate(more["items"]):
            for i, p in enumerate(item.get("patterns", [])):
                try:
                    re.compile(_templated(p))
                except re.error as exc:
                    raise _fail(pack.path, None, f"additions.events.{name}.items[{k}].patterns[{i}]", f"正则表达式有误：{exc}") from None
        rs.events[name] = {**rs.events[name], "items": list(rs.events[name]["items"]) + list(more["items"])}


def _apply_overrides(rs: RuleSet, pack: Pack) -> None:
    """``overrides:``: rules of the packs loaded before this one, changed by id. Each key given
    replaces the rule's own, except ``find``, which is merged finding by finding (a finding given
    replaces the one of that name, the others stay). The rule keeps its place in the order."""
    overrides = pack.data.get("overrides") or {}
    if not overrides:
        return
    index = {r["id"]: i for i, r in enumerate(rs.rules)}
    for rid, change in overrides.items():
        if rid not in index:
            raise _fail(pack.path, rid, "overrides", f"在它之前载入的规则包里没有规则“{rid}”"
                        "（新规则写在 rules: 下）")
        old = rs.rules[index[rid]]
        merged = {**old, **change}
        if "find" in change:
            merged["find"] = {**(old.get("find") or {}), **change["find"]}
        if not pack.trusted:
            _validate_schema({"pack": pack.name, "rules": [merged]}, pack.path)
        rs.rules[index[rid]] = merged
        rs.overridden.setdefault(rid, []).append(pack.path)
