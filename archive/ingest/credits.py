"""One grammar for every printed credit: writers, photographers, editors and production staff.

A credit is a sequence of four kinds of token, in any order a paper prints them:

- an outlet, printed before a role: 本报, 晨光新闻, 某某晚报 (``晨光新闻记者``, ``晨报 评论员``);
- a role from the lexicon below, with its modifiers (首席, 资深, 见习 …): before the names it
  covers (``记者 A B``, ``摄影|A``) or after them (``A B 摄``, ``A 摄影报道``, ``A/文``);
- names, accepted by shape: a known surname where nothing vouches for them, any two to four
  ideographs (or a ``·`` transliteration) where a role does; never an organisation;
- separators: spaces, ``|``, ``/``, ``:``, ``、``, commas; a short bracketed tag such as
  ``(特邀)`` or ``(下同)`` is skipped.

``read_credit`` reads a whole string as one credit or refuses it; ``find_credit`` finds a credit
printed inside a longer line (``… 记者|A 摄影|B 编辑|C 正文…``). Bylines and photo credits both
read through here, so a form learnt for one is known to the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice, pairwise

from archive.ingest import lexicon
from archive.ingest.names import CJK, is_plausible_name
from archive.ingest.roles import (
    LONG_ROLES,
    MODIFIERS,
    ONLY_AFTER_NAMES,
    PHOTOGRAPHER,
    PRODUCTION,
    ROLES,
    SHORT_ROLES,
    WRITER_AND_PHOTOGRAPHER,
    WRITERS,
)
from archive.ingest.text import fold
from archive.ingest.types import ParsedByline

OUTLET = (
    rf"(?:本报|本刊|[{CJK}·A-Za-z]{{1,10}}?"
    r"(?:报|社|网|台|新闻|客户端|APP|App|周刊|杂志|频道|融媒|视觉)(?:[A-Za-z]{2,10})?"
    rf"(?:·[{CJK}A-Za-z]{{2,10}}?)?)"
)  # a Latin brand may follow the outlet's name (晨光新闻Knews记者), or a channel (某报·城市记者)
# A desk between outlet and role: 本报北京分社记者, 某某报国际新闻中心记者.
DESK = rf"(?:[{CJK}]{{0,6}}?(?:中心|分社|记者站|站|部))"
ROLE_AT_START = re.compile(
    rf"^(?:{OUTLET}{DESK}?\s?)?(?P<modifiers>(?:{MODIFIERS})*)(?P<role>{'|'.join(LONG_ROLES)})"
)
OUTLET_ALONE = re.compile(rf"^{OUTLET}$")
ABBREVIATED_OUTLET = re.compile(rf"^(?P<outlet>[{CJK}]{{2,4}}?)(?=(?:记者|编辑|通讯员|评论员)$)")
ROLE_AT_END = re.compile(r"(?P<role>摄影报[道导]|综合报[道导]|摄影|拍摄|摄|图文|整理|采写|文|图)$")
# Organisations and outlets are never names: 某某网, 某某报, 某某新闻, 某某中心.
ORGANISATION_ENDINGS = (
    "网",
    "报",
    "社",
    "台",
    "刊",
    "新闻",
    "客户端",
    "中心",
    "集团",
    "公司",
    "传媒",
    "图片",  # a picture agency credited after the photographer: 周明摄/某某图片
    "视觉",
)
SUPPLIER_WORDS = ("供图", "提供", "供稿")  # 受访者供图: who supplied a photo
AGENCY_ENDINGS = ("图片", "视觉", "图片社")  # 某某图片 after 摄/: whom the photographer works for
LATIN_NAME = re.compile(r"[A-Z][a-z]{1,15}(?:[-' ][A-Z]?[a-z]{1,15}){0,2}")
FUNCTION_CHARACTERS = frozenset("的了们和与及等这那被把说")
# Bullets (□周明 摄, ■记者 周明) set a credit apart as a space does.
TOKEN = re.compile(
    r"(?P<tag>\([^()]{1,8}\))|(?P<mark>[|丨/:])|(?P<space>[\s、,，;；■□●◆▲◇○]+)"
    r"|(?P<word>[^\s、,，;；|丨/:()■□●◆▲◇○]+)"
)
EXPLICIT_MARKS = "|丨/:"
SHOT_BY_PHRASE = re.compile(rf"(?:图片|照片|本文图片)?由\s*([{CJK}]{{2,4}})\s*(?:拍摄|摄影|摄)$")


@dataclass
class Token:
    kind: str  # "role", "name" or "outlet"
    text: str
    role: str = ""
    marked: bool = False  # followed by | / or :, so it is printed before what it covers
    glued: bool = False  # a name printed against a role word (记者周明): only a surname vouches
    joined: bool = False  # a role joined to the next by 、 (文、摄影/周明): both cover the names

    @property
    def vouches(self) -> bool:
        """A role that vouches for a name glued to it: printed with its outlet or a modifier
        (本报记者周明, 见习记者周明); a bare 记者 glued to 手记 vouches for nothing."""
        return self.kind == "role" and self.text not in ROLES


def is_organisation(text: str) -> bool:
    return len(text) >= 3 and text.endswith(ORGANISATION_ENDINGS)


# Words a credit prints for what it covers, never for whom: a determiner and a unit (本版摄影
# 记者 A: this page's photos; 该组图片), or an outlet's dateline word (某报讯).
SCOPE_WORD = re.compile(r"^[本该此][报刊版期文组图台网社站篇]|讯$")
SCOPE_PREFIX = re.compile(r"^[本该此][版期文组图篇]")  # 本报, 本刊 are a role's modifiers


def is_credit_name(text: str, *, vouched: bool) -> bool:
    """A person's name where a credit prints one: by surname, or by shape where a role vouches."""
    if "·" in text:
        return is_plausible_name(text)  # a transliteration, not 某报·某频道记者
    if LATIN_NAME.fullmatch(text):
        return vouched  # 图|Jacky: a name in Latin letters, only where a role is printed for it
    if not re.fullmatch(rf"[{CJK}]{{2,4}}", text) or is_organisation(text) or text in ROLES:
        return False
    if SCOPE_WORD.search(text):
        return False
    if is_plausible_name(text):
        return True
    return vouched and not FUNCTION_CHARACTERS & set(text)


