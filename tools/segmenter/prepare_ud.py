#!/usr/bin/env python3
"""Convert the UD Chinese treebanks into segmenter training / held-out text.

Output: one sentence per line, tokens separated by single spaces (the format
spacy_pkuseg.train() reads).

    UD training data  = GSDSimp dev + PUD test (PUD converted to simplified with OpenCC t2s)
    UD held-out data  = GSDSimp test (never trained on)

UD Chinese segments more finely than fzcheck's convention
(docs/segmentation.md, PKU/SIGHAN-2005 made precise for report language).
A few principled rewrites, driven by the CoNLL-U columns, move UD towards the
convention.  Each one is applied to the training AND the held-out split, so the
UD held-out figures measure the adapted convention.  They are applied in this
order, on the token sequence of each sentence:

  R1 split-approx   A CD token "<numeral>多" / "<numeral>余" is split into the
                    numeral and the approximator: 40多 年 -> 40 多 年,
                    1.3万余 人次 -> 1.3万 余 人次 (convention 3, PKU "４０ 余 次").
                    Only when the part before 多/余 is entirely a numeral, so
                    许多 / 很多 / 其余 are untouched.
  R2 ordinal        A token 第 followed by a CD token is merged: 第 18 -> 第18
                    (convention 4).  (GSD/PUD mostly already write 第一 as one
                    token; the rule keeps stray splits consistent.)
  R3 date           A CD numeral followed by 年/月/日 (XPOS NNB/NN/SFN) is merged
                    (convention 2):
                      年: the numeral is a year (3-4 Arabic digits, or 2-4 Chinese
                          digit characters without 十 such as 一九九八), or the
                          next two tokens are "<numeral> 月" (a year-month date),
                          or it follows an era name (民国/公元/公元前 or an NNP
                          reign name: 民国6年, 光绪三十二年);
                          durations (三 年, 十三 年 战争, 两 年 后) stay split.
                      月: the numeral is 1-12 (Arabic or Chinese); a numeral
                          immediately followed by 月 is always a month name
                          (durations are written N 个 月).
                      日: the numeral is 1-31 and the previous token is a merged
                          month (5月 3日), or it is written in Arabic digits.
  R4 suffix         A token tagged XPOS=SFN (UD's bound suffix: 加速 度, 北京 市,
                    委员 会, 运动 员, 现代 化 ...) is merged into the previous token
                    (convention 9 place names, 12 derivational affixes), except:
                      - after punctuation or a numeral (nothing to attach to);
                      - an organ suffix 局 部 委 处 科 所 办 attaches only to a
                        two-character word (convention 10: 交通 运输局, but
                        区政府 办); otherwise it stays a separate token;
                      - the result would be longer than 7 characters.
  R5 lexical        Words that docs/segmentation.md gives explicitly as examples but
                    UD segments differently (found by comparing every example of the
                    convention with its occurrences in UD, see README.md):
                      merged: 中华 人民 共和国, 人民 政府, 市/区/省/县 政府, 之 一,
                              之 际, 作 为, 进 一 步, 近年 来, 本职 工作, and
                              多 次 / 多 种 unless 多 follows a numeral (30 多 次);
                      merged, found by comparing UD with the domain training
                              data: 及 其, 在 于, 社会 主义, 难 以, 截 至;
                      split:  提出 -> 提 出 (hard case B), 拿出 -> 拿 出, and a
                              degree adverb 较/最/更/很 + one-character adjective
                              (最大 -> 最 大, 较多 -> 较 多, 更多 -> 更 多, 很多 ->
                              很 多; PKU 最 大, 较 快), except 最多/最早.

Tokens containing whitespace are split on it (pkuseg treats whitespace as a
boundary anyway).

Usage:
    prepare_ud.py [--ud-dir data/ud-zh] [--out-dir build/segmenter]
writes OUT/ud-train.txt and OUT/ud-heldout.txt and prints merge statistics.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

TRAIN_FILES = ["zh_gsdsimp-ud-dev.conllu", "zh_pud-ud-test.conllu"]
HELDOUT_FILES = ["zh_gsdsimp-ud-test.conllu"]
TRADITIONAL = {"zh_pud-ud-test.conllu"}

CN_DIGITS = "〇零一二三四五六七八九"
CN_NUM = CN_DIGITS + "两十百千万亿"
ARABIC = "0123456789０１２３４５６７８９"
ORGAN_SUFFIXES = set("局部委处科所办")
MAX_SUFFIX_MERGE = 7
ERA_WORDS = {"民国", "公元", "公元前"}
LEXICAL_SPLITS = {"提出": ["提", "出"], "拿出": ["拿", "出"]}
# degree adverb + one-character adjective is split (PKU 最 大, 较 快, 较 多; domain data 更 多, 较 大)
DEGREE = "较最更很"
DEGREE_ADJ = set("大小高低多少快慢强弱长短深浅早晚远难广")
DEGREE_KEEP = {"最多", "最早"}
LEXICAL_MERGES = [("中华", "人民", "共和国"), ("人民", "政府"), ("市", "政府"), ("区", "政府"),
                  ("省", "政府"), ("县", "政府"), ("之", "一"), ("之", "际"), ("作", "为"),
                  ("进", "一", "步"), ("近年", "来"), ("本职", "工作"), ("多", "次"), ("多", "种"),
                  # found by comparing UD with the domain training data (README.md):
                  ("及", "其"), ("在", "于"), ("社会", "主义"), ("难", "以"), ("截", "至")]

NUMERAL_RE = re.compile(r"^[0-9０-９.．,，]+[万亿]?$|^[%s]+$" % CN_NUM)


class Tok:
    __slots__ = ("form", "upos", "xpos")

    def __init__(self, form: str, upos: str, xpos: str):
        self.form, self.upos, self.xpos = form, upos, xpos

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.form}/{self.xpos}"


def read_conllu(path: str):
    """Yield sentences as lists of Tok (multiword-token ranges and empty nodes skipped)."""
    sent: list[Tok] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                    sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            sent.append(Tok(cols[1], cols[3], cols[4]))
    if sent:
        yield sent


def to_simplified(sent: list[Tok], cc) -> list[Tok]:
    """Convert a sentence with OpenCC, keeping the token boundaries.

    The whole sentence is converted at once (phrase-level conversions see their
    context); if the length changed, fall back to converting token by token."""
    text = "".join(t.form for t in sent)
    conv = cc.convert(text)
    out = []
    if len(conv) == len(text):
        i = 0
        for t in sent:
            out.append(Tok(conv[i:i + len(t.form)], t.upos, t.xpos))
            i += len(t.form)
    else:
        out = [Tok(cc.convert(t.form), t.upos, t.xpos) for t in sent]
    return out


def is_numeral(form: str) -> bool:
    return bool(NUMERAL_RE.match(form))


def cn_to_int(s: str) -> int | None:
    """Small Chinese numerals (up to 99) -> int; None if not parseable."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    digits["两"] = 2
    if not s or any(c not in digits and c != "十" for c in s):
        return None
    if "十" not in s:
        return digits[s] if len(s) == 1 else None
    a, _, b = s.partition("十")
    if len(a) > 1 or len(b) > 1:
        return None
    return (digits[a] if a else 1) * 10 + (digits[b] if b else 0)


