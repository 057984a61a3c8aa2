"""While the newsroom writes, the facets and charts of listings across the whole archive are
counted again at most every ``ARCHIVE_FIGURES_LAG_SECONDS`` and say when they were counted;
their rows are current at once, and a listing of one person's or district's articles never
waits (``cache.versions.everything_for_figures``)."""

import pytest
from django.urls import reverse

from archive.cache import versions
from archive.models import Article, ArticleDistrict, District
from archive.services import article_save
from archive.services.editing import article_status_set
from tests import test_cache_scopes
from tests.test_cache_scopes import answered, committed, stored

pytestmark = pytest.mark.django_db
archive = test_cache_scopes.archive  # the fixture: small_archive and another reporter's beat

EVERYTHING = reverse("archive:article_list")
AS_OF = "分类计数统计于"


def district_count(response_text: str, name: str) -> str:
    """The count the facets print beside a district's name."""
    start = response_text.index(name, response_text.index('class="facets"'))
    return response_text[start : start + 60].split('class="count">')[1].split("<")[0]


def moved_into_xuhui(archive, capture):
    care = archive["care"]
    care.title = "社区养老再升级"
    with committed(capture):
        ArticleDistrict.objects.create(article=care, district=District.objects.get(slug="xuhui"))
        article_save(article=care)


def test_after_a_save_the_rows_are_current_and_the_facets_say_when_they_were_counted(
    client, archive, django_capture_on_commit_callbacks, monkeypatch
):
    stored(client, [EVERYTHING])
    before = district_count(answered(client, EVERYTHING)[1], "徐汇区")
    moved_into_xuhui(archive, django_capture_on_commit_callbacks)
    how, text = answered(client, EVERYTHING)
    assert how == "miss" and "社区养老再升级" in text  # the row: at once
    assert district_count(text, "徐汇区") == before and AS_OF in text
    assert answered(client, EVERYTHING)[0] == "hit"  # stored until the figures move

    later = versions.clock() + 61
    monkeypatch.setattr(versions, "clock", lambda: later)
    how, text = answered(client, EVERYTHING)
    assert how == "miss" and int(district_count(text, "徐汇区")) == int(before) + 1
    assert AS_OF not in text


def test_a_listing_of_one_district_counts_its_figures_again_at_once(
    client, archive, django_capture_on_commit_callbacks
):
    xuhui = EVERYTHING + "?district=xuhui"
    stored(client, [EVERYTHING, xuhui])
    moved_into_xuhui(archive, django_capture_on_commit_callbacks)
    how, text = answered(client, xuhui)
    assert how == "miss" and "社区养老再升级" in text and AS_OF not in text
    assert district_count(text, "杨浦区") == "1"  # care, now also in Xuhui, counted at once


def test_an_article_leaving_the_site_is_out_of_every_figure_at_once(
    client, archive, django_capture_on_commit_callbacks
):
    stored(client, [EVERYTHING])
    assert "杨浦区" in answered(client, EVERYTHING)[1].split('class="facets"')[1]
    with committed(django_capture_on_commit_callbacks):
        article_status_set(articles=Article.objects.filter(pk=archive["care"].pk), status="draft")
    how, text = answered(client, EVERYTHING)
    assert how == "miss" and AS_OF not in text and "社区养老" not in text
    assert 'district=yangpu"' not in text.split('class="facets"')[1]  # care was its only one


def test_with_no_lag_the_figures_are_counted_after_every_change(
    client, archive, django_capture_on_commit_callbacks, settings
):
    settings.ARCHIVE_FIGURES_LAG_SECONDS = 0
    stored(client, [EVERYTHING])
    before = district_count(answered(client, EVERYTHING)[1], "徐汇区")
    moved_into_xuhui(archive, django_capture_on_commit_callbacks)
    text = answered(client, EVERYTHING)[1]
    assert int(district_count(text, "徐汇区")) == int(before) + 1 and AS_OF not in text
