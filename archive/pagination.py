"""A paginator that does not count a million rows to say "about half a million".

On PostgreSQL, when the planner expects more than ESTIMATE_ABOVE rows, the count is the planner's
estimate and ``paginator.estimated`` is true (pages say 约); small results are counted exactly.
"""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connections
from django.http import Http404
from django.utils.functional import cached_property

ESTIMATE_ABOVE = 10_000


def estimated_count(queryset) -> int | None:
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


class EstimatingPaginator(Paginator):
    estimated = False

    @cached_property
    def count(self) -> int:
        if hasattr(self.object_list, "query"):
            estimate = estimated_count(self.object_list)
            if estimate is not None and estimate > ESTIMATE_ABOVE:
                self.estimated = True
                return estimate
        return super().count


def page_of(items, number: str | int | None, per_page: int) -> Page:
    """The requested page; a page number out of range or not a number is a 404."""
    try:
        return EstimatingPaginator(items, per_page).page(number or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
