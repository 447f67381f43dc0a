"""Calibrate the cross-language detail checks (compare.findings.translation_details) on WMT21 faithful pairs.

A WMT21 source segment and its professional human translation say the same thing: a check that fires there is
noise unless the translator really changed the detail.  For each check: how often it fires on the shared en-de
and de-en pairs (every human reference against its source), a sample of firings to read (``--sample`` per check,
written to ``--out``), and how often it finds a difference planted in the reference (a number changed, the
negation words dropped, a word of possibility added).

    .venv/bin/python bench/translation_details.py --sample 30 --out /tmp/truth22-firings.md
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_sets import WMT  # noqa: E402

from compare.align.features import NUMBER_RE  # noqa: E402
from compare.align.labels import NEGATION  # noqa: E402
from compare.findings.translation_details import KINDS, NAME_TYPES, differences, entity_swaps  # noqa: E402
from compare.model import Sentence, Source  # noqa: E402

ADDED = {"de": "möglicherweise", "en": "perhaps", "fr": "peut-être"}


def pairs(lps: tuple[str, ...] = ("en-de", "de-en")) -> list[tuple[str, str, str, str, str]]:
    """(id, source language, source, reference language, reference) for every human reference of the shared part."""
    out = []
    for lp in lps:
        path = WMT / f"newstest2021.{lp}.shared.jsonl"
        src_lang, tgt_lang = lp.split("-")
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for ref_id, ref in sorted(record["human"].items()):
                if ref:
                    out.append((f"{lp}:{record['line']}:{ref_id}", src_lang, record["src"], tgt_lang, ref))
    return out


def plant(kind: str, text: str, language: str) -> str | None:
    """The reference with one planted difference of ``kind``, or None where it cannot be planted."""
    if kind == "number":
        m = NUMBER_RE.search(text)
        if not m:
            return None
        digit = int(m.group()[-1])  # the last digit: a year stays a year (2020 -> 2021), a figure a figure
        return text[:m.end() - 1] + str((digit + 1) % 10) + text[m.end():]
    if kind == "negation":
        tokens = re.split(r"(\W+)", text)
        kept = [t for t in tokens if t.lower() not in NEGATION or t == "Mai"]  # the month stays
        if len(kept) == len(tokens) or "n't" in text or "n’t" in text:
            return None
        return "".join(kept)
    if kind == "modal":
        first, _, rest = text.partition(" ")
        return f"{first} {ADDED[language]} {rest}" if rest and language in ADDED else None
    return None


def _source(sid: str, text: str, language: str) -> Source:
    return Source(id=sid, path=sid, text=text, language=language,
                  sentences=(Sentence(sid, 0, 0, len(text), text, 0, language),))


def name_swaps(src: str, sl: str, ref: str, tl: str) -> list:
    """The names check on one pair: both annotated as a set of two sources (canonical entities across them)."""
    from compare.annotate import annotate

    annotations = annotate([_source("a", src, sl), _source("b", ref, tl)])
    by_id = {e.id: e for e in annotations.entities}

    def named(sid: str) -> dict[str, str]:
        return {by_id[m.entity].name: by_id[m.entity].type for m in annotations.mentions.get(sid, ())
                if m.entity and by_id[m.entity].type in NAME_TYPES}

    return entity_swaps(named("a"), named("b"), src, ref)


def name_tag(src: str, sl: str, ref: str, tl: str) -> bool:
    """The row's existing "name" tag on one pair (``compare.align.name_tags.names_differ``): a name on one side
    that the other does not have, whatever stands in its place."""
    from compare.align.name_tags import names_differ, sentence_names
    from compare.annotate import annotate

    names = sentence_names(annotate([_source("a", src, sl), _source("b", ref, tl)]))
    return names_differ(names.get(("a", 0), {}), names.get(("b", 0), {}), src, ref)


def planted_name(src: str, sl: str, ref: str, tl: str) -> str | None:
    """The reference with the first person it names on both sides replaced by another person."""
    from compare.annotate import annotate

    annotations = annotate([_source("a", src, sl), _source("b", ref, tl)])
    in_a = {m.entity for m in annotations.mentions.get("a", ()) if m.entity}
    types = {e.id: e.type for e in annotations.entities}
    both = [m for m in annotations.mentions.get("b", ()) if m.entity in in_a and types.get(m.entity) == "person"]
    return ref[:both[0].start] + "Peter Schaumburg" + ref[both[0].end:] if both else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("/tmp/translation-details-firings.md"))
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    if not WMT.is_dir():
        print(f"{WMT} is absent: nothing to measure", file=sys.stderr)
        return
    found = pairs()
    fired: dict[str, list[tuple[str, str, str, object]]] = {k: [] for k in (*KINDS, "name")}
    for pid, sl, src, tl, ref in found:
        for d in differences(src, sl, ref, tl) + name_swaps(src, sl, ref, tl):
            fired[d.what].append((pid, src, ref, d))
    tagged = [(pid, src, ref) for pid, sl, src, tl, ref in found if name_tag(src, sl, ref, tl)]
    print(f"{len(found)} faithful pairs (WMT21 shared en-de and de-en, every human reference against its source)")
    print(f"the existing 'name' tag (names_differ) fires on {len(tagged)} pairs ({len(tagged) / len(found):.1%})")
    rng = random.Random(args.seed)
    lines = []
    for kind in (*KINDS, "name"):
        print(f"{kind}: fires on {len(fired[kind])} pairs ({len(fired[kind]) / len(found):.1%})")
        sample = rng.sample(fired[kind], min(args.sample, len(fired[kind])))
        lines.append(f"## {kind} ({len(fired[kind])} firings, {len(sample)} sampled)\n")
        for n, (pid, src, ref, d) in enumerate(sample, 1):
            lines.append(f"{n}. {pid} {d}\n   SRC: {src}\n   REF: {ref}\n")
    sample = rng.sample(tagged, min(args.sample, len(tagged)))
    lines.append(f"## existing name tag ({len(tagged)} firings, {len(sample)} sampled)\n")
    for n, (pid, src, ref) in enumerate(sample, 1):
        lines.append(f"{n}. {pid}\n   SRC: {src}\n   REF: {ref}\n")
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"samples: {args.out}")
    for kind in ("number", "negation", "modal"):
        planted = caught = 0
        for _pid, sl, src, tl, ref in found:
            if any(d.what == kind or (kind == "number" and d.what == "date") for d in differences(src, sl, ref, tl)):
                continue  # fires already: a planted change there says nothing
            changed = plant(kind, ref, tl)
            if changed is None or changed == ref:
                continue
            planted += 1
            caught += any(d.what in ((kind, "date") if kind == "number" else (kind,))
                          for d in differences(src, sl, changed, tl))
        print(f"planted {kind}: found {caught} of {planted} ({caught / max(planted, 1):.1%})")
    planted = caught = 0
    for _pid, sl, src, tl, ref in found:
        if name_swaps(src, sl, ref, tl):
            continue
        changed = planted_name(src, sl, ref, tl)
        if changed is None:
            continue
        planted += 1
        caught += bool(name_swaps(src, sl, changed, tl))
    print(f"planted name (a person named on both sides replaced in the reference): found {caught} of {planted} "
          f"({caught / max(planted, 1):.1%})")


if __name__ == "__main__":
    main()

