"""A viewer (只读) may look at every admin page, history included, and change nothing: every URL
of the admin is walked with GET and POST and the whole database compared before and after."""

import re

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, reverse

from archive.models import (
    Article,
)

pytestmark = pytest.mark.django_db

# Views that only read: a POST to them renders the page again and must still change nothing.
READ_ONLY = {"index", "app_list", "autocomplete", "jsi18n", "view_on_site", "catch_all"}
READ_ONLY_SUFFIXES = ("_history", "password_change_done", "login")
# The viewer's own session and password: theirs to end or change (the walk's POST is empty).
OWN_ACCOUNT = {"logout", "password_change"}
HISTORY_RESTORE = re.compile(r"\^\(\[\^/\]\+\)/history/\(\[\^/\]\+\)/\$$")


@pytest.fixture
def viewer(db) -> User:
    user = User.objects.create_user("只读", password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name="只读"))
    return user


@pytest.fixture
def one_of_each(one_of_each, article):
    """Every model once, the article a draft: a viewer must not be able to publish it. The login
    rate limiter's records too: a viewer must not be able to lift a lockout."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    who = {"username": "editor", "ip_address": "192.0.2.1", "user_agent": "test", "path_info": "/"}
    AccessAttempt.objects.create(**who, failures_since_start=5, get_data="", post_data="")
    AccessLog.objects.create(**who)
    AccessFailureLog.objects.create(**who, locked_out=True)


def admin_routes(patterns=None, prefix: str = ""):
    """(route, name) of every URL the admin serves, found by walking its resolver."""
    for pattern in admin.site.urls[0] if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from admin_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def sample(app_label: str, model_name: str, viewer: User):
    if (app_label, model_name) == ("auth", "user"):
        return viewer
    model = apps.get_model(app_label, model_name)
    return model._default_manager.order_by("pk").first()


def admin_url(route: str, name: str | None, viewer: User) -> tuple[str, str]:
    """The route with real ids filled in, and a name for it (the unnamed routes get one)."""
    if route == "(?P<url>.*)$":
        return "/admin/no-such-page/", "catch_all"
    if route.startswith("^(?P<app_label>"):
        return reverse("admin:app_list", args=["archive"]), "app_list"
    if name == "view_on_site":
        article = Article.objects.get()
        content_type = ContentType.objects.get_for_model(Article)
        return reverse(f"admin:{name}", args=[content_type.pk, article.pk]), name
    if route.count("/") < 2 or route.startswith(("password_change", "login", "logout")):
        return reverse(f"admin:{name}"), name
    app_label, model_name, rest = route.split("/", 2)
    obj = sample(app_label, model_name, viewer)
    if HISTORY_RESTORE.match(rest):
        version = obj.history.order_by("history_id").first()
        return f"/admin/{app_label}/{model_name}/{obj.pk}/history/{version.history_id}/", name
    rest = rest.replace("<path:object_id>", str(obj.pk)).replace("<id>", str(obj.pk))
    return f"/admin/{app_label}/{model_name}/{rest}", name or f"{app_label}_{model_name}_redirect"


def every_admin_url(viewer: User) -> list[tuple[str, str]]:
    urls = [admin_url(route, name, viewer) for route, name in admin_routes()]
    # Logging out ends the session the walk uses, so it comes last.
    return sorted(urls, key=lambda item: item[1] == "logout")


def database() -> dict[str, list[dict]]:
    """Every row of every table but the sessions, which a request may touch, and the time the
    login log gives a logout (the viewer's own)."""
    return {
        model._meta.label: [
            {k: v for k, v in row.items() if k != "logout_time"}
            for row in model._base_manager.order_by("pk").values()
        ]
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


def form_data(response) -> dict:
    """What the page's admin form would send back unchanged, which is enough to save it."""
    data = {}
    if response.context is None or "adminform" not in response.context:
        return data
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        if value is not None and not isinstance(field, forms.FileField):
            data[form.add_prefix(name)] = value
    if "title" in data:
        data["title"] = "只读用户改的标题"
    if "status" in data:
        data["status"] = Article.Status.PUBLISHED
    return data


def payloads(url_name: str, get_response) -> list[dict]:
    """What an editor would POST to this URL: every action of a list, an upload, a confirmed
    delete, or the page's own form."""
    if url_name.endswith("_changelist"):
        model = apps.get_model(*url_name.split("_")[:2])
        pks = [obj.pk for obj in model._default_manager.all()]
        actions = [*(admin.site._registry[model].actions or []), "delete_selected"]
        selected = {ACTION_CHECKBOX_NAME: pks, "apply": "1", "keep": pks[0], "post": "yes"}
        return [{"action": action, **selected} for action in actions]
    if url_name.endswith("_upload"):
        page = SimpleUploadedFile("page.txt", "只读上传\n\n本报讯 正文一段。".encode())
        return [{"files": page}, {"import": "1"}]
    if url_name.endswith("_delete"):
        return [{"post": "yes"}]
    return [form_data(get_response)]


def is_read_only(url_name: str) -> bool:
    return url_name in READ_ONLY | OWN_ACCOUNT or url_name.endswith(READ_ONLY_SUFFIXES)


def test_the_walk_reaches_every_history_restore_and_the_upload(viewer, one_of_each):
    names = {name for _, name in every_admin_url(viewer)}
    for model in ("article", "byline", "photo", "quote"):
        assert f"archive_{model}_simple_history" in names
    assert {"archive_article_upload", "archive_author_changelist", "logout"} <= names


def test_a_viewer_changes_nothing_through_any_admin_url(client, viewer, one_of_each):
    client.force_login(viewer)
    before = database()
    accepted = []
    for url, name in every_admin_url(viewer):
        got = client.get(url)
        assert got.status_code in {200, 302, 403, 404, 405}, (url, got.status_code)
        if name.startswith("archive_") and name.endswith(("_simple_history", "_history")):
            assert got.status_code == 200, f"a viewer may read the history: {url}"
        for data in payloads(name, got):
            posted = client.post(url, data)
            assert posted.status_code < 500, (url, posted.status_code)
            if not is_read_only(name) and posted.status_code not in {302, 403}:
                accepted.append((url, posted.status_code))
            assert database() == before, f"POST {url} {data} changed the database"
    assert accepted == [], "a write path answered a viewer's POST without refusing it"


def test_a_viewer_cannot_publish_a_draft_through_the_history_restore(client, viewer, one_of_each):
    article = Article.objects.get()
    version = article.history.order_by("history_id").first()
    url = reverse("admin:archive_article_simple_history", args=[article.pk, version.history_id])
    client.force_login(viewer)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, form_data(page))
    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("原原本本学扎扎实实干", Article.Status.DRAFT)
    assert article.history.count() == 1


def test_a_viewer_sees_no_form_only_fields_as_english_labels_with_none(client, viewer, article):
    # The change reason and the version token belong to a save; a viewer cannot save.
    client.force_login(viewer)
    html = client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert article.title in html
    for leaked in ["Change reason", "Version", "修改原因"]:
        assert leaked not in html, leaked