def _role_of(modifiers: str, role: str) -> str:
    if role == "记者" and "摄影" in modifiers:
        return PHOTOGRAPHER
    return ROLES[role]


def _split_word(word: str) -> list[Token]:
    """``晨光新闻记者`` · ``实习生周明`` · ``记者周明摄`` · ``周明摄影报道`` → roles, names."""
    if word in SHORT_ROLES:
        return [Token("role", word, ROLES[word])]
    if (scope := SCOPE_PREFIX.match(word)) and ROLE_AT_START.match(word[scope.end() :]):
        word = word[scope.end() :]  # 本版摄影: what the credit covers, then the role
    taken_at = word.find("摄于")  # 周明 摄于江城公园: where and when follow the role
    if taken_at >= 0:
        shot = Token("role", "摄", PHOTOGRAPHER)
        return [*_split_word(word[:taken_at]), shot] if taken_at else [shot]
    tokens: list[Token] = []
    abbreviated = None if ROLE_AT_START.match(word) else ABBREVIATED_OUTLET.match(word)
    if abbreviated and not is_plausible_name(abbreviated["outlet"]):
        # 晨经记者: a paper's short name glued to the role, not a person's
        tokens.append(Token("outlet", abbreviated["outlet"]))
        word = word[abbreviated.end("outlet") :]
    while match := ROLE_AT_START.match(word):
        tokens.append(Token("role", match.group(), _role_of(match["modifiers"], match["role"])))
        word = word[match.end() :]
    if not word:
        return tokens
    if (OUTLET_ALONE.match(word) and not tokens) or word.endswith(AGENCY_ENDINGS):
        return [Token("outlet", word)]
    if (
        word.endswith(SUPPLIER_WORDS) and len(word) > 2
    ):  # 受访者供图: who supplied it, no one by name
        return [*tokens, Token("outlet", word)]
    ending = ROLE_AT_END.search(word)
    if ending and ending["role"] == "摄" and len(word) == 2:
        # 张 明摄: the last character of a name padded with a space, glued to 摄; alone it is no
        # name, so the credit stands only if a character before it joins it (_join_padded).
        return [*tokens, Token("name", word[0]), Token("role", "摄", PHOTOGRAPHER)]
    if ending and len(word) - len(ending["role"]) >= 2:
        name = _without_place(word[: ending.start()])
        # 王明文 is a name; 王小明文 and 周明摄 are a name and a role.
        if len(ending["role"]) > 1 or ending["role"] == "摄" or not is_plausible_name(word):
            return [
                *tokens,
                Token("name", name),
                Token("role", ending["role"], ROLES[ending["role"]]),
            ]
    # 记者手记 is a column, not 记者 + a name: a bare role word glued to a word needs its surname.
    return [*tokens, Token("name", word, glued=bool(tokens) and not tokens[-1].vouches)]


