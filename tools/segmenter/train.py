#!/usr/bin/env python3
"""Train fzcheck's pkuseg word-segmentation model.

Training text = UD training data (build/segmenter/ud-train.txt, from prepare_ud.py)
              + the hand-segmented domain training files
                data/segmenter/domain/train-*.txt, repeated --oversample N times
                so that the report convention dominates where it differs from UD.

The held-out files (ud-heldout.txt, domain/heldout-*.txt) are never read here.

spacy_pkuseg.train() writes features.msgpack + weights.npz (about 4 MB).  We then
shrink the model to about 2 MB:
  * features whose weights are all |w| < --prune (0.03) are dropped and the rest
    re-indexed (measured: no change of held-out F1 at 0.03; 0.1 costs 0.1-0.3 points);
  * the 'bigram' list (used only while building features, never at inference)
    is emptied, and 'unigram' is cut to the words that the kept word features
    mention (a unigram only matters through those features);
  * weights are rounded to --decimals places and stored with np.savez_compressed
    (np.load reads it transparently; the dtype stays float64 as pkuseg needs).
Training is deterministic: python's random (pkuseg shuffles with it) is seeded
with --seed and pkuseg's weights start at zero; two runs on the same data give
byte-identical files.

Outputs in --out (default checker/models/pkuseg/): features.msgpack, weights.npz,
LICENSE, ATTRIBUTION.md, and training-info.json (data sizes, flags, hashes).
user_dict.txt and postprocess_exclude.txt there are written by build_userdict.py
and left alone.

Usage:
  train.py [--oversample 4] [--iters 20] [--reg 3] [--out checker/models/pkuseg]
  train.py --baseline            # UD data only -> build/segmenter/baseline
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import random
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(REPO, "build", "segmenter")
DEFAULT_OUT = os.path.join(REPO, "checker", "models", "pkuseg")
DOMAIN_DIR = os.path.join(REPO, "data", "segmenter", "domain")

# full-width <-> ASCII punctuation, for --punct-variants
FW = "，：；（）！？"
HW = ",:;()!?"
TO_HW = str.maketrans(FW, HW)
TO_FW = str.maketrans(HW, FW)

ATTRIBUTION = """\
# fzcheck word-segmentation model: licence and attribution

The files in this directory (features.msgpack, weights.npz, user_dict.txt,
postprocess_exclude.txt) are the word-segmentation model of fzcheck, a
conditional-random-field model in the format of spacy-pkuseg, trained by
tools/segmenter/train.py (the two word lists come from tools/segmenter/build_userdict.py).

The model weights and feature tables are derived from:

* **UD Chinese GSDSimp** (Universal Dependencies), dev split, CC BY-SA 4.0.
  Qi, Peng; Yasuoka, Koichi; and the UD Chinese GSD contributors (Google).
  https://universaldependencies.org/treebanks/zh_gsdsimp/
* **UD Chinese PUD** (Parallel Universal Dependencies, CoNLL 2017 shared task),
  CC BY-SA 3.0 (converted to simplified characters with OpenCC).
  https://universaldependencies.org/treebanks/zh_pud/
* hand-segmented sentences from Chinese government 法治政府建设年度报告 written by the
  fzcheck project (data/segmenter/domain/train-*.txt).

Changes: the UD tokenisation was adapted to fzcheck's segmentation convention by the
rules documented in tools/segmenter/prepare_ud.py and data/ud-zh/ATTRIBUTION.md, and
combined with the project's own data to train this model.

