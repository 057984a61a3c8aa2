"""The credit grammar's words: outlets, roles and names read from a credit's text as tokens.

``tokenize`` turns a credit into outlet, role and name tokens (``credits`` gives each name its
role); a token is read by shape and by the lexicon of roles (``roles``), never by the place it
holds in a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.ingest import lexicon
from archive.ingest.gazetteer import place_names
from archive.ingest.names import CJK, is_plausible_name, split_name_run
from archive.ingest.roles import (
    LONG_ROLES,
    MODIFIERS,
    PHOTOGRAPHER,
    ROLES,
    SHORT_ROLES,
)
from archive.ingest.text import fold

OUTLET_ENDINGS = r"报|社|网|台|新闻|客户端|APP|App|周刊|杂志|频道|融媒|视觉"


def _outlet(endings: str) -> str:
    # a number may open its name (21世纪…), a Latin brand follow it (晨光新闻Knews记者), or a
    # channel (某报·城市记者)
    return (
        rf"(?:本报|本刊|[{CJK}·A-Za-z0-9]{{1,10}}?(?:{endings})(?:[A-Za-z]{{2,10}})?"
        rf"(?:·[{CJK}A-Za-z]{{2,10}}?)?)"
    )


OUTLET = _outlet(OUTLET_ENDINGS)
# A paper named for its reports (某某经济报道) is an outlet only before the role it employs: alone,
# 周明摄影报道 is a name and a role.
OUTLET_BEFORE_ROLE = _outlet(rf"报道|报导|{OUTLET_ENDINGS}")
# A desk between outlet and role: 本报北京分社记者, 某某报国际新闻中心记者.
DESK = rf"(?:[{CJK}]{{0,6}}?(?:中心|分社|记者站|站|部))"
ROLE_AT_START = re.compile(
    rf"^(?:{OUTLET_BEFORE_ROLE}{DESK}?\s?)?(?P<modifiers>(?:{MODIFIERS})*)(?P<role>{'|'.join(LONG_ROLES)})"
)
OUTLET_ALONE = re.compile(rf"^{OUTLET}$")
FILED_FROM = re.compile(rf"^(?P<place>[{CJK}]{{2,4}})(?:报道|报导)$")
REPORTERS_STATION = re.compile(rf"^[{CJK}]{{1,6}}?记者站")
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
    "公众号",  # an account that supplied a picture: 某某微信公众号 图
    "视频号",
    "视觉",
)
# A school, a hospital or an institute printed before names: they write from there.
INSTITUTION = re.compile(rf"[{CJK}]{{2,12}}(?:大学|学院|中学|小学|医院|研究院|研究所)")
SUPPLIER_WORDS = ("供图", "提供", "供稿")  # 受访者供图: who supplied a photo
AGENCY_ENDINGS = ("图片", "视觉", "图片社")  # 某某图片 after 摄/: whom the photographer works for
LATIN_NAME = re.compile(r"[A-Z][a-z]{1,15}(?:[-' ][A-Z]?[a-z]{1,15}){0,2}")
FUNCTION_CHARACTERS = frozenset("的了们和与及等这那被把说")
# Bullets (□周明 摄, ■记者 周明) set a credit apart as a space does.
MAX_CREDIT = 240  # (综合本报记者 + 18 names + 报道) fits: longer text is no credit
TOKEN = re.compile(
    r"(?P<tag>\([^()]{1,8}\))|(?P<mark>[|丨/:])|(?P<space>[\s、,，;；■□●◆▲◇○]+)"
    r"|(?P<word>[^\s、,，;；|丨/:()■□●◆▲◇○]+)"
)
EXPLICIT_MARKS = "|丨/:"
SPACED_LABEL = re.compile(rf"^(?P<label>[{CJK}](?: [{CJK}]){{1,3}})(?=\s*[|丨/:])")
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
PICTURES_SCOPE = re.compile(r"^(?:本文|本版|本组)?图片(?:均为|均由|为|由)?")


def is_credit_name(text: str, *, vouched: bool) -> bool:
    """A person's name where a credit prints one: by surname, or by shape where a role vouches."""
    if "·" in text:
        return is_plausible_name(text)  # a transliteration, not 某报·某频道记者
    if LATIN_NAME.fullmatch(text):
        return vouched  # 图|Jacky: a name in Latin letters, only where a role is printed for it
    if not re.fullmatch(rf"[{CJK}]{{2,4}}", text) or is_organisation(text) or text in ROLES:
        return False
    if SCOPE_WORD.search(text) or text in place_names():
        return False  # 上海, 浦东新区: a dateline's place, never a writer
    if is_plausible_name(text):
        return True
    return vouched and not FUNCTION_CHARACTERS & set(text) and not text.endswith(PLACE_ENDINGS)


PLACE_ENDINGS = ("省", "市", "区", "县", "镇", "乡", "村", "街道")  # 某某市: a place, not a person


def _role_of(modifiers: str, role: str) -> str:
    if role == "记者" and "摄影" in modifiers:
        return PHOTOGRAPHER
    return ROLES[role]


