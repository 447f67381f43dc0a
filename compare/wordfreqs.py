"""Word frequencies from wordfreq, without crashing on languages that need an extra tokenizer.

wordfreq tokenizes Chinese with jieba (a dependency of compare) and Japanese
or Korean with MeCab (not installed): rather than failing a whole run on a
Japanese report, a frequency we cannot look up is ``None`` and callers treat
the word as unknown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path

from compare import mapped_table


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


@lru_cache(maxsize=1)
def _quiet_jieba() -> None:
    """jieba prints "Prefix dict has been built successfully." into the user's terminal; it has nothing to say."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str | None) -> float | None:
    """Zipf frequency of ``word`` (0 = unseen, 7 = 'the'), or None where wordfreq cannot tell."""
    from wordfreq import zipf_frequency

    lang = (language or "en").split("-")[0].lower()
    if lang not in _languages():
        return None
    if lang == "zh":
        _quiet_jieba()
    try:
        return zipf_frequency(word, lang)
    except ImportError:  # the language's tokenizer (MeCab for ja/ko) is not installed
        return None


class FrequencyTable(Mapping[str, float]):
    """wordfreq's ``get_frequency_dict`` of one language, read from a memory-mapped :class:`MappedTable`.

    Each word maps to its frequency bucket's number; the frequency is
    ``cB_to_freq(-bucket)``, computed as wordfreq computes it, so every value
    is the same float.  What ``wordfreq._word_frequency`` asks of the dict
    (``in``, ``[]``) is all it needs.
    """

    __slots__ = ("_table", "_frequency")

    def __init__(self, table: mapped_table.MappedTable) -> None:
        from wordfreq import cB_to_freq

        self._table, self._frequency = table, cB_to_freq

    def __getitem__(self, word: str) -> float:
        bucket = self._table.get(word)
        if bucket is None:
            raise KeyError(word)
        return self._frequency(-int(bucket))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._table.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def _table_path(language: str, wordlist: str, source: Path) -> Path:
    """Beside the lemma cache; named by the shipped wordlist file (name, size and time) it was built from and by
    marisa-trie's version."""
    from compare.lemmas import cache_folder

    shipped = source.stat()
    return cache_folder().parent / "wordfreq" / (f"{language}-{wordlist}-{source.stem}-{shipped.st_size}"
                                                 f"-{shipped.st_mtime_ns}-marisa{mapped_table.library_version()}.trie")


def _frequency_table(lang: str, wordlist: str) -> FrequencyTable | None:
    """The table of the wordlist wordfreq would read for ``lang`` (built from it once), or None where wordfreq
    has none (its own error then comes from its own loader) or the cache folder cannot be written."""
    import langcodes
    import wordfreq

    available = wordfreq.available_languages(wordlist)
    best, _distance = langcodes.closest_match(lang, list(available), max_distance=60)
    if best == "und":
        return None
    path = _table_path(best, wordlist, Path(available[best]))
    if not mapped_table.verified(path):
        buckets = wordfreq.get_frequency_list(lang, wordlist)
        entries = {word.encode(): str(index).encode() for index, bucket in enumerate(buckets) for word in bucket}
        written = mapped_table.write(path, entries)
        wordfreq.get_frequency_list.cache_clear()  # the lists' strings were what the table replaces
        if not written:
            return None
    elif best != lang:
        wordfreq.logger.warning(f"You asked for word frequencies in language {lang!r}. Using the "
                                f"nearest match, which is {best!r}.")  # as get_frequency_list says it
    return FrequencyTable(mapped_table.MappedTable(path))


TOP_WORDS_VERSION = "1"
"""Of the saved top-of-list files (:func:`top_n_list`): a new layout or rule gets a new number, hence new files."""


