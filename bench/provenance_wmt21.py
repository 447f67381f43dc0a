"""Provenance on WMT21 news: are translations traced to their own original, and never to each other?

Sets are built from ../shared/data/wmt21-news-human-vs-mt (see its README):
several source-original documents per set, each with its human reference
translations and some MT systems' outputs.  Every text is written to a
temporary folder as a .txt file (one segment per paragraph) with a
manifest.csv of ``id,path`` only: no ``kind`` and no language, as a user
without a manifest would have.  Then the toolkit's own steps run:
``compare.ingest`` -> ``compare.annotate`` -> ``compare.align.align_event`` over
the whole set (one "event": the documents are mixed on purpose, so a
translation must be traced to *its* original) -> ``detect_source_set`` ->
``compare.provenance.trace_provenance``.

Figures (the targets of issue 16):

- ``traced``: share of translations (human and MT) with a translation edge from
  their own original (target >= 0.9);
- ``sibling_derived``: share of pairs of translations of one original with a
  derivation edge between them (target <= 0.1);
- also: translations traced to a wrong original, MT/human agreement of the
  relation on traced edges, and seconds per set.

Documents with ids (de-fr, fr-de, ru-en) are used whole; the line-aligned pairs
without document ids (en-de, de-en, zh-en) are cut into pseudo-documents of
``--lines`` consecutive segments.  The lexical backend is the default; pass
``--backend embeddings`` when a model is installed.  When
``compare/semantic/embeddings.py`` is present and ``available()``,
provenance itself uses it for cross-language coverage (``--no-embeddings`` to
measure the lexical path alone).

Run: .venv/bin/python bench/provenance_wmt21.py [--pairs ru-en de-fr fr-de] [--docs-per-set 3] [--mt 3]
     [--no-embeddings] [--lexical-align]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wmt21-news-human-vs-mt"
DOC_PAIRS = ("de-fr", "fr-de", "ru-en")
LINE_PAIRS = ("en-de", "de-en", "zh-en")
MT_PREFERENCE = ("Online-A", "Online-B", "Online-W", "Online-G", "Online-Y", "Facebook-AI", "HuaweiTSC", "NiuTrans")


def documents(lp: str, lines: int) -> list[tuple[str, list[dict]]]:
    rows = [json.loads(line) for line in (DATA / f"newstest2021.{lp}.shared.jsonl").read_text("utf-8").splitlines()]
    if lp in DOC_PAIRS:
        docs: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            docs[row["doc_id"]].append(row)
        return [(k, sorted(v, key=lambda r: r["seg_id"])) for k, v in sorted(docs.items())]
    rows.sort(key=lambda r: r["line"])
    return [(f"{lp}-l{start}", rows[start:start + lines]) for start in range(0, len(rows) - lines + 1, lines)]


def build_sets(lp: str, docs_per_set: int, n_mt: int, lines: int, max_sets: int, min_segments: int):
    """Sets of (text id, text, role, original id, system) with docs_per_set documents each."""
    usable = [(d, segs) for d, segs in documents(lp, lines) if len(segs) >= min_segments]
    sets = []
    for k in range(0, len(usable) - docs_per_set + 1, docs_per_set):
        if len(sets) >= max_sets:
            break
        texts = []
        for n, (_doc, segs) in enumerate(usable[k:k + docs_per_set]):
            original = f"d{n}-src"
            texts.append((original, [s["src"] for s in segs], "original", original, "source"))
            for ref in sorted(segs[0]["human"]):
                texts.append((f"d{n}-human-{ref}", [s["human"][ref] for s in segs], "human", original, ref))
            systems = [m for m in MT_PREFERENCE if m in segs[0]["mt"]][:n_mt]
            for system in systems:
                texts.append((f"d{n}-mt-{system}", [s["mt"][system] for s in segs], "mt", original, system))
        texts = [(i, [t for t in body if t], role, orig, system) for i, body, role, orig, system in texts]
        sets.append((f"{lp}-set{len(sets)}", texts))
    return sets


def _align_options(lexical: bool) -> dict:
    """``semantic=`` switched off for ``--lexical-align``, where this version of the aligner has that pass."""
    import inspect

    from compare.align import align_event

    if not lexical or "semantic" not in inspect.signature(align_event).parameters:
        return {}
    from compare.settings import SemanticSettings

    return {"semantic": SemanticSettings(enabled=False)}


def run_set(set_id: str, texts, backend: str, use_embeddings: bool = True, lexical_align: bool = False) -> dict:
    from compare.align import align_event
    from compare.annotate import annotate
    from compare.artifacts import detect_source_set
    from compare.ingest import ingest
    from compare.provenance import ProvenanceSettings, trace_provenance

    with tempfile.TemporaryDirectory(prefix="prov-wmt21-") as tmp:
        folder = Path(tmp)
        with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "path"])
            for text_id, body, *_ in texts:
                (folder / f"{text_id}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
                writer.writerow([text_id, f"{text_id}.txt"])
        result = ingest(folder)
    sources = list(result.sources)
    started = time.perf_counter()
    annotations = annotate(sources)
    alignment = align_event(set_id, sources, annotations, backend=backend, metrics=("chrf",),
                            **_align_options(lexical_align))
    artifacts = detect_source_set(sources, annotations)
    traced_at = time.perf_counter()
    graph = trace_provenance(set_id, sources, annotations, alignment, artifacts,
                             ProvenanceSettings(use_embeddings=use_embeddings))
    seconds = time.perf_counter() - started
    provenance_seconds = time.perf_counter() - traced_at
    role = {t[0]: (t[2], t[3]) for t in texts}
    derivations = {(e.from_, e.to): e.relation for e in graph.edges
                   if e.relation in ("translation", "machine-translation", "rewrite", "copy")}
    parent_of = {to: frm for (frm, to) in derivations}
    translations = [t for t in role if role[t][0] != "original"]
    traced = [t for t in translations if parent_of.get(t) == role[t][1]
              and derivations[(role[t][1], t)] in ("translation", "machine-translation")]
    wrong = [t for t in translations if parent_of.get(t) and parent_of[t] != role[t][1]]
    outside = [t for t in translations if t in parent_of and parent_of[t] is None]
    sibling_pairs = [(a, b) for a, b in itertools.combinations(sorted(translations), 2) if role[a][1] == role[b][1]]
    sibling_derived = [(a, b) for a, b in sibling_pairs if (a, b) in derivations or (b, a) in derivations]
    relation_right = sum((derivations[(role[t][1], t)] == "machine-translation") == (role[t][0] == "mt") for t in traced)
    return {
        "set": set_id, "sources": len(sources), "translations": len(translations), "traced": len(traced),
        "wrong_original": len(wrong), "outside": len(outside), "sibling_pairs": len(sibling_pairs), "sibling_derived": len(sibling_derived),
        "relation_right": relation_right, "seconds": round(seconds, 1),
        "provenance_seconds": round(provenance_seconds, 1),
        "untraced": sorted(set(translations) - set(traced))[:6],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", nargs="+", default=list(DOC_PAIRS), help="language pairs (default: those with doc ids)")
    parser.add_argument("--docs-per-set", type=int, default=3)
    parser.add_argument("--mt", type=int, default=3, help="MT systems per document")
    parser.add_argument("--lines", type=int, default=12, help="segments per pseudo-document (pairs without doc ids)")
    parser.add_argument("--max-sets", type=int, default=4, help="sets per language pair")
    parser.add_argument("--min-segments", type=int, default=5, help="shortest document used")
    parser.add_argument("--backend", default="default", help="the aligner's similarity backend")
    parser.add_argument("--no-embeddings", action="store_true", help="provenance without multilingual embeddings")
    parser.add_argument("--lexical-align", action="store_true",
                        help="the aligner without its embedding pass (where it has one): links from wording only")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    totals: dict[str, dict[str, float]] = {}
    for lp in args.pairs:
        sum_ = defaultdict(float)
        for set_id, texts in build_sets(lp, args.docs_per_set, args.mt, args.lines, args.max_sets, args.min_segments):
            row = run_set(set_id, texts, args.backend, not args.no_embeddings, args.lexical_align)
            print(json.dumps(row), flush=True)
            for key in ("translations", "traced", "wrong_original", "outside", "sibling_pairs", "sibling_derived",
                        "relation_right", "seconds"):
                sum_[key] += row[key]
            sum_["sets"] += 1
        totals[lp] = dict(sum_)
    grand = defaultdict(float)
    print(f"\n{'pair':8} {'sets':>4} {'transl':>6} {'traced':>7} {'wrong':>6} {'outside':>7} {'sib.der':>8} "
          f"{'MT/HT ok':>8} {'s/set':>6}")
    for lp, t in totals.items():
        for k, v in t.items():
            grand[k] += v
        _line(lp, t)
    _line("all", grand)
    return 0


def _line(name: str, t: dict[str, float]) -> None:
    n, pairs, traced = max(t.get("translations", 0), 1), max(t.get("sibling_pairs", 0), 1), max(t.get("traced", 0), 1)
    print(f"{name:8} {int(t.get('sets', 0)):>4} {int(t.get('translations', 0)):>6} {t.get('traced', 0) / n:>7.3f} "
          f"{t.get('wrong_original', 0) / n:>6.3f} {t.get('outside', 0) / n:>7.3f} "
          f"{t.get('sibling_derived', 0) / pairs:>8.3f} "
          f"{t.get('relation_right', 0) / traced:>8.3f} {t.get('seconds', 0) / max(t.get('sets', 1), 1):>6.1f}")


if __name__ == "__main__":
    raise SystemExit(main())
