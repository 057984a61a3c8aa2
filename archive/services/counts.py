"""The stored counts of people and districts: how many published articles (and photos, quotes)
each has, and a speaker's latest quote. /authors/, /speakers/, the districts and the home page
read these columns instead of counting every byline per request.

Every write that changes what they count goes through here, in its own transaction:
``counts_add`` for new articles (an import adds what the new rows hold, proportional to the
batch, never recounting a prolific reporter's whole history), ``counts_follow`` around an edit,
status change, re-import or deletion (the people and districts of those articles, before and
after, are recounted), ``counts_recompute`` for a merge, and ``counts_recompute_all`` for
``manage.py recount_people`` and the migration that added the columns. On PostgreSQL each
holds one advisory lock until its transaction ends (``COUNTS_LOCK``), so a recount and an
import at the same time cannot undo each other's work.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from archive.models import Article, ArticleDistrict, Author, Byline, District, Photo, Quote, Speaker

UPDATE_BATCH = 1000
ROLE_KEY = re.compile(r"[a-z_]+")  # a role as written into SQL
# The PostgreSQL advisory lock every write to the stored counts holds until its transaction
# ends ("coun"): a recount writes what it counted, so an import adding to the same rows between
# its count and its write would be lost.
COUNTS_LOCK = 0x636F756E


def _counts_locked() -> None:
    """Wait for, then hold until this transaction ends, the one lock of the stored counts.
    SQLite lets one writer in at a time already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [COUNTS_LOCK])


@dataclass
class Involved:
    """The people and districts whose counts a write may change."""

    authors: set[int] = field(default_factory=set)
    speakers: set[int] = field(default_factory=set)
    districts: set[int] = field(default_factory=set)

    def __or__(self, other: Involved) -> Involved:
        return Involved(
            self.authors | other.authors,
            self.speakers | other.speakers,
            self.districts | other.districts,
        )


@dataclass(frozen=True)
class LastQuote:
    text: str
    title: str
    on: datetime.date | None


def involved_in(*, articles: Iterable[int]) -> Involved:
    """Who is named in these articles (drafts too: publishing one changes their counts)."""
    ids = {pk for pk in articles if pk is not None}
    if not ids:
        return Involved()
    return Involved(
        authors=set(Byline.objects.filter(article__in=ids).values_list("author_id", flat=True))
        | set(
            Photo.objects.filter(article__in=ids, photographer__isnull=False).values_list(
                "photographer_id", flat=True
            )
        ),
        speakers=set(Quote.objects.filter(article__in=ids).values_list("speaker_id", flat=True)),
        districts=set(
            ArticleDistrict.objects.filter(article__in=ids).values_list("district_id", flat=True)
        ),
    )


@contextmanager
def counts_follow(*, articles: Iterable[int | None]) -> Iterator[None]:
    """Around a write to these articles: afterwards, everyone named in them before or after
    is recounted. Call inside the write's transaction."""
    ids = {pk for pk in articles if pk is not None}
    before = involved_in(articles=ids)
    yield
    counts_recompute(before | involved_in(articles=ids))


def counts_add(*, relations: dict[type[models.Model], list]) -> None:
    """Add to the stored counts what the rows beside newly created articles hold (bylines,
    photos, quotes, district links, as ``article_relations`` made them): counted in memory,
    written as one ``UPDATE … FROM`` a list of rows per table (``_values_update``), so a batch
    of an import costs three statements (more on SQLite, which limits parameters) whose work
    grows linearly with the batch: a ``CASE`` branch per person made each row's update scan
    every branch. Only for articles no count has seen yet: ids grow, so on an equal date a new
    quote is later. Inside the import's transaction, which then holds the counts' lock."""
    published = Article.Status.PUBLISHED
    rows = {
        model: [r for r in found if r.article.status == published]
        for model, found in relations.items()
    }
    authors: dict[int, dict] = {}
    for byline in rows.get(Byline, []):
        tally = authors.setdefault(byline.author_id, _author_tally())
        tally["articles"].add(byline.article_id)
        tally["roles"][byline.role] = tally["roles"].get(byline.role, 0) + 1
    for photo in rows.get(Photo, []):
        if photo.photographer_id is not None:
            authors.setdefault(photo.photographer_id, _author_tally())["photos"] += 1
    speakers: dict[int, list[Quote]] = {}
    for quote in rows.get(Quote, []):
        speakers.setdefault(quote.speaker_id, []).append(quote)
    districts: dict[int, int] = {}
    for link in rows.get(ArticleDistrict, []):
        districts[link.district_id] = districts.get(link.district_id, 0) + 1
    with transaction.atomic(savepoint=False):  # inside a caller's: no savepoint
        _counts_locked()
        _authors_add(authors)
        _speakers_add(speakers)
        _values_update(
            District,
            [("n", "integer")],
            [(pk, n) for pk, n in districts.items()],
            "article_count = t.article_count + v.n",
        )


