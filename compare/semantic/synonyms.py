"""English synonyms from WordNet 3.0: does a word in one sentence mean what a different word in the other says?

Lexical alignment misses paraphrases: the transcript's "The talks were
straightforward" and a report's "The negotiations were frank" share no
content word, so the report called the statement "only in" one source.  A
WordNet synset is a set of words with one sense, so two words that share a
synset can stand for each other: negotiations~talks, frank~straightforward,
sharp~acute.  With one hop along WordNet's derivation links, a verb meets the
noun of its act: answered~response.

The data is a compact lemma -> synset-number map built by
``scripts/build_wordnet_map.py`` from a real WordNet 3.0 distribution and
shipped as package data with WordNet's licence (``data/WORDNET-LICENSE``).  It
is loaded once, on first use, and costs nothing if never used.  Parsing its
JSON (147k lemmas) cost about 0.2 CPU-second in every run that aligns English
(and again in every forked worker, 50 MB each), for the few hundred words a
run looks up, so the first run keeps the same entries as a memory-mapped
marisa trie beside the lemma tables (:mod:`compare.mapped_table`: written
atomically, checksummed, named by the shipped file's size and time and
marisa-trie's version); later runs map it in milliseconds, and a forked
worker shares its pages.  Where no trie can be written, the JSON is read as
before.  The same synset numbers either way, in the same order.

Inflected forms are reduced as WordNet's own ``morphy`` does: the POS's
exception list first (``went -> go``), otherwise the detachment rules
(``negotiations -> negotiation``, ``answered -> answer``), keeping only bases
that exist in that POS.  Only English: other languages get an empty set.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from array import array
from collections.abc import Collection, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "FUNCTION_WORDS",
    "available",
    "derived",
    "matched_tokens",
    "related",
    "signature",
    "synonym_pairs",
    "synsets",
]

DATA_NAME = "wordnet_synsets.json.gz"

# WordNet's detachment rules (morph.c), per POS: suffix -> replacement.
_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}

# Function words WordNet lists as nouns or verbs with a content sense ("us" = United States,
# "in" = inch, "a" = angstrom, "will" = testament, "can" = container, "may" = the month,
# "is"/"was" = "be").  Matching them says nothing about whether two sentences make one claim,
# so the token helpers skip them by default.
FUNCTION_WORDS: frozenset[str] = frozenset("""
a an the this that these those there here some any all both each every either neither no none
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
who whom whose which what when where why how whether if then than so as such
and or nor but yet for of in on at by to from with without within into onto upon about above below
over under after before between among through during against across along around off out up down
near since until till via per
be am is are was were been being have has had having do does did doing done
will would shall should can could may might must ought
not also just only very too more most less least much many few own same other another
one ones s t d ll m re ve o y
""".split())

_lock = threading.Lock()
_data: WordNetMap | None = None
TRIE_VERSION = "1"
"""Of the trie's keys and values (:class:`WordNetMap`): a new layout gets a new number, hence a new file."""


class WordNetMap:
    """The map's lookups, over the parsed JSON or over the trie that holds the same entries.

    Trie keys: ``L`` + lemma -> its synset numbers, ``D`` + lemma -> its derivation links' synsets (int32, in the
    JSON's order), ``E`` + POS + word -> its exception list's bases (NUL-joined); ``M`` -> the JSON's ``meta``,
    ``pos_ranges`` and the shipped file's SHA-256.
    """

    def __init__(self, data: dict[str, Any] | None, trie: Any = None, digest: str = "") -> None:
        self._data, self._trie = data, trie
        if trie is not None:
            head = json.loads(trie["M"][0])
            self.meta, self.pos_ranges, self.digest = head["meta"], head["pos_ranges"], head["digest"]
        else:
            assert data is not None
            self.meta, self.pos_ranges, self.digest = data["meta"], data["pos_ranges"], digest

    def synsets(self, lemma: str) -> Sequence[int]:
        """Synset numbers of a base lemma (every POS), or ``()``."""
        if self._trie is None:
            return self._data["lemmas"].get(lemma, ())
        return self._numbers("L" + lemma)

    def derived(self, lemma: str) -> Sequence[int]:
        """Synsets one derivation link away from a base lemma, or ``()``."""
        if self._trie is None:
            return self._data["derived"].get(lemma, ())
        return self._numbers("D" + lemma)

    def exceptions(self, pos: str, word: str) -> list[str] | None:
        """The bases WordNet's exception list gives ``word`` in ``pos`` ("went" -> ["go"]), or None."""
        if self._trie is None:
            return self._data["exceptions"][pos].get(word)
        if "\x00" in word:  # no key holds one, and marisa answers a query with a NUL as if it ended there
            return None
        found = self._trie.get("E" + pos + word)
        if not found:
            return None
        bases = found[0].decode("utf-8")
        return bases.split("\x00") if bases else []

    def _numbers(self, key: str) -> Sequence[int]:
        if "\x00" in key:
            return ()
        found = self._trie.get(key)
        return array("i", found[0]) if found else ()


