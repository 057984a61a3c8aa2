import pytest
from django.db import IntegrityError, transaction

from archive.ingest.districts import DISTRICTS
from archive.models import Article, ArticleDistrict, Byline, District, Role

pytestmark = pytest.mark.django_db


def test_migrate_creates_the_16_districts_with_their_codes():
    rows = list(District.objects.values_list("code", "name", "short_name", "slug"))
    assert rows == [tuple(district) for district in DISTRICTS]
    assert District.objects.get(code="310110").name == "杨浦区"
    assert District.objects.get(slug="pudong").short_name == "浦东"


def test_database_rejects_a_district_code_outside_shanghai():
    with pytest.raises(IntegrityError), transaction.atomic():
        District.objects.create(code="110101", name="东城区", short_name="东城", slug="dongcheng")


def test_database_rejects_a_duplicate_byline(byline):
    with pytest.raises(IntegrityError), transaction.atomic():
        Byline.objects.create(article=byline.article, author=byline.author, role=Role.REPORTER)


def test_same_person_may_hold_two_roles_on_one_article(byline):
    Byline.objects.create(
        article=byline.article, author=byline.author, role=Role.PHOTOGRAPHER, position=1
    )
    assert byline.article.bylines.count() == 2


def test_database_rejects_a_second_article_with_the_same_source_key(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(
            title="另一篇", body="x", raw_text="x", source_key=article.source_key
        )


def test_article_printed_without_a_headline_is_stored_untitled_and_shown_by_its_first_words():
    body = "河边的口袋公园昨天开放，附近居民一早就来散步。\n第二段。"
    article = Article.objects.create(title="", body=body, raw_text=body, source_key="k")
    assert str(article) == "无标题：河边的口袋公园昨天开放，附近居民一早就来…"
    listed = Article.objects.only("id", "title").get(pk=article.pk)
    assert listed.display_title == "无标题"  # a deferred body is not read for it


def test_database_rejects_a_district_linked_twice_or_with_no_mentions(article, yangpu):
    ArticleDistrict.objects.create(article=article, district=yangpu, mentions=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleDistrict.objects.create(article=article, district=yangpu)
    pudong = District.objects.get(slug="pudong")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleDistrict.objects.create(article=article, district=pudong, mentions=0)


def test_published_queryset_hides_drafts(article):
    draft = Article.objects.create(title="草稿", body="x", raw_text="x", source_key="draft")
    assert draft.status == Article.Status.DRAFT
    assert list(Article.objects.published()) == [article]


def test_paragraphs_mark_section_headings(article):
    assert article.paragraphs == [
        ("连日来，上海各级机关党员干部掀起热潮。", False),
        ("原原本本学", True),
        ("杨浦区开展学习。", False),
    ]


def test_public_urls(article, author, yangpu):
    assert article.get_absolute_url() == f"/articles/{article.pk}/"
    assert author.get_absolute_url() == "/authors/%E7%A5%9D%E8%B6%8A/"
    assert yangpu.get_absolute_url() == "/districts/yangpu/"
