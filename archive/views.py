from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from archive import selectors
from archive.models import Author, District, Speaker

PAGE_SIZE = 20


def _paginate(request: HttpRequest, queryset):
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def home(request: HttpRequest) -> HttpResponse:
    page = _paginate(request, selectors.article_list())
    return render(request, "archive/home.html", {"page_obj": page})


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_get(pk=pk)
    return render(request, "archive/article_detail.html", {"article": article})


def _person_page(request, model, slug, relation, template):
    person = get_object_or_404(model, slug=slug)
    articles = selectors.article_list().filter(**{relation: person}).distinct()
    context = {"person": person, "page_obj": _paginate(request, articles)}
    return render(request, template, context)


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _person_page(request, Author, slug, "bylines__author", "archive/person_detail.html")


def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _person_page(request, Speaker, slug, "quotes__speaker", "archive/person_detail.html")


def district_detail(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(District, slug=slug)
    articles = selectors.article_list().filter(district_links__district=district)
    context = {"district": district, "page_obj": _paginate(request, articles)}
    return render(request, "archive/district_detail.html", context)
