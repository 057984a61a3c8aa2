"""Writes: importing parsed articles and finding or creating the people in them.

An import is safe to repeat: each article has a ``source_key`` (the file's text hash and the
article's place in it) and an ``import_checksum`` of what the parser produced. Re-importing the same
text changes nothing; ``update=True`` re-parses, but never overwrites an article an editor has
changed since (its current state no longer matches the checksum).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, connections, transaction

from archive.ingest.budget import within as parse_budget
from archive.ingest.fingerprint import Fingerprint
from archive.ingest.parser import NO_DEFAULTS, Defaults, parse_text
from archive.ingest.text import decode, normalize
from archive.ingest.types import IngestError, ParsedArticle
from archive.models import (
    Article,
    ArticleDistrict,
    Author,
    Byline,
    Photo,
    Quote,
    Speaker,
)
from archive.search import (
    IndexData,
    index_data,
    index_store,
    parsed_document_fields,
    vector_expression,
)
from archive.services.copies import copies_enabled, copies_follow, parsed_fingerprint
from archive.services.counts import counts_add, counts_follow
from archive.services.freshness import imported_pages_changed
from archive.services.lookups import ImportCache
from archive.services.mapping import (
    article_fields,
    byline_pairs,
    parsed_checksum,
    photo_fields,
    quote_fields,
    stored_checksum,
)
from archive.services.review import doubts_refresh


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept"  # edited by hand since the last import; not overwritten


@dataclass
class FileResult:
    source: str
    articles: list[tuple[ParsedArticle, Outcome | None]] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


CHANGES = (Outcome.CREATED, Outcome.UPDATED)  # what leaves the records' doubts to work out
NOT_LOOKED_UP = object()  # file_import looks up a whole file's articles in one query
WRITE_ATTEMPTS = 3  # a file another run is writing at the same moment is written again


def source_keys(text: str, count: int) -> list[str]:
    """The source keys of a file's first ``count`` articles (the text is hashed once)."""
    digest = hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:32]
    return [f"sha256:{digest}:{index}" for index in range(count)]


@dataclass
class PreparedFile:
    """A file decoded, parsed, keyed and tokenized: all an import computes without the database,
    so a process pool can do it while one process writes (``file_prepare``)."""

    source: str
    articles: list[ParsedArticle] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    index: list = field(default_factory=list)  # search.index_data for each article
    fingerprints: list[Fingerprint | None] = field(default_factory=list)  # to find copies by
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def without(self, skipped: Collection[int]) -> PreparedFile:
        """The file less the articles at these places in it (an editor chose, in the upload
        preview, not to import them); the others keep their source keys."""
        if not skipped:
            return self
        kept = [place for place in range(len(self.articles)) if place not in skipped]

        def pick(values: list) -> list:
            return [values[place] for place in kept] if values else values

        return replace(
            self,
            articles=pick(self.articles),
            keys=pick(self.keys),
            index=pick(self.index),
            fingerprints=pick(self.fingerprints),
        )


def file_prepare(
    *, source: str, data: bytes, defaults: Defaults = NO_DEFAULTS, vendor: str | None = None
) -> PreparedFile:
    """Parse one file; with the database ``vendor``, also its articles' search index data."""
    prepared = PreparedFile(source=source)
    try:
        text = decode(data)
        with parse_budget(settings.ARCHIVE_PARSE_SECONDS):
            parsed = parse_text(text, defaults=defaults)
    except IngestError as error:
        prepared.error = str(error)
        return prepared
    prepared.articles = parsed
    prepared.warnings = list(dict.fromkeys(w for article in parsed for w in article.warnings))
    prepared.keys = source_keys(text, len(parsed))
    finding = copies_enabled()
    prepared.fingerprints = [parsed_fingerprint(a) if finding else None for a in parsed]
    if vendor is not None:
        prepared.index = [index_data(parsed_document_fields(a), vendor) for a in parsed]
    return prepared


