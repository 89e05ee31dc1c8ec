"""Year on year (rules/50-compare.yaml, checker/compare/): the four pairs of fixtures/previous/
against the tables of its README (tests/prevpairs.py), the control, pairing by issuer, the
command line, the rule language's compare constructs."""

from __future__ import annotations

import json
import re

import pytest

from checker.api import check_document, check_path
from checker.compare import Comparison, pairing
from checker.errors import RuleError
from checker.evaluate import load_rules
from checker.pipeline import load_path, load_text
from conftest import FIXTURES, RULE_HEAD, SEEDS, cli, result
from prevpairs import SPEC

PREV = FIXTURES / "previous"
LAST = {"000": PREV / "000_prev_2023.txt", "001": PREV / "001_prev_2022.txt",
        "003": PREV / "003_prev_2023.txt", "004": PREV / "004_prev_2020.txt"}
CONTROL = PREV / "other_遂溪县交通运输局_2023.txt"
_PUNCT = re.compile(r"^[\W_]+$")


@pytest.fixture(scope="module")
def docs():
    out = {k: load_path(str(p)) for k, p in SEEDS.items()}
    out.update({f"{k}p": load_path(str(p)) for k, p in LAST.items()})
    out["ctl"] = load_path(str(CONTROL))
    return out


@pytest.fixture(scope="module")
def pairs(rules):
    """Each pair checked with its previous report: compare.* results by rule id."""
    out = {}
    for k, last in LAST.items():
        rep = check_path(str(SEEDS[k]), rules, previous=str(last), select=["compare"])
        out[k] = {r.id: r for r in rep.results}
    return out


def span(doc, quote, end_quote=None):
    """Where a quote of the README (white space ignored) is in Document.text."""
    flat = [(c, i) for i, c in enumerate(doc.text) if not c.isspace()]
    s = "".join(c for c, _ in flat)
    q = re.sub(r"\s", "", quote)
    k = s.find(q)
    assert k >= 0, quote
    if end_quote is None:
        return flat[k][1], flat[k + len(q) - 1][1] + 1
    e = re.sub(r"\s", "", end_quote)
    j = s.index(e, k) + len(e)
    return flat[k][1], flat[j - 1][1] + 1


def counted(doc, a, b):
    return [k for k in range(a, b) if not doc.text[k].isspace() and not _PUNCT.match(doc.text[k])]


def carried(rec):
    return {k for p in rec.passages for a, b in p.carried for k in range(a, b)}


# ---------------------------------------------------------------- compare.recycled-text

@pytest.mark.parametrize("key,status,lo,hi", [
    ("000", "fail", 0.30, 0.45),  # the heavy copier: about 44 % of characters by the README
    ("003", "warn", 0.20, 0.30),
    ("004", "warn", 0.20, 0.30),
    ("001", "pass", 0.02, 0.08),  # rewritten but for a few items
])
def test_recycled_share_and_verdict(pairs, docs, key, status, lo, hi):
    r = pairs[key]["compare.recycled-text"]
    rec = Comparison(docs[key], docs[f"{key}p"]).recycled()
    assert r.status == status and lo <= rec.share < hi, (r.message, rec.share)
    assert f"{round(100 * rec.share)}%" in r.message and LAST[key].name in r.message


# the longest passage: (this year's first and last line, last year's first and last line, how it starts)
LONGEST = {
    "000": (13, 20, 13, 20, "(三)严格履行党政主要负责人作为法治政府建设第一责任人职责"),
    "003": (7, 11, 7, 9, "一、上一年度推进法治政府建设的主要举措和成效"),
    "004": (9, 9, 9, 9, "一是落实执法责任的关键在于落实普法责任"),
    "001": (6, 6, 6, 6, "列入年度法治工作及普法依法治理工作要点。持续推进"),
}


@pytest.mark.parametrize("key", list(LONGEST))
def test_longest_passage_is_the_first_evidence_with_its_place_in_both_years(pairs, docs, key):
    t0, t1, l0, l1, start = LONGEST[key]
    rec = Comparison(docs[key], docs[f"{key}p"]).recycled()
    p = rec.passages[0]
    this, last = docs[key], docs[f"{key}p"]
    assert (this.line_of(p.this_span[0]), this.line_of(p.this_span[1] - 1)) == (t0, t1)
    assert (last.line_of(p.last_span[0]), last.line_of(p.last_span[1] - 1)) == (l0, l1)
    e = pairs[key]["compare.recycled-text"].evidence[0]
    assert e.line == t0 and e.text.startswith(start)
    assert e.previous.line == l0 and e.previous.path == str(LAST[key]) and e.previous.text.startswith(start[:10])
    assert f"上年报告第{l0}" in e.note


