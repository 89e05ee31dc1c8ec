"""Excel and CSV for the office's 台账: read back with openpyxl and the csv module, every value and
the Chinese text agree with the JSON output of the same run."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil

import pytest

from checker.report.common import KIND_ZH, LEVEL_ZH, STATUS_ZH

from conftest import SEEDS, SEED_ARGS, cli

openpyxl = pytest.importorskip("openpyxl")

FIELDS = ["子文件夹", "文件", "标题", "发文机关", "机关类别", "年度", "成文日期", "发布日期", "发文字号",
          "不通过", "警告", "通过", "不适用"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The five fixtures, in two sub-folders, plus one unreadable file; xlsx, csv and json at once."""
    from checker.cli import main

    root = tmp_path_factory.mktemp("office")
    reports = root / "reports"
    for i, (k, p) in enumerate(SEEDS.items()):
        folder = reports / ("区A" if i < 3 else "市直部门")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, folder / p.name)
    (reports / "市直部门" / "空白.txt").write_bytes(b"")
    out = {ext: root / f"r.{ext}" for ext in ("xlsx", "csv", "json")}
    code = main(["check", str(reports), "--format", f"xlsx={out['xlsx']}", "--format", f"csv={out['csv']}",
                 "--format", f"json={out['json']}", "--reviewer", "李四", "--review-date", "2025-03-05", "--no-progress"])
    assert code == 3  # reports fail (bit 1) and the empty file cannot be read (bit 2)
    data = json.loads(out["json"].read_text("utf-8"))
    return out, data


def _rule_ids(data):
    from checker.evaluate import load_rules

    ran = {r["id"] for rep in data["reports"] for r in rep["results"]}
    return [r["id"] for r in load_rules().rules if r["id"] in ran]


def _width(ws, col: int) -> float:
    """A column's width (XlsxWriter writes runs of equal columns as one <col min max>)."""
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= col <= dim.max:
            return dim.width
    return 0.0


def _status(rep, rule_id):
    return next(r["status"] for r in rep["results"] if r["id"] == rule_id)


def test_xlsx_sheets_headers_and_layout(run):
    out, data = run
    wb = openpyxl.load_workbook(out["xlsx"])
    assert wb.sheetnames == ["报告结果", "问题清单", "规则汇总", "说明"]
    ws = wb["报告结果"]
    ids = _rule_ids(data)
    head = [c.value for c in ws[2]]
    assert head[:13] == FIELDS and head[-3:] == ["人工复核意见", "审核人", "审核日期"]
    assert [h.split("\n")[0] for h in head[13:-3]] == ids  # second header row: the rule ids …
    titles = {r["id"]: r["title"] for rep in data["reports"] for r in rep["results"]}
    assert [c.value for c in ws[1]][13:-3] == [titles[i] for i in ids]  # … under their titles
    sev = {r["id"]: r["severity"] for rep in data["reports"] for r in rep["results"]}
    assert [h.split("\n")[1] for h in head[13:-3]] == [LEVEL_ZH[sev[i]] for i in ids]
    # frozen headers (two rows) and first columns, a filter over the whole table
    assert ws.freeze_panes == "C3"
    assert ws.auto_filter.ref == f"A2:{openpyxl.utils.get_column_letter(len(head))}{2 + 5 + 1}"
    # widths that fit Chinese: the title column is wider than its header, a rule column holds 不通过
    width = {k: _width(ws, i + 1) for i, k in enumerate(FIELDS)}
    assert width["标题"] >= 20 and width["发文机关"] >= 14 and width["年度"] < 10
    assert _width(ws, 14) >= 8 and ws.row_dimensions[1].height >= 40  # rule titles wrap in a tall header
    for name in ("问题清单", "规则汇总"):
        assert wb[name].freeze_panes and wb[name].auto_filter.ref.startswith("A1:")


