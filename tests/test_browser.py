"""A reader's path through the site in a real headless Chromium (system browser, Playwright).

Screenshots at phone and desktop width go to test-artifacts/ for a person to look at.
"""

import os
import re
import shutil
from importlib import import_module
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
    _restore_editorial_groups()
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())
    return live_server.url


def _restore_editorial_groups():
    """The roles come from a data migration too; rebuild them the same way."""
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    migration = import_module("archive.migrations.0008_editorial_groups")
    archive = apps.get_app_config("archive")
    models_module = archive.models_module
    # The migration writes into its schema editor's database: here, the test database.
    migration.create_groups(apps, SimpleNamespace(connection=connection))
    archive.models_module = models_module


def csp_violations(page) -> list[str]:
    """Collects what the browser refuses under the Content-Security-Policy while the page is used."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text[:90]}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    refused = csp_violations(page)
    yield page
    context.close()
    # Every page a test walks through satisfies the policy: no inline script or style anywhere.
    assert refused == [], refused


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


# The editors' admin ---------------------------------------------------------------------------


def login(page, site: str, group: str):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(group, password="browser-test-only", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", group)
    page.fill("#id_password", "browser-test-only")
    page.click("input[type=submit]")


def test_editor_corrects_a_byline_merges_authors_uploads_and_restores(site, page, tmp_path):
    from playwright.sync_api import expect

    from archive.models import Article

    login(page, site, "编辑")
    article = Article.objects.get(title="知重负重 打通根节")

    # Correct a byline: 周辰 wrote the 记者手记 as its author.
    page.goto(f"{site}/admin/archive/article/{article.pk}/change/")
    page.select_option("#id_bylines-0-role", "writer")
    page.fill("#id_title", "知重负重 打通根节（改）")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_be_visible()
    page.goto(f"{site}/articles/{article.pk}/")
    expect(page.locator(".bylines")).to_contain_text("作者 周辰")
    shoot(page, "admin-corrected-article", 1440)

    # Restore the earlier version from the history.
    page.goto(f"{site}/admin/archive/article/{article.pk}/history/")
    shoot(page, "admin-history", 1440)
    page.locator("#change-history a", has_text="知重负重 打通根节").last.click()
    page.click("input[name=_save]")
    page.goto(f"{site}/articles/{article.pk}/")
    expect(page.locator("h1")).to_have_text("知重负重 打通根节")

    # Merge the OCR variant 王宛芝 into 王宛艺 and see the union on the public page.
    page.goto(f"{site}/admin/archive/author/?q=王宛")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("input[name=_selected_action]").last.check()
    page.select_option("select[name=action]", "merge")
    page.click("button[name=index]")
    page.get_by_label("王宛艺").check()
    page.click("input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("合并到 王宛艺")
    page.goto(f"{site}/authors/王宛艺/")
    expect(page.locator(".result-count")).to_contain_text("共 3 篇文章")

    # Upload a file, look at the preview, then import it.
    upload = tmp_path / "upload.txt"
    upload.write_text(
        "社区食堂开张\n\n■记者 方圆\n\n本报讯 长宁区虹桥街道的社区食堂昨天开张。", encoding="utf-8"
    )
    page.goto(f"{site}/admin/archive/article/upload/")
    page.set_input_files("#id_files", str(upload))
    page.click("input[name=preview]")
    expect(page.locator("#upload-preview")).to_contain_text("社区食堂开张")
    expect(page.locator("#upload-missing")).to_contain_text("0 篇没有署名，1 篇没有日期")
    expect(page.locator("#upload-preview .preview-missing")).to_have_text("日期、报纸")
    shoot(page, "admin-upload-preview", 1440)
    page.click("input[name=import]")
    expect(page.locator(".messagelist")).to_contain_text("新建 1 篇")


def test_viewer_is_refused_an_edit(site, page):
    from playwright.sync_api import expect

    from archive.models import Article

    login(page, site, "只读")
    article = Article.objects.first()
    page.goto(f"{site}/admin/archive/article/{article.pk}/change/")
    expect(page.locator("h1")).to_contain_text("查看")
    expect(page.locator("input[name=_save]")).to_have_count(0)
    response = page.goto(f"{site}/admin/archive/article/upload/")
    assert response.status == 403


def test_every_kind_of_public_page_satisfies_the_content_security_policy(site, page):
    # The page fixture fails the test on any CSP violation the browser reports.
    from archive.models import Article, Author, District, Speaker

    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    paths = [
        "/",
        "/articles/?q=上海&sort=date",
        f"/articles/{article.pk}/",
        "/authors/",
        f"/authors/{Author.objects.first().slug}/",
        "/speakers/",
        f"/speakers/{Speaker.objects.first().slug}/",
        "/districts/",
        f"/districts/{District.objects.first().slug}/",
        "/photos/",
    ]
    for path in paths:
        response = page.goto(f"{site}{path}")
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
    response = page.goto(f"{site}/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "找不到这一页"
    page.fill("#error-search", "浦东")
    page.click(".error-search button")
    assert "/articles/?q=" in page.url


def test_a_large_listings_chart_arrives_after_the_page(site, page, monkeypatch):
    """The page leaves a place for the chart (counting it would hold the page up) and the
    chart, counted at its own address, takes that place: with its bars, table and links."""
    from playwright.sync_api import expect

    from archive import selectors
    from archive.models import Article

    for month, article in enumerate(Article.objects.order_by("id")[:4], start=1):
        Article.objects.filter(pk=article.pk).update(published_on=f"2022-{month:02}-10")
    monkeypatch.setattr(selectors.coverage, "coverage_later", lambda articles, **options: True)
    page.goto(f"{site}/articles/?q=上海")
    chart = page.locator("section.coverage")
    expect(chart.locator("svg .chart-bar").first).to_be_attached()
    expect(chart.locator("table")).to_be_attached()
    expect(chart.get_by_role("link", name="按年")).to_have_attribute("href", re.compile(r"^\?q="))
    expect(page.locator("section.coverage[data-later]")).to_have_count(0)
    expect(page.locator("section.coverage")).to_have_count(1)
