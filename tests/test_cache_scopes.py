"""A write makes stale the stored pages that show what it changed, and only those: what changed
is fresh at once, and pages about other people, districts and dates are still served as stored
(``X-Archive-Cache: hit``, without a query). docs/caching.md has the design."""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from archive.cache import versions
from archive.models import Article, ArticleDistrict, Author, Byline, District
from archive.services import article_save, author_merge, file_import
from archive.services.batches import Source, files_import
from archive.services.counts import counts_recompute_all
from archive.services.editing import article_delete, article_part_delete, article_status_set
from archive.services.freshness import article_states
from tests.conftest import make_article

pytestmark = pytest.mark.django_db

PAGE = "新的一篇\n\n■记者 方圆\n\n本报讯 杨浦区今天开了一个会。\n\n居民们都很满意。\n"


@pytest.fixture
def archive(small_archive):
    """``small_archive`` and three articles by another reporter in another district, in the
    listing's order: care (2022), first (2021), second (2020), third (2018), river (undated)."""
    liming = Author.objects.create(name="李明", slug="liming")
    xuhui = District.objects.get(slug="xuhui")
    days = {"first": "2021-03-01", "second": "2020-01-01", "third": "2018-01-01"}
    made = {}
    for name, day in days.items():
        made[name] = make_article(f"徐汇新闻{name}", "徐汇区的消息。", day=day)
        Byline.objects.create(article=made[name], author=liming)
        ArticleDistrict.objects.create(article=made[name], district=xuhui)
    counts_recompute_all()  # rows made beside the services: their stored counts, as a recount
    return small_archive | made


def url(name: str, *args) -> str:
    return reverse(f"archive:{name}", args=args)


def article_url(article: Article) -> str:
    return url("article_detail", article.pk)


def answered(client: Client, address: str) -> tuple[str, str]:
    """How the page was answered (``hit``, ``miss``…) and its text."""
    response = client.get(address)
    assert response.status_code == 200, address
    return response["X-Archive-Cache"], response.content.decode()


def stored(client: Client, addresses: list[str]) -> None:
    for address in addresses:
        client.get(address)
        assert answered(client, address)[0] == "hit", address


@contextmanager
def committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        yield


def still_stored(client, django_assert_num_queries, addresses: list[str]) -> None:
    with django_assert_num_queries(0):
        for address in addresses:
            assert answered(client, address)[0] == "hit", address


def retitled_fresh_on(client, care, capture, addresses: list[str]) -> None:
    """An editor gives ``care`` a new title: each of ``addresses`` is rendered again with it."""
    care.title = "社区养老再升级"
    with committed(capture):
        article_save(article=care)
    for address in addresses:
        how, text = answered(client, address)
        assert how == "miss" and "社区养老再升级" in text, address


def other_beat(archive) -> list[str]:
    """Pages of the other reporter, district and dates, which no write to ``care`` concerns."""
    return [
        url("author_detail", "liming"),
        url("district_detail", "xuhui"),
        url("date_day", 2018, 1, 1),
        url("date_year", 2018),
        article_url(archive["third"]),
    ]


