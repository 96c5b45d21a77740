"""Typing and sides of an incident in sentence shapes that first fooled the rules (our sentences).

Each case is one bullet of a bulletin about ISIS: the wording around a trigger (support,
circumstance, an outcome only sought), the guide's conventions (no property destruction
when people die, a territory change typed by its taker) and the opponent of a state force.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.extract import Event, Rules, extract_events
from watchfloor.extract.actors import find_mentions
from watchfloor.extract.detect import fold_text
from watchfloor.ingest import read_file
from watchfloor.segment import segment_document

HEAD = """ISIS Activity Review (May 1-7, 2025)

Main developments in Syria and Iraq
"""
# five ISIS mentions make ISIS the group the document is about
TAIL = """
  • In the ITIC's assessment, ISIS will try to keep up its attacks, ISIS cells being active in the desert, ISIS media praising them and ISIS supporters sharing them.
"""


def _events(tmp_path: Path, bullet: str) -> list[Event]:
    path = tmp_path / "review.txt"
    path.write_text(f"{HEAD}  • {bullet}\n{TAIL}", encoding="utf-8")
    return list(extract_events(segment_document(read_file(path)[0])).events)


def _one(tmp_path: Path, bullet: str) -> Event:
    events = _events(tmp_path, bullet)
    assert len(events) == 1, [e.evidence for e in events]
    return events[0]


@pytest.mark.parametrize(
    ("bullet", "sub_event_type"),
    [
        # the helicopters back the raid: it is an arrest, not an air strike
        ("On May 2, 2025, SDF fighters, backed by Coalition helicopters, raided a farm near "
         "Al-Shuhayl and arrested an ISIS financier (Hawar, May 2, 2025).", "Arrests"),
        # a riot in the new emir's past is not this week's event
        ("On May 3, 2025, ISIS named a new governor for the Badiya: local sources said ISIS had "
         "appointed a new emir who had escaped during a riot in a prison in 2023 (Furat Post, "
         "May 3, 2025).", "Change to group/activity"),
        # a takeover only aimed at is fighting
        ("On May 3, 2025, the Iraqi army launched an offensive to take control of the Wadi "
         "Houran valley, where ISIS cells hide (Shafaq News, May 3, 2025).", "Armed clash"),
        ("On May 4, 2025, the Iraqi army said that the liberation of the village of Albu Dor "
         "was imminent after fighting with ISIS operatives (Rudaw, May 4, 2025).", "Armed clash"),
        # the outcome beats the fighting that led to it
        ("On May 4, 2025, the Syrian army took control of three hills near Al-Sukhnah. Four "
         "soldiers were killed in the clashes with ISIS (SANA, May 4, 2025).",
         "Government regains territory"),
        # a non-state taker, even one not in the actor file
        ("On May 5, 2025, fighters of the Shammar tribe took control of the village of Tell "
         "Hamis after ISIS withdrew (Enab Baladi, May 5, 2025).",
         "Non-state actor overtakes territory"),
        # destruction with people killed is fighting, not property destruction
        ("On May 5, 2025, Iraqi forces destroyed three ISIS hideouts in the Hamrin Mountains, "
         "killing four operatives (Shafaq News, May 5, 2025).", "Armed clash"),
        ("On May 6, 2025, an explosive device went off near an army bulldozer on the Baiji "
         "road. One soldier was killed (Rudaw, May 6, 2025).", "Remote explosive/landmine/IED"),
        # weapons listed in a find are not shelling
        ("On May 6, 2025, Iraqi police found a cache in an abandoned house in Rutba. It "
         "contained 30 mortar shells and two explosive belts (INA, May 6, 2025).",
         "Disrupted weapons use"),
        ("On May 6, 2025, an Iraqi army force found a tunnel used by ISIS north of Sinjar. "
         "Inside were 12 Grad rockets (INA, May 6, 2025).", "Disrupted weapons use"),
        # a target hit with rockets is shelling, whoever writes "targeted"
        ("On May 7, 2025, ISIS operatives targeted an army base near Al-Qaim with three "
         "rockets (Amaq, May 7, 2025).", "Shelling/artillery/missile attack"),
        # a state striking "targets" strikes from the air; a group doing so fights
        ("On May 7, 2025, Israel attacked Hezbollah targets near Al-Qusayr (SANA, May 7, "
         "2025).", "Air/drone strike"),
        ("On May 7, 2025, ISIS operatives attacked army targets near Al-Qaim (Amaq, May 7, "
         "2025).", "Armed clash"),
        # claim jargon: an armed target assassinated; a captive "judged by God's ruling"
        ("On May 7, 2025, the soldiers of the Caliphate assassinated a commander of the "
         "apostate army near Hawija, killing him (Amaq, May 7, 2025).", "Armed clash"),
        ("On May 7, 2025, the soldiers of the Caliphate captured a spy of the apostates near "
         "Baiji and carried out the ruling of God on him (Amaq, May 7, 2025).", "Attack"),
        # a vehicle striking a device; a bomb that "went off"; a commander with an adjective
        ("On May 2, 2025, an army bulldozer clearing a road near Rafah hit an IED. Two "
         "soldiers were wounded (Sinai Foundation, May 2, 2025).",
         "Remote explosive/landmine/IED"),
        ("On May 3, 2025, a sticky bomb attached to a police car went off in Jalalabad, "
         "killing a policeman (Pajhwok, May 3, 2025).", "Remote explosive/landmine/IED"),
        ("On May 4, 2025, ISIS appointed a new military commander for the Badiya, known as "
         "Abu Talha al-Shami (Furat Post, May 4, 2025).", "Change to group/activity"),
        # a past killing in a relative clause is not this week's air strike
        ("On May 4, 2025, ISIS named a new governor for Raqqa to replace the emir who was "
         "killed in a Coalition airstrike in 2024 (Furat Post, May 4, 2025).",
         "Change to group/activity"),
        # the deed a detainee is wanted for is background to the arrest
        ("On May 5, 2025, Iraqi police arrested an ISIS operative in Hawija who was wanted "
         "for his part in the execution of civilians in 2015 (INA, May 5, 2025).", "Arrests"),
        # women are civilians; a crowd has no target
        ("On May 6, 2025, ISIS operatives abducted six women collecting firewood near Gwoza "
         "(Premium Times, May 6, 2025).", "Abduction/forced disappearance"),
        ("On May 7, 2025, hundreds of residents of Raqqa demonstrated against the SDF's "
         "conscription campaign (North Press, May 7, 2025).", "Peaceful protest"),
        # wording a second held-out set showed (our sentences)
        ("On May 2, 2025, a car bomb parked near the market of Azaz went off, killing four "
         "people (Enab Baladi, May 2, 2025).", "Remote explosive/landmine/IED"),
        ("On May 2, 2025, a remote-controlled bomb hit a police van in Quetta, wounding three "
         "policemen (Dawn, May 2, 2025).", "Remote explosive/landmine/IED"),
        ("On May 3, 2025, ADF fighters killed eleven farmers with machetes near Beni (Radio "
         "Okapi, May 3, 2025).", "Attack"),
        ("On May 3, 2025, militants set fire to about 40 huts in the village of Tin-Akoff "
         "(Studio Tamani, May 3, 2025).", "Looting/property destruction"),
        ("On May 4, 2025, three militias formed a new coalition in Ituri, naming a CODECO "
         "commander as its head (Radio Okapi, May 4, 2025).", "Change to group/activity"),
        ("On May 4, 2025, the two tribes signed a truce in Sabha, ending a week of armed "
         "clashes (Libya Observer, May 4, 2025).", "Agreement"),
        ("On May 5, 2025, police opened fire on protesters in Gwadar, wounding six of them "
         "(Dawn, May 5, 2025).", "Excessive force against protesters"),
        ("On May 5, 2025, gunmen shot dead a judge in the town of Nawa (Daraa 24, May 5, "
         "2025).", "Attack"),
        ("On May 6, 2025, army engineers found and defused an IED planted by ISIS on the road "
         "to Baiji (INA, May 6, 2025).", "Disrupted weapons use"),
    ],
)  # fmt: skip
def test_extract_typing_by_context(tmp_path: Path, bullet: str, sub_event_type: str) -> None:
    assert _one(tmp_path, bullet).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("bullet", "actor1", "actor2"),
    [
        # the group a state force fought, named outside the trigger's clause
        ("On May 2, 2025, Iraqi forces carried out an operation in the Mutaibija area. Six "
         "ISIS operatives were killed (INA, May 2, 2025).", "Iraqi Army", "Islamic State"),
        # unnamed "terrorist operatives" in a bulletin about ISIS
        ("On May 3, 2025, Iraqi police apprehended two terrorist operatives in Hawija (INA, "
         "May 3, 2025).", "Iraqi Police", "Islamic State"),
        # a force named as backing the actors is neither side
        ("On May 4, 2025, the Syrian army, supported by Russian aircraft, took control of a "
         "hill near Al-Sukhnah held by ISIS (SANA, May 4, 2025).",
         "Syrian Arab Army", "Islamic State"),
        # "a sniper of X": X is the shooter's side
        ("On May 5, 2025, a sniper of the soldiers of the Caliphate targeted a member of the "
         "Popular Mobilization near Mandali (Amaq, May 5, 2025).",
         "Islamic State", "Popular Mobilization Forces"),
        # claim jargon between the nationality and the force noun
        ("On May 6, 2025, the soldiers of the Caliphate attacked a barracks of the Nigerian "
         "Crusader army in Monguno, killing five of them (Amaq, May 6, 2025).",
         "Islamic State", "Nigerian Armed Forces"),
        # a participle with its agent and no subject: "an IED planted by X in Y's post"
        ("On May 6, 2025, an IED planted by ISIS in an SDF checkpoint near Tabqa was "
         "activated (Hawar, May 6, 2025).", "Islamic State", "Syrian Democratic Forces"),
        # what a find names inside the trigger is the opponent, not the second force
        ("On May 6, 2025, Popular Mobilization and Iraqi army forces located ISIS hideouts "
         "containing explosives near Tuz (INA, May 6, 2025).",
         "Popular Mobilization Forces", "Islamic State"),
        # the side that responds did not start the clash
        ("On May 7, 2025, HTS operatives attacked army posts near Saraqib. The Syrian army "
         "repulsed the attack and counterattacked (Enab Baladi, May 7, 2025).",
         "Hay'at Tahrir al-Sham", "Syrian Arab Army"),
        # the block's earlier sentence names who acted when the telling does not
        ("On May 7, 2025, the Iraqi army carried out a military operation near Khanaqin, to "
         "hunt ISIS cells (INA, May 7, 2025). Five ISIS hideouts were destroyed during the "
         "operation (INA, May 7, 2025).", "Iraqi Army", "Islamic State"),
        # "X killed six ISIS operatives in an exchange of fire": X did it
        ("On May 2, 2025, Egyptian security forces killed six ISIS operatives in an exchange "
         "of fire near Al-Arish (Ahram, May 2, 2025).", "Egyptian Armed Forces",
         "Islamic State"),
        # an adverbial opener ending in a group's name is no appositive
        ("On May 3, 2025, after two days of fighting against ISIS, the Syrian army regained "
         "control of the Dawwah hills near Al-Sukhnah (SANA, May 3, 2025).",
         "Syrian Arab Army", "Islamic State"),
        # the verb names the sides, not the instrument phrase after the target
        ("On May 4, 2025, the soldiers of the Caliphate targeted a vehicle of the PKK "
         "apostates with an explosive device near Al-Busayrah (Amaq, May 4, 2025).",
         "Islamic State", "Syrian Democratic Forces"),
        # a device attached to a vehicle: the vehicle's owner was hit
        ("On May 5, 2025, a magnetic bomb attached to a Taliban vehicle went off in Kabul, "
         "killing two Taliban fighters. ISIS claimed the attack (Amaq, May 5, 2025).",
         "Islamic State", "Taliban"),
        ("On May 6, 2025, US Africa Command carried out an airstrike against ISIS operatives "
         "near Bosaso (AFRICOM, May 6, 2025).", "United States Armed Forces", "Islamic State"),
    ],
)  # fmt: skip
def test_extract_typing_sides(tmp_path: Path, bullet: str, actor1: str, actor2: str) -> None:
    event = _one(tmp_path, bullet)
    assert (event.actor1, event.actor2) == (actor1, actor2)


def test_extract_typing_no_opponent_without_one(tmp_path: Path) -> None:
    """A weapons find names no owner: the opponent stays empty, not guessed."""
    bullet = (
        "On May 2, 2025, an Iraqi army force found a weapons cache in an abandoned house near "
        "Rutba (INA, May 2, 2025)."
    )
    event = _one(tmp_path, bullet)
    assert (event.sub_event_type, event.actor2) == ("Disrupted weapons use", None)


def test_extract_typing_civilian_word_inside_a_word() -> None:
    """ "shop" is a civilian target; "workshop" is not."""
    rules = Rules.load()
    text = "Russian jets struck a drone workshop belonging to HTS near Idlib."
    names = [m.canonical for m in find_mentions(text, fold_text(text), rules, "Syria")]
    assert "Civilians" not in names
    text = "An IED went off near a shop in Idlib."
    names = [m.canonical for m in find_mentions(text, fold_text(text), rules, "Syria")]
    assert names == ["Civilians"]


def test_extract_typing_sources_listed_days_and_shared_citation(tmp_path: Path) -> None:
    """Two days listed in a citation are two dated entries; a sentence of a paragraph whose
    one citation closes a later sentence is sourced by that citation."""
    bullet = (
        "On May 2, 2025, ISIS operatives attacked an army post near Hit, killing a soldier. "
        "In a separate incident, an IED exploded near a police patrol in Ramadi, wounding two "
        "policemen (Shafaq News, May 2 and 3, 2025)."
    )
    events = _events(tmp_path, bullet)
    assert [e.sub_event_type for e in events] == ["Armed clash", "Remote explosive/landmine/IED"]
    for event in events:
        assert [(s.name, s.date.day if s.date else None) for s in event.sources] == [
            ("Shafaq News", 2),
            ("Shafaq News", 3),
        ]


def test_extract_typing_lead_in_names_place_and_doer(tmp_path: Path) -> None:
    """A sentence leading into the telling names the place and the force the telling
    refers to only as "they" and "the field"."""
    bullet = (
        "Fighting goes on between the Syrian army and ISIS around the Shaer gas field, "
        "northwest of Palmyra. This week they took control of an area 4 km east of the field "
        "(SANA, May 6, 2025)."
    )
    event = _one(tmp_path, bullet)
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 == "Syrian Arab Army"
    assert event.location_text is not None and "Shaer" in event.location_text


def test_extract_typing_claims_denied_and_claimant_units(tmp_path: Path) -> None:
    """A denial is no claim; a unit that claimed is actor1's unit; another group's own
    statement that its fighters carried out the attack is its claim."""
    denied = _one(
        tmp_path,
        "On May 2, 2025, a suicide bomber blew himself up at a PMF checkpoint near Tikrit. "
        "ISIS has not claimed responsibility for the attack (Shafaq News, May 2, 2025).",
    )
    assert denied.claimed_by is None
    unit = _one(
        tmp_path,
        "On May 3, 2025, an Egyptian army vehicle hit an IED near Bir al-Abd. ISIS's Sinai "
        "Province claimed responsibility for the attack (Telegram, May 3, 2025).",
    )
    assert (unit.actor1, unit.actor1_unit, unit.actor2) == (
        "Islamic State",
        "Sinai Province",
        "Egyptian Armed Forces",
    )
    other = _one(
        tmp_path,
        "On May 4, 2025, a car bomb exploded at an army base in Baidoa, killing nine soldiers. "
        "Al-Shabaab said in a statement that its fighters had carried out the attack "
        "(Garowe Online, May 4, 2025).",
    )
    assert other.claimed_by == "Al-Shabaab"


def test_extract_typing_counts_since_a_date_are_no_event(tmp_path: Path) -> None:
    bullet = (
        "Since the beginning of 2025, the SDF has reported more than 140 ISIS attacks in the "
        "Deir ez-Zor countryside (Hawar, May 6, 2025)."
    )
    assert _events(tmp_path, bullet) == []


def test_extract_typing_two_incidents_in_one_sentence(tmp_path: Path) -> None:
    """ "X retook the village on May 4, a day after Y had attacked it": two incidents, the
    second dated a day before the first, at the same place, told by the same sentence."""
    bullet = (
        "On May 4, 2025, the Syrian army took control of the village of Tabni, two days after "
        "ISIS operatives had attacked an army post there, killing three soldiers "
        "(SANA, May 4, 2025)."
    )
    events = _events(tmp_path, bullet)
    assert [(e.sub_event_type, e.event_date.day if e.event_date else None) for e in events] == [
        ("Government regains territory", 4),
        ("Armed clash", 2),
    ]
    retaken, attack = events
    assert attack.actor1 == "Islamic State"
    assert attack.evidence == retaken.evidence
    assert attack.location_text == retaken.location_text


def test_extract_typing_threat_is_no_event(tmp_path: Path) -> None:
    bullet = (
        "On May 6, 2025, a statement attributed to ISIS threatened fresh attacks on the "
        "Kurdish forces in the camps (Hawar, May 6, 2025)."
    )
    assert _events(tmp_path, bullet) == []


def test_extract_typing_claim_of_another_group_and_linked_victims(tmp_path: Path) -> None:
    claimed = _one(
        tmp_path,
        "On May 6, 2025, gunmen attacked a Security Belt checkpoint in Mudiyah, killing two "
        "fighters. Al-Qaeda in the Arabian Peninsula claimed the attack the next day (Aden "
        "Al-Ghad, May 7, 2025).",
    )
    assert claimed.claimed_by == "Al-Qaeda in the Arabian Peninsula"
    struck = _one(
        tmp_path,
        "On May 7, 2025, a drone struck a car near Al-Bab, killing two men whom local sources "
        "described as ISIS members (SOHR, May 7, 2025).",
    )
    assert struck.actor2 == "Islamic State"


def test_extract_typing_force_fired_on_protesters_and_named_claimants(tmp_path: Path) -> None:
    """Police firing on a crowd: police against protesters, civilians targeted. A group not
    in the actor file that claims is the claimant, kept as written. Weapons listed in a find
    ("assault rifles") and army engineers are neither an assault nor civilians."""
    fired = _one(
        tmp_path,
        "On May 2, 2025, Iraqi police opened fire on protesters in Nasiriyah, killing one "
        "demonstrator (Shafaq News, May 2, 2025).",
    )
    assert (fired.sub_event_type, fired.actor1, fired.actor2, fired.civilian_targeting) == (
        "Excessive force against protesters",
        "Iraqi Police",
        "Protesters (Iraq)",
        True,
    )
    claimed = _one(
        tmp_path,
        "On May 3, 2025, an IED hit an Iraqi army patrol near Tuz, wounding two soldiers. The "
        "Saraya Awliya al-Dam Brigades claimed responsibility (Shafaq News, May 3, 2025).",
    )
    assert claimed.claimed_by == "Saraya Awliya al-Dam Brigades"
    depot = _one(
        tmp_path,
        "On May 4, 2025, Iraqi army engineers seized a weapons depot near Tuz. It held mortar "
        "rounds and assault rifles (INA, May 4, 2025).",
    )
    assert (depot.sub_event_type, depot.actor2) == ("Disrupted weapons use", None)


@pytest.mark.parametrize(
    ("bullet", "sub_event_type", "actor1", "actor2"),
    [
        ("On May 2, 2025, HTS announced the appointment of Abu Omar al-Shami as commander of "
         "its forces in Jabal al-Zawiya (Ebaa News Agency, May 2, 2025).",
         "Change to group/activity", "Hay'at Tahrir al-Sham", None),
        ("On May 3, 2025, SDF forces detained four men suspected of belonging to an ISIS cell "
         "near Hajin (Hawar News Agency, May 3, 2025).",
         "Arrests", "Syrian Democratic Forces", "Islamic State"),
        ("On May 4, 2025, HTS claimed that its operatives had killed three Syrian army "
         "soldiers near Saraqib (Ebaa News Agency, May 4, 2025).",
         "Armed clash", "Hay'at Tahrir al-Sham", "Syrian Arab Army"),
        ("On May 5, 2025, an explosives-laden drone launched by the Houthis hit a Security Belt "
         "checkpoint in Abyan, killing two fighters (Aden Al-Ghad, May 5, 2025).",
         "Air/drone strike", "Houthis", "Southern Transitional Council"),
        ("On May 6, 2025, unknown gunmen kidnapped two employees of an aid agency near Ataq "
         "(Xinhua, May 6, 2025).",
         "Abduction/forced disappearance", "Unidentified Armed Group (Syria)", "Civilians"),
        ("On May 7, 2025, al-Shabaab operatives entered the town of Mahaday a few hours after "
         "Somali army forces withdrew from it (Garowe Online, May 7, 2025).",
         "Non-violent transfer of territory", "Al-Shabaab", "Somali Armed Forces"),
        ("On May 7, 2025, a soldier of the Caliphate shot a Rafidite polytheist in Peshawar "
         "with a pistol, killing him (Amaq, May 7, 2025).", "Attack", "Islamic State",
         "Civilians"),
        ("On May 2, 2025, the soldiers of the Caliphate captured five Christians near Oicha "
         "and led them away (Amaq, May 2, 2025).",
         "Abduction/forced disappearance", "Islamic State", "Civilians"),
        ("On May 2, 2025, the soldiers of the Caliphate captured four Christians near Gwoza "
         "and killed them (Amaq, May 2, 2025).", "Attack", "Islamic State", "Civilians"),
        ("On May 3, 2025, a bomb hidden on a motorcycle exploded in a market in Parachinar, "
         "killing six people (Dawn, May 3, 2025).",
         "Remote explosive/landmine/IED", "Islamic State", "Civilians"),
        ("On May 3, 2025, the soldiers of the Caliphate targeted a base of the Puntland forces "
         "near Bosaso with a drone loaded with explosives (Amaq, May 3, 2025).",
         "Air/drone strike", "Islamic State", "Puntland Security Forces"),
        ("On May 4, 2025, a soldier of the Caliphate shot dead a Rafidite Shia in Herat "
         "(Amaq, May 4, 2025).", "Attack", "Islamic State", "Civilians"),
        ("On May 4, 2025, Coalition forces landed by helicopters raided a house near Al-Busayrah "
         "and killed an ISIS official (Hawar News Agency, May 4, 2025).",
         "Armed clash", "International Coalition", "Islamic State"),
        ("On May 5, 2025, the Egyptian army announced that its aircraft had killed eleven armed "
         "men near Al-Farafra (Ahram, May 5, 2025).",
         "Air/drone strike", "Egyptian Armed Forces", "Unidentified Armed Group"),
        ("On May 6, 2025, hundreds of residents of Binnish demonstrated, protesting the arrest "
         "of local activists by HTS (Enab Baladi, May 6, 2025).",
         "Peaceful protest", "Protesters (Syria)", None),
        ("On May 7, 2025, ISIS operatives executed a man in Jasim whom they accused of being a "
         "spy for the Syrian army (Daraa 24, May 7, 2025).", "Attack", "Islamic State",
         "Civilians"),
    ],
)  # fmt: skip
def test_extract_typing_wording_of_later_held_out_sets(
    tmp_path: Path, bullet: str, sub_event_type: str, actor1: str, actor2: str | None
) -> None:
    """Wording the held-out sets 4 to 7 showed, in sentences of our own."""
    event = _one(tmp_path, bullet)
    assert (event.sub_event_type, event.actor1, event.actor2) == (sub_event_type, actor1, actor2)


def test_extract_typing_unreported_planter_and_totals(tmp_path: Path) -> None:
    mine = _one(
        tmp_path,
        "On May 2, 2025, two shepherds were killed when a landmine exploded near Ma'dan. It "
        "was not reported who had planted the mine (Enab Baladi, May 2, 2025).",
    )
    assert mine.actor1.startswith("Unidentified Armed Group")
    assert (
        _events(
            tmp_path,
            "West Africa led with 17 attacks, followed by Iraq with 9 attacks (Al-Naba, May 2, 2025).",
        )
        == []
    )


def test_extract_typing_tallies_and_routine_are_no_events(tmp_path: Path) -> None:
    for bullet in (
        "ISIS claimed 31 attacks in Syria this week, killing or wounding 86 people (Al-Naba, "
        "May 8, 2025).",
        "This week as well, ISIS operatives kept up their attacks in the Euphrates Valley.",
    ):
        assert _events(tmp_path, bullet) == []


def test_extract_typing_wording_of_an_eighth_and_ninth_set(tmp_path: Path) -> None:
    """A claim told after the telling's citation joins it; a raid that killed some and
    arrested others is a clash; "beheading three" counts three dead; a strike with no doer
    is the announcer's; "captured a spy ... killed him" is an attack."""
    claimed = _one(
        tmp_path,
        "On May 2, 2025, a suicide bomber blew himself up near a Taliban checkpoint in Kabul, "
        "killing four people (Pajhwok, May 2, 2025). ISIS's Khorasan Province claimed "
        "responsibility for the attack (Amaq, May 3, 2025).",
    )
    assert (claimed.claimed_by, claimed.actor1_unit) == ("Islamic State", "Khorasan Province")
    raid = _one(
        tmp_path,
        "On May 3, 2025, Iraqi forces raided an ISIS hideout near Tarmiyah, killing two "
        "operatives and arresting a third (INA, May 3, 2025).",
    )
    assert raid.sub_event_type == "Armed clash"
    beheading = _one(
        tmp_path,
        "On May 4, 2025, ISIS operatives raided the village of Kirawa, beheading three "
        "Christian civilians (HumAngle, May 4, 2025).",
    )
    assert beheading.killed == 3
    strike = _one(
        tmp_path,
        "On May 5, 2025, an ISIS official was killed in a drone strike near Al-Bab, the "
        "International Coalition announced (CENTCOM, May 5, 2025).",
    )
    assert (strike.sub_event_type, strike.actor1) == (
        "Air/drone strike",
        "International Coalition",
    )
    spy = _one(
        tmp_path,
        "On May 6, 2025, the soldiers of the Caliphate captured a spy of the apostates near "
        "Baiji, and after questioning him they killed him (Amaq, May 6, 2025).",
    )
    assert spy.sub_event_type == "Attack"
    assert (
        _events(
            tmp_path,
            "In addition, ISIS claimed the following operations this week (Amaq, May 7, 2025).",
        )
        == []
    )


