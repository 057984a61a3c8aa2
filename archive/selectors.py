"""Reads: every query the public pages make, in one place, with their prefetches."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from archive.models import Article, ArticleDistrict, Byline, Photo, Quote


def article_list(*, published_only: bool = True) -> QuerySet[Article]:
    """Articles for a listing, with what a listing row shows, in a constant number of queries."""
    articles = Article.objects.all()
    if published_only:
        articles = articles.published()
    return articles.select_related("publication").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        Prefetch("district_links", queryset=ArticleDistrict.objects.select_related("district")),
    )


def article_get(*, pk: int) -> Article:
    """One published article with everything its page shows, or 404."""
    articles = article_list().prefetch_related(
        Prefetch("photos", queryset=Photo.objects.select_related("photographer")),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker")),
    )
    return get_object_or_404(articles, pk=pk)
