"""Where a page came from: its address from the front matter or the page's own lines, whether
it is a print page or a web page, and a bad address named in a warning. Invented pages."""

import pytest

from archive.ingest.parser import Defaults, parse_text
from archive.ingest.sources import PRINT, WEB, address_line, web_address

STORY = (
    "社区书屋延长开放时间\n\n本报记者 林晓岚\n\n"
    "从下月起，街道社区书屋每天开放到晚上九点，方便下班的居民借书还书。\n"
)


def parsed(text: str, **defaults):
    [article] = parse_text(text, defaults=Defaults(**defaults))
    return article


def test_front_matter_gives_the_address_the_kind_and_the_day_it_was_read():
    article = parsed(
        "---\nurl: https://news.example.cn/a/1.html\nkind: web\naccessed: 2024-05-03\n---\n" + STORY
    )
    assert (article.source_url, article.source_kind, article.accessed_on) == (
        "https://news.example.cn/a/1.html",
        WEB,
        "2024-05-03",
    )


@pytest.mark.parametrize(
    "line",
    [
        "原文链接：https://news.example.cn/a/1.html",
        "原文链接: https://news.example.cn/a/1.html",
        "https://news.example.cn/a/1.html",
        "本文链接：<https://news.example.cn/a/1.html>",
    ],
)
def test_the_pages_own_address_line_is_its_source_and_leaves_the_text(line):
    article = parsed(STORY + line + "\n")
    assert article.source_url == "https://news.example.cn/a/1.html"
    assert article.source_kind == WEB
    assert "example" not in article.body


def test_a_source_line_with_an_address_names_the_site_too():
    article = parsed("来源：示例新闻网 https://news.example.cn/a/2.html\n" + STORY)
    assert (article.publication, article.source_url) == (
        "示例新闻网",
        "https://news.example.cn/a/2.html",
    )


def test_a_page_number_makes_a_print_page_and_a_web_time_stamp_a_web_page():
    assert parsed(STORY).source_kind == PRINT
    assert parsed("第3版：社区\n" + STORY).source_kind == PRINT
    assert parsed("来源：示例新闻网 2024-05-01 09:30\n" + STORY).source_kind == WEB
    paper = "---\nurl: https://paper.example.cn/3.htm\npage: 3\n---\n"
    assert parsed(paper + STORY).source_kind == PRINT


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "ftp://example.cn/x", "https://", "https://nohost", "http://a b.cn/"],
)
def test_a_bad_url_in_front_matter_is_named_in_a_warning_and_left_out(value):
    article = parsed(f"---\nurl: {value}\n---\n" + STORY)
    assert article.source_url is None
    assert any("无法识别的网址" in warning for warning in article.warnings)


def test_an_address_inside_a_sentence_is_text_not_the_source():
    line = "详情可登录 https://service.example.cn/ 查询办理进度，也可拨打热线电话咨询。"
    assert address_line(line) is None
    assert parsed(STORY + line + "\n").source_url is None


def test_a_re_parse_keeps_the_front_matters_source():
    article = parsed(STORY, source_url="https://news.example.cn/a/1.html", source_kind=WEB)
    assert (article.source_url, article.source_kind) == ("https://news.example.cn/a/1.html", WEB)


def test_web_address_refuses_what_no_reader_could_follow_in_linear_time():
    assert (
        web_address("https://news.example.cn:8080/a?b=1#c")
        == "https://news.example.cn:8080/a?b=1#c"
    )
    assert web_address("https://news.example.cn:0/") is None
    assert web_address("https://" + "a" * 600 + ".cn/") is None
    assert address_line("https://" + "a." * 50_000) is None
