"""Public pages. Views stay short: queries live in ``selectors``, filters in ``filters``."""

from __future__ import annotations

import csv

from django.contrib.syndication.views import Feed
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from archive import selectors
from archive.cache.figures import figures_key
from archive.models import (
    Article,
    AuthorAlias,
    District,
    Publication,
    SpeakerAlias,
)
from archive.selectors import editions
from archive.selectors.filters import ArticleFilter, PhotoFilter, filter_messages
from archive.selectors.pagination import page_of
from archive.web import charts, citations
from archive.web.citation_views import MAX_CITED
from archive.web.forms import AdvancedSearchForm
from archive.web.page_cache.pages import narrowing_ignored

PAGE_SIZE = selectors.PAGE_SIZE
PHOTO_PAGE_SIZE = 24
PEOPLE_PAGE_SIZE = 60
EXPORT_LIMIT = 10_000
SPEAKER_SORT_LABELS = [
    ("articles", _("文章数")),
    ("quotes", _("引语数")),
    ("recent", _("最近见报")),
    ("name", _("姓名")),
]


def paginate(request: HttpRequest, items, per_page: int = PAGE_SIZE):
    # The count is remembered until a write (a speaker's quotes: 28 ms at 50,000 articles).
    return page_of(items, request.GET.get("page"), per_page, cache_key=figures_key("count", items))


def listing_context(request: HttpRequest, scope=None, counting=None) -> dict:
    """The listing selector's page of ``scope``, with its coverage chart over every match."""
    listing = selectors.article_listing(params=request.GET, scope=scope, counting=counting)
    narrowing_ignored(request, listing.filter.errors)
    coverage, messages = coverage_context(
        request, listing.counted, listing.filter_messages, size=listing.size
    )
    return listing.context() | coverage | {"filter_messages": messages}


def listing_links(name: str, slug: str = "") -> dict:
    """The CSV, coverage CSV and Atom addresses of a listing; templates add the query string."""
    args = [slug] if slug else []
    return {
        "export_url": reverse(f"archive:{name}_export", args=args),
        "coverage_url": reverse(f"archive:{name}_coverage", args=args),
        "coverage_section_url": reverse(f"archive:{name}_coverage_section", args=args),
        "feed_url": reverse(f"archive:{name}_feed", args=args),
        "citation_urls": [
            (label, reverse(f"archive:{name}_citations", args=[*args, format]))
            for format, label in CITATION_CHOICES
        ],
        "max_cited": MAX_CITED,
    }


CITATION_CHOICES = [("txt", "GB/T 7714"), ("ris", "RIS"), ("bib", "BibTeX")]


COVERAGE_TITLES = {"month": _("每月文章数"), "year": _("每年文章数")}


def coverage_context(request: HttpRequest, articles, messages: list[str], size: int | None = None):
    """The coverage chart of ``articles`` by the requested interval (an unknown one is named
    in a message and the chart picks its own), and the messages with that one added."""
    interval = request.GET.get("interval", "")
    params = request.GET.copy()
    for name in ("page", "chart"):
        params.pop(name, None)
    if interval not in ("", *selectors.COVERAGE_INTERVALS):
        messages = [*messages, _("时间单位只能是“月”或“年”，已自动选择。")]
        interval = ""
        params.pop("interval")
    # Counting a large listing's chart would hold up its page: it follows (coverage.js), or
    # a reader without scripts asks for it (chart=now). Its addresses carry the page's
    # filters and the interval it draws, not one the page refused.
    later = request.GET.get("chart") != "now"
    series = selectors.listing_coverage(articles, interval=interval, later=later, size=size)
    if series is None:
        now = params.copy()
        now["chart"] = "now"
        links = {"coverage_query": f"?{params.urlencode()}", "coverage_now": f"?{now.urlencode()}"}
        return {"coverage_later": True} | links, messages
    chart = charts.timeline(series.labelled, title=COVERAGE_TITLES[series.interval])
    return {"coverage": series, "coverage_chart": chart}, messages


def home(request: HttpRequest) -> HttpResponse:
    context = {"latest": selectors.article_list()[:10], **selectors.overview()}
    return render(request, "archive/home.html", context)


def article_list(request: HttpRequest) -> HttpResponse:
    context = listing_context(request) | listing_links("article")
    return render(request, "archive/article_list.html", context)


def advanced_search(request: HttpRequest) -> HttpResponse:
    """The advanced-search form; filled in, it sends the reader to the listing with the query
    it makes (and the dates), so results, facets, feed and CSV are the listing's own."""
    form = AdvancedSearchForm(request.GET or None)
    if form.is_valid() and (form.query() or form.cleaned_data["date_from"]):
        params = QueryDict(mutable=True)
        if form.query():
            params["q"] = form.query()
        for name in ("date_from", "date_to"):
            if form.cleaned_data[name]:
                params[name] = form.cleaned_data[name].isoformat()
        return redirect(reverse("archive:article_list") + "?" + params.urlencode())
    return render(request, "archive/advanced_search.html", {"form": form})


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = selectors.article_get(pk=pk)
    older, newer = selectors.article_neighbours(article=article)
    context = {
        "article": article,
        "citation": citations.gbt7714(article),
        "related": selectors.article_related(article=article),
        "copies": selectors.article_copies(article=article),
        "older": older,
        "newer": newer,
    }
    return render(request, "archive/article_detail.html", context)


