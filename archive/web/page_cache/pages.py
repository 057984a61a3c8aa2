"""Whole public pages as readers get them: their keys, the scopes each depends on, their ETags
and the copies stored of them (the middleware that serves them is ``page_cache.middleware``).

A page is stored with the version of every scope it depends on (``versions``): the scopes its
address names (``url_scopes``: an article's page its article and its links to others, an
author's page that author, a day's page that day, every other page the listing of everything),
read with the stored copy in one call. A stored copy is served while all of them and the
generation are what it was stored with; its ETag names them, so a browser's copy is as fresh as
a stored one.

Only query strings made of parameters the site knows, under ``MAX_QUERY_LENGTH`` characters,
are stored, and at most ``ARCHIVE_PAGE_CACHE_ENTRIES`` new pages per
``ARCHIVE_PAGE_CACHE_SECONDS``: random parameters cannot fill the cache.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.http.request import split_domain_port
from django.urls import ResolverMatch
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from archive.cache.stored import within_budget
from archive.cache.versions import (
    EVERYTHING,
    FIGURES,
    article_scope,
    beat_scope,
    day_scope,
    district_scope,
    generation,
    links_scope,
    page_versions,
    person_scope,
    token_began,
    versions,
    year_scope,
)
from archive.selectors.filters import ArticleFilter, PhotoFilter
from archive.web.forms import AdvancedSearchForm

PAGE_PREFIX = "archive:page:"
MAX_QUERY_LENGTH = 300  # a search of a few words with filters; longer ones render every time
# How a page was answered, in a response header: a stored copy (``hit``), one another request
# rendered while this one waited (``waited``), the copy from before a change while another
# request renders the new one (``stale``), or rendered (``miss``).
ANSWER_HEADER = "X-Archive-Cache"


def url_scopes(match: ResolverMatch, query: QueryDict | None = None) -> tuple[str, ...]:
    """The scopes a public page's address names: what it shows can only change when one of
    them (or the generation) moves. docs/caching.md lists them page by page."""
    name, kwargs = match.url_name, match.kwargs
    kind = {"author_detail": "author", "speaker_detail": "speaker"}.get(name, kwargs.get("kind"))
    if name == "article_detail":
        return (article_scope(kwargs["pk"]), links_scope(kwargs["pk"]))
    if name == "article_citation":
        return (article_scope(kwargs["pk"]),)
    if kind in ("author", "speaker"):
        return (person_scope(kind, kwargs["slug"]),)
    if name == "district_detail" or kind == "district":
        return (district_scope(kwargs["slug"]),)
    if name == "date_undated" or kind == "undated":
        return (day_scope(None),)
    if name in ("date_day", "date_edition"):  # an impossible date is a 404, never stored
        return (f"day:{kwargs['year']:04d}-{kwargs['month']:02d}-{kwargs['day']:02d}",)
    if name == "date_year":
        return (year_scope(kwargs["year"]),)
    if name in NARROWED_LISTINGS and query is not None:
        return narrowed_scopes(query) or (EVERYTHING, FIGURES)
    if name in LAGGING_LISTINGS:
        return (EVERYTHING, FIGURES)
    return (EVERYTHING,)


# The listing of every article filtered by people or districts shows only articles of theirs
# (the filters of a listing narrow it, never widen it), so it depends on their scopes alone:
# a save elsewhere leaves it stored. Not with ``collapse``, which asks whether each article's
# first copy is public: a write to that copy moves none of these scopes. A value that names
# nobody is ignored by the listing, which then shows everything: such a page says so and is
# never stored (``views.listing_context``).
NARROWED_LISTINGS = {"article_list"}
# Pages whose facets and charts, across the whole archive, are counted at most every
# ``ARCHIVE_FIGURES_LAG_SECONDS`` while the newsroom writes, and say when they were counted
# (``versions.everything_for_figures``): their rows are always current. The coverage CSV, a
# download of figures alone, is always counted at once.
LAGGING_LISTINGS = {"article_list", "article_coverage_section"}
NARROWING_FILTERS = {
    "reporter": "author",
    "photographer": "author",
    "speaker": "speaker",
    "district": "district",
}
WIDENING_FILTERS = ("collapse",)
MAX_NARROWING_VALUES = 10
MAX_SLUG = 100  # longer names no one: the version key of a scope is not built from any text


def narrowed_scopes(query: QueryDict) -> tuple[str, ...]:
    """The scopes of the people or districts a listing's query is filtered by (any of several
    values: each one's scope), or () when it is not narrowed so."""
    if any(query.get(name) for name in WIDENING_FILTERS):
        return ()
    for name, kind in NARROWING_FILTERS.items():
        slugs = query.getlist(name)
        if 0 < len(slugs) <= MAX_NARROWING_VALUES and all(0 < len(s) <= MAX_SLUG for s in slugs):
            return tuple(beat_scope(kind, slug) for slug in slugs)
    return ()


