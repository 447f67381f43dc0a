"""Language resources: what each costs to load (memory, seconds) and which ones a run loads.

    python bench/resources.py                   # cost of each resource, each in a fresh process
    python bench/resources.py --together en de fr ru zh   # all a run on these languages loads, one process
    python bench/profile_run.py SOURCE          # its runs record which resources they loaded (uses this module)

Issue 17 says 1.4 GB of language resources load whatever the languages of
the set.  This measures it instead of assuming it:

* **cost**: for each resource compare reads (py3langid's model, langdetect's
  profiles, simplemma's lemma dictionary and wordfreq's frequency list and
  dictionary per language, jieba through wordfreq's Chinese tokenizer,
  natasha's Russian NER, dateparser's locales, babel's CLDR names, the web2
  word list), a fresh process imports what compare imports to reach it,
  then loads it through compare's own function; the growth of the resident
  set size (RSS, /proc/self/statm) and the seconds are the resource's cost.
  Loads share memory (a module imported by one is not paid again by the
  next), so the costs do not add up exactly to a run's RSS.
* **census** (``install_recorders`` / ``census``): bench/profile_run.py
  calls these around a run, so a profile says which resources that run
  loaded, per language.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# name -> (setup: imports compare needs to reach the resource, load: the first use)
RESOURCES: dict[str, tuple[str, str]] = {
    "py3langid model": ("import compare.lang as m", "m._py3langid()"),
    "langdetect profiles (55 languages)": (
        "import compare.lang as m", "m.LangdetectDetector().detect('This is plainly an English sentence about a meeting.')"),
    **{f"simplemma {lang}": ("from compare.align.features import lemma", f"lemma('houses', '{lang}')")
       for lang in ("en", "de", "fr", "ru")},
    **{f"wordfreq {lang} (zipf dict{' + jieba' if lang == 'zh' else ''})": ("from compare.wordfreqs import zipf", f"zipf('{word}', '{lang}')")
       for lang, word in (("en", "house"), ("de", "haus"), ("fr", "maison"), ("ru", "дом"), ("zh", "中国"))},
    "jieba (wordfreq's zh tokenizer)": ("from wordfreq import tokenize", "tokenize('我们在北京开会。', 'zh')"),
    **{f"wordfreq {lang} (stopwords list)": ("from compare.align.features import stopwords", f"stopwords('{lang}')")
       for lang in ("en", "de")},
    "natasha (ru names)": ("from compare.annotate.names import _natasha", "_natasha()"),
    "dateparser (en month names)": ("from compare.annotate.dates import _names", "_names('en')"),
    "dateparser parse()": ("from compare.ingest.clean import parse_date", "parse_date('Posted on 30 May 2019')"),
    "babel CLDR names": ("from compare.artifacts._words import known_names", "known_names()"),
    "web2 word list": ("from compare.artifacts._words import web2", "web2()"),
}

_PROBE = """
import json, os, sys, time
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
before_import = rss()
{setup}
before = rss()
t = time.perf_counter()
{load}
seconds = time.perf_counter() - t
print(json.dumps({{"import_mb": before - before_import, "load_mb": rss() - before, "seconds": seconds, "rss_mb": rss()}}))
"""


def cost(name: str) -> dict:
    setup, load = RESOURCES[name]
    done = subprocess.run([sys.executable, "-c", _PROBE.format(setup=setup, load=load)], cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- census of one run (in its process)

_LOADED: dict[str, set] = {"simplemma": set(), "wordfreq list": set()}


def install_recorders() -> None:
    """Record which languages simplemma and wordfreq load (call before the run, in its process)."""
    import wordfreq
    from simplemma.strategies.dictionaries import dictionary_factory

    disk = dictionary_factory._load_dictionary_from_disk

    def recorded_disk(lang, *args, **kwargs):
        _LOADED["simplemma"].add(lang)
        return disk(lang, *args, **kwargs)

    dictionary_factory._load_dictionary_from_disk = recorded_disk
    frequency_list = wordfreq.get_frequency_list

    def recorded_list(lang, wordlist="best", *args, **kwargs):
        _LOADED["wordfreq list"].add(f"{lang}/{wordlist}")
        return frequency_list(lang, wordlist, *args, **kwargs)

    # wordfreq's functions look the name up in their module at call time; the lru cache stays underneath, and
    # its handles stay reachable (compare.wordfreqs clears it after building a table: without them a profiled
    # run stopped on ``get_frequency_list.cache_clear``).
    recorded_list.cache_clear = frequency_list.cache_clear  # type: ignore[attr-defined]
    recorded_list.cache_info = frequency_list.cache_info  # type: ignore[attr-defined]
    wordfreq.get_frequency_list = recorded_list


def census() -> dict:
    """Which resources this process holds now (call after the run)."""
    modules = sys.modules
    out: dict = {
        "simplemma dictionaries": sorted(_LOADED["simplemma"]),
        "wordfreq lists": sorted(_LOADED["wordfreq list"]),
    }
    if "wordfreq" in modules:
        info = modules["wordfreq"].get_frequency_dict.cache_info()
        out["wordfreq dicts"] = info.currsize
    tokens = modules.get("wordfreq.tokens")
    out["jieba (wordfreq's zh tokenizer)"] = bool(tokens and getattr(tokens, "_jieba_tokenize", None))
    names = modules.get("compare.annotate.names")
    out["natasha"] = bool(names and names._natasha.cache_info().currsize)
    lang = modules.get("compare.lang")
    out["py3langid"] = bool(lang and lang._load_py3langid.cache_info().currsize)
    factory = modules.get("langdetect.detector_factory")
    out["langdetect profiles"] = bool(factory and getattr(factory, "_factory", None) is not None)
    loader = modules.get("dateparser.languages.loader")
    if loader is not None:
        out["dateparser locales"] = sorted(getattr(loader.default_loader, "_loaded_locales", {}))
    words = modules.get("compare.artifacts._words")
    out["web2"] = bool(words and words.web2.cache_info().currsize)
    out["babel names"] = bool(words and words.known_names.cache_info().currsize)
    out["modules loaded"] = sorted(m for m in ("jieba", "natasha", "navec", "slovnet", "pymorphy2", "dateparser",
                                               "langdetect", "py3langid", "babel", "english_words", "sacrebleu",
                                               "sklearn", "scipy", "trafilatura", "torch", "sentence_transformers")
                                   if m in modules)
    with open("/proc/self/statm") as handle:
        out["rss_mb_now"] = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return out


_TOGETHER = """
import os, time
def rss():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
import compare.cli, compare.pipeline, compare.report
start = rss()
t = time.perf_counter()
import compare.lang as m
m._py3langid(); m.LangdetectDetector().detect('This is plainly an English sentence about a meeting.')
from compare.align.features import lemma, stopwords, SIMPLEMMA_LANGS
from compare.wordfreqs import zipf
from compare.annotate.dates import _names
from compare.ingest.clean import parse_date
from compare.artifacts._words import known_names, web2
known_names(); web2(); parse_date('Posted on 30 May 2019')
for lang in {languages!r}:
    if lang in SIMPLEMMA_LANGS:
        lemma('houses', lang)
    zipf('x', lang); stopwords(lang); _names(lang)
    if lang == 'ru':
        from compare.annotate.names import _natasha
        _natasha()
