"""One article and the articles around it: its page, its copies, its neighbours ("older",
"newer"), the "related" box, the years of the archive and an article's parts' history."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from archive.cache.stored import stored_figure, whole_archive_key
from archive.cache.versions import DRAFTS, EVERYTHING
from archive.db import ProbedExists
from archive.models import (
    Article,
    ArticleCopy,
    ArticleDistrict,
    Byline,
    Photo,
    Quote,
)

RELATED_SIZE = 5


def article_list(*, published_only: bool = True) -> QuerySet[Article]:
    """Articles for a listing, with what a listing row shows, in a constant number of queries."""
    articles = Article.objects.published() if published_only else Article.objects.all()
    return (
        # The source page and the search tokens are never needed for display.
        articles.defer("raw_text", "search_vector", "search_chars")
        .select_related("publication")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            Prefetch("district_links", queryset=ArticleDistrict.objects.select_related("district")),
        )
        # Asked only of the rows a page shows (hashed, it read every photo for each page).
        .annotate(has_photo=ProbedExists(Photo.objects.filter(article=OuterRef("pk"))))
        .order_by(F("published_on").desc(nulls_last=True), "-id")
    )


def article_get(*, pk: int) -> Article:
    """One published article with everything its page shows, or 404."""
    articles = (
        article_list()
        .select_related("copy_link")
        .prefetch_related(
            Prefetch("photos", queryset=Photo.objects.select_related("photographer")),
            Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        )
    )
    return get_object_or_404(articles, pk=pk)


COPIES_SHOWN = 50  # a story reprinted more often lists its first fifty copies


def article_copies(*, article: Article, published_only: bool = True) -> list[Article]:
    """The other copies of the same story (另见; the public's are published): the first the
    archive holds and every article linked to it, oldest first; one query (``article_get``
    selects the link)."""
    return list(story_copies(article=article, published_only=published_only)[:COPIES_SHOWN])


def story_copies(*, article: Article, published_only: bool = True) -> QuerySet[Article]:
    """``article_copies`` unsliced: the links to the first copy and those articles read by
    index (joining the links with an OR walked every article: 150 ms at 150,000)."""
    first = article.copy_of_id or article.pk
    articles = Article.objects.published() if published_only else Article.objects.all()
    linked = ArticleCopy.objects.filter(original_id=first).order_by().values("article_id")
    itself = Article.objects.filter(pk=first).order_by().values("id")
    return (
        articles.filter(pk__in=linked.union(itself))
        .exclude(pk=article.pk)
        .select_related("publication")
        .only("id", "title", "body", "published_on", "publication__name", "source_kind")
        .order_by(F("published_on").asc(nulls_last=True), "id")
    )


def article_years() -> list[int]:
    """The years that have articles, newest first, without reading every row: on PostgreSQL one
    index probe per year (a loose index scan); cached for ten minutes."""
    return stored_figure(
        whole_archive_key("archive:article-years", EVERYTHING, DRAFTS),
        _article_years,
        YEARS_CACHE_SECONDS,
    )


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
    return Article.objects.defer("raw_text", "search_vector", "search_chars").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
        Prefetch("district_links", queryset=ArticleDistrict.objects.select_related("district")),
        "photos",
    )


def article_related(*, article: Article) -> list[Article]:
    """Published articles sharing the most people and districts with this one, newest first
    among equals. Two queries at any size: each of its people's and districts' articles
    nearest to it in the archive (``RELATED_WINDOW`` before and after it by id, an index
    range of the link table alone), then the likeliest candidates' rows. An article sharing
    as much with it but far from it in the archive is left out: the page shows five."""
    authors = sorted({byline.author_id for byline in article.bylines.all()})
    districts = sorted({link.district_id for link in article.district_links.all()})
    if not authors and not districts:
        return []
    members = [(Byline, "author", pk) for pk in authors[:RELATED_MEMBERS]] + [
        (ArticleDistrict, "district", pk) for pk in districts[:RELATED_MEMBERS]
    ]
    shared: Counter = Counter(pk for _of, pk in _nearest_links([(members, article.pk)]))
    likeliest = sorted(shared, key=lambda pk: (-shared[pk], abs(pk - article.pk)))
    rows = Article.objects.published().only("id", "title", "published_on")
    found = rows.filter(pk__in=likeliest[:RELATED_CANDIDATES])
    chosen = sorted(
        found,
        key=lambda a: (-shared[a.pk], a.published_on is None, _newest(a.published_on), -a.pk),
    )
    return chosen[:RELATED_SIZE]


RELATED_WINDOW = 100  # articles looked at per person or district, on each side of the article
RELATED_MEMBERS = 8  # people and districts looked at per kind
RELATED_CANDIDATES = 50  # the most shared (then nearest) read, for the newest five among them


def _newest(day: datetime.date | None) -> int:
    return -day.toordinal() if day else 0


def articles_near_in_related(*, articles: list[Article]) -> list[tuple[int, int]]:
    """For each article, the articles whose "related" box may show it: those within
    ``RELATED_WINDOW`` of it among the articles of each of its people and districts (the
    window is symmetric, so it is in theirs). Pairs (article, near it), a statement for every
    ``LINK_WINDOWS_PER_STATEMENT`` windows."""
    authors, districts = defaultdict(set), defaultdict(set)
    ids = [article.pk for article in articles]
    for article_id, author in Byline.objects.filter(article_id__in=ids).values_list(
        "article_id", "author_id"
    ):
        authors[article_id].add(author)
    for article_id, district in ArticleDistrict.objects.filter(article_id__in=ids).values_list(
        "article_id", "district_id"
    ):
        districts[article_id].add(district)
    windows = [
        (
            [(Byline, "author", pk) for pk in sorted(authors[article.pk])]
            + [(ArticleDistrict, "district", pk) for pk in sorted(districts[article.pk])],
            article.pk,
        )
        for article in articles
    ]
    return _nearest_links(windows)


LINK_WINDOWS_PER_STATEMENT = 200  # SQLite joins at most 500 SELECTs in one statement


def _nearest_links(windows: list[tuple[list[tuple[type, str, int]], int]]) -> list[tuple]:
    """For each window (members, article ``pk``): the ids of each member's (a link model, its
    member field, the member's id) ``RELATED_WINDOW`` articles before and after ``pk``, as
    pairs (``pk``, id), in one statement of index range reads for up to
    ``LINK_WINDOWS_PER_STATEMENT`` of them. Written as SQL: compiling a queryset per window
    cost more than the reads."""
    parts, params = [], []
    for members, pk in windows:
        for model, field, member in members:
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(model._meta.get_field(field).column)
            article = connection.ops.quote_name(model._meta.get_field("article").column)
            for side, order in (("<", "DESC"), (">", "ASC")):
                parts.append(
                    f"SELECT %s, w{len(parts)}.* FROM (SELECT DISTINCT {article} FROM {table}"
                    f" WHERE {column} = %s AND {article} {side} %s"
                    f" ORDER BY {article} {order} LIMIT %s) AS w{len(parts)}"
                )
                params += [pk, member, pk, RELATED_WINDOW]
    found = []
    step = LINK_WINDOWS_PER_STATEMENT
    with connection.cursor() as cursor:
        for start in range(0, len(parts), step):
            cursor.execute(
                " UNION ALL ".join(parts[start : start + step]),
                params[start * 4 : (start + step) * 4],
            )
            found += cursor.fetchall()
    return found


@dataclass(frozen=True)
class PartChange:
    """One history row of an article's byline, photo or quote, for the article's history."""

    kind: str
    record: object  # the historical row: date, type, user, reason
    summary: str


PART_HISTORY_LIMIT = 200


def article_part_history(*, article: Article) -> list[PartChange]:
    """What happened to the article's bylines, photos and quotes, newest first: edits made in
    the article's form or on their own pages, each with who and why. Three queries."""
    parts = [
        (Byline, _("署名"), "author", lambda r: f"{r.get_role_display()} {r.author}"),
        (Photo, _("图片"), "photographer", lambda r: r.caption[:40] or r.credit),
        (Quote, _("引语"), "speaker", lambda r: f"{r.speaker}：{r.text[:30]}"),
    ]
    changes = [
        PartChange(kind, record, summary(record))
        for model, kind, person, summary in parts
        for record in model.history.filter(article_id=article.pk)
        .select_related(person, "history_user")
        .order_by("-history_date")[:PART_HISTORY_LIMIT]
    ]
    changes.sort(key=lambda change: change.record.history_date, reverse=True)
    return changes[:PART_HISTORY_LIMIT]


def article_neighbours(*, article: Article) -> tuple[Article | None, Article | None]:
    """The previous (older) and next (newer) published articles in the listing's order."""
    older, newer = article_neighbour_queries(article=article)
    return _first_of(older), _first_of(newer)


def _first_of(queries: list[QuerySet]) -> Article | None:
    for queryset in queries:
        found = queryset.first()
        if found is not None:
            return found
    return None


def article_neighbour_queries(*, article: Article) -> tuple[list[QuerySet], list[QuerySet]]:
    """The queries, tried in turn, for the rows below and above ``article`` in the listing
    (newest first, undated last).

    Each reads the (status, date, id) index in order from the article's position: a row
    comparison on (published_on, id) — not ``date < d OR (date = d AND id < n)``, which no
    index can answer — so it is one index step at any size."""
    published = Article.objects.published().only("id", "title", "published_on")
    down, up = ("-published_on", "-id"), ("published_on", "id")
    if article.published_on is None:
        undated = published.filter(published_on__isnull=True)
        older = undated.filter(id__lt=article.id).order_by(*down)
        newer_undated = undated.filter(id__gt=article.id).order_by(*up)
        return [older], [newer_undated, published.filter(published_on__isnull=False).order_by(*up)]
    position = (article.published_on, article.id)
    older = published.filter(_row_compared("<", position)).order_by(*down)
    newer = published.filter(_row_compared(">", position)).order_by(*up)
    return [older], [newer]


def _row_compared(operator: str, position: tuple) -> RawSQL:
    # SQLite (3.15+) and PostgreSQL both compare row values; NULL dates never compare true.
    return RawSQL(
        f'("archive_article"."published_on", "archive_article"."id") {operator} (%s, %s)',
        position,
        output_field=BooleanField(),
    )


def articles_by_source_key(*, source_keys: list[str]) -> dict[str, Article]:
    """The articles already imported from these places in these texts, for the upload preview."""
    rows = Article.objects.filter(source_key__in=source_keys).only(
        "id", "title", "source_key", "created_at", "updated_at"
    )
    return {article.source_key: article for article in rows}
