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
    where = f"{file}: rule {rule}: field {fld}" if rule else f"{file}: field {fld}"
    return RuleError(f"{where}: {msg}")


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
    raise _fail(file, rule, fld, err.message)


def read_pack(path: str | Path, trust: bool = True) -> Pack:
    file = str(path)
    try:
        raw = Path(path).read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{file}: cannot read rule file ({exc})") from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"{file}: invalid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{file}: a rule pack must be a mapping with 'pack' and 'rules'")
    digest = _sha256(raw)
    trusted = trust and digest in trusted_hashes()
    if not trusted:
        _validate_schema(data, file)
    return Pack(data["pack"], file, data, trusted, digest)


# ---------------------------------------------------------------- references

def _templated(pattern: str) -> str:
    return _TEMPLATE.sub("2000", pattern)


def _check_matcher(m: dict[str, Any], rs: RuleSet, file: str, rule: str | None, fld: str, rx: bool = True) -> None:
    if "lexicon" in m and m["lexicon"] not in rs.lexicons:
        raise _fail(file, rule, f"{fld}.lexicon", f"unknown lexicon '{m['lexicon']}'")
    if "events" in m and m["events"] not in rs.events:
        raise _fail(file, rule, f"{fld}.events", f"unknown event list '{m['events']}'")
    if "regex" in m and rx:
        try:
            re.compile(_templated(m["regex"]))
        except re.error as exc:
            raise _fail(file, rule, f"{fld}.regex", f"invalid regex: {exc}") from None
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
                    raise _fail(file, rule, f"{fld}.{key}", f"unknown part '{name}'")


def _check_condition(c: Any, names: set[str], file: str, rule: str, fld: str,
                     finds: dict[str, Any] | None = None) -> None:
    if isinstance(c, str):
        if c not in names:
            raise _fail(file, rule, fld, f"unknown finding '{c}' (defined: {', '.join(sorted(names)) or 'none'})")
        return
    if "share" in c:
        f = (finds or {}).get(c["share"])
        if f is None:
            raise _fail(file, rule, f"{fld}.share", f"unknown finding '{c['share']}'")
        if f.get("compare") != "recycled":
            raise _fail(file, rule, f"{fld}.share", f"finding '{c['share']}' is not a 'compare: recycled' finding")
        for k in ("min", "max"):
            if k in c and c[k] > 1:
                raise _fail(file, rule, f"{fld}.{k}", f"a share is a fraction between 0 and 1, not {c[k]}")
    elif any(k in c for k in ("count", "found")):
        for k in ("min", "max"):
            if k in c and c[k] != int(c[k]):
                raise _fail(file, rule, f"{fld}.{k}", f"a number of hits is a whole number, not {c[k]}")
    for key in ("all", "any"):
        for i, sub in enumerate(c.get(key, [])):
            _check_condition(sub, names, file, rule, f"{fld}.{key}[{i}]", finds)
    if "not" in c:
        _check_condition(c["not"], names, file, rule, f"{fld}.not", finds)
    if "count" in c and c["count"] not in names:
        raise _fail(file, rule, f"{fld}.count", f"unknown finding '{c['count']}'")
    for n in c.get("found", []):
        if n not in names:
            raise _fail(file, rule, f"{fld}.found", f"unknown finding '{n}'")


def _check_compare(rule: dict[str, Any], rs: RuleSet, file: str, rid: str, rx: bool) -> None:
    """The compare findings and settings of a rule: the parts and lexicons they name exist."""
    settings = rule.get("compare") or {}
    finds = rule.get("find") or {}
    kinds = {f["compare"] for f in finds.values() if "compare" in f}
    if settings and not kinds:
        raise _fail(file, rid, "compare", "settings for compare findings, but the rule has none")
    if "framing" in settings and settings["framing"] not in rs.lexicons:
        raise _fail(file, rid, "compare.framing", f"unknown lexicon '{settings['framing']}'")
    for name in _part_names(settings.get("measures")):
        if name not in rs.parts:
            raise _fail(file, rid, "compare.measures", f"unknown part '{name}'")
    if "figures" in settings:
        _check_matcher(settings["figures"], rs, file, rid, "compare.figures", rx)
    for fname, f in finds.items():
        kind = f.get("compare", "")
        need = "shortcomings" if kind.startswith("shortcomings") else "plan" if kind.startswith("plans") else None
        if need and need not in rs.parts:
            raise _fail(file, rid, f"find.{fname}.compare", f"'{kind}' needs the part '{need}' (defined in the core pack)")
        if kind.startswith("figures") and "figures" not in settings:
            raise _fail(file, rid, f"find.{fname}.compare", f"'{kind}' needs compare.figures (what a figure is) in the rule")


