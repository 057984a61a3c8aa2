"""How many articles a listing has per month or year: the coverage chart, and whether it is
drawn after the page (``coverage_later``)."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import (
    Count,
    QuerySet,
)
from django.db.models.functions import TruncMonth

from archive.cache.figures import figures_key, lagging
from archive.db import estimated_count
from archive.models import (
    Article,
)
from archive.selectors.pagination import ESTIMATE_ABOVE

COVERAGE_INTERVALS = ("month", "year")
MONTHS_BEFORE_YEARS = 36  # a longer span is drawn by year, or a chart has hundreds of bars


def listing_coverage(
    articles: QuerySet[Article],
    *,
    interval: str = "",
    later: bool = False,
    size: int | None = None,
) -> CoverageSeries | None:
    """A listing's ``article_coverage``, kept as ``figures.lagging`` says: over every match it
    is the dearest figure of a page (a million rows for the whole archive). With
    ``later``, None where the page should come first and its chart after it
    (``coverage_later``; ``size``: how many match, if the page counted them exactly)."""
    key = figures_key("coverage", articles, interval, lagging=True)
    if later and coverage_later(articles, interval=interval, size=size, key=key):
        return None
    counted = lagging(key, lambda: article_coverage(articles, interval=interval))
    return dataclasses.replace(counted.value, behind_since=counted.behind_since)


# A listing whose chart has not been counted since the last change, over more matches than
# this by the planner's estimate, shows its page first and its chart after it (a common word
# at a million articles: the page in 0.1 s, the chart in 10 s from a cold disk).
COVERAGE_INLINE_UP_TO = ESTIMATE_ABOVE


def coverage_later(
    articles: QuerySet[Article],
    *,
    interval: str = "",
    size: int | None = None,
    key: str | None = None,
) -> bool:
    """Whether a listing should come without its coverage chart, which then follows it
    (``views.coverage_section``): not yet counted, and over many matches (``size``, if the
    page knows it exactly; else the planner's estimate). Without an estimate (SQLite, a small
    archive's engine) it is counted with the page."""
    if size is not None and size <= COVERAGE_INLINE_UP_TO:
        return False
    if cache.get(key or figures_key("coverage", articles, interval, lagging=True)) is not None:
        return False
    estimate = estimated_count(articles)
    return estimate is not None and estimate > COVERAGE_INLINE_UP_TO


def article_coverage(articles: QuerySet[Article], *, interval: str = "") -> CoverageSeries:
    """Articles per month or year (``interval``; empty: by month up to three years, else by
    year), every period from the first to the last, those without articles as 0. One query."""
    months = list(
        articles.order_by()
        .filter(published_on__isnull=False)
        .annotate(period=TruncMonth("published_on"))
        .values("period")
        .annotate(n=Count("id"))
        .order_by("period")
    )
    counts = {_first_of_month(row["period"]): row["n"] for row in months}
    if not counts:
        return CoverageSeries(interval or "month", [])
    first, last = min(counts), max(counts)
    if not interval:
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        interval = "month" if span <= MONTHS_BEFORE_YEARS else "year"
    if interval == "year":
        years: dict[datetime.date, int] = {}
        for month, n in counts.items():
            years[month.replace(month=1)] = years.get(month.replace(month=1), 0) + n
        periods = [datetime.date(year, 1, 1) for year in range(first.year, last.year + 1)]
        return CoverageSeries("year", [(p, years.get(p, 0)) for p in periods])
    periods, month = [], first
    while month <= last:
        periods.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return CoverageSeries("month", [(p, counts.get(p, 0)) for p in periods])


def _first_of_month(value) -> datetime.date:
    # TruncMonth gives a date on a date column; a datetime on some back ends' versions.
    return datetime.date(value.year, value.month, 1)


@dataclass(frozen=True)
class CoverageSeries:
    interval: str  # "month" or "year"
    rows: list[tuple[datetime.date, int]]  # the first day of each period, with its count
    behind_since: datetime.datetime | None = None  # counted then; a change since is not in it

    def label(self, period: datetime.date) -> str:
        return f"{period:%Y-%m}" if self.interval == "month" else f"{period:%Y}"

    @property
    def labelled(self) -> list[tuple[str, int]]:
        return [(self.label(period), n) for period, n in self.rows]

    @property
    def total(self) -> int:
        return sum(n for _period, n in self.rows)
