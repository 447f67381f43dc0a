"""Signals of the lead the events stage does not read yet, pair by pair, on SemEval's rated pairs (issue 26).

    python bench/events_lead_signals.py          # per signal: held-out same / apart, 5-fold CV
    python bench/events_lead_signals.py --wmt    # and on WMT21's candidate pairs (one article or two)
    python bench/events_lead_signals.py --head 100 --lead 300   # other extents of the lead
    python bench/events_lead_signals.py --title-gap 0.25  # the current score with the title standing in (off by default)
    python bench/events_lead_signals.py --stand-ins    # the candidate pairs the title standing in (0.25) lifts over the threshold

Why: the 24 SemEval pairs the grouping gets wrong (``bench/events_cross.py
--errors``) split into pages whose body is not the article (a forum post or a
Bible passage under the right headline), two angles of one story, and one
outlet's template or running story about another occurrence.  In most of them
the headline says what happened (the same "16 dead in a Mexican prison" over a
forum post; "Einbrecher unterwegs" against "In Baucontainer eingebrochen" over
one police station's template), so this measures whether the lead, read
apart from the body, separates them better than the document similarity does:

* ``headline``: cosine of folded character 3-5-gram TF-IDF rows of each
  report's first ``HEAD_CHARS`` characters (the headline and the start of
  the first sentence; SemEval texts begin with the title), IDF over the set;
* ``numbers``: specific figures (not years, not 0-10) read in each report's
  first ``LEAD_CHARS`` characters, shared / the fewer of the two;
* ``names``: entities named in the first ``LEAD_CHARS`` characters, shared /
  the fewer of the two;
* ``aligned``: each lead sentence's closest centred e5 cosine in the other
  report, averaged both ways; ``best sentence``: the closest pair of lead
  sentences (one statement both reports make);
* ``headline e5``: the centred e5 cosine of the first ``HEAD_CHARS``
  characters (the headline, whatever the sentence splitter made of it).

The sentence rows come from the bench caches that hold them already
(bench/semantic_cache.py); the headlines are encoded once into ``events-lead7``.

Each variant is a logistic regression over the current pair score and the
signals, fitted per fold on the other four folds (5 folds of connected
components, the folds of bench/events_cross.py), its threshold the one with
the most right pairs there; pooled held-out figures.  The current score alone
is measured the same way.  An upper bound for the grouping: every wrong pair
there is decided by its own score.  With ``--wmt``, WMT21's candidate pairs
are scored by models fitted on SemEval alone and the pairs of one article
kept / of two articles apart at each model's threshold are printed (a signal
must not cost the translations their original).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from events_cross import FOLDS, _encode, folds_of, semeval, wmt  # noqa: E402
from events_pair_model import _fit_threshold, _shares  # noqa: E402

from compare.events import fold, prepare  # noqa: E402
from compare.settings import EventSettings  # noqa: E402
from compare.vectors import char_tfidf  # noqa: E402

SAME, DIFFERENT = 1.5, 3.5
HEAD_CHARS = 160
LEAD_CHARS = 600
SIGNALS = ("headline", "numbers", "names", "aligned", "best sentence", "headline e5")
CACHES = ("semeval", "events", "events-sets", "absence")
"""Bench caches (bench/semantic_cache.py) that hold the lead sentences' rows already."""


def _specific_number(value: str | None) -> bool:
    try:
        x = float(value or "")
    except ValueError:
        return False
    return not (0 <= x <= 10 or (1900 <= x <= 2100 and x == int(x)))


def lead_sets(sources, annotations, lead: int = LEAD_CHARS) -> tuple[list[set[str]], list[set[str]]]:
    """Each report's specific figures and named entities in its first ``lead`` characters."""
    numbers, names = [], []
    for s in sources:
        mentions = [m for m in annotations.mentions.get(s.id, ()) if m.start < lead]
        numbers.append({m.value for m in mentions if m.type in ("number", "quantity") and _specific_number(m.value)})
        names.append({m.entity for m in mentions if m.entity})
    return numbers, names


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _cached_rows(texts: list[str]) -> np.ndarray:
    """e5 rows of ``texts`` from the bench caches that hold them (encoding the few missing into ``events-lead7``)."""
    import hashlib

    from semantic_cache import CACHE, _key, cached_encode

    from compare.semantic import embeddings

    signature = hashlib.blake2b(embeddings.signature().encode(), digest_size=6).hexdigest()
    rows: dict[str, np.ndarray] = {}
    wanted = {_key(t) for t in texts}
    for name in CACHES:
        path = CACHE / f"{name}-{signature}.npz"
        if path.exists():
            with np.load(path) as stored:
                for k, row in zip(stored["keys"].tolist(), stored["rows"], strict=True):
                    if k in wanted:
                        rows[k] = row
    missing = [t for t in dict.fromkeys(texts) if _key(t) not in rows]
    if missing:
        rows.update(zip((_key(t) for t in missing), cached_encode(missing, "events-lead7")[0], strict=True))
    return np.stack([rows[_key(t)] for t in texts]).astype(np.float64)


