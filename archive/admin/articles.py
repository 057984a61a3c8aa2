"""Articles: inlines for bylines, photos and quotes, raw text beside the parse, history,
re-parse with a preview, and the upload of raw text files."""

import datetime

from django.contrib import admin, messages
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from archive import selectors
from archive.admin.base import (
    ArticlePartMixin,
    FastChangelistMixin,
    HistoryAdmin,
    PlainLineEndsMixin,
)
from archive.admin.forms import ArticleForm
from archive.admin.review import CheckedFilter, DoubtFilter, ReviewActions
from archive.admin.upload import upload_view
from archive.admin.widgets import PreloadedAutocompleteInline
from archive.ingest.types import IngestError
from archive.models import Article, ArticleDistrict, Byline, District, Photo, Quote
from archive.search import search
from archive.selectors.pagination import EstimatingPaginator
from archive.services import (
    Outcome,
    article_delete,
    article_parts_save,
    article_reparse,
    article_reparse_preview,
    article_save,
    article_status_set,
    photo_thumbnail,
)

BYLINES_SHOWN = 4  # in the article list; more become "等 N 人"


class BylineInline(PreloadedAutocompleteInline, PlainLineEndsMixin, admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]
    ordering = ["position"]


class PhotoInline(PreloadedAutocompleteInline, PlainLineEndsMixin, admin.TabularInline):
    model = Photo
    extra = 0
    autocomplete_fields = ["photographer"]
    ordering = ["position"]
    fields = ["image", "preview", "caption", "credit", "photographer", "source", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("预览"))
    def preview(self, obj: Photo) -> str:
        if obj.image:
            small = obj.thumbnail or obj.image
            return format_html('<img class="photo-preview" src="{}" alt="">', small.url)
        return "—"


class QuoteInline(PreloadedAutocompleteInline, PlainLineEndsMixin, admin.TabularInline):
    model = Quote
    extra = 0
    autocomplete_fields = ["speaker"]
    ordering = ["position"]
    fields = ["speaker", "title", "text", "direct", "position"]


class ArticleDistrictInline(PreloadedAutocompleteInline, PlainLineEndsMixin, admin.TabularInline):
    model = ArticleDistrict
    extra = 0
    autocomplete_fields = ["district"]


class DistrictFilter(admin.SimpleListFilter):
    """By district, as an EXISTS subquery: no join, no DISTINCT over a million rows."""

    title = _("区")
    parameter_name = "district"

    def lookups(self, request, model_admin):
        return [(d.slug, d.name) for d in District.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            links = ArticleDistrict.objects.filter(
                article=OuterRef("pk"), district__slug=self.value()
            )
            return queryset.filter(Exists(links))
        return queryset


class YearFilter(admin.SimpleListFilter):
    """By year of publication. Replaces the date hierarchy, whose SELECT DISTINCT over every
    row's date takes a fifth of a second at a million articles on each page view."""

    title = _("年份")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in selectors.article_years()]

    def queryset(self, request, queryset):
        value = self.value()
        # A year the calendar has (datetime.date refuses 0 and 10000); anything else is ignored.
        if value and value.isdigit() and 1 <= int(value) < datetime.MAXYEAR:
            year = int(value)
            return queryset.filter(
                published_on__gte=datetime.date(year, 1, 1),
                published_on__lt=datetime.date(year + 1, 1, 1),
            )
        return queryset


def _count(model):
    rows = model.objects.filter(article=OuterRef("pk")).order_by().values("article")
    return Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField())


