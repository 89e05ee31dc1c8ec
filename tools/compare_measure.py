"""The measurements behind compare.recycled-text: words against characters, on every pair of
the ten reports (the five fixtures, the four last-year reports in fixtures/previous/ and the
control), and precision / recall of the carried-over text against the tables of
fixtures/previous/README.md (tests/prevpairs.py).

Measures (each the share of the first report's body found in the second's):
- words:   the rule as shipped (word 6-grams, standard phrases in windows of 5 words, passages
           >= 10 words);
- words*:  the same, with the standard phrases rebuilt without the two reports' issuers, so that
           neither report taught the list its phrases (the honest figure for unseen reports);
- words0:  word 6-grams, passages >= 10 words, no standard phrases;
- chars8 / chars15: what a character checker sees: characters in runs of >= 8 / >= 15
           characters that the other report also has (no discount);
- chars*:  the rule's method on characters: 12-character shingles, standard phrases as runs of
           >= 8 characters shared across issuers (rebuilt without the two reports' issuers) in
           windows of 8 characters, passages >= 20 characters.

Run: .venv/bin/python tools/compare_measure.py   (prints Markdown tables)
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))

import compare_boilerplate as cb  # noqa: E402
from checker.compare import boilerplate as bp  # noqa: E402
from checker.compare import recycled  # noqa: E402
from checker.compare.tokens import Token, sentences, tokens  # noqa: E402
from checker.pipeline import load_path, load_text  # noqa: E402
from checker.segment.document import fold  # noqa: E402

FIX, PREV = ROOT / "fixtures", ROOT / "fixtures" / "previous"
FILES = {
    "000": FIX / "000_afa1c9d59f367721.txt", "001": FIX / "001_f6bb264d07dd80ca.txt", "002": FIX / "002_943b5966bb0e66c9.txt",
    "003": FIX / "003_64caf8860024a4f7.txt", "004": FIX / "004_8188c43d4e8d5109.txt",
    "000p": PREV / "000_prev_2023.txt", "001p": PREV / "001_prev_2022.txt", "003p": PREV / "003_prev_2023.txt",
    "004p": PREV / "004_prev_2020.txt", "ctl": PREV / "other_遂溪县交通运输局_2023.txt",
}
ISSUER = {"000": "A", "000p": "A", "001": "B", "001p": "B", "002": "C", "003": "D", "003p": "D", "004": "E", "004p": "E", "ctl": "F"}
PAIRS = {"000": ("000", "000p"), "003": ("003", "003p"), "004": ("004", "004p"), "001": ("001", "001p")}
_PUNCT = re.compile(r"^[\W_]+$")


def chars(doc) -> list[Token]:
    text = doc.plain or doc.text
    out = []
    for a, b in sentences(doc):
        for i in range(a, b):
            c = fold(text[i])
            if not c.isspace():
                out.append(Token(c, i, i + 1, not _PUNCT.match(c)))
    return out


DOCS = {k: load_path(str(p)) for k, p in FILES.items()}
WRITTEN = [load_text(t, n) for n, t in cb.written_reports()]
SEQ = {"words": {k: tokens(d) for k, d in DOCS.items()}, "chars": {k: chars(d) for k, d in DOCS.items()}}
WSEQ = {"words": [[t.norm for t in tokens(d)] for d in WRITTEN], "chars": [[t.norm for t in chars(d)] for d in WRITTEN]}


@functools.lru_cache(maxsize=None)
def phrases(unit: str, without: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """Standard phrases from the fixtures and the written reports, leaving out some issuers."""
    src = [(ISSUER[k], [t.norm for t in SEQ[unit][k]]) for k in ("000", "001", "002", "003", "004") if ISSUER[k] not in without]
    src += [(f"w{i}", s) for i, s in enumerate(WSEQ[unit])]
    return frozenset(bp.phrases_of(src, 4 if unit == "words" else 8))


STD_N = 5  # the rule's `standard`: words of a window of standard phrase
MEASURES = {  # name: (unit, ngram, min length, gap, standard phrases)
    "words": ("words", 6, 10, 4, "shipped"),
    "words*": ("words", 6, 10, 4, "leave-out"),
    "words0": ("words", 6, 10, 4, None),
    "chars8": ("chars", 8, 8, 0, None),
    "chars15": ("chars", 15, 15, 0, None),
    "chars*": ("chars", 12, 20, 4, "leave-out"),
}


def measure(name: str, a: str, b: str) -> recycled.Recycled:
    unit, n, minimum, gap, std = MEASURES[name]
    sn = STD_N if unit == "words" else 8
    if std == "shipped":
        standard = bp.standard(sn)
    elif std == "leave-out":
        standard = bp.ngrams(phrases(unit, tuple(sorted({ISSUER[a], ISSUER[b]}))), sn)
    else:
        standard = frozenset()
    return recycled.compare(SEQ[unit][a], SEQ[unit][b], standard, n, minimum, gap)


def gold(pid: str) -> set[int]:
    """Offsets of this year's body characters that tests/prevpairs.py says are carried over."""
    from prevpairs import SPEC

    doc = DOCS[PAIRS[pid][0]]
    flat, pos = zip(*[(c, i) for i, c in enumerate(doc.text) if not c.isspace()])
    flat = "".join(flat)
    body = doc.regions["body"]
    out: set[int] = set()
    for row in SPEC[pid]["A"] + SPEC[pid]["B"]:
        a = re.sub(r"\s", "", row[0])
        i = flat.find(a)
        j = i + len(a) if row[1] is None else flat.index(re.sub(r"\s", "", row[1]), i) + len(re.sub(r"\s", "", row[1]))
        for k in range(pos[i], pos[j - 1] + 1):
            if any(x <= k < y for x, y in body) and not doc.text[k].isspace() and not _PUNCT.match(doc.text[k]):
                out.add(k)
    return out


