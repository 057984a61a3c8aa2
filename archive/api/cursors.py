"""Cursor pagination: the cursor is a signed token, so a client can only pass back what the API
gave it, and a changed or invented one is a 400, never a query on made-up values.

Date orders page by keyset (the last row's date and id), which stays fast and stable however
deep a client reads while articles are added; relevance, which only ranks the newest few
hundred matches anyway, and the people lists page by offset."""

from __future__ import annotations

import datetime

from django.core import signing
from django.db.models import Q, QuerySet

SALT = "archive.api.cursor"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class BadCursor(ValueError):
    pass


def encode(value: dict) -> str:
    return signing.dumps(value, salt=SALT, compress=True)


def decode(token: str | None) -> dict:
    if not token:
        return {}
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise BadCursor(token) from error
    if not isinstance(value, dict):
        raise BadCursor(token)
    return value


def offset_page(items: QuerySet, cursor: dict, limit: int) -> tuple[list, dict | None]:
    offset = cursor.get("o", 0)
    if not isinstance(offset, int) or offset < 0:
        raise BadCursor(str(cursor))
    rows = list(items[offset : offset + limit + 1])
    more = {"o": offset + limit} if len(rows) > limit else None
    return rows[:limit], more


def keyset_page(articles: QuerySet, cursor: dict, limit: int, *, newest: bool):
    """The page after the cursor's (date, id), in the listing's order: by date descending
    (newest) or ascending, undated articles last either way, ties by id the same way."""
    if cursor:
        articles = articles.filter(_after(cursor, newest=newest))
    rows = list(articles[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    day = last.published_on.isoformat() if last.published_on else None
    return rows[:limit], {"d": day, "i": last.pk}


def _after(cursor: dict, *, newest: bool) -> Q:
    try:
        pk = int(cursor["i"])
        day = datetime.date.fromisoformat(cursor["d"]) if cursor["d"] else None
    except (KeyError, TypeError, ValueError) as error:
        raise BadCursor(str(cursor)) from error
    beyond = "lt" if newest else "gt"
    if day is None:
        return Q(published_on__isnull=True, **{f"id__{beyond}": pk})
    return (
        Q(**{f"published_on__{beyond}": day})
        | Q(published_on=day, **{f"id__{beyond}": pk})
        | Q(published_on__isnull=True)
    )
