"""What the archive keeps in the shared cache, and how a write makes all of it stale at once.

Three kinds of entries: figures (the home page's counts, the year lists, the dates index, a
listing's counts and facets), whole public pages as readers get them, and fragments (a
listing's rows) that pages share. A write to the archive — an import, an editor's save, a
merge, a restore — calls ``archive_changed_after_commit()``; when its transaction commits, the
archive's *generation* (a random token under one key) changes. Every figure, stored page and
ETag carries the generation it was made at,
so with Redis (REDIS_URL) every web worker stops using them at the same moment; with the
local-memory cache only the writing process does, and the others within
``ARCHIVE_PAGE_CACHE_SECONDS``.

``PublicPageCacheMiddleware`` serves the public reading pages: to a reader who is not logged in
(no session cookie, or an anonymous session) a GET or HEAD gets ``Cache-Control: public`` that a
browser revalidates every time and a proxy keeps ``ARCHIVE_PAGE_MAX_AGE`` seconds, and an ETag;
a repeated request with that ETag gets a 304, and a page another reader already had is sent as
stored, without a query. Logged-in editors never get a
stored page, an ETag or a public header. Only query strings made of parameters the site knows,
under ``MAX_QUERY_LENGTH`` characters, are stored, and at most ``ARCHIVE_PAGE_CACHE_ENTRIES`` new
pages per ``ARCHIVE_PAGE_CACHE_SECONDS``: random parameters cannot fill the cache.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import logging
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

logger = logging.getLogger("archive.cache")

GENERATION_KEY = "archive:generation"
# What the generation reads as when the cache cannot be reached: no page is tagged or stored
# under it, or a browser would get 304 for a page a write changed during the outage.
UNKNOWN_GENERATION = "unknown"
PAGE_PREFIX = "archive:page:"
FRAGMENT_PREFIX = "archive:fragment:"
STORED_COUNT_KEY = "archive:stored"  # + the kind: entries stored in this window
_MISSING = object()
MAX_QUERY_LENGTH = 300  # a search of a few words with filters; longer ones render every time
# The pages served this way: the reading site, its feeds and exports, the sitemap and robots.txt.
PUBLIC_NAMESPACE = "archive"
PUBLIC_NAMES = {"sitemap", "sitemap_section", "robots_txt"}
SAFE_METHODS = ("GET", "HEAD")
clock = time.time  # a test moves it forward


def archive_changed() -> None:
    """Start a new generation: every stored page, ETag and figure (each keyed by the
    generation it was made at) is stale. The generation says when it began (``_settled``)."""
    new = f"{secrets.token_hex(8)}@{clock():.0f}"
    cache.set(GENERATION_KEY, new, _generation_seconds())
    if not getattr(cache, "available", lambda: True)():  # archive/cache_backend.py
        cache.after_outage(archive_changed)  # moved as soon as this process reaches it again
        logger.warning(
            "the archive changed while the cache was unavailable: the change is saved, and the "
            "pages will be refreshed when the cache answers again (at most %s s from now)",
            settings.ARCHIVE_PAGE_CACHE_SECONDS,
        )
    if (read := _read.get()) is not None:  # this request goes on with the new one
        read[GENERATION_KEY] = new


def change_pending() -> bool:
    """Whether a change could not yet move the generation (the cache was unreachable)."""
    return getattr(cache, "change_pending", lambda: False)()


def pending_change_notice(what: str) -> str | None:
    """What a command that wrote says when its change could not yet reach the cache, or None;
    ``what`` names what is in the database (``the articles are``, ``the archive is``)."""
    if not change_pending():
        return None
    seconds = settings.ARCHIVE_PAGE_CACHE_SECONDS
    return (
        f"注意：缓存 (Redis) 无法连接，数据已经写入；网站页面最迟 {seconds} 秒后更新 "
        f"(the cache was unreachable: {what} in the database; the public pages will show "
        f"the change within {seconds} s)"
    )


def archive_changed_after_commit() -> None:
    """For every write path: when the transaction commits, not before, or a reader in between
    would store the old page under the new generation."""
    transaction.on_commit(archive_changed)


# Within a request (``generation_read_once``): what it read once (``read_once``), by key: the
# generation, each figure query's SQL.
_read: contextvars.ContextVar[dict | None] = contextvars.ContextVar("generation", default=None)


@contextlib.contextmanager
def generation_read_once() -> Iterator[None]:
    """Inside the block the generation is asked of the cache once, not once for each figure,
    row and page key (each a round trip to Redis); a write inside it moves it at once."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def generation() -> str:
    """The archive's current generation: part of every stored page's key, ETag and figure."""
    return read_once(GENERATION_KEY, lambda: _generation(cache.get(GENERATION_KEY)))


