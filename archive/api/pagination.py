"""Cursor pagination for Django REST framework. The cursor is a signed token, so a client can
only pass back what the API gave it, and a changed or invented one is a 400, never a query on
made-up values.

Date orders page by keyset (the last row's date and id): fast and stable however deep a client
reads while articles are added. DRF's own ``CursorPagination`` cannot do this here: it keys on
one field plus an offset and cannot page a nullable date, and undated articles sort last in
the listing. Relevance, which only ranks the newest few hundred matches anyway, and the people
lists page by offset."""

from __future__ import annotations

import datetime

from django.core import signing
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from archive.selectors.filters import SORTS

SALT = "archive.api.cursor"


class OffsetPagination(BasePagination):
    """``limit`` rows from the signed cursor's offset, and a link to the next ones."""

    default_limit = 20
    max_limit = 100

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        self.request = request
        try:
            limit = int(request.query_params.get("limit") or self.default_limit)
            if not 1 <= limit <= self.max_limit:
                raise ValueError(limit)
            rows, self.following = self.page(queryset, self.cursor(request), limit, view)
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            message = _("cursor 或 limit 无效（limit 为 1 到 %(max)s）")
            raise ValidationError(message % {"max": self.max_limit}) from error
        return rows

    @staticmethod
    def cursor(request) -> dict:
        token = request.query_params.get("cursor")
        value = signing.loads(token, salt=SALT) if token else {}
        if not isinstance(value, dict):
            raise TypeError(value)
        return value

    def page(self, rows: QuerySet, cursor: dict, limit: int, view) -> tuple[list, dict | None]:
        offset = cursor.get("o", 0)
        if not isinstance(offset, int) or offset < 0:
            raise ValueError(offset)
        found = list(rows[offset : offset + limit + 1])
        return found[:limit], {"o": offset + limit} if len(found) > limit else None

    def get_paginated_response(self, data) -> Response:
        return Response({"results": data, "next": self.next_link()})

    def next_link(self) -> str | None:
        if self.following is None:
            return None
        token = signing.dumps(self.following, salt=SALT, compress=True)
        return replace_query_param(self.request.build_absolute_uri(), "cursor", token)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "results": schema,
                "next": {"type": ["string", "null"], "format": "uri"},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": _("上一页 next 链接里的游标"),
                "schema": {"type": "string"},
            },
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": _("每页条数"),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_limit,
                    "default": self.default_limit,
                },
            },
        ]


class ListingPagination(OffsetPagination):
    """The listing's order as the view's FilterSet chose it: by keyset in a date order, by
    offset in relevance order."""

    def page(self, rows: QuerySet, cursor: dict, limit: int, view) -> tuple[list, dict | None]:
        chosen = view.filterset.form.cleaned_data
        sort = chosen.get("sort")
        if chosen.get("q") and sort not in SORTS:
            return super().page(rows, cursor, limit, view)  # ranked by relevance
        newest = sort != "oldest"
        if cursor:
            rows = rows.filter(_after(cursor, newest=newest))
        found = list(rows[: limit + 1])
        if len(found) <= limit:
            return found, None
        last = found[limit - 1]
        day = last.published_on.isoformat() if last.published_on else None
        return found[:limit], {"d": day, "i": last.pk}


def _after(cursor: dict, *, newest: bool) -> Q:
    """The rows after the cursor's (date, id) in the listing's order: by date descending
    (newest) or ascending, undated articles last either way, ties by id the same way."""
    pk = int(cursor["i"])
    day = datetime.date.fromisoformat(cursor["d"]) if cursor["d"] else None
    beyond = "lt" if newest else "gt"
    if day is None:
        return Q(published_on__isnull=True, **{f"id__{beyond}": pk})
    return (
        Q(**{f"published_on__{beyond}": day})
        | Q(published_on=day, **{f"id__{beyond}": pk})
        | Q(published_on__isnull=True)
    )
