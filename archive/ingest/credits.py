"""One grammar for every printed credit: writers, photographers, editors and production staff.

A credit is a sequence of four kinds of token, in any order a paper prints them:

- an outlet, printed before a role: 本报, 晨光新闻, 某某晚报 (``晨光新闻记者``, ``晨报 评论员``);
- a role from the lexicon below, with its modifiers (首席, 资深, 见习 …): before the names it
  covers (``记者 A B``, ``摄影|A``) or after them (``A B 摄``, ``A 摄影报道``, ``A/文``);
- names, accepted by shape: a known surname where nothing vouches for them, any two to four
  ideographs (or a ``·`` transliteration) where a role does; never an organisation;
- separators: spaces, ``|``, ``/``, ``:``, ``、``, commas; a short bracketed tag such as
  ``(特邀)`` or ``(下同)`` is skipped.

``credit_tokens`` reads the words into tokens; this module gives each name its role.
``read_credit`` reads a whole string as one credit or refuses it; ``find_credit`` finds a credit
printed inside a longer line (``… 记者|A 摄影|B 编辑|C 正文…``). Bylines and photo credits both
read through here, so a form learnt for one is known to the other.
"""

from __future__ import annotations

import re
from itertools import islice, pairwise

from archive.ingest.credit_tokens import OUTLET, ROLE_AT_END, Token, is_credit_name, tokenize
from archive.ingest.roles import (
    LONG_ROLES,
    MODIFIERS,
    ONLY_AFTER_NAMES,
    PHOTOGRAPHER,
    PRODUCTION,
    ROLES,
    WRITER_AND_PHOTOGRAPHER,
    WRITERS,
)
from archive.ingest.text import fold
from archive.ingest.types import ParsedByline


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
    # A dateline's brackets vouch as a role does: an agency prints its writers' names alone there.
    vouched = default_role is not None or any(
        a.kind == "role" and b.kind == "name" for a, b in pairwise(tokens)
    )
    roled = any(token.kind == "role" for token in tokens)  # a credit, not a list of names
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
            if token.role and following is not None and following.kind == "name" and roled:
                current = token.role  # 某某大学 周明 某报记者 李华: a correspondent from there
                continue
            closed_after = tokens[-1].kind == "role" and tokens[-1].text in ONLY_AFTER_NAMES
            if following is None or (following.kind != "role" and not closed_after):
                return None  # 某网 | 周明 综合报道: the outlet of names a closing role covers
        elif token.kind == "name":
            if not is_credit_name(token.text, vouched=vouched and not token.glued):
                return None
            open_group.append(len(credited))
            since_role.append(len(credited))
            credited.append([token.text, current or ""])
        elif _closes_group(token, previous, following) or _closes_before(tokens, index):
            # 周明 李华 摄 covers both; 记者 周明 通讯员 李华/文 李明: the slash binds 文 to 李华;
            # closing the whole credit (记者 周明 通讯员 李华/文、图) it covers every rank before it
            last = all(later.kind == "role" for later in tokens[index + 1 :])
            covered = since_role if previous.marked and not last else open_group
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


def _closes_before(tokens: list[Token], index: int) -> bool:
    """周明 图 李华 整理: a role that may close names (图, 文, 摄) between two runs of names, the
    second closed by a role never printed before names, covers the run before it."""
    token, previous = tokens[index], tokens[index - 1] if index else None
    if previous is None or previous.kind != "name" or not ROLE_AT_END.fullmatch(token.text):
        return False
    names = 0
    for later in tokens[index + 1 :]:
        if later.kind == "role":
            return names > 0 and later.text in ONLY_AFTER_NAMES
        names += later.kind == "name"
    return False


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
    if first and second in OVERSEEING:  # 文字、图片、编辑: A wrote, shot and edited it
        return first
    if first in OVERSEEING:
        return second
    roles = {first, second}
    writers = roles & WRITERS
    if PHOTOGRAPHER in roles and writers:  # the writer keeps their printed role (通讯员 A/文、图)
        writer = first if first in writers else second
        return f"{'记者' if writer in ('作者', '图文') else writer}+{PHOTOGRAPHER}"
    return _merge(first, second)


# The role of those who oversee a text (编辑, 审核, 策划) rather than make it: joined to a
# maker's role, the maker's is kept.
OVERSEEING = frozenset({"编辑"})


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
