"""Quoted speakers: who said what, with the title printed before the name.

Each way of finding a speaker has its module: ``anchored`` (a speech verb, a deputy, a colon),
``nearby`` (a quote beside a name with no verb between), ``heads`` (a line that names the speaker:
an oral account's heading, an interview's subtitle, question-and-answer paragraphs). A title
printed at a person's first mention is carried to the quotes that name them bare.
"""

from __future__ import annotations

import functools
import re

from archive.ingest import budget
from archive.ingest.gazetteer import place_names, town_stems
from archive.ingest.names import (
    CJK,
    TITLE_ENDINGS,
    UNNAMED_SUFFIXES,
    best_name,
    ends_with_title,
    is_plausible_name,
)
from archive.ingest.quotes.aliases import alias_quotes
from archive.ingest.quotes.anchored import paragraph_quotes
from archive.ingest.quotes.common import (
    MAX_NAME,
    MAX_TITLE,
    TITLED_NAME,
    title_before,
    told_to_writer,
)
from archive.ingest.quotes.heads import (
    head_line_quotes,
    interviewee,
    narrator_line,
    oral_account_head,
    question_and_answer_turns,
)
from archive.ingest.quotes.nearby import (
    colon_quotes,
    in_their_words,
    quotes_next_to_names,
    sentence_subjects,
    shared_quotes,
)
from archive.ingest.quotes.recognized import recognized_quotes
from archive.ingest.types import ParsedQuote

# At most this many speech verbs of one article go to the recogniser: a page of thousands of
# "说" costs the rules' time, not thousands of model calls.
MAX_RECOGNIZED = 200

__all__ = ["find_quotes", "interviewee", "narrator_line", "oral_account_head", "qa_quotes"]

# 身为…第一书记，周明 · 作为…负责人，周明: a title set before a name as an apposition.
APPOSITION = re.compile(
    rf"(?:身为|作为)(?P<title>[^，,。！？；“”]{{2,{MAX_TITLE}}})[，,](?P<name>[{CJK}]{{2,4}})"
    # 周明（某某局局长）: the title in brackets after the name
    rf"|(?P<bracketed>[{CJK}]{{2,3}})[（(](?P<inner>[^（()）]{{2,{MAX_TITLE}}})[）)]"
)


# Hong Kong and Taiwan pages (and some mainland ones) quote in corner brackets: 「…」 with 『…』
# inside read as “…” and ‘…’, one character for one, so every rule is written once.
CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")
PRINTED_CORNERS = str.maketrans("“”‘’", "「」『』")


def find_quotes(paragraphs: list[str]) -> list[ParsedQuote]:
    """Everyone the paragraphs quote, with the words and the title printed before the name."""
    paragraphs = [_turned_opening_mark(paragraph) for paragraph in paragraphs]
    marks = "".join(paragraphs)
    if "「" not in marks and "『" not in marks:
        return _find_quotes(paragraphs)
    quotes = _find_quotes([paragraph.translate(CORNER_QUOTES) for paragraph in paragraphs])
    if "“" in marks or "‘" in marks:  # both kinds printed: the words keep the mainland marks
        return quotes
    return [
        ParsedQuote(
            q.speaker,
            q.title and q.title.translate(PRINTED_CORNERS),
            q.text.translate(PRINTED_CORNERS),
            q.direct,
        )
        for q in quotes
    ]


def _turned_opening_mark(paragraph: str) -> str:
    """A paragraph opening on a closing mark whose next mark closes too (”我们…。”周明说): the
    copy printed the opening mark the wrong way round; it opens the quote."""
    if not paragraph.startswith("”"):
        return paragraph
    following = paragraph.find("”", 1)
    if following < 0 or "“" in paragraph[1:following]:
        return paragraph
    return "“" + paragraph[1:]


def qa_quotes(paragraphs: list[str], subject: tuple[str, str | None] | None) -> list[ParsedQuote]:
    """An interview's answers (``钱文：难在……``), each speaker with the title printed at their
    first titled mention (本报专访了某局局长钱文) when the turn itself prints none."""
    mentioned = functools.cache(lambda: titled_mentions(paragraphs))  # only if a turn asks
    turns = question_and_answer_turns(
        paragraphs, subject, introduced=lambda name: name in mentioned()
    )
    return _fill_titles(turns, mentioned()) if turns else turns


