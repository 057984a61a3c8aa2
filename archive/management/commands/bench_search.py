"""Measure search speed on a throwaway PostgreSQL database of synthetic articles.

Why: the target is p50 ≤ 50 ms and p95 ≤ 250 ms at a million articles for one- and two-word
queries, common words included, and at least 100× faster than ``icontains``. Articles are built
in SQL from the seed pages' paragraphs (each tokenized once by jieba), so a million of them take
minutes, not hours. The database named by --database-url is created if missing and filled up to
--articles; it is never the archive's own database unless you say so.
"""

import random
import statistics
import time

import dj_database_url
import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.models import Q

from archive.management.commands.bench_import import synthetic_pages
from archive.models import Article
from archive.search import tsvector_literal
from archive.search.characters import bigram_tsvector
from archive.selectors.filters import ArticleFilter
from archive.selectors.pagination import EstimatingPaginator

ALIAS = "bench"
BATCH = 50_000
# The seed paragraphs repeat, so even 五角场 is in a tenth of the synthetic articles; one article
# in a thousand also carries a planted word (zx5000 …) that occurs exactly once: the rare case.
COMMON = ["上海", "发展", "建设", "养老", "五角场", "严爱云", "一网统管", "横沙岛"]
RARE = ["zx5000", "zx250000", "zx999000", "zx123000"]
QUERIES = COMMON + RARE
PAIRS = ["上海 发展", "养老 服务", "社区 治理", "党建 引领", "五角场 街道", "zx5000 上海"]
NAIVE = ["zx5000", "zx250000", "不存在的词", "五角场"]


class Command(BaseCommand):
    help = "Benchmark full-text search against icontains on synthetic articles (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument(
            "--database-url", default="postgres://postgres@127.0.0.1:5432/archive_bench"
        )
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, **options):
        config = dj_database_url.parse(options["database_url"])
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("bench_search needs a PostgreSQL --database-url")
        _create_database(config)
        settings.DATABASES[ALIAS] = {**settings.DATABASES["default"], "OPTIONS": {}, **config}
        connections.settings[ALIAS] = settings.DATABASES[ALIAS]
        call_command("migrate", database=ALIAS, verbosity=0)
        self._fill(options["articles"])
        with connections[ALIAS].cursor() as cursor:
            cursor.execute(PLANT_SQL, [])
        self._measure(options["repeat"])

    def _fill(self, target: int) -> None:
        have = Article.objects.using(ALIAS).count()
        if have >= target:
            self.stdout.write(f"{have} articles already in the benchmark database")
            return
        with connections[ALIAS].cursor() as cursor:
            _paragraph_pool(cursor)
            cursor.execute("DROP INDEX IF EXISTS article_search_gin")
            cursor.execute("DROP INDEX IF EXISTS article_chars_gin")
            for start in range(have, target, BATCH):
                stop = min(start + BATCH, target)
                cursor.execute(FILL_SQL, [start + 1, stop])
                self.stderr.write(f"… {stop}/{target} articles")
            self.stderr.write("building the GIN index …")
            cursor.execute(
                "CREATE INDEX article_search_gin ON archive_article USING gin (search_vector)"
            )
            cursor.execute(
                "CREATE INDEX article_chars_gin ON archive_article USING gin (search_chars)"
            )
            cursor.execute("VACUUM ANALYZE archive_article")

    def _measure(self, repeat: int) -> None:
        for query in QUERIES + PAIRS:  # load jieba and warm the caches before timing
            _first_page({"q": query})
        total = Article.objects.using(ALIAS).count()
        self.stdout.write(f"{total} articles; times are per query, first page of 20 rows\n")
        rows = []
        for label, queries in (("one word", QUERIES), ("two words", PAIRS)):
            for sort in ("relevance", "newest"):
                times = [
                    _time(lambda q=q, s=sort: _first_page({"q": q, "sort": s}))
                    for q in queries
                    for _ in range(repeat)
                ]
                rows.append((f"search, {label}, by {sort}", times))
        counts = [_time(lambda q=q: _count({"q": q})) for q in QUERIES for _ in range(repeat)]
        rows.append(("search, one word, count as the page shows it", counts))
        same = [_time(lambda q=q: _first_page({"q": q, "sort": "newest"})) for q in NAIVE]
        naive = [_time(lambda q=q: _icontains(q)) for q in NAIVE]
        rows.append(("search, newest: the naive run's words", same))
        rows.append(("naive icontains, newest, same words", naive))
        for name, times in rows:
            p50, p95 = _percentile(times, 50), _percentile(times, 95)
            self.stdout.write(f"  {name:<38} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms")
        ratio = statistics.median(naive) / statistics.median(same)
        self.stdout.write(f"  icontains vs search on the same words (median): {ratio:.0f}x")


