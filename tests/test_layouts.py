"""The 公文 layout model on documents laid out as real ones are (fixtures/layouts/): 公文 with
版头, 主送机关, 附件说明, 附件, 盖章, 附注 and 版记; text copies of web pages of several kinds of
site; traditional-character copies made with OpenCC, some with conversion garbage.

Each document wraps the body of one of the five fixtures, so every rule but the layout-sensitive
ones must give the base fixture's verdict; the expected facts, verdicts and element lines were
written from what each document says (fixtures/layouts/manifest.yaml), not from fzcheck's output.
"""

from __future__ import annotations

import re

import pytest
import yaml

from checker.api import check_path

from conftest import FIXTURES, FORMAT_DEPENDENT, result

LAYOUTS = FIXTURES / "layouts"
MANIFEST = yaml.safe_load((LAYOUTS / "manifest.yaml").read_text("utf-8"))
FILES = MANIFEST["files"]
IDS = [f["file"].split("/")[-1].rsplit(".", 1)[0] for f in FILES]


def squash(s):
    return re.sub(r"\s+", "", s) if isinstance(s, str) else s


@pytest.fixture(scope="module")
def reports(rules):
    out = {}
    for f in FILES:
        out[f["file"]] = check_path(str(LAYOUTS / f["file"]), rules)
    return out


@pytest.fixture(scope="module")
def bases(rules):
    return {name: check_path(str(FIXTURES / name), rules) for name in {f["base"] for f in FILES}}


@pytest.mark.parametrize("entry", FILES, ids=IDS)
def test_fields(entry, reports):
    rep = reports[entry["file"]]
    doc = rep.document_dict()
    want = entry["expected"]
    title = want.get("title_simplified") and doc["title"] and squash(doc["title"]) != squash(want["title"])
    assert squash(doc["title"]) == squash(want["title"]) or title and squash(doc["title"]) == squash(want["title"])
    assert squash(doc["issuer"]) == squash(want["issuer"])
    assert doc["kind"] == want["issuer_kind"]
    assert doc["year"] == want["year"]
    assert doc["date"] == want["date"]
    assert doc["published"] == want["published"]
    assert squash(doc["doc_number"]) == squash(want["doc_number"])
    assert squash(doc["addressee"]) == squash(want["addressee"])
    assert [squash(a) for a in doc["attachments"]] == [squash(a) for a in want["attachments"]]


@pytest.mark.parametrize("entry", FILES, ids=IDS)
def test_verdicts(entry, reports, bases):
    rep = reports[entry["file"]]
    got = {r.id: r.status for r in rep.results}
    want = {rid: v["status"] for rid, v in entry["verdicts"].items()}
    assert {rid: got[rid] for rid in want} == want
    # every other rule gives the base fixture's verdict: the layout changed, not the report
    base = {r.id: r.status for r in bases[entry["base"]].results}
    others = {rid for rid in got if rid not in want and rid not in FORMAT_DEPENDENT}
    exceptions = {x["rule"]: x["status"] for x in entry.get("exceptions") or []}
    assert {rid: got[rid] for rid in others} == {rid: exceptions.get(rid, base[rid]) for rid in others}


@pytest.mark.parametrize("entry", FILES, ids=IDS)
def test_evidence_lines(entry, reports):
    """The title, 落款 and dates are quoted from the lines where the document has them."""
    rep = reports[entry["file"]]
    lines = entry["lines"]
    title = result(rep, "format.title")
    if title.status != "fail" and lines.get("title_lines"):
        assert title.evidence[0].line in lines["title_lines"]
    sig = result(rep, "format.signature")
    date_lines = [lines.get("date_line")] + list(lines.get("date_other_lines") or [])
    if entry["expected"]["date"] is not None:
        assert any(e.line in date_lines for e in sig.evidence if "成文日期" in e.text or re.search(r"\d{4}-\d\d-\d\d", e.text))
    form = result(rep, "format.date-form")
    if form.status in ("pass", "warn") and lines.get("date_line"):
        assert form.evidence[0].line == lines["date_line"]
    pub = result(rep, "format.publication")
    if pub.status != "skip":
        assert pub.evidence[0].line in [lines.get("published_line")] + list(lines.get("published_other_lines") or [])
