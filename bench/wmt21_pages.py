"""Pages of real translations: what the report says that the known structure of WMT21 documents contradicts
(issue 23's "W bench").

    python bench/wmt21_pages.py                          # folds 0-2 (where rules are tuned), every unit in them
    python bench/wmt21_pages.py --folds 3,4              # folds 3-4 (held out until stop 42, tuned on since)
    python bench/wmt21_pages.py --folds short            # the short articles (4-7 segments): held out from stop 42
    python bench/wmt21_pages.py --folds 0 --units 6 --keep /tmp/wp   # a quick look, sets and reports kept
    python bench/wmt21_pages.py --show 40                # print 40 examples per check

Why: teacher-readers of pages built from WMT21 originals with their human and machine translations found 4 to
~40 false statements a page (stop 40), and the rules written from one read fixed what they were shown but read
no better on a set held out from them.  Reading one page at a time cannot tell a rule that generalises from one
that does not; this bench scores many pages automatically, in folds, against what the construction fixes.

Sets come from ../shared/data/wmt21-news-human-vs-mt, the shared part: the units of bench/make_wmt21_docs.py
(whole articles of 8 to 30 segments, longer ones cut), one set each, made of the original, up to two human
references and up to two MT systems (chosen with a fixed seed), one paragraph per segment, as the teacher reads
had them.  Ids are neutral (``w017-a`` .. ``w017-e``, letters shuffled per set); the manifest gives ids,
languages and the set as ``event`` (grouping is issue 26's bench, not this one's).  A unit's fold is fixed by its
name (sha1 mod 5), so a fold never changes as the data or the code changes.  Folds 3-4 were held out in stop 41
and read there once; from stop 42 all five folds are for tuning and the held-out group is ``short``: the
articles of 4 to 7 segments, which ``bench/make_wmt21_docs.py`` leaves out and no rule was written from.

What the construction fixes: every version renders the whole original, segment by segment, made from the
original and from nothing else; human references are not machine output.  So these statements are **false**:

* provenance: a version's parent is not the original, an edge runs into the original, a human reference is
  called a machine translation or taken as first written in its own language;
* sibling findings: what two versions share "comes from" a version other than the original, or the original
  "never names" what they name (a translation adds no name), or the original and a version "neither is made
  from" the other;
* a sentence "only in" one version, a "left-out" or "moved" finding (segments are rendered whole, in order);
* a quotation with "no other rendering" (unmatched), a speaker or person that is no name in the set's texts
  (lower case somewhere, in a headline only, a lower-case key or fragment, the first part of a longer
  name; a description such as "the newspaper" is a speaker the text gives), a quotation credited to a
  speaker whose surname its own words write;
* a row of the side-by-side joining two sentences of different segments (paragraphs), unless one version says
  the two segments' content twice (a repeated sentence may link to either copy);
* a "number" tag on a row whose two sentences write the same digits (and no scale word after them: '1 Milliarde'
  and '1 Billion' write the same digits and differ);
* a "name" tag on a row of two Latin-script sentences each of which writes every capitalised word (but its first)
  of the other, by its first five letters, accents folded ('Wests' for 'West', 'HSBC-Bank' for 'HSBC').

Counted, not called false (the construction does not settle them; rates to watch): MT likelihood on human and
machine versions (how many figures lean the wrong way), MT-tell artifact flags per 1,000 words on human and
machine versions, row tags of each label between two human references, "changed-detail" findings, the prose
"a speaker the text does not name" and "a counterpart of only one of the two sentences", and link recall (the
share of segment pairs that have a row).

Writes nothing into the repository; ``--keep DIR`` keeps the sets and reports.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_sets import WMT, wmt_articles  # noqa: E402
from make_wmt21_docs import MIN_SEGMENTS, units, versions  # noqa: E402
from planted_edits import (  # noqa: E402
    UNNAMED,
    _fold_text,
    _joined_people,
    _names_written,
    _not_a_name,
    _rows,
    _text,
    run_compare,
)

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SEED = 20261207
FOLDS = 5
DERIVATIONS = ("translation", "machine-translation", "copy", "rewrite", "quotes", "renders")


@dataclass
class PageSet:
    name: str
    unit: str
    fold: int
    roles: dict[str, str]  # report id -> original / human / mt
    texts: dict[str, str]
    languages: dict[str, str]
    pair: str = ""
    segments: int = 0
    false: list[tuple[str, str]] = field(default_factory=list)  # (check, what)
    counts: Counter = field(default_factory=Counter)


def fold_of(unit: str) -> int:
    return int(hashlib.sha1(unit.encode()).hexdigest(), 16) % FOLDS


SHORT = -1  # the fold number of the short-article group
SHORT_SEGMENTS = range(4, MIN_SEGMENTS)


def short_units() -> list[tuple[str, list[list[dict]]]]:
    """(unit name, segments) for every article of 4 to 7 segments: too short for ``units()``, so unseen by the
    rules tuned on the five folds (1 to 3 segments make pages with too little to say)."""
    out = []
    for article in wmt_articles():
        if len(article) in SHORT_SEGMENTS:
            out.append((article[0][0]["id"].rsplit("-", 1)[0], article))
    return out


def build_sets(folds: set[int], limit: int | None) -> list[PageSet]:
    rng = random.Random(SEED)
    out: list[PageSet] = []
    every = [(unit, segments, fold_of(unit)) for unit, segments in units()]
    every += [(unit, segments, SHORT) for unit, segments in short_units()]
    for unit, segments, fold in every:
        picked = rng.random()  # drawn for every unit, so a unit's choice does not depend on the folds asked for
        if fold not in folds:
            continue
        found = versions(unit, segments)
        original = [v for v in found if v["kind"] == "original"]
        human = [v for v in found if v["kind"] == "translation"]
        mt = [v for v in found if v["kind"] == "machine-translation"]
        pick = random.Random(f"{SEED}:{unit}:{picked}")
        chosen = original[:1] + pick.sample(human, min(2, len(human))) + pick.sample(mt, min(2, len(mt)))
        if len(original) != 1 or len(chosen) < 3:
            continue
        name = f"w{len(out) + 1:03d}" if limit is None or len(out) < limit else None
        if name is None:
            break
        letters = list("abcde"[: len(chosen)])
        pick.shuffle(letters)
        s = PageSet(name, unit, fold, {}, {}, {}, pair=unit.split("-")[1] + "-" + unit.split("-")[2],
                    segments=len(segments))
        for letter, version in zip(letters, chosen, strict=True):
            sid = f"{name}-{letter}"
            s.roles[sid] = {"original": "original", "translation": "human"}.get(version["kind"], "mt")
            s.texts[sid] = version["text"]
            s.languages[sid] = version["language"]
        out.append(s)
    return out


def write_set_folder(sets: list[PageSet], folder: Path, pinned: bool) -> None:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "path", "language", "event"])
        for s in sets:
            for sid in sorted(s.texts):
                (folder / "docs" / f"{sid}.txt").write_text(s.texts[sid], encoding="utf-8")
                writer.writerow([sid, f"docs/{sid}.txt", s.languages[sid], s.name if pinned else ""])


SCALED = re.compile(r"\d\s*-?(?:thousand|tausend|mille|тыс|[mb]illion|trillion|mln|bn|tn|трлн|млн|млрд|mio|mrd|"
                    r"milliard|billion|millón|billón|万|亿)", re.IGNORECASE)
"""Digits with a scale word after them: their value is not in the digits ('1 Milliarde' is a thousandth of
'1 Billion', wmt-en-de-60: one MT wrote 'Milliarde' for 'trillion'), so two sentences writing the same digits may
still give different numbers."""


def _same_figures(text_a: str, text_b: str) -> bool:
    """Do two sentences write the same digits, with no scale word after any of them (then the digits are the
    values)?"""
    return bool(_digits(text_a)) and _digits(text_a) == _digits(text_b) and not (
        SCALED.search(text_a) or SCALED.search(text_b))


def _digits(text: str) -> list[str]:
    return sorted(re.sub(r"[ ,.\u00a0\u202f']", "", m) for m in re.findall(r"\d[\d ,.\u00a0\u202f']*\d|\d", text))


def _written(name: str, text: str) -> bool:
    """Does ``text`` write ``name`` (each word of three letters or more by its first five letters, accents and
    scripts folded: 'Лаксальта' folds to 'laksal'ta', which does not match 'laxalt' -- a miss, not a false hit)?"""
    folded = _fold_text(text)
    words = [w for w in re.findall(r"[^\W\d_]+", name) if len(w) >= 3]
    return bool(words) and all(_fold_text(w)[:5] in folded for w in words)


def _latin(text: str) -> bool:
    return not re.search(r"[\u0400-\u04ff\u4e00-\u9fff]", text)


def _said_twice(segments: list[str], one: int, other: int) -> bool:
    """Do two segments of one version say much the same (an article that repeats a sentence: "Data retention is
    currently suspended" in segments 2 and 9 of wmt-de-en-40)?  A row may then join either copy."""
    if max(one, other) >= len(segments):
        return True
    a, b = (" ".join(segments[i].casefold().split()) for i in (one, other))
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.6


ARTICLES = frozenset({"the", "a", "an", "der", "die", "das", "le", "la", "les", "un", "une", "l"})
FUNCTION_END = frozenset({"the", "of", "and", "und", "hinzu", "de", "des", "du", "der", "die", "das", "am", "et", "a"})


def _speaker_wrong(speaker: str, texts: dict[str, str]) -> str | None:
    """Why a quoted speaker is no speaker: a key or a fragment in lower case ('atalan', 'the 35-year-old of the',
    'die Bank am Samstag und fügte hinzu'), the first part of a longer name ('the United'), or no name in the texts
    (``_not_a_name``).  A description in lower case ('the newspaper', 'die Ministerin') is a speaker the text gives."""
    words = speaker.split()
    if speaker[:1].islower():
        if words[0].lower() in ARTICLES and len(words) <= 4 and words[-1].lower() not in FUNCTION_END \
                and not any(w[:1].isupper() for w in words[1:-1]):
            last = words[-1]
            if last[:1].isupper() and _always_followed(last, texts):
                return "the first part of a longer name"
            return None
        return "begins with a lower-case letter"
    if _always_followed(words[-1], texts):
        return "the first part of a longer name"
    return _not_a_name(speaker, texts)


def _always_followed(word: str, texts: dict[str, str]) -> bool:
    """Is ``word`` (capitalised) written in the texts only ever before another capitalised word ('United' in
    'United States', 'United Nations')?"""
    if not word[:1].isupper():
        return False
    found = [m for t in texts.values() for m in re.finditer(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])(\s+\S)?", t)]
    return bool(found) and all(m.group(1) and m.group(1).strip()[:1].isupper() for m in found)


def _given_variants(message: str) -> bool:
    """A "two given names of one surname" row whose given names are spellings of one name (Georg / George, Sergei /
    Sergey, Andres / Andrés): no two people are joined."""
    forms = re.findall(r"'([^']+)'", message.split(":", 1)[1]) if ":" in message else []
    given = {_fold_text(f.split()[0])[:4] for f in forms if len(f.split()) > 1}
    return "two given names" in message and len(given) <= 1


def judge(s: PageSet, report: Path, summary: dict) -> None:
    """Fill ``s.false`` and ``s.counts`` from the set's event folder."""
    events = [e for e in summary["events"] if set(e["sources"]) & set(s.texts)]
    if len(events) != 1:
        s.false.append(("grouping", f"the set was cut into {len(events)} events"))
    if not events:
        return
    folder = report / events[0]["folder"]
    original = next(sid for sid, r in s.roles.items() if r == "original")
    page = _text((folder / "index.html").read_text(encoding="utf-8"))
    handout = _text((folder / "handout.html").read_text(encoding="utf-8")) if (folder / "handout.html").is_file() else ""
    findings = [f for f in _rows(folder / "findings.csv")]
    s.counts["findings not asserted"] += sum(f["verified"] != "True" for f in findings)
    findings = [f for f in findings if f["verified"] == "True"]
    refused = {e for f in _rows(folder / "findings.csv") if f["kind"] == "provenance-edge" and f["verified"] != "True"
               for e in f["evidence"].split(";") if e.startswith("edge:")}

    # provenance
    for edge in _rows(folder / "provenance.csv"):
        parent, child, relation = edge["from"], edge["to"], edge["relation"]
        if relation not in DERIVATIONS or f"edge:{parent}->{child}:{relation}" in refused:
            continue
        if relation == "quotes" and not parent:
            continue
        if child == original or parent != original:
            s.false.append(("provenance parent", f"{child} ({s.roles.get(child)}) {relation} of "
                            f"{parent or edge['origin'] or 'outside'} ({s.roles.get(parent, 'outside')})"))
        elif relation == "machine-translation" and s.roles.get(child) == "human":
            s.false.append(("provenance MT", f"{child} (human) called a machine translation"))
        if parent == original and child != original:
            s.counts["versions traced to the original"] += 1
    for row in _rows(folder / "sources.csv"):
        sid, kind = row["source"], row["kind"]
        if sid == original:
            continue
        if kind == "original":
            s.false.append(("kind", f"{sid} ({s.roles.get(sid)}) said to be an original"))
        if kind == "machine-translation" and s.roles.get(sid) == "human":
            s.false.append(("kind", f"{sid} (human) given the kind machine-translation"))
        if row["mt_likelihood"]:
            value = float(row["mt_likelihood"])
            role = s.roles.get(sid)
            s.counts[f"MT figures on {role} versions"] += 1
            if (role == "human") == (value >= 0.5):
                s.counts[f"MT figures on {role} versions leaning the wrong way"] += 1
    if re.search(r"\b(" + "|".join(re.escape(x) for x in s.roles if x != original) + r") : taken as first written",
                 page):
        s.false.append(("kind", "a translation 'taken as first written' in its own language"))

    # siblings
    for f in findings:
        if f["kind"] != "sibling":
            continue
        sentence = f["sentence"]
        if original in f["subjects"].split(";") and re.search(r"neither (is made|copies|renders)", sentence):
            s.false.append(("sibling", sentence[:200]))
        named = re.search(r"both [^;]*? ([^\s;]+); ", sentence)
        if named and "comes from there" in sentence and named.group(1) != original:
            s.false.append(("sibling", sentence[:200]))
        for where in re.findall(r"which (\S+) never names", sentence):
            if where == original:
                s.false.append(("never names", f"the original {where} 'never names': {sentence[:200]}"))
            else:
                s.counts["'never names' said of a translation"] += 1

    # sentences and rows
    sentences = _rows(folder / "sentences.csv")
    paragraph = {(r["source"], r["index"]): int(r["paragraph"]) for r in sentences}
    segment_text = {sid: [p for p in t.split("\n\n")] for sid, t in s.texts.items()}
    for r in sentences:
        if r["only_here"] == "True" and r["background"] != "True" and not r["structure"]:
            s.false.append(("only in", f"{r['source']} ({s.roles.get(r['source'])}) sentence {r['index']}: "
                            f"{r['text'][:80]}"))
    for f in findings:
        if f["kind"] in ("left-out", "moved"):
            s.false.append((f["kind"], f["sentence"][:200]))
        if f["kind"] == "changed-detail":
            s.counts["changed-detail findings"] += 1
    links = _rows(folder / "links.csv")
    pairs_linked: set[tuple[str, str, int]] = set()
    for k in links:
        a, b = (k["source_a"], k["sentence_a"]), (k["source_b"], k["sentence_b"])
        if a not in paragraph or b not in paragraph:
            continue
        pa, pb = paragraph[a], paragraph[b]
        human_pair = s.roles.get(a[0]) == s.roles.get(b[0]) == "human"
        s.counts["rows"] += 1
        if pa == pb:
            pairs_linked.add((min(a[0], b[0]), max(a[0], b[0]), pa))
        elif not _said_twice(segment_text[a[0]], pa, pb) and not _said_twice(segment_text[b[0]], pa, pb):
            s.false.append(("row", f"{a[0]}:{a[1]} (segment {pa + 1}) linked to {b[0]}:{b[1]} (segment {pb + 1}): "
                            f"{k['text_a'][:60]!r} / {k['text_b'][:60]!r}"))
        for label in filter(None, k["labels"].split(";")):
            s.counts[f"row tags '{label}'"] += 1
            if human_pair:
                s.counts[f"row tags '{label}' between two human references"] += 1
            if label == "name" and _latin(k["text_a"]) and _latin(k["text_b"]) and _names_written(
                    k["text_a"], k["text_b"]) and _names_written(k["text_b"], k["text_a"]):
                s.false.append(("name tag", f"{a[0]}:{a[1]} / {b[0]}:{b[1]} each write the other's names: "
                                f"{k['text_a'][:70]!r} / {k['text_b'][:70]!r}"))
            if label == "number" and _same_figures(k["text_a"], k["text_b"]):
                s.false.append(("number tag", f"{a[0]}:{a[1]} / {b[0]}:{b[1]} write the same digits "
                                f"{_digits(k['text_a'])}"))
    ids = sorted(s.texts)
    n = min(len(p) for p in segment_text.values())
    s.counts["segment pairs"] += n * len(ids) * (len(ids) - 1) // 2
    s.counts["segment pairs with a row"] += len(pairs_linked)

    # quotations, speakers, people
    quotes = _rows(folder / "quotes.csv")
    not_people = {r["name"] for r in _rows(folder / "names.csv") if r["type"] != "person"}
    s.counts["quotations"] += len(quotes)
    s.counts["quotations credited"] += sum(q["speaker"] not in UNNAMED for q in quotes)
    for q in quotes:
        if q["fidelity"] == "unmatched":
            s.false.append(("quote unmatched", f"{q['source']}: {q['text'][:80]}"))
        surname = q["speaker"].split()[-1] if q["speaker"] and q["speaker"] not in UNNAMED else ""
        if surname[:1].isupper() and re.search(rf"(?<![^\W\d_]){re.escape(surname)}(?![^\W\d_])", q["text"]):
            s.false.append(("speaker named in the words", f"{q['source']} {q['speaker']}: {q['text'][:60]}"))
    for speaker in sorted({q["speaker"] for q in quotes} - not_people - set(UNNAMED)):
        why = None if speaker.startswith("an unnamed ") else _speaker_wrong(speaker, s.texts)
        if why:
            s.false.append(("speaker", f"{speaker!r}: {why}"))
    names = _rows(folder / "names.csv")
    for name in sorted({r["name"] for r in names if r["type"] == "person"}):
        why = "begins with a lower-case letter" if name[:1].islower() else _not_a_name(name, s.texts)
        if why:
            s.false.append(("person", f"{name!r}: {why}"))
    s.false.extend(("person", x) for x in _joined_people(names) if not _given_variants(x))
    s.counts["people"] += len({r["entity"] for r in names if r["type"] == "person"})

    # artifact flags
    words = {sid: len(t.split()) for sid, t in s.texts.items()}
    for a in _rows(folder / "artifacts.csv"):
        role = s.roles.get(a["source"])
        s.counts[f"flags on {role} versions"] += 1
        s.counts[f"flags '{a['category']}' on {role} versions"] += 1
    for sid, role in s.roles.items():
        s.counts[f"words of {role} versions"] += words[sid]

    # prose
    for surface, text in (("page", page), ("hand-out", handout)):
        s.counts[f"'a speaker the text does not name' ({surface})"] += text.count("a speaker the text does not name")
        s.counts[f"'only one of the two sentences' ({surface})"] += len(
            re.findall(r"only one of the two sentences", text))
    for m in re.finditer(r"(\d+)% and (\d+)%, below the (\d+)%", page):
        if max(int(m.group(1)), int(m.group(2))) >= int(m.group(3)):
            s.false.append(("comparison word", m.group(0)))


def run(sets: list[PageSet], work: Path, pinned: bool, semantic: bool, rejudge: bool = False) -> float:
    folder, report = work / "set", work / "report"
    if rejudge:  # the checks changed, the reports did not: judge the kept ones again
        summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
        for s in sets:
            judge(s, report, summary)
        return 0.0
    write_set_folder(sets, folder, pinned)
    summary, seconds = run_compare(folder, report, semantic)
    for s in sets:
        judge(s, report, summary)
    return seconds


def table(sets: list[PageSet], seconds: float, show: int) -> list[str]:
    pairs = Counter(s.pair for s in sets)
    lines = [f"{len(sets)} sets ({', '.join(f'{k} {v}' for k, v in sorted(pairs.items()))}), "
             f"{sum(len(s.texts) for s in sets)} reports, {seconds:.0f} s for the run"]
    false = Counter(check for s in sets for check, _ in s.false)
    pages_with = sum(bool(s.false) for s in sets)
    lines.append(f"false statements: {sum(false.values())} ({sum(false.values()) / len(sets):.2f} a set); "
                 f"sets with none: {len(sets) - pages_with}/{len(sets)}")
    for check, count in false.most_common():
        by_pair = Counter(s.pair for s in sets for c, _ in s.false if c == check)
        lines.append(f"  {check:<28}{count:>5}   " + ", ".join(f"{k} {v}" for k, v in sorted(by_pair.items())))
    counts: Counter = Counter()
    for s in sets:
        counts.update(s.counts)
    lines.append("counted (rates to watch):")
    for key in sorted(counts):
        lines.append(f"  {key:<70}{counts[key]:>7}")
    for role in ("original", "human", "mt"):
        if counts[f"words of {role} versions"]:
            lines.append(f"  flags per 1,000 words on {role} versions: "
                         f"{1000 * counts[f'flags on {role} versions'] / counts[f'words of {role} versions']:.2f}")
    if counts["segment pairs"]:
        lines.append(f"  link recall (segment pairs with a row): "
                     f"{counts['segment pairs with a row'] / counts['segment pairs']:.3f}")
    if show:
        lines.append("examples:")
        for check in false:
            chosen = [f"{s.name} ({s.unit}): {what}" for s in sets for c, what in s.false if c == check][:show]
            lines.append(f"  [{check}]")
            lines.extend(f"    {x}" for x in chosen)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", default="0,1,2", help="comma-separated folds 0-4, or 'short' for the held-out short articles (default 0,1,2)")
    parser.add_argument("--units", type=int, default=None, help="at most this many sets")
    parser.add_argument("--unpinned", action="store_true", help="leave the event column empty (grouping decides)")
    parser.add_argument("--no-semantic", action="store_true", help="run compare with --no-semantic")
    parser.add_argument("--keep", type=Path, default=None, help="keep the sets and reports in this folder")
    parser.add_argument("--rejudge", action="store_true",
                        help="judge the reports kept in --keep again without running compare (the checks changed)")
    parser.add_argument("--show", type=int, default=8, help="examples printed per check (default 8)")
    parser.add_argument("--json", type=Path, default=None, help="write every set's false statements and counts here")
    args = parser.parse_args()
    if not WMT.is_dir():
        print(f"{WMT} is absent: nothing to measure", file=sys.stderr)
        return 1
    folds = {SHORT if x.strip() == "short" else int(x) for x in args.folds.split(",")}
    sets = build_sets(folds, args.units)
    print(f"folds {sorted(folds)}: " + ", ".join(f"{s.name}={s.unit}" for s in sets))
    work = args.keep or Path(tempfile.mkdtemp(prefix="wmt21-pages-"))
    seconds = run(sets, work, not args.unpinned, not args.no_semantic, args.rejudge and args.keep is not None)
    print("\n".join(table(sets, seconds, args.show)))
    if args.json:
        args.json.write_text(json.dumps({s.name: {"unit": s.unit, "roles": s.roles, "false": s.false,
                                                  "counts": dict(s.counts)} for s in sets}, indent=1,
                                        sort_keys=True), encoding="utf-8")
    print(f"sets and reports: {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
