"""A paginator that does not count a million rows to say "about half a million".

On PostgreSQL, when the planner expects more than ESTIMATE_ABOVE rows, the count is the planner's
estimate and ``paginator.estimated`` is true (pages say 约); small results are counted exactly.
A listing remembers its count until a write (``cache_key``), and reads no rows past its deepest
page (``deepest``): OFFSET reads every row it skips.
"""

from __future__ import annotations

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property

from archive.cache.stored import stored_figure
from archive.db import estimated_count

ESTIMATE_ABOVE = 10_000


class BrowsablePage(Page):
    """A page of a listing that can be read only so deep: past ``deepest`` a page is given
    without its rows (``too_deep``), and the deepest one has no "next" link."""

    too_deep = False

    def has_next(self) -> bool:
        deepest = self.paginator.deepest
        return super().has_next() and (deepest is None or self.number < deepest)


class EstimatingPaginator(Paginator):
    """``cache_key``: remember the count there (``stored.stored_figure``); ``deepest``: the
    deepest page whose rows are read; ``counting``: the same rows in a form quicker to count."""

    estimated = False

    def __init__(self, *args, cache_key=None, deepest=None, counting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cache_key, self.deepest, self.counting = cache_key, deepest, counting

    @cached_property
    def count(self) -> int:
        if self.cache_key is None:
            return self._count()
        self.estimated, count = stored_figure(self.cache_key, self._counted)
        return count

    def _counted(self) -> tuple[bool, int]:
        count = self._count()
        return self.estimated, count

    def _count(self) -> int:
        counted = self.object_list if self.counting is None else self.counting
        if hasattr(counted, "query"):
            estimate = estimated_count(counted)
            if estimate is not None and estimate > ESTIMATE_ABOVE:
                self.estimated = True
                return estimate
            return counted.count()
        return super().count

    def page(self, number) -> BrowsablePage:
        number = self.validate_number(number)
        if self.deepest is not None and number > self.deepest:
            page = BrowsablePage([], number, self)  # no rows read: OFFSET grows with depth
            page.too_deep = True
            return page
        return super().page(number)

    def _get_page(self, *args, **kwargs) -> BrowsablePage:
        return BrowsablePage(*args, **kwargs)


class RankedRows:
    """A ranked result (a relevance search: at most a few hundred matches, in an order no index
    has) as the paginator's sequence. Ranking reads every candidate's search vector, so the
    order found is remembered as a listing's figures are, until the next write (``key``);
    a page's rows are then read by id from ``rows``, the same articles in any order."""

    def __init__(self, ranked: QuerySet, rows: QuerySet, key: str):
        self.ranked, self.rows, self.key = ranked, rows, key

    @cached_property
    def ids(self) -> list[int]:
        return stored_figure(self.key, lambda: list(self.ranked.values_list("pk", flat=True)))

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list:
        wanted = self.ids[index]
        found = {row.pk: row for row in self.rows.filter(pk__in=wanted)}
        return [found[pk] for pk in wanted if pk in found]


def page_of(
    items,
    number: str | int | None,
    per_page: int,
    *,
    cache_key: str | None = None,
    deepest: int | None = None,
    counting=None,
) -> Page:
    """The requested page; a page number out of range or not a number is a 404. With
    ``deepest``, a page past it comes without rows and says so (``too_deep``)."""
    try:
        options = {"cache_key": cache_key, "deepest": deepest, "counting": counting}
        paginator = EstimatingPaginator(items, per_page, **options)
        return paginator.page(number or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
