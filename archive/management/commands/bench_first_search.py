"""Measure the first search after a web worker starts, against a warm one, and the worker's memory.

Why: loading the tokenizer and every known name used to make a worker's first search take about
2 s. ``gunicorn.conf.py`` loads them in the master before it forks; this starts gunicorn with that
configuration and, beside it, the naive way (no configuration: each worker loads them on its
first search), and prints the first and the warm search and the worker's resident memory.
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

WARM_RUNS = 5
START_TIMEOUT = 60  # seconds for gunicorn to answer its first request


class Command(BaseCommand):
    help = "Benchmark a gunicorn worker's first search (preloaded vs naive) and its memory."

    def add_arguments(self, parser):
        parser.add_argument("--query", default="养老 五角场")

    def handle(self, *args, **options):
        path = "/articles/?q=" + quote(options["query"])
        project_config = Path(settings.BASE_DIR, "gunicorn.conf.py")
        with tempfile.NamedTemporaryFile("w", suffix=".py") as empty:
            runs = [
                ("gunicorn.conf.py (loaded before fork)", _measure(project_config, path)),
                ("naive: no preload, loaded on first search", _measure(Path(empty.name), path)),
            ]
        query = options["query"]
        self.stdout.write(f"one gunicorn worker, search {query!r}, warm = median of {WARM_RUNS}\n")
        self.stdout.write(f"  {'':<42} {'first':>9} {'warm':>9} {'ratio':>6} {'worker RSS':>11}")
        for name, (first, warm, rss) in runs:
            self.stdout.write(
                f"  {name:<42} {first:7.0f}ms {warm:7.0f}ms {first / warm:5.1f}x {rss:8.0f} MB"
            )
        preloaded, naive = runs[0][1][0], runs[1][1][0]
        self.stdout.write(f"  first search, preloaded vs naive: {naive / preloaded:.1f}x faster")


def _measure(config: Path, path: str) -> tuple[float, float, float]:
    """(first search ms, median warm search ms, worker RSS MB) of a fresh one-worker gunicorn."""
    port = _free_port()
    command = [sys.executable, "-m", "gunicorn", "archive.wsgi", "--config", str(config)]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"]
    server = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=os.environ
        | {"DJANGO_ALLOWED_HOSTS": "127.0.0.1", "PYTHONWARNINGS": "ignore:No directory at"},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_answering(base + "/articles/", server)
        first = _get_ms(base + path)
        warm = statistics.median(_get_ms(base + path) for _ in range(WARM_RUNS))
        return first, warm, _worker_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_answering(url: str, server: subprocess.Popen) -> None:
    """The listing without a query: the worker is up, connected and has its templates."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn exited with status {server.returncode}")
        try:
            _get_ms(url)
        except OSError:
            time.sleep(0.2)
            continue
        return
    raise CommandError(f"gunicorn did not answer within {START_TIMEOUT} s")


def _get_ms(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=START_TIMEOUT) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def _worker_rss_mb(master: int) -> float:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
    return int(kilobytes) / 1024
