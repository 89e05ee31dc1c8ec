"""Hostile inputs, written by the tests themselves: bombs, loops, huge tables, bad names, special
files. Each maker writes its files into a folder and returns what to run; tests/test_hostile.py
runs each case as a real `fzcheck` process and measures it (time, peak memory, stderr, exit code,
the inputs left as they were)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

# `fzcheck ARGS` runs under a small launcher process, which reports its child's time and peak
# memory (RUSAGE_CHILDREN). Measured from the test process directly, the peak would be wrong: a
# child started by fork (or vfork) and exec inherits its parent's high-water mark of memory, and
# a pytest process may well hold 600 MB by the time these tests run.
_LAUNCHER = """
import base64, json, os, resource, subprocess, sys, time
args, stdin, timeout = json.loads(sys.argv[1])
env = {**os.environ, "PYTHONWARNINGS": "default"}  # warnings would show if fzcheck let them through
t = time.perf_counter()
try:
    p = subprocess.run([sys.executable, "-m", "checker", *args], input=base64.b64decode(stdin) if stdin else None,
                       stdin=None if stdin else subprocess.DEVNULL, capture_output=True, env=env, timeout=timeout)
    code, out, err = p.returncode, p.stdout, p.stderr
except subprocess.TimeoutExpired as exc:  # killed: a hang
    code, out, err = -9, exc.stdout or b"", exc.stderr or b""
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": code, "out": base64.b64encode(out).decode(), "err": err.decode("utf-8", "replace"),
                  "secs": time.perf_counter() - t, "cpu": u.ru_utime + u.ru_stime, "mb": u.ru_maxrss / 1024}))
"""


def measure(args, stdin: bytes | None = None, timeout: float = 60.0, cwd=None) -> dict:
    """`fzcheck ARGS` as a child process: its exit code (-9 when killed at the timeout: a hang),
    stdout (bytes), stderr, wall seconds, CPU seconds of it and its children (what the input
    costs, whatever else the machine is doing) and the peak MB of the largest of them."""
    spec = json.dumps([[str(a) for a in args], base64.b64encode(stdin).decode() if stdin else None, timeout])
    proc = subprocess.run([sys.executable, "-c", _LAUNCHER, spec], capture_output=True, timeout=timeout + 30,
                          cwd=cwd or os.getcwd())
    got = json.loads(proc.stdout)
    got["out"] = base64.b64decode(got["out"])
    return got


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
REPORT_BODY = ("某县交通运输局2024年法治政府建设年度报告", "2024年，我局坚持依法行政，现将有关情况报告如下：",
               "一、主要举措和成效", "全年开展法治培训3次，办理行政复议案件2件。", "二、存在的不足和原因",
               "由于人员不足，执法力量薄弱。", "三、2025年工作安排", "继续加强学习。")


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def docx(path: Path, document_xml: str | bytes | None = None, extra: dict[str, bytes] | None = None,
         big: tuple[str, int] | None = None) -> Path:
    """A .docx; ``big`` = (part name, size): a part of that many zero bytes, deflated (a bomb)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document_xml if document_xml is not None
                   else document("".join(para(t) for t in REPORT_BODY)))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        if big:
            name, size = big
            with z.open(_deflated(name), "w", force_zip64=True) as f:
                chunk = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    f.write(chunk)
    return path


