"""Bytes to text: UTF-8, BOM-marked UTF-16/32, then Windows-1252 only when clearly text."""

from __future__ import annotations

import codecs
import re

from watchfloor.errors import IngestError

SNIFF_BYTES = 65_536
HEURISTIC_BYTES = 1_048_576
MAX_CONTROL_SHARE = 0.01  # of characters in the sniffed part
MAX_FALLBACK_NON_ASCII_SHARE = 0.3  # of letters, for the cp1252 fallback

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_ENCODING_ADVICE = "name the encoding with --encoding (for example --encoding cp1251)"


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` announces, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(head: bytes) -> bool:
    """True when ``head`` (no BOM) holds NUL bytes or more than a trace of control bytes."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL_BYTE.findall(head)) > MAX_CONTROL_SHARE * len(head)


def _utf16_without_bom(head: bytes) -> str | None:
    """Guess UTF-16 text without a BOM from NUL bytes in every other position."""
    sample = head[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.7 and even_nuls < 0.1:
        return "utf-16-le"
    if even_nuls > 0.7 and odd_nuls < 0.1:
        return "utf-16-be"
    return None


def decode_text(data: bytes, *, encoding: str | None = None) -> str:
    """Decode ``data`` to text or raise ``IngestError``.

    With ``encoding`` given, only that. Otherwise: a BOM's encoding; strict UTF-8; then
    Windows-1252 when it decodes cleanly, has no control characters and looks like text in a
    Latin script (not UTF-8 with a few bad bytes, not another 8-bit code page).
    Reasons: ``binary``, ``not-utf8``, ``unknown-encoding``.
    """
    if encoding:
        return _decode_named(data, encoding)
    announced = bom_encoding(data)
    if announced:
        try:
            return data.decode(announced)
        except UnicodeDecodeError as err:
            raise IngestError(
                "not-utf8",
                f"starts with a {announced} byte-order mark but {err.reason} "
                f"at byte {err.start}; {_ENCODING_ADVICE}",
            ) from err
    head = data[:SNIFF_BYTES]
    if looks_binary(head):
        utf16 = _utf16_without_bom(head)
        if utf16:
            raise IngestError(
                "not-utf8", f"looks like UTF-16 without a byte-order mark; use --encoding {utf16}"
            )
        raise IngestError("binary", "this is a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    text = _decode_fallback(data)
    if text is None:
        raise IngestError(
            "not-utf8",
            f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})"
            f" and not clearly Windows-1252/Latin-1; {_ENCODING_ADVICE}",
        ) from utf8_error
    return text


def _decode_named(data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError as err:
        raise IngestError("unknown-encoding", f"no such encoding: {encoding!r}") from err
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise IngestError(
            "not-utf8"
            if encoding.lower().replace("_", "-") in ("utf-8", "utf8")
            else "bad-encoding",
            f"not valid {encoding}: {err.reason} at byte {err.start}",
        ) from err


def _decode_fallback(data: bytes) -> str | None:
    """Windows-1252 when that is clearly right, else None."""
    sample = data[:HEURISTIC_BYTES]
    high = len(_HIGH_BYTE.findall(sample))
    utf8_high = sum(len(seq) for seq in _UTF8_SEQUENCE.findall(sample))
    if high and utf8_high >= high / 2:
        return None  # UTF-8 with some broken bytes, not a legacy code page
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [char for char in text[:SNIFF_BYTES] if char.isalpha()]
    if not letters:
        return None
    non_ascii = sum(1 for char in letters if ord(char) > 0x7F)
    if non_ascii > MAX_FALLBACK_NON_ASCII_SHARE * len(letters):
        return None  # Cyrillic, Greek, Arabic... read as accented Latin: mojibake
    return text
