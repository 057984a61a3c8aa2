"""Group a page's paragraphs into articles.

A page holds a main story, sidebars (口述实录, 记者手记) and unrelated short items,
each with its own headline and byline. OCR order can put a headline *after* its body: an
article that starts with a byline and has no headline shares the next headline block with the
article after it, split where the words of each line best match each body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from archive.ingest.bylines import BULLETS, take_trailing, unprinted_role
from archive.ingest.layout import (
    Kind,
    Paragraph,
    original_title,
    strip_continuation,
)
from archive.ingest.names import CJK
from archive.ingest.roles import PHOTOGRAPHER, WRITERS
from archive.ingest.shapes import CONTINUED, DATELINE_START, is_column_tag
from archive.ingest.types import ParsedByline, ParsedPhoto

HEADLINE_KINDS = (Kind.SHORT, Kind.MARKED)
IMAGE_GAP = 3  # blank lines an image placeholder leaves, more than a paragraph break
SECTION_NUMBER = re.compile(r"[0-9一二三四五六七八九十]{1,3}[、.．]?")  # #1 over a part of a story
CAPTION_HINT = re.compile(r"^(?:图为|上图|下图|左图|右图|图片|图\s*[:：])|图为")


@dataclass
class Draft:
    headline: list[Paragraph] = field(default_factory=list)
    shares_headline: bool = False  # headline block also holds the previous article's title
    column: str | None = None
    bylines: list[ParsedByline] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    photos: list[ParsedPhoto] = field(default_factory=list)
    oral: tuple[str, str] | None = None
    narrators: list[tuple[str, str | None, str]] = field(default_factory=list)  # …X讲述
    original_title: str | None = None
    caption_candidate: bool = False  # the last body paragraph may be a photo caption
    # The last paragraph added to the body and the byline closing it, as classifying found.
    ending: tuple[str, tuple[list[ParsedByline], str]] | None = None

    @property
    def has_body(self) -> bool:
        return bool(self.body)

    @property
    def is_orphan(self) -> bool:
        return not self.headline and self.has_body

    def trailing(self, text: str) -> tuple[list[ParsedByline], str]:
        """``take_trailing(text)``, read from the paragraph's classification when it was the
        last one added as it was printed; worked out only for text changed since."""
        if self.ending and self.ending[0] == text:
            return self.ending[1]
        return take_trailing(text)


@dataclass
class PagePhoto:
    photo: ParsedPhoto
    article: int  # index of the article it was printed in
    anchored: bool = False  # printed in the article's head, before its body: it stays there


@dataclass
class Segmentation:
    """The page being grouped: its paragraphs and what has been built from them so far."""

    items: list[Paragraph]
    drafts: list[Draft] = field(default_factory=list)
    photos: list[PagePhoto] = field(default_factory=list)
    pending_column: str | None = None  # from a ### label, for the article below it
    section_column: str | None = None  # the label applies to the #### sidebars that follow

    def current(self) -> Draft:
        if not self.drafts:
            self.drafts.append(Draft(column=self.pending_column))
        return self.drafts[-1]

    @property
    def printed_in(self) -> int:
        return len(self.drafts) - 1


def segment(items: list[Paragraph]) -> tuple[list[Draft], list[PagePhoto]]:
    page = Segmentation(items)
    index = 0
    while index < len(items):
        index = _step(page, index)
    return page.drafts, page.photos


def _step(page: Segmentation, index: int) -> int:
    """Handle the paragraph at ``index``; the index of the next one to handle."""
    items = page.items
    paragraph = items[index]
    following = items[index + 1] if index + 1 < len(items) else None
    if _is_section_mark(paragraph) and following and following.kind in HEADLINE_KINDS:
        page.pending_column = page.section_column = paragraph.text  # ### 口述实录 over sidebars
        return index + 1
    if paragraph.kind in HEADLINE_KINDS and not _is_section_mark(paragraph):
        return _headline_block(page, index)
    HANDLERS.get(paragraph.kind, _on_text)(page, index)
    return index + 1


def _headline_block(page: Segmentation, index: int) -> int:
    """A run of headline lines opens an article, names its writers or is a section heading."""
    items, drafts = page.items, page.drafts
    end = index
    while (
        end < len(items)
        and items[end].kind in HEADLINE_KINDS
        and not _is_section_mark(items[end])
        and not (end > index and _marks_end(items[end - 1], items[end]))
        and not (end > index and items[end].gap >= IMAGE_GAP)  # a picture between: a caption
    ):
        end += 1
    deck = end - 1 if end - index >= 2 else end
    if deck + 1 < len(items) and _is_deck(items[deck], items[deck + 1]):
        # a deck under the headline, then the dateline: 本报北京2月18日电
        items[deck] = replace(items[deck], kind=Kind.DECK)
        end = deck + 1
    block = items[index:end]
    after = items[end] if end < len(items) else None
    if after and _speaker_label(items, end):  # 主旨演讲 / 周明 / 周明指出…: whose words follow
        items[end] = replace(after, kind=Kind.TEXT)
        after = items[end]
    if drafts and not drafts[-1].headline and not drafts[-1].has_body:
        drafts[-1].headline = block  # a byline printed above its headline
    elif drafts and not _starts_article(block, after, drafts[-1]):
        _add_section(drafts[-1], block)
    else:
        orphan = bool(drafts) and drafts[-1].is_orphan
        if block[0].kind is Kind.MARKED and block[0].level == 4:
            page.pending_column = page.pending_column or page.section_column
        else:
            page.section_column = page.pending_column
        drafts.append(Draft(headline=block, shares_headline=orphan, column=page.pending_column))
        page.pending_column = None
        if after and after.kind is Kind.NAME and not _in_a_list_of_names(items, end):
            _add_names(drafts[-1], after)
            end += 1
    return end


# One handler per kind of paragraph outside a headline block, over what its recogniser found.


def _on_text(page: Segmentation, index: int) -> None:
    _add_text(page.current(), page.items[index])


def _on_section(page: Segmentation, index: int) -> None:  # ### heading inside an article
    _add_section(page.current(), [page.items[index]])


def _on_byline(page: Segmentation, index: int) -> None:
    _place_byline(page.drafts, page.items, index, page.pending_column)


def _on_end_byline(page: Segmentation, index: int) -> None:
    page.current().bylines.extend(page.items[index].found)


def _on_names(page: Segmentation, index: int) -> None:
    item = page.items[index]
    following = page.items[index + 1] if index + 1 < len(page.items) else None
    draft = page.drafts[-1] if page.drafts else None
    if _speaker_label(page.items, index) or _in_a_list_of_names(page.items, index):
        _on_text(page, index)
    elif draft and draft.has_body:
        if following is not None and following.kind is Kind.TEXT:
            _add_section(draft, [item])  # a name heading the part of the story below it
        else:
            _add_names(draft, item)  # names closing a story: its writers
    elif _text_follows(page.items, index):
        # alone over the text: of a page with no headline, or under a headline's summary
        _add_names(page.current(), item)
    else:
        _on_text(page, index)


def _in_a_list_of_names(items: list[Paragraph], index: int) -> bool:
    """A name alone on its line with another such line beside it: the people of a photo page's
    captions or of a list, one a line; writers credited together share one line."""
    return any(
        0 <= other < len(items) and items[other].kind is Kind.NAME
        for other in (index - 1, index + 1)
    )


BESIDE_THE_TEXT = (Kind.CAPTION, Kind.NUMBERED_CAPTION, Kind.CREDIT, Kind.BULLET)


def _text_follows(items: list[Paragraph], index: int) -> bool:
    """The text comes next, past the captions and summary points printed before it."""
    for item in items[index + 1 :]:
        if item.kind not in BESIDE_THE_TEXT:
            return item.kind is Kind.TEXT
    return False


def _speaker_label(items: list[Paragraph], index: int) -> bool:
    """A line of one name whose next paragraph opens with that name: a label over what the
    person said (周明 / 周明指出，…), not a writer's credit."""
    paragraph = items[index]
    following = items[index + 1] if index + 1 < len(items) else None
    return (
        paragraph.kind is Kind.NAME
        and following is not None
        and len(paragraph.found) == 1
        and following.text.startswith(paragraph.found[0])
    )


