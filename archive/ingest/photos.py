"""Photo captions and credits.

Credits come as a line of their own under the caption (本报记者 张伊辰摄,
青年报资料图 记者 冷梅 摄),
at the end of the caption ((受访者供图), 。 本报记者 袁婧摄), inside the body ((见右图/A摄)), or
under numbered captions (①…, 图①:…).
"""

from __future__ import annotations

import re
from itertools import islice

from archive.ingest.bylines import BULLETS, split_names
from archive.ingest.credit_tokens import OUTLET_ALONE, ROLE_AT_START, is_organisation, tokenize
from archive.ingest.credits import credit_from, photographers, read_credit
from archive.ingest.names import CJK, is_name_shaped, is_plausible_name
from archive.ingest.roles import PHOTOGRAPHER, WRITERS
from archive.ingest.shapes import SENTENCE_END
from archive.ingest.text import fold
from archive.ingest.types import ParsedPhoto

AGENCIES = ("新华社", "中新社", "中新网", "视觉中国", "东方IC", "人民视觉", "影像中国", "IC photo")
_NAMES = rf"[{CJK}·][{CJK}·\s、]{{0,20}}?"
SHOT_BY = re.compile(
    rf"(?P<credit>(?:[{CJK}]{{2,8}}(?:报|社|网)?资料(?:图|照片)\s*)?"
    rf"(?:(?:本报|本刊|新华社|中新社|[{CJK}]{{2,6}}报)?(?:首席|特约|实习|见习)?(?:摄影)?(?:记者|通讯员)\s*)?"
    rf"(?:(?P<writer>{_NAMES})\s*文\s*)?"
    rf"(?P<names>{_NAMES})\s*/?\s*(?:摄影?|拍摄)(?:[（(][^（()）]{{1,10}}[）)])?)$"
)
SUPPLIED = re.compile(
    rf"(?P<credit>(?:来源\s*/\s*)?(?:[{CJK}]{{1,12}}\s?)?(?:供图|资料图片?|资料照片|提供|截图|图片来源[:：]?\s*\S+|"
    rf"(?:{'|'.join(map(re.escape, AGENCIES))})(?:发|供图)?))$"
)
BY_ORGANISATION = re.compile(rf"(?P<who>[{CJK}A-Za-z·]{{2,20}}?)\s*/?\s*(?:图|摄|供图)")
PARENS = re.compile(r"^[（(](?P<inner>[^（()）]+)[）)]$")
INLINE = re.compile(r"[（(]见[上下左右中]?图\s*[,，/／]?\s*(?P<inner>[^（()）]{2,30}?摄)[）)]")
CREDIT_ROLE = re.compile(r"记者|摄影|通讯员")
MAX_CAPTION = 300
MAX_LABELLED_CAPTION = 100  # 图说:… longer than this runs on into the body
# Every credit ends in one of these; checking first spares the long regexes on body paragraphs.
CREDIT_ENDINGS = ("摄", "摄影", "拍摄", "）", ")", "图", "照片", "发", "提供", "截图", *AGENCIES)
NUMBERED = re.compile(r"^(?:图\s*)?[①②③④⑤⑥⑦⑧⑨⑩]\s*[:：]?")


# The credit before the name: 摄影/A · 摄影:A · 图/本报记者 A 制图/B · 本文图片 A 摄 (below).
CREDIT_FIRST = re.compile(
    r"^(?:本文图片|图片|摄影|图|摄)\s*[/:|丨]\s*(?P<rest>[^/:|丨]{2,40}?)\s*$"
)
OTHER_CREDIT = re.compile(r"\s+(?:制图|设计|绘图|视频|编辑|文字)\s*[/:].*$")
ROLE_WORDS_IN_CREDIT = re.compile(
    rf"(?:[{CJK}·]{{1,10}}?(?:报|社|网|台|新闻))?(?:首席|特约|实习|见习|高级)?(?:摄影)?(?:记者|通讯员)"
    r"|实习生"
)

ROLE_SPLIT = re.compile(f"({ROLE_WORDS_IN_CREDIT.pattern})")


MAX_CREDIT_LINE = 240  # the longest credit the grammar reads (credits.MAX_CREDIT)


