"""The API's views: each parses its parameters, asks a selector, and returns JSON."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from archive import selectors
from archive.api import cursors, openapi, records
from archive.api.cursors import DEFAULT_LIMIT, MAX_LIMIT
from archive.filters import SORTS, ArticleFilter
from archive.middleware import client_address


def json(data, status: int = 200, **headers) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def error(message: str, status: int = 400, **details) -> JsonResponse:
    return json({"error": message, **details}, status=status)


def rate_limited(view):
    """At most ARCHIVE_API_RATE requests a minute from one address (a fixed window in the
    cache), then 429 with Retry-After: polite to share, and a loop cannot drown the site."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        window = 60
        # The client's address as the login limit reads it (django-axes), proxy settings included.
        key = f"archive:api-rate:{client_address(request) or ''}"
        cache.add(key, 0, window)
        try:
            used = cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.set(key, used := 1, window)
        if used > settings.ARCHIVE_API_RATE:
            message = _("请求过于频繁，请稍后再试。")
            return json({"error": message}, status=429, Retry_After=str(window))
        response = view(request, *args, **kwargs)
        response["X-RateLimit-Limit"] = str(settings.ARCHIVE_API_RATE)
        response["X-RateLimit-Remaining"] = str(max(settings.ARCHIVE_API_RATE - used, 0))
        return response

    return wrapper


def paging(request: HttpRequest) -> tuple[dict, int]:
    """The cursor and page size asked for; BadCursor or ValueError when they are not valid."""
    limit = int(request.GET.get("limit") or DEFAULT_LIMIT)
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(limit)
    return cursors.decode(request.GET.get("cursor")), limit


def next_link(request: HttpRequest, cursor: dict | None) -> str | None:
    if cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = cursors.encode(cursor)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def filtered(request: HttpRequest) -> ArticleFilter | JsonResponse:
    """The listing's FilterSet on the request; an invalid value is a 400 naming it."""
    params = request.GET.copy()
    for name in ("cursor", "limit", "interval"):
        params.pop(name, None)
    filterset = ArticleFilter(params, queryset=selectors.article_list())
    if not filterset.is_valid():
        return error(_("参数无效"), errors=filterset.errors.get_json_data())
    return filterset


BAD_PAGING = _("cursor 或 limit 无效（limit 为 1 到 %(max)s）")


@rate_limited
def index(request: HttpRequest) -> JsonResponse:
    links = ["articles", "authors", "speakers", "districts", "coverage", "openapi"]
    return json({name: request.build_absolute_uri(reverse(f"api:{name}")) for name in links})


@rate_limited
def article_list(request: HttpRequest) -> JsonResponse:
    filterset = filtered(request)
    if isinstance(filterset, JsonResponse):
        return filterset
    try:
        cursor, limit = paging(request)
        sort = filterset.form.cleaned_data.get("sort")
        if filterset.form.cleaned_data.get("q") and sort not in SORTS:
            rows, more = cursors.offset_page(filterset.qs, cursor, limit)  # by relevance
        else:
            newest = sort != "oldest"
            rows, more = cursors.keyset_page(filterset.qs, cursor, limit, newest=newest)
    except (cursors.BadCursor, ValueError):
        return error(BAD_PAGING % {"max": MAX_LIMIT})
    absolute = request.build_absolute_uri
    results = [records.article_summary(article, absolute) for article in rows]
    return json({"results": results, "next": next_link(request, more)})


@rate_limited
def article_detail(request: HttpRequest, pk: int) -> JsonResponse:
    try:
        article = selectors.article_get(pk=pk)
    except Http404:
        return error(_("没有这篇文章"), status=404)
    return json(records.article_record(article, request.build_absolute_uri))


@rate_limited
def coverage(request: HttpRequest) -> JsonResponse:
    interval = request.GET.get("interval", "")
    if interval and interval not in selectors.COVERAGE_INTERVALS:
        return error(_("interval 只能是 month 或 year"))
    filterset = filtered(request)
    if isinstance(filterset, JsonResponse):
        return filterset
    series = selectors.article_coverage(filterset.unranked(), interval=interval)
    rows = [{"period": label, "count": n} for label, n in series.labelled]
    return json({"interval": series.interval, "total": series.total, "results": rows})


def _people(request: HttpRequest, items, counts: tuple[str, ...]) -> JsonResponse:
    try:
        cursor, limit = paging(request)
        rows, more = cursors.offset_page(items, cursor, limit)
    except (cursors.BadCursor, ValueError):
        return error(BAD_PAGING % {"max": MAX_LIMIT})
    absolute = request.build_absolute_uri
    results = [
        records.counted(item, absolute, **{name: getattr(item, name) for name in counts})
        for item in rows
    ]
    return json({"results": results, "next": next_link(request, more)})


@rate_limited
def author_list(request: HttpRequest) -> JsonResponse:
    return _people(request, selectors.author_list(), ("n_articles", "n_photos"))


@rate_limited
def speaker_list(request: HttpRequest) -> JsonResponse:
    return _people(request, selectors.speaker_list(), ("n_articles", "n_quotes"))


@rate_limited
def district_list(request: HttpRequest) -> JsonResponse:
    return _people(request, selectors.district_list(), ("n_articles",))


@rate_limited
def openapi_description(request: HttpRequest) -> JsonResponse:
    return json(openapi.description(server=request.build_absolute_uri("/api/")))
