"""Admin registration for every model: usable lists, search and filters.

Changelists skip the exact total count (``show_full_result_count``) and every foreign key uses an
autocomplete widget, so pages stay fast on a large archive.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from archive.models import (
    Article,
    ArticleDistrict,
    Author,
    AuthorAlias,
    Byline,
    District,
    Photo,
    Publication,
    Quote,
    Speaker,
    SpeakerAlias,
)
from archive.search import article_index
from archive.selectors import article_for_index

admin.site.site_header = _("上海报刊档案 · 编辑后台")
admin.site.site_title = _("上海报刊档案")
admin.site.index_title = _("档案管理")


class FastChangelistMixin:
    show_full_result_count = False
    list_per_page = 50


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]
    ordering = ["position"]


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 0
    autocomplete_fields = ["photographer"]
    ordering = ["position"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker"]
    ordering = ["position"]


class ArticleDistrictInline(admin.TabularInline):
    model = ArticleDistrict
    extra = 0
    autocomplete_fields = ["district"]


@admin.register(Article)
class ArticleAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["title", "publication", "published_on", "page", "byline_names", "status"]
    list_filter = ["status", "publication", "districts"]
    list_select_related = ["publication"]
    search_fields = ["title", "kicker", "subtitle", "original_title"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["publication"]
    readonly_fields = ["raw_text", "source_key", "source_name", "created_at", "updated_at"]
    inlines = [BylineInline, PhotoInline, QuoteInline, ArticleDistrictInline]
    fieldsets = [
        (None, {"fields": ["status", "publication", "published_on", "page", "column"]}),
        (_("标题"), {"fields": ["kicker", "title", "subtitle", "original_title"]}),
        (_("正文"), {"fields": ["body", "sections"]}),
        (
            _("来源"),
            {
                "fields": ["raw_text", "source_name", "source_key", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__author")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Search tokens follow every edit: title, people and places alike.
        article_index(article_for_index().filter(pk=form.instance.pk))

    @admin.display(description=_("署名"))
    def byline_names(self, obj: Article) -> str:
        return "、".join(byline.author.name for byline in obj.bylines.all())


@admin.register(Publication)
class PublicationAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class PersonAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "alias_names", "created_at"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description=_("别名"))
    def alias_names(self, obj) -> str:
        return "、".join(alias.name for alias in obj.aliases.all())


class AuthorAliasInline(admin.TabularInline):
    model = AuthorAlias
    extra = 0


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


@admin.register(Author)
class AuthorAdmin(PersonAdmin):
    inlines = [AuthorAliasInline]


@admin.register(Speaker)
class SpeakerAdmin(PersonAdmin):
    inlines = [SpeakerAliasInline]


@admin.register(AuthorAlias)
class AuthorAliasAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "author", "slug"]
    list_select_related = ["author"]
    search_fields = ["name", "author__name"]
    autocomplete_fields = ["author"]


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["name", "speaker", "slug"]
    list_select_related = ["speaker"]
    search_fields = ["name", "speaker__name"]
    autocomplete_fields = ["speaker"]


@admin.register(Byline)
class BylineAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["author", "role", "article", "position"]
    list_filter = ["role"]
    list_select_related = ["author", "article"]
    search_fields = ["author__name", "article__title"]
    autocomplete_fields = ["article", "author"]


@admin.register(Photo)
class PhotoAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["__str__", "credit", "photographer", "source", "article"]
    list_filter = ["source"]
    list_select_related = ["photographer", "article"]
    search_fields = ["caption", "credit", "photographer__name"]
    autocomplete_fields = ["article", "photographer"]


@admin.register(Quote)
class QuoteAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["speaker", "title", "short_text", "direct", "article"]
    list_filter = ["direct"]
    list_select_related = ["speaker", "article"]
    search_fields = ["speaker__name", "title", "text"]
    autocomplete_fields = ["article", "speaker"]

    @admin.display(description=_("话语"))
    def short_text(self, obj: Quote) -> str:
        return obj.text[:40]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "slug", "article_count"]
    search_fields = ["name", "short_name", "code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("article_links"))

    @admin.display(description=_("文章数"), ordering="num_articles")
    def article_count(self, obj: District) -> int:
        return obj.num_articles

    def has_delete_permission(self, request, obj=None) -> bool:
        # The 16 districts are fixed reference data created by a migration.
        return False


@admin.register(ArticleDistrict)
class ArticleDistrictAdmin(FastChangelistMixin, admin.ModelAdmin):
    list_display = ["article", "district", "mentions", "former_name"]
    list_filter = ["district"]
    list_select_related = ["article", "district"]
    search_fields = ["article__title"]
    autocomplete_fields = ["article", "district"]
