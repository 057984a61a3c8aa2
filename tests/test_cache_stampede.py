"""One render at a time of a page nobody has a fresh copy of: while one request renders it, the
others get the copy from before the change for a few seconds, or wait for the new one; never the
old copy once an article has left the site. Simulated step by step: "another request renders"
is the claim it holds in the cache, and its render is a second client run while this one waits."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from archive.cache import versions
from archive.models import Article
from archive.services.editing import article_status_set
from archive.web.page_cache import middleware
from archive.web.page_cache.pages import page_key

pytestmark = pytest.mark.django_db

HOME = reverse("archive:home")


def stored_home(client: Client) -> tuple[str, str]:
    """The home page, stored; its key and its text."""
    response = client.get(HOME)
    assert client.get(HOME)["X-Archive-Cache"] == "hit"
    return page_key(response.wsgi_request), response.content.decode()


def another_request_renders(key: str) -> str:
    claim = middleware.RENDERING_PREFIX + key
    assert cache.add(claim, 1, middleware.RENDER_LOCK_SECONDS)
    return claim


@pytest.fixture
def waits(monkeypatch):
    """Each wait of a request for another's render; ``then`` runs at the first."""
    waited = []

    def sleep(seconds):
        waited.append(seconds)
        if len(waited) == 1 and waits_for.then:
            waits_for.then()

    class waits_for:
        then = None
        count = waited

    monkeypatch.setattr(middleware, "sleep", sleep)
    return waits_for


def test_the_first_request_after_a_change_renders_and_releases_its_claim(client, small_archive):
    key, _text = stored_home(client)
    versions.scopes_changed([versions.EVERYTHING])
    assert client.get(HOME)["X-Archive-Cache"] == "miss"
    assert cache.get(middleware.RENDERING_PREFIX + key) is None
    assert client.get(HOME)["X-Archive-Cache"] == "hit"


def test_while_another_request_renders_a_changed_page_readers_get_the_copy_from_before(
    client, small_archive, django_assert_num_queries, waits
):
    key, before = stored_home(client)
    versions.scopes_changed([versions.EVERYTHING])  # an editor's save committed
    another_request_renders(key)
    with django_assert_num_queries(0):
        response = client.get(HOME)
    assert response["X-Archive-Cache"] == "stale"
    assert response.content.decode() == before
    assert waits.count == []


def test_the_copy_from_before_is_served_a_few_seconds_at_most(
    client, small_archive, monkeypatch, waits
):
    key, _before = stored_home(client)
    versions.scopes_changed([versions.EVERYTHING])
    another_request_renders(key)
    later = versions.clock() + middleware.STALE_SECONDS + 1
    monkeypatch.setattr(versions, "clock", lambda: later)
    monkeypatch.setattr(middleware, "WAIT_SECONDS", 0.2)
    response = client.get(HOME)
    assert response["X-Archive-Cache"] == "miss"  # waited in vain, then rendered it
    assert waits.count


def test_after_an_unpublish_nobody_gets_the_copy_from_before_but_waits_for_the_new_one(
    client, small_archive, django_capture_on_commit_callbacks, waits
):
    key, before = stored_home(client)
    assert "社区养老服务升级" in before
    care = small_archive["care"]
    with django_capture_on_commit_callbacks(execute=True):
        article_status_set(articles=Article.objects.filter(pk=care.pk), status=Article.Status.DRAFT)
    claim = another_request_renders(key)

    def the_other_request_finishes():
        cache.delete(claim)
        assert Client().get(HOME)["X-Archive-Cache"] == "miss"

    waits.then = the_other_request_finishes
    response = client.get(HOME)
    assert response["X-Archive-Cache"] == "waited"
    assert "社区养老服务升级" not in response.content.decode()
    assert len(waits.count) == 1  # the render ended during the first wait


def test_after_a_new_generation_nobody_gets_the_copy_from_before(
    client, small_archive, monkeypatch, waits
):
    key, _before = stored_home(client)
    versions.archive_changed()  # a merge, a restore: nothing says what changed
    another_request_renders(key)
    monkeypatch.setattr(middleware, "WAIT_SECONDS", 0.2)
    assert client.get(HOME)["X-Archive-Cache"] == "miss"
    assert waits.count


def test_a_page_that_is_never_stored_is_rendered_by_every_request_without_waiting(
    client, small_archive, settings, waits
):
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0  # nothing is stored, so nobody waits for a copy
    url = reverse("archive:article_detail", args=[small_archive["care"].pk])
    assert client.get(url)["X-Archive-Cache"] == "miss"
    assert client.get(url)["X-Archive-Cache"] == "miss"
    assert waits.count == []
