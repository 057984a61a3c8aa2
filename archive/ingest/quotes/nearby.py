"""Words printed next to a name with no speech verb between them.

A titled name, then a quote in the same sentence (…党委书记周明的周末…，“别看…”); a quote,
then a titled name (“…”这句话出自…主任周明 · “…”…书记周明笑了); a titled name, then
a sentence that is nothing but a quote, or 他/她 + verb opening the next sentence; a quote, then
a sentence whose subject is a named person (“这次回来就不走了！”出生在镇上的周明是…).
"""

from __future__ import annotations

import re
from itertools import pairwise

from archive.ingest import lexicon
from archive.ingest.gazetteer import place_names
from archive.ingest.names import (
    CJK,
    PEOPLE_WORDS,
    UNNAMED_SUFFIXES,
    best_name,
    ends_with_title,
    follows_a_name,
    is_plausible_name,
)
from archive.ingest.quotes.common import (
    JOINING,
    MAX_NAME,
    MAX_QUOTE,
    MAX_REACH,
    MAX_TITLE,
    OWN_WRITER,
    TITLED_NAME,
    VERB,
    VERB_PATTERN,
    title_before,
    told_to_writer,
    without_manner,
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
# 在外地务工的周明，… · 从事外贸的周明是…: a sentence opening with a person described, then named.
DESCRIBED_SUBJECT = re.compile(
    rf"^[^，,。！？；“”]{{2,30}}的(?P<name>[{CJK}]{{2,3}})(?=[，,]|是|在)"
)
MAX_SUBJECT = 40  # how long the clause after a quote may be for its subject to be the speaker
LOOKAHEAD = 8  # a name and the word after it
NOT_A_PREDICATE = "的和与及等、，,。！？!?"  # 周明的…, 周明和…: the name is not the subject
# Someone else described after the quote (…的李女士告诉…, 一位居民): the words may be theirs.
PEOPLE_IN_TAIL = re.compile("|".join([*UNNAMED_SUFFIXES, *PEOPLE_WORDS]))
# A name's last characters run into an organisation's name (…学院, …公司) within a few characters.
ORGANISATION_AHEAD = re.compile(
    r"^[^，,。！？“”\s]{0,3}(?:学院|大学|中学|小学|公司|集团|医院|银行|中心|研究院|协会)"
)
COLON_QUOTE = re.compile(r"[:：]\s*“")
MAX_TITLE_LEAD = 16  # a subject's title and name open the clause: 老住户周明, 村民周明


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
    said = {quote.text for quote in quotes}
    start = 0
    for index, sentence in enumerate(sentences):
        if sentence.startswith("“") and index >= 2:
            text = _bare_quote(paragraph, start)
            if text and text not in said and (person := _profiled_person(sentences, index)):
                quotes.append(ParsedQuote(person[0], person[1], text, direct=True))
        start += len(sentence)
    return quotes


MAX_PROFILE_REACH = 3  # sentences back to the one that introduced the person a quote is by


def _profiled_person(sentences: list[str], index: int) -> tuple[str, str | None] | None:
    """周明，某某分局的反诈民警。…一年出差两百天。“那时候…”: a quote alone, a few sentences after
    the one person the paragraph introduced, with nobody else named in between, is theirs."""
    for back in range(index - 1, max(-1, index - 1 - MAX_PROFILE_REACH), -1):
        people = _named_people(sentences[back])
        if len(people) == 1:
            return people[0][0], people[0][1]
        if people or "“" in sentences[back]:
            return None  # someone else, or someone else's words, stand between
    return None


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
    return (
        _quoted(paragraph, start + 1) if bare or _narration_goes_on(paragraph, close + 1) else None
    )


def _narration_goes_on(paragraph: str, start: int) -> bool:
    """After a quote, the sentence goes on about the person the sentence before named (…如今，
    她把这些写成了文章): nobody else is given the words there, by a speech verb or as the
    subject of the clause right after the quote."""
    tail = paragraph[start : start + MAX_SUBJECT]
    stop = SENTENCE_END.search(tail)
    tail = tail[: stop.start()] if stop else tail
    if not tail or "“" in tail or VERB.search(tail) or PEOPLE_IN_TAIL.search(tail):
        return False
    return opening_person(tail) is None


def _subject_after_quote(sentence: str, quote: re.Match[str]) -> ParsedQuote | None:
    """“…”1990年出生的周明是本村人: a quote opens the sentence and the clause after it is about
    a named person, printed as its subject (after 的 or a title, before what is said of them)."""
    if _quoted_term(quote["text"]):
        return None  # “某某书屋”房舍外墙…: a name in quotation marks, not words said
    clause = sentence[quote.end() : quote.end() + MAX_SUBJECT]
    stop = CLAUSE_END.search(clause)
    opening = clause[: stop.start()] if stop else clause
    if (
        stop
        and clause[stop.start()] in "，,"
        and (LEAD_IN.match(clause) or not _has_person(opening))
    ):
        # “…”从进厂那年算起，周明已在江边住了五十年: a clause of time or place, then the subject;
        # “…”谈起这件事，周明…: the topic turned to, whose verb is the subject's
        second = clause[stop.end() :]
        person = opening_person(second)
        if person:
            title, _quote = title_before(sentence, quote.end() + stop.end())
            return ParsedQuote(speaker=person, title=title, text=quote["text"], direct=True)
    clause = clause[: stop.start()] if stop else clause
    for index in range(len(clause) - 1):
        if index and clause[index - 1] != "的" and not ends_with_title(clause[:index]):
            continue
        name = best_name(clause[index : index + MAX_NAME])
        if name is None or name in place_names():
            continue
        rest = clause[index + len(name) :]
        # The subject has something said of it; a name closing the clause is its object. One
        # opening the clause right after the quote is its subject whatever it does (…”周明笑笑).
        acts = index == 0 and opening_person(clause) == name
        if rest and (acts or follows_a_name(rest)) and not rest.startswith("的"):
            title, _quote = title_before(sentence, quote.end() + index)
            return ParsedQuote(speaker=name, title=title, text=quote["text"], direct=True)
    return None


MAX_QUOTED_TERM = 6


def _quoted_term(text: str) -> bool:
    """A few words in quotation marks with no stop or pause: a name or a term, no one's words."""
    return len(text) <= MAX_QUOTED_TERM and not re.search(r"[，,。！？!?…；;]", text)


# 据了解， · 据悉， · 如今， · 此外，: a sentence's opening words before its subject; so too the
# topic it turns to (谈起这件事， · 说到养老，), whose verb is the subject's.
LEAD_IN = re.compile(
    r"^(?:据(?:了解|悉|介绍|统计)|如今|此外|同时|当时|后来|近年来|目前|其中|原来"
    r"|(?:谈|说|提|聊|讲|问)(?:起|到|及)[^，,。！？!?“”]{1,20})[，,]\s*"
)


def opening_person(clause: str) -> str | None:
    """The person a clause opens with, as its subject (周明出生在…, 周明笑笑): a name by shape
    followed by what it does, not by 的 or a list (周明的母亲, 周明和…). A short opening that is
    no one (据了解，, 如今，) is read past."""
    if lead_in := LEAD_IN.match(clause):
        clause = clause[lead_in.end() :]
    name = best_name(clause[:LOOKAHEAD])
    if name is None or not _untitled_name(name):
        return None
    if len(name) == 2 and clause[:4] in lexicon.words().four_character:
        return None  # 高枕无忧: a set phrase opening the clause, no name and its deeds
    rest = clause[len(name) :]
    if ORGANISATION_AHEAD.match(rest):
        return None  # 江南理|工学院: the start of an organisation's name, no one
    if rest[:1] in "，," and _apposition(rest[1:]):
        return name  # 周明，某某学院的大二学生。: who they are, set after the name
    return name if rest[:1] and rest[0] not in NOT_A_PREDICATE else None


def _apposition(rest: str) -> bool:
    """What follows a name and a comma is who they are: a phrase ending in a title word."""
    stop = SENTENCE_END.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    return len(phrase) <= MAX_SUBJECT and not CLAUSE_END.search(phrase) and ends_with_title(phrase)


def _has_person(clause: str) -> bool:
    return bool(TITLED_NAME.search(clause)) or opening_person(clause) is not None


def _untitled_name(name: str) -> bool:
    """A name no title vouches for: by shape, and neither a place, an ordinary word (江水,
    谈起) nor a preposition before its object (向科学)."""
    if name in place_names() or not is_plausible_name(name):
        return False
    common = lexicon.words()
    if name in common.two_character or name in common.three_character:
        return False
    return name[0] not in common.prepositions


def _preposition_phrase(text: str, start: int) -> bool:
    """市民向科学家…: after a title word, a preposition and an ordinary word are no name."""
    common = lexicon.words()
    return (
        text[start] in common.prepositions and text[start + 1 : start + 3] in common.two_character
    )


def colon_quotes(paragraph: str) -> list[ParsedQuote]:
    """A clause about a person ends in a colon before a quote, with no speech verb (老住户周明至今
    记忆犹新：“…” · 周明向记者倒起了苦水：“…”): the words are that person's."""
    quotes = []
    for colon in COLON_QUOTE.finditer(paragraph):
        start = max(0, colon.start() - MAX_SUBJECT)
        clause = paragraph[start : colon.start()]
        cut = max((clause.rfind(mark) for mark in "。！？!?；;“”\n"), default=-1)
        clause = clause[cut + 1 :].lstrip()
        if (cut < 0 and start > 0) or VERB.search(clause):
            continue  # too long for a subject to stand at its start; a speech verb's own case
        people = _named_people(clause)
        person = next(((n, t) for n, t, end in people if end - len(n) <= MAX_TITLE_LEAD), None)
        text = _quoted(paragraph, colon.end())
        if person and text:
            quotes.append(ParsedQuote(speaker=person[0], title=person[1], text=text, direct=True))
    return quotes


def _named_people(sentence: str) -> list[tuple[str, str | None, int]]:
    """People named in a sentence: after a title (…书记张铮) or opening it (王忠跟家人…)."""
    people = []
    for match in TITLED_NAME.finditer(sentence):
        start = match.start("name")
        name = best_name(sentence[start : start + MAX_NAME])
        if name is None or name in place_names() or _preposition_phrase(sentence, start):
            continue
        if told_to_writer(sentence, start):
            continue  # 她向记者谈起…: the reporter spoken to, then what was said
        title, _quote = title_before(sentence, match.start("name"))
        people.append((name, title, match.start("name") + len(name)))
    described = DESCRIBED_SUBJECT.match(sentence)
    if described and (name := described_person(sentence)):
        people.append((name, None, described.start("name") + len(name)))
    opened = sentence.lstrip("“” ")
    offset = len(sentence) - len(opened)
    opening = OPENING_NAME.match(opened)
    name = opening["name"] if opening else opening_person(opened)
    if name and _untitled_name(name):
        people.append((name, None, offset + len(name)))
    return people


def described_person(sentence: str) -> str | None:
    """The person a sentence opens by describing (在外地务工的周明，…, 从事外贸的周明是…)."""
    described = DESCRIBED_SUBJECT.match(sentence)
    name = best_name(described["name"]) if described else None
    return name if name and _untitled_name(name) else None


def sentence_subjects(paragraphs: list[str]) -> set[str]:
    """Everyone a sentence of the article opens with as its subject (周明今年七十岁。)."""
    return {
        name
        for paragraph in paragraphs
        for sentence in _sentences(paragraph)
        if (name := opening_person(sentence.lstrip("“” ")))
    }


# 周明和李华，两名医生都说，… · 周明、李华均表示…: one statement, every one of the people named.
SHARED_SUBJECT = re.compile(
    rf"(?P<names>[{CJK}]{{2,3}}(?:[{JOINING}][{CJK}]{{2,3}}){{1,4}})[，,]?[^。！？；“”]{{0,12}}?"
    rf"(?:都|均|也都|一致)(?:{VERB_PATTERN})[：:，,]?\s*(?:“(?P<quoted>[^“”]{{4,{MAX_QUOTE}}})”|(?P<said>[^。！？“”]{{4,120}}))"
)


# 周明和李华笑着说：“…” · 周明与李华齐声说：…: names joined, a few words of manner, the verb.
JOINED_SUBJECT = re.compile(
    rf"(?:^|(?<=[。！？；，,：:”\s]))(?P<names>[{CJK}]{{2,3}}(?:[{JOINING}][{CJK}]{{2,3}}){{1,3}}?)"
    rf"[^。！？；，,：:“”的]{{0,4}}?(?:{VERB_PATTERN})[：:，,]?\s*"
    rf"(?:“(?P<quoted>[^“”]{{4,{MAX_QUOTE}}})”|(?P<said>[^。！？“”]{{4,120}}))"
)


def shared_quotes(paragraph: str) -> list[ParsedQuote]:
    """Words two or more named people said together (…都说, …均表示, 周明和李华笑着说)."""
    quotes: list[ParsedQuote] = []
    together = "都" in paragraph or "均" in paragraph or "一致" in paragraph
    joined = JOINED_SUBJECT.finditer(paragraph) if re.search(f"[{JOINING}]", paragraph) else ()
    shared = SHARED_SUBJECT.finditer(paragraph) if together else ()
    for match in [*shared, *joined]:
        names = _joined_names(paragraph, match)
        if len(names) < 2 or not all(map(_untitled_name, names)):
            continue
        text = (match["quoted"] or match["said"]).strip()
        quotes += [ParsedQuote(name, None, text, direct=bool(match["quoted"])) for name in names]
    return quotes


def _joined_names(paragraph: str, match: re.Match[str]) -> list[str]:
    """The names of ``match["names"]``, the last read with what follows it (周明和李华笑着说 is
    李华, 周明和欧阳晓明说 欧阳晓明)."""
    names = re.split(f"[{JOINING}]", match["names"])
    last_start = match.end("names") - len(names[-1])
    last = best_name(paragraph[last_start : last_start + MAX_NAME + 2]) or names[-1]
    return [*names[:-1], without_manner(last)]


# 用周明的话说，“…” · 用某某局局长周明的话来说：…: the words are the named person's.
IN_THEIR_WORDS = re.compile(
    rf"用(?P<who>[^，,。！？；“”用]{{2,{MAX_TITLE + MAX_NAME}}}?)的话(?:来)?说[，,：:]?\s*"
    rf"(?:“(?P<quoted>[^“”]{{4,{MAX_QUOTE}}})”|(?P<said>[^。！？“”]{{4,120}}))"
)


def in_their_words(paragraph: str) -> list[ParsedQuote]:
    """Words given as someone's own (用周明的话说), with the title printed before the name."""
    if "的话" not in paragraph:
        return []
    quotes = []
    for match in IN_THEIR_WORDS.finditer(paragraph):
        who = match["who"]
        name = next((who[-n:] for n in (3, 2) if is_plausible_name(who[-n:])), None)
        if name is None or name in place_names():
            continue
        title = who[: -len(name)].strip() or None
        text = (match["quoted"] or match["said"]).strip()
        quotes.append(ParsedQuote(name, title, text, direct=bool(match["quoted"])))
    return quotes
