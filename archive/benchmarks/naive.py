"""Each measured page built the naive way, as a first version would be: a plain FilterSet and
Django's paginator with an exact count, no ``select_related`` or ``prefetch_related`` (a query per
row for its bylines and places), ``icontains`` for search, ``OR`` for previous / next, and the
stock admin. ``bench_http`` times these beside the real pages in the same run."""

from __future__ import annotations

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from archive.models import Article, Author, District, Speaker
from archive.selectors.filters import ArticleFilter
from archive.web import citations

PAGE_SIZE = 20


class QueryCountMiddleware:
    """``X-Queries``: how many SQL statements the response took (the benchmark's column)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response["X-Queries"] = str(count)
        return response


def _page(request, items, per_page: int = PAGE_SIZE):
    paginator = Paginator(items, per_page)  # an exact COUNT(*) of the whole result
    try:
        return paginator.page(request.GET.get("page") or 1)
    except Exception as error:  # any bad page is a 404, as on the real site
        raise Http404(str(error)) from error


def _listing(request, articles, title: str):
    params = request.GET.copy()
    words = params.pop("q", [""])[0]
    if words:
        for word in words.split():
            articles = articles.filter(Q(title__icontains=word) | Q(body__icontains=word))
    filterset = ArticleFilter(params, queryset=articles.order_by("-published_on", "-id"))
    page = _page(request, filterset.qs)
    return render(request, "bench/naive_list.html", {"title": title, "page_obj": page})


def article_list(request):
    return _listing(request, Article.objects.filter(status=Article.Status.PUBLISHED), "文章")


def author_detail(request, slug: str):
    author = get_object_or_404(Author, slug=slug)
    articles = Article.objects.filter(status=Article.Status.PUBLISHED, bylines__author=author)
    return _listing(request, articles.distinct(), author.name)


def district_detail(request, slug: str):
    district = get_object_or_404(District, slug=slug)
    articles = Article.objects.filter(status=Article.Status.PUBLISHED, districts=district)
    return _listing(request, articles.distinct(), district.name)


def article_detail(request, pk: int):
    article = get_object_or_404(Article, pk=pk, status=Article.Status.PUBLISHED)
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    day = article.published_on
    older = newer = None
    if day is not None:
        older = (
            published.filter(Q(published_on__lt=day) | Q(published_on=day, id__lt=article.id))
            .order_by("-published_on", "-id")
            .first()
        )
        newer = (
            published.filter(Q(published_on__gt=day) | Q(published_on=day, id__gt=article.id))
            .order_by("published_on", "id")
            .first()
        )
    related = (
        published.filter(districts__in=article.districts.all())
        .exclude(pk=article.pk)
        .distinct()
        .order_by("-published_on")[:5]
    )
    context = {
        "article": article,
        "citation": citations.gbt7714(article),
        "related": related,
        "older": older,
        "newer": newer,
    }
    return render(request, "archive/article_detail.html", context)


def author_list(request):
    people = Author.objects.annotate(n=Count("bylines")).filter(n__gt=0).order_by("-n", "name")
    page = _page(request, people, 60)
    return render(request, "bench/naive_people.html", {"title": "作者", "page_obj": page})


def speaker_list(request):
    people = Speaker.objects.annotate(n=Count("quotes")).filter(n__gt=0).order_by("-n", "name")
    page = _page(request, people, 60)
    return render(request, "bench/naive_people.html", {"title": "受访者", "page_obj": page})


def speaker_detail(request, slug: str):
    speaker = get_object_or_404(Speaker, slug=slug)
    articles = Article.objects.filter(status=Article.Status.PUBLISHED, quotes__speaker=speaker)
    return _listing(request, articles.distinct(), speaker.name)


def district_list(request):
    districts = District.objects.annotate(n=Count("articles")).order_by("code")
    return render(request, "bench/naive_people.html", {"title": "区", "page_obj": districts})


class NaiveArticleAdmin(admin.ModelAdmin):
    """The stock changelist: exact counts, ``icontains`` over titles and authors' names."""

    list_display = ["title", "publication", "published_on", "status"]
    list_filter = ["status", "publication"]
    search_fields = ["title", "bylines__author__name"]
    change_list_template = "admin/change_list.html"  # Django's own, not the archive's


admin_site = admin.AdminSite(name="naive_admin")
admin_site.register(Article, NaiveArticleAdmin)
