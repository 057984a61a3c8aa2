"""Raw text of a newspaper page → ``ParsedArticle``s. Pure: no database, no files, no jieba."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from archive.ingest import budget
from archive.ingest.bylines import GENERIC_ROLE, parse_byline_line, take_dateline
from archive.ingest.chrome import PageInfo, read_page
from archive.ingest.gazetteer import find_districts
from archive.ingest.layout import ORIGINAL_TITLE_LINE, paragraphs
from archive.ingest.photos import credited_names, inline_photos
from archive.ingest.quotes import find_quotes, interviewee, qa_quotes
from archive.ingest.roundups import roundup_items
from archive.ingest.script import fold_script, in_printed_script
from archive.ingest.segment import Draft, PagePhoto, segment
from archive.ingest.shapes import DATE_STAMP, DATELINE_START
from archive.ingest.sources import source_kind, web_address
from archive.ingest.text import calendar_date, decode, normalize, split_front_matter
from archive.ingest.titles import bigrams, draft_words, headline_parts, overlap, subtitle_like
from archive.ingest.types import (
    IngestError,
    ParsedArticle,
    ParsedByline,
    ParsedDistrict,
    ParsedPhoto,
    ParsedQuote,
)


@dataclass(frozen=True)
class Defaults:
    """What the command line says about a file; front matter in the file overrides it."""

    publication: str | None = None
    published_on: str | None = None
    page: str | None = None
    column: str | None = None
    # A re-parse gives back what the front matter said (the stored text starts after it).
    source_url: str | None = None
    source_kind: str | None = None
    accessed_on: str | None = None


NO_DEFAULTS = Defaults()


def parse_bytes(data: bytes, *, defaults: Defaults = NO_DEFAULTS) -> list[ParsedArticle]:
    return parse_text(decode(data), defaults=defaults)


def parse_text(text: str, *, defaults: Defaults = NO_DEFAULTS) -> list[ParsedArticle]:
    # Read in simplified characters, given back in the page's own (traditional pages).
    script = fold_script(normalize(crawl_layout(text)))
    return [in_printed_script(article, script) for article in _parse(script.folded, defaults)]


def _parse(text: str, defaults: Defaults) -> list[ParsedArticle]:
    front, text = split_front_matter(text)
    info = PageInfo(
        publication=front.get("publication") or defaults.publication,
        page=front.get("page") or defaults.page,
        column=front.get("column") or defaults.column,
    )
    info.published_on = _date(front.get("date"), info) or _date(defaults.published_on, info)
    info.source_url = _address(front.get("url"), info) or defaults.source_url
    lines = read_page(text.split("\n"), info)
    budget.check()
    info.publication = info.publication or info.extra.get("source") or _masthead(lines)
    info.published_on = info.published_on or info.best_date()
    items = roundup_items(
        paragraphs(
            lines, hints=info.title_hints, head_lines=info.head_lines, kickers=info.kicker_hints
        )
    )
    drafts, photos = segment(items)
    budget.check()
    drafts = _resolve_shared_headlines(drafts)
    for draft in drafts:
        if not draft.body and draft.summary:  # ■ before the whole story (a feed's snippet)
            draft.body, draft.summary = draft.summary, []
    drafts = [draft for draft in drafts if draft.body or draft.headline]
    if not drafts and photos:  # captioned photos and nothing else: one photo story
        drafts = [Draft()]
    if not drafts or (not any(draft.body for draft in drafts) and not photos):
        raise IngestError("没有可识别的文章 (nothing recognisable as an article)")
    _assign_photos(drafts, photos)
    drafts = _merge_empty(_rubrics(drafts))
    drafts[0].bylines[:0] = info.bylines  # 来源:… 作者:… above the page's only or first article
    drafts[0].original_title = drafts[0].original_title or info.original_title
    source = {
        "source_url": info.source_url,
        "source_kind": source_kind(
            declared=front.get("kind") or defaults.source_kind,
            page=info.page,
            address=info.source_url,
            stamped=info.stamped,
        ),
        "accessed_on": _date(front.get("accessed"), info) or defaults.accessed_on,
    }
    return [_build(draft, info, text, source) for draft in drafts]


# A crawl of an e-paper (one article a file): kicker, headline and subtitle on the first three
# lines, each possibly empty, then the body in paragraphs indented with ideographic spaces.
CRAWL_INDENT = "\u3000\u3000"


def crawl_layout(text: str) -> str:
    """Mark the crawl layout's three head lines as the headline block they are."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    head = lines[:3]
    if len(lines) < 4 or not lines[3].startswith(CRAWL_INDENT):
        return text
    if any(line.startswith("\u3000") for line in head) or not head[1].strip():
        return text
    if not all(_crawl_head_line(line.strip()) for line in head if line.strip()):
        return text  # a credit or a stamp among the first lines: a web page's head, not a crawl
    kicker, title, subtitle = (line.strip() for line in head)
    marked = [f"## {kicker}" if kicker else "", f"# {title}", f"## {subtitle}" if subtitle else ""]
    return "\n".join([*marked, "", *lines[3:]])


