"""Articles and what hangs off them: bylines, photos, quotes and district mentions."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from archive.models.review import MISSING_INFORMATION


class Publication(models.Model):
    name = models.CharField(_("报纸名称"), max_length=100, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("报纸")
        verbose_name_plural = _("报纸")

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        return self.filter(status=Article.Status.PUBLISHED)


class ArticlePartQuerySet(models.QuerySet):
    """Bylines, photos and quotes: the public sees those of published articles only."""

    def published(self) -> "ArticlePartQuerySet":
        return self.filter(article__status=Article.Status.PUBLISHED)


UNTITLED = _("无标题")
INCOMPLETE = _("信息不全")
UNCHECKED = _("未经编辑核对")
UNTITLED_WORDS = 20  # of the body, to tell untitled articles apart in a list


class SourceKind(models.TextChoices):
    PRINT = "print", _("报纸版面")
    WEB = "web", _("网页")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    publication = models.ForeignKey(
        Publication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("报纸"),
    )
    # Empty when the page printed no headline: the parser does not make one up from the text.
    title = models.CharField(_("标题"), max_length=300, blank=True)
    kicker = models.CharField(_("引题"), max_length=300, blank=True)
    subtitle = models.CharField(_("副题"), max_length=300, blank=True)
    column = models.CharField(_("栏目"), max_length=100, blank=True)
    page = models.CharField(_("版次"), max_length=20, blank=True)
    published_on = models.DateField(_("出版日期"), null=True, blank=True)
    original_title = models.CharField(_("原标题"), max_length=300, blank=True)
    body = models.TextField(_("正文"), help_text=_("每段一行。"))
    sections = models.JSONField(
        _("小标题"), default=list, blank=True, help_text=_("正文中作为小标题的行，按顺序。")
    )
    raw_text = models.TextField(_("原始文本"), help_text=_("导入时的原文，从不改动。"))
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    # Where the text was taken from: a web page is cited as one ([EB/OL], with its address and
    # the day it was read), a print page as a newspaper ([N]; [N/OL] with an e-paper address).
    # Defaults in the database too: rows written around the ORM (benchmarks, tests' bulk SQL).
    source_url = models.URLField(
        _("来源网址"),
        max_length=500,
        blank=True,
        default="",
        db_default="",
        help_text=_("原文所在的网页地址。"),
    )
    source_kind = models.CharField(
        _("来源类型"),
        max_length=10,
        choices=SourceKind.choices,
        default=SourceKind.PRINT,
        db_default=SourceKind.PRINT,
    )
    accessed_on = models.DateField(
        _("访问日期"),
        null=True,
        blank=True,
        help_text=_("读取网页原文的日期；空着时引用以导入日期为准。"),
    )
    source_key = models.CharField(
        _("来源键"), max_length=100, unique=True, help_text=_("重复导入时据此识别同一篇文章。")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    districts = models.ManyToManyField(
        "District",
        through="ArticleDistrict",
        related_name="articles",
        verbose_name=_("涉及的区"),
        blank=True,
    )
    import_checksum = models.CharField(
        _("导入校验和"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("上次导入时解析结果的校验和；与现状不符说明编辑改过，重新导入不会覆盖。"),
    )
    # Search tokens, written by archive.search.index on import and save. PostgreSQL only (GIN index
    # made by migration 0005); SQLite keeps them in the FTS5 table archive_article_fts instead.
    search_vector = SearchVectorField(null=True, editable=False)
    # Its character bigrams, for finding what jieba cut differently (archive.search.characters):
    # PostgreSQL only (GIN index made by migration 0017); SQLite has archive_article_chars.
    search_chars = SearchVectorField(null=True, editable=False)
    # The people and captions it is found by, which live on other rows: the text the
    # exact-string check reads beside the article's own columns.
    search_extra = models.TextField(blank=True, default="", db_default="", editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    # An editor vouched for the record (核对完毕): who and when, kept in the history too.
    checked_at = models.DateTimeField(_("核对时间"), null=True, blank=True, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("核对人"),
    )

    objects = ArticleQuerySet.as_manager()
    # The source text and derived search data are not worth a copy per change.
    history = HistoricalRecords(
        excluded_fields=[
            "raw_text",
            "search_vector",
            "search_chars",
            "search_extra",
            "import_checksum",
        ]
    )

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("文章")
        verbose_name_plural = _("文章")
        indexes = [
            # On PostgreSQL migration 0006 adds the same with NULLS LAST, the listing's order.
            models.Index(fields=["-published_on", "-id"], name="article_newest"),
            # Published articles in date order, to the row: previous / next read it from an
            # article's position with a row comparison (selectors.article_neighbour_queries).
            models.Index(fields=["status", "-published_on", "-id"], name="article_status_date_id"),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("archive:article_detail", kwargs={"pk": self.pk})

    @property
    def display_title(self) -> str:
        """The headline, or for a page printed without one 无标题 and the text's first words
        (only when the body is loaded already: a listing never pays a query for them)."""
        if self.title:
            return self.title
        if "body" in self.get_deferred_fields() or not self.body:
            return str(UNTITLED)
        words = self.body.strip().split("\n", 1)[0]
        cut = words[:UNTITLED_WORDS] + ("…" if len(words) > UNTITLED_WORDS else "")
        return f"{UNTITLED}：{cut}"

    @property
    def copy_of_id(self) -> int | None:
        """The first article the archive holds of this story, if this is a later copy of it
        (read from ``copy_link``: select it with the article to spare a query)."""
        link = getattr(self, "copy_link", None)  # no link: the descriptor raises AttributeError
        return link.original_id if link else None

    @property
    def cited_access_date(self):
        """The day the source was read, for a citation: as the file says, else the import's."""
        if self.accessed_on:
            return self.accessed_on
        return timezone.localdate(self.created_at) if self.created_at else None

    @property
    def record_notice(self) -> str:
        """One quiet line for a reader when the record is incomplete or unchecked (信息不全：
        日期、报纸, or 未经编辑核对); empty for a complete record or one an editor checked."""
        doubts = list(self.doubts.all())
        if not doubts or self.checked_at:
            return ""
        missing = [str(d.get_reason_display()) for d in doubts if d.reason in MISSING_INFORMATION]
        if missing:
            return f"{INCOMPLETE}：{'、'.join(missing)}"
        return str(UNCHECKED)

    @property
    def credits(self) -> list[tuple[models.Model, str]]:
        """Each person credited, once, with every role they are credited for (记者、摄影 for
        one who wrote the report and took its photos), in the order of the byline; from the
        prefetched bylines, so a listing pays no query per article."""
        roles: dict[models.Model, list[str]] = {}
        for byline in self.bylines.all():
            shown = roles.setdefault(byline.author, [])
            if (role := byline.get_role_display()) not in shown:
                shown.append(role)
        return [(author, "、".join(names)) for author, names in roles.items()]

    @property
    def paragraphs(self) -> list[tuple[str, bool]]:
        """The body as (text, is_heading) pairs, for templates."""
        headings = set(self.sections)
        return [(line, line in headings) for line in self.body.splitlines() if line.strip()]


