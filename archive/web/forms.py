"""The advanced-search form: fields as in CNKI's advanced search, turned into the query language
(``标题:… 作者:…``) so the result is an ordinary, bookmarkable listing URL."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from archive.models import District
from archive.selectors.filters import ArticleFilter

MAX_QUERY = ArticleFilter.base_filters["q"].extra["max_length"]

# form field → prefix in the query language (archive.search.fields)
FIELD_PREFIXES = [
    ("title", "标题"),
    ("author", "作者"),
    ("speaker", "受访者"),
    ("district", "区"),
    ("page", "版"),
]


def _district_choices():
    return [("", _("不限"))] + [(d.slug, d.name) for d in District.objects.order_by("code")]


class AdvancedSearchForm(forms.Form):
    words = forms.CharField(label=_("全文"), required=False, max_length=MAX_QUERY)
    title = forms.CharField(label=_("标题"), required=False, max_length=100)
    author = forms.CharField(label=_("作者"), required=False, max_length=60)
    speaker = forms.CharField(label=_("受访者"), required=False, max_length=60)
    district = forms.ChoiceField(label=_("区"), required=False, choices=_district_choices)
    page = forms.CharField(label=_("版次"), required=False, max_length=20)
    exclude = forms.CharField(label=_("不含"), required=False, max_length=100)
    date_from = forms.DateField(
        label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def query(self) -> str:
        """The fields as one query: words as typed, each field with its prefix (quoted when it
        has a space), each excluded word with "-"."""
        data = self.cleaned_data
        parts = [data["words"].strip()] if data["words"].strip() else []
        for name, prefix in FIELD_PREFIXES:
            value = data[name].replace('"', "").strip()
            if value:
                parts.append(f'{prefix}:"{value}"' if " " in value else f"{prefix}:{value}")
        parts += [f"-{word}" for word in data["exclude"].replace('"', "").split()]
        return " ".join(parts)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and len(self.query()) > MAX_QUERY:
            raise forms.ValidationError(_("检索式过长，请减少条件。"))
        return cleaned