def test_xlsx_matrix_agrees_with_json(run):
    out, data = run
    ws = openpyxl.load_workbook(out["xlsx"])["报告结果"]
    ids = _rule_ids(data)
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    cells = list(ws.iter_rows(min_row=3))
    assert len(rows) == 6
    by_path = {r["path"]: r for r in data["reports"]}
    for row, cell_row in zip(rows[:5], cells[:5]):
        rep = by_path[row[1]]
        doc = rep["document"]
        group = "区A" if "区A" in row[1] else "市直部门"
        assert row[0] == group
        assert row[2] == doc["title"] and row[3] == doc["issuer"] and row[5] == doc["year"]
        assert row[4] == KIND_ZH[doc.get("kind") or "unknown"]
        iso = [v.date().isoformat() if isinstance(v, dt.datetime) else v for v in row[6:8]]
        assert iso == [doc["date"], doc.get("published")]  # real dates in the sheet
        assert row[8] == doc.get("doc_number")
        assert list(row[9:13]) == [rep["summary"][s] for s in ("fail", "warn", "pass", "skip")]
        for i, rule_id in enumerate(ids):
            st = _status(rep, rule_id)
            assert row[13 + i] == STATUS_ZH[st], (row[1], rule_id)
            fill = cell_row[13 + i].fill.fgColor.rgb
            assert fill.endswith({"pass": "C6EFCE", "warn": "FFEB9C", "fail": "FFC7CE", "skip": "EDEDED"}[st])
        assert row[-3] is None and row[-2] == "李四" and row[-1] == dt.datetime(2025, 3, 5)  # the reviewer's columns
    # the unreadable report: its row says so
    bad = rows[5]
    assert bad[1].endswith("空白.txt") and bad[2].startswith("无法读取：") and "文件是空的" in bad[2]
    assert all(v is None for v in bad[13:-3])


def test_xlsx_chinese_text_of_every_fixture(run):
    out, data = run
    ws = openpyxl.load_workbook(out["xlsx"])["报告结果"]
    text = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "坡头区交通运输局2024年法治政府建设年度报告" in text and "湛江经济技术开发区交通运输局" in text
    for rep in data["reports"]:
        for k in ("title", "issuer"):
            if rep["document"][k]:
                assert rep["document"][k] in text


