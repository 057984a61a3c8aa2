"""The facets of a listing: the most frequent reporters, speakers and districts among its
articles, counted on a sample walked by date when a listing is large."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    F,
    QuerySet,
    Value,
)

from archive.cache.figures import Counted, figures_key, lagging
from archive.models import (
    Article,
    ArticleDistrict,
    Byline,
    Quote,
)

FACET_SIZE = 8
FACET_MORE = 40
FACET_SAMPLE = 1000


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
