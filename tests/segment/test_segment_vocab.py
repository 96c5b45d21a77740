"""The bundled segmentation word lists load, and bad rows fail with file:line."""

from __future__ import annotations

import pytest

from watchfloor.errors import DataFileError
from watchfloor.segment.vocab import HEADING_KINDS, load_vocabulary, parse_word_list


def test_bundled_word_lists_load() -> None:
    vocab = load_vocabulary()
    assert "main events of the week" in vocab.headings["summary"]
    assert "red" in vocab.captions["legend-colour"]
    assert "gen" in vocab.abbreviations["title"]
    assert "google maps" in vocab.citations["undated-source"]


@pytest.mark.parametrize(
    ("text", "reason", "where"),
    [
        ("summary\tmain events\n", "no-version", "headings.tsv:1"),
        ("# version\t1\nsummary\n", "bad-row", "headings.tsv:2"),
        ("# version\t1\nsummray\tmain events\n", "bad-kind", "headings.tsv:2"),
    ],
)
def test_parse_word_list_rejects_bad_files(text: str, reason: str, where: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_word_list(text, name="headings.tsv", kinds=HEADING_KINDS)
    assert caught.value.reason == reason
    assert caught.value.path == where


def test_parse_word_list_folds_case_and_apostrophes() -> None:
    parsed = parse_word_list(
        "# version\t1\ncontainer\tISIS’s Provinces Abroad\tnote\n",
        name="headings.tsv",
        kinds=HEADING_KINDS,
    )
    assert parsed["container"] == frozenset({"isis's provinces abroad"})
