from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from archive.admin.base import ArticlePartMixin, EditorialAdmin, FastChangelistMixin
from archive.models import ArticleDistrict, District, Publication


@admin.register(District)
class DistrictAdmin(EditorialAdmin):
    list_display = ["name", "short_name", "code", "slug", "article_count"]
    search_fields = ["name", "short_name", "code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("article_links"))

    @admin.display(description=_("文章数"), ordering="num_articles")
    def article_count(self, obj: District) -> int:
        return obj.num_articles

    def has_add_permission(self, request) -> bool:
        return False  # the 16 districts are reference data created by a migration

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Publication)
class PublicationAdmin(FastChangelistMixin, EditorialAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ArticleDistrict)
class ArticleDistrictAdmin(ArticlePartMixin, FastChangelistMixin, EditorialAdmin):
    list_display = ["article", "district", "mentions", "former_name"]
    list_filter = ["district"]
    list_select_related = ["article", "district"]
    autocomplete_fields = ["article", "district"]
