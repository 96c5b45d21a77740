"""Segmentation throughput: documents/s and MB/s over a corpus of at least 50 MB.

The corpus is the sample bulletins in ../shared/seeds (when present) and the bulletins in
examples/, repeated until it reaches --mb megabytes. Run: python benchmarks/bench_segment.py
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import watchfloor
from watchfloor.models import DocFormat, Document
from watchfloor.segment import segment_document

REPO = Path(__file__).resolve().parent.parent


def _sources() -> list[Path]:
    paths = sorted((REPO / "examples" / "bulletins").glob("*.txt")) + sorted(
        (REPO / "examples" / "bulletins").glob("*.md")
    )
    seeds = REPO.parent / "shared" / "seeds"
    if seeds.is_dir():
        paths += sorted(seeds.glob("*.txt"))
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in megabytes")
    args = parser.parse_args()
    documents = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        title = (text.strip().splitlines() or [path.stem])[0]
        documents.append(
            Document(id=path.stem, text=text, title=title, format=DocFormat.TEXT, origin=str(path))
        )
    if not documents:
        print("no documents found under examples/ or ../shared/seeds", file=sys.stderr)
        return 1
    target = int(args.mb * 1_000_000)
    segment_document(documents[0])  # load the word lists outside the timing
    done = size = sentences = 0
    slowest = 0.0
    started = time.perf_counter()
    while size < target:
        document = documents[done % len(documents)]
        before = time.perf_counter()
        tree = segment_document(document)
        slowest = max(slowest, time.perf_counter() - before)
        sentences += len(tree.sentences)
        size += len(document.text.encode("utf-8"))
        done += 1
    elapsed = time.perf_counter() - started
    print(
        f"watchfloor {watchfloor.__version__}, Python {platform.python_version()}, {platform.machine()}"
    )
    print(f"source documents: {len(documents)}; corpus: {done} documents, {size / 1e6:.1f} MB")
    print(
        f"sentences: {sentences}; elapsed: {elapsed:.2f} s; slowest document: {slowest * 1000:.1f} ms"
    )
    print(f"{done / elapsed:.1f} documents/s, {size / 1e6 / elapsed:.2f} MB/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
