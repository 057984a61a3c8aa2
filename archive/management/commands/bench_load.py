"""A bounded load test of a running archive, on this machine only.

Many clients (threads, keep-alive connections) fetch a reader's mix of pages — home, listings,
filters, searches, articles, people, districts, the feed — for a fixed time or number of requests,
then stop and print throughput, latency percentiles and every status that was not 200. It refuses
any host but the loopback: it is for measuring one's own server, never someone else's.
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


class Command(BaseCommand):
    help = "Load a running archive on this machine with many clients for a bounded time."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="loopback only")
        parser.add_argument("--clients", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=20.0, help="stop after this long")
        parser.add_argument(
            "--requests", type=int, default=20_000, help="or after this many requests"
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, url, clients, seconds, requests, seed, **options):
        target = urlsplit(url)
        if target.scheme != "http" or not target.hostname:
            raise CommandError(f"{url}: give an http:// URL of the server on this machine")
        if not is_loopback(target.hostname):
            raise CommandError(f"{target.hostname}: not a loopback address; this tool only loads")
        if not (1 <= clients <= 500 and 0 < seconds <= 600 and requests >= 1):
            raise CommandError("--clients 1..500, --seconds up to 600, --requests at least 1")
        paths = reader_mix(random.Random(seed))
        run = LoadRun(target.hostname, target.port or 80, paths, seconds, requests)
        try:
            http.client.HTTPConnection(target.hostname, target.port or 80, timeout=5).request(
                "HEAD", "/"
            )
        except OSError as error:
            raise CommandError(f"{url}: no server answers ({error})") from None
        threads = [threading.Thread(target=run.client, args=(n,)) for n in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.stdout.write(run.report(clients, time.perf_counter() - started))
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

    def report(self, clients: int, elapsed: float) -> str:
        done = len(self.latencies)
        ms = sorted(x * 1000 for x in self.latencies) or [0.0]
        cuts = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
        other = {s: n for s, n in self.statuses.items() if s != 200}
        return "\n".join(
            [
                f"{clients} clients, {done} requests in {elapsed:.1f} s: "
                f"{done / elapsed:.1f} requests/s",
                f"latency ms: p50 {cuts[49]:.0f}  p95 {cuts[94]:.0f}  p99 {cuts[98]:.0f}  "
                f"max {ms[-1]:.0f}",
                f"status 200: {self.statuses.get(200, 0)}; others: {other or 'none'}",
            ]
        )
