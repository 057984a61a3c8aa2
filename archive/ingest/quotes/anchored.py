"""Speakers anchored by a word: TITLE NAME 说/表示/认为/… (also across an adverb: 笑着说);
TITLE NAME 代表/委员 (a deputy, whether or not a verb follows); NAME：“…” (a colon before a quote);
…TITLE NAME 先后召开…会议，强调… (a titled name earlier in the sentence than its verb).
Unnamed speakers (工作人员, 陈先生, 一位居民) never match: a name needs a surname and given name.
"""

from __future__ import annotations

import re

from archive.ingest import lexicon, name_boundary
from archive.ingest.gazetteer import place_names
from archive.ingest.names import (
    LOOKAHEAD,
    PEOPLE_WORDS,
    SPEECH_VERBS,
    SURNAMES,
    TITLE_ENDINGS,
    UNNAMED_SUFFIXES,
    best_name,
    is_plausible_name,
    name_candidates,
)
from archive.ingest.quotes.common import (
    JOINING,
    MAX_NAME,
    MAX_QUOTE,
    MAX_REACH,
    OWN_WRITER,
    TITLED_NAME,
    TO_WHOM,
    VERB,
    VERB_PATTERN,
    boundary_ok,
    last_quote_close,
    quote_opening_sentence,
    sentence_start,
    sentence_stop,
    title_before,
    without_manner,
)
from archive.ingest.quotes.nearby import opening_person
from archive.ingest.quotes.pronouns import pronoun_antecedent
from archive.ingest.types import ParsedQuote

# Every anchor's first character goes first, as in TITLED_NAME: most positions fail on it at
# once instead of trying each speech verb.
ANCHOR_STARTS = "".join(sorted({verb[0] for verb in SPEECH_VERBS} | set("代委告看:：")))
# 代表团 (a delegation, named for a place), 代表性 (representative), 代表大会, 代表队, 委员会 and
# the collective 代表委员 follow a place or a word, never a named deputy.
ANCHOR = re.compile(
    rf"(?=[{re.escape(ANCHOR_STARTS)}])"
    rf"(?:(?P<deputy>代表(?![团性作处大队]|委员)|委员(?!会))"
    rf"|(?P<verb>{VERB_PATTERN}|告诉[^，,。“”()]{{1,8}}(?:\([^()]{{1,40}}\))?记者|看来)|(?P<colon>[:：]\s*(?=“)))"
)
OTHER_ANCHOR = re.compile(rf"{VERB_PATTERN}|代表|委员")
MAX_GAP = 6  # 王立新笑着说 · 赵明华十分高兴：“…” · 孙建平校长介绍说: words between name and verb
FOLLOWING_VERB = re.compile(rf"^[^，,。！？；：:“”]{{0,25}}?(?P<verb>{VERB_PATTERN})")
FOLLOWING_COLON_QUOTE = re.compile(r"^[^，,。！？；“”]{0,20}[:：]\s*“")
PRONOUN_VERB = re.compile(rf"^[他她](?:们)?[^，,。！？；“”]{{0,6}}?(?:{VERB_PATTERN})")
# What follows a verb when the verb is only the end of the attribution: 感慨|地说道。
VERB_TAIL = re.compile(rf"^[^，,。！？；“”]{{0,8}}(?:{VERB_PATTERN})[。！]?$")


def paragraph_quotes(
    paragraph: str,
    following: str,
    unattributed: list[re.Match[str]] | None = None,
    before: str = "",
) -> list[ParsedQuote]:
    """The quotes of one paragraph whose speaker the rules can name; the speech verbs they
    cannot name a speaker for are added to ``unattributed`` (for the recogniser). ``before`` is
    the paragraph above, where a pronoun opening this one finds whom it stands for."""
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
        known_edges = False
        if found is None and anchor.group("verb"):
            found = pronoun_antecedent(paragraph, anchor.start(), taken_until, before)
            known_edges = found is not None  # the name was read where it stands, not at the verb
        if found is None and anchor.group("verb"):
            found = _subject_earlier(paragraph, anchor.start(), taken_until)
            known_edges = found is not None
        if found is None:
            if unattributed is not None and anchor.group("verb"):
                unattributed.append(anchor)
            continue
        made = quote_at(paragraph, anchor, following, found, boundary_known=known_edges)
        if made is not None:
            quotes.append(made[0])
            taken_until = made[1]
    return quotes


