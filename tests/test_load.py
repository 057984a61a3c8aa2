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
