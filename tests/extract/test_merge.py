"""Tellings of one incident become one event: repeats, combined attacks, group changes.

Every sentence here was written for these tests in the style of a weekly bulletin.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.extract import Extraction, Rules, extract_events
from watchfloor.extract.detect import analyse_sentence, continues_incident, retells_incident
from watchfloor.ingest import read_file
from watchfloor.models import BlockKind, Event, Sentence
from watchfloor.segment import segment_document

BULLETIN = """Weekly Conflict Digest (May 6-12, 2024)

Main developments in Syria
Army gains in the east
  • The Syrian forces keep clearing the desert east of Homs. This week, they have taken over the area of Tell Sawan, southwest of Al-Sukhnah, thereby removing ISIS operatives from the road.
  • On May 7, 2024, the Syrian Army announced that it had taken over three villages north of Tell Sawan (SANA, May 8, 2024).

Appointments in Hay'at Tahrir al-Sham
  • On May 8, 2024, it was reported that Abu Hamza al-Idlibi was appointed as the new emir of Hay'at Tahrir al-Sham in Idlib (Enab Baladi, May 8, 2024).
  • At the same time, Abu Yahya al-Halabi was appointed the military commander of Hay'at Tahrir al-Sham. He comes from the village of Kafr Nabl, south of Maarrat al-Numan (Enab Baladi, May 8, 2024).

Attack on the police headquarters in Kirkuk
  • On May 9, 2024, ISIS announced that 30 policemen had been killed in an attack on the police headquarters in Kirkuk. During the morning ISIS gunmen attacked the main gate of the building.
  • Four other operatives then stormed the building and killed 12 officers. In the ensuing clash one of the ISIS operatives detonated an explosive belt (Amaq, May 9, 2024).
  • On May 11, 2024, ISIS gunmen attacked a police patrol near Hawija (Amaq, May 11, 2024).

Fighting near Ain Issa
  • On May 10, 2024, SDF fighters attacked a Turkish army post north of Ain Issa (ANHA, May 10, 2024). After several hours of clashes the Turkish forces repulsed the attackers, who withdrew to their positions (Hawar News, May 10, 2024).

Car bomb in Tal Hamis
  • On May 11, 2024, an ISIS car bomb exploded in the market of the village of Tal Hamis, killing 12 villagers (Rudaw, May 11, 2024).
  • According to a different report, 20 residents of Tal Hamis had been killed during the clashes that followed the explosion (Kurdistan24, May 12, 2024).
