"""The figures beside a listing — how many articles, the facets, the coverage chart — kept in the
shared cache until an article in the listing's scope changes. At a million articles they are the
cost of a listing (each aggregates over every match).

Every key is made by ``figures_key``: the figure's name, the exact SQL and parameters of the
result it describes (so the filters as validated and the search are all in it, and two
spellings of one filter share a key), and the versions of the page's scopes (an author's page:
that author's; a listing of everything: the version every published article's change moves;
``cache.versions``), so an editor's change shows at once wherever the cache is shared.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet
from django.utils import timezone

from archive.cache import versions
from archive.cache.stored import figure_key, stored_figure
from archive.cache.versions import read_once

T = TypeVar("T")


def figures_key(name: str, queryset: QuerySet, *extra, lagging: bool = False) -> str:
    """The cache key of figure ``name`` (with ``extra`` arguments) of ``queryset``
    (``lagging``: see ``lagging``)."""
    return figure_key(name, repr((_described(queryset), extra)), lagging=lagging)


@dataclass(frozen=True)
class Counted(Generic[T]):
    """A figure, and when it was counted if a change made since is not in it yet."""

    value: T
    behind_since: datetime.datetime | None = None


def lagging(key: str, compute: Callable[[], T]) -> Counted[T]:
    """The figure under ``key`` (made by ``figures_key(..., lagging=True)``): on a listing of
    the whole archive (``web.page_cache.pages.LAGGING_LISTINGS``), counted again at most every
    ``ARCHIVE_FIGURES_LAG_SECONDS`` while the newsroom writes
    (``versions.everything_for_figures``), with the time it was counted when a change since is
    not in it; anywhere else, as ``stored.stored_figure``, always current."""
    counted_at, value = stored_figure(key, lambda: (versions.clock(), compute()))
    if not versions.figures_lagging():
        return Counted(value)
    return Counted(
        value, datetime.datetime.fromtimestamp(counted_at, tz=timezone.get_current_timezone())
    )


def _described(queryset: QuerySet) -> tuple:
    """The SQL and parameters of ``queryset``, compiled once per request for one query (a
    listing keys its count, facets and chart by the same one: 1 ms each at a million). The
    query itself is kept beside them, so its id is not another's while the request lasts."""
    query = queryset.query

    def compiled() -> tuple:
        try:
            return query, query.sql_with_params()
        except EmptyResultSet:  # .none(): nothing to describe but its model
            return query, (f"none:{queryset.model._meta.label}", ())

    return read_once(("described", id(query)), compiled)[1]
