"""The shipped pkuseg model: loads offline from the package, segments report language to the
convention (docs/segmentation.md), and `fzcheck segment` gives back its input."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from checker.cli import main
from checker.segment import words

from conftest import ROOT

HELDOUT = sorted((ROOT / "data" / "segmenter" / "domain").glob("heldout-*.txt"))


def test_model_files_ship_inside_the_package():
    d = words.model_dir()
    assert (d / "features.msgpack").is_file() and (d / "weights.npz").is_file()
    assert "checker" in d.parts and "models" in d.parts
    size = sum(p.stat().st_size for p in d.iterdir())
    assert size < 20_000_000


def test_model_loads_with_the_network_unavailable(tmp_path):
    code = textwrap.dedent("""
        import socket
        def refuse(*a, **k):
            raise OSError("network disabled in this test")
        class NoNetwork(socket.socket):
            connect = connect_ex = refuse
        socket.socket = NoNetwork
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from checker.segment.words import segment_line
        print(" ".join(segment_line("深入学习贯彻习近平法治思想")))
    """)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PKUSEG_HOME": str(tmp_path / "pkuseg"),
           "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "习近平 法治 思想" in proc.stdout
    assert not (tmp_path / "pkuseg").exists()  # nothing downloaded or cached


def f1(gold_lines, pred_lines):
    def spans(tokens):
        out, pos = set(), 0
        for t in tokens:
            out.add((pos, pos + len(t)))
            pos += len(t)
        return out

    tp = n_gold = n_pred = 0
    for g, p in zip(gold_lines, pred_lines):
        gs, ps = spans(g), spans(p)
        tp += len(gs & ps)
        n_gold += len(gs)
        n_pred += len(ps)
    prec, rec = tp / n_pred, tp / n_gold
    return 2 * prec * rec / (prec + rec)


def test_heldout_report_sentences_f1_at_least_095():
    gold = [line.split() for f in HELDOUT for line in f.read_text("utf-8").splitlines() if line.strip()]
    assert len(gold) >= 150
    pred = [words.segment_line("".join(g)) for g in gold]
    assert all("".join(p) == "".join(g) for p, g in zip(pred, gold))
    assert f1(gold, pred) >= 0.95


@pytest.mark.parametrize("line,expected", [
    ("深入学习贯彻习近平法治思想", "深入 学习 贯彻 习近平 法治 思想"),
    ("严格履行党政主要负责人作为法治政府建设第一责任人职责", "严格 履行 党政 主要 负责人 作为 法治 政府 建设 第一 责任人 职责"),
    ("全面推行行政执法三项制度", "全面 推行 行政 执法 三 项 制度"),
])
def test_report_language_follows_the_convention(line, expected):
    assert " ".join(words.segment_line(line)) == expected


def test_segment_command_gives_back_each_line(capsys, tmp_path):
    text = "2023年，我局共办理行政复议案件12件。\n\n领导干部带头学法，年终述法。\n"
    p = tmp_path / "in.txt"
    p.write_text(text, encoding="utf-8")
    assert main(["segment", str(p)]) == 0
    out = capsys.readouterr().out.split("\n")[:-1]
    assert len(out) == 3 and out[1] == ""
    for got, want in zip(out, text.split("\n")):
        assert got.replace(" ", "") == want and "  " not in got
    assert "12 件" in out[0] and "2023年" in out[0].split()


def test_segment_reads_stdin():
    proc = subprocess.run([sys.executable, "-m", "checker", "segment"], input="我局全年开展普法活动6场。\n",
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.replace(" ", "") == "我局全年开展普法活动6场。\n"


def test_document_doc_is_one_spacy_doc_with_report_sentences():
    from checker.pipeline import load_text

    d = load_text("某局2023年法治政府建设年度报告\n一、主要举措和成效\n全年办理行政复议案件9件。领导干部带头学法。")
    doc = d.doc
    assert doc.text == d.text and doc is d.doc
    sents = [s.text.strip() for s in doc.sents]
    assert "全年办理行政复议案件9件。" in sents


def test_terms_match_wherever_the_segmenter_cuts(rules):
    from checker.api import check_text

    line = "严格执行重大执法决定法制审核制度。"
    assert "法制审核" not in words.segment_line(line)  # pkuseg cuts it: 法制 审核
    rep = check_text("某局2023年法治政府建设年度报告\n一、主要举措和成效\n" + line, rules, select=["content.three-systems"])
    assert "重大执法决定法制审核" in rep.results[0].message.split("缺少")[0]


def test_hand_segmented_data_follows_the_convention():
    files = sorted((ROOT / "data" / "segmenter" / "domain").glob("*.txt"))
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "segmenter" / "check_convention.py"), *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "0 violation(s)" in proc.stdout
