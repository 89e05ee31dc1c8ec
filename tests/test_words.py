"""`words: true`: a term counts only where its edges fall on word boundaries of its sentence, as
our pkuseg model segments that sentence (rules match characters otherwise)."""

from __future__ import annotations

import subprocess
import sys

from checker.evaluate import load_rules
from checker.evaluate.engine import Evaluation
from checker.pipeline import load_path, load_text

from conftest import RULE_HEAD, SEEDS, result


def removed(doc, lexicon, rules):
    ev = Evaluation(rules, doc)
    body = ev.scope("body")
    kept = set(ev.match({"lexicon": lexicon, "words": True}, body))
    return [(doc.text[a:b], doc.line_of(a), doc.text[max(a - 6, 0):b + 2])
            for a, b in ev.match({"lexicon": lexicon}, body) if (a, b) not in kept]


def test_what_the_boundary_check_removes_on_the_fixtures(rules):
    """The four matches the check takes away from the five reports, and why each is no match."""
    got = {k: removed(load_path(str(p)), lex, rules) for k, p in SEEDS.items()
           for lex in ("principal-leader-title", "legal-review-short") if removed(load_path(str(p)), lex, rules)}
    assert got == {
        "000": [("书记", 2, "贯彻习近平总书记全面")],  # 总书记 is a word: not the unit's 书记
        "002": [("书记", 13, "学习习近平总书记全面")],
        "004": [("书记", 8, "日，局党组副书记、局")],  # 副书记 is a word: a deputy, not the principal leader
        "001": [("法审", 6, "制工作人员及法审员培")],  # 法审员 is a word (001 keeps 成立法审大队)
    }


REPORT = ("某局2024年法治政府建设年度报告\n2024年，我局坚持依法行政。\n一、2024年推进法治政府建设的主要举措和成效\n"
          "（一）加强学习。认真学习习近平总书记关于全面依法治国的重要论述，全体干部树立第一责任人意识。\n"
          "（二）规范执法。严格落实行政执法公示制度和执法全过程记录制度，对重大执法决定严格合法审查。\n"
          "二、存在的不足和原因\n由于人员不足，执法力量薄弱。\n三、2025年工作安排\n继续加强学习。\n")


def test_a_general_secretary_is_not_the_principal_leader(check):
    r = check(REPORT, "core.leader-duties")
    assert r.status == "fail"  # 书记 only inside 习近平总书记: no leader reported
    r = check(REPORT.replace("全体干部树立第一责任人意识", "局党组书记切实履行第一责任人职责"), "core.leader-duties")
    assert r.status == "warn" and "党组书记切实履行第一责任人职责" in r.evidence[0].text


def test_legality_review_is_not_legal_review_of_enforcement(check):
    r = check(REPORT, "content.three-systems")
    assert r.status == "warn" and r.message.endswith("缺少重大执法决定法制审核")  # 合法审查 holds 法审, not as a word
    r = check(REPORT.replace("严格合法审查", "严格法审"), "content.three-systems")
    assert r.status == "pass"


def test_words_applies_to_any_matcher_in_a_pack(tmp_path):
    pack = tmp_path / "t.yaml"
    pack.write_text(RULE_HEAD + """\
    find:
      chars: {label: 字, match: {term: 局长}}
      words: {label: 词, match: {term: 局长, words: true}}
    decide:
      - {status: fail, when: {count: words, min: 2}, message: "两处"}
      - {status: warn, when: words, message: "{n[words]}/{n[chars]}"}
      - {status: pass, message: 无}
""", encoding="utf-8")
    rules = load_rules([pack], bundled=False)
    from checker.api import check_text

    rep = check_text("某局工作报告\n局长带队检查。我局长期坚持依法行政。市局长效机制不断健全。\n", rules)
    # 局长 | 我局 长期 | 市局 长效: one 局长 of three
    assert result(rep, "t.rule").message == "1/3"


def test_the_sentence_filters_and_words_give_one_answer_in_any_order(tmp_path):
    """not_inside looks in each hit's sentence on its own, so running the word test after it
    (the cheaper test first) drops the same hits as running it before: here 书记 inside 总书记
    (not a word), 书记 at the start of a sentence (not_inside ^书记), and 局长 stays."""
    pack = tmp_path / "t.yaml"
    pack.write_text(RULE_HEAD + """\
    find:
      who: {label: 职务, match: {terms: [书记, 局长], words: true, not_inside: {regex: '^书记'}}}
    decide:
      - {status: warn, when: who, message: "{n[who]}"}
      - {status: pass, message: 无}
""", encoding="utf-8")
    rules = load_rules([pack], bundled=False)
    from checker.api import check_text

    rep = check_text("某局工作报告\n习近平总书记强调要依法治国。书记带头学法用法，局长带头述法。\n", rules)
    r = result(rep, "t.rule")
    assert r.message == "1" and "局长带头述法" in r.evidence[0].text


def test_only_the_sentences_with_a_candidate_are_segmented(rules):
    from checker.evaluate import evaluate

    doc = load_text(REPORT)
    evaluate(rules, doc)
    # the leader rule looked at the one clause holding 书记 (of its sentence, the part up to the
    # comma); the three-systems rule's 法审 stands in 合法审查, which is passed over unsegmented:
    # one clause of the report's ten sentences segmented, nothing else
    segmented = [doc.text[min(b):max(b)] for _, b in sorted(doc._bounds.items())]
    assert len(doc.sentences) == 10 and segmented == ["认真学习习近平总书记关于全面依法治国的重要论述，"]


def test_a_clause_is_segmented_alone_and_only_once():
    doc = load_text("某局工作报告\n局长带队检查，成立法审大队，我局长期坚持依法行政。\n")
    a = doc.text.index("成立")
    bounds = doc.word_bounds(a + 2)  # 法审 in 成立 | 法审 | 大队
    assert {a + 2, a + 4} <= bounds and min(bounds) == a and max(bounds) == doc.text.index("我局")
    assert doc.word_bounds(a) is bounds and len(doc._bounds) == 1
    assert doc.text.index("我局") in doc.word_bounds(doc.text.index("我局"))  # the next clause, its own


def test_a_check_with_words_never_loads_spacy():
    code = ("import sys; from checker.api import check_path; check_path(sys.argv[1]); "
            "print(sorted(m for m in ('spacy', 'spacy_pkuseg', 'numpy', 'thinc') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(SEEDS["000"])], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_words_hit_may_hold_a_clause_mark(tmp_path):
    pack = tmp_path / "t.yaml"
    pack.write_text(RULE_HEAD + """\
    find:
      both: {label: 职务, match: {regex: '局长、副局长', words: true}}
    decide:
      - {status: warn, when: both, message: "{n[both]}"}
      - {status: pass, message: 无}
""", encoding="utf-8")
    rules = load_rules([pack], bundled=False)
    from checker.api import check_text

    rep = check_text("某局工作报告\n局长、副局长带队检查执法工作。\n", rules)
    assert result(rep, "t.rule").message == "1"
