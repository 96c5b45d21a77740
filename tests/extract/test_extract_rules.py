"""Actors, claims, news datelines and hostile input, on sentences we wrote ourselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.extract import Extraction, Rules, extract_events
from watchfloor.extract.actors import assign_actors, find_mentions
from watchfloor.extract.detect import analyse_sentence, fold_text, top_hit
from watchfloor.ingest import read_file
from watchfloor.models import BlockKind, Sentence
from watchfloor.segment import segment_document


def _extract(tmp_path: Path, text: str, name: str = "doc.txt") -> Extraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_events(segment_document(read_file(path)[0]))


def _roles(text: str, country: str | None = None) -> tuple[str | None, str | None, str | None]:
    rules = Rules.load()
    sent = Sentence(0, text, (0, len(text)), (), None, 0, BlockKind.PARAGRAPH)
    info = analyse_sentence(sent, rules)
    hit = top_hit(info.strong_hits)
    assert hit is not None, text
    roles = assign_actors(find_mentions(text, fold_text(text), rules, country), hit, info.folded)
    return roles.actor1, roles.actor1_unit, roles.actor2


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("ISIS operatives attacked an Iraqi police checkpoint.", None,
         ("Islamic State", None, "Iraqi Police")),
        ("An Iraqi army patrol was attacked by Daesh fighters near Rutba.", None,
         ("Islamic State", None, "Iraqi Army")),
        ("ISIS's Sinai Province detonated an IED against an Egyptian army vehicle.", None,
         ("Islamic State", "Sinai Province", "Egyptian Armed Forces")),
        ("The soldiers of the Caliphate detonated an explosive device on a vehicle of the "
         "PKK apostates.", None, ("Islamic State", None, "Syrian Democratic Forces")),
        ("The soldiers of the Caliphate clashed with the Rafidites near Samarra.", None,
         ("Islamic State", None, "Popular Mobilization Forces")),
        ("The Nusayri regime shelled the village of Kabani with artillery.", None,
         ("Syrian Arab Army", None, None)),
        ("Two policemen were killed when gunmen opened fire on their car.", "Iraq",
         ("Unidentified Armed Group", None, "Iraqi Police")),
        ("Fighters of the Sultan Murad Brigade attacked a post of the Syrian army.", None,
         ("Sultan Murad Brigade", None, "Syrian Arab Army")),
    ],
)  # fmt: skip
def test_extract_actor_roles(
    text: str, country: str | None, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert _roles(text, country) == expected


def test_extract_distance_is_not_a_casualty(tmp_path: Path) -> None:
    text = (
        "Weekly digest (March 1-7, 2024)\n\nIraq\n"
        "  • On March 2, 2024, an IED exploded 14 km north of Tikrit. "
        "Three soldiers were wounded (Shafaq News, March 2, 2024).\n"
    )
    event = _extract(tmp_path, text).events[0]
    assert event.killed is None and event.wounded == 3
    assert event.distance_km == 14 and event.bearing == "N"


def test_extract_killed_or_wounded_and_negation(tmp_path: Path) -> None:
    text = (
        "Weekly digest (March 1-7, 2024)\n\nSyria\n"
        "  • On March 2, 2024, an IED was activated against an SDF vehicle near Hajin. "
        "Four passengers were killed or wounded (Telegram, March 2, 2024).\n"
        "  • On March 3, 2024, a rocket was fired at an SDF post in Al-Shuhayl. "
        "No casualties were reported (Telegram, March 3, 2024).\n"
    )
    first, second = _extract(tmp_path, text).events
    assert (first.killed_or_wounded, first.fatalities) == (4, 0)
    assert second.killed == 0 and second.sub_event_type == "Shelling/artillery/missile attack"
    assert first.claimed_by == "Islamic State"  # an ISIS outlet as the only source


def test_extract_date_only_in_citation(tmp_path: Path) -> None:
    text = (
        "Weekly digest (March 1-7, 2024)\n\nIraq\n"
        "  • Unknown gunmen shot dead a mukhtar in the village of Albu Ajil "
        "(Rudaw, March 4, 2024).\n"
    )
    event = _extract(tmp_path, text).events[0]
    assert event.event_date is not None and event.event_date.isoformat() == "2024-03-04"
    assert event.time_precision == 2
    assert event.actor2 == "Civilians" and event.sub_event_type == "Attack"


def test_extract_claimed_responsibility_names_claimant(tmp_path: Path) -> None:
    text = (
        "Weekly digest (March 1-7, 2024)\n\nAfghanistan\n"
        "  • On March 5, 2024, ISIS's Khorasan Province said it had carried out an attack on a "
        "Taliban post near Asadabad and claimed responsibility for it (Amaq, March 5, 2024).\n"
    )
    event = _extract(tmp_path, text).events[0]
    assert event.claimed_by == "Islamic State"
    assert (event.actor1, event.actor1_unit, event.actor2) == (
        "Islamic State", "Khorasan Province", "Taliban",
    )  # fmt: skip


def test_extract_uncoded_lists_what_gave_no_event(tmp_path: Path) -> None:
    text = (
        "Weekly digest (March 1-7, 2024)\n\nIraq\n"
        "  • Eleven bodies were found in a mass grave near Sinjar (Rudaw, March 4, 2024).\n"
    )
    extraction = _extract(tmp_path, text)
    assert not extraction.events
    assert [s.text[:12] for s in extraction.uncoded] == ["Eleven bodie"]


@pytest.mark.parametrize(
    "body",
    [
        "attacked " * 12_000,
        "(" * 5_000 + "an IED exploded" + ")" * 5_000,
        " ".join(str(n) for n in range(10_000)) + " killed",
        "On March 2, 2024, " + "Al-" * 30_000 + "Hawaij was shelled.",
    ],
    ids=["100kB-line", "nested-parentheses", "10000-numbers", "endless-name"],
)
def test_extract_hostile_input_completes(tmp_path: Path, body: str) -> None:
    text = f"Weekly digest (March 1-7, 2024)\n\nIraq\n{body}\n"
    extraction = _extract(tmp_path, text)
    assert all(len(e.evidence) <= len(text) for e in extraction.events)
