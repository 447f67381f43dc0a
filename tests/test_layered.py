"""The layered layout of the provenance figure: no edge through a box it does not join, no label on another.

Random small graphs (the provenance of an event is a handful of sources and outside originals) are laid out and
measured with a geometry of the test's own: points sampled along every segment of every edge must stay out of
every box but its two ends, and label boxes must not meet each other or any box.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.report.layered import EdgeSpec, Node, layout


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    x, y, w, h = box
    return x + 1 < point[0] < x + w - 1 and y + 1 < point[1] < y + h - 1


def _meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def problems(nodes: list[Node], edges: list[EdgeSpec]) -> list[str]:
    drawn = layout(nodes, edges)
    wrong = []
    for edge, path in zip(edges, drawn.paths, strict=True):
        for (x1, y1), (x2, y2) in zip(path, path[1:], strict=False):
            for step in range(101):
                point = (x1 + (x2 - x1) * step / 100, y1 + (y2 - y1) * step / 100)
                wrong += [f"{edge.source}->{edge.target} through {node}" for node, box in drawn.boxes.items()
                          if node not in (edge.source, edge.target) and _inside(point, box)]
    labels = [box for box in drawn.labels if box is not None]
    for i, a in enumerate(labels):
        wrong += [f"label {a} on label {b}" for b in labels[i + 1:] if _meet(a, b)]
        wrong += [f"label {a} on box {node}" for node, box in drawn.boxes.items() if _meet(a, box)]
    return sorted(set(wrong))


def test_the_2019_seed_graph_is_drawn_with_nothing_crossed():
    """The figure issue 28 found wrong: the MT edge through 'original of 003', 'translated' on 'quoted'."""
    nodes = [Node(n, 130, 40) for n in ("outside:000", "outside:RIA", "outside:001", "outside:003", "000", "001", "003")]
    edges = [EdgeSpec("outside:000", "000", 20, 15), EdgeSpec("outside:RIA", "000", 48, 15),
             EdgeSpec("001", "000", 56, 15), EdgeSpec("outside:001", "001", 70, 15),
             EdgeSpec("outside:003", "003", 70, 15), EdgeSpec("001", "003", 56, 15)]
    assert problems(nodes, edges) == []


@st.composite
def graphs(draw):
    count = draw(st.integers(2, 8))
    nodes = [Node(f"n{i}", draw(st.integers(60, 180)), 40) for i in range(count)]
    pairs = draw(st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=10, unique=True))
    edges = [EdgeSpec(f"n{a}", f"n{b}", draw(st.integers(20, 90)), 15) for a, b in pairs if a != b]
    return nodes, edges


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_random_small_graphs_are_drawn_with_nothing_crossed(graph):
    nodes, edges = graph
    assert problems(nodes, edges) == []
