"""Sitemaps of what a search engine should index: articles, people, districts and dates, each
split at 10,000 URLs a file. Filtered listings are left out on purpose (see robots.txt)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from archive import selectors
from archive.models import Article, District

URLS_PER_FILE = 10_000


class ArchiveSitemap(Sitemap):
    limit = URLS_PER_FILE


class ArticleSitemap(ArchiveSitemap):
    def items(self):
        return Article.objects.published().only("id", "updated_at").order_by("id")

    def lastmod(self, item: Article):
        return item.updated_at


class AuthorSitemap(ArchiveSitemap):
    def items(self):
        return selectors.authors_with_work().only("slug").order_by("slug")


class SpeakerSitemap(ArchiveSitemap):
    def items(self):
        return selectors.speakers_with_quotes().only("slug").order_by("slug")


class DistrictSitemap(ArchiveSitemap):
    def items(self):
        return District.objects.only("slug").order_by("code")


class DateSitemap(ArchiveSitemap):
    """The year pages and every day with articles, for browsing the archive as printed."""

    def items(self):
        days = (
            Article.objects.published()
            .filter(published_on__isnull=False)
            .dates("published_on", "day")
        )
        years = sorted({day.year for day in days})
        return [("year", (year,)) for year in years] + [
            ("day", (day.year, day.month, day.day)) for day in days
        ]

    def location(self, item) -> str:
        kind, args = item
        return reverse(f"archive:date_{kind}", args=args)


LISTING_PAGES = ["home", "article_list", "author_list", "speaker_list", "district_list"]
LISTING_PAGES += ["date_index"]


class PageSitemap(ArchiveSitemap):
    def items(self):
        return LISTING_PAGES

    def location(self, item: str) -> str:
        return reverse(f"archive:{item}")


SITEMAPS = {
    "pages": PageSitemap,
    "articles": ArticleSitemap,
    "authors": AuthorSitemap,
    "speakers": SpeakerSitemap,
    "districts": DistrictSitemap,
    "dates": DateSitemap,
}
