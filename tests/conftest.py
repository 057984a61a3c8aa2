import pytest
from django.core.cache import cache

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


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached overviews and year lists must not leak from one test's data into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def reads_on_the_primary(settings):
    """The test databases are separate and nothing copies one into another, so reads stay on the
    primary unless a test turns the replicas on (tests/test_scaling.py)."""
    settings.ARCHIVE_READ_REPLICAS = []


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
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def one_of_each(article, byline, yangpu):
    """A row of every model the admin edits, so every admin page has something to show."""
    speaker = Speaker.objects.create(name="严爱云", slug="严爱云")
    Quote.objects.create(article=article, speaker=speaker, title="主任", text="让红色故事更轻量化")
    Photo.objects.create(article=article, caption="图为新微智谷", credit="本报记者 张伊辰摄")
    ArticleDistrict.objects.create(article=article, district=yangpu)
    AuthorAlias.objects.create(author=byline.author, name="祝 越")
    SpeakerAlias.objects.create(speaker=speaker, name="严爱芸")


@pytest.fixture
def shared_database(transactional_db):
    """For a test that runs the archive in another process (a worker, a second import): the
    test database on PostgreSQL, its 16 districts restored (a transactional test starts from
    whatever the last one flushed), and the environment that process needs to reach it."""
    import os

    from django.db import connection

    from archive.ingest.districts import DISTRICTS

    if connection.vendor != "postgresql":
        pytest.skip("another process cannot open SQLite's in-memory test database")
    for district in DISTRICTS:
        District.objects.update_or_create(code=district.code, defaults=district._asdict())
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SECRET_KEY": "test-only-not-secret"}
