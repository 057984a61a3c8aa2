"""The versions every stored page, row and figure is made at, and the writes that move them.

Two kinds. The archive's *generation* (one key) moves on a write nothing narrower describes: a
merge, a rename, a restore, a re-parse, a data migration or a change made in ``shell`` (``manage.py
archive_changed``). A *scope*'s version moves when an article in it changes, on commit
(``scopes_changed_after_commit``):

- ``article:<id>``: the article's page and citations, and its row in any listing;
- ``links:<id>``: the "older", "newer" and "related" links of the article's page;
- ``author:<slug>``, ``speaker:<slug>``, ``district:<slug>``: that person's or district's pages;
- ``day:<date>`` (``day:undated``), ``year:<year>``: the calendar's pages;
- ``articles``: every listing across the archive (home, search, the lists, feeds, sitemap);
- ``drafts``: figures that count unpublished articles too (the admin's years);
- ``figures``: the facets and charts of listings across the whole archive, which follow
  ``articles`` at most every ``ARCHIVE_FIGURES_LAG_SECONDS`` (``everything_for_figures``).

Each is a random token with the time it began (``token@seconds``, for ``settled``); a scope
never changed reads as ``NEVER_CHANGED``. A page reads the versions it depends on before it
reads the database, so a write that commits while it renders moves a version it already read
and the page is stored under a version nobody asks for again. Within a request
(``generation_read_once``) each is asked of the cache once. docs/caching.md has the design.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import logging
import secrets
import time
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger("archive.cache")

GENERATION_KEY = "archive:generation"
VERSION_PREFIX = "archive:version:"
# When an article last left the public site (unpublished or deleted): no page stored before it
# is ever served as a stale copy (``pages``).
PURGED_KEY = "archive:purged"
# What the generation reads as when the cache cannot be reached: no page is tagged or stored
# under it, or a browser would get 304 for a page a write changed during the outage.
UNKNOWN_GENERATION = "unknown"
NEVER_CHANGED = "0"
EVERYTHING = "articles"
DRAFTS = "drafts"
# The version of every published article that the whole archive's facets and charts are
# counted at, and when it was taken (``everything_for_figures``).
FIGURES = "figures"
_PAGE_SCOPES = "page scopes"  # the scopes the page cache took up for this request
clock = time.time  # a test moves it forward


def article_scope(pk: int) -> str:
    return f"article:{pk}"


def links_scope(pk: int) -> str:
    """The links of an article's page to other articles: "older", "newer" and "related"."""
    return f"links:{pk}"


def person_scope(kind: str, slug: str) -> str:
    """``kind``: ``author`` or ``speaker``."""
    return f"{kind}:{slug}"


def beat_scope(kind: str, slug: str) -> str:
    """The scope of a person (``author``, ``speaker``) or a ``district`` by its slug."""
    return district_scope(slug) if kind == "district" else person_scope(kind, slug)


def district_scope(slug: str) -> str:
    return f"district:{slug}"


def day_scope(day: datetime.date | None) -> str:
    return f"day:{day.isoformat()}" if day else "day:undated"


def year_scope(year: int) -> str:
    return f"year:{year}"


def version_key(scope: str) -> str:
    return VERSION_PREFIX + scope


def _new_token() -> str:
    return f"{secrets.token_hex(8)}@{clock():.0f}"


def archive_changed() -> None:
    """Start a new generation: every stored page, ETag and figure is stale."""
    new = _new_token()
    cache.set(GENERATION_KEY, new, _version_seconds())
    _unless_unreachable()
    if (read := _read.get()) is not None:  # this request goes on with the new one
        read[GENERATION_KEY] = _released(new)


def scopes_changed(scopes: Iterable[str], *, purge: bool = False) -> None:
    """A new version of each scope, all in one write (so a reader sees all or none of them);
    ``purge``: an article left the public site, so no copy stored before now is served stale."""
    tokens = {version_key(scope): _new_token() for scope in scopes}
    if purge:
        tokens[PURGED_KEY] = clock()
    if not tokens:
        return
    cache.set_many(tokens, _version_seconds())
    _unless_unreachable()
    if (read := _read.get()) is not None:
        read.update(tokens)


