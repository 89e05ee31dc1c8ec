"""Rule documentation generated from the rule files: an index and a page per rule (Ruff-style:
code, what passes, what fails, an example of each)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..evaluate import RuleSet
from .common import STATUS_ZH

SEVERITY_ZH = {"error": "必须（error）", "warning": "应当（warning）", "info": "建议（info）"}  # 要求级别, never a result word


def describe(c: Any, finds: dict[str, Any]) -> str:
    """A condition in words, using the findings' labels."""
    if c is None:
        return "其他情况"
    if isinstance(c, str):
        return f"有{finds[c].get('label', c)}"
    if "all" in c:
        return "，且".join(describe(x, finds) for x in c["all"])
    if "any" in c:
        return "；或".join(describe(x, finds) for x in c["any"])
    if "not" in c:
        inner = c["not"]
        if isinstance(inner, str):
            return f"没有{finds[inner].get('label', inner)}"
        return f"并非（{describe(inner, finds)}）"
    if "count" in c:
        label = finds[c["count"]].get("label", c["count"])
        lo, hi = c.get("min"), c.get("max")
        rng = f"{lo}～{hi}" if lo is not None and hi is not None else (f"至少{lo}" if lo is not None else f"至多{hi}")
        return f"{label}{rng}处"
    if "found" in c:
        labels = "、".join(finds[n].get("label", n) for n in c["found"])
        return f"{labels}中至少有{c.get('min', 1)}项"
    if "year" in c:
        y = c["year"]
        if "known" in y:
            return "能确定报告年度" if y["known"] else "无法确定报告年度"
        parts = ([f"不早于{y['min']}年"] if "min" in y else []) + ([f"不晚于{y['max']}年"] if "max" in y else [])
        return "所报年度" + "、".join(parts)
    if "date" in c:
        d = c["date"]
        out = []
        if "known" in d:
            out.append("有成文日期" if d["known"] else "没有成文日期")
        for key, word in (("before", "早于"), ("on_or_after", "不早于")):
            if key in d:
                out.append(f"成文日期{word}{d[key].replace('{Y+1}', 'Y+1年').replace('{Y}', 'Y年')}")
        return "，".join(out)
    if "kind" in c:
        names = {"government": "政府", "department": "部门", "party": "党委", "unknown": "未知机关"}
        return "发文机关是" + "或".join(names[k] for k in c["kind"])
    if "previous" in c:
        return "有同一机关上一年度的报告可比较" if c["previous"] else "没有上一年度的报告可比较"
    if "share" in c:
        label = finds[c["share"]].get("label", c["share"])
        lo, hi = c.get("min"), c.get("max")
        pct = lambda v: f"{100 * v:.0f}%"  # noqa: E731
        rng = f"{pct(lo)}～{pct(hi)}" if lo is not None and hi is not None else (f"至少{pct(lo)}" if lo is not None else f"至多{pct(hi)}")
        return f"{label}占正文{rng}"
    return str(c)


def rule_page(rule: dict[str, Any], file: str) -> str:
    finds = rule.get("find") or {}
    lines = [f"# {rule['id']} — {rule['title']}", ""]
    lines += [f"- 要求级别：{SEVERITY_ZH[rule['severity']]}", f"- 依据：{rule['basis']}", f"- 规则文件：`{file}`", ""]
    if "applies" in rule:
        lines += [f"适用条件：{describe(rule['applies'], finds)}；否则为“不适用”（{rule.get('skip_message', '')}）。", ""]
    lines += ["## 判定（按顺序，第一条成立的为结果）", "", "| 结果 | 条件 | 说明 | 建议 |", "|---|---|---|---|"]
    for d in rule["decide"]:
        msg = d.get("message", rule.get("message", ""))
        hint = d.get("hint", rule.get("hint", "")) if d["status"] in ("warn", "fail") else ""
        lines.append(f"| {STATUS_ZH[d['status']]} | {describe(d.get('when'), finds)} | {msg} | {hint} |")
    ex = rule.get("examples") or {}
    for key, title in (("pass", "通过的例子"), ("fail", "不通过的例子")):
        if ex.get(key):
            lines += ["", f"## {title}", ""] + [f"> {e}" for e in ex[key]]
    return "\n".join(lines) + "\n"


def index_page(rs: RuleSet) -> str:
    lines = ["# 规则一览", "", f"规则包：{rs.version}", "", "| id | 严重程度 | 要求 | 依据 |", "|---|---|---|---|"]
    for r in rs.rules:
        lines.append(f"| [{r['id']}]({r['id']}.md) | {r['severity']} | {r['title']} | {r['basis']} |")
    return "\n".join(lines) + "\n"


def pages(rs: RuleSet, root: Path | None = None) -> dict[str, str]:
    def rel(path: str) -> str:
        try:
            return str(Path(path).resolve().relative_to(root)) if root else Path(path).name
        except ValueError:
            return Path(path).name

    out = {"index.md": index_page(rs)}
    for r in rs.rules:
        out[f"{r['id']}.md"] = rule_page(r, rel(rs.rule_files[r["id"]]))
    return out


def write(rs: RuleSet, directory: Path, root: Path | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages(rs, root).items():
        p = directory / name
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written
