"""Browsing by date and page: years → a year's calendar → a day's editions → pages in order."""

import datetime

import pytest
from django.urls import reverse

from archive.models import Article, Publication
from archive.selectors import editions

pytestmark = pytest.mark.django_db


@pytest.fixture
def papers(db):
    jiefang = Publication.objects.create(name="解放日报", slug="解放日报")
    xinmin = Publication.objects.create(name="新民晚报", slug="新民晚报")
    rows = [
        # (publication, date, page, title) in the order the pages' text printed them
        (jiefang, "2022-06-28", "10", "第十版头条"),
        (jiefang, "2022-06-28", "2", "第二版头条"),
        (jiefang, "2022-06-28", "2", "第二版下方"),
        (jiefang, "2022-06-28", "", "版次不详的一篇"),
        (xinmin, "2022-06-28", "A05", "晚报A05"),
        (None, "2022-06-28", "3", "报纸不详的一篇"),
        (jiefang, "2022-07-01", "1", "七月一日"),
        (jiefang, "2021-01-04", "1", "前一年"),
        (jiefang, None, "1", "没有日期"),
        (jiefang, "2022-06-29", "1", "草稿不出现"),
    ]
    for index, (paper, day, page, title) in enumerate(rows):
        Article.objects.create(
            publication=paper,
            published_on=day,
            page=page,
            title=title,
            body="正文",
            raw_text="原文",
            source_key=f"dates:{index}",
            status=Article.Status.DRAFT if title == "草稿不出现" else Article.Status.PUBLISHED,
        )


def test_years_are_listed_newest_first_with_counts_and_the_undated_linked(client, papers):
    response = client.get(reverse("archive:date_index"))
    assert [(y.year, y.count) for y in response.context["years"]] == [(2022, 7), (2021, 1)]
    assert response.context["undated"] == 1
    html = response.content.decode()
    assert 'href="/dates/2022/"' in html and 'href="/dates/undated/"' in html


def test_a_year_shows_only_its_months_with_a_calendar_linking_the_days(client, papers):
    response = client.get(reverse("archive:date_year", args=[2022]))
    months = response.context["months"]
    assert [(m.number, m.count) for m in months] == [(6, 6), (7, 1)]
    june = months[0]
    assert june.weeks[0][0].date == datetime.date(2022, 5, 30)  # weeks start on Monday
    counted = {d.date: d.count for week in june.weeks for d in week if d.count}
    assert counted == {datetime.date(2022, 6, 28): 6}  # the draft of the 29th is not counted
    assert 'href="/dates/2022/6/28/"' in response.content.decode()


def test_a_day_lists_its_editions_with_pages_in_reading_order(client, papers):
    response = client.get(reverse("archive:date_day", args=[2022, 6, 28]))
    found = [
        (e.publication.name if e.publication else None, e.count, e.pages)
        for e in response.context["editions"]
    ]
    assert found == [
        ("新民晚报", 1, ["A05"]),
        ("解放日报", 4, ["2", "10", ""]),
        (None, 1, ["3"]),
    ]


def test_an_edition_shows_pages_in_order_and_articles_in_printed_order(client, papers):
    url = reverse("archive:date_edition", args=[2022, 6, 28, "解放日报"])
    pages = client.get(url).context["pages"]
    assert [(p.page, [a.title for a in p.articles]) for p in pages] == [
        ("2", ["第二版头条", "第二版下方"]),
        ("10", ["第十版头条"]),
        ("", ["版次不详的一篇"]),
    ]


def test_the_undated_listing_has_only_undated_articles(client, papers):
    response = client.get(reverse("archive:date_undated"))
    assert [a.title for a in response.context["page_obj"]] == ["没有日期"]


@pytest.mark.parametrize(
    "path",
    [
        "/dates/99999/",
        "/dates/0/",
        "/dates/99999999999999999999999/",
        "/dates/2022/13/1/",
        "/dates/2022/2/30/",
        "/dates/2022/0/0/",
        "/dates/2020/",  # a year without articles
        "/dates/2022/6/29/",  # only a draft that day
        "/dates/2022/6/28/人民日报/",  # no such publication
        "/dates/2022/7/1/新民晚报/",  # that paper has nothing that day
        "/dates/2022/june/28/",
        "/dates/undated/?page=abc",
    ],
)
def test_impossible_or_empty_dates_are_404_not_500(client, papers, path):
    assert client.get(path).status_code == 404


def test_page_order_turns_pages_as_a_reader_does():
    pages = ["B01", "A10", "", "10", "2", "A02", "a03", "1"]
    assert sorted(pages, key=editions.page_order) == [
        "1",
        "2",
        "10",
        "A02",
        "a03",
        "A10",
        "B01",
        "",
    ]


def test_date_pages_take_a_fixed_number_of_queries(client, papers, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("archive:date_day", args=[2022, 6, 28]))
    with django_assert_max_num_queries(5):
        client.get(reverse("archive:date_edition", args=[2022, 6, 28, "解放日报"]))