def quote_at(
    paragraph: str,
    anchor: re.Match[str],
    following: str,
    found: tuple[str, str | None, str | None],
    *,
    boundary_known: bool = False,
) -> tuple[ParsedQuote, int] | None:
    """The quote a speaker found before ``anchor`` said, and where it ends in the paragraph;
    ``boundary_known`` when the name's edges need no check (the recogniser set them)."""
    name, title, quote_before = found
    if (
        anchor.group("verb")
        and not boundary_known
        and not (title or quote_before or boundary_ok(paragraph, name, anchor.start()))
    ):
        return None
    text, direct, end = _words_after(paragraph, anchor, following)
    if not direct and (len(text.strip("。，,！？!? ")) < 2 or VERB_TAIL.match(text)):
        # 感慨地说道。· 如是说。: the words are the quote the sentence opened with.
        text = ""
        quote_before = quote_before or quote_opening_sentence(paragraph, anchor.start())
    if quote_before and (len(text.strip("。，, ")) < 4 or not direct):
        text, direct = quote_before, True
    if not text:
        return None
    return ParsedQuote(speaker=name, title=title, text=text, direct=direct), end


AFTER_NAME = (*TITLE_ENDINGS, *UNNAMED_SUFFIXES)  # 孙建平校长, 周强师傅
ADDRESSEE = re.compile(r"(?:对|向|跟|给|告诉|接受)[^，,。！？；“”]{0,4}$")
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
        if after in UNNAMED_SUFFIXES:
            return None  # 向贾女士详细解释: a surname and an honorific name no one
        if after in OWN_WRITER and ADDRESSEE.search(
            paragraph, max(0, start - len(name) - 6), start - len(name)
        ):
            return None  # 对某某报记者说: the reporter spoken to, and their paper, are no speaker
        if after and _addressed(paragraph, name, start):
            return None  # 向周明委员发问, 向王书记介绍: the one spoken to, not the speaker
        if (name[-1] + words).startswith(UNNAMED_SUFFIXES):
            continue  # 王女|士 is 王女士, no one by name; 吕方师|傅 is 吕方 师傅
        if after and name in lexicon.words().two_character:
            continue  # 附近居民称赞: a word before a word for people (居民, 师傅) is no name
        if len(name) == 2 and (
            name + words[:1] in lexicon.words().three_character or name + words[:1] in PEOPLE_WORDS
        ):
            continue  # 金融|学讲师说, 高中|生说: the "name" is the start of a word, no one
        if name[-1] + words[:1] in WORDS_FOR_LISTENERS:
            continue  # 向记|者诉说, 向媒|体坦言: the "name" ends inside a word for whom one tells
        return without_manner(name), title or after, quote_before  # 周明笑着说, 周明十分高兴
    return None


# Whom a speaker tells (向记者, 向媒体, 对居民): a "name" ending inside one of these is no name.
WORDS_FOR_LISTENERS = frozenset({*OWN_WRITER, *PEOPLE_WORDS, "媒体", "外界", "公众", "大众"})


def _addressed(paragraph: str, name: str, end: int) -> bool:
    """A titled name spoken to: a preposition before it (向周明委员发问), or read into it as its
    surname, the name being the preposition and a form of address (向|王书记 → "向王")."""
    before = paragraph[end - len(name) - 1 : end - len(name)] if end > len(name) else ""
    if before and before in TO_WHOM:
        return True
    return len(name) == 2 and name[0] in TO_WHOM and name[1] in SURNAMES


