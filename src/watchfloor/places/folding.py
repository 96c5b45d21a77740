"""Name folding for transliterated place names, driven by ``data/places/folding.tsv``.

Two keys are computed for every name:

* the *exact* key (:func:`fold_name`): case, diacritics, apostrophes (ʿ ’ ‘ ') and
  hyphens removed, words separated by one space: ``"Al Ḩāḑir"`` -> ``"al hadir"``;
* the *variant* key (:meth:`FoldingRules.variant_key`): the exact key with the
  article dropped (al-, el-, ad-, ash- ...), whole-word equivalences (Deir/Dayr,
  Abu/Albu), letter substitutions (ou/u, ee/i, e/a, dh/d, q/k ...), doubled letters
  collapsed, final -ah/-a/-eh merged and the spaces removed: ``"Deir ez-Zor"`` and
  ``"Dayr az Zawr"`` both give ``"dairdur"``-like keys that compare equal.

The rules are data: an analyst can read and extend the TSV without Python.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

from watchfloor.errors import DataFileError

RULES_FILE = "folding.tsv"
MAX_NAME_CHARS = 200
_KINDS = ("char", "article", "word", "sub", "suffix", "collapse")


@dataclass(frozen=True, slots=True)
class FoldingRules:
    """The parsed folding rules; build with :func:`load_folding_rules`."""

    version: str
    chars: dict[str, str]
    articles: frozenset[str]
    words: dict[str, str]
    subs: tuple[tuple[str, str], ...]
    suffixes: tuple[tuple[str, str], ...]
    collapse_doubles: bool
    digest: str

    def fold(self, name: str) -> str:
        """Return the exact key: lower case ASCII words separated by single spaces."""
        text = name[:MAX_NAME_CHARS]
        text = "".join(self.chars.get(ch, ch) for ch in text)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = anyascii(text).lower()
        text = "".join(ch if ch.isalnum() else " " for ch in text)
        return " ".join(text.split())

    def variant_key(self, name: str) -> str:
        """Return the loose key used to match variant spellings (no spaces)."""
        words = self.fold(name).split()
        kept = [w for w in words if w not in self.articles]
        if not kept:
            kept = words
        return "".join(self._variant_word(w) for w in kept)

    def _variant_word(self, word: str) -> str:
        word = self.words.get(word, word)
        for old, new in self.subs:
            if old in word:
                word = word.replace(old, new)
        if self.collapse_doubles:
            word = _collapse(word)
        for old, new in self.suffixes:
            if len(word) > len(old) + 1 and word.endswith(old):
                word = word[: -len(old)] + new
                break
        return word


def _collapse(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if not out or out[-1] != ch or ch.isdigit():
            out.append(ch)
    return "".join(out)


def parse_folding_rules(text: str, *, source: str = RULES_FILE) -> FoldingRules:
    """Parse the TSV text of a folding rules file; raise DataFileError on a bad line."""
    version = ""
    chars: dict[str, str] = {}
    articles: set[str] = set()
    words: dict[str, str] = {}
    subs: list[tuple[str, str]] = []
    suffixes: list[tuple[str, str]] = []
    collapse = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if line.startswith("# version"):
            version = line.split("\t", 1)[-1].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or cols[0] not in _KINDS or not cols[1]:
            raise DataFileError(
                "bad-rule",
                f"expected 'kind<TAB>from<TAB>to[<TAB>note]' with kind in {', '.join(_KINDS)}",
                path=f"{source}:{lineno}",
            )
        kind, old = cols[0], cols[1]
        new = cols[2] if len(cols) > 2 else ""
        if kind == "char":
            chars[old] = new
        elif kind == "article":
            articles.add(old.lower())
        elif kind == "word":
            words[old.lower()] = new.lower()
        elif kind == "sub":
            subs.append((old.lower(), new.lower()))
        elif kind == "suffix":
            suffixes.append((old.lower(), new.strip().lower()))
        else:
            collapse = new.strip().lower() == "yes"
    if not version:
        raise DataFileError("no-version", "the file needs a '# version<TAB>N' line", path=source)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return FoldingRules(
        version=version,
        chars=chars,
        articles=frozenset(articles),
        words=words,
        subs=tuple(subs),
        suffixes=tuple(suffixes),
        collapse_doubles=collapse,
        digest=digest,
    )


@lru_cache(maxsize=1)
def load_folding_rules() -> FoldingRules:
    """Load the bundled ``data/places/folding.tsv`` (cached)."""
    text = resources.files("watchfloor.data.places").joinpath(RULES_FILE).read_text("utf-8")
    return parse_folding_rules(text, source=f"data/places/{RULES_FILE}")


def fold_name(name: str) -> str:
    """Return the exact folding key of ``name`` with the bundled rules."""
    return load_folding_rules().fold(name)


def variant_key(name: str) -> str:
    """Return the variant folding key of ``name`` with the bundled rules."""
    return load_folding_rules().variant_key(name)