@admin.register(Article)
class ArticleAdmin(ReviewActions, FastChangelistMixin, HistoryAdmin):
    form = ArticleForm  # carries the version the editor opened: a save over a newer one is refused
    # The title on one or two lines with its kicker and bylines beneath: a screen shows a
    # screenful of articles, not five.
    list_display = [
        "title_block",
        "publication",
        "published_on",
        "district_names",
        "photo_count",
        "quote_count",
        "status",
        "changed",
    ]
    list_filter = ["status", DoubtFilter, CheckedFilter, YearFilter, "publication", DistrictFilter]
    list_select_related = ["publication"]
    search_fields = ["title"]  # replaced by the full-text index in get_search_results
    search_help_text = _("全文检索：标题、人名、地名、正文")
    paginator = EstimatingPaginator  # a search matching half the archive is not counted row by row
    autocomplete_fields = ["publication"]
    readonly_fields = [
        "doubts_display",
        "copies_display",
        "raw_text_display",
        "source_key",
        "source_name",
        "created_at",
        "updated_at",
    ]
    inlines = [BylineInline, PhotoInline, QuoteInline, ArticleDistrictInline]
    actions = ["publish", "unpublish", "mark_checked", "reparse"]
    history_list_display = ["status_label", "title"]
    object_history_list_template = "admin/archive/article/history_list.html"
    change_list_template = "admin/archive/article/change_list.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "doubts_display",
                    "status",
                    "publication",
                    "published_on",
                    "page",
                    "column",
                    "version",
                ]
            },
        ),
        (_("标题"), {"fields": ["kicker", "title", "subtitle", "original_title"]}),
        (
            _("正文与原文"),
            {"fields": [("body", "raw_text_display"), "sections"], "classes": ["side-by-side"]},
        ),
        (_("原文出处"), {"fields": ["source_kind", "source_url", "accessed_on", "copies_display"]}),
        (_("保存"), {"fields": ["change_reason"]}),
        (
            _("来源"),
            {
                "fields": ["source_name", "source_key", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]

    class Media:
        js = ["archive/admin.js"]  # the side-by-side highlight; admin.css comes with base_site

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("raw_text", "search_vector", "search_chars")
            .prefetch_related("bylines__author", "district_links__district")
            .annotate(n_photos=_count(Photo), n_quotes=_count(Quote))
        )

    @admin.display(description=_("同一篇文章的其他来源"))
    def copies_display(self, article):
        """The story's other copies, each linked to its change page (found at import)."""
        links = [
            format_html(
                '<a href="{}">#{} {}</a>',
                reverse("admin:archive_article_change", args=[copy.pk]),
                copy.pk,
                copy,
            )
            for copy in selectors.article_copies(article=article, published_only=False)
        ]
        return format_html_join("、", "{}", ((link,) for link in links)) if links else _("无")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return search(queryset, search_term, rank=False), False

    def get_urls(self):
        upload = self.admin_site.admin_view(upload_view(self))
        return [path("upload/", upload, name="archive_article_upload"), *super().get_urls()]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.restoring = True  # a restore saves the article alone, without save_related
        return super().history_form_view(request, object_id, version_id, extra_context)

    def write(self, request, obj, form, change) -> None:
        # The change form saves the inlines next and indexes once then (save_related).
        restoring = getattr(request, "restoring", False)
        article_save(article=obj, user=request.user, reindex=restoring)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        # A viewer's read-only page: the save's own fields (reason, version) mean nothing there.
        save_only = {"change_reason", "version"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in save_only]})
            for name, options in fieldsets
            if set(options["fields"]) - save_only
        ]

    def save_formset(self, request, form, formset, change):
        # The editor's reason goes into the history of the bylines, photos and quotes too.
        reason = form.cleaned_data.get("change_reason") or None
        for inline_form in formset.forms:
            inline_form.instance._change_reason = reason
        super().save_formset(request, form, formset, change)

    def render_history_view(self, request, template, context, **kwargs):
        if "history_list_display" in context:  # the list: with its bylines', photos', quotes'
            changes = selectors.article_part_history(article=context["object"])
            context["part_changes"] = changes
            context["part_reasons"] = any(c.record.history_change_reason for c in changes)
        return super().render_history_view(request, template, context, **kwargs)

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason") or None  # for the history
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        def save() -> None:
            super(ArticleAdmin, self).save_related(request, form, formsets, change)
            for formset in formsets:
                for inline_form in formset.forms:
                    _thumbnail_if_new_image(inline_form)

        article_parts_save(
            article=form.instance,
            save=save,
            changed=any(formset.has_changed() for formset in formsets),
            row_saved=not form.instance._unchanged,
        )

    def delete_model(self, request, obj):
        article_delete(articles=[obj], user=request.user)

    def delete_queryset(self, request, queryset):
        article_delete(articles=queryset, user=request.user)

    @admin.display(description=_("原文（只读，点一行可在正文中找到它）"))
    def raw_text_display(self, obj: Article) -> str:
        lines = ((line,) for line in obj.raw_text.split("\n"))
        lines = format_html_join("", '<span class="raw-line">{}</span>', lines)
        return format_html('<pre class="raw-text" tabindex="0">{}</pre>', lines)

    @admin.display(description=_("标题"), ordering="title")
    def title_block(self, obj: Article) -> str:
        names = [byline.author.name for byline in obj.bylines.all()]
        if len(names) > BYLINES_SHOWN:
            more = _("等 %(n)d 人") % {"n": len(names)}
            names = [*names[:BYLINES_SHOWN], more]
        names = "、".join(names)
        meta = " · ".join(part for part in (obj.kicker, names) if part)
        return format_html(
            '<span class="cl-title" title="{}">{}</span><span class="cl-meta">{}</span>',
            obj.display_title,
            obj.display_title,
            meta,
        )

    @admin.display(description=_("状态"))
    def status_label(self, obj) -> str:
        return obj.get_status_display()  # also for history rows, which have the same choices

    @admin.display(description=_("修改时间"), ordering="updated_at")
    def changed(self, obj: Article) -> str:
        return date_format(timezone.localtime(obj.updated_at), "Y-m-d H:i")

    @admin.display(description=_("区"))
    def district_names(self, obj: Article) -> str:
        return "、".join(link.district.short_name for link in obj.district_links.all())

    @admin.display(description=_("图片"), ordering="n_photos")
    def photo_count(self, obj: Article) -> int:
        return obj.n_photos or 0

    @admin.display(description=_("引语"), ordering="n_quotes")
    def quote_count(self, obj: Article) -> int:
        return obj.n_quotes or 0

    @admin.action(description=_("发布所选文章"), permissions=["change"])
    def publish(self, request, queryset):
        updated = article_status_set(
            articles=queryset, status=Article.Status.PUBLISHED, user=request.user
        )
        self.message_user(request, _("已发布 %(n)d 篇。") % {"n": updated}, messages.SUCCESS)

    @admin.action(description=_("将所选文章改为草稿"), permissions=["change"])
    def unpublish(self, request, queryset):
        updated = article_status_set(
            articles=queryset, status=Article.Status.DRAFT, user=request.user
        )
        self.message_user(request, _("已改为草稿 %(n)d 篇。") % {"n": updated}, messages.SUCCESS)

    @admin.action(description=_("重新解析所选文章（先预览）"), permissions=["change"])
    def reparse(self, request, queryset):
        articles = list(Article.objects.filter(pk__in=queryset.values("pk")))
        if "apply" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "title": _("重新解析：预览"),
                "previews": [article_reparse_preview(article) for article in articles],
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/archive/article/reparse.html", context)
        forced = set(request.POST.getlist("force"))
        counts = {outcome: 0 for outcome in Outcome}
        for article in articles:
            try:
                counts[article_reparse(article, force=str(article.pk) in forced)] += 1
            except IngestError as error:
                self.message_user(request, f"《{article.display_title}》：{error}", messages.ERROR)
        self.message_user(
            request,
            _("已更新 %(updated)d 篇，无变化 %(unchanged)d 篇，编辑改过而保留 %(kept)d 篇。")
            % {
                "updated": counts[Outcome.UPDATED],
                "unchanged": counts[Outcome.UNCHANGED],
                "kept": counts[Outcome.KEPT],
            },
            messages.SUCCESS,
        )
        return None