def _find_quotes(paragraphs: list[str]) -> list[ParsedQuote]:
    quotes: list[ParsedQuote] = head_line_quotes(paragraphs)
    misses: list[tuple[str, re.Match[str], str]] = []
    for index, paragraph in enumerate(paragraphs):
        budget.check()
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        unattributed: list[re.Match[str]] = []
        before = paragraphs[index - 1] if index else ""
        found = paragraph_quotes(paragraph, following, unattributed, before)
        known = {quote.speaker for quote in found}
        found += [q for q in quotes_next_to_names(paragraph) if q.speaker not in known]
        known = {quote.speaker for quote in found}
        found += [q for q in colon_quotes(paragraph) if q.speaker not in known]
        known = {quote.speaker for quote in found}
        found += [q for q in shared_quotes(paragraph) if q.speaker not in known]
        known = {quote.speaker for quote in found}
        found += [q for q in in_their_words(paragraph) if q.speaker not in known]
        quotes.extend(found)
        misses += [(paragraph, anchor, following) for anchor in unattributed]
    named = {quote.speaker for quote in quotes}
    quotes += [q for q in recognized_quotes(misses[:MAX_RECOGNIZED]) if q.speaker not in named]
    mentioned = titled_mentions(paragraphs)
    named = {quote.speaker for quote in quotes} | mentioned.keys()
    quotes += alias_quotes(paragraphs, lambda: named | sentence_subjects(paragraphs))
    quotes = [
        quote
        for quote in quotes
        if not ADDRESS_ONLY.fullmatch(quote.speaker) and not _town_here(quote.speaker, paragraphs)
    ]
    return _fill_titles(_named_outside_quotes(quotes, paragraphs), mentioned)


# 老李, 小王: a form of address and a surname names nobody (``alias_quotes`` gives its words to
# the one person of that surname the article names, if there is one).
ADDRESS_ONLY = re.compile(r"[老小][^\W\d_]")


def _town_here(name: str, paragraphs: list[str]) -> bool:
    """龙华 where the article also prints 龙华街道 or 龙华镇: the town, not a person (a person may
    share a town's name: 夏阳 is one, until the article names 夏阳街道)."""
    if name not in town_stems():
        return False
    return any(name + suffix in paragraph for paragraph in paragraphs for suffix in TOWN_WORDS)


TOWN_WORDS = ("街道", "镇", "乡", "地区", "古镇")
QUOTED = re.compile(r"“[^“”]*”")


def _named_outside_quotes(quotes: list[ParsedQuote], paragraphs: list[str]) -> list[ParsedQuote]:
    """A person the article names only inside someone's quoted words (“…是馆员周明的承诺。”) is
    talked about, not talking: the narration names every speaker somewhere."""
    if not quotes:
        return quotes
    narration = "\n".join(QUOTED.sub("", paragraph) for paragraph in paragraphs)
    return [quote for quote in quotes if quote.speaker in narration]


# A post made from a unit and 长 or 员 (场长周明, 工作人员周明), which the listed titles miss: the
# title itself is read back by ``title_before`` and checked by ``ends_with_title``.
MADE_POST_NAME = re.compile(rf"[长员](?=(?P<name>[{CJK}]{{2,3}}))")


def titled_mentions(paragraphs: list[str]) -> dict[str, str]:
    """Each person's title as printed at their first titled mention, quoted there or not:
    某报总编辑周明一行来到… then “…”周明说 gives 周明 that title."""
    titles: dict[str, str] = {}
    for paragraph in paragraphs:
        for match in [*TITLED_NAME.finditer(paragraph), *MADE_POST_NAME.finditer(paragraph)]:
            start = match.start("name")
            if told_to_writer(paragraph, start):
                continue
            name = best_name(paragraph[start : start + MAX_NAME])
            if name and name not in titles and name not in place_names():
                title, _quote = title_before(paragraph, start)
                if title:
                    titles[name] = title
        for match in APPOSITION.finditer(paragraph):
            name = best_name(match["name"] or match["bracketed"])
            title = (match["title"] or match["inner"]).strip()
            if match["inner"] and not ends_with_title(title):
                continue  # 周明（化名）, 周明（右二）: no title in the brackets
            if name and is_plausible_name(name) and name not in titles:
                titles[name] = title
    return titles


def _fill_titles(quotes: list[ParsedQuote], mentioned: dict[str, str]) -> list[ParsedQuote]:
    """A mention without a title takes the title printed earlier in the same article, by a quote
    or, failing that, at the person's first titled mention."""
    titles: dict[str, str] = {}
    for quote in quotes:
        if quote.title and not _bare_title_word(quote.title):
            titles.setdefault(quote.speaker, quote.title)
    for name, title in mentioned.items():
        titles.setdefault(name, title)
    return [
        quote
        if quote.title and not _bare_title_word(quote.title)
        else ParsedQuote(
            quote.speaker, titles.get(quote.speaker, quote.title), quote.text, quote.direct
        )
        for quote in quotes
    ]


def _bare_title_word(title: str) -> bool:
    """校长, 师傅: a title word alone (printed after the name: 周明校长说) yields to the full title
    printed at a mention of the same person (某中学校长周明)."""
    return title in TITLE_ENDINGS or title in UNNAMED_SUFFIXES
