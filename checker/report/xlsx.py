"""Excel: the workbook an inspection office keeps as its 台账 and counts in (XlsxWriter).

Sheets:

1. 报告结果 — one row per report, one column per rule holding the result in Chinese (通过 / 警告 /
   不通过 / 不适用) on its colour; first the report's sub-folder, file, title, 发文机关 and its kind,
   year, 成文日期 and 发布日期 (real dates), 发文字号 and the counts; last the reviewer's columns
   (人工复核意见, 审核人, 审核日期: pre-filled from --reviewer …, else empty to fill in). Two header
   rows (the rule's title, then its id and level) stay in view, with a filter on every column.
2. 问题清单 — one row per warn or fail: report, rule, result, message, hint, evidence, where.
3. 规则汇总 — per rule, as the terminal summary: how many reports fail / warn / pass / are not
   concerned, most failed first, and the share that fail.
4. 说明 — the tool and rule pack versions, the date, the headline, what the words mean.

Widths fit Chinese text (a CJK character counts two columns), long cells wrap. Text is always
written as text, never as a formula. Rows go to disk as they are written (constant_memory), so a
workbook of 1,000 reports takes little memory.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, BinaryIO, Callable

from wcwidth import wcswidth

from . import matrix, summary
from .common import KIND_ZH, LEVEL_NOTE, LEVEL_ZH, STATUS_ZH

if TYPE_CHECKING:
    from . import Run

# result cells: Excel's own Good / Neutral / Bad colours, and grey for not concerned
COLOURS = {
    "pass": ("#C6EFCE", "#006100"),
    "warn": ("#FFEB9C", "#9C5700"),
    "fail": ("#FFC7CE", "#9C0006"),
    "skip": ("#EDEDED", "#595959"),
}
FONT = "等线"  # Office's default for Chinese; others (WPS, LibreOffice) fall back to theirs
MAX_WIDTH = {"title": 26, "issuer": 16, "path": 24, "group": 14, "doc_number": 16, "kind_zh": 6, "year": 6,
             "fail": 6, "warn": 6, "pass": 6, "skip": 6}
RULE_WIDTH = 9.5  # four Chinese characters a line of the rule's title; 不通过 fits


def _width(text: Any) -> int:
    if text is None:
        return 0
    s = str(text)
    return max((max(wcswidth(line), len(line)) for line in s.split("\n")), default=0)


def _lines(text: Any, width: float) -> int:
    """How many lines a wrapped cell of this width takes (spreadsheets do not all work it out when
    they open a file: LibreOffice keeps the default height)."""
    if text is None or text == "":
        return 1
    per = max(1, int(width) - 1)
    return sum(max(1, -(-_width(line) // per)) for line in str(text).split("\n"))


LINE = 13.5  # points a line of 10-point text takes


def _date(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s else None
    except ValueError:
        return None


def units(run: Run) -> int:
    return len(run.reports)


class _Book:
    def __init__(self, out: BinaryIO):
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(out, {
            "constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
            "strings_to_urls": False, "default_format_properties": {"font_name": FONT, "font_size": 10},
        })
        wb = self.wb
        border = {"border": 1, "border_color": "#BFBFBF", "valign": "top"}
        self.head = wb.add_format({"bold": True, "bg_color": "#404040", "font_color": "#FFFFFF", "text_wrap": True,
                                   "valign": "vcenter", "border": 1, "border_color": "#808080"})
        self.head2 = wb.add_format({"bold": True, "bg_color": "#D9D9D9", "text_wrap": True, "valign": "bottom",
                                    "border": 1, "border_color": "#808080"})
        self.rule_id = wb.add_format({"bg_color": "#D9D9D9", "font_size": 7, "text_wrap": True, "valign": "bottom",
                                      "border": 1, "border_color": "#808080"})
        self.caption = wb.add_format({"bold": True, "bg_color": "#404040", "font_color": "#FFFFFF", "valign": "top",
                                      "border": 1, "border_color": "#808080"})
        self.text = wb.add_format(border)
        self.wrap = wb.add_format({**border, "text_wrap": True})
        self.num = wb.add_format({**border, "num_format": "0"})
        self.year = wb.add_format({**border, "num_format": "0", "align": "center"})
        self.date = wb.add_format({**border, "num_format": "yyyy-mm-dd", "align": "center"})
        self.pct = wb.add_format({**border, "num_format": "0%"})
        self.bold_num = wb.add_format({**border, "num_format": "0", "bold": True})
        self.error = wb.add_format({**border, "font_color": "#9C0006", "italic": False})
        self.status = {st: wb.add_format({**border, "align": "center", "bg_color": bg, "font_color": fg,
                                          "bold": st == "fail"})
                       for st, (bg, fg) in COLOURS.items()}
        self.label = wb.add_format({"bold": True, "valign": "top"})
        self.plain = wb.add_format({"valign": "top", "text_wrap": True})

    def sheet(self, name: str, a3: bool = False):
        ws = self.wb.add_worksheet(name)
        ws.set_paper(8 if a3 else 9)  # the matrix on A3, the lists on A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)  # as wide as the page, as many pages long as it takes
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.set_footer("&L&8fzcheck · &A&R&8第 &P 页 / 共 &N 页")
        return ws

    def list_sheet(self, name: str, heads: list[tuple[str, float]]):
        """A sheet that is a list under one header row: ``heads`` gives each column's title and
        width."""
        ws = self.sheet(name)
        for c, (head, width) in enumerate(heads):
            ws.set_column(c, c, width)
            ws.write_string(0, c, head, self.head)
        ws.set_row(0, 22)
        return ws

    @staticmethod
    def end_list(ws, rows: int, columns: int, frozen: int) -> None:
        """The header row (and the first ``frozen`` columns) kept in view and repeated on every
        printed page, an autofilter over the ``rows`` rows written under it."""
        ws.freeze_panes(1, frozen)
        ws.autofilter(0, 0, max(rows, 0), columns - 1)
        ws.repeat_rows(0)

    def put(self, ws, row: int, col: int, value: Any, fmt) -> None:
        if value is None or value == "":
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_string(row, col, str(value), fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
        elif isinstance(value, dt.date):
            ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt)
        else:
            ws.write_string(row, col, str(value), fmt)


def _reports_sheet(book: _Book, run: Run, rules: list[matrix.Rule], rows: list[matrix.Row], tick) -> None:
    ws = book.sheet("报告结果", a3=True)
    fields = matrix.FIELDS
    review = matrix.REVIEW
    values = matrix.review_values(run)
    # widths: what the longest value needs, within bounds (long values wrap)
    for c, (key, head) in enumerate(fields):
        need = max([_width(head)] + [_width(r.fields.get(key)) for r in rows])
        ws.set_column(c, c, min(max(need + 2, 6), MAX_WIDTH.get(key, 12)))
    first_rule = len(fields)
    after = first_rule + len(rules)
    ws.set_column(first_rule, after - 1, RULE_WIDTH)
    ws.set_column(after, after, 30)
    ws.set_column(after + 1, after + 2, 11)
    longest = max((_width(rule.title) for rule in rules), default=8)
    ws.set_row(0, 13.5 * (1 + longest // (2 * int(RULE_WIDTH - 1))) + 6)
    ws.set_row(1, 40)
    # row by row: constant_memory mode writes a row out as soon as the next one is started
    ws.write_string(0, 0, "各份报告（每行一份）", book.caption)
    for c in range(1, len(fields)):
        ws.write_blank(0, c, None, book.head)
    for i, rule in enumerate(rules):
        ws.write_string(0, first_rule + i, rule.title, book.head)
    ws.write_string(0, after, "人工复核（由审核人填写）", book.caption)
    for i in range(1, len(review)):
        ws.write_blank(0, after + i, None, book.head)
    for c, (_key, head) in enumerate(fields):
        ws.write_string(1, c, head, book.head2)
    for i, rule in enumerate(rules):
        ws.write_string(1, first_rule + i, f"{rule.id}\n{rule.level_zh}", book.rule_id)
    for i, (_key, head) in enumerate(review):
        ws.write_string(1, after + i, head, book.head2)
    widths = {key: min(max(max([_width(head)] + [_width(x.fields.get(key)) for x in rows]) + 2, 6), MAX_WIDTH.get(key, 12))
              for key, head in fields}
    r = 2
    for row in rows:
        lines = max(_lines(row.fields.get(k), widths[k]) for k in ("title", "path", "issuer"))
        if row.state:
            lines = max(lines, _lines(row.state, widths["title"]))
        ws.set_row(r, LINE * min(lines, 6) + 2)
        for c, (key, _head) in enumerate(fields):
            v = row.fields.get(key)
            fmt = book.text
            if key in ("date", "published"):
                v, fmt = (_date(v) or v), book.date
            elif key == "year":
                fmt = book.year
            elif key in ("fail", "warn", "pass", "skip"):
                fmt = book.bold_num if key == "fail" and v else book.num
            elif key in ("title", "path", "issuer"):
                fmt = book.wrap
            if row.state and key == "title":
                v, fmt = row.state, book.error if row.error else book.wrap
            book.put(ws, r, c, v, fmt)
        for i, rule in enumerate(rules):
            st = row.results.get(rule.id)
            if st:
                ws.write_string(r, first_rule + i, STATUS_ZH[st], book.status[st])
            else:
                ws.write_blank(r, first_rule + i, None, book.text)
        for i, (key, _head) in enumerate(review):
            v = values.get(key)
            if key == "date":
                book.put(ws, r, after + i, _date(v), book.date)
            else:
                book.put(ws, r, after + i, v, book.wrap)
        r += 1
        if not row.state:
            tick()
    ws.freeze_panes(2, 2)  # the headers, the sub-folder and the file stay in view
    ws.autofilter(1, 0, max(r - 1, 1), after + len(review) - 1)
    ws.repeat_rows(0, 1)


FINDING_COLUMNS = [
    ("group", "子文件夹", 10), ("path", "文件", 22), ("title", "标题", 22), ("issuer", "发文机关", 16),
    ("id", "规则", 18), ("rule", "要求", 20), ("level_zh", "要求级别", 8), ("status_zh", "结果", 7),
    ("message", "说明", 34), ("hint", "修改建议", 34), ("evidence", "证据", 44), ("where", "位置", 12),
]


def _findings_sheet(book: _Book, run: Run) -> None:
    ws = book.list_sheet("问题清单", [(head, width) for _key, head, width in FINDING_COLUMNS])
    from .paths import group_of

    root = run.root()
    r = 1
    for rep in run.reports:
        from .common import document_info

        doc = document_info(rep)
        for f in matrix.findings(rep):
            row = {"group": group_of(rep.path, root), "path": rep.path, "title": doc["title"], "issuer": doc["issuer"],
                   "rule": f["title"], **{k: v for k, v in f.items() if k != "title"}}
            lines = max(_lines(row.get(key), w) for key, _head, w in FINDING_COLUMNS)
            ws.set_row(r, LINE * min(lines, 15) + 2)
            for c, (key, _head, _w) in enumerate(FINDING_COLUMNS):
                fmt = book.status[f["status"]] if key == "status_zh" else book.wrap
                book.put(ws, r, c, row.get(key), fmt)
            r += 1
    book.end_list(ws, r - 1, len(FINDING_COLUMNS), 2)


def _rules_sheet(book: _Book, run: Run) -> None:
    heads = [("规则", 30), ("要求", 40), ("要求级别", 9), ("不通过", 8), ("警告", 8), ("通过", 8), ("不适用", 8),
             ("检查份数", 9), ("不通过的比例", 12)]
    ws = book.list_sheet("规则汇总", heads)
    r = 1
    for rc in summary.by_rule(run):
        cells = [(rc.id, book.text), (rc.title, book.wrap), (LEVEL_ZH.get(rc.severity, rc.severity), book.text),
                 (rc.counts["fail"], book.bold_num if rc.counts["fail"] else book.num), (rc.counts["warn"], book.num),
                 (rc.counts["pass"], book.num), (rc.counts["skip"], book.num), (rc.checked, book.num),
                 (rc.counts["fail"] / rc.checked if rc.checked else 0, book.pct)]
        ws.set_row(r, LINE * _lines(rc.title, 40) + 2)
        for c, (v, fmt) in enumerate(cells):
            book.put(ws, r, c, v, fmt)
        r += 1
    book.end_list(ws, r - 1, len(heads), 1)


def _about_sheet(book: _Book, run: Run) -> None:
    from ..api import tool_info
    from .html import generated_on

    ws = book.sheet("说明")
    ws.set_portrait()
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 90)
    tool = tool_info(run.rules)
    t = summary.totals(run)
    lines = [
        ("报告", summary.headline(run)),
        ("结果合计", " · ".join(f"{STATUS_ZH[s]} {t[s]}" for s in summary.STATUSES)),
        ("检查工具", f"fzcheck {tool['version']}"),
        ("规则包", tool["rules"]["packs"]),
        ("规则摘要", f"sha256:{tool['rules']['sha256']}"),
        ("生成日期", generated_on()),
        ("结果", "通过 — 符合要求；警告 — 可能不符合，请人工核实；不通过 — 不符合要求；不适用 — 该项要求不适用于此报告"),
        ("要求级别", LEVEL_NOTE.removeprefix("要求级别：")),
        ("机关类别", "、".join(KIND_ZH.values()) + "（由发文机关名称判断）"),
        ("工作表", "报告结果：每份报告一行、每条规则一列；问题清单：每个警告、不通过项一行，附说明、修改建议和证据；"
                 "规则汇总：每条规则的结果份数，不通过最多的在前"),
    ]
    for r, (k, v) in enumerate(lines):
        ws.set_row(r, LINE * _lines(v, 90) + 2)
        ws.write_string(r, 0, k, book.label)
        ws.write_string(r, 1, v, book.plain)


def write(run: Run, out: BinaryIO, tick: Callable[[], None] = lambda: None) -> None:
    if not (hasattr(out, "seekable") and out.seekable()):  # a pipe: the zip is made in memory first
        import io

        buf = io.BytesIO()
        write(run, buf, tick)
        out.write(buf.getvalue())
        return
    book = _Book(out)
    rules = matrix.rules(run)
    rows = list(matrix.rows(run))
    _reports_sheet(book, run, rules, rows, tick)
    _findings_sheet(book, run)
    _rules_sheet(book, run)
    _about_sheet(book, run)
    book.wb.close()


def render(run: Run) -> bytes:
    import io

    buf = io.BytesIO()
    write(run, buf)
    return buf.getvalue()
