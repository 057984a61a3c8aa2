"""Public pages for many readers at once: conditional GET, Cache-Control and one shared copy of
each rendered page, made stale everywhere at once by any write to the archive."""

import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.cache import stored, versions
from archive.models import Article, Author, AuthorAlias, Byline, Quote, Speaker
from archive.services import file_import, speaker_merge
from archive.services.batches import Source, files_import
from archive.web.page_cache import pages
from tests.test_admin_editing import browser_post, editor

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

PAGE = "新的一篇\n\n■记者 方圆\n\n本报讯 杨浦区今天开了一个会。\n\n居民们都很满意。\n"


@pytest.fixture
def editor_client(db) -> Client:
    client = Client()
    client.force_login(editor())
    return client


def etag_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def test_a_repeated_request_with_the_etag_gets_304_without_rendering_or_queries(
    client, small_archive, django_assert_num_queries
):
    url = reverse("archive:article_list")
    etag = etag_of(client, url)
    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=60"


def test_a_second_reader_gets_the_stored_page_without_a_query(
    client, small_archive, django_assert_num_queries
):
    url = reverse("archive:author_detail", args=["zhuyue"])
    first = client.get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize(
    "name, args",
    [
        ("archive:home", []),
        ("archive:article_list", []),
        ("archive:author_list", []),
        ("archive:author_detail", ["zhuyue"]),
        ("archive:speaker_list", []),
        ("archive:speaker_detail", ["yanaiyun"]),
        ("archive:district_list", []),
        ("archive:district_detail", ["yangpu"]),
        ("archive:date_index", []),
        ("archive:date_year", [2022]),
        ("archive:date_undated", []),
        ("archive:feed", []),
        ("archive:article_feed", []),
    ],
)
def test_every_reading_page_is_public_for_a_short_time_and_answers_a_conditional_get(
    client, small_archive, name, args
):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=60"
    assert "Cookie" in response["Vary"]
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_article_page_answers_a_conditional_get(client, small_archive):
    url = small_archive["care"].get_absolute_url()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag_of(client, url)).status_code == 304


def test_max_age_is_a_setting(client, small_archive, settings):
    settings.ARCHIVE_PAGE_MAX_AGE = 15
    assert client.get("/")["Cache-Control"] == "public, max-age=0, must-revalidate, s-maxage=15"


def test_an_editor_gets_no_shared_page_no_etag_and_no_caching(client, editor_client, small_archive):
    url = reverse("archive:article_list")
    reader_etag = etag_of(client, url)
    # A write that skips every service: the stored copy is now behind the database.
    Article.objects.filter(pk=small_archive["care"].pk).update(title="编辑刚改的标题")
    response = editor_client.get(url, HTTP_IF_NONE_MATCH=reader_etag)
    assert response.status_code == 200
    assert "编辑刚改的标题" in response.content.decode()
    assert not response.has_header("ETag")
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "编辑刚改的标题" not in client.get(url).content.decode()  # readers: the stored copy


def test_the_admin_is_never_public(editor_client, small_archive):
    response = editor_client.get(reverse("admin:archive_article_changelist"))
    assert "public" not in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_head_gets_the_headers_and_no_body_and_a_304_with_the_etag(client, small_archive):
    url = reverse("archive:article_list")
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    get = client.get(url)
    assert get["ETag"] == head["ETag"]
    assert "社区养老服务升级" in get.content.decode()  # a HEAD never stores an empty page
    assert client.head(url, HTTP_IF_NONE_MATCH=head["ETag"]).status_code == 304
    assert client.head(url).content == b""


