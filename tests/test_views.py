import pytest
from django.urls import reverse

from archive.models import Article, ArticleDistrict, Author, Byline, Role

pytestmark = pytest.mark.django_db


def test_home_lists_published_articles_only(client, article):
    Article.objects.create(title="未发布的草稿", body="x", raw_text="x", source_key="draft")
    response = client.get(reverse("archive:home"))
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [article]
    assert "未发布的草稿" not in response.content.decode()


def test_home_page_number_out_of_range_is_404(client, article):
    assert client.get(reverse("archive:home"), {"page": 9}).status_code == 404
    assert client.get(reverse("archive:home"), {"page": "abc"}).status_code == 404


def test_article_page_shows_bylines_sections_and_districts(client, article, byline, yangpu):
    ArticleDistrict.objects.create(article=article, district=yangpu)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h2>原原本本学</h2>" in html
    assert f'记者 <a href="{byline.author.get_absolute_url()}">祝越</a>' in html
    assert f'<a href="{yangpu.get_absolute_url()}">杨浦区</a>' in html


def test_draft_article_is_not_public(client):
    draft = Article.objects.create(title="草稿", body="x", raw_text="x", source_key="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unknown_person_or_district_is_404(client):
    assert client.get("/authors/nobody/").status_code == 404
    assert client.get("/speakers/nobody/").status_code == 404
    assert client.get("/districts/nowhere/").status_code == 404


def test_author_page_lists_their_articles_in_constant_queries(
    client, django_assert_max_num_queries, article, byline
):
    for number in range(30):
        extra = Article.objects.create(
            title=f"第{number}篇",
            body="x",
            raw_text="x",
            source_key=f"k{number}",
            status=Article.Status.PUBLISHED,
        )
        Byline.objects.create(article=extra, author=byline.author, role=Role.REPORTER)
        other = Author.objects.create(name=f"记者{number}", slug=f"reporter-{number}")
        Byline.objects.create(article=extra, author=other, role=Role.REPORTER, position=1)
    with django_assert_max_num_queries(6):
        response = client.get(byline.author.get_absolute_url())
    assert response.context["page_obj"].paginator.count == 31
    assert len(response.context["page_obj"].object_list) == 20
