#!/usr/bin/env python3
"""Evaluate pkuseg segmentation models on the held-out sets.

Word-level precision / recall / F1 with standard SIGHAN scoring: each word is
the span (start, end) of its characters in the sentence; a predicted word is
correct iff the gold segmentation has a word with exactly the same span.

Held-out sets (never trained on):
  ud      build/segmenter/ud-heldout.txt       (UD GSDSimp test, adapted by prepare_ud.py)
  domain  data/segmenter/domain/heldout-*.txt  (hand-segmented report sentences)

Each model is loaded the way the package loads it: spaCy's Chinese tokenizer
with segmenter=pkuseg, nlp.tokenizer.initialize(pkuseg_model=DIR,
pkuseg_user_dict=USER_DICT).  spacy_pkuseg then also runs a post-processor that
merges adjacent words found in its 390k-word dictionary
(spacy_pkuseg/dicts/default.pkl), e.g. 提 出 -> 提出, which in places contradicts
the convention.  Three post-processor modes are reported (README.md):
  pp=off       postprocesser.do_process = False
  pp=full      as spaCy sets it up
  pp=filtered  the words in MODEL/postprocess_exclude.txt (build_userdict.py)
               removed from its dictionary -- what the package does

Usage:
  evaluate.py [--model checker/models/pkuseg] [--baseline build/segmenter/baseline]
              [--user-dict PATH|none] [--postprocess off|full|filtered|all] [--errors N]
"""
from __future__ import annotations

import argparse
import collections
import glob
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_MODEL = os.path.join(REPO, "checker", "models", "pkuseg")
DEFAULT_BUILD = os.path.join(REPO, "build", "segmenter")
DEFAULT_DOMAIN = os.path.join(REPO, "data", "segmenter", "domain")


# ---------------------------------------------------------------- data / scoring

def read_segmented(paths) -> list[list[str]]:
    """One sentence per line, tokens separated by whitespace; blank and '#' lines skipped."""
    sents = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                sents.append(line.split())
    return sents


def spans(words: list[str]) -> set[tuple[int, int]]:
    out, i = set(), 0
    for w in words:
        out.add((i, i + len(w)))
        i += len(w)
    return out


class Score:
    def __init__(self):
        self.gold = self.pred = self.correct = 0
        self.sents = self.sents_exact = 0
        self.chars = 0

    def add(self, gold: list[str], pred: list[str]):
        g, p = spans(gold), spans(pred)
        if "".join(gold) != "".join(pred):
            raise ValueError(f"text mismatch: {''.join(gold)!r} vs {''.join(pred)!r}")
        self.gold += len(g)
        self.pred += len(p)
        self.correct += len(g & p)
        self.sents += 1
        self.sents_exact += g == p
        self.chars += len("".join(gold))

    @property
    def p(self):
        return self.correct / self.pred if self.pred else 0.0

    @property
    def r(self):
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f(self):
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


# ---------------------------------------------------------------- segmenters

PP_EXCLUDE = "postprocess_exclude.txt"


def apply_postprocess_mode(nlp, mode: str, model_dir: str) -> None:
    pp = nlp.tokenizer.pkuseg_seg.postprocesser
    if mode == "off":
        pp.do_process = False
    elif mode == "filtered":
        with open(os.path.join(model_dir, PP_EXCLUDE), encoding="utf-8") as f:
            pp.other_words = pp.other_words - set(f.read().split())


