"""News stories: datelines, and the incidents one story tells (sentences we wrote)."""

from __future__ import annotations

from pathlib import Path

from watchfloor.extract import Event, extract_events
from watchfloor.ingest import read_file
from watchfloor.segment import segment_document


def _events(tmp_path: Path, text: str) -> list[Event]:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return list(extract_events(segment_document(read_file(path)[0])).events)


STORY = """Security forces break up ISIS cell in Mosul
October 5, 2025

MOSUL, Iraq, Oct. 5 - Iraqi counterterrorism forces arrested six members of an Islamic State cell in raids on two houses in the city's Zanjili district on Saturday, officials said.

The arrested men had been planning attacks on markets, a security official said.

On Sunday, troops searching farmland south of the city found a weapons cache containing rockets and explosive belts, the ministry said.

In a separate raid on Saturday night, two suspects were killed in a firefight with Iraqi forces near Hammam al-Alil.
"""


def test_news_story_tells_three_incidents_and_its_dateline_is_no_event_date(
    tmp_path: Path,
) -> None:
    """Arrests, then a cache found on another day, then "In a separate raid": three events.
    The dateline "MOSUL, Iraq, Oct. 5 -" (no agency) dates the story, not the arrests."""
    events = _events(tmp_path, STORY)
    assert [e.sub_event_type for e in events] == [
        "Arrests",
        "Disrupted weapons use",
        "Armed clash",
    ]
    arrests = events[0]
    assert arrests.event_date is not None and arrests.event_date.day == 4
    assert arrests.killed is None


TWO_ATTACKS = """Bombs and mortars hit Mogadishu
October 6, 2025

MOGADISHU, Oct 6 (Watchfloor Wire) - A roadside bomb tore through a minibus on the road to Afgoye yesterday, killing seven passengers, police said. No group has said it planted the bomb.

In a separate attack on Monday, mortar shells were fired at the airport, wounding two guards.

The group said in a statement that its fighters had fired the mortars at what it called an enemy base.

Al-Shabaab has carried out many such attacks in the city.
"""


def test_news_claim_outside_a_telling_goes_to_the_incident_before_it(tmp_path: Path) -> None:
    """ "The group said ... its fighters had fired the mortars": the group the story last
    named claims the incident told just before, not the lead."""
    text = TWO_ATTACKS.replace(
        "The group said", "Al-Shabaab, which often shells the airport, said in a statement"
    )
    bomb, mortars = _events(tmp_path, text)
    assert (bomb.sub_event_type, bomb.claimed_by) == ("Remote explosive/landmine/IED", None)
    assert (mortars.sub_event_type, mortars.claimed_by, mortars.actor1) == (
        "Shelling/artillery/missile attack",
        "Al-Shabaab",
        "Al-Shabaab",
    )


RAID = """Gunmen seize farmers in Borno
October 7, 2025

MAIDUGURI, Nigeria, Oct 7 (Watchfloor Wire) - Gunmen abducted 20 farmers near Damboa on Sunday, residents said.

The gunmen rounded up the men in their fields and led them into the bush, a local official said.

Troops rescued six of the abducted farmers on Wednesday in a raid on a hideout near Sambisa, the army said.
"""


def test_news_unnamed_gunmen_rounding_up_people_abduct_and_a_rescue_is_a_raid(
    tmp_path: Path,
) -> None:
    """Unnamed gunmen "rounding up" men abduct them (the same incident, retold); "the
    abducted farmers" only describes who was rescued, in a raid on another day."""
    abduction, rescue = _events(tmp_path, RAID)
    assert abduction.sub_event_type == "Abduction/forced disappearance"
    assert len(abduction.also_in) == 1
    assert rescue.sub_event_type == "Armed clash"
    assert rescue.actor1 == "Nigerian Armed Forces"


def test_news_state_force_fighting_unnamed_suspects_fights_the_group_the_story_names(
    tmp_path: Path,
) -> None:
    """ "Two suspects were killed in a firefight with Iraqi forces" in a story about an
    Islamic State cell: Iraqi forces against the Islamic State."""
    events = _events(tmp_path, STORY)
    clash = events[-1]
    assert (clash.actor1, clash.actor2) == ("Iraqi Army", "Islamic State")


