"""The home page's overview, the districts and the photos."""

from __future__ import annotations

from django.db.models import (
    F,
    QuerySet,
)

from archive.cache.stored import stored_figure, whole_archive_key
from archive.models import (
    District,
    Photo,
)
from archive.selectors.people import author_list


def overview(*, reporters: int = 10) -> dict:
    """The home page's districts with counts and most active reporters: two aggregates over
    every byline and district link, so computed at most every few minutes, not per visit."""

    def compute() -> dict:
        return {
            "districts": list(district_list()),
            "reporters": list(author_list()[:reporters]),
        }

    return stored_figure(whole_archive_key("archive:overview"), compute, OVERVIEW_CACHE_SECONDS)


OVERVIEW_CACHE_SECONDS = 300


def district_list() -> QuerySet[District]:
    return District.objects.annotate(n_articles=F("article_count")).order_by("code")


def photo_list() -> QuerySet[Photo]:
    return (
        Photo.objects.published()
        .select_related("article", "photographer")
        .order_by(F("article__published_on").desc(nulls_last=True), "-article_id", "position")
    )
