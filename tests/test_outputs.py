"""Several outputs in one run, JSON against its schema, JSON Lines, the summary over many
reports, and --jobs."""

from __future__ import annotations

import json
import os
from importlib import resources

import jsonschema
import pytest

from checker.cli import main

from conftest import SEEDS, SEED_ARGS, cli



@pytest.fixture(scope="module")
def result_schema():
    text = (resources.files("checker.report.schemas") / "fzcheck-result.schema.json").read_text("utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


# ---------------------------------------------------------------- several outputs in one run

def test_table_to_stdout_and_junit_and_json_to_files(capsys, tmp_path):
    junit, js = tmp_path / "results.xml", tmp_path / "r.json"
    code, out, err = cli(capsys, "check", *SEED_ARGS, "--format", "table", "--format", f"junit={junit}",
                         "--format", f"json={js}")
    assert code == 1 and err == ""
    assert "core.leader-duties" in out and "汇总" in out  # the table, with its summary
    assert junit.read_text("utf-8").startswith("<?xml") and "<testsuites" in junit.read_text("utf-8")
    assert len(json.loads(js.read_text("utf-8"))["reports"]) == 5


def test_output_is_the_file_of_the_format_without_one(capsys, tmp_path):
    target, xml = tmp_path / "out.md", tmp_path / "r.xml"
    code, out, _ = cli(capsys, "check", SEEDS["001"], "--format", "markdown", "--format", f"junit={xml}",
                       "--output", target)
    assert out == "" and target.read_text("utf-8").startswith("## ") and "<testsuite " in xml.read_text("utf-8")


def test_dash_sends_a_format_to_stdout(capsys, tmp_path):
    code, out, _ = cli(capsys, "check", SEEDS["001"], "--format", "json=-", "--format", "table", "-o", tmp_path / "t.txt")
    assert json.loads(out)["reports"][0]["document"]["issuer"] == "温州市交通运输局"
    assert "温州市交通运输局" in (tmp_path / "t.txt").read_text("utf-8")


@pytest.mark.parametrize("args,words", [
    (["--format", "json", "--format", "table"], "json 和 table 都要输出到标准输出"),
    (["--format", "json", "--format", "junit", "-o", "x"], "但有 2 种格式都没有写"),
    (["--format", "json=a.json", "-o", "b.json"], "而每个 --format 都已写了文件"),
    (["--format", "json=same", "--format", "junit=same"], "json 和 junit 都要写入 same"),
    (["--format", "xml"], "没有“xml”这种格式（可选：table, markdown, json, jsonl, junit, sarif, html, pdf, docx, concise, github, gitlab, xlsx, csv）"),
    (["--format", "json="], "“=”后面没有文件名"),
    (["--format", "json", "--summary-only"], "--summary-only: 只用于 html, markdown, pdf, table"),
    (["--jobs", "0"], "--jobs: 至少为 1"),
    (["-o", "/nonexistent-dir/out.txt"], "无法写入（没有文件夹 /nonexistent-dir）"),
])
def test_output_usage_errors_are_one_line(capsys, tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "check", SEEDS["000"], *args)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_never_overwrites_a_report_being_checked(capsys, tmp_path):
    report = tmp_path / "r.txt"
    report.write_bytes(SEEDS["003"].read_bytes())
    code, _, err = cli(capsys, "check", tmp_path, "--format", f"json={report}")
    assert code == 2 and "fzcheck 不会覆盖输入" in err
    assert report.read_bytes() == SEEDS["003"].read_bytes()


# ---------------------------------------------------------------- JSON and its schema

def test_json_of_the_fixtures_validates_against_the_shipped_schema(capsys, result_schema):
    code, out, _ = cli(capsys, "check", *SEED_ARGS, "--format", "json")
    data = json.loads(out)
    jsonschema.Draft202012Validator(result_schema).validate(data)
    assert data["tool"]["rules"]["packs"].startswith("lexicons@1+")
    assert data["summary"]["reports"] == 5 and data["summary"]["reports_failing"] == 4
    top = data["summary"]["by_rule"][0]
    assert (top["id"], top["fail"], top["pass"]) == ("core.shortcoming-causes", 3, 1)


def test_the_schema_rejects_what_it_should(capsys, result_schema):
    data = json.loads(cli(capsys, "check", SEEDS["002"], "--format", "json")[1])
    v = jsonschema.Draft202012Validator(result_schema)
    bad = json.loads(json.dumps(data))
    bad["reports"][0]["results"][0]["status"] = "ok"
    assert not v.is_valid(bad)
    bad = json.loads(json.dumps(data))
    failing = next(r for r in bad["reports"][0]["results"] if r["status"] == "fail")
    failing["hint"] = ""  # a fail must say what to add
    assert not v.is_valid(bad)
    ok = json.loads(json.dumps(data))
    ok["reports"][0]["results"][0]["evidence"][0]["location"] = "第3页"  # readers of .docx/.pdf add it
    assert v.is_valid(ok)


def test_unreadable_reports_are_listed_in_json(capsys, tmp_path, result_schema):
    (tmp_path / "a.txt").write_bytes(SEEDS["003"].read_bytes())
    (tmp_path / "b.txt").write_bytes(b"")
    code, out, err = cli(capsys, "check", tmp_path, "--format", "json")
    data = json.loads(out)
    jsonschema.Draft202012Validator(result_schema).validate(data)
    assert code == 3 and "文件是空的" in err  # 003 fails (1) and b.txt is unreadable (2)
    assert [os.path.basename(e["path"]) for e in data["errors"]] == ["b.txt"] and data["summary"]["unreadable"] == 1


def test_jsonl_one_report_per_line_in_input_order(capsys, tmp_path, result_schema):
    (tmp_path / "a.txt").write_bytes(SEEDS["001"].read_bytes())
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "c.txt").write_bytes(SEEDS["004"].read_bytes())
    code, out, _ = cli(capsys, "check", tmp_path, "--format", "jsonl")
    lines = out.splitlines()
    line_schema = {"$ref": "fzcheck-result.schema.json#/$defs/jsonlLine"}
    registry = __import__("referencing").Registry().with_resource(
        "fzcheck-result.schema.json", __import__("referencing").Resource.from_contents(result_schema))
    v = jsonschema.Draft202012Validator(line_schema, registry=registry)
    rows = [json.loads(x) for x in lines]
    for row in rows:
        v.validate(row)
    assert [os.path.basename(r["path"]) for r in rows] == ["a.txt", "b.txt", "c.txt"]
    assert "是二进制数据" in rows[1]["error"] and rows[2]["document"]["year"] == 2021
    assert rows[0]["summary"] == {"pass": 22, "warn": 5, "fail": 2, "skip": 3 + 4}  # + the compare.* rules
    assert code == 3  # 001 fails (1) and b.txt is unreadable (2)


