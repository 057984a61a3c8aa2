"""Reads: every query the public pages make, in one place, each page in a fixed number of them."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from archive.models import (
    Article,
    ArticleDistrict,
    Author,
    Byline,
    District,
    Photo,
    Quote,
    Role,
    Speaker,
)

FACET_SIZE = 8
FACET_MORE = 40
FACET_SAMPLE = 5000
RELATED_SIZE = 5


def article_list(*, published_only: bool = True) -> QuerySet[Article]:
    """Articles for a listing, with what a listing row shows, in a constant number of queries."""
    articles = Article.objects.published() if published_only else Article.objects.all()
    return (
        # The source page and the search tokens are never needed for display.
        articles.defer("raw_text", "search_vector")
        .select_related("publication")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            Prefetch("district_links", queryset=ArticleDistrict.objects.select_related("district")),
        )
        .annotate(has_photo=Exists(Photo.objects.filter(article=OuterRef("pk"))))
        .order_by(F("published_on").desc(nulls_last=True), "-id")
    )


def article_get(*, pk: int) -> Article:
    """One published article with everything its page shows, or 404."""
    articles = article_list().prefetch_related(
        Prefetch("photos", queryset=Photo.objects.select_related("photographer")),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
    )
    return get_object_or_404(articles, pk=pk)


def article_years() -> list[int]:
    """The years that have articles, newest first, without reading every row: on PostgreSQL one
    index probe per year (a loose index scan); cached for ten minutes."""
    return cache.get_or_set("archive:article-years", _article_years, YEARS_CACHE_SECONDS)


def _article_years() -> list[int]:
    if connection.vendor != "postgresql":
        dates = Article.objects.filter(published_on__isnull=False).dates("published_on", "year")
        return sorted((d.year for d in dates), reverse=True)
    with connection.cursor() as cursor:
        cursor.execute(YEARS_SQL)
        return sorted((int(row[0]) for row in cursor.fetchall()), reverse=True)


YEARS_SQL = """
WITH RECURSIVE years AS (
    SELECT min(published_on) AS day FROM archive_article
    UNION ALL
    SELECT (SELECT min(published_on) FROM archive_article
            WHERE published_on >= (date_trunc('year', years.day) + interval '1 year')::date)
    FROM years WHERE years.day IS NOT NULL
)
SELECT extract(year FROM day) FROM years WHERE day IS NOT NULL
"""
YEARS_CACHE_SECONDS = 600


def article_for_index() -> QuerySet[Article]:
    """Articles with everything their search tokens are made of, for ``search.article_index``."""
    return Article.objects.defer("raw_text", "search_vector").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        Prefetch("district_links", queryset=ArticleDistrict.objects.select_related("district")),
        "photos",
    )


def article_related(*, article: Article) -> list[Article]:
    """Published articles sharing the most people and districts with this one."""
    authors = [byline.author_id for byline in article.bylines.all()]
    districts = [link.district_id for link in article.district_links.all()]
    if not authors and not districts:
        return []
    shared = Count("bylines", filter=Q(bylines__author__in=authors), distinct=True) + Count(
        "district_links", filter=Q(district_links__district__in=districts), distinct=True
    )
    return list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(Q(bylines__author__in=authors) | Q(district_links__district__in=districts))
        .annotate(shared=shared)
        .order_by("-shared", F("published_on").desc(nulls_last=True), "-id")
        .only("id", "title", "published_on")[:RELATED_SIZE]
    )


def article_neighbours(*, article: Article) -> tuple[Article | None, Article | None]:
    """The previous (older) and next (newer) published articles in date order."""
    published = Article.objects.published().only("id", "title", "published_on")
    if article.published_on is None:
        older = published.filter(published_on__isnull=True, id__lt=article.id).order_by("-id")
        newer = published.filter(
            Q(published_on__isnull=False) | Q(published_on__isnull=True, id__gt=article.id)
        ).order_by(F("published_on").asc(nulls_first=True), "id")
    else:
        day = article.published_on
        older = published.filter(
            Q(published_on__lt=day) | Q(published_on=day, id__lt=article.id)
        ).order_by("-published_on", "-id")
        newer = published.filter(
            Q(published_on__gt=day) | Q(published_on=day, id__gt=article.id)
        ).order_by("published_on", "id")
    return older.first(), newer.first()


@dataclass(frozen=True)
class Facet:
    slug: str
    label: str
    count: int


def _facet(rows, slug: str, label: str) -> list[Facet]:
    return [Facet(row[slug], row[label], row["n"]) for row in rows]


def article_facets(articles: QuerySet[Article], *, sample: bool = False) -> dict[str, list[Facet]]:
    """Counts of the current result set by district, reporter, speaker and publication.

    With ``sample``, only the newest FACET_SAMPLE results are counted, so a result of half a
    million articles does not aggregate half a million rows for every page view.
    """
    ids = articles.order_by().values("pk")
    if sample:
        newest = articles.order_by(F("published_on").desc(nulls_last=True), "-id")
        ids = newest.values("pk")[:FACET_SAMPLE]
    districts = (
        ArticleDistrict.objects.filter(article__in=ids)
        .values("district__slug", "district__name")
        .annotate(n=Count("article_id"))
        .order_by("-n", "district__code")[:FACET_MORE]
    )
    reporters = (
        Byline.objects.filter(article__in=ids)
        .values("author__slug", "author__name")
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", "author__name")[:FACET_MORE]
    )
    speakers = (
        Quote.objects.filter(article__in=ids)
        .values("speaker__slug", "speaker__name")
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", "speaker__name")[:FACET_MORE]
    )
    publications = (
        Article.objects.filter(pk__in=ids, publication__isnull=False)
        .values("publication__slug", "publication__name")
        .annotate(n=Count("id"))
        .order_by("-n")[:FACET_MORE]
    )
    return {
        "district": _facet(districts, "district__slug", "district__name"),
        "reporter": _facet(reporters, "author__slug", "author__name"),
        "speaker": _facet(speakers, "speaker__slug", "speaker__name"),
        "publication": _facet(publications, "publication__slug", "publication__name"),
    }


def _published_article(prefix: str = "article") -> Q:
    return Q(**{f"{prefix}__status": Article.Status.PUBLISHED})


def author_list() -> QuerySet[Author]:
    """Everyone with a published byline or photo credit, with counts by role."""
    published = _published_article("bylines__article")
    counts = {
        f"n_{role.value}": Count("bylines", filter=published & Q(bylines__role=role), distinct=True)
        for role in Role
    }
    has_work = Exists(
        Byline.objects.filter(author=OuterRef("pk"), article__status=Article.Status.PUBLISHED)
    ) | Exists(
        Photo.objects.filter(photographer=OuterRef("pk"), article__status=Article.Status.PUBLISHED)
    )
    return (
        Author.objects.filter(has_work)
        .annotate(
            n_articles=Count("bylines__article", filter=published, distinct=True),
            n_photos=Count("photos", filter=_published_article("photos__article"), distinct=True),
            **counts,
        )
        .order_by("-n_articles", "name")
    )


def person_articles(*, person: Author | Speaker) -> QuerySet[Article]:
    if isinstance(person, Author):
        return article_list().filter(
            Exists(Byline.objects.filter(article=OuterRef("pk"), author=person))
            | Exists(Photo.objects.filter(article=OuterRef("pk"), photographer=person))
        )
    return article_list().filter(
        Exists(Quote.objects.filter(article=OuterRef("pk"), speaker=person))
    )


def articles_per_year(articles: QuerySet[Article]) -> list[tuple[int, int]]:
    rows = (
        articles.order_by()
        .filter(published_on__isnull=False)
        .annotate(year=ExtractYear("published_on"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    return [(row["year"], row["n"]) for row in rows]


def speaker_list() -> QuerySet[Speaker]:
    published = _published_article("quotes__article")
    return (
        Speaker.objects.filter(quotes__article__status=Article.Status.PUBLISHED)
        .annotate(
            n_quotes=Count("quotes", filter=published, distinct=True),
            n_articles=Count("quotes__article", filter=published, distinct=True),
        )
        .order_by("-n_articles", "name")
        .distinct()
    )


def speaker_quotes(*, speaker: Speaker) -> QuerySet[Quote]:
    return (
        Quote.objects.filter(speaker=speaker, article__status=Article.Status.PUBLISHED)
        .select_related("article", "article__publication")
        .order_by(F("article__published_on").desc(nulls_last=True), "article_id", "position")
    )


def overview(*, reporters: int = 10) -> dict:
    """The home page's districts with counts and most active reporters: two aggregates over
    every byline and district link, so computed at most every few minutes, not per visit."""

    def compute() -> dict:
        return {
            "districts": list(district_list()),
            "reporters": list(author_list()[:reporters]),
        }

    return cache.get_or_set("archive:overview", compute, OVERVIEW_CACHE_SECONDS)


OVERVIEW_CACHE_SECONDS = 300
CACHED_FIGURES = ["archive:overview", "archive:article-years"]


def cached_figures_forget() -> None:
    """After a write that changes what the cached figures count. With REDIS_URL the cache is
    shared, so every web worker recomputes them; with the local-memory cache only this process
    does, and the others catch up within their timeouts."""
    cache.delete_many(CACHED_FIGURES)


def district_list() -> QuerySet[District]:
    return District.objects.annotate(
        n_articles=Count("article_links", filter=_published_article("article_links__article"))
    ).order_by("code")


def photo_list() -> QuerySet[Photo]:
    return (
        Photo.objects.filter(article__status=Article.Status.PUBLISHED)
        .select_related("article", "photographer")
        .order_by(F("article__published_on").desc(nulls_last=True), "-article_id", "position")
    )