"""


def _extract(tmp_path: Path, text: str) -> Extraction:
    path = tmp_path / "digest.txt"
    path.write_text(text, encoding="utf-8")
    return extract_events(segment_document(read_file(path)[0]))


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> tuple[Event, ...]:
    return _extract(tmp_path_factory.mktemp("merge"), BULLETIN).events


def _with(events: tuple[Event, ...], words: str) -> list[Event]:
    return [e for e in events if words in e.evidence or any(words in t for t in e.also_in)]


def test_merge_undated_repeat_joins_the_dated_telling_naming_its_place(
    events: tuple[Event, ...],
) -> None:
    found = _with(events, "Tell Sawan")
    assert len(found) == 1, [e.evidence for e in events]
    assert found[0].sub_event_type == "Government regains territory"
    assert len(found[0].also_in) == 1


def test_merge_appointments_in_one_group_on_one_day_are_one_development(
    events: tuple[Event, ...],
) -> None:
    found = _with(events, "appointed")
    assert len(found) == 1, [e.evidence for e in found]
    assert found[0].sub_event_type == "Change to group/activity"
    tellings = [found[0].evidence, *found[0].also_in]
    assert any("Abu Yahya" in t for t in tellings) and any("Abu Hamza" in t for t in tellings)


def test_merge_combined_attack_is_one_event_typed_by_its_most_lethal_means(
    events: tuple[Event, ...],
) -> None:
    found = _with(events, "police headquarters")
    assert len(found) == 1, [e.evidence for e in events]
    event = found[0]
    assert any("stormed the building" in telling for telling in event.also_in)
    assert event.sub_event_type == "Suicide bomb"
    assert event.killed == 30


def test_merge_a_dated_attack_after_a_combined_attack_stays_apart(
    events: tuple[Event, ...],
) -> None:
    patrol = _with(events, "police patrol near Hawija")
    assert len(patrol) == 1
    assert "police headquarters" not in patrol[0].evidence


def test_merge_hours_of_clashes_after_a_citation_carry_the_battle_on(
    events: tuple[Event, ...],
) -> None:
    found = _with(events, "Ain Issa")
    assert len(found) == 1, [e.evidence for e in events]
    assert any("several hours of clashes" in telling for telling in found[0].also_in)


def test_merge_another_reports_figures_join_the_incident_they_retell(
    events: tuple[Event, ...],
) -> None:
    found = _with(events, "Tal Hamis")
    assert len(found) == 1, [e.evidence for e in events]
    event = found[0]
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert any("different report" in telling for telling in event.also_in)
    assert event.killed == 12  # the incident's own figure stands


def _sentence(text: str) -> Sentence:
    return Sentence(
        index=0,
        text=text,
        span=(0, len(text)),
        section_path=(),
        section_index=None,
        block_index=0,
        block_kind=BlockKind.BULLET,
    )


@pytest.mark.parametrize(
    ("text", "carries_on"),
    [
        ("Three other gunmen then stormed the clinic.", True),
        ("In the ensuing clash two soldiers were killed.", True),
        ("On May 3, gunmen then attacked a checkpoint.", False),
        ("In another attack, gunmen then stormed a school.", False),
        ("Gunmen attacked a checkpoint near Tikrit.", False),
        ("After several hours of fighting the army retook the hill.", True),
    ],
)
def test_detect_sequence_wording_carries_an_incident_on(text: str, carries_on: bool) -> None:
    rules = Rules.load()
    info = analyse_sentence(_sentence(text), rules)
    assert continues_incident(info, rules) is carries_on


@pytest.mark.parametrize(
    ("text", "retells"),
    [
        ("According to a different report, nine soldiers had been killed in the raid.", True),
        ("Another report said that 30 people had been killed in the blast.", False),
        ("A separate report said 30 people had been killed in the blast.", True),
        ("According to the report, nine soldiers had been killed in the raid.", False),
    ],
)
def test_detect_another_sources_telling_retells_an_incident(text: str, retells: bool) -> None:
    assert retells_incident(analyse_sentence(_sentence(text), Rules.load())) is retells


@pytest.mark.parametrize(
    ("text", "skip"),
    [
        ("Jets struck a school near Hajin that had served as an ISIS prison.", None),
        (
            "He served as a senior commander in the army before the war, when he was wounded.",
            "analysis",
        ),
        (
            "The end of the offensive is being delayed due to fierce fighting in the old market.",
            "analysis",
        ),
        ("This heavy fighting delays the completion of the campaign for the city.", "analysis"),
        ("The group also lost rifles and storehouses of weapons in the battle.", "analysis"),
        ("Heavy fighting is going on in the eastern neighbourhoods.", "aggregate"),
        (
            "The harvest has turned the fields into a deadly trap for farmers, who are killed by mines.",
            "analysis",
        ),
        (
            "This month, the group's attacks in Nigeria did not increase, despite its calls.",
            "aggregate",
        ),
        ("Officials noted a decrease in the number of IED attacks in the province.", "aggregate"),
        ("Army engineers searched the city and removed 340 IEDs left by ISIS.", "aggregate"),
        ("Army engineers defused three IEDs planted on the road to Baiji.", None),
    ],
)
def test_detect_analysis_and_counts_over_many_items_code_no_event(
    text: str, skip: str | None
) -> None:
    assert analyse_sentence(_sentence(text), Rules.load()).skip == skip


APART = """Weekly Conflict Digest (May 6-12, 2024)

Main developments in Iraq
  • On May 7, 2024, the Iraqi army announced that it had retaken the town of Rutba (INA, May 7, 2024).
  • The Iraqi army also announced that it had taken control of the Waleed border crossing, west of Rutba (INA, May 7, 2024).
  • On May 8, 2024, Iraqi jets struck ISIS hideouts in the Hamrin Mountains (INA, May 8, 2024).
  • On May 8, 2024, Iraqi jets again struck ISIS hideouts in the Hamrin Mountains, hitting a depot (INA, May 8, 2024).
  • Iraqi forces clashed with ISIS operatives in the desert (Rudaw, May 9, 2024).
  • Iraqi forces also clashed with ISIS operatives in an orchard (Shafaq News, May 10, 2024).
"""


def test_merge_keeps_apart_what_is_near_repeated_or_unplaced(tmp_path: Path) -> None:
    """A place west of the town is not the town; "again" is another strike; two unplaced
    clashes on different days with the same opponent are two incidents."""
    events = _extract(tmp_path, APART).events
    assert len(_with(events, "Waleed border crossing")) == 1
    assert _with(events, "Waleed border crossing") != _with(events, "retaken the town of Rutba")
    assert len([e for e in events if "Hamrin" in e.evidence]) == 2
    assert len(_with(events, "in the desert")) == 1
    assert _with(events, "in the desert") != _with(events, "in an orchard")


def test_merge_markup_inside_a_trigger_phrase(tmp_path: Path) -> None:
    """Bold markup that splits a phrase ("suicide **bomber") still types the event."""
    text = APART.replace(
        "  • On May 8, 2024, Iraqi jets struck",
        "  • On May 9, 2024, an ISIS suicide **bomber** blew up a car at a checkpoint in "
        "Tikrit (INA, May 9, 2024).\n  • On May 8, 2024, Iraqi jets struck",
    )
    events = _extract(tmp_path, text).events
    (bomb,) = _with(events, "Tikrit")
    assert bomb.sub_event_type == "Suicide bomb"
