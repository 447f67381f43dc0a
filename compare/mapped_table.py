"""Large read-only word tables (simplemma's lemmas, wordfreq's frequencies) as memory-mapped hash tables, not dicts.

Why: a run over German, French, Russian and English documents held
simplemma's four decoded dictionaries as ``dict[bytes, bytes]`` (4.9 million
entries): 314 MB of private memory in the run process (Russian alone 153 MB),
about a sixth of a 1,000-document run's peak, and a forked stage worker
copied the pages whose reference counts its lookups touched.  The same
entries written once into a file (keys and distinct values packed
end to end, offsets as ``uint32``, an open-addressing table of entry numbers
keyed by CRC-32) take a quarter of that on disk; mapped read-only, only the
pages a run's lookups touch become resident, they are the page cache's
(file-backed, clean), and a forked worker shares them instead of copying.

A lookup is a CRC-32 and, on average, one or two slot probes and one key
comparison: about a microsecond, and simplemma's own cache in front of it
(``Lemmatizer``'s lru_cache) asks each distinct token once.  The table holds
exactly the dictionary's entries, so every lemma is the same string.

:mod:`compare.wordfreqs` keeps wordfreq's frequency lists the same way
(word -> frequency bucket) for the same reason.

The file is built from the decoded dictionary the first time (a few
seconds for Russian), kept beside the marshal cache of :mod:`compare.lemmas`
under the same versioned name, and checked by a BLAKE2 checksum of its
content before it is mapped; a missing, stale or damaged file is built again.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

from simplemma.strategies.dictionaries.dictionary_factory import DecodedStrMapping

MAGIC = b"CMPTABL1"
_HEADER = struct.Struct("<8s32sIII")
"""magic, BLAKE2b-256 of everything after the header, entries, distinct values, table slots (a power of two)."""
_EMPTY = 0xFFFFFFFF


def _slots_for(entries: int) -> int:
    """A power of two at least twice the entries: a load of 0.5 or less keeps probe chains short."""
    slots = 1
    while slots < 2 * max(entries, 1):
        slots *= 2
    return slots


def encode(dictionary: dict[bytes, bytes]) -> bytes:
    """The table file's bytes for ``dictionary`` (keys in the dict's order; the same dict gives the same bytes)."""
    keys = list(dictionary)
    value_number: dict[bytes, int] = {}
    values_of = [value_number.setdefault(dictionary[key], len(value_number)) for key in keys]
    distinct = list(value_number)
    slots = _slots_for(len(keys))
    mask = slots - 1
    table = [_EMPTY] * slots
    for number, key in enumerate(keys):
        slot = zlib.crc32(key) & mask
        while table[slot] != _EMPTY:
            slot = (slot + 1) & mask
        table[slot] = number
    key_offsets = _offsets(keys)
    value_offsets = _offsets(distinct)
    body = b"".join((
        struct.pack(f"<{len(key_offsets)}I", *key_offsets),
        struct.pack(f"<{len(values_of)}I", *values_of),
        struct.pack(f"<{len(value_offsets)}I", *value_offsets),
        struct.pack(f"<{slots}I", *table),
        b"".join(keys),
        b"".join(distinct),
    ))
    digest = hashlib.blake2b(body, digest_size=32).digest()
    return _HEADER.pack(MAGIC, digest, len(keys), len(distinct), slots) + body


def _offsets(items: list[bytes]) -> list[int]:
    offsets, at = [0], 0
    for item in items:
        at += len(item)
        offsets.append(at)
    if at >= _EMPTY:
        raise ValueError("a mapped table's keys or values exceed 4 GB")
    return offsets


class MappedTable(DecodedStrMapping):
    """Read-only ``str -> str`` view over a table file, mapped into memory (a simplemma dictionary's interface)."""

    __slots__ = ("_map", "_key_offsets", "_values_of", "_value_offsets", "_table", "_keys_at", "_values_at",
                 "_mask", "_entries")

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        magic, _, entries, distinct, slots = _HEADER.unpack_from(self._map)
        if magic != MAGIC:
            raise ValueError(f"{path} is not a mapped table")
        view = memoryview(self._map)
        at = _HEADER.size
        self._key_offsets = view[at:at + 4 * (entries + 1)].cast("I")
        at += 4 * (entries + 1)
        self._values_of = view[at:at + 4 * entries].cast("I")
        at += 4 * entries
        self._value_offsets = view[at:at + 4 * (distinct + 1)].cast("I")
        at += 4 * (distinct + 1)
        self._table = view[at:at + 4 * slots].cast("I")
        at += 4 * slots
        self._keys_at = at
        self._values_at = at + self._key_offsets[entries]
        self._mask, self._entries = slots - 1, entries

    def _number(self, key: bytes) -> int | None:
        table, offsets, data, base = self._table, self._key_offsets, self._map, self._keys_at
        slot = zlib.crc32(key) & self._mask
        while (number := table[slot]) != _EMPTY:
            if data[base + offsets[number]:base + offsets[number + 1]] == key:
                return number
            slot = (slot + 1) & self._mask
        return None

    def _lookup(self, key: str) -> str | None:
        number = self._number(key.encode())
        if number is None:
            return None
        value, offsets = self._values_of[number], self._value_offsets
        return self._map[self._values_at + offsets[value]:self._values_at + offsets[value + 1]].decode()

    def __iter__(self) -> Iterator[str]:
        offsets, base = self._key_offsets, self._keys_at
        for number in range(self._entries):
            yield self._map[base + offsets[number]:base + offsets[number + 1]].decode()

    def __len__(self) -> int:
        return self._entries


def verified(path: Path) -> bool:
    """Whether ``path`` is a complete table file whose content matches its checksum (read, not mapped)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER.size)
            if len(header) != _HEADER.size:
                return False
            magic, digest, *_ = _HEADER.unpack(header)
            return magic == MAGIC and hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=32)).digest() \
                == digest
    except OSError:
        return False


def write(path: Path, dictionary: dict[bytes, bytes]) -> bool:
    """Write ``dictionary``'s table to ``path`` atomically; False where the folder cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(encode(dictionary))
        os.replace(partial, path)  # atomic: a concurrent run maps the old file or the whole new one
    except OSError:
        return False
    return True
