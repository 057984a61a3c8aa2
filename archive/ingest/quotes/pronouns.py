"""Whom 他 or 她 before a speech verb stands for: the one person named just before, in the
sentence or the one before it, or, for a paragraph that opens on the words said, in the
paragraph above (a feature names its subject, then quotes them a paragraph later)."""

from __future__ import annotations

import re

from archive.ingest.gazetteer import place_names
from archive.ingest.names import best_name
from archive.ingest.quotes.common import (
    MAX_NAME,
    MAX_REACH,
    OWN_WRITER,
    TITLED_NAME,
    sentence_start,
    title_before,
)
from archive.ingest.quotes.nearby import described_person, opening_person

# 她表示 · 他也说 · 她笑着说 · 她略带感慨地说: a pronoun for one person, and a few words or
# an adverbial in 地, before the verb.
NOT_IN_GAP = "，,。！？；“”他她们"
PRONOUN_BEFORE_VERB = re.compile(rf"[他她](?:[^{NOT_IN_GAP}]{{0,4}}|[^{NOT_IN_GAP}]{{1,8}}地)$")


MAX_PRONOUN_GAP = 10
WORDS_SAID = re.compile(r"“[^“”]*”?")  # a quote up to its last stop, the closing mark after it


def pronoun_antecedent(
    paragraph: str, position: int, taken_until: int, before: str = ""
) -> tuple[str, str | None, str | None] | None:
    """``某台记者周明也参加了活动，她表示…``: 他 or 她 before the verb stands for the one titled
    person named earlier in the sentence or the one before it; with two named, nobody. A
    paragraph that opens on the words said and the pronoun (“…”她说) names no one before them:
    the one person the paragraph above names is meant."""
    pronoun = PRONOUN_BEFORE_VERB.search(paragraph, max(0, position - MAX_PRONOUN_GAP), position)
    if pronoun is None:
        return None
    floor = max(0, taken_until, position - MAX_REACH)
    this_sentence = sentence_start(paragraph, pronoun.start(), floor)
    opening = paragraph[:this_sentence].strip()
    if before and not taken_until and (not opening or WORDS_SAID.fullmatch(opening)):
        return _one_person(before, [before], [0, len(before)])
    start = sentence_start(paragraph, this_sentence - 1, floor) if this_sentence > floor else floor
    clauses = [paragraph[start:this_sentence], paragraph[this_sentence : pronoun.start()]]
    return _one_person(paragraph, clauses, [start, pronoun.start()])


def _one_person(
    paragraph: str, clauses: list[str], span: list[int]
) -> tuple[str, str | None, str | None] | None:
    """The one person named in ``paragraph[span]``: after a title, or opening one of the
    clauses as its subject (局长周明出席会议。周明向…致以问候。); with two, nobody."""
    start, end = span
    window = paragraph[start:end]
    people: dict[str, tuple[str, str | None, str | None]] = {}
    for match in TITLED_NAME.finditer(window):
        name = best_name(window[match.start("name") : match.start("name") + MAX_NAME])
        if name is None or name in place_names():
            continue
        title, quote_before = title_before(paragraph, start + match.start("name"))
        if title and title not in OWN_WRITER:
            people.setdefault(name, (name, title, quote_before))
    for clause in (part for text in clauses for part in CLAUSE_STOPS.split(text)):
        subject = opening_person(clause.lstrip("“” ")) or described_person(clause)
        if subject and all(subject not in name and name not in subject for name in people):
            people[subject] = (subject, None, None)
    return next(iter(people.values())) if len(people) == 1 else None


CLAUSE_STOPS = re.compile(r"(?<=[。！？!?])")