def _entries(data: dict[str, Any], digest: str) -> dict[bytes, bytes]:
    """The trie's entries for the parsed map (see :class:`WordNetMap`)."""
    entries = {b"M": json.dumps({"meta": data["meta"], "pos_ranges": data["pos_ranges"], "digest": digest},
                                sort_keys=True).encode("utf-8")}
    for prefix, table in (("L", data["lemmas"]), ("D", data["derived"])):
        entries.update(((prefix + lemma).encode("utf-8"), array("i", numbers).tobytes())
                       for lemma, numbers in table.items())
    for pos, table in data["exceptions"].items():
        entries.update((("E" + pos + word).encode("utf-8"), "\x00".join(bases).encode("utf-8"))
                       for word, bases in table.items())
    return entries


def _trie_path(shipped: Path) -> Path:
    """Beside the lemma cache; named by the shipped file's size and time, the layout's and marisa-trie's versions."""
    from compare import mapped_table
    from compare.lemmas import cache_folder

    stat = shipped.stat()
    return cache_folder().parent / "wordnet" / (f"wordnet-{stat.st_size}-{stat.st_mtime_ns}-w{TRIE_VERSION}"
                                                f"-marisa{mapped_table.library_version()}.trie")


def _from_trie(path: Path) -> WordNetMap | None:
    """The map from its trie at ``path``, or None where there is none or it is damaged (``mapped_table.verified``)."""
    from compare import mapped_table

    if not mapped_table.verified(path):
        return None
    import marisa_trie

    trie = marisa_trie.BytesTrie()
    try:
        trie.mmap(str(path))
        return WordNetMap(None, trie)
    except (OSError, RuntimeError, ValueError, KeyError, IndexError):
        return None


def _read() -> WordNetMap:
    """The map: from its trie, else parsed from the shipped JSON (and its trie written for the next run)."""
    from compare import mapped_table

    shipped = resources.files(__package__).joinpath("data", DATA_NAME)
    path = None
    if isinstance(shipped, Path):  # a plain installation (not a zip): the trie can be named by the file's stamp
        path = _trie_path(shipped)
        mapped = _from_trie(path)
        if mapped is not None:
            return mapped
    raw = shipped.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    data = json.loads(gzip.decompress(raw))
    if path is not None and mapped_table.write(path, _entries(data, digest)):
        mapped = _from_trie(path)
        if mapped is not None:
            return mapped
    return WordNetMap(data, digest=digest)


def _load() -> WordNetMap:
    """The map, read once per process (lazily, so importing this module costs nothing)."""
    global _data
    if _data is None:
        with _lock:
            if _data is None:
                _data = _read()
    return _data


def available() -> bool:
    """True when the WordNet map ships with this installation (it is package data, so normally always)."""
    try:
        return resources.files(__package__).joinpath("data", DATA_NAME).is_file()
    except (FileNotFoundError, ModuleNotFoundError):  # pragma: no cover - broken install
        return False


def signature() -> str:
    """``key:value|...`` record of the synonym source, sacrebleu style: what ran, so a report can say so."""
    if not available():
        return "syn:none"
    data = _load()
    return f"syn:wordnet|v:{data.meta['wordnet']}|fmt:{data.meta['format']}|map:{data.digest[:12]}|hop:derivation1"


