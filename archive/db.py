"""Helpers that steer the query planner: below the selectors and the search, which both ask it.

``estimated_count``: on PostgreSQL, the planner's estimate of a query's rows (None elsewhere), so
a listing of half a million articles says "about" instead of counting them; ``ProbedExists``: an
EXISTS the planner asks row by row through an index.
"""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Exists


def estimated_count(queryset) -> int | None:
    """The planner's estimate of the rows ``queryset`` returns, on PostgreSQL; None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        query = queryset.order_by().values("pk").query
        sql, params = query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # .none(): nothing to estimate
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class ProbedExists(Exists):
    """EXISTS asked of each row through the index. OFFSET 0 is PostgreSQL's long-standing fence:
    a subquery with an OFFSET is never turned into one hashed list of every matching row, which
    the planner picks whatever the LIMIT when it expects many rows to ask about."""

    template = "EXISTS(%(subquery)s OFFSET 0)"
