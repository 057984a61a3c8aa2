"""Which stored public pages a write to some articles makes stale, and telling the cache so when
the write commits (``cache.versions``). docs/caching.md has the whole design.

An article's *scopes* are everything a public page may show of it: itself (its page, its rows);
the pages of its people (reporters, photographers, speakers) and districts; its day's and year's
pages; the links of the articles whose pages may link to it (the ones just before and after it
in the listing's order, and those whose "related" box may show it); and the listing of every
article. A write moves the scopes each article had before it and has after it, so a moved
date, a removed reporter or an unpublished article leaves no old page behind; one write moves
them all at once. An article that is not published, before or after, is on no public page: only
its own scope and the drafts' figures move.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet, Value

from archive.cache.versions import (
    DRAFTS,
    EVERYTHING,
    archive_changed_after_commit,
    article_scope,
    beat_scope,
    day_scope,
    links_scope,
    scopes_changed_after_commit,
    year_scope,
)
from archive.models import Article, ArticleDistrict, Byline, Photo, Quote
from archive.selectors import article_neighbour_queries, articles_near_in_related

# Past this many articles in one write the whole generation moves instead: a write this large
# touches most listings anyway, and the neighbours alone would cost two queries an article.
SCOPED_WRITE_LIMIT = 200


@dataclass(frozen=True)
class ArticleState:
    published: bool
    scopes: frozenset[str]


@contextmanager
def pages_follow(*, articles: Iterable[int | None]) -> Iterator[None]:
    """Around a write to these articles, inside its transaction: on commit, the scopes each
    had before or has after are new (``article_states``)."""
    ids = {pk for pk in articles if pk is not None}
    if len(ids) > SCOPED_WRITE_LIMIT:
        yield
        archive_changed_after_commit()
        return
    articles = Article.objects.filter(pk__in=ids)
    before = article_states(articles=articles)
    yield
    pages_changed_after_commit(before=before, after=article_states(articles=articles))


def imported_pages_changed(*, created: list[str], updated: bool) -> None:
    """After an import: the scopes of the articles it created (by source key), in one write. An
    import that replaced articles' text moves the generation: their state before is gone."""
    if not created and not updated:
        return
    if updated or len(created) > SCOPED_WRITE_LIMIT:
        archive_changed_after_commit()
        return
    articles = Article.objects.filter(source_key__in=created)
    pages_changed_after_commit(before={}, after=article_states(articles=articles))


def story_pages_changed(*, articles: Iterable[int]) -> None:
    """Copies of a story were linked: on commit, each copy's page (its 另见 lists the others)."""
    scopes_changed_after_commit({article_scope(pk) for pk in articles}, purge=False)


def pages_changed_after_commit(
    *, before: dict[int, ArticleState], after: dict[int, ArticleState]
) -> None:
    """Every scope an article had before or has after; an article that left the public site
    (unpublished, deleted) is purged: no stored copy from before is served while a page of it
    is rendered again."""
    scopes: set[str] = set()
    purge = False
    for pk in before.keys() | after.keys():
        old, new = before.get(pk), after.get(pk)
        scopes |= (old.scopes if old else frozenset()) | (new.scopes if new else frozenset())
        purge |= bool(old and old.published and not (new and new.published))
    scopes_changed_after_commit(scopes, purge=purge)


def article_states(*, articles: QuerySet[Article]) -> dict[int, ArticleState]:
    """Whether each article is published and the scopes of the pages showing it: a handful of
    queries for any number (the articles, their people and districts, their neighbours, the
    articles near them)."""
    rows = list(articles.only("id", "status", "published_on"))
    published = [article for article in rows if article.status == Article.Status.PUBLISHED]
    linked = _linked_scopes([article.pk for article in published])
    linking = _linking(published)
    states = {}
    for article in rows:
        scopes = {article_scope(article.pk), DRAFTS}
        if article in published:
            scopes |= {EVERYTHING, day_scope(article.published_on), *linked[article.pk]}
            scopes |= {links_scope(pk) for pk in linking[article.pk]}
            if article.published_on:
                scopes.add(year_scope(article.published_on.year))
        states[article.pk] = ArticleState(published=article in published, scopes=frozenset(scopes))
    return states


def _linking(articles: list[Article]) -> dict[int, set[int]]:
    """The articles whose pages link to each: its neighbours, and those whose "related" box
    may show it (``selectors.articles_near_in_related``)."""
    linking = _neighbours(articles)
    for pk, near in articles_near_in_related(articles=articles):
        linking[pk].add(near)
    return linking


def _neighbours(articles: list[Article]) -> dict[int, set[int]]:
    """The articles just before and after each in the listing (``article_neighbour_queries``,
    whose queries for one side are tried in turn): each query's first id is a column of one
    statement, so a batch costs one round trip, not two an article."""
    sides = [
        (article.pk, len(queries))
        for article in articles
        for queries in article_neighbour_queries(article=article)
    ]
    compiled = [
        query.values("id")[:1].query.sql_with_params()
        for article in articles
        for queries in article_neighbour_queries(article=article)
        for query in queries
    ]
    found: dict[int, set[int]] = defaultdict(set)
    if not compiled:
        return found
    columns = ", ".join(f"({sql})" for sql, _params in compiled)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}", [p for _sql, params in compiled for p in params])
        values = iter(cursor.fetchone())
    for pk, tried in sides:
        first = next((pk for pk in [next(values) for _ in range(tried)] if pk), None)
        if first is not None:
            found[pk].add(first)
    return found


def _linked_scopes(ids: list[int]) -> dict[int, set[str]]:
    """The scopes of each article's people and districts, in one query."""
    links = [
        Byline.objects.filter(article_id__in=ids)
        .order_by()
        .values_list("article_id", Value("author"), "author__slug"),
        Photo.objects.filter(article_id__in=ids, photographer__isnull=False)
        .order_by()
        .values_list("article_id", Value("author"), "photographer__slug"),
        Quote.objects.filter(article_id__in=ids)
        .order_by()
        .values_list("article_id", Value("speaker"), "speaker__slug"),
        ArticleDistrict.objects.filter(article_id__in=ids)
        .order_by()
        .values_list("article_id", Value("district"), "district__slug"),
    ]
    linked: dict[int, set[str]] = defaultdict(set)
    if not ids:
        return linked
    for article_id, kind, slug in links[0].union(*links[1:], all=True):
        linked[article_id].add(beat_scope(kind, slug))
    return linked
