"""Year on year: this year's report against last year's of the same issuer.

- recycled.py: the text carried over, on words, standard phrases discounted (boilerplate.py);
- items.py: last year's 不足 and 下一年度安排, item by item, followed up in this year's measures;
- figures.py: figures under the same label with the same value in both years;
- pairing.py: which report of a folder is last year's report of the same issuer.

The engine (checker/evaluate/engine.py) resolves the parts of both reports and asks a
:class:`Comparison` for what a rule's ``compare:`` finding names; the comparison keeps what it
computed for the next rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:
    from ..segment.document import Document, Range, Section
    from .figures import Figure
    from .items import Fate, Item, Unit
    from .recycled import Recycled


class Comparison:
    """What two reports have in common, computed on first use and kept (per settings)."""

    def __init__(self, this: "Document", last: "Document") -> None:
        self.this = this
        self.last = last
        self._cache: dict[Any, Any] = {}

    def once(self, key: Any, make: Callable[[], Any]) -> Any:
        """What ``make`` gives, computed once per key."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def recycled(self, ngram: int = 6, min_words: int = 10, gap: int = 4, standard: int = 5) -> "Recycled":
        from . import boilerplate, recycled

        return self.once(("recycled", ngram, min_words, gap, standard), lambda: recycled.compare_docs(
            self.this, self.last, boilerplate.standard(standard), ngram=ngram, min_words=min_words, gap=gap))

    def items(self, which: str, doc: "Document", sections: Sequence["Section"], ranges: Sequence["Range"],
              framing: Callable[[str], bool], negated: bool) -> list["Item"]:
        from .items import items

        return self.once(("items", which, id(framing)), lambda: items(doc, sections, ranges, framing, negated))

    def measures(self, ranges: Sequence["Range"], tops: Sequence["Section"]) -> list["Unit"]:
        from .items import measure_units

        return self.once(("measures", tuple(ranges)), lambda: measure_units(self.this, ranges, tops))

    def fates(self, which: str, last_items: Sequence["Item"], measures: Sequence["Unit"],
              this_items: Sequence["Item"] = ()) -> list["Fate"]:
        from .items import follow

        return self.once(("fates", which, id(last_items), id(measures)),
                          lambda: follow(self.last, last_items, measures, this_items, self.this))

    def figures(self, this_hits: Sequence["Range"], last_hits: Sequence["Range"],
                framing: Callable[[str], bool]) -> tuple[list["Figure"], list["Figure"]]:
        from .figures import figures

        return self.once(("figures", tuple(this_hits), tuple(last_hits), id(framing)), lambda: (
            figures(self.this, this_hits, framing), figures(self.last, last_hits, framing)))
