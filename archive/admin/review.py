"""The review queue in the article list: 待核对 by reason with counts, 核对状态, 核对完毕."""

from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from archive.cache.stored import stored_figure, whole_archive_key
from archive.cache.versions import DRAFTS, EVERYTHING
from archive.models import ArticleDoubt, Doubt
from archive.services.review import articles_checked

ANY_DOUBT = "any"


def _doubts(reason: str | None = None):
    doubts = ArticleDoubt.objects.filter(article=OuterRef("pk"))
    return Exists(doubts.filter(reason=reason) if reason else doubts)


COUNTS_SECONDS = 600  # and new with every write to an article, published or draft


def _queue_counts() -> dict[str, int]:
    """Unchecked records per reason, and with any doubt: two aggregates, kept until a write."""
    unchecked = ArticleDoubt.objects.filter(article__checked_at__isnull=True)
    counts = dict(unchecked.values_list("reason").annotate(n=Count("id")).order_by())
    counts[ANY_DOUBT] = unchecked.values("article").distinct().count()
    return counts


class DoubtFilter(admin.SimpleListFilter):
    """Unchecked records with a doubt, all or by reason, each with how many there are."""

    title = _("待核对")
    parameter_name = "doubt"

    def lookups(self, request, model_admin):
        key = whole_archive_key("archive:review-counts", EVERYTHING, DRAFTS)
        counts = stored_figure(key, _queue_counts, COUNTS_SECONDS)
        total = counts.get(ANY_DOUBT, 0)
        return [(ANY_DOUBT, _("全部（%(n)d）") % {"n": total})] + [
            (doubt.value, f"{doubt.label}（{counts.get(doubt.value, 0)}）") for doubt in Doubt
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == ANY_DOUBT:
            return queryset.filter(_doubts(), checked_at__isnull=True)
        if value in Doubt.values:
            return queryset.filter(_doubts(value), checked_at__isnull=True)
        return queryset


class CheckedFilter(admin.SimpleListFilter):
    title = _("核对状态")
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        return [("yes", _("已核对")), ("no", _("未核对"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(Q(checked_at__isnull=self.value() == "no"))
        return queryset


class ReviewActions:
    """The admin action an editor vouches for records with; mixed into the article admin."""

    @admin.action(description=_("核对完毕（记录核对人）"), permissions=["change"])
    def mark_checked(self, request, queryset):
        checked = articles_checked(articles=queryset, user=request.user)
        self.message_user(request, _("已核对 %(n)d 篇。") % {"n": checked}, messages.SUCCESS)

    @admin.display(description=_("待核对"))
    def doubts_display(self, article):
        reasons = [str(doubt.get_reason_display()) for doubt in article.doubts.all()]
        if article.checked_at:
            return _("已核对（%(who)s）") % {"who": article.checked_by or "—"}
        return "、".join(reasons) or _("无")
