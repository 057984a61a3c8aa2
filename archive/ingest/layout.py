"""Lines of a page → paragraphs with a kind each → OCR repairs.

A page as it comes from OCR or an e-paper site: headline lines, bylines, body paragraphs split by
page or column breaks (sometimes with a duplicated paragraph between the halves), photo captions
and their credits. This module labels every paragraph; ``segment`` groups them into articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from typing import Any

from archive.ingest import budget
from archive.ingest.bylines import (
    BULLETS,
    parse_byline_line,
    split_names,
    take_dateline,
    take_trailing,
)
from archive.ingest.credit_tokens import ROLE_AT_START
from archive.ingest.credits import read_credit
from archive.ingest.names import CJK, ends_with_title, is_plausible_name
from archive.ingest.photos import is_numbered_caption, parse_credit, split_caption
from archive.ingest.quotes import narrator_line, oral_account_head
from archive.ingest.run_in_credits import credit_apart
from archive.ingest.shapes import (
    CLAUSE_BREAK,
    COLUMN_LED,
    DATELINE_START,
    TERMINAL,
    asking_headline,
    ends_mid_sentence,
    has_sentence_end,
    hinted_headline,
    is_headline_like,
    numbered_label,
    teaser_of,
)
from archive.ingest.text import SPACES, fold
from archive.ingest.types import ParsedByline, ParsedPhoto

MIN_DUPLICATE = 20
CONTINUING_START = re.compile(rf"[{CJK}0-9a-zA-Z“‘《（(]")  # where a split sentence goes on
MARKER = re.compile(r"^(?P<hashes>#{1,6})\s*(?P<text>.*)$")
ORIGINAL_TITLE = re.compile(r"[（(]\s*原(?:标)?题(?:为|是)?\s*[:：]?\s*《(?P<title>.+?)》\s*[）)]")
# 原标题：… on a line of its own: a repost names the headline it was first printed under.
ORIGINAL_TITLE_LINE = re.compile(r"原(?:标)?题\s*[:：]\s*《?(?P<title>[^《》]{2,80}?)》?")
SIGNED_HEADLINE = re.compile(
    rf"^(?P<title>.{{4,60}}?)\s+(?P<names>(?:[{CJK}]{{2,4}}\s+){{0,3}}[{CJK}]{{2,4}})\s*[|丨]$"
)
CONTINUED_ANYWHERE = re.compile(r"\s*[（(](?:上接|下转|接|转)(?:第)?\s*[A-Z]?\d{1,3}\s*版[）)]\s*")


class Kind(Enum):
    MARKED = "marked"  # a line with # markers from an e-paper's markup
    SHORT = "short"  # a headline or section heading candidate
    TEXT = "text"
    BYLINE = "byline"
    END_BYLINE = "end_byline"  # (本报记者 A整理) standing alone
    CREDIT = "credit"
    CAPTION = "caption"  # caption with its credit on the same line
    NUMBERED_CAPTION = "numbered_caption"
    ORAL = "oral"  # NAME(TITLE) heading an oral account
    NARRATOR = "narrator"  # TITLE NAME讲述 closing a first-person account
    NAME = "name"  # a name alone on a line
    BULLET = "bullet"  # ■ summary point, not a byline
    DECK = "deck"  # 提要 between a headline and its dateline: a subtitle
    ORIGINAL_TITLE = "original_title"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, its kind and what the recogniser of that kind found in it, so segmentation
    reads the result instead of running the recogniser on the line again."""

    text: str
    gap: int = 1  # blank lines before it; an image placeholder leaves several
    kind: Kind = Kind.TEXT
    level: int = 0  # number of # markers
    # the page names this line its headline: 2 repeated or noted, 1 above metadata; -1 the page
    # lists it as a kicker
    hint: int = 0
    # BYLINE, END_BYLINE: its bylines; CREDIT, CAPTION, NUMBERED_CAPTION: the photo; ORAL,
    # NARRATOR: (name, title); NAME: the names; ORIGINAL_TITLE: the title noted.
    found: Any = field(default=None, compare=False)
    # A byline closing the paragraph and the text before it (``bylines.take_trailing``), for
    # every paragraph of a kind that is checked for one; None where that was never asked.
    trailing: tuple[list[ParsedByline], str] | None = field(default=None, compare=False)


