"""The editors' work in the admin: merge people, re-parse, upload, history, roles."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Article, Author, AuthorAlias, Byline, Quote, Speaker, SpeakerAlias
from archive.search import search
from archive.services import (
    Outcome,
    article_reparse,
    article_reparse_preview,
    author_merge,
    file_import,
)

pytestmark = pytest.mark.django_db

PAGE = (
    "两会召开\n\n■记者 方圆 李想\n\n本报讯 杨浦区委书记赵刚表示，要抓好落实。五角场街道很热闹。\n"
)


def user_in(group: str) -> User:
    user = User.objects.create_user(group, password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(user_in("编辑"))
    return client


@pytest.fixture
def viewer_client(client):
    client.force_login(user_in("只读"))
    return client


# Merging people --------------------------------------------------------------------------------


def test_merging_authors_moves_bylines_without_duplicates_and_keeps_the_name(seeded):
    keep, variant = Author.objects.get(name="王宛艺"), Author.objects.get(name="王宛芝")
    article = Article.objects.get(title__startswith="原原本本学")
    Byline.objects.create(article=article, author=keep, role="reporter", position=9)
    old_slug = variant.slug
    touched = author_merge(keep=keep, merged=[variant])
    assert touched == 1
    assert not Author.objects.filter(name="王宛芝").exists()
    assert article.bylines.filter(author=keep).count() == 1
    alias = AuthorAlias.objects.get(name="王宛芝")
    assert (alias.author, alias.slug) == (keep, old_slug)
    assert {a.title for a in search(Article.objects.all(), "王宛艺")} >= {article.title}


def test_after_a_merge_a_new_import_maps_the_old_name_to_the_kept_person(seeded):
    keep, variant = Author.objects.get(name="王宛艺"), Author.objects.get(name="王宛芝")
    author_merge(keep=keep, merged=[variant])
    file_import(source="new.txt", data="新标题\n\n■本报记者 王宛芝\n\n本报讯 正文一段。".encode())
    assert Article.objects.get(title="新标题").bylines.get().author == keep


def test_merge_action_asks_which_to_keep_then_merges(editor_client, seeded):
    keep, variant = Author.objects.get(name="王宛艺"), Author.objects.get(name="王宛芝")
    url = reverse("admin:archive_author_changelist")
    data = {"action": "merge", ACTION_CHECKBOX_NAME: [keep.pk, variant.pk]}
    page = editor_client.post(url, data)
    assert page.status_code == 200 and "选出要保留的人" in page.content.decode()
    editor_client.post(url, {**data, "keep": keep.pk})
    assert not Author.objects.filter(pk=variant.pk).exists()
    public = editor_client.get(keep.get_absolute_url())
    titles = {a.title for a in public.context["page_obj"]}
    assert titles == {
        "原原本本学扎扎实实干,拿出实招硬招新招",
        "肩负新使命迈上新征程,把宏伟蓝图化作美好现实",
        "科技绣花针 绘好超大城市治理工笔画",
    }
    assert (
        editor_client.get(reverse("archive:author_detail", args=[variant.slug])).status_code == 301
    )


def test_merging_speakers_moves_quotes(editor_client, seeded):
    keep, other = Speaker.objects.get(name="江波"), Speaker.objects.get(name="盛弘")
    editor_client.post(
        reverse("admin:archive_speaker_changelist"),
        {"action": "merge", ACTION_CHECKBOX_NAME: [keep.pk, other.pk], "keep": keep.pk},
    )
    assert Quote.objects.filter(speaker=keep).count() == 3
    assert SpeakerAlias.objects.get(name="盛弘").speaker == keep


# Re-parse ------------------------------------------------------------------------------------


def test_reparse_preview_shows_what_would_change_and_apply_writes_it():
    file_import(source="page.txt", data=PAGE.encode())
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(title="旧解析器的标题", import_checksum="")
    article.refresh_from_db()
    article.import_checksum = __import__(
        "archive.services", fromlist=["stored_checksum"]
    ).stored_checksum(article)
    article.save()
    preview = article_reparse_preview(article)
    assert [(c.label, c.before, c.after) for c in preview.changes] == [
        ("标题", "旧解析器的标题", "两会召开")
    ]
    assert not preview.edited_by_hand
    assert article_reparse(article) == Outcome.UPDATED
    article.refresh_from_db()
    assert article.title == "两会召开"


def test_reparse_never_overwrites_an_editors_change_without_force():
    file_import(source="page.txt", data=PAGE.encode())
    article = Article.objects.get()
    article.title = "编辑改的标题"
    article.save()
    preview = article_reparse_preview(article)
    assert preview.edited_by_hand
    assert article_reparse(article) == Outcome.KEPT
    article.refresh_from_db()
    assert article.title == "编辑改的标题"
    assert article_reparse(article, force=True) == Outcome.UPDATED
    article.refresh_from_db()
    assert article.title == "两会召开"


def test_reparse_action_previews_then_applies(editor_client):
    file_import(source="page.txt", data=PAGE.encode())
    article = Article.objects.get()
    url = reverse("admin:archive_article_changelist")
    data = {"action": "reparse", ACTION_CHECKBOX_NAME: [article.pk]}
    assert "没有变化" in editor_client.post(url, data).content.decode()
    response = editor_client.post(url, {**data, "apply": "1"}, follow=True)
    assert "无变化 1 篇" in response.content.decode()


# Upload --------------------------------------------------------------------------------------


def test_upload_previews_then_imports_with_the_same_errors(editor_client):
    url = reverse("admin:archive_article_upload")
    assert editor_client.get(url).status_code == 200
    files = [
        SimpleUploadedFile("good.txt", PAGE.encode("gb18030")),
        SimpleUploadedFile("empty.txt", b""),
    ]
    preview = editor_client.post(url, {"files": files, "publication": "杨浦时报", "preview": "1"})
    html = preview.content.decode()
    assert "两会召开" in html and "方圆（记者）" in html and "文件为空" in html
    assert Article.objects.count() == 0
    done = editor_client.post(url, {"import": "1"}, follow=True)
    assert "新建 1 篇" in done.content.decode() and "失败 1 个文件" in done.content.decode()
    assert Article.objects.get().publication.name == "杨浦时报"


def test_upload_preview_says_what_each_article_lacks_and_counts_them(editor_client):
    url = reverse("admin:archive_article_upload")
    files = [
        SimpleUploadedFile("signed.txt", PAGE.encode()),
        SimpleUploadedFile("unsigned.txt", PAGE.replace("■记者 方圆 李想\n\n", "").encode()),
    ]
    preview = editor_client.post(
        url, {"files": files, "published_on": "2024-03-01", "preview": "1"}
    )
    html = preview.content.decode()
    assert "共 2 篇文章：1 篇没有署名，0 篇没有日期，2 篇没有报纸。" in html
    cells = preview.context["results"]
    assert [(result.source, [row.missing for row in rows]) for result, rows in cells] == [
        ("signed.txt", ["报纸"]),
        ("unsigned.txt", ["署名、报纸"]),
    ]
    assert '<td class="preview-missing"><strong>署名、报纸</strong></td>' in html


def test_upload_of_a_file_with_an_impossible_date_warns_and_imports_it_undated(editor_client):
    url = reverse("admin:archive_article_upload")
    page = SimpleUploadedFile("坏日期.txt", ("---\ndate: 2022-02-30\n---\n" + PAGE).encode())
    preview = editor_client.post(url, {"files": [page], "preview": "1"})
    assert preview.status_code == 200
    assert "日期不存在，已忽略：2022-02-30" in preview.content.decode()
    done = editor_client.post(url, {"import": "1"}, follow=True)
    html = done.content.decode()
    assert "新建 1 篇" in html and "坏日期.txt：日期不存在，已忽略：2022-02-30" in html
    assert Article.objects.get().published_on is None


def test_upload_with_an_impossible_date_in_the_form_is_a_form_error(editor_client):
    url = reverse("admin:archive_article_upload")
    page = SimpleUploadedFile("page.txt", PAGE.encode())
    response = editor_client.post(url, {"files": [page], "published_on": "2022-02-30"})
    assert response.status_code == 200 and response.context["form"].errors["published_on"]
    assert Article.objects.count() == 0


def test_year_filter_out_of_the_calendar_is_ignored(editor_client, seeded):
    Article.objects.filter(title__startswith="大格局").update(published_on="2019-12-10")
    url = reverse("admin:archive_article_changelist")
    for year in ("0", "10000", "99999999999"):
        response = editor_client.get(url, {"year": year})
        assert response.status_code == 200 and response.context["cl"].result_count == 13


def test_import_without_a_pending_upload_says_so(editor_client):
    response = editor_client.post(
        reverse("admin:archive_article_upload"), {"import": "1"}, follow=True
    )
    assert "没有待导入的文件" in response.content.decode()


# History -------------------------------------------------------------------------------------


def test_history_records_who_changed_what_and_restores_an_earlier_version(editor_client):
    file_import(source="page.txt", data=PAGE.encode())
    article = Article.objects.get()
    change_url = reverse("admin:archive_article_change", args=[article.pk])
    form = editor_client.get(change_url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "title": "编辑改过的标题",
            "status": "published",
            "sections": "",
            "published_on": "",
            "publication": "",
            "bylines-TOTAL_FORMS": 0,
            "bylines-INITIAL_FORMS": 0,
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
            "quotes-TOTAL_FORMS": 0,
            "quotes-INITIAL_FORMS": 0,
            "district_links-TOTAL_FORMS": 0,
            "district_links-INITIAL_FORMS": 0,
        }
    )
    response = editor_client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    history = article.history.order_by("history_date")
    assert [h.title for h in history] == ["两会召开", "编辑改过的标题"]
    assert history.last().history_user.username == "编辑"
    history_page = editor_client.get(reverse("admin:archive_article_history", args=[article.pk]))
    assert "编辑改过的标题" in history_page.content.decode()
    earlier = history.first()
    revert_url = reverse(
        "admin:archive_article_simple_history", args=[article.pk, earlier.history_id]
    )
    form = editor_client.get(revert_url).context["adminform"].form
    data.update({"title": form.initial["title"], "version": form.initial["version"]})
    editor_client.post(revert_url, data)
    article.refresh_from_db()
    assert article.title == "两会召开"
    assert search(Article.objects.all(), "两会").get() == article


# Roles ---------------------------------------------------------------------------------------


def test_viewer_can_look_but_not_change(viewer_client):
    file_import(source="page.txt", data=PAGE.encode())
    article = Article.objects.get()
    assert viewer_client.get(reverse("admin:archive_article_changelist")).status_code == 200
    change_url = reverse("admin:archive_article_change", args=[article.pk])
    page = viewer_client.get(change_url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert viewer_client.post(change_url, {"title": "改不了"}).status_code == 403
    assert viewer_client.get(reverse("admin:archive_article_upload")).status_code == 403
    assert viewer_client.get(reverse("admin:archive_author_add")).status_code == 403
    author = Author.objects.first()
    viewer_client.post(
        reverse("admin:archive_author_changelist"),
        {
            "action": "merge",
            ACTION_CHECKBOX_NAME: [a.pk for a in Author.objects.all()],
            "keep": author.pk,
        },
    )
    assert Author.objects.count() == 2
    article.refresh_from_db()
    assert article.title == "两会召开"


def test_editor_can_change_articles_people_and_photos(editor_client):
    for name in ("article", "author", "speaker", "photo", "byline", "quote"):
        assert editor_client.get(reverse(f"admin:archive_{name}_add")).status_code == 200


def test_changelist_filters_by_district_and_counts_in_few_queries(
    editor_client, seeded, django_assert_max_num_queries
):
    url = reverse("admin:archive_article_changelist")
    with django_assert_max_num_queries(16):  # 2 of them the review queue's counts, then kept
        response = editor_client.get(url, {"district": "yangpu"})
    assert response.context["cl"].result_count == 4


def test_year_filter_lists_the_years_with_articles(editor_client, seeded):
    from django.core.cache import cache

    cache.clear()
    Article.objects.filter(title__startswith="大格局").update(published_on="2019-12-10")
    Article.objects.filter(title__startswith="肩负").update(published_on="2022-06-28")
    url = reverse("admin:archive_article_changelist")
    response = editor_client.get(url)
    years = [
        choice["display"]
        for spec in response.context["cl"].filter_specs
        if spec.title == "年份"
        for choice in spec.choices(response.context["cl"])
    ]
    assert years[1:] == ["2022", "2019"]
    filtered = editor_client.get(url, {"year": "2019"})
    assert [a.title for a in filtered.context["cl"].result_list] == ["大格局谋发展 高质量抓落实"]
    assert editor_client.get(url, {"year": "abc"}).status_code == 200


# Every admin write reaches the search index and the history ------------------------------------


def found_by(text: str) -> set[str]:
    return {article.title for article in search(Article.objects.all(), text)}


def test_renaming_an_author_in_the_admin_updates_the_search_index(
    editor_client, django_capture_on_commit_callbacks
):
    from tests.test_admin_editing import browser_post

    file_import(source="page.txt", data=PAGE.encode())
    author = Author.objects.get(name="方圆")
    assert found_by("方圆") == {"两会召开"}
    url = reverse("admin:archive_author_change", args=[author.pk])
    data = {**browser_post(editor_client.get(url)), "name": "方园"}
    with django_capture_on_commit_callbacks(execute=True):  # as the save's commit does
        assert editor_client.post(url, data).status_code == 302
    assert found_by("方园") == {"两会召开"}
    assert found_by("方圆") == set()


def test_editing_a_quote_on_its_own_page_updates_the_search_index(editor_client):
    from tests.test_admin_editing import browser_post

    file_import(source="page.txt", data=PAGE.encode())
    quote = Quote.objects.get()
    other = Speaker.objects.create(name="钱塘", slug="钱塘")
    url = reverse("admin:archive_quote_change", args=[quote.pk])
    data = {**browser_post(editor_client.get(url)), "speaker": other.pk}
    assert editor_client.post(url, data).status_code == 302
    assert found_by("钱塘") == {"两会召开"}


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("publish", Article.Status.DRAFT, Article.Status.PUBLISHED),
        ("unpublish", Article.Status.PUBLISHED, Article.Status.DRAFT),
    ],
)
def test_publish_and_unpublish_actions_write_history(editor_client, action, before, after):
    file_import(source="page.txt", data=PAGE.encode(), status=before)
    article = Article.objects.get()
    versions = article.history.count()
    editor_client.post(
        reverse("admin:archive_article_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [article.pk]},
    )
    assert article.history.count() == versions + 1
    newest = article.history.first()
    assert (newest.status, newest.history_user.username) == (after, "编辑")
    article.refresh_from_db()
    assert article.status == after


def test_reparse_preview_names_byline_roles_in_chinese():
    from archive.models import Byline, Role

    file_import(source="page.txt", data=PAGE.encode())
    article = Article.objects.get()
    Byline.objects.filter(article=article).update(role=Role.PHOTOGRAPHER)
    preview = article_reparse_preview(article)
    (change,) = [c for c in preview.changes if c.label == "署名"]
    assert "摄影" in change.before and "photographer" not in change.before
    assert "记者" in change.after and "reporter" not in change.after
