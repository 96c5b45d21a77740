"""Casualty reading on token strings: offsets, hidden text, prefilters (sentences written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.extract.casualties import (
    Casualties,
    _visible_tokens,
    load_casualty_words,
    parse_casualties,
)
from watchfloor.extract.numbers import (
    _TOKEN_RE,
    TokenOffsets,
    find_quantities,
    load_number_words,
    quantities_of,
    token_texts,
    tokenize,
)

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


def test_qualifier_lengths_list_the_longest_first() -> None:
    words = load_number_words()
    assert words.qualifier_lengths["at"] == (2,)  # "at least", "at most"
    assert set(words.qualifier_lengths) == words.qualifier_starts
    for first, lengths in words.qualifier_lengths.items():
        assert list(lengths) == sorted(lengths, reverse=True)
        assert {len(p) for p in words.qualifiers if p[0] == first} == set(lengths)


def test_quantities_qualifiers_and_number_words_after_the_first_token() -> None:
    tokens = tokenize(
        "Police said no fewer than twenty-two and up to 40 were hurt, an estimated 9 more"
    )
    found = [(q.value, q.qualifier, q.first, q.last) for q in find_quantities(tokens)]
    assert found == [
        (22, "at least", 2, 7),
        (40, "up to", 9, 11),
        (9, "about", 15, 17),  # "an estimated": the two-word qualifier
    ]


def test_quantities_need_one_lower_form_per_token() -> None:
    with pytest.raises(ValueError):
        quantities_of(["two", "men"], ["two"])


def test_visible_tokens_reuse_the_given_lower_forms() -> None:
    texts = token_texts('Two "Soldiers" (and One Guard) were Killed')
    lowers = [t.lower() for t in texts]
    visible = _visible_tokens(texts, lowers)
    assert visible == _visible_tokens(texts)
    assert visible.texts == ["Two", "Soldiers", "were", "Killed"]
    assert visible.lowers == ["two", "soldiers", "were", "killed"]
    assert list(visible.index) == [0, 2, 9, 10]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 1,200.5 people_x in al-Qaim's market at 10:30; don't.",
        "A__b 12.3.4 o'clock ''x' 9a b9 " * 3,
        "tabs\tand\nnew lines\r\n\x0b\x0c (brackets) [more] {curly} ~!@#$%^&*",
    ],
)
def test_ascii_tokens_match_the_unicode_pattern(text: str) -> None:
    assert text.isascii()
    assert token_texts(text) == _TOKEN_RE.findall(text)


def test_casualties_phrase_start_without_a_phrase_reads_nothing() -> None:
    # "lost" opens "lost their lives" only; "claimed" opens "claimed the lives of" only
    assert parse_casualties("Two units lost ground and 40 men claimed the village.") == Casualties()
