"""Celery tasks. A task may run twice (a worker lost mid-file re-delivers it): an import is keyed
by its files' source keys, so the second run finds every article and reports it unchanged.

A file must not cost a worker forever: the parse has its budget (``ARCHIVE_PARSE_SECONDS``, a
clear per-file error), the task a soft and a hard time limit beyond it, and a file whose workers
were killed ``ARCHIVE_QUEUE_DELIVERIES`` times is reported as failed instead of being re-queued
again (``acks_late`` with ``reject_on_worker_lost`` would otherwise re-deliver a poison file for
ever)."""

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache

from archive.celery import app
from archive.ingest.parser import Defaults
from archive.services import FileResult, file_import, file_report

# Past the parse's own budget: the writes of a large file, then the hard stop.
SOFT_TIME_LIMIT = settings.ARCHIVE_PARSE_SECONDS + 120
HARD_TIME_LIMIT = SOFT_TIME_LIMIT + 30
DELIVERY_MEMORY_SECONDS = 24 * 3600


@app.task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
)
def import_file(
    task, *, source: str, data: bytes, defaults: dict, update: bool = False, status: str
) -> dict:
    """One file's import, as ``file_report`` describes it (what the sender prints)."""
    deliveries = delivery_count(task.request.id)
    if deliveries > settings.ARCHIVE_QUEUE_DELIVERIES:
        return file_report(
            FileResult(
                source=source,
                error=f"导入进程已中断 {deliveries - 1} 次，放弃此文件 "
                f"(the worker importing this file was lost {deliveries - 1} times; given up)",
            )
        )
    try:
        result = file_import(
            source=source, data=data, defaults=Defaults(**defaults), update=update, status=status
        )
    except SoftTimeLimitExceeded:
        result = FileResult(
            source=source,
            error=f"导入超时：超过 {SOFT_TIME_LIMIT:g} 秒 (the import took longer than "
            f"{SOFT_TIME_LIMIT:g} s and was stopped; the file is written whole or not at all: "
            "import it again to see which)",
        )
    return file_report(result)


def delivery_count(task_id: str | None) -> int:
    """How many times this task (a re-delivered message keeps its id) has started, this one
    included, counted in the shared cache; 1 when it cannot be counted."""
    if not task_id:
        return 1
    key = f"archive:deliveries:{task_id}"
    cache.add(key, 0, DELIVERY_MEMORY_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        return 1
