"""Planted edits: does the report surface each edit, say nothing the construction contradicts, and trace the
translation to the original (issue 23, item 6)?

    python bench/planted_edits.py                      # every usable en-de article of the shared part
    python bench/planted_edits.py --sets 5 --keep /tmp/planted
    python bench/planted_edits.py --skip 3 --sets 3 --variant inferred --keep /tmp/fresh   # sets p04-p06
    python bench/planted_edits.py --no-semantic

Sets are built by construction from ../shared/data/wmt21-news-human-vs-mt, the en-de shared part: English
originals (``src``) with a professional German translation (human reference ``A``).  Articles are cut as
bench/make_sets.py does (``wmt_articles``: a headline after a closed line opens one); those of at least
``MIN_SEGMENTS`` segments are used, one set each.  A set has five reports, one paragraph per segment:

* the original (manifest kind ``original``);
* a copy with one figure changed (a number that the German also gives, so the translation's figures agree
  with the original and disagree with this copy);
* a copy with one quotation changed by a negation ("is" -> "is not"), a modal ("will" -> "might") or a year,
  in turn by set, the next kind where the first cannot be planted;
* a copy with body paragraphs dropped (two; one in articles under 8 segments) and two others swapped;
* the human German translation (manifest kind ``translation``).

Report ids are neutral (``<set>-a`` .. ``<set>-e``, letters shuffled per set with a fixed seed) so nothing
in an id tells the construction.  Two variants run, each one ``compare run`` over all sets with the
manifest's ``event`` column pinning each set to one event: ``declared`` (kinds as above) and ``inferred``
(no kind at all: the texts alone must decide).

Measured from the written outputs (HTML text, CSV tables), per variant:

* **surfaced**: each planted edit named, with its edited report and the changed value, in one sentence of
  "what stands out" (the index row), the overview, and the hand-out answers (the event page's teaching
  section; the printed hand-out carries only the questions).  A figure or year edit needs the new value,
  a negation or modal edit the inserted word, a drop the words "leaves out" / "drops" / "omits" / "not in".
* **false findings**: statements the construction contradicts: a derivation edge whose parent is not the
  original (or an edge into the original; a quotation credited to an organisation outside the set is the
  article's own and not counted), a translation called a machine translation, a changed-detail or left-out
  finding about a report or value that was not edited, a statement said to be "only in" one report (every
  statement has counterparts by construction), a "name" tag on a verbatim link between two English reports
  (no edit changes a name; such tags between the translation and an English report are counted apart), a
  sibling pair said to share what "comes from" a report
  that is not the original, or said of the original and another report that "neither is made from"
  (copies, renders) the other, a quotation in two unedited English reports called changed (paraphrase,
  divergent, words dropped or added), a quotation said to be missing from a report other than the drop
  copy, a pair of near-verbatim copies (chrF 90 or more) said to differ most in wording, a verbatim or close
  quotation said to be worded most differently, a quoted speaker or a person in the names table that is no name
  in the texts (written in lower case in some text, or outside headlines nowhere), a person row that joins two
  people (a spelling whose first word is another person row's surname, "Kardashian West" under Kanye West; two
  given names before one surname).  Only findings that passed their
  verifier count (failed ones are not said).
* **quotations listed, credited to a speaker; people in the names tables**: rows of quotes.csv, those whose
  speaker is not "unknown" / "a speaker the text does not name", and the person entities of names.csv.
* **translation parents**: the translation's parent edge, from the original (right), an edited copy
  (wrong) or none (not said; an edge its verifier refuses is not said either).  Also printed: how many
  findings their verifiers refused (true statements withheld, or false ones caught).

Writes nothing into the repository; ``--keep DIR`` keeps the sets and reports.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_sets import WMT, wmt_articles  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SEED = 20261206
MIN_SEGMENTS = 6
NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
QUOTE = re.compile(r"[\"“]([^\"“”]{12,})[\"”]")
AUX = ("is", "are", "was", "were", "will", "can", "could", "would", "should", "has", "have", "had", "must")
MODAL = {"will": "might", "can": "might", "would": "might", "must": "may", "is": "may be", "are": "may be"}
NEGATED = re.compile(r"\b(not|never|no|nothing|nobody)\b|n't", re.I)
MOVE_WORDS = re.compile(r"\bmoves?\b|\bmoved\b|other way round|another (place|order)")
DROP_WORDS = re.compile(r"leaves? out|left out|drops?|dropped|omits?|omitted|not in |missing|skips?")


@dataclass
class Edit:
    """One planted edit: which report carries it, what kind, and the values (old -> new) a surface must name."""

    source: str
    kind: str  # figure, negation, modal, year, drop
    old: str
    new: str
    segment: int
    dropped: list[int] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)  # the two body segments a drop copy swaps


@dataclass
class PlantedSet:
    name: str
    roles: dict[str, str]  # role (original, figure, quote, drop, translation) -> report id
    texts: dict[str, str]
    edits: list[Edit]
    segments: int
    article: str = ""


def _digits(value: str) -> str:
    return re.sub(r"[^\d]", "", value)


def _changed_number(value: str) -> str:
    """A different number of the same shape: the first digit moved on by two (0 and 1 stay non-zero)."""
    digits = _digits(value)
    first = int(digits[0])
    new = (first + 2) % 10 or 2
    return value.replace(digits[0], str(new), 1)


def _plant_figure(src: list[str], ref: list[str], avoid: set[int]) -> tuple[int, str, str] | None:
    """(segment, old number, new number) for a number of a body segment that the German also gives."""
    for i in range(1, len(src)):
        if i in avoid:
            continue
        german = {_digits(m.group()) for m in NUMBER.finditer(ref[i])}
        for m in NUMBER.finditer(src[i]):
            value = m.group()
            if YEAR.fullmatch(value) or _digits(value) not in german or len(_digits(value)) > 9:
                continue
            return i, value, _changed_number(value)
    return None


def _plant_quote(src: list[str], wanted: str, avoid: set[int]) -> tuple[int, str, str, str, str] | None:
    """(segment, kind, old quotation, new quotation, inserted value) for the first quotation the edit fits."""
    order = [wanted] + [k for k in ("negation", "modal", "year") if k != wanted]
    for kind in order:
        for i in range(1, len(src)):
            if i in avoid:
                continue
            for m in QUOTE.finditer(src[i]):
                quote = m.group(1)
                if len(quote.split()) < 4:
                    continue
                negated = NEGATED.search(quote)
                if kind == "negation" and not negated:
                    aux = re.search(r"\b(" + "|".join(AUX) + r")\b", quote)
                    if aux:
                        new = quote[:aux.end()] + " not" + quote[aux.end():]
                        return i, kind, quote, new, "not"
                elif kind == "modal" and not negated:
                    for word, modal in MODAL.items():  # will, can, would, must before is, are
                        aux = re.search(r"\b" + word + r"\b", quote)
                        if aux:
                            new = quote[:aux.start()] + modal + quote[aux.end():]
                            return i, kind, quote, new, modal.split()[0]
                elif kind == "year":
                    year = YEAR.search(quote)
                    if year:
                        new_year = str(int(year.group()) + 3)
                        return i, kind, quote, quote[:year.start()] + new_year + quote[year.end():], new_year
    return None


def build_sets(limit: int | None, skip: int = 0) -> list[PlantedSet]:
    """One set per en-de article of MIN_SEGMENTS or more segments, in article order, the first ``limit`` after
    the first ``skip`` (built and dropped, so a set keeps its name and edits whatever the slice: a fresh reader
    can be given sets no fix was made on)."""
    rng = random.Random(SEED)
    out = []
    articles = [a for a in wmt_articles() if a[0][0]["id"].startswith("wmt-en-de-") and len(a) >= MIN_SEGMENTS]
    for number, article in enumerate(articles):
        src = [" ".join(seg[0]["text"].split()) for seg in article]
        refs = [next((r["text"] for r in seg if r["id"].endswith("-refA")), None) for seg in article]
        if any(r is None for r in refs):
            continue
        ref = [" ".join(r.split()) for r in refs]
        name = f"p{number + 1:02d}"
        letters = list("abcde")
        rng.shuffle(letters)
        roles = dict(zip(("original", "figure", "quote", "drop", "translation"), (f"{name}-{x}" for x in letters),
                         strict=True))
        texts = {roles["original"]: src, roles["translation"]: ref}
        edits: list[Edit] = []
        used: set[int] = set()
        quote = _plant_quote(src, ("negation", "modal", "year")[number % 3], used)
        if quote:
            i, kind, old, new, value = quote
            copy = list(src)
            copy[i] = copy[i].replace(old, new, 1)
            texts[roles["quote"]] = copy
            edits.append(Edit(roles["quote"], kind, old, value, i))
            used.add(i)
        figure = _plant_figure(src, ref, used)
        if figure:
            i, old, new = figure
            copy = list(src)
            copy[i] = re.sub(r"(?<![\w.,])" + re.escape(old) + r"(?![\w])", new, copy[i], count=1)
            texts[roles["figure"]] = copy
            edits.append(Edit(roles["figure"], "figure", old, new, i))
            used.add(i)
        body = [i for i in range(1, len(src)) if i not in used]
        drops = 2 if len(src) >= 8 else 1
        if len(body) >= drops + 2:
            step = len(body) / (drops + 1)
            dropped = sorted({body[int(step * (k + 1))] for k in range(drops)})
            kept = [i for i in range(len(src)) if i not in dropped]
            swap = next((k for k in range(1, len(kept) - 1) if kept[k] not in used and kept[k + 1] not in used), None)
            swapped = []
            if swap is not None:
                swapped = [kept[swap], kept[swap + 1]]
                kept[swap], kept[swap + 1] = kept[swap + 1], kept[swap]
            texts[roles["drop"]] = [src[i] for i in kept]
            edits.append(Edit(roles["drop"], "drop", "", "", dropped[0], dropped, swapped))
        roles = {role: sid for role, sid in roles.items() if sid in texts}
        out.append(PlantedSet(name, roles, {sid: "\n\n".join(t) + "\n" for sid, t in texts.items()}, edits, len(src),
                               article[0][0]["id"].removesuffix("-src")))
        if limit is not None and len(out) >= limit + skip:
            break
    return out[skip:]


def write_set_folder(sets: list[PlantedSet], folder: Path, declared: bool) -> None:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "path", "outlet", "kind", "language", "published", "url", "event", "title"])
        for s in sets:
            role_of = {sid: role for role, sid in s.roles.items()}
            for sid in sorted(s.texts):
                (folder / "docs" / f"{sid}.txt").write_text(s.texts[sid], encoding="utf-8")
                kind = {"original": "original", "translation": "translation"}.get(role_of[sid], "") if declared else ""
                language = "de" if role_of[sid] == "translation" else "en"
                writer.writerow([sid, f"docs/{sid}.txt", "", kind, language, "", "", s.name, ""])


def _text(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _section(page: str, name: str) -> str:
    found = re.search(r'<h2 id="' + re.escape(name) + r'">.*?</section>', page, flags=re.S)
    return _text(found.group()) if found else ""


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!”])\s+(?=[A-Z“\"])", text) if s]


def surfaced(edit: Edit, text: str) -> bool:
    """Whether one sentence of ``text`` names the edited report and the change."""
    for sentence in _sentences(text):
        if not re.search(r"\b" + re.escape(edit.source) + r"\b", sentence):
            continue
        if edit.kind in ("figure", "year"):
            if any(_digits(m.group()) == _digits(edit.new) for m in NUMBER.finditer(sentence)):
                return True
        elif edit.kind in ("negation", "modal"):
            if re.search(r"\b" + re.escape(edit.new) + r"\b", sentence):
                return True
        elif DROP_WORDS.search(sentence):
            return True
    return False


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


DERIVATIONS = ("translation", "machine-translation", "copy", "rewrite", "quotes", "renders")


def judge(s: PlantedSet, report: Path, summary: dict, index_rows: dict[str, str]) -> dict:
    """The figures of one set from its event's outputs."""
    role_of = {sid: role for role, sid in s.roles.items()}
    events = [e for e in summary["events"] if set(e["sources"]) & set(s.texts)]
    out: dict = {"set": s.name, "events": len(events), "surfaced": {}, "false": [], "parent": "none"}
    if len(events) != 1 or set(events[0]["sources"]) != set(s.texts):
        out["false"].append(f"the set was cut into {len(events)} events")
    folder = report / events[0]["folder"] if events else None
    page = (folder / "index.html").read_text(encoding="utf-8") if folder else ""
    surfaces = {"stands out": index_rows.get(events[0]["folder"], "") if events else "",
                "overview": _section(page, "overview"), "hand-out answers": _section(page, "teaching")}
    for edit in s.edits:
        out["surfaced"][f"{edit.kind}:{edit.source}"] = {k: surfaced(edit, v) for k, v in surfaces.items()}
        if edit.kind == "drop" and edit.moved:
            # the swap planted in every drop copy: said where one sentence names the copy and a move (truth21)
            out["move said"] = any(re.search(r"\b" + re.escape(edit.source) + r"\b", x) and MOVE_WORDS.search(x)
                                   for x in _sentences(surfaces["overview"]))
    if folder is None:
        return out
    original = s.roles["original"]
    refused = {e for f in _rows(folder / "findings.csv") if f["kind"] == "provenance-edge" and f["verified"] != "True"
               for e in f["evidence"].split(";") if e.startswith("edge:")}
    out["not asserted"] = len([f for f in _rows(folder / "findings.csv") if f["verified"] != "True"])
    for edge in _rows(folder / "provenance.csv"):
        parent, child, relation = edge["from"], edge["to"], edge["relation"]
        if relation not in DERIVATIONS or f"edge:{parent}->{child}:{relation}" in refused:
            continue  # a refused edge is not said (the page leaves it out; findings.csv keeps it)
        if child == s.roles.get("translation") and relation in ("translation", "machine-translation"):
            out["parent"] = "original" if parent == original else f"wrong ({role_of.get(parent, parent or 'outside')})"
        if relation == "quotes" and not parent:
            continue  # a quotation credited to an organisation outside the set (the article quotes it)
        if parent != original or child == original:
            out["false"].append(f"{child} ({role_of.get(child)}) {relation} of {parent or edge['origin'] or 'outside'}"
                                f" ({role_of.get(parent, 'outside')})")
        elif relation == "machine-translation":
            out["false"].append(f"{child} called a machine translation")
    planted = {(e.source, _digits(e.new)) for e in s.edits if e.kind in ("figure", "year")}
    planted |= {(e.source, e.new) for e in s.edits if e.kind in ("negation", "modal")}
    for f in _rows(folder / "findings.csv"):
        if f["verified"] != "True":
            continue
        figures = json.loads(f["figures"] or "{}")
        if f["kind"] == "changed-detail":
            changed = figures.get("changed", "")
            new = figures.get("new", "")
            numeric = figures.get("what") in ("number", "date")
            # a figure read with its scale word ('$5 trillion' is 5000000000000) is the planted '5' where the
            # finding's own words quote it so
            quoted = re.findall(r"\d[\d,.]*\d|\d", figures.get("new_words", ""))
            if not any(source == changed and (_digits(new) == value or value in map(_digits, quoted) if numeric
                                              else value in new.split())
                       for source, value in planted):
                out["false"].append(f"changed-detail: {f['sentence']}")
        if f["kind"] == "left-out":
            drop = next((e for e in s.edits if e.kind == "drop"), None)
            if drop is None or figures.get("changed") != drop.source or figures.get("parent") != original:
                out["false"].append(f"left-out: {f['sentence'][:160]}")
        if f["kind"] == "moved":
            drop = next((e for e in s.edits if e.kind == "drop"), None)
            if drop is None or not drop.moved or figures.get("changed") != drop.source:
                out["false"].append(f"moved: {f['sentence'][:160]}")
        if f["kind"] == "sibling" and original in f["subjects"] and re.search(
                r"neither (is made|copies|renders)", f["sentence"]):
            out["false"].append(f"sibling: {f['sentence']}")  # every other report is made from the original
        named = re.search(r"both [^;]*? ([^\s;]+); ", f["sentence"]) if f["kind"] == "sibling" else None
        if named and "comes from there" in f["sentence"] and named.group(1) != original:
            out["false"].append(f"sibling: {f['sentence']}")
    words = _text(page)
    # a comparison word beside figures that contradicts them ("87% and 73%, below the 50% a copy needs")
    for m in re.finditer(r"(\d+)% and (\d+)%, below the (\d+)%", words):
        if max(int(m.group(1)), int(m.group(2))) >= int(m.group(3)):
            out["false"].append(f"said below: {m.group(0)}")
    # the shortened copy lacks sentences the translation renders: it is not one text with it in two languages
    drop, translation = s.roles.get("drop"), s.roles.get("translation")
    if drop and translation and re.search(rf"\b({drop} and {translation}|{translation} and [\w, -]*\b{drop}\b[\w, -]*) are one "
                                          "(text|article) in two languages", words):
        out["false"].append(f"{drop} (drop) and {translation} (translation) said to be one text in two languages")
    quote_copy = s.roles.get("quote")
    # truth21: how the texts relate, said no stronger than the construction allows
    if translation:
        # the translation renders the original sentence by sentence: not "first written in German", not one of
        # "two reports of one event", and no character score across languages set against a copy's threshold
        if re.search(rf"\b{translation} : taken as first written in", words):
            out["false"].append(f"{translation} (translation) 'taken as first written' in its own language")
        for m in re.finditer(r"\b\S+ and \S+ are siblings: two reports of one event in two languages", words):
            if translation in m.group(0):
                out["false"].append(f"translation and a copy called two reports: {m.group(0)}")
        for m in re.finditer(r"(\d+)% of (\S+) is aligned with (\S+) and \d+% of \S+ with \S+; in close wording", words):
            if translation in (m.group(2), m.group(3)):
                out["false"].append(f"close wording measured across languages: {m.group(2)} / {m.group(3)}")
        # truth27: the tell lists read English only; of the German translation they cannot have "found no sign"
        if re.search(rf"find no sign of translation from another language in {translation}\b"
                     rf"|\b{translation}\b[^.]*tell lists find none in either|\b{translation} No artifact flagged\.",
                     words):
            out["false"].append(f"{translation} (translation) said to show no sign of translation (the tell lists "
                                "do not read its language)")
        modal = next((e for e in s.edits if e.kind == "modal"), None)
        if modal is not None and re.search(rf"\b{translation} (agrees|sides) with {modal.source}\b", words):
            out["false"].append(f"{translation} (translation) said to side with the modal copy {modal.source}")
    figure = next((e for e in s.edits if e.kind == "figure"), None)
    for q in _rows(folder / "quotes.csv"):
        if quote_copy in (q["source"], q["reference_source"]) or s.roles.get("translation") in (
                q["source"], q["reference_source"]) or q["source"] == q["reference_source"]:
            continue
        if figure is not None and figure.source in (q["source"], q["reference_source"]) and (
                figure.new in q["text"] + q["reference_text"]):
            continue  # the changed figure is inside this quotation: a true change
        if s.roles.get("drop") in (q["source"], q["reference_source"]) and not q["added"]:
            continue  # a paragraph dropped from inside a quotation of several paragraphs: a true change
        if q["fidelity"] in ("paraphrase", "divergent") or q["dropped"] or q["added"]:
            out["false"].append(f"quote of {q['speaker']} in {q['source']} called {q['fidelity']} against "
                                f"{q['reference_source']} (dropped {q['dropped']!r}, added {q['added']!r}); no quote edit")
    # no edit changes a name: a "name" tag on one sentence in two English copies is false; across languages it is
    # counted apart (a translator may drop or render a name), not called false (truth17)
    translation = s.roles.get("translation")
    out["name tags across languages"] = 0
    for link in _rows(folder / "links.csv"):
        if "name" not in link["labels"].split(";"):
            continue
        if translation in (link["source_a"], link["source_b"]):
            out["name tags across languages"] += 1
            # no edit changes a name, so a tag is false where the German sentence writes every name-like word of the
            # English one (truth25: readers found p09 c5, p10 c16, p11 c11, p12 c8 tagged across languages falsely)
            english, german = ((link["text_a"], link["text_b"]) if link["source_b"] == translation
                               else (link["text_b"], link["text_a"]))
            if _names_written(english, german):
                out["false"].append(f"'name' tag across languages between {link['source_a']}:{link['sentence_a']} "
                                    f"and {link['source_b']}:{link['sentence_b']}, whose names both write")
        elif link["kind"] == "verbatim":  # one sentence in two copies (a misaligned link joins two sentences)
            out["false"].append(f"'name' tag between {link['source_a']}:{link['sentence_a']} and "
                                f"{link['source_b']}:{link['sentence_b']}")
    # every report carries every statement but the drop copy's dropped paragraphs (truth18: "No quotation of this
    # statement found in p01-a, p01-e" where p01-e quotes it in German); only the drop copy may lack a quotation
    text = _text(page)
    for listed in re.findall(r"No quotation of this statement found in ([^:]+):", text):
        wrong = [sid for sid in (part.split(" ")[0] for part in listed.split(", ")) if sid != s.roles.get("drop")]
        if wrong:
            out["false"].append(f"no quotation found in {', '.join(wrong)}")
    # the original and the translation carry every quotation, so none is found in one source only (truth20: each
    # German rendering of an English quotation read "no other rendering found")
    for q in _rows(folder / "quotes.csv"):
        if q["fidelity"] == "unmatched":
            out["false"].append(f"quotation in {q['source']} said to have no other rendering: {q['text'][:80]}")
    # near-verbatim copies: no pair "differs most" at chrF 90 or more, no verbatim or close quotation is "worded
    # most differently" (truth18: "differs most (chrF 100 …)", "worded most differently … (verbatim, chrF 100")
    for said in re.findall(r"The wording of \S+ and \S+ differs most \(chrF (\d+)", text):
        if int(said) >= 90:
            out["false"].append(f"a pair at chrF {said} said to differ most")
    if re.search(r"quotation worded most differently is [^(]*\((verbatim|close)", text):
        out["false"].append("a verbatim or close quotation said to be worded most differently")
    out["false"].extend(_relation_checks(s, folder))
    for row in _rows(folder / "sentences.csv"):
        if row["only_here"] == "True" and row["background"] != "True" and not row["structure"]:
            out["false"].append(f"'only in' {row['source']} ({role_of.get(row['source'])}) sentence {row['index']}")
    # the Quotes heading counts statements, as the table lists them: "3 quotations" over one statement in four sources
    # counted renderings (truth24, rG1 p14 F3); a statement is a reference wording, or a quotation found alone
    quotes = _rows(folder / "quotes.csv")
    # (one speaker's heading lists each of its statements once; quotes.csv gives no reference offsets, so one wording
    # quoted twice by a source counts once per speaker)
    statements = len({(q["speaker"], q["reference_source"], q["reference_text"]) for q in quotes})
    said = re.search(r"Quotes (\d+) quotations?\b", text)
    if said and quotes and int(said.group(1)) != statements:
        out["false"].append(f"Quotes heading says {said.group(1)} quotations; quotes.csv holds {statements} statements")
    # the quoted words name the person they are credited to ('"… to defeat Donald Trump …," he said' as Trump's:
    # truth24, p06): a speaker seldom names himself so, and every such credit read was wrong
    for q in quotes:
        surname = q["speaker"].split()[-1] if q["speaker"] and q["speaker"] not in UNNAMED else ""
        if surname[:1].isupper() and re.search(rf"(?<![^\W\d_]){re.escape(surname)}(?![^\W\d_])", q["text"]):
            out["false"].append(f"quotation in {q['source']} credited to {q['speaker']}, whom its words name: "
                                f"{q['text'][:60]}")
    out.update(_speaker_checks(s, folder, out["false"]))
    # a person only the German translation names, under a name no English text writes, is a misread German phrase
    # (truth25: "Danny Welbecks Hackentrick", "Osten Berichten", "Pedro Maria Tonha Pedalé Krankenhauses")
    english = " ".join(_fold_text(t) for sid, t in s.texts.items() if sid != translation)
    rows = _rows(folder / "names.csv")
    for name in sorted({r["name"] for r in rows if r["type"] == "person"}):
        cells = {r["source"]: r["spellings"].split(";") for r in rows if r["name"] == name and r["spellings"]}
        # the translation's own spellings are looked for: the row's name may come from another set ('Ted Cruz' where
        # p06 writes 'Cruz')
        if set(cells) == {translation} and not any(_fold_text(f) in english for f in cells[translation]):
            out["false"].append(f"person {name!r} named by the translation only, written in no English text")
    return out


