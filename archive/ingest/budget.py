"""A time budget for one parse: a file that takes too long stops with a clear error.

Every rule of the parser is meant to run in time linear in its input, but a file nobody has seen
may still find a slow path; a web worker must not be killed for it, and a queued import must not
be re-delivered forever. So a parse can be given a deadline (``within``), and the parser's loops
call ``check()``: past the deadline it raises ``ParseTooSlow``, an ``IngestError`` whose message
the archivist reads like any other refusal. Cooperative and thread-safe (a context variable): it
works in a web request, a Celery task and a process of an import pool alike, with no signal.
Outside ``within`` the checks cost a context-variable read and never stop anything.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

from archive.ingest.types import IngestError

_deadline: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar(
    "parse_deadline", default=None
)
clock = time.monotonic


class ParseTooSlow(IngestError):
    """The parse of one file went past its budget."""


@contextlib.contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Parse inside this block for at most ``seconds`` (None or 0: no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _deadline.set((clock() + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise ``ParseTooSlow`` when the current parse is past its budget."""
    budget = _deadline.get()
    if budget is not None and clock() > budget[0]:
        raise ParseTooSlow(
            f"解析超时：超过 {budget[1]:g} 秒，已停止 "
            f"(the parse took longer than {budget[1]:g} s and was stopped)"
        )