def parse_credit(credit: str) -> ParsedPhoto | None:
    """A credit standing alone (with or without parentheses) → a photo with an empty caption."""
    if len(credit) > MAX_CREDIT_LINE or SENTENCE_END.search(credit):
        return None  # a sentence of the story: every paragraph is asked
    text = fold(credit).strip()
    inner = PARENS.match(text)
    if inner:
        text = inner.group("inner").strip()
    text = re.sub(r"\s*/\s*(?=摄$)", "", text)  # 新华社记者 张建松/摄
    first = CREDIT_FIRST.match(OTHER_CREDIT.sub("", text))
    if first:
        # Read with its role, which vouches for any name shape (摄影:John Smith).
        names = photographers(text) or credited_names(first["rest"])
        if names:
            return ParsedPhoto("", credit.strip(), names[0], _source(text))
        if SUPPLIED.fullmatch(first["rest"]):  # 图片 | 部分由受访者提供
            return ParsedPhoto("", credit.strip(), None, _source(text))
        return None
    shot = SHOT_BY.fullmatch(text)
    if shot:
        # After 记者 or 摄影 any name is a name (海沙尔), and so in brackets of its own ((周上程
        # 摄): set apart from the caption); bare "A 摄" needs a surname to tell a photographer
        # from words that end in 拍摄.
        credited = bool(inner) or bool(CREDIT_ROLE.search(text[: shot.start("names")]))
        tokens = split_names(shot.group("names"))
        names = [n for n in tokens if is_plausible_name(n) or (credited and is_name_shaped(n))]
        if names:
            caption, printed = _caption_before(credit.strip(), tokens, names[0])
            return ParsedPhoto(caption, printed, names[0], _source(text))
        if not shot.group("names").strip():
            return ParsedPhoto("", credit.strip(), None, _source(text))
    if (by_body := BY_ORGANISATION.fullmatch(text)) and (
        is_organisation(by_body["who"]) or OUTLET_ALONE.match(by_body["who"])
    ):
        return ParsedPhoto("", credit.strip(), None, _source(text))  # 某某社 图: no one by name
    if SUPPLIED.fullmatch(text) and len(text) <= 20:
        return ParsedPhoto("", credit.strip(), None, _source(text))
    # Any other order the credit grammar reads (摄影 | 周明 林青, 周明 林青 摄), when it credits
    # photos only: a line that also names a writer is a byline.
    bylines = read_credit(text) or []
    if bylines and all(byline.role == PHOTOGRAPHER for byline in bylines):
        return ParsedPhoto("", credit.strip(), bylines[0].name, _source(text))
    return None


MIN_CAPTION_BEFORE = 4  # characters: shorter words before a name are a name's part, or a role


def _caption_before(printed: str, tokens: list[str], name: str) -> tuple[str, str]:
    """A caption printed on its credit's line, before the photographer (``居民在新修的步道上散步
    周明 摄``): words before the first name that are no name and no credit word are the caption.
    Returns the caption and the credit from the name on; or no caption and the whole line."""
    before = " ".join(tokens[: tokens.index(name)])
    at = printed.rfind(name)
    if ROLE_WORDS_IN_CREDIT.search(before):
        # 市民在展厅参观 某某社记者 周明 摄: the credit opens at its outlet or role word
        words = printed[:at].split()
        opens = next((i for i, word in enumerate(words) if ROLE_AT_START.match(word)), 0)
        before = " ".join(words[:opens])
        at = printed.find(words[opens]) if opens else 0
    if len(before) < MIN_CAPTION_BEFORE or is_name_shaped(before) or at <= 0:
        return "", printed
    return printed[:at].strip(), printed[at:].strip()


def credited_names(text: str) -> list[str]:
    """Every person a credit names: ``本报记者 孙中钦 实习生 王磊 摄`` → both."""
    if read := photographers(text):
        return read
    text = OTHER_CREDIT.sub("", fold(text))
    text = re.sub(r"(?:摄影?|拍摄)\s*(?:[(][^()]{1,10}[)])?\s*$", "", text)
    text = re.sub(r"^(?:本文图片|图片|摄影|图|摄)\s*[/:|丨]?", "", text.strip())
    # After a role word (记者, 通讯员) any name shape is a name; before one, only a name with a
    # known surname: 雪后古镇 周明 摄 credits 周明, and the caption's words are no one.
    names, vouched = [], False
    for part in ROLE_SPLIT.split(text):
        if ROLE_WORDS_IN_CREDIT.fullmatch(part):
            vouched = True
            continue
        shaped = is_name_shaped if vouched else is_plausible_name
        names += [name for name in split_names(part) if shaped(name)]
    return names


