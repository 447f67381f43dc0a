"""What each language resource a run loads adds to a process's memory, loaded one after another as a run meets them.

    python bench/resource_memory.py                      # this checkout
    PYTHONPATH=<old checkout> python bench/resource_memory.py   # the same loads on older code

Why: a 1,000-document WMT21 run (en, de, fr, ru, zh) held about 1 GB of
language resources before it read a sentence (issue 24); this says which
ones, so a cut can be aimed and measured.  Each line is the private memory
(``Private_Clean + Private_Dirty`` of ``/proc/self/smaps_rollup``: what no
other process shares; a mapped file's pages count here until a forked worker
maps them too) and the CPU seconds one loader added, after a garbage
collection.  A run calls ``compare.wordfreqs.compact_frequencies`` first, so
this does too where the checkout has it.

Last, the cost of one lookup in each loaded lemma and frequency table
(microseconds, the best of three passes over wordfreq's 3,000 most frequent
words of the language, each also capitalised and with an "s" appended so
that misses are timed too): the tables' format changed (issue 24, worktree
trie5) and a run asks them once per distinct token.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

LANGUAGES = ("en", "de", "fr", "ru", "zh")


def private_mb() -> float:
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if len(parts) == 2:
            fields[name] = int(parts[0])
    return (fields["Private_Clean"] + fields["Private_Dirty"]) / 1024


def main() -> int:
    start = last = private_mb()

    def step(name: str, load: Callable[[], object]) -> None:
        nonlocal last
        cpu = time.process_time()
        load()
        gc.collect()
        now = private_mb()
        print(f"{name:28s} {now - last:+8.1f} MB  (process {now:7.1f} MB)  {time.process_time() - cpu:5.2f} CPU-s",
              flush=True)
        last = now

    def imports() -> None:
        import compare.cli  # noqa: F401
        import compare.report.writer  # noqa: F401
        import compare.stages  # noqa: F401

    step("imports", imports)
    from compare import wordfreqs

    if hasattr(wordfreqs, "compact_frequencies"):
        wordfreqs.compact_frequencies()
    from compare.align import features
    from compare.annotate import chinese, first_names, names
    from compare.artifacts import _words
    from compare.lang import _load_py3langid
    from compare.semantic import synonyms

    for language in LANGUAGES:
        step(f"simplemma lemmas {language}", lambda language=language: features.lemma("houses", language))
    for language in LANGUAGES:
        step(f"wordfreq top words {language}", lambda language=language: features.stopwords(language))
    for language in LANGUAGES:
        step(f"wordfreq zipf {language}", lambda language=language: wordfreqs.zipf("haus", language))
    step("WordNet map", lambda: synonyms.synsets("dog"))
    step("web2 word list", _words.web2)
    step("known names", _words.known_names)
    step("first names", first_names._first_names)
    step("natasha (ru names)", names._natasha)
    step("jieba tagger (zh)", chinese._tagger)
    step("py3langid model", _load_py3langid)
    print(f"{'all':28s} {last - start:+8.1f} MB")
    lookup_costs()
    return 0


def lookup_costs() -> None:
    """Microseconds per ``get`` of simplemma's table and wordfreq's frequency dict, as a run's code calls them."""
    import wordfreq

    from compare import lemmas

    for language in ("en", "de", "fr", "ru"):
        top = wordfreq.top_n_list(language, 3000)
        words = top + [word.capitalize() for word in top] + [word + "s" for word in top]
        for name, table in (("lemma", lemmas.dictionary(language)),
                            ("zipf", wordfreq.get_frequency_dict(language))):
            best = min(_seconds(table.get, words) for _ in range(3))
            print(f"lookup {name} {language:14s} {best / len(words) * 1e6:8.2f} us  ({len(words)} words)", flush=True)


def _seconds(get: Callable[[str], object], words: list[str]) -> float:
    started = time.perf_counter()
    for word in words:
        get(word)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
