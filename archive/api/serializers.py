"""What the API returns for an article, a person and a place, from rows the selectors
prefetched; drf-spectacular reads the same classes for the OpenAPI description."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from archive import selectors
from archive.models import Article, ArticleDistrict, Author, Byline, District, Photo, Quote, Speaker
from archive.selectors import COVERAGE_INTERVALS, CoverageSeries
from archive.web import citations


@extend_schema_field(OpenApiTypes.URI)
class PageField(serializers.ReadOnlyField):
    """The object's page on the site (``get_absolute_url``), as a full URL."""

    def __init__(self, **kwargs):
        super().__init__(source="get_absolute_url", **kwargs)

    def to_representation(self, value: str) -> str:
        return self.context["request"].build_absolute_uri(value)


class NamedSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class BylineSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="author.name")
    slug = serializers.CharField(source="author.slug")
    role_label = serializers.CharField(source="get_role_display")

    class Meta:
        model = Byline
        fields = ["name", "slug", "role", "role_label"]


class DistrictLinkSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="district.name")
    slug = serializers.CharField(source="district.slug")

    class Meta:
        model = ArticleDistrict
        fields = ["name", "slug", "former_name"]


class ArticleSummarySerializer(serializers.ModelSerializer):
    """What a listing row shows."""

    url = PageField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:article")
    publication = NamedSerializer(allow_null=True)
    bylines = BylineSerializer(many=True)
    districts = DistrictLinkSerializer(source="district_links", many=True)
    has_photos = serializers.BooleanField(source="has_photo")
    copy_of = serializers.IntegerField(
        source="copy_of_id",
        allow_null=True,
        help_text="同一篇文章最早收录的一份的 id；本篇即最早的一份或没有其他来源时为 null",
    )

    class Meta:
        model = Article
        fields = [
            *("id", "url", "api_url", "title", "kicker", "subtitle", "column", "publication"),
            *("published_on", "page", "bylines", "districts", "has_photos", "copy_of"),
        ]
        read_only_fields = fields


class PhotoSerializer(serializers.ModelSerializer):
    photographer = NamedSerializer(allow_null=True)

    class Meta:
        model = Photo
        fields = ["caption", "credit", "photographer", "source", "image"]


class QuoteSerializer(serializers.ModelSerializer):
    speaker = NamedSerializer(allow_null=True)

    class Meta:
        model = Quote
        fields = ["speaker", "title", "text", "direct"]


class CitationSerializer(serializers.Serializer):
    """GB/T 7714-2015 as text, and where to download RIS and BibTeX."""

    gbt7714 = serializers.SerializerMethodField()
    ris = serializers.SerializerMethodField()
    bibtex = serializers.SerializerMethodField()

    def get_gbt7714(self, article: Article) -> str:
        return citations.gbt7714(article)

    def get_ris(self, article: Article) -> str:
        return self._download(article, "ris")

    def get_bibtex(self, article: Article) -> str:
        return self._download(article, "bib")

    def _download(self, article: Article, kind: str) -> str:
        path = reverse("archive:article_citation", args=[article.pk, kind])
        return self.context["request"].build_absolute_uri(path)


class CopySerializer(serializers.ModelSerializer):
    """Another source of the same story."""

    url = PageField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:article")
    publication = serializers.CharField(source="publication.name", allow_null=True, default=None)

    class Meta:
        model = Article
        fields = ["id", "url", "api_url", "title", "publication", "published_on"]


class ArticleSerializer(ArticleSummarySerializer):
    """Everything the article page shows, and how to cite it."""

    photos = PhotoSerializer(many=True)
    quotes = QuoteSerializer(many=True)
    citation = CitationSerializer(source="*")
    copies = serializers.SerializerMethodField()

    class Meta(ArticleSummarySerializer.Meta):
        fields = [
            *ArticleSummarySerializer.Meta.fields,
            *("original_title", "body", "sections", "photos", "quotes", "citation"),
            *("source_url", "source_kind", "accessed_on", "copies"),
        ]
        read_only_fields = fields

    @extend_schema_field(CopySerializer(many=True))
    def get_copies(self, article: Article) -> list[dict]:
        """The other published copies of the story (the article page's 另见)."""
        copies = selectors.article_copies(article=article)
        return CopySerializer(copies, many=True, context=self.context).data


class CountedSerializer(serializers.ModelSerializer):
    """A person or place with its page and the counts its selector annotated."""

    url = PageField()
    n_articles = serializers.IntegerField()


class AuthorSerializer(CountedSerializer):
    n_photos = serializers.IntegerField()

    class Meta:
        model = Author
        fields = ["name", "slug", "url", "n_articles", "n_photos"]


class SpeakerSerializer(CountedSerializer):
    n_quotes = serializers.IntegerField()

    class Meta:
        model = Speaker
        fields = ["name", "slug", "url", "n_articles", "n_quotes"]


class DistrictSerializer(CountedSerializer):
    class Meta:
        model = District
        fields = ["name", "slug", "url", "n_articles"]


class PeriodSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="2022-01 / 2022")
    count = serializers.IntegerField()


class CoverageSerializer(serializers.Serializer):
    """A ``selectors.CoverageSeries``: every period from the first to the last."""

    interval = serializers.ChoiceField(choices=COVERAGE_INTERVALS)
    total = serializers.IntegerField()
    results = serializers.SerializerMethodField()

    @extend_schema_field(PeriodSerializer(many=True))
    def get_results(self, series: CoverageSeries) -> list[dict]:
        return [{"period": label, "count": n} for label, n in series.labelled]


class CoverageQuerySerializer(serializers.Serializer):
    interval = serializers.ChoiceField(
        choices=COVERAGE_INTERVALS,
        required=False,
        allow_blank=True,
        help_text="默认：三年以内按月，否则按年",
    )


class ParameterErrorSerializer(serializers.Serializer):
    message = serializers.CharField()
    code = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """Every refusal: the reason, and for invalid parameters what is wrong with each."""

    error = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=ParameterErrorSerializer()), required=False
    )
