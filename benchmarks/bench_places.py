"""Print gazetteer load time and memory, and name look-ups per second (warm).

Usage: python benchmarks/bench_places.py [--names 5000] [--cold]
``--cold`` also times the first open (decompress + index) in a throw-away cache dir.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import tempfile
import time
import tracemalloc

from watchfloor import __version__
from watchfloor.places import Gazetteer, PlaceContext, resolve_place
from watchfloor.places.folding import load_folding_rules
from watchfloor.places.gazetteer import bundled_path


def sample_names(count: int) -> list[str]:
    path = bundled_path(load_folding_rules())
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT name FROM names WHERE rowid % 97 = 0 LIMIT ?", (count,)
        ).fetchall()
    finally:
        conn.close()
    return [row[0] for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=5000)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    print(f"watchfloor {__version__}, Python {platform.python_version()}, {platform.machine()}")
    if args.cold:
        with tempfile.TemporaryDirectory() as tmp:
            old = os.environ.get("XDG_CACHE_HOME")
            os.environ["XDG_CACHE_HOME"] = tmp
            start = time.perf_counter()
            Gazetteer.open().close()
            print(
                f"cold open (decompress + index, once per install): "
                f"{time.perf_counter() - start:.2f} s"
            )
            if old is None:
                del os.environ["XDG_CACHE_HOME"]
            else:
                os.environ["XDG_CACHE_HOME"] = old
    Gazetteer.open().close()  # make sure the cache exists
    tracemalloc.start()
    start = time.perf_counter()
    gazetteer = Gazetteer.open()
    load = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"warm load: {load * 1000:.0f} ms, Python heap peak {peak / 1e6:.1f} MB")
    names = sample_names(args.names)
    start = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    first = time.perf_counter() - start
    print(f"look-ups, {len(names)} distinct names, first time: {len(names) / first:,.0f} /s")
    rounds = 10
    start = time.perf_counter()
    for _ in range(rounds):
        for name in names:
            gazetteer.lookup(name)
    warm = time.perf_counter() - start
    print(f"look-ups, same names again (warm cache): {rounds * len(names) / warm:,.0f} /s")
    context = PlaceContext(country="Syria", admin1="Deir ez-Zor")
    phrases = ["14 km north of Al-Mayadeen", "Diban", "near Al-Mayadeen", "Hajin"] * 250
    start = time.perf_counter()
    for phrase in phrases:
        resolve_place(phrase, gazetteer=gazetteer, context=context)
    elapsed = time.perf_counter() - start
    print(f"resolve_place with context: {len(phrases) / elapsed:,.0f} /s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS: {rss:.0f} MB")
    gazetteer.close()


if __name__ == "__main__":
    main()