def _without_place(name: str) -> str:
    """记者周明台北摄: where the photo was taken, printed between the name and 摄, is no part of
    the name; only a place name (``lexicon``) after a name of two or three characters is cut."""
    length = lexicon.place_at_end(name) if len(name) >= 4 else 0
    return name[:-length] if length and 2 <= len(name) - length <= 3 else name


def tokenize(text: str) -> list[Token] | None:
    """The credit's tokens, or None when a word in it is no name, role or outlet."""
    if len(text) > MAX_CREDIT:
        return None
    text = re.sub(r"(?<!摄)[图摄]\s*/\s*文|文\s*/\s*[图摄](?!影)", "图文", fold(text))
    text = SHOT_BY_PHRASE.sub(r"\1 摄", text)  # 图片由周明摄: the photographer, then the role
    tokens: list[Token] = []
    for match in TOKEN.finditer(text):
        if match["mark"]:
            if tokens:
                tokens[-1].marked = True
        elif match["space"] and "、" in match["space"] and tokens and tokens[-1].kind == "role":
            tokens[-1].joined = True
        elif match["tag"] and tokens and tokens[-1].kind == "name":
            inner = match["tag"][1:-1].strip()
            role = ROLE_AT_START.fullmatch(inner)
            if role:  # 周明(某某报记者): the role printed after the name, in brackets
                tokens.append(Token("role", inner, _role_of(role["modifiers"], role["role"])))
        elif match["word"]:
            word = match["word"]
            slashed = bool(tokens) and tokens[-1].kind == "name" and tokens[-1].marked
            if slashed and word[0] in "文图" and is_plausible_name(word[1:]):
                # 周明/文李华/图: the role after the slash, then the next name, run together
                tokens += [Token("role", word[0], ROLES[word[0]]), Token("name", word[1:])]
                continue
            marked_next = text[match.end() : match.end() + 1] in EXPLICIT_MARKS
            tokens += _split_word(word) if not marked_next else _role_glued_after(word)
    return _join_padded(tokens)


LONG_ROLE_ENDINGS = tuple(LONG_ROLES)


def _role_glued_after(word: str) -> list[Token]:
    """A word printed before ``/`` or ``|`` whose end is a role: a credit whose line break was
    lost runs the next role into the last name (``李 华摄影/``, ``周明制图|``)."""
    whole = _split_word(word)
    if (
        not word.endswith(LONG_ROLE_ENDINGS)
        or ROLE_AT_START.match(word)
        or whole[0].kind == "outlet"
    ):
        return whole  # 晨经记者: a paper's short name and its role, no name before a role
    for start in range(1, len(word)):
        tail = word[start:]
        scope = SCOPE_PREFIX.match(tail)
        role = tail[scope.end() :] if scope else tail
        if ROLE_AT_START.fullmatch(role):
            return [*_split_word(word[:start]), *_split_word(tail)]
    return whole


def _join_padded(tokens: list[Token]) -> list[Token]:
    """``刘  峰``: single ideographs printed apart are one name. Two single ideographs padded to
    a name's width make a whole name: ``牛 强 吴 飞`` is two people, never ``牛强吴``."""
    joined: list[Token] = []
    padded: set[int] = set()  # ids of names made of two single ideographs
    for token in tokens:
        previous = joined[-1] if joined else None
        if (
            token.kind == "name"
            and previous is not None
            and previous.kind == "name"
            and id(previous) not in padded
            and (len(token.text) == 1 or len(previous.text) == 1)
            and len(previous.text) + len(token.text) <= 3
        ):
            if len(previous.text) == len(token.text) == 1:
                padded.add(id(previous))
            previous.text += token.text
            continue
        if (  # John Smith: a name in Latin letters is its words together
            token.kind == "name"
            and previous is not None
            and previous.kind == "name"
            and LATIN_NAME.fullmatch(f"{previous.text} {token.text}")
        ):
            previous.text += f" {token.text}"
            continue
        joined.append(token)
    return joined


