"""Figures and fragments kept in the shared cache under the versions they were made at
(``versions``), within budgets: whatever a client sends, it cannot fill the cache.

A figure (a count, the facets, a chart, the home page's overview) is kept under a key naming
the versions of what it counts (``figure_key``, ``whole_archive_key``); a listing's shared
section (facets, coverage chart) under the versions of the page's scopes (``section_html``); a
listing's row under the version of its article (``article_rows_html``), so a row one page
rendered is reused by every other page showing that article until the article changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from archive.cache.versions import (
    NEVER_CHANGED,
    article_scope,
    generation,
    page_scopes,
    page_scopes_taken_up,
    scoped_token,
    settled,
    token_settled,
    version_key,
    versions,
    whole_archive_token,
)

FRAGMENT_PREFIX = "archive:fragment:"
STORED_COUNT_KEY = "archive:stored"  # + the kind: entries stored in this window
_MISSING = object()
# How long a figure is kept at most: the bound that matters where the cache is not shared (one
# process's memory, which another process's write never reaches).
FIGURES_SECONDS = 600
T = TypeVar("T")


def stored_figure(key: str, compute: Callable[[], T], seconds: int = FIGURES_SECONDS) -> T:
    """The figure under ``key`` (which names the versions it was made at), computed and
    stored when missing, for at most ``seconds``; while a read replica may still be behind the
    last change (``settled``), computed and not stored. The one way every figure is cached."""
    if not settled():
        return compute()
    return _found_or_made(key, compute, "figures", seconds, settings.ARCHIVE_FIGURE_CACHE_ENTRIES)


def _found_or_made(key: str, compute, kind: str, seconds: int, limit: int):
    """What the cache holds under ``key``, or ``compute()`` stored there within the budget of
    its kind."""
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    if within_budget(kind, seconds, limit):
        cache.add(key, value, seconds)
    return value


def whole_archive_key(name: str, *scopes: str) -> str:
    """The key of a figure of the whole archive (by default of every published article; with
    ``scopes``, of what they hold) under the versions the request read: a reader that began
    before a write and stores its figures after it stores them where nobody reads them again."""
    return f"{name}@{whole_archive_token(*scopes)}"


def figure_key(name: str, described: str, *, lagging: bool = False) -> str:
    """The key of a figure of the page being rendered: ``described`` names the query (its
    SQL), the versions of the page's scopes name what the query can see (``lagging``: as
    ``versions.scoped_token``)."""
    token = scoped_token(lagging=lagging)
    digest = hashlib.sha256(f"{token}:{described}".encode()).hexdigest()[:32]
    return f"archive:figures:{name}:{digest}"


def section_html(key: str, render) -> str:
    """A part of a page that depends only on the page's scopes and ``key`` (a listing's facets,
    its chart), kept until one of them changes; ``ARCHIVE_FRAGMENT_CACHE_SECONDS`` 0: always
    rendered."""
    seconds = settings.ARCHIVE_FRAGMENT_CACHE_SECONDS
    if seconds <= 0 or not page_scopes_taken_up() or not settled():
        return render()
    cache_key = FRAGMENT_PREFIX + hashlib.sha256(f"{scoped_token()}:{key}".encode()).hexdigest()
    limit = settings.ARCHIVE_FRAGMENT_CACHE_ENTRIES
    return _found_or_made(cache_key, render, "fragments", seconds, limit)


def article_rows_html(articles: list, key_of, render) -> list[str]:
    """Each article's row (``render(article)``), kept under ``key_of(article)`` (which names
    what the listing adds to the row) with the article's version beside it: one call reads the
    rows, the articles' versions and the page's. A row is stored only if the page's versions
    have not moved since the page read them, before its query: every article a listing shows is
    in the listing's scope, so a write to one of them that committed after the query moved that
    scope too (in the same write as the article's), and its old row is not stored as new."""
    seconds = settings.ARCHIVE_FRAGMENT_CACHE_SECONDS
    if not articles or seconds <= 0 or not page_scopes_taken_up() or not settled():
        return [render(article) for article in articles]
    now = generation()
    keys = [
        FRAGMENT_PREFIX + hashlib.sha256(f"{now}:{key_of(article)}".encode()).hexdigest()
        for article in articles
    ]
    article_keys = [version_key(article_scope(article.pk)) for article in articles]
    page = {version_key(scope): token for scope, token in versions(page_scopes()).items()}
    found = cache.get_many([*keys, *article_keys, *page])
    page_unmoved = all(found.get(key, NEVER_CHANGED) == token for key, token in page.items())
    html, made = [], {}
    for key, article_key, article in zip(keys, article_keys, articles, strict=True):
        version = found.get(article_key, NEVER_CHANGED)
        entry = found.get(key)
        if isinstance(entry, dict) and entry.get("version") == version:
            html.append(entry["html"])
            continue
        html.append(render(article))
        if page_unmoved and token_settled(version):
            made[key] = {"version": version, "html": html[-1]}
    if made and within_budget(
        "fragments", seconds, settings.ARCHIVE_FRAGMENT_CACHE_ENTRIES, len(made)
    ):
        cache.set_many(made, seconds)
    return html


def within_budget(kind: str, seconds: int, limit: int, count: int = 1) -> bool:
    """Whether this window of ``seconds`` may store ``count`` more entries of this kind (pages,
    fragments, figures): distinct query strings, each making a page, its rows and its figures,
    cannot fill the cache, whatever a client sends."""
    key = f"{STORED_COUNT_KEY}:{kind}"
    cache.add(key, 0, seconds)
    try:
        stored = cache.incr(key, count)
    except ValueError:  # the window ended between the two calls
        return cache.add(key, count, seconds) and count <= limit
    return stored <= limit