def main() -> None:
    names = list(MEASURES)
    print("### Share of the first report's body found in the second's (%)\n")
    print("| pair | kind | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    rows = [(a, b, "same issuer") for a, b in PAIRS.values()]
    rows += [(x, "ctl", "control") for x in FILES if x != "ctl"] + [("ctl", x, "control") for x in FILES if x != "ctl"]
    fx = ["000", "001", "002", "003", "004"]
    rows += [(x, y, "fixtures") for x in fx for y in fx if x != y]
    rows += [(x, y, "other issuer") for x in FILES for y in FILES
             if x != y and ISSUER[x] != ISSUER[y] and "ctl" not in (x, y) and not (x in fx and y in fx)]
    shares: dict[tuple[str, str, str], float] = {}
    for a, b, kind in rows:
        vals = []
        for n in names:
            v = measure(n, a, b).share
            shares[(n, a, b)] = v
            vals.append(f"{100 * v:.1f}")
        if kind != "other issuer":
            print(f"| {a} → {b} | {kind} | " + " | ".join(vals) + " |")
    print("\n(`other issuer`: the remaining", sum(1 for r in rows if r[2] == "other issuer"),
          "ordered pairs of reports of different issuers, last-year reports included, are in the summary below.)\n")
    print("### Separation and accuracy\n")
    print("| measure | same issuer, lowest | different issuers, highest | different issuers, mean | ratio | precision | recall |")
    print("|---|---|---|---|---|---|---|")
    for n in names:
        same = [shares[(n, a, b)] for a, b in PAIRS.values()]
        diff = [shares[(n, a, b)] for a, b, k in rows if k != "same issuer"]
        tp = fp = fn = 0
        for pid, (a, b) in PAIRS.items():
            doc = DOCS[a]
            cov = {k for p in measure(n, a, b).passages for x, y in p.carried for k in range(x, y)
                   if not doc.text[k].isspace() and not _PUNCT.match(doc.text[k])}
            g = gold(pid)
            tp, fp, fn = tp + len(cov & g), fp + len(cov - g), fn + len(g - cov)
        ratio = min(same) / max(diff) if max(diff) else float("inf")
        print(f"| {n} | {100 * min(same):.1f} | {100 * max(diff):.1f} | {100 * sum(diff) / len(diff):.2f} | "
              f"{ratio:.1f} | {100 * tp / (tp + fp):.1f} | {100 * tp / (tp + fn):.1f} |")


if __name__ == "__main__":
    main()
