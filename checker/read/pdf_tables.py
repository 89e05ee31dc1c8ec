"""Ruled tables on a PDF page, from the page's drawn lines (PDFium path objects).

The lattice method of pdfplumber's ``find_tables`` (itself after Nurminen's thesis and Tabula),
with its default settings, so that a table reads as it did when pdfplumber read it: every
horizontal and vertical straight piece of every path (a line, a rectangle's sides, a filled thin
rectangle's long sides) is an edge; edges within 3 pt of one line are snapped onto it and joined
where they meet within 3 pt; edges shorter than 3 pt go; the points where a horizontal and a
vertical edge cross (within 3 pt) are the grid; the smallest rectangle of grid points whose four
sides are drawn is a cell; cells that share a corner are one table; a table of one cell is none.

Everything here is bounded: a page with more than MAX_EDGES edges, MAX_POINTS crossings or
MAX_TABLES tables is read as text without tables (no real table has that many; a drawing or a
hostile page may), and a file's table finding stops for good once it has done WORK steps.
"""

from __future__ import annotations

import bisect
from itertools import groupby

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
CROSS = 3.0
#: past these a page is read without table detection
MAX_EDGES = 4000
MAX_POINTS = 2000
MAX_TABLES = 50
#: the steps (edge pairs compared, corners tried) all of a file's pages may take
WORK = 3_000_000


class Budget:
    """What is left of WORK for one file."""

    __slots__ = ("left",)

    def __init__(self, steps: int = WORK) -> None:
        self.left = steps

    def spend(self, steps: int) -> bool:
        self.left -= steps
        return self.left >= 0


class Table:
    """A ruled table: its cells (x0, top, x1, bottom) and their rows."""

    __slots__ = ("cells", "bbox")

    def __init__(self, cells: list[tuple[float, float, float, float]]) -> None:
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
                     max(c[2] for c in cells), max(c[3] for c in cells))

    def rows(self) -> list[list[tuple[float, float, float, float] | None]]:
        """The cells row by row (by top), each row aligned on the table's column starts
        (None where a merged cell covers a column)."""
        xs = sorted({c[0] for c in self.cells})
        out = []
        for _top, cells in groupby(sorted(self.cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
            at = {c[0]: c for c in cells}
            out.append([at.get(x) for x in xs])
        return out


def find_tables(edges: list[tuple[str, float, float, float]], budget: Budget | None = None) -> list[Table]:
    """Tables from edges: ("h", x0, x1, y) or ("v", top, bottom, x), page coordinates (top down)."""
    budget = budget or Budget()
    h = [(a, b, y) for o, a, b, y in edges if o == "h" and b - a >= 1.0]
    v = [(a, b, x) for o, a, b, x in edges if o == "v" and b - a >= 1.0]
    if not h or not v or len(h) + len(v) > MAX_EDGES or not budget.spend(len(h) + len(v)):
        return []
    h = [e for e in _merge(h) if e[1] - e[0] >= MIN_LENGTH]
    v = [e for e in _merge(v) if e[1] - e[0] >= MIN_LENGTH]
    if not h or not v:
        return []
    points = _crossings(h, v, budget)
    if points is None or len(points) < 4:
        return []
    cells = _cells(points, budget)
    if cells is None:
        return []
    tables = _tables(cells)
    return tables if len(tables) <= MAX_TABLES else []


def _merge(edges: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Snap edges whose positions lie within SNAP of each other (chained) to their mean
    position, then join the edges of one position that touch or overlap within JOIN."""
    edges.sort(key=lambda e: e[2])
    snapped: list[tuple[float, float, float]] = []
    group = [edges[0]]
    for e in edges[1:]:
        if e[2] <= group[-1][2] + SNAP:
            group.append(e)
        else:
            snapped.extend(_snap(group))
            group = [e]
    snapped.extend(_snap(group))
    out = []
    for _pos, same in groupby(sorted(snapped, key=lambda e: (e[2], e[0])), key=lambda e: e[2]):
        same = list(same)
        a, b, pos = same[0]
        for e in same[1:]:
            if e[0] <= b + JOIN:
                b = max(b, e[1])
            else:
                out.append((a, b, pos))
                a, b = e[0], e[1]
        out.append((a, b, pos))
    return out


def _snap(group):
    mean = sum(e[2] for e in group) / len(group)
    return [(e[0], e[1], mean) for e in group]


def _crossings(h, v, budget: Budget) -> dict | None:
    """{(x, y): (v edge ids, h edge ids)} where a vertical edge meets a horizontal one; None past
    MAX_POINTS or the budget."""
    h_sorted = sorted(range(len(h)), key=lambda i: h[i][2])
    h_ys = [h[i][2] for i in h_sorted]
    points: dict[tuple[float, float], tuple[set, set]] = {}
    for vi, (top, bottom, x) in enumerate(v):
        lo = bisect.bisect_left(h_ys, top - CROSS)
        hi = bisect.bisect_right(h_ys, bottom + CROSS)
        if not budget.spend(hi - lo + 1):
            return None
        for k in range(lo, hi):
            hi_ = h_sorted[k]
            x0, x1, y = h[hi_]
            if x0 - CROSS <= x <= x1 + CROSS:
                p = points.get((x, y))
                if p is None:
                    if len(points) >= MAX_POINTS:
                        return None
                    p = points[x, y] = (set(), set())
                p[0].add(vi)
                p[1].add(hi_)
    return points


def _cells(points: dict, budget: Budget) -> list[tuple[float, float, float, float]] | None:
    """For each grid point, the smallest drawn rectangle it is the top-left corner of; None past
    the budget."""
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in sorted(points):
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)

    def v_joined(x, y1, y2) -> bool:
        return bool(points[x, y1][0] & points[x, y2][0])

    def h_joined(y, x1, x2) -> bool:
        return bool(points[x1, y][1] & points[x2, y][1])

    cells = []
    for (x, y) in sorted(points):
        below = [b for b in by_x[x] if b > y]
        right = [r for r in by_y[y] if r > x]
        found = None
        if not budget.spend(len(below) + len(right) + 1):
            return None
        for by in below:
            if not v_joined(x, y, by):
                continue
            if not budget.spend(len(right)):
                return None
            for rx in right:
                if not h_joined(y, x, rx):
                    continue
                if (rx, by) in points and v_joined(rx, y, by) and h_joined(by, x, rx):
                    found = (x, y, rx, by)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells) -> list[Table]:
    """Cells that share a corner (transitively) are one table; tables top to bottom, left to right."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    corner_of: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = corner_of.setdefault(corner, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list] = {}
    for i, c in enumerate(cells):
        groups.setdefault(find(i), []).append(c)
    tables = [Table(g) for g in groups.values() if len(g) > 1]
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t.cells))
    return tables