def _split_word(word: str) -> list[Token]:
    """``晨光新闻记者`` · ``实习生周明`` · ``记者周明摄`` · ``周明摄影报道`` → roles, names."""
    if word in SHORT_ROLES:
        return [Token("role", word, ROLES[word])]
    if (filed := FILED_FROM.match(word)) and filed["place"] in lexicon.words().places:
        return []  # 上海报道: where the report was filed from, a dateline's place, no one
    if word != PICTURES and PICTURES_SCOPE.fullmatch(word):
        return [Token("role", PICTURES, PHOTOGRAPHER)]  # 本文图片均为 某某新闻记者 周明 摄
    if (pictures := PICTURES_SCOPE.match(word)) and ROLE_AT_START.match(word[pictures.end() :]):
        # 本文图片某某新闻记者: the pictures are what the credit covers: its people took them
        return [Token("role", PICTURES, PHOTOGRAPHER), *_split_word(word[pictures.end() :])]
    if (scope := SCOPE_PREFIX.match(word)) and ROLE_AT_START.match(word[scope.end() :]):
        word = word[scope.end() :]  # 本版摄影: what the credit covers, then the role
    taken_at = word.find("摄于")  # 周明 摄于江城公园: where and when follow the role
    if taken_at >= 0:
        shot = Token("role", "摄", PHOTOGRAPHER)
        return [*_split_word(word[:taken_at]), shot] if taken_at else [shot]
    tokens: list[Token] = []
    opens_on_role = bool(ROLE_AT_START.match(word))
    station = None if opens_on_role else REPORTERS_STATION.match(word)
    if station and len(word) > station.end():
        # 某区记者站周明: a paper's reporters' station names its people by the place it is in
        tokens.append(Token("role", station.group(), ROLES["记者"]))
        word = word[station.end() :]
    elif (
        not opens_on_role
        and (abbreviated := ABBREVIATED_OUTLET.match(word))
        and not is_plausible_name(abbreviated["outlet"])
    ):
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
    if not tokens and INSTITUTION.fullmatch(word):
        return [Token("outlet", word, role="通讯员")]  # 某某大学 周明: where the writer is from
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
    if tokens and (chain := _glued_chain(word)):
        return [*tokens, *chain]
    if tokens and (run := split_name_run(word)):  # 记者周明李小华: names printed together
        return [*tokens, *(Token("name", name) for name in run)]
    # 记者手记 is a column, not 记者 + a name: a bare role word glued to a word needs its surname.
    return [*tokens, Token("name", word, glued=bool(tokens) and not tokens[-1].vouches)]


def _glued_chain(word: str) -> list[Token] | None:
    """``周明实习生李华`` after a role: a role word glued between two names closes the first
    credit and opens the next; the first name must stand by its surname, the rest is read again
    (a chain of any length, each role covering the name after it)."""
    for end in range(2, min(4, len(word) - 2) + 1):
        head, tail = word[:end], word[end:]
        if not is_plausible_name(head) or not ROLE_AT_START.match(tail):
            continue
        rest = _split_word(tail)
        if rest[0].kind == "role" and any(token.kind == "name" for token in rest):
            return [Token("name", head), *rest]
    return None


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
    text = AFFILIATION.sub(_without_affiliation, text)
    if (spaced := SPACED_LABEL.match(text)) and ROLE_AT_START.fullmatch(
        label := spaced["label"].replace(" ", "")
    ):
        text = label + text[spaced.end() :]  # 采 访 组: a label spaced to the width of others
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
            after_role = bool(tokens) and tokens[-1].kind == "role"
            if after_role and (run := split_name_run(word)):  # 记者 周明李小华: run together
                tokens += [Token("name", name) for name in run]
                continue
            listed = text[match.end() : match.end() + 1] == "、"
            if word == PICTURES and (marked_next or listed or (after_role and tokens[-1].joined)):
                # 图片: 周明 · 文字、图片、编辑: 周明: "pictures" where a role is printed
                tokens.append(Token("role", word, PHOTOGRAPHER))
                continue
            tokens += _split_word(word) if not marked_next else _role_glued_after(word)
    return _join_padded(tokens)


PICTURES = "图片"


LONG_ROLE_ENDINGS = tuple(LONG_ROLES)


# 张剑(某某研究院研究员): who a named person is, in brackets after the name; longer than a tag.
AFFILIATION = re.compile(rf"(?<=[{CJK}])\((?P<inner>[^()]{{9,40}})\)")
ANY_ROLE = re.compile("|".join(map(re.escape, LONG_ROLES)))


def _without_affiliation(match: re.Match[str]) -> str:
    """The brackets' text left out of the credit, unless it credits someone itself."""
    return match.group() if ANY_ROLE.search(match["inner"]) else " "


def _role_glued_after(word: str) -> list[Token]:
    """A word printed before ``/`` or ``|`` whose end is a role: a credit whose line break was
    lost runs the next role into the last name (``李 华摄影/``, ``周明制图|``)."""
    whole = _split_word(word)
    if not word.endswith(LONG_ROLE_ENDINGS) or ROLE_AT_START.match(word):
        return whole
    if all(token.kind != "name" for token in whole):
        return whole  # 晨经记者, 本版摄影: an outlet or a scope and its role, no name before it
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
    for index, token in enumerate(tokens):
        previous = joined[-1] if joined else None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        pairs_on = len(token.text) == 1 and _single_name(following)  # 程立 苏 晓: 苏晓
        if (
            token.kind == "name"
            and previous is not None
            and previous.kind == "name"
            and id(previous) not in padded
            and (len(token.text) == 1 or len(previous.text) == 1)
            and len(previous.text) + len(token.text) <= 3
            and not (pairs_on and len(previous.text) > 1)
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


def _single_name(token: Token | None) -> bool:
    return token is not None and token.kind == "name" and len(token.text) == 1
