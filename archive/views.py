"""Public pages. Views stay short: queries live in ``selectors``, filters in ``filters``."""

from __future__ import annotations

import csv

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from archive import charts, selectors
from archive.filters import PhotoFilter, filter_messages
from archive.models import Article, Author, AuthorAlias, District, Speaker, SpeakerAlias
from archive.pagination import page_of

PAGE_SIZE = selectors.PAGE_SIZE
PHOTO_PAGE_SIZE = 24
PEOPLE_PAGE_SIZE = 60
EXPORT_LIMIT = 10_000


def paginate(request: HttpRequest, items, per_page: int):
    return page_of(items, request.GET.get("page"), per_page)


def home(request: HttpRequest) -> HttpResponse:
    context = {"latest": selectors.article_list()[:10], **selectors.overview()}
    return render(request, "archive/home.html", context)


def article_list(request: HttpRequest) -> HttpResponse:
    listing = selectors.article_listing(params=request.GET)
    return render(request, "archive/article_list.html", listing.context())


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_get(pk=pk)
    older, newer = selectors.article_neighbours(article=article)
    context = {
        "article": article,
        "related": selectors.article_related(article=article),
        "older": older,
        "newer": newer,
    }
    return render(request, "archive/article_detail.html", context)


def author_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.author_list(), PEOPLE_PAGE_SIZE)
    return render(request, "archive/author_list.html", {"page_obj": page})


def _person_or_redirect(model, alias_model, slug: str, url_name: str):
    """The person with this slug; a merged person's old slug redirects to the one kept."""
    person = model.objects.filter(slug=slug).first()
    if person is not None:
        return person, None
    alias = get_object_or_404(alias_model.objects.select_related(), slug=slug)
    kept = getattr(alias, model._meta.model_name)
    return None, redirect(url_name, slug=kept.slug, permanent=True)


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author, moved = _person_or_redirect(Author, AuthorAlias, slug, "archive:author_detail")
    if moved:
        return moved
    articles = selectors.person_articles(person=author)
    context = selectors.article_listing(params=request.GET, scope=articles).context() | {
        "person": author,
        "year_chart": charts.columns(
            [(str(year), n) for year, n in selectors.articles_per_year(articles)],
            title=_("每年文章数"),
        ),
    }
    return render(request, "archive/author_detail.html", context)


def speaker_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.speaker_list(), PEOPLE_PAGE_SIZE)
    return render(request, "archive/speaker_list.html", {"page_obj": page})


def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker, moved = _person_or_redirect(Speaker, SpeakerAlias, slug, "archive:speaker_detail")
    if moved:
        return moved
    page = paginate(request, selectors.speaker_quotes(speaker=speaker), PAGE_SIZE)
    return render(request, "archive/speaker_detail.html", {"person": speaker, "page_obj": page})


def district_list(request: HttpRequest) -> HttpResponse:
    districts = selectors.overview()["districts"]  # cached: one aggregate over every link
    chart = charts.horizontal_bars(
        [(d.name, d.n_articles, d.get_absolute_url()) for d in districts],
        title=_("各区文章数"),
    )
    return render(request, "archive/district_list.html", {"districts": districts, "chart": chart})


def district_detail(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(District, slug=slug)
    articles = selectors.article_list().filter(district_links__district=district)
    listing = selectors.article_listing(params=request.GET, scope=articles)
    context = listing.context() | {"district": district}
    # The people beside the listing are those of the articles listed, filters included.
    context |= {
        "reporters": context["facets"]["reporter"],
        "speakers": context["facets"]["speaker"],
    }
    return render(request, "archive/district_detail.html", context)


def photo_list(request: HttpRequest) -> HttpResponse:
    filterset = PhotoFilter(request.GET, queryset=selectors.photo_list())
    page = paginate(request, filterset.qs, PHOTO_PAGE_SIZE)
    context = {"filter": filterset, "filter_messages": filter_messages(filterset), "page_obj": page}
    return render(request, "archive/photo_list.html", context)


# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """Text as a spreadsheet shows it, never runs it: a leading apostrophe, OWASP's advice."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class Echo:
    def write(self, value: str) -> str:
        return value


def article_export(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered listing as CSV (UTF-8 with BOM so spreadsheet programs read Chinese)."""
    writer = csv.writer(Echo())
    base = request.build_absolute_uri("/")[:-1]

    def rows():
        yield "\ufeff" + writer.writerow(
            ["id", "date", "publication", "page", "title", "authors", "districts", "url"]
        )
        for article in selectors.article_export(params=request.GET, limit=EXPORT_LIMIT):
            text = [
                article.publication.name if article.publication else "",
                article.page,
                article.title,
                "、".join(b.author.name for b in article.bylines.all()),
                "、".join(link.district.name for link in article.district_links.all()),
            ]
            yield writer.writerow(
                [
                    article.pk,
                    article.published_on or "",
                    *map(spreadsheet_text, text),
                    base + article.get_absolute_url(),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="articles.csv"'
    return response


class LatestArticlesFeed(Feed):
    title = _("上海报刊档案 · 最新文章")
    description = _("最新导入并发布的上海报刊文章")

    def link(self) -> str:
        return reverse("archive:article_list")

    def items(self):
        return selectors.article_list()[:30]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # RSS readers render <description> as HTML; the body is plain text, so it goes escaped.
        return escape(item.body[:200])

    def item_author_name(self, item: Article) -> str:
        return "、".join(b.author.name for b in item.bylines.all())
