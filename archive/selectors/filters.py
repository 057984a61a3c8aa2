"""The listing's filters, declared one by one. Every people and place filter is an ``Exists``
subquery, so combining them never multiplies rows and never needs ``DISTINCT``."""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from archive.cache.figures import figures_key
from archive.cache.stored import stored_figure
from archive.models import (
    Article,
    ArticleCopy,
    ArticleDistrict,
    Author,
    Byline,
    District,
    Photo,
    Publication,
    Quote,
    Role,
    Speaker,
)
from archive.search import Query, reader_query, search


class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Several slugs in the URL (?district=yangpu&district=pudong), matched as "any of these"."""

    def __init__(self, *args, exists, **kwargs):
        self.exists = exists
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", forms.MultipleHiddenInput)
        super().__init__(*args, **kwargs)

    def filter(self, queryset: QuerySet, value) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(self.exists(list(value)))


def _by_author(authors) -> Exists:
    return Exists(Byline.objects.filter(article=OuterRef("pk"), author__in=authors))


def _by_photographer(authors) -> Q:
    photographed = Exists(Photo.objects.filter(article=OuterRef("pk"), photographer__in=authors))
    credited = Exists(
        Byline.objects.filter(
            article=OuterRef("pk"),
            author__in=authors,
            role__in=[Role.PHOTOGRAPHER, Role.TEXT_AND_PHOTO],
        )
    )
    return Q(photographed) | Q(credited)


def _by_speaker(speakers) -> Exists:
    return Exists(Quote.objects.filter(article=OuterRef("pk"), speaker__in=speakers))


def _by_district(districts) -> Exists:
    return Exists(ArticleDistrict.objects.filter(article=OuterRef("pk"), district__in=districts))


SORTS = {
    "newest": [F("published_on").desc(nulls_last=True), "-id"],
    "oldest": [F("published_on").asc(nulls_last=True), "id"],
}


DATE_FILTERS = ("date_from", "date_to")
# The browser draws the date in its own language's order (mm/dd/yyyy in an English one): the
# range is also said in Chinese beside the inputs (#date-range-text in _listing.html).
DATE_INPUT = forms.DateInput(attrs={"type": "date", "aria-describedby": "date-range-text"})


@dataclass(frozen=True)
class UndatedLeftOut:
    count: int
    query: str  # the listing's parameters without the date range, with undated=true


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="search", max_length=200)
    reporter = SlugsFilter(label=_("作者"), queryset=Author.objects.all(), exists=_by_author)
    photographer = SlugsFilter(
        label=_("摄影"), queryset=Author.objects.all(), exists=_by_photographer
    )
    speaker = SlugsFilter(label=_("受访者"), queryset=Speaker.objects.all(), exists=_by_speaker)
    district = SlugsFilter(label=_("区"), queryset=District.objects.all(), exists=_by_district)
    publication = django_filters.ModelChoiceFilter(
        label=_("报纸"),
        queryset=Publication.objects.all(),
        to_field_name="slug",
        widget=forms.HiddenInput,
    )
    date_from = django_filters.DateFilter(
        label=_("起始日期"),
        field_name="published_on",
        lookup_expr="gte",
        widget=DATE_INPUT,
    )
    date_to = django_filters.DateFilter(
        label=_("截止日期"),
        field_name="published_on",
        lookup_expr="lte",
        widget=DATE_INPUT,
    )
    # Articles whose date the import could not find: a date range leaves them out, so the
    # listing links to them explicitly (?undated=true).
    undated = django_filters.BooleanFilter(label=_("无日期"), method="without_date")
    has_photos = django_filters.BooleanFilter(label=_("有图片"), method="with_photos")
    checked = django_filters.BooleanFilter(label=_("已经编辑核对"), method="editor_checked")
    collapse = django_filters.BooleanFilter(label=_("合并转载"), method="first_copies")
    sort = django_filters.ChoiceFilter(
        label=_("排序"),
        choices=[("relevance", _("相关度")), ("newest", _("最新")), ("oldest", _("最早"))],
        method="order",
        empty_label=None,
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        # Relevance means something only with words to rank by: without a search the menu
        # offers dates alone and starts at the newest (an old ?sort=relevance link: the same).
        searching = data is not None and (data.get("q") or "").strip()
        if data is not None and not searching and data.get("sort") == "relevance":
            data = data.copy()
            data["sort"] = "newest"
        super().__init__(data, *args, **kwargs)
        self.probes: dict = {}  # each query's few-matches probe, shared by this set's searches
        if not (self.data.get("q") or "").strip():
            sort = self.filters["sort"]
            sort.extra["choices"] = [c for c in sort.extra["choices"] if c[0] != "relevance"]

    @cached_property
    def query(self) -> Query | None:
        """The reader's ``q``, parsed once for the search, the undated count and highlights."""
        self.is_valid()  # cleans the form, if nothing has yet
        text = self.form.cleaned_data.get("q")
        return reader_query(text, using=self.queryset.db) if text else None

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        by_date = self.form.cleaned_data.get("sort") in SORTS
        return search(queryset, self.query, rank=not by_date, probes=self.probes)

    def unranked(self, *, over: QuerySet | None = None) -> QuerySet:
        """Every matching article, in date order. Relevance ranks only the newest matches, so
        whatever counts all of them (coverage over time) reads this instead of ``qs``. ``over``:
        the same articles as the set's queryset, in a form quicker to count (a person's)."""
        self.is_valid()  # cleans the form, if nothing has yet
        if over is None and (
            not self.form.cleaned_data.get("q") or self.form.cleaned_data.get("sort") in SORTS
        ):
            return self.qs
        return self._unranked(over=over)

    def _unranked(self, *, without: tuple[str, ...] = (), over: QuerySet | None = None):
        """As ``filter_queryset`` on the values already validated (none is validated twice),
        with the search unranked and the ``without`` filters left out, of ``over`` if given."""
        queryset = (self.queryset if over is None else over).all()
        for name, value in self.form.cleaned_data.items():
            if name == "q" and value:
                queryset = search(queryset, self.query, rank=False, probes=self.probes)
            elif name not in (*without, "sort", "q"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def editor_checked(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        """?checked=true: only records an editor vouched for (核对完毕)."""
        if value is None:
            return queryset
        return queryset.filter(checked_at__isnull=not value)

    def first_copies(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        """?collapse=true: a story printed by several sources is listed once, at the first copy
        the archive holds (a later copy is listed when that one is not public)."""
        if not value:
            return queryset
        later = ArticleCopy.objects.filter(
            article=OuterRef("pk"), original__status=Article.Status.PUBLISHED
        )
        return queryset.filter(~Exists(later))

    def without_date(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(published_on__isnull=value)

    def undated_left_out(self) -> UndatedLeftOut | None:
        """With a date range in force: how many undated articles it leaves out of this listing
        (every other filter kept, as already validated), and the query string that lists them."""
        self.is_valid()
        cleaned = self.form.cleaned_data
        if not any(cleaned.get(name) for name in DATE_FILTERS):
            return None
        # Unranked: relevance ranks only the newest matches, and undated ones come last.
        queryset = self._unranked(without=(*DATE_FILTERS, "undated"))
        params = QueryDict(mutable=True)
        params.update(self.data)
        for name in (*DATE_FILTERS, "page"):
            params.pop(name, None)
        params["undated"] = "true"
        if cleaned.get("q") and cleaned.get("sort") not in SORTS:
            params["sort"] = "newest"  # so the link lists every one counted, as the count did
        undated = queryset.filter(published_on__isnull=True).order_by()
        # Remembered as the listing's other figures are: asked on every page of a date range.
        count = stored_figure(figures_key("undated", undated), undated.count)
        return UndatedLeftOut(count=count, query=params.urlencode())

    def with_photos(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        has = Exists(Photo.objects.filter(article=OuterRef("pk")))
        return queryset.filter(has if value else ~has)

    def order(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "relevance":
            return queryset  # the search already ordered by rank; without one, newest first
        return queryset.order_by(*SORTS[value])


def filter_messages(filterset: django_filters.FilterSet) -> list[str]:
    """One line per invalid filter value, named by its label, for the page to show; and a
    date range that ends before it starts, which no article can satisfy."""
    messages = [
        f"{filterset.form.fields[name].label}：{'；'.join(errors)}"
        for name, errors in filterset.errors.items()
    ]
    cleaned = getattr(filterset.form, "cleaned_data", {})
    start, end = cleaned.get("date_from"), cleaned.get("date_to")
    if start and end and start > end:
        messages.append(str(_("起始日期晚于结束日期：没有文章能同时满足。")))
    return messages


class PhotoFilter(django_filters.FilterSet):
    photographer = django_filters.ModelMultipleChoiceFilter(
        label=_("摄影"),
        queryset=Author.objects.all(),
        to_field_name="slug",
        field_name="photographer__slug",
        widget=forms.MultipleHiddenInput,
    )
    district = SlugsFilter(
        label=_("区"),
        queryset=District.objects.all(),
        exists=lambda districts: Exists(
            ArticleDistrict.objects.filter(article=OuterRef("article"), district__in=districts)
        ),
    )

    class Meta:
        model = Photo
        fields: list[str] = []
