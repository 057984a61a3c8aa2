"""The newsroom's own process (``Newsroom``) and its entry point (``newsroom_main``): this module
imports nothing of the archive before Django is set up, since a new process unpickles its
target's module first; the writes themselves are ``writes.Writer``'s."""

from __future__ import annotations

import multiprocessing
from typing import TYPE_CHECKING

from django.db import connections

if TYPE_CHECKING:
    from archive.benchmarks.writes import Writes


def newsroom_main(schedule: tuple, seed: int, database: str, stopping, results) -> None:
    """Set Django up on ``database``, then write on ``schedule`` (seconds between saves, between
    imports, files an import reads) until ``stopping`` is set; what was done goes to
    ``results``."""
    done: list[tuple[str, float]] = []
    failures: list[str] = []
    try:
        import django
        from django.conf import settings

        django.setup()
        from django.db import connections

        settings.DATABASES["default"]["NAME"] = database
        connections["default"].settings_dict["NAME"] = database
        from archive.benchmarks.writes import Writer, Writes

        save_every, import_every, import_files = schedule
        writes = Writes(save_every=save_every, import_every=import_every, import_files=import_files)
        writer = Writer(writes, seed=seed)
        done, failures = writer.done, writer.failures
        writer.run_until(stopping)
    except Exception as error:  # said with the run, never a silent stop
        failures.append(f"the newsroom could not start: {error!r}")
    finally:
        results.put((done, failures))


class Newsroom:
    """``Writer``'s writes in a process of its own (started fresh, so no lock another thread of
    this one held is copied into it), on this process's database; ``done`` and ``failures``
    come back when it stops. ``time.perf_counter`` is the system's monotonic clock here, the
    same in both processes."""

    def __init__(self, writes: Writes, *, seed: int):
        self.done: list[tuple[str, float]] = []
        self.failures: list[str] = []
        context = multiprocessing.get_context("spawn")
        self._stopping = context.Event()
        self._results = context.Queue()
        database = connections["default"].settings_dict["NAME"]  # a test's own database too
        # Plain values only: the new process unpickles them before Django is set up.
        schedule = (writes.save_every, writes.import_every, writes.import_files)
        arguments = (schedule, seed, str(database), self._stopping, self._results)
        self._process = context.Process(target=newsroom_main, args=arguments, name="newsroom")

    def start(self) -> None:
        self._process.start()

    def stop(self) -> None:
        self._stopping.set()
        try:
            self.done, self.failures = self._results.get(timeout=STOP_SECONDS)
        except Exception as error:  # the process died before it could say
            self.failures = [f"the newsroom's process ended without its results: {error!r}"]
        self._process.join(STOP_SECONDS)
        if self._process.is_alive():
            self._process.kill()


STOP_SECONDS = 120  # an import in progress finishes first
