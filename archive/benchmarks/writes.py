"""The newsroom at work while a load test reads: an editor saving an article every few seconds
and an import of a few new page files every few more, each through the services the admin and
``import_articles`` call (the same transactions, history, search tokens and cache changes), so a
load test can show what one write does to the readers.

The writer runs in a process of its own (``newsroom.Newsroom``), as an editor's request and a
queue's import run beside the site, on the database the server reads, and notes when each write
committed; ``worst_window`` then finds the readers' slowest stretch after one. In a thread of the
load test's process an import's parse would hold the interpreter's lock from the clients
counting the readers' answers, and the readers would seem to stall.
"""

from __future__ import annotations

import bisect
import random
import threading
import time
from dataclasses import dataclass

from django.db import connections

from archive.benchmarks.corpus import Corpus, render
from archive.models import Article
from archive.services.batches import Source, files_import
from archive.services.editing import article_save

# An editor's correction, put on and taken off again, so a title never grows without end.
CORRECTION = "（更正）"
WINDOW = 2.0  # seconds: "never below half for more than two seconds"
AFTER_WRITE = 10.0  # seconds after a write in which its effect on the readers is looked for


@dataclass(frozen=True)
class Writes:
    """What the newsroom does during a run: a save every ``save_every`` seconds, an import of
    ``import_files`` new pages every ``import_every`` seconds (None: not that)."""

    save_every: float | None = None
    import_every: float | None = None
    import_files: int = 2

    def __str__(self) -> str:
        parts = []
        if self.save_every:
            parts.append(f"a save every {self.save_every:g} s")
        if self.import_every:
            parts.append(f"an import of {self.import_files} files every {self.import_every:g} s")
        return " and ".join(parts) or "no writes"


class Writer:
    """Makes ``writes`` happen from ``start()`` until ``stop()``; ``done`` holds each write's
    kind and the moment (``time.perf_counter``) it committed, ``failures`` any that failed."""

    def __init__(self, writes: Writes, *, seed: int):
        self.writes = writes
        self.rng = random.Random(seed)
        # Pages no archive imported yet: a seed of their own, far from the corpora's.
        self.corpus = Corpus(1_000_003 + seed) if writes.import_every else None
        self.pages = self.corpus.pages(10**9) if self.corpus else None
        self.done: list[tuple[str, float]] = []
        self.failures: list[str] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsroom")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join()

    def run_until(self, stopping) -> None:
        """Write on schedule until ``stopping`` (an event) is set."""
        self._stopping = stopping
        self._run()

    def _run(self) -> None:
        began = time.perf_counter()
        due = {
            kind: began + every
            for kind, every in (
                ("save", self.writes.save_every),
                ("import", self.writes.import_every),
            )
            if every
        }
        try:
            while due:
                kind = min(due, key=due.get)
                if self._stopping.wait(max(0.0, due[kind] - time.perf_counter())):
                    return
                try:
                    if kind == "save":
                        self.save_one()
                    else:
                        self.import_one()
                    self.done.append((kind, time.perf_counter()))
                except Exception as error:  # reported with the run, never a silent stop
                    self.failures.append(f"{kind}: {error!r}")
                every = self.writes.save_every if kind == "save" else self.writes.import_every
                due[kind] += every
        finally:
            connections.close_all()  # this thread's own connections

    def save_one(self) -> Article:
        """An editor's save of a published article anywhere in the archive, as the change form
        makes it: the row (with its history), then its search tokens, then the cache."""
        published = Article.objects.published()
        bounds = published.order_by("pk").values_list("pk", flat=True)
        low, high = bounds.first(), bounds.last()
        if low is None:
            raise ValueError("no published article to save")
        wanted = self.rng.randint(low, high)
        article = published.filter(pk__gte=wanted).order_by("pk").first() or published.first()
        if article.title.endswith(CORRECTION):
            article.title = article.title.removesuffix(CORRECTION)
        else:
            article.title += CORRECTION
        article_save(article=article)
        return article

    def import_one(self) -> int:
        """New page files imported as ``import_articles`` imports them; the articles written."""
        pages = [next(self.pages) for _ in range(self.writes.import_files)]
        sources = [Source(page.path, render(page).encode("utf-8")) for page in pages]
        results = list(files_import(sources))
        failed = [result.error for result in results if result.error]
        if failed:
            raise ValueError(f"import failed: {failed}")
        return sum(len(result.articles) for result in results)


@dataclass(frozen=True)
class Window:
    rps: float  # requests finished per second in the window
    after: float  # seconds from the write to the window's start
    kind: str  # of the write


def worst_window(finished: list[float], writes: list[tuple[str, float]]) -> Window | None:
    """The readers' slowest WINDOW seconds starting within AFTER_WRITE seconds of a write
    (windows tried every tenth of a second), from the moments their requests finished. Below
    half the no-write throughput, one write held the site under half for WINDOW seconds."""
    finished = sorted(finished)
    if not finished:
        return None
    end = finished[-1]
    worst: Window | None = None
    for kind, at in writes:
        for step in range(int(AFTER_WRITE * 10)):
            start = at + step / 10
            if start + WINDOW > end:
                break
            count = bisect.bisect_left(finished, start + WINDOW) - bisect.bisect_left(
                finished, start
            )
            if worst is None or count / WINDOW < worst.rps:
                worst = Window(count / WINDOW, start - at, kind)
    return worst
