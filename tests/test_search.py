"""Full-text search on the seed pages: the same articles on SQLite (FTS5) and PostgreSQL (GIN)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from archive.models import Article
from archive.search import highlight, parse_query, search, tsvector_literal
from archive.search.index import pg_quote as _quote
from archive.search.tokens import add_words, search_tokens, words


def found(query):
    return {article.title for article in search(Article.objects.all(), query)}


def with_text(*fragments):
    return {
        article.title
        for article in Article.objects.all()
        if all(
            f in article.title + article.body + article.kicker + article.subtitle for f in fragments
        )
    }


# Tokens and the query language ----------------------------------------------------------------


def test_places_are_one_token_and_also_their_parts():
    tokens = search_tokens("杨浦区五角场街道")
    assert {"杨浦区", "杨浦", "五角场街道", "五角场"} <= set(tokens)


def test_known_names_stay_whole_once_added():
    add_words(["王宛芝"])
    assert "王宛芝" in words("记者王宛芝报道")


def test_query_language_words_phrases_exclusions_and_or():
    query = parse_query('养老 "一网统管" -杨浦 崇明 OR 长宁')
    assert [[term.text for term in clause] for clause in query.clauses] == [
        ["养老"],
        ["一网统管"],
        ["崇明", "长宁"],
    ]
    assert query.clauses[1][0].phrase
    assert [term.text for term in query.excluded] == ["杨浦"]


@pytest.mark.parametrize(
    "text", ["", "   ", "!!!", "&|!:*()'\\", '"', '"""', "OR", "OR OR", "-", '-""', "。，、"]
)
def test_unsearchable_queries_parse_to_nothing(text):
    assert parse_query(text).empty


def test_unmatched_quote_runs_to_the_end_and_long_queries_are_cut():
    assert parse_query('"养老服务').clauses[0][0].text == "养老服务"
    assert len(parse_query("养老 " * 500).clauses) <= 12


def test_tsvector_literal_quotes_tokens_and_weights_fields():
    literal = tsvector_literal(("杨浦", "王宛芝", "it's 杨浦"))
    assert "'杨浦':1A,5C" in literal
    assert "'王宛芝':2B" in literal
    assert _quote("it's") == "'it''s'" and _quote("a\\b") == "'a\\\\b'"


def _reference_literal(fields):
    """The literal spelled out plainly: every token's positions (capped, at most 256 each)."""
    weighted = [(t, w) for w, text in zip("ABC", fields, strict=True) for t in search_tokens(text)]
    marks = {}
    for position, (token, weight) in enumerate(weighted, start=1):
        found = marks.setdefault(token, [])
        if len(found) < 256:
            found.append(f"{min(position, 16383)}{weight}")
    return " ".join(f"{_quote(token)}:{','.join(m)}" for token, m in marks.items())


@pytest.mark.parametrize(
    "fields",
    [
        ("", "", ""),
        ("杨浦", "王宛芝", "it's 杨浦 a\\b 'x' 杨浦"),
        ("标题", "", "养老 服务 " * 300),  # one token far past 256 positions
        ("", "", "上海 浦东 杨浦 " * 6000),  # positions past PostgreSQL's largest
    ],
)
def test_tsvector_literal_matches_the_plain_definition(fields):
    assert tsvector_literal(fields) == _reference_literal(fields)


def test_tsvector_literal_matches_the_plain_definition_on_the_seeds():
    from django.conf import settings

    from archive.ingest.parser import parse_text
    from archive.search.index import parsed_document_fields

    for path in sorted((settings.BASE_DIR / "seeds").glob("*.txt")):
        for parsed in parse_text(path.read_text(encoding="utf-8")):
            fields = parsed_document_fields(parsed)
            assert tsvector_literal(fields) == _reference_literal(fields[:3])


# Results on the seeds, on whichever database the suite runs on --------------------------------


def test_a_speaker_finds_the_party_congress_article(seeded):
    assert found("严爱云") == {"肩负新使命迈上新征程,把宏伟蓝图化作美好现实"}


