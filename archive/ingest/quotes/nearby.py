"""Words printed next to a name with no speech verb between them.

A titled name, then a quote in the same sentence (…党委书记周明的周末…，“别看…”); a quote,
then a titled name (“…”这句话出自…主任周明 · “…”…书记周明笑了); a titled name, then
a sentence that is nothing but a quote, or 他/她 + verb opening the next sentence; a quote, then
a sentence whose subject is a named person (“这次回来就不走了！”出生在镇上的周明是…).
"""

from __future__ import annotations

import re
from itertools import pairwise

from archive.ingest.gazetteer import place_names
from archive.ingest.names import CJK, best_name, ends_with_title, follows_a_name, is_plausible_name
from archive.ingest.quotes.common import (
    MAX_NAME,
    MAX_QUOTE,
    MAX_REACH,
    MAX_TITLE,
    OWN_WRITER,
    TITLED_NAME,
    VERB,
    VERB_PATTERN,
    title_before,
)
from archive.ingest.types import ParsedQuote

# A sentence ends after its mark unless a closing quote follows. The mark is matched, not looked
# behind for: a look-behind would be tried at every position of the paragraph.
SENTENCE_END = re.compile(r"[。！？!?](?![”’」])")
OPENING_NAME = re.compile(rf"^(?P<name>[{CJK}]{{2,3}})(?=[^{CJK}]|来自|在|跟|和|的|对|向|为)")
PRONOUN_SAYS = re.compile(
    rf"^[他她][^，,。！？“”]{{0,6}}?(?:{VERB_PATTERN})[，,：:]?\s*(?P<text>.+)$"
)
# 她笑着说 after a quote keeps it the named person's; 他们说 would make it a group's.
SINGLE_PRONOUN_VERB = re.compile(rf"^[他她][^，,。！？“”]{{0,6}}?(?:{VERB_PATTERN})")
MAX_PRONOUN_SAYS = 12  # 她笑着说: a pronoun, an adverb and a verb
OPENING_QUOTE = re.compile(r"^“(?P<text>[^“”]{4,})”")
QUOTE_AFTER_COMMA = re.compile(r"[，,]\s*“")
CLAUSE_END = re.compile(r"[，,。！？!?；;：:“”]")
# 在外地务工的周明，…: a sentence opening with a person described and then named.
DESCRIBED_SUBJECT = re.compile(rf"^[^，,。！？；“”]{{2,30}}的(?P<name>[{CJK}]{{2,3}})[，,]")
MAX_SUBJECT = 40  # how long the clause after a quote may be for its subject to be the speaker


def quotes_next_to_names(paragraph: str) -> list[ParsedQuote]:
    sentences = _sentences(paragraph)
    quotes: list[ParsedQuote] = []
    offset = 0
    for index, sentence in enumerate(sentences):
        offset += len(sentence)
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        pronoun = PRONOUN_SAYS.match(following) if following[:1] in "他她" else None
        next_quote = _bare_quote(paragraph, offset) if following[:1] == "“" else None
        if "“" not in sentence and pronoun is None and next_quote is None:
            continue
        quote_before = OPENING_QUOTE.match(sentence)
        found = _beside_named_people(sentence, quote_before, pronoun, next_quote)
        if found is None and quote_before:
            found = _subject_after_quote(sentence, quote_before)
        if found:
            quotes.append(found)
    return quotes


def _sentences(paragraph: str) -> list[str]:
    cuts = [0, *(end.end() for end in SENTENCE_END.finditer(paragraph)), len(paragraph)]
    return [paragraph[start:stop] for start, stop in pairwise(cuts) if stop > start]


def _beside_named_people(
    sentence: str,
    quote_before: re.Match[str] | None,
    pronoun: re.Match[str] | None,
    next_quote: str | None,
) -> ParsedQuote | None:
    for name, title, start in _named_people(sentence):
        rest = sentence[start : start + MAX_REACH]
        quote_after = QUOTE_AFTER_COMMA.search(rest)
        if quote_after and not VERB.search(rest[: quote_after.start()]):
            text = _quoted(sentence, start + quote_after.end())
        elif quote_before and title and start - len(name) <= quote_before.end() + MAX_TITLE:
            text = quote_before["text"]
        elif pronoun and title and title not in OWN_WRITER:
            text = pronoun["text"].strip("“”")
        elif next_quote and (title or start <= MAX_SUBJECT):
            text = next_quote
        else:
            continue
        if text:
            return ParsedQuote(speaker=name, title=title, text=text, direct=True)
    return None


def _quoted(text: str, start: int) -> str | None:
    """The words from ``start`` (just past “) to the closing ”, or to the end when the page cut
    the quote off."""
    close = text.find("”", start, start + MAX_QUOTE)
    words = text[start:close] if close >= 0 else text[start : start + MAX_QUOTE]
    return words.strip() if len(words.strip()) >= 4 and "“" not in words else None


def _bare_quote(paragraph: str, start: int) -> str | None:
    """The sentence at ``start`` is nothing but a quote, attributed to no one inside it (or a
    quote the page's end cut off): its speaker is the person the sentence before named."""
    close = paragraph.find("”", start, start + MAX_QUOTE)
    if close < 0:
        return _quoted(paragraph, start + 1) if len(paragraph) - start <= MAX_QUOTE else None
    after = paragraph[close + 1 : close + 1 + MAX_PRONOUN_SAYS]
    bare = after[:1] in ("", "。", "！", "？", "\n") or SINGLE_PRONOUN_VERB.match(after)
    return _quoted(paragraph, start + 1) if bare else None


def _subject_after_quote(sentence: str, quote: re.Match[str]) -> ParsedQuote | None:
    """“…”1990年出生的周明是本村人: a quote opens the sentence and the clause after it is about
    a named person, printed as its subject (after 的 or a title, before what is said of them)."""
    clause = sentence[quote.end() : quote.end() + MAX_SUBJECT]
    stop = CLAUSE_END.search(clause)
    clause = clause[: stop.start()] if stop else clause
    for index in range(len(clause) - 1):
        if index and clause[index - 1] != "的" and not ends_with_title(clause[:index]):
            continue
        name = best_name(clause[index : index + MAX_NAME])
        if name is None or name in place_names():
            continue
        rest = clause[index + len(name) :]
        # The subject has something said of it; a name closing the clause is its object.
        if rest and follows_a_name(rest) and not rest.startswith("的"):
            title, _quote = title_before(sentence, quote.end() + index)
            return ParsedQuote(speaker=name, title=title, text=quote["text"], direct=True)
    return None


def _named_people(sentence: str) -> list[tuple[str, str | None, int]]:
    """People named in a sentence: after a title (…书记张铮) or opening it (王忠跟家人…)."""
    people = []
    for match in TITLED_NAME.finditer(sentence):
        name = best_name(sentence[match.start("name") : match.start("name") + MAX_NAME])
        if name is None or name in place_names():
            continue
        title, _quote = title_before(sentence, match.start("name"))
        people.append((name, title, match.start("name") + len(name)))
    described = DESCRIBED_SUBJECT.match(sentence)
    if described and (name := best_name(described["name"])) and name not in place_names():
        people.append((name, None, described.start("name") + len(name)))
    opening = OPENING_NAME.match(sentence.lstrip("“”"))
    if opening and is_plausible_name(opening["name"]) and opening["name"] not in place_names():
        offset = len(sentence) - len(sentence.lstrip("“”"))
        people.append((opening["name"], None, offset + len(opening["name"])))
    return people
