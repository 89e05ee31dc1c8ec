"""Property-based tests (Hypothesis) over the readers, normalize, segment and the rule loader,
and a quick run of the fuzz harness (tools/fuzz.py; `make fuzz` runs 10,000 inputs).

The properties: whatever the bytes, reading gives a Source or an InputError with a one-line
message, never another exception; whatever the text, the document keeps every character's input
line and its matching form has the same length; whatever a pack holds, loading it gives a rule
set or a RuleError with a one-line message."""

from __future__ import annotations

import importlib.util
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError, RuleError
from checker.evaluate import evaluate, load_rules
from checker.pipeline import load_source, load_text
from checker.read import read_bytes

from conftest import ROOT, SEEDS

QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHINESE = st.text(alphabet=st.sampled_from(list("一二三四五、（）()。，；：:?？!\n 　2024年法治政府建设报告主要举措和成效存在的不足原因下一年度安排局长书记合法审查??|#*-—")), max_size=400)


def _one_line(exc: Exception) -> bool:
    return "\n" not in str(exc) and str(exc).strip() != ""


@QUICK
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(["", ".txt", ".md", ".docx", ".pdf", ".html", ".doc", ".xlsx"]))
def test_any_bytes_read_or_refused_in_one_line(data, suffix):
    try:
        src = read_bytes(data, "x" + suffix, suffix)
    except InputError as exc:
        assert _one_line(exc)
        return
    assert len(src.lines) >= 1
    if src.locations is not None:
        assert len(src.locations) == len(src.lines)


def _zip_with(document_xml: bytes) -> bytes:
    from hostile import CT, RELS

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document_xml)
    return out.getvalue()


@QUICK
@given(st.binary(max_size=3000))
def test_any_document_xml_read_or_refused_in_one_line(xml):
    try:
        read_bytes(_zip_with(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                             + xml), "x.docx", ".docx")
    except InputError as exc:
        assert _one_line(exc)


@QUICK
@given(text=CHINESE)
def test_any_text_keeps_its_lines_and_offsets(text, rules):
    try:
        doc = load_text(text)
    except InputError:
        assert not text.strip()
        return
    assert len(doc.src) == len(doc.text) == len(doc.folded) == len(doc.plain)
    assert all(1 <= line <= text.count("\n") + 1 for line in doc.src)
    for a, b in doc.sentences:
        assert 0 <= a < b <= len(doc.text)
    results = evaluate(rules, doc)
    assert len(results) == len(rules.rules)
    assert all(r.status in ("pass", "warn", "fail", "skip") for r in results)


@QUICK
@given(cut=st.integers(min_value=0, max_value=20000), key=st.sampled_from(sorted(SEEDS)))
def test_any_cut_of_a_report_is_checked(cut, key, rules):
    text = SEEDS[key].read_text("utf-8")[:cut]
    try:
        doc = load_source(read_bytes(text.encode("utf-8"), f"{key}.txt", ".txt"))
    except InputError:
        return
    evaluate(rules, doc)


_YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(
        ["pack", "rules", "id", "title", "severity", "basis", "find", "decide", "status", "when", "match", "regex",
         "lexicon", "terms", "in", "part", "heading", "lexicons", "parts", "words", "place", "after"]), children, max_size=5),
    max_leaves=30)


@QUICK
@given(pack=st.dictionaries(st.sampled_from(["pack", "rules", "lexicons", "parts", "version"]), _YAML_VALUES, max_size=4))
def test_any_pack_loads_or_is_refused_in_one_line(pack, tmp_path_factory):
    import yaml

    p = tmp_path_factory.mktemp("pack") / "p.yaml"
    p.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    try:
        load_rules([p], bundled=False)
    except RuleError as exc:
        assert _one_line(exc)


def test_fuzz_harness_quick():
    """The harness of `make fuzz`, on 150 inputs: every input accounted for, no traceback, no
    internal error, no hang, nothing modified."""
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "tools" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    res = fuzz.run(150, seed=7, quiet=True)
    assert res["lines"] == 150 and res["read"] > 30
    assert (res["tracebacks"], res["internal_errors"], res["hangs"], res["modified"], res["stderr_lines_not_ours"]) == (0, 0, 0, 0, 0)
    assert res["exit_code"] in (2, 3)

