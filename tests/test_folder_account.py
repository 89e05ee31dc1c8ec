"""A folder as it arrives at an office: reports in every format the tool reads, files that are
no report, files it cannot read, lock and temp files. One run writes every output format, and
each lists every file exactly once with its state: checked, unreadable (with why) or skipped
(with why); hidden, lock and temp files are in none of them."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import zipfile
import xml.etree.ElementTree as ET

import pytest

from checker.cli import main
from conftest import FIXTURES, ROOT, SEEDS

CHECKED = ["a-report.txt", "b-report.docx", "c-report.pdf", "d-report.html", "e-report.md", "sub/i-report.txt"]
UNREADABLE = {"e-empty.txt": "文件是空的", "f-binary.txt": "是二进制数据", "k-report.ofd": "OFD 版式文件暂不支持"}
SKIPPED = {"README.md": "说明文件，不是报告", "g-picture.png": "不是报告（图片）", "h-archive.zip": "不是报告（压缩包）",
           "j-sheet.xlsx": "不是报告（表格）"}
IGNORED = ["~$b-report.docx", ".hidden", "Thumbs.db", "b-report.docx~", ".~lock.b-report.docx#"]
ALL = CHECKED + list(UNREADABLE) + list(SKIPPED)
FORMATS = {"json": "r.json", "jsonl": "r.jsonl", "junit": "r.xml", "sarif": "r.sarif", "markdown": "r.md",
           "github": "r.gh", "gitlab": "r.gl", "concise": "r.txt", "table": "r.table", "html": "r.html",
           "csv": "r.csv", "xlsx": "r.xlsx"}


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("materials")
    formats = FIXTURES / "formats"
    shutil.copy(SEEDS["000"], folder / "a-report.txt")
    shutil.copy(formats / "docx" / (SEEDS["002"].stem + ".docx"), folder / "b-report.docx")
    shutil.copy(formats / "pdf" / (SEEDS["001"].stem + ".pdf"), folder / "c-report.pdf")
    shutil.copy(formats / "html" / (SEEDS["003"].stem + ".html"), folder / "d-report.html")
    shutil.copy(SEEDS["000"], folder / "e-report.md")
    (folder / "sub").mkdir()
    shutil.copy(SEEDS["004"], folder / "sub" / "i-report.txt")
    (folder / "e-empty.txt").write_bytes(b"")
    (folder / "f-binary.txt").write_bytes(bytes(range(256)) * 12)
    _zip(folder / "k-report.ofd", {"OFD.xml": '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>'})
    (folder / "README.md").write_text("# 材料说明\n", encoding="utf-8")
    (folder / "g-picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    _zip(folder / "h-archive.zip", {"a.txt": "x"})
    _zip(folder / "j-sheet.xlsx", {"[Content_Types].xml": "<Types/>"})
    for name in IGNORED:
        shutil.copy(folder / "b-report.docx", folder / name)
    out = tmp_path_factory.mktemp("outputs")
    args = [a for fmt, name in FORMATS.items() for a in ("--format", f"{fmt}={out / name}")]
    here = os.getcwd()
    os.chdir(folder)  # paths as the office sees them: relative to the folder
    try:
        try:
            code = main(["check", ".", "--fail-on", "never", "--no-progress", *args])
        except SystemExit as exc:
            code = exc.code
    finally:
        os.chdir(here)
    return code, {fmt: out / name for fmt, name in FORMATS.items()}


def _name(path: str) -> str:
    return re.sub(r"^(?:\./|file://.*?/materials\d*/)", "", path)


def test_the_run_says_a_file_could_not_be_read(outputs):
    code, _ = outputs
    assert code == 2  # unreadable files set bit 2; nothing fails under --fail-on never


def test_json(outputs):
    data = json.loads(outputs[1]["json"].read_text("utf-8"))
    got = [(_name(r["path"]), "checked") for r in data["reports"]] + \
          [(_name(e["path"]), "unreadable") for e in data["errors"]] + \
          [(_name(s["path"]), "skipped") for s in data["skipped"]]
    assert sorted(got) == sorted([(n, "checked") for n in CHECKED] + [(n, "unreadable") for n in UNREADABLE]
                                 + [(n, "skipped") for n in SKIPPED])
    for e in data["errors"]:
        assert UNREADABLE[_name(e["path"])] in e["message"]
    assert {_name(s["path"]): s["reason"] for s in data["skipped"]} == SKIPPED
    assert data["summary"]["reports"] == 6 and data["summary"]["unreadable"] == 3 and data["summary"]["skipped"] == 4


def test_jsonl(outputs):
    lines = [json.loads(x) for x in outputs[1]["jsonl"].read_text("utf-8").splitlines()]
    state = {}
    for x in lines:
        name = _name(x["path"])
        assert name not in state
        state[name] = "checked" if "results" in x else "unreadable" if "error" in x else "skipped"
    assert state == {**{n: "checked" for n in CHECKED}, **{n: "unreadable" for n in UNREADABLE},
                     **{n: "skipped" for n in SKIPPED}}


def test_junit(outputs):
    suites = {_name(s.get("name")): s for s in ET.parse(outputs[1]["junit"]).getroot().iter("testsuite")}
    assert sorted(suites) == sorted(ALL)
    for n in CHECKED:
        assert int(suites[n].get("tests")) == 36 and suites[n].get("errors") == "0"
    for n in UNREADABLE:
        assert suites[n].get("errors") == "1" and UNREADABLE[n] in ET.tostring(suites[n], encoding="unicode")
    for n in SKIPPED:
        assert suites[n].get("skipped") == "1" and suites[n].get("tests") == "1"


def test_sarif(outputs):
    run = json.loads(outputs[1]["sarif"].read_text("utf-8"))["runs"][0]
    arts = {_name(a["location"]["uri"]): a["properties"]["state"] for a in run["artifacts"]}
    assert len(arts) == len(run["artifacts"]) == len(ALL)
    assert arts == {**{n: "checked" for n in CHECKED}, **{n: "unreadable" for n in UNREADABLE},
                    **{n: "skipped" for n in SKIPPED}}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    where = [_name(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for n in notes]
    assert sorted(where) == sorted(list(UNREADABLE) + list(SKIPPED))


def _count_lines(text: str, name: str) -> list[str]:
    return [ln for ln in text.splitlines() if re.search(rf"(?:^|[\s|./]){re.escape(name)}(?:[\s|:]|$)", ln)]


def test_concise(outputs):
    text = outputs[1]["concise"].read_text("utf-8")
    for n, why in UNREADABLE.items():
        assert [ln for ln in text.splitlines() if ln.startswith(f"./{n}:")] == [ln for ln in text.splitlines()
                                                                                 if ln.startswith(f"./{n}: 无法读取 ")]
        assert why in next(ln for ln in text.splitlines() if ln.startswith(f"./{n}:"))
    for n, why in SKIPPED.items():
        assert [ln for ln in text.splitlines() if ln.startswith(f"./{n}:")] == [f"./{n}: 跳过 {why}"]
    for n in CHECKED:
        assert all(re.match(rf"\./{re.escape(n)}:\d+: ", ln) for ln in text.splitlines() if ln.startswith(f"./{n}:"))
    assert text.splitlines()[-1].endswith("；3 份无法读取；4 个文件不是报告，已跳过")


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_summary_of_the_table_and_markdown(outputs, fmt):
    text = outputs[1][fmt].read_text("utf-8")
    # the summary's list of files: one row a file (after the rule counts in the table, before
    # the reports in Markdown), up to the next blank line
    head = re.search(r"^(?:\| )?报告\s*\|?\s*通过.*$", text, re.M)
    summary = text[head.end():].split("\n\n", 1)[0]
    for n in ALL:
        rows = _count_lines(summary, n)
        assert len(rows) == 1, (n, rows)
        if n in UNREADABLE:
            assert "无法读取" in rows[0]
        elif n in SKIPPED:
            assert "跳过" in rows[0] and SKIPPED[n] in rows[0]


def test_github_and_gitlab(outputs):
    gh = outputs[1]["github"].read_text("utf-8").splitlines()
    for n in UNREADABLE:
        assert len([ln for ln in gh if f"file={n}," in ln]) == 1 and any(ln.startswith(f"::error file={n},") for ln in gh)
    for n, why in SKIPPED.items():
        assert [ln for ln in gh if f"file={n}," in ln] == [f"::notice file={n},title=fzcheck 跳过（不是报告）::{why}"]
    gl = json.loads(outputs[1]["gitlab"].read_text("utf-8"))
    by = {}
    for issue in gl:
        by.setdefault(issue["location"]["path"], []).append(issue)
    for n in UNREADABLE:
        assert [i["check_name"] for i in by[n]] == ["fzcheck.unreadable"]
    for n, why in SKIPPED.items():
        assert [(i["check_name"], i["severity"], i["description"]) for i in by[n]] == [("fzcheck.skipped", "info", f"跳过：{why}")]
    assert len({i["fingerprint"] for i in gl}) == len(gl)
    import jsonschema

    schema = json.loads((ROOT / "tests" / "schemas" / "gitlab-code-quality-report.schema.json").read_text("utf-8"))
    jsonschema.validate(gl, schema)


def test_the_summary_page(outputs):
    html = outputs[1]["html"].read_text("utf-8")
    rows = re.findall(r'<tr (?:class="[^"]*" )?data-path="([^"]+)"', html)
    assert sorted(_name(r) for r in rows) == sorted(ALL)


def _matrix_rows(rows):
    head = next(i for i, r in enumerate(rows) if r[:2] == ["子文件夹", "文件"] or r[:2] == ("子文件夹", "文件"))
    return [r for r in rows[head + 1:] if r[1]]


def test_csv_and_xlsx(outputs):
    text = outputs[1]["csv"].read_text("utf-8-sig")
    rows = _matrix_rows(list(csv.reader(io.StringIO(text))))
    import openpyxl

    ws = openpyxl.load_workbook(outputs[1]["xlsx"], read_only=True).worksheets[0]
    xrows = _matrix_rows([tuple(r) for r in ws.iter_rows(values_only=True)])
    for got in (rows, xrows):
        names = [("sub/" if r[0] == "sub" else "") + _name(r[1]).rsplit("/", 1)[-1] for r in got]
        assert sorted(names) == sorted(ALL), names
        title = {n: r[2] for n, r in zip(names, got)}
        for n, why in UNREADABLE.items():
            assert title[n].startswith("无法读取：") and why in title[n]
        for n, why in SKIPPED.items():
            assert title[n] == f"跳过：{why}"
        for n in CHECKED:
            assert not (title[n] or "").startswith(("无法读取", "跳过"))  # its title (001 has none)


def test_no_ignored_file_anywhere(outputs):
    for fmt, path in outputs[1].items():
        if fmt == "xlsx":
            continue
        text = path.read_text("utf-8-sig")
        for n in ("~$b-report", "Thumbs.db", "./.hidden", "b-report.docx~", ".~lock"):
            assert n not in text, (fmt, n)


def test_names_no_output_can_write_as_they_are(tmp_path, capsys):
    """Skipped and unreadable files whose names are not UTF-8 or hold an escape or a newline are
    listed in every format with the name escaped (checker.read.shown), never a crash and never a
    raw control character."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS["000"], folder / "good.txt")
    names = [b"bad\xff.png", b"esc\x1b[31mred.png", b"nl\nline.png", b"empty\xfe.txt"]
    for n in names:
        with open(os.path.join(os.fsencode(folder), n), "wb") as f:
            f.write(b"" if n.endswith(b".txt") else b"x")
    out = tmp_path / "out"
    out.mkdir()
    fmts = ["json", "jsonl", "junit", "sarif", "markdown", "github", "gitlab", "concise", "table", "html", "csv", "xlsx"]
    args = [a for f in fmts for a in ("--format", f"{f}={out / ('o.' + f)}")]
    try:
        code = main(["check", str(folder), "--fail-on", "never", "--no-progress", *args])
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "empty\\xfe.txt" in err and "内部错误" not in err
    for f in fmts:
        if f == "xlsx":
            continue
        text = (out / f"o.{f}").read_text("utf-8-sig")
        assert "\x1b" not in text and "nl\nline" not in text, f
        if f == "markdown":  # Markdown escapes \ and [ once more
            text = re.sub(r"\\(.)", r"\1", text)
        from urllib.parse import quote

        for escaped in ("bad\\xff.png", "esc\\x1b[31mred.png", "nl\\nline.png"):  # as written, in JSON, in a URI
            assert any(x in text for x in (escaped, escaped.replace("\\", "\\\\"), quote(escaped))), (f, escaped)


def test_every_sheet_names_the_same_sub_folder(tmp_path):
    """The reports in one sub-folder and a file that is no report in another: the matrix and
    the findings name the reports' sub-folder alike (one root for the run's files)."""
    import openpyxl

    (tmp_path / "in" / "乙县").mkdir(parents=True)
    (tmp_path / "in" / "图片").mkdir()
    shutil.copy(SEEDS["000"], tmp_path / "in" / "乙县" / "a.txt")
    (tmp_path / "in" / "图片" / "p.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "r.xlsx"
    try:
        main(["check", str(tmp_path / "in"), "--fail-on", "never", "--no-progress", "--format", f"xlsx={out}"])
    except SystemExit:
        pass
    wb = openpyxl.load_workbook(out, read_only=True)
    matrix = {r[1]: r[0] for r in _matrix_rows([tuple(r) for r in wb["报告结果"].iter_rows(values_only=True)])}
    findings = {r[0] for r in list(wb["问题清单"].iter_rows(values_only=True))[1:] if r[1]}
    assert {k.rsplit("/", 1)[-1]: v for k, v in matrix.items()} == {"a.txt": "乙县", "p.png": "图片"}
    assert findings == {"乙县"}
