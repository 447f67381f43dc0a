"""Page residue: the lines a scraper kept that are not part of the article.

Detection is by line-level features, not by a list of known strings:

* *chrome* lines are strong evidence on their own: rows made only of
  interface words (share buttons, navigation, "Advanced settings"), language
  switchers (``en-GB``, ``ru-RU``), search-result footers ("Showing 1
  result."), editorial codes (a short line carrying a long number), and lines
  that recur across other reports of the same site;
* *dateline* lines ("Posted March 20, 2017", "30 May 2019 14:23") are page
  metadata: they are taken out of the text and read as the publication date;
* *boundary* lines are weak evidence: short unpunctuated lines (mastheads,
  credit lines) count as residue only when they sit in the page's head before a
  chrome line, or in its tail after one.  A title just before the article is
  therefore kept, while "Editor in chief:" above a share row is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Words that make up page interface rather than prose, in the languages the
# toolkit covers.  A line is chrome only if *every* word is one of these.
INTERFACE_WORDS = frozenset(
    """
    share shares sharing tweet tweets retweet like likes facebook twitter x youtube instagram
    linkedin whatsapp telegram viber vk vkontakte ok odnoklassniki reddit pinterest tumblr
    flipboard pocket mastodon threads tiktok rss feed email e-mail mail print printer copy link
    comment comments comentarios commenti kommentare commentaires
    menu home homepage main page pages news all more read also see related latest popular
    most top back to up next previous prev older newer skip content navigation nav
    login log logout sign signin signup register subscribe subscription unsubscribe newsletter
    account profile search results result advanced settings setting options preferences
    language languages english русский deutsch français español italiano 中文 日本語 한국어
    advertisement advertising ads ad sponsored cookie cookies privacy policy terms use contact
    about us imprint impressum follow on our the and of in for with a by via
    tags tag topics topic categories category archive archives sections section
    video videos photo photos gallery galleries audio podcast podcasts live
    поделиться читать также ещё еще новости все главная реклама подписаться войти поиск
    комментарии
    teilen drucken mehr zum thema anmelden suche werbung alle nachrichten startseite
    partager imprimer lire aussi connexion recherche publicité toutes les actualités accueil
    condividi stampa leggi anche accedi cerca pubblicità tutte le notizie
    """.split()
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}[-_][A-Z]{2}\d*$")
_SEARCH_FOOTER = re.compile(
    r"^(showing|displaying|found)\s+\d+(\s*(-|–|to)\s*\d+)?\s+(of\s+\d+\s+)?results?\b"
    r"|^\d+\s+results?\s+(found|for)\b|^page\s+\d+\s+of\s+\d+$|^no\s+results?\b",
    re.IGNORECASE,
)
_EDITORIAL_CODE = re.compile(r"\b\d{5,}\b|^[a-z]{2,4}\s*[-/]\s*[a-z0-9]{2,}$", re.IGNORECASE)
_DATELINE_PREFIX = re.compile(
    r"^(posted|published|updated|last updated|first published|date|opublikowano|опубликовано"
    r"|обновлено|veröffentlicht|aktualisiert|publié|mis à jour|pubblicato|aggiornato)\b[\s:]*",
    re.IGNORECASE,
)
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?"
    r"|nov(ember)?|dec(ember)?|января|февраля|марта|апреля|мая|июня|июля|августа|сентября"
    r"|октября|ноября|декабря|januar|februar|märz|mai|juni|juli|oktober|dezember"
    r"|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre"
)
_DATE_TOKENS = re.compile(
    rf"\d{{1,2}}:\d{{2}}(:\d{{2}})?|\b({_MONTHS})\b\.?|\d{{1,4}}([./-]\d{{1,2}}([./-]\d{{1,4}})?)?"
    r"|\b(am|pm|gmt|utc|msk|cet|cest|jst)\b|[,|·•–—-]",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…。！？]['\"’”»)\]]*$")


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """Why one raw line is residue; ``kind`` is chrome, dateline or boundary."""

    index: int
    kind: str
    reason: str


def words_of(line: str) -> list[str]:
    return _WORD.findall(line)


def normalise_for_repeat(line: str) -> str:
    """Key under which a line counts as 'the same line' on two pages of one site."""
    return re.sub(r"\d+", "0", " ".join(line.casefold().split()))


def _is_dateline(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return False
    rest = _DATELINE_PREFIX.sub("", stripped, count=1)
    prefixed = rest != stripped
    if not re.search(r"\d", rest):
        return False
    leftover = _DATE_TOKENS.sub(" ", rest).strip()
    # Only date words, numbers and separators remain, and there is a year or
    # a time (so "2 + 2" or "Chapter 3" is not taken for a date).
    has_year_or_time = bool(re.search(r"\b(1[89]|20)\d{2}|\d{2}:\d{2}", rest))
    return not leftover and (prefixed or has_year_or_time)


def chrome_reason(line: str, repeated: bool = False) -> str | None:
    """The reason this line is page chrome on its own, or None."""
    stripped = line.strip(" \t-–—•·|>")
    if not stripped:
        return None
    words = words_of(stripped)
    tokens = stripped.split()
    if _SEARCH_FOOTER.search(stripped):
        return "search-result footer"
    if tokens and sum(bool(_LANGUAGE_TAG.match(t)) for t in tokens) >= max(1, len(tokens) - 1):
        return "language switcher"
    if words and len(words) <= 6 and all(w.casefold() in INTERFACE_WORDS for w in words):
        if not _TERMINAL.search(stripped) or len(words) <= 2:
            return "interface words (share buttons, navigation)"
    if len(words) <= 3 and len(tokens) <= 5 and _EDITORIAL_CODE.search(stripped):
        if not _TERMINAL.search(stripped):
            return "editorial code"
    if repeated and len(words) <= 12:
        return "repeated on other pages of the same site"
    return None


def _is_short_fragment(line: str) -> bool:
    words = words_of(line)
    stripped = line.strip()
    return 0 < len(words) <= 8 and (not _TERMINAL.search(stripped) or stripped.endswith(":"))


def _body_lines(lines: Sequence[str]) -> list[int]:
    """Indices of lines inside blocks that read as article prose."""
    body: list[int] = []
    block: list[int] = []

    def close() -> None:
        text = " ".join(lines[i] for i in block)
        if len(words_of(text)) >= 15 and re.search(r"[.!?。！？][\s'\"’”»)]", text + " "):
            body.extend(block)
        block.clear()

    for i, line in enumerate(lines):
        if line.strip():
            block.append(i)
        else:
            close()
    close()
    return body


def find_residue(lines: Sequence[str], repeated: Iterable[int] = ()) -> list[LineVerdict]:
    """Classify the raw lines of one report; returns the residue lines, in order."""
    repeated_set = set(repeated)
    verdicts: dict[int, LineVerdict] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _is_dateline(line):
            verdicts[i] = LineVerdict(i, "dateline", "date line (page metadata)")
            continue
        reason = chrome_reason(line, repeated=i in repeated_set)
        if reason:
            verdicts[i] = LineVerdict(i, "chrome", reason)

    body = _body_lines(lines)
    if body:
        first_body, last_body = body[0], body[-1]
        chrome = [i for i, v in verdicts.items() if v.kind == "chrome"]
        head_chrome = [i for i in chrome if i < first_body]
        tail_chrome = [i for i in chrome if i > last_body]
        if head_chrome:
            for i in range(0, max(head_chrome)):
                if i not in verdicts and _is_short_fragment(lines[i]):
                    verdicts[i] = LineVerdict(i, "boundary", "masthead line above page chrome")
        if tail_chrome:
            for i in range(min(tail_chrome) + 1, len(lines)):
                if i not in verdicts and _is_short_fragment(lines[i]):
                    verdicts[i] = LineVerdict(i, "boundary", "credit or footer line below page chrome")
    return [verdicts[i] for i in sorted(verdicts)]
