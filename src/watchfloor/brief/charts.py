"""SVG bar charts for the brief (stacked or grouped), readable in print.

Values are drawn with their numbers above each bar group, axis ticks at round
numbers, and a legend; colours come from ``colours.tsv`` for event types.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from watchfloor.brief.svg import document, esc, fmt, text

PALETTE = ("#2c3e50", "#e67e22", "#95a5a6", "#8e44ad", "#16a085", "#c0392b")


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float, ...]
    colour: str


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return 10.0 * power


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    stacked: bool = False,
    width: float = 640,
    height: float = 260,
) -> str:
    """A vertical bar chart of ``series`` over ``categories`` (stacked or side by side)."""
    left, right, top = 44.0, 10.0, 28.0
    legend_rows = math.ceil(len(series) / 3)
    bottom = 46.0 + 14 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [
        sum(s.values[i] for s in series)
        if stacked
        else max((s.values[i] for s in series), default=0)
        for i in range(len(categories))
    ]
    top_value = _nice_max(max(totals, default=0))
    body = [text(left, 16, title, size=12, bold=True)]
    for tick in range(5):
        value = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        body.append(
            f'<path d="M{fmt(left)},{fmt(y)}h{fmt(plot_w)}" stroke="#ddd" stroke-width="0.6"/>'
        )
        body.append(text(left - 4, y + 3, f"{value:g}", size=8, anchor="end"))
    slot = plot_w / max(1, len(categories))
    bar_w = slot * 0.7 / (1 if stacked else max(1, len(series)))
    for i, category in enumerate(categories):
        x = left + slot * i + slot * 0.15
        base = 0.0
        for j, s in enumerate(series):
            value = s.values[i]
            h = plot_h * value / top_value
            bx = x if stacked else x + bar_w * j
            by = top + plot_h - h - (plot_h * base / top_value if stacked else 0)
            if value > 0:
                body.append(
                    f'<rect x="{fmt(bx)}" y="{fmt(by)}" width="{fmt(bar_w)}" height="{fmt(h)}"'
                    f' fill="{esc(s.colour)}" stroke="#fff" stroke-width="0.4">'
                    f"<title>{esc(category)}: {esc(s.name)} {value:g}</title></rect>"
                )
            if not stacked and value > 0:
                body.append(text(bx + bar_w / 2, by - 2, f"{value:g}", size=7, anchor="middle"))
            base += value
        if stacked and totals[i] > 0:
            y_top = top + plot_h - plot_h * totals[i] / top_value
            body.append(text(x + bar_w / 2, y_top - 2, f"{totals[i]:g}", size=8, anchor="middle"))
        lx, ly = left + slot * i + slot / 2, top + plot_h + 12
        body.append(
            f'<text x="{fmt(lx)}" y="{fmt(ly)}" font-size="8" text-anchor="end"'
            f' transform="rotate(-30 {fmt(lx)} {fmt(ly)})">{esc(category[:28])}</text>'
        )
    body.append(
        f'<path d="M{fmt(left)},{fmt(top)}v{fmt(plot_h)}h{fmt(plot_w)}" stroke="#333" fill="none"/>'
    )
    for j, s in enumerate(series):
        lx = left + (j % 3) * (plot_w / 3)
        ly = height - 14 * (legend_rows - j // 3) + 4
        body.append(
            f'<rect x="{fmt(lx)}" y="{fmt(ly - 8)}" width="10" height="10" fill="{esc(s.colour)}"/>'
        )
        body.append(text(lx + 14, ly, s.name[:40], size=9))
    return document(width, height, body, label=title)
