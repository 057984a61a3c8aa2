"""Editing an article in the admin as a browser does: text round-trips unchanged, and two
editors on one article do not overwrite each other."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
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


def browser_post(response) -> dict:
    """What a browser sends back from the change form untouched: every field as rendered, and
    textareas with the CRLF line ends browsers submit (HTML's form encoding requires them)."""
    data = {"_save": "保存"}
    pending = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        data.update({management.add_prefix(n): management[n].value() for n in management.fields})
        pending.extend(inline.formset.forms)
    for form in pending:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False or isinstance(field, forms.FileField):
                continue
            if isinstance(field.widget, forms.Textarea) and isinstance(value, str):
                value = value.replace("\n", "\r\n")
            data[form.add_prefix(name)] = "on" if value is True else value
            if field.show_hidden_initial:  # rendered as a hidden input beside the field
                data[form.add_initial_prefix(name)] = value
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
