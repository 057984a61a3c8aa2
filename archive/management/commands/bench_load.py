"""A bounded load test of a running archive, on this machine only.

Many clients (threads, keep-alive connections) fetch a reader's mix of pages — home, listings,
filters, searches, articles, people, districts, the feed — for a fixed time or number of requests,
then stop and print throughput, latency percentiles and every status that was not 200. It refuses
any host but the loopback: it is for measuring one's own server, never someone else's.

``--serve`` starts gunicorn itself on the configured database twice, the archive as configured
and then the naive way (no stored pages: every request rendered), and prints the two side by
side with their ratios. Each run starts with no stored page.

``--save-every N`` and ``--import-every M`` run the readers again while the newsroom writes (an
editor's save through the services every N seconds, an import of a few new page files every M;
``archive.benchmarks.writes``), a run for each, and print each beside the run without writes:
the ratios, and the readers' worst two seconds after a write.
"""

from __future__ import annotations

import http.client
import random
import statistics
import threading
import time
from collections import Counter
from contextlib import contextmanager
from urllib.parse import quote, urlsplit

from django.core.management.base import BaseCommand, CommandError

from archive.benchmarks.http import Server, is_loopback
from archive.benchmarks.newsroom import Newsroom
from archive.benchmarks.writes import WINDOW, Writes, worst_window
from archive.cache.versions import archive_changed
from archive.models import Article, Author, District, Speaker

SEARCHES = ["上海", "浦东", "社区", "疫情 防控", "记者", "学习 -会议", '"城市更新"']


def reader_mix(rng: random.Random, limit: int = 50) -> list[str]:
    """The pages readers open, weighted roughly as a site's logs show them."""
    articles = list(Article.objects.published().values_list("pk", flat=True)[:limit])
    authors = list(Author.objects.values_list("slug", flat=True)[:limit])
    speakers = list(Speaker.objects.values_list("slug", flat=True)[:limit])
    districts = list(District.objects.values_list("slug", flat=True))
    if not articles:
        raise CommandError("the archive has no published articles to load: import some first")
    paths = ["/", "/articles/", "/articles/?page=2", "/authors/", "/districts/", "/feed/"]
    paths += [f"/articles/{pk}/" for pk in articles] * 3
    paths += [f"/articles/?q={quote(q)}" for q in SEARCHES] * 2
    paths += [f"/authors/{quote(slug)}/" for slug in authors]
    paths += [f"/articles/?reporter={quote(slug)}" for slug in authors[:10]]
    paths += [f"/speakers/{quote(slug)}/" for slug in speakers[:10]]
    paths += [f"/districts/{slug}/" for slug in districts]
    paths += [f"/articles/?district={slug}&sort=newest" for slug in districts]
    rng.shuffle(paths)
    return paths


