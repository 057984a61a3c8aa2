"""A parse past its budget stops with a clear error, wherever a file is parsed; a queued file
whose workers are lost is given up after a few deliveries instead of being re-queued for ever."""

import pytest

from archive.ingest import budget
from archive.services import file_import
from archive.tasks import import_file

PAGE = "社区食堂迎来首批客人\n\n本报记者 王小明\n\n长宁区的社区食堂昨天开张，老人们早早排队。"


def test_outside_a_budget_checks_never_stop_anything():
    budget.check()


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
