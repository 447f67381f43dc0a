"""Matrices drawn as inline SVG: no script, no library, no request, prints as drawn.

A heatmap cell carries its number as text as well as a colour, so the figure
reads in black and white and for colour-blind readers; the colour ramp is a
single hue from light to dark, and the number switches to white on dark
cells to keep the contrast above WCAG AA.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from compare.report.layered import EdgeSpec, Node, layout

CELL = 64
CHAR_W = 7.2
"""Width of one character of a 12 px axis label, generously: labels are sized from it so they never overlap."""


def _fill(value: float) -> tuple[str, str]:
    """Background and text colour for a value in [0, 1]."""
    value = min(1.0, max(0.0, value))
    # Light (#eef3fb) to dark (#123f7a) blue, linear in each channel.
    light, dark = (0xEE, 0xF3, 0xFB), (0x12, 0x3F, 0x7A)
    rgb = tuple(round(lo + (hi - lo) * value) for lo, hi in zip(light, dark, strict=True))
    background = "#{:02x}{:02x}{:02x}".format(*rgb)
    return background, ("#ffffff" if value >= 0.5 else "#111111")


def matrix_svg(
    labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    title: str,
    scale: float = 1.0,
    fmt: str = "{:.0f}",
    row_axis: str = "",
    column_axis: str = "",
) -> str:
    """An accessible SVG matrix; ``values[i][j]`` is row i, column j; None draws a blank cell."""
    n = len(labels)
    longest = max((len(label) for label in labels), default=1)
    left = round(CHAR_W * longest) + 16
    # Column labels wider than a cell are drawn upright (read bottom to top), so long ids never run into each other.
    slanted = CHAR_W * longest > CELL - 8
    top = round(CHAR_W * longest) + 16 if slanted else 28
    width = left + CELL * n + 8
    height = top + CELL * n + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="matrix" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if row_axis or column_axis:
        parts.append(f"<desc>Rows: {escape(row_axis)}. Columns: {escape(column_axis)}.</desc>")
    for j, label in enumerate(labels):
        x = left + CELL * j + CELL / 2
        if slanted:
            parts.append(f'<text x="{x + 4:.0f}" y="{top - 8}" transform="rotate(-90 {x + 4:.0f} {top - 8})" '
                         f'class="axis">{escape(label)}</text>')
        else:
            parts.append(f'<text x="{x:.0f}" y="{top - 8}" text-anchor="middle" class="axis">{escape(label)}</text>')
    for i, label in enumerate(labels):
        y = top + CELL * i
        parts.append(
            f'<text x="{left - 8}" y="{y + CELL / 2 + 5:.0f}" text-anchor="end" class="axis">{escape(label)}</text>'
        )
        for j in range(n):
            x = left + CELL * j
            value = values[i][j]
            if value is None:
                parts.append(f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="#d9d9d9" stroke="#fff"/>')
                continue
            background, ink = _fill(value / scale if scale else 0.0)
            text = fmt.format(value)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{background}" stroke="#fff">'
                f"<title>{escape(labels[i])} / {escape(labels[j])}: {escape(text)}</title></rect>"
            )
            parts.append(
                f'<text x="{x + CELL / 2:.0f}" y="{y + CELL / 2 + 5:.0f}" text-anchor="middle" fill="{ink}" '
                f'class="cell">{escape(text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


NODE_H = 40
TITLE_CHAR_W = 8.0
NOTE_CHAR_W = 6.6
LABEL_CHAR_W = 6.6
LABEL_H = 15
"""Generous widths of a character of a box's 13 px title, its 11 px note and an 11 px arrow label: boxes and
label places are sized from them, so a drawn text never runs out of its box or into another label."""


def provenance_svg(nodes: Sequence[tuple[str, str, str]], edges: Sequence[tuple[str, str, str]], title: str,
                   undirected: Sequence[tuple[str, str, str]] = ()) -> str:
    """A provenance graph as layered SVG: ``nodes`` (id, line 1, line 2), ``edges`` (from id, to id, label).

    The layout is ``compare.report.layered``'s: parents above children, an edge across several layers through
    reserved slots, labels where they meet nothing; two edges between the same pair are one arrow with both
    labels.  The SVG carries its natural size (so a wide screen does not blow it up) and scales down to a
    phone's width; the list under the figure says each edge in words.
    """
    merged: dict[tuple[str, str], list[str]] = {}
    # ``undirected``: (a, b, label) drawn as a line with no arrow (one article in two languages, which was written
    # first unknown); laid out as an edge from a to b, so a stays above, where the layout puts a text the others follow
    plain = {(a, b) for a, b, _ in undirected}
    for parent, child, label in [*edges, *undirected]:
        labels = merged.setdefault((parent, child), [])
        if label not in labels:
            labels.append(label)
    known = {node for node, _, _ in nodes}
    specs = [EdgeSpec(a, b, LABEL_CHAR_W * len(", ".join(labels)) + 8, LABEL_H)
             for (a, b), labels in merged.items() if a in known and b in known]
    words = {(a, b): ", ".join(labels) for (a, b), labels in merged.items()}
    boxes = [Node(node, max(TITLE_CHAR_W * len(first), NOTE_CHAR_W * len(second)) + 24, NODE_H)
             for node, first, second in nodes]
    placed = layout(boxes, specs)
    width, height = round(placed.width), round(placed.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>',
    ]
    for spec, path in zip(specs, placed.paths, strict=True):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in path)
        parts.append(f'<polyline class="edge-line" data-from="{escape(spec.source)}" data-to="{escape(spec.target)}" '
                     f'points="{points}" fill="none" stroke="#333" stroke-width="1.5"'
                     + ('/>' if (spec.source, spec.target) in plain else ' marker-end="url(#arrow)"/>'))
    for spec, box in zip(specs, placed.labels, strict=True):
        if box is None:
            continue
        x, y, w, h = box
        parts.append(f'<text x="{x + w / 2:.1f}" y="{y + h - 4:.1f}" text-anchor="middle" class="edge" '
                     f'paint-order="stroke" stroke="#fff" stroke-width="4" font-size="11">'
                     f'{escape(words[(spec.source, spec.target)])}</text>')
    labels = {node: (first, second) for node, first, second in nodes}
    for node, (x, y, w, h) in placed.boxes.items():
        first, second = labels[node]
        parts.append(f'<g class="node" data-node="{escape(node)}"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                     f'height="{h:.1f}" rx="6" fill="#eef3fb" stroke="#123f7a"/>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 17:.1f}" text-anchor="middle" font-size="13" '
                     f'class="node-title">{escape(first)}</text>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 33:.1f}" text-anchor="middle" font-size="11" '
                     f'class="node-note">{escape(second)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