def test_elderly_care_finds_every_article_about_it(seeded):
    assert found("养老") == with_text("养老")
    assert len(found("养老")) == 6
    assert found("养老床位") == with_text("养老床位")


def test_district_short_name_finds_the_yangpu_articles(seeded):
    assert found("杨浦") == {
        article.title for article in Article.objects.filter(district_links__district__slug="yangpu")
    }


def test_street_and_coined_terms(seeded):
    assert found("五角场") == {"大格局谋发展 高质量抓落实"}
    assert found("一网统管") == with_text("一网统管")


def test_phrase_finds_only_exact_matches(seeded):
    assert found('"养老服务"') == with_text("养老服务")
    assert found('"服务养老"') == set()


def test_exclusion_and_or(seeded):
    assert found("养老 -杨浦") == with_text("养老") - with_text("杨浦")
    assert found("五角场 OR 横沙岛") == with_text("五角场") | with_text("横沙岛")


def test_title_matches_rank_first(seeded):
    results = list(search(Article.objects.all(), "宪法"))
    assert results[0].title == "普及宪法知识 弘扬宪法精神"


def test_reindex_command_rebuilds_the_index(seeded):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("UPDATE archive_article SET search_vector = NULL, search_chars = NULL")
        else:
            cursor.execute("DELETE FROM archive_article_fts")
            cursor.execute("DELETE FROM archive_article_chars")
    assert found("严爱云") == set()
    err = StringIO()
    call_command("reindex_search", "--batch-size", "5", stdout=StringIO(), stderr=err)
    assert "13/13" in err.getvalue()
    assert found("严爱云") == {"肩负新使命迈上新征程,把宏伟蓝图化作美好现实"}


# Highlighting and the pages -------------------------------------------------------------------


def test_highlight_marks_words_and_escapes_html():
    marked = parse_query("养老").highlight_words()
    assert highlight("<b>养老</b>服务", marked) == "&lt;b&gt;<mark>养老</mark>&lt;/b&gt;服务"
    snippet = highlight("前文" * 100 + "养老床位" + "后文" * 100, marked, length=40)
    assert snippet.startswith("…") and "<mark>养老</mark>" in snippet and len(snippet) < 80


def test_listing_search_combines_with_filters_and_marks_snippets(client, seeded):
    response = client.get(reverse("archive:article_list"), {"q": "养老", "district": "yangpu"})
    page = list(response.context["page_obj"])
    assert {a.title for a in page} == with_text("养老") & {
        a.title for a in Article.objects.filter(district_links__district__slug="yangpu")
    }
    assert all("<mark>养老</mark>" in a.snippet for a in page)


def test_search_inside_a_district_page(client, seeded):
    response = client.get(reverse("archive:district_detail", args=["yangpu"]), {"q": "宪法"})
    assert [a.title for a in response.context["page_obj"]] == ["普及宪法知识 弘扬宪法精神"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "长" * 1000, "!!!", "&|!:*()'\\", '"养老', '养老"', "' OR 1=1 --", "-养老", "OR"],
)
def test_bad_queries_never_fail(client, seeded, query):
    response = client.get(reverse("archive:article_list"), {"q": query})
    assert response.status_code == 200


def test_search_listing_queries_stay_constant(client, seeded, django_assert_max_num_queries):
    # The probe for few matches adds a query (and SET/RESET around it on PostgreSQL), the
    # coverage chart one aggregate. A process loads the known names once, before its first
    # search: that happens in the first request, not in the one measured.
    client.get(reverse("archive:article_list"), {"q": "养老"})
    with django_assert_max_num_queries(14):
        client.get(reverse("archive:article_list"), {"q": "养老 OR 杨浦"})


def test_a_name_cut_differently_at_query_time_still_matches(seeded, monkeypatch):
    # A web worker that has not yet learnt a name may cut it 严 / 爱云; the index holds it whole.
    import archive.search.query

    monkeypatch.setattr(
        archive.search.query,
        "words",
        lambda text: ["严", "爱云"] if text == "严爱云" else words(text),
    )
    assert found("严爱云") == {"肩负新使命迈上新征程,把宏伟蓝图化作美好现实"}