def _on_credit(page: Segmentation, index: int) -> None:
    _credit(page.current(), page.items[index], page.photos, page.printed_in)


def _on_caption(page: Segmentation, index: int) -> None:
    anchored = not page.current().has_body
    page.photos.append(PagePhoto(page.items[index].found, page.printed_in, anchored))


def _on_original_title(page: Segmentation, index: int) -> None:
    page.current().original_title = page.items[index].found


def _on_narrator(page: Segmentation, index: int) -> None:
    draft = page.current()
    name, title = page.items[index].found
    draft.narrators.append((name, title, draft.body[-1] if draft.body else ""))


def _on_oral(page: Segmentation, index: int) -> None:
    if page.current().has_body:
        _on_text(page, index)
    else:
        page.current().oral = page.items[index].found


def _on_bullet(page: Segmentation, index: int) -> None:
    if page.current().has_body:
        _on_text(page, index)
    else:
        page.current().summary.append(page.items[index].text.lstrip(BULLETS).strip())


HANDLERS = {
    Kind.MARKED: _on_section,
    Kind.BYLINE: _on_byline,
    Kind.END_BYLINE: _on_end_byline,
    Kind.NAME: _on_names,
    Kind.CREDIT: _on_credit,
    Kind.CAPTION: _on_caption,
    Kind.NUMBERED_CAPTION: _on_caption,
    Kind.ORIGINAL_TITLE: _on_original_title,
    Kind.NARRATOR: _on_narrator,
    Kind.ORAL: _on_oral,
    Kind.BULLET: _on_bullet,
}


