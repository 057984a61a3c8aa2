"""Bylines in the forms newspapers print them.

■本报记者 陆益峰 祝越 · 本报讯(记者 A B) · XX晚报讯(记者 A 通讯员 B) · 本报上海10月13日电 (记者A)
(记者A、B) · (本报记者 A整理) · (综合本报记者A、B报道) · (据新华社电 记者A) · □通讯员 A · A 图/文
来源:… 记者:A 编辑:B
"""

from __future__ import annotations

import re

from archive.ingest import lexicon
from archive.ingest.credit_tokens import OUTLET, ROLE_AT_END, is_organisation
from archive.ingest.credits import read_credit
from archive.ingest.names import CJK, COMPOUND_SURNAMES, SPEECH_VERBS, is_plausible_name
from archive.ingest.roles import WRITERS
from archive.ingest.shapes import DAY
from archive.ingest.text import fold
from archive.ingest.types import ParsedByline

BULLETS = "■□●◆▲◇○"
# Longest first: the alternation takes the first that matches.
ROLE_WORDS = {
    "摄影记者": "摄影",
    "首席记者": "记者",
    "高级记者": "记者",
    "主任记者": "记者",
    "资深记者": "记者",
    "驻站记者": "记者",
    "采访人员": "记者",  # what aggregators print instead of 记者
    "特约评论员": "作者",
    "评论员": "作者",
    "主笔": "作者",
    "撰文": "作者",
    "执笔": "作者",
    "特约记者": "记者",
    "见习记者": "记者",
    "实习记者": "记者",
    "本报记者": "记者",
    "全媒体记者": "记者",
    "融媒体记者": "记者",
    "记者": "记者",
    "特约通讯员": "通讯员",
    "通讯员": "通讯员",
    "实习生": "实习生",
    "责任编辑": "编辑",
    "编辑": "编辑",
    "摄影": "摄影",
    "撰稿": "作者",
    "作者": "作者",
    "图文": "图文",
}
ROLE_PATTERN = "|".join(sorted(map(re.escape, ROLE_WORDS), key=len, reverse=True))
SOURCE_PREFIX = rf"(?:本报|本刊|[{CJK}]{{2,6}}(?:报|社|网|台))?"
NAME_SEPARATORS = re.compile(r"[\s、，,;；/]+")
# 本报上海10月13日电 (记者A): the dated opening, then the writers in brackets.
# The word closing a dateline: a wire's 电, a paper's 讯, a broadcaster's 消息, 报道.
DISPATCH = "(?:电|讯|消息|报道|报导)"
DATED = rf"{SOURCE_PREFIX}[{CJK}]{{0,8}}?{DAY}{{0,3}}月?{DAY}{{1,3}}日{DISPATCH}"
WRITERS_IN_BRACKETS = r"\s*[（(](?P<inner>[^（()）]{1,60})[）)]\s*"
# 【本报讯】(记者 A): a paper may print its dateline word in lenticular brackets.
# A dispatch another outlet sent, cited (据某某社电) or not, with no day: the writers follow too.
CITED_DISPATCH = rf"据?(?:本报|[{CJK}]{{2,6}}(?:社|网|台))电"
DATELINE = re.compile(
    rf"^【?(?:{SOURCE_PREFIX}讯|{DATED}|{CITED_DISPATCH})】?{WRITERS_IN_BRACKETS}"
)
LEADING_PAREN = re.compile(
    rf"^[（(](?P<inner>(?:{SOURCE_PREFIX})(?:{ROLE_PATTERN})[^（()）]{{1,60}})[）)]\s*"
)
TRAILING_PAREN = re.compile(
    rf"\s*[（(](?P<inner>(?:综合|据)?(?:{SOURCE_PREFIX})[^（()）]{{0,8}}?(?:{ROLE_PATTERN})"
    rf"[^（()）]{{1,80}})[）)]\s*$"
)
# The same dateline after a caption the copy ran into the lead: …（图片由某某提供） 某社上海5月2日电
# （记者 A）. Only after a space or a sentence's end, and only with a day: never inside prose.
DATELINE_INSIDE = re.compile(rf"(?<=[\s。！？）)]){DATED}{WRITERS_IN_BRACKETS}")
# 某某网记者周明5月3日报道： · 本报记者周明3日电，: a credit, the day and 报道 open the lead.
DATED_CREDIT = re.compile(
    rf"^(?P<inner>[^，。：:“”（）()\s]{{3,24}}?(?:\d{{1,2}}月)?\d{{1,2}}日{DISPATCH})\s*[：:，,]\s*"
)
# 【本报某地新闻中心记者周明4日电】: an outlet, a desk, the writer and the day in one bracket.
BRACKETED_DATELINE = re.compile(rf"^【(?P<inner>[^【】]{{2,40}}?)\s*\d{{1,2}}日{DISPATCH}】\s*")
BARE_DATELINE = re.compile(rf"^{SOURCE_PREFIX}讯\s*(?P<role>(?:本报|本刊)?(?:{ROLE_PATTERN}))\s+")
# 本报记者 周明 4月1日，… · 某某晚报记者 周明 昨天… · 记者 A B C 清明…: the credit opens the lead
# without a dateline, each name a word of its own before the lead's first words.
LEADING_CREDIT = re.compile(rf"^(?P<role>(?:{OUTLET})?(?:{ROLE_PATTERN}))\s+")
MAX_LEADING_NAMES = 12  # a roundup's team of writers; each must still be a name by shape
TRAILING_BARE = re.compile(
    rf"(?:(?<=[。！？”])|^)\s*(?P<inner>(?:{OUTLET}\s?)?(?:{ROLE_PATTERN})[^。！？”“]{{1,60}}?)"
    rf"\s*[|丨]?\s*$"
)
# …的印记。 周明 图 李华 整理: names and the roles printed after them, set apart after the last
# sentence; read only if the whole run is a credit (names vouched by their roles or surnames).
TRAILING_CLOSED = re.compile(
    rf"\s+(?P<inner>[{CJK}·]{{2,4}}(?:\s+[{CJK}·]{{1,4}}){{1,9}})\s*[|丨]?\s*$"
)
TRAILING_REACH = 200  # (综合本报记者 + 18 names + 报道) fits in this many characters
TRAILING_NAME = re.compile(
    rf"(?<=[。！？”])\s*(?:[(](?P<names>[{CJK}]{{2,3}}(?:[\s、,]+[{CJK}]{{2,3}}){{0,3}})[)]"
    rf"|——\s*(?P<signed>[{CJK}]{{2,3}}))\s*$"
)
# An essay's author signs at its head or foot: ——周明.
SIGNATURE = re.compile(rf"——\s*(?P<name>[{CJK}]{{2,3}})")
# The time a web page printed beside its credit line (date 2021-04-03 某某报记者 A · 记者 A
# 2021/4/3 10:05), with or without a label: not part of the credit.
STAMP = (
    r"(?:[A-Za-z]{2,8}|发布时间|发布日期|时间|日期)?\s*[:：]?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}"
    r"(?:\s*[-/.月]\s*\d{1,2}\s*日?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
STAMP_AROUND = re.compile(rf"^\s*{STAMP}\s+|\s+{STAMP}\s*$")
META_LINE = re.compile(r"(?:来源|记者|编辑|责任编辑|作者|通讯员|摄影)\s*[:：]")


GENERIC_ROLE = "作者"  # a writer whose role the page does not print


def unprinted_role(column: str | None) -> str:
    """The role of names printed alone: 记者 under a reporters' column, else the generic one."""
    return "记者" if "记者" in (column or "") else GENERIC_ROLE


def split_names(text: str) -> list[str]:
    """Split a run of names; names padded inside with spaces (刘  峰) are joined again."""
    text = text.replace("\u3000", " ").replace("\u00a0", " ").strip(" :：")
    tokens = [token for token in NAME_SEPARATORS.split(text) if token]
    names: list[str] = []
    pending = ""
    for token in tokens:
        if len(token) == 1:
            pending += token
            if len(pending) >= 2 and is_plausible_name(pending):
                names.append(pending)
                pending = ""
            continue
        if pending:
            names.append(pending)
            pending = ""
        names.append(token)
    if pending:
        names.append(pending)
    return [name for name in names if not is_organisation(name)]  # 作者:某某网 names no one


def parse_role_groups(text: str, *, default_role: str | None = None) -> list[ParsedByline] | None:
    """``记者 A B 通讯员 C`` → bylines; None if anything in the text is not a role or a name."""
    text = re.sub(r"^(?:综合|据)", "", fold(text).strip().rstrip("|丨 "))
    text = re.sub(rf"^{SOURCE_PREFIX}电\s*(?=(?:本报|本刊)?(?:{ROLE_PATTERN}))", "", text)
    bylines = read_credit(without_dateline(text), default_role=default_role)
    return _unique(bylines) if bylines else None


SENT_FROM = re.compile(r"\s+发自\S{2,8}$")
OTHER_FIELD = re.compile(r"\s+(?:单位|来源|出处|链接|图片来源)\s*[|丨:：].*$")
# What a report's dateline prints after the writers: 报道, 电, 即时报导, with the day and the
# place before it (记者A上海3日电 · 特派记者A/上海即时报导).
REPORTED_END = re.compile(r"(?:即时|专|综合)?(?:报导|报道|电|讯)$")
DAY_END = re.compile(r"(?:\d{1,2}月)?\d{1,2}日$")
ROLE_WORD_IN = re.compile(ROLE_PATTERN)


def without_dateline(text: str) -> str:
    """A credit without the dateline printed after its names; the place is cut only where it
    is a place name and a day or a ``/`` sets it apart from the name before it (记者王上海报道
    keeps its writer 王上海)."""
    text = SENT_FROM.sub("", text.strip())  # 特派记者 周明 发自北京
    reported = REPORTED_END.search(text)
    if reported is None or text.endswith(("摄影报道", "摄影报导")):
        return text
    if reported.group().startswith("综合") and not ROLE_WORD_IN.search(text[: reported.start()]):
        return text  # 某某网 |周明 综合报道: the role of the names, no dateline
    rest = text[: reported.start()].rstrip()
    day = DAY_END.search(rest)
    if day:
        rest = rest[: day.start()].rstrip()
    if length := lexicon.place_at_end(rest):
        before = rest[:-length]
        if day or before.endswith(("/", "／", " ")) or _name_then_place(before):
            rest = before.rstrip()
    return rest.rstrip("/／ ")


def _name_then_place(before: str) -> bool:
    """记者周明上海报道: a two- or three-character name before the place, read whole as a name
    of four or five characters, which no name without a two-character surname has."""
    word = re.split(rf"[\s/／]|{ROLE_PATTERN}", before)[-1]
    return len(word) in (2, 3) and is_plausible_name(word) and word[:2] not in COMPOUND_SURNAMES


def _unique(bylines: list[ParsedByline]) -> list[ParsedByline]:
    seen: set[tuple[str, str]] = set()
    result = []
    for byline in bylines:
        key = (byline.name, byline.role)
        if key not in seen:
            seen.add(key)
            result.append(byline)
    return result


def parse_byline_line(line: str) -> list[ParsedByline] | None:
    """A line that is only a credit, else None: any sequence of outlets, roles and names the
    credit grammar reads (■本报记者 A B · A 图/文 · 文/记者 A 图/记者 B · A 本报评论员 ·
    策划:A B), a page's meta line (来源:… 记者:A), a signature (——A) or bulleted names (■A B).
    """
    stripped = line.strip()
    bulleted = stripped[:1] in BULLETS
    text = stripped.lstrip(BULLETS).strip()
    if text[:1] in "【[" and text[-1:] in "】]":  # 【记者 周明】
        text = text[1:-1].strip()
    if text[:1] in "(（" and text[-1:] in ")）":  # (综合本报记者A、B报道): a closing credit alone
        closing, rest = take_trailing(text)
        if closing and not rest:
            return closing
    text = OTHER_FIELD.sub("", text)  # 作者|周明 单位|某某馆: the credit ends at another field
    if not text or len(text) > 60:
        return None
    if META_LINE.search(text) and re.search(r"[:：]", text):
        return _parse_meta_line(text)
    if bylines := parse_role_groups(text):
        return bylines
    unstamped = STAMP_AROUND.sub("", fold(text), count=1)
    if unstamped != fold(text) and (bylines := parse_role_groups(unstamped)):
        return bylines
    signature = SIGNATURE.fullmatch(text)
    if signature and is_plausible_name(signature["name"]):
        return [ParsedByline(signature["name"], GENERIC_ROLE)]
    if bulleted and all(is_plausible_name(name) for name in split_names(text)):
        return parse_role_groups(text, default_role="记者")
    return None


def _parse_meta_line(text: str) -> list[ParsedByline] | None:
    """Web page meta: ``来源:解放日报 记者:A 编辑:B`` (the source is read elsewhere)."""
    text = re.sub(r"来源\s*[:：]\s*\S+", "", text)
    text = re.sub(r"(?:发布时间|时间|日期)\s*[:：]\s*[\d\-/: 年月日]+", "", text)
    return parse_role_groups(text) if text.strip() else None


def meta_source(text: str) -> str | None:
    match = re.search(r"来源\s*[:：]\s*([^\s:：]+)", text)
    return match.group(1) if match else None


def take_dateline(paragraph: str) -> tuple[list[ParsedByline], str]:
    """Bylines in a dateline that opens a paragraph (or follows a caption run into it), and
    the paragraph with them removed."""
    bare = _bare_dateline(paragraph) or _credit_opening(paragraph)
    if bare:
        return bare
    for pattern in (DATELINE, LEADING_PAREN, BRACKETED_DATELINE, DATELINE_INSIDE):
        match = (pattern.search if pattern is DATELINE_INSIDE else pattern.match)(paragraph)
        if match:
            # An agency prints its reporters' names alone in the dateline's brackets.
            unprinted = "记者" if pattern in (DATELINE, DATELINE_INSIDE) else None
            bylines = parse_role_groups(match.group("inner"), default_role=unprinted)
            if bylines:
                prefix = paragraph[: match.start("inner") - 1].rstrip()
                rest = paragraph[match.end() :]
                return bylines, f"{prefix} {rest}".strip() if prefix else rest
    return _closing_credit(paragraph)


# 【某某报讯】记者周明上海报道： · 本报记者周明报道：: the writer's credit and 报道 open the lead.
REPORTED_CREDIT = re.compile(
    rf"^(?:【[^【】]{{2,12}}讯】\s*|{SOURCE_PREFIX}讯\s*)?"
    rf"(?P<inner>(?:{SOURCE_PREFIX})(?:{ROLE_PATTERN})[^，。：:“”（）()【】]{{2,16}}?报[道导])\s*[：:]\s*"
)


def _credit_opening(paragraph: str) -> tuple[list[ParsedByline], str] | None:
    """``某某网记者周明5月3日报道：…`` · ``【某某报讯】记者周明上海报道：…``: a writer's credit,
    the day or the place, and 报道 open the lead."""
    folded = fold(paragraph)
    match = DATED_CREDIT.match(folded) or REPORTED_CREDIT.match(folded)
    if not match:
        return None
    bylines = parse_role_groups(match["inner"])
    if not bylines or not any(byline.role in WRITERS for byline in bylines):
        return None
    return bylines, paragraph[match.end() :].lstrip()


def _bare_dateline(paragraph: str) -> tuple[list[ParsedByline], str] | None:
    """``本报讯 记者 李晓清 “回到家乡…``: names without brackets, each followed by a space."""
    match = BARE_DATELINE.match(fold(paragraph)) or LEADING_CREDIT.match(fold(paragraph))
    if not match:
        return None
    end = match.end()
    names: list[str] = []
    for token in re.finditer(r"(\S+)\s+", paragraph[end:]):
        if not is_plausible_name(token.group(1)) or len(names) == MAX_LEADING_NAMES:
            break
        names.append(token.group(1))
        end = match.end() + token.end()
    if not names:
        return None
    read = read_credit(f"{match['role']} {names[0]}")
    if not read or paragraph[end:][:1].isspace() or end == len(paragraph):
        return None
    if match["role"] in ROLE_WORDS and paragraph[end:].startswith(SPEECH_VERBS):
        return None  # 记者 周明 表示…: a bare role and a name the sentence goes on about
    prefix = paragraph[: match.start("role")].rstrip()
    bylines = [ParsedByline(name, read[0].role) for name in names]
    return bylines, f"{prefix} {paragraph[end:]}".strip()


def _closing_credit(paragraph: str) -> tuple[list[ParsedByline], str]:
    """A first paragraph closed by its writers' credit with the role printed (…实验室。某某报
    资深记者 周明): a repost glued the byline to the lead. A bare name is not enough here."""
    offset = max(0, len(paragraph) - TRAILING_REACH)
    folded = fold(paragraph[offset:])
    match = TRAILING_BARE.match(folded, _last_sentence_end(folded))
    if match and match.start() > 0:
        bylines = parse_role_groups(match.group("inner"))
        if bylines:
            return bylines, paragraph[: offset + match.start()].rstrip()
    return [], paragraph


def take_trailing(paragraph: str) -> tuple[list[ParsedByline], str]:
    """A byline closing a paragraph or standing alone: (本报记者 A整理), (综合本报记者A、B报道),
    ``…路。 实习生 A 本报记者 B |``, or a writer's bare name in brackets: ``…创刊号。(金霏)``.
    Credits printed one after another (``…。(记者 A) (责任编辑:B)``) are all taken, in order."""
    taken: list[ParsedByline] = []
    rest = paragraph
    for _ in range(MAX_TRAILING_CREDITS):
        bylines, shorter = _take_last_credit(TABLE_BORDER.sub("", rest) or rest)
        if not bylines and (note := EDITOR_NOTE.search(rest[-TRAILING_REACH:])):
            # (责任编辑:…) closing the text: read past it, whether or not it names someone
            bylines, shorter = [], rest[: len(rest) - len(note.group())]
        elif not bylines:
            break
        taken[:0] = bylines
        rest = shorter
    return (taken, rest) if taken else ([], paragraph)


EDITOR_NOTE = re.compile(
    r"\s*[（(]\s*(?:责任编辑|责编|编辑)\s*[:：][^（()）]{0,20}[）)]\s*[|｜]?\s*$"
)


MAX_TRAILING_CREDITS = 3
TABLE_BORDER = re.compile(r"\s*[|｜]\s*$")  # a table cell's border after the text


def _take_last_credit(paragraph: str) -> tuple[list[ParsedByline], str]:
    # Only the paragraph's end can hold it: search the tail, not every position of the text.
    offset = max(0, len(paragraph) - TRAILING_REACH)
    tail = paragraph[offset:]
    # Most paragraphs end on a full stop: only one ending on a bracket is searched for one.
    match = TRAILING_PAREN.search(tail) if tail.rstrip()[-1:] in ("）", ")") else None
    if match:
        bylines = parse_role_groups(match.group("inner"))
        if bylines:
            return bylines, paragraph[: offset + match.start()].rstrip()
    folded = fold(tail)
    start = _last_sentence_end(folded)
    match = TRAILING_BARE.match(folded, start)
    if match:
        bylines = parse_role_groups(match.group("inner"))
        if bylines:
            return bylines, paragraph[: offset + match.start()].rstrip()
    match = TRAILING_CLOSED.match(folded, start) if start else None
    if match and ROLE_AT_END.search(match["inner"]):
        bylines = parse_role_groups(match["inner"])
        if bylines and any(byline.role in WRITERS for byline in bylines):  # 周明 摄: a photo's
            return bylines, paragraph[: offset + match.start()].rstrip()
    signed = SIGNING_NAMES.match(folded, start) if start else None
    several = signed and (signed["bullet"] or len(signed["names"].split()) > 1)
    if several and all(map(is_plausible_name, signed["names"].split())):
        # …持续到月底。周明 李华 · …月底。 ■周明: names set apart after the last sentence (two
        # or more, or one after a bullet) sign it
        bylines = [ParsedByline(name, GENERIC_ROLE) for name in signed["names"].split()]
        return bylines, paragraph[: offset + signed.start()].rstrip()
    match = TRAILING_NAME.match(folded, start)
    names = split_names(match["names"] or match["signed"]) if match else []
    if names and all(is_plausible_name(name) for name in names):
        trailing = [ParsedByline(name, GENERIC_ROLE) for name in names]
        return trailing, paragraph[: offset + match.start()].rstrip()
    return [], paragraph


SIGNING_NAMES = re.compile(
    rf"\s*(?P<bullet>[{BULLETS}])?\s*(?P<names>[{CJK}]{{2,3}}(?:\s+[{CJK}]{{2,3}}){{0,3}})\s*$"
)


def _last_sentence_end(folded: str) -> int:
    """The one place TRAILING_BARE and TRAILING_NAME can start: right after the tail's last
    。！？” (neither lets one into its match; both start after one, TRAILING_BARE also at 0).
    Matching there costs one try instead of one at every position of the tail."""
    return max(folded.rfind(mark) for mark in "。！？”") + 1
