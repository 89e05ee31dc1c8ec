"""The fast segmenter (checker/segment/fastseg.py) gives exactly the tokens of words.segment_line
(spaCy + spacy_pkuseg with our model), loads without numpy / spaCy, and its files are current."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import FzcheckError
from checker.segment import fastseg, words

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ROOT / "data" / "segmenter" / "domain"
UD = ROOT / "data" / "ud-zh"


def _mismatches(lines: list[str]) -> list[tuple[str, list[str], list[str]]]:
    out = []
    for line in lines:
        expected, got = words.segment_line(line), fastseg.cut(line)
        if got != expected:
            out.append((line, expected, got))
    return out


def _assert_same(lines: list[str], at_least: int) -> None:
    lines = [x for x in lines if x.strip()]
    assert len(lines) >= at_least  # the data is there: the comparison is not vacuous
    bad = _mismatches(lines)
    assert not bad, f"{len(bad)} of {len(lines)} lines differ; first: {bad[0]}"


def _domain_lines(pattern: str) -> list[str]:
    out = []
    for f in sorted(DOMAIN.glob(pattern)):
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                out.append("".join(line.split()))  # the sentence as a report writes it
                out.append(line)  # and as segmented, white space and all
    return out


def test_same_tokens_on_report_heldout_set():
    _assert_same(_domain_lines("heldout-*.txt"), 300)


def test_same_tokens_on_domain_training_files():
    _assert_same(_domain_lines("train-*.txt"), 1000)


def test_same_tokens_on_every_fixture_line():
    lines = []
    for f in sorted((ROOT / "fixtures").glob("*.txt")):
        lines += f.read_text("utf-8").splitlines()
    _assert_same(lines, 100)


def test_same_tokens_on_ud_sentences():
    lines = []
    for f in sorted(UD.glob("*.conllu")):
        lines += [x[len("# text = "):] for x in f.read_text("utf-8").splitlines() if x.startswith("# text = ")]
    _assert_same(lines, 2000)  # GSDSimp dev + test (simplified), PUD test (traditional)


MIXED = [
    "",
    " ",
    "\t\u3000 \n",
    "a",
    "7",
    "2023年",
    "１２３４５６７８９０",
    "２０２３年１２月３１日",
    "ABC公司2023年度第１２３号文件",
    "ｈｔｔｐ：／／ｗｗｗ．ｇｏｖ．ｃｎ",
    "ＡＢＣ・ＸＹＺ－ｇｊｋ",
    "电话：0838-1234567，邮箱abc@x.gov.cn，网址 https://www.gov.cn/zhengce/",
    "第一、二、三条；（一）……——“引号”《书名号》【方括号】！？",
    "-._,|/*:",
    "1.5%、99.5％、３０％和12.3万元",
    "  前后 有 空格  ",
    "中\t文\u3000全角空格\xa0不间断空格",
    "行政复议 案件 12 件，纠错率 达 99.5%。",
    "中华人民共和国行政许可法三重一大三到位放管服",  # user dictionary words
    "县人民政府提出筑牢新时代法治政府建设基础",  # post-processor merges that are excluded
    "法" * 60,
    "😀表情符号😀",
    "a\x00b中文\x00",  # NUL: marisa-trie would cut a key there
    "COVID-19疫情防控ＷＨＯ",
]


@pytest.mark.parametrize("text", MIXED)
def test_same_tokens_on_mixed_text(text):
    assert fastseg.cut(text) == words.segment_line(text)


def test_known_segmentation():
    # a fixed expectation as well, so that both paths going wrong together would show
    assert fastseg.cut("2023年，我局深入学习贯彻习近平法治思想。") == \
        ["2023年", "，", "我局", "深入", "学习", "贯彻", "习近平", "法治", "思想", "。"]
    assert fastseg.cut("") == []
    assert fastseg.cut(" \u3000") == []


def test_lone_surrogates_segment_like_pkuseg():
    # spaCy's string store cannot encode a lone surrogate (segment_line raises); pkuseg's own
    # cut can, and fastseg gives its tokens
    seg = words.nlp().tokenizer.pkuseg_seg
    for text in ["中\ud800文测试", "\udcff\udcfe行政\ud800许可", "行政\udc80"]:
        assert fastseg.cut(text) == seg.cut(text)


def test_user_dictionary_split_is_pkusegs():
    """_solve against spacy_pkuseg.Preprocesser.solve on random text over a small alphabet, with a
    dictionary whose words share prefixes (the case where pkuseg's walk overshoots)."""
    from spacy_pkuseg import Preprocesser

    dictionary = ["ab", "abcd", "b", "bca", "cab", "dd", "abcda"]
    pre = Preprocesser(dictionary)
    trie = fastseg._Node()
    for w in dictionary:
        now = trie
        for c in w:
            now = now.children.setdefault(c, fastseg._Node())
        now.isword = True
    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice("abcdx") for _ in range(rnd.randint(1, 12)))
        lst, isword, _tags = pre.solve(text)
        assert fastseg._solve(trie, text) == list(zip(lst, isword)), text


