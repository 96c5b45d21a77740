"""Sentence boundaries that survive abbreviations, initials, decimals, quotes and lost spaces.

A boundary is a ``.``, ``!``, ``?`` or ellipsis, with any closing quotes, brackets and
footnote markers after it, followed by whitespace and a sentence-like start; or a period
glued to a capitalised word (``displaced persons.ISIS claimed``) when the word before it
is a real word, not an initial or abbreviation. Abbreviation lists are in
``data/segment/abbreviations.tsv``. Missing spaces inside words (``harmedin``) cannot be
recovered and are left as they are.
"""

from __future__ import annotations

import re

from watchfloor.segment.vocab import Vocabulary, fold, load_vocabulary

MAX_SENTENCE_CHARS = 2000
"""Longer runs without a boundary are cut at whitespace, so later regexes see bounded text."""

_TERMINATOR = re.compile(
    r"(?P<term>[.!?…]{1,5})(?P<close>[\"'”’»)\]*]{0,4}(?:\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}){0,3})"
)
_BLANK_LINE = re.compile(r"\n[ \t\u00a0\r]{0,40}\n")
_PAREN_ONLY = re.compile(r"\([^()]{1,400}\)[\s.,;:!?\[\]\d¹²³⁴⁵⁶⁷⁸⁹⁰]{0,12}")
_TOKEN_LEAD = "([{\"“‘'«*"
_WORD_TRAIL = "\"”’»)]},;:'"
_LOWER_SENTENCE_STARTS = ("al-", "el-", "ad-", "as-", "ar-", "an-")


def _previous_token(text: str, position: int) -> str:
    window = text[max(0, position - 40) : position]
    parts = window.split()
    if not parts or window[-1:].isspace():
        return ""
    return parts[-1].lstrip(_TOKEN_LEAD)


def _next_word(text: str, position: int) -> str:
    window = text[position : position + 40].split(maxsplit=1)
    if not window:
        return ""
    return fold(window[0].lstrip(_TOKEN_LEAD).rstrip(_WORD_TRAIL + ".!?"))


def _abbreviation_blocks(token: str, next_word: str, vocab: Vocabulary) -> bool:
    """True when the period after ``token`` is an abbreviation's, not a sentence end."""
    folded = fold(token)
    kinds = vocab.abbreviations
    if folded in kinds["title"] or folded in kinds["inline"]:
        return True
    is_initial = len(token) == 1 and token.isalpha()
    if is_initial or "." in folded or folded in kinds["final"]:
        return next_word not in kinds["starter"]
    return False


def _is_boundary(text: str, match: re.Match[str], vocab: Vocabulary) -> bool:
    end = match.end()
    if end >= len(text):
        return True
    nxt = text[end]
    term = match.group("term")
    token = _previous_token(text, match.start())
    if not nxt.isspace():
        # glued: "persons.ISIS" is a boundary; "U.S.", "3.5", "al-hashed.net", "J.Alashkar" are not
        if term not in (".", "!", "?") or not nxt.isupper():
            return False
        if match.group("close") or token.endswith((")", '"', "”", "’")):
            return True
        if len(token) < 2 or not token.isalpha():
            return False
        return not _abbreviation_blocks(token, "", vocab)
    stripped = text[end : end + 40].lstrip()
    if not stripped:
        return True
    first = stripped[0]
    if first.islower() and fold(stripped[:3]) not in _LOWER_SENTENCE_STARTS:
        return False
    if term == "." and match.group("close") in ("", "]"):
        return not _abbreviation_blocks(token, _next_word(text, end), vocab)
    if term == "." and token:
        return not (fold(token) in vocab.abbreviations["title"] and first.isdigit())
    return True


def _cap_length(start: int, end: int, text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    spans.append((start, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def split_sentences(
    text: str, *, break_at_blank_lines: bool = False, vocab: Vocabulary | None = None
) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)``, trimmed of surrounding whitespace.

    A parenthetical standing alone after a boundary (``... harmed. (Reuters, June 27)``)
    joins the sentence before it. ``break_at_blank_lines`` also ends a sentence at a blank
    line (Telegram messages); otherwise a blank line inside ``text`` is a page break.
    """
    vocab = vocab or load_vocabulary()
    cuts: list[int] = []
    for match in _TERMINATOR.finditer(text):
        if _is_boundary(text, match, vocab):
            cuts.append(match.end())
    if break_at_blank_lines:
        cuts.extend(found.start() for found in _BLANK_LINE.finditer(text))
        cuts.sort()
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if cut <= start:
            continue
        span = _trimmed(text, start, cut)
        start = cut
        if span is None:
            continue
        if spans and _PAREN_ONLY.fullmatch(text, span[0], span[1]):
            spans[-1] = (spans[-1][0], span[1])
            continue
        spans.append(span)
    capped: list[tuple[int, int]] = []
    for span_start, span_end in spans:
        capped.extend(_cap_length(span_start, span_end, text))
    return capped