def author_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.author_list(), PEOPLE_PAGE_SIZE)
    selectors.author_role_counts(page.object_list)
    return render(request, "archive/author_list.html", {"page_obj": page})


def _person_or_redirect(shown, alias_model, slug: str, url_name: str):
    """The person with this slug among those the site shows (``shown``: nobody whose every
    article or quote was deleted or unpublished); a merged person's old slug redirects to the
    one kept."""
    model = shown.model
    person = shown.filter(slug=slug).first()
    if person is not None:
        return person, None
    alias = get_object_or_404(alias_model.objects.select_related(), slug=slug)
    kept = getattr(alias, model._meta.model_name)
    return None, redirect(url_name, slug=kept.slug, permanent=True)


def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    author, moved = _person_or_redirect(
        selectors.authors_with_work(), AuthorAlias, slug, "archive:author_detail"
    )
    if moved:
        return moved
    articles = selectors.person_articles(person=author)
    counting = selectors.person_articles(person=author, counting=True)
    context = listing_context(request, articles, counting) | listing_links("author", author.slug)
    context["person"] = author
    return render(request, "archive/author_detail.html", context)


def speaker_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort")
    sort = sort if sort in selectors.SPEAKER_SORTS else "articles"  # unknown: the default
    page = paginate(request, selectors.speaker_list(sort=sort), PEOPLE_PAGE_SIZE)
    context = {"page_obj": page, "sort": sort, "sorts": SPEAKER_SORT_LABELS}
    return render(request, "archive/speaker_list.html", context)


def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker, moved = _person_or_redirect(
        selectors.speakers_with_quotes(), SpeakerAlias, slug, "archive:speaker_detail"
    )
    if moved:
        return moved
    page = paginate(request, selectors.speaker_quotes(speaker=speaker))
    articles = selectors.person_articles(person=speaker)
    coverage, messages = coverage_context(request, articles, [], size=speaker.article_count)
    context = {"person": speaker, "page_obj": page, "filter_messages": messages} | coverage
    context |= listing_links("speaker", speaker.slug)
    return render(request, "archive/speaker_detail.html", context)


def district_list(request: HttpRequest) -> HttpResponse:
    districts = selectors.overview()["districts"]  # cached: one aggregate over every link
    chart = charts.horizontal_bars(
        [(d.name, d.n_articles, d.get_absolute_url()) for d in districts],
        title=_("各区文章数"),
    )
    return render(request, "archive/district_list.html", {"districts": districts, "chart": chart})


