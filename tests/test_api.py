"""The JSON API: the listing's articles for the same parameters, on both databases; cursors,
full records, counts, coverage, the OpenAPI description, rate limits, and no 5xx for any input."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from archive.models import Article, Author, District
from archive.services import file_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())
    # Some dated, some not, two on one day: the date orders and their keysets have work to do.
    for index, article in enumerate(Article.objects.order_by("id")):
        if index % 4 != 3:
            day = datetime.date(2022, 1 + index % 6, 1 + index % 3)
            Article.objects.filter(pk=article.pk).update(published_on=day, page=str(index % 5))


def walk(client, params: dict, limit: int = 3) -> list[int]:
    """Every article id the API lists for ``params``, following ``next`` to the end."""
    ids, url, query = [], reverse("api:articles"), {**params, "limit": limit}
    while url:
        response = client.get(url, query)
        assert response.status_code == 200, response.content
        data = response.json()
        ids += [row["id"] for row in data["results"]]
        url, query = data["next"], None
    return ids


def listing_ids(client, params: dict) -> list[int]:
    ids, page = [], 1
    while True:
        response = client.get(reverse("archive:article_list"), {**params, "page": page})
        ids += [article.pk for article in response.context["page_obj"]]
        if not response.context["page_obj"].has_next():
            return ids
        page += 1


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "oldest"},
        {"district": ["yangpu", "chongming"]},
        {"q": "党员"},
        {"q": "党员", "sort": "newest"},
        {"q": "上海 -杨浦", "sort": "oldest"},
        {"date_from": "2022-02-01", "date_to": "2022-05-31"},
        {"undated": "true"},
        {"has_photos": "true", "sort": "oldest"},
        {"reporter": "祝越"},
    ],
)
def test_api_lists_the_same_articles_in_the_same_order_as_the_html_listing(client, seeded, params):
    expected = listing_ids(client, params)
    assert walk(client, params) == expected
    assert walk(client, params, limit=100) == expected
    if params.get("q") or params.get("reporter"):
        assert expected  # these parameters find something in the seeds


def test_api_pages_take_a_fixed_number_of_queries(client, seeded, django_assert_max_num_queries):
    client.get(reverse("api:articles"), {"q": "上海"})  # loads the known names, once a process
    for params in ({}, {"q": "上海", "district": "yangpu"}, {"sort": "oldest", "limit": 100}):
        with django_assert_max_num_queries(10):
            client.get(reverse("api:articles"), params)
    article = Article.objects.published().first()
    with django_assert_max_num_queries(6):
        client.get(reverse("api:article", args=[article.pk]))


def test_an_article_record_has_bylines_photos_quotes_districts_and_citation(client, seeded):
    article = Article.objects.get(title="把伟大建党精神融入党的建设全过程各方面")
    data = client.get(reverse("api:article", args=[article.pk])).json()
    assert data["id"] == article.pk
    assert data["url"] == f"http://testserver/articles/{article.pk}/"
    byline = article.bylines.select_related("author").first()
    assert data["bylines"][0] == {
        "name": byline.author.name,
        "slug": byline.author.slug,
        "role": byline.role,
        "role_label": byline.get_role_display(),
    }
    assert {"caption", "credit", "photographer", "source", "image"} <= set(data["photos"][0])
    assert data["photos"][0]["credit"] == "本报记者 袁婧摄"
    quote = next(q for q in data["quotes"] if q["speaker"]["name"] == "上官剑")
    assert quote["title"] == "团市委书记"
    assert data["districts"][0]["slug"] in {"huangpu", "pudong", "yangpu", "xuhui"}
    page = client.get(article.get_absolute_url()).context
    assert data["citation"]["gbt7714"] == page["citation"]
    assert data["citation"]["gbt7714"].startswith(f"{byline.author.name}. {article.title}[N]. ")
    assert data["citation"]["ris"].endswith(f"/articles/{article.pk}/cite.ris")


def test_drafts_and_unknown_ids_are_404_in_json(client, seeded):
    draft = Article.objects.first()
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    response = client.get(reverse("api:article", args=[draft.pk]))
    assert response.status_code == 404
    assert response.json() == {"error": "没有这篇文章"}
    assert draft.pk not in walk(client, {})


def test_authors_speakers_and_districts_come_with_counts(client, seeded):
    authors = client.get(reverse("api:authors"), {"limit": 100}).json()["results"]
    zhu = next(a for a in authors if a["name"] == "祝越")
    assert zhu["n_articles"] == 2
    assert zhu["url"] == "http://testserver" + Author.objects.get(name="祝越").get_absolute_url()
    districts = client.get(reverse("api:districts"), {"limit": 16}).json()
    assert len(districts["results"]) == 16 and districts["next"] is None
    yangpu = next(d for d in districts["results"] if d["slug"] == "yangpu")
    assert yangpu["n_articles"] == District.objects.get(slug="yangpu").article_links.count()
    speakers = client.get(reverse("api:speakers"), {"limit": 1}).json()
    assert len(speakers["results"]) == 1 and speakers["next"]
    second = client.get(speakers["next"]).json()["results"]
    assert second[0]["name"] != speakers["results"][0]["name"]


def test_coverage_counts_articles_per_month_and_year_for_the_filters(client, seeded):
    data = client.get(reverse("api:coverage"), {"interval": "month"}).json()
    dated = Article.objects.filter(published_on__isnull=False)
    assert data["interval"] == "month"
    assert data["total"] == dated.count()
    assert [row["period"] for row in data["results"]] == [f"2022-0{m}" for m in range(1, 7)]
    for row in data["results"]:
        month = int(row["period"][-2:])
        assert row["count"] == dated.filter(published_on__month=month).count()
    yearly = client.get(reverse("api:coverage"), {"interval": "year", "district": "yangpu"}).json()
    in_yangpu = dated.filter(district_links__district__slug="yangpu").count()
    assert yearly["results"] == [{"period": "2022", "count": in_yangpu}]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "abc"},
        {"limit": "0"},
        {"limit": "101"},
        {"cursor": "not-a-cursor"},
        {"date_from": "2022-02-30"},
        {"district": "atlantis"},
        {"sort": "sideways"},
    ],
)
def test_bad_parameters_are_a_400_with_the_reason(client, seeded, params):
    response = client.get(reverse("api:articles"), params)
    assert response.status_code == 400
    assert response.json()["error"]


def test_unknown_coverage_interval_is_a_400(client, seeded):
    assert client.get(reverse("api:coverage"), {"interval": "week"}).status_code == 400


def test_the_api_is_rate_limited_politely(client, seeded, settings):
    settings.ARCHIVE_API_RATE = 3
    statuses = [client.get(reverse("api:districts")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get(reverse("api:districts"))
    assert response.json() == {"error": "请求过于频繁，请稍后再试。"}
    assert 0 < int(response["Retry-After"]) <= 60  # when the oldest of the three leaves the minute
    other = client.get(reverse("api:districts"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200  # each address has its own budget
    assert other["X-RateLimit-Remaining"] == "2"


def test_the_rate_counts_the_reader_behind_the_proxy(client, seeded, settings):
    settings.ARCHIVE_API_RATE = 1
    settings.ARCHIVE_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = client.get(reverse("api:districts"), HTTP_X_FORWARDED_FOR="192.0.2.1", **proxy)
    forged = client.get(
        reverse("api:districts"), HTTP_X_FORWARDED_FOR="198.51.100.9, 192.0.2.1", **proxy
    )
    other = client.get(reverse("api:districts"), HTTP_X_FORWARDED_FOR="192.0.2.2", **proxy)
    assert [first.status_code, forged.status_code, other.status_code] == [200, 429, 200]


ARTICLE_FILTERS = {
    "q",
    "reporter",
    "photographer",
    "speaker",
    "district",
    "publication",
    "date_from",
    "date_to",
    "undated",
    "has_photos",
    "checked",
    "collapse",
    "sort",
}


def test_openapi_description_lists_every_listing_filter(client, seeded):
    data = client.get(reverse("api:openapi")).json()
    assert data["openapi"] == "3.1.0"

    def names(path: str) -> set[str]:
        return {p["name"] for p in data["paths"][path]["get"]["parameters"]}

    assert names("/api/articles/") == ARTICLE_FILTERS | {"cursor", "limit"}
    assert names("/api/articles/coverage/") == ARTICLE_FILTERS | {"interval"}
    assert names("/api/authors/") == {"cursor", "limit"}
    responses = data["paths"]["/api/articles/"]["get"]["responses"]
    assert set(responses) == {"200", "400", "429"}
    assert set(data["paths"]["/api/articles/{id}/"]["get"]["responses"]) == {"200", "404", "429"}
    schemas = data["components"]["schemas"]
    assert set(schemas["Article"]["properties"]) >= {"bylines", "photos", "quotes", "citation"}


def test_describing_the_api_leaves_the_listing_sort_menu_alone(client, seeded):
    # drf-spectacular reads each filter's form field; built on the FilterSet's class-level
    # filters, it would be copied into every listing, relevance included without a search.
    client.get(reverse("api:openapi"))
    select = client.get(reverse("archive:article_list")).context["filter"].form["sort"]
    assert [value for value, _label in select.field.choices] == ["newest", "oldest"]


def test_openapi_description_is_generated_without_warnings_and_valid(tmp_path):
    # drf-spectacular warns when it has to guess a type; the validation is against the
    # OpenAPI 3.1 JSON schema.
    target = tmp_path / "openapi.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/articles/{id}/" in target.read_text()


# Property-based: any values of the described parameters give JSON, never a server error.

ANY_TEXT = st.text(max_size=40)
SLUGS = st.sampled_from(["yangpu", "祝越", "严爱云", "解放日报", "", "atlantis", "%", "'"])


def value_for(schema: dict):
    if schema.get("type") == "array":
        return st.lists(st.one_of(SLUGS, ANY_TEXT), max_size=3)
    if schema.get("format") == "date":
        return st.one_of(st.dates().map(str), ANY_TEXT)
    if schema.get("type") == "boolean":
        return st.sampled_from(["true", "false", "1", "maybe", ""])
    if schema.get("enum"):
        return st.one_of(st.sampled_from(schema["enum"]), ANY_TEXT)
    if schema.get("type") == "integer":
        return st.one_of(st.integers(-5, 200).map(str), ANY_TEXT)
    return ANY_TEXT


DESCRIPTION = SchemaGenerator().get_schema(request=None, public=True)


def queries(path: str):
    parameters = DESCRIPTION["paths"][path]["get"]["parameters"]
    return st.fixed_dictionaries(
        {}, optional={p["name"]: value_for(p["schema"]) for p in parameters}
    )


# Every described list (articles, coverage, people, places) with values for its parameters.
REQUESTS = st.sampled_from([path for path in DESCRIPTION["paths"] if "{" not in path]).flatmap(
    lambda path: st.tuples(st.just(path), queries(path))
)


@hypothesis_settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(call=REQUESTS)
def test_no_parameters_make_the_api_fail(client, seeded, settings, call):
    settings.ARCHIVE_API_RATE = 10**9  # the examples come faster than a polite client
    path, params = call
    response = client.get(path, params)
    assert response.status_code in (200, 400), (path, params, response.content[:300])
    if response.status_code == 200:  # a NUL byte is refused before the API, in plain text
        assert response["Content-Type"] == "application/json"
        assert "results" in response.json()


def test_an_unknown_api_address_is_a_json_404(client, db):
    for path in ["/api/nothing/", "/api/articles/abc/"]:
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert "error" in response.json()