def _crawl_head_line(line: str) -> bool:
    """A kicker, headline or subtitle: no credit, date stamp or note of an original title."""
    return not (
        parse_byline_line(line) or DATE_STAMP.search(line) or ORIGINAL_TITLE_LINE.fullmatch(line)
    )


def _masthead(lines: list[str]) -> str | None:
    """``新民晚报讯`` names the paper; ``本报讯`` does not."""
    for line in lines:
        match = DATELINE_START.match(line)
        if match and match["outlet"] and not match["outlet"].startswith("本刊"):
            return match["outlet"]
    return None


def _date(value: str | None, info: PageInfo) -> str | None:
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value.strip())
    if not match:
        info.warnings.append(f"无法识别的日期，已忽略：{value} (date must be YYYY-MM-DD)")
        return None
    checked = calendar_date(*match.groups())
    if checked is None:
        info.warnings.append(f"日期不存在，已忽略：{value} (not a calendar date)")
    return checked


def _address(value: str | None, info: PageInfo) -> str | None:
    if not value:
        return None
    address = web_address(value)
    if address is None:
        shown = value if len(value) <= 80 else value[:80] + "…"
        info.warnings.append(
            f"无法识别的网址，已忽略：{shown} (url must be an http:// or https:// address)"
        )
    return address


def _resolve_shared_headlines(drafts: list[Draft]) -> list[Draft]:
    """Split a headline block between an article printed without one and the next article."""
    for previous, draft in pairwise(drafts):
        if not (draft.shares_headline and previous.is_orphan):
            continue
        block = draft.headline
        if not draft.has_body:
            # printed after its body with its byline; a last line with nothing under it is
            # where the copy was cut, not a headline
            if draft.bylines or draft.photos:
                previous.headline, draft.headline = block, []
            continue
        before, after = draft_words(previous), draft_words(draft)
        best = max(
            range(1, len(block)),
            key=lambda k: (
                sum(overlap(p.text, before) for p in block[:k])
                + sum(overlap(p.text, after) for p in block[k:])
                - (1.0 if subtitle_like(block[k].text) else 0.0)
            ),
            default=len(block),
        )
        previous.headline, draft.headline = block[:best], block[best:]
    return drafts


def _rubrics(drafts: list[Draft]) -> list[Draft]:
    """A page heading with no text of its own over several articles (速览, 社区治理，我们在路上)
    is their column, not an article."""
    result: list[Draft] = []
    rubric: str | None = None
    for index, draft in enumerate(drafts):
        following = drafts[index + 1] if index + 1 < len(drafts) else None
        if (
            not draft.body
            and not draft.photos
            and not draft.bylines
            and len(draft.headline) == 1
            and following is not None
            and following.headline
        ):
            rubric = draft.headline[0].text
            continue
        if rubric and not draft.column:
            draft.column = rubric
        result.append(draft)
    return result


def _merge_empty(drafts: list[Draft]) -> list[Draft]:
    """A headline with no body after it is kept as text of the article before it."""
    merged: list[Draft] = []
    for draft in drafts:
        if not draft.body and merged and not draft.photos:
            merged[-1].body.extend(p.text for p in draft.headline)
            merged[-1].bylines.extend(draft.bylines)
            continue
        merged.append(draft)
    return merged


def _assign_photos(drafts: list[Draft], photos: list[PagePhoto]) -> None:
    """A photo goes where its caption's words are most at home; else where it was printed."""
    if not photos:
        return
    words = [
        draft_words(draft) | bigrams(" ".join(p.text for p in draft.headline)) for draft in drafts
    ]
    for item in photos:
        printed_in = min(max(item.article, 0), len(drafts) - 1)
        if item.anchored:
            drafts[printed_in].photos.append(item.photo)
            continue
        scores = [overlap(item.photo.caption, article_words) for article_words in words]
        best = max(range(len(drafts)), key=lambda i: (scores[i], i == printed_in))
        target = best if scores[best] > scores[printed_in] + 0.05 else printed_in
        drafts[target].photos.append(item.photo)


