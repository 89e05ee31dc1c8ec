"""Word-processor files read through LibreOffice (.doc, .wps, .rtf, .odt and kin).

LibreOffice saves the five Word fixtures as .doc, .rtf and .odt at test time; fzcheck converts
each back and reads it with the .docx reader: the verdicts of the text, evidence at the
paragraphs and table rows of the .docx, the user's file left as it was. The sandbox is tested
with a stand-in soffice (time limit with the whole process group killed, bounded output, closed
stdin, no network, private HOME/TMPDIR, nothing left behind), so those tests run without
LibreOffice; the others are skipped where it is missing. A password-protected .doc is refused
as such (tests/data/password.doc, made by tools/format_fixtures/password_doc.sh).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import jsonschema
import pytest

from checker.api import check_document, check_path
from checker.errors import InputError
from checker.pipeline import load_source
from checker.read import OFD, convert, read_bytes, read_path, sniff

from conftest import FORMAT_DEPENDENT, ROOT, SEEDS, cli, result, text_verdicts

DOCX = {k: ROOT / "fixtures" / "formats" / "docx" / (p.stem + ".docx") for k, p in SEEDS.items()}
PASSWORD_DOC = ROOT / "tests" / "data" / "password.doc"
SOFFICE = convert.find_soffice()
NO_SOFFICE = "LibreOffice (soffice) is not installed: apt install libreoffice-writer-nogui"
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)

FORMATS = ("doc", "rtf", "odt")
# one fixture (004: Word's automatic 一、/（一） numbers, bold lead-ins) also as the templates and flat ODT
MORE = {"dot": "doc", "ott": "odt", "fodt": "odt"}


@pytest.fixture(scope="session")
def copies(tmp_path_factory):
    """{(ext, key): path} of LibreOffice's .doc/.rtf/.odt copies of the Word fixtures (one
    soffice run per format), and .dot/.ott/.fodt copies of 004."""
    if SOFFICE is None:
        pytest.skip(NO_SOFFICE)
    root = tmp_path_factory.mktemp("office")

    def save_as(ext: str) -> None:  # one soffice run a format, two at a time, each with its own profile
        keys = sorted(SEEDS) if ext in FORMATS else ["004"]
        subprocess.run([SOFFICE, f"-env:UserInstallation={(root / ('profile-' + ext)).as_uri()}", "--headless",
                        "--norestore", "--convert-to", ext, "--outdir", str(root / ext), *(str(DOCX[k]) for k in keys)],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
                       check=True)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(save_as, FORMATS + tuple(MORE)))
    out = {}
    for ext in FORMATS + tuple(MORE):
        for k in sorted(SEEDS) if ext in FORMATS else ["004"]:
            out[ext, k] = root / ext / (DOCX[k].stem + "." + ext)
            assert out[ext, k].is_file(), out[ext, k]
    return out


@pytest.fixture(scope="session")
def sources(copies):
    """Each copy read by fzcheck, two conversions at a time (they must not collide)."""
    with ThreadPoolExecutor(2) as pool:
        return dict(zip(copies, pool.map(read_path, copies.values())))


@pytest.fixture(scope="session")
def docx_reports(rules):
    return {k: check_path(str(p), rules) for k, p in DOCX.items()}


_LIST_NUMBER = re.compile(r"^((?:# |\*\*)?)(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、?])")


def _statuses(report):
    """Every verdict but those that depend on what the format can carry (conftest.FORMAT_DEPENDENT):
    a text file holds no tracked changes, a converted Word file does."""
    return text_verdicts(report)


# ---------------------------------------------------------------- the five reports in three formats

@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("key", sorted(SEEDS))
def test_copy_has_the_verdicts_of_the_text(ext, key, copies, sources, rules, seed_reports):
    source = sources[ext, key]
    assert source.format == ext and source.path == str(copies[ext, key])
    report = check_document(load_source(source), rules)
    assert report.document.source_format == ext
    assert _statuses(report) == _statuses(seed_reports[key])
    assert result(report, "format.revisions").status == "pass"  # a Word-like file: checked, and clean
    assert report.document.fields.title == seed_reports[key].document.fields.title
    assert report.document.fields.issuer == seed_reports[key].document.fields.issuer


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("key", sorted(SEEDS))
def test_lines_and_locations_are_those_of_the_word_file(ext, key, sources):
    """第N段 / 表T第R行 of a converted copy are those of the .docx it was saved from: LibreOffice
    keeps the body's paragraphs and tables one for one, so a location names the same paragraph
    in the .doc/.rtf/.odt as in Word."""
    got, want = sources[ext, key], read_path(DOCX[key])
    assert got.locations == want.locations
    if ext == "rtf":
        # LibreOffice's RTF export writes the text of a list level (the 、 of "一、", the （） of
        # "（一）") in the ANSI code page, unescaped: "一?", "(一)" (Word's RTF escapes them; the
        # .doc and .odt exports keep them). Compare the lines after such numbers.
        assert [_LIST_NUMBER.sub(r"\1", line) for line in got.lines] == [_LIST_NUMBER.sub(r"\1", line) for line in want.lines]
    else:
        assert got.lines == want.lines


@pytest.mark.parametrize("ext", ("doc", "odt"))
@pytest.mark.parametrize("key", sorted(SEEDS))
def test_evidence_is_that_of_the_word_file(ext, key, sources, rules, docx_reports):
    report = check_document(load_source(sources[ext, key]), rules)
    assert [[(e.location, e.text) for e in r.evidence] for r in report.results] == \
        [[(e.location, e.text) for e in r.evidence] for r in docx_reports[key].results]
    assert all(re.fullmatch(r"第\d+段|表\d+第\d+行", e.location)
               for r in report.results for e in r.evidence if e.location)


@needs_soffice
def test_a_location_names_the_paragraph_a_reader_finds(sources, rules):
    """001's 二、存在问题 is the 8th paragraph of the body in Word and in the .doc."""
    report = check_document(load_source(sources["doc", "001"]), rules)
    ev = next(r for r in report.results if r.id == "core.shortcomings").evidence[0]
    assert (ev.location, ev.text) == ("第8段", "二、存在问题")
    assert docx.Document(str(DOCX["001"])).paragraphs[7].text == "二、存在问题"


