"""Ingest (+ segmentation) throughput over a corpus made by repeating the example bulletins.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--min-mb 50] [--no-segment]``

Copies every readable file of ``examples/`` (or, when that is empty, the text files of
``tests/data/``) into a temporary folder until the corpus holds at least ``--min-mb`` MB; each
copy gets one extra closing line so every document has its own id. Then reads every file with
``watchfloor.ingest.read_file`` and, when ``watchfloor.segment.segment_document`` can be
imported, segments each document. Prints documents/s and MB/s for each stage and together.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import watchfloor
from watchfloor.errors import WatchfloorError
from watchfloor.ingest import iter_inputs, read_file

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000
TEXT_SUFFIXES = (".txt", ".md")


def source_files() -> list[Path]:
    """Example bulletins that read cleanly; the tests' text documents as a fallback."""
    for folder, suffixes in (
        (REPO / "examples" / "bulletins", None),
        (REPO / "tests" / "data", TEXT_SUFFIXES),
    ):
        found = []
        for path in iter_inputs([folder]) if folder.is_dir() else []:
            if suffixes and path.suffix not in suffixes:
                continue
            try:
                read_file(path)
            except WatchfloorError:
                continue
            found.append(path)
        if found:
            return found
    raise SystemExit("no readable documents in examples/ or tests/data/")


def build_corpus(sources: list[Path], target: Path, min_bytes: int) -> tuple[list[Path], int]:
    """Write numbered copies of ``sources`` under ``target`` until ``min_bytes`` is reached."""
    contents = [(path.suffix, path.read_bytes()) for path in sources]
    paths: list[Path] = []
    total = 0
    copy = 0
    while total < min_bytes:
        copy += 1
        for number, (suffix, data) in enumerate(contents):
            path = target / f"{copy:05d}_{number:02d}{suffix}"
            path.write_bytes(data + f"\n\nCopy {copy} of the benchmark corpus.\n".encode())
            paths.append(path)
            total += path.stat().st_size
    return paths, total


def load_segmenter() -> Callable[[Any], Any] | None:
    try:
        from watchfloor.segment import segment_document
    except ImportError:
        return None
    return segment_document


def report(label: str, documents: int, size: int, seconds: float) -> None:
    seconds = max(seconds, 1e-9)
    print(
        f"{label:<20} {documents:>8,} docs  {size / MB:8.1f} MB  {seconds:8.2f} s  "
        f"{documents / seconds:10,.1f} docs/s  {size / MB / seconds:8.2f} MB/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--min-mb", type=float, default=50.0, help="corpus size (default 50)")
    parser.add_argument("--no-segment", action="store_true", help="time ingest only")
    args = parser.parse_args()

    sources = source_files()
    segment = None if args.no_segment else load_segmenter()
    with tempfile.TemporaryDirectory(prefix="watchfloor-bench-") as tmp:
        paths, size = build_corpus(sources, Path(tmp), int(args.min_mb * MB))
        print(
            f"watchfloor {watchfloor.__version__}, Python {platform.python_version()}, "
            f"{platform.platform()}, {os.cpu_count()} CPUs"
        )
        print(
            f"corpus: {len(paths):,} files, {size / MB:.1f} MB, "
            f"from {len(sources)} source files: {', '.join(p.name for p in sources)}"
        )
        ingest_s = segment_s = 0.0
        documents = sentences = failures = 0
        for path in paths:
            start = time.perf_counter()
            try:
                read = read_file(path)
            except WatchfloorError as err:
                failures += 1
                print(f"failed: {err}", file=sys.stderr)
                continue
            ingest_s += time.perf_counter() - start
            documents += len(read)
            if segment is not None:
                start = time.perf_counter()
                for document in read:
                    tree = segment(document)
                    sentences += len(getattr(tree, "sentences", ()))
                segment_s += time.perf_counter() - start
    report("ingest", documents, size, ingest_s)
    if segment is not None:
        report("segment", documents, size, segment_s)
        report("ingest+segment", documents, size, ingest_s + segment_s)
        print(f"sentences: {sentences:,}")
    else:
        print(
            "segmentation not timed (watchfloor.segment.segment_document not importable"
            " or --no-segment)"
        )
    if failures:
        print(f"failed files: {failures:,}")


if __name__ == "__main__":
    main()
