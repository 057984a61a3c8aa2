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

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from archive.cache.stored import figure_key, kept
from archive.cache.versions import read_once

FIGURES_SECONDS = 600  # a bound for caches that are not shared (one process's memory)

T = TypeVar("T")


def figures_key(name: str, queryset: QuerySet, *extra) -> str:
    """The cache key of figure ``name`` (with ``extra`` arguments) of ``queryset``."""
    return figure_key(name, repr((_described(queryset), extra)))


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


def remembered(key: str, compute: Callable[[], T]) -> T:
    return kept(key, compute, FIGURES_SECONDS)
