"""Editors' and readers' ergonomics in real headless Chromium, at 390 px and 1440 px: an
accessibility check on every public page and the admin's main pages, and what people notice
(tap targets, heading order, names that never break, the admin's language, the side-by-side
editor). Screenshots go to test-artifacts/ for a person to look at."""

import itertools
import re
from pathlib import Path

from archive.models import Article, Author, District, Speaker
from tests.test_browser import browser, login, page, pytestmark, shoot, site  # noqa: F401

A11Y = (Path(__file__).resolve().parent / "a11y.js").read_text(encoding="utf-8")
PHONE, DESKTOP = 390, 1440
# Links inside running text are exempt from the target size (WCAG 2.2, SC 2.5.8).
PHONE_CHECKS = {
    "targets": True,
    "runningText": ".body p, .snippet, .lead, blockquote, .message, .original-title",
    "primary": ".search button, .hero-search button, .filter-form button",
}


def audit(tab, width: int) -> list[str]:
    tab.set_viewport_size({"width": width, "height": 900})
    return tab.evaluate(A11Y, PHONE_CHECKS if width == PHONE else {})


def public_pages() -> list[str]:
    article = Article.objects.published().filter(photos__isnull=False).first()
    return [
        "/",
        "/articles/",
        "/articles/?q=上海",
        "/articles/?date_from=2022-01-01&sort=oldest",
        article.get_absolute_url(),
        "/authors/",
        Author.objects.get(name="祝越").get_absolute_url(),
        "/speakers/",
        "/speakers/?sort=recent",
        Speaker.objects.get(name="江波").get_absolute_url(),
        "/districts/",
        District.objects.get(slug="yangpu").get_absolute_url(),
        "/photos/",
    ]


def test_every_public_page_passes_the_accessibility_check_at_both_widths(site, page):  # noqa: F811
    problems = {}
    for path in public_pages():
        page.goto(f"{site}{path}")
        for width in (PHONE, DESKTOP):
            found = audit(page, width)
            if found:
                problems[f"{path} at {width}"] = found
    assert problems == {}


def test_the_admin_main_pages_pass_the_accessibility_check(site, page, tmp_path):  # noqa: F811
    login(page, site, "编辑")
    article = Article.objects.get(title="知重负重 打通根节")
    paths = [
        "/admin/",
        "/admin/archive/article/",
        f"/admin/archive/article/{article.pk}/change/",
        f"/admin/archive/article/{article.pk}/history/",
        "/admin/archive/article/upload/",
        "/admin/archive/author/",
        "/admin/archive/speaker/",
        "/admin/archive/photo/",
    ]
    problems = {}
    for path in paths:
        page.goto(f"{site}{path}")
        found = audit(page, DESKTOP)
        if found:
            problems[path] = found
    page.goto(f"{site}/admin/archive/author/?q=王宛")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("input[name=_selected_action]").last.check()
    page.select_option("select[name=action]", "merge")
    with page.expect_navigation():  # audited on the merge page, not while it is on its way
        page.click("button[name=index]")
    problems["merge"] = audit(page, DESKTOP)
    assert {path: found for path, found in problems.items() if found} == {}


# Readers -----------------------------------------------------------------------------------------