def read_once(key, compute):
    """``compute()`` once per request for ``key`` (anything hashable), inside
    ``generation_read_once``; outside a request, every time."""
    read = _read.get()
    if read is None:
        return compute()
    if key not in read:
        read[key] = compute()
    return read[key]


def _took_up(stored: str | None) -> str:
    """The generation a request found beside its page (``PublicPageCacheMiddleware``): the
    one the rest of the request uses."""
    found = _generation(stored)
    if (read := _read.get()) is not None:
        read[GENERATION_KEY] = found
    return found


def _generation(stored: str | None) -> str:
    if stored is not None:
        return stored
    cache.add(GENERATION_KEY, secrets.token_hex(8), _generation_seconds())  # one racer wins
    return cache.get(GENERATION_KEY) or UNKNOWN_GENERATION


def _generation_seconds() -> int | None:
    """Until the next change where the cache is shared. In one process's memory, which another
    process's write never reaches, no longer than a stored page: every process then takes up a
    new generation, so new ETags, in time."""
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        return None
    return max(settings.ARCHIVE_PAGE_CACHE_SECONDS, 1)


def kept(key: str, compute, seconds: int):
    """``cache.get_or_set``, for every figure the archive remembers: but while a read replica
    may still be behind the last change (``settled``), computed and not kept. The key names
    the generation (``figures_key``, ``generation_key``)."""
    if not settled():
        return compute()
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    if _room("figures", seconds, settings.ARCHIVE_FIGURE_CACHE_ENTRIES):
        cache.add(key, value, seconds)
    return value


def generation_key(name: str) -> str:
    """The key of a figure of the whole archive under the generation the request read: a
    reader that began before a write and stores its figures after it stores them under the
    old generation, where nobody reads them again."""
    return f"{name}@{generation()}"


def settled() -> bool:
    """Whether what the database says now may be kept (pages, ETags, figures) until the next
    change: not while a read replica may still be behind it (``_settled``)."""
    return _settled(generation())


def _settled(generation: str) -> bool:
    """Whether the read replicas have had time to receive the change that began this
    generation: a page read from one still behind would otherwise be kept (and tagged) as the
    new generation's until the next change."""
    _token, _at, began = generation.partition("@")
    wait = settings.ARCHIVE_PAGE_SETTLE_SECONDS
    return not (wait and began) or clock() - float(began) >= wait


def fragments(items: list, key_of, render) -> list[str]:
    """Each item's HTML (``render(item)``), kept for this generation under ``key_of(item)``,
    which must name everything the HTML depends on besides the archive itself: the rows of a
    listing, asked of the cache all at once, so a row another page showed since the last change
    is not rendered again. ``ARCHIVE_FRAGMENT_CACHE_SECONDS`` 0: always rendered."""
    seconds = settings.ARCHIVE_FRAGMENT_CACHE_SECONDS
    if not items or seconds <= 0:
        return [render(item) for item in items]
    now = generation()  # read once: ``settled()`` would read it again
    if not _settled(now):
        return [render(item) for item in items]
    keys = [
        FRAGMENT_PREFIX + hashlib.sha256(f"{now}:{key_of(item)}".encode()).hexdigest()
        for item in items
    ]
    found = cache.get_many(keys)
    made = {key: render(item) for key, item in zip(keys, items, strict=True) if key not in found}
    if made and _room("fragments", seconds, settings.ARCHIVE_FRAGMENT_CACHE_ENTRIES, len(made)):
        cache.set_many(made, seconds)
    return [found[key] if key in found else made[key] for key in keys]


@functools.cache
def known_parameters() -> frozenset[str]:
    """Every query parameter a public page reads; any other makes a page that is not stored."""
    from archive.filters import ArticleFilter, PhotoFilter
    from archive.forms import AdvancedSearchForm

    names = {*ArticleFilter.base_filters, *PhotoFilter.base_filters}
    return frozenset(names | set(AdvancedSearchForm.base_fields) | {"page", "interval", "p"})