def num_value(form: str) -> int | None:
    f = form.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if f.isdigit():
        return int(f)
    return cn_to_int(f)


def is_year(form: str) -> bool:
    f = form.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if f.isdigit():
        return 3 <= len(f) <= 4
    return 2 <= len(form) <= 4 and all(c in CN_DIGITS for c in form)


def is_punct(t: Tok) -> bool:
    return t.upos == "PUNCT"


def adapt(sent: list[Tok], stats: collections.Counter) -> list[str]:
    toks = [Tok(t.form, t.upos, t.xpos) for t in sent]

    # whitespace inside a token -> separate tokens
    tmp = []
    for t in toks:
        parts = t.form.split()
        if len(parts) > 1:
            stats["split-whitespace"] += 1
        tmp.extend(Tok(p, t.upos, t.xpos) for p in parts)
    toks = tmp

    # R1 split-approx
    tmp = []
    for t in toks:
        m = re.match(r"^(.+?)([多余])$", t.form)
        if t.xpos == "CD" and m and is_numeral(m.group(1)):
            tmp.append(Tok(m.group(1), "NUM", "CD"))
            tmp.append(Tok(m.group(2), "NUM", "CD-APPROX"))
            stats["R1 split-approx"] += 1
        else:
            tmp.append(t)
    toks = tmp

    # R2 ordinal
    tmp = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.form == "第" and i + 1 < len(toks) and toks[i + 1].xpos == "CD" and is_numeral(toks[i + 1].form):
            tmp.append(Tok("第" + toks[i + 1].form, "NUM", "CD"))
            stats["R2 ordinal"] += 1
            i += 2
            continue
        tmp.append(t)
        i += 1
    toks = tmp

    # R3 date
    tmp: list[Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if t.xpos == "CD" and nxt is not None and nxt.form in ("年", "月", "日") and is_numeral(t.form):
            unit = nxt.form
            val = num_value(t.form)
            merge = False
            if unit == "年":
                after = toks[i + 2:i + 4]
                ym = len(after) == 2 and after[0].xpos == "CD" and after[1].form == "月"
                era = bool(tmp) and (tmp[-1].xpos == "NNP" or tmp[-1].form in ERA_WORDS)
                merge = is_year(t.form) or ym or era
            elif unit == "月":
                merge = val is not None and 1 <= val <= 12
            elif unit == "日":
                prev_month = bool(tmp) and tmp[-1].xpos == "DATE" and tmp[-1].form.endswith("月")
                arabic = all(c in ARABIC for c in t.form)
                merge = val is not None and 1 <= val <= 31 and (prev_month or arabic)
            if merge:
                tmp.append(Tok(t.form + unit, "NOUN", "DATE"))
                stats["R3 date " + unit] += 1
                i += 2
                continue
        tmp.append(t)
        i += 1
    toks = tmp

    # R4 suffix
    tmp = []
    for t in toks:
        if t.xpos == "SFN" and tmp:
            prev = tmp[-1]
            reason = None
            if is_punct(prev) or prev.xpos in ("CD", "DATE") or is_numeral(prev.form):
                reason = "after punct/numeral"
            elif t.form in ORGAN_SUFFIXES and len(prev.form) != 2:
                reason = "organ suffix after non-2-char word"
            elif len(prev.form) + len(t.form) > MAX_SUFFIX_MERGE:
                reason = "too long"
            if reason is None:
                tmp[-1] = Tok(prev.form + t.form, prev.upos, prev.xpos)
                stats["R4 suffix merged"] += 1
                continue
            stats["R4 suffix kept (%s)" % reason] += 1
        tmp.append(t)
    toks = tmp

    # R5 lexical
    forms = [t.form for t in toks]
    merged: list[str] = []
    i = 0
    while i < len(forms):
        for seq in LEXICAL_MERGES:
            if tuple(forms[i:i + len(seq)]) == seq:
                if seq[0] == "多" and merged and is_numeral(merged[-1]):
                    continue  # 30 多 次: approximator, stays split (convention 3)
                merged.append("".join(seq))
                stats["R5 merge " + "".join(seq)] += 1
                i += len(seq)
                break
        else:
            merged.append(forms[i])
            i += 1
    out: list[str] = []
    for f in merged:
        if f in LEXICAL_SPLITS:
            out.extend(LEXICAL_SPLITS[f])
            stats["R5 split " + f] += 1
        elif len(f) == 2 and f[0] in DEGREE and f[1] in DEGREE_ADJ and f not in DEGREE_KEEP:
            out.extend([f[0], f[1]])
            stats["R5 split degree " + f[0] + "X"] += 1
        else:
            out.append(f)
    return out


def convert(files: list[str], ud_dir: str, cc, stats) -> list[str]:
    lines = []
    for name in files:
        for sent in read_conllu(os.path.join(ud_dir, name)):
            if name in TRADITIONAL:
                sent = to_simplified(sent, cc)
            words = adapt(sent, stats)
            if words:
                lines.append(" ".join(words))
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ud-dir", default=os.path.join(REPO, "data", "ud-zh"))
    ap.add_argument("--out-dir", default=os.path.join(REPO, "build", "segmenter"))
    ap.add_argument("--no-adapt", action="store_true",
                    help="write UD's own segmentation (no R1-R5 rewrites), for comparison")
    args = ap.parse_args(argv)

    try:
        import opencc
    except ImportError:
        sys.exit("prepare_ud.py needs OpenCC: pip install -e '.[train]' (opencc)")
    cc = opencc.OpenCC("t2s")  # works with both the 'opencc' and 'opencc-python-reimplemented' APIs

    if args.no_adapt:
        global adapt
        def adapt(sent, stats):  # noqa: E306 - plain tokens, whitespace split only
            return [p for t in sent for p in t.form.split()]

    os.makedirs(args.out_dir, exist_ok=True)
    stats: collections.Counter = collections.Counter()
    train = convert(TRAIN_FILES, args.ud_dir, cc, stats)
    heldout = convert(HELDOUT_FILES, args.ud_dir, cc, stats)
    for name, lines in (("ud-train.txt", train), ("ud-heldout.txt", heldout)):
        with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"wrote {os.path.join(args.out_dir, name)}: {len(lines)} sentences, "
              f"{sum(len(l.split()) for l in lines)} tokens")
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