def _deflated(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def report_text() -> str:
    return "\n".join(REPORT_BODY) + "\n"


@dataclass
class Case:
    name: str
    args: list[str]  # after `fzcheck`
    inputs: list[Path] = field(default_factory=list)  # must be left as they were
    expect_codes: tuple[int, ...] = (0, 1, 2, 3)
    expect_in_err: str | None = None  # a word the one-line error must hold
    stdin: bytes | None = None
    check_output: Path | None = None  # a file that must not have been written


def cases(d: Path) -> list[Case]:  # noqa: C901 - one maker after another
    out: list[Case] = []
    rep = d / "report.txt"
    rep.write_text(report_text(), encoding="utf-8")

    # ---------------------------------------------------------------- text
    heads = d / "headings.txt"
    levels = ["一、", "（一）", "1.", "（1）", "一是"]
    lines = [f"{levels[i % 5]}第{i}项工作" for i in range(100_000)]
    heads.write_text("某局2024年法治政府建设年度报告\n" + "\n".join(lines), encoding="utf-8")
    out.append(Case("100k headings of mixed levels", ["check", str(heads)], [heads]))
    long_line = d / "long-line.txt"
    long_line.write_text("某局2024年法治政府建设年度报告\n" + "依法行政，" * 250_000 + "\n", encoding="utf-8")
    out.append(Case("a line of 1.25 million characters", ["check", str(long_line)], [long_line]))
    out.append(Case("segment: a line of 1.25 million characters", ["segment", str(long_line)], [long_line], (2,), "太长"))
    big_text = d / "one-mb.txt"
    big_text.write_text(("2024年，我局坚持依法行政，开展法治培训3次，办理行政复议案件2件。\n" * 9_500), encoding="utf-8")  # 1 MB
    out.append(Case("segment: 1 MB of text", ["segment", str(big_text)], [big_text], (0,)))
    broken = d / "broken-end.txt"
    broken.write_bytes(report_text().encode("utf-8") + "尾".encode("utf-8")[:2])
    out.append(Case("UTF-8 with one broken byte at the end", ["check", str(broken)], [broken], (0, 1)))
    mention = d / "mentions-pdf.txt"
    mention.write_text("本文说明：%PDF-1.7 是一种格式。\n" + report_text(), encoding="utf-8")
    out.append(Case("a text that mentions %PDF-1.7", ["check", str(mention)], [mention], (0, 1)))

    # ---------------------------------------------------------------- Word
    table = "".join(f"<w:tr><w:tc>{para(f'第{i}行')}</w:tc><w:tc>{para(str(i))}</w:tc></w:tr>" for i in range(50_000))
    rows = docx(d / "rows.docx", document("".join(para(t) for t in REPORT_BODY) + f"<w:tbl>{table}</w:tbl>"))
    out.append(Case("a 50k-row table", ["check", str(rows)], [rows]))
    # a document.xml that inflates to 300 MB: refused before it is inflated
    with zipfile.ZipFile(d / "doc-bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        with z.open(_deflated("word/document.xml"), "w", force_zip64=True) as f:
            f.write(document("").encode()[:-len("</w:body></w:document>")])
            chunk = b" " * (1 << 20)
            for _ in range(300):
                f.write(chunk)
    bomb = d / "doc-bomb.docx"
    out.append(Case("document.xml inflating to 300 MB", ["check", str(bomb)], [bomb], (2,), "太大"))
    image = docx(d / "image-bomb.docx", big=("word/media/image1.png", 300 << 20))
    out.append(Case("an unused image inflating to 300 MB", ["check", str(image)], [image], (0, 1)))
    nested = docx(d / "nested.docx", document("<w:p>" + "<w:r>" * 100_000 + "</w:r>" * 100_000 + "</w:p>"))
    out.append(Case("100k nested elements", ["check", str(nested)], [nested], (2,)))
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
              + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
              + f']><w:document xmlns:w="{W}"><w:body>' + para("&j;") + "</w:body></w:document>")
    lol = docx(d / "laughs.docx", laughs)
    out.append(Case("billion laughs in document.xml", ["check", str(lol)], [lol], (2,)))
    xxe = docx(d / "xxe.docx", '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               f'<w:document xmlns:w="{W}"><w:body>' + para("&x;") + "".join(para(t) for t in REPORT_BODY) + "</w:body></w:document>")
    out.append(Case("XXE in document.xml", ["check", str(xxe), "--format", "json"], [xxe], (0, 1, 2)))

    # ---------------------------------------------------------------- web pages
    deep = d / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + "2024年，我局开展法治培训3次，推进依法行政。" + "</div>" * 100_000
                    + "</body></html>", encoding="utf-8")
    out.append(Case("100k nested divs", ["check", str(deep)], [deep]))
    ctl = d / "control.html"
    ctl.write_bytes("<html><body><div><p>2024年，我局开展法治培训3次，推进依法行政，取得成效。</p><script>x</script>\x01尾"
                    "<p>二、存在的不足和原因由于人员不足。</p></div></body></html>".encode("utf-8"))
    out.append(Case("a control character next to a dropped element", ["check", str(ctl)], [ctl], (0, 1)))
    html_lol = d / "laughs.html"
    html_lol.write_text('<!DOCTYPE html [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
                        + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
                        + ']><html><body><p>&j;2024年，我局开展法治培训3次，推进依法行政。</p></body></html>', encoding="utf-8")
    out.append(Case("billion laughs in a web page", ["check", str(html_lol)], [html_lol]))

    # ---------------------------------------------------------------- rule packs
    head = "pack: evil\nrules:\n  - id: evil.rule\n    title: x\n    severity: warning\n    basis: x\n"
    redos = d / "redos.yaml"
    redos.write_text(head + "    find: {x: {label: x, match: {regex: '(a+)+$'}}}\n    decide: [{status: pass}]\n", encoding="utf-8")
    out.append(Case("regex (a+)+$", ["check", str(rep), "--rules", str(redos)], [rep, redos], (2,), "嵌套"))
    redos2 = d / "redos2.yaml"
    redos2.write_text(head + "    find: {x: {label: x, match: {regex: '(?:[^。]+)+不存在'}}}\n    decide: [{status: pass}]\n", encoding="utf-8")
    out.append(Case("regex (?:[^。]+)+不存在", ["check", str(rep), "--rules", str(redos2)], [rep, redos2], (2,), "嵌套"))
    alias = d / "alias.yaml"
    alias.write_text("pack: evil\nlexicons:\n  x:\n    terms: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                     + "".join(f"    t{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n"
                               for i in range(1, 10)), encoding="utf-8")
    out.append(Case("YAML alias bomb", ["check", str(rep), "--rules", str(alias)], [rep, alias], (2,), "别名炸弹"))
    huge = d / "huge.yaml"
    huge.write_text(head.replace("rules:\n", "rules:\n", 1) + "    decide: [{status: pass}]\n" + "# padding\n" * 400_000, encoding="utf-8")
    out.append(Case("a 4 MB pack", ["check", str(rep), "--rules", str(huge)], [rep, huge], (2,), "太大"))
    many = d / "many.yaml"
    many.write_text("pack: many\nrules:\n" + "".join(
        f"  - {{id: many.r{i}, title: x, severity: info, basis: x, decide: [{{status: pass}}]}}\n" for i in range(20_000)),
        encoding="utf-8")
    out.append(Case("20,000 rules", ["check", str(rep), "--rules", str(many)], [rep, many], (2,), "规则太多"))

    # ---------------------------------------------------------------- special files
    out.append(Case("check /dev/zero", ["check", "/dev/zero"], [], (2,), "不是普通文件"))
    out.append(Case("--rules /dev/zero", ["check", str(rep), "--rules", "/dev/zero"], [rep], (2,), "不是普通文件"))
    fifo = d / "fifo" / "report.txt"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    out.append(Case("a FIFO named report.txt", ["check", str(fifo)], [], (2,), "不是普通文件"))

    # ---------------------------------------------------------------- integrity
    link = d / "link.txt"
    os.link(rep, link)
    out.append(Case("-o a hard link to the report", ["check", str(rep), "-o", str(link)], [rep], (2,), "不会覆盖输入"))
    pack = d / "mine.yaml"
    pack.write_text(head + "    decide: [{status: pass}]\n", encoding="utf-8")
    out.append(Case("-o the rule pack", ["check", str(rep), "--rules", str(pack), "--format", "json", "-o", str(pack)],
                    [rep, pack], (2,), "不会覆盖输入"))
    out.append(Case("--format json=the rule pack", ["check", str(rep), "--rules", str(pack), "--format", f"json={pack}"],
                    [rep, pack], (2,), "不会覆盖输入"))

    # ---------------------------------------------------------------- batches and names
    folder = d / "batch"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(report_text(), encoding="utf-8")
    (folder / "2b.html").write_bytes(ctl.read_bytes())
    (folder / "2c.txt").write_bytes(b"\x00\x01binary")
    out.append(Case("--jobs 2 over a folder with a bad file", ["check", str(folder), "--jobs", "2", "--format", "json"],
                    sorted(folder.iterdir()), (2, 3)))
    names = d / "names"
    names.mkdir()
    raw = os.fsencode(names) + b"/bad-\xff\xfe.txt"
    with open(raw, "wb") as f:
        f.write(report_text().encode("utf-8"))
    (names / "new\nline.txt").write_bytes(b"")
    out.append(Case("a non-UTF-8 name and a name with a newline, as JSON", ["check", str(names), "--format", "json"], [], (2, 3)))
    out.append(Case("the same, as JSON Lines", ["check", str(names), "--format", "jsonl"], [], (2, 3)))
    md = d / "script.txt"
    md.write_text(report_text() + "<script>alert(1)</script><img src=x onerror=alert(1)>\n", encoding="utf-8")
    out.append(Case("Markdown output of <script>", ["check", str(md), "--format", "markdown"], [md], (0, 1)))
    return out
