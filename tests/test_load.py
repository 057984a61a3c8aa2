"""The load command: many clients against a live server for a bounded time, loopback only."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from archive.benchmarks.writes import CORRECTION, Writer, Writes, worst_window
from archive.models import Article
from archive.search import search
from tests.test_browser import site  # noqa: F401  (the live server with the seeds imported)


def test_a_bounded_load_run_reports_throughput_latency_and_statuses(site):  # noqa: F811
    out = StringIO()
    call_command(
        "bench_load",
        "--url",
        site,
        "--clients",
        "4",
        "--requests",
        "60",
        "--seconds",
        "60",
        stdout=out,
    )
    report = out.getvalue()
    assert "4 clients, 60 requests" in report
    assert "requests/s" in report and "p95" in report
    assert "status 200: " in report and "error" not in report


@pytest.mark.parametrize("url", ["http://192.0.2.10:8000", "http://example.org", "ftp://127.0.0.1"])
def test_it_refuses_anything_but_a_server_on_this_machine(db, url):
    with pytest.raises(CommandError, match=r"loopback|http://"):
        call_command("bench_load", "--url", url, stdout=StringIO())


def test_the_spread_sets_how_many_articles_the_mix_draws_from(seeded):
    import random

    from archive.management.commands.bench_load import reader_mix

    def articles(spread):
        paths = reader_mix(random.Random(1), spread)
        return {p for p in paths if p.startswith("/articles/") and p[10:11].isdigit()}

    assert len(articles(3)) == 3 and len(articles(50)) == 13  # the seeds hold 13


@pytest.mark.parametrize("spread", ["0", "100001"])
def test_an_impossible_spread_is_refused(db, spread):
    with pytest.raises(CommandError, match="--spread"):
        call_command("bench_load", "--spread", spread, stdout=StringIO())


# While the newsroom writes ----------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the live server's in-memory SQLite, shared between threads, locks a table being "
    "written: a save fails the readers' requests",
)
def test_a_run_with_saves_prints_itself_beside_the_run_without_writes_and_its_worst_window(
    site,  # noqa: F811
):
    out = StringIO()
    # 8 s: the newsroom's process takes seconds to start, and the windows after its first saves
    # must fit in the run without writes too
    call_command(
        "bench_load", "--url", site, "--clients", "2", "--seconds", "8", "--save-every", "0.5",
        stdout=out,
    )  # fmt: skip
    report = out.getvalue()
    assert "as configured, no writes:\n2 clients" in report
    assert "while a save every 0.5 s:\n2 clients" in report
    saves = int(report.split("writes committed: ")[1].split(" saves")[0])
    assert saves >= 3 and "failed" not in report
    assert "× the requests/s, p50 " in report.split("against no writes: ")[1]
    assert "worst 2-second window after a write: " in report
    assert "the run without writes at the same moments: worst " in report
    assert Article.objects.filter(title__endswith=CORRECTION).exists()


@pytest.mark.django_db
def test_the_writer_saves_through_the_services_with_history_and_undoes_its_correction_next_time(
    seeded,
):
    writer = Writer(Writes(save_every=1), seed=3)
    writer.rng = FixedPick()  # the first published article each time
    saved = writer.save_one()
    assert saved.title.endswith(CORRECTION)
    assert saved.history.first().title == saved.title  # a version, as the admin's save makes
    assert search(
        Article.objects.all(), saved.title.removesuffix(CORRECTION), rank=False
    )  # its tokens rewritten with the row
    again = writer.save_one()
    assert again.pk == saved.pk and not again.title.endswith(CORRECTION)


@pytest.mark.django_db
def test_the_writers_import_adds_new_pages_each_with_its_paper():
    writer = Writer(Writes(import_every=1, import_files=2), seed=3)
    first, second = writer.import_one(), writer.import_one()
    assert first >= 4 and second >= 4  # 2 to 5 articles a page, new ones each time
    assert Article.objects.count() == first + second
    assert not Article.objects.filter(publication=None).exists()


def test_the_worst_window_is_the_fewest_answers_in_two_seconds_after_a_write():
    # 10 answers a second, except none from 3.0 s to 4.0 s; a save at 2.5 s.
    finished = [n / 10 for n in range(100) if not 30 <= n < 40]
    worst = worst_window(finished, [("save", 2.5)])
    assert worst.rps == 5.0 and worst.kind == "save"  # 10 answers in 2.5..4.5 s: the gap
    assert worst.after <= 0.5  # every window from 2.5 s to 3.0 s holds the whole gap
    assert worst_window(finished, []) is None and worst_window([], [("save", 1.0)]) is None


@pytest.mark.parametrize(
    "option", [["--save-every", "0"], ["--import-every", "9999"], ["--import-files", "0"]]
)
def test_impossible_write_options_are_refused_before_anything_starts(db, option):
    with pytest.raises(CommandError, match=r"--save-every|--import-files"):
        call_command("bench_load", *option, stdout=StringIO())


class FixedPick:
    def randint(self, low, high):
        return low
