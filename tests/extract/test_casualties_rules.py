"""Casualty figures from sentences written for these tests (table in casualty_cases.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import finishes

from watchfloor.errors import DataFileError
from watchfloor.extract.casualties import parse_casualties, parse_casualty_words
from watchfloor.extract.numbers import find_quantities, parse_number_words, tokenize

CASES = Path(__file__).with_name("casualty_cases.tsv")


def _cell(value: str) -> int | None:
    return None if value == "-" else int(value)


def _cases() -> list[tuple[str, int | None, int | None, int | None, str | None, int]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, killed, wounded, joint, qualifier, fatalities = line.split("\t")
        rows.append(
            (
                text,
                _cell(killed),
                _cell(wounded),
                _cell(joint),
                None if qualifier == "-" else qualifier,
                int(fatalities),
            )
        )
    return rows


@pytest.mark.parametrize(
    ("text", "killed", "wounded", "joint", "qualifier", "fatalities"),
    _cases(),
    ids=lambda v: str(v)[:40],
)
def test_casualties_table(
    text: str,
    killed: int | None,
    wounded: int | None,
    joint: int | None,
    qualifier: str | None,
    fatalities: int,
) -> None:
    result = parse_casualties(text)
    assert (result.killed, result.wounded, result.killed_or_wounded) == (killed, wounded, joint)
    assert result.qualifier == qualifier
    assert result.fatalities == fatalities


def test_casualties_spans_point_at_the_figure() -> None:
    text = "On Monday, a car bomb exploded. Two soldiers were killed and five were wounded."
    result = parse_casualties(text)
    killed_start, killed_end = result.spans["killed"]
    assert text[killed_start:killed_end] == "Two soldiers were killed"
    wounded_start, wounded_end = result.spans["wounded"]
    assert text[wounded_start:wounded_end].startswith("five")


def test_casualties_distance_is_not_a_casualty() -> None:
    result = parse_casualties(
        "A patrol was ambushed 14 km south of the city and the crew were killed."
    )
    assert result.killed is None
    assert result.fatalities == 0


def test_casualties_first_figure_wins_over_a_later_partial_one() -> None:
    text = "Thirty guards were killed in the assault. A car bomb at the gate killed 12 of them."
    assert parse_casualties(text).killed == 30


def test_casualties_hostile_inputs_finish_quickly() -> None:
    hostile = [
        "7" * 100_000,
        " ".join(str(i) for i in range(10_000)) + " were killed",
        "killed " * 20_000,
        "(" * 5_000 + "three were killed" + ")" * 5_000,
        "two soldiers and " * 5_000 + "were killed",
        "killing " + "5 soldiers and " * 5_000,
        "twenty-" * 10_000,
    ]
    for text in hostile:
        result = finishes(parse_casualties, text)
        assert result.killed is None or result.killed < 10**9


def test_quantities_read_number_words_and_ranges() -> None:
    tokens = tokenize("one hundred and twelve, twenty-five, a dozen, 1,250 and between 3 and 5")
    values = [(q.value, q.qualifier) for q in find_quantities(tokens) if q.kind == "exact"]
    assert values == [(112, None), (25, None), (12, None), (1250, None), (3, "at least")]


def test_quantities_block_years_dates_and_times() -> None:
    tokens = tokenize("On June 3, 2019 at 10:30 the 5th brigade moved")
    assert all(q.blocked for q in find_quantities(tokens) if q.kind == "exact")


def test_number_words_file_without_version_is_refused() -> None:
    with pytest.raises(DataFileError) as err:
        parse_number_words("unit\tone\t1\n", name="numbers.tsv")
    assert err.value.reason == "no-version"
    assert err.value.path == "numbers.tsv:1"


def test_casualty_words_bad_verb_names_the_line() -> None:
    text = "# version\t1\nverb\tslain\tdeadish\tpassive\n"
    with pytest.raises(DataFileError) as err:
        parse_casualty_words(text, name="casualties.tsv")
    assert err.value.reason == "bad-verb"
    assert err.value.path == "casualties.tsv:2"


def test_casualty_words_are_extensible() -> None:
    text = "# version\t1\nverb\tslain\tkilled\tpassive\nvictim\tsoldier\n"
    words = parse_casualty_words(text, name="mine.tsv")
    assert parse_casualties("Four soldiers were slain.", words=words).killed == 4


def test_casualties_new_patterns_stay_linear_on_hostile_text() -> None:
    hostile = [
        "captured two men and " * 5_000 + "executed them",
        "two soldiers who were in the town " * 5_000 + "were killed",
        "an officer and " * 5_000 + "a soldier were killed",
        "killing him " * 10_000,
        "Ahmad, 17, " * 5_000 + "was killed",
        "two men were killed, wounding a third " * 3_000,
        "killing the driver and " * 5_000 + "his son",
        "killing the head of the " * 5_000,
        "the commander and his deputy and " * 3_000 + "were killed",
        "five people, including " * 3_000 + "two children were killed",
        "killing all " * 5_000 + "of them",
        "killing both of them, and " * 5_000,
        "killing a police intelligence officer " * 5_000,
    ]
    for text in hostile:
        result = finishes(parse_casualties, text)
        assert result.killed is None or result.killed < 10**6


def test_casualty_words_whole_needs_a_number() -> None:
    text = "# version\t1\nwhole\tboth\ttwo\t\n"
    with pytest.raises(DataFileError) as err:
        parse_casualty_words(text, name="casualties.tsv")
    assert err.value.reason == "bad-value"
    assert err.value.path == "casualties.tsv:2"


def test_casualties_joined_victims_span_covers_every_group() -> None:
    text = "A bomb went off under the car, killing the judge and his two bodyguards."
    result = parse_casualties(text)
    assert result.killed == 3
    start, end = result.spans["killed"]
    assert text[start:end] == "the judge and his two bodyguards"


def test_casualties_a_group_noun_after_the_is_not_one_person() -> None:
    assert parse_casualties("The shelling killed the crew of the tank.").killed is None
    assert parse_casualties("The shelling killed the pilot of the helicopter.").killed == 1


def test_casualties_object_pronoun_span_points_at_the_pronoun() -> None:
    text = "A sniper targeted a guard at his post, killing him."
    result = parse_casualties(text)
    assert result.killed == 1
    start, end = result.spans["killed"]
    assert text[start:end] == "him"
