"""What a line's shape says on its own: a headline or heading, a label, a sentence cut off.

Pure predicates over one line of text, shared by the layout (which labels paragraphs), the
segmenter and the titles.
"""

from __future__ import annotations

import re

from archive.ingest.names import CJK

TERMINAL = "。！？!?…”」』）)】;；:：》"
MAX_HEADLINE = 50
MAX_HEADLINE_WITH_BREAK = 36  # a headline with a comma in it is two short phrases
MAX_ASKING_HEADLINE = 24  # longer, a question or exclamation is a sentence of the text
CLAUSE_BREAK = re.compile(r"[，,：:；;]")
SENTENCE_END = re.compile(r"[。！？!?]")
FUNCTION_ENDINGS = frozenset("以的了和与及或对把被从向在等将使让由于而并且")
CONTINUED = re.compile(r"^[（(](?:上接|下转|接|转)(?:第)?\s*[A-Z]?\d{1,3}\s*版[）)]\s*")
COLUMN_TAG = re.compile(rf"·[{CJK}]{{2,10}}$")  # 城市更新·我们怎么干, 记者观察·民生
BRACKETED_TAG = re.compile(r"^【[^【】]{2,20}】$")  # 【城市更新⑱】 alone: a series, not a headline
# 本报讯 · 新民晚报讯 · 本报上海2月12日电 · 某某社/ 上海1日电: a report's dateline; ``outlet``
# names the paper.
DAY = "[0-9一二三四五六七八九十]"  # 上海3月2日电 · 上海四月七日电
DATELINE_START = re.compile(
    rf"^(?:本报|(?P<outlet>[{CJK}]{{2,6}}(?:报|社|网|台)))"
    rf"(?:讯|(?:\s?[/／]\s?)?[{CJK}]{{0,8}}?{DAY}{{0,3}}月?{DAY}{{1,3}}日(?:电|讯|消息))"
)
INTERVIEW_TURN = re.compile(r"^(?:本报|本刊|记者|问|答)\s*[:：]\s*\S")


def is_column_tag(text: str) -> bool:
    return bool(COLUMN_TAG.search(text) or BRACKETED_TAG.match(text))


DATE_STAMP = re.compile(
    r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|(?<!\d)\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}(?!\d)"
)


def is_headline_like(text: str) -> bool:
    """Headlines and section headings: short, no full stop, at most one clause break."""
    if text.endswith(("——", "—")) or text.startswith("——"):
        # a kicker or a subtitle; a sentence that ends on a dash introduces what follows
        return len(text) <= 3 * MAX_HEADLINE and not has_sentence_end(text)
    if CONTINUED.match(text) or len(text) > MAX_HEADLINE or re.fullmatch(r"[（(].*[）)]", text):
        return False
    if DATE_STAMP.search(text):
        return False  # 2025-03-02 社会中心/综合报导: a web page's stamp, never a printed headline
    if INTERVIEW_TURN.match(text):
        return False  # 本报：您为什么…？ · 问：…: the interviewer's question, a turn of the text
    if text.count("“") > text.count("”"):
        return False  # a quotation running on into the next line, not a headline
    if "。" in text or (has_sentence_end(text) and len(text) > MAX_ASKING_HEADLINE):
        return False  # a headline may ask or exclaim (何以青春? 是绿地? 是堆场?); prose ends in 。
    breaks = len(CLAUSE_BREAK.findall(text))
    if breaks > 1 or (breaks and len(text) > MAX_HEADLINE_WITH_BREAK):
        return False
    return not ends_mid_sentence(text) or numbered_label(text)


def numbered_label(text: str) -> bool:
    """系列报道3, 第3期: a short label ending on its number."""
    return len(text) <= SHORT_LABEL and text[-1].isdigit() and not CLAUSE_BREAK.search(text)


def hinted_headline(text: str) -> bool:
    """A web headline may be long, with commas, ! or ?, but it is no paragraph of prose."""
    return (
        len(text) <= 2 * MAX_HEADLINE
        and not text.endswith(("。", "：", ":"))
        and "。" not in text[:-1]  # two sentences are prose, whatever the page hints
    )


def has_sentence_end(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def ends_mid_sentence(text: str) -> bool:
    """Ends on a clause break, a digit or a word that cannot end a sentence (以, 的, 和 …)."""
    return text[-1] in FUNCTION_ENDINGS or text[-1].isdigit() or bool(CLAUSE_BREAK.match(text[-1]))


SHORT_LABEL = 10


MIN_NOTED_HEADLINE = 4


def noted_headline(noted: str) -> str:
    """An ``原标题`` note longer than a headline is printed holds the kicker and the headline
    the copy ran into one line, in the order printed: the headline is its last part."""
    parts = noted.split()
    longest = MAX_HEADLINE_WITH_BREAK if CLAUSE_BREAK.search(noted) else MAX_HEADLINE
    if len(noted) <= longest or len(parts) < 2 or len(parts[-1]) < MIN_NOTED_HEADLINE:
        return noted
    return parts[-1]


COLUMN_LED = re.compile(r"^[^\s，,。：:丨|｜]{2,8}[丨|｜](?=\S)")


def asking_headline(text: str) -> bool:
    """周末去哪玩？三条步道 赏枫正当时: a short line whose only stops ask or exclaim, with no
    comma or full stop, is a headline (one of a list of links), not prose a page break cut off."""
    return (
        len(text) <= MAX_LISTED_HEADLINE
        and not CLAUSE_BREAK.search(text)
        and "。" not in text
        and bool(re.search(r"[？！?!]", text))
    )


MAX_LISTED_HEADLINE = 40


NOT_LETTERS = re.compile(r"[\W_]+")
MIN_TEASER = 30  # letters: a shorter line may open the next by chance (a headline, a lead-in)


def teaser_of(text: str, following: str) -> bool:
    """A page's teaser of the paragraph after it: its opening, cut off mid-sentence (the
    listing's summary, printed again above the whole text), letters and digits the same."""
    if len(text) < MIN_TEASER or has_sentence_end(text.rstrip()[-1:]):
        return False
    if NOT_LETTERS.sub("", text[-8:])[-2:] not in following:  # its last words are in there
        return False
    letters = NOT_LETTERS.sub("", text)
    return len(letters) >= MIN_TEASER and NOT_LETTERS.sub("", following).startswith(letters)
