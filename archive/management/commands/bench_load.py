"""A bounded load test of a running archive, on this machine only.

Many clients (threads, keep-alive connections) fetch a reader's mix of pages — home, listings,
filters, searches, articles, people, districts, the feed — for a fixed time or number of requests,
then stop and print throughput, latency percentiles and every status that was not 200. It refuses
any host but the loopback: it is for measuring one's own server, never someone else's.

``--serve`` starts gunicorn itself on the configured database twice, the archive as configured
and then the naive way (no stored pages: every request rendered), and prints the two side by
side with their ratios. Each run starts with no stored page.
"""

from __future__ import annotations

import http.client
import ipaddress
import random
import socket
import statistics
import threading
import time
from collections import Counter
from urllib.parse import quote, urlsplit

from django.core.management.base import BaseCommand, CommandError

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
    paths += [f"/articles/?district={slug}&sort=date" for slug in districts]
    rng.shuffle(paths)
    return paths


def is_loopback(host: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses)


# With --serve: the archive as configured, then the naive way, every page rendered again.
SERVED = [
    ("as configured", {}),
    (
        "naive: no page cache",
        {"DJANGO_PAGE_CACHE_SECONDS": "0", "DJANGO_FRAGMENT_CACHE_SECONDS": "0"},
    ),
]


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

    def handle(self, *args, url, serve, workers, clients, seconds, requests, seed, spread, **kw):
        if not (1 <= clients <= 500 and 0 < seconds <= 600 and requests >= 1):
            raise CommandError("--clients 1..500, --seconds up to 600, --requests at least 1")
        if not 1 <= spread <= 100_000:
            raise CommandError("--spread 1..100000")
        if not 1 <= workers <= 16:
            raise CommandError("--workers 1..16")
        if not serve:
            target = loopback_target(url)
            paths = reader_mix(random.Random(seed), spread)
            run = load(target, paths, clients, seconds, requests)
            self.stdout.write(run.report(clients))
            return _check(run)
        from archive.management.commands.bench_http import Server  # it imports this module

        paths = reader_mix(random.Random(seed), spread)
        runs = []
        for label, environment in SERVED:
            archive_changed()  # each run starts with no stored page
            server = Server(workers, settings_module="archive.settings", environment=environment)
            try:
                target = loopback_target(server.url)
                runs.append(load(target, paths, clients, seconds, requests))
            finally:
                server.stop()
            self.stdout.write(f"{label} (gunicorn, {workers} workers):\n{runs[-1].report(clients)}")
        self.stdout.write(compare(runs[0], runs[1]))
        for run in runs:
            _check(run)


def loopback_target(url: str) -> tuple[str, int]:
    """The host and port of ``url``, which must be a server on this machine."""
    target = urlsplit(url)
    if target.scheme != "http" or not target.hostname:
        raise CommandError(f"{url}: give an http:// URL of the server on this machine")
    if not is_loopback(target.hostname):
        raise CommandError(f"{target.hostname}: not a loopback address; this tool only loads")
    return target.hostname, target.port or 80


def load(
    target: tuple[str, int], paths: list[str], clients: int, seconds: float, requests: int
) -> LoadRun:
    """``clients`` threads through ``paths`` against the server at ``target``."""
    run = LoadRun(*target, paths, seconds, requests)
    try:
        http.client.HTTPConnection(*target, timeout=5).request("HEAD", "/")
    except OSError as error:
        raise CommandError(f"{target[0]}:{target[1]}: no server answers ({error})") from None
    threads = [threading.Thread(target=run.client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.elapsed = time.perf_counter() - started
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


def _check(run: LoadRun) -> None:
    if run.statuses.get("error") or any(str(s).startswith("5") for s in run.statuses):
        raise CommandError("the server failed some requests (see above)")


class LoadRun:
    def __init__(self, host: str, port: int, paths: list[str], seconds: float, requests: int):
        self.host, self.port, self.paths = host, port, paths
        self.deadline = time.perf_counter() + seconds
        self.remaining = requests
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.statuses: Counter = Counter()
        self.elapsed = 0.0

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
                self.latencies.append(time.perf_counter() - began)
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
