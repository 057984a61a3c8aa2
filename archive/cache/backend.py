"""Redis as a cache the site can lose: every cache error is a miss, never a failed page.

The archive's truth is the database; Redis only keeps pages, rows and figures that can be made
again. So when Redis is down, restarting or unreachable, a read is a miss, a write is dropped,
and the page is rendered from the database. After an error the cache is left alone for
``RETRY_SECONDS`` (each worker thread on its own: Django keeps a cache object per thread), so a
reader does not wait for a connection timeout on every one of a page's cache calls; the first
call after that tries again.

What this means elsewhere: a write made while Redis is down cannot move the archive's generation
then; the thread that wrote moves it at its first call that reaches Redis again, before that
call (``after_outage``), and a command that ends before that says that the pages stored before
the change may be served until their lifetime ends. While the generation cannot be read, no
page is tagged or stored (``cache.versions.UNKNOWN_GENERATION``). The API's rate limit, kept in
the cache, lets requests through while it is down.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("archive.cache")

RETRY_SECONDS = 5.0
# A reachable Redis answers in about a millisecond; one that stopped answering should cost a
# reader a fraction of a second once per RETRY_SECONDS, not the operating system's timeout.
SOCKET_TIMEOUT_SECONDS = 0.5

_MISSING = object()


class _Outage:
    """Whether this process saw Redis fail less than RETRY_SECONDS ago."""

    def __init__(self) -> None:
        self.until = 0.0
        self.failed = False  # the last call that was tried failed
        self.waiting: list = []  # what to do once Redis answers again (``after_outage``)
        self._lock = threading.Lock()

    def active(self) -> bool:
        return time.monotonic() < self.until

    def begin(self, error: Exception, operation: str) -> None:
        with self._lock:
            first = not self.active()
            self.failed = True
            self.until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning(
                "cache unavailable (%s during %s): pages are rendered from the database; "
                "retrying in %.0f s",
                error.__class__.__name__,
                operation,
                RETRY_SECONDS,
            )

    def run_waiting(self) -> None:
        with self._lock:
            waiting, self.waiting = self.waiting, []
        for callback in waiting:
            callback()


def _resilient(operation: str, fallback):
    """Run the cache operation; on a Redis error (or during an outage) return ``fallback``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.outage.active():
                return fallback(*args, **kwargs)
            if self.outage.waiting:  # first what waited for Redis: this call then sees it
                self.outage.run_waiting()
                if self.outage.active():
                    return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                self.outage.begin(error, operation)
                return fallback(*args, **kwargs)
            self.outage.failed = False
            return result

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _false(*args, **kwargs):
    return False


def _nothing(*args, **kwargs):
    return None


def _empty(*args, **kwargs):
    return {}


def _no_keys_set(data, *args, **kwargs):
    return list(data)  # set_many returns the keys it could not set


def _missing_counter(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (cache unavailable)")  # as incr on a missing key


class ResilientRedisCache(RedisCache):
    """Django's Redis cache whose every failure is a miss, logged once per outage."""

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(server, params)
        self.outage = _Outage()

    def available(self) -> bool:
        """Whether the last call that was tried reached Redis."""
        return not (self.outage.failed or self.outage.active())

    def after_outage(self, callback) -> None:
        """Call ``callback`` once, at the first call that reaches Redis again (in this process):
        a write that could not move the generation moves it then."""
        with self.outage._lock:
            if callback not in self.outage.waiting:
                self.outage.waiting.append(callback)

    def change_pending(self) -> bool:
        """Whether something waits for Redis to answer again (``after_outage``)."""
        return bool(self.outage.waiting)

    get = _resilient("get", _default)(RedisCache.get)
    get_many = _resilient("get_many", _empty)(RedisCache.get_many)
    has_key = _resilient("has_key", _false)(RedisCache.has_key)
    add = _resilient("add", _false)(RedisCache.add)
    set = _resilient("set", _false)(RedisCache.set)
    set_many = _resilient("set_many", _no_keys_set)(RedisCache.set_many)
    touch = _resilient("touch", _false)(RedisCache.touch)
    delete = _resilient("delete", _false)(RedisCache.delete)
    delete_many = _resilient("delete_many", _nothing)(RedisCache.delete_many)
    incr = _resilient("incr", _missing_counter)(RedisCache.incr)
    clear = _resilient("clear", _false)(RedisCache.clear)

    def get_or_set(self, key, default, timeout=_MISSING, version=None):
        if timeout is _MISSING:
            timeout = self.default_timeout
        found = self.get(key, _MISSING, version=version)
        if found is not _MISSING:
            return found
        value = default() if callable(default) else default
        self.add(key, value, timeout=timeout, version=version)
        # Another worker may have added it between the two calls: everyone shows the same one.
        return self.get(key, value, version=version)
