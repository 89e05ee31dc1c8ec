"""Names of the per-report files (--format pdf=DIR/): after the report, safe, unique."""

from __future__ import annotations

import os

from checker.report.paths import common_root, group_of, output_names, safe_name


def test_safe_names():
    assert safe_name("司法局2024年报告") == "司法局2024年报告"
    assert safe_name('a<b>c:d"e|f?g*h') == "a_b_c_d_e_f_g_h"
    assert safe_name("  .hidden. ") == "hidden"
    assert safe_name("CON") == "CON_" and safe_name("lpt1.txt") == "lpt1.txt_"
    assert safe_name("\x00\x01") == "报告" and safe_name("") == "报告"
    long = safe_name("长" * 200)
    assert len(long.encode("utf-8")) <= 180 and long == "长" * 60


def test_output_names_keep_the_sub_folders(tmp_path):
    paths = [str(tmp_path / "reports" / "区A" / "司法局.docx"), str(tmp_path / "reports" / "区B" / "司法局.pdf"),
             str(tmp_path / "reports" / "总.txt")]
    assert common_root(paths) == str(tmp_path / "reports")
    assert [group_of(p, common_root(paths)) for p in paths] == ["区A", "区B", ""]
    assert output_names(paths, ".pdf") == {paths[0]: "区A/司法局.pdf", paths[1]: "区B/司法局.pdf", paths[2]: "总.pdf"}


def test_output_names_are_unique_whatever_the_file_system():
    paths = ["r/a.docx", "r/a.pdf", "r/A.txt", "r/a.html", "r/汇总.txt"]
    names = output_names(paths, ".pdf", reserved=["汇总.pdf"])
    assert names == {"r/a.docx": "a.pdf", "r/a.pdf": "a.pdf.pdf", "r/A.txt": "A.txt.pdf", "r/a.html": "a.html.pdf",
                     "r/汇总.txt": "汇总.txt.pdf"}
    assert len({n.casefold() for n in names.values()}) == len(paths)
    # the same stem and extension in different case: numbered
    names = output_names(["r/x.TXT", "r/X.txt"], ".html")
    assert names == {"r/x.TXT": "x.html", "r/X.txt": "X.txt.html"}
    names = output_names(["r/x.txt", "r/X.txt", "r/x.Txt"], ".html")
    assert sorted(n.casefold() for n in names.values()) == sorted({n.casefold() for n in names.values()})
    assert os.sep not in "".join(names.values()) or os.sep == "/"