class Role(models.TextChoices):
    REPORTER = "reporter", _("记者")
    PHOTOGRAPHER = "photographer", _("摄影")
    CORRESPONDENT = "correspondent", _("通讯员")
    COMPILER = "compiler", _("整理")
    EDITOR = "editor", _("编辑")
    TEXT_AND_PHOTO = "text_photo", _("图文")
    WRITER = "writer", _("作者")
    INTERN = "intern", _("实习生")


class Byline(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines", verbose_name=_("文章")
    )
    author = models.ForeignKey(
        "Author", on_delete=models.PROTECT, related_name="bylines", verbose_name=_("作者")
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    objects = ArticlePartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position", "id"]
        verbose_name = _("署名")
        verbose_name_plural = _("署名")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author", "role"], name="byline_unique_per_role"
            ),
        ]
        indexes = [
            models.Index(fields=["author", "role"], name="byline_author_role"),
            # A person's articles nearest to one article, read from the index alone
            # (selectors.article_related).
            models.Index(fields=["author", "article"], name="byline_author_article"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.author}"


class Photo(models.Model):
    class Source(models.TextChoices):
        STAFF = "staff", _("本报")
        INTERVIEWEE = "interviewee", _("受访者供图")
        ARCHIVE = "archive", _("资料图")
        AGENCY = "agency", _("通讯社")
        OTHER = "other", _("其他")
        UNKNOWN = "unknown", _("未注明")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="photos", verbose_name=_("文章")
    )
    caption = models.TextField(_("图片说明"), blank=True)
    credit = models.CharField(_("署名（原文）"), max_length=200, blank=True)
    photographer = models.ForeignKey(
        "Author",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("摄影者"),
    )
    source = models.CharField(
        _("来源"), max_length=20, choices=Source.choices, default=Source.UNKNOWN
    )
    image = models.ImageField(_("图片"), upload_to="photos/%Y/%m/", blank=True)
    # Made from the image when it is uploaded (services.photo_thumbnail), for the gallery.
    thumbnail = models.ImageField(
        _("缩略图"), upload_to="photos/thumbs/%Y/%m/", blank=True, editable=False
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    objects = ArticlePartQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["thumbnail"])

    class Meta:
        ordering = ["article", "position", "id"]
        verbose_name = _("图片")
        verbose_name_plural = _("图片")

    def __str__(self) -> str:
        return self.caption[:40] or self.credit or str(_("图片"))


class Quote(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("文章")
    )
    speaker = models.ForeignKey(
        "Speaker", on_delete=models.PROTECT, related_name="quotes", verbose_name=_("受访者")
    )
    title = models.CharField(
        _("职务（原文）"), max_length=200, blank=True, help_text=_("该文中印出的职务。")
    )
    text = models.TextField(_("话语"))
    direct = models.BooleanField(_("直接引语"), default=True)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)
    objects = ArticlePartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position", "id"]
        verbose_name = _("引语")
        verbose_name_plural = _("引语")

    def __str__(self) -> str:
        return f"{self.speaker}：{self.text[:30]}"


class ArticleDistrict(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="district_links", verbose_name=_("文章")
    )
    district = models.ForeignKey(
        "District", on_delete=models.PROTECT, related_name="article_links", verbose_name=_("区")
    )
    mentions = models.PositiveIntegerField(_("提及次数"), default=1)
    former_name = models.CharField(
        _("旧区名"),
        max_length=10,
        blank=True,
        help_text=_("文中以旧区名（如闸北、卢湾）提及时记录。"),
    )

    class Meta:
        ordering = ["-mentions", "district"]
        verbose_name = _("涉及的区")
        verbose_name_plural = _("涉及的区")
        constraints = [
            models.UniqueConstraint(fields=["article", "district"], name="article_district_unique"),
            models.CheckConstraint(
                condition=models.Q(mentions__gte=1), name="article_district_mentions_positive"
            ),
        ]
        indexes = [models.Index(fields=["district", "article"], name="district_article")]

    def __str__(self) -> str:
        return f"{self.district}（{self.mentions}）"
