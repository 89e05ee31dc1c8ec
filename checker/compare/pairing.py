"""Which report is last year's report of the same issuer.

A report's *identity* is its covered year, the kind of its issuer (government / department /
party) and the names it gives its issuer: every value of the ``issuer`` field (title, 落款,
metadata, 发文机关标志 …), or, for a report that names itself nowhere but in its text, the full
names of itself that its body uses (below).

Names are compared by their *key*: the chain of administrative divisions and the organ.

- ``湛江市坡头区交通运输局`` → divisions (湛江市, 坡头区), organ 交通运输局; ``坡头区交通运输局`` →
  (坡头区), 交通运输局. Two names are the same issuer when the organs are equal and one chain of
  divisions ends with the other (the shorter name leaves out the province or city above): the
  innermost division, the one that says which office it is, must be in both. So 湛江市坡头区
  and 坡头区 agree; 湛江市 and 湛江市坡头区 do not (a city's bureau is not its district's), nor
  坡头区 and 遂溪县 (two counties of one city).
- A division is its name and its level (省 市 州 县 区 旗 盟 镇 乡 街道 …). An autonomous one is
  written without its peoples: 昌吉回族自治州 is 昌吉州, 黔东南苗族侗族自治州 is 黔东南州.
- ``中共`` before and ``党组`` / ``党委`` after a department's name are its party group's, not
  another issuer: 中共汨罗市交通运输局党组 is 汨罗市交通运输局. ``政府`` is ``人民政府``.
- A name without any division (交通运输局) identifies nobody and pairs with nothing.
- The kinds must agree (a county's government and its 交通运输局 share the chain of divisions).

A report with no issuer anywhere (fixture 003: an untitled report whose opening says only
市交通运输局) is identified from its body: the full names (with their divisions) that end the
way its opening speaks of itself (市交通运输局 → 汨罗市交通运输局 in 中共汨罗市交通运输局党组);
without such a self-reference, the full name of a department or government its body uses most,
if it uses it at least twice. Names of other offices in the body (the 人民政府办公室 whose notice
the report answers) are not the issuer's and are not read when the report names itself.

The identities of a folder's reports are read by the workers of checker/batch.py from the
Document each report is checked on; the reports found to have last year's among them then have
their compare rules checked again with it.

Pairing a set of reports: each report's predecessor is a report of the year before whose
identity agrees; of several, the one whose names agree over the most divisions, then the first
in path order. A report may be the predecessor of several (a .txt and a .docx copy of the same
report). Reports of years further back, or of no known year, are not paired.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from ..segment.document import Document

# the peoples of China's autonomous areas (昌吉回族自治州 → 昌吉州)
PEOPLES = ("维吾尔 蒙古 哈萨克 柯尔克孜 塔吉克 乌孜别克 塔塔尔 俄罗斯 达斡尔 鄂温克 鄂伦春 土家 布依 哈尼 傈僳 景颇 "
           "纳西 拉祜 仡佬 毛南 仫佬 撒拉 东乡 保安 裕固 锡伯 朝鲜 普米 独龙 阿昌 德昂 布朗 基诺 门巴 珞巴 "
           "回 苗 侗 壮 藏 彝 白 傣 羌 黎 瑶 土 满 畲 水 京 佤 怒 高山 各").split()
_PEOPLES = "|".join(sorted(PEOPLES, key=len, reverse=True))
LEVELS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "街道", "新区", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡")
_LEVEL = "|".join(LEVELS)
# a division: a name (no function words, no organ words) and its level
_NAME_CHARS = r"(?:[\u4e00-\u9fff](?<![的和与及在对把将向从为我局厅委办]))"
# (a level is not followed by another level: 温州市 is 温州 + 市, not 温 + 州 + 市…; but 坡头区市场监督管理局)
_NOT_LEVEL_NEXT = r"(?![市州县区省旗盟镇乡](?!场))"
DIVISION = re.compile(rf"({_NAME_CHARS}{{1,8}}?)({_LEVEL}){_NOT_LEVEL_NEXT}")
_AUTONOMOUS = re.compile(rf"(?:(?:{_PEOPLES})族?)+$")
ORGAN_END = r"(?:人民政府|政府|办事处|管委会|管理委员会|委员会|局|厅|委|办公室|中心)"
# a full name in running text: divisions then an organ (中共…党组 around it)
# (the lookahead in front says what every match has — a level's last character within its first
# 15, after 中共 and a name of up to 8 — so that the places where none can start are passed over
# at once instead of trying every name length there: same matches, 2.4x faster on a report)
_LEVEL_ENDS = "".join(sorted({lv[-1] for lv in LEVELS}))
FULL_NAME = re.compile(
    rf"(?=[\u4e00-\u9fff]{{0,14}}[{_LEVEL_ENDS}])(?:中共)?((?:{_NAME_CHARS}{{1,8}}?(?:{_LEVEL}){_NOT_LEVEL_NEXT})+[\u4e00-\u9fff]{{0,10}}?{ORGAN_END})(?=党组|党委|党员|干部|[^\u4e00-\u9fff]|$|[在以坚认按始全深紧围聚着把将对为已于的与和及])")
_PARTY_GROUP = re.compile(r"^中共|(?:党组|党委|党总支|党支部)(?:成员)?$")
# how an opening speaks of itself without its full name: 市交通运输局以… / 县人民政府坚持…
SELF = re.compile(rf"^({_LEVEL})([\u4e00-\u9fff]{{1,10}}?{ORGAN_END})$")


@dataclass(frozen=True)
class Key:
    divisions: tuple[str, ...]  # outermost first, each name + level (昌吉州, 坡头区)
    organ: str

    def agrees(self, other: "Key") -> int:
        """How many divisions two names have in common at their inner end (0: not the same)."""
        if self.organ != other.organ or not self.divisions or not other.divisions:
            return 0
        short, long_ = sorted((self.divisions, other.divisions), key=len)
        return len(short) if long_[len(long_) - len(short):] == short else 0


def _division(name: str, level: str) -> str:
    if level.startswith("自治") and len(level) == 3:
        name = _AUTONOMOUS.sub("", name) or name
        level = level[2:]
    return name + level


def key(name: str) -> Key | None:
    """The key of an issuer's name, or None when it names no division."""
    name = re.sub(r"\s+", "", name or "")
    name = _PARTY_GROUP.sub("", name)
    name = _PARTY_GROUP.sub("", name)
    divisions: list[str] = []
    pos = 0
    while True:
        m = DIVISION.match(name, pos)
        if not m or m.end() >= len(name):
            break
        divisions.append(_division(m.group(1), m.group(2)))
        pos = m.end()
    organ = name[pos:]
    if organ == "政府":
        organ = "人民政府"
    if not divisions or not organ:
        return None
    return Key(tuple(divisions), organ)


