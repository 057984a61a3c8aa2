"""What every way of finding a speaker shares: speech verbs, the title printed before a name,
sentence edges, and the windows that keep each look-up bounded (hostile input costs linear time:
no search runs back over a whole paragraph for each anchor)."""

from __future__ import annotations

import re

from archive.ingest.names import (
    CJK,
    SPEECH_VERBS,
    TITLE_ENDINGS,
    ends_with_title,
    is_plausible_name,
)
from archive.ingest.wordtrie import trie_pattern

# Words that start the adverb between a name and its verb: 笑着, 十分, 高兴地, 激动地.
ADVERB_STARTS = frozenset("笑十高激兴无连忍很更特非颇深幽愉开不这")
# What joins two names said together: 周明和李华, 周明、李华.
JOINING = "和与及、"


def without_manner(name: str) -> str:
    """A three-character "name" whose last character opens the manner of speaking (周明笑着说)
    is the two before it."""
    if len(name) == 3 and name[2] in ADVERB_STARTS and is_plausible_name(name[:2]):
        return name[:2]
    return name


VERB_PATTERN = "|".join(sorted(map(re.escape, SPEECH_VERBS), key=len, reverse=True))
VERB = re.compile(VERB_PATTERN)
DELIMITERS = "。！？!?；;，,：:、（(\n"
TITLE_DELIMITERS = "。！？!?；;，,：:（(\n“‘ "
SENTENCE_END = "。！？!?"
QUOTED_PART = re.compile(r"“([^“”]+)”")
FRAME_WORDS = ("会上", "采访时", "采访中", "对此", "为此", "随后", "同时", "其中", "此外")
MAX_TITLE = 60
MAX_NAME = 12  # the longest name the model knows: 4 ideographs, or a transliteration with ·
MAX_QUOTE = 600  # how far a quote's other end is looked for
MAX_REACH = 90  # how far before a speech verb a titled name may stand in the same sentence
# Every place a title word is followed by a name-shaped run, overlapping: in 总编辑周明 the
# shorter 总编 matches first, and only the next position (编辑|周明) gives the name.
# The class of the title words' first characters goes first, consumed, so the search skips in C
# to the next position holding one (a pattern opening on a look-ahead is tried at every
# position); the look-behind then reads the title word and name from that character. The title
# words are a trie: a position that passes tries one branch per character, not every word.
TITLE_START = f"[{''.join(sorted({re.escape(word[0]) for word in TITLE_ENDINGS}))}]"
TITLED_NAME = re.compile(
    rf"{TITLE_START}(?<=(?=(?:{trie_pattern(TITLE_ENDINGS)})(?P<name>[{CJK}]{{2,3}})){TITLE_START})"
)


def boundary_ok(paragraph: str, name: str, position: int) -> bool:
    """The name ending at ``position`` starts a word: after punctuation, 的, a title or a frame
    word (会上, 对此), so 成都市民李明 does not read as 民李明."""
    start = position - len(name)
    prefix = paragraph[max(0, start - MAX_TITLE) : start]
    return (
        not prefix
        or prefix[-1] in DELIMITERS + "“”‘’ 的"
        or ends_with_title(prefix)
        or prefix.endswith(FRAME_WORDS)
        or _after_joined_name(prefix)
    )


def _after_joined_name(prefix: str) -> bool:
    """周明和|李华: the second of two names joined by a conjunction starts a word."""
    return (
        prefix[-1:] != ""
        and prefix[-1] in JOINING
        and any(is_plausible_name(prefix[-1 - length : -1]) for length in (2, 3))
    )


FRAMES = ("据", "在", "用")  # words that frame a titled name, not part of its title


def title_before(paragraph: str, end: int) -> tuple[str | None, str | None]:
    """The title printed before ``paragraph[end]``, scanning back to the clause boundary; quoted
    or bracketed parts of a title are kept (上海市“一网统管”…主任, 中电科数字科技(集团)有限公司
    党委书记). Also the quote closing right before the title: “…”区城运中心科长李明说."""
    floor = max(0, end - MAX_TITLE - 1)  # a title is at most MAX_TITLE long: look no further
    index = end
    quote_before = None
    while index > floor:
        char = paragraph[index - 1]
        if char in "”）)":
            low = max(0, index - 1 - MAX_QUOTE) if char == "”" else floor
            opening = paragraph.rfind({"”": "“", "）": "（", ")": "("}[char], low, index - 1)
            inner = paragraph[opening + 1 : index - 1] if opening >= 0 else ""
            if opening < 0 or not is_quoted_name(inner):
                if char == "”" and opening >= 0:
                    quote_before = inner.strip()
                break
            index = opening
            continue
        if char in TITLE_DELIMITERS:
            break
        index -= 1
    title = paragraph[index:end].strip() if index > floor or index == 0 else ""
    title = _after_copula(_after_listed_people(title))
    if title.endswith("”") and any(map(ends_with_title, QUOTED_PART.findall(title))):
        return title, quote_before  # 社区“金牌调解员”“老娘舅”周明: honorifics in quotation marks
    if title[:1] in FRAMES and ends_with_title(title[1:]):
        title = title[1:]  # 据…局长周明介绍, 在…主任周明看来, 用…局长周明的话说: the frame
    title = INTERVIEW_LABEL.sub(
        "", title
    )  # 专访某局局长周明: the interview's label, then the title
    if title and ends_with_title(title) and len(title) <= MAX_TITLE:
        return title, quote_before
    return None, quote_before


