"""Search finds every article containing what the reader typed, whatever jieba made of it, and
ranks those matching by words first. On whichever database the suite runs on; the articles are
invented and imported through the real import, so both indexes are written as in use."""

from io import StringIO

import pytest
from django.core.management import call_command

from archive.ingest.parser import Defaults
from archive.models import Article
from archive.search import highlight, parse_query, search
from archive.services import file_import
from tests.test_commands import SHARED_DEVSET

STREET = "南京西路街道开展垃圾分类宣传"
FIGURES = "一季度出口数据发布"
WORDS = "关注民生实事"
CHARACTERS = "市民生活更方便"
TITLE = "排行榜不能名不副实"


def page(title: str, body: str, day: str) -> None:
    text = f"{title}\n\n■本报记者 方圆\n\n本报讯 {body}\n"
    result = file_import(
        source=f"{title}.txt",
        data=text.encode("utf-8"),
        defaults=Defaults(publication="杨浦时报", published_on=day),
    )
    assert result.error is None, result.error


@pytest.fixture
def invented(db):
    page(STREET, "南京西路街道近日组织志愿者走进小区。", "2024-03-01")
    page(FIGURES, "出口增长１４．８％，新增订单1.5万笔；另有一万笔待审。", "2024-03-02")
    page(WORDS, "区里把民生实事项目逐一落实。", "2024-03-03")
    page(CHARACTERS, "新开的菜场让市民生活更方便。", "2024-03-04")  # newest
    page(TITLE, "榜单年年有，读者年年看。", "2024-03-05")


def titles(query: str, *, rank: bool = True) -> list[str]:
    return [a.title for a in search(Article.objects.all(), query, rank=rank)]


def test_a_word_inside_a_longer_dictionary_word_is_found(invented):
    assert titles("南京西路") == [STREET]
    assert titles("路街") == [STREET]  # two characters across jieba's words


@pytest.mark.parametrize("query", ["14.8%", "１４．８％", "4.8", "1.5万"])
def test_numbers_with_a_point_and_a_per_cent_sign_are_found_as_written(invented, query):
    assert titles(query) == [FIGURES]


def test_a_decimal_is_not_found_by_its_unit_alone(invented):
    page("库存统计", "库存还有三万件。", "2024-03-06")
    assert titles("1.5万") == [FIGURES]
    assert titles("2.5万") == []


def test_words_rank_above_characters_only_though_newer(invented):
    assert titles("民生") == [WORDS, CHARACTERS]
    assert set(titles("民生", rank=False)) == {WORDS, CHARACTERS}


def test_an_excluded_term_is_excluded_as_written(invented):
    assert titles("街道 -南京西路") == []
    assert titles("民生 -市民") == [WORDS]


def test_a_title_term_matches_part_of_the_title_only(invented):
    assert titles("标题:副实") == [TITLE]
    assert titles("标题:志愿者") == []  # in the body, not the title
    assert titles("志愿者") == [STREET]


def test_a_name_imported_before_it_was_known_is_found_by_characters(invented):
    page("社区议事会召开", "居民代表龚晓鸣说，议事会每月开一次。", "2024-03-07")
    assert "社区议事会召开" in titles("龚晓鸣")


def test_a_snippet_opens_at_the_whole_query_and_marks_it_not_its_characters():
    text = "南方来的客人很多。" * 10 + "南京西路街道近日组织志愿者。"
    marked = parse_query("南京西路").highlight_words()
    snippet = highlight(text, marked, length=40)
    assert "<mark>南京西路</mark>街道" in snippet
    assert "<mark>南</mark>" not in snippet


def test_single_character_words_of_a_longer_term_are_not_marked():
    assert parse_query("村委会 路").highlight_words() == ["村委会", "路"]


@pytest.mark.parametrize("query", ["%%%", "1.2.3.4.5.6", "&&南京", '"南京 西路"', "-路街 OR"])
def test_odd_number_and_sign_queries_never_fail(invented, query):
    titles(query)
    titles(query, rank=False)


def test_the_recall_benchmark_finds_everything_on_the_seeds(seeded):
    command = _recall()
    for name, result in command.scores.items():
        row = result.row()
        assert (name, row["recall"], row["zero_results"]) == (name, 1.0, 0), result.misses
        assert row["printed_precision"] == 1.0, name


@pytest.mark.skipif(not (SHARED_DEVSET / "texts").exists(), reason="no ../shared/devset here")
def test_the_recall_benchmark_finds_everything_on_the_development_set(seeded):
    for path in sorted((SHARED_DEVSET / "texts").glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())
    command = _recall()
    for name, result in command.scores.items():
        row = result.row()
        assert (name, row["recall"], row["zero_results"]) == (name, 1.0, 0), result.misses
        assert row["precision"] >= 0.95, name  # captions and bylines are printed text too
        assert row["printed_precision"] == 1.0, name


def _recall():
    from archive.management.commands.bench_search_recall import Command

    command = Command(stdout=StringIO())
    call_command(command, "--per-class", "40")
    return command
