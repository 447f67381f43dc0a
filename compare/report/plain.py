"""Findings in words: what a teacher or an editor reads before any number.

The numbers (BLEU, chrF, TER, coverage) stay in the tables and the methods
section; the page first says what they mean for each pair of sources, in
bands a reader can check against the side-by-side.  Wording scores compare
character and word sequences, so they are only said for two sources in one
language: across languages a chrF of 0 means "other script", not "other
content", and the page says how many statements the pair shares instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from compare.findings.changes import change_rows
from compare.findings.cuts import MIN_KEEPERS, cut_rows, keepers, only_cut_words
from compare.findings.framing import background_only, named_parts, own_word, term_findings
from compare.findings.quotes import change_rank, swaps
from compare.findings.stance import brief_rows, stance_brief
from compare.framing import takes_in

WORDING_BANDS: tuple[tuple[float, str], ...] = (
    (70.0, "almost the same wording"),
    (50.0, "close wording, with edits"),
    (35.0, "loosely similar wording"),
    (0.0, "mostly different wording"),
)
"""chrF lower bounds and what they say.  The bands follow chrF's reading on
news (70+ is near-verbatim copy-editing; under 35, the same facts in other
words); they describe, they do not decide anything in the pipeline."""


def wording(chrf: float) -> str:
    """How alike two renderings' wording is, in words."""
    for bound, words in WORDING_BANDS:
        if chrf >= bound:
            return words
    return WORDING_BANDS[-1][1]


def pair_chrf(pair: Mapping[str, Any]) -> float:
    """A pair's chrF read both ways (the mean of b against a and a against b), by which pairs are ranked.

    Why: chrF weighs recall twice precision, so one direction alone ranks pairs by which text happens to be the
    first (r57, 2019: MID and AVIONEWS "closest, chrF 47", 29 the other way)."""
    one, other = pair["chrf"], pair.get("chrf_reverse")
    return float(one) if other is None else (float(one) + float(other)) / 2


def chrf_said(pair: Mapping[str, Any]) -> str:
    """"chrF 47", or "chrF 47 one way, 29 the other" where the two directions differ when rounded."""
    one, other = pair["chrf"], pair.get("chrf_reverse")
    if other is None or f"{float(one):.0f}" == f"{float(other):.0f}":
        return f"chrF {float(one):.0f}"
    low, high = sorted((float(one), float(other)))
    return f"chrF {high:.0f} one way, {low:.0f} the other"


def same_language(pair: Mapping[str, Any], languages: Mapping[str, str]) -> bool:
    """Whether wording scores mean anything for this pair: both sources in one language."""
    return languages.get(pair["source_a"]) == languages.get(pair["source_b"])


def statements(count: int) -> str:
    return f"{count} statement{'s' if count != 1 else ''}"


def pair_sentence(pair: Mapping[str, Any], outlets: Mapping[str, str], languages: Mapping[str, str],
                  shared: Mapping[tuple[str, str], int], in_part: Mapping[tuple[str, str], int] | None = None,
                  on_names: Mapping[tuple[str, str], int] | None = None) -> str:
    """One sentence per pair of sources: the statements (side-by-side rows) both carry, how many of them only in
    part (``compare.findings.partial``: 2017's c2 shares who meets whom and "expected"), and how alike their
    wording is.  A row linked on names alone (r43, 2017 c2) is counted apart: it may not be a shared statement."""
    a, b = outlets[pair["source_a"]], outlets[pair["source_b"]]
    key = (min(pair["source_a"], pair["source_b"]), max(pair["source_a"], pair["source_b"]))
    links = shared.get(key, 0)
    if not links:
        return f"{a} and {b} share no statement the aligner could link."
    partly = (in_part or {}).get(key, 0)
    named = (on_names or {}).get(key, 0)
    qualified = ([f"{partly} of them only in part"] if partly else []) + (
        [f"{named} linked on names alone" if partly else f"{named} of them linked on names alone"] if named else [])
    count = statements(links) + " of theirs" + (f" ({', '.join(qualified)})" if qualified else "")
    # what the tool knows: its links, not what the texts share (issue 23, r40, 2017: c10/c37 say the 2+2 will discuss
    # global/worldwide issues and are not linked), as the set index's 'Linked in 2+ sources'
    if not same_language(pair, languages) or pair.get("chrf") is None:
        return (f"{a} ({languages.get(pair['source_a'], '?')}) and {b} ({languages.get(pair['source_b'], '?')}): "
                f"the aligner links {count} across languages; wording is not compared across languages.")
    return (f"{a} and {b}: the aligner links {count}; {wording(pair_chrf(pair))} "
            f"({chrf_said(pair)}).")


