"""Traditional characters read as simplified for matching, and given back as printed.

Hong Kong, Taiwan and some mainland pages print 本報記者, 攝, 閔行區. Every rule of the parser
(credit roles, speech verbs, title words, the gazetteer, the surname table) is written once, in
simplified characters, so the page is folded to simplified before it is read, one character for
one character: a position in the folded text is the same position in the printed text, as
``text.fold`` keeps positions for full-width forms. What the parser found is then given back in the
page's own script, so a traditional page keeps its printed names, titles and body.

The converter is OpenCC's traditional-to-simplified table (the ``opencc`` package, Apache-2.0; its
dictionaries ship inside the wheel). It is asked one character at a time, never for phrases, so it
never changes a length; each character is asked once per process.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

import opencc

from archive.ingest.types import ParsedArticle, ParsedByline, ParsedPhoto, ParsedQuote

# The CJK unified ideographs (with extension A) and the compatibility ideographs.
IDEOGRAPH_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF))
IDEOGRAPHS = re.compile("[\u3400-\u9fff\uf900-\ufaff]")

EXACT_LOOKUPS = 200
_simplified_of: dict[str, str] = {}  # character → its simplified form, for characters asked once
_changed_of: dict[str, str] = {}  # the same, only for the characters that fold to another
_learning = threading.Lock()


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _learn(characters: set[str]) -> None:
    """Ask the converter for characters not seen before, one per line so no phrase forms."""
    unseen = sorted(characters - _simplified_of.keys())
    if not unseen:
        return
    with _learning:
        converted = _converter().convert("\n".join(unseen)).split("\n")
        if len(converted) != len(unseen):  # never seen; if it happens, fold nothing new
            converted = unseen
        for character, simplified in zip(unseen, converted, strict=True):
            _simplified_of[character] = simplified if len(simplified) == 1 else character
            if _simplified_of[character] != character:
                _changed_of[character] = _simplified_of[character]


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern[str]:
    """Any ideograph that folds to another: every ideograph is asked of the converter once, in
    one call (40 ms), so a page in simplified characters is told by one search, without
    collecting its distinct characters."""
    _learn({chr(code) for low, high in IDEOGRAPH_RANGES for code in range(low, high + 1)})
    if not _changed_of:  # the converter gave nothing back: nothing folds
        return re.compile("(?!)")
    return re.compile(f"[{''.join(map(re.escape, sorted(_changed_of)))}]")


def to_simplified(text: str) -> str:
    """The text with each traditional character replaced by its simplified one; same length."""
    return fold_script(text).folded


@dataclass(frozen=True)
class ScriptFolding:
    """A page's text folded to simplified, and the way back to the characters it printed."""

    printed: str
    folded: str
    _printed_of: dict[int, str] = field(default_factory=dict, repr=False)
    # Folded characters this page prints in more than one way (区 as 區 and as 区).
    _ambiguous: frozenset[str] = frozenset()
    _lookups_left: list[int] = field(default_factory=lambda: [EXACT_LOOKUPS], repr=False)

    @property
    def changed(self) -> bool:
        return bool(self._printed_of or self._ambiguous)

    def restore(self, text: str | None) -> str | None:
        """A string found in the folded text, in the characters the page printed."""
        if not text or not self.changed:
            return text
        if self._ambiguous.intersection(text) and self._lookups_left[0] > 0:
            # Where the page printed this very string: exact. Bounded, so a page of 50,000
            # names costs at most EXACT_LOOKUPS scans of it.
            self._lookups_left[0] -= 1
            at = self.folded.find(text)
            if at >= 0:
                return self.printed[at : at + len(text)]
        return text.translate(self._printed_of)


def fold_script(text: str) -> ScriptFolding:
    """Fold a page to simplified and remember, per folded character, what the page printed.

    A simplified character that stands for two traditional ones (发 for 發 and 髮) is given back as
    the one this page prints most often; one the page also prints as itself is left as it is when
    that is the more frequent.
    """
    if not _foldable().search(text):
        return ScriptFolding(printed=text, folded=text)  # simplified already: nothing to give back
    # The distinct characters first (a set of the text is several times faster than a regex
    # over it), then the ideographs among them in one regex call over the few hundred left.
    characters = set(IDEOGRAPHS.findall("".join(set(text))))
    _learn(characters)
    # Most pages print no character that folds: intersect with those that do, in C.
    table = {
        ord(character): _changed_of[character] for character in characters & _changed_of.keys()
    }
    if not table:
        return ScriptFolding(printed=text, folded=text)
    folded = text.translate(table)
    targets = set(table.values())
    printed_as: dict[str, Counter[str]] = {}
    counts = Counter(text)
    for character in characters:
        simplified = _simplified_of[character]
        if simplified in targets:
            printed_as.setdefault(simplified, Counter())[character] += counts[character]
    printed_of = {}
    for simplified, seen in printed_as.items():
        # The most printed form; on a tie the traditional one (the page is a traditional page),
        # then the lowest code point: the same answer whatever order the set gave them in.
        printed = max(seen, key=lambda form: (seen[form], form != simplified, -ord(form)))
        if printed != simplified:
            printed_of[ord(simplified)] = printed
    ambiguous = frozenset(simplified for simplified, seen in printed_as.items() if len(seen) > 1)
    return ScriptFolding(text, folded, printed_of, ambiguous)


# The printed text of each kind of result; a byline's role is a word of the credit lexicon (记者,
# 摄影), not printed text, so it stays simplified, as a photo's source and a quote's kind do.
PRINTED_FIELDS = {
    ParsedArticle: (
        "title",
        "body",
        "kicker",
        "subtitle",
        "column",
        "original_title",
        "publication",
        "page",
    ),
    ParsedByline: ("name",),
    ParsedPhoto: ("caption", "credit", "photographer"),
    ParsedQuote: ("speaker", "title", "text"),
}


def in_printed_script(article: ParsedArticle, script: ScriptFolding) -> ParsedArticle:
    """An article parsed from the folded page, with every string in the page's own characters."""
    if not script.changed:
        return article
    raw = article.raw_text
    if raw and script.folded.endswith(raw):  # the page's text from the same position: exact
        raw = script.printed[len(script.printed) - len(raw) :]
    return replace(
        _restored(article, script),
        bylines=tuple(_restored(byline, script) for byline in article.bylines),
        photos=tuple(_restored(photo, script) for photo in article.photos),
        quotes=tuple(_restored(quote, script) for quote in article.quotes),
        sections=tuple(script.restore(section) for section in article.sections),
        raw_text=raw,
    )


def _restored(item, script: ScriptFolding):
    names = PRINTED_FIELDS[type(item)]
    return replace(item, **{name: script.restore(getattr(item, name)) for name in names})
