"""Raw text of a newspaper page → ``ParsedArticle``s. Pure: no database, no files, no jieba."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from archive.ingest.bylines import meta_source, take_dateline, take_trailing
from archive.ingest.gazetteer import find_districts
from archive.ingest.layout import Kind, Paragraph, paragraphs
from archive.ingest.names import CJK
from archive.ingest.photos import inline_photos
from archive.ingest.quotes import find_quotes, interviewee, qa_quotes
from archive.ingest.segment import Draft, PagePhoto, segment
from archive.ingest.text import (
    PageInfo,
    calendar_date,
    decode,
    normalize,
    split_front_matter,
    strip_chrome,
)
from archive.ingest.types import (
    IngestError,
    ParsedArticle,
    ParsedByline,
    ParsedDistrict,
    ParsedQuote,
)

FALLBACK_TITLE_LENGTH = 30


@dataclass(frozen=True)
class Defaults:
    """What the command line says about a file; front matter in the file overrides it."""

    publication: str | None = None
    published_on: str | None = None
    page: str | None = None
    column: str | None = None


NO_DEFAULTS = Defaults()


def parse_bytes(data: bytes, *, defaults: Defaults = NO_DEFAULTS) -> list[ParsedArticle]:
    return parse_text(decode(data), defaults=defaults)


def parse_text(text: str, *, defaults: Defaults = NO_DEFAULTS) -> list[ParsedArticle]:
    text = normalize(text)
    front, text = split_front_matter(text)
    info = PageInfo(
        publication=front.get("publication") or defaults.publication,
        page=front.get("page") or defaults.page,
        column=front.get("column") or defaults.column,
    )
    info.published_on = _date(front.get("date"), info) or _date(defaults.published_on, info)
    lines = strip_chrome(text.split("\n"), info)
    info.publication = info.publication or next(filter(None, map(meta_source, lines)), None)
    drafts, photos = segment(paragraphs(lines))
    drafts = _resolve_shared_headlines(drafts)
    drafts = [draft for draft in drafts if draft.body or draft.headline]
    if not drafts or not any(draft.body for draft in drafts):
        raise IngestError("没有可识别的文章 (nothing recognisable as an article)")
    _assign_photos(drafts, photos)
    return [_build(draft, info, text) for draft in _merge_empty(drafts)]


def _date(value: str | None, info: PageInfo) -> str | None:
    if not value:
        return None
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value.strip())
    if not match:
        info.warnings.append(f"无法识别的日期，已忽略：{value} (date must be YYYY-MM-DD)")
        return None
    return calendar_date(*match.groups(), printed=value, info=info)


CJK_RUN = re.compile(rf"[{CJK}]{{2,}}")


def bigrams(text: str) -> set[str]:
    """Pairs of adjacent Chinese characters: a cheap, segmenter-free measure of shared words."""
    return {run[i : i + 2] for run in CJK_RUN.findall(text) for i in range(len(run) - 1)}


def overlap(line: str, words: set[str]) -> float:
    grams = bigrams(line)
    return len(grams & words) / len(grams) if grams else 0.0


def _draft_words(draft: Draft) -> set[str]:
    return bigrams("".join(draft.summary + draft.body))


def _resolve_shared_headlines(drafts: list[Draft]) -> list[Draft]:
    """Split a headline block between an article printed without one and the next article."""
    for previous, draft in pairwise(drafts):
        if not (draft.shares_headline and previous.is_orphan):
            continue
        block = draft.headline
        if not draft.has_body:
            previous.headline, draft.headline = block, []
            continue
        before, after = _draft_words(previous), _draft_words(draft)
        best = max(
            range(1, len(block)),
            key=lambda k: (
                sum(overlap(p.text, before) for p in block[:k])
                + sum(overlap(p.text, after) for p in block[k:])
                - (1.0 if _subtitle_like(block[k].text) else 0.0)
            ),
            default=len(block),
        )
        previous.headline, draft.headline = block[:best], block[best:]
    return drafts


def _subtitle_like(text: str) -> bool:
    """A subtitle (——…, …:…, 「…」) follows its title; it does not open a headline."""
    return text.startswith("——") or bool(re.search(r"[:：「」]", text))


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
        _draft_words(draft) | bigrams(" ".join(p.text for p in draft.headline)) for draft in drafts
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


def _build(draft: Draft, info: PageInfo, raw: str) -> ParsedArticle:
    headline = _headline(draft)
    body = list(draft.summary) + list(draft.body)
    bylines = list(draft.bylines)
    photos = list(draft.photos)
    if body:
        found, body[0] = take_dateline(body[0])
        bylines.extend(found)
        found, last = take_trailing(body[-1])
        if found:
            bylines.extend(found)
            body[-1] = last
    cleaned = []
    for paragraph in body:
        inline, paragraph = inline_photos(paragraph)
        photos.extend(inline)
        if paragraph:
            cleaned.append(paragraph)
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
        raw_text=raw,
        warnings=tuple(info.warnings),
    )


def _oral_quote(draft: Draft, prose: list[str]) -> list[ParsedQuote]:
    if not draft.oral or not prose:
        return []
    name, title = draft.oral
    return [ParsedQuote(speaker=name, title=title, text=prose[0], direct=True)]


def _unique_bylines(bylines: Iterable[ParsedByline]) -> list[ParsedByline]:
    seen: set[tuple[str, str]] = set()
    result = []
    for byline in bylines:
        if (byline.name, byline.role) not in seen:
            seen.add((byline.name, byline.role))
            result.append(byline)
    return result


def _headline(draft: Draft) -> dict[str, str | None]:
    """Column, kicker, title and subtitle from the headline lines, by their marks and shape."""
    column = kicker = subtitle = None
    kickers: list[str] = []
    subtitles: list[str] = []
    candidates: list[Paragraph] = []
    for paragraph in draft.headline:
        text = paragraph.text
        if re.search(rf"·[{CJK}]{{2,10}}$", text) and not candidates and not kickers:
            column = text
        elif text.endswith(("——", "—")):
            kickers.append(text.rstrip("—").strip())
        elif text.startswith("——"):
            subtitles.append(text.lstrip("—").strip())
        else:
            candidates.append(paragraph)
    title = None
    if candidates:
        words = _draft_words(draft) if len(candidates) > 1 else set()
        chosen = max(range(len(candidates)), key=lambda i: _title_score(candidates[i], i, words))
        title = candidates[chosen].text
        kickers += [p.text for p in candidates[:chosen]]
        subtitles = [p.text for p in candidates[chosen + 1 :]] + subtitles
    kicker = " ".join(kickers) or None
    subtitle = " ".join(subtitles) or None
    if title is None:
        title, subtitle = _fallback_title(draft, kicker, subtitle)
        if title == kicker:
            kicker = None
    return {"column": column, "kicker": kicker, "title": title, "subtitle": subtitle}


def _title_score(paragraph: Paragraph, index: int, words: set[str]) -> float:
    """Printed titles: # markup, parallel phrases split by a space; a colon marks a subtitle."""
    text = paragraph.text
    score = 0.0
    if paragraph.kind is Kind.MARKED and paragraph.level in (1, 4):
        score += 4
    if re.search(rf"[{CJK}] +[{CJK}]", text):
        score += 2
    if _subtitle_like(text):
        score -= 2
    score += 1 if index == 0 else 0
    return score + overlap(text, words)


def _fallback_title(
    draft: Draft, kicker: str | None, subtitle: str | None
) -> tuple[str, str | None]:
    if draft.original_title:
        main, _, rest = draft.original_title.partition("——")
        return main.strip(), subtitle or (rest.strip() or None)
    if kicker:
        return kicker, subtitle
    first = next((p for p in draft.summary + draft.body if p), "")
    sentence = re.split(r"(?<=[。！？!?])", first)[0]
    if len(sentence) > FALLBACK_TITLE_LENGTH:
        sentence = sentence[:FALLBACK_TITLE_LENGTH].rstrip("，,、") + "…"
    return sentence or "（无标题）", subtitle


__all__ = ["Defaults", "IngestError", "parse_bytes", "parse_text"]
