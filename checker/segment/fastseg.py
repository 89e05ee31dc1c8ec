"""Fast words: the same pkuseg model as words.py, run in plain Python so that it starts in ms.

``cut(text)`` gives exactly the tokens of ``words.segment_line(text)`` (spaCy's Chinese tokenizer
with spacy_pkuseg, our model, our user dictionary and spacy_pkuseg's post-processor less the
words of postprocess_exclude.txt), without importing spaCy, spacy_pkuseg or numpy: importing
those and loading the model the way they do takes ~0.7 s, which a one-report run cannot afford
when all it needs is the words of a few sentences. ``boundaries(text)`` gives the character
offsets where those tokens start and end.

What spacy_pkuseg does, step by step, and what this module does in its place:

1. ``pkuseg.cut``: strip the text, split it on white space; each fragment is split by the user
   dictionary (``Preprocesser.solve``: greedy longest match in a character trie, with its quirk
   kept), dictionary words are tokens as they are, the rest goes through 2–3.
2. ``pkuseg._cut``: characters are renamed (``keyword_rename``: ``-._,|/*:`` → ``&``) and
   normalised (digits → ``**Num``, full-width letters → ``**Letter``); each position gets the
   feature strings of ``feature_extractor.__get_node_features_idx`` (characters around it,
   dictionary words ending / starting / around it), those found in the model are looked up, and
   their weights are summed per tag (``inference.getLogYY``) in the same order, so the scores
   are the same floats; ``inference.run_viterbi`` is ported with its tie-breaking. A tag with a
   "B" in its name starts a word.
3. ``Postprocesser.post_process``: neighbours (7 down to 2 at a time) whose concatenation is in
   the post-processor's dictionary are merged unless each of them is in it too.

The model is in the files that tools/segmenter/build_fastseg.py writes from features.msgpack,
weights.npz and spacy_pkuseg's dicts/default.pkl (see fastseg.json): feature strings and the
post-processor's 389,925 words in memory-mapped MARISA tries (marisa-trie), opened in well under
a millisecond; the weights as a raw little-endian integer array (the model's weights are rounded
to 3 decimals, so each is an integer number of thousandths, and ``k / 1000`` gives back the
float64 of weights.npz exactly; the build checks that) in the order of the feature trie's key
ids, memory-mapped; the 7,264 unigram words as a text file read into a set. The
user dictionary and postprocess_exclude.txt are read as they are, like words.py reads them.
"""

from __future__ import annotations

import os
import sys
from array import array

MODEL_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models", "pkuseg")
META = "fastseg.json"

# feature_extractor.FeatureExtractor's tables, as spacy_pkuseg has them (its letter set has "ｇ"
# twice and no "ｊ"; tests/test_fastseg.py compares these with the library's)
_NUM = frozenset("0123456789." "几二三四五六七八九十千万亿兆零" "１２３４５６７８９０％")
_LETTER = frozenset(
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ" "ａｂｃｄｅｆｇｈｉｇｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ" "／・－"
)
_KEYWORDS = str.maketrans("-._,|/*:", "&&&&&&&&")
_NOWORD = "**noWord"
_PAD = 7  # padding of the per-length word rows, so that positions -6 .. n+6 need no bounds check


class _Node:
    """A node of the user dictionary's character trie (spacy_pkuseg.TrieNode)."""

    __slots__ = ("isword", "children")

    def __init__(self) -> None:
        self.isword = False
        self.children: dict[str, _Node] = {}


def _read_user_dict(path: str) -> _Node:
    """spacy_pkuseg.Preprocesser.__init__ for a file name (tags are not used)."""
    root = _Node()
    if not os.path.exists(path):  # words.py gives spacy_pkuseg an empty file then
        return root
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    for line in lines:
        word = line.strip().split("\t")[0].strip()
        now = root
        for c in word:
            nxt = now.children.get(c)
            if nxt is None:
                nxt = now.children[c] = _Node()
            now = nxt
        now.isword = True
    return root


def _solve(trie: _Node, txt: str) -> list[tuple[str, bool]]:
    """spacy_pkuseg.Preprocesser.solve, line for line: (piece, is a dictionary word). Kept as it
    is, including its quirk: when the walk goes past the longest word and then fails before the
    end of the text, the piece runs to where it failed."""
    out: list[tuple[str, bool]] = []
    n = len(txt)
    last = 0
    i = 0
    while i < n:
        now = trie
        j = i
        found = False
        last_word_idx = -1
        while True:
            c = txt[j]
            if c not in now.children and last_word_idx != -1:
                found = True
                break
            if c not in now.children and last_word_idx == -1:
                break
            now = now.children[c]
            if now.isword:
                last_word_idx = j
            j += 1
            if j == n and last_word_idx == -1:
                break
            if j == n and last_word_idx != -1:
                j = last_word_idx + 1
                found = True
                break
        if found:
            if last != i:
                out.append((txt[last:i], False))
            out.append((txt[i:j], True))
            last = j
            i = j
        else:
            i += 1
    if last < n:
        out.append((txt[last:n], False))
    return out


