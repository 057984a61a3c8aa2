"""Quoted speakers: who said what, with the title printed before the name.

Patterns: TITLE NAME 说/表示/认为/… ;
TITLE NAME 代表/委员 (a deputy, whether or not a verb follows);
“…”TITLE NAME …(the quote before the attribution); NAME(TITLE) heading an oral account.
Unnamed speakers (工作人员, 陈先生, 一位居民) never match: a name needs a surname and given name.
"""

from __future__ import annotations

import re

from archive.ingest.gazetteer import place_names
from archive.ingest.names import (
    CJK,
    SPEECH_VERBS,
    TITLE_ENDINGS,
    UNNAMED_SUFFIXES,
    best_name,
    ends_with_title,
    is_plausible_name,
    name_candidates,
)
from archive.ingest.types import ParsedQuote

VERB_PATTERN = "|".join(sorted(map(re.escape, SPEECH_VERBS), key=len, reverse=True))
VERB = re.compile(VERB_PATTERN)
ANCHOR = re.compile(
    rf"(?P<deputy>代表|委员)|(?P<verb>{VERB_PATTERN}|告诉[^，,。“”]{{1,8}}记者|看来)|(?P<colon>[:：]\s*(?=“))"
)
MAX_GAP = 6  # 陈志冲笑着说 · 宋秀平十分高兴：“…” · 陈耀彭校长介绍说: words between name and verb
FOLLOWING_VERB = re.compile(rf"^[^，,。！？；：:“”]{{0,25}}?(?P<verb>{VERB_PATTERN})")
FOLLOWING_COLON_QUOTE = re.compile(r"^[^，,。！？；“”]{0,20}[:：]\s*“")
PRONOUN_VERB = re.compile(rf"^[他她](?:们)?[^，,。！？；“”]{{0,6}}?(?:{VERB_PATTERN})")
DELIMITERS = "。！？!?；;，,：:、（(\n"
TITLE_DELIMITERS = "。！？!?；;，,：:（(\n“‘ "
SENTENCE_END = "。！？!?"
FRAME_WORDS = ("会上", "采访时", "采访中", "对此", "为此", "随后", "同时", "其中", "此外")
MAX_TITLE = 60
MAX_NAME = 12  # the longest name the model knows: 4 ideographs, or a transliteration with ·
MAX_QUOTE = 600  # how far back the opening of a quote is looked for
MAX_REACH = 90  # how far before a speech verb a titled name may stand in the same sentence
TITLED_NAME = re.compile(rf"(?:{'|'.join(map(re.escape, TITLE_ENDINGS))})(?P<name>[{CJK}]{{2,3}})")
ORAL_HEAD = re.compile(r"^(?P<name>\S{2,8}?)\s*[（(](?P<title>[^（()）]{2,60})[）)]$")


def oral_account_head(line: str) -> tuple[str, str] | None:
    """``王峥(上海市市场监管局…主任)``: the line heading an oral account (口述实录)."""
    match = ORAL_HEAD.match(line.strip())
    if match and is_plausible_name(match.group("name")):
        return match.group("name"), match.group("title").strip()
    return None


NARRATOR = re.compile(r"^(?P<who>[^。！？]{2,90}?)\s*(?:讲述|口述)$")
PLACE_END = re.compile(r".*(?:村|乡|镇|县|市|州|区|街道|社区)")


def narrator_line(line: str) -> tuple[str, str | None] | None:
    """``…江孜县人民医院院长王卫国讲述`` closing a first-person account: who told it, and title.

    A name without a known surname is taken after the last place word (…解拉莫村阿子尔哈讲述).
    """
    match = NARRATOR.match(line.strip())
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
INTERVIEWEE = re.compile(r"(?:专访|访)(?P<who>[^，,。！？]{2,60})$")


def interviewee(headlines: list[str]) -> tuple[str, str | None] | None:
    """``——访普陀区长风新村街道党工委书记钱文``: the person an interview is with, and title."""
    for line in headlines:
        match = INTERVIEWEE.search(line.strip(" —"))
        if not match:
            continue
        who = match.group("who")
        for name in name_candidates(who):
            if name not in place_names() and _boundary_ok(who, name, len(who)):
                return name, (who[: -len(name)].strip() or None)
    return None


