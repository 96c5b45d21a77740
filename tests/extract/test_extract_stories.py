"""News stories, translated claims and actor rules (issue 5), on texts we wrote ourselves."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from factories import actor_roles

from watchfloor.extract import Extraction, Rules, extract_events
from watchfloor.extract.actors import principal_actor
from watchfloor.extract.detect import analyse_sentence
from watchfloor.ingest import read_file
from watchfloor.models import BlockKind, Sentence
from watchfloor.segment import segment_document

STORY = """Bomb kills four soldiers near Hit
June 11, 2024

RAMADI, Iraq, June 11 (Desert Wire) - A roadside bomb killed four Iraqi soldiers \
on Monday when it struck their vehicle on a road west of Hit, police sources said.

The attack also wounded two others, who were taken to a hospital in Ramadi.

Islamic State claimed responsibility for the attack in a statement, saying ten \
soldiers had been killed or wounded.

(Reporting by Desert Wire staff)
"""

CLAIMS = """Translated claims – ISIS channels on Telegram

=== Sunday, June 9, 2024 ===
Wilayat Khurasan
By the grace of God, the soldiers of the Caliphate detonated an explosive device on a \
vehicle of the apostate Taliban militia in Kunar, killing three of them, and praise be to God.
"""


def _extract(tmp_path: Path, text: str, name: str) -> Extraction:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_events(segment_document(read_file(path)[0]))


def test_extract_story_is_one_incident_with_the_story_as_source(tmp_path: Path) -> None:
    events = _extract(tmp_path, STORY, "story.txt").events
    assert len(events) == 1
    event = events[0]
    assert event.event_date == dt.date(2024, 6, 10)  # "on Monday", not the dateline's day
    assert [(s.name, s.date) for s in event.sources] == [("Desert Wire", dt.date(2024, 6, 11))]
    assert event.claimed_by == "Islamic State"
    assert event.actor1 == "Islamic State"  # the claimant of an attack nobody else names
    assert event.killed == 4 and event.killed_or_wounded is None  # not the claim's figure
    assert any("claimed responsibility" in telling for telling in event.also_in)


def test_extract_story_yesterday_is_the_day_before_the_story(tmp_path: Path) -> None:
    text = STORY.replace("on Monday when", "yesterday when")
    event = _extract(tmp_path, text, "story.txt").events[0]
    assert event.event_date == dt.date(2024, 6, 10)


def test_extract_story_keeps_a_separate_incident_apart(tmp_path: Path) -> None:
    text = STORY.replace(
        "(Reporting",
        "In another attack, gunmen shot dead a shepherd near Rutba on Sunday.\n\n(Reporting",
    )
    events = _extract(tmp_path, text, "story.txt").events
    assert len(events) == 2
    assert events[1].actor2 == "Civilians"


def test_extract_dated_claim_header_gives_source_date_and_unit(tmp_path: Path) -> None:
    event = _extract(tmp_path, CLAIMS, "claims.txt").events[0]
    assert event.evidence.startswith("By the grace of God")
    assert (event.event_date, event.time_precision) == (dt.date(2024, 6, 9), 2)
    assert [(s.name, s.date) for s in event.sources] == [("Telegram", dt.date(2024, 6, 9))]
    assert (event.actor1, event.actor1_unit) == ("Islamic State", "Khorasan Province")
    assert event.claimed_by == "Islamic State"
    assert event.actor2 == "Taliban"


def test_extract_telegram_export_cites_telegram_with_message_date(tmp_path: Path) -> None:
    export = {
        "name": "Demo channel",
        "type": "public_channel",
        "id": 1,
        "messages": [
            {
                "id": 7,
                "type": "message",
                "date": "2024-06-08T10:00:00",
                "date_unixtime": "1717840800",
                "from": "Demo channel",
                "text": "Wilayat Sinai\n\nBy the grace of God, the soldiers of the Caliphate "
                "attacked a checkpoint of the apostate Egyptian army near Rafah, killing two "
                "of them.",
            }
        ],
    }
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "result.json").write_text(json.dumps(export), encoding="utf-8")
    document = read_file(folder / "result.json")[0]
    event = extract_events(segment_document(document)).events[0]
    assert [(s.name, s.date) for s in event.sources] == [("Telegram", dt.date(2024, 6, 8))]
    assert (event.event_date, event.time_precision) == (dt.date(2024, 6, 8), 2)
    assert event.actor1_unit == "Sinai Province"


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Gunmen believed to belong to ISIS attacked a police post near Baiji.", "Iraq",
         ("Islamic State", "Iraqi Police")),
        ("Kenyan troops repelled an attack by Al-Shabaab fighters on a base near Lamu.", None,
         ("Al-Shabaab", "Kenyan Armed Forces")),
        ("Heavy clashes erupted between Taliban fighters and the Afghan army in Kunduz.", None,
         ("Taliban", "Afghan Armed Forces")),
        ("Rebel groups, led by Ahrar al-Sham, attacked a Syrian army post near Hama.", None,
         ("Ahrar al-Sham", "Syrian Arab Army")),
        ("Fighters of the Free Syrian Army, a Turkish-backed rebel organization, ambushed a "
         "Syrian army convoy.", None, ("Free Syrian Army", "Syrian Arab Army")),
        ("Rockets were launched from Russian warships at a village near Idlib.", None,
         ("Russian Armed Forces", None)),
        ("The Iraqi Prime Minister announced that Rawa had been liberated from ISIS.", None,
         ("Iraqi Army", "Islamic State")),
        ("Russian fighter jets struck a depot near Palmyra.", None,
         ("Russian Armed Forces", None)),
    ],
)  # fmt: skip
def test_extract_actor_patterns(
    text: str, country: str | None, expected: tuple[str | None, str | None]
) -> None:
    assert actor_roles(text, country) == expected


def test_extract_trigger_inside_a_name_is_not_a_trigger() -> None:
    rules = Rules.load()
    text = "A spokesman of the Headquarters for the Liberation of al-Sham gave a speech."
    sent = Sentence(0, text, (0, len(text)), (), None, 0, BlockKind.PARAGRAPH)
    assert analyse_sentence(sent, rules).hits == []


BULLETIN = """ISIS weekly (June 1-7, 2024)

