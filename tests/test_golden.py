"""The five real reports in fixtures/ give exactly the verdicts of seed-verdicts.md, with
evidence that points at the right line."""

from __future__ import annotations

import hashlib

import pytest

from conftest import SEEDS, result

ORDER = ["000", "001", "002", "003", "004"]
# from shared/domain/seed-verdicts.md
EXPECTED = {
    "core.achievements": "pass pass warn pass pass",
    "core.shortcomings": "pass pass fail pass pass",
    "core.shortcoming-causes": "warn fail fail pass fail",
    "core.leader-duties": "pass pass warn pass pass",
    "core.next-year-plan": "pass pass warn pass pass",
    "core.other-matters": "warn warn warn pass warn",
    "format.title": "pass fail pass warn pass",
    "format.signature": "pass pass pass fail fail",
    "format.timeliness": "warn pass pass skip skip",
    "format.punctuation": "warn warn pass pass warn",
    "content.three-systems": "pass warn warn warn pass",
    "consistency.outdated-outline": "pass pass pass pass pass",
}
CASES = [(seed, rid, statuses.split()[i]) for rid, statuses in EXPECTED.items() for i, seed in enumerate(ORDER)]


@pytest.mark.parametrize("seed,rule_id,status", CASES, ids=[f"{s}-{r}" for s, r, _ in CASES])
def test_seed_verdict(seed_reports, seed, rule_id, status):
    r = result(seed_reports[seed], rule_id)
    assert r.status == status, (r.message, [e.as_dict() for e in r.evidence])


def test_fixtures_are_the_seeds_unchanged():
    digests = {k: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for k, p in SEEDS.items()}
    assert digests == {
        "000": "228561fbc5c7e601", "001": "097cd25e338ed6f7", "002": "572a1b970391d6b7",
        "003": "5a1ef477a5a7aef4", "004": "1f043b369a513c5d",
    }


def first(seed_reports, seed, rule_id):
    return result(seed_reports[seed], rule_id).evidence[0]


# (seed, rule, line, text the first evidence starts with)
EVIDENCE = [
    ("003", "core.leader-duties", 31, "三、上一年度党政主要负责人履行推进法治建设第一责任人职责"),
    ("000", "core.leader-duties", 13, "(三)严格履行党政主要负责人作为法治政府建设第一责任人职责"),
    ("004", "core.leader-duties", 8, "（一）深入学习贯彻习近平法治思想，落实党政主要负责人"),
    ("001", "core.leader-duties", 6, "三、党政主要负责人履行推进法治建设第一责任人职责"),
    ("002", "core.leader-duties", 27, "局主要领导作为第一责任人"),
    ("000", "core.achievements", 3, "一、2024年法治政府建设主要情况"),
    ("003", "core.achievements", 7, "一、上一年度推进法治政府建设的主要举措和成效"),
    ("001", "core.shortcomings", 6, "二、存在问题"),
    ("004", "core.shortcomings", 14, "二、存在的问题和建议"),
    ("000", "core.shortcoming-causes", 26, "二、存在的不足和原因"),
    ("000", "core.next-year-plan", 28, "三、下一步工作计划"),
    ("004", "core.next-year-plan", 16, "三、2022年主要工作思路及措施"),
    ("002", "core.next-year-plan", 65, "2021年，我局将进一步强化领导干部学习培训"),
    ("003", "core.other-matters", 47, "五、其他需要报告的情况"),
    ("000", "format.title", 1, "坡头区交通运输局2024年法治政府建设年度报告"),
    ("002", "format.title", 7, "湛江经济技术开发区交通运输局2020年法治政府建设工作报告"),
    ("003", "format.title", 3, "2024年法治政府建设年度报告"),
    ("000", "format.signature", 32, "湛江市坡头区交通运输局"),
    ("001", "format.signature", 2, "温州市交通运输局"),
    ("000", "format.timeliness", 33, "2024-12-09"),
    ("001", "format.timeliness", 3, "2024-02-18"),
    ("002", "consistency.outdated-outline", 9, "…市、经开区管委会决策部署"),
]