class Command(BaseCommand):
    help = "Load a running archive on this machine with many clients for a bounded time."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="loopback only")
        parser.add_argument(
            "--serve",
            action="store_true",
            help="start gunicorn on this database instead, as configured and then without the "
            "page cache, and compare the two",
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (--serve)")
        parser.add_argument("--clients", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=20.0, help="stop after this long")
        parser.add_argument(
            "--requests", type=int, default=20_000, help="or after this many requests"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--spread",
            type=int,
            default=50,
            help="articles and people the mix draws from: more means fewer pages already stored",
        )
        parser.add_argument(
            "--save-every",
            type=float,
            help="also run while an editor saves an article every this many seconds",
        )
        parser.add_argument(
            "--import-every",
            type=float,
            help="also run while a few new page files are imported every this many seconds",
        )
        parser.add_argument("--import-files", type=int, default=2, help="files an import reads")

    def handle(self, *args, url, serve, workers, clients, seconds, requests, seed, spread, **kw):
        if not (1 <= clients <= 500 and 0 < seconds <= 600 and requests >= 1):
            raise CommandError("--clients 1..500, --seconds up to 600, --requests at least 1")
        if not 1 <= spread <= 100_000:
            raise CommandError("--spread 1..100000")
        if not 1 <= workers <= 16:
            raise CommandError("--workers 1..16")
        if not serve:
            loopback_target(url)  # refused before anything is read or written
        scenarios = write_scenarios(kw["save_every"], kw["import_every"], kw["import_files"])
        paths = reader_mix(random.Random(seed), spread)
        options = {"paths": paths, "clients": clients, "seconds": seconds, "requests": requests}
        runs: list[tuple[str, LoadRun]] = []
        for writes in [None, *scenarios]:
            label = f"while {writes}" if writes else "as configured, no writes"
            if serve:
                label += f" (gunicorn, {workers} workers)"
            with served(url, serve, workers) as target:
                if scenarios or serve:
                    archive_changed()  # each run starts with no stored page
                run = load(target, writes=writes, seed=seed, **options)
            runs.append((label, run))
            self.stdout.write(f"{label}:\n{run.report(clients)}")
            if writes:
                self.stdout.write(compare_writes(runs[0][1], run))
        if serve:
            with served(url, serve, workers, environment=NAIVE) as target:
                archive_changed()
                naive = load(target, **options)
            self.stdout.write(f"naive: no page cache (gunicorn, {workers} workers):")
            self.stdout.write(naive.report(clients))
            self.stdout.write(compare(runs[0][1], naive))
        for _label, run in runs:
            _check(run)


# With --serve the archive as configured is compared with the naive way: every page rendered.
NAIVE = {"DJANGO_PAGE_CACHE_SECONDS": "0", "DJANGO_FRAGMENT_CACHE_SECONDS": "0"}


def write_scenarios(
    save_every: float | None, import_every: float | None, import_files: int
) -> list[Writes]:
    """A run for each kind of write asked for; bad values refused before anything starts."""
    for every in (save_every, import_every):
        if every is not None and not 0.1 <= every <= 600:
            raise CommandError("--save-every and --import-every take 0.1 to 600 seconds")
    if not 1 <= import_files <= 100:
        raise CommandError("--import-files 1..100")
    scenarios = [Writes(save_every=save_every)] if save_every else []
    if import_every:
        scenarios.append(Writes(import_every=import_every, import_files=import_files))
    return scenarios


@contextmanager
def served(url: str, serve: bool, workers: int, environment: dict | None = None):
    """The server to load: gunicorn started for the run (``serve``) or the one at ``url``."""
    if not serve:
        yield loopback_target(url)
        return

    server = Server(workers, settings_module="archive.settings", environment=environment)
    try:
        yield loopback_target(server.url)
    finally:
        server.stop()


def loopback_target(url: str) -> tuple[str, int]:
    """The host and port of ``url``, which must be a server on this machine."""
    target = urlsplit(url)
    if target.scheme != "http" or not target.hostname:
        raise CommandError(f"{url}: give an http:// URL of the server on this machine")
    if not is_loopback(target.hostname):
        raise CommandError(f"{target.hostname}: not a loopback address; this tool only loads")
    return target.hostname, target.port or 80


def load(
    target: tuple[str, int],
    *,
    paths: list[str],
    clients: int,
    seconds: float,
    requests: int,
    writes: Writes | None = None,
    seed: int = 1,
) -> LoadRun:
    """``clients`` threads through ``paths`` against the server at ``target``, while the
    newsroom makes ``writes``."""
    run = LoadRun(*target, paths, seconds, requests)
    try:
        http.client.HTTPConnection(*target, timeout=5).request("HEAD", "/")
    except OSError as error:
        raise CommandError(f"{target[0]}:{target[1]}: no server answers ({error})") from None
    writer = Newsroom(writes, seed=seed) if writes else None
    threads = [threading.Thread(target=run.client, args=(n,)) for n in range(clients)]
    started = run.started = time.perf_counter()
    run.deadline = started + seconds
    for thread in threads:
        thread.start()
    if writer:
        writer.start()
    for thread in threads:
        thread.join()
    run.elapsed = time.perf_counter() - started
    if writer:
        writer.stop()
        run.writes, run.write_failures = writer.done, writer.failures
    return run


def compare(configured: LoadRun, naive: LoadRun) -> str:
    """Throughput and latency as configured beside the naive run's, as ratios."""
    ours, theirs = configured.figures(), naive.figures()
    cells = [f"{ours['rps'] / theirs['rps']:.1f}× the requests/s"] if theirs["rps"] else []
    cells += [
        f"{name} {theirs[name] / ours[name]:.1f}× faster"
        for name in ("p50", "p95", "p99")
        if ours[name]
    ]
    return "as configured against naive: " + ", ".join(cells)


WRITE_NAMES = {"save": "a save", "import": "an import"}
WARM_SECONDS = 15.0  # a run's cold start: every page of the mix rendered for the first time


def compare_writes(quiet: LoadRun, busy: LoadRun) -> str:
    """A run with writes beside the run without: throughput and latency as ratios, and the
    readers' worst WINDOW seconds after a write against half the quiet throughput."""
    ours, theirs = busy.figures(), quiet.figures()
    kinds = Counter(kind for kind, _at in busy.writes)
    lines = [
        f"writes committed: {kinds['save']} saves, {kinds['import']} imports"
        + (f"; failed: {'; '.join(busy.write_failures)}" if busy.write_failures else ""),
    ]
    if theirs["rps"]:
        cells = [f"{ours['rps'] / theirs['rps']:.2f}× the requests/s"]
        cells += [
            f"{name} {ours[name] / theirs[name]:.1f}× ({ours[name]:.0f} ms against "
            f"{theirs[name]:.0f})"
            for name in ("p50", "p95", "p99")
            if theirs[name]
        ]
        lines.append("against no writes: " + ", ".join(cells))
    worst = worst_window(busy.finished, busy.writes)
    if worst is None:
        lines.append(f"no write came {WINDOW:g} s before the run's end: no window to look at")
    else:
        share = f" ({worst.rps / theirs['rps']:.0%} of the no-write run's)" if theirs["rps"] else ""
        lines.append(
            f"worst {WINDOW:g}-second window after a write: {worst.rps:.1f} requests/s{share}, "
            f"{worst.after:.1f} s after {WRITE_NAMES[worst.kind]}"
        )
        # The same moments of the run without writes: its own cold start (every page rendered
        # for the first time) is in the first seconds of both, write or none.
        same = [(kind, quiet.started + at - busy.started) for kind, at in busy.writes]
        if floor := worst_window(quiet.finished, same):
            lines.append(
                f"the run without writes at the same moments: worst {floor.rps:.1f} requests/s"
            )
        settled = [(kind, at) for kind, at in busy.writes if at - busy.started >= WARM_SECONDS]
        if warm := worst_window(busy.finished, settled):
            lines.append(
                f"after the first {WARM_SECONDS:g} s (every page stored once): worst "
                f"{warm.rps:.1f} requests/s"
                + (f" ({warm.rps / theirs['rps']:.0%})" if theirs["rps"] else "")
                + f", {warm.after:.1f} s after {WRITE_NAMES[warm.kind]}"
            )
    return "\n".join(lines)


def _check(run: LoadRun) -> None:
    if run.statuses.get("error") or any(str(s).startswith("5") for s in run.statuses):
        raise CommandError("the server failed some requests (see above)")
    if run.write_failures:
        raise CommandError("some writes failed (see above)")


class LoadRun:
    def __init__(self, host: str, port: int, paths: list[str], seconds: float, requests: int):
        self.host, self.port, self.paths = host, port, paths
        self.started = time.perf_counter()
        self.deadline = self.started + seconds
        self.remaining = requests
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.finished: list[float] = []  # when each request's answer was read
        self.statuses: Counter = Counter()
        self.elapsed = 0.0
        self.writes: list[tuple[str, float]] = []  # the newsroom's, when each committed
        self.write_failures: list[str] = []

    def _take(self) -> bool:
        with self.lock:
            if self.remaining <= 0 or time.perf_counter() >= self.deadline:
                return False
            self.remaining -= 1
            return True

    def client(self, number: int) -> None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        index = number
        while self._take():
            path = self.paths[index % len(self.paths)]
            index += 7
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Language": "zh-CN"})
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                connection.close()
                status = "error"
            with self.lock:
                self.finished.append(time.perf_counter())
                self.latencies.append(self.finished[-1] - began)
                self.statuses[status] += 1
        connection.close()

    def figures(self) -> dict[str, float]:
        ms = sorted(x * 1000 for x in self.latencies) or [0.0]
        cuts = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
        rps = len(self.latencies) / self.elapsed if self.elapsed else 0.0
        return {"rps": rps, "p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": ms[-1]}

    def report(self, clients: int) -> str:
        done, figures = len(self.latencies), self.figures()
        other = {s: n for s, n in self.statuses.items() if s != 200}
        return "\n".join(
            [
                f"{clients} clients, {done} requests in {self.elapsed:.1f} s: "
                f"{figures['rps']:.1f} requests/s",
                f"latency ms: p50 {figures['p50']:.0f}  p95 {figures['p95']:.0f}  "
                f"p99 {figures['p99']:.0f}  max {figures['max']:.0f}",
                f"status 200: {self.statuses.get(200, 0)}; others: {other or 'none'}",
            ]
        )
