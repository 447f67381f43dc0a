"""Matrices drawn as inline SVG: no script, no library, no request, prints as drawn.

A heatmap cell carries its number as text as well as a colour, so the figure
reads in black and white and for colour-blind readers; the colour ramp is a
single hue from light to dark, and the number switches to white on dark
cells to keep the contrast above WCAG AA.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

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


NODE_W = 150
NODE_H = 46
ROW_GAP = 56


def provenance_svg(nodes: Sequence[tuple[str, str, str]], edges: Sequence[tuple[str, str, str]], title: str) -> str:
    """A provenance graph as layered SVG: ``nodes`` (id, line 1, line 2), ``edges`` (from id, to id, label).

    Nodes a graph edge points from sit above the nodes it points to; at most
    two nodes a row, so the figure keeps its size at a phone's width (the SVG
    scales to its container) and in print.  Arrows carry their relation as
    text, and the sentence under the figure says each edge in words.
    """
    depth = {node: 0 for node, _, _ in nodes}
    for _ in range(len(nodes)):
        for parent, child, _ in edges:
            if parent in depth and child in depth and depth[child] <= depth[parent]:
                depth[child] = depth[parent] + 1
    rows: list[list[str]] = []
    for level in sorted(set(depth.values())):
        members = [node for node, _, _ in nodes if depth[node] == level]
        for start in range(0, len(members), 2):
            rows.append(members[start:start + 2])
    width = 2 * NODE_W + 60
    height = len(rows) * (NODE_H + ROW_GAP) + 10
    where: dict[str, tuple[float, float]] = {}
    for r, row in enumerate(rows):
        y = 10 + r * (NODE_H + ROW_GAP)
        for k, node in enumerate(row):
            x = (width - NODE_W) / 2 if len(row) == 1 else 20 + k * (NODE_W + 20)
            where[node] = (x, y)
    labels = {node: (first, second) for node, first, second in nodes}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/></marker></defs>',
    ]
    for parent, child, label in edges:
        if parent not in where or child not in where:
            continue
        (x1, y1), (x2, y2) = where[parent], where[child]
        start = (x1 + NODE_W / 2, y1 + NODE_H)
        end = (x2 + NODE_W / 2, y2)
        if y2 <= y1:  # same row: side by side
            start, end = (x1 + NODE_W, y1 + NODE_H / 2), (x2, y2 + NODE_H / 2)
        parts.append(f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" '
                     f'stroke="#333" stroke-width="1.5" marker-end="url(#arrow)"/>')
        # the label sits near the arrowhead, on a white halo, so labels of edges into one node stay apart
        lx, ly = start[0] + 0.72 * (end[0] - start[0]), start[1] + 0.72 * (end[1] - start[1])
        parts.append(f'<text x="{lx:.0f}" y="{ly:.0f}" text-anchor="middle" class="edge" paint-order="stroke" '
                     f'stroke="#fff" stroke-width="4" font-size="11">{escape(label)}</text>')
    for node, (x, y) in where.items():
        first, second = labels[node]
        parts.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="6" fill="#eef3fb" '
                     f'stroke="#123f7a"/>')
        parts.append(f'<text x="{x + NODE_W / 2:.0f}" y="{y + 19:.0f}" text-anchor="middle" class="node">'
                     f'{escape(first)}</text>')
        parts.append(f'<text x="{x + NODE_W / 2:.0f}" y="{y + 37:.0f}" text-anchor="middle" class="node-note">'
                     f'{escape(second)}</text>')
    parts.append("</svg>")
    return "".join(parts)
