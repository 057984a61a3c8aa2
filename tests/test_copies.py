"""The same story from two sources: fingerprints (pure), copies found and linked at import, in
one file or a batch, and never between different stories of one event. Every text is invented."""

import pytest

from archive.ingest.fingerprint import (
    BANDS,
    MIN_CHARACTERS,
    SAME_STORY,
    comparable_text,
    fingerprint,
    fingerprint_from_bytes,
)
from archive.ingest.parser import parse_text
from archive.models import Article, ArticleCopy, ArticleSignature, SignatureBand
from archive.services import file_import
from archive.services.batches import Source, files_import
from archive.services.copies import copies_stored, parsed_fingerprint

# An invented report, as a paper printed it.
STORY = """滨江步道新添二十处休憩驿站

本报记者 林晓岚

为方便市民沿江散步，滨江步道近日新建成二十处休憩驿站，每处驿站配有饮水机、充电座和急救箱，夜间照明也一并改造。驿站由附近三个街道共同管理，志愿者每天轮流值守，为过往的老人和孩子提供帮助。

“以前走到一半想歇脚，只能坐在台阶上。”家住附近的退休教师周大伯说，现在每隔一公里就有一处驿站，下雨天也能进去避一避。

据介绍，驿站的设计征集了周边居民的意见，座椅高度、扶手位置都按老年人的习惯做了调整。下一步，管理方还计划在驿站内开设图书角，让市民在江边也能读书看报。
"""

# The same report reposted by a (made-up) news site: front matter, the site's chrome above and
# below, half-width punctuation, straight quotes and a changed headline mark.
REPOST = """---
url: https://news.example.cn/city/2024/0501/88.html
publication: 示例新闻网
---
首页 > 城市 > 正文
滨江步道新添二十处休憩驿站！
来源：示例新闻网 2024-05-01 09:30
本报记者 林晓岚
为方便市民沿江散步,滨江步道近日新建成二十处休憩驿站,每处驿站配有饮水机、充电座和急救箱,夜间照明也一并改造。驿站由附近三个街道共同管理,志愿者每天轮流值守,为过往的老人和孩子提供帮助。
"以前走到一半想歇脚,只能坐在台阶上。"家住附近的退休教师周大伯说,现在每隔一公里就有一处驿站,下雨天也能进去避一避。
据介绍,驿站的设计征集了周边居民的意见,座椅高度、扶手位置都按老年人的习惯做了调整。下一步,管理方还计划在驿站内开设图书角,让市民在江边也能读书看报。
分享到：微信 微博
责任编辑：王小明
"""

# Another paper's report of the same event, in its own words: a different story.
OTHER_REPORT = """江边驿站迎来首批客人

本报记者 蒋一帆

昨天上午，滨江步道上的休憩驿站正式启用。记者在现场看到，不少晨练的居民进站接水、给手机充电，几位志愿者忙着为游客指路。一位带着孙子散步的阿姨告诉记者，驿站里的座椅很舒服，孩子跑累了可以坐下来喝口水。

管理方表示，驿站的开放时间为早上六点到晚上十点，节假日还将延长，欢迎市民提出改进建议。
"""


def test_comparable_text_keeps_letters_and_digits_in_simplified_characters():
    assert comparable_text("「滬上」新聞，２０２４年！ A-B") == "沪上新闻2024年ab"


def test_a_repost_with_chrome_and_other_punctuation_is_still_the_same_story_unparsed():
    """Even before the parser drops the front matter and the site's chrome."""
    story = fingerprint(STORY)
    repost = fingerprint(REPOST)
    assert story.similarity(repost) >= SAME_STORY
    assert set(story.band_keys) & set(repost.band_keys)


def test_once_parsed_a_repost_has_the_fingerprint_of_the_page_it_copies():
    [story], [repost] = parse_text(STORY), parse_text(REPOST)
    assert parsed_fingerprint(story).similarity(parsed_fingerprint(repost)) >= 0.9


def test_a_reprint_with_a_sentence_changed_and_one_dropped_is_still_the_same_story():
    edited = STORY.replace("夜间照明也一并改造。", "夜间照明也在上个月完成了改造。")
    edited = edited.replace(
        "下一步，管理方还计划在驿站内开设图书角，让市民在江边也能读书看报。", ""
    )
    [story], [reprint] = parse_text(STORY), parse_text(edited)
    assert parsed_fingerprint(story).similarity(parsed_fingerprint(reprint)) >= 0.7


def test_the_same_story_in_traditional_characters_has_the_same_fingerprint():
    import opencc

    traditional = opencc.OpenCC("s2t").convert(STORY)
    assert traditional != STORY
    assert fingerprint(traditional) == fingerprint(STORY)


def test_another_report_of_the_same_event_is_no_copy():
    assert fingerprint(STORY).similarity(fingerprint(OTHER_REPORT)) < SAME_STORY


def test_a_text_too_short_to_tell_has_no_fingerprint():
    assert fingerprint("图为驿站内景。" * 2) is None
    assert len(comparable_text("图为驿站内景。" * 2)) < MIN_CHARACTERS


