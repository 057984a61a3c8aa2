"""Two editors in real headless Chromium: what a browser submits (CRLF textareas, the hidden
version) round-trips without a change, and the second save over a newer version is refused."""

from django.contrib.auth.models import Group, User

from archive.models import Article
from tests.test_browser import browser, page, pytestmark, site  # noqa: F401  (fixtures, marks)

TITLE = "知重负重 打通根节"


def login(tab, url: str, name: str) -> None:
    user = User.objects.create_user(name, password="browser-test-only", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    tab.goto(f"{url}/admin/login/")
    tab.fill("#id_username", name)
    tab.fill("#id_password", "browser-test-only")
    tab.click("input[type=submit]")


def test_saving_untouched_in_a_browser_changes_nothing(site, page):  # noqa: F811
    from playwright.sync_api import expect

    login(page, site, "编辑甲")
    article = Article.objects.get(title=TITLE)
    assert "\n" in article.body
    before = (article.body, article.updated_at, article.history.count())
    page.goto(f"{site}/admin/archive/article/{article.pk}/change/")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_be_visible()
    article.refresh_from_db()
    assert (article.body, article.updated_at, article.history.count()) == before


def test_the_second_of_two_browsers_is_told_of_the_conflict(site, browser):  # noqa: F811
    from playwright.sync_api import expect

    first, second = (
        browser.new_context(viewport={"width": 1440, "height": 900}).new_page() for _ in range(2)
    )
    login(first, site, "编辑甲")
    login(second, site, "编辑乙")
    article = Article.objects.get(title=TITLE)
    url = f"{site}/admin/archive/article/{article.pk}/change/"
    first.goto(url)
    second.goto(url)
    first.fill("#id_title", f"{TITLE}（甲）")
    first.click("input[name=_save]")
    expect(first.locator(".messagelist")).to_be_visible()
    second.fill("#id_subtitle", "乙的副题")
    second.click("input[name=_save]")
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.locator("form .errorlist.nonfield")).to_contain_text("已被 编辑甲 修改")
    expect(second.locator("#id_subtitle")).to_have_value("乙的副题")
    second.locator("form .errorlist.nonfield a").click()
    expect(second.locator("#change-history")).to_contain_text(f"{TITLE}（甲）")
    article.refresh_from_db()
    assert (article.title, article.subtitle) == (f"{TITLE}（甲）", "")