def test_a_carried_passage_with_its_figures_changed_is_one_passage(docs):
    """004 B4: 典型案例4篇 ← 3篇 inside 157 identical characters: one passage, the figure with it."""
    rec = Comparison(docs["004"], docs["004p"]).recycled()
    a, b = span(docs["004"], "一是落实执法责任的关键在于落实普法责任", "强化执法人员法治意识；")
    p = rec.passages[0]
    assert p.this_span[0] == a and p.this_span[1] >= b - 1
    four = docs["004"].text.index("典型案例4篇")
    assert any(x <= four + 4 < y for x, y in p.carried)


@pytest.mark.parametrize("key", ["000", "003", "004", "001"])
def test_passages_carried_over_are_found(docs, key):
    """Every passage of 60 characters or more that the README says is carried over (A: word for
    word, B: with figures or a clause changed) is found in part, and together at least half of
    their characters (the standard phrases inside them do not count, by design: 001's A3 is the
    regulation's heading and the leader's standard sentences)."""
    this = docs[key]
    cov = carried(Comparison(this, docs[f"{key}p"]).recycled())
    found = total = 0
    for row in SPEC[key]["A"] + SPEC[key]["B"]:
        a, b = span(this, row[0], row[1])
        chars = [k for k in counted(this, a, b) if any(x <= k < y for x, y in this.regions["body"])]
        if len(chars) >= 60:
            hit = sum(1 for k in chars if k in cov)
            assert hit / len(chars) >= 0.2, (row[0], hit / len(chars))
            found, total = found + hit, total + len(chars)
    assert found / total >= 0.5, found / total


@pytest.mark.parametrize("key", ["000", "003", "004", "001"])
def test_a_reworded_sentence_does_not_count(docs, key):
    """The README's C rows (the same content in other words): no character of the reworded
    sentence is carried over, in this year's report nor in last year's."""
    this, last = docs[key], docs[f"{key}p"]
    rec = Comparison(this, last).recycled()
    cov = carried(rec)
    for this_quote, last_quote, _ in SPEC[key]["C"]:
        a, b = span(this, this_quote)
        s0, s1 = this.sentence_at(b - 1)  # the sentence the reworded words are in
        assert not [k for k in counted(this, s0, s1) if k in cov], this.text[s0:s1]
        a, b = span(last, last_quote)
        l0, l1 = last.sentence_at(b - 1)
        assert not any(p.last_span[0] < l1 and l0 < p.last_span[1] for p in rec.passages
                       if last.text[max(p.last_span[0], l0):min(p.last_span[1], l1)].strip(" ，,。")), last.text[l0:l1]


@pytest.mark.parametrize("key", ["000", "003", "004", "001"])
def test_a_shared_standard_phrase_does_not_count(docs, key):
    """The standard phrases both years use, where they stand outside a carried-over passage of
    the README: none of their characters is counted as carried over."""
    this = docs[key]
    cov = carried(Comparison(this, docs[f"{key}p"]).recycled())
    inside = [span(this, row[0], row[1]) for row in SPEC[key]["A"] + SPEC[key]["B"]]
    checked = 0
    for phrase in SPEC[key]["STD"]:
        for m in re.finditer(re.escape(phrase.replace("(", "（").replace(")", "）")) + "|" + re.escape(phrase), this.text):
            if any(a <= m.start() < b for a, b in inside):
                continue
            checked += 1
            assert not [k for k in range(m.start(), m.end()) if k in cov], (phrase, this.line_of(m.start()))
    assert checked >= 3


def test_the_standard_phrases_are_read_from_the_shipped_list():
    from checker.compare import boilerplate
    from checker.compare.tokens import sentence_tokens

    def words(text):
        return tuple(t.norm for t in sentence_tokens(text, 0, len(text)))

    grams = boilerplate.standard(6)
    # the three systems as 000 writes them, shared with other issuers: standard
    three = words("全面落实行政执法公示制度、执法全过程记录制度、重大行政执法决定法制审核制度")
    assert any(three[k:k + 6] in grams for k in range(len(three) - 5))
    # 000's own 坡头区交通运输局领导班子学法计划 is nobody else's
    own = words("制定《湛江市坡头区交通运输局领导班子学法计划》")
    assert not any(own[k:k + 6] in grams for k in range(len(own) - 5))
    assert len(boilerplate.phrases()) > 300 and all(len(p) >= boilerplate.MIN_TOKENS for p in boilerplate.phrases())


@pytest.mark.parametrize("other", ["000", "001", "002", "003", "004", "000p", "001p", "003p", "004p"])
def test_the_control_is_not_similar_to_any_report(docs, other):
    """Another bureau (same city as 000, same year as 000's last year): nothing carried either way."""
    for a, b in ((docs["ctl"], docs[other]), (docs[other], docs["ctl"])):
        assert Comparison(a, b).recycled().passages == []