def _synthetic_sentences(n: int, seed: int) -> list[str]:
    """Sentences strung together from the model's own words and word pairs (those of its ww.l /
    ww.r features, long ones first) with digits, letters and punctuation between: every kind of
    feature fires, the ones of 6-character words included."""
    m = fastseg.model()
    uni = sorted(m.unigram)
    pairs = sorted(k[5:].replace("*", "") for k in m.features.keys("ww."))
    long_pairs = [p for p in pairs if len(p) >= 8]
    glue = ["", "", "的", "，", "2023年", "12", "ＡＢ", "、", "和", "。"]
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(2, 9)):
            r = rnd.random()
            parts.append(rnd.choice(long_pairs) if r < 0.3 else rnd.choice(pairs) if r < 0.6 else rnd.choice(uni))
            parts.append(rnd.choice(glue))
        out.append("".join(parts))
    return out


def test_same_tokens_on_sentences_made_of_model_words():
    _assert_same(_synthetic_sentences(400, seed=1), 400)


def test_features_and_node_scores_are_pkusegs():
    """Position by position: the same feature strings in the same order as
    __get_node_features_idx, and node scores equal to the last bit to inference.getLogYY's."""
    import numpy as np
    from spacy_pkuseg import inference

    seg = words.nlp().tokenizer.pkuseg_seg
    fe, pk = seg.feature_extractor, seg.model
    name_of = {i: f for f, i in fe.feature_to_idx.items()}
    m = fastseg.model()
    texts = _synthetic_sentences(60, seed=2) + ["2023年，我局深入学习贯彻习近平法治思想。", "ｈｔｔｐ：／／ｗｗｗ．ｇｏｖ．ｃｎ-12"]
    checked = 0
    for text in texts:
        nodes = list(fe.normalize_text(text))
        theirs = [fe.get_node_features_idx(i, nodes) for i in range(len(nodes))]
        ours = m._features(nodes, m.features.get)
        assert [[name_of[f] for f in fl] for fl in theirs] == [[m.features.restore_key(f) for f in fl] for fl in ours], text
        y, _yy = inference.getLogYY(theirs, pk.n_tag, pk.n_feature * pk.n_tag, pk.w, 1.0)
        assert np.array_equal(np.array(m._node_scores(ours)), y), text
        checked += sum(map(len, ours))
    assert checked > 5000


def test_edge_scores_are_pkusegs():
    import numpy as np
    from spacy_pkuseg import inference

    pk = words.nlp().tokenizer.pkuseg_seg.model
    _y, yy = inference.getLogYY([[0]], pk.n_tag, pk.n_feature * pk.n_tag, pk.w, 1.0)
    assert np.array_equal(np.array(fastseg.model().edge), yy)


def test_viterbi_is_run_viterbi_with_its_ties():
    """Small integer scores make ties common: the same path as inference.run_viterbi."""
    import numpy as np
    from spacy_pkuseg import inference

    class Edges:
        pass

    rnd = random.Random(3)
    for _ in range(2000):
        n = rnd.randint(1, 8)
        node = [tuple(float(rnd.randint(-2, 2)) for _ in range(5)) for _ in range(n)]
        edges = Edges()
        edges.edge = tuple(tuple(float(rnd.randint(-1, 1)) for _ in range(5)) for _ in range(5))
        _score, states = inference.run_viterbi(np.array(node), np.array(edges.edge))
        assert fastseg.Model._viterbi(edges, node) == list(states), (node, edges.edge)


