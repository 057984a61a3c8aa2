"""Random and hostile input at every public URL and every import entry point (hypothesis): never a
server error, never an exception out of the import, never markup echoed unescaped.

The public routes are read from the URL resolver, so a page added later is fuzzed too."""

from datetime import date
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest.parser import parse_bytes
from archive.ingest.types import IngestError
from archive.selectors.filters import ArticleFilter, PhotoFilter
from archive.services import file_import

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples every run: CI is repeatable, a failure reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MARKUP = "<script>alert(1)</script>"
HOSTILE = [
    MARKUP,
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE archive_article; --",
    "../../../../etc/passwd",
    "%00",
    "%s%s%s%n",
    "{{ settings.SECRET_KEY }}",
    "=cmd|' /C calc'!A0",
    "9" * 40,
    "-1",
    "0",
    "2022-02-30",
    "2022-13-45",
    "99999-01-01",
    "a" * 5000,
    "杨浦区" * 300,
    "\u202etxt.exe",
    "\ufeff",
    "OR",
    '"',
    "-",
    "标题:",
]
# Any character a URL can carry (no lone surrogates: they cannot be encoded), NUL included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
VALUE = st.one_of(st.sampled_from(HOSTILE), TEXT, st.integers().map(str))
PARAMS = sorted(
    {*ArticleFilter.base_filters, *PhotoFilter.base_filters, "q", "page", "sort", "format"}
)
OK = {200, 301, 302, 400, 404, 405}


def public_routes() -> list[str]:
    """Every route of the public site, with the converter of each argument."""
    resolver = get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        if str(pattern.pattern).startswith(("admin/", "media/", "^media")):
            continue
        children = getattr(pattern, "url_patterns", [pattern])
        prefix = "" if children == [pattern] else str(pattern.pattern)
        routes += [prefix + str(p.pattern) for p in children if isinstance(p, URLPattern)]
    return sorted(set(routes))


ROUTES = public_routes()


@st.composite
def urls(draw) -> str:
    route = draw(st.sampled_from(ROUTES))
    while "<" in route:
        start, end = route.index("<"), route.index(">")
        converter = route[start + 1 : end].split(":")[0] if ":" in route[start:end] else "str"
        value = draw(
            st.integers(min_value=-(2**70), max_value=2**70).map(str)
            if converter == "int"
            else VALUE
        )
        if converter == "int":
            value = value.lstrip("-")
        route = route[:start] + quote(value or "x", safe="") + route[end + 1 :]
    return "/" + route


@pytest.fixture
def seeded(seeds_dir, db):
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())


def test_the_walk_finds_the_public_pages():
    assert {"", "articles/", "articles/<int:pk>/", "authors/<str:slug>/", "feed/"} <= set(ROUTES)


@FUZZ
@given(url=urls(), params=st.dictionaries(st.sampled_from(PARAMS), VALUE, max_size=4))
def test_no_public_url_or_parameter_gives_a_server_error(client, seeded, url, params):
    response = client.get(url, params)
    assert response.status_code in OK, (url, params, response.status_code)
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        assert MARKUP not in response.content.decode()


# Import entry points ---------------------------------------------------------------------------

PAGE = "两会召开\n\n■记者 方圆\n\n本报讯 杨浦区五角场街道昨天召开两会。“很重要。”区长王明说。\n"
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "big5"]


@st.composite
def pages(draw) -> bytes:
    """Real-looking pages broken in the ways files arrive: odd encodings, cut bytes, front matter
    with impossible dates, hostile text, noise."""
    text = draw(st.one_of(st.just(PAGE), TEXT, st.sampled_from(HOSTILE).map(lambda v: PAGE + v)))
    date = draw(st.one_of(st.sampled_from(HOSTILE), st.dates().map(str), TEXT))
    if draw(st.booleans()):
        text = f"---\ndate: {date}\npage: {draw(VALUE)}\npublication: {draw(VALUE)}\n---\n{text}"
    if draw(st.booleans()):
        text = f"{date} 星期四\n\n{text}"
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:cut]
    if draw(st.booleans()):
        data = draw(st.binary(max_size=64)) + data + draw(st.binary(max_size=64))
    return data


@FUZZ
@given(data=st.one_of(pages(), st.binary(max_size=2048)))
def test_the_parser_returns_articles_or_a_reason_and_nothing_else(data):
    try:
        articles = parse_bytes(data)
    except IngestError as error:
        assert str(error)
        return
    for article in articles:
        assert article.title or article.body  # a page without a headline still has its text
        if article.published_on is not None:  # a real calendar day, in the age of newspapers
            assert 1800 <= date.fromisoformat(article.published_on).year <= 2200


@FUZZ
@given(data=st.one_of(pages(), st.binary(max_size=2048)))
def test_a_file_import_stores_whole_articles_or_reports_the_file(db, data):
    result = file_import(source="fuzz.txt", data=data)
    assert result.error or result.articles, result
    for _, outcome in result.articles:
        assert outcome is not None


@settings(FUZZ, max_examples=40)
@given(data=st.one_of(pages(), st.binary(max_size=1024)), name=VALUE)
def test_the_admin_upload_answers_any_file_without_a_server_error(admin_client, data, name):
    upload = SimpleUploadedFile(f"{name[:50]}.txt", data, content_type="text/plain")
    preview = admin_client.post("/admin/archive/article/upload/", {"files": [upload]})
    assert preview.status_code in {200, 302}
    done = admin_client.post("/admin/archive/article/upload/", {"import": "1"})
    assert done.status_code in {200, 302}