@needs_soffice
@pytest.mark.parametrize("ext", sorted(MORE))
def test_templates_and_flat_odt_are_read_too(ext, sources, rules, seed_reports):
    source = sources[ext, "004"]
    assert source.format == MORE[ext]
    report = check_document(load_source(source), rules)
    assert _statuses(report) == _statuses(seed_reports["004"])
    assert "**二、存在的问题和建议**" in source.lines  # Word's automatic number, through the template


@needs_soffice
def test_wps_file_is_read_as_wps(copies, tmp_path, rules, seed_reports):
    """LibreOffice cannot write .wps. A WPS Writer .wps is a Word 97 binary document in the old
    Office container, as a .doc is, so a .doc renamed .wps is the file the reader gets."""
    wps = tmp_path / "县交通运输局.wps"
    wps.write_bytes(copies["doc", "002"].read_bytes())
    source = read_path(wps)
    assert source.format == "wps" and source.path == str(wps)
    assert _statuses(check_document(load_source(source), rules)) == _statuses(seed_reports["002"])


@needs_soffice
def test_json_output_names_the_original_file_and_its_format(copies, capsys, result_schema_office):
    path = copies["odt", "003"]
    code, out, err = cli(capsys, "check", path, "--format", "json", "--fail-on", "never")
    data = json.loads(out)
    jsonschema.Draft202012Validator(result_schema_office).validate(data)
    rep = data["reports"][0]
    assert code == 0 and err == "" and rep["path"] == str(path) and rep["document"]["format"] == "odt"
    ev = next(r for r in rep["results"] if r["id"] == "core.leader-duties")["evidence"][0]
    n = int(ev["location"][1:-1])
    assert docx.Document(str(DOCX["003"])).paragraphs[n - 1].text.startswith("三、上一年度党政主要负责人")


@pytest.fixture(scope="session")
def result_schema_office():
    from importlib import resources

    return json.loads((resources.files("checker.report.schemas") / "fzcheck-result.schema.json").read_text("utf-8"))


@needs_soffice
def test_the_users_file_is_left_as_it_was(copies, tmp_path, capsys):
    """Only a copy is converted: the file is byte-identical afterwards, with the same time stamps,
    and LibreOffice leaves no lock file (.~lock.*#) or anything else beside it."""
    folder = tmp_path / "submissions"
    folder.mkdir()
    doc = folder / "报告.doc"
    doc.write_bytes(copies["doc", "000"].read_bytes())
    os.chmod(doc, 0o444)  # read-only, as on a share
    before = (hashlib.sha256(doc.read_bytes()).hexdigest(), doc.stat().st_mtime_ns, doc.stat().st_mode)
    code, out, err = cli(capsys, "check", doc, "--fail-on", "never")
    assert code == 0 and err == ""
    assert (hashlib.sha256(doc.read_bytes()).hexdigest(), doc.stat().st_mtime_ns, doc.stat().st_mode) == before
    assert sorted(p.name for p in folder.iterdir()) == ["报告.doc"]