def _normal(word: str) -> str:
    """Index form: lower case, typographic apostrophe straightened, spaces of a collocation as ``_``."""
    return "_".join(word.strip().lower().replace("\u2019", "'").split())


def _bases(word: str) -> list[tuple[str, str]]:
    """(POS, base lemma) pairs of ``word`` that WordNet knows, morphy style, in POS order n, v, a, r."""
    data = _load()
    ranges = data.pos_ranges
    out: list[tuple[str, str]] = []
    for pos in ("n", "v", "a", "r"):
        low, high = ranges[pos]
        listed = data.exceptions(pos, word)
        if listed is not None:
            candidates = [word, *listed]
        else:
            candidates = [word] + [word[: -len(suffix)] + ending for suffix, ending in _RULES[pos]
                                   if word.endswith(suffix) and len(word) > len(suffix)]
        seen: set[str] = set()
        for base in candidates:
            if base in seen:
                continue
            seen.add(base)
            if any(low <= n < high for n in data.synsets(base)):
                out.append((pos, base))
    return out


@lru_cache(maxsize=65536)
def synsets(word: str) -> frozenset[int]:
    """Synset numbers of ``word`` and of its base forms (each in the POS the base was found in).

    Satellite adjectives also carry their cluster head, so "frank" and
    "straightforward" meet.  Numbers are opaque: compare them, do not store them
    across map versions (``signature()`` names the map).
    """
    key = _normal(word)
    if not key:
        return frozenset()
    data = _load()
    ranges = data.pos_ranges
    found: set[int] = set()
    for pos, base in _bases(key):
        low, high = ranges[pos]
        found.update(n for n in data.synsets(base) if low <= n < high)
    return frozenset(found)


@lru_cache(maxsize=65536)
def derived(word: str) -> frozenset[int]:
    """Synsets one derivation link away from ``word`` or its bases ("answer" -> {answer, reply, response} noun).

    Kept apart from :func:`synsets` so a caller can allow one hop and no chain
    (two hops would link "teacher" to "instruction").
    """
    key = _normal(word)
    if not key:
        return frozenset()
    data = _load()
    found: set[int] = set()
    for _, base in _bases(key):
        found.update(data.derived(base))
    return frozenset(found)


def related(a: str, b: str, *, derivational: bool = True) -> bool:
    """True when ``a`` and ``b`` share a synset, or (``derivational``) one's derivation link reaches the other's."""
    sa, sb = synsets(a), synsets(b)
    if sa & sb:
        return True
    if not derivational:
        return False
    return bool(derived(a) & sb or sa & derived(b))


def synonym_pairs(
    tokens_a: Sequence[str],
    tokens_b: Sequence[str],
    *,
    derivational: bool = True,
    stopwords: Collection[str] = FUNCTION_WORDS,
) -> list[tuple[int, int]]:
    """Index pairs (i, j), in order, where ``tokens_a[i]`` and ``tokens_b[j]`` are different words that share a sense.

    Identical words (case-insensitive) are left to exact matching, and function
    words (``stopwords``) are skipped: WordNet gives them senses nobody means.
    """
    keys_a = [_normal(t) for t in tokens_a]
    keys_b = [_normal(t) for t in tokens_b]
    pairs: list[tuple[int, int]] = []
    for i, a in enumerate(keys_a):
        if not a or a in stopwords or not (synsets(a) or derivational and derived(a)):
            continue
        for j, b in enumerate(keys_b):
            if b and b != a and b not in stopwords and related(a, b, derivational=derivational):
                pairs.append((i, j))
    return pairs


def matched_tokens(
    tokens_a: Sequence[str],
    tokens_b: Sequence[str],
    *,
    derivational: bool = True,
    stopwords: Collection[str] = FUNCTION_WORDS,
) -> tuple[frozenset[int], frozenset[int]]:
    """Indices of ``tokens_a`` and of ``tokens_b`` that have a synonym (not the same word) on the other side."""
    pairs = synonym_pairs(tokens_a, tokens_b, derivational=derivational, stopwords=stopwords)
    return frozenset(i for i, _ in pairs), frozenset(j for _, j in pairs)
