"""The review queue, the record's notice and the other copies of a story, in real headless
Chromium: what an editor and a reader see. Every text here is invented."""

from archive.models import Article
from archive.services import file_import
from tests.test_browser import browser, page, pytestmark, site  # noqa: F401  (fixtures, marks)
from tests.test_browser_editing import login

LEAD = (
    "东湖区的老弄堂里新开了一家社区书店，店面不大，却摆满了本地作家的作品和老照片。"
    "开业第一天，附近的居民就排起了长队，有人专门带着孩子来看书，有人在角落里翻看旧报纸。"
    "书店的主人是一位退休的中学语文老师，她说自己一直想在弄堂里开一家书店，让邻居们有个去处。"
)
MORE = (
    "书店每周末还会举办读书会，邀请附近学校的老师给孩子们讲故事。"
    "街道的工作人员表示，将把书店纳入社区文化服务点，帮助它长期开下去。"
)
STORY = f"弄堂里的书店\n\n本报记者 林青\n\n{LEAD}\n\n{MORE}\n"
# The same story as a portal reposts it: front matter, its chrome, half-width punctuation.
REPOST = (
    "---\nurl: https://portal.example.cn/news/1.html\n---\n"
    "首页 > 社会 > 正文\n\n弄堂里的书店\n\n分享到\n\n"
    + f"{LEAD}\n\n{MORE}\n".replace("，", ",").replace("。", ". ")
    + "\n责任编辑:王小二\n"
)


def test_an_editor_finds_doubtful_records_by_reason_and_checks_one(site, page):  # noqa: F811
    from playwright.sync_api import expect

    login(page, site, "编辑丙")
    page.goto(f"{site}/admin/archive/article/?doubt=any")
    queue = page.locator("#changelist-filter")
    expect(queue).to_contain_text("待核对")
    expect(queue).to_contain_text("全部（")
    first = page.locator("#result_list tbody tr").first
    title = first.locator("th a, td a").first.inner_text()
    first.locator("input.action-select").check()
    page.select_option("select[name=action]", "mark_checked")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("已核对 1 篇")
    checked = Article.objects.filter(checked_by__username="编辑丙")
    assert checked.count() == 1 and title.startswith(checked.get().title[:4])
    assert checked.get().history.first().checked_at is not None  # the history records who checked


def test_a_reader_sees_what_a_record_lacks_in_one_quiet_line(site, page):  # noqa: F811
    from playwright.sync_api import expect

    file_import(source="书店.txt", data=STORY.encode())
    article = Article.objects.get(title="弄堂里的书店")
    page.goto(f"{site}{article.get_absolute_url()}")
    expect(page.locator(".record-notice")).to_contain_text("信息不全")
    expect(page.locator(".record-notice")).to_contain_text("日期")


def test_a_story_reposted_elsewhere_lists_its_other_copy(site, page):  # noqa: F811
    from playwright.sync_api import expect

    file_import(source="书店.txt", data=STORY.encode())
    file_import(source="转载.txt", data=REPOST.encode())
    first, copy = Article.objects.filter(title="弄堂里的书店").order_by("pk")
    page.goto(f"{site}{first.get_absolute_url()}")
    other = page.locator("section.copies")
    expect(other).to_contain_text("另见")
    other.locator("a").first.click()
    expect(page).to_have_url(f"{site}{copy.get_absolute_url()}")