def read_credit(text: str, *, default_role: str | None = None) -> list[ParsedByline] | None:
    """The whole of ``text`` as one credit → bylines in printed order; None if any part of it is
    not an outlet, a role, a name or a separator, or if it names nobody."""
    tokens = tokenize(text)
    if not tokens:
        return None
    return assemble(tokens, default_role=default_role)


def assemble(tokens: list[Token], *, default_role: str | None = None) -> list[ParsedByline] | None:
    """Give every name its role: the role printed before it, or the one printed after its group."""
    # A role printed before a name vouches for its shape; ``A 摄`` alone needs A's surname
    # (words that end in 拍摄 are no photographer).
    vouched = any(a.kind == "role" and b.kind == "name" for a, b in pairwise(tokens))
    credited: list[list[str]] = []  # [name, role] in printed order
    open_group: list[int] = []  # names since the last role printed after its names
    closed: list[int] = []  # the names a role printed after them just covered
    since_role: list[int] = []  # the names since the last role printed before its names
    current: str | None = default_role
    previous: Token | None = None
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.kind == "outlet":
            if following is None and credited:
                continue  # 摄影:A 某图片社: the agency the names work for, after them
            closed_after = tokens[-1].kind == "role" and tokens[-1].text in ONLY_AFTER_NAMES
            if following is None or (following.kind != "role" and not closed_after):
                return None  # 某网 | 周明 综合报道: the outlet of names a closing role covers
        elif token.kind == "name":
            if not is_credit_name(token.text, vouched=vouched and not token.glued):
                return None
            open_group.append(len(credited))
            since_role.append(len(credited))
            credited.append([token.text, current or ""])
        elif _closes_group(token, previous, following):
            # 周明 李华 摄 covers both; 记者 周明 通讯员 李华/文: the slash binds 文 to 李华
            covered = since_role if previous.marked else open_group
            for position in covered:
                credited[position][1] = _after_names(token.role, credited[position][1])
            closed, open_group, since_role, current = covered, [], [], None
        elif previous is not None and previous.kind == "role" and previous.joined and closed:
            for position in closed:  # 李华/文、图: the joined role covers the same names
                credited[position][1] = _both(credited[position][1], token.role)
        else:
            since_role = []
            after_role = previous is not None and previous.kind == "role"
            if after_role and previous.joined:
                current = _both(current, token.role)
            else:
                current = _merge(current, token.role) if after_role else token.role
        previous = token
    return _bylines(credited)


def _closes_group(token: Token, previous: Token | None, following: Token | None) -> bool:
    """A role word printed after names covers them: at the end, before another role, or a word
    that is never printed before names (摄, 摄影报道, 整理)."""
    if previous is None or previous.kind != "name":
        return False
    if previous.marked:  # 周明/文: a slash binds the role to the names before it
        return True
    if token.marked and token.text not in ONLY_AFTER_NAMES:  # 摄/某某图片: 摄 still closes
        return False
    return token.text in ONLY_AFTER_NAMES or following is None or following.kind == "role"


def _merge(first: str | None, second: str) -> str:
    """Two roles in a row (图/记者, 文/记者): a photo role wins, else the one nearer the names;
    the text and the photos (文/摄影) are both the names' work."""
    if first in PRODUCTION:  # 视频:实习生 A · 剪辑:记者 A: the task, the rank describes them
        return first
    if first == "作者" and second == PHOTOGRAPHER:
        return WRITER_AND_PHOTOGRAPHER
    if first == PHOTOGRAPHER or second == PHOTOGRAPHER:
        return PHOTOGRAPHER
    return second