def _unless_unreachable() -> None:
    """A version the cache did not receive: the whole generation moves as soon as this process
    reaches the cache again (the scopes could have been stored before a later write's)."""
    if getattr(cache, "available", lambda: True)():  # archive/cache/backend.py
        return
    cache.after_outage(archive_changed)
    logger.warning(
        "the archive changed while the cache was unavailable: the change is saved, and the "
        "pages will be refreshed when the cache answers again (at most %s s from now)",
        settings.ARCHIVE_PAGE_CACHE_SECONDS,
    )


def archive_changed_after_commit() -> None:
    """For a write no scope describes: when the transaction commits, not before, or a reader
    in between would store the old page under the new generation."""
    transaction.on_commit(archive_changed)


def scopes_changed_after_commit(scopes: Iterable[str], *, purge: bool = False) -> None:
    """``scopes_changed`` when the transaction commits."""
    scopes = frozenset(scopes)
    if scopes:
        transaction.on_commit(functools.partial(scopes_changed, scopes, purge=purge))


def change_pending() -> bool:
    """Whether a change could not yet move its versions (the cache was unreachable)."""
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


# Within a request (``generation_read_once``): what it read once, by key: the generation, the
# versions, each figure query's SQL, the page's scopes.
_read: contextvars.ContextVar[dict | None] = contextvars.ContextVar("generation", default=None)


@contextlib.contextmanager
def generation_read_once() -> Iterator[None]:
    """Inside the block the generation and each version are asked of the cache once, not once
    for each figure, row and page key (each a round trip to Redis); a write inside it moves
    them at once."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def read_once(key, compute):
    """``compute()`` once per request for ``key`` (anything hashable), inside
    ``generation_read_once``; outside a request, every time."""
    read = _read.get()
    if read is None:
        return compute()
    if key not in read:
        read[key] = compute()
    return read[key]


def generation() -> str:
    """The archive's current generation (the release and the last whole-archive write): part
    of every stored page's key, ETag and figure."""
    return read_once(GENERATION_KEY, lambda: _generation(cache.get(GENERATION_KEY)))


def _generation(stored: str | None) -> str:
    if stored is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), _version_seconds())  # one racer wins
        stored = cache.get(GENERATION_KEY)
    return _released(stored) if stored is not None else UNKNOWN_GENERATION


def _released(token: str) -> str:
    """The generation as pages see it: the release, then the token the last write stored. A
    deploy (``ARCHIVE_RELEASE``) thus makes every stored page, ETag and figure stale without a
    write, so browsers never get a 304 for HTML the old templates made."""
    return f"{settings.ARCHIVE_RELEASE.replace('@', '-')}/{token}"


def versions(scopes: Iterable[str]) -> dict[str, str]:
    """The current version of each scope, those this request has not read yet in one call."""
    scopes = list(dict.fromkeys(scopes))
    read = _read.get()
    known = read if read is not None else {}
    wanted = [version_key(scope) for scope in scopes if version_key(scope) not in known]
    if wanted:
        found = cache.get_many(wanted)
        fresh = {key: found.get(key, NEVER_CHANGED) for key in wanted}
        if read is None:
            known = fresh
        else:
            read.update(fresh)
    return {scope: known[version_key(scope)] for scope in scopes}


def take_up(found: dict, scopes: Iterable[str]) -> str:
    """What the page cache read for a request in one call (the generation, the time of the
    last purge and the versions of the page's ``scopes``), kept for the rest of the request as
    read before any query. Returns the generation."""
    scopes = tuple(dict.fromkeys(scopes))
    generation = _generation(found.get(GENERATION_KEY))
    if (read := _read.get()) is not None:
        read[GENERATION_KEY] = generation
        read[PURGED_KEY] = found.get(PURGED_KEY, 0)
        read.update({version_key(s): found.get(version_key(s), NEVER_CHANGED) for s in scopes})
        read[_PAGE_SCOPES] = scopes
        if FIGURES in scopes:  # due to be counted again: a copy stored before is not fresh
            everything_for_figures()
    return generation


def page_scopes_taken_up() -> bool:
    """Whether the page cache read this request's scopes before any query (``take_up``):
    only then may what the request renders be kept under them."""
    read = _read.get()
    return read is not None and _PAGE_SCOPES in read


