"""The people a metadata field names (作者:周明 李华, 记者:…): names by shape where the field's
key vouches for them, and what a field may print that names no one (a paper's short name, a
place and a section word, a unit's name).
"""

from __future__ import annotations

import re

from archive.ingest import lexicon
from archive.ingest.bylines import split_names
from archive.ingest.credit_tokens import ROLE_AT_START
from archive.ingest.names import CJK, is_name_shaped, is_plausible_name, split_name_run


def meta_names(value: str) -> list[str]:
    """``罗菁,张锐杰`` · ``孔令君 向凯`` · ``方毓琦(上海师范大学)`` · ``王欢欢 文字`` → names."""
    value = re.sub(r"\([^()]{1,30}\)", " ", value)
    value = re.sub(r"(?:文/图|图/文)(?=\s|$)", " ", value)
    names = []
    tokens = split_names(value)
    if len(tokens) == 1 and (run := split_name_run(ROLE_AT_START.sub("", tokens[0]))):
        return run  # 记者周明李小华: the names printed together, the key vouching for them
    if len(tokens) == 1 and _long_name(tokens[0]):
        return tokens  # 作者:苏日娜图雅: a name of five or six ideographs, the field's whole value
    for token in tokens:
        role = META_ROLE_AT_END.search(token)
        # 王欢欢文字, 周明摄 end on a role; 李志文 is a name (文 ends it, the name is plausible).
        shot = role is not None and role.group().startswith("摄")
        if role and (shot or len(role.group()) > 1 or not is_plausible_name(token)):
            token = token[: role.start()]
        # The key vouches for the first name; a later two-character word needs a surname: 周明
        # 晨经 (a paper's short name glued to the next key, 晨经编辑:…) names one person.
        vouched = not names or len(token) > 2 or is_plausible_name(token)
        if token and is_name_shaped(token) and vouched and not _place_and_word(token):
            names.append(token)
    return names


LONG_NAME = re.compile(rf"[{CJK}]{{5,6}}")


UNIT_CHARACTERS = frozenset("的了们委局部院校区市县镇街村路厅办处所司室组队站员者众府报社网台刊")


def _long_name(token: str) -> bool:
    """Mongolian and Tibetan names printed without ·: five or six ideographs, none of them a
    character of a unit's or a place's name (局, 区, 报 …) or a grammatical word (的, 了)."""
    return bool(LONG_NAME.fullmatch(token)) and UNIT_CHARACTERS.isdisjoint(token)


def _place_and_word(token: str) -> bool:
    """浦东快讯, 某区要闻: a place and a section's or an ordinary word, no person's name."""
    words, rest = lexicon.words(), token[2:]
    return (
        len(token) == 4
        and token[:2] in words.places
        and (rest in SECTION_WORDS or rest in words.two_character)
    )


SECTION_WORDS = frozenset("要闻 新闻 快讯 资讯 动态 时政 视点 观察 发布 头条 热点 聚焦".split())


META_ROLE_AT_END = re.compile(r"(?:文字|文|图|摄影?|整理|报道)$")
