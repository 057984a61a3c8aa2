"""Without Redis the site still answers: every cache error is a miss and the page comes from the
database. A real Redis is started for these tests and stopped under them."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from archive.cache import backend as cache_backend
from archive.cache.backend import ResilientRedisCache

pytestmark = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="needs redis-server (CI installs it)"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisProcess:
    """A redis-server of the test's own, on a port nothing else uses, that can be stopped."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def redis_process():
    server = RedisProcess()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def no_waiting_between_retries(monkeypatch):
    monkeypatch.setattr(cache_backend, "RETRY_SECONDS", 0.0)


def _cache_at(url: str):
    return override_settings(
        CACHES={
            "default": {"BACKEND": "archive.cache.backend.ResilientRedisCache", "LOCATION": url}
        }
    )


def test_a_cache_nobody_listens_on_reads_as_misses_and_drops_writes():
    down = ResilientRedisCache(f"redis://127.0.0.1:{_free_port()}/0", {})
    assert down.get("key", "default") == "default"
    assert down.get_many(["a", "b"]) == {}
    assert down.set("key", 1) is False
    assert down.add("key", 1) is False
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert down.get_or_set("figure", lambda: 42) == 42
    with pytest.raises(ValueError):
        down.incr("counter")
    assert not down.available()


def test_during_an_outage_the_cache_is_not_asked_again_until_the_retry_time(monkeypatch):
    down = ResilientRedisCache(f"redis://127.0.0.1:{_free_port()}/0", {})
    down.get("key")
    asked = []
    real = type(down._cache).get
    monkeypatch.setattr(type(down._cache), "get", lambda *a, **k: asked.append(1) or real(*a, **k))
    started = time.perf_counter()
    for _ in range(1_000):
        assert down.get("key") is None
    assert asked == []
    assert time.perf_counter() - started < 0.5


def test_public_pages_and_the_api_answer_from_the_database_when_redis_stops(
    client, small_archive, redis_process, no_waiting_between_retries
):
    pages = [
        reverse("archive:home"),
        reverse("archive:article_list"),
        reverse("archive:article_detail", args=[small_archive["care"].pk]),
        reverse("archive:author_detail", args=[small_archive["reporter"].slug]),
        "/api/articles/",
    ]
    with _cache_at(redis_process.url):
        before = {url: client.get(url) for url in pages}
        assert all(response.status_code == 200 for response in before.values())
        assert cache.get("archive:generation") is not None  # the pages went through Redis

        redis_process.stop()
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "社区养老服务升级".encode() in response.content, url

        redis_process.start()  # back, empty: the pages are stored again
        assert client.get(pages[1]).status_code == 200
        assert cache.get("archive:generation") is not None


def test_a_write_while_redis_is_down_is_saved_and_the_pages_show_it(
    client, small_archive, redis_process, no_waiting_between_retries
):
    from archive.cache.versions import archive_changed

    care = small_archive["care"]
    url = reverse("archive:article_detail", args=[care.pk])
    with _cache_at(redis_process.url):
        assert client.get(url).status_code == 200
        redis_process.stop()
        care.title = "停机时改的标题"
        care.save()
        archive_changed()  # what every write path calls after its commit: no error
        assert "停机时改的标题".encode() in client.get(url).content


def test_a_change_made_while_redis_did_not_answer_moves_the_generation_when_it_answers(
    client, small_archive, redis_process, no_waiting_between_retries, monkeypatch
):
    """A network partition, not a restart: Redis keeps the old pages and the generation write is
    lost, so the writer must move the generation before its first call that reaches Redis again,
    or readers get the old page for its lifetime."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    from archive.cache.versions import archive_changed, change_pending

    care = small_archive["care"]
    url = reverse("archive:article_detail", args=[care.pk])
    with _cache_at(redis_process.url):
        assert client.get(url).status_code == 200  # stored under the generation of now
        client_class = type(cache._cache)
        real_set = client_class.set

        def lost(*args, **kwargs):
            raise RedisConnectionError("the network dropped the write")

        monkeypatch.setattr(client_class, "set", lost)
        care.title = "断网时改的标题"
        care.save()
        archive_changed()
        assert change_pending()
        monkeypatch.setattr(client_class, "set", real_set)  # the network is back
        assert "断网时改的标题" in client.get(url).content.decode()  # the very first request
        assert not change_pending()


def test_while_the_generation_cannot_be_read_no_page_is_tagged_or_answered_304(
    client, small_archive, redis_process, no_waiting_between_retries
):
    url = reverse("archive:article_detail", args=[small_archive["care"].pk])
    with _cache_at(redis_process.url):
        etag = client.get(url)["ETag"]
        redis_process.stop()
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "ETag" not in response
        assert "no-store" in response["Cache-Control"]


def test_an_import_while_redis_is_unreachable_says_the_articles_are_in(transactional_db, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from archive.models import Article

    page = tmp_path / "page.txt"
    page.write_text(
        "社区食堂迎来首批客人\n\n本报记者 王小明\n\n长宁区的社区食堂昨天开张。", "utf-8"
    )
    err = StringIO()
    with _cache_at(f"redis://127.0.0.1:{_free_port()}/0"):  # commits run their callbacks
        call_command("import_articles", str(page), stdout=StringIO(), stderr=err)
    assert Article.objects.filter(title="社区食堂迎来首批客人").exists()
    assert "the cache was unreachable: the articles are in the database" in err.getvalue()