def _fold_text(text: str) -> str:
    """Lower case, accents off, spaces folded: how a name is looked for across the set's texts."""
    from unidecode import unidecode

    return " ".join(unidecode(text).lower().split())


def _names_written(english: str, german: str) -> bool:
    """Does the German sentence write every capitalised word of the English one but its first (a name kept in a
    translation is written the same, perhaps with a German ending: 'Welbecks', 'Kaliforniens' counts by its first
    five letters)?  None to check (no capitalised word) is False: then nothing shows the tag wrong."""
    words = [w for w in re.findall(r"[^\W\d_]+", english)[1:] if w[:1].isupper() and len(w) >= 3]
    folded = _fold_text(german)
    return bool(words) and all(_fold_text(w)[:5] in folded for w in words)


UNNAMED = ("unknown", "a speaker the text does not name", "unidentified", "a speaker the tool could not identify")


def _relation_checks(s: PlantedSet, folder: Path) -> list[str]:
    """How the texts relate, against the construction (truth26).  The drop copy's sentences are all word for word in
    the original, which the translation renders whole: a drop-copy sentence whose twin in the original is linked to
    the translation is linked to it too, else the pair's coverage misses a sentence its rows show (rF2 p09 F8:
    "95% of p09-e" where every sentence of p09-e has a counterpart in the German)."""
    drop, translation, original = (s.roles.get(k) for k in ("drop", "translation", "original"))
    if not (drop and translation and original):
        return []
    rows = _rows(folder / "sentences.csv")
    text = {(r["source"], r["index"]): " ".join(r["text"].casefold().split()) for r in rows}
    compared = {(r["source"], r["index"]) for r in rows if r["background"] != "True" and not r["structure"]}
    linked: set[tuple[str, str, str]] = set()
    for k in _rows(folder / "links.csv"):
        linked |= {(k["source_a"], k["sentence_a"], k["source_b"]), (k["source_b"], k["sentence_b"], k["source_a"])}
    twins = {t: i for (sid, i), t in text.items() if sid == original and (sid, i, translation) in linked}
    return [f"{drop} sentence {i} has no counterpart in {translation} (the pair's coverage), though its word-for-word "
            f"twin in {original} (sentence {twins[t]}) has one"
            for (sid, i), t in sorted(text.items()) if sid == drop and (sid, i) in compared and t in twins
            and (sid, i, translation) not in linked]


