"""The article listing and what narrows it: the rows of a page, its narrowing notice, the CSV
export, the cited articles, and what a listing lists before its filters (``listing_source``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import (
    QuerySet,
)
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from archive.cache.figures import figures_key
from archive.models import (
    Article,
    District,
)
from archive.search import RELEVANCE_CANDIDATES, SNIPPET_LENGTH, highlight
from archive.selectors.articles import article_list
from archive.selectors.coverage import listing_coverage
from archive.selectors.facets import FACET_SAMPLE, Facet, article_facets
from archive.selectors.filters import (
    DATE_FILTERS,
    SORTS,
    ArticleFilter,
    UndatedLeftOut,
    filter_messages,
)
from archive.selectors.pagination import RankedRows, page_of
from archive.selectors.people import authors_with_work, person_articles, speakers_with_quotes

# Pages past this one come without rows and ask the reader to narrow the listing: OFFSET reads
# every row it skips, so page 2,000 of a million articles cost what 2,000 first pages do.
DEEPEST_PAGE = 50
PAGE_SIZE = 20


@dataclass
class ArticleListing:
    """What a listing page shows, under the names its templates use."""

    filter: ArticleFilter
    filter_messages: list[str]  # one per invalid value, which is ignored
    page_obj: Page
    narrow: Narrowing | None  # past the deepest page: the ways to a shallower one
    counted: QuerySet[Article]  # every match, unranked, as quickest to count (the chart's)
    facets: dict[str, list[Facet]]
    facets_behind_since: datetime.datetime | None  # counted then; a change since is not in them
    relevance_cap: int | None  # a search by relevance ranks only this many newest matches
    undated_left_out: UndatedLeftOut | None
    facet_sample: int = FACET_SAMPLE  # the facets count this many newest matches at most

    def context(self) -> dict:
        return dict(vars(self))

    @property
    def size(self) -> int | None:
        """How many articles match, where the page counted them all exactly (not an estimate,
        not a relevance search's capped count); else None."""
        paginator = self.page_obj.paginator
        capped = self.relevance_cap is not None and paginator.count >= self.relevance_cap
        return None if paginator.estimated or capped else paginator.count


def article_listing(
    *,
    params: QueryDict,
    scope: QuerySet[Article] | None = None,
    counting: QuerySet[Article] | None = None,
    per_page: int = PAGE_SIZE,
) -> ArticleListing:
    """The filtered listing of ``scope`` (every published article unless given; ``counting``,
    the same articles in a form quicker to count): one page, facets of the newest results
    and, for a search, titles and snippets with the words marked. The reader's query is
    parsed once. A page out of range is a 404."""
    filterset = ArticleFilter(params, queryset=article_list() if scope is None else scope)
    messages = filter_messages(filterset)
    articles = filterset.qs
    counted = filterset.unranked(over=counting)
    ranked = None
    if "rank" in articles.query.annotations:  # by relevance: the newest matches, ranked once
        ranked = RankedRows(articles, filterset.queryset, figures_key("ranked", articles))
        page = page_of(ranked, params.get("page"), per_page, deepest=DEEPEST_PAGE)
    else:
        page = page_of(
            articles,
            params.get("page"),
            per_page,
            cache_key=figures_key("count", articles),
            deepest=DEEPEST_PAGE,
            counting=counted if counting is not None and filterset.query is None else None,
        )
    query = filterset.query
    if query is not None:
        marked = query.highlight_words()
        if not query.clauses:  # fielded terms (作者: 区: …) mark nothing but do search
            messages.append(_("搜索词中没有可检索的字词，请换个说法。"))
        for article in page:  # snippets only for the rows shown
            article.headline = highlight(article.title, marked)
            article.snippet = highlight(article.body, marked, length=SNIPPET_LENGTH)
    facets = article_facets(
        articles,
        count=page.paginator.count,
        rows_of=counted if counting is not None and query is None else None,
        ids=ranked.ids if ranked is not None else None,
    )
    return ArticleListing(
        filter=filterset,
        filter_messages=messages,
        page_obj=page,
        narrow=listing_narrowing(filterset, page, counted) if page.too_deep else None,
        counted=counted,
        # Facets of a large result come from its newest rows, as the page says.
        facets=facets.value,
        facets_behind_since=facets.behind_since,
        relevance_cap=RELEVANCE_CANDIDATES if query is not None else None,
        undated_left_out=filterset.undated_left_out(),
    )


@dataclass(frozen=True)
class Narrowing:
    """What a page past the deepest offers instead of rows: the listing year by year (the
    years it has articles in, newest first, each as a query string) and, when the page is
    shallow counted from the other end, that page in the opposite order."""

    deepest: int
    years: list[tuple[int, str]]
    reversed_page: str | None


def listing_narrowing(filterset: ArticleFilter, page: Page, counted: QuerySet) -> Narrowing:
    params = filterset.data.copy()
    for name in ("page", *DATE_FILTERS):
        params.pop(name, None)
    series = listing_coverage(counted, interval="year")
    years = []
    for period, n in reversed(series.rows):
        if n:
            span = params.copy()
            span["date_from"], span["date_to"] = f"{period.year}-01-01", f"{period.year}-12-31"
            years.append((period.year, span.urlencode()))
    reversed_page = None
    mirrored = page.paginator.num_pages - page.number + 1
    sort = filterset.form.cleaned_data.get("sort") or "newest"
    if sort in SORTS and mirrored <= DEEPEST_PAGE:
        other = filterset.data.copy()
        other["page"] = str(mirrored)
        other["sort"] = "oldest" if sort == "newest" else "newest"
        reversed_page = other.urlencode()
    return Narrowing(DEEPEST_PAGE, years, reversed_page)


def article_export(
    *, params: QueryDict, limit: int, scope: QuerySet[Article] | None = None
) -> QuerySet[Article]:
    """The listing's results (of ``scope``, every published article unless given) for a
    download, at most ``limit`` of them."""
    articles = ArticleFilter(params, queryset=article_list() if scope is None else scope).qs
    return articles.select_related("copy_link")[:limit]  # each row's copy_of


def articles_cited(
    *, params: QueryDict, ids: list[int], limit: int, scope: QuerySet[Article] | None = None
) -> list[Article]:
    """The published articles to cite: these ids (in the listing's order), or, without any,
    the listing's first ``limit`` with its filters; with what a citation names."""
    articles = article_list() if scope is None else scope
    if ids:
        return list(articles.filter(pk__in=ids)[:limit])
    return list(ArticleFilter(params, queryset=articles).qs[:limit])


@dataclass(frozen=True)
class ListingSource:
    """What a listing lists before its filters: all articles, or one person's or place's; the
    page, its CSV, its feed and the API read the same one."""

    title: str
    articles: QuerySet[Article]
    url: str  # the HTML page of this listing
    counting: QuerySet[Article] | None = None  # the same articles, quicker to count


def listing_source(*, kind: str, slug: str = "") -> ListingSource:
    """The listing of ``kind`` (articles, undated, author, speaker, district) for ``slug``, or
    a 404 for an unknown slug."""
    if kind == "author":
        person = get_object_or_404(authors_with_work(), slug=slug)
        articles, url = person_articles(person=person), person.get_absolute_url()
        return ListingSource(
            person.name, articles, url, person_articles(person=person, counting=True)
        )
    if kind == "speaker":
        person = get_object_or_404(speakers_with_quotes(), slug=slug)
        return ListingSource(person.name, person_articles(person=person), person.get_absolute_url())
    if kind == "district":
        district = get_object_or_404(District, slug=slug)
        articles = article_list().filter(district_links__district=district)
        return ListingSource(district.name, articles, district.get_absolute_url())
    if kind == "undated":
        articles = article_list().filter(published_on__isnull=True)
        return ListingSource(_("没有日期的文章"), articles, reverse("archive:date_undated"))
    return ListingSource("", article_list(), reverse("archive:article_list"))