def sentence_rows(sources) -> list[np.ndarray]:
    """Each report's lead sentences (``compare.semantic.documents.lead_sentences``), e5 rows centred on the
    title centre of the document model (a sentence, as the title is) and on the Chinese centre for Chinese."""
    from compare.event_links import semantic_model
    from compare.semantic.documents import centre_rows, lead_sentences

    leads = [lead_sentences(s) for s in sources]
    flat = _cached_rows([t for texts in leads for t in texts])
    languages = [s.language for s, texts in zip(sources, leads, strict=True) for _ in texts]
    flat = centre_rows(flat, languages, "title", np.asarray(semantic_model()["centres"]["title"], dtype=np.float64))
    out, at = [], 0
    for texts in leads:
        out.append(flat[at:at + len(texts)])
        at += len(texts)
    return out


def _headline(text: str, head: int) -> str:
    """The first ``head`` characters, cut at the last space inside them (whole when shorter)."""
    return text if len(text) <= head else text[:head].rsplit(" ", 1)[0]


def signals(sources, annotations, prepared, pairs, head: int = HEAD_CHARS, lead: int = LEAD_CHARS) -> np.ndarray:
    """Rows (``SIGNALS``) for pairs of report positions (positions of ``prepared.profs``).

    ``aligned``: each lead sentence's closest centred cosine in the other report, averaged both ways;
    ``best sentence``: the closest pair of lead sentences (one statement both tell); ``headline e5``: the
    centred e5 cosine of the first ``head`` characters (the headline, whatever the sentence splitter made of it)."""
    by_id = {s.id: s for s in sources}
    ordered = [by_id[p.source_id] for p in prepared.profs]
    heads = char_tfidf([fold(s.text[:head]) for s in ordered], 3, 5)
    numbers, names = lead_sets(ordered, annotations, lead)
    sentences = sentence_rows(ordered)
    from compare.event_links import semantic_model
    from compare.semantic.documents import centre_rows

    head_rows = centre_rows(_cached_rows([_headline(s.text, head) for s in ordered]), [s.language for s in ordered],
                            "title", np.asarray(semantic_model()["centres"]["title"], dtype=np.float64))
    rows = []
    for i, j in pairs:
        cosine = sentences[i] @ sentences[j].T
        rows.append([float(heads[i].multiply(heads[j]).sum()), _overlap(numbers[i], numbers[j]),
                     _overlap(names[i], names[j]),
                     0.5 * (float(cosine.max(axis=1).mean()) + float(cosine.max(axis=0).mean())),
                     float(cosine.max()), float(head_rows[i] @ head_rows[j])])
    return np.asarray(rows)


CV_TITLE_GAP = 0.25
"""The ``document_title_gap`` the folds chose (bench/events_cross.py ``--title-gaps``); the setting is off by default."""


