"""The date scans skip texts that cannot match (``key`` rows, month and weekday names).

Each test compares the bundled words with the same words whose filters are switched off, so
a filter that hid a real match fails here. Sentences are written for these tests; the real
samples are read from ``seeds_dir`` at test time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from watchfloor.errors import DataFileError
from watchfloor.extract.dates import (
    DateResult,
    DateWords,
    Keywords,
    load_date_words,
    parse_date_words,
    resolve_event_date,
)
from watchfloor.models import Citation

D = dt.date
PERIOD = (D(2021, 3, 4), D(2021, 3, 10))
CITE = (Citation("Local Radio", D(2021, 3, 8)),)

SENTENCES = [
    "On March 6, 2021, gunmen attacked a checkpoint.",
    "Gunmen attacked a checkpoint on 6 March.",
    "A bomb exploded on 2021-03-07 in the market.",
    "A day earlier, a patrol was ambushed.",
    "Two days later the army returned to the village.",
    "Three weeks ago the group seized the dam.",
    "Late last week militants shelled the base.",
    "Earlier this month an airstrike hit a depot.",
    "On Tuesday a roadside bomb struck a convoy.",
    "Last Friday gunmen killed a trader.",
    "In February the militia withdrew from the town.",
    "The militia withdrew from the town.",
    "Overnight, rockets struck the airport.",
    # non-ASCII text: curly quotes, dashes, letters that case-fold onto ASCII ones
    "“Yesterday,” the governor said, “militants attacked the prison.”",
    "Fighting resumed two days later — residents fled.",
    "It happened yeſterday near the bridge.",
    "Two dayſ later the convoy was hit.",
    "Rockets fell laſt nİght on the camp.",
    "The raid came THE DAY BEFORE the vote.",
]


def _unfiltered(words: DateWords) -> DateWords:
    off = Keywords((), None)
    return dataclasses.replace(
        words,
        month_names=(),
        weekday_names=(),
        phrase_keys=off,
        unit_keys=off,
        direction_keys=off,
    )


def _both(text: str, words: DateWords) -> tuple[DateResult, DateResult]:
    results = tuple(
        resolve_event_date(
            text, citations=CITE, period=PERIOD, previous=D(2021, 3, 6), words=chosen
        )
        for chosen in (words, _unfiltered(words))
    )
    return results[0], results[1]


@pytest.mark.parametrize("text", SENTENCES, ids=lambda v: v[:30])
def test_dates_filters_never_change_a_result(text: str) -> None:
    fast, full = _both(text, load_date_words())
    assert fast == full


def test_dates_filters_agree_on_the_samples(seeds_dir: Path) -> None:
    words = load_date_words()
    checked = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                fast, full = _both(line, words)
                assert fast == full, line
                checked += 1
    assert checked > 0


def test_dates_keys_are_rare_words_of_the_phrases() -> None:
    keys = Keywords.of(
        ["the day before", "last week", "two nights ago", "weekend"], ["day", "week"]
    )
    assert keys.words == ("day", "nights", "week")
    assert keys.found_in("Two Nights Ago", "two nights ago")
    assert not keys.found_in("A quiet morning", "a quiet morning")


def test_dates_keys_on_non_ascii_text_fold_like_the_patterns() -> None:
    keys = Keywords.of(["yesterday"])
    text = "It happened yeſterday."  # re.IGNORECASE folds the long s onto "s"
    assert keys.found_in(text, text.lower())
    assert load_date_words().phrase_re.search(text) is not None


def test_dates_keys_off_when_a_phrase_is_not_ascii() -> None:
    assert Keywords.of(["ayer", "la víspera"]).pattern is None
    assert Keywords.of(["ayer", "la víspera"]).found_in("anything", "anything")


def test_date_key_must_be_one_ascii_word() -> None:
    with pytest.raises(DataFileError) as err:
        parse_date_words("# version\t1\nkey\tnext day\n", name="dates.tsv")
    assert err.value.reason == "bad-key"
    assert err.value.path == "dates.tsv:2"
