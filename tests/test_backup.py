"""Backup and restore: export_archive → import_archive into a fresh SQLite and a fresh PostgreSQL
database (each migrated by the real command, in its own process) → export again → the same bytes;
search works on the restored copy; bad files and non-empty targets change nothing."""

import os
import subprocess
import sys
import uuid
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import Article, Author, AuthorAlias, Photo, Speaker
from archive.services import author_merge, file_import
from archive.services.backup import backup_models

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(seeds_dir, media):
    """The seeds, plus what editors add: a merged person (an alias), an edit with its history and
    reason, an editor's account and log entry, and a photo with its image file."""
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())
    editor = User.objects.create_user("编辑甲", password="not-used-here", is_staff=True)
    editor.groups.add(Group.objects.get(name="编辑"))
    keep, twin = Author.objects.order_by("pk")[:2]
    author_merge(keep=keep, merged=[twin])
    article = Article.objects.order_by("pk").first()
    article.title = "编辑改过的标题"
    article._change_reason = "改正错字"
    article._history_user = editor
    article.save()
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(article.pk),
        object_repr=article.title,
        action_flag=CHANGE,
        change_message="改正错字",
    )
    photo = Photo.objects.create(article=article, caption="图为外滩", credit="本报记者 甲摄")
    photo.image.save("waitan.png", ContentFile(b"\x89PNG\r\n\x1a\nnot-really-an-image"))
    return article


def manage(database_url: str, *args: str, media_root: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        # The restored database alone: no replica of another database, no cache shared with it.
        "DATABASE_REPLICA_URLS": "",
        "REDIS_URL": "",
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_ROOT": str(media_root),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


SEARCH = (
    "from django.test import Client; "
    "html = Client(SERVER_NAME='localhost').get('/articles/', {'q': '{word}'}).content.decode(); "
    "import re; print(re.search(r'共 (\\d+) 篇文章', html).group(1))"
)


def restore_and_export_again(url: str, backup: Path, tmp_path: Path, name: str) -> Path:
    media_root = tmp_path / f"{name}-media"
    assert manage(url, "migrate", "--noinput", media_root=media_root).returncode == 0
    restored = manage(url, "import_archive", str(backup), "--with-accounts", media_root=media_root)
    assert restored.returncode == 0, restored.stderr
    assert "search index rebuilt" in restored.stdout
    again = tmp_path / f"{name}.zip"
    exported = manage(url, "export_archive", str(again), media_root=media_root)
    assert exported.returncode == 0, exported.stderr
    assert list((media_root / "photos").rglob("*.png"))
    return again


def search_count(url: str, word: str, tmp_path: Path) -> int:
    code = SEARCH.replace("{word}", word)
    result = manage(url, "shell", "-c", code, media_root=tmp_path)
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split()[-1])


def empty_the_archive() -> None:
    """This database as a new installation has it: migrated, districts and groups, no data."""
    models = backup_models()
    history = [m for m in models if m._meta.model_name.startswith("historical")]
    for model in [*reversed(models), *history]:  # deleting rows writes history: that goes last
        model._base_manager.all().delete()


@pytest.fixture
def postgres_database():
    psycopg = pytest.importorskip("psycopg")
    name = f"archive_restore_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(PG + "postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    admin.execute(f'CREATE DATABASE "{name}"')
    yield PG + name
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


def test_backup_restores_into_sqlite_and_postgresql_and_exports_the_same_bytes(
    archive, tmp_path, postgres_database
):
    backup = tmp_path / "archive.zip"
    call_command("export_archive", str(backup), stdout=StringIO())
    with zipfile.ZipFile(backup) as dump:
        names = dump.namelist()
    # The links between copies of a story and the fingerprints that found them go too.
    copies = ("archive.articlecopy", "archive.articlesignature", "archive.signatureband")
    for model in ("archive.article", "archive.historicalarticle", "archive.authoralias", *copies):
        assert f"data/{model}.jsonl" in names
    assert any(name.startswith("media/photos/") for name in names)

    local_search = Article.objects.filter(title__contains="浦东").count()
    for name, url in [
        ("sqlite", f"sqlite:///{tmp_path / 'restored.sqlite3'}"),
        ("postgresql", postgres_database),
    ]:
        again = restore_and_export_again(url, backup, tmp_path, name)
        assert again.read_bytes() == backup.read_bytes(), f"{name}: a different backup"
        assert search_count(url, "编辑改过的标题", tmp_path) == 1
        assert search_count(url, "浦东", tmp_path) >= max(local_search, 1)