def qa_quotes(paragraphs: list[str], subject: tuple[str, str | None] | None) -> list[ParsedQuote]:
    """Question-and-answer interviews: ``钱文：难在……`` paragraphs are the interviewee's words.

    A name counts when it is the headline's interviewee or answers at least twice.
    """
    answers = [(m.group("name"), m.group("text")) for m in map(QA_LINE.match, paragraphs) if m]
    counts: dict[str, int] = {}
    for name, _text in answers:
        counts[name] = counts.get(name, 0) + 1
    titles = {subject[0]: subject[1]} if subject else {}
    return [
        ParsedQuote(speaker=name, title=titles.get(name), text=text.strip(), direct=True)
        for name, text in answers
        if is_plausible_name(name)
        and name not in place_names()
        and (name in titles or counts[name] >= 2)
    ]


def find_quotes(paragraphs: list[str]) -> list[ParsedQuote]:
    quotes: list[ParsedQuote] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        found = _paragraph_quotes(paragraph, following)
        known = {quote.speaker for quote in found}
        found += [q for q in _quotes_next_to_names(paragraph) if q.speaker not in known]
        quotes.extend(found)
    return _fill_titles(quotes)


SENTENCE_SPLIT = re.compile(r"(?<=[。！？!?])(?![”’」])")
OPENING_NAME = re.compile(rf"^(?P<name>[{CJK}]{{2,3}})(?=[^{CJK}]|来自|在|跟|和|的|对|向|为)")
PRONOUN_SAYS = re.compile(
    rf"^[他她][^，,。！？“”]{{0,6}}?(?:{VERB_PATTERN})[，,：:]?\s*(?P<text>.+)$"
)


def _quotes_next_to_names(paragraph: str) -> list[ParsedQuote]:
    """Words printed next to a name, with no verb between: a titled name, then a quote in the
    same sentence (…党委书记张铮的元宵节…，“别看…”); a quote, then a titled name (“…”…第一书记
    钟滨，…); a titled name, then 他/她 + verb opening the next sentence (…女生魏笑…。她感叹，…)."""
    sentences = [s for s in SENTENCE_SPLIT.split(paragraph) if s]
    quotes: list[ParsedQuote] = []
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        pronoun = PRONOUN_SAYS.match(following) if following[:1] in "他她" else None
        if "“" not in sentence and pronoun is None:
            continue
        quote_before = re.match(r"^“(?P<text>[^“”]{4,})”", sentence)
        for name, title, start in _named_people(sentence):
            rest = sentence[start : start + MAX_REACH]
            quote_after = re.search(r"[，,]\s*“(?P<text>[^“”]{4,})”", rest)
            if quote_after and not VERB.search(rest[: quote_after.start()]):
                text = quote_after["text"]
            elif quote_before and title and start - len(name) <= quote_before.end() + MAX_TITLE:
                text = quote_before["text"]
            elif pronoun and title:
                text = pronoun["text"].strip("“”")
            else:
                continue
            quotes.append(ParsedQuote(speaker=name, title=title, text=text, direct=True))
            break
    return quotes


def _named_people(sentence: str) -> list[tuple[str, str | None, int]]:
    """People named in a sentence: after a title (…书记张铮) or opening it (王忠跟家人…)."""
    people = []
    for match in TITLED_NAME.finditer(sentence):
        name = best_name(sentence[match.start("name") : match.start("name") + MAX_NAME])
        if name is None or name in place_names():
            continue
        title, _quote = _title_before(sentence, match.start("name"))
        people.append((name, title, match.start("name") + len(name)))
    opening = OPENING_NAME.match(sentence.lstrip("“”"))
    if opening and is_plausible_name(opening["name"]) and opening["name"] not in place_names():
        offset = len(sentence) - len(sentence.lstrip("“”"))
        people.append((opening["name"], None, offset + len(opening["name"])))
    return people


