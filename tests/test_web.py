"""fzcheck serve without a browser: the API a page uses (the same results as the CLI, every bad
upload one line of Chinese, the server still serving), its limits (size, time, a stuck or dead
worker, a full queue), the view of a report (evidence in its paragraph, a missing part where it
belongs), nothing kept, and the command line."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from web_samples import FIXTURES, fixture_files, has_chinese

pytest.importorskip("starlette", reason="the web extra is not installed (pip install 'fzcheck[web]')")
httpx = pytest.importorskip("httpx", reason="httpx is not installed (pip install 'fzcheck[test]')")

from checker.api import check_path  # noqa: E402
from checker.web import view  # noqa: E402
from checker.web.app import safe_name  # noqa: E402
from checker.web.pool import Busy, Limits, Pool  # noqa: E402

DOCX = FIXTURES / "formats" / "docx" / "002_943b5966bb0e66c9.docx"


def post(server, path, name=None, data=None, **kw):
    files = {"file": (name or path.name, data if data is not None else path.read_bytes())}
    return httpx.post(server.url + "api/check", files=files, timeout=120, **kw)


def good_upload_works(server):
    r = post(server, DOCX)
    assert r.status_code == 200 and r.json()["ok"], r.text[:300]
    return r.json()


# ---------------------------------------------------------------- the page itself

def test_the_page_is_chinese_and_loads_nothing_from_elsewhere(web_server):
    r = httpx.get(web_server.url)
    assert r.status_code == 200 and "把报告文件拖到这里" in r.text and 'lang="zh-CN"' in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert r.headers["cache-control"] == "no-store"
    import re

    for ref in re.findall(r'(?:src|href)="([^"]+)"', r.text):
        assert ref.startswith("/static/"), ref
        asset = httpx.get(web_server.url + ref.lstrip("/"))
        assert asset.status_code == 200
        text = asset.text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # a namespace name, not a load
        assert "http://" not in text and "https://" not in text
        assert "@import" not in asset.text and "@font-face" not in asset.text
    css = httpx.get(web_server.url + "static/app.css").text
    assert '"Noto Sans CJK SC"' in css and '"Microsoft YaHei"' in css and '"PingFang SC"' in css


# ---------------------------------------------------------------- results: the same as the CLI's

@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_format_gives_the_results_of_check_path(web_server, path, rules):
    expected = check_path(str(path), rules)
    r = post(web_server, path)
    assert r.status_code == 200
    got = r.json()
    assert got["ok"] and got["name"] == path.name
    assert got["summary"] == expected.summary
    data = json.loads(got["downloads"]["json"])
    rep = data["reports"][0]
    assert rep["path"] == path.name  # the upload's own name, not a temporary path
    assert [x["id"] + x["status"] for x in rep["results"]] == [x.id + x.status for x in expected.results]
    assert rep["document"]["title"] == expected.document_dict()["title"]
    assert "法治政府建设年度报告审核表" in got["downloads"]["html"] and path.name in got["downloads"]["html"]
    for status, n in expected.summary.items():
        assert f'data-{status}="{n}"' in got["html"]


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def test_the_fragment_marks_the_evidence_and_where_a_missing_part_belongs(web_server, rules):
    from lxml import html as lhtml

    expected = check_path(str(DOCX), rules)
    got = post(web_server, DOCX).json()
    root = lhtml.fromstring(got["html"])
    problems = root.xpath(f"//ol[{_cls('problems')}]/li[{_cls('finding')}]")
    assert [f.get("data-status") for f in problems] == (["fail"] * expected.summary["fail"] + ["warn"] * expected.summary["warn"])

    def rule(f):
        return f.xpath(f".//span[{_cls('f-id')}]")[0].text

    # the missing 存在的不足: a marker where it belongs, and the finding points to it
    miss = next(f for f in problems if rule(f) == "core.shortcomings")
    marker = root.get_element_by_id(miss.get("data-target"))
    assert "上一年度推进法治政府建设存在的不足" in marker.text_content()
    group = marker.getparent().getparent()
    assert "此处应增加" in group.text_content()
    anchor = next(r for r in expected.results if r.id == "core.shortcomings").anchor
    before = group.getprevious()  # the paragraph it follows
    assert before.xpath(f".//span[{_cls('loc')}]")[0].text == anchor.location
    # a warn's quoted evidence is marked in the text, inside the paragraph of its place
    warn = next(f for f in problems if rule(f) == "core.leader-duties")
    ev = warn.xpath(f".//li[{_cls('quoted')}]")[0]
    marks = root.xpath(f"//mark[contains(concat(' ', @data-ev, ' '), ' {ev.get('data-go')} ')]")
    quote = ev.xpath(f".//span[{_cls('etext')}]")[0].text
    assert marks and "".join(m.text_content() for m in marks) == quote.strip("…")
    para = marks[0].getparent().getparent()
    assert para.xpath(f".//span[{_cls('loc')}]")[0].text == ev.xpath(f".//span[{_cls('where')}]")[0].text
    assert "hl-warn" in marks[0].get("class")


# ---------------------------------------------------------------- the view, on its own

def test_every_quote_of_the_fixtures_is_found_in_its_paragraph(rules):
    """All evidence that quotes the report is marked in the paragraph of its line, in every
    format (the field values written otherwise than in the text, an ISO date, aside)."""
    for path in fixture_files():
        rep = check_path(str(path), rules)
        v = view.build(rep, "k")
        texts = {p.dom: p for p in v["paragraphs"]}
        for f in v["problems"] + v["passes"] + v["skips"]:
            for e in f["evidence"]:
                if e["text"].startswith("未找到") or not e["para"]:
                    continue
                if e["quoted"]:
                    p = texts[e["para"]]
                    span = next(s for s in p.spans if s.ev == e["dom"])
                    assert p.text[span.start:span.end] in e["text"], (path.name, f["id"])
                else:  # only a date the report writes in words: 2024-12-09 for 2024年12月9日
                    import re

                    assert re.fullmatch(r"\d{4}-\d\d-\d\d（.+）", e["text"]), (path.name, f["id"], e["text"])


def test_paragraphs_on_one_input_line_each_get_their_own_quotes(rules):
    """001.txt came from a web page with the whole text on one line: the quotes still land in
    the right paragraph, not all in the first."""
    rep = check_path(str(FIXTURES / "001_f6bb264d07dd80ca.txt"), rules)
    v = view.build(rep, "k")
    marked = {p.index for p in v["paragraphs"] if p.spans}
    assert len(marked) >= 8
    assert len({p.line for p in v["paragraphs"]}) < len(v["paragraphs"])  # many share a line


def test_overlapping_marks_split_the_text_and_fail_shows_over_warn():
    p = view.Paragraph(0, "k-p0", "一二三四五六七八九十", 1, "第1行")
    p.spans = [view.Span(0, 6, "a", "warn"), view.Span(4, 8, "b", "fail"), view.Span(8, 10, "c", "pass")]
    segs = p.segments()
    assert [(s["text"], s["evs"], s["cls"]) for s in segs] == [
        ("一二三四", "a", "hl hl-warn"), ("五六", "a b", "hl hl-fail"), ("七八", "b", "hl hl-fail"),
        ("九十", "c", "hl hl-quiet")]
    assert "".join(s["text"] for s in segs) == p.text
    p.head = 3  # a run-in heading of three characters: cut there too, and only it in bold
    segs = p.segments()
    assert [(s["text"], s["head"]) for s in segs][:2] == [("一二三", True), ("四", False)] and segs[1]["evs"] == "a"


def test_a_run_in_heading_is_bold_and_its_paragraph_is_not(rules):
    rep = check_path(str(DOCX), rules)
    v = view.build(rep, "k")
    p = next(p for p in v["paragraphs"] if p.text.startswith("（一）认真学习依法治国新理念。"))
    assert p.role == "body" and p.text[:p.head] == "（一）认真学习依法治国新理念。"
    whole = next(p for p in v["paragraphs"] if p.text == "一、学习依法治国新理论，加强法治建设组织领导")
    assert whole.role == "heading" and whole.head == 0


def test_safe_name_keeps_the_name_and_nothing_else():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\科员\\2024年报告.docx") == "2024年报告.docx"
    assert safe_name(".hidden.docx") == "hidden.docx"
    assert safe_name('a<b>:"c".pdf') == "a_b___c_.pdf"
    assert safe_name("") == "报告" and safe_name(None) == "报告"
    assert len(safe_name("长" * 500 + ".docx")) == 105


# ---------------------------------------------------------------- bad uploads

@pytest.mark.parametrize("kind", ["empty", "junk", "big", "bomb", "unsupported", "scanned"])
def test_a_bad_upload_gets_one_line_of_chinese_and_the_server_keeps_serving(web_server, bad_uploads, kind):
    path = bad_uploads[kind]
    with open(path, "rb") as f:  # streamed: the 100 MB file is not read into this test's memory
        r = httpx.post(web_server.url + "api/check", files={"file": (path.name, f)}, timeout=120)
    got = r.json()
    assert not got["ok"] and r.status_code in (413, 422)
    msg = got["error"]
    assert "\n" not in msg and has_chinese(msg) and "Traceback" not in msg and str(path.parent) not in msg
    if kind == "empty":
        assert msg.startswith("文件是空的")
    elif kind == "big":
        assert r.status_code == 413 and "超过了 20 MB 的上限" in msg
    elif kind == "scanned":
        assert msg.startswith("无法检查此文件") and ("scanned" in msg or "扫描" in msg)
    elif kind == "unsupported":
        assert msg.startswith("无法检查此文件") and ("ZIP" in msg or "压缩" in msg)
    elif kind == "bomb":  # the memory limit, a reader's own bound, or the time limit
        assert msg.startswith(("无法检查此文件", "检查超过了"))
    else:
        assert msg.startswith("无法检查此文件")
    good_upload_works(web_server)


def test_an_oversized_chunked_upload_is_refused_while_it_arrives(web_server):
    """No Content-Length (chunked): the body is counted as it comes and refused past the limit."""
    boundary = "fzcheckboundary"

    def body():
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"大.txt\"\r\n"
               f"Content-Type: text/plain\r\n\r\n").encode()
        for _ in range(25):
            yield "法治".encode() * (2**20 // 6)
        yield f"\r\n--{boundary}--\r\n".encode()

    r = httpx.post(web_server.url + "api/check", content=body(), timeout=60,
                   headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413 and "超过了 20 MB 的上限" in r.json()["error"]
    good_upload_works(web_server)


def test_malformed_requests_are_refused_in_chinese(web_server):
    r = httpx.post(web_server.url + "api/check", content=b"not a form", headers={"content-type": "text/plain"})
    assert r.status_code == 400 and has_chinese(r.json()["error"])
    r = httpx.post(web_server.url + "api/check", files={"other": ("a.txt", b"x")})
    assert r.status_code == 400 and r.json()["error"].startswith("没有收到文件")
    r = httpx.post(web_server.url + "api/pdf", content=b"{not json")
    assert r.status_code == 400 and has_chinese(r.json()["error"])
    r = httpx.post(web_server.url + "api/pdf", json={"reports": 1})
    assert r.status_code == 422 and r.json()["error"].startswith("无法生成 PDF")


def test_another_site_and_another_host_name_are_refused(web_server):
    r = post(web_server, DOCX, headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and has_chinese(r.json()["error"])
    port = web_server.port
    r = post(web_server, DOCX, headers={"origin": f"http://127.0.0.1:{port}"})
    assert r.status_code == 200
    # a DNS name pointed at 127.0.0.1 by another site (DNS rebinding) is not this server
    r = httpx.get(web_server.url, headers={"host": f"evil.example:{port}"})
    assert r.status_code == 400


def test_the_pdf_audit_is_rendered_from_the_json_the_page_sends_back(web_server):
    caps = httpx.get(web_server.url + "api/status").json()["caps"]
    if caps["pdf"]:
        pytest.skip(caps["pdf"])
    import io

    from pypdf import PdfReader

    got = post(web_server, DOCX).json()
    assert got["pdf"] is True
    r = httpx.post(web_server.url + "api/pdf", content=got["downloads"]["json"],
                   headers={"content-type": "application/json"}, timeout=120)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "湛江经济技术开发区交通运输局2020年法治政府建设工作报告" in text.replace("\n", "")


def test_the_commented_word_file_is_offered_when_this_version_has_it(web_server):
    from checker.report import FORMAT_NAMES

    got = post(web_server, DOCX).json()
    if "docx" not in FORMAT_NAMES:
        assert "docx" not in got["downloads"] and 'data-dl="docx"' not in got["html"]
        assert "此版本尚未提供带批注的 Word 文件" in got["html"]
        return
    import base64
    import io

    import docx

    document = docx.Document(io.BytesIO(base64.b64decode(got["downloads"]["docx"])))
    texts = [c.text for c in document.comments]
    assert len(texts) >= got["summary"]["fail"] + got["summary"]["warn"]


# ---------------------------------------------------------------- last year's report beside it

THIS_YEAR = next(FIXTURES.glob("000_*.txt"))
LAST_YEAR = FIXTURES / "previous" / "000_prev_2023.txt"


def post_pair(server, this, last, last_name=None, last_data=None):
    files = [("file", (this.name, this.read_bytes())),
             ("previous", (last_name or last.name, last_data if last_data is not None else last.read_bytes()))]
    return httpx.post(server.url + "api/check?previous=1", files=files, timeout=120)


def test_last_years_report_uploaded_beside_it_gives_the_compare_results(web_server, rules):
    expected = check_path(str(THIS_YEAR), rules, previous=str(LAST_YEAR))
    r = post_pair(web_server, THIS_YEAR, LAST_YEAR)
    got = r.json()
    assert r.status_code == 200 and got["ok"], r.text[:300]
    rep = json.loads(got["downloads"]["json"])["reports"][0]
    assert [x["id"] + x["status"] for x in rep["results"]] == [x.id + x.status for x in expected.results]
    status = {x["id"]: x["status"] for x in rep["results"]}
    assert status["compare.recycled-text"] == "fail" and status["compare.plan-followed"] == "warn"
    assert rep["previous"] == {"path": LAST_YEAR.name, "title": expected.previous["title"], "issuer": "坡头区交通运输局",
                               "year": 2023}
    # the page names last year's report and shows last year's place beside this year's
    html = got["html"]
    assert f"对照上年报告</dt><dd>{LAST_YEAR.name}（2023年）" in html
    assert '<span class="last-where">上年报告第13行</span>' in html and "换一份上一年度报告对照" in html
    # and the audit table the page downloads carries the comparison side by side
    assert "对照的上一年度报告" in got["downloads"]["html"]


def test_a_report_alone_offers_the_comparison(web_server):
    got = post(web_server, THIS_YEAR).json()
    assert "对照上一年度报告…" in got["html"] and "对照上年报告" not in got["html"]
    status = {x["id"]: x["status"] for x in json.loads(got["downloads"]["json"])["reports"][0]["results"]}
    assert status["compare.recycled-text"] == "skip"


def test_the_pdf_audit_from_the_page_keeps_last_years_places(web_server):
    caps = httpx.get(web_server.url + "api/status").json()["caps"]
    if caps["pdf"]:
        pytest.skip(caps["pdf"])
    import io

    from pypdf import PdfReader

    got = post_pair(web_server, THIS_YEAR, LAST_YEAR).json()
    r = httpx.post(web_server.url + "api/pdf", content=got["downloads"]["json"],
                   headers={"content-type": "application/json"}, timeout=120)
    assert r.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).replace("\n", "")
    assert "对照的上一年度报告" in text and LAST_YEAR.name in text


@pytest.mark.parametrize("case,status,message", [
    ("missing", 400, "没有收到上一年度的报告，请重新选择"),
    ("empty", 422, "上一年度的报告 000_prev_2023.txt 是空的（0 字节）"),
    ("binary", 422, "无法读取上一年度的报告："),
    ("same", 422, "与本报告是同一份文件"),
])
def test_a_bad_previous_upload_is_one_line_of_chinese(web_server, case, status, message):
    if case == "missing":
        r = httpx.post(web_server.url + "api/check?previous=1", files={"file": (THIS_YEAR.name, THIS_YEAR.read_bytes())},
                       timeout=60)
    else:
        data = {"empty": b"", "binary": bytes(range(256)) * 40, "same": THIS_YEAR.read_bytes()}[case]
        r = post_pair(web_server, THIS_YEAR, LAST_YEAR, last_data=data, last_name=None if case == "empty" else "last.txt")
    assert r.status_code == status and not r.json()["ok"]
    assert message in r.json()["error"] and "\n" not in r.json()["error"] and "--previous" not in r.json()["error"]
    good_upload_works(web_server)


@pytest.mark.parametrize("last_name", [THIS_YEAR.name, THIS_YEAR.name.upper()])
def test_the_same_name_for_both_years_is_kept_apart(web_server, last_name):
    r = post_pair(web_server, THIS_YEAR, LAST_YEAR, last_name=last_name)
    rep = json.loads(r.json()["downloads"]["json"])["reports"][0]
    assert rep["path"] == THIS_YEAR.name and rep["previous"]["path"] == "上年-" + last_name


def test_uploads_are_not_kept(web_server, tmp_path, monkeypatch):
    """The upload is written to a private folder (0700) only while it is checked."""
    import tempfile

    from checker.web import app

    made = []
    real = tempfile.mkdtemp

    def spy(*a, **kw):
        path = real(*a, dir=str(tmp_path), **{k: v for k, v in kw.items() if k != "dir"})
        made.append((path, os.stat(path).st_mode & 0o777))
        return path

    monkeypatch.setattr(app.tempfile, "mkdtemp", spy)
    good_upload_works(web_server)
    post(web_server, FIXTURES / "formats" / "pdf" / "000_afa1c9d59f367721.pdf")
    assert len(made) == 2 and all(mode == 0o700 for _, mode in made)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- limits

def _pool(**kw):
    pool = Pool(Limits(**{"workers": 1, "seconds": 20, **kw}))
    pool.caps()
    return pool


def test_a_check_past_the_time_limit_is_stopped_and_the_next_one_runs():
    pool = _pool(seconds=0.01)
    try:
        kind, msg = pool.call(("check", str(FIXTURES / "formats" / "pdf"), "002_943b5966bb0e66c9.pdf"))
        assert kind == "error" and "检查超过了 0.01 秒的时间限制" in msg and "\n" not in msg
        pool.limits.seconds = 30
        assert pool.call(("ping",))[0] == "ok" and pool.restarts == 0  # the timer, not a kill
    finally:
        pool.close()


def test_a_stuck_worker_is_killed_at_the_deadline_and_replaced():
    """A worker that does not answer (here: stopped, as if stuck in a C call past its own
    timer) is killed GRACE seconds after the time limit; the next task gets a new worker."""
    from checker.web import pool as pool_mod

    pool = _pool(seconds=0.5)
    old_grace, pool_mod.GRACE = pool_mod.GRACE, 0.5
    try:
        pid = pool.pids()[0]
        os.kill(pid, signal.SIGSTOP)
        t = time.monotonic()
        kind, msg = pool.call(("ping",))
        assert kind == "error" and "时间限制" in msg and time.monotonic() - t < 5
        assert pool.restarts == 1 and pool.pids() != [pid]
        assert pool.call(("ping",))[0] == "ok"
    finally:
        pool_mod.GRACE = old_grace
        pool.close()


def test_a_dead_worker_is_replaced_without_failing_the_next_upload():
    pool = _pool()
    try:
        pid = pool.pids()[0]
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.3)
        kind, value = pool.call(("ping",))
        assert kind == "ok" and value != pid and pool.restarts == 1
    finally:
        pool.close()


def test_a_full_queue_turns_uploads_away_at_once():
    pool = _pool(queue=0)
    pid = pool.pids()[0]
    try:
        os.kill(pid, signal.SIGSTOP)
        first = threading.Thread(target=pool.call, args=(("ping",),))
        first.start()
        time.sleep(0.3)
        t = time.monotonic()
        with pytest.raises(Busy, match="服务器正忙"):
            pool.call(("ping",))
        assert time.monotonic() - t < 0.5
        os.kill(pid, signal.SIGCONT)
        first.join(10)
        assert pool.call(("ping",))[0] == "ok"
    finally:
        os.kill(pid, signal.SIGCONT)
        pool.close()


# ---------------------------------------------------------------- the command line

def _serve(*args):
    proc = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", "0", "--workers", "1", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines = [proc.stderr.readline() for _ in range(3)]
    return proc, lines


def test_fzcheck_serve_starts_serves_and_stops_on_ctrl_c():
    proc, lines = _serve()
    try:
        assert lines[0].startswith("fzcheck 审核工作台已启动：http://127.0.0.1:")
        url = lines[0].split("：", 1)[1].strip()
        assert "把报告文件拖到这里" in httpx.get(url, timeout=30).text
        pids = httpx.get(url + "api/status", timeout=60).json()["pids"]
        assert len(pids) == 1
        assert httpx.post(url + "api/check", files={"file": (DOCX.name, DOCX.read_bytes())}, timeout=60).json()["ok"]
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(20)
    assert code == 0 and "Traceback" not in proc.stderr.read()
    for pid in pids:  # its worker is gone too
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_fzcheck_serve_on_the_office_network_warns_in_chinese():
    proc, lines = _serve("--host", "0.0.0.0")
    try:
        text = "".join(lines)
        assert "警告：已对局域网开放" in text and "任何人都能打开此页面" in text
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)


def test_open_starts_the_browser_on_the_page(tmp_path):
    opened = tmp_path / "opened"
    env = dict(os.environ, BROWSER=f"sh -c 'echo $0 > {opened}' %s")
    proc = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", "0", "--workers", "1", "--open"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    try:
        url = proc.stderr.readline().split("：", 1)[1].strip()
        end = time.monotonic() + 20
        # the shell creates the file before it writes the address into it: wait for the address
        while not (opened.exists() and opened.read_text().strip()) and time.monotonic() < end:
            time.sleep(0.1)
        assert opened.read_text().strip() == url
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)


def test_a_word_97_file_is_converted_under_the_workers_limits(web_server, tmp_path):
    from checker.read.convert import find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(DOCX)],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=120)
    doc = tmp_path / DOCX.with_suffix(".doc").name
    got = post(web_server, doc).json()
    assert got["ok"], got.get("error")
    assert got["summary"] == check_path(str(doc)).summary and "Word 97-2003" in got["html"]


def test_a_check_leaves_no_conversion_behind_in_its_worker(tmp_path):
    """The commented copy of a .doc reuses the conversion its check read (a per-process cache in
    checker/read/convert.py); in the web's worker that cache is emptied after each upload."""
    from checker.read import convert
    from checker.web import jobs

    soffice = convert.find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(DOCX)],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=120)
    jobs.init([], True)
    kind, value = jobs.run(("check", str(tmp_path), DOCX.with_suffix(".doc").name), 60)
    assert kind == "ok" and "docx" in value["downloads"]
    assert convert._RECENT == {}


def test_a_check_leaves_no_text_behind_in_the_segmenter(tmp_path):
    """The segmenter keeps its feature lookups (pairs of the text's characters, its words) from
    one text to the next; in the web's worker they are emptied after each upload."""
    from checker.segment import fastseg
    from checker.web import jobs

    (tmp_path / "r.txt").write_text(THIS_YEAR.read_text("utf-8").replace("法审", "仓库转移涉密文件法审"), encoding="utf-8")
    jobs.init([], True)
    fastseg.cut("仓库转移涉密文件")
    assert any("涉.密" in k for k in fastseg.model()._memo)
    kind, value = jobs.run(("check", str(tmp_path), "r.txt"), 60)
    assert kind == "ok" and len(fastseg.model()._memo) == 0


def test_a_port_in_use_is_one_line_of_chinese(capsys):
    from checker.cli import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"端口 {port} 已被占用" in err


def test_serve_help_is_chinese(capsys):
    from checker.cli import main

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "局域网" in out and "--max-size" in out and "--time-limit" in out and "--open" in out
