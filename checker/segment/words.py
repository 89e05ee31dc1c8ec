"""Words: spaCy's Chinese tokenizer with the pkuseg segmenter and the model shipped in the package.

Loading spaCy and the model takes about a second, so it happens once per process and only when
something asks for words (``Document.doc``, ``fzcheck segment``).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FzcheckError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from .document import Document


def model_dir() -> Path:
    return Path(str(resources.files("checker.models") / "pkuseg"))


def _empty_file() -> Path:
    import tempfile

    f = Path(tempfile.gettempdir()) / "fzcheck-empty-user-dict.txt"
    if not f.exists():
        f.write_text("", encoding="utf-8")
    return f


@functools.lru_cache(maxsize=1)
def nlp() -> "Language":
    """A blank Chinese pipeline whose tokenizer is pkuseg with our model (no network needed)."""
    import spacy

    path = model_dir()
    if not (path / "features.msgpack").exists() or not (path / "weights.npz").exists():
        raise FzcheckError(f"segmentation model missing in {path} (run `make segmenter`)")
    user_dict = path / "user_dict.txt"
    if not user_dict.exists():  # spacy_pkuseg crashes on a missing dictionary: give it an empty one
        user_dict = _empty_file()
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    pipeline.tokenizer.initialize(pkuseg_model=str(path), pkuseg_user_dict=str(user_dict))
    # spacy_pkuseg's post-processor merges neighbours found in its own bundled dictionary. Most
    # merges agree with our convention (+0.6 F1 on the report held-out set), but some contradict
    # it (提 出 → 提出, 筑 牢 → 筑牢, 新 时代 → 新时代): those words, listed by
    # tools/segmenter/build_userdict.py in postprocess_exclude.txt, are taken out of its list.
    pp = pipeline.tokenizer.pkuseg_seg.postprocesser
    exclude = path / "postprocess_exclude.txt"
    if exclude.exists():
        pp.other_words = pp.other_words - set(exclude.read_text("utf-8").split())
    else:
        pp.do_process = False
    return pipeline


def segment_line(line: str) -> list[str]:
    """The words of one line as given (no normalization): joining them gives back the line
    without its white space."""
    if not line.strip():
        return []
    return [tok.text for tok in nlp()(line) if not tok.is_space]


def make_doc(document: "Document") -> "Doc":
    """The spaCy Doc of a report, with the report's sentence boundaries set on its tokens."""
    doc = nlp()(document.text)
    starts = {s for s, _ in document.sentences}
    for tok in doc:
        tok.is_sent_start = tok.idx in starts or tok.i == 0
    return doc
