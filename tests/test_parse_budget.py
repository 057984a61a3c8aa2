"""A parse past its budget stops with a clear error, wherever a file is parsed; a queued file
whose workers are lost is given up after a few deliveries instead of being re-queued for ever."""

import contextlib
import time

import pytest

from archive.benchmarks.hostile import SHAPES, hostile_page
from archive.ingest import budget
from archive.ingest.parser import parse_text
from archive.ingest.types import IngestError
from archive.services import file_import
from archive.tasks import import_file

PAGE = "社区食堂迎来首批客人\n\n本报记者 王小明\n\n长宁区的社区食堂昨天开张，老人们早早排队。"


def test_past_its_budget_a_parse_stops_with_a_message_an_archivist_reads(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(budget, "clock", lambda: now[0])
    with budget.within(2):
        budget.check()
        now[0] += 2.5
        with pytest.raises(budget.ParseTooSlow, match=r"longer than 2 s"):
            budget.check()
    budget.check()  # the budget ends with its block


def test_a_file_past_the_parse_budget_is_refused_and_nothing_is_written(db, settings):
    settings.ARCHIVE_PARSE_SECONDS = 1e-9
    result = file_import(source="slow.txt", data=PAGE.encode())
    assert result.articles == []
    assert "解析超时" in result.error and "was stopped" in result.error


def test_the_same_file_within_the_budget_is_imported(db, settings):
    settings.ARCHIVE_PARSE_SECONDS = 10
    result = file_import(source="page.txt", data=PAGE.encode())
    assert result.error is None
    assert [article.title for article, _ in result.articles] == ["社区食堂迎来首批客人"]


def test_a_queued_file_whose_workers_are_lost_is_given_up_after_the_last_delivery(db, settings):
    settings.ARCHIVE_QUEUE_DELIVERIES = 2
    arguments = {
        "source": "page.txt",
        "data": PAGE.encode(),
        "defaults": {},
        "status": "published",
    }
    reports = [import_file.apply(kwargs=arguments, task_id="same-message").get() for _ in range(3)]
    assert [report["error"] for report in reports[:2]] == [None, None]
    assert "given up" in reports[2]["error"]
    assert import_file.apply(kwargs=arguments, task_id="another").get()["error"] is None


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_hostile_shape_parses_in_time_that_grows_with_its_size_not_faster(shape):
    """Four times the text may cost about four times the time; a rule that searches back over
    the page from each anchor costs sixteen."""
    timings = []
    for size in (64 * 1024, 256 * 1024):
        started = time.perf_counter()
        with contextlib.suppress(IngestError):  # nothing recognisable is an answer too
            parse_text(hostile_page(shape, size))
        timings.append(time.perf_counter() - started)
    assert timings[1] < 4 and timings[1] < 8 * timings[0] + 0.5, timings


def test_a_large_hostile_file_is_stopped_at_the_budget_inside_a_stage(db, settings):
    settings.ARCHIVE_PARSE_SECONDS = 0.5
    page = hostile_page("byline lines", 2 * 1024 * 1024 - 100)  # the most a file may hold
    started = time.perf_counter()
    result = file_import(source="hostile.txt", data=page.encode(), dry_run=True)
    assert "解析超时" in result.error
    assert time.perf_counter() - started < 3  # decoding and folding, then at most the budget


def test_the_hostile_benchmark_refuses_sizes_that_cannot_be_compared():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="0 < small < large"):
        call_command("bench_parse_hostile", "--small", "0", "--large", "1")