def file_import(
    *,
    source: str,
    data: bytes,
    defaults: Defaults = NO_DEFAULTS,
    update: bool = False,
    dry_run: bool = False,
    status: str = Article.Status.PUBLISHED,
    cache: ImportCache | None = None,
    skip: Collection[int] = (),
) -> FileResult:
    """Parse one file and write its articles in one transaction: all of them or none (but
    those at the places in ``skip``)."""
    vendor = None if dry_run else connection.vendor
    prepared = file_prepare(source=source, data=data, defaults=defaults, vendor=vendor)
    prepared = prepared.without(skip)
    return prepared_write(prepared, update=update, dry_run=dry_run, status=status, cache=cache)


def prepared_write(
    prepared: PreparedFile,
    *,
    update: bool = False,
    dry_run: bool = False,
    status: str = Article.Status.PUBLISHED,
    cache: ImportCache | None = None,
) -> FileResult:
    """Write one prepared file's articles in one transaction (retried if another run wrote
    some of them first); a database error fails this file only."""
    result = FileResult(source=prepared.source, error=prepared.error, warnings=prepared.warnings)
    if prepared.error:
        return result
    if dry_run:
        result.articles = [(article, None) for article in prepared.articles]
        return result
    cache = cache or ImportCache()
    options = {"source_name": prepared.source, "update": update, "status": status, "cache": cache}
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            result.articles = _file_write(prepared, **options)
            if any(outcome in CHANGES for _article, outcome in result.articles):
                doubts_refresh(source_keys=prepared.keys)
            return result
        except IntegrityError as error:
            # Another run (an overlapping import, an upload) committed the same article or
            # person first; this one waited for it, so the next attempt finds those rows and
            # reports them unchanged.
            cache.clear()  # people created in the rolled-back transaction no longer exist
            if attempt < WRITE_ATTEMPTS:
                continue
            failure = error
        except (DatabaseError, ValueError) as error:
            # ValueError: a value the model cannot hold. Either way only this file is lost.
            cache.clear()
            failure = error
            break
    result.error = f"写入数据库失败，本文件未导入 (database error, nothing imported): {failure}"
    return result


def _file_write(prepared: PreparedFile, **options) -> list[tuple[ParsedArticle, Outcome]]:
    """A file's articles in one transaction, looked up in one query; on commit, the pages
    showing what it created or changed are stale."""
    with transaction.atomic():
        existing = Article.objects.in_bulk(prepared.keys, field_name="source_key")
        rows = zip(prepared.keys, prepared.articles, prepared.index, strict=True)
        written = [
            (
                article,
                article_import(
                    parsed=article,
                    source_key=key,
                    existing=existing.get(key),
                    index=index,
                    **options,
                ),
            )
            for key, article, index in rows
        ]
        outcomes = [outcome for _article, outcome in written]
        copies_follow(**written_fingerprints(prepared, outcomes))
        imported_pages_changed(
            created=[
                k for k, o in zip(prepared.keys, outcomes, strict=True) if o == Outcome.CREATED
            ],
            updated=Outcome.UPDATED in outcomes,
        )
        return written


def written_fingerprints(prepared: PreparedFile, outcomes: list[Outcome]) -> dict:
    """The fingerprints of a file's created and updated articles, by source key, for
    ``copies_follow``."""
    rows = list(zip(prepared.keys, prepared.fingerprints, outcomes, strict=True))
    return {
        "created": [(key, print_) for key, print_, o in rows if o == Outcome.CREATED],
        "updated": [(key, print_) for key, print_, o in rows if o == Outcome.UPDATED],
    }


def article_import(
    *,
    parsed: ParsedArticle,
    source_key: str,
    source_name: str,
    update: bool = False,
    status: str = Article.Status.PUBLISHED,
    cache: ImportCache | None = None,
    existing: Article | object | None = NOT_LOOKED_UP,
    index: IndexData | None = None,
) -> Outcome:
    """``index``: the article's ``search.index_data``, if ``file_prepare`` computed it."""
    cache = cache or ImportCache()
    checksum = parsed_checksum(parsed)
    if existing is NOT_LOOKED_UP:
        existing = Article.objects.filter(source_key=source_key).first()
    writing = {"source_name": source_name, "checksum": checksum, "cache": cache, "index": index}
    if existing is None:
        article_write(Article(source_key=source_key, status=status), parsed, **writing)
        return Outcome.CREATED
    if existing.import_checksum == checksum or not update:
        return Outcome.UNCHANGED
    if stored_checksum(existing) != existing.import_checksum:
        return Outcome.KEPT
    article_write(existing, parsed, **writing)
    return Outcome.UPDATED