def split_caption(line: str) -> ParsedPhoto | None:
    """A caption line with its credit, or None."""
    text = line.strip()
    photo = _printed_forms(text) or _grammar_credit(text) or _glued_credit(text)
    marked = CAPTION_LABEL.match(text)
    if photo and not marked and _credits_a_writer(photo.credit):
        return None  # …的印记。 周明 图 李华 整理: the story's closing credit, not a caption's
    signed = SIGNED_CAPTION.search(text) if photo is None and marked else None
    if signed and is_plausible_name(signed["name"]):  # 图说：…排起了长队。周明
        caption = text[marked.end() : signed.start("name")].strip()
        return ParsedPhoto(caption, signed["name"], signed["name"], "staff")
    if photo is None and marked and _one_sentence(text):  # 图说:… with no credit yet
        return ParsedPhoto(text[marked.end() :].strip(), "", None, "unknown")
    if photo and marked and photo.caption.startswith(marked.group()):
        return _with_caption(photo, photo.caption[marked.end() :])
    return photo


def _credits_a_writer(credit: str) -> bool:
    """A credit that names, beside a photographer, someone who wrote or compiled the text (周明
    图 李华 整理); a caption's credit names the photographer alone (记者 周明, 周明 摄)."""
    if not credit or not re.search(r"整理|文|记者|通讯员|实习生|作者|撰", credit):
        return False
    bylines = read_credit(credit) or []
    shot = {byline.name for byline in bylines if byline.role == PHOTOGRAPHER}
    wrote = {byline.name for byline in bylines if byline.role in WRITERS - {"图文"}}
    return bool(shot) and bool(wrote - shot)


def _printed_forms(text: str) -> ParsedPhoto | None:
    """The credit closing a caption in the forms the patterns above know."""
    folded = fold(text)
    # Only a line printing 图 or 摄影 is searched: the look-behind is tried at every position.
    first = CAPTION_THEN_CREDIT.search(folded) if "图" in folded or "摄影" in folded else None
    if first and first.start() > 0:  # 黄河路街景。摄影:杨舒鸿吉
        photo = parse_credit(text[first.start() :])
        if photo:
            return _with_caption(photo, text[: first.start()])
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
            if photo and photo.photographer is None:
                # 某某新闻记者 周明 资料图: a file photo still credits its photographer
                photo = _grammar_credit(text) or photo
                if photo.caption:
                    return photo
            if photo:
                return _with_caption(photo, text[: match.start()])
    return None


# Where a credit may begin inside a caption: its start, or after a space or a full stop.
CREDIT_START = re.compile(r"(?:^|(?<=[\s。！？!?）)■□●◆▲◇○]))(?=[^\s。！？!?■□●◆▲◇○])")
# …or glued to the caption's last word, where a role opens it (…选购蔬菜某报记者周明摄): the
# outlet glued before the role cannot be told from the caption's words, and stays with them.
GLUED_ROLE = re.compile(r"(?<=\S)(?=(?:首席|特约|实习|见习)?(?:摄影)?记者|(?:特约)?通讯员)")
MAX_CREDIT_STARTS = 12
CAPTION_MARK = re.compile(r"^(?:图说|图片说明|图为|[上下左右]图|图)\s*[:：]?")
# A caption, never body text: 图说:, 图:, and numbered or placed (图①: 图2: 上图:).
CAPTION_LABEL = re.compile(
    r"^(?:图说|图片说明|[上下左右]?图\s*(?:[①-⑳]|\d{1,2}|[一二三四五六七八九十]|[(（]\d{1,2}[)）])?)"
    r"\s*[:：]\s*(?=\S)"
)
# A labelled caption closed by its photographer's bare name after the sentence.
SIGNED_CAPTION = re.compile(rf"[。！？!?]\s*(?P<name>[{CJK}]{{2,3}})$")
SAME_BELOW = "(下同)"  # 记者 A(下同): A took this photo and the ones after it


