"""Photo captions and credits.

Credits come as a line of their own under the caption (本报记者 张伊辰摄,
青年报资料图 记者 冷梅 摄),
at the end of the caption ((受访者供图), 。 本报记者 袁婧摄), inside the body ((见右图/A摄)), or
under numbered captions (①…, 图①:…).
"""

from __future__ import annotations

import re

from archive.ingest.bylines import split_names
from archive.ingest.names import CJK, is_plausible_name
from archive.ingest.types import ParsedPhoto

AGENCIES = ("新华社", "中新社", "中新网", "视觉中国", "东方IC", "人民视觉", "影像中国", "IC photo")
_NAMES = rf"[{CJK}·][{CJK}·\s、]{{0,20}}?"
SHOT_BY = re.compile(
    rf"(?P<credit>(?:[{CJK}]{{2,8}}(?:报|社|网)?资料(?:图|照片)\s*)?"
    rf"(?:(?:本报|本刊|新华社|中新社|[{CJK}]{{2,6}}报)?(?:首席|特约|实习|见习)?(?:摄影)?(?:记者|通讯员)\s*)?"
    rf"(?:(?P<writer>{_NAMES})\s*文\s*)?"
    rf"(?P<names>{_NAMES})\s*(?:摄影?|拍摄)(?:[（(][^（()）]{{1,10}}[）)])?)$"
)
SUPPLIED = re.compile(
    rf"(?P<credit>(?:来源\s*/\s*)?(?:[{CJK}]{{1,12}})?(?:供图|资料图|资料照片|图片来源[:：]?\s*\S+|"
    rf"(?:{'|'.join(map(re.escape, AGENCIES))})(?:发|供图)?))$"
)
PARENS = re.compile(r"^[（(](?P<inner>[^（()）]+)[）)]$")
INLINE = re.compile(r"[（(]见[上下左右中]?图\s*[,，/／]?\s*(?P<inner>[^（()）]{2,30}?摄)[）)]")
CREDIT_ROLE = re.compile(r"记者|摄影|通讯员")
MAX_CAPTION = 300
# Every credit ends in one of these; checking first spares the long regexes on body paragraphs.
CREDIT_ENDINGS = ("摄", "摄影", "拍摄", "）", ")", "图", "照片", "发", *AGENCIES)
NUMBERED = re.compile(r"^(?:图\s*)?[①②③④⑤⑥⑦⑧⑨⑩]\s*[:：]?")


def parse_credit(credit: str) -> ParsedPhoto | None:
    """A credit standing alone (with or without parentheses) → a photo with an empty caption."""
    text = credit.strip()
    inner = PARENS.match(text)
    if inner:
        text = inner.group("inner").strip()
    shot = SHOT_BY.fullmatch(text)
    if shot:
        # After 记者 or 摄影 any name is a name (海沙尔); bare "A 摄" needs a surname to tell
        # a photographer from words that end in 拍摄.
        credited = bool(CREDIT_ROLE.search(text[: shot.start("names")]))
        tokens = split_names(shot.group("names"))
        names = [n for n in tokens if is_plausible_name(n) or (credited and _name_shaped(n))]
        if names or not shot.group("names").strip():
            return ParsedPhoto("", credit.strip(), names[0] if names else None, _source(text))
        return None
    if SUPPLIED.fullmatch(text) and len(text) <= 20:
        return ParsedPhoto("", credit.strip(), None, _source(text))
    return None


def split_caption(line: str) -> ParsedPhoto | None:
    """A caption line that ends with its credit, or None."""
    text = line.strip()
    if len(text) > MAX_CAPTION or not (text.endswith(CREDIT_ENDINGS) or "图片来源" in text):
        return None
    paren = re.search(r"[（(][^（()）]+[）)]$", text)
    if paren:
        photo = parse_credit(paren.group())
        if photo and paren.start() > 0:
            return _with_caption(photo, text[: paren.start()])
    for pattern in (SHOT_BY, SUPPLIED):
        match = pattern.search(text)
        if match and match.start() > 0 and _caption_ends(text[: match.start()]):
            photo = parse_credit(match.group("credit"))
            if photo:
                return _with_caption(photo, text[: match.start()])
    return None


def _caption_ends(text: str) -> bool:
    """A credit follows the caption's last sentence, usually after a space or full stop."""
    return bool(re.search(r"[。！？!?）)\s]$", text))


def _with_caption(photo: ParsedPhoto, caption: str) -> ParsedPhoto:
    return ParsedPhoto(caption.strip(), photo.credit, photo.photographer, photo.source)


def inline_photos(paragraph: str) -> tuple[list[ParsedPhoto], str]:
    """``(见右图/A摄)`` references inside the body: photos, and the paragraph without them.

    A reference that cannot be read as a credit stays in the text: nothing is dropped.
    """
    photos = []

    def take(match: re.Match[str]) -> str:
        photo = parse_credit(match.group("inner"))
        if photo is None:
            return match.group()
        photos.append(_with_caption(photo, _sentence_around(paragraph, match.start())))
        return ""

    return photos, INLINE.sub(take, paragraph)


def _name_shaped(token: str) -> bool:
    return bool(re.fullmatch(rf"[{CJK}]{{2,4}}|[{CJK}]{{1,6}}·[{CJK}]{{1,8}}", token))


def _sentence_around(text: str, index: int) -> str:
    start = max(text.rfind(mark, 0, index) for mark in "。！？") + 1
    return INLINE.sub("", text[start:index]).strip()


def is_numbered_caption(line: str) -> bool:
    return bool(NUMBERED.match(line.strip()))


def _source(credit: str) -> str:
    if "资料" in credit:
        return "archive"
    if "供图" in credit and re.search(r"受访|采访对象|单位|主办|提供", credit):
        return "interviewee"
    if any(agency in credit for agency in AGENCIES):
        return "agency"
    if "本报" in credit or "本刊" in credit:
        return "staff"
    if "供图" in credit:
        return "other"
    return "unknown"