# ---------------------------------------------------------------- the summary over many reports

def test_table_ends_with_the_summary_most_failed_rule_first(capsys):
    code, out, _ = cli(capsys, "check", *SEED_ARGS)
    summary = out[out.index("汇总"):]
    lines = summary.splitlines()
    assert "共 5 份报告：4 份有不通过项，5 份有警告项" in lines[1]
    first_rule = next(x for x in lines if x.startswith(("core.", "format.", "content.", "consistency.")))
    assert first_rule.split()[0] == "core.shortcoming-causes" and first_rule.split()[-4:] == ["1", "1", "3", "0"]
    row = next(x for x in lines if x.endswith("") and "002_943b5966bb0e66c9.txt" in x)
    assert row.split()[-4:] == ["18", "9", "2", "7"]  # 3 skip + the four compare.* rules


def test_single_report_has_no_summary_and_summary_only_has_no_reports(capsys):
    assert "汇总" not in cli(capsys, "check", SEEDS["003"])[1]
    out = cli(capsys, "check", *SEED_ARGS, "--summary-only")[1]
    assert out.startswith("汇总") and "第31行" not in out and "core.shortcoming-causes" in out


def test_markdown_summary(capsys):
    out = cli(capsys, "check", *SEED_ARGS, "--format", "markdown")[1]
    assert out.startswith("## 汇总") and "| `core.shortcoming-causes` | 不足的原因 | 1 | 1 | 3 | 0 |" in out


def test_unreadable_reports_are_in_the_summary(capsys, tmp_path):
    (tmp_path / "a.txt").write_bytes(SEEDS["003"].read_bytes())
    (tmp_path / "b.md").write_bytes(b"")
    code, out, err = cli(capsys, "check", tmp_path)
    assert "另有 1 份无法读取" in out and any("b.md" in x and "无法读取" in x for x in out.splitlines())