def _grammar_credit(text: str) -> ParsedPhoto | None:
    """A credit the credit grammar reads anywhere in a caption line: at its end
    (…举行 某某报记者 周明 摄(下同)), or between two captions run together
    (…房间。 本文图片均为某某新闻记者 周明 图迎宾路街景。). A caption (图说:…) or a (下同) tag
    makes a reporter's credit without 摄 a photographer's."""
    if len(text) > MAX_CAPTION or not ("摄" in text or "图" in text or SAME_BELOW in text):
        return None
    folded = fold(text)
    for start in _credit_starts(folded):
        run = credit_from(folded, start)
        if run is None or (start == 0 and run[0] == len(text)):
            continue
        end, bylines = run
        if re.search("摄影报[道导]", folded[start:end]):
            continue  # 记者 A 摄影报道: the report's byline (text and photos), no caption's
        names = [b.name for b in bylines if b.role in (PHOTOGRAPHER, "图文")]
        if not names and (CAPTION_MARK.match(folded) or folded[end:].startswith(SAME_BELOW)):
            names = [b.name for b in bylines if b.role in WRITERS]
        if names and _opens_credit(folded[start:end]):
            caption = f"{text[:start].strip()} {text[end:].removeprefix(SAME_BELOW)}"
            photo = ParsedPhoto("", text[start:end].strip(), names[0], _source(text))
            return _with_caption(photo, caption.strip())
    return None


def _credit_starts(folded: str) -> list[int]:
    """Where a credit may begin in a caption line, first to last (a bounded number)."""
    starts = {m.start() for m in islice(CREDIT_START.finditer(folded), MAX_CREDIT_STARTS)}
    starts |= {m.start() for m in islice(GLUED_ROLE.finditer(folded), MAX_CREDIT_STARTS)}
    return sorted(starts)[: 2 * MAX_CREDIT_STARTS]


def _opens_credit(credit: str) -> bool:
    """A credit opens with an outlet or a role, or with a name a surname vouches for: a caption's
    last words (如期举行) are never taken for a name."""
    first = (tokenize(credit.split()[0]) or [None])[0] if credit.split() else None
    return first is not None and (first.kind != "name" or is_plausible_name(first.text))


GLUED_CREDIT = re.compile(rf"(?P<name>[{CJK}]{{2,3}})摄$")


def _glued_credit(text: str) -> ParsedPhoto | None:
    """``…展示馆周明摄``: a short caption with the name glued to it, known by its surname."""
    if len(text) > 40 or re.search(r"[。！？!?\s]", text):
        return None
    match = GLUED_CREDIT.search(text)
    if not match:
        return None
    for name in (match["name"], match["name"][1:]):
        caption = text[: len(text) - len(name) - 1]
        if len(name) >= 2 and caption and is_plausible_name(name):
            return ParsedPhoto(caption, f"{name}摄", name, "unknown")
    return None


CAPTION_THEN_CREDIT = re.compile(
    r"(?<=[。！？!?)\s])\s*(?:摄影|图片|图)\s*[/:|丨]\s*[^/:|丨。]{2,20}$"
)


def _one_sentence(text: str) -> bool:
    return len(text) <= MAX_LABELLED_CAPTION and not SENTENCE_END.search(text[:-1])


def _caption_ends(text: str) -> bool:
    """A credit follows the caption's last sentence, usually after a space or full stop."""
    return bool(re.search(r"[。！？!?）)\s]$", text))


def _with_caption(photo: ParsedPhoto, caption: str) -> ParsedPhoto:
    caption = caption.strip().rstrip(BULLETS).strip()  # 居民走出小区。 □周明 摄
    return ParsedPhoto(caption, photo.credit, photo.photographer, photo.source)


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


def _sentence_around(text: str, index: int) -> str:
    start = max(text.rfind(mark, 0, index) for mark in "。！？") + 1
    return INLINE.sub("", text[start:index]).strip()


def is_numbered_caption(line: str) -> bool:
    return bool(NUMBERED.match(line.strip()))


def _source(credit: str) -> str:
    if "资料" in credit:
        return "archive"
    if re.search(r"供图|提供", credit) and re.search(r"受访|采访对象|单位|主办|提供", credit):
        return "interviewee"
    if any(agency in credit for agency in AGENCIES):
        return "agency"
    if "本报" in credit or "本刊" in credit:
        return "staff"
    if "供图" in credit:
        return "other"
    return "unknown"
