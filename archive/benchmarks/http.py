"""What both HTTP benchmarks (``bench_http``, ``bench_load``) share: a gunicorn on a free loopback
port, and the check that a URL they are told to load is on this machine."""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

PAGE_TIMEOUT = 900  # seconds: a naive search at a million articles takes minutes


def is_loopback(host: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(address.split("%")[0]).is_loopback for address in addresses)


class Server:
    """gunicorn on a free loopback port with the benchmark settings (or ``settings_module``,
    and ``environment`` on top of this process's), until stopped."""

    def __init__(
        self,
        workers: int,
        *,
        settings_module: str = "archive.benchmarks.settings",
        environment: dict[str, str] | None = None,
    ):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
            "DJANGO_LOGIN_FAILURE_LIMIT": "1000",
            **(environment or {}),
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                *(str(gunicorn), "archive.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"),
                *("--timeout", str(PAGE_TIMEOUT)),  # a naive search at a million takes minutes
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/robots.txt", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise CommandError("gunicorn did not start within a minute")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