DATELINE_PARAGRAPHS = 6
SHORT_FIRST_LINE = 60


def _body(draft: Draft, bylines: list[ParsedByline], photos: list[ParsedPhoto]) -> list[str]:
    """The body's paragraphs without the dateline, closing byline and photo credits printed in
    them, which go to ``bylines`` and ``photos``; a photo-news item's captions."""
    body = list(draft.summary) + list(draft.body)
    # The dateline opens the lead: the first paragraph of prose, after any short lines a copy
    # put first (a caption, a kicker, a portal's slogans): 图片由某某提供 | then 某社上海5月2日电
    # （记者 A）….
    for index in range(min(DATELINE_PARAGRAPHS, len(body))):
        found, body[index] = take_dateline(body[index])
        bylines.extend(found)
        if found or len(body[index]) > SHORT_FIRST_LINE:
            break
    if body:
        found, last = draft.trailing(body[-1])
        if found:
            bylines.extend(found)
            body[-1] = last
    cleaned = []
    for paragraph in body:
        inline, paragraph = inline_photos(paragraph)
        photos.extend(inline)
        if paragraph:
            cleaned.append(paragraph)
    for photo in photos:  # 本报记者 A 实习生 B 摄: the photo holds A, a byline holds B
        if photo.photographer:
            extra = [name for name in credited_names(photo.credit) if name != photo.photographer]
            bylines.extend(ParsedByline(name, "摄影") for name in extra)
    if not cleaned and photos:  # photo news: the caption is the text
        cleaned = [photo.caption for photo in photos if photo.caption]
    return cleaned


def _build(draft: Draft, info: PageInfo, raw: str, source: dict) -> ParsedArticle:
    headline = headline_parts(draft)
    bylines = list(draft.bylines)
    photos = list(draft.photos)
    cleaned = _body(draft, bylines, photos)
    sections = tuple(section for section in draft.sections if section in cleaned)
    prose = [paragraph for paragraph in cleaned if paragraph not in sections]
    subject = interviewee([headline["kicker"] or "", headline["subtitle"] or "", headline["title"]])
    quotes = _oral_quote(draft, prose) + qa_quotes(prose, subject) + find_quotes(prose)
    place_text = "\n".join(
        [headline["kicker"] or "", headline["title"] or "", headline["subtitle"] or "", *cleaned]
        + [photo.caption for photo in photos]
    )
    return ParsedArticle(
        title=headline["title"],
        kicker=headline["kicker"],
        subtitle=headline["subtitle"],
        column=draft.column or headline["column"] or info.column,
        original_title=draft.original_title,
        publication=info.publication,
        published_on=info.published_on,
        page=info.page,
        bylines=tuple(_unique_bylines(bylines)),
        photos=tuple(photos),
        quotes=tuple(quotes),
        districts=tuple(
            ParsedDistrict(mention.district, mention.mentions, mention.former_name)
            for mention in find_districts(place_text)
        ),
        sections=sections,
        body="\n".join(cleaned),
        **source,
        raw_text=raw,
        warnings=tuple(info.warnings),
    )


def _oral_quote(draft: Draft, prose: list[str]) -> list[ParsedQuote]:
    told = [
        ParsedQuote(speaker=name, title=title, text=text, direct=True)
        for name, title, text in draft.narrators
        if name and text
    ]
    if not draft.oral or not prose:
        return told
    name, title = draft.oral
    return [ParsedQuote(speaker=name, title=title, text=prose[0], direct=True), *told]


def _unique_bylines(bylines: Iterable[ParsedByline]) -> list[ParsedByline]:
    """One credit, one byline: a name printed bare (作者) and again with its role keeps the role."""
    bylines = list(bylines)
    specific = {b.name for b in bylines if b.role not in (GENERIC_ROLE, "摄影", "编辑")}
    seen: set[tuple[str, str]] = set()
    result = []
    for byline in bylines:
        if byline.role == GENERIC_ROLE and byline.name in specific:
            continue
        if (byline.name, byline.role) not in seen:
            seen.add((byline.name, byline.role))
            result.append(byline)
    return result


__all__ = ["Defaults", "IngestError", "parse_bytes", "parse_text"]
