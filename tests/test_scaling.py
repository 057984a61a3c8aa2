"""Beyond one machine: read replicas, migrations per database, the shared cache, the task queue.

These run against real services when they are configured, as CI does: a second database in
DATABASE_REPLICA_URLS standing in for a replica, and Redis in REDIS_URL.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import Client
from django.urls import reverse

from archive import routers
from archive.models import Article, District
from archive.routers import PIN_COOKIE

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
    assert editors.permissions.filter(codename="change_article").exists()


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