def test_the_control_is_not_similar_with_standard_phrases_it_did_not_teach(docs):
    """The shipped list of standard phrases is built with the control among its sources; built
    without it, the control still shares next to nothing with any report (the highest: 1 % of
    000's last year's body, both 湛江)."""
    import importlib.util

    from checker.compare import boilerplate, recycled

    spec = importlib.util.spec_from_file_location("compare_boilerplate", FIXTURES.parent / "tools" / "compare_boilerplate.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    phrases, n_docs, _ = tool.build(leave_out=(CONTROL.name,))
    assert n_docs == 26
    standard = boilerplate.ngrams(phrases, 5)
    for other in ("000", "001", "002", "003", "004", "000p", "001p", "003p", "004p"):
        for a, b in ((docs["ctl"], docs[other]), (docs[other], docs["ctl"])):
            assert recycled.compare_docs(a, b, standard).share < 0.02, other


def test_the_control_as_previous_report_passes(rules):
    rep = check_path(str(SEEDS["000"]), rules, previous=str(CONTROL), select=["compare.recycled-text"])
    r = rep.results[0]
    assert r.status == "pass" and "0%" in r.message
    assert r.evidence[0].line is None and r.evidence[0].text.startswith("未找到")


def test_two_fixtures_of_different_issuers_are_not_similar(docs):
    keys = ["000", "001", "002", "003", "004"]
    for a in keys:
        for b in keys:
            if a != b:
                assert Comparison(docs[a], docs[b]).recycled().share < 0.01, (a, b)


# ---------------------------------------------------------------- compare.shortcomings-followed

def fates(key, kind):
    return {row[0]: row for row in SPEC[key][kind]}


@pytest.mark.parametrize("key", ["000", "003", "004", "001"])
def test_shortcomings_repeated_with_nothing_done_are_named(pairs, key):
    r = pairs[key]["compare.shortcomings-followed"]
    assert r.status == "warn"
    rows = SPEC[key]["S"]
    repeated = [row for row in rows if row[1] == "repeated, nothing done"]
    taken = [row for row in rows if row[1] in ("taken up", "repeated and taken up")]
    assert len(repeated) == 1 and "有1项本年再次列出" in r.message and f"列出的{len(rows)}项不足" in r.message
    ev = r.evidence
    assert len(ev) == len(repeated) + len(taken)
    # first the repeated one: this year's repetition, last year's item
    e = ev[0]
    assert repeated[0][0] in e.previous.text and re.sub(r"\s", "", repeated[0][2])[:8] in re.sub(r"\s", "", e.text)
    assert "本年举措中未见" in e.note
    # then those taken up: this year's measure, last year's item
    for e, row in zip(ev[1:], taken):
        assert row[0] in e.previous.text and e.line is not None
    names = re.findall(r"“([^”]+)”", r.message.split("：", 1)[1])
    assert len(names) == 1 and names[0] in repeated[0][0]


# this year's line of each shortcoming taken up (README "this line"; 000 S3: the rule quotes line 21,
# 严格实行“双随机”检查监督机制和“双公示”信息监督机制, which reports on the 双公示 too)
TAKEN_UP_LINES = {"000": [12, 21], "003": [15, 15], "004": [13, 10], "001": [6, 6]}


@pytest.mark.parametrize("key", list(TAKEN_UP_LINES))
def test_shortcomings_taken_up_with_evidence_from_both_years(pairs, key):
    ev = pairs[key]["compare.shortcomings-followed"].evidence[1:]
    assert [e.line for e in ev] == TAKEN_UP_LINES[key]
    assert all(e.previous.line and "上年不足（上年报告第" in e.note for e in ev)


def test_a_shortcoming_repeated_and_taken_up_is_not_named(pairs):
    """003 S2: listed again (（一）执法文书制作质量不优) but dealt with (二是开展案卷评查)."""
    r = pairs["003"]["compare.shortcomings-followed"]
    assert "执法案卷质量有待提高" not in r.message.split("：", 1)[1]
    e = next(e for e in r.evidence if "执法案卷质量有待提高" in e.note)
    assert "本年不足中再次列出" in e.note and e.text.startswith("二是开展案卷评查")


def test_the_nearest_measure_does_not_take_a_shortcoming_up(pairs):
    """000 S1 执法力量不足: 组织1名干部参加执法考试 is about licences, not staff; 001 S3: 每周必须下沉执法
    至少一天 adds hours, not people. Both stay named."""
    assert "“执法力量不足”" in pairs["000"]["compare.shortcomings-followed"].message
    assert "“执法队伍结构性矛盾突出”" in pairs["001"]["compare.shortcomings-followed"].message


# ---------------------------------------------------------------- compare.plan-followed

# the dropped plan items, and this year's plan line where one is promised again (None: nowhere)
DROPPED = {
    "000": [("四要发挥法律顾问作用", 30), ("五要开展执法案卷评查", None)],
    "003": [("（一）创新普法宣传方式。", None), ("（四）落实提升行政执法质量三年行动。", 43)],
    "004": [("（六）推进交通运输信用体系建设。", None), ("（七）积极开展法治政府建设示范创建。", None)],
    "001": [("(四)建设执法实训基地。", None), ("(六)推进行政执法与检察监督衔接。", None)],
}


@pytest.mark.parametrize("key", list(DROPPED))
def test_plan_items_without_counterpart_are_named(pairs, key):
    r = pairs[key]["compare.plan-followed"]
    rows = SPEC[key]["P"]
    assert r.status == "warn" and f"安排的{len(rows)}项工作中，有2项" in r.message
    dropped = [e for e in r.evidence if "本年举措中未见" in e.note]
    assert [(next(q for q, _ in DROPPED[key] if q in e.previous.text), e.line) for e in dropped] == DROPPED[key]
    assert [row[0] for row in rows if row[1] == "dropped"] == [q for q, _ in DROPPED[key]]


def test_a_plan_promised_again_is_still_not_a_measure(pairs):
    """000 P4 is in this year's plan again (积极推动法律顾问制度落实, line 30): named, with that line."""
    r = pairs["000"]["compare.plan-followed"]
    assert "“发挥法律顾问作用”" in r.message
    e = next(e for e in r.evidence if "发挥法律顾问作用" in e.note)
    assert e.line == 30 and "又列入本年的下一年度安排" in e.note and e.section.startswith("三、下一步工作计划")


# this year's line of each fulfilled plan item (000 P3: line 21, the 双公示 sentence the rule finds
# first; 000 P6: line 8, the 学法计划 of the leadership, which the README's line 5 also reports)
FULFILLED_LINES = {"000": [9, 12, 21, 8], "003": [15, 17, 19], "004": [8, 9, 10, 11, 13], "001": [6, 6, 6, 6]}


@pytest.mark.parametrize("key", list(FULFILLED_LINES))
def test_plan_items_fulfilled_with_their_counterpart(pairs, key):
    ev = [e for e in pairs[key]["compare.plan-followed"].evidence if e.note.startswith("上年安排（上年报告")
          and "未见" not in e.note]
    assert [e.line for e in ev][:len(FULFILLED_LINES[key])] == FULFILLED_LINES[key][:len(ev)]
    fulfilled = [row for row in SPEC[key]["P"] if row[1] == "fulfilled"]
    assert len(ev) == min(len(fulfilled), 6 - 2)  # evidence_limit 6: the two dropped come first


def test_plan_fulfilled_counterparts_of_001(docs, rules):
    """The fulfilled ones of 001, all on its one line: the counterpart sentences themselves."""
    from checker.evaluate.engine import Evaluation

    rule = next(r for r in rules.rules if r["id"] == "compare.plan-followed")
    ev = Evaluation(rules, docs["001"], docs["001p"])
    hits = ev.find(rule["find"]["matched"], rule["compare"])
    got = [h.text[:12] for h in hits]
    assert got == ["制定《城市轨道交通管理立", "二是推动非现场执法。", "四是推进案件“繁简分流”", "“出租车矛盾调解中心”示"]


# ---------------------------------------------------------------- compare.figures

# the README's identical figures: (this year's line, the figure, last year's line)
SAME_FIGURES = {"000": {(9, "100%", 9), (24, "352个", 24)}, "003": {(13, "32块", 11), (17, "100%", 13)},
                "004": {(8, "6场次", 8), (10, "7个", 10)}, "001": {(6, "21支", 6), (6, "4次", 6)}}


@pytest.mark.parametrize("key", list(SAME_FIGURES))
def test_identical_figures_under_the_same_label(pairs, key):
    r = pairs[key]["compare.figures"]
    assert len([row for row in SPEC[key]["F"] if row[3]]) == 2
    assert r.status == "warn" and r.message.startswith("有2项数据")
    got = {(e.line, e.note.split("同为")[1], e.previous.line) for e in r.evidence}
    assert got == SAME_FIGURES[key]
    for e in r.evidence:  # the clause of the figure in both years, with the figure
        figure = e.note.split("同为")[1]
        assert figure in e.text.replace(" ", "") and figure in e.previous.text.replace(" ", "")


def test_figures_changed_under_the_same_label_are_not_named(pairs, docs, rules):
    """000: 查处违法案件389宗 / 查处416宗违法案件 (the label before the figure one year, after it the
    other) and the other changed figures of the README are under the same label but not named."""
    from checker.evaluate.engine import Evaluation

    assert "416" not in pairs["000"]["compare.figures"].message
    rule = next(r for r in rules.rules if r["id"] == "compare.figures")
    ev = Evaluation(rules, docs["000"], docs["000p"])
    changed = {h.note.split("为")[-1]: docs["000"].text[h.start:h.end]
               for h in ev.find({"compare": "figures-changed"}, rule["compare"])}
    assert changed["389宗"] == "416宗" and changed["3名"] == "1名" and changed["6513.4吨"] == "7792.6吨"
    readme = {row[1] for row in SPEC["000"]["F"] if not row[3]}
    assert len(changed) >= len(readme) - 1


# ---------------------------------------------------------------- skip without a previous report

def test_without_a_previous_report_the_compare_rules_are_skip(seed_reports):
    for rep in seed_reports.values():
        for rid in ("compare.recycled-text", "compare.shortcomings-followed", "compare.plan-followed", "compare.figures"):
            r = result(rep, rid)
            assert r.status == "skip" and "上一年度的报告" in r.message and not r.evidence


# ---------------------------------------------------------------- pairing

@pytest.mark.parametrize("a,b,agree", [
    ("坡头区交通运输局", "湛江市坡头区交通运输局", True),
    ("湛江市交通运输局", "湛江市坡头区交通运输局", False),  # the city's bureau is not the district's
    ("坡头区交通运输局", "遂溪县交通运输局", False),  # two counties of one city
    ("昌吉州交通运输局", "昌吉回族自治州交通运输局", True),
    ("中共汨罗市交通运输局党组", "汨罗市交通运输局", True),
    ("黔东南苗族侗族自治州交通运输局", "贵州省黔东南州交通运输局", True),
    ("温州市交通运输局", "温州市市场监督管理局", False),
    ("坡头区市场监督管理局", "湛江市坡头区市场监督管理局", True),
    ("坡头区人民政府", "湛江市坡头区政府", True),
    ("交通运输局", "坡头区交通运输局", False),  # no division: nobody
])
def test_issuer_names_agree(a, b, agree):
    ka, kb = pairing.key(a), pairing.key(b)
    assert bool(ka and kb and ka.agrees(kb)) == agree, (ka, kb)


def test_kinds_must_agree():
    gov = pairing.Identity("a", 2024, "government", (pairing.key("坡头区人民政府"),))
    dept = pairing.Identity("b", 2023, "department", (pairing.key("坡头区人民政府"),))
    assert not gov.agrees(dept)


def test_a_report_without_issuer_is_identified_from_its_body(docs):
    """003: no name in the title, the opening says 市交通运输局; 中共汨罗市交通运输局党组 in line 35."""
    ident = pairing.identity(docs["003"])
    assert ident.source == "body" and ident.names == ("汨罗市交通运输局",)
    # 004 names 昌吉回族自治州人民政府办公室 first, but its title names itself
    assert pairing.identity(docs["004"]).names == ("昌吉州交通运输局",)


def test_folder_pairs_by_issuer_and_year(docs):
    got = pairing.pair([pairing.identity(d) for d in docs.values()])
    assert {k.split("/")[-1]: v.split("/")[-1] for k, v in got.items()} == {
        SEEDS["000"].name: "000_prev_2023.txt", SEEDS["001"].name: "001_prev_2022.txt",
        SEEDS["003"].name: "003_prev_2023.txt", SEEDS["004"].name: "004_prev_2020.txt"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_run_pairs_the_reports_and_skips_the_others(capsys, tmp_path, jobs):
    for p in list(SEEDS.values()) + list(LAST.values()) + [CONTROL]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    code, out, _ = cli(capsys, "check", tmp_path, "--select", "compare", "--format", "json", "--fail-on", "never",
                       "--jobs", jobs)
    data = json.loads(out)
    got = {r["path"].split("/")[-1]: ((r.get("previous") or {}).get("path", "").split("/")[-1],
                                      [x["status"] for x in r["results"]]) for r in data["reports"]}
    assert got[SEEDS["000"].name] == ("000_prev_2023.txt", ["fail", "warn", "warn", "warn"])
    assert got[SEEDS["003"].name] == ("003_prev_2023.txt", ["warn", "warn", "warn", "warn"])
    assert got[SEEDS["004"].name] == ("004_prev_2020.txt", ["warn", "warn", "warn", "warn"])
    assert got[SEEDS["001"].name] == ("001_prev_2022.txt", ["pass", "warn", "warn", "warn"])
    for name in ("000_prev_2023.txt", "003_prev_2023.txt", "004_prev_2020.txt", "001_prev_2022.txt", CONTROL.name,
                 SEEDS["002"].name):
        assert got[name] == ("", ["skip"] * 4), name
    prev = next(r for r in data["reports"] if r["path"].endswith(SEEDS["000"].name))["previous"]
    assert prev["year"] == 2023 and prev["issuer"] == "坡头区交通运输局"


def test_a_paired_folder_run_gives_what_previous_gives(capsys, tmp_path):
    """Every rule: the first pass's results with the compare rules checked again beside last
    year's report are the results of checking the report with --previous."""
    for p in (SEEDS["000"], LAST["000"], SEEDS["002"]):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    _, out, _ = cli(capsys, "check", tmp_path, "--format", "json", "--fail-on", "never", "--jobs", "2")
    folder = {r["path"].split("/")[-1]: r for r in json.loads(out)["reports"]}
    _, out, _ = cli(capsys, "check", tmp_path / SEEDS["000"].name, "--previous", tmp_path / LAST["000"].name,
                    "--format", "json", "--fail-on", "never")
    alone = json.loads(out)["reports"][0]
    got = folder[SEEDS["000"].name]
    assert got["results"] == alone["results"] and got["summary"] == alone["summary"]
    assert got["previous"] == alone["previous"] and got["previous"]["year"] == 2023
    assert {r["id"]: r["status"] for r in got["results"]}["compare.recycled-text"] == "fail"
    assert "previous" not in folder[SEEDS["002"].name]


def test_no_pairing_when_no_compare_rule_runs(capsys, tmp_path, monkeypatch):
    for p in (SEEDS["000"], LAST["000"]):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    called = []
    monkeypatch.setattr(pairing, "pair", lambda *a, **k: called.append(1) or {})
    cli(capsys, "check", tmp_path, "--ignore", "compare", "--fail-on", "never")
    assert called == []
    cli(capsys, "check", tmp_path, "--select", "compare", "--fail-on", "never")
    assert called == [1]


# ---------------------------------------------------------------- command line

def test_previous_option_compares_one_report(capsys):
    code, out, err = cli(capsys, "check", SEEDS["000"], "--previous", LAST["000"], "--format", "json", "--fail-on", "never")
    rep = json.loads(out)["reports"][0]
    assert code == 0 and not err and rep["previous"]["path"] == str(LAST["000"])
    got = {r["id"]: r["status"] for r in rep["results"] if r["id"].startswith("compare.")}
    assert got == {"compare.recycled-text": "fail", "compare.shortcomings-followed": "warn",
                   "compare.plan-followed": "warn", "compare.figures": "warn"}
    ev = next(r for r in rep["results"] if r["id"] == "compare.recycled-text")["evidence"][0]
    assert ev["line"] == 13 and ev["previous"]["line"] == 13 and ev["previous"]["path"] == str(LAST["000"])


def test_the_table_names_the_previous_report(capsys):
    code, out, _ = cli(capsys, "check", SEEDS["004"], "--previous", LAST["004"], "--select", "compare", "--fail-on", "never")
    assert f"对照上年报告：{LAST['004']}（2020年）" in out and "与上年报告第9行相同" in out


@pytest.mark.parametrize("args,message", [
    (["--previous", "nowhere.txt"], "--previous nowhere.txt: 没有这个文件"),
    (["--previous", str(SEEDS["000"])], "--previous: 就是正在检查的报告"),
    (["--previous", str(PREV)], "是文件夹；请给出上一年度的报告文件"),
    ([str(SEEDS["001"]), "--previous", str(LAST["000"])], "--previous: 只用于检查一份报告"),
])
def test_previous_option_errors(capsys, args, message):
    code, out, err = cli(capsys, "check", SEEDS["000"], *args)
    assert code == 2 and err.count("\n") == 1 and message in err and "Traceback" not in err


def test_previous_report_that_cannot_be_read(capsys, tmp_path):
    bad = tmp_path / "last.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = cli(capsys, "check", SEEDS["000"], "--previous", bad)
    assert code == 2 and err.startswith("fzcheck: error: --previous ") and err.count("\n") == 1


def test_previous_is_not_modified(capsys):
    before = LAST["003"].read_bytes()
    cli(capsys, "check", SEEDS["003"], "--previous", LAST["003"], "--fail-on", "never")
    assert LAST["003"].read_bytes() == before


# ---------------------------------------------------------------- the rule language

PAIR_PACK = RULE_HEAD.replace("id: t.rule", "id: t.copied") + """\
    applies: {previous: true}
    compare: {ngram: 5, min_words: 6}
    find:
      carried: {label: 相同段落, compare: recycled}
    decide:
      - {status: fail, when: {share: carried, min: 0.5}, message: '雷同{share[carried]}', hint: 改写}
      - {status: pass, message: '雷同{share[carried]}（{previous}）'}
"""
THIS = "XX县交通运输局2024年法治政府建设年度报告\n一、主要举措\n我局全年组织执法人员开展路政巡查共计一百余次，及时清理公路两侧堆积物和违法建筑，保障了辖区公路安全畅通。\n"
LAST_TEXT = "XX县交通运输局2023年法治政府建设年度报告\n一、主要举措\n我局全年组织执法人员开展路政巡查共计一百余次，及时清理公路两侧堆积物和违法建筑，保障了辖区公路安全畅通。\n"


def test_share_condition_and_variables(tmp_path):
    f = tmp_path / "t.yaml"
    f.write_text(PAIR_PACK, encoding="utf-8")
    rs = load_rules([f], bundled=False, trust=False)
    rep = check_document(load_text(THIS, "this.txt"), rs, previous=load_text(LAST_TEXT, "last.txt"))
    r = rep.results[0]
    assert r.status == "fail" and r.message == "雷同100%" and r.evidence[0].previous.line == 2
    assert r.evidence[0].text.startswith("一、主要举措") and r.evidence[0].previous.path == "last.txt"
    other = "XX县交通运输局2023年法治政府建设年度报告\n一、主要举措\n今年我局把重心放在农村公路建设上，新改建道路三十公里。\n"
    r = check_document(load_text(THIS, "this.txt"), rs, previous=load_text(other, "other.txt")).results[0]
    assert r.status == "pass" and r.message == "雷同0%（other.txt，2023年）"
    r = check_document(load_text(THIS, "this.txt"), rs).results[0]
    assert r.status == "skip"


@pytest.mark.parametrize("change,error", [
    ("when: {share: carried, min: 0.5}", None),
    ("when: {share: carried, min: 50}", "比例是 0 到 1 之间的小数"),
    ("when: {count: carried, min: 0.5}", "命中次数是整数"),
])
def test_share_condition_is_checked(tmp_path, change, error):
    f = tmp_path / "t.yaml"
    f.write_text(PAIR_PACK.replace("when: {share: carried, min: 0.5}", change), encoding="utf-8")
    if error is None:
        load_rules([f], bundled=False, trust=False)
    else:
        with pytest.raises(RuleError, match=error):
            load_rules([f], bundled=False, trust=False)


def test_share_of_a_finding_that_is_not_recycled(tmp_path):
    f = tmp_path / "t.yaml"
    f.write_text(PAIR_PACK.replace("compare: recycled}", "match: {term: 巡查}}")
                 .replace("    compare: {ngram: 5, min_words: 6}\n", ""), encoding="utf-8")
    with pytest.raises(RuleError, match="规则 t.copied 的字段 decide\\[0\\].when.share：发现“carried”不是 compare: recycled 的发现"):
        load_rules([f], bundled=False, trust=False)


@pytest.mark.parametrize("settings,error", [
    ("compare: {framing: nowhere}", "compare.framing：没有名为“nowhere”的词表"),
    ("compare: {measures: [nowhere]}", "compare.measures：没有名为“nowhere”的部分"),
    ("compare: {ngram: 2}", "compare.ngram：2 超出范围（至少 3）"),
])
def test_compare_settings_are_checked(tmp_path, settings, error):
    f = tmp_path / "t.yaml"
    f.write_text(PAIR_PACK.replace("compare: {ngram: 5, min_words: 6}", settings), encoding="utf-8")
    with pytest.raises(RuleError, match=re.escape(error)):
        load_rules([f], bundled=False, trust=False)


@pytest.mark.parametrize("kind,when,error", [
    ("figures-identical", "carried", "figures-identical 需要规则里的 compare.figures"),
    ("shortcomings-repeated", "carried", "shortcomings-repeated 需要“shortcomings”部分"),
    ("copied", None, "find.carried"),  # no such kind
])
def test_a_compare_finding_needs_what_its_kind_reads(tmp_path, kind, when, error):
    text = PAIR_PACK.replace("compare: recycled}", f"compare: {kind}}}")
    if when:
        text = text.replace("when: {share: carried, min: 0.5}", f"when: {when}")
    f = tmp_path / "t.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=re.escape(error)):
        load_rules([f], bundled=False, trust=False)


# ---------------------------------------------------------------- every output carries them

def test_json_with_a_previous_report_validates_against_the_schema(capsys):
    import jsonschema
    from importlib import resources

    schema = json.loads((resources.files("checker.report.schemas") / "fzcheck-result.schema.json").read_text("utf-8"))
    code, out, _ = cli(capsys, "check", SEEDS["003"], "--previous", LAST["003"], "--format", "json", "--fail-on", "never")
    data = json.loads(out)
    jsonschema.Draft202012Validator(schema).validate(data)
    rep = data["reports"][0]
    assert rep["previous"] == {"path": str(LAST["003"]), "title": "汨罗市交通运输局2023年法治政府建设年度报告",
                               "issuer": "汨罗市交通运输局", "year": 2023}
    plan = next(r for r in rep["results"] if r["id"] == "compare.plan-followed")
    dropped = plan["evidence"][0]
    assert dropped["line"] is None and dropped["previous"]["line"] == 39
    jsonl = cli(capsys, "check", SEEDS["003"], "--previous", LAST["003"], "--format", "jsonl", "--fail-on", "never")[1]
    import referencing

    registry = referencing.Registry().with_resource("fzcheck-result.schema.json", referencing.Resource.from_contents(schema))
    line = jsonschema.Draft202012Validator({"$ref": "fzcheck-result.schema.json#/$defs/jsonlLine"}, registry=registry)
    line.validate(json.loads(jsonl))


def test_junit_carries_the_compare_results_and_the_previous_report(capsys, tmp_path):
    from junitparser import JUnitXml, Skipped

    path = tmp_path / "r.xml"
    cli(capsys, "check", SEEDS["000"], "--previous", LAST["000"], "--format", f"junit={path}")
    suite = next(iter(JUnitXml.fromfile(str(path))))
    props = {p.name: p.value for p in suite.properties()}
    assert props["previous"] == str(LAST["000"])
    case = next(c for c in suite if c.name.startswith("compare.recycled-text "))
    assert case._elem.get("line") == "13" and case.result[0].message.startswith("不通过：正文有")
    assert "与上年报告第13–20行相同" in case.result[0].text
    warn = next(c for c in suite if c.name.startswith("compare.shortcomings-followed "))
    assert isinstance(warn.result[0], Skipped) and "“执法力量不足”" in warn.result[0].message


def test_sarif_points_at_both_years(capsys, monkeypatch):
    from test_ci_formats import SARIF_SCHEMA
    import jsonschema

    monkeypatch.chdir(FIXTURES.parent)
    code, out, _ = cli(capsys, "check", "fixtures/004_8188c43d4e8d5109.txt", "--previous", "fixtures/previous/004_prev_2020.txt",
                       "--format", "sarif", "--fail-on", "never")
    data = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    assert not list(jsonschema.Draft4Validator(schema).iter_errors(data))
    res = next(r for r in data["runs"][0]["results"] if r["ruleId"] == "compare.recycled-text")
    assert res["level"] == "warning" and res["locations"][0]["physicalLocation"]["region"]["startLine"] == 9
    last = [x for x in res["relatedLocations"]
            if x["physicalLocation"]["artifactLocation"]["uri"] == "fixtures/previous/004_prev_2020.txt"]
    assert last and last[0]["physicalLocation"]["region"]["startLine"] == 9
    assert last[0]["message"]["text"].startswith("上一年度报告：一是落实执法责任的关键在于落实普法责任")


def test_audit_shows_the_longest_passage_side_by_side(capsys, tmp_path):
    path = tmp_path / "a.html"
    cli(capsys, "check", SEEDS["004"], "--previous", LAST["004"], "--format", f"html={path}", "--fail-on", "never")
    html = path.read_text("utf-8")
    block = html[html.index('<section class="compare">'):]
    block = block[:block.index("</section>")]
    assert f"对照的上一年度报告：<span class=\"path\">{LAST['004']}</span>（2020年）" in block
    assert "与上一年度报告相同的最长段落" in block and "本年报告（第9行起）" in block and "上年报告（第9行起）" in block
    this, last = re.findall(r"<td>(.*?)</td>", block, re.S)
    # 典型案例4篇 this year, 3篇 last year: the one character that differs is marked on each side
    assert re.findall(r"<mark>(.*?)</mark>", this) == ["4"] and re.findall(r"<mark>(.*?)</mark>", last) == ["3"]
    assert re.sub(r"</?mark>", "", this).startswith("一是落实执法责任的关键在于落实普法责任")


def test_audit_without_a_previous_report_has_no_comparison(capsys, tmp_path):
    path = tmp_path / "a.html"
    cli(capsys, "check", SEEDS["004"], "--format", f"html={path}", "--fail-on", "never")
    assert '<section class="compare">' not in path.read_text("utf-8")


def test_the_shipped_standard_phrases_are_those_the_tool_builds():
    """Run `make compare-boilerplate` after changing the segmenter or the fixtures."""
    import importlib.util

    from checker.compare import boilerplate

    spec = importlib.util.spec_from_file_location("compare_boilerplate", FIXTURES.parent / "tools" / "compare_boilerplate.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    phrases, _, _ = tool.build()
    assert tuple(phrases) == boilerplate.phrases()


def test_the_full_name_lookahead_changes_no_match():
    """FULL_NAME's lookahead only passes over places where no full name can start."""
    import re

    bare = re.compile(pairing.FULL_NAME.pattern.split(")", 1)[1])  # the pattern without it
    assert pairing.FULL_NAME.pattern.startswith("(?=") and bare.pattern.startswith("(?:中共)?")
    texts = [p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt")) + sorted(PREV.glob("*.txt"))]
    texts.append("中共昌吉回族自治州交通运输局党组、新疆维吾尔自治区人民政府、湛江经济技术开发区交通运输局和坡头区乾塘镇人民政府")
    for t in texts:
        assert [m.span(1) for m in pairing.FULL_NAME.finditer(t)] == [m.span(1) for m in bare.finditer(t)]
    assert len(list(pairing.FULL_NAME.finditer(texts[-1]))) >= 3


def test_a_paired_run_says_each_step_as_it_is_done(tmp_path, rules, capsys):
    """The progress bar of a paired run moves with each report's first pass (nothing is yielded
    before they are all done), then grows by the comparisons found and moves with each."""
    import io

    from checker import batch

    for p in list(SEEDS.values()) + list(LAST.values()):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    paths = sorted(str(p) for p in tmp_path.iterdir())
    events, when = [], []
    steps = batch.Steps()
    steps.on_step = lambda: events.append("step")
    steps.on_more = lambda n: events.append(("more", n))
    for o in batch.run(paths, rules, jobs=2, pair=True, steps=steps):
        when.append(len(events))
    n = len(paths)
    assert events == ["step"] * n + [("more", 4)] + ["step"] * 4 and len(when) == n
    assert when[0] > n  # the first report came after every first pass and the pairing
    # the bar itself (a terminal's): it grows by the four comparisons and says so
    err = io.StringIO()
    import sys

    real, sys.stderr = sys.stderr, err
    try:
        steps = batch.Steps()
        list(batch.progress(batch.run(paths, rules, jobs=2, pair=True, steps=steps), n, enabled=True, steps=steps))
    finally:
        sys.stderr = real
    assert "对照上年" in err.getvalue() and f"/{n + 4}" in err.getvalue()
