"""Who did it, in four sentence shapes the first actor rules missed (sentences we wrote)."""

from __future__ import annotations

import pytest
from factories import actor_roles

from watchfloor.extract import Rules
from watchfloor.extract.actors import find_mentions
from watchfloor.extract.detect import fold_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two forces joined by "and" before the verb: the first one named leads
        ("Popular Mobilization and Iraqi army forces raided an ISIS hideout near Baiji.",
         ("Popular Mobilization Forces", "Islamic State")),
        # the speaker of "X announced that it had ..." did it
        ("ISIS announced on May 2 that it had killed three Iraqi policemen in an attack "
         "near Tarmiyah.", ("Islamic State", "Iraqi Police")),
        # "losses among the X": X suffered, it did not act
        ("Reports spoke of heavy losses among the SDF forces in an IED explosion near Tabqa.",
         (None, "Syrian Democratic Forces")),
        # nationality, up to two words, then a force noun
        ("An Iraqi combat engineering unit dismantled three IEDs planted by ISIS near Tuz.",
         ("Iraqi Army", "Islamic State")),
    ],
)  # fmt: skip
def test_extract_actor_patterns(text: str, expected: tuple[str | None, str | None]) -> None:
    assert actor_roles(text) == expected


def test_extract_actor_pattern_not_over_capitalised_names() -> None:
    """Capitalised words between make a name ("Syrian Democratic Forces"), not a gap."""
    rules = Rules.load()
    text = "The Syrian Democratic Forces attacked ISIS positions east of Raqqa."
    names = [m.canonical for m in find_mentions(text, fold_text(text), rules, None)]
    assert names == ["Syrian Democratic Forces", "Islamic State"]


def test_extract_actor_pattern_plain_subject_unchanged() -> None:
    """Without the pronoun the subject after the frame stays the actor."""
    text = "The Iraqi army announced that ISIS operatives had attacked a checkpoint near Hit."
    assert actor_roles(text)[0] == "Islamic State"