def paragraphs(
    lines: list[str],
    *,
    hints: Iterable[str] = (),
    head_lines: Iterable[str] = (),
    kickers: Iterable[str] = (),
) -> list[Paragraph]:
    """Non-empty lines as paragraphs, markers read, duplicates dropped, split paragraphs joined.

    ``hints`` are lines the page itself names as its headline, ``head_lines`` the lines printed
    above its metadata; either may be a long web headline that would otherwise read as prose.
    ``kickers`` are lines the page's list of headlines gives as kickers.
    """
    strong = {_key(text) for text in hints}
    weak = {_key(text) for text in head_lines}
    listed_kickers = {_key(text) for text in kickers}
    result: list[Paragraph] = []
    gap = 0
    for line in lines:
        if not line:
            gap += 1
            continue
        marker = MARKER.match(line)
        if marker and marker.group("text"):
            result.append(
                Paragraph(
                    marker.group("text").strip(), gap, Kind.MARKED, len(marker.group("hashes"))
                )
            )
        else:
            key = _key(line)
            hint = 2 if key in strong else -1 if key in listed_kickers else int(key in weak)
            signed = SIGNED_HEADLINE.match(line)
            if signed and _names_only(signed["names"]):  # 老街换新颜 王小明 李大伟 |
                result.append(Paragraph(signed["title"], gap, hint=hint))
                line, gap = signed["names"], 0
            for part in credit_apart(line):
                result.append(Paragraph(part, gap, hint=hint))
                gap = 0
        gap = 0
    classified = []
    for paragraph in _drop_duplicates(result):
        budget.check()
        classified.append(classify(paragraph))
    return _join_splits(
        _people_and_posts(
            _role_under_names(_headline_over_credit(_headline_led_by_colon(classified)))
        )
    )


def _role_under_names(items: list[Paragraph]) -> list[Paragraph]:
    """A line of names, then a line that is only a role (周明 / 资深摄影记者): one credit, the
    role printed under the names it covers. So too a credit whose closing role wrapped onto the
    next line (记者 周明 李华 / 摄影报道): the role covers the names above it as well."""
    result: list[Paragraph] = []
    for paragraph in items:
        previous = result[-1] if result else None
        if previous is not None and (bylines := _wrapped_credit(previous, paragraph)):
            result[-1] = _classified(previous, Kind.BYLINE, bylines)
            continue
        result.append(paragraph)
    return result


def _wrapped_credit(previous: Paragraph, paragraph: Paragraph) -> list[ParsedByline] | None:
    """The bylines of two lines read as one credit, when the second finishes the first: a role
    alone under names, or names and a closing role under a credit (记者 周明 / 李华 摄影报道),
    and the joined reading credits more than the two lines apart."""
    line = fold(paragraph.text).strip()
    role_alone = bool(ROLE_AT_START.fullmatch(line))
    if previous.kind is Kind.NAME and role_alone:
        return read_credit(f"{' '.join(previous.found)} {line}")
    if previous.kind is not Kind.BYLINE or len(previous.text) > MAX_CREDIT_LINE:
        return None
    if role_alone:
        apart = len(previous.found)
    elif paragraph.kind is Kind.BYLINE and not ROLE_AT_START.match(line):
        apart = len(previous.found) + len(paragraph.found)
    else:
        return None
    joined = parse_byline_line(f"{fold(previous.text).strip()} {line}")
    return joined if joined and len(joined) > apart else None


MAX_CREDIT_LINE = 40  # longer, a line of prose that happens to read as names, not a credit
MAX_POST_LINE = 40  # 某某大学城市规划系主任、教授: a post, with its organisation


def _people_and_posts(items: list[Paragraph]) -> list[Paragraph]:
    """A name alone, then a line that is only a post (周明 / 某某大学教授): a list of guests or
    interviewees, each with a post, as a round table or a panel prints them; neither line is a
    credit or a headline, so both are read as text."""
    result = list(items)
    for index in range(len(result) - 1):
        name, post = result[index], result[index + 1]
        if name.kind is Kind.NAME and len(name.found) == 1 and _post_only(post.text):
            result[index] = replace(name, kind=Kind.TEXT, found=None)
            result[index + 1] = replace(post, kind=Kind.TEXT, found=None)
    return result