def pair_sentences(pairs: Sequence[Mapping[str, Any]], outlets: Mapping[str, str],
                   shared: Mapping[tuple[str, str], int], languages: Mapping[str, str],
                   in_part: Mapping[tuple[str, str], int] | None = None,
                   on_names: Mapping[tuple[str, str], int] | None = None) -> list[str]:
    """Every pair's sentence, the pairs sharing most statements first."""
    def key(p: Mapping[str, Any]) -> tuple[int, str, str]:
        return (-shared.get((min(p["source_a"], p["source_b"]), max(p["source_a"], p["source_b"])), 0),
                p["source_a"], p["source_b"])
    return [pair_sentence(p, outlets, languages, shared, in_part, on_names) for p in sorted(pairs, key=key)]


TRANSLATION_RELATIONS = ("translation", "machine-translation")


def translated(tables: Mapping[str, Sequence[Mapping[str, Any]]], source: str) -> bool:
    """Whether provenance traced ``source`` as a translation (an official English transcript of a Russian speech is
    one): a quotation read against it is then one translation against another, not an outlet against the speaker."""
    return any(r["to"] == source and r["relation"] in TRANSLATION_RELATIONS for r in tables.get("provenance") or ())


TRANSLATIONS_NOTE = ("both render words first said in another language, so the difference may be the translators' "
                     "as much as the outlet's")


STANDS_OUT_CHANGES = 4
"""Changes a copy made that the index row names; the event's overview lists them all."""