def load_spacy(model_dir: str, user_dict: str | None, postprocess: str = "filtered"):
    """Load a model exactly as the package does (spaCy zh tokenizer + pkuseg)."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    if user_dict is None:
        # spaCy substitutes the model path for pkuseg_user_dict=None (and fails on a
        # directory); an empty file means "no user dictionary".
        empty = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)
        empty.close()
        user_dict = empty.name
    nlp.tokenizer.initialize(pkuseg_model=model_dir, pkuseg_user_dict=user_dict)
    apply_postprocess_mode(nlp, postprocess, model_dir)
    return nlp


def segment_all(nlp, sents: list[list[str]]) -> tuple[list[list[str]], float]:
    texts = ["".join(s) for s in sents]
    t0 = time.perf_counter()
    out = [[t.text for t in nlp.tokenizer(text) if not t.is_space] for text in texts]
    return out, time.perf_counter() - t0


def evaluate_model(model_dir, user_dict, sets: dict, postprocess="filtered", errors=0, label=""):
    nlp = load_spacy(model_dir, user_dict, postprocess)
    results = {}
    total_chars = 0
    for name, sents in sets.items():
        preds, dt = segment_all(nlp, sents)
        sc = Score()
        errs = collections.Counter()
        examples = []
        for gold, pred in zip(sents, preds):
            sc.add(gold, pred)
            if errors and spans(gold) != spans(pred):
                examples.append((gold, pred))
                g, p = spans(gold), spans(pred)
                text = "".join(gold)
                for (a, b) in sorted(p - g):
                    errs["pred " + text[a:b]] += 1
                for (a, b) in sorted(g - p):
                    errs["gold " + text[a:b]] += 1
        total_chars += sc.chars
        results[name] = sc
        if errors:
            print(f"--- {label} {name}: {len(examples)} sentences differ; most frequent error words:")
            print("   ", "  ".join(f"{k}×{v}" for k, v in errs.most_common(40)))
            for gold, pred in examples[:errors]:
                print("  G:", " ".join(gold))
                print("  P:", " ".join(pred))
    # speed: best of 3 further passes over all sentences (the scoring pass above warms up)
    texts = ["".join(s) for sents in sets.values() for s in sents]
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for text in texts:
            nlp.tokenizer(text)
        best = min(best, time.perf_counter() - t0)
    cps = total_chars / best if best else 0.0
    return results, cps


def load_sets(build_dir: str, domain_dir: str) -> dict:
    sets = {}
    ud = os.path.join(build_dir, "ud-heldout.txt")
    if os.path.exists(ud):
        sets["ud-heldout"] = read_segmented([ud])
    else:
        print(f"warning: {ud} missing (run prepare_ud.py)", file=sys.stderr)
    dom = sorted(glob.glob(os.path.join(domain_dir, "heldout-*.txt")))
    if dom:
        # a held-out sentence that also occurs in the training files (short headings such
        # as 一 、 2023年度 推进 法治 政府 建设 的 主要 举措 和 成效) is not held out: drop it
        train_texts = {"".join(s) for s in read_segmented(glob.glob(os.path.join(domain_dir, "train-*.txt")))}
        held = read_segmented(dom)
        kept = [s for s in held if "".join(s) not in train_texts]
        if len(kept) < len(held):
            print(f"note: {len(held) - len(kept)} domain held-out sentence(s) also occur in train-*.txt; "
                  f"excluded from scoring", file=sys.stderr)
        sets["domain-heldout"] = kept
    else:
        print(f"warning: no heldout-*.txt in {domain_dir}", file=sys.stderr)
    return sets


def print_table(rows):
    print(f"{'model':<32} {'set':<16} {'sents':>6} {'words':>7} {'P':>7} {'R':>7} {'F1':>7} {'exact':>7}")
    for label, name, sc in rows:
        exact = sc.sents_exact / sc.sents if sc.sents else 0.0
        print(f"{label:<32} {name:<16} {sc.sents:>6} {sc.gold:>7} {sc.p:>7.4f} {sc.r:>7.4f} {sc.f:>7.4f} {exact:>7.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=DEFAULT_MODEL, help="model dir (default: the shipped model)")
    ap.add_argument("--user-dict", default=None,
                    help="user dictionary for --model (default: MODEL/user_dict.txt; 'none' for none)")
    ap.add_argument("--baseline", default=os.path.join(DEFAULT_BUILD, "baseline"),
                    help="UD-only baseline model dir ('none' to skip); evaluated without user dict")
    ap.add_argument("--build-dir", default=DEFAULT_BUILD)
    ap.add_argument("--domain-dir", default=DEFAULT_DOMAIN)
    ap.add_argument("--postprocess", choices=["off", "full", "filtered", "all"], default="all",
                    help="spacy_pkuseg's default.pkl post-processor mode (default: report all; "
                         "the package uses 'filtered')")
    ap.add_argument("--errors", type=int, default=0, help="print N differing sentences per set")
    args = ap.parse_args(argv)

    sets = load_sets(args.build_dir, args.domain_dir)
    if not sets:
        print("nothing to evaluate", file=sys.stderr)
        return 1

    user_dict = args.user_dict
    if user_dict is None:
        cand = os.path.join(args.model, "user_dict.txt")
        user_dict = cand if os.path.exists(cand) else None
    elif user_dict.lower() == "none":
        user_dict = None

    pp_modes = ["filtered", "off", "full"] if args.postprocess == "all" else [args.postprocess]
    models = [("model", args.model, user_dict)]
    if args.baseline.lower() != "none":
        if os.path.exists(os.path.join(args.baseline, "weights.npz")):
            models.append(("baseline(UD-only)", args.baseline, None))
        else:
            print(f"warning: baseline {args.baseline} missing (train.py --baseline)", file=sys.stderr)

    rows, speeds = [], []
    for label, mdir, ud in models:
        for pp in pp_modes:
            if pp == "filtered" and not os.path.exists(os.path.join(mdir, PP_EXCLUDE)):
                continue  # (the baseline has no exclusion list)
            full = f"{label}{'' if ud else ' -dict'} pp={pp}"
            res, cps = evaluate_model(mdir, ud, sets, postprocess=pp, errors=args.errors, label=full)
            for name, sc in res.items():
                rows.append((full, name, sc))
            speeds.append((full, cps))
    print()
    print(f"model: {args.model}  user dict: {user_dict or '-'}")
    print("(pp = spacy_pkuseg's default.pkl post-processor: off / full (spaCy's default) / filtered "
          "(minus postprocess_exclude.txt, as the package loads it); -dict = no user dict)")
    print_table(rows)
    print()
    for full, cps in speeds:
        print(f"speed {full:<32} {cps:>10.0f} chars/s (spaCy tokenizer, 1 process, best of 3 passes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
