"""Unicode clean-up that keeps what later stages need to see.

NFC composition, one kind of line break, no invisible or control characters,
no-break and other exotic spaces made plain.  Typographic quotes, dashes and
guillemets are *kept*: quote detection and the typography detectors read
them.  Each change is counted and recorded so the report can say what was
touched.
"""

from __future__ import annotations

import re
import unicodedata

from compare.model import Removal

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_LINE_SEPARATORS = re.compile("\r\n|\r|\u2028|\u2029|\x85")

OPENING_QUOTES = "\u201c\u201e\u00ab\u2039\u201a\u2018\u300c\u300e\""
CLOSING_QUOTES = "\u201d\u201c\u00bb\u203a\u2019\u300d\u300f\""
DASHES = "\u2013\u2014\u2012\u2015\u2212"


def normalize_text(text: str) -> tuple[str, list[Removal]]:
    """Return the normalised text and a record of each kind of change made."""
    removed: list[Removal] = []

    def sub(pattern: re.Pattern[str], repl: str, value: str, step: str, reason: str) -> str:
        new, count = pattern.subn(repl, value)
        if count:
            removed.append(Removal(step=step, reason=f"{reason} ({count})", text=""))
        return new

    text = sub(_LINE_SEPARATORS, "\n", text, "normalize", "line breaks made uniform")
    composed = unicodedata.normalize("NFC", text)
    if composed != text:
        removed.append(Removal(step="normalize", reason="Unicode composed to NFC", text=""))
    text = composed
    text = sub(_INVISIBLE, "", text, "normalize", "invisible characters removed")
    text = sub(_CONTROL, "", text, "normalize", "control characters removed")
    text = sub(_SPACES, " ", text, "normalize", "no-break and other special spaces made plain")
    return text, removed