def _both(first: str | None, second: str) -> str:
    """Two roles joined by 、 (文、摄影): a writer and a photographer is one who did both."""
    roles = {first, second}
    writers = roles & WRITERS
    if PHOTOGRAPHER in roles and writers:  # the writer keeps their printed role (通讯员 A/文、图)
        writer = first if first in writers else second
        return f"{'记者' if writer in ('作者', '图文') else writer}+{PHOTOGRAPHER}"
    return _merge(first, second)


def _after_names(role: str, printed_before: str) -> str:
    if role == WRITER_AND_PHOTOGRAPHER:  # 通讯员 A 文/图: A keeps the writer's role printed
        return f"{printed_before}+{PHOTOGRAPHER}" if printed_before in WRITERS else role
    if role == "作者" and printed_before in ("记者", "通讯员", "实习生"):
        return printed_before  # 记者 A/文: A is the reporter who wrote it
    if role == "记者":  # 采写
        return printed_before or role
    return role


def _bylines(credited: list[list[str]]) -> list[ParsedByline] | None:
    bylines: list[ParsedByline] = []
    for name, role in credited:
        if not role:
            return None  # names and no role for them
        if role.endswith(f"+{PHOTOGRAPHER}"):  # 记者+摄影, 通讯员+摄影: both, one byline each
            bylines += [ParsedByline(name, role.split("+")[0]), ParsedByline(name, PHOTOGRAPHER)]
        else:
            bylines.append(ParsedByline(name, role))
    unique = list(dict.fromkeys(bylines))
    return unique or None


def photographers(text: str) -> list[str]:
    """Everyone a credit names for a photo, in printed order."""
    bylines = read_credit(text) or []
    return [byline.name for byline in bylines if byline.role in (PHOTOGRAPHER, "图文")]


MARKED_ROLE = re.compile(rf"(?:{OUTLET})?(?:{MODIFIERS})*(?:{'|'.join(LONG_ROLES)}|文|图)\s*[|丨:]")
WORD = re.compile(r"\S+")
GLUED_PHOTO_ROLES = ("摄影报道", "摄影报导", "摄影", "拍摄", "摄", "图")
MAX_RUN_WORDS = 24
MAX_WORD = 30  # longer than any outlet, role and name printed together
MAX_CREDIT = 240  # (综合本报记者 + 18 names + 报道) fits: longer text is no credit


def find_credit(line: str) -> tuple[int, int, list[ParsedByline]] | None:
    """A credit printed inside a line with other text around it (a mirror runs a page's head
    together): it starts at a role marked with ``|`` or ``:`` and runs over the space-separated
    words that are roles and names. (start, end, bylines), or None."""
    folded = fold(line)
    anchor = MARKED_ROLE.search(folded)
    if not anchor:
        return None
    start = anchor.start()
    if start and folded[start - 1].isalnum():
        return None  # glued to a word before it: part of a sentence
    run = credit_from(folded, start)
    return (start, *run) if run else None


def credit_from(folded: str, start: int) -> tuple[int, list[ParsedByline]] | None:
    """The longest credit that starts at ``start`` and ends at a word's end: (end, bylines).
    A photo role glued to the caption after it (…记者 周明 图迎宾路街景) ends the credit there."""
    best: tuple[int, list[ParsedByline]] | None = None
    tokens: list[Token] = []
    for word in islice(WORD.finditer(folded, start), MAX_RUN_WORDS):
        more = tokenize(word.group()) if len(word.group()) <= MAX_WORD else None
        if not more or not all(_could_be_credit(token) for token in more):
            # the longest photo role the word opens: 周明 摄影报道)昨天… is 摄影报道, not 摄
            glued = next((role for role in GLUED_PHOTO_ROLES if word.group().startswith(role)), "")
            if glued and tokens and tokens[-1].kind == "name":
                found = assemble([*map(_copy, tokens), Token("role", glued, ROLES[glued])])
                if found:
                    best = (word.start() + len(glued), found)
            break
        tokens += more
        found = assemble(list(map(_copy, tokens)))
        if found:
            best = (word.end(), found)
    return best


def _could_be_credit(token: Token) -> bool:
    return token.kind != "name" or is_credit_name(token.text, vouched=True)


def _copy(token: Token) -> Token:
    return Token(token.kind, token.text, token.role, token.marked)
