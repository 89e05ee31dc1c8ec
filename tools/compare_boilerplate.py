"""Write checker/compare/standard.txt: the standard phrases of these reports.

A standard phrase is a run of at least MIN_TOKENS tokens (our segmenter's words and the
punctuation between them, as checker/compare/tokens.py gives them) that the reports of two
*different* issuers share: 深入学习贯彻习近平法治思想, 在区委、区政府的正确领导下, the headings the
督察工作规定 prescribes. compare.recycled-text does not count them as carried over.

Sources, one report per issuer:
- the bundled fixtures (fixtures/*.txt and fixtures/previous/*.txt): of the reports of one issuer
  (checker/compare/pairing.py) only the latest, so the last-year reports of fixtures/previous/
  are left out and its control report, another issuer, is in;
- the hand-written reports of the segmenter's domain data (data/segmenter/domain/*written*.txt,
  each report starting at its title line), joined back from their gold segmentation and
  segmented again by our model, so that their tokens are the ones the rule sees.

``build(leave_out=...)`` builds the list without some reports (the tests measure the control and
the fixtures against a list that none of the two reports compared taught).

Run: .venv/bin/python tools/compare_boilerplate.py   (make compare-boilerplate)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.compare import boilerplate, pairing  # noqa: E402
from checker.compare.tokens import tokens  # noqa: E402
from checker.pipeline import load_path, load_text  # noqa: E402

OUT = ROOT / "checker" / "compare" / boilerplate.FILE
TITLE = re.compile(r"(?:法治|建设).{0,20}报告$")


def written_reports() -> list[tuple[str, str]]:
    """(name, text) of each hand-written report of the segmenter's domain data."""
    out: list[tuple[str, list[str]]] = []
    for f in sorted((ROOT / "data" / "segmenter" / "domain").glob("*written*.txt")):
        for line in f.read_text("utf-8").splitlines():
            t = line.replace(" ", "").strip()
            if not t:
                continue
            if TITLE.search(t) and len(t) < 60:
                out.append((f"{f.name}:{t}", [t]))
            elif out:
                out[-1][1].append(t)
    return [(name, "\n".join(lines)) for name, lines in out]


def sources() -> list[tuple[str, object]]:
    """(name, Document) of one report per issuer: the fixtures' latest, then the written ones."""
    files = sorted((ROOT / "fixtures").glob("*.txt")) + sorted((ROOT / "fixtures" / "previous").glob("*.txt"))
    fixtures = [(str(p.relative_to(ROOT)), load_path(str(p))) for p in files]
    ids = [pairing.identity(d) for _, d in fixtures]
    latest = []
    for i, (name, d) in enumerate(fixtures):
        same = [j for j in range(len(fixtures)) if j != i and ids[i].agrees(ids[j])]
        if all((ids[j].year or 0) < (ids[i].year or 0) for j in same):
            latest.append((name, d))
    return latest + [(name, load_text(text, name)) for name, text in written_reports()]


def issuers(docs: list[tuple[str, object]]) -> list[int]:
    """A label per document: the same for documents whose issuers agree."""
    ids = [pairing.identity(d) for _, d in docs]
    label = list(range(len(docs)))
    for i in range(len(docs)):
        for j in range(i):
            if ids[i].agrees(ids[j]):
                label[i] = label[j]
                break
    return label


def build(leave_out: tuple[str, ...] = ()) -> tuple[list[tuple[str, ...]], int, int]:
    """(phrases, reports, issuers), without the reports whose name ends with one of leave_out."""
    docs = [(n, d) for n, d in sources() if not n.endswith(leave_out or ("\0",))]
    labels = issuers(docs)
    seqs = [(str(lab), [t.norm for t in tokens(d)]) for lab, (_, d) in zip(labels, docs)]
    phrases = boilerplate.phrases_of(seqs)
    # a phrase inside a longer one adds nothing (every n-gram of it is one of the longer's)
    padded = sorted((f" {' '.join(p)} " for p in phrases), key=len)
    kept = sorted(tuple(s.split()) for i, s in enumerate(padded)
                  if not any(len(t) > len(s) and s in t for t in padded[i + 1:]))
    return kept, len(docs), len(set(labels))


def main() -> int:
    phrases, n_docs, n_issuers = build()
    head = [f"# Standard phrases: runs of >= {boilerplate.MIN_TOKENS} tokens shared by reports of two different issuers.",
            f"# Written by tools/compare_boilerplate.py from {n_docs} reports of {n_issuers} issuers; do not edit by hand.",
            "# One phrase a line, its tokens separated by single spaces."]
    OUT.write_text("\n".join(head + [" ".join(p) for p in phrases]) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(phrases)} phrases from {n_docs} reports of {n_issuers} issuers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
