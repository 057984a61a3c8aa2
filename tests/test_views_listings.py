"""The reading site's rough edges: the speakers' table, the authors' roles, the sort menu, the
date chips, the headings of the listing."""

import datetime
import itertools
import re

import pytest
from django.urls import reverse

from archive.ingest.names import split_title
from archive.models import Article, Author, Byline, Quote, Role, Speaker
from archive.services import article_part_save
from archive.services.counts import counts_recompute_all

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("团市委书记", ("团市委", "书记")),
        ("静安区城运中心运行管理科科长", ("静安区城运中心运行管理科", "科长")),
        ("长风新村街道党工委副书记", ("长风新村街道", "党工委副书记")),
        ("中电科数字科技(集团)有限公司党委书记", ("中电科数字科技(集团)有限公司", "党委书记")),
        ("市城运中心主任、市政府副秘书长", ("市城运中心、市政府", "主任、副秘书长")),
        ("书记", ("", "书记")),
        ("居民", ("", "居民")),
        ("", ("", "")),
    ],
)
def test_a_printed_title_splits_into_organisation_and_position(title, parts):
    assert split_title(title) == parts


def published(title: str, day: str | None, key: str) -> Article:
    return Article.objects.create(
        title=title,
        body="正文",
        raw_text="x",
        source_key=key,
        published_on=day,
        status=Article.Status.PUBLISHED,
    )


@pytest.fixture
def speakers():
    old, new, draft = (
        published("旧文", "2021-01-05", "a"),
        published("新文", "2022-06-28", "b"),
        published("草稿", "2023-01-01", "c"),
    )
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    jiang = Speaker.objects.create(name="江波", slug="江波")
    shang = Speaker.objects.create(name="上官剑", slug="上官剑")
    Quote.objects.create(article=old, speaker=jiang, title="街道主任", text="旧话")
    Quote.objects.create(article=old, speaker=jiang, title="", text="又一句")
    Quote.objects.create(article=new, speaker=jiang, title="", text="新话")
    Quote.objects.create(article=draft, speaker=jiang, title="区长", text="草稿里的话")
    Quote.objects.create(article=new, speaker=shang, title="团市委书记", text="让年轻干部成长")
    counts_recompute_all()  # rows made here, not through the services that keep the counts
    return jiang, shang


def rows(response) -> list[str]:
    body = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    return [
        re.sub(r"<[^>]+>|\s+", " ", row).split()
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_speakers_show_their_last_printed_title_organisation_words_and_counts(client, speakers):
    response = client.get(reverse("archive:speaker_list"))
    assert rows(response) == [
        ["江波", "主任", "街道", "“新话”", "2022年6月28日", "2", "3"],
        ["上官剑", "书记", "团市委", "“让年轻干部成长”", "2022年6月28日", "1", "1"],
    ]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("articles", ["江波", "上官剑"]),
        ("quotes", ["江波", "上官剑"]),
        ("name", ["上官剑", "江波"]),
        ("recent", ["江波", "上官剑"]),
        ("sideways", ["江波", "上官剑"]),
    ],
)
def test_speakers_sort_by_any_column_and_ignore_an_unknown_sort(client, speakers, sort, order):
    response = client.get(reverse("archive:speaker_list"), {"sort": sort})
    assert response.status_code == 200
    assert [speaker.name for speaker in response.context["page_obj"]] == order
    current = "articles" if sort == "sideways" else sort
    assert (
        f'aria-current="true" class="current" href="?sort={current}"' in response.content.decode()
    )


def test_speakers_recent_sort_puts_the_latest_quoted_first(client, speakers):
    _jiang, shang = speakers
    later = published("更新的文", "2024-01-01", "d")
    article_part_save(part=Quote(article=later, speaker=shang, title="", text="最新"))
    response = client.get(reverse("archive:speaker_list"), {"sort": "recent"})
    assert [speaker.name for speaker in response.context["page_obj"]] == ["上官剑", "江波"]


def test_authors_list_their_roles_in_one_column(client):
    article = published("文", None, "a")
    author = Author.objects.create(name="杨晓梅", slug="杨晓梅")
    article_part_save(part=Byline(article=article, author=author, role=Role.REPORTER))
    other = published("文二", None, "b")
    article_part_save(part=Byline(article=other, author=author, role=Role.PHOTOGRAPHER))
    html = client.get(reverse("archive:author_list")).content.decode()
    assert (
        '<td class="roles"><span class="role">记者 1</span><span class="role">摄影 1</span></td>'
        in html
    )
    assert (
        '<th scope="row" class="name"><a href="/authors/%E6%9D%A8%E6%99%93%E6%A2%85/">杨晓梅</a></th>'
        in html
    )


def test_without_a_search_the_sort_menu_offers_dates_only_newest_first(client):
    published("文", "2022-06-28", "a")
    response = client.get(reverse("archive:article_list"))
    select = response.context["filter"].form["sort"]
    assert [value for value, _label in select.field.choices] == ["newest", "oldest"]
    assert "selected" not in str(select)  # so the browser shows the first: 最新


def test_an_old_relevance_link_without_a_search_lists_newest_first_without_a_message(client):
    published("旧", "2021-01-01", "a")
    published("新", "2022-01-01", "b")
    response = client.get(reverse("archive:article_list"), {"sort": "relevance"})
    assert response.context["filter_messages"] == []
    assert [a.title for a in response.context["page_obj"]] == ["新", "旧"]


def test_with_a_search_relevance_is_offered_first_and_chosen(client):
    response = client.get(reverse("archive:article_list"), {"q": "上海"})
    select = response.context["filter"].form["sort"]
    assert [value for value, _label in select.field.choices] == ["relevance", "newest", "oldest"]
    assert str(select).split("<option")[1].startswith(' value="relevance">相关度')


def test_a_date_filter_is_named_in_chinese_in_its_chip(client):
    response = client.get(reverse("archive:article_list"), {"date_from": "2022-06-08"})
    html = response.content.decode()
    assert "起始日期：2022年6月8日" in html
    assert '<p class="date-range-text" id="date-range-text">日期：2022年6月8日 至 不限</p>' in html
    assert 'aria-describedby="date-range-text"' in html
    assert 'type="date" name="date_from" value="2022-06-08"' in html


def test_the_listing_has_an_h2_between_the_page_title_and_its_h3s(client):
    published("文", datetime.date(2022, 6, 28), "a")
    html = client.get(reverse("archive:article_list")).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert '<h2 id="filters-heading" class="facets-heading">筛选</h2>' in html
