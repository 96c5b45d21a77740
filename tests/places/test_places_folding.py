"""Name folding: the rules file, exact keys and the variant pairs in folding_pairs.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.errors import DataFileError
from watchfloor.places.folding import fold_name, parse_folding_rules, variant_key

PAIRS = [
    line.split("\t")
    for line in (Path(__file__).parent / "folding_pairs.tsv").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


@pytest.mark.parametrize(("first", "second", "same"), PAIRS)
def test_folding_variant_pairs(first: str, second: str, same: str) -> None:
    assert (variant_key(first) == variant_key(second)) is (same == "yes")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Al Ḩāḑir", "al hadir"),
        ("‘Anjarah", "anjarah"),
        ("Ra'wa", "rawa"),
        ("Ṭayyānī", "tayyani"),
        ("Deir ez-Zor", "deir ez zor"),
        ("Ithriya–Al-Rasafah", "ithriya al rasafah"),
        ("ʿAyn al-ʿArab", "ayn al arab"),
    ],
)
def test_folding_exact_key_strips_case_diacritics_apostrophes(name: str, key: str) -> None:
    assert fold_name(name) == key


def test_folding_article_kept_when_alone() -> None:
    assert variant_key("Al") == "al"


def test_folding_long_input_is_capped() -> None:
    assert len(fold_name("a" * 100_000)) <= 200


def test_folding_rules_reject_bad_line() -> None:
    with pytest.raises(DataFileError) as info:
        parse_folding_rules("# version\t1\nsub\tou\tu\nbogus\tx\ty\n", source="rules.tsv")
    assert info.value.path == "rules.tsv:3"
    assert info.value.reason == "bad-rule"


def test_folding_rules_need_version() -> None:
    with pytest.raises(DataFileError, match="no-version"):
        parse_folding_rules("sub\tou\tu\n")
