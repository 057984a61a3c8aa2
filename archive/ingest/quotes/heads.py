"""Speakers named by a line of their own: an oral account's heading ``NAME(TITLE)``, a closing
``…讲述``, an interview's ``——访…`` subtitle, and question-and-answer paragraphs ``NAME：…``."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from archive.ingest.gazetteer import place_names
from archive.ingest.names import CJK, ends_with_title, is_plausible_name, name_candidates
from archive.ingest.quotes.common import boundary_ok
from archive.ingest.types import ParsedQuote

ORAL_HEAD = re.compile(r"^(?P<name>\S{2,8}?)\s*[（(](?P<title>[^（()）]{2,60})[）)]$")


# 讲述人：某村党支部书记 周明: a label naming who tells the first-person account below it.
TELLER_LABEL = re.compile(
    r"^(?:讲述人|讲述者|口述人|口述者|口述|讲述)\s*[:：]\s*(?P<who>[^。！？]{2,60})$"
)


def oral_account_head(line: str) -> tuple[str, str] | None:
    """``王峥(上海市市场监管局…主任)`` or ``讲述人：…主任 王峥``: the line heading an oral
    account (口述实录)."""
    match = ORAL_HEAD.match(line.strip())
    if match and is_plausible_name(match.group("name")):
        return match.group("name"), match.group("title").strip()
    label = TELLER_LABEL.match(line.strip())
    if label:
        who = re.sub(r"\s+", "", label["who"])
        for name in name_candidates(who):
            if name not in place_names():
                return name, who[: -len(name)]
        # 讲述者：周明（化名），29岁，厨师: the name first, then what the page says of them
        leading = LEADING_NAME.match(who)
        if leading and is_plausible_name(leading["name"]) and leading["name"] not in place_names():
            return leading["name"], ""
    return None


LEADING_NAME = re.compile(rf"^(?P<name>[{CJK}]{{2,3}})(?=[（(,，、\s])")


def head_line_quotes(paragraphs: list[str]) -> list[ParsedQuote]:
    """``周明(某镇某村村民)`` on a line, and the words below it in quotation marks: a video
    feature's or a profile's way of printing who speaks, with the title after the name."""
    quotes = []
    for head, below in itertools.pairwise(paragraphs):
        found = oral_account_head(head) if len(head) <= 80 else None
        words = below.strip()
        if found and words.startswith("“") and found[0] not in place_names():
            text = words[1 : words.index("”")] if "”" in words else words[1:]
            quotes.append(ParsedQuote(speaker=found[0], title=found[1], text=text, direct=True))
    return quotes


NARRATOR = re.compile(r"^(?P<who>[^。！？]{2,90}?)\s*(?:讲述|口述)$")
PLACE_END = re.compile(r".*(?:村|乡|镇|县|市|州|区|街道|社区)")


def narrator_line(line: str) -> tuple[str, str | None] | None:
    """``…某县人民医院院长张立国讲述`` closing a first-person account: who told it, and title.

    A name without a known surname is taken after the last place word (…某某村扎西多吉讲述).
    """
    line = line.strip()
    if not line.endswith(("讲述", "口述")):  # before the lazy match tries 90 lengths of the line
        return None
    match = NARRATOR.match(line)
    if not match:
        return None
    who = match["who"].strip()
    names = [name for name in name_candidates(who) if name not in place_names()]
    titled = [name for name in names if ends_with_title(who[: -len(name)])]
    for name in titled or names:
        return name, (who[: -len(name)].strip() or None)
    place = PLACE_END.match(who)
    rest = who[place.end() :] if place else ""
    if place and 2 <= len(rest) <= 4 and re.fullmatch(rf"[{CJK}]+", rest):
        return rest, who[: place.end()]
    return None


QA_LINE = re.compile(rf"^(?P<name>[{CJK}·]{{2,8}})\s*[:：]\s*(?P<text>.+)$")
# 某区河道保洁员 周明：每天五点上船… (or the words on the next line): a transcript's turn, the
# speaker's title before the name, with or without a space between them.
TITLED_TURN = re.compile(r"^(?P<who>[^:：。！？“”，,]{4,36}?)\s*[:：]\s*(?P<text>[^“”]*)$")
INTERVIEWEE = re.compile(r"(?:专访|访)(?P<who>[^，,。！？]{2,60})$")


def interviewee(headlines: list[str]) -> tuple[str, str | None] | None:
    """``——访普陀区长风新村街道党工委书记钱文``: the person an interview is with, and title."""
    for line in headlines:
        match = INTERVIEWEE.search(line.strip(" —"))
        if not match:
            continue
        who = match.group("who")
        for name in name_candidates(who):
            if name not in place_names() and boundary_ok(who, name, len(who)):
                return name, (who[: -len(name)].strip() or None)
    return None


def question_and_answer_turns(
    paragraphs: list[str],
    subject: tuple[str, str | None] | None,
    *,
    introduced: Callable[[str], bool] = lambda _name: False,
) -> list[ParsedQuote]:
    """Question-and-answer interviews: ``钱文：难在……`` paragraphs are the interviewee's words.

    A name counts when it is the headline's interviewee, answers at least twice, answers a
    question or was ``introduced`` with a title (asked last: it reads the whole article); in a
    transcript (a question asked, or two
    people answering) every turn counts.
    """
    answers = []
    for index, match in enumerate(map(QA_LINE.match, paragraphs)):
        if match:
            asked = index > 0 and bool(QUESTION.match(paragraphs[index - 1].strip()))
            answers.append((match.group("name"), match.group("text"), asked))
    counts: dict[str, int] = {}
    for name, _text, _asked in answers:
        counts[name] = counts.get(name, 0) + 1
    answering = {name for name, _text, _asked in answers if is_plausible_name(name)}
    transcript = len(answering) >= 2 or any(QUESTION.match(p.strip()) for p in paragraphs)
    titles = {subject[0]: subject[1]} if subject else {}
    for paragraph in paragraphs:
        if (named := SUBJECT_LINE.match(paragraph)) and is_plausible_name(named["name"]):
            titles.setdefault(named["name"], None)
    return _titled_turns(paragraphs) + [
        ParsedQuote(speaker=name, title=titles.get(name), text=text.strip(), direct=True)
        for name, text, asked in answers
        if is_plausible_name(name)
        and name not in place_names()
        and (name in titles or counts[name] >= 2 or asked or transcript or introduced(name))
    ]


# The report's own question (本报：…, 记者：…, 问：…): the turn after it is the answer.
QUESTION = re.compile(
    rf"^(?:本报|本刊|记者|问|主持人|采访组|采访者|访谈者|提问|[{CJK}]{{2,6}}(?:报|刊|网|周刊))\s*[:：]"
)  # 某某晚报：…？ — the paper asks in its own name
# 采访对象：周明，1956年生…: the person an interview's transcript is with, named above it.
SUBJECT_LINE = re.compile(
    rf"^(?:采访对象|受访者|访谈对象|受访人)\s*[:：]\s*(?P<name>[{CJK}·]{{2,8}}?)[，,。(（\s]"
)


def _titled_turns(paragraphs: list[str]) -> list[ParsedQuote]:
    """Paragraphs that open with a titled name and a colon, the words after it printed without
    quotation marks: a transcript or a round of voices. The title vouches for the name, so one
    turn is enough; a role of the report (记者, 主持人) is not a speaker."""
    quotes = []
    for index, paragraph in enumerate(paragraphs):
        turn = TITLED_TURN.match(paragraph.strip()) if len(paragraph) <= MAX_TURN else None
        speaker = _titled_speaker(turn["who"]) if turn else None
        if speaker is None:
            continue
        text = turn["text"].strip()
        if not text and index + 1 < len(paragraphs):  # 某局副局长 周明： over the words
            text = paragraphs[index + 1].strip().strip("“”")
        if len(text) >= MIN_TURN:
            quotes.append(ParsedQuote(speaker[0], speaker[1], text, direct=True))
    return quotes


def _titled_speaker(who: str) -> tuple[str, str] | None:
    """``某区河道保洁员 周明`` → (周明, 某区河道保洁员): a name after a title word; a role of the
    report itself (记者, 主持人) is no speaker."""
    who = who.strip()
    for name in name_candidates(who):
        title = who[: -len(name)].strip()
        if title and ends_with_title(title) and not title.endswith(REPORT_ROLES):
            return (name, title) if name not in place_names() else None
    return None


MAX_TURN = 2000
MIN_TURN = 8  # words enough to be a statement, not a label
REPORT_ROLES = ("记者", "主持人", "编辑", "通讯员", "主持")