def _not_a_name(name: str, texts: dict[str, str]) -> str | None:
    """Why a person's name or a speaker is no name in these texts, or None: written in lower case in some text ("Pepper
    Spray" beside "pepper spray"), written in no text of the set, or a phrase with a word in lower case written in no
    text outside its headline ("Marsch von Tausenden")."""
    if name in UNNAMED or name.startswith("an unnamed "):
        return None
    called = re.fullmatch(r"(.+) \(“(.+)”\)", name)
    if called:  # "the Press Office's note (“the document”)": the text's own word for it is checked too
        if not any(called.group(2) in t for t in texts.values()):
            return f"{called.group(2)!r} is in no text"
        return _not_a_name(called.group(1), texts)
    low = name.lower()
    if low != name and any(re.search(rf"(?<![^\W\d_]){re.escape(low)}(?![^\W\d_])", t) for t in texts.values()):
        return "written in lower case in the set"
    last = name.split()[-1]
    if not any(last in t for t in texts.values()) and not any(
            re.search(r"[\u0400-\u04ff\u4e00-\u9fff]", t) for t in texts.values()):
        return "written in no text of the set"  # (where every text is in Latin script: 习近平 is Xi Jinping)
    bodies = [t.split("\n", 1)[1] if "\n" in t else "" for t in texts.values()]
    # a headline phrase ("Marsch von Tausenden": a word in lower case inside it, not a name's particle) is no name;
    # a headline may name a person its body does not ("Söder äußert sich …", Markus Söder, wmt-de-en-65)
    if any(w[:1].islower() and w not in PARTICLES for w in name.split()[1:]) and not any(
            last in body for body in bodies):
        return "written in headlines only"
    return None