def _author_tally() -> dict:
    return {"articles": set(), "roles": {}, "photos": 0}


def _authors_add(tallies: dict[int, dict]) -> None:
    roles = sorted({role for tally in tallies.values() for role in tally["roles"]})
    if any(not ROLE_KEY.fullmatch(role) for role in roles):
        raise ValueError(f"not a role: {roles}")
    columns = [("articles", "integer"), ("photos", "integer")]
    columns += [(f"r_{role}", "integer") for role in roles]
    _values_update(
        Author,
        columns,
        [
            (pk, len(t["articles"]), t["photos"], *(t["roles"].get(role, 0) for role in roles))
            for pk, t in tallies.items()
        ],
        "article_count = t.article_count + v.articles, photo_count = t.photo_count + v.photos"
        + (f", role_counts = {_roles_added(roles)}" if roles else ""),
    )


def _roles_added(roles: list[str]) -> str:
    """The stored role counts with each of ``v.r_<role>`` added (a role added 0 times is left
    as it was, absent or not), as SQL for the database in use."""
    if connection.vendor == "postgresql":
        added = ", ".join(
            f"'{role}', CASE WHEN v.r_{role} > 0 "
            f"THEN COALESCE((t.role_counts ->> '{role}')::int, 0) + v.r_{role} END"
            for role in roles
        )
        return f"t.role_counts || jsonb_strip_nulls(jsonb_build_object({added}))"
    # SQLite's merge patch removes a key patched with null: an absent role stays absent.
    added = ", ".join(
        f"'{role}', CASE WHEN v.r_{role} > 0 "
        f"THEN COALESCE(json_extract(t.role_counts, '$.{role}'), 0) + v.r_{role} "
        f"ELSE json_extract(t.role_counts, '$.{role}') END"
        for role in roles
    )
    return f"json_patch(t.role_counts, json_object({added}))"


def _speakers_add(tallies: dict[int, list[Quote]]) -> None:
    rows = []
    for pk, quotes in tallies.items():
        latest = min(quotes, key=_listing_order)
        titled = min((q for q in quotes if q.title), key=_listing_order, default=None)
        rows.append(
            (
                pk,
                len({q.article_id for q in quotes}),
                len(quotes),
                latest.text,
                _day(latest.article.published_on),
                titled.title if titled else None,
                _day(titled.article.published_on) if titled else None,
            )
        )
    latest_newer = _newer("last_text", "last_quoted_on", "v.quoted_on")
    titled_newer = _newer("last_title", "last_titled_on", "v.titled_on")
    titled_newer = f"v.title IS NOT NULL AND {titled_newer}"
    _values_update(
        Speaker,
        [
            ("articles", "integer"),
            ("quotes", "integer"),
            ("text", "text"),
            ("quoted_on", "date"),
            ("title", "text"),
            ("titled_on", "date"),
        ],
        rows,
        f"""article_count = t.article_count + v.articles,
            quote_count = t.quote_count + v.quotes,
            last_text = CASE WHEN {latest_newer} THEN v.text ELSE t.last_text END,
            last_quoted_on = CASE WHEN {latest_newer} THEN v.quoted_on ELSE t.last_quoted_on END,
            last_title = CASE WHEN {titled_newer} THEN v.title ELSE t.last_title END,
            last_titled_on = CASE WHEN {titled_newer} THEN v.titled_on ELSE t.last_titled_on END""",
    )


def _newer(text: str, on: str, day: str) -> str:
    """SQL: the stored latest quote (``text`` empty: none) comes after a new article's of
    ``day`` in the listing's order: none is stored, the stored one is undated, or the new one
    is newer or as new (its id is higher). An undated new one (NULL) is newer only than none
    or an undated one."""
    return f"(t.{text} = '' OR t.{on} IS NULL OR t.{on} <= {day})"


def _day(day: datetime.date | None):
    return connection.ops.adapt_datefield_value(day)