Iraq
  • ISIS operatives attacked a PMF post near Tuz Khurmatu (Shafaq News, June 2, 2024).
  • ISIS operatives ambushed an army patrol near Baiji (Shafaq News, June 3, 2024).
  • ISIS snipers shot at a police car near Hawija (Shafaq News, June 3, 2024).
  • On June 4, 2024, an IED exploded near an Iraqi army vehicle north of Tikrit. Two \
soldiers were wounded (Shafaq News, June 4, 2024).
  • On June 5, 2024, an IED exploded near a police car in Kirkuk. No organization has \
claimed responsibility (Shafaq News, June 5, 2024).
  • ISIS operatives kidnapped a shepherd near Rutba (Shafaq News, June 6, 2024).

Syria
  • On June 5, 2024, Russian warplanes struck ISIS hideouts near Palmyra (SANA, June 5, 2024).
  • On June 6, 2024, bombers struck ISIS hideouts near Al-Sukhnah (SANA, June 6, 2024).
"""


def test_extract_unattributed_attack_defaults_to_the_documents_group(tmp_path: Path) -> None:
    extraction = _extract(tmp_path, BULLETIN, "weekly.txt")
    tikrit = next(e for e in extraction.events if "Tikrit" in e.evidence)
    kirkuk = next(e for e in extraction.events if "Kirkuk" in e.evidence)
    assert tikrit.actor1 == "Islamic State"
    assert kirkuk.actor1.startswith("Unidentified Armed Group")  # the text says nobody claimed


def test_extract_unnamed_aircraft_take_the_sections_air_force(tmp_path: Path) -> None:
    extraction = _extract(tmp_path, BULLETIN, "weekly.txt")
    sukhnah = next(e for e in extraction.events if "Al-Sukhnah" in e.evidence)
    assert sukhnah.actor1 == "Russian Armed Forces"


def test_extract_principal_actor_needs_a_clear_majority() -> None:
    rules = Rules.load()
    assert principal_actor(BULLETIN, rules) == "Islamic State"
    mixed = "ISIS attacked. HTS attacked. Taliban attacked. Houthis attacked. ISIS attacked."
    assert principal_actor(mixed, rules) is None