def _check_references(rs: RuleSet) -> None:
    for pack in rs.packs:
        file, rx = pack.path, not pack.trusted
        lists = [(f"lexicons.{n}", lex) for n, lex in (pack.data.get("lexicons") or {}).items()]
        for n, ev in (pack.data.get("events") or {}).items():
            lists += [(f"events.{n}.items[{k}]", item) for k, item in enumerate(ev["items"])]
        for where, lex in lists if rx else []:
            for i, p in enumerate(lex.get("patterns", [])):
                try:
                    re.compile(_templated(p))
                except re.error as exc:
                    raise _fail(file, None, f"{where}.patterns[{i}]", f"invalid regex: {exc}") from None
        for name, part in (pack.data.get("parts") or {}).items():
            _check_matcher(part["heading"], rs, file, None, f"parts.{name}.heading", rx)
            others = _part_names(part.get("not_inside")) + _part_names(part.get("after"))
            for other in others + _part_names((part.get("fallback") or {}).get("until")):
                if other not in rs.parts:
                    raise _fail(file, None, f"parts.{name}", f"unknown part '{other}'")
            if "paragraphs" in (part.get("fallback") or {}):
                _check_matcher(part["fallback"]["paragraphs"], rs, file, None, f"parts.{name}.fallback.paragraphs", rx)
        for rule in pack.data.get("rules") or []:
            rid = rule["id"]
            finds = rule.get("find") or {}
            for fname, f in finds.items():
                base = f"find.{fname}"
                if "match" in f:
                    _check_matcher(f["match"], rs, file, rid, f"{base}.match", rx)
                for pname in ([f["part"]] if "part" in f else []) + list(f.get("order", [])):
                    if pname not in rs.parts:
                        raise _fail(file, rid, f"{base}.{'part' if 'part' in f else 'order'}", f"unknown part '{pname}'")
                if "in" in f:
                    _check_scope(f["in"], rs, file, rid, f"{base}.in")
            for position, where in (rule.get("place") or {}).items():
                for name in _part_names(where):
                    if name not in rs.parts and name not in REGIONS:
                        raise _fail(file, rid, f"place.{position}", f"unknown part or region '{name}'")
            _check_compare(rule, rs, file, rid, rx)
            names = set(finds)
            if "applies" in rule:
                _check_condition(rule["applies"], names, file, rid, "applies", finds)
            for i, d in enumerate(rule["decide"]):
                if "when" in d:
                    _check_condition(d["when"], names, file, rid, f"decide[{i}].when", finds)
                for n in d.get("evidence", []):
                    if n not in names:
                        raise _fail(file, rid, f"decide[{i}].evidence", f"unknown finding '{n}'")


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
                raise RuleError(f"{p}: no rule files (*.yaml) in this folder")
            paths.extend(found)
        elif p.exists():
            paths.append(p)
        else:
            raise RuleError(f"{p}: no such rule file")
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
                    raise _fail(pack.path, None, f"{kind}.{name}", f"'{name}' is defined in two packs")
                target[name] = value
        for rule in pack.data.get("rules") or []:
            if rule["id"] in rs.rule_files:
                raise _fail(pack.path, rule["id"], "id", f"duplicate rule id (also in {rs.rule_files[rule['id']]})")
            rs.rule_files[rule["id"]] = pack.path
            rs.rules.append(rule)
    _check_references(rs)
    return rs