def test_post_processor_is_pkusegs():
    """_post against Postprocesser.post_process on random token lists over a small alphabet and
    a word list with merges of 2 to 7 tokens (the shipped data never merges 7)."""
    from spacy_pkuseg import Postprocesser

    rnd = random.Random(5)
    alphabet = "abc"
    vocab = {"".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 8))) for _ in range(120)}
    vocab |= {"abcabca", "aaaaaaa"}  # seven one-character tokens
    pp = Postprocesser(None, None)
    pp.do_process, pp.common_words, pp.other_words = True, set(), vocab
    merges = 0
    for _ in range(3000):
        sent = ["".join(rnd.choice(alphabet) for _ in range(rnd.choice((1, 1, 1, 2)))) for _ in range(rnd.randint(1, 12))]
        expected = pp.post_process(list(sent), check_seperated=True)
        assert fastseg.Model._post(list(sent), vocab.__contains__) == expected, sent
        merges += len(expected) < len(sent)
    assert merges > 500


def test_tables_are_spacy_pkusegs():
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    assert fastseg._NUM == FeatureExtractor.num
    assert fastseg._LETTER == FeatureExtractor.letter
    assert fastseg._KEYWORDS == FeatureExtractor.keywords_translate_table


def test_boundaries():
    text = "2023年，我局 深入学习"
    assert fastseg.cut(text) == ["2023年", "，", "我局", "深入", "学习"]
    assert fastseg.boundaries(text) == {0, 5, 6, 8, 9, 11, 13}
    assert fastseg.boundaries("") == {0}
    assert fastseg.boundaries("  ") == {0, 2}
    assert fastseg.boundaries(" 法治 ") == {0, 1, 3, 4}


def test_boundaries_are_the_token_edges_of_segment_line():
    for f in sorted((ROOT / "fixtures").glob("*.txt"))[:2]:
        for line in f.read_text("utf-8").splitlines():
            edges = {0, len(line)}
            pos = 0
            for w in words.segment_line(line):
                pos = line.index(w, pos)
                edges |= {pos, pos + len(w)}
                pos += len(w)
            assert fastseg.boundaries(line) == edges


def test_first_use_imports_neither_numpy_nor_spacy():
    code = (
        "import sys\n"
        "from checker.segment import fastseg\n"
        "assert fastseg.cut('全面推进依法行政，2023年办理行政复议案件12件。')[-3:] == ['12', '件', '。']\n"
        "print(','.join(m for m in ('numpy', 'spacy', 'spacy_pkuseg', 'srsly', 'thinc') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == ""


def test_generated_files_are_current():
    """fastseg.json records the sha256 of what it was built from: a retrained model (or another
    spacy_pkuseg) without `make segmenter-fastseg` fails here."""
    sys.path.insert(0, str(ROOT / "tools" / "segmenter"))
    try:
        import build_fastseg
    finally:
        sys.path.pop(0)
    meta = json.loads((Path(fastseg.MODEL_DIR) / fastseg.META).read_text("utf-8"))
    for name, path in build_fastseg.sources(fastseg.MODEL_DIR).items():
        assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == meta["sources_sha256"][name], \
            f"{name} changed since the fast segmenter files were built: run `make segmenter-fastseg`"


@pytest.mark.parametrize("broken", ["fastseg.json", "fastseg-features.marisa", "fastseg-postprocess.marisa"])
@pytest.mark.parametrize("how", ["missing", "garbage"])
def test_missing_or_broken_files_are_a_one_line_error(tmp_path, broken, how):
    import shutil

    for f in Path(fastseg.MODEL_DIR).iterdir():
        shutil.copy(f, tmp_path / f.name)
    if how == "missing":
        (tmp_path / broken).unlink()
    else:
        (tmp_path / broken).write_bytes(b"\x00garbage" * 10)
    with pytest.raises(FzcheckError) as exc:
        fastseg.Model(str(tmp_path))
    assert "make segmenter-fastseg" in str(exc.value) and "\n" not in str(exc.value)


def test_short_weights_file_is_a_one_line_error(tmp_path):
    import shutil

    for f in Path(fastseg.MODEL_DIR).iterdir():
        shutil.copy(f, tmp_path / f.name)
    w = tmp_path / "fastseg-weights.bin"
    w.write_bytes(w.read_bytes()[:-10])
    with pytest.raises(FzcheckError, match="make segmenter-fastseg"):
        fastseg.Model(str(tmp_path))


def test_noword_branch_gives_the_same_tokens_here():
    """The branch for a model with "**noWord" features (this one has none, so looking those
    pairs up too must change nothing)."""
    m = fastseg.Model()
    assert not m.noword_features
    m.noword_features = True
    for text in _synthetic_sentences(30, seed=4):
        assert m.cut(text) == fastseg.cut(text)
