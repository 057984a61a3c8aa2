"""Reads of the public site go to the read replicas; writes, and everything else, to the primary.

A read goes to a replica only while ``replica_reads`` is on, and the middleware below turns it on
only for a reader's GET or HEAD outside the admin. So the editor who just saved reads the primary
(every write sets a cookie that pins its browser there for ``ARCHIVE_REPLICA_LAG`` seconds, longer
than a replica lags), and commands, the Celery worker, the admin and anything inside a transaction
on the primary never read a copy that may be behind.
"""

from __future__ import annotations

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

PIN_COOKIE = "archive_primary"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db  # its related rows, from where it was read
        replicas = settings.ARCHIVE_READ_REPLICAS
        if not replicas or not replica_reads.get():
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # a read inside a write sees what that write did
        return random.choice(replicas)

    def db_for_write(self, model, **hints) -> str:
        instance = hints.get("instance")
        database = instance._state.db if instance is not None else None
        if database and database not in settings.ARCHIVE_READ_REPLICAS:
            return database  # an object of another database (not a replica) is written there
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # every alias holds the same data


class ReplicaReadsMiddleware:
    """Turns replica reads on for a reader's safe request; pins a writer to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wrote = request.method not in SAFE_METHODS
        on_replica = not (
            wrote or PIN_COOKIE in request.COOKIES or request.path.startswith(_admin_prefix())
        )
        token = replica_reads.set(on_replica)
        try:
            response = self.get_response(request)
        finally:
            replica_reads.reset(token)
        if wrote and settings.ARCHIVE_READ_REPLICAS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.ARCHIVE_REPLICA_LAG,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _admin_prefix() -> str:
    from django.urls import reverse

    return reverse("admin:index")
