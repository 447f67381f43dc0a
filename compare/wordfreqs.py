"""Word frequencies from wordfreq, without crashing on languages that need an extra tokenizer.

wordfreq tokenizes Chinese with jieba (a dependency of compare) and Japanese
or Korean with MeCab (not installed): rather than failing a whole run on a
Japanese report, a frequency we cannot look up is ``None`` and callers treat
the word as unknown.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


@lru_cache(maxsize=1)
def _quiet_jieba() -> None:
    """jieba prints "Prefix dict has been built successfully." into the user's terminal; it has nothing to say."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str | None) -> float | None:
    """Zipf frequency of ``word`` (0 = unseen, 7 = 'the'), or None where wordfreq cannot tell."""
    from wordfreq import zipf_frequency

    lang = (language or "en").split("-")[0].lower()
    if lang not in _languages():
        return None
    if lang == "zh":
        _quiet_jieba()
    try:
        return zipf_frequency(word, lang)
    except ImportError:  # the language's tokenizer (MeCab for ja/ko) is not installed
        return None
