"""The load command: many clients against a live server for a bounded time, loopback only."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

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
