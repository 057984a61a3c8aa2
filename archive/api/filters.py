"""The listing's own FilterSet behind the API, through django-filter's DRF backend, and how
drf-spectacular describes its parameters."""

from __future__ import annotations

import copy

import django_filters
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from archive.selectors.filters import SlugsFilter


class ListingFilterBackend(DjangoFilterBackend):
    """``DjangoFilterBackend`` that keeps the validated FilterSet on the view: the pagination
    asks it which order the rows are in, and coverage counts its unranked rows."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise utils.translate_validation(filterset.errors)
        view.filterset = filterset
        return filterset.qs


class ListingFilterExtension(DjangoFilterExtension):
    """The listing's filters as drf-spectacular cannot guess them: slug filters are repeated
    strings (not model fields of that name), yes/no filters whose method takes ``bool | None``
    are booleans, and the search's length limit is said."""

    target_class = ListingFilterBackend
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, SlugsFilter):
            slugs = build_array_type(build_basic_type(OpenApiTypes.STR))
            return [
                build_parameter_type(
                    name=field_name,
                    schema=slugs,
                    location=OpenApiParameter.QUERY,
                    description=str(filter_field.label),
                    explode=True,
                    style="form",
                )
            ]
        # A copy: drf-spectacular reads ``filter_field.field``, which django-filter builds once
        # and keeps; built on the class-level filter it would reach every listing's FilterSet,
        # before ArticleFilter narrows the sort menu to dates when there is no search.
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, copy.deepcopy(filter_field)
        )
        for parameter in parameters:
            if isinstance(filter_field, django_filters.BooleanFilter):
                parameter["schema"] = build_basic_type(OpenApiTypes.BOOL)
            elif max_length := filter_field.extra.get("max_length"):
                parameter["schema"]["maxLength"] = max_length
        return parameters