As an adaptation of CC BY-SA material, **this model is distributed under the terms of
the Creative Commons Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0)**
(https://creativecommons.org/licenses/by-sa/4.0/; CC BY-SA 3.0 material may be adapted
under 4.0, see https://creativecommons.org/share-your-work/licensing-considerations/compatible-licenses).
You may share and adapt it, also commercially, if you give appropriate credit, indicate
changes, and distribute your contributions under the same licence.  fzcheck's code is
under its own licence (see pyproject.toml); only this model directory is CC BY-SA.

The original treebank licences and READMEs are in data/ud-zh/ of the fzcheck source.

## Fast segmenter files

fastseg-features.marisa, fastseg-weights.bin, fastseg-unigram.txt and fastseg.json are the same
model re-encoded for checker/segment/fastseg.py by tools/segmenter/build_fastseg.py (under the
licence above). fastseg-postprocess.marisa is the word list of spacy-pkuseg's post-processor
(spacy_pkuseg/dicts/default.pkl) stored as a trie: it comes from spacy-pkuseg, MIT licence,
Copyright (c) 2020 ExplosionAI GmbH, 2018-2019 pkuseg authors
(https://github.com/explosion/spacy-pkuseg).
"""

LICENSE_TEXT = """\
The fzcheck word-segmentation model in this directory (features.msgpack, weights.npz,
user_dict.txt, postprocess_exclude.txt) is licensed under the Creative Commons Attribution-ShareAlike 4.0
International License (CC BY-SA 4.0).

    https://creativecommons.org/licenses/by-sa/4.0/
    Full legal code: https://creativecommons.org/licenses/by-sa/4.0/legalcode

It is an adaptation of UD Chinese GSDSimp (CC BY-SA 4.0) and UD Chinese PUD
(CC BY-SA 3.0).  See ATTRIBUTION.md for credits and the changes made.
"""


def read_lines(paths) -> list[str]:
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                line = " ".join(line.split())
                if line and not line.startswith("#"):
                    out.append(line)
    return out


def build_training_text(ud_lines, domain_lines, oversample, punct_variants, rng) -> list[str]:
    lines = list(ud_lines)
    for k in range(oversample):
        for line in domain_lines:
            if punct_variants and k % 2 == 1:
                # every other copy with the other punctuation width: reports mix ，and ,
                alt = line.translate(TO_HW) if any(c in line for c in FW) else line.translate(TO_FW)
                lines.append(alt)
            else:
                lines.append(line)
    rng.shuffle(lines)
    return lines


def shrink_model(src: str, dst: str, prune: float, decimals: int) -> dict:
    """Copy a trained pkuseg model from src to dst, dropping useless features."""
    import numpy as np
    import srsly

    data = srsly.read_msgpack(os.path.join(src, "features.msgpack"))
    npz = np.load(os.path.join(src, "weights.npz"))
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    w = npz["w"]
    node = w[: n_tag * n_feature].reshape(n_feature, n_tag)
    edge = w[n_tag * n_feature:]

    keep_mask = np.abs(node).max(axis=1) >= prune
    keep_mask[0] = True  # feature 0 is the always-on bias feature '$$'
    idx_to_feat = {i: f for f, i in data["feature_to_idx"].items()}
    kept = [i for i in range(n_feature) if keep_mask[i]]
    feature_to_idx = {idx_to_feat[old]: new for new, old in enumerate(kept)}
    new_node = node[kept]

    words = set()
    for feat in feature_to_idx:
        if feat.startswith(("w-1.", "w1.")):
            words.add(feat.split(".", 1)[1])
        elif feat.startswith(("ww.l.", "ww.r.")):
            pre, _, post = feat[5:].partition("*")
            words.add(pre)
            words.add(post)
    unigram = sorted(w_ for w_ in data["unigram"] if w_ in words)

    new_w = np.concatenate([new_node.reshape(-1), edge])
    if decimals >= 0:
        new_w = np.round(new_w, decimals)
    new_w = np.ascontiguousarray(new_w, dtype=np.float64)
    os.makedirs(dst, exist_ok=True)
    out = {"unigram": unigram, "bigram": [], "feature_to_idx": feature_to_idx,
           "tag_to_idx": data["tag_to_idx"]}
    srsly.write_msgpack(os.path.join(dst, "features.msgpack"), out)
    np.savez_compressed(os.path.join(dst, "weights.npz"),
                        sizes=np.array([n_tag, len(kept)]), w=new_w)
    return {"features_trained": n_feature, "features_kept": len(kept),
            "unigram_trained": len(data["unigram"]), "unigram_kept": len(unigram)}


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ud-train", default=os.path.join(BUILD, "ud-train.txt"))
    ap.add_argument("--domain-dir", default=DOMAIN_DIR)
    ap.add_argument("--domain-glob", default="train-*.txt")
    ap.add_argument("--oversample", "-N", type=int, default=4,
                    help="copies of the domain training data (chosen by domain held-out F1)")
    ap.add_argument("--iters", type=int, default=20, help="pkuseg training iterations")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--punct-variants", action=argparse.BooleanOptionalAction, default=True,
                    help="every other domain copy with ASCII<->full-width punctuation swapped")
    ap.add_argument("--reg", type=float, default=3.0,
                    help="pkuseg L2 regularisation sigma (config.reg, pkuseg default 1; larger = weaker; 3 chosen by held-out F1)")
    ap.add_argument("--prune", type=float, default=0.03, help="drop features with all |w| below this")
    ap.add_argument("--decimals", type=int, default=3, help="round weights (-1: no rounding)")
    ap.add_argument("--baseline", action="store_true",
                    help="UD data only, written to build/segmenter/baseline (unless --out)")
    ap.add_argument("--out", default=None)
    ap.add_argument("--no-attribution", action="store_true", help="don't write LICENSE/ATTRIBUTION.md")
    args = ap.parse_args(argv)

    out = args.out or (os.path.join(BUILD, "baseline") if args.baseline else DEFAULT_OUT)
    if not os.path.exists(args.ud_train):
        sys.exit(f"{args.ud_train} missing: run tools/segmenter/prepare_ud.py first")
    ud_lines = read_lines([args.ud_train])
    domain_files = [] if args.baseline else sorted(glob.glob(os.path.join(args.domain_dir, args.domain_glob)))
    domain_lines = read_lines(domain_files)
    if not args.baseline and not domain_lines:
        print(f"warning: no domain training data in {args.domain_dir}/{args.domain_glob}", file=sys.stderr)

    rng = random.Random(args.seed)
    lines = build_training_text(ud_lines, domain_lines, 0 if args.baseline else args.oversample,
                                args.punct_variants, rng)
    print(f"training text: {len(ud_lines)} UD + {len(domain_lines)} domain sentences "
          f"x{0 if args.baseline else args.oversample} = {len(lines)} lines "
          f"({', '.join(os.path.relpath(p, REPO) for p in domain_files) or 'no domain files'})")

    import spacy_pkuseg

    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="fzcheck-seg-") as tmp:
        train_file = os.path.join(tmp, "train.txt")
        with open(train_file, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        # pkuseg evaluates on a 'test' file after every iteration, only for its log;
        # give it a slice of the training text so held-out data is never touched.
        monitor = os.path.join(tmp, "monitor.txt")
        with open(monitor, "w", encoding="utf-8") as f:
            f.write("\n".join(lines[:200]) + "\n")
        raw_dir = os.path.join(tmp, "model")
        random.seed(args.seed)  # pkuseg's ADF optimizer shuffles with the global random
        spacy_pkuseg.config.reg = args.reg
        spacy_pkuseg.train(train_file, monitor, raw_dir, train_iter=args.iters)
        train_time = time.time() - t0
        info = shrink_model(raw_dir, out, args.prune, args.decimals)

    if not args.no_attribution:
        with open(os.path.join(out, "ATTRIBUTION.md"), "w", encoding="utf-8") as f:
            f.write(ATTRIBUTION)
        with open(os.path.join(out, "LICENSE"), "w", encoding="utf-8") as f:
            f.write(LICENSE_TEXT)

    size = sum(os.path.getsize(os.path.join(out, n)) for n in ("features.msgpack", "weights.npz"))
    info.update({
        "ud_sentences": len(ud_lines),
        "domain_sentences": len(domain_lines),
        "domain_files": [os.path.relpath(p, REPO) for p in domain_files],
        "oversample": 0 if args.baseline else args.oversample,
        "punct_variants": args.punct_variants,
        "iters": args.iters,
        "seed": args.seed,
        "prune": args.prune,
        "reg": args.reg,
        "decimals": args.decimals,
        "model_bytes": size,
        "sha256": {n: sha256(os.path.join(out, n)) for n in ("features.msgpack", "weights.npz")},
    })
    # (no timings in the file: a rerun on the same data reproduces every file byte for byte)
    with open(os.path.join(out, "training-info.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print(f"model written to {out}: {size / 1e6:.2f} MB, features {info['features_kept']}/"
          f"{info['features_trained']}, training {train_time:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
