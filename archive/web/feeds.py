"""Atom feeds of any listing: the latest articles, an author's, a speaker's, a district's, each
with the listing's own filters and search (``?q=养老&district=yangpu``), newest first."""

from __future__ import annotations

import datetime
import re

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from archive import selectors
from archive.models import Article
from archive.selectors.filters import ArticleFilter

FEED_SIZE = 30
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SITE_NAME = "上海报刊档案"


def feed_title(source: selectors.ListingSource, params) -> str:
    """Say what the feed follows: the person or place, then the search and filters."""
    parts = [SITE_NAME, source.title or _("最新文章")]
    if params.get("q"):
        words = CONTROL_CHARACTERS.sub("", params["q"])  # XML 1.0 cannot hold them
        parts.append(_("搜索：%(q)s") % {"q": words})
    others = sorted({name for name in params if name not in ("q", "page", "sort")})
    if others:
        parts.append(_("筛选：%(names)s") % {"names": "、".join(others)})
    return " · ".join(parts)


class ListingFeed(Feed):
    feed_type = Atom1Feed
    author_name = SITE_NAME  # Atom asks for an author; articles without a byline get the site's

    def get_object(self, request: HttpRequest, kind: str = "articles", slug: str = ""):
        source = selectors.listing_source(kind=kind, slug=slug)
        params = request.GET.copy()
        params.pop("page", None)
        params["sort"] = "newest"  # a feed is read newest first, whatever the page's sort
        filterset = ArticleFilter(params, queryset=source.articles)
        return {
            "title": feed_title(source, request.GET),
            "link": source.url + ("?" + request.GET.urlencode() if request.GET else ""),
            "items": filterset.qs[:FEED_SIZE],
            "self": request.get_full_path(),  # with its filters, as subscribed
        }

    def feed_url(self, obj) -> str:
        return obj["self"]

    def title(self, obj) -> str:
        return obj["title"]

    def link(self, obj) -> str:
        return obj["link"]

    def subtitle(self, obj) -> str:
        return _("上海报刊档案中符合条件的最新 %(n)s 篇文章") % {"n": FEED_SIZE}

    def items(self, obj):
        return obj["items"]

    def item_title(self, item: Article) -> str:
        return item.display_title

    def item_description(self, item: Article) -> str:
        # Readers render the summary as HTML; the body is plain text, so it goes escaped.
        return escape(item.body[:200])

    def item_author_name(self, item: Article) -> str | None:
        return "、".join(b.author.name for b in item.bylines.all()) or None

    def item_pubdate(self, item: Article) -> datetime.datetime | None:
        if item.published_on is None:
            return None
        midnight = datetime.datetime.combine(item.published_on, datetime.time())
        return timezone.make_aware(midnight)

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at
