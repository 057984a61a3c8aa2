"""Time the editors' article changelist on whatever database DATABASE_URL names.

Why: the admin must stay usable at a million articles (target: p95 under 300 ms). Point it at the
throwaway database ``bench_search`` fills, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench python manage.py bench_admin``.
The naive way (an exact count of every page and a substring search over titles and names) is
timed in the same run for comparison.
"""

import statistics
import time

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.test import Client
from django.test.utils import setup_test_environment

from archive.models import Article

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

    def handle(self, *args, repeat: int, **options):
        setup_test_environment()
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(user)
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
        user.delete()

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
