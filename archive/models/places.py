from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from archive.ingest.districts import DISTRICT_CODES


class District(models.Model):
    """One of Shanghai's 16 districts; the rows are created by a data migration."""

    code = models.CharField(_("行政区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=10, unique=True)
    short_name = models.CharField(_("简称"), max_length=8, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=20, unique=True)
    # Published articles mentioning it, kept as the people's counts are (services/counts.py).
    article_count = models.PositiveIntegerField(_("文章数"), default=0, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("区")
        verbose_name_plural = _("区")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__in=DISTRICT_CODES), name="district_code_is_shanghai"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:district_detail", kwargs={"slug": self.slug})
