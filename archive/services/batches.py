"""Importing many files fast: parsing and tokenizing in a process pool, writing in batches.

Why: parsing and cutting tokens needs no database, so with ``workers`` above one, that many
processes prepare files (``file_prepare``) while this one writes them, in order. Only this
process writes, so two files can never collide, and a re-run still finds every article by its
source key. It writes the new articles of about BATCH_ARTICLES at a time in a handful of
statements (articles, their history, bylines, photos, quotes, district links: one each), not
ten per article; if a batch fails, its files are written again one transaction each, so a bad
file is reported by name and the others still import.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from archive.ingest.fingerprint import preload as fingerprint_preload
from archive.ingest.parser import NO_DEFAULTS, Defaults
from archive.models import Article
from archive.search import index_store
from archive.services.copies import copies_enabled, copies_follow
from archive.services.counts import counts_add
from archive.services.freshness import imported_pages_changed
from archive.services.imports import (
    CHANGES,
    FileResult,
    Outcome,
    PreparedFile,
    article_fill,
    article_import,
    article_relations,
    file_prepare,
    prepared_write,
    written_fingerprints,
)
from archive.services.lookups import ImportCache
from archive.services.mapping import parsed_checksum
from archive.services.review import doubts_refresh
from archive.services.rows import copy_insert

AHEAD_PER_WORKER = 16  # files prepared ahead of the writer beyond a batch: busy, not all read
WORKER_NICENESS = 5  # the writer, whom every worker waits for, gets a core first
BATCH_ARTICLES = 200  # articles written together; a failed batch is written again file by file


@dataclass(frozen=True)
class Source:
    """A file to import: its name and bytes, or why it could not be read."""

    name: str
    data: bytes = b""
    error: str | None = None


def files_import(
    sources: Iterable[Source],
    *,
    defaults: Defaults = NO_DEFAULTS,
    update: bool = False,
    dry_run: bool = False,
    status: str = Article.Status.PUBLISHED,
    workers: int = 1,
) -> Iterator[FileResult]:
    """Each source's result, in order, as soon as it is written."""
    vendor = None if dry_run else connection.vendor
    prepare = partial(_prepare, defaults=defaults, vendor=vendor)
    prepared = _in_pool(sources, prepare, workers) if workers > 1 else map(prepare, sources)
    cache = ImportCache()
    if dry_run:
        for file in prepared:
            yield prepared_write(file, dry_run=True)
        return
    batch: list[PreparedFile] = []
    articles = 0
    for file in prepared:
        batch.append(file)
        articles += len(file.articles)
        if articles >= BATCH_ARTICLES:
            yield from batch_write(batch, update=update, status=status, cache=cache)
            batch, articles = [], 0
    yield from batch_write(batch, update=update, status=status, cache=cache)


def batch_write(
    files: list[PreparedFile], *, update: bool, status: str, cache: ImportCache
) -> list[FileResult]:
    """Write these files in one transaction; if it fails, each in its own (``prepared_write``)."""
    if not files:
        return []
    try:
        with transaction.atomic():
            results = _bulk_write(files, update=update, status=status, cache=cache)
            copies_follow(**_fingerprints_written(files, results))
            _pages_changed(files, results)
            if any(outcome in CHANGES for r in results for _article, outcome in r.articles):
                doubts_refresh(source_keys=[key for file in files for key in file.keys])
    except (DatabaseError, ValueError):
        cache.clear()  # people created in the rolled-back transaction no longer exist
        return [prepared_write(f, update=update, status=status, cache=cache) for f in files]
    return results


def _fingerprints_written(files: list[PreparedFile], results: list[FileResult]) -> dict:
    """The batch's created and updated articles' fingerprints, in the order of its files."""
    written: dict[str, list] = {"created": [], "updated": []}
    for file, result in zip(files, results, strict=True):
        outcomes = [outcome for _article, outcome in result.articles]
        for name, rows in written_fingerprints(file, outcomes).items():
            written[name].extend(rows)
    return written


def _pages_changed(files: list[PreparedFile], results: list[FileResult]) -> None:
    """On commit, one new version of each scope the batch's articles touched."""
    written = [
        (key, outcome)
        for file, result in zip(files, results, strict=True)
        for key, (_article, outcome) in zip(file.keys, result.articles, strict=True)
    ]
    imported_pages_changed(
        created=[key for key, outcome in written if outcome == Outcome.CREATED],
        updated=any(outcome == Outcome.UPDATED for _key, outcome in written),
    )


