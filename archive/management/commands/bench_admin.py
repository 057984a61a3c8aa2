"""Time the editors' article changelist and change form on whatever database DATABASE_URL names.

Why: the admin must stay usable at a million articles (target: p95 under 300 ms). Point it at the
throwaway database ``bench_search`` fills, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench python manage.py bench_admin``.
The naive way (an exact count of every page and a substring search over titles and names) is
timed in the same run for comparison.

The change form (target: under 300 ms) is timed on an article with many people, photos, quotes
and districts, made for the run and rolled back, beside the inlines as they were: Django's
stock ones (a query per autocomplete widget; every widget, option, label and empty error list
through the template engine) with photos and quotes stacked.
"""

import contextlib
import statistics
import time

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

from archive.admin.forms import ArticleForm
from archive.models import (
    Article,
    ArticleDistrict,
    Author,
    Byline,
    District,
    Photo,
    Quote,
    Speaker,
)

PAGES = [
    "",
    "?status__exact=published",
    "?district=yangpu",
    "?year=2010",
    "?q=养老",
    "?q=五角场",
    "?p=50",
]
USERNAME = "bench-admin"


class Command(BaseCommand):
    help = "Benchmark the article changelist in the admin."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument(
            "--inlines",
            type=int,
            default=30,
            help="bylines and photos of the change form's article (quotes: 4/3 of it)",
        )
        parser.add_argument(
            "--form-only", action="store_true", help="time the change form only, not the list"
        )

    def handle(self, *args, repeat: int, inlines: int, form_only: bool, **options):
        with contextlib.suppress(RuntimeError):  # already set up when run from the tests
            setup_test_environment()  # the test client's host and template signals
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(user)
        try:
            self._change_form(client, repeat, inlines)
            if not form_only:
                self._changelist(client, repeat)
        finally:
            user.delete()

    def _changelist(self, client, repeat: int) -> None:
        self.stdout.write(f"{Article.objects.count()} articles\n")
        ours = self._run(client, repeat)
        model_admin = admin.site._registry[Article]
        saved = (model_admin.show_full_result_count, model_admin.get_search_results)
        model_admin.show_full_result_count = True
        model_admin.get_search_results = lambda request, queryset, term: (
            admin.ModelAdmin.get_search_results(model_admin, request, queryset, term)
        )
        model_admin.search_fields = ["title", "bylines__author__name"]
        try:
            naive = self._run(client, 1)
        finally:
            model_admin.show_full_result_count, model_admin.get_search_results = saved
            model_admin.search_fields = ["title"]
        for name, times in (
            ("changelist as configured", ours),
            ("naive: exact counts, icontains", naive),
        ):
            p50 = statistics.median(times)
            p95 = sorted(times)[max(0, round(len(times) * 0.95) - 1)]
            self.stdout.write(f"  {name:<34} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")
        ratio = statistics.median(naive) / statistics.median(ours)
        self.stdout.write(f"  naive vs configured (p50): {ratio:.1f}x")

    def _run(self, client, repeat: int) -> list[float]:
        times = []
        for query in PAGES:
            client.get(f"/admin/archive/article/{query}")  # warm
            for _ in range(repeat):
                start = time.perf_counter()
                response = client.get(f"/admin/archive/article/{query}")
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (query, response.status_code)
        return times

    def _change_form(self, client, repeat: int, inlines: int) -> None:
        with transaction.atomic():
            article = crowded_article(inlines)
            url = f"/admin/archive/article/{article.pk}/change/"
            self.stdout.write(
                f"change form: {article.bylines.count()} bylines, {article.photos.count()} "
                f"photos, {article.quotes.count()} quotes, {article.district_links.count()} "
                "districts"
            )
            ours = self._time_form(client, url, repeat)
            model_admin = admin.site._registry[Article]
            saved = (model_admin.inlines, ArticleForm.default_renderer)
            model_admin.inlines = [stock_inline(inline) for inline in model_admin.inlines]
            ArticleForm.default_renderer = None  # Django's own
            try:
                naive = self._time_form(client, url, repeat)
            finally:
                model_admin.inlines, ArticleForm.default_renderer = saved
            transaction.set_rollback(True)
        for name, (times, queries) in (
            ("change form as configured", ours),
            ("naive: stock, stacked inlines", naive),
        ):
            p50, worst = statistics.median(times), max(times)
            self.stdout.write(
                f"  {name:<34} p50 {p50:8.1f} ms   max {worst:8.1f} ms   {queries} queries"
            )
        ratio = statistics.median(naive[0]) / statistics.median(ours[0])
        self.stdout.write(f"  naive vs configured (p50): {ratio:.1f}x")

    def _time_form(self, client, url: str, repeat: int) -> tuple[list[float], int]:
        client.get(url)  # warm
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        return times, len(queries)


STOCK = {
    name: getattr(InlineModelAdmin, name)
    for name in ("get_queryset", "get_formset", "formfield_for_foreignkey", "formfield_for_dbfield")
}


STACKED_BEFORE = (Photo, Quote)  # drawn stacked, a fieldset per row, before they became rows


def stock_inline(inline: type) -> type:
    """The inline as it was drawn before: Django's defaults, none of the shortcuts."""
    attrs = dict(STOCK)
    if inline.model in STACKED_BEFORE:
        attrs["template"] = "admin/edit_inline/stacked.html"
    return type(f"Stock{inline.__name__}", (inline,), attrs)


def crowded_article(n: int) -> Article:
    """An article with ``n`` bylines and photos, 4n/3 quotes and every district."""
    article = Article.objects.create(
        title="基准测试文章", body="正文一段。\n" * 40, raw_text="原文", source_key="bench:form"
    )
    authors = Author.objects.bulk_create(
        Author(name=f"基准作者{i}", slug=f"bench-author-{i}") for i in range(n)
    )
    speakers = Speaker.objects.bulk_create(
        Speaker(name=f"基准受访者{i}", slug=f"bench-speaker-{i}") for i in range(n * 4 // 3)
    )
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=i) for i, author in enumerate(authors)
    )
    Photo.objects.bulk_create(
        Photo(article=article, caption=f"图片说明{i}" * 6, credit="本报记者 某某摄", photographer=a)
        for i, a in enumerate(authors)
    )
    Quote.objects.bulk_create(
        Quote(article=article, speaker=s, title="街道党工委书记", text="要把这件事做好。" * 8)
        for s in speakers
    )
    ArticleDistrict.objects.bulk_create(
        ArticleDistrict(article=article, district=district) for district in District.objects.all()
    )
    return article
