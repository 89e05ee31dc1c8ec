#!/usr/bin/env python3
"""Write the files of the fast segmenter (checker/segment/fastseg.py) from the shipped model.

    build_fastseg.py [--model checker/models/pkuseg]

Reads, in --model: features.msgpack and weights.npz (train.py), and spacy_pkuseg's bundled
post-processor dictionary (spacy_pkuseg/dicts/default.pkl, as installed). Writes, in --model:

  fastseg-features.marisa    the model's feature strings, a MARISA trie (key id = row below)
  fastseg-weights.bin        the weights, little-endian integers of 1/divisor (int16 while they
                             fit), rows reordered to the trie's key ids; the 25 edge weights last
                             as in weights.npz
  fastseg-unigram.txt        the unigram words of the word features, one a line
  fastseg-postprocess.marisa default.pkl's words, a MARISA trie
  fastseg.json               sizes, tags, weight type and divisor, the id of pkuseg's feature 0,
                             and the sha256 of each source file (tests/test_fastseg.py checks
                             them against the sources, so a retrained model without a rebuild
                             fails the tests)

user_dict.txt and postprocess_exclude.txt are read by fastseg.py as they are, like words.py.

The build refuses (exit 1) what fastseg.py could not reproduce exactly: weights that are not an
exact number of 1/10**d for some d <= 6 (they are stored as float64 then, 4x larger), a feature
or word with NUL in it (marisa-trie cuts keys at NUL), an empty unigram word, a trie that does
not give back every key.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
from array import array

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_MODEL = os.path.join(REPO, "checker", "models", "pkuseg")

FILES = {
    "features": "fastseg-features.marisa",
    "weights": "fastseg-weights.bin",
    "unigram": "fastseg-unigram.txt",
    "postprocess": "fastseg-postprocess.marisa",
}
META = "fastseg.json"


def sha256(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def default_dict_path() -> str:
    import importlib.util

    spec = importlib.util.find_spec("spacy_pkuseg")
    if spec is None or spec.origin is None:
        sys.exit("spacy_pkuseg is not installed")
    return os.path.join(os.path.dirname(spec.origin), "dicts", "default.pkl")


def sources(model: str) -> dict[str, str]:
    """The files the build reads (name in fastseg.json -> path)."""
    return {
        "features.msgpack": os.path.join(model, "features.msgpack"),
        "weights.npz": os.path.join(model, "weights.npz"),
        "spacy_pkuseg/dicts/default.pkl": default_dict_path(),
    }


def integer_weights(w) -> tuple[str, int, list]:
    """(typecode, divisor, values): the smallest 10**d for which every weight is k / 10**d
    exactly as Python computes it, and the narrowest integer type for k; else float64."""
    floats = [float(x) for x in w]
    for d in range(7):
        div = 10 ** d
        ks = [round(x * div) for x in floats]
        if all(k / div == x for k, x in zip(ks, floats)):
            lo, hi = min(ks), max(ks)
            for code, bits in (("h", 16), ("i", 32)):
                if -(2 ** (bits - 1)) <= lo and hi < 2 ** (bits - 1) and array(code).itemsize * 8 == bits:
                    return code, div, ks
    return "d", 1, floats


def write_bytes(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


def written(path: str, write) -> None:
    """write(tmp) then rename tmp to path."""
    tmp = path + ".tmp"
    write(tmp)
    os.replace(tmp, path)


def build(model: str) -> dict:
    import marisa_trie
    import numpy as np
    import srsly

    src = sources(model)
    data = srsly.read_msgpack(src["features.msgpack"])
    feature_to_idx: dict[str, int] = data["feature_to_idx"]
    tag_to_idx: dict[str, int] = data["tag_to_idx"]
    unigram: list[str] = sorted(data["unigram"])
    npz = np.load(src["weights.npz"])
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    w = npz["w"]
    assert w.dtype == np.float64 and w.shape == (n_tag * (n_feature + n_tag),), (w.dtype, w.shape)
    assert n_tag == 5 and sorted(tag_to_idx.values()) == list(range(n_tag)), tag_to_idx
    assert len(feature_to_idx) == n_feature and sorted(feature_to_idx.values()) == list(range(n_feature))

    def fail(msg: str) -> None:
        sys.exit(f"build_fastseg: {msg}")

    keys = list(feature_to_idx)
    if any("\x00" in k for k in keys):
        fail("a feature string contains NUL")
    if "" in unigram or any("\n" in u or "\x00" in u for u in unigram):
        fail("an empty unigram word, or one with a newline or NUL")
    trie = marisa_trie.Trie(keys)
    new_id = [0] * n_feature  # pkuseg index -> trie key id
    for k, old in feature_to_idx.items():
        kid = trie.get(k)
        if kid is None:
            fail(f"the feature trie does not give back {k!r}")
        new_id[old] = kid
    if len(set(new_id)) != n_feature or len(trie) != n_feature:
        fail("the feature trie's key ids are not one per feature")

    code, div, values = integer_weights(w)
    out = [0 if code != "d" else 0.0] * len(values)
    for old in range(n_feature):
        a, b = old * n_tag, new_id[old] * n_tag
        out[b:b + n_tag] = values[a:a + n_tag]
    edges = n_feature * n_tag
    out[edges:] = values[edges:]
    weights = array(code, out)
    if sys.byteorder != "little":  # pragma: no cover
        weights.byteswap()

    with open(src["spacy_pkuseg/dicts/default.pkl"], "rb") as f:
        pp_words = pickle.load(f).strip().split("\n")  # as spacy_pkuseg.Postprocesser reads it
    if any("\x00" in x for x in pp_words):
        fail("a post-processor word contains NUL")
    pp = marisa_trie.Trie(pp_words)
    if len(pp) != len(set(pp_words)) or not all(x in pp for x in pp_words):
        fail("the post-processor trie does not give back every word")

    # each file is written beside its name and then renamed over it: a process that has the old
    # one memory-mapped keeps reading the old file instead of crashing on a truncated one
    written(os.path.join(model, FILES["features"]), trie.save)
    written(os.path.join(model, FILES["weights"]), lambda p: write_bytes(p, weights.tobytes()))
    written(os.path.join(model, FILES["unigram"]), lambda p: write_bytes(p, "\n".join(unigram).encode("utf-8")))
    written(os.path.join(model, FILES["postprocess"]), pp.save)
    meta = {
        "about": "written by tools/segmenter/build_fastseg.py for checker/segment/fastseg.py; do not edit",
        "files": FILES,
        "n_tag": n_tag,
        "n_feature": n_feature,
        "tags": [t for t, _ in sorted(tag_to_idx.items(), key=lambda kv: kv[1])],
        "weights_typecode": code,
        "weights_divisor": div,
        "start_feature_id": new_id[0],
        "noword_features": any("**noWord" in k for k in keys),
        "postprocess_words": len(pp),
        "sources_sha256": {name: sha256(path) for name, path in src.items()},
    }
    text = json.dumps(meta, ensure_ascii=False, indent=1) + "\n"
    written(os.path.join(model, META), lambda p: write_bytes(p, text.encode("utf-8")))
    return meta


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    args = ap.parse_args(argv)
    meta = build(args.model)
    sizes = {name: os.path.getsize(os.path.join(args.model, f)) for name, f in [*FILES.items(), ("meta", META)]}
    print(f"wrote fast segmenter files in {args.model}: {meta['n_feature']} features, weights as "
          f"{meta['weights_typecode']!r} / {meta['weights_divisor']}, {meta['postprocess_words']} post-processor words; "
          + ", ".join(f"{k} {v:,} B" for k, v in sizes.items()) + f" (total {sum(sizes.values()):,} B)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
