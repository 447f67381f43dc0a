"""Bytes to text: encoding detection that is right on the encodings news sets come in.

A BOM settles the question.  Otherwise strict UTF-8 is tried first (it almost
never decodes non-UTF-8 text by accident), then charset-normalizer picks among
the rest (Windows-1251, Latin-1, UTF-16 without BOM, ...).  Files that look
binary (NUL bytes outside UTF-16, many control characters) are refused rather
than turned into noise, and so are files whose first bytes are the signature
of a known binary format (PDF, Word, images, archives: ``filetype`` knows
them), whatever their name says: a PDF named ``.txt`` decodes as Latin-1
"text" that is mostly stream garbage.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import filetype
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


def _readable_share(text: str) -> float:
    """Share of characters that are letters, digits, punctuation or spaces."""
    sample = text[:4096]
    if not sample:
        return 0.0
    good = sum(1 for ch in sample if unicodedata.category(ch)[0] in "LNPZS" or ch in "\n\r\t")
    return good / len(sample)


def _as_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: NUL bytes are its tell; keep the byte order that reads as text."""
    best: tuple[float, str, str] | None = None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) - len(data) % 2].decode(name)
        except UnicodeDecodeError:
            continue
        share = _readable_share(text)
        if share >= 0.95 and (best is None or share > best[0]):
            best = (share, text, name)
    return (best[1], best[2]) if best else None


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (a mixed-encoding paste): keep the UTF-8, replace the rest.

    Decoding the whole file as a single-byte code page instead would garble
    every correct multi-byte character to save a handful of broken ones.
    """
    valid = len(_UTF8_MULTIBYTE.findall(data))
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if valid and bad <= max(3, valid) and bad <= len(data) // 100 + 3:
        return text, f"utf-8 ({bad} undecodable byte sequence(s) replaced)"
    return None


# When several code pages decode a file equally cleanly, the one news text is
# far more often saved in wins (short Italian text reads as well in cp1258).
_COMMON = ("cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2", "gb18030", "big5", "shift_jis", "euc_jp")


def _best_single_byte(data: bytes) -> str | None:
    matches = [m for m in from_bytes(data[:1_000_000]) if m.encoding]
    if not matches:
        return None
    least_chaos = min(m.percent_chaos for m in matches)
    clean = [m for m in matches if m.percent_chaos <= least_chaos + 0.5]
    top = max(m.percent_coherence for m in clean)
    for name in _COMMON:
        for match in clean:
            if name in match.could_be_from_charset and match.percent_coherence >= top - 5:
                return name
    return max(clean, key=lambda m: m.percent_coherence).encoding


_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff]")  # Chinese and Japanese: no spaces between words


def _reads_as_prose(text: str) -> bool:
    """Prose has spaces between words, or is in a script written without them."""
    sample = text[:20000]
    spaces = sample.count(" ") + sample.count("\n")
    return spaces / max(1, len(sample)) >= 0.03 or len(_CJK.findall(sample)) / max(1, len(sample)) >= 0.3


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return bad / len(sample)


_UNDECODABLE_HINT = "re-save it as UTF-8"
_BINARY_HINT = "give compare text, HTML, Markdown or JSON Lines files only"


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Not UTF-8: mostly-UTF-8 with a few bad bytes, else the code page that reads as prose."""
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    encoding = _best_single_byte(data)
    if encoding is None:
        raise InputError("cannot tell which text encoding this file uses", _UNDECODABLE_HINT)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"looks like {encoding} but does not decode as such", _UNDECODABLE_HINT) from None
    if not _reads_as_prose(text):
        raise InputError(
            "cannot tell which text encoding this file uses (no code page gives readable text)", _UNDECODABLE_HINT
        )
    return text, encoding


def _bmp(data: bytes) -> bool:
    """"BM", four bytes of size, four zero bytes, a pixel offset, then a DIB header of a known size."""
    return (len(data) >= 18 and data[:2] == b"BM" and data[6:10] == b"\0\0\0\0"
            and int.from_bytes(data[14:18], "little") in (12, 16, 40, 52, 56, 64, 108, 124))


def _windows_program(data: bytes) -> bool:
    if data[:2] != b"MZ" or len(data) < 64:
        return False
    offset = int.from_bytes(data[60:64], "little")
    return data[offset:offset + 4] == b"PE\0\0"


