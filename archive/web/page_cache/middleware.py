"""``PublicPageCacheMiddleware``: conditional GET, Cache-Control and the stored copy of public
pages (``page_cache.pages``), and one render at a time of a page nobody has a fresh copy of.

To a reader who is not logged in (no session cookie, or an anonymous session) a GET or HEAD
gets ``Cache-Control: public`` that a browser revalidates every time and a proxy keeps
``ARCHIVE_PAGE_MAX_AGE`` seconds, and an ETag; a repeated request with that ETag gets a 304,
and a page another reader already had is sent as stored, without a query. Logged-in editors
never get a stored page, an ETag or a public header.

A page's first request after a change renders it while the others asking for it at the same
time (a front page after a save, under load) either get the copy from before the change, for at
most ``STALE_SECONDS`` after it and never once an article has left the site since that copy was
made (``versions.PURGED_KEY``), or wait up to ``WAIT_SECONDS`` for the new one
(``RENDER_LOCK_SECONDS``: how long the renderer holds its claim, should it die).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from archive.cache import versions
from archive.cache.versions import (
    GENERATION_KEY,
    PURGED_KEY,
    UNKNOWN_GENERATION,
    generation,
    generation_read_once,
    purged_at,
    settled,
    take_up,
    version_key,
)
from archive.web.page_cache.pages import (
    ANSWER_HEADER,
    PublicPage,
    is_reader,
    not_kept,
    page_key,
    storable,
    url_scopes,
    well_formed,
)

# The pages served this way: the reading site, its feeds and exports, the sitemap and robots.txt.
PUBLIC_NAMESPACE = "archive"
PUBLIC_NAMES = {"sitemap", "sitemap_section", "robots_txt"}
SAFE_METHODS = ("GET", "HEAD")
RENDERING_PREFIX = "archive:rendering:"
RENDER_LOCK_SECONDS = 5
WAIT_SECONDS = 2.0
POLL_SECONDS = 0.05
STALE_SECONDS = 5
sleep = time.sleep  # a test counts the waits


def _is_public(request: HttpRequest) -> bool:
    match = request.resolver_match
    return match is not None and (
        match.namespace == PUBLIC_NAMESPACE or match.url_name in PUBLIC_NAMES
    )


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # a page that sets a cookie is that browser's own
        and not _uses_csrf_token(request)
        and "private" not in response.get("Cache-Control", "")
    )


def _uses_csrf_token(request: HttpRequest) -> bool:
    """Whether the page holds a CSRF token (a form that posts): it is this reader's, and its
    cookie is set only by ``CsrfViewMiddleware`` outside this one, after the page is stored."""
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


class PublicPageCacheMiddleware:
    """After the authentication middleware (it asks who is logged in) and inside the ones that
    add the security headers, so a stored page still gets this request's headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with generation_read_once():
            try:
                return self._answer(request)
            finally:
                if claim := getattr(request, "rendering_claim", None):
                    cache.delete(claim)

    def _answer(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        page = getattr(request, "public_page", None)
        if getattr(request, "editor_on_public_page", False) or getattr(
            request, "page_not_kept", False
        ):
            add_never_cache_headers(response)  # editors see their own changes at once
        elif (
            page
            and not getattr(request, "public_page_served", False)
            and _cacheable(request, response)
        ):
            page.store(request, page.public(response))
            response[ANSWER_HEADER] = "miss"
            if page.held(request):  # the browser's copy, though no stored one was at hand
                return page.not_modified()
        return response

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if request.method not in SAFE_METHODS or not _is_public(request):
            return None
        if not is_reader(request):
            request.editor_on_public_page = True
            return None
        key, scopes = page_key(request), url_scopes(request.resolver_match, request.GET)
        read_at = versions.clock()
        found = cache.get_many([GENERATION_KEY, PURGED_KEY, key, *map(version_key, scopes)])
        if take_up(found, scopes) == UNKNOWN_GENERATION:
            not_kept(request)  # the cache is unreachable: rendered, never cached
            return None
        if not settled():
            return None  # rendered, neither tagged nor stored, until the replicas caught up
        page = request.public_page = PublicPage(key, storable(request), read_at)
        stored = found.get(key)
        if not well_formed(stored):
            stored = None
        answer = self._stored_answer(request, page, stored)
        request.public_page_served = answer is not None
        return answer

    def _stored_answer(self, request, page: PublicPage, stored: dict | None):
        """A 304, a stored copy, or None (this request renders the page)."""
        if page.held(request):
            return page.not_modified()
        if page.fresh(stored):
            return page.served(stored, "hit")
        if not page.storable or settings.ARCHIVE_PAGE_CACHE_SECONDS <= 0:
            return None
        if request.method != "GET":  # a HEAD is never stored: nobody waits for it
            return None
        claim = RENDERING_PREFIX + page.key
        if cache.add(claim, 1, RENDER_LOCK_SECONDS):
            request.rendering_claim = claim
            return None
        if stored is not None and self._stale_copy_allowed(page, stored):
            return page.served(stored, "stale")
        return self._wait_for_render(page)

    @staticmethod
    def _stale_copy_allowed(page: PublicPage, stored: dict) -> bool:
        """The copy from before a change, while another request renders the new one: only
        within ``STALE_SECONDS`` of the change, not across a new generation (a merge, a
        restore) and not when an article has left the site since the copy was made."""
        if stored["read_at"] <= purged_at() or stored["generation"] != generation():
            return False
        return versions.clock() - page.changed_since(stored) <= STALE_SECONDS

    @staticmethod
    def _wait_for_render(page: PublicPage) -> HttpResponse | None:
        """The page another request is rendering, once stored; None after ``WAIT_SECONDS``:
        this request renders it too."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            sleep(POLL_SECONDS)
            stored = cache.get(page.key)
            if page.fresh(stored):
                return page.served(stored, "waited")
        return None
