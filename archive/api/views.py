"""The API's views, on Django REST framework: each names a selector, a serializer and, for
articles, the listing's FilterSet; filtering, pagination, throttling, errors and the OpenAPI
description come from the library and the settings' ``REST_FRAMEWORK``."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView, ListAPIView, RetrieveAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from archive import selectors
from archive.api import serializers
from archive.api.filters import ListingFilterBackend
from archive.api.pagination import ListingPagination, OffsetPagination
from archive.selectors.filters import ArticleFilter


@extend_schema(exclude=True)
class Index(APIView):
    def get(self, request: Request) -> Response:
        links = ["articles", "authors", "speakers", "districts", "coverage", "openapi"]
        return Response({name: reverse(f"api:{name}", request=request) for name in links})


class ListingMixin:
    """The HTML listing's articles, filters and search."""

    filter_backends = [ListingFilterBackend]
    filterset_class = ArticleFilter

    def get_queryset(self):
        return selectors.article_list().select_related("copy_link")  # each row's copy_of


@extend_schema(summary="文章列表（与 /articles/ 同样的筛选与搜索，同样的顺序）")
class ArticleList(ListingMixin, ListAPIView):
    serializer_class = serializers.ArticleSummarySerializer
    pagination_class = ListingPagination


@extend_schema(
    summary="每月或每年的文章数（同样的筛选与搜索）",
    parameters=[serializers.CoverageQuerySerializer],
    filters=True,
)
class Coverage(ListingMixin, GenericAPIView):
    serializer_class = serializers.CoverageSerializer

    def get(self, request: Request) -> Response:
        query = serializers.CoverageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        self.filter_queryset(self.get_queryset())
        interval = query.validated_data.get("interval", "")
        series = selectors.article_coverage(self.filterset.unranked(), interval=interval)
        return Response(self.get_serializer(series).data)


@extend_schema(summary="一篇文章的完整记录")
class ArticleDetail(RetrieveAPIView):
    serializer_class = serializers.ArticleSerializer

    def get_object(self):
        try:
            return selectors.article_get(pk=self.kwargs["pk"])
        except Http404 as error:
            raise NotFound(_("没有这篇文章")) from error


class CountedList(ListAPIView):
    pagination_class = OffsetPagination


@extend_schema(summary="作者及文章数、图片数")
class AuthorList(CountedList):
    serializer_class = serializers.AuthorSerializer

    def get_queryset(self):
        return selectors.author_list()


@extend_schema(summary="受访者及文章数、引语数")
class SpeakerList(CountedList):
    serializer_class = serializers.SpeakerSerializer

    def get_queryset(self):
        return selectors.speaker_list()


@extend_schema(summary="各区及文章数")
class DistrictList(CountedList):
    serializer_class = serializers.DistrictSerializer

    def get_queryset(self):
        return selectors.district_list()


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any address under /api/ that names nothing: a JSON 404 like the API's other refusals."""
    return JsonResponse({"error": _("没有这个地址：请看 /api/openapi.json")}, status=404)
