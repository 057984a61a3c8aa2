"""Reads for browsing the archive as it was printed: by year, month and day, then by edition
(one publication's day) and page. Only published articles; each page in a fixed number of queries.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.translation import gettext as _

from archive.cache.stored import stored_figure, whole_archive_key
from archive.models import Article, Publication
from archive.selectors import article_list


@dataclass(frozen=True)
class YearCount:
    year: int
    count: int


@dataclass(frozen=True)
class Day:
    date: datetime.date
    count: int  # 0: no article that day, or a day of the neighbouring month shown for the grid
    in_month: bool


@dataclass(frozen=True)
class Month:
    number: int
    count: int
    weeks: list[list[Day]]


@dataclass
class Edition:
    """One publication's day; ``publication`` None gathers the articles whose paper is unknown."""

    publication: Publication | None
    count: int = 0
    pages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    page: str  # as printed ("3", "A05"); "" when unknown
    articles: list[Article]


def day_or_404(year: int, month: int = 1, day: int = 1) -> datetime.date:
    """The calendar day, or a 404 for a year 99999, a month 13 or 30 February."""
    try:
        return datetime.date(year, month, day)
    except (ValueError, OverflowError) as error:
        raise Http404(_("没有这一天")) from error


def _published() -> QuerySet[Article]:
    return Article.objects.published().order_by()


def date_years() -> list[YearCount]:
    """Years with their counts, newest first: one aggregate over every dated article, so a
    crawler walking the calendar pays for it at most every few minutes."""
    return stored_figure(whole_archive_key("archive:date-years"), _date_years, DATES_CACHE_SECONDS)


DATES_CACHE_SECONDS = 300


def _date_years() -> list[YearCount]:
    rows = (
        _published()
        .filter(published_on__isnull=False)
        .annotate(year=ExtractYear("published_on"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("-year")
    )
    return [YearCount(row["year"], row["n"]) for row in rows]


def undated_count() -> int:
    return _published().filter(published_on__isnull=True).count()


def undated_articles() -> QuerySet[Article]:
    return article_list().filter(published_on__isnull=True)


def date_year(*, year: int) -> list[Month]:
    """The months of ``year`` that have articles, each with a calendar of its days' counts;
    a 404 when the year has none."""
    start = day_or_404(year)
    end = datetime.date(year + 1, 1, 1) if year < datetime.MAXYEAR else datetime.date.max
    rows = (
        _published()
        .filter(published_on__gte=start, published_on__lt=end)
        .values("published_on")
        .annotate(n=Count("id"))
    )
    per_day = {row["published_on"]: row["n"] for row in rows}
    if not per_day:
        raise Http404(_("这一年没有文章"))
    grid = calendar.Calendar(firstweekday=0)  # weeks start on Monday, as Chinese calendars do

    def weeks(month: int) -> list[list[Day]]:
        return [
            [
                Day(day, per_day.get(day, 0) if day.month == month else 0, day.month == month)
                for day in week
            ]
            for week in grid.monthdatescalendar(year, month)
        ]

    return [
        Month(month, sum(n for day, n in per_day.items() if day.month == month), weeks(month))
        for month in sorted({day.month for day in per_day})
    ]


def date_day(*, day: datetime.date) -> list[Edition]:
    """The day's editions, one per publication (by name) and its pages in order; the articles
    whose publication is unknown last. A 404 when nothing was published that day."""
    rows = (
        _published()
        .filter(published_on=day)
        .values("publication_id", "page")
        .annotate(n=Count("id"))
    )
    editions: dict[int | None, Edition] = {}
    for row in rows:
        edition = editions.setdefault(row["publication_id"], Edition(None))
        edition.count += row["n"]
        edition.pages.append(row["page"])
    if not editions:
        raise Http404(_("这一天没有文章"))
    for publication in Publication.objects.filter(pk__in=[pk for pk in editions if pk]):
        editions[publication.pk].publication = publication
    for edition in editions.values():
        edition.pages.sort(key=page_order)
    return sorted(
        editions.values(),
        key=lambda e: (e.publication is None, e.publication.name if e.publication else ""),
    )


def date_edition(*, day: datetime.date, publication: Publication) -> list[Page]:
    """One publication's day: its pages in order, each page's articles in printed order (the
    order of the page's text, which the import keeps as the order of ids). 404 if empty."""
    articles = article_list().filter(published_on=day, publication=publication).order_by("id")
    pages: dict[str, list[Article]] = {}
    for article in articles:
        pages.setdefault(article.page, []).append(article)
    if not pages:
        raise Http404(_("这份报纸这一天没有文章"))
    return [Page(page, pages[page]) for page in sorted(pages, key=page_order)]


PAGE_NUMBER = re.compile(r"([^\d]*)(\d*)(.*)")


def page_order(page: str) -> tuple:
    """Pages as a reader turns them: A01 < A02 < A10 < B01, 2 < 10; an unknown page last."""
    if not page:
        return (1, "", 0, "")
    prefix, number, rest = PAGE_NUMBER.fullmatch(page).groups()
    return (0, prefix.upper(), int(number) if number else 0, rest)
