from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class FastChangelistMixin:
    """No exact COUNT(*) on a million rows; pages of 50."""

    show_full_result_count = False
    list_per_page = 50


class ChangePermissionMixin:
    """A POST to a changelist (an action: publish, re-parse, merge, delete) needs the change
    permission. Django already hides actions a user may not run; refusing the POST outright
    makes a viewer's attempt a 403 instead of a silently re-rendered list."""

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)


class HistoryAdmin(ChangePermissionMixin, SimpleHistoryAdmin):
    """History for everyone who may view, restoring only for those who may change.

    django-simple-history 3.13 lets a user with only the view permission open a past version
    (as it should) but then saves a POST to that page after checking only the view permission:
    its ``revert_disabled()`` merely hides the button. Refuse the POST with the same rule the
    library uses for the button (which also honours SIMPLE_HISTORY_REVERT_DISABLED), and the
    model's own change permission on top."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if self.revert_disabled(request, obj) or not (
                self.has_change_permission(request, obj)
                and self.has_change_history_permission(request, obj)
            ):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
