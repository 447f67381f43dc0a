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
LABEL = 120


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
    width = LABEL + CELL * n + 8
    height = LABEL // 2 + CELL * n + 8
    top = LABEL // 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="matrix" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    if row_axis or column_axis:
        parts.append(f"<desc>Rows: {escape(row_axis)}. Columns: {escape(column_axis)}.</desc>")
    for j, label in enumerate(labels):
        x = LABEL + CELL * j + CELL / 2
        parts.append(f'<text x="{x:.0f}" y="{top - 8}" text-anchor="middle" class="axis">{escape(label)}</text>')
    for i, label in enumerate(labels):
        y = top + CELL * i
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + CELL / 2 + 5:.0f}" text-anchor="end" class="axis">{escape(label)}</text>'
        )
        for j in range(n):
            x = LABEL + CELL * j
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
