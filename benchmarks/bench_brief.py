"""Benchmark: a weekly brief and trends out of a synthetic 1,000,000-event database.

Usage: python benchmarks/bench_brief.py [--events 1000000] [--db PATH] [--keep]

Builds the database with one ``executemany`` in one transaction (events over five
years, 4 countries, 24 provinces, 12 actors, one source each), then prints the
time to render the HTML brief for one week (target < 5 s) and to compute
``trends(by=week,admin1)`` over the whole database (target < 2 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import tempfile
import time
from pathlib import Path

from watchfloor import __version__
from watchfloor.analyse import trends
from watchfloor.brief import render_brief
from watchfloor.store import Store
from watchfloor.store.rows import EVENT_COLUMNS

AREAS = {
    "Syria": [("Deir ez-Zor", 35.3, 40.1), ("Ar-Raqqah", 35.9, 39.0), ("Aleppo", 36.2, 37.1),
              ("Idlib", 35.9, 36.6), ("Homs", 34.7, 36.7), ("Daraa", 32.6, 36.1)],
    "Iraq": [("Diyala", 33.8, 44.9), ("Kirkuk", 35.5, 44.4), ("Nineveh", 36.3, 43.1),
             ("Al Anbar", 33.4, 42.0), ("Salah ad Din", 34.5, 43.7), ("Baghdad", 33.3, 44.4)],
    "Egypt": [("North Sinai", 31.0, 33.8), ("Cairo", 30.0, 31.2), ("Giza", 30.0, 31.1),
              ("Ismailia", 30.6, 32.3), ("Suez", 29.9, 32.5), ("Alexandria", 31.2, 29.9)],
    "Afghanistan": [("Kunar", 34.8, 71.1), ("Nangarhar", 34.2, 70.6), ("Kabul", 34.5, 69.2),
                    ("Helmand", 31.4, 64.2), ("Kandahar", 31.6, 65.7), ("Herat", 34.3, 62.2)],
}  # fmt: skip
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Government regains territory"),
]
ACTORS = [
    "Islamic State", "Syrian Arab Army", "Syrian Democratic Forces", "Iraqi Army",
    "Popular Mobilization Forces", "Egyptian Armed Forces", "Taliban", "Hay'at Tahrir al-Sham",
    "International Coalition", "Russian Armed Forces", "Unidentified Armed Group", "Iraqi Police",
]  # fmt: skip
UNITS = ["Sinai Province", "Khorasan Province", "Iraq Province", "Al-Sham Province"]
START = dt.date(2017, 1, 2)
DAYS = 5 * 364


def build(path: Path, count: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    store = Store.open(path)
    t0 = time.perf_counter()
    flat = [(c, a) for c, areas in AREAS.items() for a in areas]
    placeholders = ",".join("?" * len(EVENT_COLUMNS))
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO documents(id, origin, name, title, format, version, text)"
            " VALUES ('bench000000000000', 'bench.txt', 'bench.txt', 'bench', 'text', 1, '')"
        )
        rows, sources = [], []
        for n in range(count):
            country, (admin1, lat, lon) = rng.choice(flat)
            event_type, sub_type = rng.choice(TYPES)
            actor1 = rng.choice(ACTORS)
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            fatalities = rng.choice((0, 0, 0, 1, 2, 3, 5, 10))
            claimed = "Islamic State" if actor1 == "Islamic State" and rng.random() < 0.6 else None
            unit = rng.choice(UNITS) if actor1 == "Islamic State" else None
            values = dict.fromkeys(EVENT_COLUMNS)
            values.update(
                id=f"bench#{n}", document_id="bench000000000000", doc="bench.txt",
                evidence="Synthetic event.", also_in="[]", event_date=day.isoformat(),
                time_precision=1, event_type=event_type, sub_event_type=sub_type,
                actor1=actor1, actor1_unit=unit, actor2=rng.choice(ACTORS),
                civilian_targeting=0, location_text=f"{admin1} village {n % 50}",
                country=country, admin1=admin1, geo_precision=1,
                latitude=lat + rng.uniform(-0.5, 0.5), longitude=lon + rng.uniform(-0.5, 0.5),
                killed=fatalities, fatalities=fatalities, claimed_by=claimed,
                provenance="{}", people="[]", producer="bench",
            )  # fmt: skip
            rows.append(tuple(values[c] for c in EVENT_COLUMNS))
            sources.append((f"bench#{n}", 0, "Telegram", day.isoformat()))
        conn.executemany(
            f"INSERT INTO events({','.join(EVENT_COLUMNS)}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )
        conn.executemany("INSERT INTO event_sources VALUES (?,?,?,?)", sources)
    store.conn.execute("ANALYZE")
    store.close()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        if not path.exists():
            seconds = build(path, args.events)
            print(f"built {args.events:,} events in {seconds:.1f} s -> {path}")
        store = Store.open(path)
        week = START + dt.timedelta(weeks=150)
        t0 = time.perf_counter()
        html = render_brief(store, week_start=week, fmt="html")
        brief_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        table = trends(store, by=["week", "admin1"], weeks=None)
        trends_s = time.perf_counter() - t0
        store.close()
    print(f"watchfloor {__version__}, Python {platform.python_version()}, {platform.machine()}")
    print(f"brief (HTML, week of {week}): {brief_s:.2f} s, {len(html):,} characters (target < 5 s)")
    print(f"trends by week,admin1 over the whole database: {trends_s:.2f} s,"
          f" {len(table.rows):,} rows (target < 2 s)")  # fmt: skip


if __name__ == "__main__":
    main()