@needs_soffice
def test_worker_processes_convert_side_by_side(copies, tmp_path, capsys, seed_reports):
    """--jobs 2: two workers run LibreOffice at once, each in its own sandbox."""
    folder = tmp_path / "in"
    folder.mkdir()
    for ext, key in (("doc", "000"), ("odt", "001"), ("rtf", "002"), ("doc", "004")):
        (folder / copies[ext, key].name).write_bytes(copies[ext, key].read_bytes())
    code, out, err = cli(capsys, "check", folder, "--format", "json", "--fail-on", "never", "--jobs", "2")
    data = json.loads(out)
    assert code == 0 and not data.get("errors")
    got = {Path(r["path"]).name[:3]: [(x["id"], x["status"]) for x in r["results"] if x["id"] not in FORMAT_DEPENDENT]
           for r in data["reports"]}
    assert got == {k: _statuses(seed_reports[k]) for k in ("000", "001", "002", "004")}


@needs_soffice
def test_a_damaged_odt_is_refused_in_one_line(copies, tmp_path, capsys):
    data = copies["odt", "000"].read_bytes()
    bad = tmp_path / "坏.odt"
    bad.write_bytes(data[: len(data) // 3])
    code, out, err = cli(capsys, "check", bad)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"fzcheck: error: {bad}: LibreOffice 无法读取此文件") and "另存为 .docx" in err


# ---------------------------------------------------------------- refusals that need no LibreOffice

def test_password_protected_doc_is_refused_as_such(capsys, tmp_path):
    """A real encrypted .doc (LibreOffice, password "secret"): refused before any conversion,
    under .doc and .wps alike."""
    for name in ("加密.doc", "加密.wps"):
        p = tmp_path / name
        p.write_bytes(PASSWORD_DOC.read_bytes())
        code, out, err = cli(capsys, "check", p)
        assert code == 2 and err.count("\n") == 1
        assert "是加密（设了打开密码）的 Office 文档" in err and "LibreOffice" not in err


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def test_opendocument_kinds_are_told_apart_by_their_mimetype():
    text = _zip([("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")])
    template = _zip([("mimetype", b"application/vnd.oasis.opendocument.text-template"), ("content.xml", b"<x/>")])
    sheet = _zip([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")])
    assert sniff(text, ".odt") == sniff(template, ".ott") == "odt"
    assert sniff(sheet, ".ods").startswith("!是 OpenDocument 电子表格")
    assert sniff(b"{\\rtf1\\ansi hello}", ".rtf") == "rtf"


def test_ofd_is_refused_with_the_way_to_a_pdf(capsys, tmp_path):
    """OFD (GB/T 33190) is not read (no well-kept offline reader; see the README): one line that
    says how to get a PDF, not "a ZIP archive"."""
    ofd = _zip([("OFD.xml", b'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
                            b'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                            b"</ofd:DocBody></ofd:OFD>"),
                ("Doc_0/Document.xml", b"<ofd:Document/>")])
    p = tmp_path / "公开.ofd"
    p.write_bytes(ofd)
    code, out, err = cli(capsys, "check", p)
    assert code == 2 and err.count("\n") == 1 and OFD in err and "ZIP" not in err
    # in a folder it is listed with that reason, not left out
    code, out, err = cli(capsys, "check", tmp_path, "--format", "json")
    assert [(e["path"], OFD in e["message"]) for e in json.loads(out)["errors"]] == [(str(p), True)]


# ---------------------------------------------------------------- the sandbox, with a stand-in soffice

RTF = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} \\f0 report \\par}"


def _fake_soffice(folder: Path, body: str) -> Path:
    """An executable `soffice` in folder running the sh script body; $out is the --outdir and
    $in the input file LibreOffice was given."""
    folder.mkdir(exist_ok=True)
    exe = folder / "soffice"
    exe.write_text("#!/bin/sh\n" + textwrap.dedent("""\
        for a in "$@"; do
            case "$prev" in --outdir) out="$a";; esac
            prev="$a"; in="$a"
        done
        """) + textwrap.dedent(body), "utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return exe


@pytest.fixture
def sandbox_tmp(tmp_path, monkeypatch):
    """Temporary files go to a folder of their own, which must be empty again afterwards; the
    stand-in soffice comes first on PATH."""
    if os.name != "posix":
        pytest.skip("the stand-in soffice is a shell script")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.delenv("FZCHECK_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    yield tmp
    assert list(tmp.iterdir()) == []  # the sandbox is always removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (not yet reaped by its parent) is dead too
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return True


def test_timeout_kills_the_whole_conversion_and_says_so(sandbox_tmp, tmp_path, monkeypatch, capsys):
    pids = tmp_path / "pids"
    _fake_soffice(tmp_path / "bin", f"""\
        sleep 60 &
        echo $$ $! > {pids}
        wait
        """)
    monkeypatch.setenv("FZCHECK_SOFFICE_TIMEOUT", "1")
    p = tmp_path / "slow.rtf"
    p.write_bytes(RTF)
    t = time.monotonic()
    code, out, err = cli(capsys, "check", p)
    assert time.monotonic() - t < 10
    assert code == 2 and err.count("\n") == 1 and "LibreOffice 转换超过 1 秒仍未完成，已终止" in err
    shell, child = map(int, pids.read_text().split())
    deadline = time.monotonic() + 5
    while (_alive(shell) or _alive(child)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(shell) and not _alive(child)  # the sleep it started is gone too


def test_missing_soffice_says_what_to_install(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("FZCHECK_SOFFICE", raising=False)
    monkeypatch.setattr(convert, "_KNOWN_LOCATIONS", ())
    for name, data in (("a.rtf", RTF), ("b.odt", _zip([("mimetype", b"application/vnd.oasis.opendocument.text")]))):
        p = tmp_path / name
        p.write_bytes(data)
        code, out, err = cli(capsys, "check", p)
        assert code == 2 and err == f"fzcheck: error: {p}: {convert.MISSING}\n"
        assert "apt install libreoffice-writer-nogui" in err
    with pytest.raises(InputError, match="^x.rtf: 需要 LibreOffice"):
        read_bytes(RTF, "x.rtf", ".rtf")


def test_output_is_bounded(sandbox_tmp, tmp_path, monkeypatch, capsys):
    _fake_soffice(tmp_path / "bin", """\
        mkdir -p "$out"
        head -c 300000 /dev/zero > "$out/input.docx"
        """)
    monkeypatch.setattr(convert, "MAX_OUTPUT", 100_000)
    convert.sandbox_prefix.cache_clear()
    try:
        with pytest.raises(InputError, match=r"^big\.rtf: 转换结果超过 .* MB，已放弃"):
            read_bytes(RTF, "big.rtf", ".rtf")
    finally:
        convert.sandbox_prefix.cache_clear()


def test_no_output_is_a_one_line_refusal(sandbox_tmp, tmp_path):
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\n")
    with pytest.raises(InputError, match=r"^x\.rtf: LibreOffice 无法读取此文件"):
        read_bytes(RTF, "x.rtf", ".rtf")


def test_what_the_conversion_sees(sandbox_tmp, tmp_path, capfd):
    """The stand-in records its surroundings: a copy of the input in a private 0700 folder, the
    profile, HOME and TMPDIR in it too, stdin closed, its own process group, no network where
    unshare works, the file-size limit where prlimit works; its stderr is not ours."""
    seen = tmp_path / "seen"
    _fake_soffice(tmp_path / "bin", f"""\
        {{
          echo "in=$in"
          for a in "$@"; do case "$a" in -env:UserInstallation=*) echo "profile=${{a#*=}}";; esac; done
          echo "home=$HOME"; echo "tmpdir=$TMPDIR"; echo "cwd=$(pwd)"
          echo "stdin=$(readlink /proc/self/fd/0)"
          echo "pgid=$(cut -d' ' -f5 /proc/$$/stat) pid=$$"
          echo "ifaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ,)"
          echo "fsize=$(grep 'Max file size' /proc/self/limits | awk '{{print $4}}')"
          echo "mode=$(stat -c %a "$(dirname "$in")")"
        }} > {seen}
        echo NOISE-FROM-SOFFICE >&2
        echo NOISE-ON-STDOUT
        """)
    original = tmp_path / "report.rtf"
    original.write_bytes(RTF)
    with pytest.raises(InputError):
        read_path(original)
    assert "NOISE" not in "".join(capfd.readouterr())
    got = dict(line.split("=", 1) for line in seen.read_text().splitlines() if "=" in line and " pid=" not in line)
    box = Path(got["in"]).parent
    assert box.parent == sandbox_tmp and box.name.startswith("fzcheck-soffice-") and got["mode"] == "700"
    assert Path(got["in"]).name == "input.rtf" and Path(got["in"]) != original
    assert got["profile"] == (box / "profile").as_uri()
    assert Path(got["home"]).parent == box and got["tmpdir"] == str(box) and got["cwd"] == str(box)
    assert got["stdin"] == "/dev/null"
    pg = next(line for line in seen.read_text().splitlines() if line.startswith("pgid="))
    pgid, pid = (int(x.split("=")[1]) for x in pg.split())
    assert pgid == pid  # a session and process group of its own, killed as one
    prefix = convert.sandbox_prefix()
    if any(p.endswith("unshare") for p in prefix):
        assert got["ifaces"] == "lo,"
    if any(p.endswith("prlimit") for p in prefix):
        assert int(got["fsize"]) == convert.MAX_OUTPUT
    if sys.platform.startswith("linux"):
        assert any(p.endswith("unshare") for p in prefix) or not _unshare_works()


def _unshare_works() -> bool:
    try:
        return subprocess.run(["unshare", "--map-root-user", "--net", "true"], capture_output=True).returncode == 0
    except OSError:
        return False
