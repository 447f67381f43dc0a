"""Large read-only word sets (web2's 236,000 words) as memory-mapped marisa tries, built once per installation.

Why: the artifact detectors ask whether a word is in Webster's Second
(``english-words``' pickle: 236,000 strings unpickled into a set, 0.07
CPU-second at every run that meets English) or among babel's English names
of countries and languages (read from its CLDR data and split into words,
0.05 CPU-second), a few thousand times a run.  The first run keeps each set
as a marisa trie beside the lemma tables (:mod:`compare.mapped_table`:
written atomically, BLAKE2-checked before use, named by the source file's
size and time, the set's version and marisa-trie's); later runs map it in a
millisecond, and forked workers share its pages.  The trie holds exactly the
set's words, so every answer is the same; where no trie can be written (a
read-only cache, a word with a NUL character, which marisa cannot be asked
about), the set itself is used, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from compare import mapped_table


class WordSet(Collection[str]):
    """Membership in a mapped trie of words (what the detectors ask of a set of strings)."""

    __slots__ = ("_trie",)

    def __init__(self, trie: object) -> None:
        self._trie = trie

    def __contains__(self, word: object) -> bool:
        # no stored word holds a NUL, and marisa answers a query holding one as if it ended there
        return isinstance(word, str) and "\x00" not in word and word in self._trie  # type: ignore[operator]

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self._trie)  # type: ignore[arg-type]


def _path(name: str, sources: Iterable[Path]) -> Path:
    from compare.lemmas import cache_folder

    stamps = "-".join(f"{s.st_size}-{s.st_mtime_ns}" for s in (path.stat() for path in sources))
    return cache_folder().parent / "words" / f"{name}-{stamps}-marisa{mapped_table.library_version()}.trie"


def mapped(name: str, sources: Iterable[Path], build: Callable[[], Iterable[str]]) -> Collection[str]:
    """The set ``build`` makes from the files ``sources``, from its trie (written by the first call), or the set
    itself where no trie can be had.  ``name`` must change whenever ``build`` would make another set."""
    try:
        path = _path(name, sources)
    except OSError:  # a source file cannot be read: the build raises, or answers, as it always did
        return frozenset(build())
    if not mapped_table.verified(path):
        words = frozenset(build())
        if not mapped_table.write(path, {word.encode("utf-8"): b"" for word in words}):
            return words
    import marisa_trie

    trie = marisa_trie.BytesTrie()
    try:
        trie.mmap(str(path))
    except (OSError, RuntimeError, ValueError):
        return frozenset(build())
    return WordSet(trie)