PARTICLES = frozenset("von van der den de da di du des del della le la bin ibn al el zu y".split())
"""Lower-case words of people's names ('Florian von Brunn', 'Ursula von der Leyen')."""


def _speaker_checks(s: PlantedSet, folder: Path, false: list[str]) -> dict[str, int]:
    """Speakers and people that are no names are false (truth19: "Pepper Spray" and "Marsch von Tausenden" quoted as
    speakers and listed as people); the figures count the quotations and how many a speaker is credited with."""
    quotes = _rows(folder / "quotes.csv")
    # a place or body quoted as a speaker ("United Kingdom" for "Britain said") is named by its own spellings
    not_people = {r["name"] for r in _rows(folder / "names.csv") if r["type"] != "person"}
    for speaker in sorted({q["speaker"] for q in quotes} - not_people):
        why = _not_a_name(speaker, s.texts)
        if why:
            false.append(f"speaker {speaker!r}: {why}")
    for row in _rows(folder / "names.csv"):
        why = _not_a_name(row["name"], s.texts) if row["type"] == "person" else None
        if why and row["source"] == min(r["source"] for r in _rows(folder / "names.csv") if r["name"] == row["name"]):
            false.append(f"person {row['name']!r}: {why}")
    false.extend(_joined_people(_rows(folder / "names.csv")))
    return {"quotations": len(quotes), "credited": sum(q["speaker"] not in UNNAMED for q in quotes),
            "people": len({r["entity"] for r in _rows(folder / "names.csv") if r["type"] == "person"})}