def _bulk_write(
    files: list[PreparedFile], *, update: bool, status: str, cache: ImportCache
) -> list[FileResult]:
    existing = Article.objects.in_bulk(
        [key for file in files for key in file.keys], field_name="source_key"
    )
    new = [
        (key, parsed, index, file.source)
        for file in files
        for key, parsed, index in zip(file.keys, file.articles, file.index, strict=True)
        if key not in existing
    ]
    cache.prefetch(
        authors={b.name for _k, p, _i, _s in new for b in p.bylines}
        | {photo.photographer for _k, p, _i, _s in new for photo in p.photos if photo.photographer},
        speakers={quote.speaker for _k, p, _i, _s in new for quote in p.quotes},
    )
    created = {}  # by source key: the same text twice in one batch is one article
    for key, parsed, index, source in new:
        if key not in created:
            article = Article(source_key=key, status=status)
            checksum = parsed_checksum(parsed)
            article_fill(
                article, parsed, source_name=source, checksum=checksum, cache=cache, index=index
            )
            created[key] = (article, parsed, index)
    _bulk_create(list(created.values()), cache)
    results = []
    for file in files:
        result = FileResult(source=file.source, error=file.error, warnings=file.warnings)
        for key, parsed, index in zip(file.keys, file.articles, file.index, strict=True):
            if created.pop(key, None):  # its first occurrence; a second finds it written
                outcome = Outcome.CREATED
            else:
                outcome = article_import(
                    parsed=parsed,
                    source_key=key,
                    source_name=file.source,
                    update=update,
                    status=status,
                    cache=cache,
                    existing=existing.get(key) or Article.objects.get(source_key=key),
                    index=index,
                )
            result.articles.append((parsed, outcome))
        results.append(result)
    return results


def _bulk_create(new: list[tuple[Article, object, object]], cache: ImportCache) -> None:
    """New articles, their history rows and their relations: one INSERT each (on PostgreSQL
    one COPY each, with the articles' ids drawn first, so none has to be read back)."""
    articles = [article for article, _parsed, _index in new]
    copying = connection.vendor == "postgresql"
    if copying:
        _ids_draw(articles)
        indexes = [index for *_, index in new]
        copy_insert(
            articles,
            columns={
                "search_vector": [index.words for index in indexes],
                "search_chars": [index.characters for index in indexes],
            },
        )
        copy_insert(_history_rows(articles))
    else:
        Article.objects.bulk_create(articles)
        Article.history.bulk_history_create(articles, default_change_reason=None)
    relations: dict = {}
    for article, parsed, _index in new:
        for model, rows in article_relations(article, parsed, cache).items():
            relations.setdefault(model, []).extend(rows)
    for model, rows in relations.items():
        copy_insert(rows) if copying else model.objects.bulk_create(rows)
    counts_add(relations=relations)
    if not copying:
        index_store([(article.pk, index) for article, _parsed, index in new], rows_written=True)


def _ids_draw(articles: list[Article]) -> None:
    """Give new articles their ids from the table's own sequence, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Article._meta.db_table, len(articles)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
    for article, pk in zip(articles, ids, strict=True):
        article.pk = pk


def _history_rows(articles: list[Article]) -> list[Model]:
    """The history's "created" rows of new articles, unsaved, as ``bulk_history_create``
    makes them (an import has no user and gives no reason)."""
    history = Article.history.model
    now = timezone.now()
    return [
        history(
            history_date=now,
            history_user=history.get_default_history_user(article),
            history_change_reason=None,
            history_type="+",
            **{field.attname: getattr(article, field.attname) for field in history.tracked_fields},
        )
        for article in articles
    ]


def _prepare(source: Source, *, defaults: Defaults, vendor: str | None) -> PreparedFile:
    if source.error:
        return PreparedFile(source=source.name, error=source.error)
    return file_prepare(source=source.name, data=source.data, defaults=defaults, vendor=vendor)


def _in_pool(sources: Iterable[Source], prepare, workers: int) -> Iterator[PreparedFile]:
    """``map(prepare, sources)`` in ``workers`` processes, in order, reading at most
    BATCH_ARTICLES files (so at least a batch of articles) and a few more per worker ahead
    (``Pool.imap`` would read every file into memory first)."""
    from archive.search.query import load_people_words

    # The tokenizer and every known name are loaded once here and shared by the forked workers,
    # which then cut alike. The workers never touch the database and leave by os._exit, so this
    # process's connection (and its transaction) carries on untouched.
    load_people_words(connection.alias)
    if copies_enabled():
        fingerprint_preload()
    # A batch's worth and more is read ahead, so the workers prepare the next batch while this
    # process writes one (with only a few ahead they sat idle through every write).
    ahead = workers * AHEAD_PER_WORKER + BATCH_ARTICLES
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=os.nice, initargs=(WORKER_NICENESS,)) as pool:
        pending: deque = deque()
        for source in sources:
            pending.append(pool.apply_async(prepare, (source,)))
            if len(pending) >= ahead:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