def split_names(issuer: str) -> list[str]:
    """The issuers of a joint report (中共XX县委 XX县人民政府, or with 、)."""
    return [n for n in re.split(r"[、，,\s]+", issuer or "") if n]


@dataclass
class Identity:
    path: str
    year: int | None
    kind: str
    keys: tuple[Key, ...]
    names: tuple[str, ...] = field(default_factory=tuple)  # as read, for messages
    source: str = "issuer"  # issuer / body

    def agrees(self, other: "Identity") -> int:
        if self.kind != other.kind and "unknown" not in (self.kind, other.kind):
            return 0
        return max((a.agrees(b) for a in self.keys for b in other.keys), default=0)


def _simplified(doc: "Document", text: str) -> str:
    if not doc.traditional:
        return text
    from ..normalize.script import simplified

    return simplified(text)


def body_names(doc: "Document") -> list[str]:
    """Full names of the report's own office that its body uses (for a report that names itself
    nowhere else): those that end the way the opening speaks of itself, else the most used."""
    from ..segment.structure import SELF_REFERENCE

    text = doc.plain or doc.text
    body = doc.regions.get("body", [])
    found: Counter[str] = Counter()
    for a, b in body:
        for m in FULL_NAME.finditer(text, a, b):
            if key(m.group(1)) is not None:
                found[m.group(1)] += 1
    if not found:
        return []
    opening = doc.regions.get("opening") or body[:1]
    self_ref = None
    if opening:
        a, b = opening[0]
        m = SELF_REFERENCE.search(text, a, min(b, a + 300))
        if m and m.group("dept"):
            s = SELF.match(m.group("dept"))
            if s:
                self_ref = s.group(1) + s.group(2)
    if self_ref:
        return [n for n, _ in found.most_common() if n.endswith(self_ref)][:1]
    name, count = found.most_common(1)[0]
    return [name] if count >= 2 else []


def identity(doc: "Document") -> Identity:
    f = doc.fields
    names: list[str] = []
    for c in f.candidates.get("issuer", []):
        for n in split_names(_simplified(doc, str(c.value))):
            if n not in names:
                names.append(n)
    source = "issuer"
    keys = [k for k in (key(n) for n in names) if k is not None]
    if not keys:
        names, source = body_names(doc), "body"
        keys = [k for k in (key(n) for n in names) if k is not None]
    # a kind the configuration assumed (kind = "department" for a folder) is not the report's own
    kind = "unknown" if getattr(f, "kind_source", None) == "config" else f.kind
    return Identity(doc.path, f.year, kind, tuple(dict.fromkeys(keys)), tuple(names), source)


def pair(identities: Sequence[Identity]) -> dict[str, str]:
    """this year's path → last year's path, for every report whose predecessor is among them."""
    # two keys agree only when their organs and innermost divisions are equal: the reports of
    # each year are looked up by those, not compared with every report of the year before
    index: dict[tuple[int, str, str], list[int]] = {}
    for order, ident in enumerate(identities):
        if ident.year is not None:
            for k in ident.keys:
                bucket = index.setdefault((ident.year, k.organ, k.divisions[-1]), [])
                if not bucket or bucket[-1] != order:
                    bucket.append(order)
    out: dict[str, str] = {}
    for ident in identities:
        if ident.year is None or not ident.keys:
            continue
        near = sorted({o for k in ident.keys for o in index.get((ident.year - 1, k.organ, k.divisions[-1]), ())})
        best: tuple[int, int] | None = None
        choice = None
        for order in near:
            other = identities[order]
            if other.path == ident.path:
                continue
            score = ident.agrees(other)
            if score and (best is None or (score, -order) > best):
                best, choice = (score, -order), other
        if choice is not None:
            out[ident.path] = choice.path
    return out


def pair_documents(docs: Iterable["Document"]) -> dict[str, str]:
    return pair([identity(d) for d in docs])
