"""Celery tasks. A task may run twice (a worker lost mid-file re-delivers it): an import is keyed
by its files' source keys, so the second run finds every article and reports it unchanged."""

from archive.celery import app
from archive.ingest.parser import Defaults
from archive.services import file_import, file_report


@app.task(acks_late=True, reject_on_worker_lost=True)
def import_file(
    *, source: str, data: bytes, defaults: dict, update: bool = False, status: str
) -> dict:
    """One file's import, as ``file_report`` describes it (what the sender prints)."""
    result = file_import(
        source=source, data=data, defaults=Defaults(**defaults), update=update, status=status
    )
    return file_report(result)