def _post_only(text: str) -> bool:
    text = text.strip()
    return (
        len(text) <= MAX_POST_LINE
        and not has_sentence_end(text)
        and ends_with_title(text.split("、")[-1].rstrip("，,"))
        and not ROLE_AT_START.match(fold(text))
    )


MAX_LEAD_IN = 24  # 某村摆渡人周明：, over the rest of the headline


def _headline_over_credit(items: list[Paragraph]) -> list[Paragraph]:
    """A line between the page's top and a credit that the text follows is the headline, when
    it is no paragraph of prose (no 。), even long or exclaiming (某某登场！ 某某透露新亮点):
    the credit under it is the evidence the shape alone does not give."""
    for index in range(len(items) - 2):
        line, credit, text = items[index : index + 3]
        if (
            line.kind is Kind.TEXT
            and credit.kind is Kind.BYLINE
            and text.kind is Kind.TEXT
            and hinted_headline(line.text)
            and "。" not in line.text
        ):
            # Under a headline already, a long line over the credit is as likely its deck.
            alone = all(item.kind not in (Kind.SHORT, Kind.MARKED) for item in items[:index])
            hint = max(line.hint, 1) if alone else line.hint
            promoted = replace(line, kind=Kind.SHORT, hint=hint)
            return [*items[:index], promoted, *items[index + 1 :]]
        if line.kind is Kind.TEXT:
            break  # the text has begun: a credit under a line of it closes a story
    return items


def _headline_led_by_colon(items: list[Paragraph]) -> list[Paragraph]:
    """The page's first line, short and ending on a colon, over a headline line: the first half
    of a two-line headline (某村摆渡人周明： / 渡口要留着), not a paragraph introducing a list."""
    if len(items) < 2:
        return items
    first, second = items[0], items[1]
    text = first.text
    if (
        first.kind is Kind.TEXT
        and second.kind is Kind.SHORT
        and text.endswith(("：", ":"))
        and len(text) <= MAX_LEAD_IN
        and not re.search(r"[。！？!?；;，,]", text)
    ):
        return [replace(first, kind=Kind.SHORT), *items[1:]]
    return items


@lru_cache(maxsize=4096)  # a line is keyed when read and again when duplicates are dropped
def _key(text: str) -> str:
    return SPACES.sub("", text)


def _drop_duplicates(items: list[Paragraph]) -> list[Paragraph]:
    seen: set[str] = set()
    kept = []
    for index, paragraph in enumerate(items):
        key = _key(paragraph.text)
        if len(key) >= MIN_DUPLICATE and key in seen:
            continue
        following = items[index + 1].text if index + 1 < len(items) else ""
        if following and teaser_of(paragraph.text, following):
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


def classify(paragraph: Paragraph) -> Paragraph:
    """The paragraph with its kind and what the recogniser of that kind found; each recogniser
    runs at most once on the line."""
    text = paragraph.text
    if paragraph.kind is Kind.MARKED:
        return paragraph
    if match := ORIGINAL_TITLE.fullmatch(text.strip()) or ORIGINAL_TITLE_LINE.fullmatch(
        text.strip()
    ):
        return _classified(paragraph, Kind.ORIGINAL_TITLE, match["title"].strip())
    if credit := parse_credit(text.lstrip(BULLETS)):
        return _classified(paragraph, Kind.CREDIT, credit)
    if is_numbered_caption(text):
        photo = split_caption(text) or ParsedPhoto(text, "", None, "unknown")
        return _classified(paragraph, Kind.NUMBERED_CAPTION, photo)
    if bylines := parse_byline_line(text) or _dateline_alone(text):
        return _classified(paragraph, Kind.BYLINE, bylines)
    trailing = take_trailing(text)
    if trailing[0] and not trailing[1]:
        return _classified(paragraph, Kind.END_BYLINE, trailing[0], trailing)
    kind, found = _kind_of_rest(paragraph)
    return _classified(paragraph, kind, found, trailing)


def _dateline_alone(text: str) -> list[ParsedByline] | None:
    """``本报讯 (记者 A)`` · ``某社某地3月2日电(A B)`` on a line of its own, the lead below it:
    the writers of the report, never a heading."""
    if len(text) > SHORT_DATELINE or not DATELINE_START.match(text):
        return None
    bylines, rest = take_dateline(text)
    return bylines if bylines and DATELINE_START.fullmatch(rest.strip()) else None


