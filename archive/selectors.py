"""Reads: every query the public pages make, in one place, each page in a fixed number of them."""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from archive.cache.stored import kept, whole_archive_key
from archive.cache.versions import DRAFTS, EVERYTHING
from archive.figures import Counted, figures_key, lagging
from archive.filters import DATE_FILTERS, SORTS, ArticleFilter, UndatedLeftOut, filter_messages
from archive.models import (
    Article,
    ArticleCopy,
    ArticleDistrict,
    Author,
    Byline,
    District,
    Photo,
    Quote,
    Role,
    Speaker,
)
from archive.pagination import ESTIMATE_ABOVE, RankedRows, estimated_count, page_of
from archive.search import RELEVANCE_CANDIDATES, SNIPPET_LENGTH, highlight

FACET_SIZE = 8
FACET_MORE = 40
FACET_SAMPLE = 1000
# Pages past this one come without rows and ask the reader to narrow the listing: OFFSET reads
# every row it skips, so page 2,000 of a million articles cost what 2,000 first pages do.
DEEPEST_PAGE = 50
RELATED_SIZE = 5
PAGE_SIZE = 20


class ProbedExists(Exists):
    """EXISTS asked of each row through the index. OFFSET 0 is PostgreSQL's long-standing fence:
    a subquery with an OFFSET is never turned into one hashed list of every matching row, which
    the planner picks whatever the LIMIT when it expects many rows to ask about."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


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
    return kept(
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


@dataclass(frozen=True)
class Facet:
    slug: str
    label: str
    count: int


def article_facets(
    articles: QuerySet[Article],
    *,
    count: int | None = None,
    rows_of: QuerySet[Article] | None = None,
    ids: list[int] | None = None,
) -> Counted[dict[str, list[Facet]]]:
    """Counts of the current result set (``count`` rows, if known) by district, reporter,
    speaker and publication, over its newest FACET_SAMPLE articles (all of them if fewer), so
    a result of half a million does not aggregate half a million rows. Two queries (one when
    the caller holds the result's ``ids``: a ranked search), kept as ``figures.lagging`` says
    (across the whole archive counted again at most every minute or so). ``rows_of``: the
    same articles read from a person's own rows (``person_articles(counting=True)``), for a
    result too small to find its newest by walking the date index (FACETS_WALK_ABOVE)."""
    if rows_of is None or count is None or count > FACETS_WALK_ABOVE:
        rows_of = articles
    key = figures_key("facets", articles, lagging=True)
    return lagging(key, lambda: _article_facets(rows_of, count=count, ids=ids))


# The newest FACET_SAMPLE of a person's articles: walking the date index asks about
# FACET_SAMPLE × (archive / theirs) articles (775,000 for someone with 1,300 of a million:
# 0.4–0.8 s); reading their own rows and sorting them costs what they have. Past this many,
# the walk is the shorter (at a million articles, 20,000 of theirs: a 50,000-row walk).
FACETS_WALK_ABOVE = 20_000


FACET_KINDS = {
    # kind: (rows, slug, label, tie-break, counted, distinct)
    "district": (
        ArticleDistrict,
        "district__slug",
        "district__name",
        "district__code",
        "article_id",
        False,
    ),
    "reporter": (Byline, "author__slug", "author__name", "author__name", "article_id", True),
    "speaker": (Quote, "speaker__slug", "speaker__name", "speaker__name", "article_id", True),
    "publication": (
        Article,
        "publication__slug",
        "publication__name",
        "publication__name",
        "id",
        False,
    ),
}


def _article_facets(
    articles: QuerySet[Article], *, count: int | None, ids: list[int] | None = None
) -> dict[str, list[Facet]]:
    if ids is None or len(ids) > FACET_SAMPLE:
        ids = facet_ids(articles, count=count)
    facets: dict[str, list[Facet]] = {kind: [] for kind in FACET_KINDS}
    if not ids:
        return facets
    found = sorted(facet_rows(ids), key=lambda r: (-r["n"], r["order_"]))
    for row in found:
        if len(facets[row["kind_"]]) < FACET_MORE:
            facets[row["kind_"]].append(Facet(row["slug_"], row["label_"], row["n"]))
    return facets


def facet_ids(articles: QuerySet[Article], *, count: int | None) -> list[int]:
    """The articles the facets count: all of the result (``count`` articles) if there are at
    most FACET_SAMPLE, else its newest FACET_SAMPLE. Read once, as values: as a subquery of
    each kind's branch PostgreSQL ran the search once a branch (a common word's facets took
    160-220 ms at 150,000 articles, 80-115 ms read once), or joined it to the table and walked
    every article in a merge join (0.3-1.9 s where most articles had no paper), or hashed it
    against every byline."""
    if count is not None and count <= FACET_SAMPLE:
        return list(articles.order_by().values_list("pk", flat=True)[:FACET_SAMPLE])
    newest = articles.order_by(F("published_on").desc(nulls_last=True), "-id")
    return list(newest.values_list("pk", flat=True)[:FACET_SAMPLE])


def facet_rows(ids: list[int]) -> QuerySet:
    """The counts of each facet kind among the articles ``ids``, one query: a branch a kind,
    each reading its rows through the article id index."""
    parts = []
    for kind, (model, slug, label, order, counted, distinct) in FACET_KINDS.items():
        among = {"pk__in" if model is Article else "article_id__in": ids}
        rows = model.objects.filter(**among, **{f"{slug}__isnull": False}).order_by()
        parts.append(
            rows.values(
                kind_=Value(kind), slug_=F(slug), label_=F(label), order_=F(order)
            ).annotate(n=Count(counted, distinct=distinct))
        )
    return parts[0].union(*parts[1:], all=True)


def authors_with_work() -> QuerySet[Author]:
    """Everyone with a published byline or photo credit, by their stored counts."""
    return Author.objects.filter(Q(article_count__gt=0) | Q(photo_count__gt=0))


def speakers_with_quotes() -> QuerySet[Speaker]:
    """Everyone quoted in a published article, by their stored counts."""
    return Speaker.objects.filter(quote_count__gt=0)


def author_list() -> QuerySet[Author]:
    """Everyone with a published byline or photo credit, most articles first. The counts are
    stored columns (``services.counts``): counting every byline per request took 237 ms for
    /authors/ at 10,000 articles and grows with the archive."""
    return (
        authors_with_work()
        .annotate(n_articles=F("article_count"), n_photos=F("photo_count"))
        .order_by("-article_count", "name")
    )


def author_role_counts(authors: list[Author]) -> None:
    """``n_<role>`` on each author shown: published articles per byline role, as stored."""
    for author in authors:
        for role in Role:
            setattr(author, f"n_{role.value}", author.role_counts.get(role.value, 0))


# An author with more articles than this is listed by walking the date index, asking of each
# article whether it is theirs; one with fewer, from their bylines and photos (see below).
WALK_ABOVE = 1000
# Past this, PostgreSQL would first hash every byline and photo of theirs to ask each article
# (80 ms for 170,784 bylines at a million articles), where probing each article's own rows
# finds a page's twenty in a few hundred probes. Below it the hash is the cheaper way.
PROBE_ABOVE = 10_000


def person_articles(*, person: Author | Speaker, counting: bool = False) -> QuerySet[Article]:
    """A person's published articles; with ``counting``, in the form quickest to count all of
    them (a chart, a total), which for a prolific author is not the quickest to page."""
    if isinstance(person, Author):
        bylines = Byline.objects.filter(author=person).order_by().values("article_id")
        photos = Photo.objects.filter(photographer=person).order_by().values("article_id")
        # "A byline or a photo" is an OR PostgreSQL cannot turn into a join, so it would ask
        # every article (0.5 s at 50,000 for someone with ten); read from the person's rows,
        # a prolific one's page sorts thousands (0.1 s). The stored count picks the way.
        if counting or person.article_count + person.photo_count <= WALK_ABOVE:
            return article_list().filter(pk__in=bylines.union(photos, all=True))
        exists = ProbedExists if person.article_count + person.photo_count > PROBE_ABOVE else Exists
        return article_list().filter(
            exists(bylines.filter(article=OuterRef("pk")))
            | exists(photos.filter(article=OuterRef("pk")))
        )
    return article_list().filter(
        Exists(Quote.objects.filter(article=OuterRef("pk"), speaker=person))
    )


SPEAKER_SORTS = {
    "articles": ["-article_count", "-quote_count", "name"],
    "quotes": ["-quote_count", "-article_count", "name"],
    "recent": [F("last_quoted_on").desc(nulls_last=True), "-article_count", "name"],
    "name": ["name"],
}


def speaker_list(*, sort: str = "articles") -> QuerySet[Speaker]:
    """Everyone quoted in a published article, with counts and what their latest quote printed:
    the words and date, and the latest title printed beside any of their quotes; all stored
    (``services.counts``), so a page reads 60 rows, not every quote."""
    return (
        speakers_with_quotes()
        .annotate(
            n_quotes=F("quote_count"),
            n_articles=F("article_count"),
            last_date=F("last_quoted_on"),
        )
        .order_by(*SPEAKER_SORTS[sort])
    )


def speaker_quotes(*, speaker: Speaker) -> QuerySet[Quote]:
    return (
        Quote.objects.published()
        .filter(speaker=speaker)
        .select_related("article", "article__publication")
        .order_by(F("article__published_on").desc(nulls_last=True), "article_id", "position")
    )


def articles_by_source_key(*, source_keys: list[str]) -> dict[str, Article]:
    """The articles already imported from these places in these texts, for the upload preview."""
    rows = Article.objects.filter(source_key__in=source_keys).only(
        "id", "title", "source_key", "created_at", "updated_at"
    )
    return {article.source_key: article for article in rows}


@dataclass(frozen=True)
class MergeCandidate:
    """What an editor needs to choose which of several people to keep."""

    person: Author | Speaker
    n_articles: int
    roles: list[tuple[str, int]]  # role or printed title, and how often
    first: datetime.date | None
    last: datetime.date | None
    titles: list[str]  # the latest articles' titles
    aliases: list[str]


MERGE_SAMPLE = 3


def person_merge_candidates(*, people: list[Author] | list[Speaker]) -> list[MergeCandidate]:
    """Each person with their articles (drafts too: editors merge them as well), roles or the
    titles printed beside their quotes, first and last dates, latest titles and aliases."""
    return [_merge_candidate(person) for person in people]


def _merge_candidate(person: Author | Speaker) -> MergeCandidate:
    if isinstance(person, Author):
        articles = Article.objects.filter(
            Exists(Byline.objects.filter(article=OuterRef("pk"), author=person))
            | Exists(Photo.objects.filter(article=OuterRef("pk"), photographer=person))
        )
        labels = dict(Role.choices)
        roles = [
            (labels.get(row["role"], row["role"]), row["n"])
            for row in person.bylines.values("role").annotate(n=Count("id")).order_by("-n")
        ]
        photos = person.photos.count()
        roles += [(_("图片"), photos)] if photos else []
    else:
        articles = Article.objects.filter(
            Exists(Quote.objects.filter(article=OuterRef("pk"), speaker=person))
        )
        printed = person.quotes.exclude(title="").values("title").annotate(n=Count("id"))
        roles = [(row["title"], row["n"]) for row in printed.order_by("-n", "title")[:5]]
    span = articles.aggregate(n=Count("id"), first=Min("published_on"), last=Max("published_on"))
    latest = articles.order_by(F("published_on").desc(nulls_last=True), "-id")
    return MergeCandidate(
        person=person,
        n_articles=span["n"],
        roles=roles,
        first=span["first"],
        last=span["last"],
        titles=list(latest.values_list("title", flat=True)[:MERGE_SAMPLE]),
        aliases=[alias.name for alias in person.aliases.all()],
    )


def overview(*, reporters: int = 10) -> dict:
    """The home page's districts with counts and most active reporters: two aggregates over
    every byline and district link, so computed at most every few minutes, not per visit."""

    def compute() -> dict:
        return {
            "districts": list(district_list()),
            "reporters": list(author_list()[:reporters]),
        }

    return kept(whole_archive_key("archive:overview"), compute, OVERVIEW_CACHE_SECONDS)


OVERVIEW_CACHE_SECONDS = 300


def district_list() -> QuerySet[District]:
    return District.objects.annotate(n_articles=F("article_count")).order_by("code")


def photo_list() -> QuerySet[Photo]:
    return (
        Photo.objects.published()
        .select_related("article", "photographer")
        .order_by(F("article__published_on").desc(nulls_last=True), "-article_id", "position")
    )


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


COVERAGE_INTERVALS = ("month", "year")
MONTHS_BEFORE_YEARS = 36  # a longer span is drawn by year, or a chart has hundreds of bars


def listing_coverage(
    articles: QuerySet[Article],
    *,
    interval: str = "",
    later: bool = False,
    size: int | None = None,
) -> CoverageSeries | None:
    """A listing's ``article_coverage``, kept as ``figures.lagging`` says: over every match it
    is the dearest figure of a page (a million rows for the whole archive). With
    ``later``, None where the page should come first and its chart after it
    (``coverage_later``; ``size``: how many match, if the page counted them exactly)."""
    key = figures_key("coverage", articles, interval, lagging=True)
    if later and coverage_later(articles, interval=interval, size=size, key=key):
        return None
    counted = lagging(key, lambda: article_coverage(articles, interval=interval))
    return dataclasses.replace(counted.value, behind_since=counted.behind_since)


# A listing whose chart has not been counted since the last change, over more matches than
# this by the planner's estimate, shows its page first and its chart after it (a common word
# at a million articles: the page in 0.1 s, the chart in 10 s from a cold disk).
COVERAGE_INLINE_UP_TO = ESTIMATE_ABOVE


def coverage_later(
    articles: QuerySet[Article],
    *,
    interval: str = "",
    size: int | None = None,
    key: str | None = None,
) -> bool:
    """Whether a listing should come without its coverage chart, which then follows it
    (``views.coverage_section``): not yet counted, and over many matches (``size``, if the
    page knows it exactly; else the planner's estimate). Without an estimate (SQLite, a small
    archive's engine) it is counted with the page."""
    if size is not None and size <= COVERAGE_INLINE_UP_TO:
        return False
    if cache.get(key or figures_key("coverage", articles, interval, lagging=True)) is not None:
        return False
    estimate = estimated_count(articles)
    return estimate is not None and estimate > COVERAGE_INLINE_UP_TO


def article_coverage(articles: QuerySet[Article], *, interval: str = "") -> CoverageSeries:
    """Articles per month or year (``interval``; empty: by month up to three years, else by
    year), every period from the first to the last, those without articles as 0. One query."""
    months = list(
        articles.order_by()
        .filter(published_on__isnull=False)
        .annotate(period=TruncMonth("published_on"))
        .values("period")
        .annotate(n=Count("id"))
        .order_by("period")
    )
    counts = {_first_of_month(row["period"]): row["n"] for row in months}
    if not counts:
        return CoverageSeries(interval or "month", [])
    first, last = min(counts), max(counts)
    if not interval:
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        interval = "month" if span <= MONTHS_BEFORE_YEARS else "year"
    if interval == "year":
        years: dict[datetime.date, int] = {}
        for month, n in counts.items():
            years[month.replace(month=1)] = years.get(month.replace(month=1), 0) + n
        periods = [datetime.date(year, 1, 1) for year in range(first.year, last.year + 1)]
        return CoverageSeries("year", [(p, years.get(p, 0)) for p in periods])
    periods, month = [], first
    while month <= last:
        periods.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return CoverageSeries("month", [(p, counts.get(p, 0)) for p in periods])


def _first_of_month(value) -> datetime.date:
    # TruncMonth gives a date on a date column; a datetime on some back ends' versions.
    return datetime.date(value.year, value.month, 1)


@dataclass(frozen=True)
class CoverageSeries:
    interval: str  # "month" or "year"
    rows: list[tuple[datetime.date, int]]  # the first day of each period, with its count
    behind_since: datetime.datetime | None = None  # counted then; a change since is not in it

    def label(self, period: datetime.date) -> str:
        return f"{period:%Y-%m}" if self.interval == "month" else f"{period:%Y}"

    @property
    def labelled(self) -> list[tuple[str, int]]:
        return [(self.label(period), n) for period, n in self.rows]

    @property
    def total(self) -> int:
        return sum(n for _period, n in self.rows)