@admin.register(Byline)
class BylineAdmin(ArticlePartMixin, FastChangelistMixin, HistoryAdmin):
    list_display = ["author", "role", "article", "position"]
    list_filter = ["role"]
    list_select_related = ["author", "article"]
    search_fields = ["author__name"]
    autocomplete_fields = ["article", "author"]


@admin.register(Photo)
class PhotoAdmin(ArticlePartMixin, FastChangelistMixin, HistoryAdmin):
    list_display = ["__str__", "credit", "photographer", "source", "article"]
    list_filter = ["source"]
    list_select_related = ["photographer", "article"]
    search_fields = ["caption", "credit", "photographer__name"]
    autocomplete_fields = ["article", "photographer"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _thumbnail_if_new_image(form)


def _thumbnail_if_new_image(form) -> None:
    """A photo form whose image was uploaded or cleared: its thumbnail follows."""
    if isinstance(form.instance, Photo) and form.instance.pk and "image" in form.changed_data:
        photo_thumbnail(photo=form.instance)


@admin.register(Quote)
class QuoteAdmin(ArticlePartMixin, FastChangelistMixin, HistoryAdmin):
    list_display = ["speaker", "title", "short_text", "direct", "article"]
    list_filter = ["direct"]
    list_select_related = ["speaker", "article"]
    search_fields = ["speaker__name", "title"]
    autocomplete_fields = ["article", "speaker"]

    @admin.display(description=_("话语"))
    def short_text(self, obj: Quote) -> str:
        return obj.text[:40]