def test_extract_typing_doers_named_before_announced_or_affiliated(tmp_path: Path) -> None:
    """ "In the exchange of fire that followed" is the named force's; arrests with no doer
    are the announcer's; a group "affiliated with" another acts itself; an appointment
    counts no deaths from its background."""
    followed = _one(
        tmp_path,
        "On May 2, 2025, HTS operatives surrounded a house in Sarmada where an ISIS cell was "
        "hiding. In the exchange of fire that followed, two ISIS operatives were killed "
        "(Ebaa News Agency, May 2, 2025).",
    )
    assert followed.actor1 == "Hay'at Tahrir al-Sham"
    announced = _one(
        tmp_path,
        "On May 3, 2025, three ISIS suspects were arrested in Ubari, the Libyan National Army "
        "announced (LNA media office, May 3, 2025).",
    )
    assert (announced.sub_event_type, announced.actor1) == ("Arrests", "Libyan National Army")
    affiliated = _one(
        tmp_path,
        "On May 4, 2025, ADF operatives, who are affiliated with ISIS's Central Africa "
        "Province, attacked the village of Mayi-Moya, killing 12 civilians (Radio Okapi, May "
        "4, 2025).",
    )
    assert affiliated.actor1 == "Allied Democratic Forces"
    appointed = _one(
        tmp_path,
        "On May 5, 2025, AQAP announced that Abu Hamza al-Awlaki had been appointed as its "
        "military commander, succeeding a commander who was killed last year (Al-Malahem, May "
        "5, 2025).",
    )
    assert (appointed.sub_event_type, appointed.killed) == ("Change to group/activity", None)


