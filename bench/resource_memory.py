"""What each language resource a run loads adds to a process's memory, loaded one after another as a run meets them.

    python bench/resource_memory.py                      # this checkout
    PYTHONPATH=<old checkout> python bench/resource_memory.py   # the same loads on older code
    python bench/resource_memory.py --lookups-against <old checkout>   # lookup cost, both table formats, one process

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
trie5) and a run asks them once per distinct token.  Timings from two
processes on a shared machine differ by the load of the moment, so
``--lookups-against`` instead builds the older checkout's table files (its
``compare/mapped_table.py``) in a temporary folder beside this checkout's, checks
that both answer the same, and alternates passes over the two in one process
(best of 25 each).
"""

from __future__ import annotations

import gc
import importlib.util
import sys
import tempfile
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
    if len(sys.argv) == 3 and sys.argv[1] == "--lookups-against":
        lookups_against(Path(sys.argv[2]))
        return 0
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


def lookups_against(old_checkout: Path, rounds: int = 25) -> None:
    """Microseconds per ``get``, the older checkout's table format against this one's, alternating in one process."""
    import wordfreq

    from compare import lemmas, mapped_table, wordfreqs

    spec = importlib.util.spec_from_file_location("old_mapped_table", old_checkout / "compare" / "mapped_table.py")
    assert spec is not None and spec.loader is not None
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    with tempfile.TemporaryDirectory() as folder:
        for language in ("en", "de", "fr", "ru"):
            top = wordfreq.top_n_list(language, 3000)
            words = top + [word.capitalize() for word in top] + [word + "s" for word in top]
            buckets = wordfreq.get_frequency_list(language)
            sources = {"lemma": lemmas.decoded_dictionary(language),
                       "zipf": {word.encode(): str(index).encode() for index, bucket in enumerate(buckets)
                                for word in bucket}}
            for name, entries in sources.items():
                pair = {}
                for label, module in (("old", old), ("new", mapped_table)):
                    path = Path(folder) / f"{label}-{name}-{language}"
                    module.write(path, entries)
                    table = module.MappedTable(path)
                    pair[label] = wordfreqs.FrequencyTable(table) if name == "zipf" else table
                assert all(pair["old"].get(word) == pair["new"].get(word) for word in words)
                best = {label: _seconds(table.get, words) for label, table in pair.items()}
                for _ in range(rounds):
                    for label, table in pair.items():
                        best[label] = min(best[label], _seconds(table.get, words))
                print(f"lookup {name:5s} {language}: old {best['old'] / len(words) * 1e6:5.2f} us, "
                      f"new {best['new'] / len(words) * 1e6:5.2f} us, new/old {best['new'] / best['old']:.2f}",
                      flush=True)


def _seconds(get: Callable[[str], object], words: list[str]) -> float:
    started = time.perf_counter()
    for word in words:
        get(word)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
