"""The editorial admin: articles with their people and places, merging, re-parsing, uploads,
history. Changelists never count exactly and every foreign key is an autocomplete, so pages stay
fast on a million articles."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from archive.admin import articles, people, places  # noqa: F401  (registers the models)

admin.site.site_header = _("上海报刊档案 · 编辑后台")
admin.site.site_title = _("上海报刊档案")
admin.site.index_title = _("档案管理")