def test_extract_typing_tenth_and_eleventh_set_wording(tmp_path: Path) -> None:
    """Totals since an operation began and "continued firing" are no events; a force
    acting "in cooperation with" another is the doer; drivers are civilians; a closed road is
    a development."""
    assert (
        _events(
            tmp_path,
            "Since the beginning of Operation Sinai 2018, 105 terrorist operatives have been killed "
            "(Ahram, May 2, 2025).",
        )
        == []
    )
    assert (
        _events(
            tmp_path,
            "The rebels continued firing mortar shells into the capital (SANA, May 2, 2025).",
        )
        == []
    )
    police = _one(
        tmp_path,
        "On May 3, 2025, the Spanish police, in cooperation with the Moroccan police, arrested "
        "two ISIS suspects in Ceuta (Europa Press, May 3, 2025).",
    )
    assert police.actor1 == "Spanish Police"
    drivers = _one(
        tmp_path,
        "On May 4, 2025, gunmen at a fake checkpoint shot dead four drivers near Sirte (Libya "
        "Observer, May 4, 2025).",
    )
    assert (drivers.sub_event_type, drivers.actor2) == ("Attack", "Civilians")
    road = _one(
        tmp_path,
        "On May 5, 2025, the army closed the coastal road between El-Arish and Rafah after the "
        "attack (Ahram, May 5, 2025).",
    )
    assert road.sub_event_type == "Other"
