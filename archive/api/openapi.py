"""The API's OpenAPI 3.1 description, its article parameters read from the listing's FilterSet
so the description cannot drift from what the listing and the API accept."""

from __future__ import annotations

import django_filters

from archive.filters import ArticleFilter, SlugsFilter
from archive.selectors import COVERAGE_INTERVALS

from .cursors import DEFAULT_LIMIT, MAX_LIMIT


def _filter_schema(item: django_filters.Filter) -> dict:
    if isinstance(item, SlugsFilter):
        return {"type": "array", "items": {"type": "string"}}
    if isinstance(item, django_filters.DateFilter):
        return {"type": "string", "format": "date"}
    if isinstance(item, django_filters.BooleanFilter):
        return {"type": "boolean"}
    if isinstance(item, django_filters.ChoiceFilter) and "choices" in item.extra:
        return {"type": "string", "enum": [value for value, _label in item.extra["choices"]]}
    if isinstance(item, django_filters.CharFilter):
        return {"type": "string", "maxLength": item.extra.get("max_length", 200)}
    return {"type": "string"}


def article_parameters() -> list[dict]:
    return [
        {
            "name": name,
            "in": "query",
            "description": str(item.label),
            "schema": _filter_schema(item),
            **({"style": "form", "explode": True} if isinstance(item, SlugsFilter) else {}),
        }
        for name, item in ArticleFilter.base_filters.items()
    ]


PAGING = [
    {"name": "cursor", "in": "query", "schema": {"type": "string"}},
    {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    },
]
NAMED = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "slug": {"type": "string"}},
}
NULLABLE_NAMED = {"oneOf": [NAMED, {"type": "null"}]}
ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}
ERROR = {"description": "参数无效", "content": {"application/json": {"schema": ERROR_SCHEMA}}}
TOO_MANY = {"description": "请求过于频繁（见 Retry-After）"}


def _list_of(schema: str) -> dict:
    return {
        "type": "object",
        "required": ["results", "next"],
        "properties": {
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
            "next": {"type": ["string", "null"], "format": "uri"},
        },
    }


def _ok(schema: dict) -> dict:
    return {"description": "OK", "content": {"application/json": {"schema": schema}}}


def _get(summary: str, parameters: list[dict], schema: dict, *, not_found=False) -> dict:
    responses = {"200": _ok(schema), "400": ERROR, "429": TOO_MANY}
    if not_found:
        responses["404"] = ERROR
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def description(*, server: str) -> dict:
    article_ref = {"$ref": "#/components/schemas/ArticleSummary"}
    counted = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "slug": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "n_articles": {"type": "integer"},
        },
    }
    pk = {"name": "pk", "in": "path", "required": True, "schema": {"type": "integer"}}
    interval = {
        "name": "interval",
        "in": "query",
        "schema": {"type": "string", "enum": list(COVERAGE_INTERVALS)},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "上海报刊档案 API",
            "version": "1",
            "description": "只读。文章的筛选与搜索参数与网站列表页完全相同。",
        },
        "servers": [{"url": server}],
        "paths": {
            "/articles/": _get(
                "文章列表（与 /articles/ 同样的筛选与搜索）",
                article_parameters() + PAGING,
                _list_of("ArticleSummary"),
            ),
            "/articles/{pk}/": _get(
                "一篇文章的完整记录", [pk], {"$ref": "#/components/schemas/Article"}, not_found=True
            ),
            "/articles/coverage/": _get(
                "每月或每年的文章数（同样的筛选与搜索）",
                [*article_parameters(), interval],
                {"$ref": "#/components/schemas/Coverage"},
            ),
            "/authors/": _get("作者及文章数", PAGING, _list_of("Counted")),
            "/speakers/": _get("受访者及文章数", PAGING, _list_of("Counted")),
            "/districts/": _get("各区及文章数", PAGING, _list_of("Counted")),
        },
        "components": {
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
                "Counted": counted,
                "ArticleSummary": {
                    "type": "object",
                    "required": ["id", "url", "title", "bylines", "districts"],
                    "properties": {
                        "id": {"type": "integer"},
                        "url": {"type": "string", "format": "uri"},
                        "api_url": {"type": "string", "format": "uri"},
                        "title": {"type": "string"},
                        "kicker": {"type": "string"},
                        "subtitle": {"type": "string"},
                        "column": {"type": "string"},
                        "publication": NULLABLE_NAMED,
                        "published_on": {"type": ["string", "null"], "format": "date"},
                        "page": {"type": "string"},
                        "bylines": {"type": "array", "items": NAMED},
                        "districts": {"type": "array", "items": NAMED},
                        "has_photos": {"type": "boolean"},
                    },
                },
                "Article": {
                    "allOf": [
                        article_ref,
                        {
                            "type": "object",
                            "properties": {
                                "body": {"type": "string"},
                                "photos": {"type": "array", "items": {"type": "object"}},
                                "quotes": {"type": "array", "items": {"type": "object"}},
                                "citation": {"type": "object"},
                            },
                        },
                    ]
                },
                "Coverage": {
                    "type": "object",
                    "properties": {
                        "interval": {"type": "string", "enum": list(COVERAGE_INTERVALS)},
                        "total": {"type": "integer"},
                        "results": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "period": {"type": "string"},
                                    "count": {"type": "integer"},
                                },
                            },
                        },
                    },
                },
            }
        },
    }
