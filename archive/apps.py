from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("上海报刊档案")
    default_auto_field = "django.db.models.BigAutoField"


class LoginProtectionConfig(AxesAppConfig):
    """django-axes, named in the admin's language (its models and columns are translated in
    ``archive/locale``: it ships no simplified Chinese of its own)."""

    verbose_name = _("登录保护")
