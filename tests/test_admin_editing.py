"""Editing an article in the admin as a browser does: text round-trips unchanged, and two
editors on one article do not overwrite each other."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from archive.models import Article, Author, Byline, Photo, Publication, Quote, Speaker
from archive.services import file_import
from tests.test_admin_permissions import database

pytestmark = pytest.mark.django_db

PAGE = (
    "两会召开\n\n■记者 方圆 李想\n\n本报讯 杨浦区委书记赵刚表示，要抓好落实。\n\n"
    "五角场街道很热闹。\n\n居民们都很满意。\n"
)


def editor(name: str = "编辑") -> User:
    user = User.objects.create_user(name, password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


@pytest.fixture
def article() -> Article:
    file_import(source="page.txt", data=PAGE.encode())
    article = Article.objects.get()
    Photo.objects.create(
        article=article, caption="图为五角场。\n右为居民。", credit="本报记者 袁婧摄"
    )
    return article


class FormReader(HTMLParser):
    """The fields of the page's editing form as a browser submits them (the HTML spec's form
    encoding: checked boxes only, selected options, textareas with CRLF line ends)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file", "image", "reset"}:
                self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea = [name, ""]
        elif tag == "select":
            self.select = [name, [], None]
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            self.select[2] = self.select[2] if self.select[2] is not None else value
            if "selected" in attrs:
                self.select[1].append(value)

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            text = text[1:] if text.startswith("\n") else text  # the parser drops it too
            self.data.append((name, text.replace("\r\n", "\n").replace("\n", "\r\n")))
            self.textarea = None
        elif tag == "select" and self.select:
            name, chosen, first = self.select
            self.data += [(name, value) for value in chosen or ([first] if first else [])]
            self.select = None


def browser_post(response) -> dict:
    """What a browser sends back from an admin form untouched, read from the page's HTML."""
    reader = FormReader(f"{response.context['opts'].model_name}_form")
    reader.feed(response.content.decode())
    data: dict = {"_save": "保存"}
    for name, value in reader.data:
        if name in data and name != "_save":
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    return data


def history_rows() -> list[int]:
    return [
        model.history.count()  # type: ignore[attr-defined]
        for model in (Article, Byline, Photo, Quote)
    ]


def test_saving_an_article_unchanged_changes_nothing(editor_client, article):
    url = reverse("admin:archive_article_change", args=[article.pk])
    before = (Article.objects.values().get(), history_rows())
    photo_before = Photo.objects.values().get()
    response = editor_client.post(url, browser_post(editor_client.get(url)))
    assert response.status_code == 302
    assert (Article.objects.values().get(), history_rows()) == before
    assert Photo.objects.values().get() == photo_before
    assert "\r" not in Article.objects.get().body
    assert not LogEntry.objects.exists()


def test_restoring_an_earlier_version_untouched_restores_it(editor_client, article):
    Article.objects.filter(pk=article.pk).update(title="后来改的标题")
    Article.objects.get().save()  # a second version
    first = article.history.earliest("history_date")
    url = reverse("admin:archive_article_simple_history", args=[article.pk, first.history_id])
    response = editor_client.post(url, browser_post(editor_client.get(url)))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.history.count()) == ("两会召开", 3)
    assert LogEntry.objects.get().object_id == str(article.pk)


def test_an_edit_from_the_browser_is_stored_with_plain_line_ends_and_one_history_row(
    editor_client, article
):
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = browser_post(editor_client.get(url))
    data["subtitle"] = "副题"
    data["body"] += "\r\n新加的一段。\r旧式换行的一段。"
    response = editor_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.subtitle == "副题"
    assert article.body == article.history.earliest("history_date").body + (
        "\n新加的一段。\n旧式换行的一段。"
    )
    assert article.history.count() == 2
    assert Photo.objects.get().caption == "图为五角场。\n右为居民。"
    assert Photo.history.count() == 1


def test_every_admin_form_saved_untouched_changes_nothing(client, article, yangpu):
    client.force_login(User.objects.create_superuser("总编", "chief@example.org", "unused"))
    Speaker.objects.create(name="严爱云", slug="严爱云").aliases.create(name="严爱芸")
    Author.objects.first().aliases.create(name="方 圆")
    Article.objects.update(publication=Publication.objects.create(name="杨浦时报", slug="yp"))
    before = database()
    for model in admin.site._registry:
        if model._meta.app_label != "archive":
            continue
        obj = model._default_manager.order_by("pk").first()
        url = reverse(f"admin:archive_{model._meta.model_name}_change", args=[obj.pk])
        response = client.post(url, browser_post(client.get(url)))
        assert response.status_code == 302, (url, response.context["errors"])
        assert database() == before, f"saving {url} untouched changed the database"


