"""Lines to blocks: headings, paragraphs, bullets, captions, legends and footnote bodies.

Each line is read once. A paragraph or bullet that ends mid-sentence continues on the
next text line, across blank lines and page-footer footnotes too (a page break in a
converted PDF: ``... carried`` / ``² Update of ...`` / ``out by its operatives``); the
footnotes it jumps over are kept as ``holes`` so its sentences can blank them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from watchfloor.models import BlockKind
from watchfloor.segment.citations import describe_parenthetical, find_closing_citations
from watchfloor.segment.headings import is_known_heading
from watchfloor.segment.vocab import Vocabulary, fold

MAX_HEADING_CHARS = 160
MAX_HEADING_WORDS = 25
MAX_TITLE_CHARS = 250
MAX_CAPTION_CHARS = 400
MIN_REPEAT_CHARS = 20
PREAMBLE_JUNK_WORDS = 3
MAX_JOIN_GAP = 6
"""Blank lines a mid-sentence paragraph may jump over (page breaks)."""

_SP = r"[ \t\u00a0]"
_BULLET = re.compile(
    rf"{_SP}{{0,12}}(?:(?:[•▶►◆●○■▪◦‣⁃➢➤✓✔→]|[-*–](?={_SP})){_SP}{{0,4}}){{1,3}}"
    rf"|{_SP}{{0,12}}\(?\d{{1,2}}[.)]{_SP}{{1,4}}(?=\S)"
)
_FOOTNOTE = re.compile(
    rf"{_SP}{{0,12}}(?:\[(?P<bracket>\d{{1,3}})\]|(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]{{1,3}})){_SP}{{0,4}}(?=\S)"
)
_MD_HEADING = re.compile(rf"{_SP}{{0,3}}(?P<hashes>#{{1,6}}){_SP}{{1,4}}(?=\S)")
_TRAILING_MARKERS = re.compile(r"(?:\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})$")
_COLUMN_GAP = re.compile(r"\)\.?[ \t\u00a0]{3,}\S")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_TERMINAL = ".!?:;…)"
_CLOSERS = "\"'”’»]*_ \t\u00a0"


def normalise_marker(marker: str) -> str:
    """``"¹"`` -> ``"1"``; ``"[12]"`` -> ``"12"``."""
    return marker.strip("[]").translate(_SUPERSCRIPTS)


@dataclass(slots=True)
class RawBlock:
    """A block while it is being built; ``start``/``end`` bound its content (no marker)."""

    kind: BlockKind
    start: int
    end: int
    gap_before: int = 0
    lines: int = 1
    holes: list[tuple[int, int]] = field(default_factory=list)
    md_level: int = 0
    marker: str = ""  # footnote marker, normalised
    repeated: bool = False
    preamble: bool = False


def strip_heading(text: str) -> str:
    """Heading text without markdown marks, footnote markers and extra spaces."""
    cleaned = text.strip().lstrip("#").strip()
    cleaned = cleaned.replace("**", "").replace("__", "").strip()
    cleaned = _TRAILING_MARKERS.sub("", cleaned).strip()
    return " ".join(cleaned.split())


def _last_char(text: str) -> str:
    stripped = _TRAILING_MARKERS.sub("", text.rstrip()).rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def is_terminated(text: str) -> bool:
    """True when ``text`` ends at a sentence end (or a colon, semicolon or bracket)."""
    return _last_char(text) in tuple(_TERMINAL) or _last_char(text) == ""


def looks_like_heading(text: str) -> bool:
    """A short line, capitalised, with no final punctuation."""
    cleaned = strip_heading(text)
    if not cleaned or len(cleaned) > MAX_HEADING_CHARS or len(cleaned.split()) > MAX_HEADING_WORDS:
        return False
    if sum(char.isalpha() for char in cleaned) < 2:
        return False
    last = cleaned.rstrip("\"'”’»").rstrip()[-1:]
    if last in ".,;:!?…" or last == "":
        return False
    first = cleaned.lstrip("\"'“‘«([")[:1]
    return first.isupper() or first.isdigit() or fold(cleaned[:3]) == "al-"


def _trailing_parenthetical(text: str) -> str | None:
    stripped = _TRAILING_MARKERS.sub("", text.rstrip()).rstrip()
    if not stripped.endswith(")"):
        return None
    opening = stripped.rfind("(", max(0, len(stripped) - 420))
    if opening < 0:
        return None
    inner = stripped[opening + 1 : -1]
    return None if "(" in inner or ")" in inner else inner


def legend_line(text: str, vocab: Vocabulary) -> bool:
    """``Red: Area controlled by ...`` or ``... red indicates X; green indicates Y``."""
    folded = fold(text.strip()).replace("**", "")
    colours = vocab.captions["legend-colour"]
    head = folded.split(":", 1)[0].strip() if ":" in folded[:40] else ""
    head = re.sub(r"\s{0,3}\([^()]{0,30}\)$", "", head)
    if head in colours:
        return True
    verbs = [verb for verb in vocab.captions["legend-verb"] if f" {verb} " in folded]
    if not verbs:
        return False
    pairs = 0
    for colour in colours:
        for verb in verbs:
            if f"{colour} {verb} " in folded:
                pairs += 1
    return pairs >= 2


def caption_line(text: str, vocab: Vocabulary) -> bool:
    """A photo caption or map title: cue word, trailing source with no final period, or columns."""
    stripped = text.strip()
    if len(stripped) > MAX_CAPTION_CHARS * 3:
        return False
    folded = fold(stripped).replace("**", "")
    for cue in vocab.captions["caption-prefix"]:
        if folded.startswith(cue) and (cue.endswith(":") or folded[len(cue) : len(cue) + 1] in " "):
            return True
    column = _COLUMN_GAP.search(stripped)
    if column is not None and find_closing_citations(stripped[: column.start() + 1]):
        return True
    inner = _trailing_parenthetical(stripped)
    if inner is None:
        return False
    return describe_parenthetical(inner, vocab=vocab) in ("citation", "date")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    found: list[_Line] = []
    position = 0
    for raw in text.split("\n"):
        end = position + len(raw)
        body = raw.rstrip("\r")
        found.append(_Line(start=position, end=position + len(body), text=body))
        position = end + 1
    return found


def _content_bounds(line: _Line, offset: int) -> tuple[int, int]:
    start = line.start + offset
    end = line.end
    text_of = line.text
    while start < end and text_of[start - line.start].isspace():
        start += 1
    while end > start and text_of[end - 1 - line.start].isspace():
        end -= 1
    return start, end


class BlockBuilder:
    """Turn the lines of one document into ``RawBlock`` values, in order."""

    def __init__(self, text: str, vocab: Vocabulary) -> None:
        self.text = text
        self.vocab = vocab
        self.blocks: list[RawBlock] = []
        self.open: RawBlock | None = None
        self.footnotes_since_open: list[tuple[int, int]] = []
        self.gap = 0
        self.seen_content = False

    def build(self) -> list[RawBlock]:
        lines = _lines(self.text)
        for number, line in enumerate(lines):
            if not line.text.strip():
                self.gap += 1
                continue
            self._take(line, lines, number)
            self.gap = 0
        self._mark_repeats()
        self._mark_standalone_captions()
        return self.blocks

    # -- per line -------------------------------------------------------------------

    def _take(self, line: _Line, lines: list[_Line], number: int) -> None:
        footnote = _FOOTNOTE.match(line.text)
        if footnote is not None and (self.seen_content or footnote.group("bracket")):
            start, end = _content_bounds(line, footnote.end())
            marker = normalise_marker(footnote.group("bracket") or footnote.group("sup"))
            block = RawBlock(BlockKind.FOOTNOTE, start, end, gap_before=self.gap, marker=marker)
            self.blocks.append(block)
            self.footnotes_since_open.append((line.start, line.end))
            return
        md = _MD_HEADING.match(line.text)
        if md is not None:
            self._close()
            start, end = _content_bounds(line, md.end())
            level = len(md.group("hashes"))
            self.blocks.append(RawBlock(BlockKind.HEADING, start, end, self.gap, md_level=level))
            return
        bullet = _BULLET.match(line.text)
        if bullet is not None:
            self._close()
            start, end = _content_bounds(line, bullet.end())
            self._open(RawBlock(BlockKind.BULLET, start, end, gap_before=self.gap))
            return
        if self.open is not None and self._continues(line):
            self.open.end = _content_bounds(line, 0)[1]
            self.open.lines += 1
            self.open.holes.extend(self.footnotes_since_open)
            self.footnotes_since_open = []
            return
        self._close()
        self._new_text_block(line, lines, number)

    def _continues(self, line: _Line) -> bool:
        current = self.open
        if current is None or self.gap > MAX_JOIN_GAP:
            return False
        stripped = line.text.strip()
        first = stripped[:1]
        unterminated = not is_terminated(self.text[current.start : current.end])
        if self.gap == 0 and not self.footnotes_since_open:
            return unterminated or first.islower()
        if not unterminated:
            return False
        if first.islower() or first == "(":
            return True
        return not (
            looks_like_heading(stripped)
            or caption_line(stripped, self.vocab)
            or legend_line(stripped, self.vocab)
        )

    def _new_text_block(self, line: _Line, lines: list[_Line], number: int) -> None:
        start, end = _content_bounds(line, 0)
        stripped = self.text[start:end]
        following = lines[number + 1].text if number + 1 < len(lines) else ""
        wrapped = bool(following.strip()) and following.strip()[:1].islower()
        if not self.seen_content and not wrapped and self._is_title(stripped):
            self.blocks.append(RawBlock(BlockKind.HEADING, start, end, self.gap, preamble=True))
            return
        self.seen_content = True
        if legend_line(stripped, self.vocab):
            self.blocks.append(RawBlock(BlockKind.LEGEND, start, end, self.gap))
        elif caption_line(stripped, self.vocab):
            self.blocks.append(RawBlock(BlockKind.CAPTION, start, end, self.gap))
        elif looks_like_heading(stripped) and not wrapped:
            self.blocks.append(RawBlock(BlockKind.HEADING, start, end, self.gap))
        else:
            self._open(RawBlock(BlockKind.PARAGRAPH, start, end, gap_before=self.gap))

    def _is_title(self, stripped: str) -> bool:
        """Lines before the first content that read like a title, byline or date line."""
        if is_known_heading(strip_heading(stripped), self.vocab):
            return False
        if not self.blocks:
            return len(stripped) <= MAX_TITLE_CHARS and not stripped.endswith((".", "!", "?", ":"))
        if len(stripped.split()) <= PREAMBLE_JUNK_WORDS and not is_terminated(stripped):
            return True  # "linkedin", "Share", a byline left over from the page
        return looks_like_heading(stripped) and not caption_line(stripped, self.vocab)

    def _open(self, block: RawBlock) -> None:
        self.seen_content = True
        self.blocks.append(block)
        self.open = block
        self.footnotes_since_open = []

    def _close(self) -> None:
        self.open = None
        self.footnotes_since_open = []

    # -- whole-document passes --------------------------------------------------------

    def _mark_repeats(self) -> None:
        """A line repeated verbatim is a caption (or legend); the later copy is ``repeated``."""
        seen: dict[str, RawBlock] = {}
        for block in self.blocks:
            if block.kind in (BlockKind.HEADING, BlockKind.BULLET, BlockKind.FOOTNOTE):
                continue
            if block.lines > 1 or block.end - block.start > MAX_CAPTION_CHARS * 3:
                continue
            key = " ".join(self.text[block.start : block.end].split())
            if len(key) < MIN_REPEAT_CHARS:
                continue
            first = seen.get(key)
            if first is not None:
                block.repeated = True
                for copy in (first, block):
                    if copy.kind == BlockKind.PARAGRAPH:
                        copy.kind = BlockKind.CAPTION
                continue
            seen[key] = block
            for column in re.split(r"[ \t\u00a0]{3,}", self.text[block.start : block.end]):
                column_key = " ".join(column.split())
                if len(column_key) >= MIN_REPEAT_CHARS:
                    seen.setdefault(column_key, block)

    def _mark_standalone_captions(self) -> None:
        """A one-line paragraph set apart by 2+ blank lines and closed by a source is a caption."""
        for block in self.blocks:
            if block.kind != BlockKind.PARAGRAPH or block.lines > 1 or block.gap_before < 2:
                continue
            body = self.text[block.start : block.end]
            if len(body) > MAX_CAPTION_CHARS or not find_closing_citations(body):
                continue
            before_source = body[: body.rfind("(")]
            if re.search(r"[.!?][\"”’]?\s+[A-Z]", before_source):
                continue  # more than one sentence: a paragraph, not a caption
            block.kind = BlockKind.CAPTION