def stands_out(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """What the index says about an event: the one or two findings most worth opening it for."""
    sources = tables["sources"]
    if len(sources) < 2:
        return "One source only: nothing to compare."
    outlets = {r["source"]: (r["outlet"] or r["source"]) for r in sources}
    languages = {r["source"]: r["language"] for r in sources}
    # what an edited copy changed or left out comes first (the first few): the most teachable finding there is
    changes = [r["sentence"] for r in change_rows(tables)]
    if len(changes) > STANDS_OUT_CHANGES:
        changes = changes[:STANDS_OUT_CHANGES] + [f"And {len(changes) - STANDS_OUT_CHANGES} more changes: see the overview."]
    said: list[str] = []
    # one stance worded at different strength first (issue 23, r47, 2019 c3: 'expressed concern' / 'unacceptable')
    # (said beside the two findings the row names otherwise, not instead of one of them)
    # (r53: only where every shown word's voice is read; the row's note says the rest)
    stance = brief_rows(tables.get("findings"))[:1]
    for found in stance:
        said.append(f"In statement {found['subjects'][0].rsplit(':', 1)[-1]}, "
                    f"{stance_brief(found['figures'], lambda sid: outlets.get(sid, sid))}.")
    reversal = left_open_row(tables, outlets)
    if reversal:  # a question one source leaves open and another answers, as the event page's first screen says it
        said.append(reversal)
    made = made_from(tables)
    quotes = [q for q in tables["quotes"] if q["source"] != q["reference_source"]]
    changed = [q for q in quotes if q["fidelity"] in ("trimmed", "swapped", "paraphrase", "divergent")
               and languages.get(q["source"]) == languages.get(q["reference_source"])]
    if changed:
        # a content word left out comes before a rewording (see glance.quote_difference)
        worst = min(changed, key=change_rank)
        note = f"; {TRANSLATIONS_NOTE}" if translated(tables, worst["reference_source"]) else ""
        who, reference = outlets.get(worst["source"], worst["source"]), outlets.get(worst["reference_source"],
                                                                                   worst["reference_source"])
        how = (f"without {', '.join(f'‘{w}’' for w in worst['dropped'][:3])}, which {reference}'s version has"
               if worst["fidelity"] == "trimmed" and worst["dropped"] else
               f"with {swaps(worst['added'], worst['dropped'], reference)}" if worst["fidelity"] == "swapped"
               else f"in other words than {reference}")
        kept = keepers(tables, worst)
        if len(kept) >= MIN_KEEPERS:  # the set shows whose quotation lacks the word: no translators' hedge (r44)
            said.append(f"{who} quotes {worst['speaker'] or 'a speaker'} without "
                        f"{', '.join(f'‘{w}’' for w in worst['dropped'][:3])} ({worst['fidelity']}): "
                        + only_cut_words([outlets.get(k, k) for k in kept], who, translated(tables, worst["source"]),
                                         worst["dropped"]) + ".")
        else:
            said.append(f"{who} quotes {worst['speaker'] or 'a speaker'} {how} ({worst['fidelity']}{note}).")
        if worst["fidelity"] == "trimmed":  # another source words it without the same word: not this outlet's cut alone
            said[-1] += "".join(f" {outlets.get(r['subjects'][0], r['subjects'][0])}"
                                f"{r['sentence'].removeprefix(r['subjects'][0])}" for r in cut_rows(tables, worst))
    # each source's own words for the place, never the gazetteer's label; a name it only quotes or reports
    # someone else using ('that the Tokyo government calls "the northern territories"') is said as such
    own = {(f.subjects[0], f.figures["text"]) for f in term_findings(tables) if own_word(f)}
    # a name used only in passages about another occasion says so, as the event page does (2017: TASS writes
    # 'South Kuril Islands' only in its paragraphs on the 18 March meeting)
    elsewhere = background_only(tables)

    # a name of the whole chain that takes in the place ('Kuril Islands') is said as the chain's (issue 23, r42)
    wholes = {(f.subjects[0], f.figures["text"]) for f in term_findings(tables) if takes_in(f.figures["concept"])}

    def shown(sid: str, name: str) -> str:
        return (f"‘{name}’" + (" (the whole chain's name)" if (sid, name) in wholes else "")
                + (" (in a passage about another occasion)" if (sid, name) in elsewhere else ""))

    written: dict[str, list[str]] = {}
    for r in tables["names"]:
        if r.get("naming_choice"):
            sid = r["source"]
            mine = [shown(sid, n) for n in r["naming_choice"] if (sid, n) in own]
            others = [shown(sid, n) for n in r["naming_choice"] if (sid, n) not in own]
            words = [f"writes {', '.join(mine)}"] * bool(mine) + [f"quotes or reports {', '.join(others)}"] * bool(others)
            written.setdefault(r["name"], []).append(f"{outlets.get(sid, sid)} {' and '.join(words)}")
    # the single parts a source names ('Etorofu', 'Kunashiri'), as the event page's glance lists them: one
    # finding in both, so the index never drops a side's usage silently (issue 23, r46, 2017: 004's Japanese
    # usage was on the event page only)
    for name, by_source in named_parts(tables, elsewhere).items():
        forms = written.setdefault(name, [])
        for sid, words in by_source.items():
            who = outlets.get(sid, sid)
            at = next((k for k, form in enumerate(forms) if form.startswith(f"{who} ")), None)
            if at is None:
                forms.append(f"{who} names {words}")
            else:
                forms[at] += f", and names {words}"
    if written:
        said.append("Contested names: " + "; ".join(
            f"{name} ({'; '.join(forms)})" for name, forms in sorted(written.items())[:3]) + ".")
    comparable = [p for p in tables["pairs"] if same_language(p, languages) and p.get("chrf") is not None and p["links"]]
    if comparable and len(said) < 2:
        low = min(comparable, key=lambda p: (pair_chrf(p), p["source_a"], p["source_b"]))
        high = max(comparable, key=lambda p: (pair_chrf(p), p["source_a"], p["source_b"]))
        if len(comparable) == 1:
            # with the count it rests on: "mostly different wording" of two reports that share two statements, each
            # in part, read as the same facts worded differently (r42 2017 M-1)
            said.append(f"{outlets[low['source_a']]} and {outlets[low['source_b']]}: {wording(pair_chrf(low))} "
                        f"in the {_pairs_linked(low)} linked between them.")
        else:
            # ranked, and said as such: "d and e: close wording, with edits" alone read as a notable closeness where
            # d and e were the least alike pair of the set (r41 ru-en-221 M3)
            said.append(f"Least alike in wording: {outlets[low['source_a']]} and {outlets[low['source_b']]} "
                        f"({wording(pair_chrf(low))}, {chrf_said(low)}); most alike: {outlets[high['source_a']]} "
                        f"and {outlets[high['source_b']]} ({wording(pair_chrf(high))}, {chrf_said(high)}).")
    if len({languages[s] for s in languages}) > 1 and len(said) < 2:
        said.append(f"Reports in {len(set(languages.values()))} languages ({', '.join(sorted(set(languages.values())))}).")
    return " ".join(changes + ([made] if made else []) + said[:max(0, 2 + len(stance) - len(changes))]) or (
        "The sources tell it alike: no quote, name or wording differs much.")


def _pairs_linked(pair: Mapping[str, Any]) -> str:
    n = int(pair["links"])
    return "one sentence pair" if n == 1 else f"{n} sentence pairs"


def left_open_row(tables: Mapping[str, Sequence[Mapping[str, Any]]], outlets: Mapping[str, str]) -> str | None:
    """"In statement c15, w036-c and w036-d say it was left open (…) where w036-a does not: …", for the first
    statement row whose cells split so (``row_figures.left_open_split``); None where none does."""
    from compare.report.row_figures import left_open_split, row_texts, sentence_languages

    languages = sentence_languages(tables["sentences"])
    by_claim: dict[str, list[Mapping[str, Any]]] = defaultdict(list)  # one pass, not one per claim
    for r in tables["sentences"]:
        if r.get("claim") and not r.get("background"):
            by_claim[r["claim"]].append(r)
    for claim in sorted(by_claim, key=lambda c: (len(str(c)), str(c))):
        texts = row_texts(by_claim[claim], claim)
        if len(texts) > 1:
            split = left_open_split(texts, outlets, languages)
            if split:
                return f"In statement {str(claim).rsplit(':', 1)[-1]}, {split}."
    return None


DERIVED_ROLES = ("machine-translation", "rewrite", "copy", "translation")


def made_from(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """The provenance and machine-translation findings the index names: which sources read as made from another
    text (machine-translated first), each with the manifest's word where it disagrees, and any MT figure."""
    from compare.findings.kinds import KIND, role_words, told_words

    rows = [r for r in tables.get("findings") or () if r["kind"] == KIND and r["verified"]
            and r["figures"]["role"] in DERIVED_ROLES]
    rows.sort(key=lambda r: (DERIVED_ROLES.index(r["figures"]["role"]), r["subjects"][0]))
    parts = []
    for row in rows:
        f = row["figures"]
        disagree = f" (the manifest says {told_words(f['told'])})" if f["agree"] is False else ""
        parts.append(f"{row['subjects'][0]} reads as {role_words(f)}{disagree}")
    figures = [f"{r['source']} {r['mt_likelihood']:.2f}" for r in tables["sources"] if r.get("mt_likelihood") is not None]
    said = "; ".join(parts) + "." if parts else ""
    if figures:
        said += f" Machine-translation likelihood: {', '.join(figures)}."
    return said.strip()
