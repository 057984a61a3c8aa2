"""Beyond one machine: read replicas, migrations per database, the shared cache, the task queue.

These run against real services when they are configured, as CI does: a second database in
DATABASE_REPLICA_URLS standing in for a replica, and Redis in REDIS_URL.
"""

import datetime
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path
from subprocess import DEVNULL, PIPE

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from archive import routers
from archive.ingest.parser import parse_text
from archive.ingest.text import decode
from archive.models import Article, Author, District
from archive.routers import PIN_COOKIE
from archive.selectors import author_list, overview
from archive.services import article_status_set

REPLICA = next(iter(settings.ARCHIVE_READ_REPLICAS), None)
needs_replica = pytest.mark.skipif(
    REPLICA is None, reason="DATABASE_REPLICA_URLS names no second database"
)


# Migrations write into the database they migrate -------------------------------------------------


@needs_replica
@pytest.mark.django_db(databases=["default", REPLICA or "default"])
def test_migrating_a_second_database_gives_it_the_districts_and_the_editorial_groups():
    # The test run migrated every database with ``migrate --database=<alias>``.
    assert District.objects.using(REPLICA).count() == 16
    assert District.objects.using("default").count() == 16
    groups = Group.objects.using(REPLICA).filter(name__in=["编辑", "只读"])
    assert sorted(groups.values_list("name", flat=True)) == ["只读", "编辑"]
    editors = groups.get(name="编辑")
    assert editors.permissions.all().db == REPLICA  # an object's related rows, from its database
    assert editors.permissions.filter(codename="change_article").exists()


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TOAST compression")
def test_an_articles_long_columns_are_compressed_with_lz4_where_the_server_has_it():
    from importlib import import_module

    migration = import_module("archive.migrations.0012_lz4_compression")
    if not migration.lz4_available(connection):
        pytest.skip("this server was built without lz4")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attname, attcompression FROM pg_attribute"
            " WHERE attrelid IN ('archive_article'::regclass, 'archive_historicalarticle'::regclass)"
            " AND attcompression <> ''"
        )
        found = {(table, column): method for table, column, method in cursor.fetchall()}
    expected = {
        (table, column): "l" for table, columns in migration.COLUMNS.items() for column in columns
    }
    expected["archive_article", "search_chars"] = "l"  # migration 0017's character index
    assert found == expected


# Reads on the replicas, writes and the editor who just saved on the primary -------------------


@pytest.fixture
def replica_reads(settings):
    settings.ARCHIVE_READ_REPLICAS = [REPLICA]


def published(title, *, using):
    return Article.objects.using(using).create(
        title=title,
        body="正文",
        raw_text="原文",
        source_key=f"test:{title}",
        status=Article.Status.PUBLISHED,
    )


# Transactional: a read inside a transaction on the primary stays on the primary, and an ordinary
# test runs inside one.
@needs_replica
@pytest.mark.django_db(databases=["default", REPLICA or "default"], transaction=True)
def test_a_reader_reads_the_replica_and_the_editor_who_just_saved_reads_the_primary(
    client, replica_reads
):
    # The primary has an article the replica has not received yet.
    published("主库新稿", using="default")
    published("副本旧稿", using=REPLICA)
    User.objects.create_user("editor", password="pw-1234567", is_staff=True)

    listing = client.get(reverse("archive:article_list")).content.decode()
    assert "副本旧稿" in listing and "主库新稿" not in listing

    # Logging in is a write: the browser reads the primary for the next few seconds.
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "pw-1234567"})
    assert response.status_code == 302
    assert response.cookies[PIN_COOKIE]["max-age"] == settings.ARCHIVE_REPLICA_LAG
    listing = client.get(reverse("archive:article_list")).content.decode()
    assert "主库新稿" in listing and "副本旧稿" not in listing

    # Another reader, without the cookie, still reads the replica.
    other = Client()
    assert "副本旧稿" in other.get(reverse("archive:article_list")).content.decode()


@needs_replica
@pytest.mark.django_db(databases=["default", REPLICA or "default"], transaction=True)
def test_writes_and_reads_inside_a_transaction_go_to_the_primary(replica_reads):
    token = routers.replica_reads.set(True)
    try:
        assert Article.objects.all().db == REPLICA
        article = published("新稿", using=None)
        assert article._state.db == "default"
        with transaction.atomic():
            assert Article.objects.all().db == "default"
            assert Article.objects.filter(pk=article.pk).exists()
        assert not Article.objects.filter(pk=article.pk).exists()  # not copied to the stand-in
    finally:
        routers.replica_reads.reset(token)


@pytest.mark.django_db
def test_without_replica_reads_every_read_is_on_the_primary(client, settings):
    settings.ARCHIVE_READ_REPLICAS = ["replica-that-is-not-used"]
    assert Article.objects.all().db == "default"  # a command, a worker, a shell
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200  # the admin reads the primary even on a GET


