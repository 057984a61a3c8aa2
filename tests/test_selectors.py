"""Reads, called directly on a few rows made with the ORM: the listing selector and the
``published()`` verbs every public page reads through."""

import datetime

import pytest
from django.http import Http404, QueryDict

from archive import selectors
from archive.models import (
    Article,
    ArticleDistrict,
    Author,
    Byline,
    District,
    Photo,
    Publication,
    Quote,
    Speaker,
)
from archive.services import article_reindex

pytestmark = pytest.mark.django_db


def make_article(title: str, body: str, *, day: str | None, status=Article.Status.PUBLISHED):
    return Article.objects.create(
        title=title,
        body=body,
        raw_text=body,
        published_on=datetime.date.fromisoformat(day) if day else None,
        source_key=f"test:{title}",
        status=status,
    )


@pytest.fixture
def archive_rows():
    """Two published articles and a draft, with people, a photo and districts."""
    paper = Publication.objects.create(name="解放日报", slug="jfrb")
    yangpu, pudong = District.objects.get(slug="yangpu"), District.objects.get(slug="pudong")
    reporter = Author.objects.create(name="祝越", slug="zhuyue")
    speaker = Speaker.objects.create(name="严爱云", slug="yanaiyun")
    care = make_article("社区养老服务升级", "杨浦区的社区养老更方便了。", day="2022-06-28")
    care.publication = paper
    care.save()
    river = make_article("滨江步道贯通", "浦东滨江步道今天贯通。", day=None)
    draft = make_article(
        "养老草稿", "还没有发布的养老稿件。", day="2023-01-01", status=Article.Status.DRAFT
    )
    for article in (care, draft):
        Byline.objects.create(article=article, author=reporter)
        Quote.objects.create(article=article, speaker=speaker, text="养老是大事")
        Photo.objects.create(article=article, caption="老人在活动室", photographer=reporter)
    ArticleDistrict.objects.create(article=care, district=yangpu, mentions=2)
    ArticleDistrict.objects.create(article=river, district=pudong)
    article_reindex(ids=[care.pk, river.pk, draft.pk])
    return {"care": care, "river": river, "draft": draft, "reporter": reporter}


def listing(query: str, **options) -> selectors.ArticleListing:
    return selectors.article_listing(params=QueryDict(query), **options)


def titles(result: selectors.ArticleListing) -> list[str]:
    return [article.title for article in result.page_obj]


def test_listing_shows_published_articles_newest_first_with_undated_last(archive_rows):
    assert titles(listing("")) == ["社区养老服务升级", "滨江步道贯通"]


def test_listing_searches_marks_the_words_and_counts_facets_of_the_result(archive_rows):
    result = listing("q=养老")
    assert titles(result) == ["社区养老服务升级"]
    row = result.page_obj[0]
    assert str(row.headline) == "社区<mark>养老</mark>服务升级"
    assert "<mark>养老</mark>" in str(row.snippet)
    assert [(f.slug, f.count) for f in result.facets["district"]] == [("yangpu", 1)]
    assert [(f.label, f.count) for f in result.facets["reporter"]] == [("祝越", 1)]
    assert result.relevance_cap is not None


def test_listing_parses_the_readers_query_once(archive_rows, monkeypatch):
    import archive.search.query

    calls = []
    parse = archive.search.query.parse_query
    monkeypatch.setattr(
        archive.search.query, "parse_query", lambda text: calls.append(text) or parse(text)
    )
    result = listing("q=养老&date_from=2022-01-01")
    assert titles(result) == ["社区养老服务升级"]
    assert result.undated_left_out.count == 0
    assert calls == ["养老"]


def test_listing_within_a_scope_and_its_undated_left_out(archive_rows):
    scope = selectors.article_list().filter(district_links__district__slug="pudong")
    assert titles(listing("", scope=scope)) == ["滨江步道贯通"]
    left_out = listing("date_from=2020-01-01").undated_left_out
    assert (left_out.count, left_out.query) == (1, "undated=true")


def test_listing_names_an_invalid_value_and_ignores_it(archive_rows):
    result = listing("date_from=2022-02-30&district=nowhere")
    assert titles(result) == ["社区养老服务升级", "滨江步道贯通"]
    assert len(result.filter_messages) == 2
    assert any(message.startswith("区：") for message in result.filter_messages)


def test_listing_of_unsearchable_words_says_so(archive_rows):
    result = listing("q=！？")
    assert titles(result) == []
    assert "没有可检索的字词" in str(result.filter_messages[-1])


def test_listing_page_out_of_range_is_a_404(archive_rows):
    with pytest.raises(Http404):
        listing("page=3")


def test_published_verbs_leave_out_the_parts_of_drafts(archive_rows):
    care = archive_rows["care"]
    assert [b.article for b in Byline.objects.published()] == [care]
    assert [q.article for q in Quote.objects.published()] == [care]
    assert [p.article for p in Photo.objects.published()] == [care]


def test_people_lists_count_published_work_only(archive_rows):
    (reporter,) = selectors.author_list()
    assert (reporter.name, reporter.n_articles, reporter.n_photos) == ("祝越", 1, 1)
    (speaker,) = selectors.speaker_list()
    assert (speaker.n_quotes, speaker.n_articles) == (1, 1)
    assert [p.caption for p in selectors.photo_list()] == ["老人在活动室"]


def test_export_follows_the_listings_filters(archive_rows):
    rows = selectors.article_export(params=QueryDict("district=pudong"), limit=10)
    assert [article.title for article in rows] == ["滨江步道贯通"]