def _read_weights(path: str, typecode: str):
    """The little-endian weights file as a sequence of numbers: memory-mapped (pages are read as
    features are first used; 1 MB read and copied would take 1 ms of the start-up)."""
    if sys.byteorder == "little":
        import mmap

        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            itemsize = array(typecode).itemsize
            if size == 0 or size % itemsize:
                raise ValueError(f"{path}: {size} bytes is not a whole number of {typecode!r} items")
            return memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)).cast(typecode)
    weights = array(typecode)  # pragma: no cover - big-endian machines
    with open(path, "rb") as f:
        weights.frombytes(f.read())
    weights.byteswap()
    return weights


class Model:
    """The loaded model. ``Model(path)`` reads the files of one model directory."""

    def __init__(self, path: str = MODEL_DIR) -> None:
        import json

        import marisa_trie

        meta_path = os.path.join(path, META)
        try:
            with open(meta_path, encoding="utf-8") as f:
                meta = json.load(f)
            files = meta["files"]
            self.features = marisa_trie.Trie()
            self.features.mmap(os.path.join(path, files["features"]))
            weights = _read_weights(os.path.join(path, files["weights"]), meta["weights_typecode"])
            with open(os.path.join(path, files["unigram"]), encoding="utf-8") as f:
                self.unigram = frozenset(f.read().split("\n"))
            self.pp_words = marisa_trie.Trie()
            self.pp_words.mmap(os.path.join(path, files["postprocess"]))
        except (OSError, KeyError, ValueError, RuntimeError) as exc:  # marisa-trie raises RuntimeError
            from ..errors import FzcheckError

            raise FzcheckError(f"分词模型文件缺失或无法读取：{path}（请运行 make segmenter-fastseg）：{exc}") from None
        n_tag, n_feature = meta["n_tag"], meta["n_feature"]
        if n_tag != 5 or len(weights) != n_tag * (n_feature + n_tag) or len(self.features) != n_feature:
            from ..errors import FzcheckError

            raise FzcheckError(f"分词模型文件彼此不符：{path}（请运行 make segmenter-fastseg）")
        self.weights = weights
        # the trie's answers for the feature strings looked up so far (most repeat, within a
        # report and from one report to the next: a dict answers them without the trie's walk)
        self._memo = _Memo(self.features.get)
        # each feature's weights as floats, made on first use (a list of 101,720 Nones is
        # ready in 0.2 ms; converting all the weights at load would take ~40 ms)
        self.weight_rows: list[tuple[float, float, float, float, float] | None] = [None] * n_feature
        self.divisor = float(meta["weights_divisor"])
        self.start_id = meta["start_feature_id"]  # pkuseg's feature 0, which every position has
        self.noword_features = meta["noword_features"]
        self.begins = tuple("B" in tag for tag in meta["tags"])  # tags in index order
        d = self.divisor
        backoff = n_feature * n_tag
        # inference.getLogYY: edge_score = 1 + w[backoff + s * n_tag + s_pre] at [s_pre, s];
        # run_viterbi reads edge_score[y, y_pre]
        self.edge = tuple(tuple(1.0 + weights[backoff + yp * n_tag + y] / d for yp in range(n_tag)) for y in range(n_tag))
        self.user = _read_user_dict(os.path.join(path, "user_dict.txt"))
        exclude = os.path.join(path, "postprocess_exclude.txt")
        if os.path.exists(exclude):
            with open(exclude, encoding="utf-8") as f:
                self.pp_exclude: frozenset[str] | None = frozenset(f.read().split())
        else:  # words.py turns the post-processor off then
            self.pp_exclude = None

    # -- lookups (a text with NUL or lone surrogates needs the careful ones: marisa-trie stops
    #    a key at NUL and cannot encode a surrogate; no stored key has either, build checks) --

    def _lookups(self, text: str):
        feat_get = self._memo.__getitem__
        pp = self.pp_words
        excl = self.pp_exclude or frozenset()
        careful = "\x00" in text
        if not careful and not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                careful = True
        if not careful:
            def in_pp(w: str) -> bool:
                return w in pp and w not in excl
            return feat_get, in_pp

        trie_get = self.features.get

        def safe_get(key: str):
            if "\x00" in key:
                return None
            try:
                return trie_get(key)
            except UnicodeEncodeError:
                return None

        def safe_in_pp(w: str) -> bool:
            if "\x00" in w:
                return False
            try:
                return w in pp and w not in excl
            except UnicodeEncodeError:
                return False
        return safe_get, safe_in_pp

    # -- pkuseg._cut --

    def _features(self, nodes: list[str], get) -> list[list[int]]:
        """feature_extractor.__get_node_features_idx for each position: the ids (in our trie) of
        the position's feature strings that the model has, in pkuseg's order."""
        n = len(nodes)
        uni = self.unigram
        P = _PAD
        # rows[k][s + P]: nodes[s:s+l] for l = 6, 5, 4, 3, 2 (k = 0..4) if it is a unigram word
        rows = []
        for l in (6, 5, 4, 3, 2):
            row: list[str | None] = [None] * (n + 2 * P)
            for s in range(n - l + 1):
                w = "".join(nodes[s:s + l])
                if w in uni:
                    row[s + P] = w
            rows.append(row)
        r6, r5, r4, r3, r2 = rows
        noword = self.noword_features
        start = self.start_id
        out: list[list[int]] = []
        for i in range(n):
            c = nodes[i]
            fl = [start]
            f = get("c." + c)
            if f is not None:
                fl.append(f)
            if i > 0:
                p = nodes[i - 1]
                f = get("c-1." + p)
                if f is not None:
                    fl.append(f)
                f = get("c-1c." + p + "." + c)
                if f is not None:
                    fl.append(f)
            if i + 1 < n:
                nx = nodes[i + 1]
                f = get("c1." + nx)
                if f is not None:
                    fl.append(f)
                f = get("cc1." + c + "." + nx)
                if f is not None:
                    fl.append(f)
            if i > 1:
                pp = nodes[i - 2]
                f = get("c-2." + pp)
                if f is not None:
                    fl.append(f)
                f = get("c-2c-1." + pp + "." + nodes[i - 1])
                if f is not None:
                    fl.append(f)
            if i + 2 < n:
                f = get("c2." + nodes[i + 2])
                if f is not None:
                    fl.append(f)
            j = i + P
            # words ending at i (prefix including c), starting at i, ending at i-1, starting at i+1
            pre_in = (r6[j - 5], r5[j - 4], r4[j - 3], r3[j - 2], r2[j - 1])
            post_in = (r6[j], r5[j], r4[j], r3[j], r2[j])
            pre_ex = (r6[j - 6], r5[j - 5], r4[j - 4], r3[j - 3], r2[j - 2])
            post_ex = (r6[j + 1], r5[j + 1], r4[j + 1], r3[j + 1], r2[j + 1])
            for w in pre_in:
                if w is not None:
                    f = get("w-1." + w)
                    if f is not None:
                        fl.append(f)
            for w in post_in:
                if w is not None:
                    f = get("w1." + w)
                    if f is not None:
                        fl.append(f)
            if noword:  # the model has features with "**noWord" in them: look every pair up
                pre_in = tuple(w or _NOWORD for w in pre_in)
                post_in = tuple(w or _NOWORD for w in post_in)
                pre_ex = tuple(w or _NOWORD for w in pre_ex)
                post_ex = tuple(w or _NOWORD for w in post_ex)
            for pre in pre_ex:
                if pre is not None:
                    for post in post_in:
                        if post is not None:
                            f = get("ww.l." + pre + "*" + post)
                            if f is not None:
                                fl.append(f)
            for pre in pre_in:
                if pre is not None:
                    for post in post_ex:
                        if post is not None:
                            f = get("ww.r." + pre + "*" + post)
                            if f is not None:
                                fl.append(f)
            out.append(fl)
        return out

    def _node_scores(self, features: list[list[int]]) -> list[tuple[float, float, float, float, float]]:
        """inference.getLogYY's node_score: node_score[i, s] += w[f * n_tag + s] for the features
        f of position i in their order (so the sums are the same floats)."""
        W = self.weights
        D = self.divisor
        rows = self.weight_rows
        scores = []
        for fl in features:
            s0 = s1 = s2 = s3 = s4 = 0.0
            for f in fl:
                r = rows[f]
                if r is None:
                    b = f * 5
                    r = rows[f] = (W[b] / D, W[b + 1] / D, W[b + 2] / D, W[b + 3] / D, W[b + 4] / D)
                s0 += r[0]
                s1 += r[1]
                s2 += r[2]
                s3 += r[3]
                s4 += r[4]
            scores.append((s0, s1, s2, s3, s4))
        return scores

    def _viterbi(self, node: list[tuple[float, float, float, float, float]]) -> list[int]:
        """inference.run_viterbi: backwards from the last position; among equal scores the last
        next tag wins, and at the first position the first best tag."""
        edge = self.edge
        w = len(node)
        best = node[w - 1]
        back: list[list[int]] = [[]] * w
        for i in range(w - 2, -1, -1):
            b0, b1, b2, b3, b4 = best
            ni = node[i]
            new = []
            arg = []
            for y in range(5):
                ny = ni[y]
                e0, e1, e2, e3, e4 = edge[y]
                # max_score[i+1, y_pre] + node_score[i, y] + edge_score[y, y_pre], in that order
                m = b0 + ny + e0
                a = 0
                sc = b1 + ny + e1
                if sc >= m:
                    m = sc
                    a = 1
                sc = b2 + ny + e2
                if sc >= m:
                    m = sc
                    a = 2
                sc = b3 + ny + e3
                if sc >= m:
                    m = sc
                    a = 3
                sc = b4 + ny + e4
                if sc >= m:
                    m = sc
                    a = 4
                new.append(m)
                arg.append(a)
            best = new
            back[i] = arg
        ma = best[0]
        tag = 0
        for y in range(1, 5):
            if ma < best[y]:
                ma = best[y]
                tag = y
        states = [tag]
        for i in range(1, w):
            tag = back[i - 1][tag]
            states.append(tag)
        return states

    def _cut(self, text: str, get) -> list[str]:
        nodes = [("**Num" if c in _NUM else "**Letter" if c in _LETTER else c) for c in text.translate(_KEYWORDS)]
        tags = self._viterbi(self._node_scores(self._features(nodes, get)))
        begins = self.begins
        words: list[str] = []
        start = 0
        for k in range(1, len(text)):
            if begins[tags[k]]:
                words.append(text[start:k])
                start = k
        words.append(text[start:])
        return words

    # -- Postprocesser.post_process (check_seperated=True, no common words) --

    @staticmethod
    def _post(sent: list[str], in_pp) -> list[str]:
        for m in (7, 6, 5, 4, 3, 2):
            end = len(sent) - m
            if end < 0:
                continue
            i = 0
            while i < end + 1:
                merged = "".join(sent[i:i + m])
                if in_pp(merged) and not all(in_pp(w) for w in sent[i:i + m]):
                    sent[i:i + m] = [merged]
                    end = len(sent) - m
                i += 1
        return sent

    # -- pkuseg.cut --

    def cut(self, text: str) -> list[str]:
        txt = text.strip()
        if not txt:
            return []
        get, in_pp = self._lookups(txt)
        post = self.pp_exclude is not None
        out: list[str] = []
        for frag in txt.split():
            for piece, isword in _solve(self.user, frag):
                if isword:
                    out.append(piece)
                else:
                    words = self._cut(piece, get)
                    out.extend(self._post(words, in_pp) if post else words)
        return out