def _add_names(draft: Draft, paragraph: Paragraph) -> None:
    """Names alone under a headline or after a body: the writers, their role unprinted."""
    role = unprinted_role(draft.column)
    draft.bylines.extend(ParsedByline(name, role) for name in paragraph.found)


def _marks_end(previous: Paragraph, paragraph: Paragraph) -> bool:
    """A headline block marked with # ends where the marks end."""
    return previous.kind is Kind.MARKED and paragraph.kind is not Kind.MARKED


MIN_DECK_OVER_CREDITS = 30  # shorter, a headline with a comma in it (某某赶集，是某某的粉丝)


def _is_deck(paragraph: Paragraph, following: Paragraph) -> bool:
    """A deck (提要) prints without a closing full stop between a headline and its dateline."""
    text = paragraph.text
    return (
        paragraph.kind in (Kind.TEXT, Kind.SHORT)
        and 12 <= len(text) <= 150
        and bool(re.search(r"[，,；;]", text))  # a sentence without its full stop, not a title
        and text[-1] not in "。！？!?…”」』"
        and (
            bool(DATELINE_START.match(following.text))
            # over the credits (记者 | 周明): a deck is one sentence left open, not prose cut off
            or (
                following.kind is Kind.BYLINE
                and len(text) >= MIN_DECK_OVER_CREDITS
                and not re.search(r"[。！？!?]", text)
            )
        )
    )


def _is_section_mark(paragraph: Paragraph) -> bool:
    return paragraph.kind is Kind.MARKED and paragraph.level == 3


def _starts_article(block: list[Paragraph], after: Paragraph | None, draft: Draft) -> bool:
    """A headline block inside a story opens another only on evidence: e-paper marks, a kicker
    or subtitle shape, a column tag, or a byline or dateline under it. Subheads, captions and
    quoted lines between paragraphs, one line or several, stay in the story."""
    if not draft.has_body and not draft.headline:
        return True
    if after is None:
        return True
    if any(_opens_story(line, len(block)) for line in block):
        return True
    if after.kind in (Kind.BYLINE, Kind.NAME, Kind.BULLET, Kind.ORAL):
        return True
    return bool(CONTINUED.match(after.text) or DATELINE_START.match(after.text))


def _opens_story(line: Paragraph, lines: int) -> bool:
    """A line the page lists as a headline or a kicker (…——) opens a story; a column tag does
    over a headline, not alone (产业·… over a part of a story); a subtitle (——…) may be a
    section's deck."""
    if line.kind is Kind.MARKED:
        return line.level in (1, 2, 4) and not SECTION_NUMBER.fullmatch(line.text)
    text = line.text
    if line.hint >= 2:  # the page repeats or lists it as a headline
        return True
    return text.endswith("——") or (lines >= 2 and is_column_tag(text))


def _add_section(draft: Draft, block: list[Paragraph]) -> None:
    for paragraph in block:
        draft.sections.append(paragraph.text)
        draft.body.append(paragraph.text)
    draft.caption_candidate = False


