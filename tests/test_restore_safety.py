"""A backup from anywhere: a restore never rewrites accounts or groups, refuses crafted files with
a message (never a traceback), and a failed restore leaves the target as it was, ready for another."""

import json
import zipfile
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article
from tests.test_backup import archive, empty_the_archive, media  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup(archive, tmp_path):  # noqa: F811
    path = tmp_path / "archive.zip"
    call_command("export_archive", str(path), stdout=StringIO())
    empty_the_archive()
    return path


def crafted(backup, tmp_path, change) -> str:
    """The backup with ``change(name, data)`` applied to each entry (None drops it)."""
    out = tmp_path / "crafted.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as to:
        for item in source.infolist():
            data = change(item.filename, source.read(item))
            if data is not None:
                to.writestr(item.filename, data)
    return str(out)


def restore(path, *flags) -> str:
    out = StringIO()
    call_command("import_archive", path, *flags, stdout=out)
    return out.getvalue()


def test_without_the_flag_accounts_stay_as_they_are_and_the_articles_are_restored(backup, client):
    admin = User.objects.create_user("编辑甲", password="the-real-one")  # same name as the backup's
    output = restore(str(backup))
    admin.refresh_from_db()
    assert admin.check_password("the-real-one") and not admin.is_staff
    assert list(User.objects.values_list("username", flat=True)) == ["编辑甲"]
    assert not LogEntry.objects.exists()
    edited = Article.objects.get(title="编辑改过的标题")
    assert list(edited.history.values_list("history_user", flat=True)) == [None] * 2
    assert "not restored (accounts; --with-accounts restores them): 1 auth.user" in output
    found = client.get("/articles/", {"q": "编辑改过的标题"}).content.decode()
    assert "共 1 篇文章" in found  # indexed in the same transaction


def test_a_backup_cannot_widen_the_permissions_of_a_group_this_database_has(backup, tmp_path):
    editors = Group.objects.get(name="编辑")
    before = set(editors.permissions.values_list("codename", flat=True))

    def widen(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        everything = [
            [p.codename, p.content_type.app_label, p.content_type.model]
            for p in Permission.objects.select_related("content_type")
        ]
        for group in manifest["groups"]:
            group["permissions"] = everything
        return json.dumps(manifest).encode()

    restore(crafted(backup, tmp_path, widen), "--with-accounts")
    assert set(editors.permissions.values_list("codename", flat=True)) == before


def test_with_the_flag_accounts_go_only_into_a_database_without_any(backup):
    User.objects.create_user("管理员", password="x")
    articles = Article.objects.count()
    with pytest.raises(CommandError, match=r"without any.*nothing was restored"):
        restore(str(backup), "--with-accounts")
    assert Article.objects.count() == articles == 0
    User.objects.all().delete()
    output = restore(str(backup), "--with-accounts")
    assert "  account created: 编辑甲 (staff)" in output
    assert User.objects.get(username="编辑甲").groups.filter(name="编辑").exists()


@pytest.mark.parametrize(
    "name", ["..\\..\\evil.txt", "photos\\..\\..\\evil.txt", "C:/evil.txt", "/etc/evil.txt"]
)
def test_a_media_name_that_leaves_the_media_folder_is_refused(backup, tmp_path, name):
    def add(entry, data):
        if entry != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["media"].append(name)
        return json.dumps(manifest).encode()

    path = crafted(backup, tmp_path, add)
    with zipfile.ZipFile(path, "a") as out:
        out.writestr(f"media/{name}", b"evil")
    with pytest.raises(CommandError, match=r"unsafe or missing media path.*nothing was restored"):
        restore(path)
    assert not Article.objects.exists()


def test_an_entry_that_inflates_like_a_bomb_is_refused_before_anything_is_read(backup, tmp_path):
    def bomb(name, data):
        return b" " * (20 * 1024 * 1024) if name == "data/archive.article.jsonl" else data

    with pytest.raises(CommandError, match=r"inflates .* times.*nothing was restored"):
        restore(crafted(backup, tmp_path, bomb))


def test_a_row_the_database_refuses_is_a_message_and_a_second_restore_then_works(backup, tmp_path):
    def bad_date(name, data):
        if name != "data/archive.article.jsonl":
            return data
        rows = [json.loads(line) for line in data.decode().splitlines()]
        rows[-1]["published_on"] = "2021-13-45"
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()

    with pytest.raises(CommandError, match="nothing was restored"):
        restore(crafted(backup, tmp_path, bad_date))
    assert not Article.objects.exists()
    assert "restored" in restore(str(backup))
    assert Article.objects.exists()


def test_a_row_that_is_not_an_object_is_refused(backup, tmp_path):
    def not_an_object(name, data):
        return b"[1, 2]\n" + data if name == "data/archive.article.jsonl" else data

    with pytest.raises(CommandError, match="nothing was restored"):
        restore(crafted(backup, tmp_path, not_an_object))


def test_a_media_file_no_photo_names_is_refused(backup, tmp_path):
    """An HTML page slipped in as "media" would be served from the site's own address."""

    def add(entry, data):
        if entry != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["media"].append("evil.html")
        return json.dumps(manifest).encode()

    path = crafted(backup, tmp_path, add)
    with zipfile.ZipFile(path, "a") as out:
        out.writestr("media/evil.html", b"<script>alert(1)</script>")
    with pytest.raises(CommandError, match=r"no photo names.*nothing was restored"):
        restore(path)
    assert not Article.objects.exists()


def test_a_damaged_image_undoes_the_rows_and_a_second_restore_works(backup, tmp_path):
    broken = tmp_path / "broken-image.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            stored = item.filename.startswith("media/")
            kind = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(item.filename, source.read(item), compress_type=kind)
    with zipfile.ZipFile(broken) as written:  # where the image's bytes begin in the file
        image = next(i for i in written.infolist() if i.filename.startswith("media/"))
        start = image.header_offset + 30 + len(image.filename.encode()) + len(image.extra)
    raw = bytearray(broken.read_bytes())
    raw[start + 4] ^= 0xFF  # one byte of the image no longer matches its checksum
    broken.write_bytes(bytes(raw))
    with pytest.raises(CommandError, match="nothing was restored"):
        restore(str(broken))
    assert not Article.objects.exists()
    assert "restored" in restore(str(backup))


@pytest.mark.parametrize(
    "shape",
    [
        lambda m: m.pop("models"),
        lambda m: m.update(models=["x"]),
        lambda m: m.update(migrations=[]),
        lambda m: m.update(migrations={"archive": 5}),
        lambda m: m.update(media=5),
    ],
)
def test_a_manifest_of_the_wrong_shape_is_a_message_not_a_traceback(backup, tmp_path, shape):
    def reshape(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        shape(manifest)
        return json.dumps(manifest).encode()

    with pytest.raises(CommandError, match="nothing was restored"):
        restore(crafted(backup, tmp_path, reshape))


def test_a_row_nested_without_end_is_a_message_not_a_traceback(backup, tmp_path):
    def nested(name, data):
        return b"[" * 200_000 + b"\n" + data if name == "data/archive.article.jsonl" else data

    with pytest.raises(CommandError, match="nothing was restored"):
        restore(crafted(backup, tmp_path, nested))
