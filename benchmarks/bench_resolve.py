"""Resolve N synthetic reports into incidents; print reports/s and peak memory.

Usage: python benchmarks/bench_resolve.py [N]   (default 100000)

Incidents are spread over two years and a 10x10 degree box; each is told by 1 to 4
documents with jittered dates (+-1 day), places (a few km) and figures, so the
blocking index sees realistic density. Only ``merge_incidents`` is timed.
"""

from __future__ import annotations

import datetime as dt
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from watchfloor import __version__
from watchfloor.models import DocFormat, Document, DocumentTree, Event
from watchfloor.resolve import merge_incidents
from watchfloor.store import Store

TYPES = ("Remote explosive/landmine/IED", "Armed clash", "Air/drone strike", "Attack")
ACTORS = ("Islamic State", "Syrian Arab Army", "Unidentified Armed Group", "Taliban")
PER_DOC = 50


def build(store: Store, n: int, rng: random.Random) -> None:
    start = dt.date(2019, 1, 1)
    docs: dict[int, list[Event]] = {}
    made = 0
    incident = 0
    while made < n:
        incident += 1
        day = start + dt.timedelta(days=rng.randrange(730))
        lat, lon = 30 + rng.random() * 10, 35 + rng.random() * 10
        kind = rng.choice(TYPES)
        actor = rng.choice(ACTORS)
        for telling in range(min(rng.randint(1, 4), n - made)):
            doc = rng.randrange(max(1, n // PER_DOC))
            n_in_doc = len(docs.setdefault(doc, [])) + 1
            docs[doc].append(Event(
                id=f"d{doc}#{n_in_doc}", doc=f"d{doc}.txt",
                evidence=f"Report {telling} of incident {incident}: a {kind} by {actor}.",
                event_date=day + dt.timedelta(days=rng.choice((0, 0, 0, -1))),
                time_precision=1, event_type="x", sub_event_type=kind, actor1=actor,
                country="Syria", admin1=f"A{int(lat)}", geo_precision=1,
                latitude=lat + rng.uniform(-0.03, 0.03), longitude=lon + rng.uniform(-0.03, 0.03),
                killed=rng.randint(0, 20),
            ))  # fmt: skip
            made += 1
    for doc, events in docs.items():
        text = f"synthetic document {doc}"
        document = Document(id=f"{doc:016x}", text=text, title=text, format=DocFormat.TEXT,
                            origin=f"/bench/d{doc}.txt")  # fmt: skip
        store.save_document(DocumentTree(document, (), (), ()), events=events, producer="bench")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        build(store, n, rng)
        t1 = time.perf_counter()
        summary = merge_incidents(store)
        t2 = time.perf_counter()
        again = merge_incidents(store)
        t3 = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"watchfloor {__version__} on {platform.machine()} {platform.python_version()}")
    print(f"built {n} reports in {t1 - t0:.1f} s")
    print(f"resolved {summary.processed} reports into {summary.new_incidents} incidents "
          f"({summary.linked} joined) in {t2 - t1:.1f} s: {summary.processed / (t2 - t1):,.0f} reports/s")  # fmt: skip
    print(f"idempotent re-run: {again.processed} processed in {t3 - t2:.2f} s")
    print(f"peak memory (max RSS): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