def district_detail(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(District, slug=slug)
    articles = selectors.article_list().filter(district_links__district=district)
    context = listing_context(request, articles) | listing_links("district", district.slug)
    context["district"] = district
    # The people beside the listing are those of the articles listed, filters included.
    context |= {
        "reporters": context["facets"]["reporter"],
        "speakers": context["facets"]["speaker"],
    }
    return render(request, "archive/district_detail.html", context)


def photo_list(request: HttpRequest) -> HttpResponse:
    filterset = PhotoFilter(request.GET, queryset=selectors.photo_list())
    page = paginate(request, filterset.qs, PHOTO_PAGE_SIZE)
    context = {"filter": filterset, "filter_messages": filter_messages(filterset), "page_obj": page}
    return render(request, "archive/photo_list.html", context)


EXPORT_COLUMNS = ["id", "date", "publication", "page", "title", "authors", "districts", "url"]
EXPORT_COLUMNS += ["copy_of", "source_url"]  # the first copy of the story; where it was read
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _listing_series(request: HttpRequest, kind: str, slug: str):
    """The coverage of a listing (``selectors.listing_source``) as its query string filters it,
    by the interval asked for; None for an interval that is neither month nor year."""
    interval = request.GET.get("interval", "")
    if interval not in ("", *selectors.COVERAGE_INTERVALS):
        return None
    source = selectors.listing_source(kind=kind, slug=slug)
    filterset = ArticleFilter(request.GET, queryset=source.articles)
    return selectors.listing_coverage(filterset.unranked(over=source.counting), interval=interval)


def spreadsheet_text(value: str) -> str:
    """Text as a spreadsheet shows it, never runs it: a leading apostrophe, OWASP's advice."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def coverage_section(request: HttpRequest, kind: str = "articles", slug: str = ""):
    """A listing's coverage chart alone, as the section its page shows: what ``coverage.js``
    puts in the place a large listing left for it. An unknown interval is a 400."""
    series = _listing_series(request, kind, slug)
    if series is None:
        return HttpResponseBadRequest(_("interval 只能是 month 或 year"))
    chart = charts.timeline(series.labelled, title=COVERAGE_TITLES[series.interval])
    links = listing_links("article" if kind == "articles" else kind, slug)
    return render(
        request, "archive/_coverage.html", {"coverage": series, "coverage_chart": chart} | links
    )


def coverage_export(request: HttpRequest, kind: str = "articles", slug: str = ""):
    """The coverage chart's counts as CSV: period, articles; an unknown interval is a 400."""
    series = _listing_series(request, kind, slug)
    if series is None:
        return HttpResponseBadRequest(_("interval 只能是 month 或 year"))
    writer = csv.writer(Echo())
    lines = [writer.writerow([series.interval, "articles"])]
    lines += [writer.writerow([label, n]) for label, n in series.labelled]
    response = HttpResponse("\ufeff" + "".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="coverage.csv"'
    return response


def capped_note(limit: int) -> str:
    return str(_("仅导出了前 %(n)s 篇：结果更多，请加筛选条件分批导出。") % {"n": limit})


class Echo:
    def write(self, value: str) -> str:
        return value


def article_export(
    request: HttpRequest, kind: str = "articles", slug: str = ""
) -> StreamingHttpResponse:
    """A listing with its filters as CSV (UTF-8 with BOM so spreadsheet programs read Chinese):
    an author's or a district's page exports that author's or district's articles only."""
    source = selectors.listing_source(kind=kind, slug=slug)
    writer = csv.writer(Echo())
    base = request.build_absolute_uri("/")[:-1]

    def rows():
        yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)
        # One more than the cap, to know whether the cap cut.
        articles = selectors.article_export(
            params=request.GET, limit=EXPORT_LIMIT + 1, scope=source.articles
        )
        for count, article in enumerate(articles, start=1):
            if count > EXPORT_LIMIT:
                yield writer.writerow(["", "", "", "", capped_note(EXPORT_LIMIT)])
                return
            text = [
                article.publication.name if article.publication else "",
                article.page,
                article.title,
                "、".join(b.author.name for b in article.bylines.all()),
                "、".join(link.district.name for link in article.district_links.all()),
            ]
            yield writer.writerow(
                [
                    article.pk,
                    article.published_on or "",
                    *map(spreadsheet_text, text),
                    base + article.get_absolute_url(),
                    article.copy_of_id or "",
                    spreadsheet_text(article.source_url),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="articles.csv"'
    return response


class LatestArticlesFeed(Feed):
    title = _("上海报刊档案 · 最新文章")
    description = _("最新导入并发布的上海报刊文章")

    def link(self) -> str:
        return reverse("archive:article_list")

    def items(self):
        return selectors.article_list()[:30]

    def item_title(self, item: Article) -> str:
        return item.display_title

    def item_description(self, item: Article) -> str:
        # RSS readers render <description> as HTML; the body is plain text, so it goes escaped.
        return escape(item.body[:200])

    def item_author_name(self, item: Article) -> str:
        return "、".join(b.author.name for b in item.bylines.all())


# Browsing by date and page ------------------------------------------------------------------


def date_index(request: HttpRequest) -> HttpResponse:
    context = {"years": editions.date_years(), "undated": editions.undated_count()}
    return render(request, "archive/date_index.html", context)


def date_year(request: HttpRequest, year: int) -> HttpResponse:
    months = editions.date_year(year=year)
    return render(request, "archive/date_year.html", {"year": year, "months": months})


def date_day(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    date = editions.day_or_404(year, month, day)
    context = {"date": date, "editions": editions.date_day(day=date)}
    return render(request, "archive/date_day.html", context)


def date_edition(request: HttpRequest, year: int, month: int, day: int, publication: str):
    date = editions.day_or_404(year, month, day)
    paper = get_object_or_404(Publication, slug=publication)
    pages = editions.date_edition(day=date, publication=paper)
    context = {"date": date, "publication": paper, "pages": pages}
    return render(request, "archive/date_edition.html", context)


def date_undated(request: HttpRequest) -> HttpResponse:
    context = listing_context(request, editions.undated_articles()) | listing_links("undated")
    return render(request, "archive/date_undated.html", context)


# Crawlers ------------------------------------------------------------------------------------

# Parameters that make a filtered copy of a listing: each combination is a new URL, so a crawler
# following them would never finish (28 articles already make thousands). The sitemap lists
# every article, person, district and day instead.
CRAWL_TRAPS = [*ArticleFilter.base_filters, "photographer", "interval"]


def robots_txt(request: HttpRequest) -> HttpResponse:
    context = {
        "traps": sorted(set(CRAWL_TRAPS)),
        "sitemap": request.build_absolute_uri(reverse("sitemap")),
    }
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