class _Memo(dict):
    """feature string → its id in the trie, or None; emptied past MEMO_MAX entries, so a huge
    text cannot make it grow without bound."""

    def __init__(self, get) -> None:
        super().__init__()
        self.lookup = get

    def __missing__(self, key: str):
        if len(self) >= MEMO_MAX:
            self.clear()
        value = self[key] = self.lookup(key)
        return value


MEMO_MAX = 200_000

_model: Model | None = None


def model() -> Model:
    """The shipped model, loaded on first use (once per process)."""
    global _model
    if _model is None:
        _model = Model()
    return _model


def forget() -> None:
    """Empty the kept feature lookups (fragments of the texts segmented so far): the web
    server's workers keep nothing of an upload past its request."""
    if _model is not None:
        _model._memo.clear()


def cut(text: str) -> list[str]:
    """The words of ``text``: exactly ``words.segment_line(text)`` (white space is dropped)."""
    return model().cut(text)


def boundaries(text: str) -> set[int]:
    """The offsets in ``text`` where a word of ``cut(text)`` starts or ends, with 0 and
    ``len(text)``: a match ``text[a:b]`` starts and ends on word edges iff a and b are both in it."""
    out = {0, len(text)}
    pos = 0
    for w in cut(text):
        pos = text.index(w, pos)  # only white space lies between two words
        out.add(pos)
        pos += len(w)
        out.add(pos)
    return out
