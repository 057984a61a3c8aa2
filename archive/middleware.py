"""Requests carrying NUL characters in the URL are answered 400 before any view runs.

PostgreSQL refuses NUL inside a string, so such a value reaching a query would be a 500; form
fields already refuse it, this covers paths and query strings everywhere (admin included).
"""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        values = [request.path, *(v for values in request.GET.lists() for v in values[1])]
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest("请求中含有无效字符 (NUL).")
        return self.get_response(request)
