"""Bytes to text: encoding detection that is right on the encodings news sets come in.

A BOM settles the question.  Otherwise strict UTF-8 is tried first (it almost
never decodes non-UTF-8 text by accident), then charset-normalizer picks among
the rest (Windows-1251, Latin-1, UTF-16 without BOM, ...).  Files that look
binary (NUL bytes outside UTF-16, many control characters) are refused rather
than turned into noise.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from compare.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte NUL in Latin-script text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return bad / len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``InputError`` for binary or undecodable data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {name} byte-order mark but does not decode as {name} "
                    f"(byte {exc.start})",
                    "re-save the file as UTF-8",
                ) from None
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if text and _control_ratio(text) < 0.01:
            return text, utf16
    if b"\x00" in data[:65536]:
        raise InputError(
            "looks like a binary file (it contains NUL bytes)",
            "give compare text, HTML, Markdown or JSON Lines files only",
        )
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(data[:1_000_000]).best()
        if best is None or best.encoding is None:
            raise InputError(
                "cannot tell which text encoding this file uses",
                "re-save it as UTF-8",
            ) from None
        encoding = best.encoding
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise InputError(
                f"looks like {encoding} but does not decode as such",
                "re-save it as UTF-8",
            ) from None
    if _control_ratio(text) > 0.05:
        raise InputError(
            "looks like a binary file (too many control characters)",
            "give compare text, HTML, Markdown or JSON Lines files only",
        )
    return text, encoding
