"""Every write the site, the admin and the commands make through a service records what it
changed: when its transaction commits, the versions of what it changed move (``cache.versions``),
so no stored page, ETag or figure outlives it. The walk finds the services by what the layers
above them import, so a new one fails here until it is run below (or said to write nothing)."""

import ast
import functools
import inspect
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from archive import services
from archive.cache import versions
from archive.models import Article, ArticleDoubt, Author, Byline, Photo, Speaker
from archive.services.backup import archive_export
from archive.services.batches import Source, files_import
from archive.services.copies import copies_follow, stored_fingerprint
from archive.services.restore import archive_import
from archive.services.review import articles_checked
from tests.test_backup import empty_the_archive

pytestmark = pytest.mark.django_db
ARCHIVE = Path(__file__).resolve().parent.parent / "archive"
PAGE = "新的一篇\n\n■记者 方圆\n\n本报讯 杨浦区今天开了一个会。\n\n居民们都很满意。\n"

# Services that write no row a public page shows, each with the reason.
WRITE_NO_PUBLIC_ROW = {
    "archive_export": "reads the archive into a file",
    "article_missing": "reads a parse",
    "article_reparse_preview": "reads a parse beside the stored article",
    "copies_stored": "reads the stored fingerprints",
    "editable_fields": "reads a model's fields",
    "file_report": "reads an import's result",
    "parsed_fingerprint": "computes a fingerprint",
    "source_keys": "computes keys from a text",
    "statistics_refresh": "ANALYZE: the planner's statistics, no row",
    "stored_fingerprint": "computes a fingerprint",
    "summarize": "counts an import's results",
    # Helpers the services run inside their own recorded writes; the commands that call them
    # alone (recount_people, refresh_doubts) move the generation themselves (tested below).
    "counts_recompute_all": "inside restore; recount_people moves the generation",
    "doubts_refresh": "inside imports and edits; refresh_doubts moves the generation",
    # The admin makes a thumbnail right after saving its photo through article_part(s)_save.
    "photo_thumbnail": "a derived file of a photo whose save already recorded its article",
}


def called_from_above() -> set[str]:
    """The functions of ``archive.services`` that the site, the admin, the API, the tasks and the
    commands import."""
    names = set()
    for path in ARCHIVE.rglob("*.py"):
        if {"services", "migrations"} & set(path.relative_to(ARCHIVE).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "archive.services"
            ):
                module = __import__(node.module, fromlist=["_"])
                names |= {
                    alias.name
                    for alias in node.names
                    if inspect.isfunction(getattr(module, alias.name, None))
                }
    return names


def _edit(archive):
    care = archive["care"]
    care.title = "社区养老服务再升级"
    services.article_save(article=care)


def _parts(archive):
    care = archive["care"]
    byline = Byline.objects.filter(article=care).first()

    def save():
        byline.role = "摄影"
        byline.save()

    services.article_parts_save(article=care, save=save, changed=True, row_saved=False)


def _part_save(archive):
    photo = Photo.objects.filter(article=archive["care"]).first()
    photo.caption = "老人们在活动室"
    services.article_part_save(part=photo)


def _part_delete(archive):
    services.article_part_delete(parts=list(Photo.objects.filter(article=archive["care"])))


def _unpublish(archive):
    services.article_status_set(
        articles=Article.objects.filter(pk=archive["care"].pk), status=Article.Status.DRAFT
    )


def _delete(archive):
    services.article_delete(articles=[archive["river"]])


def _rename(archive):
    reporter = archive["reporter"]
    reporter.name = "祝悦"
    services.person_save(person=reporter)


def _author_merge(archive):
    twin = Author.objects.create(name="祝 越", slug="zhuyue-2")
    services.author_merge(keep=archive["reporter"], merged=[twin])


def _speaker_merge(archive):
    twin = Speaker.objects.create(name="严爱芸", slug="yanaiyun-2")
    services.speaker_merge(keep=Speaker.objects.get(slug="yanaiyun"), merged=[twin])


def _import(archive):
    services.file_import(source="new.txt", data=PAGE.encode())


def _batch_import(archive):
    list(files_import([Source("batch.txt", PAGE.encode())]))


def _reparse(archive):
    services.file_import(source="page.txt", data=PAGE.encode())
    article = Article.objects.get(source_key__startswith="sha256:")
    article.title = "编辑改的标题"
    article.save()
    services.article_reparse(article, force=True)


def _checked(archive):
    articles_checked(articles=Article.objects.filter(pk=archive["care"].pk), user=None)


def _copies(archive):
    body = "杨浦区的社区养老服务今年全面升级，" * 8 + "居民们都说更方便了。"
    first, copy = (
        Article.objects.create(title="社区养老服务升级", body=body, raw_text=body, source_key=key)
        for key in ("test:first", "test:copy")
    )
    copies_follow(created=[(a.source_key, stored_fingerprint(a)) for a in (first, copy)])


def _restore(archive, tmp_path):
    archive_export(tmp_path / "archive.zip")
    empty_the_archive()
    archive_import(tmp_path / "archive.zip")


RUN = {
    "article_save": _edit,
    "article_parts_save": _parts,
    "article_part_save": _part_save,
    "article_part_delete": _part_delete,
    "article_status_set": _unpublish,
    "article_delete": _delete,
    "person_save": _rename,
    "author_merge": _author_merge,
    "speaker_merge": _speaker_merge,
    "file_import": _import,
    "files_import": _batch_import,
    "article_reparse": _reparse,
    "articles_checked": _checked,
    "copies_follow": _copies,
    "archive_import": _restore,
}


def test_every_service_the_layers_above_call_is_walked():
    assert called_from_above() == RUN.keys() | WRITE_NO_PUBLIC_ROW.keys()


def moves_versions(callback) -> bool:
    """Whether an on-commit callback is one that moves the cache's versions."""
    if isinstance(callback, functools.partial):
        callback = callback.func
    return callback in (versions.archive_changed, versions.scopes_changed)


@pytest.mark.parametrize("name", sorted(RUN))
def test_a_service_that_writes_moves_the_versions_of_what_it_changed_on_commit(
    name, small_archive, tmp_path, django_capture_on_commit_callbacks
):
    run = RUN[name]
    written = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "COPY")):
            written.append(sql)
        return execute(sql, params, many, context)

    extra = {"tmp_path": tmp_path} if "tmp_path" in inspect.signature(run).parameters else {}
    with (
        django_capture_on_commit_callbacks() as callbacks,
        connection.execute_wrapper(record),
    ):
        run(small_archive, **extra)
    assert written, f"{name} wrote nothing: it belongs in WRITE_NO_PUBLIC_ROW"
    assert any(map(moves_versions, callbacks)), f"{name} commits without moving any version"


def test_refresh_doubts_makes_the_stored_pages_stale(small_archive, client):
    page = small_archive["care"].get_absolute_url()
    client.get(page)
    assert client.get(page)["X-Archive-Cache"] == "hit"
    ArticleDoubt.objects.all().delete()  # as an archive from before the queue
    call_command("refresh_doubts")
    assert client.get(page)["X-Archive-Cache"] == "miss"


def test_recount_people_makes_the_stored_pages_stale(
    small_archive, client, django_capture_on_commit_callbacks
):
    client.get("/")
    assert client.get("/")["X-Archive-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recount_people")
    assert client.get("/")["X-Archive-Cache"] == "miss"
