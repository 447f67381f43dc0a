"""Large read-only word tables (simplemma's lemmas, wordfreq's frequencies) as memory-mapped marisa tries, not dicts.

Why: a run over German, French, Russian and English documents held
simplemma's four decoded dictionaries as ``dict[bytes, bytes]`` (4.9 million
entries): 314 MB of private memory in the run process (Russian alone 153 MB),
about a sixth of a 1,000-document run's peak, and a forked stage worker
copied the pages whose reference counts its lookups touched.  The same
entries saved once as a ``marisa_trie.BytesTrie`` (the marisa-trie library's
succinct trie, keys and values sharing prefixes) take a small part of that
on disk; mapped read-only, only the pages a run's lookups touch become
resident, they are the page cache's (file-backed, clean), and a forked worker
shares them instead of copying.  The trie holds exactly the dictionary's
entries, so every lemma is the same string.

:mod:`compare.wordfreqs` keeps wordfreq's frequency lists the same way
(word -> frequency bucket) for the same reason.

Integrity: the file is written to a temporary name in the same folder and
moved into place with ``os.replace``, so a half-written file is never under
the real name; the name carries marisa-trie's version and the stamp of the
source it was built from.  marisa rejects a truncated file when it maps it,
but a changed byte inside it maps without complaint and answers wrong values
(measured: one flipped byte, thousands of wrong lookups), so a BLAKE2
checksum of the trie follows it in the file (marisa ignores bytes after its
trie) and is checked before the file is mapped; a missing, stale or damaged
file is built again.  A key with a NUL character is never stored or asked
(see :func:`write`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import marisa_trie
from simplemma.strategies.dictionaries.dictionary_factory import DecodedStrMapping

MAGIC = b"CMPTRIE1"
_DIGEST = 32
_TRAILER = len(MAGIC) + _DIGEST
"""After the trie: the magic and the BLAKE2b-256 of the trie's bytes."""


@lru_cache(maxsize=1)
def library_version() -> str:
    """marisa-trie's installed version, for the files' names: another version may save another format."""
    from importlib.metadata import version

    return version("marisa-trie")


def encode(entries: Iterable[tuple[bytes, bytes]]) -> bytes:
    """The file's bytes for ``entries`` (UTF-8 keys and values): the trie, then the trailer."""
    trie = marisa_trie.BytesTrie((key.decode(), value) for key, value in entries).tobytes()
    return trie + MAGIC + hashlib.blake2b(trie, digest_size=_DIGEST).digest()


class MappedTable(DecodedStrMapping):
    """Read-only ``str -> str`` view over a trie file, mapped into memory (a simplemma dictionary's interface)."""

    __slots__ = ("_trie",)

    def __init__(self, path: Path) -> None:
        self._trie = marisa_trie.BytesTrie()
        self._trie.mmap(str(path))

    def _lookup(self, key: str) -> str | None:
        if "\x00" in key:  # no stored key holds one (write refuses them), and marisa would answer a prefix's value
            return None
        values = self._trie.get(key)
        return values[0].decode() if values else None

    def __iter__(self) -> Iterator[str]:
        return self._trie.iterkeys()

    def __len__(self) -> int:
        return len(self._trie)


def verified(path: Path) -> bool:
    """Whether ``path`` is a complete trie file whose trie matches its checksum (read, not mapped)."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size <= _TRAILER:
                return False
            digest = hashlib.blake2b(digest_size=_DIGEST)
            remaining = size - _TRAILER
            while remaining:
                chunk = handle.read(min(remaining, 1 << 20))
                if not chunk:
                    return False
                digest.update(chunk)
                remaining -= len(chunk)
            return handle.read(_TRAILER) == MAGIC + digest.digest()
    except OSError:
        return False


def write(path: Path, dictionary: dict[bytes, bytes]) -> bool:
    """Write ``dictionary``'s trie to ``path`` atomically; False where the folder cannot be written or a key holds a
    NUL character, which marisa-trie's lookups cannot ask for (pytries/marisa-trie issue 47: a query with a NUL
    answers with a shorter key's value), so the caller keeps the dict.  simplemma's and wordfreq's keys hold none."""
    if any(b"\x00" in key for key in dictionary):
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(encode(dictionary.items()))
        os.replace(partial, path)  # atomic: a concurrent run maps the old file or the whole new one
    except OSError:
        return False
    return True
