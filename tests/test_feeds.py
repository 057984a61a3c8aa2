"""Atom feeds and CSV exports of any listing, each with that listing's own filter and search."""

import csv
import io
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from archive.models import Article, Author, District, Speaker
from archive.services import file_import
from archive.web import views

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture
def seeded(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())


def valid_atom(content: bytes) -> ElementTree.Element:
    """The feed, checked against RFC 4287's rules for a feed and its entries (4.1.1, 4.1.2):
    one id, title and updated each, an author on the feed or on every entry, a link, RFC 3339
    dates, an alternate link and a summary or content on each entry."""
    feed = ElementTree.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.match(feed.find(f"{ATOM}updated").text)
    feed_author = feed.find(f"{ATOM}author/{ATOM}name")
    assert feed.find(f"{ATOM}link[@rel='alternate']") is not None
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        published = entry.find(f"{ATOM}published")
        assert published is None or RFC3339.match(published.text)
        assert feed_author is not None or entry.find(f"{ATOM}author/{ATOM}name") is not None
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert entry.find(f"{ATOM}summary") is not None
    return feed


def entry_titles(feed: ElementTree.Element) -> set[str]:
    return {entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")}


def page_titles(response) -> set[str]:
    return {article.title for article in response.context["page_obj"]}


def test_latest_articles_feed_is_valid_atom_with_every_published_article(client, seeded):
    response = client.get(reverse("archive:article_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = valid_atom(response.content)
    assert entry_titles(feed) == set(Article.objects.published().values_list("title", flat=True))


@pytest.mark.parametrize(
    "params",
    [
        {"q": "养老"},
        {"district": "yangpu"},
        {"district": "yangpu", "q": "党员"},
        {"q": "党员 -杨浦"},
    ],
)
def test_a_listing_feed_has_the_same_articles_as_the_listing(client, seeded, params):
    feed = valid_atom(client.get(reverse("archive:article_feed"), params).content)
    listing = client.get(reverse("archive:article_list"), params)
    assert entry_titles(feed) == page_titles(listing)
    assert entry_titles(feed)  # each of these finds something in the seeds


def test_author_district_and_speaker_feeds_follow_that_person_or_place(client, seeded):
    author = Author.objects.get(name="祝越")
    feed = valid_atom(client.get(reverse("archive:author_feed", args=[author.slug])).content)
    assert entry_titles(feed) == page_titles(client.get(author.get_absolute_url()))
    assert feed.find(f"{ATOM}title").text == "上海报刊档案 · 祝越"

    yangpu = District.objects.get(slug="yangpu")
    url = reverse("archive:district_feed", args=["yangpu"])
    feed = valid_atom(client.get(url, {"q": "党员"}).content)
    assert entry_titles(feed) == page_titles(client.get(yangpu.get_absolute_url(), {"q": "党员"}))
    assert feed.find(f"{ATOM}title").text == "上海报刊档案 · 杨浦区 · 搜索：党员"
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/districts/yangpu/feed.atom?q=%E5%85%9A%E5%91%98"

    speaker = Speaker.objects.get(name="上官剑")
    feed = valid_atom(client.get(reverse("archive:speaker_feed", args=[speaker.slug])).content)
    assert entry_titles(feed) == set(
        Article.objects.filter(quotes__speaker=speaker).values_list("title", flat=True)
    )


def test_feeds_of_unknown_people_or_places_are_404(client, seeded):
    assert client.get("/authors/无此人/feed.atom").status_code == 404
    assert client.get("/districts/atlantis/feed.atom").status_code == 404
    assert client.get("/speakers/无此人/export.csv").status_code == 404


def test_every_listing_links_its_own_feed_canonical_and_marks_filtered_views(client, seeded):
    html = client.get(reverse("archive:article_list"), {"district": "yangpu"}).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Atom：本页的文章" '
        'href="/articles/feed.atom?district=yangpu">' in html
    )
    assert '<link rel="canonical" href="http://testserver/articles/">' in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert 'data-facet="reporter" rel="nofollow"' in html
    plain = client.get(reverse("archive:article_list"), {"page": "1"}).content.decode()
    assert "noindex" not in plain
    html = client.get(reverse("archive:author_detail", args=["祝越"])).content.decode()
    assert 'href="/authors/%E7%A5%9D%E8%B6%8A/feed.atom?"' in html


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_an_author_pages_csv_link_exports_only_that_authors_rows(client, seeded):
    author = Author.objects.get(name="祝越")
    html = client.get(author.get_absolute_url(), {"district": "pudong"}).content.decode()
    export = "/authors/%E7%A5%9D%E8%B6%8A/export.csv?district=pudong"
    assert f'href="{export}"' in html
    rows = read_csv(client.get(export))[1:]
    assert [row[4] for row in rows] == ["肩负新使命迈上新征程,把宏伟蓝图化作美好现实"]
    every = read_csv(client.get(reverse("archive:author_export", args=[author.slug])))[1:]
    assert len(every) == 2
    assert all("祝越" in row[5] for row in every)


def test_a_district_pages_csv_exports_only_that_districts_rows(client, seeded):
    rows = read_csv(client.get(reverse("archive:district_export", args=["chongming"])))[1:]
    expected = Article.objects.filter(district_links__district__slug="chongming").count()
    assert len(rows) == expected == 3
    assert all("崇明区" in row[6] for row in rows)


def test_a_csv_over_the_cap_says_so_in_its_last_row(client, seeded, monkeypatch):
    monkeypatch.setattr(views, "EXPORT_LIMIT", 3)
    rows = read_csv(client.get(reverse("archive:article_export")))
    assert len(rows) == 1 + 3 + 1
    assert rows[-1][4] == "仅导出了前 3 篇：结果更多，请加筛选条件分批导出。"
    monkeypatch.setattr(views, "EXPORT_LIMIT", 100)
    rows = read_csv(client.get(reverse("archive:article_export")))
    assert "仅导出" not in rows[-1][4]


def test_a_search_with_control_characters_gives_a_feed_not_a_server_error(client, seeded):
    # Found by the fuzz test: XML 1.0 cannot hold U+001F, so it never reaches the feed's title.
    response = client.get("/articles/feed.atom", {"q": "养老\x1f\x00"})
    assert response.status_code in (200, 400)
    response = client.get("/articles/feed.atom", {"q": "养老\x1f"})
    assert response.status_code == 200
    assert "\x1f" not in response.content.decode()
