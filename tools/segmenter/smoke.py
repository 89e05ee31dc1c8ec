#!/usr/bin/env python3
"""Load the shipped segmentation model the way the package does, with no network.

    smoke.py [--model checker/models/pkuseg] [TEXT...]

Any attempt to open a network connection while loading or segmenting raises
(socket.socket.connect and socket.create_connection are replaced), so a
successful run shows the model loads from the package directory alone.
Exit status 0 on success.
"""
from __future__ import annotations

import argparse
import os
import socket
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_MODEL = os.path.join(REPO, "checker", "models", "pkuseg")
SAMPLES = [
    "2023年，我局深入学习贯彻习近平法治思想，全面落实行政执法三项制度，全年办理行政复议案件12件，纠错率达99.5%。",
    "县人民政府法治政府建设领导小组严格执行《中华人民共和国行政许可法》，推动“放管服”改革和“三重一大”决策制度落到实处。",
]


class NetworkUsed(RuntimeError):
    pass


def forbid_network():
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args!r}")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("text", nargs="*")
    args = ap.parse_args(argv)

    forbid_network()
    import spacy

    model_dir = args.model
    user_dict = os.path.join(model_dir, "user_dict.txt")
    for name in ("features.msgpack", "weights.npz", "user_dict.txt"):
        if not os.path.exists(os.path.join(model_dir, name)):
            print(f"missing {os.path.join(model_dir, name)}", file=sys.stderr)
            return 1

    t0 = time.perf_counter()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(pkuseg_model=model_dir, pkuseg_user_dict=user_dict)
    load = time.perf_counter() - t0
    # spacy_pkuseg attaches a post-processor that merges adjacent words found in its
    # bundled 390k-word dictionary; the words of it that contradict fzcheck's convention
    # (提出, 新时代, 三年, ...) are listed in postprocess_exclude.txt and removed, as the
    # package does.
    exclude = os.path.join(model_dir, "postprocess_exclude.txt")
    if os.path.exists(exclude):
        pp = nlp.tokenizer.pkuseg_seg.postprocesser
        with open(exclude, encoding="utf-8") as f:
            pp.other_words = pp.other_words - set(f.read().split())
    else:
        print(f"warning: {exclude} missing; post-processor left as spaCy set it up", file=sys.stderr)

    print(f"loaded {model_dir} in {load:.2f}s (no network)")
    for text in args.text or SAMPLES:
        print(" ".join(t.text for t in nlp(text)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
