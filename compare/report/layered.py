"""A layered (Sugiyama-style) layout for small directed graphs, checked before it is drawn.

The provenance figure is a handful of boxes and arrows; hand-placed coordinates let an arrow run through a box it
does not join and labels run together.  This lays the graph out the way layered-drawing tools do:

1. **layers**: each node sits one layer below the deepest of its parents (longest path); a node with no parent
   (an original outside the set) is pulled down to just above its highest child, so its arrow is short;
2. **dummy nodes**: an edge that spans several layers passes through a reserved slot in each layer between, so it
   never crosses a box: boxes live only inside layer bands, and between two layers there are no boxes at all;
3. **order**: nodes in a layer are ordered by the barycentre of their neighbours, sweeping down and up a few times
   (ties keep the input order, so the same graph gives the same figure);
4. **ports**: the arrows leaving or entering one box are spread along its edge, in the order of their other ends;
5. **labels**: each label is tried at a few points of its edge's segment in a gap between layers, and the first
   place where its box meets no other label and no box is taken; if none is free the gaps grow and the layout is
   made again.

:func:`check` measures the result (segment against box, label box against label box and node box) and returns
what is wrong; the layout is only returned once the check finds nothing (or after the last try, for the caller
to see in the check).  The browser test measures the drawn figure the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]
"""x, y, width, height."""
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class EdgeSpec:
    source: str
    target: str
    label_width: float = 0.0
    label_height: float = 0.0


@dataclass(slots=True)
class Layout:
    width: float
    height: float
    boxes: dict[str, Box] = field(default_factory=dict)
    paths: list[list[Point]] = field(default_factory=list)
    """One polyline per edge, in input order, from its source's box to its target's box."""
    labels: list[Box | None] = field(default_factory=list)
    """One label box per edge (None for an edge with no label), its text centred in it."""


MARGIN = 12.0
H_GAP = 28.0
DUMMY_W = 14.0
SWEEPS = 4
TRIES = 8
PLACES = (0.5, 0.3, 0.7, 0.18, 0.82, 0.4, 0.6)
"""Where along a segment (0 the upper end, 1 the lower) a label is tried, in order."""


def _layers(nodes: Sequence[Node], edges: Sequence[tuple[str, str]]) -> dict[str, int]:
    order = [n.id for n in nodes]
    parents: dict[str, list[str]] = {n: [] for n in order}
    children: dict[str, list[str]] = {n: [] for n in order}
    for a, b in edges:
        parents[b].append(a)
        children[a].append(b)
    depth: dict[str, int] = {}

    def visit(node: str, trail: frozenset[str]) -> int:
        if node not in depth:
            above = [visit(p, trail | {node}) for p in parents[node] if p not in trail]
            depth[node] = 1 + max(above) if above else 0
        return depth[node]

    for node in order:
        visit(node, frozenset())
    # a node with no parent sits just above its highest child
    for node in order:
        if not parents[node] and children[node]:
            depth[node] = max(depth[node], min(depth[c] for c in children[node]) - 1)
    return depth


def layout(nodes: Sequence[Node], edges: Sequence[EdgeSpec], gap: float = 52.0) -> Layout:
    """Lay out the graph; grow the gaps between layers until :func:`check` finds nothing wrong."""
    result = _layout(nodes, edges, gap, H_GAP)
    for attempt in range(TRIES):
        if not check(result, edges):
            return result
        result = _layout(nodes, edges, gap + 18.0 * (attempt + 1), H_GAP + 16.0 * (attempt + 1))
    return result


def _layout(nodes: Sequence[Node], edges: Sequence[EdgeSpec], gap: float, h_gap: float) -> Layout:
    by_id = {n.id: n for n in nodes}
    pairs = [(e.source, e.target) for e in edges if e.source in by_id and e.target in by_id]
    depth = _layers(nodes, pairs)
    # edges drawn downwards; one that points up (a cycle) is laid out reversed and drawn back to front
    laid: list[tuple[str, str, bool]] = []
    for e in edges:
        a, b = e.source, e.target
        if a not in by_id or b not in by_id or a == b:
            laid.append((a, b, False))
            continue
        laid.append((a, b, False) if depth[b] > depth[a] else (b, a, True))
    levels = max(depth.values(), default=0) + 1
    rows: list[list[str]] = [[] for _ in range(levels)]
    for n in nodes:
        rows[depth[n.id]].append(n.id)
    width_of = {n.id: n.width for n in nodes}
    chains: list[list[str]] = []
    for index, (a, b, _) in enumerate(laid):
        if a not in by_id or b not in by_id or a == b:
            chains.append([])
            continue
        chain = [a]
        for level in range(depth[a] + 1, depth[b]):
            dummy = f"\0{index}:{level}"
            rows[level].append(dummy)
            width_of[dummy] = DUMMY_W
            chain.append(dummy)
        chain.append(b)
        chains.append(chain)
    ups: dict[str, list[str]] = {}
    downs: dict[str, list[str]] = {}
    for chain in chains:
        for upper, lower in zip(chain, chain[1:], strict=False):
            downs.setdefault(upper, []).append(lower)
            ups.setdefault(lower, []).append(upper)
    for sweep in range(SWEEPS):
        span = range(1, levels) if sweep % 2 == 0 else range(levels - 2, -1, -1)
        for level in span:
            fixed = rows[level - 1] if sweep % 2 == 0 else rows[level + 1]
            where = {node: i for i, node in enumerate(fixed)}
            near = ups if sweep % 2 == 0 else downs

            def centre(node: str, where: dict[str, int] = where, near: dict[str, list[str]] = near,
                       current: list[str] = rows[level]) -> tuple[float, int]:
                linked = [where[n] for n in near.get(node, []) if n in where]
                return (sum(linked) / len(linked) if linked else float(current.index(node)), current.index(node))

            rows[level] = sorted(rows[level], key=centre)
    heights = [max((by_id[n].height for n in row if n in by_id), default=0.0) for row in rows]
    row_widths = [sum(width_of[n] for n in row) + h_gap * max(0, len(row) - 1) for row in rows]
    total = max(row_widths, default=0.0) + 2 * MARGIN
    boxes: dict[str, Box] = {}
    y = MARGIN
    tops: list[float] = []
    for level, row in enumerate(rows):
        tops.append(y)
        x = (total - row_widths[level]) / 2
        for node in row:
            h = by_id[node].height if node in by_id else heights[level]
            boxes[node] = (x, y + (heights[level] - h) / 2, width_of[node], h)
            x += width_of[node] + h_gap
        y += heights[level] + gap
    height = y - gap + MARGIN
    # ports: the ends of a box's arrows spread along its lower (or upper) side, in the order of their other ends
    def spread(node: str, others: list[tuple[int, str]], lower: bool) -> dict[int, float]:
        x, _, w, _ = boxes[node]
        if node not in by_id:
            return {i: x + w / 2 for i, _ in others}
        ranked = sorted(others, key=lambda item: (boxes[item[1]][0] + boxes[item[1]][2] / 2, item[0]))
        return {i: x + w * (k + 1) / (len(ranked) + 1) for k, (i, _) in enumerate(ranked)}

    leaving: dict[str, list[tuple[int, str]]] = {}
    entering: dict[str, list[tuple[int, str]]] = {}
    for index, chain in enumerate(chains):
        if chain:
            leaving.setdefault(chain[0], []).append((index, chain[1]))
            entering.setdefault(chain[-1], []).append((index, chain[-2]))
    out_x = {node: spread(node, items, True) for node, items in leaving.items()}
    in_x = {node: spread(node, items, False) for node, items in entering.items()}
    paths: list[list[Point]] = []
    for index, (chain, (_, _, reverse)) in enumerate(zip(chains, laid, strict=True)):
        if not chain:
            paths.append([])
            continue
        first, last = boxes[chain[0]], boxes[chain[-1]]
        points: list[Point] = [(out_x[chain[0]][index], first[1] + first[3])]
        for dummy in chain[1:-1]:
            x, top, w, _ = boxes[dummy]
            level = next(i for i, row in enumerate(rows) if dummy in row)
            points += [(x + w / 2, tops[level]), (x + w / 2, tops[level] + heights[level])]
        points.append((in_x[chain[-1]][index], last[1]))
        paths.append(points[::-1] if reverse else points)
    for dummy in [n for n in boxes if n not in by_id]:
        del boxes[dummy]
    result = Layout(total, height, boxes, paths, [])
    result.labels = _place_labels(result, edges)
    return result


def _segments(path: Sequence[Point]) -> list[tuple[Point, Point]]:
    return list(zip(path, path[1:], strict=False))


def _place_labels(result: Layout, edges: Sequence[EdgeSpec]) -> list[Box | None]:
    placed: list[Box] = []
    labels: list[Box | None] = []
    for edge, path in zip(edges, result.paths, strict=True):
        if not path or not edge.label_width:
            labels.append(None)
            continue
        # the segment into the target: a label there reads as that arrow's
        (x1, y1), (x2, y2) = path[-2], path[-1]
        if abs(y2 - y1) < 1 and len(path) > 2:
            (x1, y1), (x2, y2) = path[0], path[1]
        choice = None
        for t in PLACES:
            cx, cy = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
            box = (cx - edge.label_width / 2, cy - edge.label_height / 2, edge.label_width, edge.label_height)
            if not any(_overlap(box, other) for other in placed + list(result.boxes.values())):
                choice = box
                break
        if choice is None:
            t = PLACES[0]
            cx, cy = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
            choice = (cx - edge.label_width / 2, cy - edge.label_height / 2, edge.label_width, edge.label_height)
        placed.append(choice)
        labels.append(choice)
    return labels


def _overlap(a: Box, b: Box, pad: float = 1.0) -> bool:
    return (a[0] < b[0] + b[2] + pad and b[0] < a[0] + a[2] + pad
            and a[1] < b[1] + b[3] + pad and b[1] < a[1] + a[3] + pad)


def segment_hits_box(p: Point, q: Point, box: Box) -> bool:
    """Whether the segment p-q passes through the inside of the box (touching its border does not count)."""
    x, y, w, h = box
    x0, y0, x1, y1 = x + 0.5, y + 0.5, x + w - 0.5, y + h - 0.5
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi, start in ((dx, x0, x1, p[0]), (dy, y0, y1, p[1])):
        if abs(d) < 1e-9:
            if start <= lo or start >= hi:
                return False
            continue
        a, b = (lo - start) / d, (hi - start) / d
        a, b = min(a, b), max(a, b)
        t0, t1 = max(t0, a), min(t1, b)
        if t0 >= t1:
            return False
    return True


def check(result: Layout, edges: Sequence[EdgeSpec]) -> list[str]:
    """What is wrong with a layout: an edge through a box it does not join, two labels or a label and a box that
    overlap.  Empty when the figure may be drawn."""
    wrong = []
    for edge, path in zip(edges, result.paths, strict=True):
        for p, q in _segments(path):
            for node, box in result.boxes.items():
                if node not in (edge.source, edge.target) and segment_hits_box(p, q, box):
                    wrong.append(f"edge {edge.source}->{edge.target} crosses box {node}")
    boxes = [b for b in result.labels if b is not None]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if _overlap(a, b, 0.0):
                wrong.append(f"labels at {a[:2]} and {b[:2]} overlap")
        for node, box in result.boxes.items():
            if _overlap(a, box, 0.0):
                wrong.append(f"label at {a[:2]} overlaps box {node}")
    return wrong
