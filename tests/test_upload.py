"""The admin upload keeps what it previews on disk, bounded and expiring, never in the session,
and refuses what is too big before storing anything."""

import os
import time

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.admin import pending
from archive.models import Article

pytestmark = pytest.mark.django_db

PAGE = "两会召开\n\n■记者 方圆\n\n本报讯 杨浦区委书记赵刚表示，要抓好落实。\n"
URL = "/admin/archive/article/upload/"


def editor_client(name: str = "编辑") -> Client:
    user = User.objects.create_user(name, password="unused", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    client = Client()
    client.force_login(user)
    return client


def stored_files(root) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


def session_sizes() -> list[int]:
    return [len(session.session_data) for session in Session.objects.all()]


def preview(client: Client, *files: SimpleUploadedFile, **fields):
    return client.post(URL, {"files": list(files), "preview": "1", **fields})


def page(name: str = "page.txt", text: str = PAGE) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode())


def test_a_previewed_upload_waits_on_disk_and_the_session_holds_only_its_key(upload_dir):
    client = editor_client()
    before = max(session_sizes())
    big = PAGE + "居民们都很满意。" * 20_000  # 480 kB of text
    response = preview(client, page("big.txt", big), publication="杨浦时报")
    assert response.status_code == 200 and "两会召开" in response.content.decode()
    assert max(session_sizes()) < before + 200
    assert len(stored_files(upload_dir)) == 2  # the file and what the form said about it
    done = client.post(URL, {"import": "1"}, follow=True)
    assert "新建 1 篇" in done.content.decode()
    assert Article.objects.get().publication.name == "杨浦时报"
    assert stored_files(upload_dir) == []


def test_a_file_over_the_limit_is_refused_before_anything_is_stored(upload_dir):
    client = editor_client()
    response = preview(client, page(), page("huge.txt", "字" * (1024 * 1024)))  # 3 MB
    assert response.status_code == 200
    assert "huge.txt" in str(response.context["form"].errors["files"])
    assert stored_files(upload_dir) == []
    assert pending.SESSION_KEY not in client.session


def test_a_request_over_the_total_limit_is_refused_before_it_is_read(upload_dir, settings):
    settings.ARCHIVE_MAX_REQUEST_BYTES = 100_000
    client = editor_client()
    response = preview(client, page("a.txt", PAGE * 1200), page("b.txt", PAGE * 1200))
    assert response.status_code == 413
    assert "上传过大" in response.content.decode()
    assert stored_files(upload_dir) == [] and pending.SESSION_KEY not in client.session


def test_pending_uploads_expire(upload_dir):
    client = editor_client()
    preview(client, page())
    (folder,) = upload_dir.iterdir()
    long_ago = time.time() - pending.EXPIRES.total_seconds() - 60
    os.utime(folder, (long_ago, long_ago))
    done = client.post(URL, {"import": "1"}, follow=True)
    assert "没有待导入的文件" in done.content.decode()
    assert Article.objects.count() == 0
    assert stored_files(upload_dir) == []


def test_an_expired_upload_is_swept_when_someone_else_uploads(upload_dir):
    preview(editor_client("甲"), page())
    (old,) = upload_dir.iterdir()
    long_ago = time.time() - pending.EXPIRES.total_seconds() - 60
    os.utime(old, (long_ago, long_ago))
    preview(editor_client("乙"), page())
    assert [folder.name for folder in upload_dir.iterdir()] != [old.name]
    assert len(list(upload_dir.iterdir())) == 1


def test_the_store_is_bounded(upload_dir, monkeypatch):
    monkeypatch.setattr(pending, "STORE_LIMIT", 1000)
    first = preview(editor_client("甲"), page("a.txt", PAGE * 8))
    assert first.status_code == 200 and "两会召开" in first.content.decode()
    second = preview(editor_client("乙"), page("b.txt", PAGE * 8))
    assert second.status_code == 200
    assert "待导入的文件已满" in str(second.context["form"].errors)
    assert len(list(upload_dir.iterdir())) == 1


def test_a_new_preview_replaces_the_last_one(upload_dir):
    client = editor_client()
    preview(client, page("a.txt"))
    preview(client, page("b.txt", PAGE.replace("两会", "三会")))
    assert len(list(upload_dir.iterdir())) == 1
    client.post(URL, {"import": "1"})
    assert Article.objects.get().title == "三会召开"


def test_a_pending_upload_is_only_imported_by_the_editor_who_sent_it(upload_dir):
    owner, other = editor_client("甲"), editor_client("乙")
    preview(owner, page())
    key = owner.session[pending.SESSION_KEY]
    session = other.session
    session[pending.SESSION_KEY] = key
    session.save()
    done = other.post(URL, {"import": "1"}, follow=True)
    assert "没有待导入的文件" in done.content.decode()
    assert Article.objects.count() == 0


def test_form_fields_over_the_memory_limit_are_a_400_not_a_500(settings):
    client = editor_client()
    huge = "字" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3 + 1)
    response = client.post(reverse("admin:archive_article_changelist"), {"q": huge})
    assert response.status_code == 400