def _add_text(draft: Draft, paragraph: Paragraph) -> None:
    text = (
        paragraph.text.lstrip(BULLETS).strip() if paragraph.kind is Kind.BULLET else paragraph.text
    )
    note, text = original_title(text)
    if note:
        draft.original_title = note
    text = strip_continuation(text) if CONTINUED.match(text) else text
    if text:
        draft.body.append(text)
        draft.caption_candidate = paragraph.gap >= 2 or bool(CAPTION_HINT.search(text))
        unchanged = text == paragraph.text and paragraph.trailing is not None
        draft.ending = (text, paragraph.trailing) if unchanged else None


CREDIT_BLOCK = (Kind.BYLINE, Kind.ORAL)  # a credit's lines go where the line above went


def _place_byline(
    drafts: list[Draft], items: list[Paragraph], index: int, column: str | None
) -> None:
    """Before its body a byline opens or continues an article; after a body it closes one."""
    bylines = items[index].found or []
    if drafts and not drafts[-1].has_body:
        drafts[-1].bylines.extend(bylines)
        return
    if drafts and index and items[index - 1].kind in CREDIT_BLOCK:
        drafts[-1].bylines.extend(bylines)  # 采访：A / 整理：B: one credit block, line by line
        return
    last = drafts[-1] if drafts else None
    more = _prose_after_credits(items, index + 1)
    if last and last.headline and not last.bylines and _only_a_deck(last) and more:
        # 老街不能“失声”。 under the headline, then the byline: the line was a deck.
        last.headline.append(Paragraph(last.body.pop(), kind=Kind.SHORT))
        last.bylines.extend(bylines)
        return
    known = {byline.name for byline in last.bylines} if last else set()
    if bylines and all(b.name in known for b in bylines) and _no_prose_yet(last):
        last.bylines.extend(bylines)  # the same writer signed again (主笔|A under the captions)
        return
    body_follows = any(
        item.kind in (Kind.TEXT, Kind.BULLET) for item in items[index + 1 : index + 2]
    )
    staff_only = not any(b.role in WRITERS or b.role == PHOTOGRAPHER for b in bylines)
    if drafts and (not body_follows or staff_only):  # 某某 设计: the layout's credit opens nothing
        drafts[-1].bylines.extend(bylines)
        return
    if last and last.headline and not any(draft.bylines for draft in drafts):
        # 标题 / a preface of a few paragraphs / 特约记者|A / the story: the page's first credit,
        # under a headline that has none, is that story's, and its text goes on below it
        last.bylines.extend(bylines)
        return
    drafts.append(Draft(bylines=list(bylines), column=column))


def _prose_after_credits(items: list[Paragraph], start: int) -> bool:
    """Prose below the run of credit lines from ``start``: the credits sit between a deck and its
    body. Only credits to the end (（本报记者 A / 通讯员 B）) close the story above them."""
    for item in items[start:]:
        if item.kind is not Kind.BYLINE:
            return item.kind in (Kind.TEXT, Kind.BULLET)
    return False


def _no_prose_yet(draft: Draft) -> bool:
    """Only short lines so far (captions, a lead-in), no paragraph of a report."""
    return all(len(text) <= 60 for text in draft.body)


def _only_a_deck(draft: Draft) -> bool:
    """One short line of words (a share counter's ``0`` is none) between headline and byline."""
    text = draft.body[0] if len(draft.body) == 1 else ""
    worded = bool(re.search(rf"[{CJK}]", text))
    return worded and len(text) <= 40 and not draft.sections and not DATELINE_START.match(text)


def _credit(draft: Draft, paragraph: Paragraph, photos: list[PagePhoto], article: int) -> None:
    """A credit line under its caption: the caption is the paragraph just above, if it can be."""
    credit = paragraph.found
    uncredited = [item for item in photos if item.article == article and not item.photo.credit]
    if uncredited and not draft.caption_candidate:
        for item in uncredited:  # numbered captions ①②… share the credit line below them
            item.photo = ParsedPhoto(
                item.photo.caption, credit.credit, credit.photographer, credit.source
            )
        return
    caption = ""
    if draft.caption_candidate and draft.body:
        caption = draft.body.pop()
        draft.caption_candidate = False
    photo = ParsedPhoto(caption, credit.credit, credit.photographer, credit.source)
    photos.append(PagePhoto(photo, article, anchored=not draft.has_body))