print(f"{{start:.0f}} {{rss():.0f}} {{time.perf_counter() - t:.2f}}")
"""


def together(languages: list[str]) -> None:
    """Every resource a run on these languages loads, in one process: the floor under its RSS."""
    done = subprocess.run([sys.executable, "-c", _TOGETHER.format(languages=languages)], cwd=REPO,
                          capture_output=True, text=True, check=True)
    start, end, seconds = done.stdout.split()
    print(f"languages {' '.join(languages)}: RSS {start} MB after compare's imports, {end} MB with every resource "
          f"they need loaded (+{int(end) - int(start)} MB, {seconds} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names (substrings) of the resources to measure")
    parser.add_argument("--together", nargs="+", metavar="LANG",
                        help="instead: load every resource a run on these languages needs, in one process")
    args = parser.parse_args()
    if args.together:
        together(args.together)
        return
    baseline = json.loads(subprocess.run(
        [sys.executable, "-c", _PROBE.format(setup="import compare.cli", load="pass")], cwd=REPO,
        capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    print(f"a fresh process after `import compare.cli`: {baseline['rss_mb']:.0f} MB RSS "
          f"(the import itself {baseline['import_mb']:.0f} MB)\n")
    print(f"{'resource':<36} {'load MB':>8} {'load s':>7} {'imports MB':>10} {'RSS after':>9}")
    total = 0.0
    for name in RESOURCES:
        if args.only and not any(o in name for o in args.only):
            continue
        result = cost(name)
        if "error" in result:
            print(f"{name:<36} failed: {result['error']}")
            continue
        total += result["load_mb"]
        print(f"{name:<36} {result['load_mb']:8.0f} {result['seconds']:7.2f} {result['import_mb']:10.0f} "
              f"{result['rss_mb']:9.0f}", flush=True)
    print(f"{'sum of the loads':<36} {total:8.0f}")


if __name__ == "__main__":
    main()
