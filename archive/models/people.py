"""People the archive knows: authors (reporters, photographers, correspondents) and quoted speakers.

Names are unique because the import maps a printed name to one person; OCR variants and merged
duplicates live on as aliases so later imports map them to the person that was kept.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    name = models.CharField(_("姓名"), max_length=40, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=60, unique=True, allow_unicode=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PersonAlias(models.Model):
    """Another spelling of a person's name; ``slug`` keeps a merged person's old URL alive."""

    name = models.CharField(_("别名"), max_length=40, unique=True)
    slug = models.SlugField(
        _("旧网址标识"), max_length=60, unique=True, null=True, blank=True, allow_unicode=True
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Author(Person):
    # Published work, stored so /authors/ never counts every byline per request; kept by the
    # writes in archive/services/counts.py, recomputed by ``manage.py recount_people``.
    article_count = models.PositiveIntegerField(_("文章数"), default=0, editable=False)
    photo_count = models.PositiveIntegerField(_("图片数"), default=0, editable=False)
    role_counts = models.JSONField(_("各署名角色的文章数"), default=dict, editable=False)

    class Meta(Person.Meta):
        verbose_name = _("作者")
        verbose_name_plural = _("作者")
        indexes = [models.Index(fields=["-article_count", "name"], name="author_by_articles")]

    def get_absolute_url(self) -> str:
        return reverse("archive:author_detail", kwargs={"slug": self.slug})


class AuthorAlias(PersonAlias):
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("作者")
    )

    class Meta(PersonAlias.Meta):
        verbose_name = _("作者别名")
        verbose_name_plural = _("作者别名")


class Speaker(Person):
    # Published quotes, stored for /speakers/ as the author's counts are (services/counts.py):
    # the counts, and the latest quote (and latest printed title) with their articles' dates.
    article_count = models.PositiveIntegerField(_("文章数"), default=0, editable=False)
    quote_count = models.PositiveIntegerField(_("引语数"), default=0, editable=False)
    last_text = models.TextField(_("最近的话"), blank=True, editable=False)
    last_quoted_on = models.DateField(_("最近见报"), null=True, editable=False)
    last_title = models.CharField(_("最近的职务"), max_length=200, blank=True, editable=False)
    last_titled_on = models.DateField(_("最近职务的日期"), null=True, editable=False)

    class Meta(Person.Meta):
        verbose_name = _("受访者")
        verbose_name_plural = _("受访者")
        indexes = [
            models.Index(
                fields=["-article_count", "-quote_count", "name"], name="speaker_by_articles"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("archive:speaker_detail", kwargs={"slug": self.slug})


class SpeakerAlias(PersonAlias):
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("受访者")
    )

    class Meta(PersonAlias.Meta):
        verbose_name = _("受访者别名")
        verbose_name_plural = _("受访者别名")