def test_an_edited_title_is_fresh_everywhere_it_shows_and_other_beats_stay_stored(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    care = archive["care"]
    showing = [
        url("home"),
        url("article_list"),
        article_url(care),
        url("author_detail", "zhuyue"),
        url("speaker_detail", "yanaiyun"),
        url("district_detail", "yangpu"),
        url("feed"),
        article_url(archive["first"]),  # its "newer" link names care
    ]
    counting = [url("date_day", 2022, 6, 28), url("date_year", 2022), url("author_list")]
    stored(client, showing + counting + other_beat(archive))
    retitled_fresh_on(client, care, django_capture_on_commit_callbacks, showing)
    assert [answered(client, address)[0] for address in counting] == ["miss"] * 3
    still_stored(client, django_assert_num_queries, other_beat(archive))


def test_a_moved_date_refreshes_the_old_and_the_new_days_and_their_neighbours(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    care = archive["care"]
    old_day, new_day = url("date_day", 2022, 6, 28), url("date_day", 2019, 5, 5)
    old_year, new_year = url("date_year", 2022), url("date_year", 2019)
    became_neighbour = article_url(archive["second"])
    unrelated = [url("author_detail", "liming"), url("date_day", 2020, 1, 1)]
    assert client.get(new_day).status_code == 404  # never stored
    assert client.get(new_year).status_code == 404
    stored(client, [old_day, old_year, became_neighbour, *unrelated])
    care.published_on = care.published_on.replace(year=2019, month=5, day=5)
    with committed(django_capture_on_commit_callbacks):
        article_save(article=care)
    # The old day and year have nothing left: no stored copy says otherwise.
    assert client.get(old_day).status_code == client.get(old_year).status_code == 404
    assert answered(client, new_day)[0] == answered(client, new_year)[0] == "miss"
    how, text = answered(client, became_neighbour)
    assert how == "miss" and "社区养老服务升级" in text  # care is now just before it
    still_stored(client, django_assert_num_queries, unrelated)


def test_a_removed_reporter_no_longer_lists_the_article(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    care, author_page = archive["care"], url("author_detail", "zhuyue")
    stored(client, [author_page, *other_beat(archive)])
    with committed(django_capture_on_commit_callbacks):
        article_part_delete(parts=[*care.bylines.all(), *care.photos.all()])
    # The reporter's only article: nothing of theirs is left to show, so no page at once.
    assert client.get(author_page).status_code == 404
    still_stored(client, django_assert_num_queries, other_beat(archive))


def test_the_related_box_of_an_article_naming_the_same_reporter_is_fresh(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    first, third = archive["first"], archive["third"]
    related = article_url(third)  # not a neighbour of first: its related box names it
    unrelated = [article_url(archive["river"]), url("author_detail", "zhuyue")]
    stored(client, [related, *unrelated])
    first.title = "徐汇新闻改过"
    with committed(django_capture_on_commit_callbacks):
        article_save(article=first)
    how, text = answered(client, related)
    assert how == "miss" and "徐汇新闻改过" in text
    still_stored(client, django_assert_num_queries, unrelated)


def test_an_unpublished_article_is_gone_at_once_and_other_beats_stay_stored(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    care = archive["care"]
    listings = [url("home"), url("article_list")]
    author_page = url("author_detail", "zhuyue")  # the reporter's only published article
    stored(client, [article_url(care), author_page, *listings, *other_beat(archive)])
    with committed(django_capture_on_commit_callbacks):
        article_status_set(articles=Article.objects.filter(pk=care.pk), status=Article.Status.DRAFT)
    assert client.get(article_url(care)).status_code == 404
    assert client.get(author_page).status_code == 404
    for address in listings:
        assert "社区养老服务升级" not in answered(client, address)[1], address
    assert cache.get(versions.PURGED_KEY)  # no copy from before is served stale (stampede)
    still_stored(client, django_assert_num_queries, other_beat(archive))


def test_a_deleted_article_is_gone_at_once(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    river = archive["river"]
    page = article_url(river)
    stored(client, [page, url("date_undated"), *other_beat(archive)[:2]])
    with committed(django_capture_on_commit_callbacks):
        article_delete(articles=[river])
    assert client.get(page).status_code == 404
    assert "滨江步道贯通" not in answered(client, url("date_undated"))[1]
    still_stored(client, django_assert_num_queries, other_beat(archive)[:2])


def test_an_import_refreshes_the_listings_it_adds_to_and_leaves_other_beats_stored(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    listings = [url("home"), url("district_detail", "yangpu"), url("date_undated")]
    # Not the oldest dated article's page: the undated one imported is next to it.
    unrelated = other_beat(archive)[:4]
    stored(client, [*listings, *unrelated])
    with committed(django_capture_on_commit_callbacks):
        file_import(source="new.txt", data=PAGE.encode())
    for address in listings:
        assert "新的一篇" in answered(client, address)[1], address
    still_stored(client, django_assert_num_queries, unrelated)


def test_a_batch_moves_each_scope_it_touched_once(
    archive, django_capture_on_commit_callbacks, monkeypatch
):
    written = []
    monkeypatch.setattr(versions, "scopes_changed", lambda scopes, **kw: written.append(scopes))
    second = PAGE.replace("新的一篇", "又一篇").replace("杨浦区", "徐汇区")
    sources = [Source("a.txt", PAGE.encode()), Source("b.txt", second.encode())]
    with committed(django_capture_on_commit_callbacks):
        results = list(files_import(sources))
    assert [len(result.articles) for result in results] == [1, 1]
    (scopes,) = written  # one write for the batch
    reporter = Author.objects.get(name="方圆").slug
    assert {"district:yangpu", "district:xuhui", f"author:{reporter}", "articles"} <= scopes


def test_a_draft_saved_leaves_every_public_page_stored(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    public = [url("home"), url("article_list"), url("author_detail", "zhuyue")]
    stored(client, public)
    draft = archive["draft"]
    draft.title = "草稿改了"
    with committed(django_capture_on_commit_callbacks):
        article_save(article=draft)
    still_stored(client, django_assert_num_queries, public)
    (state,) = article_states(articles=Article.objects.filter(pk=draft.pk)).values()
    assert state.scopes == {f"article:{draft.pk}", "drafts"}


def test_a_merge_moves_the_generation_so_every_page_is_rendered_again(
    client, archive, django_capture_on_commit_callbacks
):
    pages = [url("author_detail", "zhuyue"), url("district_detail", "xuhui")]
    stored(client, pages)
    with committed(django_capture_on_commit_callbacks):
        author_merge(keep=archive["reporter"], merged=[Author.objects.get(slug="liming")])
    assert "徐汇新闻first" in answered(client, pages[0])[1]
    assert answered(client, pages[1])[0] == "miss"


def test_the_archive_changed_command_makes_every_stored_page_stale(client, archive, capsys):
    pages = [url("home"), url("author_detail", "liming")]
    stored(client, pages)
    call_command("archive_changed")
    assert [answered(client, address)[0] for address in pages] == ["miss", "miss"]
    assert "stale" in capsys.readouterr().out


def test_the_etag_of_a_page_no_write_concerned_still_answers_304(
    client, archive, django_capture_on_commit_callbacks
):
    other = url("author_detail", "liming")
    etag = client.get(other)["ETag"]
    care = archive["care"]
    care.title = "社区养老再升级"
    with committed(django_capture_on_commit_callbacks):
        article_save(article=care)
    assert client.get(other, HTTP_IF_NONE_MATCH=etag).status_code == 304
    home = client.get(url("home"))
    assert client.get(url("home"), HTTP_IF_NONE_MATCH=home["ETag"]).status_code == 304


@contextmanager
def cache_calls():
    """The names of the cache's methods the block called (a backend's own nested calls aside)."""
    calls, depth = [], []
    names = ("get", "get_many", "add", "set", "set_many", "delete", "incr")
    originals = {name: getattr(cache, name) for name in names}

    def counted(name):
        def call(*args, **kwargs):
            if not depth:
                calls.append(name)
            depth.append(name)
            try:
                return originals[name](*args, **kwargs)
            finally:
                depth.pop()

        return call

    for name in names:
        setattr(cache, name, counted(name))
    try:
        yield calls
    finally:
        for name in names:
            delattr(cache, name)


def test_a_stored_page_costs_one_call_to_the_cache(client, archive):
    author_page, article_page = url("author_detail", "zhuyue"), article_url(archive["care"])
    stored(client, [author_page, article_page])
    with cache_calls() as calls:
        assert answered(client, author_page)[0] == "hit"
    assert calls == ["get_many"]
    with cache_calls() as calls:  # an article's page too, related box and all
        assert answered(client, article_page)[0] == "hit"
    assert calls == ["get_many"]


def test_an_imported_article_sharing_a_reporter_shows_at_once_in_a_related_box(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    related = article_url(archive["third"])
    unrelated = [article_url(archive["care"]), url("author_detail", "zhuyue")]
    stored(client, [related, *unrelated])
    page = PAGE.replace("方圆", "李明").replace("杨浦区", "徐汇区")
    with committed(django_capture_on_commit_callbacks):
        file_import(source="liming.txt", data=page.encode())
    how, text = answered(client, related)
    assert how == "miss" and "新的一篇" in text
    still_stored(client, django_assert_num_queries, unrelated)


def test_a_listing_filtered_by_people_or_districts_moves_only_with_their_articles(
    client, archive, django_capture_on_commit_callbacks, django_assert_num_queries
):
    care = archive["care"]
    theirs = [
        url("article_list") + "?reporter=zhuyue",
        url("article_list") + "?district=yangpu&sort=newest",
        url("article_list") + "?speaker=yanaiyun&q=养老",
    ]
    others = [
        url("article_list") + "?reporter=liming",
        url("article_list") + "?district=xuhui&sort=newest",
        url("article_list") + "?district=xuhui&reporter=liming",
    ]
    stored(client, theirs + others)
    retitled_fresh_on(client, care, django_capture_on_commit_callbacks, theirs)
    still_stored(client, django_assert_num_queries, others)


def test_a_reporter_given_to_an_article_brings_it_into_that_reporters_listing_at_once(
    client, archive, django_capture_on_commit_callbacks
):
    listing = url("article_list") + "?reporter=liming"
    stored(client, [listing])
    care = archive["care"]
    with committed(django_capture_on_commit_callbacks):
        Byline.objects.create(article=care, author=Author.objects.get(slug="liming"))
        article_save(article=care)
    how, text = answered(client, listing)
    assert how == "miss" and care.title in text


def test_a_listing_that_ignored_a_filter_naming_nobody_or_collapses_copies_is_never_narrowed(
    client, archive, django_capture_on_commit_callbacks
):
    nobody = url("article_list") + "?reporter=nobody-by-this-name"
    collapsed = url("article_list") + "?reporter=liming&collapse=true"
    for _ in range(2):  # it shows everything and says so: neither stored nor tagged
        response = client.get(nobody)
        assert "no-store" in response["Cache-Control"] and not response.has_header("ETag")
    stored(client, [collapsed])
    care = archive["care"]
    care.title = "社区养老再升级"
    with committed(django_capture_on_commit_callbacks):
        article_save(article=care)
    assert answered(client, collapsed)[0] == "miss"
