"""Wires the stages: ingest -> segment -> extract -> geocode -> store.

This module owns batching, transactions and per-document outcomes: an expected
error becomes a failed outcome with its reason slug, an unexpected one
``internal-error``; the batch goes on and nothing already committed is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

from watchfloor import __version__
from watchfloor.errors import WatchfloorError
from watchfloor.extract import Extraction, extract_events
from watchfloor.ingest import iter_inputs, read_file
from watchfloor.models import Document, DocumentTree, Event
from watchfloor.places import Gazetteer, geocode_events
from watchfloor.resolve import KnowledgeBase, find_people
from watchfloor.segment import segment_document
from watchfloor.store import Store

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]
"""``on_progress(done, total, label)``: the CLI maps it to a progress bar."""


@dataclass(frozen=True, slots=True)
class CodedDocument:
    """A document with its structure and what extraction and geocoding made of it."""

    document: Document
    tree: DocumentTree
    extraction: Extraction


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: ``status`` is new, new-version, unchanged or failed."""

    origin: str
    status: str
    reason: str | None = None
    detail: str | None = None
    document_id: str | None = None
    events: int = 0


@dataclass(slots=True)
class RunSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def events(self) -> int:
        return sum(o.events for o in self.outcomes)


@cache
def producer_tag() -> str:
    """Package version plus a hash of the shipped rule data, stored with every event."""
    digest = hashlib.sha256()
    data = resources.files("watchfloor").joinpath("data")
    for sub in ("extract", "places", "segment"):
        folder = data.joinpath(sub)
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_file() and not entry.name.endswith((".xz", ".gz", ".sqlite")):
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return f"watchfloor {__version__} rules:{digest.hexdigest()[:12]}"


def code_document(document: Document, *, gazetteer: Gazetteer | None) -> CodedDocument:
    """Segment, extract, name people and (when a gazetteer is given) geocode one document."""
    tree = segment_document(document)
    extraction = extract_events(tree)
    events = link_people(extraction.events, KnowledgeBase.from_seed())
    if gazetteer is not None:
        events = geocode_events(events, tree, gazetteer)
    extraction = Extraction(
        events=tuple(events), statistics=extraction.statistics, uncoded=extraction.uncoded
    )
    return CodedDocument(document, tree, extraction)


def link_people(events: Sequence[Event], kb: KnowledgeBase) -> list[Event]:
    """Attach the people each event's evidence names, with spans in document offsets."""
    out = []
    for event in events:
        people = find_people(event.evidence, kb)
        if people:
            base = event.evidence_span[0] if event.evidence_span else None
            people = [
                replace(p, span=(p.span[0] + base, p.span[1] + base) if p.span else None)
                if base is not None
                else replace(p, span=None)
                for p in people
            ]
            event = replace(event, people=tuple(people))
        out.append(event)
    return out


def code_path(
    path: Path, *, gazetteer: Gazetteer | None, period: tuple[dt.date, dt.date] | None = None
) -> list[CodedDocument]:
    """Read one file (which may hold several documents) and code each document in it."""
    return [code_document(d, gazetteer=gazetteer) for d in read_file(path, period=period)]


def run(
    paths: Sequence[Path],
    store: Store,
    *,
    gazetteer: Gazetteer | None = None,
    extract: bool = True,
    period: tuple[dt.date, dt.date] | None = None,
    on_progress: ProgressCallback | None = None,
    debug: bool = False,
) -> RunSummary:
    """Ingest every file under ``paths`` into ``store``; with ``extract``, code and geocode too.

    One transaction per document. A file that fails is recorded with its reason
    (and in the ``failures`` table) and the batch goes on.
    """
    files = list(iter_inputs(paths))
    summary = RunSummary()
    for done, path in enumerate(files, start=1):
        if on_progress:
            on_progress(done - 1, len(files), path.name)
        summary.outcomes.extend(
            _run_one(path, store, gazetteer=gazetteer, extract=extract, period=period, debug=debug)
        )
    if on_progress:
        on_progress(len(files), len(files), "")
    return summary


def _run_one(
    path: Path,
    store: Store,
    *,
    gazetteer: Gazetteer | None,
    extract: bool,
    period: tuple[dt.date, dt.date] | None,
    debug: bool,
) -> Iterable[Outcome]:
    origin = str(path)
    try:
        outcomes = []
        for document in read_file(path, period=period):
            outcomes.append(_store_one(document, store, gazetteer=gazetteer, extract=extract))
        return outcomes
    except WatchfloorError as err:
        if debug:
            raise
        store.record_failure(origin, err.reason, err.detail)
        return [Outcome(origin, "failed", err.reason, err.detail)]
    except Exception as err:  # the per-document boundary: any bug becomes one failed outcome
        if debug:
            raise
        log.exception("internal error on %s", origin)
        detail = f"{type(err).__name__}: {err}"
        store.record_failure(origin, "internal-error", detail)
        return [Outcome(origin, "failed", "internal-error", detail)]


def _store_one(
    document: Document, store: Store, *, gazetteer: Gazetteer | None, extract: bool
) -> Outcome:
    if not extract:
        if store.has_document(document.id):
            return Outcome(document.origin, "unchanged", document_id=document.id)
        tree = segment_document(document)
        status = store.save_document(tree, producer=producer_tag())
        return Outcome(document.origin, status, document_id=document.id)
    coded = code_document(document, gazetteer=gazetteer)
    status = store.save_document(
        coded.tree,
        events=coded.extraction.events,
        statistics=coded.extraction.statistics,
        uncoded=coded.extraction.uncoded,
        producer=producer_tag(),
    )
    return Outcome(
        document.origin, status, document_id=document.id, events=len(coded.extraction.events)
    )