def _joined_to_next(name: str, paragraph: str, end: int) -> bool:
    """周明和|李华说: a "name" ending in a conjunction before another name is the first of two."""
    return name[-1] in CONJUNCTIONS and is_plausible_name(paragraph[end : end + 2])


CONJUNCTIONS = JOINING + "同跟"  # 周明跟|李华说 too: "周明跟" is no name


def _speaker_before(
    paragraph: str, position: int, *, check_boundary: bool = True
) -> tuple[str, str | None, str | None] | None:
    """The name ending at ``position``, its printed title and a quote just before it."""
    for name in name_candidates(paragraph[max(0, position - MAX_NAME) : position]):
        if name in place_names() or _joined_to_next(name, paragraph, position):
            continue
        if check_boundary and not boundary_ok(paragraph, name, position):
            continue
        start = position - len(name)
        third_opens_predicate = name_boundary.ends_sooner(paragraph[start : start + LOOKAHEAD])
        if len(name) == 3 and is_plausible_name(name[:2]) and third_opens_predicate:
            name = name[:2]  # 李建仅说: the third character opens the predicate
        title, quote_before = title_before(paragraph, start)
        return name, title, quote_before
    return None


def _titled_name_earlier(
    paragraph: str, position: int, taken_until: int
) -> tuple[str, str | None, str | None] | None:
    """``市委书记陈吉宁先后召开…会议,强调…``: a titled name earlier in the same sentence."""
    floor = max(0, taken_until, position - MAX_REACH)
    opening = paragraph.rfind("“", floor, position)
    still_open = opening >= 0 and paragraph.find("”", opening, position) < 0
    start = max(
        sentence_start(paragraph, position, floor),
        last_quote_close(paragraph, floor, position) + 1,
        opening + 1 if still_open else 0,  # inside someone's words: they open the clause
    )
    clause = paragraph[start:position]
    for match in TITLED_NAME.finditer(clause):
        name = best_name(clause[match.start("name") : match.start("name") + MAX_NAME])
        if name is None or name in place_names():
            continue
        title, quote_before = title_before(paragraph, start + match.start("name"))
        after = clause[match.start("name") + len(name) :]
        if _other_speakers(after):
            continue  # 市民周明来到现场，不少游客笑着说: the visitors speak
        if title and not title.endswith("记者") and _no_verb(after):
            return name, title, quote_before
    return None


def _subject_earlier(
    paragraph: str, position: int, taken_until: int
) -> tuple[str, str | None, str | None] | None:
    """周明在接受本报记者采访时表示…, 周明一边整理货架一边说: the sentence's own subject, when
    nobody else is named before the verb and the clause runs on to it without a break."""
    floor = max(0, taken_until, position - MAX_REACH)
    start = max(
        sentence_start(paragraph, position, floor),
        paragraph.rfind("”", floor, position) + 1,
        paragraph.rfind("“", floor, position) + 1,
    )
    clause = paragraph[start:position].lstrip(" ")
    described = DESCRIBED_SUBJECT.match(clause)  # 收到礼物的|周明…: who they are, then the name
    if opening_person(clause) is None and described:
        clause = clause[described.end() :]
    subject = opening_person(clause)
    if subject is None:
        return None
    rest = _without_manner(_without_serial_clauses(clause[len(subject) :]))
    if len(rest) > MAX_SUBJECT_REACH or CLAUSE_BREAK.search(rest) or not _no_verb(rest):
        return None
    return subject, None, quote_opening_sentence(paragraph, position)


# A phrase with 的 before the subject's name, itself naming nobody: 收到礼物的周明.
DESCRIBED_SUBJECT = re.compile(r"[^，,。！？；;：:“”的]{2,10}的")
# 周明在激动之余，不好意思地说道: a comma before how the subject speaks keeps the subject.
MANNER_AFTER_COMMA = re.compile(
    r"[，,](?:[^，,。！？；;：:“”]{1,6}地|[笑轻连忙低])[^，,。！？；;：:“”]{0,3}$"
)