SHORT_DATELINE = 60


def _classified(
    paragraph: Paragraph,
    kind: Kind,
    found: Any,
    trailing: tuple[list[ParsedByline], str] | None = None,
) -> Paragraph:
    """``replace(paragraph, kind=…, found=…, trailing=…)`` without replace's look at the fields
    (a fifth of the time of classifying a paragraph)."""
    trailing = paragraph.trailing if trailing is None else trailing
    return Paragraph(
        paragraph.text, paragraph.gap, kind, paragraph.level, paragraph.hint, found, trailing
    )


def _kind_of_rest(paragraph: Paragraph) -> tuple[Kind, Any]:
    text = paragraph.text
    recognisers = (
        (Kind.CAPTION, split_caption),
        (Kind.ORAL, oral_account_head),
        (Kind.NARRATOR, narrator_line),
    )
    for kind, recognise in recognisers:
        if found := recognise(text):
            return kind, found
    if text[0] in BULLETS:
        return Kind.BULLET, None
    if names := _names(text):
        return Kind.NAME, names
    alone = len(text) <= SHORT_DATELINE and (dateline := DATELINE_START.match(text))
    if alone and not text[dateline.end() :].strip():
        return Kind.TEXT, None  # 某某社/ 上海1日电 alone: the lead's first words, no headline
    led_by_column = bool(COLUMN_LED.match(text))  # 某某栏目丨标题: a web headline, long or not
    if is_headline_like(text) or ((paragraph.hint > 0 or led_by_column) and hinted_headline(text)):
        return Kind.SHORT, None
    return Kind.TEXT, None


def _names_only(text: str) -> bool:
    return bool(_names(text))


def _names(text: str) -> list[str]:
    """``陈宏`` · ``张腾扬 李玉杰`` · ``王  伟``: a line of one to four names and nothing else."""
    if len(text) > 20:
        return []
    names = split_names(text.rstrip("|丨 "))
    # 城市更新·我们怎么干 is shaped like a transliterated name: a column tag, not a signature.
    plausible = 1 <= len(names) <= 4 and all(
        is_plausible_name(name) and "·" not in name for name in names
    )
    return names if plausible else []


def is_prose_fragment(paragraph: Paragraph) -> bool:
    """A paragraph cut off mid-sentence by a page or column break."""
    text = paragraph.text
    if paragraph.kind is not Kind.TEXT or text[-1] in TERMINAL or text.endswith("——"):
        return False
    if paragraph.trailing and paragraph.trailing[0]:
        return False  # closed by its writers' credit (…实验室。某某报记者 周明): it is whole
    if asking_headline(text):
        return False
    if has_sentence_end(text) or CLAUSE_BREAK.search(text):
        return True
    # 系列报道3, 第3期: a short label ending on a number is a line of its own, not prose cut off.
    return ends_mid_sentence(text) and not numbered_label(text)


def _join_splits(items: list[Paragraph]) -> list[Paragraph]:
    joined: list[Paragraph] = []
    for paragraph in items:
        if joined and is_prose_fragment(joined[-1]) and _continues(paragraph):
            previous = joined.pop()
            text = previous.text + paragraph.text
            fresh = replace(previous, text=text, kind=Kind.TEXT, found=None, trailing=None)
            joined.append(classify(fresh))
            continue
        joined.append(paragraph)
    return joined


def _continues(paragraph: Paragraph) -> bool:
    if paragraph.kind not in (Kind.TEXT, Kind.SHORT, Kind.NAME):
        return False
    if DATELINE_START.match(paragraph.text):  # a new report, not the rest of a sentence
        return False
    return bool(CONTINUING_START.match(paragraph.text))


def original_title(text: str) -> tuple[str | None, str]:
    """The ``(原标题为《…》)`` note and the text without it."""
    match = ORIGINAL_TITLE.search(text)
    if not match:
        return None, text
    return match.group("title").strip(), (text[: match.start()] + text[match.end() :]).strip()


def strip_continuation(text: str) -> str:
    return CONTINUED_ANYWHERE.sub("", text).strip()