# Redis: the task queue and the shared cache ----------------------------------------------------

needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set")
ROOT = Path(__file__).resolve().parent.parent


def articles_in(paths) -> int:
    return sum(len(parse_text(decode(path.read_bytes()))) for path in paths)


@needs_redis
def test_a_celery_worker_imports_queued_files_reports_each_failure_and_redelivery_changes_nothing(
    tmp_path, settings, shared_database, seeds_dir
):
    settings.CELERY_TASK_DEFAULT_QUEUE = queue = f"archive-test-{os.getpid()}"
    settings.ARCHIVE_QUEUE_WAIT = 120
    seeds = sorted(seeds_dir.glob("*.txt"))[:2]
    for path in seeds:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    expected = articles_in(seeds)
    command = [sys.executable, "-m", "celery", "-A", "archive", "worker", "--pool", "solo"]
    command += ["-Q", queue, "--without-mingle", "--without-gossip", "--without-heartbeat"]
    worker = subprocess.Popen(command, cwd=ROOT, env=shared_database, stdout=DEVNULL, stderr=PIPE)
    try:
        for outcome in ("created", "unchanged"):  # the second run is every message re-delivered
            out, err = StringIO(), StringIO()
            with pytest.raises(CommandError, match="1 file"):
                call_command("import_articles", str(tmp_path), "--queue", stdout=out, stderr=err)
            assert f"3 files: {expected if outcome == 'created' else 0} created" in out.getvalue()
            assert f"{expected if outcome == 'unchanged' else 0} unchanged" in out.getvalue()
            assert "broken.txt: 失败" in err.getvalue() and "1 failed" in out.getvalue()
            assert Article.objects.count() == expected
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@needs_redis
def test_an_import_in_another_process_refreshes_the_figures_every_web_worker_shows(
    shared_database, seeds_dir
):
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert overview()["reporters"] == []  # computed, and cached in Redis
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    command = [sys.executable, "manage.py", "import_articles", str(seed)]
    subprocess.run(command, cwd=ROOT, env=shared_database, capture_output=True, check=True)
    assert Author.objects.exists()
    assert [a.name for a in overview()["reporters"]] == [a.name for a in author_list()[:10]]


def test_publishing_or_unpublishing_in_the_admin_refreshes_the_cached_figures(
    admin_client, one_of_each, django_capture_on_commit_callbacks
):
    """The home page counts published articles only: the action that changes that forgets them
    once its transaction commits (in every web worker when the cache is Redis)."""
    article_status_set(articles=Article.objects.all(), status=Article.Status.DRAFT)
    assert [a.name for a in overview()["reporters"]] == []
    changelist = reverse("admin:archive_article_changelist")
    pk = Article.objects.get().pk
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(changelist, {"action": "publish", ACTION_CHECKBOX_NAME: [pk]})
    assert [a.name for a in overview()["reporters"]] == ["祝越"]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(changelist, {"action": "unpublish", ACTION_CHECKBOX_NAME: [pk]})
    assert [a.name for a in overview()["reporters"]] == []


def test_deleting_an_article_in_the_admin_refreshes_the_cached_figures(
    admin_client, one_of_each, django_capture_on_commit_callbacks
):
    from archive.selectors.editions import date_years

    article = Article.objects.get()
    article.published_on = datetime.date(2020, 3, 1)
    article.save()
    assert [a.name for a in overview()["reporters"]] == ["祝越"]
    assert [year.year for year in date_years()] == [2020]
    delete = reverse("admin:archive_article_delete", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(delete, {"post": "yes"})
    assert response.status_code == 302 and not Article.objects.exists()
    assert [a.name for a in overview()["reporters"]] == []
    assert date_years() == []  # the dates index is among the figures forgotten


@needs_replica
@pytest.mark.django_db(databases=["default", REPLICA or "default"], transaction=True)
def test_a_search_setting_and_the_query_it_is_for_go_to_one_database(replica_reads, settings):
    """With several replicas each read picks one; the planner setting of a search's index-only
    read must reach the database its query runs on."""
    import itertools

    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext

    from archive.search.query import _through_indexes

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    settings.ARCHIVE_READ_REPLICAS = [REPLICA, "default"]
    turns = itertools.cycle([REPLICA, "default"])
    token = routers.replica_reads.set(True)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(routers.random, "choice", lambda options: next(turns))
            with (
                CaptureQueriesContext(connections["default"]) as primary,
                CaptureQueriesContext(connections[REPLICA]) as replica,
            ):
                _through_indexes(Article.objects.values_list("pk", flat=True)[:5])
    finally:
        routers.replica_reads.reset(token)
    for captured in (primary, replica):
        sql = [query["sql"] for query in captured.captured_queries]
        if any("enable_seqscan = off" in text for text in sql):
            assert any(text.startswith("SELECT") for text in sql), sql
            break
    else:
        raise AssertionError("the setting was sent nowhere")
