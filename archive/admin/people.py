"""Authors and speakers, with the merge action for duplicates and OCR variants."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive import selectors
from archive.admin.base import EditorialAdmin, FastChangelistMixin, PlainLineEndsMixin
from archive.models import Author, AuthorAlias, Speaker, SpeakerAlias
from archive.services import author_merge, person_save, speaker_merge


class AuthorAliasInline(PlainLineEndsMixin, admin.TabularInline):
    model = AuthorAlias
    extra = 0


class SpeakerAliasInline(PlainLineEndsMixin, admin.TabularInline):
    model = SpeakerAlias
    extra = 0


class PersonAdmin(FastChangelistMixin, EditorialAdmin):
    list_display = ["name", "slug", "alias_names", "created_at"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge"]
    merge_service = None

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def write(self, request, obj, form, change) -> None:
        person_save(person=obj)  # a new name reaches the search tokens of the person's articles

    @admin.display(description=_("别名"))
    def alias_names(self, obj) -> str:
        return "、".join(alias.name for alias in obj.aliases.all())

    @admin.action(description=_("合并所选人员"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        people = list(queryset.order_by("name").prefetch_related("aliases"))
        if len(people) < 2:
            self.message_user(request, _("请至少选择两个人。"), messages.WARNING)
            return None
        keep_id = request.POST.get("keep")
        if keep_id:
            keep = next((p for p in people if str(p.pk) == keep_id), None)
            if keep is None:
                self.message_user(request, _("要保留的人不在所选之中。"), messages.ERROR)
                return None
            merged = [p for p in people if p.pk != keep.pk]
            touched = type(self).merge_service(keep=keep, merged=merged)
            self.message_user(
                request,
                ngettext(
                    "已将 %(names)s 合并到 %(keep)s，涉及 %(count)d 篇文章。",
                    "已将 %(names)s 合并到 %(keep)s，涉及 %(count)d 篇文章。",
                    touched,
                )
                % {"names": "、".join(p.name for p in merged), "keep": keep.name, "count": touched},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("合并人员"),
            "candidates": selectors.person_merge_candidates(people=people),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/archive/merge.html", context)


@admin.register(Author)
class AuthorAdmin(PersonAdmin):
    inlines = [AuthorAliasInline]
    merge_service = staticmethod(author_merge)


@admin.register(Speaker)
class SpeakerAdmin(PersonAdmin):
    inlines = [SpeakerAliasInline]
    merge_service = staticmethod(speaker_merge)


@admin.register(AuthorAlias)
class AuthorAliasAdmin(FastChangelistMixin, EditorialAdmin):
    list_display = ["name", "author", "slug"]
    list_select_related = ["author"]
    search_fields = ["name", "author__name"]
    autocomplete_fields = ["author"]


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(FastChangelistMixin, EditorialAdmin):
    list_display = ["name", "speaker", "slug"]
    list_select_related = ["speaker"]
    search_fields = ["name", "speaker__name"]
    autocomplete_fields = ["speaker"]
