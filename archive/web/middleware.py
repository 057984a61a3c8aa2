"""Small request filters. Requests carrying NUL characters in the URL are answered 400 before
any view runs.

PostgreSQL refuses NUL inside a string, so such a value reaching a query would be a 500; form
fields already refuse it, this covers paths and query strings everywhere (admin included).
"""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.utils import translation


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            values = [request.path, *(v for values in request.GET.lists() for v in values[1])]
        except TooManyFieldsSent:
            # Said here: the error page itself reads the query string, and would fail again.
            request.GET = QueryDict()
            return HttpResponseBadRequest(
                f"查询参数过多：一次最多 {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} 个 "
                "(too many query parameters)."
            )
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest("请求中含有无效字符 (NUL).")
        return self.get_response(request)


class RequestSizeMiddleware:
    """A request body over ``ARCHIVE_MAX_REQUEST_BYTES`` is answered 413 before anything reads
    it: Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files, and the CSRF check
    would otherwise parse a 60 MB upload into temporary files before any view could refuse it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("请求长度无效 (invalid Content-Length).")
        limit = settings.ARCHIVE_MAX_REQUEST_BYTES
        if length > limit:
            return HttpResponse(
                f"上传过大：一次最多 {limit // 1024 // 1024} MB (request body too large).",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy from ``CONTENT_SECURITY_POLICY``, with one exception for the admin:
    its autocomplete widget (select2) builds elements with inline ``style`` attributes, so admin
    pages alone allow style attributes (``style-src-attr``) — never inline scripts or ``<style>``
    elements, and nothing extra on the public site."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(f"/{settings.ARCHIVE_ADMIN_PREFIX}"):
            parts.update = {**(parts.update or {}), "style-src-attr": [UNSAFE_INLINE]}
        return parts


def client_address(request: HttpRequest) -> str:
    """The reader's address, for login lockouts and the API's rate limit.

    Behind ``ARCHIVE_PROXY_COUNT`` trusted proxies (one with ``DJANGO_HTTPS``) it is the entry
    the outermost of them appended to X-Forwarded-For, counted from the right: entries further
    left come from the client and can be forged. Without proxies it is the socket's address.
    """
    count = settings.ARCHIVE_PROXY_COUNT
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if count and forwarded:
        return forwarded[-min(count, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


class AdminLanguageMiddleware:
    """The admin in one language whatever the browser asks for: editors share screenshots and
    instructions, and Django's own strings beside the archive's Chinese names otherwise mix
    (``Select 文章 to change``). ``ARCHIVE_ADMIN_LANGUAGE`` names it; empty follows the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = settings.ARCHIVE_ADMIN_LANGUAGE
        if language and request.path_info.startswith(f"/{settings.ARCHIVE_ADMIN_PREFIX}"):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
