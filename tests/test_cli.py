"""The command line: formats, selection, exit codes, and bad input (exit 2, one line, no traceback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


from conftest import SEEDS, SEED_ARGS, cli



def test_table_default_and_exit_1_on_fail(capsys):
    code, out, err = cli(capsys, "check", str(SEEDS["003"]))
    assert code == 1 and err == ""
    # a pass is one line without its evidence; -v brings the evidence back
    assert "core.leader-duties" in out and "第31行 三、上一年度党政主要负责人" not in out
    assert "第31行 三、上一年度党政主要负责人" in cli(capsys, "check", str(SEEDS["003"]), "-v")[1]
    summary = json.loads(cli(capsys, "check", str(SEEDS["003"]), "--format", "json")[1])["reports"][0]["summary"]
    assert f"通过 {summary['pass']} · 警告 {summary['warn']} · 不通过 {summary['fail']} · 不适用 {summary['skip']}" in out


def test_fail_on(capsys):
    assert cli(capsys, "check", str(SEEDS["003"]), "--fail-on", "never")[0] == 0
    assert cli(capsys, "check", str(SEEDS["003"]), "--select", "core", "--fail-on", "fail")[0] == 0
    assert cli(capsys, "check", str(SEEDS["003"]), "--select", "core", "--fail-on", "warn")[0] == 0
    assert cli(capsys, "check", str(SEEDS["000"]), "--select", "core", "--fail-on", "warn")[0] == 1


def test_json_output_shape(capsys):
    code, out, _ = cli(capsys, "check", *SEED_ARGS, "--format", "json")
    data = json.loads(out)
    assert data["tool"]["name"] == "fzcheck" and data["tool"]["version"]
    assert [os.path.basename(r["path"]) for r in data["reports"]] == [p.name for p in SEEDS.values()]
    rep = data["reports"][1]
    doc = rep["document"]
    assert {k: doc[k] for k in ("title", "issuer", "kind", "year", "date", "published", "format")} == {
        "title": None, "issuer": "温州市交通运输局", "kind": "department", "year": 2023, "date": "2024-02-18",
        "published": None, "format": "text"}
    assert doc["sources"]["issuer"] == [{"value": "温州市交通运输局", "source": "metadata", "line": 2}]
    assert set(rep["summary"]) == {"pass", "warn", "fail", "skip"}
    for r in rep["results"]:
        assert set(r) - {"anchor"} == {"id", "title", "severity", "status", "basis", "message", "hint", "evidence"}
        if r["id"].startswith(("core.", "content.")):  # their rules all say where a missing part goes
            assert ("anchor" in r) == (r["status"] in ("warn", "fail")), r["id"]
        assert r["status"] in {"pass", "warn", "fail", "skip"} and r["severity"] in {"error", "warning", "info"}
        for e in r["evidence"]:
            assert {"section", "line", "text"} <= set(e) and (e["line"] is None or e["line"] >= 1)


def test_markdown_output(capsys):
    code, out, _ = cli(capsys, "check", str(SEEDS["002"]), "--format", "markdown")
    assert out.startswith("## ") and "| 规则 | 结果 | 说明 | 证据 |" in out and "`core.shortcomings`" in out


def test_select_and_ignore(capsys):
    code, out, _ = cli(capsys, "check", str(SEEDS["001"]), "--format", "json", "--select", "core,format.title",
                       "--ignore", "core.other-matters")
    ids = [r["id"] for r in json.loads(out)["reports"][0]["results"]]
    assert "format.title" in ids and "core.other-matters" not in ids and all(i.startswith(("core.", "format.title")) for i in ids)


def test_unknown_rule_id_is_a_usage_error(capsys):
    code, out, err = cli(capsys, "check", str(SEEDS["001"]), "--select", "core.nope")
    assert code == 2 and "--select: 没有规则 'core.nope'" in err and err.count("\n") == 1


def test_output_file(capsys, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = cli(capsys, "check", str(SEEDS["004"]), "--format", "json", "--output", str(target))
    assert out == "" and json.loads(target.read_text("utf-8"))["reports"][0]["document"]["year"] == 2021


def test_rules_command(capsys):
    code, out, _ = cli(capsys, "rules")
    assert code == 0 and "core.shortcoming-causes" in out and "《法治政府建设与责任落实督察工作规定》" in out
    data = json.loads(cli(capsys, "rules", "--format", "json")[1])
    assert {"id", "severity", "title", "basis"} == set(data[0])


@pytest.mark.parametrize("name,content,words", [
    ("empty.txt", b"", "文件是空的"),
    ("blank.txt", b"   \n\n", "文件是空的"),
    ("junk.txt", bytes(range(256)) * 8, "是二进制数据"),
    ("prog.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "是 Windows 程序"),
    ("report.xlsx", "报告".encode(), "不支持的格式“.xlsx”"),
    ("latin.txt", b"report \x80 caf\x80 " * 50, "不是有效的 UTF-8、GB18030 或 Big5 文字"),
])
def test_bad_input_exit_2_one_line(capsys, tmp_path, name, content, words):
    p = tmp_path / name
    p.write_bytes(content)
    code, out, err = cli(capsys, "check", str(p))
    assert code == 2 and words in err and err.count("\n") == 1 and "Traceback" not in err
    assert p.read_bytes() == content  # nothing the user gave is modified


def test_missing_path(capsys, tmp_path):
    code, _, err = cli(capsys, "check", str(tmp_path / "nope.txt"))
    assert code == 2 and "文件不存在" in err and err.count("\n") == 1


def test_empty_folder(capsys, tmp_path):
    code, _, err = cli(capsys, "check", str(tmp_path))
    assert code == 2 and "文件夹里没有报告" in err


def test_broken_rule_file(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: t\nrules:\n  - id: t.x\n    title: x\n    severity: loud\n    basis: x\n    decide: [{status: pass}]\n", "utf-8")
    code, _, err = cli(capsys, "check", str(SEEDS["000"]), "--rules", str(bad))
    assert code == 2 and "bad.yaml: 规则 t.x 的字段 severity" in err and err.count("\n") == 1


def test_good_and_bad_files_together(capsys, tmp_path):
    bad = tmp_path / "empty.md"
    bad.write_bytes(b"")
    code, out, err = cli(capsys, "check", str(SEEDS["003"]), str(bad), "--format", "json")
    # 3: a report fails (bit 1) and a file could not be read (bit 2)
    assert code == 3 and "文件是空的" in err and len(json.loads(out)["reports"]) == 1


def test_usage_error_is_one_line(capsys):
    code, _, err = cli(capsys, "check", str(SEEDS["000"]), "--format", "odt")
    assert code == 2 and err.count("\n") == 1


def test_python_dash_m_as_a_process(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(os.urandom(4096) + b"\x00")
    proc = subprocess.run([sys.executable, "-m", "checker", "check", str(p)], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_rule_docs_are_generated_from_the_rules_and_up_to_date(capsys, tmp_path):
    from checker.evaluate import load_rules
    from checker.report import ruledocs

    from conftest import ROOT

    code, out, _ = cli(capsys, "rules", "--format", "markdown", "--output-dir", str(tmp_path))
    assert code == 0
    page = (tmp_path / "core.shortcoming-causes.md").read_text("utf-8")
    assert page.startswith("# core.shortcoming-causes — 不足的原因")
    assert "| 通过 | 有分析原因的语句（由于、原因是、经分析……） |" in page and "## 不通过的例子" in page
    expected = ruledocs.pages(load_rules(), ROOT)
    committed = {p.name: p.read_text("utf-8") for p in (ROOT / "docs" / "rules").glob("*.md")}
    assert committed == expected, "docs/rules/ is out of date: run `make docs`"


def test_verdicts_doc_is_up_to_date():
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("verdicts_doc", ROOT / "tools" / "verdicts_doc.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (ROOT / "docs" / "verdicts.md").read_text("utf-8") == mod.render(), "run tools/verdicts_doc.py"


def test_json_output_is_the_standard_librarys_text(seed_reports):
    """orjson writes it (speed); the text is what json.dumps(indent=2, ensure_ascii=False) gives."""
    import json

    from checker.api import tool_info
    from checker.report.json_out import dumps

    data = {"tool": tool_info(), "reports": [r.as_dict() for r in seed_reports.values()]}
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_a_folder_is_walked_for_every_format_it_can_read(capsys, tmp_path):
    """`check FOLDER` picks up .txt, .docx, .pdf and .html reports (here the fixtures and their
    format copies under fixtures/formats/), in sorted order, and nothing else."""
    import shutil

    from conftest import FIXTURES

    for p in SEEDS.values():
        shutil.copy(p, tmp_path)
    shutil.copytree(FIXTURES / "formats", tmp_path / "formats")
    code, out, _ = cli(capsys, "check", str(tmp_path), "--format", "json", "--fail-on", "never")
    paths = [os.path.relpath(r["path"], tmp_path) for r in json.loads(out)["reports"]]
    assert code == 0 and paths == sorted(paths)
    by_ext: dict[str, int] = {}
    for p in paths:
        by_ext[os.path.splitext(p)[1]] = by_ext.get(os.path.splitext(p)[1], 0) + 1
    assert by_ext == {".txt": 5, ".docx": 5, ".pdf": 5 + 2, ".html": 5}  # + two printed by LibreOffice
    formats = {r["document"]["format"] for r in json.loads(out)["reports"]}
    assert formats == {"text", "docx", "pdf", "html"}