def test_the_restored_rows_keep_history_aliases_accounts_and_times(archive, tmp_path):
    backup = tmp_path / "archive.zip"
    call_command("export_archive", str(backup), stdout=StringIO())
    before = {
        "articles": list(Article.objects.order_by("pk").values("pk", "title", "updated_at")),
        "history": list(archive.history.values_list("history_change_reason", "history_user")),
        "aliases": list(AuthorAlias.objects.values_list("name", "author__name")),
        "editor_groups": list(User.objects.get(username="编辑甲").groups.values_list("name")),
        "speakers": Speaker.objects.count(),
        "log": LogEntry.objects.count(),
    }
    empty_the_archive()
    call_command("import_archive", str(backup), "--with-accounts", stdout=StringIO())
    after = {
        "articles": list(Article.objects.order_by("pk").values("pk", "title", "updated_at")),
        "history": list(
            Article.objects.get(pk=archive.pk).history.values_list(
                "history_change_reason", "history_user"
            )
        ),
        "aliases": list(AuthorAlias.objects.values_list("name", "author__name")),
        "editor_groups": list(User.objects.get(username="编辑甲").groups.values_list("name")),
        "speakers": Speaker.objects.count(),
        "log": LogEntry.objects.count(),
    }
    assert after == before
    assert before["aliases"] and before["log"] == 1


def test_a_restore_makes_the_pages_stored_while_the_archive_was_empty_stale(
    archive, tmp_path, client, django_capture_on_commit_callbacks
):
    backup = tmp_path / "archive.zip"
    call_command("export_archive", str(backup), stdout=StringIO())
    empty_the_archive()
    assert "编辑改过的标题" not in client.get("/articles/").content.decode()  # stored, empty
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_archive", str(backup), stdout=StringIO())
    assert "编辑改过的标题" in client.get("/articles/").content.decode()


def test_restoring_into_an_archive_that_has_articles_is_refused_and_changes_nothing(
    archive, tmp_path
):
    backup = tmp_path / "archive.zip"
    call_command("export_archive", str(backup), stdout=StringIO())
    count = Article.objects.count()
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command("import_archive", str(backup), stdout=StringIO())
    assert Article.objects.count() == count


@pytest.mark.parametrize("damage", ["not a zip", "truncated", "no manifest", "unsafe media"])
def test_a_damaged_backup_is_refused_and_the_target_stays_empty(archive, tmp_path, damage):
    backup = tmp_path / "archive.zip"
    call_command("export_archive", str(backup), stdout=StringIO())
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if damage == "truncated" and item.filename == "data/archive.byline.jsonl":
                data = data[: len(data) // 2].rsplit(b"\n", 1)[0] + b"\n"
            if damage == "no manifest" and item.filename == "manifest.json":
                continue
            if damage == "unsafe media" and item.filename == "manifest.json":
                data = data.replace(b'"media": [', b'"media": [\n  "../../evil.txt",')
            target.writestr(item, data)
    if damage == "not a zip":
        broken.write_bytes(b"PK\x03\x04 this is not a zip file at all")
    empty_the_archive()
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command("import_archive", str(broken), stdout=StringIO())
    assert not Article.objects.exists()
    assert not (tmp_path.parent / "evil.txt").exists()


def test_export_to_a_missing_folder_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("export_archive", str(tmp_path / "nope" / "a.zip"), stdout=StringIO())
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_archive", str(tmp_path / "missing.zip"), stdout=StringIO())


def test_a_backup_made_before_the_stored_counts_restores_with_them_counted(archive, tmp_path):
    import json

    backup = tmp_path / "archive.zip"
    call_command("export_archive", str(backup), stdout=StringIO())
    counts = dict(Author.objects.values_list("name", "article_count"))
    assert any(counts.values())
    old = tmp_path / "old.zip"  # as an earlier version wrote it: people without their counts
    stored = ("article_count", "photo_count", "role_counts", "quote_count")
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(old, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in ("data/archive.author.jsonl", "data/archive.speaker.jsonl"):
                rows = [json.loads(line) for line in data.decode().splitlines()]
                for row in rows:
                    for name in stored:
                        row.get("fields", row).pop(name, None)
                data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
            target.writestr(item, data)
    empty_the_archive()
    call_command("import_archive", str(old), stdout=StringIO())
    assert dict(Author.objects.values_list("name", "article_count")) == counts