def parameters(request: HttpRequest, *, without: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The request's query parameters in a fixed order (however the link wrote them), but
    ``without`` these names: for the keys of what is kept."""
    return sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in without
        for value in values
    )


def page_key(request: HttpRequest) -> str:
    """One key per page as readers see it: scheme, host (feeds and citations carry absolute
    addresses), path, the parameters in a fixed order, and the language."""
    query = parameters(request)
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    text = repr((request.scheme, _host(request), request.path, query, language))
    return PAGE_PREFIX + hashlib.sha256(text.encode()).hexdigest()


def storable(request: HttpRequest) -> bool:
    """Whether a page (or a part of one) made for this request may be kept: only parameters
    the site knows, and not too long a query string."""
    query = request.META.get("QUERY_STRING", "")
    return (
        len(query) <= MAX_QUERY_LENGTH
        and set(request.GET) <= known_parameters()
        and _host(request)[1] in ("", request.get_port())
    )


def _host(request: HttpRequest) -> tuple[str, str]:
    """The host the page was asked of, as one key names it: the domain in lower case without a
    final dot, and the port as sent (a page for another port than the server's is never
    stored: a client could otherwise make a new key with each)."""
    return split_domain_port(request.get_host())


@dataclass
class PublicPage:
    key: str
    generation: str
    storable: bool

    @property
    def etag(self) -> str:
        digest = hashlib.sha256(f"{self.generation}:{self.key}".encode()).hexdigest()
        return f'"{digest[:32]}"'

    def public(self, response: HttpResponse) -> HttpResponse:
        response["ETag"] = self.etag
        # A browser asks again every time (a 304 when nothing changed, before any view runs), so
        # an unpublished article is gone from it at once; proxies keep the page s-maxage.
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            must_revalidate=True,
            s_maxage=settings.ARCHIVE_PAGE_MAX_AGE,
        )
        patch_vary_headers(response, ["Cookie"])  # an editor's browser never gets this copy
        return response

    def answer(self, request: HttpRequest, stored: dict | None) -> HttpResponse | None:
        """A 304 when the reader holds this generation's page, the stored page when another
        reader had it, else None: the view renders it."""
        held = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
        if self.etag in {tag.removeprefix("W/") for tag in held}:  # a compressing proxy's W/
            return self.public(HttpResponseNotModified())
        if stored is None or stored.get("generation") != self.generation:
            return None
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"]:
            response[name] = value
        return response

    def store(self, request: HttpRequest, response: HttpResponse) -> None:
        seconds = settings.ARCHIVE_PAGE_CACHE_SECONDS
        if not (self.storable and seconds > 0 and request.method == "GET"):
            return
        too_large = len(response.content) > settings.ARCHIVE_PAGE_CACHE_MAX_BYTES
        if too_large or not _room("pages", seconds, settings.ARCHIVE_PAGE_CACHE_ENTRIES):
            return
        entry = {
            "generation": self.generation,
            "etag": self.etag,
            "content": response.content,
            "headers": list(response.items()),
        }
        cache.set(self.key, entry, seconds)


def _room(kind: str, seconds: int, limit: int, count: int = 1) -> bool:
    """Whether this window of ``seconds`` may store ``count`` more entries of this kind (pages,
    fragments, figures): distinct query strings, each making a page, its rows and its figures,
    cannot fill the cache, whatever a client sends."""
    key = f"{STORED_COUNT_KEY}:{kind}"
    cache.add(key, 0, seconds)
    try:
        stored = cache.incr(key, count)
    except ValueError:  # the window ended between the two calls
        return cache.add(key, count, seconds) and count <= limit
    return stored <= limit


def _is_public(request: HttpRequest) -> bool:
    match = request.resolver_match
    return match is not None and (
        match.namespace == PUBLIC_NAMESPACE or match.url_name in PUBLIC_NAMES
    )


def is_reader(request: HttpRequest) -> bool:
    """Not logged in; without a session cookie that is known without a query."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def _cacheable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # a page that sets a cookie is that browser's own
        and "private" not in response.get("Cache-Control", "")
    )


class PublicPageCacheMiddleware:
    """Conditional GET, Cache-Control and the stored copy of public pages (module docstring).
    After the authentication middleware (it asks who is logged in) and inside the ones that
    add the security headers, so a stored page still gets this request's headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with generation_read_once():
            return self._answer(request)

    def _answer(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        page = getattr(request, "public_page", None)
        if getattr(request, "editor_on_public_page", False) or getattr(
            request, "page_not_kept", False
        ):
            add_never_cache_headers(response)  # editors see their own changes at once
        elif page and not getattr(request, "public_page_served", False) and _cacheable(response):
            page.store(request, page.public(response))
        return response

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if request.method not in SAFE_METHODS or not _is_public(request):
            return None
        if not is_reader(request):
            request.editor_on_public_page = True
            return None
        key = page_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = _took_up(found.get(GENERATION_KEY))
        if generation == UNKNOWN_GENERATION:
            request.page_not_kept = True  # the cache is unreachable: rendered, never cached
            return None
        if not _settled(generation):
            return None  # rendered, neither tagged nor stored, until the replicas caught up
        page = PublicPage(key, generation, storable(request))
        request.public_page = page
        answer = page.answer(request, found.get(key))
        request.public_page_served = answer is not None
        return answer
