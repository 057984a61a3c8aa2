"""The listing's FilterSets on their own, over a few ORM rows (``small_archive``): each filter,
their combinations, invalid values and the undated articles a date range leaves out."""

import pytest
from django.http import QueryDict

from archive.selectors import article_list, photo_list
from archive.selectors.filters import ArticleFilter, PhotoFilter, filter_messages

pytestmark = pytest.mark.django_db


def filtered(query: str) -> ArticleFilter:
    return ArticleFilter(QueryDict(query), queryset=article_list())


def titles(query: str) -> list[str]:
    return [article.title for article in filtered(query).qs]


CARE, RIVER = "社区养老服务升级", "滨江步道贯通"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", [CARE, RIVER]),
        ("reporter=zhuyue", [CARE]),
        ("photographer=zhuyue", [CARE]),
        ("speaker=yanaiyun", [CARE]),
        ("district=pudong", [RIVER]),
        ("district=yangpu&district=pudong", [CARE, RIVER]),
        ("publication=jfrb", [CARE]),
        ("has_photos=true", [CARE]),
        ("has_photos=false", [RIVER]),
        ("undated=true", [RIVER]),
        ("undated=false", [CARE]),
        ("date_from=2022-06-28&date_to=2022-06-28", [CARE]),
        ("date_to=2022-01-01", []),
        ("sort=oldest", [CARE, RIVER]),
        ("q=养老", [CARE]),
        ("q=养老&district=pudong", []),
        ("q=步道&sort=newest", [RIVER]),
    ],
)
def test_each_filter_and_their_combinations(small_archive, query, expected):
    assert titles(query) == expected


def test_drafts_are_never_listed_whatever_the_filter(small_archive):
    assert "养老草稿" not in titles("q=草稿") + titles("reporter=zhuyue&date_from=2023-01-01")


def test_an_invalid_value_is_named_and_ignored(small_archive):
    filterset = filtered("date_from=2022-02-30&reporter=nobody&district=yangpu")
    assert [article.title for article in filterset.qs] == [CARE]
    messages = filter_messages(filterset)
    assert len(messages) == 2
    assert {message.split("：")[0] for message in messages} == {"起始日期", "作者"}


def test_a_date_range_says_how_many_undated_it_leaves_out_and_how_to_list_them(small_archive):
    filterset = filtered("date_from=2020-01-01&district=pudong&page=2")
    assert list(filterset.qs) == []
    left_out = filterset.undated_left_out()
    assert (left_out.count, left_out.query) == (1, "district=pudong&undated=true")
    assert filtered("district=pudong").undated_left_out() is None


def test_a_search_by_relevance_lists_the_undated_it_left_out_by_date(small_archive):
    left_out = filtered("q=步道&date_to=2030-01-01").undated_left_out()
    assert (left_out.count, left_out.query) == (1, "q=%E6%AD%A5%E9%81%93&undated=true&sort=newest")


def test_the_query_is_parsed_once_and_kept(small_archive):
    filterset = filtered("q=养老 -草稿")
    list(filterset.qs)
    query = filterset.query
    assert [[term.text for term in clause] for clause in query.clauses] == [["养老"]]
    assert [term.text for term in query.excluded] == ["草稿"]
    assert filterset.query is query
    assert filtered("district=yangpu").query is None


def test_photos_filter_by_photographer_and_district(small_archive):
    def captions(query: str) -> list[str]:
        return [p.caption for p in PhotoFilter(QueryDict(query), queryset=photo_list()).qs]

    assert captions("photographer=zhuyue") == ["老人在活动室"]
    assert captions("district=yangpu") == ["老人在活动室"]
    assert captions("district=pudong") == []


def test_a_date_range_that_ends_before_it_starts_is_said_not_silently_empty(small_archive):
    reversed_range = filtered("date_from=2023-01-01&date_to=2020-01-01")
    assert list(reversed_range.qs) == []
    assert filter_messages(reversed_range) == ["起始日期晚于结束日期：没有文章能同时满足。"]
    assert filter_messages(filtered("date_from=2020-01-01&date_to=2023-01-01")) == []


def test_the_undated_a_date_range_leaves_out_are_counted_once_until_the_archive_changes(
    small_archive, django_assert_num_queries
):
    from archive.cache import versions as caching

    query = "date_from=2020-01-01&district=pudong"
    assert filtered(query).undated_left_out().count == 1
    filterset = filtered(query)
    filterset.is_valid()  # the form's own lookups, not what is measured
    with django_assert_num_queries(0):
        assert filterset.undated_left_out().count == 1
    caching.archive_changed()
    filterset = filtered(query)
    filterset.is_valid()
    with django_assert_num_queries(1):  # counted again
        assert filterset.undated_left_out().count == 1