def _joined_people(names: list[dict[str, str]]) -> list[str]:
    """Two people in one person row (truth23: "Kanye West (person): Kanye West, Kardashian West, West", Kim
    Kardashian's married name under her husband's row): a spelling of two words or more whose first word is the
    surname of another person row, or two spellings with different known given names before one surname."""
    from compare.annotate.first_names import is_first_name

    spellings: dict[str, set[str]] = {}
    for row in names:
        if row["type"] == "person":
            spellings.setdefault(row["entity"], set()).update(f.strip() for f in row["spellings"].split(";") if f)
    surnames = {e: {f.split()[-1] for f in forms if len(f.split()) > 1} for e, forms in spellings.items()}
    out = []
    for entity, forms in sorted(spellings.items()):
        others = set().union(*(v for e, v in surnames.items() if e != entity)) - surnames[entity]
        fulls = [f.split() for f in forms if len(f.split()) > 1]
        if any(words[0] in others and not is_first_name(words[0]) for words in fulls):
            out.append(f"person row {entity!r} holds another person's surname as a given name: {sorted(forms)}")
        given = {(words[0], words[-1]) for words in fulls if is_first_name(words[0])}
        if any(len({g for g, last in given if last == surname}) > 1 for _, surname in given):
            out.append(f"person row {entity!r} holds two given names of one surname: {sorted(forms)}")
    return out