def top_n_list(lang: str, n: int) -> list[str]:
    """``wordfreq.top_n_list(lang, n)``, read from a small file kept after the first time.

    Why: wordfreq reads and unpacks a language's whole frequency list (a few hundred thousand words) to give its
    first ``n`` words: 0.04 CPU-second for English, 0.1-0.17 for German or Russian, at every run that aligns
    the language (``compare.align.features.stopwords``).  The words are wordfreq's, in its order; the file is
    named by the wordlist file they came from (name, size, time) and checked (BLAKE2) before it is read.  A
    language wordfreq has no list for raises ``LookupError`` as wordfreq does.
    """
    import wordfreq

    best, path = _top_path(lang, n)
    if path is not None:
        words = _read_words(path)
        if words is not None:
            if best != lang:  # as wordfreq says when it serves a nearby language's list
                wordfreq.logger.warning(f"You asked for word frequencies in language {lang!r}. Using the nearest "
                                        f"match, which is {best!r}.")
            return words
    words = wordfreq.top_n_list(lang, n)
    if path is not None:
        _write_words(path, words)
    return words


def _top_path(lang: str, n: int) -> tuple[str, Path | None]:
    """The language whose best list wordfreq reads for ``lang``, and where its first ``n`` words are kept (None
    where wordfreq has no list for it)."""
    import langcodes
    import wordfreq

    from compare.lemmas import cache_folder

    available = wordfreq.available_languages("best")
    best, _distance = langcodes.closest_match(lang, list(available), max_distance=60)
    if best == "und":
        return best, None
    source = Path(available[best])
    try:
        shipped = source.stat()
    except OSError:
        return best, None
    return best, cache_folder().parent / "wordfreq" / (f"top{n}-t{TOP_WORDS_VERSION}-{best}-{source.stem}"
                                                       f"-{shipped.st_size}-{shipped.st_mtime_ns}.json")


def _read_words(path: Path) -> list[str] | None:
    import hashlib
    import json

    try:
        blob = path.read_bytes()
    except OSError:
        return None
    digest, payload = blob[:32], blob[32:]
    if len(blob) <= 32 or hashlib.blake2b(payload, digest_size=32).digest() != digest:
        return None
    try:
        words = json.loads(payload)
    except ValueError:
        return None
    return words if isinstance(words, list) and all(isinstance(w, str) for w in words) else None


def _write_words(path: Path, words: list[str]) -> None:
    import hashlib
    import json
    import os

    payload = json.dumps(words, ensure_ascii=False).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(hashlib.blake2b(payload, digest_size=32).digest() + payload)
        os.replace(partial, path)  # atomic: a concurrent run reads the old file or the whole new one
    except OSError:
        pass  # a read-only cache folder: wordfreq's list is read again next time


def compact_frequencies() -> None:
    """Make wordfreq read its frequency dicts from :class:`FrequencyTable` files for the rest of this process.

    Why: wordfreq keeps each language's list and dict of Python strings for
    the process's life (about 250 MB for en, de, fr, ru and zh, measured in a
    run); the tables hold the same words and buckets in mapped files, shared
    with forked workers.  ``wordfreq.get_frequency_dict`` is the one function
    its ``zipf_frequency`` reads frequencies through, so replacing it there
    serves every caller (annotate, align, the artifacts) without touching them;
    where no table can be had, wordfreq's own dict is used, as before.
    Called once a run starts; a second call changes nothing.
    """
    import wordfreq

    if getattr(wordfreq.get_frequency_dict, "compare_compact", False):
        return
    original = wordfreq.get_frequency_dict

    @cache
    def get_frequency_dict(lang: str, wordlist: str = "best", match_cutoff: None = None) -> Mapping[str, float]:
        if match_cutoff is None:
            table = _frequency_table(lang, wordlist)
            if table is not None:
                return table
        return original(lang, wordlist, match_cutoff)

    get_frequency_dict.compare_compact = True  # type: ignore[attr-defined]
    wordfreq.get_frequency_dict = get_frequency_dict


def release_lists() -> None:
    """Drop wordfreq's cached frequency lists (``top_n_list`` reads them; the compact tables replace the rest)."""
    import wordfreq

    if getattr(wordfreq.get_frequency_dict, "compare_compact", False):
        wordfreq.get_frequency_list.cache_clear()
