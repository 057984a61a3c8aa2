"""The entry point of the newsroom's own process (``writes.Newsroom``): it imports nothing of the
archive before Django is set up, since a new process unpickles its target's module first."""

from __future__ import annotations


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