# ---------------------------------------------------------------- --jobs

def test_jobs_2_gives_the_same_output_as_jobs_1(capsys, tmp_path):
    for i in range(6):
        src = SEEDS[f"00{i % 5}"]
        (tmp_path / f"{i}_{src.name}").write_bytes(src.read_bytes())
    (tmp_path / "3_bad.txt").write_bytes(b"")
    one = cli(capsys, "check", tmp_path, "--format", "json", "--jobs", "1")
    two = cli(capsys, "check", tmp_path, "--format", "json", "--jobs", "2")
    assert one == two and one[0] == 3  # reports fail (1), 3_bad.txt is unreadable (2)
    paths = [r["path"] for r in json.loads(one[1])["reports"]]
    assert paths == sorted(paths) and len(paths) == 6


def test_auto_jobs_starts_workers_only_when_they_pay():
    from checker import batch

    assert batch.auto_jobs(5) == 1
    assert batch.auto_jobs(1000) == batch.default_jobs()


def _run_with_stderr(stderr_tty: bool, *args):
    """fzcheck as a process, stderr on a pseudo-terminal or a pipe; returns (stdout, stderr)."""
    import pty
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "checker", "check", *SEED_ARGS, "--format", "json", *args]
    if not stderr_tty:
        proc = subprocess.run(cmd, capture_output=True, text=True)
        return proc.stdout, proc.stderr
    import fcntl
    import struct
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0×0
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks: list[bytes] = []

    def drain():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the process closed its end
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    out = proc.stdout.read()
    proc.wait()
    reader.join(timeout=30)
    os.close(master)
    return out.decode("utf-8"), b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal():
    out, err = _run_with_stderr(True)
    assert "检查" in err and "/5" in err and json.loads(out)["summary"]["reports"] == 5  # stdout stays clean
    out, err = _run_with_stderr(False)
    assert err == "" and json.loads(out)["summary"]["reports"] == 5
    out, err = _run_with_stderr(True, "--no-progress")
    assert "检查" not in err


def test_progress_bar_covers_writing_the_outputs(tmp_path):
    """Rendering a page per report takes longer than checking: the bar goes on while it runs."""
    out, err = _run_with_stderr(True, "--format", f"html={tmp_path}/", "--format", f"xlsx={tmp_path / 'r.xlsx'}")
    assert "检查" in err and "生成" in err and "/11" in err  # 5 pages, the summary, 5 rows of the workbook
    assert json.loads(out)["summary"]["reports"] == 5 and (tmp_path / "汇总.html").is_file()
    out, err = _run_with_stderr(False, "--format", f"html={tmp_path}/")
    assert err == ""


def test_a_plain_check_imports_none_of_the_new_machinery():
    """Cold start matters: `fzcheck check report.txt` must not load Jinja2, WeasyPrint, tqdm,
    multiprocessing, the XML writer, the Excel and PDF-joining libraries, nor the readers of
    .docx/.pdf/.html and their libraries (PDFium included), nor the web stack of `fzcheck serve`
    (checker.web, Starlette, uvicorn, python-multipart)."""
    import subprocess
    import sys

    code = ("import sys; from checker.cli import main; main(['check', sys.argv[1], '--fail-on', 'never']); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'jinja2', 'weasyprint', 'tqdm', 'multiprocessing', 'xml', 'junitparser', 'docx', 'pdfplumber', "
            "'pdfminer', 'pypdfium2', 'lxml', 'starlette', 'uvicorn', 'anyio', 'h11', 'multipart', 'python_multipart', "
            "'xlsxwriter', 'openpyxl', 'pypdf', 'fontTools', 'uharfbuzz', 'selenium'} "
            "| {m for m in sys.modules if m.startswith(('checker.read.', 'checker.web'))} "
            "| {m for m in sys.modules if m.startswith('checker.report.') and m.split('.')[-1] in "
            "('html', 'pdf', 'pdfmerge', 'xlsx', 'csv_out', 'matrix')}), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, str(SEEDS["003"])], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stderr.strip() == "[]"


def test_help_lists_the_formats_and_the_pairing(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    for name in ("table", "markdown", "json", "jsonl", "junit", "sarif", "html", "pdf"):
        assert f"\n  {name} " in out
    assert "--format junit=results.xml" in out and "格式=- 表示这一种输出到标准输出" in out
