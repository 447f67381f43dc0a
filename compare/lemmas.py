"""simplemma's lemmatizer with its dictionaries decoded once per installation, not once per run.

simplemma ships each language's dictionary lzma-compressed and front-coded;
decoding it record by record in Python is most of what a first lemma costs:
about 2 s of CPU for en, de, fr and ru together (measured here), paid by every
``compare run`` that meets those languages, a large share of a small run's
time.  The decoded dictionary is a plain ``dict[bytes, bytes]``, which
``marshal`` writes and reads back several times faster than simplemma decodes
it, so the first run keeps it in the user's cache folder and later runs read it.

The dictionaries are simplemma's own, byte for byte: the file's name carries
simplemma's version, the Python version (marshal's format) and the size and
time of the shipped file it was decoded from, and a BLAKE2 checksum of the
payload is checked before it is read.  Anything missing, stale or corrupt is
decoded afresh.  :func:`lemmatize` is ``simplemma.lemmatize`` (the same
strategy, greedy off) over these dictionaries.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path

import simplemma
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import dictionary_factory as factory

from compare import mapped_table

_DIGEST = 32
"""Bytes of the BLAKE2b checksum in front of a cached dictionary."""


def cache_folder() -> Path:
    """``COMPARE_LEMMA_CACHE`` if set, else the user's cache folder ``compare/lemmas``."""
    configured = os.environ.get("COMPARE_LEMMA_CACHE")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("compare")) / "lemmas"


def _cache_path(language: str) -> Path:
    shipped = (factory.DATA_FOLDER / f"{language}.plzma").stat()
    version = getattr(simplemma, "__version__", "unknown")
    name = (f"{language}-simplemma{version}-py{sys.version_info[0]}.{sys.version_info[1]}"
            f"-{shipped.st_size}-{shipped.st_mtime_ns}.marshal")
    return cache_folder() / name


def _read(path: Path) -> dict[bytes, bytes] | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    payload = blob[_DIGEST:]
    if len(blob) <= _DIGEST or hashlib.blake2b(payload, digest_size=_DIGEST).digest() != blob[:_DIGEST]:
        return None
    try:
        dictionary = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    return dictionary if isinstance(dictionary, dict) else None


def _write(path: Path, dictionary: dict[bytes, bytes]) -> None:
    payload = marshal.dumps(dictionary)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload)
        os.replace(partial, path)  # atomic: a concurrent run reads the old file or the whole new one
    except OSError:
        pass  # a read-only cache folder: decode again next time


def decoded_dictionary(language: str) -> dict[bytes, bytes]:
    """simplemma's decoded dictionary of ``language``: from the cache, else decoded and cached."""
    if language not in factory.SUPPORTED_LANGUAGES:
        raise ValueError(f"Unsupported language: {language}")  # as simplemma's own loader says
    path = _cache_path(language)
    dictionary = _read(path)
    if dictionary is None:
        dictionary = factory._load_dictionary_from_disk(language)
        _write(path, dictionary)
    return dictionary


def table_path(language: str) -> Path:
    """Where :mod:`compare.mapped_table`'s file of ``language`` is kept: the marshal cache's name with marisa-trie's
    version in place of the ``.marshal`` suffix (a new library version builds a new file)."""
    marshalled = _cache_path(language)
    return marshalled.with_name(f"{marshalled.stem}-marisa{mapped_table.library_version()}.trie")


def dictionary(language: str) -> factory.DecodedStrMapping:
    """simplemma's dictionary of ``language`` as a memory-mapped :class:`MappedTable` (built from
    :func:`decoded_dictionary` when missing or damaged); the decoded dict itself where the cache cannot be written."""
    if language not in factory.SUPPORTED_LANGUAGES:
        raise ValueError(f"Unsupported language: {language}")  # before any path is built from it
    path = table_path(language)
    if not mapped_table.verified(path):
        decoded = decoded_dictionary(language)
        if not mapped_table.write(path, decoded):
            return factory.MappingStrToByteString(decoded)
    return mapped_table.MappedTable(path)


class CachedDictionaryFactory(factory.CachingDictionaryFactory):
    """simplemma's default dictionary factory, reading each dictionary through :func:`dictionary`."""

    __slots__ = ()

    def _get_dictionary_uncached(self, lang: str) -> factory.DecodedStrMapping:
        return dictionary(lang)


@lru_cache(maxsize=1)
def _lemmatizer() -> Lemmatizer:
    # simplemma.lemmatize's own lemmatizer (DefaultStrategy, greedy and low_memory off), other dictionaries.
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(greedy=False,
                                                             dictionary_factory=CachedDictionaryFactory()))


def lemmatize(token: str, language: str) -> str:
    """``simplemma.lemmatize(token, lang=language)``, with the dictionaries read from the cache."""
    return _lemmatizer().lemmatize(token, language)