def test_a_fingerprint_has_one_key_per_band_and_comes_back_from_its_bytes():
    print_ = fingerprint(STORY)
    assert len(set(print_.band_keys)) == BANDS
    assert fingerprint_from_bytes(memoryview(print_.values)) == print_
    assert fingerprint_from_bytes(b"short") is None


@pytest.mark.django_db
def test_a_reposted_page_is_linked_to_the_first_copy_at_import():
    file_import(source="paper.txt", data=STORY.encode())
    result = file_import(source="repost.txt", data=REPOST.encode())
    assert [outcome for _article, outcome in result.articles] == ["created"]
    original = Article.objects.get(source_name="paper.txt")
    repost = Article.objects.get(source_name="repost.txt")
    link = ArticleCopy.objects.get()
    assert (link.article, link.original) == (repost, original)
    assert link.similarity >= 0.8
    assert SignatureBand.objects.filter(article=repost).count() == BANDS


@pytest.mark.django_db
def test_a_third_copy_links_to_the_first_not_to_the_second():
    file_import(source="paper.txt", data=STORY.encode())
    file_import(source="repost.txt", data=REPOST.encode())
    file_import(source="again.txt", data=("转载：\n" + REPOST.split("---\n", 2)[2]).encode())
    original = Article.objects.get(source_name="paper.txt")
    assert set(ArticleCopy.objects.values_list("original", flat=True)) == {original.pk}
    assert ArticleCopy.objects.count() == 2


@pytest.mark.django_db
def test_copies_in_one_batch_are_linked_to_the_first_of_them():
    sources = [
        Source("paper.txt", STORY.encode()),
        Source("other.txt", OTHER_REPORT.encode()),
        Source("repost.txt", REPOST.encode()),
    ]
    list(files_import(sources))
    link = ArticleCopy.objects.get()
    assert link.article.source_name == "repost.txt"
    assert link.original.source_name == "paper.txt"
    assert ArticleSignature.objects.count() == 3


@pytest.mark.django_db
def test_a_different_report_of_the_same_event_is_not_linked():
    file_import(source="paper.txt", data=STORY.encode())
    file_import(source="other.txt", data=OTHER_REPORT.encode())
    assert not ArticleCopy.objects.exists()


@pytest.mark.django_db
def test_the_lookup_asks_two_queries_for_any_number_of_texts(django_assert_num_queries):
    file_import(source="paper.txt", data=STORY.encode())
    prints = [parsed_fingerprint(parse_text(text)[0]) for text in (REPOST, OTHER_REPORT)] + [None]
    with django_assert_num_queries(2):
        found = copies_stored(prints)
    original = Article.objects.get()
    assert found[0].original_id == original.pk and found[0].similarity >= 0.8
    assert found[1:] == [None, None]


@pytest.mark.django_db
def test_without_finding_copies_the_import_stores_no_fingerprint(settings):
    settings.ARCHIVE_FIND_COPIES = False
    file_import(source="paper.txt", data=STORY.encode())
    file_import(source="repost.txt", data=REPOST.encode())
    assert not ArticleSignature.objects.exists() and not ArticleCopy.objects.exists()