def test_names_and_headers_in_the_people_tables_never_break_on_a_phone(site, page):  # noqa: F811
    for path, name in (("/authors/", "authors"), ("/speakers/", "speakers")):
        page.goto(f"{site}{path}")
        page.set_viewport_size({"width": PHONE, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        broken = page.evaluate(
            """() => [...document.querySelectorAll('.people-table .name a, .author-table thead th')]
                .filter(el => el.getBoundingClientRect().height > 0)
                .filter(el => {
                  const range = document.createRange(); range.selectNodeContents(el);
                  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                  return lines.size > 1;
                }).map(el => el.textContent)"""
        )
        assert broken == [], path
        shoot(page, f"ergonomics-{name}", PHONE)
        shoot(page, f"ergonomics-{name}", DESKTOP)


def test_a_phone_reader_taps_big_enough_targets_and_reads_a_heading_outline(site, page):  # noqa: F811
    page.set_viewport_size({"width": PHONE, "height": 900})
    page.goto(f"{site}/articles/")
    levels = page.evaluate(
        "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))"
    )
    assert levels[:3] == [1, 2, 3] and max(b - a for a, b in itertools.pairwise(levels)) <= 1
    heights = page.evaluate(
        "[...document.querySelectorAll('.facet a, .row-people a, .tag, .nav a')]"
        ".map(a => a.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 24
    assert page.locator(".search button").bounding_box()["height"] >= 44
    assert page.locator(".filter-form button").bounding_box()["height"] >= 44
    shoot(page, "ergonomics-articles", PHONE)


def test_dates_are_native_inputs_shown_in_chinese_and_sorting_fits_the_search(site, page):  # noqa: F811
    from playwright.sync_api import expect

    page.goto(f"{site}/articles/")
    assert page.locator("#id_date_from").get_attribute("type") == "date"
    assert page.locator("#id_sort option").all_text_contents() == ["最新", "最早"]
    page.fill("#id_date_from", "2022-06-08")
    page.locator(".filter-form button").click()
    expect(page.locator(".chips")).to_contain_text("起始日期：2022年6月8日")
    expect(page.locator("#date-range-text")).to_have_text("日期：2022年6月8日 至 不限")
    page.goto(f"{site}/articles/?q=上海")
    assert page.locator("#id_sort option").all_text_contents() == ["相关度", "最新", "最早"]
    assert page.locator("#id_sort").input_value() == "relevance"
    shoot(page, "ergonomics-search", DESKTOP)


def test_speakers_can_be_scanned_and_sorted_and_photos_read_without_images(site, page):  # noqa: F811
    from playwright.sync_api import expect

    page.goto(f"{site}/speakers/")
    row = page.locator(".speaker-table tbody tr", has_text="上官剑")
    expect(row.locator(".position")).to_have_text("书记")
    expect(row.locator(".organisation")).to_have_text("团市委")
    page.get_by_role("link", name="姓名").click()
    expect(page).to_have_url(re.compile(r"sort=name"))
    names = page.locator(".speaker-table .name").all_text_contents()
    assert names == sorted(names)
    shoot(page, "ergonomics-speakers-sorted", DESKTOP)
    page.goto(f"{site}/photos/")
    cards = page.locator(".photo-card-text")
    assert cards.count() >= 5
    expect(cards.first.locator(".caption")).not_to_be_empty()
    shoot(page, "ergonomics-photos", PHONE)
    shoot(page, "ergonomics-photos", DESKTOP)


# Editors -----------------------------------------------------------------------------------------


def test_an_editor_with_an_english_browser_gets_a_chinese_compact_article_list(site, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, locale="en-US")
    tab = context.new_page()
    login(tab, site, "编辑")
    tab.goto(f"{site}/admin/archive/article/")
    assert tab.locator("#content h1").text_content() == "选择 文章 来修改"
    assert "Add another" not in tab.content()
    lines = tab.evaluate(
        """[...document.querySelectorAll('.cl-title')].map(el =>
             Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)))"""
    )
    assert lines and max(lines) <= 2
    rows = tab.evaluate(
        "[...document.querySelectorAll('#result_list tbody tr')].map(r => r.getBoundingClientRect().height)"
    )
    assert max(rows) < 80  # the title's two lines and the bylines' one, not five to seven lines
    # Every column on screen at 1440 px beside the filters (it was cut after 出版日期): no scrolling.
    overflow = tab.evaluate(
        "(() => { const r = document.querySelector('#changelist .results');"
        " return r.scrollWidth - r.clientWidth; })()"
    )
    assert overflow <= 0
    shoot(tab, "ergonomics-admin-list", DESKTOP)
    shoot(tab, "ergonomics-admin-list", PHONE)
    context.close()


def test_the_editor_corrects_the_body_beside_the_raw_text(site, page):  # noqa: F811
    from playwright.sync_api import expect

    login(page, site, "编辑")
    article = Article.objects.get(title__startswith="原原本本学")
    page.goto(f"{site}/admin/archive/article/{article.pk}/change/")
    body, raw = page.locator("#id_body"), page.locator(".raw-text")
    body_box, raw_box = body.bounding_box(), raw.bounding_box()
    assert (
        raw_box["x"] >= body_box["x"] + body_box["width"] and abs(raw_box["y"] - body_box["y"]) < 40
    )
    assert page.locator("#id_sections").input_value().split("\n") == article.sections

    # The cursor in the body's fourth paragraph highlights that paragraph in the raw text.
    fourth = article.body.split("\n")[3]
    offset = article.body.index(fourth) + 3
    body.click()
    page.evaluate(
        f"(() => {{ const b = document.getElementById('id_body'); b.setSelectionRange({offset}, {offset}); b.dispatchEvent(new Event('keyup')); }})()"
    )
    expect(page.locator(".raw-line.is-current")).to_have_count(1)
    assert fourth[:10] in page.locator(".raw-line.is-current").text_content().replace(" ", "")
    expect(page.locator(".body-backdrop .is-current")).to_have_text(fourth + "\n")
    shoot(page, "ergonomics-side-by-side", DESKTOP)

    # A click on a raw line puts the cursor at its paragraph in the body.
    page.locator(".raw-line", has_text=article.body.split("\n")[5][:8]).first.click()
    cursor_line = page.evaluate(
        "(() => { const b = document.getElementById('id_body'); return b.value.slice(0, b.selectionStart).split('\\n').length - 1; })()"
    )
    assert cursor_line == 5

    # On a phone the raw text comes below the body.
    page.set_viewport_size({"width": PHONE, "height": 900})
    body_box, raw_box = body.bounding_box(), raw.bounding_box()
    assert raw_box["y"] >= body_box["y"] + body_box["height"]
    shoot(page, "ergonomics-side-by-side", PHONE)


def test_the_editor_sees_the_merge_candidates_and_a_history_without_none(site, page):  # noqa: F811
    from playwright.sync_api import expect

    login(page, site, "编辑")
    page.goto(f"{site}/admin/archive/author/?q=王宛")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("input[name=_selected_action]").last.check()
    page.select_option("select[name=action]", "merge")
    page.click("button[name=index]")
    rows = page.locator("#merge-candidates tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("记者")
    expect(rows.first.locator(".titles li").first).not_to_be_empty()
    shoot(page, "ergonomics-admin-merge", DESKTOP)

    article = Article.objects.first()
    page.goto(f"{site}/admin/archive/article/{article.pk}/history/")
    headers = page.locator("#change-history thead th").all_text_contents()
    assert "状态" in headers and "STATUS" not in " ".join(headers).upper().replace("状态", "")
    assert "修改原因" not in headers
    assert "None" not in page.locator("#change-history").text_content()
    shoot(page, "ergonomics-admin-history", DESKTOP)


def test_an_editor_uploads_a_photo_and_readers_get_its_thumbnail_lazily(
    site,  # noqa: F811
    page,  # noqa: F811
    tmp_path,
    settings,
):
    from PIL import Image
    from playwright.sync_api import expect

    from archive.models import Photo

    settings.MEDIA_ROOT = tmp_path / "media"
    scan = tmp_path / "scan.png"
    Image.new("RGB", (1600, 1200), (90, 120, 150)).save(scan)
    photo = Photo.objects.filter(article__status=Article.Status.PUBLISHED).first()
    login(page, site, "编辑")
    page.goto(f"{site}/admin/archive/photo/{photo.pk}/change/")
    page.set_input_files("#id_image", str(scan))
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_be_visible()
    photo.refresh_from_db()
    assert photo.thumbnail
    page.goto(f"{site}/photos/")
    image = page.locator(".photo-frame img")
    expect(image).to_have_attribute("loading", "lazy")
    expect(image).to_have_attribute("src", photo.thumbnail.url)
    with Image.open(photo.thumbnail.path) as thumbnail:  # the test server serves no media
        assert thumbnail.size == (480, 360)
    shoot(page, "ergonomics-photos-with-image", DESKTOP)
    shoot(page, "ergonomics-photos-with-image", PHONE)


def test_the_upload_preview_says_a_file_was_imported_before(site, page, seeds_dir):  # noqa: F811
    from playwright.sync_api import expect

    login(page, site, "编辑")
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    page.goto(f"{site}/admin/archive/article/upload/")
    page.set_input_files("#id_files", str(seed))
    page.fill("#id_publication", "解放日报")
    page.fill("#id_published_on", "2022-06-28")
    page.click("input[name=preview]")
    first = page.locator("#upload-preview tbody tr").first
    expect(first.locator(".preview-date")).to_have_text("2022-06-28")
    expect(first.locator(".preview-publication")).to_have_text("解放日报")
    expect(first.locator(".preview-before")).to_contain_text("导入过")
    shoot(page, "ergonomics-admin-upload-before", PHONE)
    shoot(page, "ergonomics-admin-upload-before", DESKTOP)
    first.locator(".preview-before a").click()
    expect(page.locator("#content h1")).to_contain_text("修改")