# Whole signatures, never two or three letters: an article may well begin "BMW ...", "GIF artists ..." or "PK ...".
_SIGNATURES: tuple[tuple[str, str, re.Pattern[bytes] | object], ...] = (
    ("PDF", "application/pdf", re.compile(rb"%PDF-[12]\.\d")),
    ("PNG", "image/png", re.compile(rb"\x89PNG\r\n\x1a\n")),
    ("GIF", "image/gif", re.compile(rb"GIF8[79]a")),
    ("JPG", "image/jpeg", re.compile(rb"\xff\xd8\xff")),
    ("BMP", "image/bmp", _bmp),
    ("TIF", "image/tiff", re.compile(rb"II\*\x00|MM\x00\*")),
    ("WEBP", "image/webp", re.compile(rb"RIFF.{4}WEBP", re.DOTALL)),
    ("WAV", "audio/x-wav", re.compile(rb"RIFF.{4}WAVE", re.DOTALL)),
    ("AVI", "video/x-msvideo", re.compile(rb"RIFF.{4}AVI ", re.DOTALL)),
    ("MP3", "audio/mpeg", re.compile(rb"ID3[\x02-\x04]\x00")),
    ("OGG", "audio/ogg", re.compile(rb"OggS\x00")),
    ("FLAC", "audio/x-flac", re.compile(rb"fLaC[\x00\x80]\x00\x00\x22")),
    ("MP4", "video/mp4", re.compile(rb".{4}ftyp[ -~]{4}", re.DOTALL)),
    ("ZIP", "application/zip", re.compile(rb"PK(\x03\x04|\x05\x06|\x07\x08)")),
    ("DOC", "application/x-ole-storage", re.compile(rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
    ("GZ", "application/gzip", re.compile(rb"\x1f\x8b\x08")),
    ("BZ2", "application/x-bzip2", re.compile(rb"BZh[1-9]1AY&SY")),
    ("XZ", "application/x-xz", re.compile(rb"\xfd7zXZ\x00")),
    ("7Z", "application/x-7z-compressed", re.compile(rb"7z\xbc\xaf\x27\x1c")),
    ("RAR", "application/x-rar-compressed", re.compile(rb"Rar!\x1a\x07")),
    ("ELF", "application/x-executable", re.compile(rb"\x7fELF")),
    ("EXE", "application/x-msdownload", _windows_program),
    ("SQLITE", "application/x-sqlite3", re.compile(rb"SQLite format 3\x00")),
)


def _binary_format(data: bytes) -> tuple[str, str] | None:
    """The binary format whose whole signature ``data`` starts with, as (name, MIME type)."""
    for name, mime, test in _SIGNATURES:
        if test.match(data) if isinstance(test, re.Pattern) else test(data):  # type: ignore[operator]
            return name, mime
    return None


def _refusal(name: str, mime: str) -> InputError:
    return InputError(
        f"is a {name} file ({mime}), not text, whatever its name says",
        "extract its text first (for a PDF, e.g. `pdftotext FILE out.txt`) and give that file instead",
    )


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``InputError`` for binary or undecodable data.

    A binary format is refused on its whole signature; otherwise bytes that
    decode as text are text.  Only data that does not decode is named by
    ``filetype``'s shorter signatures, for a clearer message.
    """
    if not data.startswith(tuple(bom for bom, _ in _BOMS)):
        known = _binary_format(data)
        if known is not None:
            raise _refusal(*known)
    try:
        return _decode(data)
    except InputError:
        kind = filetype.guess(data[:8192])
        if kind is not None:
            raise _refusal(kind.extension.upper(), kind.mime) from None
        raise


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {name} byte-order mark but does not decode as {name} (byte {exc.start})",
                    _UNDECODABLE_HINT,
                ) from None
    if b"\x00" in data[:65536]:
        utf16 = _as_utf16(data)
        if utf16 is not None:
            return utf16
        raise InputError("looks like a binary file (it contains NUL bytes)", _BINARY_HINT)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data)
    if _control_ratio(text) > 0.05:
        raise InputError("looks like a binary file (too many control characters)", _BINARY_HINT)
    return text, encoding
