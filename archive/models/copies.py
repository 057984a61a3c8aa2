"""The same story from two sources: each article's text fingerprint, its LSH band keys (the
index an import looks earlier copies up in) and the link from a copy to the first the archive
holds of it."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ArticleSignature(models.Model):
    """The article's MinHash values (``ingest.fingerprint``), to tell a real copy from an article
    that only shares a band's key with it."""

    article = models.OneToOneField(
        "Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="signature",
        verbose_name=_("文章"),
    )
    minhash = models.BinaryField(_("文本指纹"))

    class Meta:
        verbose_name = _("文本指纹")
        verbose_name_plural = _("文本指纹")

    def __str__(self) -> str:
        return str(self.article_id)


class SignatureBand(models.Model):
    """One band key of an article's fingerprint: two articles with a key in common are
    candidate copies."""

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="signature_bands", verbose_name=_("文章")
    )
    key = models.BigIntegerField(_("分段键"))

    class Meta:
        verbose_name = _("指纹分段")
        verbose_name_plural = _("指纹分段")
        indexes = [models.Index(fields=["key", "article"], name="signature_band_key")]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.key}"


class ArticleCopy(models.Model):
    """This article tells the same story as ``original``, the first copy the archive holds
    (found at import, or linked by an editor). Every copy links to that first one, so a story's
    copies are the original and the articles linking to it."""

    article = models.OneToOneField(
        "Article", on_delete=models.CASCADE, related_name="copy_link", verbose_name=_("文章")
    )
    original = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="copies", verbose_name=_("最早的一份")
    )
    similarity = models.FloatField(_("相似度"), help_text=_("两篇文字的估计重合度，0 到 1。"))

    class Meta:
        verbose_name = _("同一篇文章的其他来源")
        verbose_name_plural = _("同一篇文章的其他来源")
        constraints = [
            models.CheckConstraint(
                condition=~Q(article=F("original")), name="article_copy_not_itself"
            )
        ]
        indexes = [models.Index(fields=["original", "article"], name="copy_original_article")]

    def __str__(self) -> str:
        return f"#{self.article_id} = #{self.original_id}"