INTERVIEW_LABEL = re.compile(r"^(?:独家)?(?:对话|专访|访谈|对谈)\s*[:：]?\s*")


# Words that introduce the person rather than belong to their title: 说这句话的是…主任周明,
# 这句评价出自…主任周明, 来自…公司的工程师周明, 引起了…记者周明的注意, 镜头跟着…馆员周明.
# So does 由 before the one who acts (会议由…区长周明主持), but not inside 自由, 理由, 缘由, and a
# host's word for whom they call on (让我们有请…书记周明, 欢迎…).
INTRODUCERS = re.compile(r"是|出自|来自|了|着|(?<![自理缘经])由|有请|欢迎|邀请")


def _after_copula(title: str) -> str:
    cut = max((found.end() for found in INTRODUCERS.finditer(title)), default=0)
    return title[cut:] if ends_with_title(title[cut:]) else title


def _after_listed_people(title: str) -> str:
    """某大学副校长周明、研究室主任: a list of titled people before this one is not part of
    this one's title; a list of positions (市城运中心主任、市政府副秘书长) is."""
    parts = title.split("、")
    for index in range(len(parts) - 1, 0, -1):
        before = parts[index - 1]
        if any(is_plausible_name(before[-n:]) and ends_with_title(before[:-n]) for n in (2, 3)):
            return "、".join(parts[index:])
    return title


# The report's own writers, named in its text (本报记者周明来到…), are not the people it quotes.
OWN_WRITER = ("记者", "本报记者", "本刊记者", "通讯员")
TO_WHOM = "对向跟给问"  # words before the one a verb of speech is addressed to


def told_to_writer(text: str, start: int) -> bool:
    """The words at ``start`` follow a reporter who is spoken to (她向记者谈起…, 对记者说): what
    follows is what was said, and 记者 there is no title of a name."""
    before = text[max(0, start - 6) : start]
    return any(
        before.endswith(word) and before[: -len(word)].endswith(tuple(TO_WHOM))
        for word in OWN_WRITER
    )


def sentence_start(paragraph: str, position: int, floor: int = 0) -> int:
    """Where the sentence holding ``position`` starts, looking back no further than ``floor``."""
    return max(floor, max(paragraph.rfind(mark, floor, position) for mark in SENTENCE_END) + 1)


def sentence_stop(text: str) -> int:
    """The end of the first sentence of ``text``, past any quote it holds."""
    depth = 0
    for index, char in enumerate(text):
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(0, depth - 1)
        elif char in SENTENCE_END and depth == 0:
            return index + 1
    return len(text)


MAX_QUOTED_NAME = 15  # “老街坊聊老街”: a programme's, a slogan's or a place's name in quotes


def is_quoted_name(inner: str) -> bool:
    """What stands between quotation marks is a name or a phrase (a programme, a slogan, a
    nickname), not someone's words: short, and no sentence ends in it."""
    return len(inner) <= MAX_QUOTED_NAME and not any(mark in inner for mark in SENTENCE_END)


def last_quote_close(paragraph: str, floor: int, position: int) -> int:
    """Where the last quotation before ``position`` closes (the index of its ”), passing over
    quoted names (在“某某”节目中); -1 when there is none after ``floor``."""
    close = paragraph.rfind("”", floor, position)
    while close >= 0:
        opening = paragraph.rfind("“", floor, close)
        if opening < 0 or not is_quoted_name(paragraph[opening + 1 : close]):
            return close
        close = paragraph.rfind("”", floor, opening)
    return -1


def quote_opening_sentence(paragraph: str, position: int) -> str | None:
    """The quote that opens the sentence holding ``position``: “……”今天一早，李明来到…，感慨
    地说道 — the words are the quote, whatever stands between it and the verb."""
    floor = max(0, position - MAX_QUOTE)
    close = last_quote_close(paragraph, floor, position)
    between = paragraph[close:position]
    if close < 0 or any(mark in between for mark in SENTENCE_END) or _opens_words(between):
        return None
    opening = paragraph.rfind("“", floor, close)
    if opening < 0 or (opening > 0 and paragraph[opening - 1] not in SENTENCE_END + " \u3000\n"):
        return None
    text = paragraph[opening + 1 : close].strip()
    return text if len(text) >= 4 else None


def _opens_words(text: str) -> bool:
    """A quotation opens in ``text`` and is not closed as a quoted name: someone's words."""
    opening = text.rfind("“")
    if opening < 0:
        return False
    close = text.find("”", opening)
    return close < 0 or not is_quoted_name(text[opening + 1 : close])
