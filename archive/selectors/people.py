"""Reporters and speakers: the lists, a person's articles (walked by date or probed, by how
many they have), a speaker's quotes and the candidates an editor may merge."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils.translation import gettext as _

from archive.db import ProbedExists
from archive.models import (
    Article,
    Author,
    Byline,
    Photo,
    Quote,
    Role,
    Speaker,
)
from archive.selectors.articles import article_list


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
