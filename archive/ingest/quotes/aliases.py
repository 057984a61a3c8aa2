"""A person named in full, then by surname and a form of address (周明 … 周阿姨说, 老周说): the
words given to the form of address are the named person's, when the article names exactly one
person of that surname. An address nobody was named for (王女士 alone) stays unnamed."""

from __future__ import annotations

import re
from collections.abc import Callable

from archive.ingest.names import CJK, SURNAMES
from archive.ingest.quotes.common import MAX_QUOTE, VERB_PATTERN
from archive.ingest.types import ParsedQuote

ADDRESSES = (
    "阿姨|先生|女士|老师|师傅|大爷|大妈|大姐|大哥|奶奶|爷爷|伯伯|叔叔|阿婆|阿伯|老伯|老太|婆婆"
)
MAX_BETWEEN = 6  # 周阿姨笑着说: words between the address and the verb
SAID = rf"[^，,。！？；“”]{{0,{MAX_BETWEEN}}}?(?:{VERB_PATTERN})"
ALIAS = rf"(?:(?P<surname>[{CJK}])(?:{ADDRESSES})|[老小](?P<short>[{CJK}]))"
# “…”周阿姨说 · 周阿姨笑着说：“…” · 老周说，… (the words said without quotation marks)
AFTER_QUOTE = re.compile(rf"“(?P<text>[^“”]{{4,{MAX_QUOTE}}})”\s*{ALIAS}{SAID}")
BEFORE_WORDS = re.compile(
    rf"{ALIAS}{SAID}[，,：:]?\s*(?:“(?P<text>[^“”]{{4,{MAX_QUOTE}}})”|(?P<said>[^。！？“”]{{4,120}}))"
)
MARKS = re.compile(rf"{ADDRESSES}|[老小]")  # a paragraph without one holds no alias


def alias_quotes(paragraphs: list[str], people: Callable[[], set[str]]) -> list[ParsedQuote]:
    """Quotes given to ``周阿姨`` or ``老周`` that belong to the one person of ``people()`` (the
    people the article names, asked only when a form of address speaks) with that surname."""
    found = [
        match
        for paragraph in paragraphs
        if MARKS.search(paragraph)
        for pattern in (AFTER_QUOTE, BEFORE_WORDS)
        for match in pattern.finditer(paragraph)
        if (match["surname"] or match["short"]) in SURNAMES  # 小区居民说: 区 is nobody's name
    ]
    if not found:
        return []
    by_surname: dict[str, set[str]] = {}
    for name in people():
        if "·" not in name and 2 <= len(name) <= 3:
            by_surname.setdefault(name[0], set()).add(name)
    unique = {
        surname: next(iter(names)) for surname, names in by_surname.items() if len(names) == 1
    }
    quotes: list[ParsedQuote] = []
    for match in found:
        person = unique.get(match["surname"] or match["short"])
        text = match["text"] or match.groupdict().get("said")
        if person and text:
            quotes.append(ParsedQuote(person, None, text.strip(), bool(match["text"])))
    return quotes
