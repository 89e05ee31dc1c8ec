#!/usr/bin/env python3
"""Build the pkuseg user dictionary from the domain lexicon.

Input : data/segmenter/lexicon/*.txt  (one word per line; '#' lines and blank lines
        are comments; sub-directories such as lexicon/rejected/ are NOT read)
Output: checker/models/pkuseg/user_dict.txt  (one word per line, sorted, no comments:
        spacy_pkuseg's Preprocesser would insert a comment line as a word)

How pkuseg uses it: before the CRF runs, Preprocesser.solve() scans the text left to
right and forces the LONGEST dictionary word starting at each position (forward
maximum match); the CRF then only segments the stretches between forced words.  An
entry that can match across a word boundary (用法 in 运用法治, 述法 in 上述法律,
学法 in 学法律) therefore does damage that the model cannot repair.

Safety check (always on): the whole dictionary is run, forward-maximum-match, over
every sentence of the segmented training data (UD training split + domain training
files) and over the project's raw report fixtures.  For segmented data a forced word
whose span is not a gold token is a CONFLICT.  Words with conflicts are dropped
(listed on stdout) unless --keep-conflicts.  For raw fixtures, --report prints each
match in context for a human to look at.

Whether the remaining dictionary helps is measured on held-out data with evaluate.py
(see README.md): lexicon files that did not help live in lexicon/rejected/.

Second output: checker/models/pkuseg/postprocess_exclude.txt.  When a user dictionary is
given, spacy_pkuseg also runs a post-processor that merges adjacent words found in its
bundled 390k-word dictionary (spacy_pkuseg/dicts/default.pkl).  Some of those words
contradict the convention (提出, 新时代, 三年, 上一年度, 1000余 ...).  The exclusion list
holds every default.pkl word that the segmented training data writes as several tokens
and never as one token; the package removes them from the post-processor's word set
(postprocesser.other_words -= excluded).  Derived from training data only.

Usage:
  build_userdict.py [--out checker/models/pkuseg/user_dict.txt] [--report]
"""
from __future__ import annotations

import argparse
import collections
import glob
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
LEXICON = os.path.join(REPO, "data", "segmenter", "lexicon")
DEFAULT_OUT = os.path.join(REPO, "checker", "models", "pkuseg", "user_dict.txt")
PP_EXCLUDE_NAME = "postprocess_exclude.txt"
SEGMENTED = [os.path.join(REPO, "build", "segmenter", "ud-train.txt"),
             os.path.join(REPO, "data", "segmenter", "domain", "train-*.txt")]
RAW = [os.path.join(REPO, "fixtures", "*.txt")]


def read_lexicon(paths) -> dict[str, str]:
    """word -> source file; validates entries."""
    words: dict[str, str] = {}
    bad = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                w = line.strip()
                if not w or w.startswith("#"):
                    continue
                if any(c.isspace() for c in w) or any(unicodedata.category(c).startswith("P") for c in w):
                    bad.append(f"{os.path.relpath(path, REPO)}:{n}: {w!r} (whitespace/punctuation)")
                    continue
                if len(w) < 2:
                    bad.append(f"{os.path.relpath(path, REPO)}:{n}: {w!r} (single character)")
                    continue
                words.setdefault(w, os.path.basename(path))
    for b in bad:
        print("invalid entry:", b, file=sys.stderr)
    if bad:
        sys.exit(1)
    return words


class Trie:
    def __init__(self, words):
        self.root: dict = {}
        for w in words:
            node = self.root
            for c in w:
                node = node.setdefault(c, {})
            node[""] = True

    def fmm(self, text: str) -> list[tuple[int, int]]:
        """Spans forced by spacy_pkuseg.Preprocesser.solve (longest match, left to right)."""
        out, i, n = [], 0, len(text)
        while i < n:
            node, j, last = self.root, i, -1
            while j < n and text[j] in node:
                node = node[text[j]]
                j += 1
                if "" in node:
                    last = j
            if last != -1:
                out.append((i, last))
                i = last
            else:
                i += 1
        return out


