"""The article form with optimistic locking: it carries the version of the article the editor
opened, and a save over a newer version is refused with a link to what changed."""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from archive.admin.widgets import PLAIN_RENDERER, SECTIONS_HELP, SectionsField
from archive.models import Article


def article_version(article: Article) -> str:
    """The version an editor saw: the row's last change, to the microsecond. Every write path
    moves it: a save, a history restore, an inline edit and the list's actions."""
    return article.updated_at.isoformat() if article.updated_at else ""


class NoEditField(forms.CharField):
    """Said about the save, never an edit of the article: no entry in the change message."""

    def has_changed(self, initial, data) -> bool:
        return False


class VersionField(NoEditField):
    """A hidden token: the version the editor opened."""

    widget = forms.HiddenInput


class ArticleForm(forms.ModelForm):
    default_renderer = PLAIN_RENDERER  # as its inlines: plain widgets without templates
    version = VersionField(required=False)
    sections = SectionsField(label=_("小标题"), required=False, help_text=SECTIONS_HELP)
    # An address typed without its scheme is read as https:// (Django 6's default, said now).
    source_url = forms.URLField(
        label=Article._meta.get_field("source_url").verbose_name,
        help_text=Article._meta.get_field("source_url").help_text,
        required=False,
        max_length=Article._meta.get_field("source_url").max_length,
        assume_scheme="https",
    )
    # Kept in the history row (django-simple-history's change reason); never an edit itself.
    change_reason = NoEditField(
        label=_("修改原因"),
        required=False,
        max_length=100,
        help_text=_("可不填；填了会显示在修改记录中。"),
    )

    class Meta:
        model = Article
        fields = [
            "status",
            "publication",
            "published_on",
            "page",
            "column",
            "kicker",
            "title",
            "subtitle",
            "original_title",
            "body",
            "sections",
            "source_kind",
            "source_url",
            "accessed_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            # The stored row's, not the instance's: a history restore's instance is the old
            # version, and restoring over a change made meanwhile is a conflict too.
            stored = Article.objects.filter(pk=self.instance.pk).only("updated_at").first()
            self.initial["version"] = article_version(stored) if stored else ""

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # Locked until the admin's transaction ends, so two saves at once cannot both pass.
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is not None and cleaned.get("version") != article_version(current):
            raise forms.ValidationError(self._conflict(current, cleaned.get("version")))
        return cleaned

    @staticmethod
    def _conflict(current: Article, seen: str | None) -> str:
        history = reverse("admin:archive_article_history", args=[current.pk])
        if not seen:
            return format_html(
                _(
                    "无法确认您编辑的是哪个版本，未保存。"
                    '请重新打开本文，或查看<a href="{}">修改记录</a>。'
                ),
                history,
            )
        who = last_editor(current) or _("他人")
        return format_html(
            _(
                "您打开本文之后，它已被 {} 修改（{}）。您的修改尚未保存："
                '请查看<a href="{}">修改记录</a>中的差异，然后请重新打开本文再改。'
            ),
            who,
            timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M:%S"),
            history,
        )


def last_editor(article: Article):
    """Who changed the article last: its newest history row (saves, restores, re-parses) or
    admin log entry (also edits of its people, photos and quotes alone), whichever is newer."""
    row = article.history.select_related("history_user").first()
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id=str(article.pk)
        )
        .select_related("user")
        .first()
    )
    candidates = [(row.history_date, row.history_user)] if row else []
    candidates += [(entry.action_time, entry.user)] if entry else []
    candidates = [(when, user) for when, user in candidates if user is not None]
    return max(candidates, key=lambda item: item[0])[1] if candidates else None
