"""Build ``src/watchfloor/data/brief/borders.json``: simplified country borders for the maps.

Source: Natural Earth 1:50m admin-0 countries (public domain) as TopoJSON in the npm
package ``world-atlas`` (ISC licence, by Mike Bostock). Get it offline-once with::

    cd /tmp && npm pack world-atlas          # writes world-atlas-2.0.2.tgz

then run::

    python scripts/build_borders.py /tmp/world-atlas-2.0.2.tgz

The script decodes the TopoJSON arcs, keeps countries meeting the region box
(West Africa to Southeast Asia), simplifies each ring (Douglas-Peucker,
``--tolerance`` degrees) and rounds coordinates to 0.01 degree. Province (admin-1)
lines are not in world-atlas; ``provinces`` stays empty until a public-domain
admin-1 source is added here.
"""

from __future__ import annotations

import argparse
import json
import tarfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src/watchfloor/data/brief/borders.json"
REGION = (-20.0, -30.0, 130.0, 50.0)  # lon_min, lat_min, lon_max, lat_max
MEMBER = "package/countries-50m.json"
# Natural Earth names -> the event guide's English short names.
RENAMES = {
    "United States of America": "United States",
    "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Central African Rep.": "Central African Republic",
    "S. Sudan": "South Sudan",
    "W. Sahara": "Western Sahara",
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Eq. Guinea": "Equatorial Guinea",
    "N. Cyprus": "Northern Cyprus",
    "Côte d'Ivoire": "Ivory Coast",
}
ATTRIBUTION = (
    "Country borders: Natural Earth 1:50m admin-0 (public domain, naturalearthdata.com), "
    "via the world-atlas package (ISC licence, Mike Bostock); simplified."
)


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_i = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                dist = ((px - x0) ** 2 + (py - y0) ** 2) ** 0.5
            else:
                dist = abs(dy * px - dx * py + x1 * y0 - y1 * x0) / norm
            if dist > best:
                best, best_i = dist, i
        if best > tolerance and best_i > 0:
            keep[best_i] = True
            stack += [(first, best_i), (best_i, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def build(tgz: Path, tolerance: float) -> dict[str, Any]:
    with tarfile.open(tgz) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{tgz}: no {MEMBER}")
        topo = json.load(member)
    arcs = _decode_arcs(topo)
    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = []
        for polygon in polygons:
            for ring_arcs in polygon:
                ring = _simplify(_ring(ring_arcs, arcs), tolerance)
                span = max(x for x, _ in ring) - min(x for x, _ in ring)
                if len(ring) >= 4 and span < 180:  # drop rings cut by the antimeridian
                    rings.append(ring)
        if not rings:
            continue
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        bbox = (min(xs), min(ys), max(xs), max(ys))
        if bbox[2] < REGION[0] or bbox[0] > REGION[2] or bbox[3] < REGION[1] or bbox[1] > REGION[3]:
            continue
        countries.append(
            {
                "name": RENAMES.get(name, name),
                "bbox": [round(v, 2) for v in bbox],
                "rings": [[round(v, 2) for point in ring for v in point] for ring in rings],
            }
        )
    countries.sort(key=lambda c: c["name"])
    return {"version": 1, "attribution": ATTRIBUTION, "countries": countries, "provinces": []}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tgz", type=Path, help="world-atlas-*.tgz from 'npm pack world-atlas'")
    parser.add_argument("--tolerance", type=float, default=0.03, help="degrees")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.tgz, args.tolerance)
    args.out.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    print(f"{args.out}: {len(data['countries'])} countries, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