def _paragraph_quotes(paragraph: str, following: str) -> list[ParsedQuote]:
    quotes = []
    taken_until = 0
    for anchor in ANCHOR.finditer(paragraph):
        if anchor.start() < taken_until:
            continue
        found = _speaker_before(paragraph, anchor.start())
        if found is None and not anchor.group("deputy"):
            found = _speaker_across_gap(paragraph, anchor.start())
        if found is None and anchor.group("verb"):
            found = _titled_name_earlier(paragraph, anchor.start(), taken_until)
        if found is None:
            continue
        name, title, quote_before = found
        if anchor.group("verb") and not (
            title or quote_before or _boundary_ok(paragraph, name, anchor.start())
        ):
            continue
        text, direct, end = _words_after(paragraph, anchor, following)
        if quote_before and (len(text.strip("。，, ")) < 4 or not direct):
            text, direct = quote_before, True
        if not text:
            continue
        quotes.append(ParsedQuote(speaker=name, title=title, text=text, direct=direct))
        taken_until = end
    return quotes


# Words that start the adverb between a name and its verb: 笑着, 十分, 高兴地, 激动地.
ADVERB_STARTS = frozenset("笑十高激兴无连忍很更特非颇深幽愉开不")
AFTER_NAME = (*TITLE_ENDINGS, *UNNAMED_SUFFIXES)  # 陈耀彭校长, 吕方师傅
GAP_STOP = re.compile(r"[，,。！？!?；;：:“”、（）()]")


def _speaker_across_gap(paragraph: str, position: int) -> tuple[str, str | None, str | None] | None:
    """A name a few words before the verb or the colon, with nothing but an adverb or a title
    after the name between them: 笑着说, 十分高兴：“, 校长介绍说, 师傅说 (a title printed after)."""
    for gap in range(1, MAX_GAP + 1):
        start = position - gap
        words = paragraph[start:position]
        if start <= 0 or GAP_STOP.search(words) or VERB.search(words[:-1]):
            return None
        after = None
        if words.startswith(AFTER_NAME):
            after = next(end for end in AFTER_NAME if words.startswith(end))
        # A title or honorific right after the name vouches for it: 裁缝吕方师傅说.
        found = _speaker_before(paragraph, start, check_boundary=after is None)
        if found is None:
            continue
        name, title, quote_before = found
        if (name[-1] + words).startswith(UNNAMED_SUFFIXES):
            continue  # 王女|士 is 王女士, no one by name; 吕方师|傅 is 吕方 师傅
        if len(name) == 3 and name[2] in ADVERB_STARTS and is_plausible_name(name[:2]):
            name = name[:2]  # 周明笑着说, 周明十分高兴
        return name, title or after, quote_before
    return None


def _speaker_before(
    paragraph: str, position: int, *, check_boundary: bool = True
) -> tuple[str, str | None, str | None] | None:
    """The name ending at ``position``, its printed title and a quote just before it."""
    for name in name_candidates(paragraph[max(0, position - MAX_NAME) : position]):
        if name in place_names():
            continue
        if check_boundary and not _boundary_ok(paragraph, name, position):
            continue
        title, quote_before = _title_before(paragraph, position - len(name))
        return name, title, quote_before
    return None


def _titled_name_earlier(
    paragraph: str, position: int, taken_until: int
) -> tuple[str, str | None, str | None] | None:
    """``市委书记陈吉宁先后召开…会议,强调…``: a titled name earlier in the same sentence."""
    floor = max(0, taken_until, position - MAX_REACH)
    start = max(
        _sentence_start(paragraph, position, floor),
        paragraph.rfind("”", floor, position) + 1,
        paragraph.rfind("“", floor, position) + 1,
    )
    clause = paragraph[start:position]
    for match in TITLED_NAME.finditer(clause):
        name = best_name(clause[match.start("name") : match.start("name") + MAX_NAME])
        if name is None or name in place_names():
            continue
        title, quote_before = _title_before(paragraph, start + match.start("name"))
        after = clause[match.start("name") + len(name) :]
        if title and not title.endswith("记者") and _no_verb(after):
            return name, title, quote_before
    return None


