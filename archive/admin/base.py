from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from simple_history.admin import SimpleHistoryAdmin

from archive.cache.versions import archive_changed_after_commit
from archive.services import article_part_delete, article_part_save
from archive.services.editing import editable_fields


class FastChangelistMixin:
    """No exact COUNT(*) on a million rows; pages of 50."""

    show_full_result_count = False
    list_per_page = 50


class TextField(forms.CharField):
    """Browsers submit every textarea with CRLF line ends; the archive stores LF, as the import
    does. Normalised here, on the way in, so an untouched textarea is no change."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class PlainLineEndsMixin:
    """For admins and inlines alike: every TextField's form field normalises line ends."""

    formfield_overrides = {
        models.TextField: {"form_class": TextField, "widget": AdminTextareaWidget},
    }


class EditorialAdmin(PlainLineEndsMixin, admin.ModelAdmin):
    """What every admin of the archive shares.

    A POST to a changelist (an action: publish, re-parse, merge, delete) needs the change
    permission: Django already hides the actions a user may not run, and refusing the POST
    outright makes a viewer's attempt a 403 instead of a silently re-rendered list.

    Saving what the database already holds writes nothing: no row update, no history, no log
    entry. Compared with the stored row rather than with the form's initial values, because a
    history restore's form starts from the old version, not from the row."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        obj._unchanged = change and same_as_stored(obj)
        if not obj._unchanged:
            self.write(request, obj, form, change)

    def write(self, request, obj, form, change) -> None:
        """The save itself. Admins of rows an article's search tokens are made of override
        this to save through their service (``archive.services.editing``); the others (aliases,
        papers, districts) still change public pages, so stored ones go stale."""
        if change:  # a district's stored count, kept by imports meanwhile, is not the form's
            obj.save(update_fields=editable_fields(obj))
        else:
            super().save_model(request, obj, form, change)
        archive_changed_after_commit()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):  # a person's aliases
            archive_changed_after_commit()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        archive_changed_after_commit()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        archive_changed_after_commit()

    def log_change(self, request, obj, message):
        if getattr(obj, "_unchanged", False) and not message:
            return None
        return super().log_change(request, obj, message)


def same_as_stored(obj: models.Model) -> bool:
    """Whether every field an editor can change holds what its row in the database holds."""
    names = [f.attname for f in obj._meta.concrete_fields if f.editable and not f.primary_key]
    stored = type(obj)._base_manager.filter(pk=obj.pk).values(*names).first()
    return stored is not None and all(stored[name] == getattr(obj, name) for name in names)


class HistoryAdmin(EditorialAdmin, SimpleHistoryAdmin):
    """History for everyone who may view, restoring only for those who may change.

    django-simple-history 3.13 lets a user with only the view permission open a past version
    (as it should) but then saves a POST to that page after checking only the view permission:
    its ``revert_disabled()`` merely hides the button. Refuse the POST with the same rule the
    library uses for the button (which also honours SIMPLE_HISTORY_REVERT_DISABLED), and the
    model's own change permission on top."""

    object_history_list_template = "admin/archive/history_list.html"

    def render_history_view(self, request, template, context, **kwargs):
        """The history list's headers in the admin's language (the library prints the column
        names as given), and the reason column only when some row on the page has one."""
        if "history_list_display" in context:  # the list, not one past version's form
            opts = self.model._meta
            context["history_columns"] = [
                (name, _column_label(self, opts, name)) for name in context["history_list_display"]
            ]
            context["show_reason"] = any(r.history_change_reason for r in context["page_obj"])
            context["can_view_users"] = request.user.has_perm("auth.view_user")
        return super().render_history_view(request, template, context, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if self.revert_disabled(request, obj) or not (
                self.has_change_permission(request, obj)
                and self.has_change_history_permission(request, obj)
            ):
                raise PermissionDenied
        # One transaction, as Django's own change form: the save, its log entry and the
        # article form's version check (which locks the row) commit together.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


def _column_label(model_admin, opts, name: str) -> str:
    method = getattr(model_admin, name, None)
    if method is not None and hasattr(method, "short_description"):
        return method.short_description
    return opts.get_field(name).verbose_name


class ArticlePartMixin:
    """For a byline, photo, quote or district link edited on its own page: saved and deleted
    through the service that also gives its article a newer version and new search tokens."""

    def write(self, request, obj, form, change) -> None:
        article_part_save(part=obj, user=request.user)

    def delete_model(self, request, obj) -> None:
        article_part_delete(parts=[obj], user=request.user)

    def delete_queryset(self, request, queryset) -> None:
        article_part_delete(parts=list(queryset), user=request.user)
