"""Extraction throughput: sentences/s and MB/s over a large corpus (the examples, repeated).

Run: .venv/bin/python benchmarks/bench_extract.py [--repeat 40] [PATH ...]
Documents are read and segmented once (not timed); only ``extract_events`` is timed, by the
wall clock and by the process's CPU time (steadier when other work shares the cores).
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from watchfloor import __version__
from watchfloor.extract import Rules, extract_events
from watchfloor.ingest import iter_inputs, read_file
from watchfloor.segment import segment_document

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "examples" / "bulletins"])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    trees = [
        segment_document(document)
        for path in iter_inputs(args.paths)
        if path.suffix in {".txt", ".md", ".html"}
        for document in read_file(path)
    ]
    rules = Rules.load()
    size = sum(len(tree.document.text.encode("utf-8")) for tree in trees) * args.repeat
    sentences = sum(len(tree.sentences) for tree in trees) * args.repeat
    events = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for _ in range(args.repeat):
        for tree in trees:
            events += len(extract_events(tree, rules=rules).events)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(f"watchfloor {__version__} · Python {platform.python_version()} · {platform.machine()}")
    print(f"{len(trees)} documents x {args.repeat} = {size / 1e6:.2f} MB, {sentences} sentences")
    print(
        f"{elapsed:.2f} s · {sentences / elapsed:,.0f} sentences/s · "
        f"{size / 1e6 / elapsed:.2f} MB/s (one core) · {events} events"
    )
    # CPU time is steadier than wall time on a machine shared with other work
    print(
        f"CPU {cpu:.2f} s · {sentences / cpu:,.0f} sentences/s · "
        f"{size / 1e6 / cpu:.2f} MB/s per CPU-second"
    )


if __name__ == "__main__":
    main()
