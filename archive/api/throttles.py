"""The API's polite rate limit, on Django REST framework's throttling."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from archive.web.middleware import client_address


class ReaderRateThrottle(SimpleRateThrottle):
    """At most ``ARCHIVE_API_RATE`` requests a minute from one reader (a sliding window in
    Django's cache), then 429 with Retry-After: polite to share, and a loop cannot drown the
    site. The reader is the address the login lockouts read, proxy settings included."""

    scope = "reader"

    def get_rate(self) -> str:
        # Read per request, not once at import, so the setting can change under a test.
        return f"{settings.ARCHIVE_API_RATE}/minute"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}

    def allow_request(self, request, view) -> bool:
        if not super().allow_request(request, view):
            return False
        # DRF adds ``view.headers`` to the response: the reader sees what is left.
        view.headers["X-RateLimit-Limit"] = str(self.num_requests)
        view.headers["X-RateLimit-Remaining"] = str(self.num_requests - len(self.history))
        return True