ARTICLE = """Police station attacked in northern Burkina Faso
October 8, 2025

OUAGADOUGOU - Islamic State militants stormed the police station in the town of Arbinda on Sunday evening, killing six police officers, security sources said.

The attackers set fire to the building and two trucks before withdrawing towards the border, a municipal official said.

Jama'at Nusrat al-Islam wal-Muslimin (JNIM), al-Qaeda's affiliate in the Sahel, claimed responsibility for the raid in a message posted on Monday.

In April 2024 a similar assault on an army post in the same area left more than 30 soldiers dead.

Gunmen blocked the road near Djibo on Tuesday and abducted 12 passengers from a bus, regional police said.
"""


def test_news_claims_aftermath_background_and_sources_of_a_story(tmp_path: Path) -> None:
    """The claim posted a day later and what "the attackers" did next stay with the attack;
    an assault a year and a half earlier is background; "regional police said" is a source,
    not the target of the abduction."""
    events = _events(tmp_path, ARTICLE)
    assert [e.sub_event_type for e in events] == ["Armed clash", "Abduction/forced disappearance"]
    attack, abduction = events
    assert (
        attack.claimed_by == "Jama'at Nusrat al-Islam wal-Muslimin" or attack.claimed_by == "JNIM"
    )
    assert len(attack.also_in) == 2
    assert abduction.actor2 == "Civilians"


CLAIMS = """Claims of responsibility, May 2025

=== Tuesday, May 6, 2025 ===
Wilayat al-Iraq - Kirkuk
By the grace of God Almighty, the soldiers of the Caliphate detonated an explosive device on a vehicle of the apostate army near Hawija, killing three of them, and praise be to God.
"""


def test_uncoded_does_not_list_a_claim_whose_header_opens_the_sentence(tmp_path: Path) -> None:
    """The date header and province label join the claim's sentence but not its evidence:
    the claim is coded, so it is not listed as uncoded."""
    path = tmp_path / "claims.txt"
    path.write_text(CLAIMS, encoding="utf-8")
    extraction = extract_events(segment_document(read_file(path)[0]))
    assert len(extraction.events) == 1
    assert extraction.uncoded == ()


TITLED_CLAIMS = """Translated ISIS claims of responsibility, May 2025

=== Friday, May 2, 2025 ===
Wilayat al-Iraq - Kirkuk
With the grace of God Almighty, the mujahideen of the Islamic State clashed with a detachment of the apostate army near al-Riyadh, killing three of them, and all praise is due to God.
"""


def test_claims_document_by_its_title(tmp_path: Path) -> None:
    """A document titled as claims of responsibility puts its uncited tellings under them."""
    path = tmp_path / "claims.txt"
    path.write_text(TITLED_CLAIMS, encoding="utf-8")
    (event,) = extract_events(segment_document(read_file(path)[0])).events
    assert (event.actor1, event.claimed_by) == ("Islamic State", "Islamic State")


def test_news_unnamed_jihadists_ambushing_an_army_are_not_the_army(tmp_path: Path) -> None:
    text = (
        "Convoy ambushed in Niger\nMay 4, 2025\n\nNIAMEY - Jihadist fighters ambushed an army "
        "convoy near Bani Bangou on Saturday, killing 12 soldiers, the ministry said.\n"
    )
    (event,) = _events(tmp_path, text)
    assert event.actor1.startswith("Unidentified Armed Group")


FOLLOWING = """Militants raid village in Cabo Delgado
November 7, 2025

PEMBA, Mozambique, Nov 7 (Watchfloor Wire) - Militants attacked the village of Mucojo on Wednesday, killing four villagers, residents said.

Troops clashed with the militants near the village the following day, killing six of them, the army said.
"""


def test_news_following_day_counts_from_the_incident_before(tmp_path: Path) -> None:
    """In a story, "the following day" inside a paragraph counts from the incident told
    before (Wednesday, November 5), not from the story's own date."""
    attack, clash = _events(tmp_path, FOLLOWING)
    assert attack.event_date is not None and attack.event_date.isoformat() == "2025-11-05"
    assert clash.event_date is not None and clash.event_date.isoformat() == "2025-11-06"