def page_scopes() -> tuple[str, ...]:
    """The scopes of the page this request renders; outside a public page, everything."""
    read = _read.get() or {}
    return read.get(_PAGE_SCOPES, (EVERYTHING,))


def page_versions() -> dict[str, str]:
    """The version of every scope the page depends on."""
    return versions(page_scopes())


def scoped_token(*, lagging: bool = False) -> str:
    """The generation and the versions of the page's own scopes, as one string: what a figure
    or a shared section of the page is keyed by. ``lagging``: for a figure that may be counted
    again only every ``ARCHIVE_FIGURES_LAG_SECONDS`` (``everything_for_figures``)."""
    scopes = versions(page_scopes())
    if lagging and scopes.pop(FIGURES, None) is not None:
        scopes[EVERYTHING] = everything_for_figures()
    return "|".join([generation(), *(f"{s}={v}" for s, v in sorted(scopes.items()))])


def everything_for_figures() -> str:
    """The version of every published article that the whole archive's facets and charts are
    kept under, on a page that depends on ``FIGURES``. After a change it stays the one taken
    before for up to ``ARCHIVE_FIGURES_LAG_SECONDS`` from when that was taken, so while the
    newsroom saves every few seconds they are counted again at most that often, not after
    every save (a figure says when it was counted: ``figures.lagging``), and a change is in
    them at most that many seconds after it is made: taking a new one moves ``FIGURES``, so
    the pages showing them are rendered again. Never across the departure of an article from
    the site (unpublished, deleted: in no figure a moment later) nor a new generation (in
    every figure's key)."""
    found = versions((EVERYTHING, FIGURES))
    current, taken = found[EVERYTHING], found[FIGURES]
    taken_at, _sep, version = taken.partition("~")
    if version == current:
        return current
    lag = settings.ARCHIVE_FIGURES_LAG_SECONDS
    if _sep and purged_at() < _seconds(taken_at) and clock() - _seconds(taken_at) < lag:
        return version
    taken = f"{clock()!r}~{current}"
    cache.set(version_key(FIGURES), taken, _version_seconds())
    if (read := _read.get()) is not None:  # counted from here on: the page is stored under it
        read[version_key(FIGURES)] = taken
    return current


def figures_lagging() -> bool:
    """Whether this page's whole-archive figures are kept under a version older than the
    current one (``everything_for_figures``): a change since may not be in them."""
    if FIGURES not in page_scopes():
        return False
    return everything_for_figures() != versions((EVERYTHING,))[EVERYTHING]


def _seconds(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def whole_archive_token(*scopes: str) -> str:
    """The generation and the versions of ``scopes`` (by default, every published article), for a
    figure of the whole archive whatever page shows it."""
    found = versions(scopes or (EVERYTHING,))
    return "|".join([generation(), *(found[s] for s in sorted(found))])


def purged_at() -> float:
    """When an article last left the public site, as this request read it."""
    return read_once(PURGED_KEY, lambda: cache.get(PURGED_KEY, 0))


def settled() -> bool:
    """Whether what the database says now may be kept (pages, ETags, figures) until the next
    change: not while a read replica may still be behind it (``token_settled``)."""
    return token_settled(generation()) and all(map(token_settled, page_versions().values()))


def token_settled(token: str) -> bool:
    """Whether the read replicas have had time to receive the change that made this version: a
    page read from one still behind would otherwise be kept (and tagged) as the new version's
    until the next change."""
    _token, _at, began = token.partition("@")
    wait = settings.ARCHIVE_PAGE_SETTLE_SECONDS
    return not (wait and began) or clock() - float(began) >= wait


def token_began(token: str) -> float:
    """When a version began (0 for ``NEVER_CHANGED``)."""
    _token, _at, began = token.partition("@")
    return float(began) if began else 0.0


def _version_seconds() -> int | None:
    """Until the next change where the cache is shared. In one process's memory, which another
    process's write never reaches, no longer than a stored page: every process then takes up a
    new generation, so new ETags, in time; and a version forgotten only after everything
    stored under it reads as ``NEVER_CHANGED`` again."""
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        return None
    return max(settings.ARCHIVE_PAGE_CACHE_SECONDS, 1)
