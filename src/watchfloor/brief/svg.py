"""Small SVG helpers shared by maps and charts: escaping, shapes, text.

Everything that reaches an SVG string from outside goes through :func:`esc`
(text and attribute values), and through :func:`clean_text` first, which drops
bidirectional control characters and other invisible format characters.
"""

from __future__ import annotations

import html
import re

_CONTROL = re.compile(
    r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_text(value: str | None, *, limit: int = 2000) -> str:
    """Source text made inert for display: no control or bidi-override characters, capped."""
    if not value:
        return ""
    return _CONTROL.sub("", value[:limit])


def esc(value: object) -> str:
    """Escape for SVG/XML text and attribute values (quotes included)."""
    return html.escape(clean_text(str(value)), quote=True)


def fmt(value: float) -> str:
    """A coordinate with at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def marker(shape: str, x: float, y: float, r: float, colour: str, *, title: str = "") -> str:
    """A marker of ``shape`` (circle, triangle, square, diamond) centred on (x, y)."""
    style = f'fill="{esc(colour)}" fill-opacity="0.75" stroke="#222" stroke-width="0.6"'
    tip = f"<title>{esc(title)}</title>" if title else ""
    if shape == "triangle":
        pts = (
            f"{fmt(x)},{fmt(y - r)} {fmt(x - r)},{fmt(y + r * 0.8)} {fmt(x + r)},{fmt(y + r * 0.8)}"
        )
        return f'<polygon points="{pts}" {style}>{tip}</polygon>'
    if shape == "square":
        side = r * 1.6
        return (
            f'<rect x="{fmt(x - side / 2)}" y="{fmt(y - side / 2)}" width="{fmt(side)}"'
            f' height="{fmt(side)}" {style}>{tip}</rect>'
        )
    if shape == "diamond":
        corners = ((x, y - r), (x + r, y), (x, y + r), (x - r, y))
        pts = " ".join(f"{fmt(cx)},{fmt(cy)}" for cx, cy in corners)
        return f'<polygon points="{pts}" {style}>{tip}</polygon>'
    return f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" {style}>{tip}</circle>'


def text(
    x: float, y: float, value: str, *, size: float = 10, anchor: str = "start", bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="{fmt(size)}" text-anchor="{anchor}"'
        f"{weight}>{esc(value)}</text>"
    )


def document(width: float, height: float, body: list[str], *, label: str) -> str:
    """Wrap ``body`` in an ``<svg>`` element with an accessible label."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} {fmt(height)}"'
        f' width="{fmt(width)}" height="{fmt(height)}" role="img" aria-label="{esc(label)}"'
        ' font-family="DejaVu Sans, Verdana, sans-serif">' + "".join(body) + "</svg>"
    )
