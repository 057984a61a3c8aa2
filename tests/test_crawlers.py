"""What crawlers get: robots.txt that fences off filter combinations, and sitemaps of the rest."""

import datetime
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from archive.models import Article, Author, Speaker
from archive.services import file_import
from archive.web import sitemaps

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def seeded(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())
    Article.objects.filter(title__startswith="肩负").update(published_on="2022-06-28")


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ElementTree.fromstring(
        b"".join(getattr(response, "streaming_content", [])) or response.content
    )
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_robots_txt_fences_off_every_filter_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    for name in ("q", "reporter", "district", "speaker", "date_from", "sort", "undated"):
        assert f"Disallow: /*?{name}=" in lines and f"Disallow: /*&{name}=" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /*export.csv" in lines
    assert "Disallow: /*?page=" not in lines  # the unfiltered listing's pages stay crawlable
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_sitemap_index_lists_a_file_per_section(client, seeded):
    sections = locations(client, "/sitemap.xml")
    assert sections == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ("pages", "articles", "authors", "speakers", "districts", "dates")
    ]


def test_sitemaps_list_every_published_article_person_district_and_day(client, seeded):
    draft = Article.objects.filter(published_on__isnull=True).first()
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    articles = set(locations(client, "/sitemap-articles.xml"))
    published = Article.objects.published()
    assert articles == {f"http://testserver{a.get_absolute_url()}" for a in published}
    authors = set(locations(client, "/sitemap-authors.xml"))
    assert f"http://testserver{Author.objects.get(name='祝越').get_absolute_url()}" in authors
    speakers = locations(client, "/sitemap-speakers.xml")
    assert len(speakers) == Speaker.objects.filter(quotes__article__in=published).distinct().count()
    assert len(locations(client, "/sitemap-districts.xml")) == 16
    assert locations(client, "/sitemap-dates.xml") == [
        "http://testserver/dates/2022/",
        "http://testserver/dates/2022/6/28/",
    ]
    day = datetime.date(2022, 6, 28)
    assert client.get(f"/dates/{day.year}/{day.month}/{day.day}/").status_code == 200


def test_a_section_over_the_limit_splits_into_numbered_files(client, seeded, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 5)
    sections = locations(client, "/sitemap.xml")
    count = Article.objects.published().count()
    pages = [s for s in sections if "sitemap-articles.xml" in s]
    assert len(pages) == -(-count // 5) > 1
    assert len(locations(client, "/sitemap-articles.xml?p=2")) == 5
    assert client.get("/sitemap-articles.xml?p=99").status_code == 404
    assert client.get("/sitemap-articles.xml?p=abc").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.parametrize(
    "name", ["article_list", "author_list", "speaker_list", "photo_list", "date_undated"]
)
def test_every_listing_has_a_canonical_link_and_filtered_views_say_noindex(client, seeded, name):
    url = reverse(f"archive:{name}")
    plain = client.get(url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in plain
    assert "noindex" not in plain
    filtered = client.get(url, {"district": "yangpu", "page": "1"}).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in filtered
    assert '<meta name="robots" content="noindex, follow">' in filtered
