"""A reader's path through the site in a real headless Chromium (system browser, Playwright).

Screenshots at phone and desktop width go to test-artifacts/ for a person to look at.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from archive.ingest.districts import DISTRICTS
from archive.models import District
from archive.services import file_import

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain test setup.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, seeds_dir):
    # A live server's tests flush the tables afterwards, the migration's districts with them.
    for district in DISTRICTS:
        District.objects.update_or_create(code=district.code, defaults=district._asdict())
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name: str, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


def test_reader_narrows_the_listing_and_reaches_a_speaker(site, page):
    from playwright.sync_api import expect

    page.goto(f"{site}/articles/")
    expect(page.locator(".result-count")).to_contain_text("共 13 篇文章")
    shoot(page, "articles", 360)
    shoot(page, "articles", 1440)

    page.locator("a[data-facet=district]", has_text="黄浦区").first.click()
    expect(page).to_have_url(re.compile(r"district=huangpu"))
    expect(page.locator(".chips")).to_contain_text("区：黄浦区")
    page.locator("a[data-facet=reporter]", has_text="王嘉旖").first.click()
    expect(page).to_have_url(re.compile(r"district=huangpu.*reporter=|reporter=.*district=huangpu"))
    expect(page.locator(".result-count")).to_contain_text("共 1 篇文章")

    page.get_by_role("link", name="把伟大建党精神融入党的建设全过程各方面").click()
    expect(page.locator("h1")).to_have_text("把伟大建党精神融入党的建设全过程各方面")
    expect(page.locator(".photos .credit")).to_contain_text("本报记者 袁婧摄")
    expect(page.locator(".speakers")).to_contain_text("团市委书记")
    shoot(page, "article", 360)
    shoot(page, "article", 1440)

    page.locator(".speakers").get_by_role("link", name="上官剑").click()
    expect(page.locator("h1")).to_have_text("上官剑")
    expect(page.locator(".quote-list")).to_contain_text("团市委书记")


def test_invalid_filter_shows_a_message_and_districts_page_draws_a_chart(site, page):
    from playwright.sync_api import expect

    page.goto(f"{site}/articles/?district=atlantis&date_from=2022-13-45")
    expect(page.locator(".message").first).to_be_visible()
    page.goto(f"{site}/districts/")
    expect(page.locator("svg .chart-bar")).to_have_count(16)
    shoot(page, "districts", 360)
    page.goto(f"{site}/")
    shoot(page, "home", 1440)
    shoot(page, "home", 360)


def test_keyboard_user_sees_where_focus_is(site, page):
    page.goto(f"{site}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