# Two editors, one article -----------------------------------------------------------------------


@pytest.fixture
def two_editors(article):
    first, second = Client(), Client()
    first.force_login(editor("编辑甲"))
    second.force_login(editor("编辑乙"))
    url = reverse("admin:archive_article_change", args=[article.pk])
    return url, (first, browser_post(first.get(url))), (second, browser_post(second.get(url)))


def test_the_second_of_two_editors_gets_a_conflict_not_a_silent_overwrite(two_editors, article):
    url, (first, first_form), (second, second_form) = two_editors
    assert first.post(url, {**first_form, "title": "甲改的标题"}).status_code == 302
    response = second.post(url, {**second_form, "title": "乙改的标题", "subtitle": "乙的副题"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "已被 编辑甲 修改" in html
    history_url = reverse("admin:archive_article_history", args=[article.pk])
    assert f'href="{history_url}"' in html
    assert "乙的副题" in html  # the second editor's work is still in the form, not lost
    article.refresh_from_db()
    assert (article.title, article.subtitle, article.history.count()) == ("甲改的标题", "", 2)


def test_after_the_conflict_a_reloaded_form_saves(two_editors, article):
    url, (first, first_form), (second, _stale) = two_editors
    first.post(url, {**first_form, "title": "甲改的标题"})
    fresh = browser_post(second.get(url))
    assert second.post(url, {**fresh, "subtitle": "乙的副题"}).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.subtitle) == ("甲改的标题", "乙的副题")


def test_a_change_to_the_people_alone_also_counts_as_a_newer_version(two_editors, article):
    url, (first, first_form), (second, second_form) = two_editors
    first.post(url, {**first_form, "bylines-0-role": "photographer"})
    assert Byline.objects.filter(role="photographer").count() == 1
    response = second.post(url, {**second_form, "title": "乙改的标题"})
    assert response.status_code == 200 and "已被 编辑甲 修改" in response.content.decode()
    assert Article.objects.get().title == "两会召开"


def test_publishing_from_the_list_also_counts_as_a_newer_version(two_editors, article):
    url, (first, _form), (second, _stale) = two_editors
    Article.objects.update(status=Article.Status.DRAFT)
    fresh = browser_post(second.get(url))
    changelist = reverse("admin:archive_article_changelist")
    first.post(changelist, {"action": "publish", ACTION_CHECKBOX_NAME: [article.pk]})
    assert Article.objects.get().status == Article.Status.PUBLISHED
    assert second.post(url, {**fresh, "title": "乙改的标题"}).status_code == 200
    assert Article.objects.get().status == Article.Status.PUBLISHED


def test_a_form_without_the_version_it_was_opened_at_is_refused(editor_client, article):
    url = reverse("admin:archive_article_change", args=[article.pk])
    data = browser_post(editor_client.get(url))
    del data["version"]
    response = editor_client.post(url, {**data, "title": "没有版本"})
    assert response.status_code == 200 and "请重新打开" in response.content.decode()
    assert Article.objects.get().title == "两会召开"


def test_a_byline_changed_in_the_article_form_shows_in_the_articles_history_with_its_reason(
    editor_client, article
):
    url = f"/admin/archive/article/{article.pk}/change/"
    data = browser_post(editor_client.get(url))
    assert data["bylines-0-role"] == "reporter"
    data |= {"bylines-0-role": "photographer", "change_reason": "改正角色"}
    assert editor_client.post(url, data).status_code == 302
    byline = article.bylines.order_by("position").first()
    assert byline.history.first().history_change_reason == "改正角色"
    page = editor_client.get(f"/admin/archive/article/{article.pk}/history/")
    html = page.content.decode()
    assert 'id="part-history"' in html
    part_rows = html.split('id="part-history"', 1)[1]
    assert "署名" in part_rows and "改正角色" in part_rows and byline.author.name in part_rows


def test_the_history_links_the_editor_only_for_those_who_may_open_accounts(editor_client, article):
    url = f"/admin/archive/article/{article.pk}/change/"
    data = browser_post(editor_client.get(url)) | {"title": "编辑改过的标题"}
    assert editor_client.post(url, data).status_code == 302
    html = editor_client.get(f"/admin/archive/article/{article.pk}/history/").content.decode()
    assert "编辑改过的标题" in html
    assert "/admin/auth/user/" not in html  # an editor may not open accounts: a 403 link