def index_surfaces(report: Path) -> dict[str, str]:
    """Event folder -> its "what stands out" cell in the index."""
    page = (report / "index.html").read_text(encoding="utf-8")
    out = {}
    for row in re.findall(r"<tr>.*?</tr>", page, flags=re.S):
        link = re.search(r'href="([^"/]+)/index.html"', row)
        cell = re.search(r'data-label="What stands out">(.*?)</td>', row, flags=re.S)
        if link and cell:
            out[link.group(1)] = _text(cell.group(1))
    return out


def run_compare(folder: Path, report: Path, semantic: bool, name: str = "") -> tuple[dict, float]:
    """One ``compare run`` of a set folder as a user starts it (HTML, CSV and JSON, no cache): its summary.json and
    its wall seconds; exits with compare's error where the run fails.  Shared with bench/wmt21_pages.py."""
    command = [PYTHON, "-m", "compare", "run", str(folder), "-o", str(report), "--no-cache", "--force",
               "--format", "html,csv,json"] + ([] if semantic else ["--no-semantic"])
    began = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"compare run failed{f' ({name})' if name else ''}:\n{done.stderr[-3000:]}")
    return json.loads((report / "summary.json").read_text(encoding="utf-8")), seconds


def run_variant(sets: list[PlantedSet], work: Path, declared: bool, semantic: bool) -> tuple[list[dict], float]:
    name = "declared" if declared else "inferred"
    folder, report = work / f"set-{name}", work / f"report-{name}"
    write_set_folder(sets, folder, declared)
    summary, seconds = run_compare(folder, report, semantic, name)
    rows = index_surfaces(report)
    return [judge(s, report, summary, rows) for s in sets], seconds


