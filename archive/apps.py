from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("上海报刊档案")
    default_auto_field = "django.db.models.BigAutoField"