def _other_speakers(words: str) -> bool:
    """A word for people (游客, 居民) in the clause before the verb, after a comma that closes
    the named person's: they are the ones speaking."""
    _before, comma, clause = words.replace(",", "，").rpartition("，")
    return bool(comma) and (
        any(clause[index : index + 2] in PEOPLE_WORDS for index in range(len(clause) - 1))
        or bool(SOME_PEOPLE.search(clause))
    )


# 多数人说, 不少人表示, 有人说, 人们说: people counted, not named, speak.
SOME_PEOPLE = re.compile(r"(?:多数|大多数|不少|很多|许多|有些|一些|部分|众|有)人|人们|大伙")


def _without_serial_clauses(rest: str) -> str:
    """周明接过队旗，说：… — the verb opens a clause of its own, after a comma (at most with whom
    it is told: ，向媒体坦言): that clause has no subject but the sentence's, so the clauses
    before it (one action each, no one else named in them) are left out; ``rest`` unchanged
    when the verb's clause has words of its own."""
    before, comma, last = rest.replace(",", "，").rpartition("，")
    told = not last.strip() or ADDRESSEE.fullmatch(last)  # ，说 · ，向媒体坦言
    if not comma or not told or len(before) > MAX_SUBJECT_REACH:
        return rest
    someone = any(
        is_plausible_name(before[i : i + 3]) or before[i : i + 2] in PEOPLE_WORDS
        for i in range(len(before))
    )
    if someone:
        return rest  # 周明带着居民们，说 · 周明拉着李华，说: someone else may be speaking
    return ""


def _without_manner(rest: str) -> str:
    """``rest`` without a manner phrase set off by a comma just before the verb."""
    manner = MANNER_AFTER_COMMA.search(rest)
    return rest[: manner.start()] if manner else rest


CLAUSE_BREAK = re.compile(r"[，,；;：:]")
MAX_SUBJECT_REACH = 24  # 在接受某某报记者专访时表示: how far a subject's verb may stand


def _no_verb(text: str) -> bool:
    """The words between the name and the verb hold no other speech verb or name of their own."""
    return not OTHER_ANCHOR.search(text)


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
    if rest[:1] == "了" and rest[:2] not in lexicon.words().two_character:
        rest = rest[1:].lstrip("，,:： ")  # 介绍了…: the verb's aspect, not the words (了解 is)
    start = end + len(window) - len(rest)
    if not rest and paragraph.rstrip().endswith(("：", ":")) and following.startswith("“"):
        close = following.find("”")  # 周明说： / “…”: the words are the next paragraph
        return following[1 : close if close > 0 else MAX_QUOTE].strip(), True, len(paragraph)
    if rest.startswith("“"):
        close = rest.find("”")
        if close > 0:
            return rest[1:close].strip(), True, start + close + 1
        if end + MAX_QUOTE >= len(paragraph):  # the page's end cut the quote off
            return rest[1:].strip(), True, len(paragraph)
    stop = sentence_stop(rest)
    return rest[:stop].strip("，, "), False, start + stop


def _deputy_sentence(paragraph: str, end: int, following: str) -> tuple[str, bool, int]:
    """``NAME代表 …。她表示,…``: the sentence after the name, or a pronoun's words after it."""
    stop = end + sentence_stop(paragraph[end : end + MAX_QUOTE])
    rest = paragraph[stop : stop + MAX_QUOTE].lstrip("。！？ ")
    if not rest and following:
        rest = following
    pronoun = PRONOUN_VERB.match(rest)
    if pronoun:
        words = rest[pronoun.end() :].lstrip("，,:： ")
        if words.startswith("“") and "”" in words:
            return words[1 : words.index("”")], True, stop
        return words[: sentence_stop(words)].strip("，, "), False, stop
    return paragraph[end:stop].strip("，, 。"), False, stop
