"""Could event grouping read a report's passage from its sentences' e5 rows instead of one e5 pass over the passage?

    python bench/events_passage_mean.py                       # the candidate representation
    python bench/events_passage_mean.py --baseline            # the shipped one, on the same grid

Why: the events stage embeds each report's first ~1,300 characters as one
e5 text (about 150 tokens), although alignment then embeds every sentence of
that passage anyway.  On the 200-document WMT21 set those passages are 34 %
of the engine's CPU and about a fifth of the run's
(``bench/embed_consumers.py``).  The candidate: the passage row is the unit
mean of the rows of the sentences inside the passage (the ones alignment
embeds), centred on the document model's ``lead`` centre (the mean of such
sentence means over news; Chinese reports on their own passage centre, the
only one stored), and used where the passage row is used (neighbour hashing
and the ``passage`` feature, same weight).

This swaps ``compare.event_links.document_vectors`` in this process only and
runs ``bench/events_cross.py`` (5-fold CV on the shared SemEval and WMT21
parts) on a small grid around the shipped settings: the threshold grid, the
shipped cross-language shift and guard.  The sentence rows come from the
bench cache (``bench/semantic_cache.py``; the first run embeds them).  Compare
the two printouts; the shipped figures (the full grid) are in docs/methods.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))


def sentence_mean_vectors(sources, encode=None):
    """Title rows as shipped; passage rows the unit mean of the passage's sentence rows, centred (see above)."""
    from compare import event_links
    from compare.semantic.documents import _unit, centre_rows, language_centres, lead_sentences, passage

    if encode is None:
        from compare.semantic.embeddings import encode
    centres = event_links.semantic_model()["centres"]
    titles = [lead_sentences(s)[0] for s in sources]
    members: list[list[str]] = []
    for source in sources:
        end = len(passage(source))
        inside = [x.text for x in source.sentences if x.end <= end and x.text.strip()]
        members.append(inside or lead_sentences(source)[:1])
    flat = [t for texts in members for t in texts]
    rows = np.asarray(encode(titles + flat), dtype=np.float64) if sources else np.zeros((0, 384))
    n = len(sources)
    languages = [s.language for s in sources]
    title = centre_rows(rows[:n], languages, "title", np.asarray(centres["title"], dtype=np.float64))
    means, start = [], n
    for texts in members:
        means.append(_unit(rows[start:start + len(texts)].mean(axis=0)))
        start += len(texts)
    own = language_centres()
    lead_centre = np.asarray(centres["lead"], dtype=np.float64)
    body = np.stack([m - (own[lang]["passage"] if lang in own else lead_centre)
                     for m, lang in zip(means, languages, strict=True)]) if means else np.zeros((0, 384))
    norms = np.linalg.norm(body, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return event_links.DocumentVectors(title, body / norms)


def main() -> int:
    import events_cross

    from compare import event_links
    from compare.settings import EventSettings

    baseline = "--baseline" in sys.argv[1:]
    if not baseline:
        event_links.document_vectors = sentence_mean_vectors
    shipped = EventSettings()
    argv = ["--shifts", str(shipped.document_cross_language), "--conflicts", str(shipped.document_conflicts),
            "--penalties", str(shipped.document_conflict_penalty)]
    print(f"passage rows: {'one e5 pass over the passage (shipped)' if baseline else 'mean of its sentence rows'}; "
          f"events_cross {' '.join(argv)}", flush=True)
    return events_cross.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