def _create_database(config: dict) -> None:
    admin = psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def _paragraph_pool(cursor) -> None:
    """Seed paragraphs and titles with their tokens, for the SQL that assembles articles."""
    rng = random.Random(7)
    paragraphs = {p for page in synthetic_pages(400, rng) for p in page.split("\n\n")[2:]}
    cursor.execute(
        "CREATE TABLE IF NOT EXISTS bench_para "
        "(id serial PRIMARY KEY, text text, vec tsvector, chars tsvector)"
    )
    cursor.execute("TRUNCATE bench_para RESTART IDENTITY")
    for text in sorted(paragraphs):
        cursor.execute(
            "INSERT INTO bench_para (text, vec, chars) VALUES (%s, %s::tsvector, %s::tsvector)",
            [text, tsvector_literal(("", "", text)), bigram_tsvector(text)],
        )
    cursor.execute(
        "CREATE OR REPLACE AGGREGATE tsvector_agg (tsvector) "
        "(SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')"
    )


FILL_SQL = """
INSERT INTO archive_article (title, kicker, subtitle, "column", page, published_on, original_title,
    body, sections, raw_text, source_name, source_key, status, import_checksum, search_vector,
    search_chars, created_at, updated_at)
SELECT '第' || i || '号 ' || t.text, '', '', '', '', DATE '1995-01-01' + (i * 7919 %% 11000)::int,
    '', b.body, '[]', '', 'bench', 'bench:' || i, 'published', '', setweight(t.vec, 'A') || b.vec,
    t.chars || b.chars, now(), now()
FROM generate_series(%s::bigint, %s::bigint) AS i
CROSS JOIN LATERAL (
    SELECT left(p.text, 30) AS text, p.vec, p.chars FROM bench_para p
    WHERE p.id = 1 + (i * 7331) %% (SELECT count(*) FROM bench_para)
) AS t
CROSS JOIN LATERAL (
    SELECT string_agg(p.text, E'\\n') AS body, tsvector_agg(p.vec) AS vec,
        tsvector_agg(p.chars) AS chars
    FROM generate_series(1, 6) AS g
    JOIN bench_para p ON p.id = 1 + ((i * 6 + g) * 2654435761 %% (SELECT count(*) FROM bench_para))
) AS b
"""


PLANT_SQL = """
UPDATE archive_article
SET title = title || ' zx' || id,
    search_vector = search_vector || setweight(array_to_tsvector(ARRAY['zx' || id]), 'A'),
    search_chars = search_chars || array_to_tsvector(ARRAY(
        SELECT substr('zx' || id, g, 2) FROM generate_series(1, length('zx' || id) - 1) g
    ) || right(id::text, 1))
WHERE id %% 1000 = 0 AND title NOT LIKE '%% zx%%'
"""


def _queryset(params: dict):
    return ArticleFilter(params, queryset=Article.objects.using(ALIAS).published()).qs


def _first_page(params: dict) -> None:
    list(_queryset(params).defer("raw_text", "search_vector", "search_chars", "body")[:20])


def _count(params: dict) -> int:
    return EstimatingPaginator(_queryset(params), 20).count


def _icontains(word: str) -> None:
    articles = Article.objects.using(ALIAS).published()
    articles = articles.filter(Q(title__icontains=word) | Q(body__icontains=word))
    list(articles.order_by("-published_on", "-id").only("id", "title")[:20])


def _time(work) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def _percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]
