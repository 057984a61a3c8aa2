"""Every public page, and the admin's article list, timed over HTTP beside the naive way.

Starts gunicorn (2 workers, debug off) on this machine's loopback with
``archive.benchmarks.settings`` — the site plus the naive pages under ``/naive/`` and a query count
on every response — against the configured database, or measures a server already running those
settings (``--url``). Each page is fetched ``--runs`` times after one warm-up; the table gives p50
and p95 in ms and the queries of one response, for the real page and the naive one, and their
ratio. Public pages are fetched as a reader (no session), the admin's logged in. Reads only,
but for one staff account it creates to see the admin (``bench-http``).
"""

from __future__ import annotations

import secrets
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from archive.benchmarks.http import PAGE_TIMEOUT, Server, is_loopback
from archive.cache.versions import archive_changed
from archive.models import Article, Author, District, Speaker
from archive.search import search
from archive.search.tokens import words
from archive.selectors import DEEPEST_PAGE, PAGE_SIZE

BENCH_USER = "bench-http"
MAX_WORKERS = 16


@dataclass
class Case:
    name: str
    path: str
    naive: str | None = None
    admin: bool = False


def cases() -> list[Case]:
    """The pages to time, with parameters read from the archive: its most prolific reporter
    and district, an article from the middle of the listing, a rare word, a common one (上海)
    and the most common of COMMON_WORDS in this archive."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    total = published.count()
    if not total:
        raise CommandError("the archive has no published articles: import some first")
    reporter = Author.objects.order_by("-article_count").values_list("slug", flat=True).first()
    speaker = Speaker.objects.order_by("-article_count").values_list("slug", flat=True).first()
    district = District.objects.order_by("-article_count").values_list("slug", flat=True).first()
    middle = published.order_by("-published_on", "-id")[total // 2]
    person = urllib.parse.quote(reporter or "")
    rare = max(words(middle.title) or ["上海"], key=len)
    common, q = "上海", urllib.parse.quote
    commonest = most_common_word(published)
    year = middle.published_on.year if middle.published_on else 2020
    # The deepest page whose rows are read, and one past it (the page that asks to narrow).
    deep = max(1, min(total // PAGE_SIZE, DEEPEST_PAGE))
    past = min(total // PAGE_SIZE, 2000)
    both = f"?reporter={q(reporter or '')}&district={district}"
    span = f"&date_from={year}-01-01&date_to={year}-12-31"
    listing = [
        Case("listing", "/articles/", "/naive/articles/"),
        Case("by reporter", f"/articles/?reporter={q(reporter or '')}"),
        Case("by district", f"/articles/?district={district}"),
        Case("reporter + district + year", f"/articles/{both}{span}"),
        Case(f"deep page ({deep})", f"/articles/?page={deep}"),
        Case("search, rare word", f"/articles/?q={q(rare)}"),
        Case("search, common word", f"/articles/?q={q(common)}"),
        Case("search, two words", f"/articles/?q={q(common + ' ' + rare)}"),
        Case(f"search, most common word ({commonest})", f"/articles/?q={q(commonest)}"),
        Case("search, rare word, by date", f"/articles/?q={q(rare)}&sort=newest"),
        Case("search, common word, by date", f"/articles/?q={q(common)}&sort=newest"),
        Case("search, two words, by date", f"/articles/?q={q(common + ' ' + rare)}&sort=newest"),
        Case(
            f"search, most common word ({commonest}), by date",
            f"/articles/?q={q(commonest)}&sort=newest",
        ),
    ]
    if past > DEEPEST_PAGE:  # an archive that has such a page
        listing.insert(5, Case(f"past the deepest ({past})", f"/articles/?page={past}"))
    for case in listing:
        case.naive = case.naive or "/naive" + case.path.replace("&sort=newest", "")
    # A large listing's coverage chart follows the page from its own address (coverage.js):
    # its first answer is what the page used to make its first reader wait for.
    charts = [
        Case("chart: the listing's", "/articles/coverage/"),
        Case("chart: common word", f"/articles/coverage/?q={q(common)}"),
    ]
    return [
        Case("home", "/"),
        *listing,
        *charts,
        Case("article", f"/articles/{middle.pk}/", f"/naive/articles/{middle.pk}/"),
        Case("author page", f"/authors/{person}/", f"/naive/authors/{person}/"),
        Case(
            "speaker page", f"/speakers/{q(speaker or '')}/", f"/naive/speakers/{q(speaker or '')}/"
        ),
        Case("district page", f"/districts/{district}/", f"/naive/districts/{district}/"),
        Case("/authors/", "/authors/", "/naive/authors/"),
        Case("/speakers/", "/speakers/", "/naive/speakers/"),
        Case("/speakers/ by latest", "/speakers/?sort=recent", "/naive/speakers/"),
        Case("/districts/", "/districts/", "/naive/districts/"),
        Case("admin list", "/admin/archive/article/", "/naive/admin/archive/article/", True),
        Case(
            "admin search",
            f"/admin/archive/article/?q={q(rare)}",
            f"/naive/admin/archive/article/?q={q(rare)}",
            True,
        ),
    ]


# Words a news archive prints in a large share of its articles; the benchmark searches the one
# this archive matches most often (tens of thousands of articles at 150,000: the search whose
# facets and counts cost most).
COMMON_WORDS = ("记者", "社会", "人民", "发展", "中国", "工作", "浦东", "上海")


def most_common_word(published) -> str:
    """Of COMMON_WORDS, the one matching the most published articles (counted: a few
    seconds at a million articles, once a run)."""
    return max(COMMON_WORDS, key=lambda word: search(published, word, rank=False).count())


class Client:
    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> tuple[float, int, int]:
        began = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=PAGE_TIMEOUT) as response:
                response.read()
                queries = int(response.headers.get("X-Queries", "-1"))
                status = response.status
        except urllib.error.HTTPError as error:
            raise CommandError(f"{path}: the server answered {error.code}") from None
        except OSError as error:
            raise CommandError(f"{path}: no answer ({error}); nothing measured") from None
        return time.perf_counter() - began, status, queries

    def login(self, username: str, password: str) -> None:
        with self.opener.open(self.base + "/admin/login/", timeout=60) as response:
            page = response.read().decode()
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            self.base + "/admin/login/?next=/admin/", data=data, headers={"Referer": self.base}
        )
        with self.opener.open(request, timeout=60) as response:
            if "/admin/login/" in response.url:
                raise CommandError("could not log in to the admin for its pages")


class Command(BaseCommand):
    help = "Time every public page and the admin list over HTTP beside the naive way."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument(
            "--naive-runs",
            type=int,
            help="runs of each naive page (default: --runs); its searches are slow at size",
        )
        parser.add_argument("--url", help="a running server with archive.benchmarks.settings")
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, runs: int, url: str | None, workers: int, naive_runs, **options):
        naive_runs = runs if naive_runs is None else naive_runs
        if runs < 2 or naive_runs < 1:
            raise CommandError("--runs must be at least 2, --naive-runs at least 1")
        if not 1 <= workers <= MAX_WORKERS:
            raise CommandError(f"--workers takes 1 to {MAX_WORKERS}")
        if url and not is_loopback(urllib.parse.urlsplit(url).hostname or ""):
            raise CommandError(f"{url}: loopback only")
        password = secrets.token_urlsafe(16)
        user, _ = User.objects.get_or_create(username=BENCH_USER)
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        server = None if url else Server(workers)
        base = url or server.url
        try:
            # Public pages as readers get them (no session: rows and figures shared between
            # pages); only the admin's logged in.
            reader, editor = Client(base), Client(base)
            editor.login(BENCH_USER, password)
            rows = [
                self._measure(editor if case.admin else reader, case, runs, naive_runs)
                for case in cases()
            ]
        finally:
            if server:
                server.stop()
        self.stdout.write(self._table(rows, runs, naive_runs))

    def _measure(self, client: Client, case: Case, runs: int, naive_runs: int) -> tuple:
        """The page's first answer after a write (its remembered figures forgotten: the cold
        figure, when the server shares this cache), then ``runs`` warm ones; the naive page's."""

        def timed(path: str | None, runs: int):
            if path is None:
                return None
            archive_changed()
            first = client.get(path)[0] * 1000  # also the warm-up
            results = [client.get(path) for _ in range(runs)]
            ms = sorted(seconds * 1000 for seconds, _, _ in results)
            return statistics.median(ms), ms[round(0.95 * (len(ms) - 1))], results[-1][2], first

        return case.name, timed(case.path, runs), timed(case.naive, naive_runs)

    def _table(self, rows: list[tuple], runs: int, naive_runs: int) -> str:
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        count = Article.objects.count()
        shared = "shared" if "redis" in settings.CACHES["default"]["BACKEND"].lower() else "local"
        lines = [
            f"{count:,} articles on {engine}, gunicorn, {runs} runs a page, {naive_runs} a naive "
            f"page (ms, queries); first: the first answer after a write ({shared} cache)",
            "| page | first | p50 | p95 | queries | naive p50 | naive p95 | naive queries "
            "| × (p50) |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, real, naive in rows:
            cells = [f"{real[3]:.1f}", f"{real[0]:.1f}", f"{real[1]:.1f}", str(real[2])]
            if naive:
                ratio = naive[0] / real[0] if real[0] else 0
                cells += [f"{naive[0]:.1f}", f"{naive[1]:.1f}", str(naive[2]), f"{ratio:.1f}×"]
            else:
                cells += ["—"] * 4
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        return "\n".join(lines)