def _editor():
    from django.contrib.auth.models import Group, User
    from django.test import Client

    user = User.objects.create_user("编辑甲", password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(user)
    return client


UPLOAD = "/admin/archive/article/upload/"


def _preview(client, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("repost.txt", text.encode())
    return client.post(UPLOAD, {"files": [upload], "preview": "1"})


@pytest.mark.django_db
def test_the_upload_preview_says_which_stored_article_a_repost_copies():
    file_import(source="paper.txt", data=STORY.encode())
    original = Article.objects.get()
    client = _editor()
    html = _preview(client, REPOST).content.decode()
    assert (
        f'与 <a href="/admin/archive/article/{original.pk}/change/">#{original.pk}</a> 相同' in html
    )
    assert 'name="skip" value="0:0" form="upload-import"' in html
    client.post(UPLOAD, {"import": "1"})
    assert ArticleCopy.objects.get().original == original


@pytest.mark.django_db
def test_a_copy_the_editor_marks_in_the_preview_is_not_imported():
    file_import(source="paper.txt", data=STORY.encode())
    client = _editor()
    _preview(client, REPOST)
    done = client.post(UPLOAD, {"import": "1", "skip": ["0:0", "bad", "9:x"]}, follow=True)
    assert "跳过 1 篇" in done.content.decode()
    assert Article.objects.count() == 1 and not ArticleCopy.objects.exists()


@pytest.mark.django_db
def test_the_same_text_uploaded_again_is_said_to_be_imported_before_not_a_copy():
    file_import(source="paper.txt", data=STORY.encode())
    html = _preview(_editor(), STORY).content.decode()
    assert "导入过" in html and "相同（" not in html


@pytest.mark.django_db
def test_finding_copies_in_a_batch_reads_twice_whatever_its_size():
    """The band keys' holders and their fingerprints, then one INSERT each of fingerprints,
    band keys and links, whatever the number of articles."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    file_import(source="paper.txt", data=STORY.encode())
    pages = [REPOST.replace("示例新闻网", f"示例{n}网") for n in range(5)] + [OTHER_REPORT]
    sources = [Source(f"{n}.txt", page.encode()) for n, page in enumerate(pages)]
    with CaptureQueriesContext(connection) as queries:
        list(files_import(sources))
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and "signature" in q["sql"]]
    assert len(reads) == 2  # then one INSERT (COPY on PostgreSQL) each of the three tables
    assert ArticleSignature.objects.count() == 7 and SignatureBand.objects.count() == 7 * BANDS
    assert ArticleCopy.objects.filter(original__source_name="paper.txt").count() == 5


def _imported_pair():
    file_import(source="paper.txt", data=STORY.encode())
    file_import(source="repost.txt", data=REPOST.encode())
    return Article.objects.get(source_name="paper.txt"), Article.objects.get(
        source_name="repost.txt"
    )


@pytest.mark.django_db
def test_each_copys_page_lists_the_other_under_see_also(client):
    original, repost = _imported_pair()
    page = client.get(original.get_absolute_url()).content.decode()
    assert "另见" in page and f'href="{repost.get_absolute_url()}"' in page and "示例新闻网" in page
    page = client.get(repost.get_absolute_url()).content.decode()
    assert f'href="{original.get_absolute_url()}"' in page


@pytest.mark.django_db
def test_the_listing_can_show_each_story_once(client):
    original, _repost = _imported_pair()
    file_import(source="other.txt", data=OTHER_REPORT.encode())
    listed = client.get("/articles/").context["page_obj"].object_list
    assert len(listed) == 3
    collapsed = client.get("/articles/?collapse=true").context["page_obj"].object_list
    assert {a.pk for a in collapsed} == {
        original.pk,
        Article.objects.get(source_name="other.txt").pk,
    }


@pytest.mark.django_db
def test_a_copy_is_listed_when_the_first_copy_is_not_public(client):
    from archive.services import article_status_set

    original, repost = _imported_pair()
    article_status_set(articles=Article.objects.filter(pk=original.pk), status="draft")
    collapsed = client.get("/articles/?collapse=true").context["page_obj"].object_list
    assert [a.pk for a in collapsed] == [repost.pk]


@pytest.mark.django_db
def test_the_api_and_the_csv_export_carry_the_link(client):
    original, repost = _imported_pair()
    row = {a["id"]: a for a in client.get("/api/articles/").json()["results"]}
    assert (row[repost.pk]["copy_of"], row[original.pk]["copy_of"]) == (original.pk, None)
    detail = client.get(f"/api/articles/{original.pk}/").json()
    assert [copy["id"] for copy in detail["copies"]] == [repost.pk]
    assert detail["source_url"] == ""
    assert client.get(f"/api/articles/{repost.pk}/").json()["source_kind"] == "web"
    lines = b"".join(client.get("/articles/export.csv").streaming_content).decode()
    header, *rows = lines.lstrip("\ufeff").splitlines()
    assert header.endswith("copy_of,source_url")
    by_id = {line.split(",")[0]: line for line in rows}
    assert by_id[str(repost.pk)].endswith(
        f",{original.pk},https://news.example.cn/city/2024/0501/88.html"
    )


@pytest.mark.django_db
def test_find_copies_links_an_archive_imported_without_fingerprints(settings):
    from io import StringIO

    from django.core.management import call_command

    settings.ARCHIVE_FIND_COPIES = False
    original, _repost = _imported_pair()
    settings.ARCHIVE_FIND_COPIES = True
    out = StringIO()
    call_command("find_copies", stdout=out)
    assert out.getvalue().startswith("1 篇新认出的转载")
    assert ArticleCopy.objects.get().original == original
    call_command("find_copies", stdout=out)  # again: nothing new, nothing duplicated
    assert ArticleCopy.objects.count() == 1 and ArticleSignature.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_stored_page_of_the_first_copy_lists_a_copy_imported_after_it(client, settings):
    """The first copy's page, stored for readers, is stale once a copy links to it."""
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 600
    # Far apart in the listing and with no reporter in common, so neither its neighbours nor
    # its related articles would make the first copy's page stale.
    file_import(source="paper.txt", data=("---\ndate: 2001-01-01\n---\n" + STORY).encode())
    for year in (2010, 2011):
        brief = f"{year}年社区书屋延长开放\n\n书屋每天开放到晚上九点。\n"  # too short to compare
        page = f"---\ndate: {year}-01-01\n---\n" + brief
        file_import(source=f"{year}.txt", data=page.encode())
    original = Article.objects.get(source_name="paper.txt")
    assert "另见" not in client.get(original.get_absolute_url()).content.decode()
    assert client.get(original.get_absolute_url())["X-Archive-Cache"] == "hit"
    file_import(source="repost.txt", data=REPOST.replace("本报记者 林晓岚\n", "").encode())
    assert ArticleCopy.objects.get().original == original
    assert "另见" in client.get(original.get_absolute_url()).content.decode()
