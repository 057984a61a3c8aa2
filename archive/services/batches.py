"""Importing many files fast: parsing and tokenizing in a process pool, writing in this process.

Why: parsing and cutting tokens is most of an import's time and needs no database, so with
``workers`` above one, that many processes prepare files (``file_prepare``) while this one writes
them in order, one transaction per file. Only this process writes, so two files can never
collide, and a re-run still finds every article by its source key.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from django.db import connection

from archive.ingest.parser import NO_DEFAULTS, Defaults
from archive.models import Article
from archive.services.imports import (
    FileResult,
    ImportCache,
    PreparedFile,
    file_prepare,
    prepared_write,
)

AHEAD_PER_WORKER = 16  # files prepared ahead of the writer: enough to keep it busy, not all


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
    for file in prepared:
        yield prepared_write(file, update=update, dry_run=dry_run, status=status, cache=cache)


def _prepare(source: Source, *, defaults: Defaults, vendor: str | None) -> PreparedFile:
    if source.error:
        return PreparedFile(source=source.name, error=source.error)
    return file_prepare(source=source.name, data=source.data, defaults=defaults, vendor=vendor)


def _in_pool(sources: Iterable[Source], prepare, workers: int) -> Iterator[PreparedFile]:
    """``map(prepare, sources)`` in ``workers`` processes, in order, reading at most a few files
    per worker ahead (``Pool.imap`` would read every file into memory first)."""
    from archive.search import load_people_words

    # The tokenizer and every known name are loaded once here and shared by the forked workers,
    # which then cut alike. The workers never touch the database and leave by os._exit, so this
    # process's connection (and its transaction) carries on untouched.
    load_people_words(connection.alias)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque = deque()
        for source in sources:
            pending.append(pool.apply_async(prepare, (source,)))
            if len(pending) >= workers * AHEAD_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
