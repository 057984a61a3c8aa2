"""A researcher's paths in a real headless Chromium: an edition by date and page, a district's
coverage chart, a fielded search, its Atom feed, and a citation copied to the clipboard."""

import re
from xml.etree import ElementTree

import pytest

from archive.models import Article, Publication
from tests.test_browser import CHROMIUM, browser, csp_violations, shoot, site  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not __import__("shutil").which(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"
    ),
]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    refused = csp_violations(page)
    yield page
    context.close()
    assert refused == [], refused  # the copy script, the charts: nothing inline anywhere


@pytest.fixture
def edition(site):  # noqa: F811
    """Two seed articles printed in 解放日报 of 28 June 2022, on pages 2 and 1."""
    paper, _ = Publication.objects.get_or_create(name="解放日报", defaults={"slug": "解放日报"})
    Article.objects.filter(title__startswith="肩负").update(
        publication=paper, published_on="2022-06-28", page="2"
    )
    Article.objects.filter(title__startswith="原原本本学").update(
        publication=paper, published_on="2022-06-28", page="1"
    )
    return site


def test_researcher_walks_year_day_page_to_an_article(edition, page):
    from playwright.sync_api import expect

    page.goto(f"{edition}/dates/")
    page.get_by_role("link", name="2022年").click()
    expect(page.locator("h1")).to_have_text("2022年")
    page.locator("#month-6 a", has_text="28").click()
    expect(page.locator("h1")).to_have_text("2022年6月28日")
    shoot(page, "date-day", 360)
    page.get_by_role("link", name="解放日报").click()
    expect(page.locator(".printed-page h2")).to_have_text(["第1版", "第2版"])
    shoot(page, "date-edition", 1440)
    page.locator("#page-2").get_by_role("link", name=re.compile("^肩负")).click()
    expect(page.locator("h1")).to_have_text("肩负新使命迈上新征程,把宏伟蓝图化作美好现实")


def test_researcher_charts_a_district_searches_by_field_follows_the_feed_and_cites(edition, page):
    from playwright.sync_api import expect

    page.goto(f"{edition}/districts/pudong/")
    expect(page.locator(".coverage svg .chart-bar")).to_have_count(1)  # June 2022 only
    page.locator(".coverage summary").click()
    expect(page.locator(".coverage table")).to_contain_text("2022-06")
    shoot(page, "district-coverage", 1440)

    page.goto(f"{edition}/search/")
    page.fill("#id_author", "祝越")
    page.select_option("#id_district", "pudong")
    page.get_by_role("button", name="检索").click()
    expect(page).to_have_url(re.compile(r"/articles/\?q="))
    expect(page.locator(".result-count")).to_contain_text("共 1 篇文章")
    shoot(page, "fielded-search", 360)

    feed_url = page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute(
        "href"
    )
    response = page.request.get(f"{edition}{feed_url}")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.body())
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == [
        "肩负新使命迈上新征程,把宏伟蓝图化作美好现实"
    ]

    page.locator(".article-row-title a").first.click()
    citation = page.locator("#citation-gbt").inner_text()
    assert citation.endswith("[N]. 解放日报, 2022-06-28(2).")
    page.get_by_role("button", name="复制引文").click()
    expect(page.locator(".copy-status")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == citation
    shoot(page, "article-citation", 1440)


def test_without_javascript_the_citation_is_there_and_the_copy_button_is_not(browser, edition):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    article = Article.objects.get(title__startswith="肩负")
    page.goto(f"{edition}/articles/{article.pk}/")
    expect(page.locator("#citation-gbt")).to_contain_text("[N]. 解放日报, 2022-06-28(2).")
    expect(page.get_by_role("button", name="复制引文")).to_be_hidden()
    context.close()
