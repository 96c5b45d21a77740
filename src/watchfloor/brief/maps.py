"""Static SVG maps: borders from ``data/brief/borders.json``, events as markers.

Projection: equirectangular scaled by cos(latitude of the map centre), which keeps
shapes right at these latitudes. Layers, bottom up: sea, land, province (admin-1) lines
(thin, dashed; named on theatre-sized maps), country borders, markers. Markers take
the event type's shape and colour (``colours.tsv``) and grow with fatalities; main
events get their rank and place name. A scale bar (km) and a legend are drawn in the
corner. No tiles, no network.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.brief.data import DEFAULT_STYLE, load_borders, load_type_styles
from watchfloor.brief.svg import document, esc, fmt, marker, text

KM_PER_DEGREE = 111.32
MAX_COUNTRY_SPAN = 25.0  # degrees: larger countries do not set a theatre map's extent
MAX_PROVINCE_LABEL_SPAN = 16.0  # degrees of longitude: wider maps leave provinces unnamed
Projector = Callable[[float, float], tuple[float, float]]
_NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000)


@dataclass(frozen=True, slots=True)
class MapPoint:
    latitude: float
    longitude: float
    event_type: str
    fatalities: int
    title: str  # tooltip
    label: str | None = None  # place name shown for main events
    rank: int | None = None


def marker_radius(fatalities: int) -> float:
    """3 px for none, growing with the square root of fatalities, at most 14 px."""
    return min(14.0, 3.0 + 1.6 * math.sqrt(max(0, fatalities)))


def _bbox_for(
    points: Sequence[MapPoint], countries: Sequence[str], min_span: float
) -> tuple[float, float, float, float] | None:
    lons = [p.longitude for p in points]
    lats = [p.latitude for p in points]
    wanted = set(countries)
    for country in load_borders()["countries"]:
        x0, y0, x1, y1 = country["bbox"]
        if country["name"] in wanted and x1 - x0 < MAX_COUNTRY_SPAN:
            lons += [x0, x1]
            lats += [y0, y1]
    if not lons:
        return None
    x0, x1, y0, y1 = min(lons), max(lons), min(lats), max(lats)
    pad_x = max(0.4, (x1 - x0) * 0.15)
    pad_y = max(0.4, (y1 - y0) * 0.15)
    x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y
    if x1 - x0 < min_span:
        mid = (x0 + x1) / 2
        x0, x1 = mid - min_span / 2, mid + min_span / 2
    if y1 - y0 < min_span * 0.6:
        mid = (y0 + y1) / 2
        y0, y1 = mid - min_span * 0.3, mid + min_span * 0.3
    return x0, max(-85.0, y0), x1, min(85.0, y1)


def render_map(
    points: Sequence[MapPoint],
    *,
    title: str,
    countries: Sequence[str] = (),
    width: float = 640,
    min_span: float = 3.0,
    clip_id: str = "map",
) -> str:
    """An SVG map of ``points`` (or of ``countries`` when no point has coordinates)."""
    bbox = _bbox_for(points, countries, min_span)
    if bbox is None:
        return ""
    x0, y0, x1, y1 = bbox
    k = math.cos(math.radians((y0 + y1) / 2))
    data_w, data_h = (x1 - x0) * k, y1 - y0
    height = min(640.0, max(300.0, width * data_h / data_w))
    scale = min(width / data_w, height / data_h)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2  # widen the box to fill the frame
    x0, x1 = cx - width / scale / k / 2, cx + width / scale / k / 2
    y0, y1 = cy - height / scale / 2, cy + height / scale / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - x0) * k * scale, (y1 - lat) * scale

    legend, legend_h = _legend(points, width, height)
    body = [
        f'<clipPath id="{clip_id}"><rect width="{fmt(width)}" height="{fmt(height)}"/></clipPath>',
        f'<g clip-path="url(#{clip_id})">',
        f'<rect width="{fmt(width)}" height="{fmt(height)}" fill="#dfeaf2"/>',
    ]
    body += _borders(project, (x0, y0, x1, y1), frozenset(countries))
    body += _markers(points, project)
    body.append("</g>")
    body += _scale_bar(scale * k, width, height, k)
    body.append(f'<rect width="{fmt(width)}" height="{fmt(height)}" fill="none" stroke="#555"/>')
    body += legend
    height += legend_h
    return document(width, height, body, label=title)


def _meets(box: Sequence[float], view: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = view
    return not (box[2] < x0 or box[0] > x1 or box[3] < y0 or box[1] > y1)


def _path_data(lines: Sequence[Sequence[float]], project: Projector, *, closed: bool) -> str:
    parts = []
    for line in lines:
        pts = [project(line[i], line[i + 1]) for i in range(0, len(line) - 1, 2)]
        if len(pts) < 2:
            continue
        parts.append(
            "M" + "L".join(f"{fmt(px)},{fmt(py)}" for px, py in pts) + ("Z" if closed else "")
        )
    return "".join(parts)


def _borders(
    project: Projector, bbox: tuple[float, float, float, float], named: frozenset[str]
) -> list[str]:
    """Land, then province lines (thin, dashed), then country borders on top, then names.

    Provinces are named on small maps only, and only those of ``named`` countries when
    some are given (the theatre's own), so neighbours' names do not crowd the map.
    """
    x0, y0, x1, y1 = bbox
    borders = load_borders()
    land = ['<g class="land" fill="#f7f5ef" stroke="none">']
    outlines = ['<g class="countries" fill="none" stroke="#8a8a8a" stroke-width="0.7">']
    labels = []
    for country in borders["countries"]:
        if not _meets(country["bbox"], bbox):
            continue
        d = _path_data(country["rings"], project, closed=True)
        land.append(f'<path d="{d}"><title>{esc(country["name"])}</title></path>')
        outlines.append(f'<path d="{d}"/>')
        cx0, cy0, cx1, cy1 = country["bbox"]
        lx, ly = (cx0 + cx1) / 2, (cy0 + cy1) / 2
        if x0 < lx < x1 and y0 < ly < y1:
            labels.append((country["name"], project(lx, ly)))
    land.append("</g>")
    outlines.append("</g>")
    provinces, province_labels = _provinces(project, bbox, borders.get("provinces") or [], named)
    out = land + provinces + outlines
    if province_labels:
        out.append('<g class="province-labels" fill="#9a9a9a">')
        out += [text(px, py, name, size=7.5, anchor="middle") for name, (px, py) in province_labels]
        out.append("</g>")
    out.append('<g fill="#777" font-style="italic">')
    for name, (px, py) in labels:
        out.append(text(px, py, name, size=9, anchor="middle"))
    out.append("</g>")
    return out


def _provinces(
    project: Projector,
    bbox: tuple[float, float, float, float],
    provinces: Sequence[Any],
    named: frozenset[str],
) -> tuple[list[str], list[tuple[str, tuple[float, float]]]]:
    """One ``path.province`` per province in view; names too when the view is small.

    ``lines`` hold only the lines between two provinces, each once (see
    ``scripts/build_borders.py``), so coasts and national borders are not drawn twice.
    """
    x0, y0, x1, y1 = bbox
    out = [
        '<g class="provinces" fill="none" stroke="#b5b5b5" stroke-width="0.5"'
        ' stroke-dasharray="2,2">'
    ]
    labels = []
    for province in provinces:
        if not _meets(province.get("bbox") or (0, 0, 0, 0), bbox):
            continue
        d = _path_data(province.get("lines") or [], project, closed=False)
        if d:
            out.append(f'<path class="province" data-name="{esc(province["name"])}" d="{d}"/>')
        label = province.get("label")
        if named and province.get("country") not in named:
            label = None  # a neighbour of the theatre: lines only
        if (
            label
            and x1 - x0 <= MAX_PROVINCE_LABEL_SPAN
            and x0 < label[0] < x1
            and y0 < label[1] < y1
        ):
            labels.append((str(province["name"]), project(label[0], label[1])))
    out.append("</g>")
    return out, labels


def _markers(points: Sequence[MapPoint], project: Projector) -> list[str]:
    styles = load_type_styles()
    out = ["<g>"]
    ordered = sorted(points, key=lambda p: -p.fatalities)  # big ones below small ones
    for point in ordered:
        x, y = project(point.longitude, point.latitude)
        style = styles.get(point.event_type, DEFAULT_STYLE)
        r = marker_radius(point.fatalities)
        out.append(marker(style.shape, x, y, r, style.colour, title=point.title))
    for point in points:
        if point.rank is None:
            continue
        x, y = project(point.longitude, point.latitude)
        r = marker_radius(point.fatalities)
        label = f"{point.rank}. {point.label}" if point.label else str(point.rank)
        out.append(
            f'<g class="label" paint-order="stroke" stroke="#fff" stroke-width="2.5">'
            f"{text(x + r + 2, y + 3, label, size=10, bold=True)}</g>"
        )
    out.append("</g>")
    return out


def _scale_bar(px_per_degree_lon: float, width: float, height: float, k: float) -> list[str]:
    px_per_km = px_per_degree_lon / (KM_PER_DEGREE * k) if k else 0.0
    if px_per_km <= 0:
        return []
    target = width / 5 / px_per_km
    km = max([n for n in _NICE_KM if n <= target] or [_NICE_KM[0]])
    length = km * px_per_km
    x, y = 12.0, height - 14
    return [
        f'<rect x="{fmt(x - 4)}" y="{fmt(y - 16)}" width="{fmt(length + 8)}" height="24"'
        ' fill="#fff" fill-opacity="0.8"/>',
        f'<path d="M{fmt(x)},{fmt(y)}h{fmt(length)}M{fmt(x)},{fmt(y - 4)}v8'
        f'M{fmt(x + length)},{fmt(y - 4)}v8" stroke="#000" stroke-width="1.5"/>',
        text(x + length / 2, y - 6, f"{km} km", size=9, anchor="middle"),
    ]


def _legend(points: Sequence[MapPoint], width: float, top: float) -> tuple[list[str], float]:
    """A legend band under the map: one entry per event type shown, and the size key."""
    styles = load_type_styles()
    types = sorted({p.event_type for p in points})
    if not types:
        return [], 0.0
    entries = [(styles.get(t, DEFAULT_STYLE), t, 5.0) for t in types]
    entries.append((DEFAULT_STYLE, "size: fatalities (shown: 10)", marker_radius(10)))
    per_row, line = 3, 18.0
    rows = math.ceil(len(entries) / per_row)
    out = ['<g class="legend">']
    for n, (style, label, radius) in enumerate(entries):
        x = 10 + (n % per_row) * (width - 20) / per_row
        y = top + 14 + (n // per_row) * line
        out.append(marker(style.shape, x + 6, y - 4, radius, style.colour))
        out.append(text(x + 16, y, label, size=9))
    out.append("</g>")
    return out, rows * line + 8
