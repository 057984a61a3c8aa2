"""Fielded search terms (``标题:`` ``作者:`` ``受访者:`` ``区:`` ``版:``), as in CNKI's advanced
search: which prefixes name which field, and how a term on a person, a place or a page becomes a
filter. Title terms go through the search indexes: the characters, then the string in the title
(标题:副实 finds 名不副实), ranked by the title's tokens (see ``archive.search``); the others are
exact matches on the records an editor keeps, not on words.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

TITLE, AUTHOR, SPEAKER, DISTRICT, PAGE = "title", "author", "speaker", "district", "page"

# Every prefix a reader may type, Chinese or English, before ":" or "：".
PREFIXES = {
    "标题": TITLE,
    "篇名": TITLE,
    "题名": TITLE,
    "title": TITLE,
    "作者": AUTHOR,
    "author": AUTHOR,
    "受访者": SPEAKER,
    "speaker": SPEAKER,
    "区": DISTRICT,
    "district": DISTRICT,
    "版": PAGE,
    "版次": PAGE,
    "page": PAGE,
}
PREFIX_PATTERN = "|".join(sorted(PREFIXES, key=len, reverse=True))

# Fields answered by the search indexes (the rest are filters on related rows).
INDEXED = {"", TITLE}


def field_q(field: str, value: str) -> Q:
    """Articles whose author, speaker, district or page is ``value``: a name or an alias of
    the person (a photographer counts as an author), a district's name, short name, slug or
    former name (闸北), a page as printed (case aside)."""
    from archive.models import ArticleDistrict, Byline, Photo, Quote

    article = OuterRef("pk")
    if field == AUTHOR:
        named = Q(author__name=value) | Q(author__aliases__name=value)
        photographed = Q(photographer__name=value) | Q(photographer__aliases__name=value)
        return Q(Exists(Byline.objects.filter(named, article=article))) | Q(
            Exists(Photo.objects.filter(photographed, article=article))
        )
    if field == SPEAKER:
        named = Q(speaker__name=value) | Q(speaker__aliases__name=value)
        return Q(Exists(Quote.objects.filter(named, article=article)))
    if field == DISTRICT:
        place = (
            Q(district__name=value)
            | Q(district__short_name=value)
            | Q(district__slug=value.lower())
            | Q(former_name=value)
        )
        return Q(Exists(ArticleDistrict.objects.filter(place, article=article)))
    if field == PAGE:
        return Q(page__iexact=value)
    raise ValueError(field)
