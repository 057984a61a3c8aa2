"""What an editor should check in a record: the doubts an import leaves on an article."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Doubt(models.TextChoices):
    """Why a record may be incomplete or wrong. Each is worked out from the record itself
    (``services.review``), so an editor's correction clears the doubt it answers."""

    NO_TITLE = "no_title", _("标题")
    NO_DATE = "no_date", _("日期")
    NO_PUBLICATION = "no_publication", _("报纸")
    NO_BYLINE = "no_byline", _("署名")
    CUT_OFF = "cut_off", _("正文不完整")
    SPLIT_PAGE = "split_page", _("同页拆分")


# What a reader is told is missing (信息不全：日期、报纸); the last two are for editors only.
MISSING_INFORMATION = (Doubt.NO_TITLE, Doubt.NO_DATE, Doubt.NO_PUBLICATION, Doubt.NO_BYLINE)


class ArticleDoubt(models.Model):
    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="doubts", verbose_name=_("文章")
    )
    reason = models.CharField(_("待核对原因"), max_length=20, choices=Doubt.choices)

    class Meta:
        verbose_name = _("待核对原因")
        verbose_name_plural = _("待核对原因")
        constraints = [
            models.UniqueConstraint(fields=["article", "reason"], name="article_doubt_once")
        ]
        indexes = [models.Index(fields=["reason", "article"], name="doubt_reason_article")]

    def __str__(self) -> str:
        return str(self.get_reason_display())
