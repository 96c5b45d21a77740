"""The SQLite store on real database files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from factories import make_event, make_tree

from watchfloor.errors import StoreError
from watchfloor.models import (
    Statistic,
)
from watchfloor.store import Store


def test_store_open_creates_migrated_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        names = [r[0] for r in store.conn.execute("SELECT name FROM schema_migrations")]
        assert names[:2] == ["0001_documents.sql", "0002_events.sql"]
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db_path.is_file()
    # Re-opening applies nothing twice.
    with Store.open(db_path) as store:
        count = store.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
        assert count == len(names)


def test_store_open_rejects_non_database(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not a sqlite file at all" * 100)
    with pytest.raises(StoreError) as info:
        Store.open(bad)
    assert info.value.reason == "bad-database"
    assert str(bad) in info.value.message


def test_store_event_round_trip(db_path: Path) -> None:
    event = make_event()
    with Store.open(db_path) as store:
        assert store.save_document(make_tree(), events=[event], producer="test") == "new"
        (back,) = store.query_events()
    assert back.sources == event.sources
    assert back.also_in == event.also_in
    assert back.provenance == event.provenance
    assert back.evidence_span == event.evidence_span
    assert (back.killed, back.wounded, back.fatalities) == (2, 3, 2)
    assert back.event_date == dt.date(2024, 3, 2)


def test_store_resave_same_content_is_unchanged(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_document(make_tree(), events=[make_event()])
        assert store.save_document(make_tree(), events=[make_event()]) == "unchanged"
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1
        assert len(store.query_events()) == 1


def test_store_changed_file_is_new_version(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_document(make_tree(), events=[make_event()])
        changed = make_tree(
            "Iraq\nTwo IEDs went off in Tarmiyah (Shafaq, March 2, 2024).",
            doc_id="ffff000011112222",
        )
        assert store.save_document(changed, events=[make_event()]) == "new-version"
        versions = store.conn.execute("SELECT version FROM documents ORDER BY version").fetchall()
        assert [v[0] for v in versions] == [1, 2]
        # The new version's extraction supersedes the old one's.
        (event,) = store.query_events()
        assert event.document_id == "ffff000011112222"


def test_store_same_stem_in_two_folders_keeps_both(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_document(make_tree(), events=[make_event()])
        other = make_tree(
            "Iraq\nA mortar hit Tarmiyah (Shafaq, March 2, 2024).",
            doc_id="9999000011112222",
            origin="/other/bulletin.txt",
        )
        store.save_document(other, events=[make_event()])
        ids = sorted(e.id for e in store.query_events())
    assert ids == ["bulletin#1", "bulletin#1@99990000"]


def test_store_query_filters(db_path: Path) -> None:
    events = [make_event(1, day=1), make_event(2, country="Syria", day=3), make_event(3, day=5)]
    with Store.open(db_path) as store:
        store.save_document(make_tree(), events=events)
        assert [e.id for e in store.query_events(country="iraq")] == ["bulletin#1", "bulletin#3"]
        assert [
            e.id for e in store.query_events(since=dt.date(2024, 3, 2), until=dt.date(2024, 3, 4))
        ] == ["bulletin#2"]
        assert len(store.query_events(actor="Iraqi Army")) == 3
        assert len(store.query_events(limit=1)) == 1


def test_store_failed_document_rolls_back_whole(db_path: Path) -> None:
    duplicate = [make_event(1), make_event(1)]  # same id twice: the insert fails
    with Store.open(db_path) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.save_document(make_tree(), events=duplicate)
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
        assert store.conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0


def test_store_full_text_search_and_lists(db_path: Path) -> None:
    stat = Statistic(
        doc="bulletin.txt",
        evidence="ISIS claimed 12 attacks.",
        claimant="Islamic State",
        period_start=None,
        period_end=None,
        metric="attacks claimed",
        value=12,
    )
    tree = make_tree()
    with Store.open(db_path) as store:
        store.save_document(
            tree, events=[make_event()], statistics=[stat], uncoded=[tree.sentences[0]]
        )
        assert store.search_sentences("IED went") == [("bulletin.txt", tree.sentences[0].text)]
        assert store.search_sentences('"; DROP TABLE sentences; --') == []
        assert store.list_statistics() == [stat]
        assert store.list_uncoded() == [("bulletin.txt", tree.sentences[0].text)]
        assert store.unresolved_places() == [("Tarmiyah", "Iraq", 1)]
        (summary,) = store.list_documents()
        assert (summary.sentences, summary.events) == (1, 1)
        assert store.get_document("a1b2").text == tree.document.text
        assert store.get_document("bulletin.txt").id == tree.document.id
        with pytest.raises(StoreError):
            store.get_document("%")
