"""The three shared samples, coded by the full pipeline, then resolved (no false merges)."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.resolve import list_incidents, merge_incidents
from watchfloor.store import Store


@pytest.mark.seeds
def test_seeds_no_false_merges_across_samples(seeds_dir: Path, db_path: Path) -> None:
    pipeline = pytest.importorskip("watchfloor.pipeline", exc_type=ImportError)
    with Store.open(db_path) as store:
        for path in sorted(seeds_dir.glob("*.txt")):
            for coded in pipeline.code_path(path, gazetteer=None):
                store.save_document(coded.tree, events=coded.extraction.events, producer="test")
        merge_incidents(store)
        for view in list_incidents(store):
            documents = {event.document_id for _, event in view.reports}
            assert len(documents) == len(view.reports), f"incident {view.id} merged within a doc"
            years = {event.event_date.year for _, event in view.reports if event.event_date}
            assert len(years) <= 1, f"incident {view.id} spans years {years}"