@functools.cache
def known_parameters() -> frozenset[str]:
    """Every query parameter a public page reads; any other makes a page that is not stored."""
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


def not_kept(request: HttpRequest) -> None:
    """This request's page is neither stored nor tagged."""
    request.page_not_kept = True


def narrowing_ignored(request: HttpRequest, errors) -> None:
    """A listing that ignored a value of a filter that narrows it (``narrowed_scopes``), one
    naming nobody, shows more than its address's scopes hold: it is neither stored nor
    tagged."""
    if NARROWING_FILTERS.keys() & set(errors):
        not_kept(request)


def is_reader(request: HttpRequest) -> bool:
    """Not logged in; without a session cookie that is known without a query."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def well_formed(stored) -> bool:
    """Whether a stored entry is a page as this code stores it (not nothing, nor a copy an
    earlier release stored in another shape)."""
    return isinstance(stored, dict) and {"generation", "versions", "read_at"} <= stored.keys()


@dataclass
class PublicPage:
    """A public page for a reader: ``read_at`` is when its versions were read, before any
    query of the request."""

    key: str
    storable: bool
    read_at: float

    @property
    def etag(self) -> str:
        named = repr((self.key, generation(), sorted(page_versions().items())))
        return f'"{hashlib.sha256(named.encode()).hexdigest()[:32]}"'

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

    def held(self, request: HttpRequest) -> bool:
        """Whether the reader's browser holds this page as it is now (If-None-Match)."""
        tags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
        return self.etag in {tag.removeprefix("W/") for tag in tags}  # a compressing proxy's W/

    def not_modified(self) -> HttpResponse:
        return self.public(HttpResponseNotModified())

    def fresh(self, stored: dict | None) -> bool:
        """Whether a stored copy was made at the versions the page has now."""
        if not well_formed(stored) or stored["generation"] != generation():
            return False
        return versions(stored["versions"]) == stored["versions"]

    def changed_since(self, stored: dict) -> float:
        """When the newest change a stored copy does not show began."""
        now = versions(stored["versions"])
        moved = [now[scope] for scope, token in stored["versions"].items() if now[scope] != token]
        return max(map(token_began, moved), default=0.0)

    @staticmethod
    def served(stored: dict, how: str) -> HttpResponse:
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"]:
            response[name] = value
        response[ANSWER_HEADER] = how
        return response

    def store(self, request: HttpRequest, response: HttpResponse) -> None:
        seconds = settings.ARCHIVE_PAGE_CACHE_SECONDS
        if not (self.storable and seconds > 0 and request.method == "GET"):
            return
        too_large = len(response.content) > settings.ARCHIVE_PAGE_CACHE_MAX_BYTES
        if too_large or not within_budget("pages", seconds, settings.ARCHIVE_PAGE_CACHE_ENTRIES):
            return
        entry = {
            "generation": generation(),
            "versions": page_versions(),
            "etag": self.etag,
            "read_at": self.read_at,
            "content": response.content,
            "headers": list(response.items()),
        }
        cache.set(self.key, entry, seconds)