def test_search_ready_teaches_the_tokenizer_every_known_name(db, monkeypatch):
    """What gunicorn's master runs before forking, so no worker's first search loads it."""
    from archive.models import Speaker
    from archive.search import query, search_ready

    Speaker.objects.create(name="龚晓鸣", slug="龚晓鸣")
    monkeypatch.setattr(query, "_people_loaded", False)
    search_ready()
    assert "龚晓鸣" in words("龚晓鸣表示")
    assert query._people_loaded


@pytest.mark.parametrize("query", ["上海", "上海 发展", "养老"])
def test_a_word_neither_few_nor_common_ranks_the_same_newest_matches_read_by_the_index(
    seeded, monkeypatch, query
):
    """Between few (pinned) and common (the date index walked), PostgreSQL reads the matches
    through the GIN index and sorts them by date itself: the same candidates, the same order."""
    from django.test.utils import CaptureQueriesContext

    import archive.search.query as search_query

    def ranked():
        with CaptureQueriesContext(connection) as queries:
            found = [a.pk for a in search(Article.objects.all(), query)]
        return found, any("COALESCE" in q["sql"] for q in queries.captured_queries)

    monkeypatch.setattr(search_query, "FEW_MATCHES", 0)  # never few
    monkeypatch.setattr(search_query, "SORTED_UP_TO", -1)  # the date index is walked
    walked, sorted_ = ranked()
    assert walked != [] and not sorted_
    monkeypatch.setattr(search_query, "SORTED_UP_TO", 10**9)  # read through GIN and sorted
    found, sorted_ = ranked()
    assert found == walked
    assert sorted_ == (connection.vendor == "postgresql")  # SQLite has no estimate to go by
    monkeypatch.setattr(search_query, "RELEVANCE_CANDIDATES", 2)  # the newest two, undated last
    newest_sorted, _ = ranked()
    monkeypatch.setattr(search_query, "SORTED_UP_TO", -1)
    assert ranked()[0] == newest_sorted


def test_a_relevance_search_ranks_once_until_the_archive_changes_and_pages_read_by_id(
    client, seeded, settings
):
    """Ranking reads every candidate's search vector; the order it finds is kept as the
    listing's figures are, and each page's rows are then read by id."""
    from django.test.utils import CaptureQueriesContext

    from archive.cache import versions as caching

    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0  # every page rendered again
    url, params = reverse("archive:article_list"), {"q": "上海"}

    def listed() -> tuple[list[str], bool]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        ranked = any(
            name in q["sql"] for q in queries.captured_queries for name in ("ts_rank(", "bm25(")
        )
        return [a.title for a in response.context["page_obj"]], ranked

    first, ranked = listed()
    assert len(first) > 1 and ranked
    assert [a.title for a in search(Article.objects.published(), "上海")][: len(first)] == first
    assert listed() == (first, False)
    caching.archive_changed()
    assert listed() == (first, True)


@pytest.mark.parametrize("sort", ["", "newest"])
def test_a_searchs_probe_for_few_matches_is_asked_once_until_the_archive_changes(
    client, seeded, settings, monkeypatch, sort
):
    """Whether a word has few matches (and which) is the same for every page and every reader
    until the next write: kept as the listing's figures are, not read from the index again.
    The characters' few matches hold the words' too, so those are not probed apart."""
    import archive.search.query as search_query
    from archive.cache import versions as caching

    probed = []
    probe = search_query._probe
    monkeypatch.setattr(search_query, "_probe", lambda *args: probed.append(args) or probe(*args))
    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0  # every page rendered again
    url, params = reverse("archive:article_list"), {"q": "养老", "sort": sort}
    first = [a.title for a in client.get(url, params).context["page_obj"]]
    again = [a.title for a in client.get(url, params).context["page_obj"]]
    assert (len(probed), again) == (1, first) and first
    caching.archive_changed()
    client.get(url, params)
    assert len(probed) == 2
