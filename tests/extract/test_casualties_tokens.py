"""Casualty reading on token strings: offsets, hidden text, prefilters (sentences written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.extract.casualties import load_casualty_words, parse_casualties
from watchfloor.extract.numbers import TokenOffsets, find_quantities, token_texts, tokenize

AWKWARD = [
    "Gunmen killed\tfour\u00a0policemen and\u2003two guards 🙂 at a checkpoint.",
    "  leading spaces, 1,200 people and 3.5 km² of land; it’s the army's ",
    "٣ soldiers (Arabic digit) were wounded in al-Qaim",
    "",
    "   ",
    "x",
]


@pytest.mark.parametrize("text", AWKWARD, ids=lambda v: repr(v[:20]))
def test_token_offsets_match_tokenize(text: str) -> None:
    tokens = tokenize(text)
    texts = token_texts(text)
    assert texts == [t.text for t in tokens]
    offsets = TokenOffsets(text, texts)
    for index in reversed(range(len(tokens))):  # out of order on purpose
        assert (offsets.start(index), offsets.end(index)) == (
            tokens[index].start,
            tokens[index].end,
        )


def test_token_offsets_match_tokenize_on_the_samples(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        tokens = tokenize(text)
        offsets = TokenOffsets(text, token_texts(text))
        assert [(offsets.start(i), offsets.end(i)) for i in range(len(tokens))] == [
            (t.start, t.end) for t in tokens
        ]


def test_casualties_spans_skip_parentheses_and_quotes() -> None:
    text = "The statement (issued after 3 raids) said “five civilians” were killed and two wounded."
    result = parse_casualties(text)
    assert (result.killed, result.wounded, result.fatalities) == (5, 2, 5)
    assert {k: text[a:b] for k, (a, b) in result.spans.items()} == {
        "killed": "five civilians” were killed",
        "wounded": "two wounded",
    }


def test_casualties_in_brackets_are_not_read() -> None:
    text = "[Reports differ: ten were killed] Police said 3 people died."
    result = parse_casualties(text)
    assert result.killed == 3
    a, b = result.spans["killed"]
    assert text[a:b] == "3 people died"


def test_casualties_odd_whitespace_keeps_spans_exact() -> None:
    text = "Gunmen killed\tfour\u00a0policemen and\u2003two guards 🙂 at a checkpoint."
    result = parse_casualties(text)
    assert result.killed == 6
    a, b = result.spans["killed"]
    assert text[a:b] == "four\u00a0policemen and\u2003two guards"


def test_casualties_letters_folding_to_ascii_still_count() -> None:
    # the Kelvin sign lower-cases to "k": the token reads "killed", so the prefilter must too
    result = parse_casualties("Two soldiers were \u212ailled near the dam.")
    assert (result.killed, result.fatalities) == (2, 2)


def test_casualties_without_casualty_words_is_empty() -> None:
    result = parse_casualties("Five trucks crossed 3 bridges on 4 March, near 2 villages.")
    assert (result.killed, result.wounded, result.killed_or_wounded) == (None, None, None)
    assert (result.qualifier, result.fatalities, result.spans) == (None, 0, {})


def test_casualties_zero_figure_passes_the_prefilter() -> None:
    result = parse_casualties("Five trucks crossed 3 bridges on 4 March; nobody was hurt.")
    assert (result.killed, result.wounded, result.fatalities) == (None, 0, 0)


def test_casualty_words_prefilter_needles() -> None:
    words = load_casualty_words()
    assert words.verb_needles is not None
    assert "kill" in words.verb_needles
    assert "killed" not in words.verb_needles  # covered by "kill"
    assert all(any(n in start for n in words.verb_needles) for start in words.verb_starts)


def test_quantities_skip_to_number_openers() -> None:
    tokens = tokenize("- five and then, after a long quiet day, about 30 or more and no one")
    found = [(q.value, q.kind, q.qualifier, q.first, q.last) for q in find_quantities(tokens)]
    assert found == [
        (5, "exact", None, 0, 1),
        (1, "single", None, 6, 6),
        (30, "exact", "at least", 11, 14),
        (0, "zero", None, 16, 17),
    ]
