"""Every refusal as JSON with its reason: ``{"error": …}``, and for invalid parameters
``"errors"`` per parameter in the shape of Django's ``ErrorDict.get_json_data()``; and the
OpenAPI description saying so for every operation."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from archive.api.serializers import ErrorSerializer


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler (status, Retry-After), with the archive's body."""
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = _body(exc)
    return response


def _body(exc: exceptions.APIException) -> dict:
    if isinstance(exc, exceptions.Throttled):
        return {"error": _("请求过于频繁，请稍后再试。")}
    detail = getattr(exc, "detail", "")
    if isinstance(detail, dict):
        errors = {
            name: [{"message": str(item), "code": item.code} for item in items]
            for name, items in detail.items()
        }
        return {"error": _("参数无效"), "errors": errors}
    if isinstance(detail, list):
        return {"error": " ".join(str(item) for item in detail)}
    return {"error": str(detail)}


class RefusalsSchema(AutoSchema):
    """drf-spectacular's description of each operation, with the refusals it can give: 400 for
    a bad parameter (404 for a record that does not exist), and 429 over the rate."""

    def get_response_serializers(self):
        found = super().get_response_serializers()
        if isinstance(found, dict):
            return found
        if "{" in self.path:
            refused = {404: OpenApiResponse(ErrorSerializer, _("没有这条记录"))}
        else:
            refused = {400: OpenApiResponse(ErrorSerializer, _("参数无效（见 errors）"))}
        too_many = OpenApiResponse(ErrorSerializer, _("请求过于频繁（见 Retry-After）"))
        return {200: found, **refused, 429: too_many}