def stand_ins(gap: float = CV_TITLE_GAP) -> None:
    """Print the candidate pairs the title standing in (``EventSettings.document_title_gap``) lifts over the
    threshold, on SemEval's shared set and WMT21's (there: of one article or two)."""
    settings = EventSettings(document_title_gap=gap)
    for name, load in (("SemEval", semeval), ("WMT21", wmt)):
        sources, annotations, truth = load()
        prepared = prepare(sources, annotations, settings, _encode("events"))
        scores, ids = prepared.scores, [p.source_id for p in prepared.profs]
        lifted = [(pair, scores.similarity[pair] + scores.shift(*pair), scores.known[pair]) for pair in prepared.pairs
                  if scores.title_stands_in(pair)
                  and scores.similarity[pair] + scores.shift(*pair) < scores.threshold <= scores.known[pair]]
        print(f"{name}: {len(lifted)} candidate pairs lifted over the threshold by the title")
        for (i, j), before, after in lifted:
            kind = "" if name == "SemEval" else ("  one article" if truth[ids[i]] == truth[ids[j]] else "  two articles")
            print(f"  {ids[i]} / {ids[j]}  {before:.3f} -> {after:.3f}{kind}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wmt", action="store_true", help="also score WMT21's candidate pairs")
    parser.add_argument("--head", type=int, default=HEAD_CHARS, help="characters of the headline signal")
    parser.add_argument("--lead", type=int, default=LEAD_CHARS, help="characters of the numbers and names signals")
    parser.add_argument("--title-gap", type=float, default=None,
                        help="document_title_gap of the current score (0: the title never stands in; default: its setting)")
    parser.add_argument("--stand-ins", action="store_true",
                        help="only list the candidate pairs the title standing in lifts over the threshold")
    args = parser.parse_args(argv)
    if args.stand_ins:
        stand_ins(CV_TITLE_GAP if args.title_gap is None else args.title_gap)
        return 0
    from sklearn.linear_model import LogisticRegression

    settings = EventSettings(**({} if args.title_gap is None else {"document_title_gap": args.title_gap}))
    sources, annotations, rated = semeval()
    prepared = prepare(sources, annotations, settings, _encode("events"))
    index = {p.source_id: n for n, p in enumerate(prepared.profs)}
    chosen, seen = [], set()
    for a, b, gold, _, component in rated:
        if (a, b) not in seen and (gold <= SAME or gold >= DIFFERENT):
            seen.add((a, b))
            i, j = sorted((index[a], index[b]))
            chosen.append((i, j, int(gold <= SAME), component))
    keys = [(i, j) for i, j, _, _ in chosen]
    current = np.asarray(prepared.scores.of(keys))
    x = np.column_stack([current, signals(sources, annotations, prepared, keys, args.head, args.lead)])
    y = np.asarray([g for _, _, g, _ in chosen])
    fold_of = folds_of(c for *_, c in chosen)
    folds = np.asarray([fold_of[c] for *_, c in chosen])
    same, different = int(y.sum()), int((1 - y).sum())
    print(f"SemEval shared: {same} pairs rated same, {different} rated different")
    for n, name in enumerate(SIGNALS, start=1):
        print(f"  {name:9} mean on pairs rated same {x[y == 1, n].mean():.3f}, different {x[y == 0, n].mean():.3f}")
    variants = {"current score": [0], **{f"current + {s}": [0, n] for n, s in enumerate(SIGNALS, start=1)},
                "current + headline, numbers, names": [0, 1, 2, 3], "current + aligned, best sentence": [0, 4, 5],
                "current + all five": [0, 1, 2, 3, 4, 5], "current + headline e5": [0, 6]}
    held = {name: [0.0, 0.0] for name in variants}
    pooled = {name: np.zeros(len(y)) for name in variants}
    per_fold = {name: [] for name in variants}
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        for name, columns in variants.items():
            model = LogisticRegression(max_iter=2000).fit(x[train][:, columns], y[train])
            t = _fit_threshold(model.predict_proba(x[train][:, columns])[:, 1], y[train])
            p = model.predict_proba(x[test][:, columns])[:, 1]
            pooled[name][test] = p
            s, a = _shares(p, y[test], t)
            ns, na = s * (y[test] == 1).sum(), a * (y[test] == 0).sum()
            held[name][0] += ns
            held[name][1] += na
            per_fold[name].append(f"{round(ns)}/{int((y[test] == 1).sum())} {round(na)}/{int((y[test] == 0).sum())}")
    def at_98(values: np.ndarray) -> float:
        grid = np.unique(values)
        return max((sv for sv, av in (_shares(values, y, t) for t in grid) if av >= 0.98), default=0.0)

    print(f"{'pair decision (5-fold CV)':<36} {'same':>12} {'apart':>12} {'same at 0.98 apart':>19}   "
          "per fold (same apart)")
    for name, (s, a) in held.items():
        print(f"{name:<36} {round(s):>4}/{same:<3} {s / same:.3f} {round(a):>4}/{different:<3} {a / different:.3f} "
              f"{at_98(pooled[name]):>19.3f}   " + "; ".join(per_fold[name]))
    if args.wmt:
        w_sources, w_annotations, truth = wmt()
        w_prepared = prepare(w_sources, w_annotations, settings, _encode("events"))
        ids = [p.source_id for p in w_prepared.profs]
        wcur = np.asarray(w_prepared.scores.of(w_prepared.pairs))
        wx = np.column_stack([wcur, signals(w_sources, w_annotations, w_prepared, w_prepared.pairs, args.head, args.lead)])
        wy = np.asarray([int(truth[ids[i]] == truth[ids[j]]) for i, j in w_prepared.pairs])
        print(f"WMT21 candidate pairs {len(wy)} ({int(wy.sum())} of one article), models fitted on all SemEval rows:")
        for name, columns in variants.items():
            model = LogisticRegression(max_iter=2000).fit(x[:, columns], y)
            t = _fit_threshold(model.predict_proba(x[:, columns])[:, 1], y)
            s, a = _shares(model.predict_proba(wx[:, columns])[:, 1], wy, t)
            print(f"  {name:<36} one article kept {s:.3f}, two articles apart {a:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