def _sentence_start(paragraph: str, position: int, floor: int = 0) -> int:
    """Where the sentence holding ``position`` starts, looking back no further than ``floor``."""
    return max(floor, max(paragraph.rfind(mark, floor, position) for mark in SENTENCE_END) + 1)


def _no_verb(text: str) -> bool:
    """The words between the name and the verb hold no other speech verb or name of their own."""
    return not re.search(rf"{VERB_PATTERN}|代表|委员", text)


def _boundary_ok(paragraph: str, name: str, position: int) -> bool:
    start = position - len(name)
    prefix = paragraph[max(0, start - MAX_TITLE) : start]
    return (
        not prefix
        or prefix[-1] in DELIMITERS + "“”‘’ 的"
        or ends_with_title(prefix)
        or prefix.endswith(FRAME_WORDS)
    )


def _title_before(paragraph: str, end: int) -> tuple[str | None, str | None]:
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
            if opening < 0 or any(mark in inner for mark in SENTENCE_END) or len(inner) > 15:
                if char == "”" and opening >= 0:
                    quote_before = inner.strip()
                break
            index = opening
            continue
        if char in TITLE_DELIMITERS:
            break
        index -= 1
    title = paragraph[index:end].strip() if index > floor or index == 0 else ""
    if title and ends_with_title(title) and len(title) <= MAX_TITLE:
        return title, quote_before
    return None, quote_before


def _words_after(paragraph: str, anchor: re.Match[str], following: str) -> tuple[str, bool, int]:
    """What the speaker said after the attribution: (text, direct, end index in paragraph)."""
    end = anchor.end()
    if anchor.group("deputy"):
        after = paragraph[end : end + MAX_REACH]
        verb = FOLLOWING_VERB.match(after)
        if verb:
            end += verb.end()
        elif FOLLOWING_COLON_QUOTE.match(after):
            end = paragraph.index("“", end)
        else:
            return _deputy_sentence(paragraph, end, following)
    window = paragraph[end : end + MAX_QUOTE]  # a quote longer than this is cut there
    rest = window.lstrip("，,:： ")
    start = end + len(window) - len(rest)
    if rest.startswith("“"):
        close = rest.find("”")
        if close > 0:
            return rest[1:close].strip(), True, start + close + 1
    stop = _sentence_stop(rest)
    return rest[:stop].strip("，, "), False, start + stop


def _deputy_sentence(paragraph: str, end: int, following: str) -> tuple[str, bool, int]:
    """``NAME代表 …。她表示,…``: the sentence after the name, or a pronoun's words after it."""
    stop = end + _sentence_stop(paragraph[end : end + MAX_QUOTE])
    rest = paragraph[stop : stop + MAX_QUOTE].lstrip("。！？ ")
    if not rest and following:
        rest = following
    pronoun = PRONOUN_VERB.match(rest)
    if pronoun:
        words = rest[pronoun.end() :].lstrip("，,:： ")
        if words.startswith("“") and "”" in words:
            return words[1 : words.index("”")], True, stop
        return words[: _sentence_stop(words)].strip("，, "), False, stop
    return paragraph[end:stop].strip("，, 。"), False, stop


def _sentence_stop(text: str) -> int:
    depth = 0
    for index, char in enumerate(text):
        if char == "“":
            depth += 1
        elif char == "”":
            depth = max(0, depth - 1)
        elif char in SENTENCE_END and depth == 0:
            return index + 1
    return len(text)


def _fill_titles(quotes: list[ParsedQuote]) -> list[ParsedQuote]:
    """A later mention without a title takes the title printed earlier in the same article."""
    titles: dict[str, str] = {}
    for quote in quotes:
        if quote.title:
            titles.setdefault(quote.speaker, quote.title)
    return [
        quote
        if quote.title
        else ParsedQuote(quote.speaker, titles.get(quote.speaker), quote.text, quote.direct)
        for quote in quotes
    ]
