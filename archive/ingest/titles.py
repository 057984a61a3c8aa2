"""An article's headline lines → column, kicker, title and subtitle, by evidence.

Each line of a headline block is scored on what marks a printed title: the page's own markup
or repetition, its shape (parallel phrases, no colon of a subtitle, not a column label), its
length and the words it shares with the body. What a copy adds around a title (a news feed's
label, a date, a dateline, the site's time stamp) is cut off; a page that prints no headline
gets no title rather than its first sentence or a credit.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive.ingest import lexicon
from archive.ingest.credit_tokens import OUTLET_ALONE
from archive.ingest.furniture import SPAM
from archive.ingest.gazetteer import place_names
from archive.ingest.layout import Kind, Paragraph
from archive.ingest.names import CJK, ends_with_title
from archive.ingest.segment import Draft
from archive.ingest.shapes import BRACKETED_TAG as BRACKETED_LABEL
from archive.ingest.shapes import is_column_tag, noted_headline

COLUMN_LABEL_LENGTH = 5  # 青年时评, 速览: a label over the headline, not the headline
CJK_RUN = re.compile(rf"[{CJK}]{{2,}}")
# A news feed's label glued before a headline it copies (快报:…, 今日热讯:…): a few characters
# ending in a word that names a feed, never a paper (报, 网, 社) or a speaker. A column printed
# with a bar (城市看点|…) is the paper's own: part of the headline as printed.
FEED_LABEL = re.compile(
    rf"^[{CJK}]{{0,4}}(?:热讯|即时|快讯|资讯|速递|头条|热点|要闻|时讯|看点|热闻|快报)\s*[:：]\s*"
)
# A date printed before the headline by a copy (2023-11-07 标题) or a time stamp after it.
DATE_PREFIX = re.compile(r"^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+")
# 标题_晨光网 · 标题 - 晨光新闻: the site's name a web page's title bar adds to the headline.
# Each begins with a single character, not a run of spaces, so no start is scanned twice.
SITE_SUFFIX = re.compile(
    rf"(?:_|\s-\s)\s*[{CJK}A-Za-z]{{2,10}}(?:网|新闻|日报|晚报|频道|客户端)[\w\s-]{{0,20}}$"
)
STAMP_SUFFIX = re.compile(r"\s(?:发布时间|发布日期|更新时间|时间|日期|来源)\s*[:：].*$")
# A paper's name by the words papers are named with: 某某日报, 某某晚报, 某某时报.
PAPER_NAME = re.compile(rf"[{CJK}]{{2,6}}(?:日报|晚报|晨报|早报|时报|周报|商报|导报|法治报|青年报)")
DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|cn|org|net|gov|edu|tw|hk)/?"
)
TABLE_BORDERS = re.compile(r"(?:\s*[|｜]){1,}\s*$")
LIST_BULLET = re.compile(r"^[•●■□◆▲◇○▪▶►]+\s*")  # an item mark of the copy's list, no headline's
# Labels printed over a passage, never over a story: 编者按 heads the editor's note.
NOTE_LABELS = frozenset(
    {"编者按", "按语", "编者的话", "编后", "编后语", "导语", "前言", "引言", "结语"}
)
# A credit, not a headline: a role and a name (记者 王伟, 中新社记者 李明), or a name and 摄.
CREDIT_SHAPED = re.compile(
    rf"(?:记者|通讯员|实习生|摄影|编辑|撰稿|作者)\s*[|:：]?\s*[{CJK}]{{2,3}}(?:$|[\s、,，(（])"
    rf"|[{CJK}]{{2,3}}\s*摄$"
)
# A site's or outlet's name put before the headline by the copy: 【某某新闻】… (某某报：… is
# printed by papers themselves as part of a headline, and stays).
OUTLET_PREFIX = re.compile(r"^[【\[](?P<outlet>[^】\]]{2,14})[】\]]\s*")
# What an aggregator appends to say the story has pictures: [图], (组图), （多图）.
LIST_MARKS = re.compile(r"\s*(?:~{2,}|…{2,}|\.{3,})$")  # 标题~~~ as a page's list prints it
PICTURES_SUFFIX = re.compile(r"\s*[\[(（【](?:组图|多图|图|图文|视频)[\])）】]$")
# A site's name alone (某某网, 某某报网, a client's name; not 某某新闻: a column's too).
SITE_NAME = re.compile(
    rf"[{CJK}]{{2,10}}(?:信息站|资讯站|网|站|平台|频道|在线|门户|客户端|APP|App|新闻社|通讯社)"
    rf"(?:\s*[-_－—|]\s*[{CJK}]{{2,8}})?"
)
# The accounts of districts and towns are named for their place: the place, then 发布 or 融媒.
ACCOUNT_ENDINGS = ("发布", "融媒", "头条", "观察")


def _accounts_name(text: str) -> bool:
    ending = next((end for end in ACCOUNT_ENDINGS if text.endswith(end)), "")
    place = text[: -len(ending)] if ending else ""
    return bool(place) and (place in place_names() or lexicon.place_at_end(place) == len(place))


WORK_TITLE = re.compile(r"《[^《》]{1,30}》")
# A time or a date alone on a line (20时, 08:30, 2024-03-02 09:12): when, never a headline.
TIME_ALONE = re.compile(
    r"^\s*(?:\d{1,2}\s*[时時点點](?:\s*\d{1,2}\s*分)?|\d{1,2}:\d{2}(?::\d{2})?|"
    r"\d{1,2}\s*月\s*\d{1,2}\s*日|\d{2}-\d{2}(?:\s+\S{1,4})?|"  # 9月21日 · 05-28 新闻
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$"
)
MIN_TITLE = 4  # what is left of a line after its prefix is cut must still read as a title


def bigrams(text: str) -> set[str]:
    """Pairs of adjacent Chinese characters: a cheap, segmenter-free measure of shared words."""
    return {run[i : i + 2] for run in CJK_RUN.findall(text) for i in range(len(run) - 1)}


def overlap(line: str, words: set[str]) -> float:
    grams = bigrams(line)
    return len(grams & words) / len(grams) if grams else 0.0


def draft_words(draft: Draft) -> set[str]:
    return bigrams("".join(draft.summary + draft.body))


def subtitle_like(text: str) -> bool:
    """A subtitle (——…, …:…, 「…」) follows its title; it does not open a headline."""
    return text.startswith("——") or bool(re.search(r"[:：「」]", text))


def clean_title(text: str) -> str:
    """The title as the paper printed it, without what a copy put around it."""
    text = TABLE_BORDERS.sub("", text)  # 标题 | ||: a table's cells copied after it
    text = LIST_BULLET.sub("", text)
    keyword, joined, rest = text.partition("_")
    if joined and rest and SPAM.search(keyword):
        text = rest  # 某某娱乐场…_标题: a spam site's keywords glued to the headline
    for pattern in (
        LIST_MARKS,
        FEED_LABEL,
        DATE_PREFIX,
        STAMP_SUFFIX,
        SITE_SUFFIX,
        PICTURES_SUFFIX,
    ):
        rest = pattern.sub("", text, count=1).strip()
        if len(rest) >= MIN_TITLE:
            text = rest
    outlet = OUTLET_PREFIX.match(text)
    if outlet and OUTLET_ALONE.match(outlet["outlet"]) and len(text) - outlet.end() >= MIN_TITLE:
        text = text[outlet.end() :].strip()
    return text


def headline_parts(draft: Draft) -> dict[str, str | None]:
    """Column, kicker, title and subtitle from the headline lines, by their marks and shape."""
    column = None
    kickers: list[str] = []
    subtitles: list[str] = []
    candidates: list[Paragraph] = []
    lines = _continued(
        [
            p
            for p in draft.headline
            if p.text.strip("|丨 ")
            and p.text.strip("【】[] ") not in NOTE_LABELS
            and not TIME_ALONE.match(p.text)
            and not SITE_NAME.fullmatch(p.text.strip())  # 某某报网: the site's name, no headline
            and not PAPER_NAME.fullmatch(p.text.strip())  # 某某晚报 alone: the paper, no headline
            and not DOMAIN.fullmatch(p.text.strip())  # example.org: the site's address
            and not _accounts_name(p.text.strip())  # 某区发布: a district's account, no headline
        ]
    )
    for index, paragraph in enumerate(lines):
        text = paragraph.text
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if is_column_tag(text) and not candidates and not kickers:
            column = text
        elif BRACKETED_LABEL.match(text) and candidates:
            continue  # 【对话嘉宾】 under the headline: a label over what follows, no headline
        elif text.endswith(("——", "—")):
            kickers.append(text.rstrip("—").strip())
        elif text.startswith("——") or paragraph.kind is Kind.DECK:
            subtitles.append(text.lstrip("—").strip())
        elif _signature(following) or _authors_title(text, index, lines, candidates):
            subtitles.append(text)  # the author's title over their credit: no headline
        else:
            candidates.append(paragraph)
    title = None
    if candidates:
        words = draft_words(draft) if len(candidates) > 1 else set()
        chosen = max(
            range(len(candidates)),
            key=lambda i: _title_score(candidates[i], i, words, candidates[i + 1 :]),
        )
        title = clean_title(candidates[chosen].text)
        above = candidates[:chosen]
        if above and column is None and _is_column_label(above[0], candidates[1:]):
            column, above = above[0].text, above[1:]
        kickers += [p.text for p in above]
        subtitles = [p.text for p in candidates[chosen + 1 :]] + subtitles
    kicker = " ".join(kickers) or None
    subtitle = " ".join(subtitles) or None
    if title is None:
        title, subtitle = _fallback_title(draft, kicker, subtitle)
        if title == kicker:
            kicker = None
    return {"column": column, "kicker": kicker, "title": title, "subtitle": subtitle}


def _continued(lines: list[Paragraph]) -> list[Paragraph]:
    """A headline line that ends on a colon goes on in the next (某村摆渡人周明： / 渡口要留着):
    the two are one title."""
    joined: list[Paragraph] = []
    for paragraph in lines:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.text.endswith(("：", ":"))
            and previous.kind is paragraph.kind
        ):
            joined[-1] = replace(previous, text=previous.text + paragraph.text)
        else:
            joined.append(paragraph)
    return joined


def _authors_title(text: str, index: int, lines: list, candidates: list) -> bool:
    """The last headline line, under a headline, is a position and nothing more (某村驻村指导员):
    the title of the author whose credit follows (a signature read as a byline)."""
    return (
        index == len(lines) - 1
        and bool(candidates)
        and ends_with_title(text)
        and not re.search(r"[，,。！？!?、：:“”]", text)
    )


def _signature(text: str) -> bool:
    """``——马骁``: an author signing under the line that gives their title."""
    return bool(re.fullmatch(rf"——\s*[{CJK}·]{{2,5}}", text))


def _title_score(
    paragraph: Paragraph, index: int, words: set[str], below: list[Paragraph]
) -> float:
    """Printed titles: # markup, what the page repeats or lists as its headline, parallel phrases
    split by a space; a colon marks a subtitle, a short first line a column label, a role and a
    name a credit; of a kicker and a title the title is the shorter, catchier line."""
    text = paragraph.text
    hint = paragraph.hint
    if hint < 0:  # listed as 引题~~~: a kicker above its title, the title under another line
        hint = -1 if index == 0 else 2
    score = 3.0 * hint
    if paragraph.kind is Kind.MARKED and paragraph.level in (1, 4):
        score += 4
    shared = overlap(text, words)
    if re.search(rf"[{CJK}] +[{CJK}]", text) and (shared or not words):
        score += 2  # parallel phrases echoing the story; a toggle (无障碍 关怀版) echoes nothing
    if subtitle_like(text):
        score -= 2
    if CREDIT_SHAPED.search(text):
        score -= 4
    if text.rstrip().endswith(("|", "丨")):
        score -= 2  # 周明在活动室上课 |: a caption or a credit closed by the layout's bar
    if WORK_TITLE.fullmatch(text.strip()):
        # 《某某》 alone: a show's, a book's or a film's name, a caption's or a list's; printed
        # again it is a caption repeated, no headline the page repeats
        score -= 3.0 * max(hint, 0) + 2
    if re.search(rf"[{CJK}]——[{CJK}]", text):
        score += 1  # 扎根五年——驻村干部回城: a headline and its subtitle printed on one line
    if SITE_NAME.fullmatch(text):
        score -= 3  # 某某信息站, 某某网: the site's name alone
    if index == 0 and _is_column_label(paragraph, below):
        score -= 3
    score -= len(text) / 25
    return score + shared


def _is_column_label(paragraph: Paragraph, below: list[Paragraph]) -> bool:
    """青年时评, 速览: a short label printed above a headline (not above a deck)."""
    return (
        len(paragraph.text) <= COLUMN_LABEL_LENGTH
        and paragraph.hint < 2
        and any(line.kind is not Kind.TEXT for line in below)
    )


def _fallback_title(
    draft: Draft, kicker: str | None, subtitle: str | None
) -> tuple[str, str | None]:
    """A title the page prints somewhere else (an ``原标题`` note, a kicker alone); a page that
    prints no headline gets none: its first sentence, a date or a credit is no title."""
    if draft.original_title:
        main, _, rest = draft.original_title.partition("——")
        return noted_headline(main.strip()), subtitle or (rest.strip() or None)
    if kicker:
        return kicker, subtitle
    return "", subtitle
