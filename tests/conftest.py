import copy
import datetime
import os
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction

from archive.models import (
    Article,
    ArticleDistrict,
    Author,
    AuthorAlias,
    Byline,
    District,
    Photo,
    Publication,
    Quote,
    Role,
    Speaker,
    SpeakerAlias,
)
from archive.search.index import CHARACTERS_TABLE, FTS_TABLE
from archive.services import article_reindex, file_import
from archive.services.counts import Involved, counts_recompute, counts_recompute_all

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# What an import of the seeds writes, parents first; the districts come from a migration.
SEEDED_MODELS = [
    Publication,
    Author,
    AuthorAlias,
    Speaker,
    SpeakerAlias,
    Article,
    Byline,
    Photo,
    Quote,
    ArticleDistrict,
    *(model.history.model for model in (Article, Byline, Photo, Quote)),
]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached overviews and year lists must not leak from one test's data into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users' passwords protect nothing: a cheap hash instead of 10⁶ PBKDF2 rounds each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def reads_on_the_primary(settings):
    """The test databases are separate and nothing copies one into another, so reads stay on the
    primary unless a test turns the replicas on (tests/test_scaling.py); nor do pages wait for
    replicas to catch up before they are stored (tests/test_caching.py turns that on)."""
    settings.ARCHIVE_READ_REPLICAS = []
    settings.ARCHIVE_PAGE_SETTLE_SECONDS = 0


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    """Uploads waiting to be imported go to a folder of the test's own."""
    settings.ARCHIVE_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ARCHIVE_UPLOAD_DIR


@pytest.fixture
def publication(db) -> Publication:
    return Publication.objects.create(name="解放日报", slug="解放日报")


@pytest.fixture
def article(publication) -> Article:
    return Article.objects.create(
        publication=publication,
        title="原原本本学扎扎实实干",
        body="连日来，上海各级机关党员干部掀起热潮。\n原原本本学\n杨浦区开展学习。",
        sections=["原原本本学"],
        raw_text="原文",
        source_key="seed:000:1",
        status=Article.Status.PUBLISHED,
    )


@pytest.fixture
def author(db) -> Author:
    return Author.objects.create(name="祝越", slug="祝越")


@pytest.fixture
def byline(article, author) -> Byline:
    return Byline.objects.create(article=article, author=author, role=Role.REPORTER, position=0)


@pytest.fixture
def yangpu(db) -> District:
    return District.objects.get(slug="yangpu")


@pytest.fixture
def seeds_dir():
    return SEEDS


@pytest.fixture(scope="session")
def seed_rows(django_db_setup, django_db_blocker):
    """The seed pages imported once per session through the real import (parser, jieba, rows,
    history, search index), every row kept, then rolled back; ``seeded`` puts them back."""
    with django_db_blocker.unblock(), transaction.atomic():
        for path in sorted(SEEDS.glob("*.txt")):
            result = file_import(source=path.name, data=path.read_bytes())
            assert result.error is None, result.error
        rows = {model: list(model._base_manager.order_by("pk")) for model in SEEDED_MODELS}
        fts = chars = []
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT rowid, title, meta, body FROM {FTS_TABLE}")
                fts = cursor.fetchall()
                cursor.execute(f"SELECT rowid, chars FROM {CHARACTERS_TABLE}")
                chars = cursor.fetchall()
        transaction.set_rollback(True)
    return rows, fts, chars


@pytest.fixture
def seeded(db, seed_rows):
    """The database as ``import_articles seeds/`` leaves it, in a few bulk inserts per test."""
    rows, fts, chars = seed_rows
    for model, objects in rows.items():
        model._base_manager.bulk_create([copy.copy(obj) for obj in objects])
    with connection.cursor() as cursor:
        if fts:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, meta, body) VALUES (%s, %s, %s, %s)", fts
            )
            cursor.executemany(
                f"INSERT INTO {CHARACTERS_TABLE} (rowid, chars) VALUES (%s, %s)", chars
            )
        # Rows inserted with their ids: the next id of each table comes after them.
        for sql in connection.ops.sequence_reset_sql(no_style(), list(rows)):
            cursor.execute(sql)
    # The districts come from a migration, not the snapshot: their stored counts as the
    # import left them (the people's came back with their rows).
    counts_recompute(Involved(districts=set(District.objects.values_list("pk", flat=True))))


@pytest.fixture
def one_of_each(article, byline, yangpu):
    """A row of every model the admin edits, so every admin page has something to show."""
    speaker = Speaker.objects.create(name="严爱云", slug="严爱云")
    Quote.objects.create(article=article, speaker=speaker, title="主任", text="让红色故事更轻量化")
    Photo.objects.create(article=article, caption="图为新微智谷", credit="本报记者 张伊辰摄")
    ArticleDistrict.objects.create(article=article, district=yangpu)
    AuthorAlias.objects.create(author=byline.author, name="祝 越")
    SpeakerAlias.objects.create(speaker=speaker, name="严爱芸")
    counts_recompute_all()  # rows made here, not through the services that keep the counts


def make_article(title: str, body: str, *, day: str | None, status=Article.Status.PUBLISHED):
    return Article.objects.create(
        title=title,
        body=body,
        raw_text=body,
        published_on=datetime.date.fromisoformat(day) if day else None,
        source_key=f"test:{title}",
        status=status,
    )


@pytest.fixture
def small_archive(db):
    """Two published articles and a draft, with people, a photo and districts."""
    paper = Publication.objects.create(name="解放日报", slug="jfrb")
    yangpu, pudong = District.objects.get(slug="yangpu"), District.objects.get(slug="pudong")
    reporter = Author.objects.create(name="祝越", slug="zhuyue")
    speaker = Speaker.objects.create(name="严爱云", slug="yanaiyun")
    care = make_article("社区养老服务升级", "杨浦区的社区养老更方便了。", day="2022-06-28")
    care.publication = paper
    care.save()
    river = make_article("滨江步道贯通", "浦东滨江步道今天贯通。", day=None)
    draft = make_article(
        "养老草稿", "还没有发布的养老稿件。", day="2023-01-01", status=Article.Status.DRAFT
    )
    for article in (care, draft):
        Byline.objects.create(article=article, author=reporter)
        Quote.objects.create(article=article, speaker=speaker, text="养老是大事")
        Photo.objects.create(article=article, caption="老人在活动室", photographer=reporter)
    ArticleDistrict.objects.create(article=care, district=yangpu, mentions=2)
    ArticleDistrict.objects.create(article=river, district=pudong)
    article_reindex(ids=[care.pk, river.pk, draft.pk])
    counts_recompute_all()  # rows made here, not through the services that keep the counts
    return {"care": care, "river": river, "draft": draft, "reporter": reporter}


@pytest.fixture
def shared_database(transactional_db):
    """For a test that runs the archive in another process (a worker, a second import): the
    test database on PostgreSQL, its 16 districts restored (a transactional test starts from
    whatever the last one flushed), and the environment that process needs to reach it."""
    from archive.ingest.districts import DISTRICTS

    if connection.vendor != "postgresql":
        pytest.skip("another process cannot open SQLite's in-memory test database")
    for district in DISTRICTS:
        District.objects.update_or_create(code=district.code, defaults=district._asdict())
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SECRET_KEY": "test-only-not-secret"}