def _listing_order(quote: Quote) -> tuple:
    """Newest article first, undated last, then the later article, then the first quote."""
    day = quote.article.published_on
    return (day is None, -(day.toordinal() if day else 0), -quote.article_id, quote.position)


def _values_update(
    model: type[models.Model], columns: list[tuple[str, str]], rows: list[tuple], assign: str
) -> None:
    """``UPDATE <model's table> AS t SET <assign> FROM v WHERE t.pk = v.id``, where ``v`` is
    ``rows`` (the primary key first, then one value per ``(name, SQL type)`` of ``columns``),
    up to UPDATE_BATCH rows a statement (fewer where the database limits its parameters)."""
    if not rows:
        return
    names = ", ".join(["id", *(name for name, _type in columns)])
    if connection.vendor == "postgresql":  # typed, or a column of NULLs has no type
        row = "(" + ", ".join(["%s::bigint", *(f"%s::{kind}" for _n, kind in columns)]) + ")"
    else:
        row = "(" + ", ".join(["%s"] * (len(columns) + 1)) + ")"
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    limit = connection.features.max_query_params or UPDATE_BATCH * (len(columns) + 1)
    per_statement = max(1, min(UPDATE_BATCH, limit // (len(columns) + 1)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                f"WITH v ({names}) AS (VALUES {', '.join([row] * len(chunk))}) "
                f"UPDATE {table} AS t SET {assign} FROM v WHERE t.{pk} = v.id",
                [value for values in chunk for value in values],
            )


def counts_recompute(involved: Involved) -> None:
    """Count these people and districts again from every published article, holding the
    counts' lock from the count to the end of the transaction (``COUNTS_LOCK``)."""
    with transaction.atomic(savepoint=False):  # inside a caller's: no savepoint
        _counts_locked()
        _recompute(involved)


def _recompute(involved: Involved) -> None:
    if involved.authors:
        scope = Q(author__in=involved.authors), Q(photographer__in=involved.authors)
        tallies = _author_tallies(*scope)
        _authors_store(tallies, add=False, only=involved.authors)
    if involved.speakers:
        tallies = _speaker_tallies(Q(speaker__in=involved.speakers))
        _speakers_store(tallies, add=False, only=involved.speakers)
    if involved.districts:
        tallies = _district_tallies(Q(district__in=involved.districts))
        _districts_store(tallies, add=False, only=involved.districts)


def counts_recompute_all() -> None:
    """Every stored count from scratch (after a restore, or if in doubt)."""
    with transaction.atomic(savepoint=False):  # inside a caller's: no savepoint
        _counts_locked()
        _authors_store(_author_tallies(Q()), add=False, only=None)
        _speakers_store(_speaker_tallies(Q()), add=False, only=None)
        _districts_store(_district_tallies(Q()), add=False, only=None)


# Counting --------------------------------------------------------------------------------------

PUBLISHED = Q(article__status=Article.Status.PUBLISHED)


def _author_tallies(bylines: Q, photos: Q | None = None) -> dict[int, dict]:
    rows = Byline.objects.filter(PUBLISHED, bylines).order_by()
    tallies: dict[int, dict] = {}

    def tally(pk: int) -> dict:
        return tallies.setdefault(pk, {"article_count": 0, "photo_count": 0, "role_counts": {}})

    articles = rows.values("author_id").annotate(n=Count("article_id", distinct=True))
    for row in articles:
        tally(row["author_id"])["article_count"] = row["n"]
    # A byline is unique per article, author and role: each is one article in that role.
    for row in rows.values("author_id", "role").annotate(n=Count("id")):
        tally(row["author_id"])["role_counts"][row["role"]] = row["n"]
    credited = Photo.objects.filter(PUBLISHED, photos or bylines, photographer__isnull=False)
    for row in credited.order_by().values("photographer_id").annotate(n=Count("id")):
        tally(row["photographer_id"])["photo_count"] = row["n"]
    return tallies


def _speaker_tallies(quotes: Q) -> dict[int, dict]:
    rows = Quote.objects.filter(PUBLISHED, quotes).order_by()
    tallies = {
        row["speaker_id"]: {"article_count": row["a"], "quote_count": row["q"]}
        for row in rows.values("speaker_id").annotate(
            a=Count("article_id", distinct=True), q=Count("id")
        )
    }
    for key, latest in (("last", _latest(rows)), ("titled", _latest(rows.exclude(title="")))):
        for row in latest:
            tallies[row["speaker_id"]][key] = LastQuote(
                row["text"], row["title"], row["article__published_on"]
            )
    return tallies


def _latest(quotes: QuerySet[Quote]) -> QuerySet:
    """Each speaker's latest quote, in the listing's order: newest article first, undated
    last, then the later article, then the first quote in it."""
    newest = Window(
        RowNumber(),
        partition_by=[F("speaker_id")],
        order_by=[
            F("article__published_on").desc(nulls_last=True),
            F("article_id").desc(),
            F("position").asc(),
            F("id").asc(),
        ],
    )
    return (
        quotes.annotate(rank=newest)
        .filter(rank=1)
        .values("speaker_id", "text", "title", "article__published_on")
    )


def _district_tallies(links: Q) -> dict[int, dict]:
    rows = ArticleDistrict.objects.filter(PUBLISHED, links).order_by()
    # A link is unique per article and district.
    found = rows.values("district_id").annotate(n=Count("id"))
    return {row["district_id"]: {"article_count": row["n"]} for row in found}


# Storing ---------------------------------------------------------------------------------------


def _authors_store(tallies: dict[int, dict], *, add: bool, only: set[int] | None = None) -> None:
    def merge(author: Author, tally: dict) -> None:
        if add:
            author.article_count += tally["article_count"]
            author.photo_count += tally["photo_count"]
            roles = dict(author.role_counts)
            for role, n in tally["role_counts"].items():
                roles[role] = roles.get(role, 0) + n
            author.role_counts = roles
        else:
            author.article_count = tally["article_count"]
            author.photo_count = tally["photo_count"]
            author.role_counts = tally["role_counts"]

    empty = {"article_count": 0, "photo_count": 0, "role_counts": {}}
    fields = ["article_count", "photo_count", "role_counts"]
    _store(Author, tallies, merge, empty, fields, add=add, only=only)


def _speakers_store(tallies: dict[int, dict], *, add: bool, only: set[int] | None = None) -> None:
    def merge(speaker: Speaker, tally: dict) -> None:
        if add:
            speaker.article_count += tally["article_count"]
            speaker.quote_count += tally["quote_count"]
        else:
            speaker.article_count = tally["article_count"]
            speaker.quote_count = tally["quote_count"]
        last, titled = tally.get("last"), tally.get("titled")
        if not add or (last and _later(last.on, speaker.last_quoted_on, speaker.last_text)):
            speaker.last_text = last.text if last else ""
            speaker.last_quoted_on = last.on if last else None
        if not add or (titled and _later(titled.on, speaker.last_titled_on, speaker.last_title)):
            speaker.last_title = titled.title if titled else ""
            speaker.last_titled_on = titled.on if titled else None

    empty = {"article_count": 0, "quote_count": 0}
    fields = ["article_count", "quote_count", "last_text", "last_quoted_on"]
    fields += ["last_title", "last_titled_on"]
    _store(Speaker, tallies, merge, empty, fields, add=add, only=only)


def _later(new: datetime.date | None, stored: datetime.date | None, stored_text: str) -> bool:
    """Whether a quote of a new article comes before the stored one (``stored_text`` empty:
    none) in the listing's order: newest first, undated last, on one date the higher id."""
    if not stored_text:
        return True
    if new is None:
        return stored is None
    return stored is None or new >= stored


def _districts_store(tallies: dict[int, dict], *, add: bool, only: set[int] | None = None):
    def merge(district: District, tally: dict) -> None:
        base = district.article_count if add else 0
        district.article_count = base + tally["article_count"]

    _store(District, tallies, merge, {"article_count": 0}, ["article_count"], add=add, only=only)


def _store(model, tallies, merge, empty, fields, *, add: bool, only: set[int] | None) -> None:
    """Merge ``tallies`` into the rows (those tallied when adding; ``only``, or every row,
    when replacing) and write the rows that changed."""
    if add:
        rows = model.objects.filter(pk__in=tallies)
    else:
        rows = model.objects.all() if only is None else model.objects.filter(pk__in=only)
    changed = []
    for row in rows.only("pk", *fields):
        before = [getattr(row, name) for name in fields]
        merge(row, tallies.get(row.pk, empty))
        if [getattr(row, name) for name in fields] != before:
            changed.append(row)
    model.objects.bulk_update(changed, fields, batch_size=UPDATE_BATCH)