def article_write(
    article: Article,
    parsed: ParsedArticle,
    *,
    source_name: str,
    checksum: str,
    cache: ImportCache,
    index: IndexData | None = None,
) -> None:
    """The article's row, then the rows beside it (replaced), then its search tokens."""
    replacing = article.pk is not None
    vendor = connections[article._state.db or "default"].vendor
    if index is None:
        index = index_data(parsed_document_fields(parsed), vendor)
    article_fill(
        article, parsed, source_name=source_name, checksum=checksum, cache=cache, index=index
    )
    # The people's stored counts: recounted around a replacement, added for a new article.
    with counts_follow(articles=[article.pk]) if replacing else nullcontext():
        article.save()
        if replacing:
            article.bylines.all().delete()
            article.photos.all().delete()
            article.quotes.all().delete()
            article.district_links.all().delete()
        relations = article_relations(article, parsed, cache)
        for model, rows in relations.items():
            model.objects.bulk_create(rows)
    if not replacing:
        counts_add(relations=relations)
    if vendor != "postgresql":
        index_store([(article.pk, index)], rows_written=True)


def article_fill(
    article: Article,
    parsed: ParsedArticle,
    *,
    source_name: str,
    checksum: str,
    cache: ImportCache,
    index: IndexData,
) -> None:
    """Set an article's fields from a parse (unsaved), through the one mapping; on PostgreSQL
    with its search vectors, which then go into the same INSERT or UPDATE as the row."""
    article.publication = cache.publication(parsed.publication)
    for name, value in article_fields(parsed).items():
        setattr(article, name, value)
    article.raw_text = parsed.raw_text
    article.source_name = source_name[-Article._meta.get_field("source_name").max_length :]
    article.import_checksum = checksum
    article.search_extra = index.extra
    if isinstance(index.words, str):  # PostgreSQL's tsvector literals
        article.search_vector = vector_expression(index.words)
        article.search_chars = vector_expression(index.characters)


def article_relations(article: Article, parsed: ParsedArticle, cache: ImportCache) -> dict:
    """The bylines, photos, quotes and district links of a saved article, unsaved, by model."""
    bylines, seen = [], set()
    for name, role in byline_pairs(parsed):
        author = cache.author(name)
        if (author.pk, role) not in seen:  # two printed names, one person (an alias)
            seen.add((author.pk, role))
            bylines.append(Byline(article=article, author=author, role=role, position=len(bylines)))
    photos = [
        Photo(
            article=article,
            photographer=cache.author(photo.photographer) if photo.photographer else None,
            position=position,
            **photo_fields(photo),
        )
        for position, photo in enumerate(parsed.photos)
    ]
    quotes = [
        Quote(
            article=article,
            speaker=cache.speaker(quote.speaker),
            position=position,
            **quote_fields(quote),
        )
        for position, quote in enumerate(parsed.quotes)
    ]
    links = [
        ArticleDistrict(
            article=article,
            district=cache.district(mention.name),
            mentions=mention.mentions,
            former_name=mention.former_name or "",
        )
        for mention in parsed.districts
    ]
    return {Byline: bylines, Photo: photos, Quote: quotes, ArticleDistrict: links}


ANALYZE_AFTER = 1000  # new articles after which the planner's statistics are refreshed
ANALYZED_TABLES = (Article, Byline, Photo, Quote, ArticleDistrict, Author, Speaker)


def statistics_refresh(*, created: int, using: str = "default") -> bool:
    """After a large import, the planner's statistics of the tables it grew: until autovacuum
    gets to them, PostgreSQL plans as if they were still small (23 s for a page of /authors/
    at 10,000 articles, 0.2 s after). Returns whether it ran."""
    if created < ANALYZE_AFTER:
        return False
    database = connections[using]
    tables = ", ".join(database.ops.quote_name(m._meta.db_table) for m in ANALYZED_TABLES)
    with database.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}" if database.vendor == "postgresql" else "ANALYZE")
    return True
