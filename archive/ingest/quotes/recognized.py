"""Speakers the rules cannot name, found by the statistical recogniser.

The rules name a speaker by a model of names (a known surname, two to four characters, what may
stand before and after a name). A name outside that model (an unusual surname, a transliteration
printed without its dot, a given name that reads like a word) leaves a speech verb with no
speaker. For those verbs only, the words just before the verb go to the recogniser
(``archive/ingest/recognizer.py``) in one batch per article; a person it finds there, ending at
most a few words before the verb with no punctuation between, is the speaker. The title and the
words said are read as for any other speaker (``anchored.quote_at``).
"""

from __future__ import annotations

import re

from archive.ingest import recognizer
from archive.ingest.gazetteer import place_names
from archive.ingest.names import CJK, UNNAMED_SUFFIXES, ends_with_title
from archive.ingest.quotes.anchored import AFTER_NAME, GAP_STOP, MAX_GAP, quote_at
from archive.ingest.quotes.common import ADVERB_STARTS, sentence_start, title_before
from archive.ingest.types import ParsedQuote

WINDOW = 16  # characters before the verb handed to the recogniser: a title-less name and a gap
# Two to four ideographs, or a transliteration with its dot: what a person's name looks like.
PERSON = re.compile(rf"[{CJK}]{{2,4}}|[{CJK}]{{1,8}}(?:[·•・][{CJK}]{{1,8}}){{1,3}}")


def recognized_quotes(misses: list[tuple[str, re.Match[str], str]]) -> list[ParsedQuote]:
    """Quotes for the (paragraph, verb anchor, next paragraph) the rules left without speaker."""
    if not misses or not recognizer.enabled():
        return []
    windows = []
    for paragraph, anchor, _following in misses:
        start = max(sentence_start(paragraph, anchor.start()), anchor.start() - WINDOW)
        windows.append((start, paragraph[start : anchor.start()]))
    found = recognizer.person_spans([window for _, window in windows])
    quotes = []
    for (paragraph, anchor, following), (offset, window), spans in zip(
        misses, windows, found, strict=True
    ):
        speaker = _speaker(window, spans)
        if speaker is None:
            continue
        start, name = offset + speaker[0], window[speaker[0] : speaker[1]]
        title, quote_before = title_before(paragraph, start)
        made = quote_at(
            paragraph, anchor, following, (name, title, quote_before), boundary_known=True
        )
        if made is not None:
            quotes.append(made[0])
    return quotes


def _speaker(window: str, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The person nearest the verb, if only a few words with no punctuation stand between."""
    if not spans:
        return None
    start, end = spans[-1]
    gap, name = window[end:], window[start:end]
    if len(gap) > MAX_GAP or GAP_STOP.search(gap):
        return None
    # Between the name and the verb only an adverb or a title (笑着说, 校长表示); anything else
    # means the model cut the name short (a given name's last character left before the verb).
    if gap and not (gap[0] in ADVERB_STARTS or gap.startswith(AFTER_NAME)):
        return None
    if not PERSON.fullmatch(name) or name in place_names() or ends_with_title(name):
        return None
    if name.endswith(UNNAMED_SUFFIXES) or (name[-1] + gap).startswith(UNNAMED_SUFFIXES):
        return None  # 李阿姨, 王女士, 王老|先生: no one by name
    return start, end
