"""The parse with the name recogniser, as ``bench_import`` times it beside the rules alone.

The recogniser is meant for where the rules stop, so the parse hands it only two kinds of text
(one call per page, all of that page's pieces batched together):

- credit lines: short lines that print a credit's role (记者, 通讯员, 摄影 …) or end in 摄, where
  the names of a byline or a photo credit are;
- speech the rules left without a speaker: in a sentence of an article's body with a speech verb
  (表示, 说, 介绍 …) and none of the speakers the rules found, the ``WINDOW`` characters before
  each verb and the verb (a name is printed just before its verb; on the development set such
  windows kept 61 of the 66 speakers the model found in whole sentences, at 29 % of the text),
  or with ``window=None`` the whole sentence.

Until the rules call the recogniser themselves, this is what the "with" figures time: the parse
(recogniser switched on) and then the recogniser over those pieces. ``every_sentence`` is the
naive way beside them: the recogniser over the whole of every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from archive.ingest import recognizer
from archive.ingest.bylines import ROLE_WORDS
from archive.ingest.names import SPEECH_VERBS
from archive.ingest.parser import parse_text
from archive.ingest.types import ParsedArticle

CREDIT_LINE = 40  # characters: a byline or a photo credit, not a paragraph
CREDIT = re.compile("|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r"|摄\s*$")
SPEECH = re.compile("|".join(sorted(SPEECH_VERBS, key=len, reverse=True)))
WINDOW = 16  # characters before a speech verb: a title and a name


def parse_with_recognizer(
    page: str, *, window: int | None = WINDOW
) -> tuple[list[ParsedArticle], list[list[tuple[int, int]]]]:
    """The page's articles, and the people the recogniser finds in the pieces the rules hand it."""
    articles = parse_text(page)
    pieces = list(handed_pieces(page, articles, window=window))
    return articles, recognizer.person_spans(pieces)


def handed_pieces(
    page: str, articles: list[ParsedArticle], *, window: int | None = WINDOW
) -> Iterator[str]:
    for line in page.splitlines():
        line = line.strip()
        if 0 < len(line) <= CREDIT_LINE and CREDIT.search(line):
            yield line
    for article in articles:
        speakers = [quote.speaker for quote in article.quotes]
        for start, end in recognizer.sentences(article.body):
            sentence = article.body[start:end]
            if any(name in sentence for name in speakers):
                continue
            verbs = [verb.span() for verb in SPEECH.finditer(sentence)]
            if verbs and window is None:
                yield sentence
            elif verbs:
                yield from _before(sentence, verbs, window)


def _before(sentence: str, verbs: list[tuple[int, int]], window: int) -> Iterator[str]:
    """The window before each verb, through the verb; windows that overlap are joined."""
    start, end = None, None
    for verb_start, verb_end in verbs:
        begin = max(0, verb_start - window)
        if end is not None and begin > end:
            yield sentence[start:end]
            start = None
        start = begin if start is None else start
        end = verb_end
    if end is not None:
        yield sentence[start:end]


def every_sentence(page: str) -> list[list[tuple[int, int]]]:
    """The naive way: the recogniser over the whole page."""
    return recognizer.person_spans([page])
