"""Fielded search: 标题/title, 作者, 受访者, 区, 版 in the query language, with words, phrases,
"-" and OR; the same articles on SQLite and PostgreSQL, and an advanced-search form."""

import pytest
from django.urls import reverse

from archive.models import Article, ArticleDistrict, AuthorAlias, Byline, Quote
from archive.search import parse_query, search
from archive.services import file_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())


def found(query: str) -> set[str]:
    return {article.title for article in search(Article.objects.all(), query, rank=False)}


def titles_where(**lookups) -> set[str]:
    return set(Article.objects.filter(**lookups).values_list("title", flat=True))


def test_prefixes_in_chinese_and_english_with_either_colon_name_their_field():
    query = parse_query('标题:养老 Author：祝越 受访者:"严爱云" 区:杨浦 版:A05 -版次:3 篇名:社区')
    fields = [(t.field, t.text) for clause in query.clauses for t in clause]
    assert fields == [
        ("title", "养老"),
        ("author", "祝越"),
        ("speaker", "严爱云"),
        ("district", "杨浦"),
        ("page", "A05"),
        ("title", "社区"),
    ]
    assert [(t.field, t.text) for t in query.excluded] == [("page", "3")]
    assert parse_query("作者:祝越").highlight_words() == []  # a name is no word to mark


@pytest.mark.parametrize("text", ["标题:", "作者：", "区: 杨浦", "foo:bar", "版::", ":::"])
def test_an_empty_or_unknown_field_is_never_an_error(client, seeded, text):
    assert client.get(reverse("archive:article_list"), {"q": text}).status_code == 200
    assert client.get(reverse("api:articles"), {"q": text}).status_code == 200


def test_title_finds_the_word_only_in_titles(seeded):
    in_title = titles_where(title__contains="发展")
    anywhere = found("发展")
    assert found("标题:发展") == in_title and in_title
    assert in_title < anywhere  # bodies mention it in more articles than titles do
    assert found("title:发展") == found("篇名：发展") == in_title
    # Words, not characters, as everywhere in search: 党 alone is no word of 建党 or 党的建设.
    assert found("标题:建党") == titles_where(title__contains="建党")


def test_author_matches_bylines_photo_credits_and_aliases(seeded):
    zhu = titles_where(bylines__author__name="祝越")
    assert found("作者:祝越") == zhu and len(zhu) == 2
    byline = Byline.objects.select_related("author").filter(author__name="祝越").first()
    AuthorAlias.objects.create(author=byline.author, name="祝 越", slug="zhu-yue-old")
    assert found('作者:"祝 越"') == zhu
    yuan = titles_where(photos__photographer__name="袁婧") | titles_where(
        bylines__author__name="袁婧"
    )
    assert found("author:袁婧") == yuan and yuan


def test_speaker_district_and_page_filter_by_the_records(seeded):
    quote = Quote.objects.select_related("speaker").first()
    assert found(f"受访者:{quote.speaker.name}") == titles_where(quotes__speaker=quote.speaker)
    yangpu = titles_where(district_links__district__slug="yangpu")
    assert found("区:杨浦") == found("区:杨浦区") == found("district:yangpu") == yangpu
    article = Article.objects.first()
    Article.objects.filter(pk=article.pk).update(page="A05")
    assert found("版:a05") == {article.title}


def test_fields_combine_with_words_exclusions_and_or(seeded):
    zhu = titles_where(bylines__author__name="祝越")
    pudong = titles_where(district_links__district__slug="pudong")
    assert found("作者:祝越 区:浦东") == zhu & pudong
    assert found("作者:祝越 -区:浦东") == zhu - pudong
    assert found("作者:祝越 OR 区:浦东") == zhu | pudong
    words = found("党员")
    assert found("党员 作者:祝越") == words & zhu
    assert found("党员 OR 作者:祝越") == words | zhu
    chongming = titles_where(district_links__district__slug="chongming")
    assert found("标题:发展 区:崇明") == titles_where(title__contains="发展") & chongming


def test_the_listing_and_api_give_the_same_articles_for_a_fielded_query(client, seeded):
    params = {"q": "作者:祝越 OR 区:崇明", "sort": "newest"}
    listing = client.get(reverse("archive:article_list"), params)
    api = client.get(reverse("api:articles"), params | {"limit": 100}).json()
    assert [a.pk for a in listing.context["page_obj"]] == [row["id"] for row in api["results"]]
    assert len(api["results"]) == len(
        titles_where(bylines__author__name="祝越")
        | titles_where(district_links__district__slug="chongming")
    )


def test_the_advanced_search_form_builds_the_query_and_keeps_the_dates(client, seeded):
    page = client.get(reverse("archive:advanced_search"))
    assert page.status_code == 200
    assert 'name="title"' in page.content.decode()
    response = client.get(
        reverse("archive:advanced_search"),
        {
            "words": "党员",
            "title": "学习 教育",
            "author": "祝越",
            "district": "pudong",
            "exclude": "崇明",
            "date_from": "2022-01-01",
        },
    )
    assert response.status_code == 302
    listing = client.get(response["Location"])
    assert listing.context["filter"].form.cleaned_data["q"] == (
        '党员 标题:"学习 教育" 作者:祝越 区:pudong -崇明'
    )
    assert listing.context["filter"].form.cleaned_data["date_from"].isoformat() == "2022-01-01"


def test_the_advanced_search_form_names_a_bad_value_instead_of_searching(client, seeded):
    response = client.get(reverse("archive:advanced_search"), {"date_from": "2022-02-30"})
    assert response.status_code == 200
    assert response.context["form"].errors["date_from"]


def test_a_district_term_also_matches_the_former_name_printed(seeded):
    article = Article.objects.first()
    link = ArticleDistrict.objects.filter(article=article).first()
    if link is None:
        link = ArticleDistrict.objects.create(article=article, district_id=1)
    ArticleDistrict.objects.filter(pk=link.pk).update(former_name="闸北")
    assert article.title in found("区:闸北")
