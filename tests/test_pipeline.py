"""The wired pipeline on real files: per-file failures, people linked with document offsets."""

from __future__ import annotations

from pathlib import Path

from watchfloor import pipeline
from watchfloor.ingest import read_file
from watchfloor.store import Store

BULLETIN = """DEMO DESK – Weekly Monitor (March 7 – 13, 2024)

Iraq
Nineveh Province
• On March 9, 2024, Iraqi security forces arrested Abu Khalid al-Iraqi, the emir of an ISIS cell, in the Sinjar area (Shafaq News, March 9, 2024).
"""


def test_pipeline_links_people_with_document_spans(tmp_path: Path) -> None:
    path = tmp_path / "week.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    (document,) = read_file(path)
    coded = pipeline.code_document(document, gazetteer=None)
    people = [p for e in coded.extraction.events for p in e.people]
    assert people, [e.evidence for e in coded.extraction.events]
    person = people[0]
    assert person.name == "Abu Khalid al-Iraqi"
    assert person.span is not None
    assert document.text[person.span[0] : person.span[1]] == person.name


def test_pipeline_run_keeps_going_after_bad_file(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BULLETIN, encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")  # truncated
    with Store.open(db_path) as store:
        summary = pipeline.run([folder], store, gazetteer=None)
        assert summary.counts["new"] == 1
        assert [(o.reason, Path(o.origin).name) for o in summary.failures] == [("bad-pdf", "b.pdf")]
        assert summary.events >= 1
        stored = store.query_events()
        assert len(stored) == summary.events
        row = store.conn.execute("SELECT producer FROM events LIMIT 1").fetchone()
        assert row[0].startswith("watchfloor ") and "rules:" in row[0]