def test_an_etag_a_compressing_proxy_weakened_or_listed_with_others_still_matches(
    client, small_archive
):
    etag = etag_of(client, "/")
    for held in (f"W/{etag}", f'"other", {etag}'):
        assert client.get("/", HTTP_IF_NONE_MATCH=held).status_code == 304
    assert client.get("/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_post_is_never_answered_from_the_cache(client, small_archive):
    url = reverse("archive:article_list")
    etag = etag_of(client, url)
    response = client.post(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code != 304
    assert not response.has_header("ETag")


# What an editor changes in the admin: its change page, the field and the pages that show it.
EDITS = {
    "an author's name": lambda archive: (
        reverse("admin:archive_author_change", args=[archive["reporter"].pk]),
        {"name": "祝越新"},
        [
            reverse("archive:author_detail", args=["zhuyue"]),
            reverse("archive:home"),
            reverse("archive:article_list"),
        ],
    ),
    "an article's title": lambda archive: (
        reverse("admin:archive_article_change", args=[archive["care"].pk]),
        {"title": "社区养老再升级"},
        [archive["care"].get_absolute_url(), reverse("archive:article_list")],
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_editors_change_in_the_admin_refreshes_every_page_showing_it(
    client, editor_client, small_archive, django_capture_on_commit_callbacks, edit
):
    change, changes, urls = EDITS[edit](small_archive)
    before = [etag_of(client, url) for url in urls]
    data = browser_post(editor_client.get(change)) | changes
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(change, data).status_code == 302
    (text,) = changes.values()
    for url, etag in zip(urls, before, strict=True):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert response["ETag"] != etag
        assert text in response.content.decode()


@contextmanager
def rows_rendered():
    """The articles whose row template was rendered inside the block."""
    rendered = []

    def seen(sender, template, context, **kwargs):
        if template.name == "archive/_article_row.html":
            rendered.append(context["article"].pk)

    template_rendered.connect(seen)
    try:
        yield rendered
    finally:
        template_rendered.disconnect(seen)


def test_a_row_is_rendered_once_until_the_archive_changes_whatever_page_shows_it(
    client, editor_client, small_archive, settings
):
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0  # every page rendered again: only its rows are kept
    care, river = small_archive["care"], small_archive["river"]
    with rows_rendered() as rendered:
        listing = client.get(reverse("archive:article_list")).content.decode()
    assert sorted(rendered) == sorted([care.pk, river.pk])
    with rows_rendered() as rendered:
        again = client.get(reverse("archive:article_list")).content.decode()
        client.get(reverse("archive:district_detail", args=["yangpu"]))
    assert (rendered, again) == ([], listing)
    versions.archive_changed()
    with rows_rendered() as rendered:
        client.get(reverse("archive:district_detail", args=["yangpu"]))
    assert rendered == [care.pk]
    with rows_rendered() as rendered:  # an editor sees the database as it is: every row
        editor_client.get(reverse("archive:district_detail", args=["yangpu"]))
    assert rendered == [care.pk]
    settings.ARCHIVE_FRAGMENT_CACHE_SECONDS = 0
    with rows_rendered() as rendered:
        client.get(reverse("archive:district_detail", args=["yangpu"]))
        client.get(reverse("archive:district_detail", args=["yangpu"]))
    assert rendered == [care.pk, care.pk]


def test_a_row_keeps_apart_what_each_listing_adds_to_it(client, small_archive, settings):
    # A search's highlighted headline and snippet are its own; so is "has a photo".
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0
    url = reverse("archive:article_list")
    plain = client.get(url).content.decode()
    searched = client.get(url, {"q": "养老"}).content.decode()
    other = client.get(url, {"q": "杨浦"}).content.decode()
    assert "<mark>养老</mark>" in searched and "<mark>养老</mark>" not in plain
    assert "<mark>杨浦</mark>" in other and "<mark>养老</mark>" not in other
    home = client.get(reverse("archive:home")).content.decode()
    assert "有图" in plain and "有图" in home  # the article with a photo, in both


def test_unpublishing_removes_the_article_from_the_stored_listing(
    client, editor_client, small_archive, django_capture_on_commit_callbacks
):
    url = reverse("archive:article_list")
    assert "社区养老服务升级" in client.get(url).content.decode()
    changelist = reverse("admin:archive_article_changelist")
    data = {"action": "unpublish", ACTION_CHECKBOX_NAME: [small_archive["care"].pk]}
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(changelist, data)
    assert "社区养老服务升级" not in client.get(url).content.decode()


def test_an_alias_added_or_deleted_in_the_admin_shows_on_the_stored_author_page(
    client, editor_client, small_archive, django_capture_on_commit_callbacks
):
    reporter = small_archive["reporter"]
    url = reverse("archive:author_detail", args=[reporter.slug])
    assert "祝 越" not in client.get(url).content.decode()
    add = reverse("admin:archive_authoralias_add")
    data = {"author": reporter.pk, "name": "祝 越", "slug": "zhu-yue"}
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(add, data).status_code == 302
    alias = AuthorAlias.objects.get(name="祝 越")
    assert "祝 越" in client.get(url).content.decode()
    delete = reverse("admin:archive_authoralias_delete", args=[alias.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert "祝 越" not in client.get(url).content.decode()


def test_an_import_adding_an_article_refreshes_the_listing(
    client, small_archive, django_capture_on_commit_callbacks
):
    url = reverse("archive:article_list")
    etag = etag_of(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        file_import(source="new.txt", data=PAGE.encode())
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "新的一篇" in response.content.decode()


def test_a_batched_import_refreshes_the_listing(
    client, small_archive, django_capture_on_commit_callbacks
):
    url = reverse("archive:article_list")
    etag = etag_of(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        results = list(files_import([Source(name="new.txt", data=PAGE.encode())]))
    assert results[0].error is None
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert "新的一篇" in client.get(url).content.decode()


def test_a_merge_refreshes_the_kept_authors_page(
    client, editor_client, small_archive, django_capture_on_commit_callbacks
):
    reporter = small_archive["reporter"]
    twin = Author.objects.create(name="祝 越", slug="zhuyue2")
    river = small_archive["river"]
    Byline.objects.create(article=river, author=twin)
    url = reverse("archive:author_detail", args=[reporter.slug])
    etag = etag_of(client, url)
    assert "滨江步道贯通" not in client.get(url).content.decode()
    changelist = reverse("admin:archive_author_changelist")
    data = {"action": "merge", "keep": reporter.pk, ACTION_CHECKBOX_NAME: [reporter.pk, twin.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(changelist, data)
    assert not Author.objects.filter(pk=twin.pk).exists()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "滨江步道贯通" in response.content.decode()


def test_a_speaker_merge_refreshes_the_kept_speakers_page(
    client, small_archive, django_capture_on_commit_callbacks
):
    kept = Speaker.objects.get(slug="yanaiyun")
    twin = Speaker.objects.create(name="严爱芸", slug="yanaiyun2")
    Quote.objects.create(article=small_archive["river"], speaker=twin, text="滨江是大家的")
    url = reverse("archive:speaker_detail", args=[kept.slug])
    assert "滨江是大家的" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        speaker_merge(keep=kept, merged=[twin])
    assert "滨江是大家的" in client.get(url).content.decode()  # the twin's quote is kept's now


def test_the_change_reaches_the_page_only_after_the_commit(
    client, small_archive, django_capture_on_commit_callbacks
):
    """A reader between the write and its commit would store the old page under the new
    generation if the generation moved first."""
    etag = etag_of(client, "/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        file_import(source="new.txt", data=PAGE.encode())
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    for callback in callbacks:
        callback()
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def stored_pages() -> int:
    if hasattr(cache._cache, "get_client"):  # Redis: this test's database is cleared each test
        return len(cache._cache.get_client().keys(f"*{pages.PAGE_PREFIX}*"))
    return sum(1 for key in cache._cache if pages.PAGE_PREFIX in key)  # local memory


def test_unknown_query_parameters_are_answered_but_never_stored(client, small_archive):
    for _ in range(30):
        response = client.get(f"/articles/?{secrets.token_hex(4)}=1")
        assert response.status_code == 200 and response.has_header("ETag")
    assert stored_pages() == 0
    client.get("/articles/?q=养老")
    assert stored_pages() == 1


def test_hostile_values_of_known_parameters_fill_at_most_the_configured_entries(
    client, small_archive, settings
):
    settings.ARCHIVE_PAGE_CACHE_ENTRIES = 5
    for _ in range(30):
        assert client.get(f"/articles/?q={secrets.token_hex(6)}").status_code == 200
    assert stored_pages() == 5
    long = "养" * (pages.MAX_QUERY_LENGTH + 1)
    cache.clear()
    client.get(f"/articles/?q={long}")
    assert stored_pages() == 0


def test_with_replicas_a_changed_archive_is_neither_stored_nor_tagged_until_they_caught_up(
    client, small_archive, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.ARCHIVE_PAGE_SETTLE_SECONDS = 10
    with django_capture_on_commit_callbacks(execute=True):
        file_import(source="new.txt", data=PAGE.encode())
    response = client.get("/")
    assert "新的一篇" in response.content.decode()
    assert not response.has_header("ETag") and stored_pages() == 0
    later = versions.clock() + 11
    monkeypatch.setattr(versions, "clock", lambda: later)
    assert client.get("/").has_header("ETag") and stored_pages() == 1


def test_the_order_of_parameters_makes_one_stored_page(client, small_archive):
    first = client.get("/articles/?q=养老&sort=date")
    assert client.get("/articles/?sort=date&q=养老")["ETag"] == first["ETag"]


def test_the_language_is_part_of_the_page(client, small_archive):
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert chinese["ETag"] != english["ETag"]
    assert chinese["Content-Language"] == "zh-hans" and english["Content-Language"] == "en"


def test_a_page_cache_time_of_zero_stores_nothing_but_still_answers_304(
    client, small_archive, settings, django_assert_num_queries
):
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0
    etag = etag_of(client, "/")
    with django_assert_num_queries(0):
        assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/").status_code == 200
    assert len(queries) > 0  # rendered again: nothing was stored


def test_a_404_is_neither_public_nor_stored(client, small_archive):
    response = client.get(reverse("archive:author_detail", args=["nobody"]))
    assert response.status_code == 404
    assert not response.has_header("ETag")


needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is not set")


@needs_redis
def test_with_redis_a_write_in_another_process_makes_every_workers_pages_stale(
    client, small_archive
):
    """Another worker is another connection to Redis: it finds the page this one stored, and
    a write committed in another process (an import, a Celery worker) moves the generation
    every worker reads."""
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    url = reverse("archive:article_list")
    response = client.get(url)
    other_worker = caches.create_connection("default")
    assert other_worker.get(pages.page_key(response.wsgi_request))["etag"] == response["ETag"]
    Article.objects.filter(pk=small_archive["care"].pk).update(title="另一个进程改的标题")
    code = "import django; django.setup(); from archive.cache import versions; versions.archive_changed()"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "archive.settings", "DJANGO_SECRET_KEY": "x"}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    fresh = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert fresh.status_code == 200
    assert "另一个进程改的标题" in fresh.content.decode()


def test_with_replicas_a_listings_figures_are_not_kept_until_they_caught_up(
    small_archive, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django.http import QueryDict

    from archive import selectors

    def counts_again() -> bool:
        with CaptureQueriesContext(connection) as queries:
            assert selectors.article_listing(params=QueryDict("")).page_obj.paginator.count
        return any("COUNT(" in query["sql"] for query in queries.captured_queries)

    settings.ARCHIVE_PAGE_SETTLE_SECONDS = 10
    with django_capture_on_commit_callbacks(execute=True):
        file_import(source="new.txt", data=PAGE.encode())
    selectors.overview()
    assert counts_again() and counts_again()  # what a replica behind the change said: not kept
    assert cache.get(stored.whole_archive_key("archive:overview")) is None
    later = versions.clock() + 11
    monkeypatch.setattr(versions, "clock", lambda: later)
    selectors.overview()
    assert counts_again() and not counts_again()
    assert cache.get(stored.whole_archive_key("archive:overview")) is not None


@pytest.mark.skipif(
    "redis" in settings.CACHES["default"]["BACKEND"].lower(), reason="a shared cache"
)
def test_without_a_shared_cache_every_process_takes_up_a_new_generation_in_time(
    small_archive, monkeypatch
):
    # Another process's write cannot reach this one's memory: its generation, and so its ETags,
    # must not outlive a stored page, or a browser would get 304 for an old page for ever.
    import django.core.cache.backends.locmem as locmem

    before = versions.generation()
    now = locmem.time.time()
    monkeypatch.setattr(
        locmem, "time", type("Later", (), {"time": staticmethod(lambda: now + 601)})
    )
    assert versions.generation() != before


@contextmanager
def cache_reads_of(key: str):
    """How many times the block asked the shared cache for ``key`` (alone or among others)."""
    asked, within_many = [], []
    get, get_many = cache.get, cache.get_many

    def counted_get(name, *args, **kwargs):
        if name == key and not within_many:  # a backend's get_many may call get
            asked.append(name)
        return get(name, *args, **kwargs)

    def counted_get_many(names, *args, **kwargs):
        asked.extend(name for name in names if name == key)
        within_many.append(True)
        try:
            return get_many(names, *args, **kwargs)
        finally:
            within_many.pop()

    cache.get, cache.get_many = counted_get, counted_get_many
    try:
        yield asked
    finally:
        del cache.get, cache.get_many


@pytest.mark.parametrize("as_editor", [False, True])
def test_a_listing_reads_the_archives_generation_once_per_request(
    client, editor_client, small_archive, settings, as_editor
):
    # Its count, facets, chart and rows are each kept under the generation: read once, not
    # once for each of them (each read is a round trip to Redis).
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0
    browser = editor_client if as_editor else client
    url = reverse("archive:article_list")
    browser.get(url)
    with cache_reads_of(versions.GENERATION_KEY) as asked:
        assert browser.get(url).status_code == 200
    assert len(asked) == 1


def test_within_a_request_a_write_moves_the_generation_at_once(small_archive):
    with versions.generation_read_once():
        before = versions.generation()
        assert versions.generation() == before
        versions.archive_changed()
        assert versions.generation() != before
    assert versions.generation() != before


@contextmanager
def templates_rendered(*names: str):
    """The names of the templates among ``names`` rendered inside the block, in order."""
    rendered = []

    def seen(sender, template, context, **kwargs):
        if template.name in names:
            rendered.append(template.name)

    template_rendered.connect(seen)
    try:
        yield rendered
    finally:
        template_rendered.disconnect(seen)


def test_a_listings_facets_and_chart_are_rendered_once_for_all_its_pages(
    client, editor_client, small_archive, settings
):
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0  # every page rendered again
    sections = ("archive/_facet.html", "archive/_coverage.html")
    url = reverse("archive:article_list")
    with templates_rendered(*sections) as rendered:
        first = client.get(url).content.decode()
    assert "archive/_coverage.html" in rendered and "archive/_facet.html" in rendered
    with templates_rendered(*sections) as rendered:
        again = client.get(url).content.decode()
        client.get(url, {"page": 1})
    assert (rendered, again) == ([], first)
    with templates_rendered(*sections) as rendered:  # other filters: other facets and chart
        filtered = client.get(url, {"district": "yangpu"}).content.decode()
    assert "archive/_facet.html" in rendered and filtered != first
    assert 'href="?district=yangpu&amp;reporter=' in filtered  # its links keep its filter
    with templates_rendered(*sections) as rendered:  # an editor sees the database as it is
        editor_client.get(url)
    assert "archive/_facet.html" in rendered
    with templates_rendered(*sections) as rendered:  # parameters no page is stored for
        client.get(url, {"utm_source": "x"})
        client.get(url, {"utm_source": "x"})
    assert rendered.count("archive/_coverage.html") == 2
    versions.archive_changed()
    with templates_rendered(*sections) as rendered:
        client.get(url)
    assert "archive/_facet.html" in rendered


def test_a_chart_that_follows_its_page_is_shown_on_the_page_once_counted(
    client, small_archive, settings, monkeypatch
):
    from archive import selectors

    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0
    url = reverse("archive:article_list")
    monkeypatch.setattr(selectors.coverage, "COVERAGE_INLINE_UP_TO", 0)
    monkeypatch.setattr(selectors.coverage, "estimated_count", lambda articles: 10**6)
    assert 'data-later="' in client.get(url).content.decode()  # too many: the chart follows
    assert client.get(reverse("archive:article_coverage_section")).status_code == 200
    assert 'data-later="' not in client.get(url).content.decode()  # counted: on the page


def test_within_a_request_a_querys_sql_is_compiled_once_for_all_its_figures(
    small_archive, monkeypatch
):
    from django.db.models.sql import Query

    from archive.cache.figures import figures_key

    compiled = []
    compile_ = Query.sql_with_params
    monkeypatch.setattr(
        Query, "sql_with_params", lambda self: compiled.append(self) or compile_(self)
    )
    articles = Article.objects.filter(status="published")
    with versions.generation_read_once():
        count, facets = figures_key("count", articles), figures_key("facets", articles)
        narrower = figures_key("count", articles.filter(title__contains="养老"))
        assert len(compiled) == 2  # the listing's query, then the narrower one
        assert narrower != count and facets != count
        assert figures_key("count", articles) == count
    assert figures_key("count", articles) == count  # outside a request: compiled each time
    assert len(compiled) == 3


def test_figures_a_reader_computed_before_a_write_are_never_read_after_it(db):
    """A reader that read the generation before another process's write and stores its
    figures after it must not have them shown under the new generation."""
    with versions.generation_read_once():
        versions.generation()  # the reader began before the write
        cache.set(versions.GENERATION_KEY, "written-elsewhere@0")  # the write, in another process
        key = stored.whole_archive_key("archive:overview")
        assert stored.stored_figure(key, lambda: "before the write", 600) == ("before the write")
    with versions.generation_read_once():
        key = stored.whole_archive_key("archive:overview")
        assert stored.stored_figure(key, lambda: "after the write", 600) == ("after the write")


def _archive_keys() -> list[str]:
    """Every key the archive stored, in the test's local-memory cache or in Redis."""
    if isinstance(cache._cache, dict):
        return [key for key in cache._cache if ":archive:" in key]
    client = cache._cache.get_client()
    return [key.decode() for key in client.scan_iter(match="*:archive:*")]


def test_distinct_searches_cannot_grow_the_cache_past_its_budgets(client, small_archive, settings):
    settings.ARCHIVE_PAGE_CACHE_ENTRIES = 20
    settings.ARCHIVE_FRAGMENT_CACHE_ENTRIES = 30
    settings.ARCHIVE_FIGURE_CACHE_ENTRIES = 40
    url = reverse("archive:article_list")
    for number in range(150):
        assert client.get(url, {"q": f"养老{number}"}).status_code == 200
    kept_keys = _archive_keys()
    page_keys = [key for key in kept_keys if pages.PAGE_PREFIX in key]
    fragments = [key for key in kept_keys if stored.FRAGMENT_PREFIX in key]
    figures = [key for key in kept_keys if ":archive:figures:" in key]
    assert len(page_keys) == 20
    assert len(fragments) <= 30
    assert 0 < len(figures) <= 40
    assert len(kept_keys) <= 20 + 30 + 40 + 10  # and the generation and the window counters
    assert client.get(url, {"q": "养老"}).status_code == 200  # readers still get every page


def test_a_page_asked_for_another_port_is_served_but_not_stored(client, small_archive):
    url = reverse("archive:article_list")
    assert client.get(url, HTTP_HOST="localhost:8123").status_code == 200
    assert not [key for key in _archive_keys() if pages.PAGE_PREFIX in key]
    client.get(url, HTTP_HOST="localhost")
    assert len([key for key in _archive_keys() if pages.PAGE_PREFIX in key]) == 1


def test_the_host_in_any_case_names_one_stored_page(client, small_archive):
    url = reverse("archive:article_list")
    client.get(url, HTTP_HOST="LocalHost")
    client.get(url, HTTP_HOST="localhost")
    assert len([key for key in _archive_keys() if pages.PAGE_PREFIX in key]) == 1


def test_a_deploy_makes_every_stored_page_and_etag_stale(client, small_archive, settings):
    url = reverse("archive:article_list")
    etag = etag_of(client, url)
    assert client.get(url)["X-Archive-Cache"] == "hit"
    settings.ARCHIVE_RELEASE = "next-release"
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["X-Archive-Cache"] == "miss"
    assert again["ETag"] != etag


def test_the_release_is_a_digest_of_the_code_that_changes_with_a_template(monkeypatch, tmp_path):
    from archive import settings as project_settings

    (tmp_path / "archive").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "archive" / "views.py").write_text("VIEW = 1\n")
    template = tmp_path / "templates" / "home.html"
    template.write_text("<p>old</p>")
    monkeypatch.setattr(project_settings, "BASE_DIR", tmp_path)
    before = project_settings.code_version()
    assert before == project_settings.code_version() and len(before) == 12
    template.write_text("<p>new</p>")
    assert project_settings.code_version() != before


def test_a_public_page_with_a_posting_form_is_never_stored_with_a_readers_token(
    client, small_archive, settings, tmp_path
):
    # The home page with a form that posts, as a later template might add one.
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "home.html").write_text(
        '{% extends "archive/home.html" %}{% block content %}{{ block.super }}'
        '<form method="post">{% csrf_token %}</form>{% endblock content %}'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    first, second = Client(), Client()
    mine = first.get("/")
    assert "csrfmiddlewaretoken" in mine.content.decode()
    assert settings.CSRF_COOKIE_NAME in mine.cookies
    theirs = second.get("/")
    assert theirs.get("X-Archive-Cache") is None and stored_pages() == 0
    assert not theirs.has_header("ETag")
    assert settings.CSRF_COOKIE_NAME in theirs.cookies
    token = theirs.cookies[settings.CSRF_COOKIE_NAME].value
    assert token != mine.cookies[settings.CSRF_COOKIE_NAME].value
