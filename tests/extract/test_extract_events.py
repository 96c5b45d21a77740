"""Extraction on sentences we wrote ourselves: detection, actors, claims, merging, sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watchfloor.extract import Extraction, Rules, extract_events
from watchfloor.ingest import read_file
from watchfloor.segment import segment_document

BULLETIN = """Weekly Conflict Digest (March 1-7, 2024)

Main events of the week
  • On March 3, 2024, ISIS operatives attacked an Iraqi police checkpoint near Tarmiyah. Two policemen were killed.

Main developments in Iraq
Diyala Province
  • On March 3, 2024, ISIS operatives attacked an Iraqi police checkpoint in Tarmiyah, 30 km north of Baghdad. Two policemen were killed and three others were wounded (Shafaq News, March 3, 2024).
  • On March 4, 2024, an IED was activated against an Iraqi army patrol 12 km east of Baqubah. No casualties were reported (Shafaq News, March 5, 2024).
  • On March 5, 2024, a shepherd was targeted by sniper fire west of Khanaqin. He was killed (Rudaw, March 5, 2024). In addition, machine gun fire hit an Iraqi army pickup near the same village, and its crew were killed or wounded (Rudaw, March 5, 2024).
  • In the ITIC's assessment, ISIS will continue its attacks in the province.
  • Daily attacks were reported in six provinces this week.

Claims of responsibility
  • Following are the attacks, according to ISIS's claims of responsibility.
  • On March 6, 2024, an SDF vehicle was targeted by gunfire about 8 km south of Al-Busayrah. Two fighters were killed (Amaq, March 6, 2024).
"""


def _extract(tmp_path: Path, text: str, name: str = "digest.txt") -> Extraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document = read_file(path)[0]
    return extract_events(segment_document(document))


@pytest.fixture
def extraction(tmp_path: Path) -> Extraction:
    return _extract(tmp_path, BULLETIN)


def _by_evidence(extraction: Extraction, words: str):  # type: ignore[no-untyped-def]
    found = [e for e in extraction.events if words in e.evidence]
    assert found, f"no event with {words!r} in {[e.evidence for e in extraction.events]}"
    return found[0]


def test_extract_summary_and_body_tellings_merge(extraction: Extraction) -> None:
    checkpoint = [e for e in extraction.events if "checkpoint" in e.evidence]
    assert len(checkpoint) == 1
    event = checkpoint[0]
    assert "30 km north of Baghdad" in event.evidence
    assert any("near Tarmiyah" in telling for telling in event.also_in)
    assert event.sub_event_type == "Armed clash"
    assert (event.actor1, event.actor2) == ("Islamic State", "Iraqi Police")
    assert (event.killed, event.wounded) == (2, 3)
    assert (event.distance_km, event.bearing, event.anchor) == (30, "N", "Baghdad")
    assert (event.country, event.admin1) == ("Iraq", "Diyala")


def test_extract_ids_follow_document_order(extraction: Extraction) -> None:
    ids = [e.id for e in extraction.events]
    assert ids == [f"digest#{n}" for n in range(1, len(ids) + 1)]
    starts = [e.evidence_span[0] for e in extraction.events if e.evidence_span]
    assert starts == sorted(starts)


def test_extract_evidence_is_verbatim(extraction: Extraction, tmp_path: Path) -> None:
    text = " ".join(BULLETIN.split())
    for event in extraction.events:
        assert text.find(" ".join(event.evidence.split())) >= 0


def test_extract_passive_ied_without_perpetrator(extraction: Extraction) -> None:
    event = _by_evidence(extraction, "IED was activated")
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"  # ACLED: country in parentheses
    assert event.actor2 == "Iraqi Army"
    assert event.killed == 0
    assert event.claimed_by is None


def test_extract_two_incidents_in_one_bullet(extraction: Extraction) -> None:
    shepherd = _by_evidence(extraction, "shepherd")
    vehicle = _by_evidence(extraction, "machine gun fire")
    assert shepherd.id != vehicle.id
    assert shepherd.sub_event_type == "Attack"
    assert shepherd.actor2 == "Civilians" and shepherd.civilian_targeting
    assert vehicle.sub_event_type == "Armed clash"
    assert vehicle.killed_or_wounded is None or vehicle.killed is None


def test_extract_skips_assessments_and_aggregates(extraction: Extraction) -> None:
    evidence = " ".join(e.evidence for e in extraction.events)
    assert "assessment" not in evidence
    assert "Daily attacks" not in evidence


def test_extract_claims_section_sets_claimant_and_actor(extraction: Extraction) -> None:
    event = _by_evidence(extraction, "SDF vehicle")
    assert event.claimed_by == "Islamic State"
    assert event.actor1 == "Islamic State"
    assert event.actor2 == "Syrian Democratic Forces"
    assert event.distance_km == 8 and event.bearing == "S"


def test_extract_sources_come_from_citations(extraction: Extraction) -> None:
    event = _by_evidence(extraction, "IED was activated")
    assert [(s.name, s.date) for s in event.sources] == [("Shafaq News", dt.date(2024, 3, 5))]


def test_extract_provenance_points_into_the_text(extraction: Extraction) -> None:
    event = _by_evidence(extraction, "30 km north")
    start, end = event.provenance["sub_event_type"]
    assert "attacked" in BULLETIN[start:end]


def test_extract_rules_load_once() -> None:
    assert Rules.load() is Rules.load()