def read_segmented(patterns):
    for pat in patterns:
        for path in sorted(glob.glob(pat)):
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    toks = line.split()
                    if toks and not line.startswith("#"):
                        yield path, n, toks


def check(words, segmented_patterns):
    trie = Trie(words)
    hits, conflicts = collections.Counter(), collections.defaultdict(list)
    for path, n, toks in read_segmented(segmented_patterns):
        text = "".join(toks)
        gold, i = set(), 0
        for t in toks:
            gold.add((i, i + len(t)))
            i += len(t)
        for a, b in trie.fmm(text):
            w = text[a:b]
            if (a, b) in gold:
                hits[w] += 1
            else:
                conflicts[w].append(f"{os.path.relpath(path, REPO)}:{n}: {' '.join(toks)}")
    return hits, conflicts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lexicon", default=LEXICON, help="directory of *.txt word lists")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--segmented", nargs="*", default=SEGMENTED,
                    help="segmented files (globs) for the conflict check")
    ap.add_argument("--keep-conflicts", action="store_true")
    ap.add_argument("--report", action="store_true", help="show fixture contexts of every match")
    ap.add_argument("--pp-exclude-out", default=None,
                    help=f"post-processor exclusion list (default: {PP_EXCLUDE_NAME} beside --out; 'none' to skip)")
    args = ap.parse_args(argv)

    paths = sorted(glob.glob(os.path.join(args.lexicon, "*.txt")))
    words = read_lexicon(paths)
    hits, conflicts = check(words, args.segmented)

    dropped = []
    for w in sorted(conflicts):
        n = len(conflicts[w])
        print(f"CONFLICT {w} ({words[w]}): forced word crosses a gold boundary {n}x, "
              f"is a gold token {hits[w]}x")
        for ex in conflicts[w][:3]:
            print("    ", ex)
        if not args.keep_conflicts:
            dropped.append(w)
    final = sorted(w for w in words if w not in dropped)

    if args.report:
        trie = Trie(final)
        for pat in RAW:
            for path in sorted(glob.glob(pat)):
                text = open(path, encoding="utf-8").read()
                for a, b in trie.fmm(text):
                    ctx = text[max(0, a - 6):a] + "[" + text[a:b] + "]" + text[b:b + 6]
                    print(f"  {os.path.relpath(path, REPO)}: {ctx.replace(chr(10), ' ')}")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("".join(w + "\n" for w in final))
    print(f"wrote {args.out}: {len(final)} words from {len(paths)} lexicon files "
          f"({len(dropped)} dropped for conflicts); gold-token matches in training data: "
          f"{sum(hits[w] for w in final)}")

    pp_out = args.pp_exclude_out or os.path.join(os.path.dirname(os.path.abspath(args.out)), PP_EXCLUDE_NAME)
    if pp_out.lower() != "none":
        excluded = postprocess_exclusions(args.segmented)
        with open(pp_out, "w", encoding="utf-8") as f:
            f.write("".join(w + "\n" for w in excluded))
        print(f"wrote {pp_out}: {len(excluded)} words of spacy_pkuseg's post-processor dictionary that the "
              f"training data writes split and never whole")
    return 0


def postprocess_exclusions(segmented_patterns, max_len: int = 10) -> list[str]:
    """default.pkl words written as several tokens (and never as one) in the training data."""
    import pickle

    import spacy_pkuseg

    path = os.path.join(os.path.dirname(spacy_pkuseg.__file__), "dicts", "default.pkl")
    with open(path, "rb") as f:
        words = set(pickle.load(f).strip().split("\n"))
    split_seen, whole = set(), set()
    for _path, _n, toks in read_segmented(segmented_patterns):
        whole.update(toks)
        for i in range(len(toks)):
            acc = toks[i]
            for j in range(i + 1, len(toks)):
                acc += toks[j]
                if len(acc) > max_len:
                    break
                split_seen.add(acc)
    return sorted(w for w in words if w in split_seen and w not in whole)


if __name__ == "__main__":
    sys.exit(main())
