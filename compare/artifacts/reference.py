"""Reference-based scores per aligned sentence: chrF and TER from sacrebleu.

Where a source's original, or another translation of the same original, is
in the set, a machine translation tends to sit closer to a sibling machine
translation than a human one does.  The lead wires this to the aligner's
links; here it takes plain pairs of sentence texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sacrebleu.metrics import CHRF, TER


@dataclass(frozen=True)
class PairReferenceScore:
    """chrF (0-100) and TER (edits per reference word, x100) of one hypothesis against one reference."""

    hypothesis: str
    reference: str
    chrf: float
    ter: float


_CHRF = CHRF()
_TER = TER()


def reference_scores(pairs: Sequence[tuple[str, str]]) -> list[PairReferenceScore]:
    """Score each (hypothesis, reference) pair of aligned sentence texts with sentence chrF and TER."""
    out = []
    for hypothesis, reference in pairs:
        chrf = _CHRF.sentence_score(hypothesis, [reference]).score
        ter = _TER.sentence_score(hypothesis, [reference]).score
        out.append(PairReferenceScore(hypothesis, reference, round(chrf, 2), round(ter, 2)))
    return out


def reference_summary(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Corpus chrF and TER over all pairs plus their count, with sacrebleu's signatures kept apart."""
    if not pairs:
        return {}
    hyps = [h for h, _ in pairs]
    refs = [[r for _, r in pairs]]
    return {
        "reference.pairs": float(len(pairs)),
        "reference.chrf": round(CHRF().corpus_score(hyps, refs).score, 2),
        "reference.ter": round(TER().corpus_score(hyps, refs).score, 2),
    }


def signatures() -> dict[str, str]:
    """sacrebleu's own signature strings for the two metrics, unchanged."""
    return {"chrf": str(_CHRF.get_signature()), "ter": str(_TER.get_signature())}