SURFACES = ("stands out", "overview", "hand-out answers")


def table(name: str, results: list[dict], seconds: float) -> list[str]:
    lines = [f"{name}: {len(results)} sets, {seconds:.0f} s for the run"]
    edits = [(key, v) for r in results for key, v in r["surfaced"].items()]
    kinds = sorted({key.split(":")[0] for key, _ in edits})
    lines.append(f"  {'edit':<10}{'n':>4}" + "".join(f"{s:>18}" for s in SURFACES) + f"{'all three':>12}")
    for kind in kinds + ["all"]:
        chosen = [v for key, v in edits if kind == "all" or key.startswith(kind + ":")]
        if not chosen:
            continue
        cells = [sum(v[s] for v in chosen) / len(chosen) for s in SURFACES]
        every = sum(all(v.values()) for v in chosen) / len(chosen)
        lines.append(f"  {kind:<10}{len(chosen):>4}" + "".join(f"{c:>18.2f}" for c in cells) + f"{every:>12.2f}")
    false = [f"{r['set']}: {x}" for r in results for x in r["false"]]
    parents = [r["parent"] for r in results]
    right = sum(p == "original" for p in parents)
    wrong = sum(p.startswith("wrong") for p in parents)
    lines.append(f"  false findings: {len(false)}; findings not asserted (refused by their verifier): "
                 f"{sum(r.get('not asserted', 0) for r in results)}")
    lines.extend(f"    {x}" for x in false[:30])
    lines.append(f"  'name' tags between the translation and an English report: "
                 f"{sum(r.get('name tags across languages', 0) for r in results)} (none is planted; a translator's "
                 "own naming may make some true)")
    lines.append(f"  quotations listed: {sum(r.get('quotations', 0) for r in results)}, credited to a speaker: "
                 f"{sum(r.get('credited', 0) for r in results)}; people in the names tables: "
                 f"{sum(r.get('people', 0) for r in results)}")
    lines.append(f"  translation parents: {right}/{len(parents)} the original ({right / max(1, len(parents)):.2f}), "
                 f"{wrong} an edited copy, {len(parents) - right - wrong} not said")
    moves = [r["move said"] for r in results if "move said" in r]
    lines.append(f"  drop copies whose planted move the overview says: {sum(moves)}/{len(moves)}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=None, help="at most this many sets (default: every usable article)")
    parser.add_argument("--skip", type=int, default=0, help="leave out the first this many sets (a fresh slice)")
    parser.add_argument("--variant", choices=("declared", "inferred", "both"), default="both")
    parser.add_argument("--no-semantic", action="store_true", help="run compare with --no-semantic")
    parser.add_argument("--keep", type=Path, default=None, help="keep the sets and reports in this folder")
    parser.add_argument("--json", type=Path, default=None, help="write every set's figures here")
    args = parser.parse_args()
    if not WMT.is_dir():
        print(f"{WMT} is absent: nothing to measure", file=sys.stderr)
        return 1
    sets = build_sets(args.sets, args.skip)
    print(f"{len(sets)} sets from en-de articles of {MIN_SEGMENTS}+ segments: "
          + ", ".join(f"{s.name}={s.article} ({s.segments} seg.)" for s in sets))
    print("planted: " + "; ".join(f"{s.name}: " + ", ".join(
        f"{e.kind} {e.old!r}->{e.new!r}" if e.kind != "drop" else f"drop {e.dropped}" for e in s.edits) for s in sets))
    variants = [True, False] if args.variant == "both" else [args.variant == "declared"]
    work = args.keep or Path(tempfile.mkdtemp(prefix="planted-"))
    everything = {}
    for declared in variants:
        results, seconds = run_variant(sets, work, declared, not args.no_semantic)
        name = "declared" if declared else "inferred"
        everything[name] = results
        print("\n".join(table(name, results, seconds)))
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1, sort_keys=True), encoding="utf-8")
    print(f"sets and reports: {work}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