def test_xlsx_findings_one_row_per_warn_or_fail(run):
    out, data = run
    ws = openpyxl.load_workbook(out["xlsx"])["问题清单"]
    head = [c.value for c in ws[1]]
    assert head == ["子文件夹", "文件", "标题", "发文机关", "规则", "要求", "要求级别", "结果", "说明", "修改建议", "证据", "位置"]
    rows = [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    expected = [(rep["path"], r) for rep in data["reports"] for r in rep["results"] if r["status"] in ("warn", "fail")]
    assert len(rows) == len(expected) == 40
    for row, (path, r) in zip(rows, expected):
        assert (row["文件"], row["规则"], row["结果"], row["说明"]) == (path, r["id"], STATUS_ZH[r["status"]], r["message"])
        assert row["要求"] == r["title"] and row["要求级别"] == LEVEL_ZH[r["severity"]]
        assert (row["修改建议"] or "") == (r["hint"] or "")
        quotes = [e["text"] for e in r["evidence"][:5]]
        assert [q.split("（")[0] for q in (row["证据"] or "").split("\n") if not q.startswith("……")] == \
            [q.split("（")[0] for q in quotes]
    sig = next(x for x in rows if x["规则"] == "format.signature" and x["文件"].endswith("003_64caf8860024a4f7.txt"))
    assert sig["结果"] == "不通过" and sig["要求级别"] == "必须" and sig["修改建议"]
    where = next(x for x in rows if x["证据"] and x["位置"])
    assert where["位置"].split("\n")[0].startswith("第") and where["位置"].split("\n")[0].endswith("行")


def test_xlsx_rule_summary_as_the_terminal_one(run):
    out, data = run
    ws = openpyxl.load_workbook(out["xlsx"])["规则汇总"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    by_rule = data["summary"]["by_rule"]
    assert [r[0] for r in rows] == [b["id"] for b in by_rule]  # same order: most failed first
    for r, b in zip(rows, by_rule):
        assert (r[1], r[3], r[4], r[5], r[6]) == (b["title"], b["fail"], b["warn"], b["pass"], b["skip"])
        assert r[2] == LEVEL_ZH[b["severity"]] and r[7] == b["fail"] + b["warn"] + b["pass"] + b["skip"]
    assert rows[0][0] == "core.shortcoming-causes" and rows[0][3] == 3 and abs(rows[0][8] - 0.6) < 1e-9
    about = {r[0]: r[1] for r in openpyxl.load_workbook(out["xlsx"])["说明"].iter_rows(values_only=True)}
    assert about["报告"] == "共 5 份报告：4 份有不通过项，5 份有警告项；另有 1 份无法读取"
    assert about["规则包"] == data["tool"]["rules"]["packs"]


def test_csv_has_a_bom_and_agrees_with_json(run):
    out, data = run
    raw = out["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    ids = _rule_ids(data)
    head = rows[0]
    titles = {r["id"]: r["title"] for rep in data["reports"] for r in rep["results"]}
    assert head[:13] == FIELDS and head[13:-3] == [f"{titles[i]}（{i}）" for i in ids]
    assert head[-3:] == ["人工复核意见", "审核人", "审核日期"]
    body = rows[1:]
    assert len(body) == 6
    by_path = {r["path"]: r for r in data["reports"]}
    for row in body[:5]:
        rep = by_path[row[1]]
        doc = rep["document"]
        assert row[2] == (doc["title"] or "") and row[3] == (doc["issuer"] or "") and row[5] == str(doc["year"])
        assert row[4] == KIND_ZH[doc.get("kind") or "unknown"] and row[6] == (doc["date"] or "")
        assert row[7] == (doc.get("published") or "") and row[8] == (doc.get("doc_number") or "")
        assert row[9:13] == [str(rep["summary"][s]) for s in ("fail", "warn", "pass", "skip")]
        assert row[13:-3] == [STATUS_ZH[_status(rep, i)] for i in ids]
        assert row[-3:] == ["", "李四", "2025-03-05"]
    assert body[5][2].startswith("无法读取：") and body[5][13:-3] == [""] * len(ids)


def test_csv_and_xlsx_never_hold_a_formula(capsys, tmp_path, monkeypatch):
    """A file name (or any text of a report) starting with = must stay text."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "=1+1.txt").write_bytes(SEEDS["001"].read_bytes())
    code, out, _ = cli(capsys, "check", "=1+1.txt", "--format", "csv")
    row = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[1]
    assert row[1] == "'=1+1.txt"
    cli(capsys, "check", "=1+1.txt", "--format", "xlsx=r.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "r.xlsx")["报告结果"]["B3"]
    assert cell.value == "=1+1.txt" and cell.data_type == "s"


def test_kind_of_the_issuer_when_the_document_is_at_hand(seed_reports, rules):
    """Checked in this process, the report still has its Document: the kind of issuer shows."""
    from checker.report import Run
    from checker.report import csv_out

    out = csv_out.render(Run([seed_reports[k] for k in ("000", "002", "003")], rules))
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))[1:]
    assert [r[4] for r in rows] == ["部门", "部门", "部门"]  # 交通运输局 ×2; 003 names none but opens "市交通运输局以…"


def test_xlsx_to_a_terminal_is_refused(capsys, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, _, err = cli(capsys, "check", SEEDS["000"], "--format", "xlsx")
    assert code == 2 and "不能输出到终端" in err


def test_xlsx_of_many_reports_in_little_memory(tmp_path, rules, seed_reports):
    """constant_memory: rows go to disk as they are written (a rough guard, not a benchmark)."""
    import tracemalloc

    from checker.report import Run, xlsx

    reports = [seed_reports[k] for k in SEEDS] * 60
    tracemalloc.start()
    with open(tmp_path / "big.xlsx", "wb") as fh:
        xlsx.write(Run(reports, rules), fh)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    ws = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)["报告结果"]
    assert ws.max_row == 2 + 300
    assert peak < 40_000_000, peak


def test_the_newer_document_fields_show_where_they_are_given(monkeypatch, seed_reports, rules):
    """Report.document_dict() is gaining kind / published / doc_number: every output that shows
    them takes them as soon as they are there (and does without while they are not)."""
    from checker.api import Report
    from checker.report import Run, csv_out, html, xlsx

    real = Report.document_dict

    def newer(self):
        return {**real(self), "kind": "party", "published": "2025-01-10", "doc_number": "某党发〔2025〕1号"}

    monkeypatch.setattr(Report, "document_dict", newer)
    run = Run([seed_reports["000"], seed_reports["001"]], rules)
    row = list(csv.reader(io.StringIO(csv_out.render(run).lstrip("\ufeff"))))[1]
    assert row[4:9] == ["党委", "2024", "2024-12-09", "2025-01-10", "某党发〔2025〕1号"]
    buf = io.BytesIO()
    xlsx.write(run, buf)
    cells = next(openpyxl.load_workbook(buf)["报告结果"].iter_rows(min_row=3, values_only=True))
    assert cells[4] == "党委" and cells[7] == dt.datetime(2025, 1, 10) and cells[8] == "某党发〔2025〕1号"
    page = html.render(run)
    assert '<span class="kind">党委</span>' in page and "<th>发布日期</th><td>2025-01-10</td>" in page
    assert "<th>发文字号</th><td colspan=\"3\">某党发〔2025〕1号</td>" in page
    assert '<option value="party">党委</option>' in page  # the summary's filter by kind