@pytest.mark.parametrize("seed,rule_id,line,start", EVIDENCE, ids=[f"{s}-{r}" for s, r, *_ in EVIDENCE])
def test_evidence_points_at_the_line(seed_reports, seed, rule_id, line, start):
    e = first(seed_reports, seed, rule_id)
    assert e.line == line
    assert e.text.startswith(start)


def test_causes_evidence_quotes_both_causes(seed_reports):
    ev = result(seed_reports["003"], "core.shortcoming-causes").evidence
    texts = " ".join(e.text for e in ev)
    assert "经分析主要还是从事执法文书制作的人员流动性较大" in texts
    assert "由于创新意识不强" in texts
    assert {e.line for e in ev} == {27, 29}
    assert all(e.section.startswith("二、上一年度推进法治政府建设存在的不足和原因") for e in ev)


def test_effect_wording_is_not_a_cause(seed_reports):
    r = result(seed_reports["000"], "core.shortcoming-causes")
    assert "影响了" not in " ".join(e.text for e in r.evidence)
    assert r.hint and "由于" in r.hint


def test_three_systems_training_scores_are_not_enforcement_publicity(seed_reports):
    r = result(seed_reports["001"], "content.three-systems")
    assert "缺少行政执法公示" in r.message
    # every quoted sentence is there for 全过程记录 / 执法记录仪 or 法审, none for the score 公示
    assert all(any(t in e.text for t in ("全过程记录", "执法记录仪", "法审")) for e in r.evidence)


def test_three_systems_collective_discussion_is_not_legal_review(seed_reports):
    r = result(seed_reports["002"], "content.three-systems")
    assert r.message.endswith("缺少重大执法决定法制审核")


def test_three_systems_plan_items_are_reported_as_planned(seed_reports):
    r = result(seed_reports["003"], "content.three-systems")
    assert r.evidence and all(e.note and "计划" in e.note for e in r.evidence)
    assert all(e.section.startswith("四、下一年度推进法治政府建设的主要安排") for e in r.evidence)


def test_punctuation_counts_the_single_comma(seed_reports):
    r = result(seed_reports["004"], "format.punctuation")
    assert "1 处" in r.message
    assert r.evidence[0].line == 9 and "活动,组织" in r.evidence[0].text


def test_document_fields(seed_reports):
    d = {k: rep.document_dict() for k, rep in seed_reports.items()}
    assert {x.pop("format") for x in d.values()} == {"text"}
    sources = {k: x.pop("sources") for k, x in d.items()}
    none = {"published": None, "doc_number": None, "addressee": None, "attachments": [], "traditional": False}
    assert d["001"] == {"title": None, "issuer": "温州市交通运输局", "kind": "department", "year": 2023,
                        "date": "2024-02-18", **none}
    assert d["000"] == {"title": "坡头区交通运输局2024年法治政府建设年度报告", "issuer": "湛江市坡头区交通运输局",
                        "kind": "department", "year": 2024, "date": "2024-12-09", **none}
    # 003 names no issuer; its opening speaks as a department ("市交通运输局以…")
    assert d["003"] == {"title": "2024年法治政府建设年度报告", "issuer": None, "kind": "department", "year": 2024,
                        "date": None, **none}
    assert d["004"]["issuer"] == "昌吉州交通运输局" and d["004"]["year"] == 2021
    # where each came from: the 落款 names the issuer in full, the title in short
    assert sources["000"]["issuer"] == [
        {"value": "湛江市坡头区交通运输局", "source": "signature", "line": 32},
        {"value": "坡头区交通运输局", "source": "title", "line": 1}]
    assert [(c["value"], c["source"]) for c in sources["000"]["year"]] == [
        (2024, "title"), (2024, "opening"), (2024, "headings"), (2024, "date")]
    assert sources["001"]["date"] == [{"value": "2024-02-18", "source": "metadata", "line": 3, "text": "2024-02-18"}]
    assert sources["002"]["date"][0]["text"] == "2021年1月20日"


def test_every_non_skip_result_has_evidence(seed_reports):
    for rep in seed_reports.values():
        for r in rep.results:
            assert r.status == "skip" or r.evidence, (rep.path, r.id)
            if r.status in ("warn", "fail"):
                assert r.hint, (rep.path, r.id)
