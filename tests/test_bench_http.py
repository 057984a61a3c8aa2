"""bench_http against a live server: every page beside its naive form, with query counts."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article
from tests.test_browser import site  # noqa: F401  (the live server with the seeds imported)


def test_every_page_is_timed_beside_the_naive_way(site, settings):  # noqa: F811
    settings.ROOT_URLCONF = "archive.benchmarks.urls"  # the naive pages under /naive/
    out = StringIO()
    call_command("bench_http", "--url", site, "--runs", "2", "--naive-runs", "1", stdout=out)
    table = out.getvalue().splitlines()
    assert "2 runs a page, 1 a naive page" in table[0]
    rows = {line.split(" | ")[0].strip("| "): line for line in table if line.startswith("| ")}
    for page in ["home", "listing", "search, two words", "article", "/authors/", "admin list"]:
        assert page in rows, table
    assert "chart: common word" in rows  # the chart a large listing's page leaves for later
    for name, line in rows.items():
        if name in ("page", "---", "home") or name.startswith("chart:"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert cells[-1].endswith("×"), line  # a ratio beside every page that has a naive way
        first, p50, naive_p50 = float(cells[1]), float(cells[2]), float(cells[5])
        assert first > 0 and p50 > 0 and naive_p50 > 0, line


def test_it_measures_only_this_machine(db):
    with pytest.raises(CommandError, match="loopback"):
        call_command("bench_http", "--url", "http://192.0.2.1:8000", "--runs", "2")


def test_a_page_that_fails_stops_the_run_with_its_address(site, settings):  # noqa: F811
    # Without the benchmark's URLs the naive pages are 404s: said, not a traceback.
    with pytest.raises(CommandError, match=r"/naive/articles/: the server answered 404"):
        call_command("bench_http", "--url", site, "--runs", "2", stdout=StringIO())


@pytest.mark.parametrize("workers", ["0", "99"])
def test_an_impossible_worker_count_is_refused_before_anything_starts(db, workers):
    with pytest.raises(CommandError, match="--workers"):
        call_command("bench_http", "--workers", workers, "--runs", "2", stdout=StringIO())


@pytest.mark.parametrize("runs", [["--runs", "1"], ["--runs", "2", "--naive-runs", "0"]])
def test_impossible_run_counts_are_refused_before_anything_starts(db, runs):
    with pytest.raises(CommandError, match="--runs must be at least 2, --naive-runs at least 1"):
        call_command("bench_http", *runs, stdout=StringIO())


def test_public_pages_are_timed_as_a_reader_gets_them_and_the_admin_logged_in(
    site,  # noqa: F811
    settings,
    monkeypatch,
):
    # A reader's pages differ from an editor's: rows and figures shared between pages, no
    # session to look up. Timed logged in, a public page measured what only editors get.
    from archive.management.commands import bench_http

    settings.ROOT_URLCONF = "archive.benchmarks.urls"
    fetched = []
    get = bench_http.Client.get

    def recorded(self, path):
        fetched.append((path, bool(list(self.cookies))))
        return get(self, path)

    monkeypatch.setattr(bench_http.Client, "get", recorded)
    call_command("bench_http", "--url", site, "--runs", "2", "--naive-runs", "1", stdout=StringIO())
    admin = {path for path, _ in fetched if "/admin/" in path}
    assert admin and all(logged_in for path, logged_in in fetched if path in admin)
    assert not any(logged_in for path, logged_in in fetched if path not in admin)


def test_the_most_common_word_searched_is_the_one_the_archive_matches_most(db, monkeypatch):
    from archive.management.commands import bench_http
    from archive.services import article_reindex
    from tests.conftest import make_article

    made = [
        make_article(f"第{n}篇", f"这是{'人民' if n < 3 else '社会'}的报道。", day="2024-01-01")
        for n in range(5)
    ]
    article_reindex(ids=[article.pk for article in made])
    monkeypatch.setattr(bench_http, "COMMON_WORDS", ("浦东", "社会", "人民"))
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    assert bench_http.most_common_word(published) == "人民"  # 3 have 人民, 2 社会, none 浦东
