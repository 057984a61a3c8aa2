"""Reads, called directly on a few rows made with the ORM: the listing selector and the
``published()`` verbs every public page reads through."""

import json

import pytest
from django.db import connection
from django.http import Http404, QueryDict

from archive import selectors
from archive.models import (
    Article,
    ArticleCopy,
    Byline,
    Photo,
    Quote,
)
from archive.search import RELEVANCE_CANDIDATES
from archive.selectors.filters import ArticleFilter

pytestmark = pytest.mark.django_db


def listing(query: str, **options) -> selectors.ArticleListing:
    return selectors.article_listing(params=QueryDict(query), **options)


def titles(result: selectors.ArticleListing) -> list[str]:
    return [article.title for article in result.page_obj]


def test_listing_shows_published_articles_newest_first_with_undated_last(small_archive):
    assert titles(listing("")) == ["社区养老服务升级", "滨江步道贯通"]


def test_listing_searches_marks_the_words_and_counts_facets_of_the_result(small_archive):
    result = listing("q=养老")
    assert titles(result) == ["社区养老服务升级"]
    row = result.page_obj[0]
    assert str(row.headline) == "社区<mark>养老</mark>服务升级"
    assert "<mark>养老</mark>" in str(row.snippet)
    assert [(f.slug, f.count) for f in result.facets["district"]] == [("yangpu", 1)]
    assert [(f.label, f.count) for f in result.facets["reporter"]] == [("祝越", 1)]
    assert result.relevance_cap is not None


def test_listing_parses_the_readers_query_once(small_archive, monkeypatch):
    import archive.search.query

    calls = []
    parse = archive.search.query.parse_query
    monkeypatch.setattr(
        archive.search.query, "parse_query", lambda text: calls.append(text) or parse(text)
    )
    result = listing("q=养老&date_from=2022-01-01")
    assert titles(result) == ["社区养老服务升级"]
    assert result.undated_left_out.count == 0
    assert calls == ["养老"]


def test_listing_within_a_scope_and_its_undated_left_out(small_archive):
    scope = selectors.article_list().filter(district_links__district__slug="pudong")
    assert titles(listing("", scope=scope)) == ["滨江步道贯通"]
    left_out = listing("date_from=2020-01-01").undated_left_out
    assert (left_out.count, left_out.query) == (1, "undated=true")


def test_listing_names_an_invalid_value_and_ignores_it(small_archive):
    result = listing("date_from=2022-02-30&district=nowhere")
    assert titles(result) == ["社区养老服务升级", "滨江步道贯通"]
    assert len(result.filter_messages) == 2
    assert any(message.startswith("区：") for message in result.filter_messages)


def test_listing_of_unsearchable_words_says_so(small_archive):
    result = listing("q=！？")
    assert titles(result) == []
    assert "没有可检索的字词" in str(result.filter_messages[-1])


def test_listing_page_out_of_range_is_a_404(small_archive):
    with pytest.raises(Http404):
        listing("page=3")


def test_published_verbs_leave_out_the_parts_of_drafts(small_archive):
    care = small_archive["care"]
    assert [b.article for b in Byline.objects.published()] == [care]
    assert [q.article for q in Quote.objects.published()] == [care]
    assert [p.article for p in Photo.objects.published()] == [care]


def test_people_lists_count_published_work_only(small_archive):
    (reporter,) = selectors.author_list()
    assert (reporter.name, reporter.n_articles, reporter.n_photos) == ("祝越", 1, 1)
    (speaker,) = selectors.speaker_list()
    assert (speaker.n_quotes, speaker.n_articles) == (1, 1)
    assert [p.caption for p in selectors.photo_list()] == ["老人在活动室"]


def test_export_follows_the_listings_filters(small_archive):
    rows = selectors.article_export(params=QueryDict("district=pudong"), limit=10)
    assert [article.title for article in rows] == ["滨江步道贯通"]


@pytest.fixture
def dated_run(db):
    """Articles over three days, two on the middle day, one undated and one draft."""
    from archive.models import Article

    made = []
    for n, day in enumerate(["2022-01-01", "2022-01-02", "2022-01-02", "2022-01-03", None]):
        made.append(
            Article.objects.create(
                title=f"第{n}篇",
                body="正文",
                raw_text="原文",
                source_key=f"run:{n}",
                published_on=day,
                status=Article.Status.PUBLISHED,
            )
        )
    Article.objects.create(
        title="草稿", body="正文", raw_text="原文", source_key="run:draft",
        published_on="2022-01-02", status=Article.Status.DRAFT,
    )  # fmt: skip
    return made


def test_previous_and_next_walk_the_listing_order_and_skip_drafts(dated_run):
    # The listing: newest first, the same day by id, undated last; "older" is the next row down.
    order = [a.title for a in selectors.article_list()]
    assert order == ["第3篇", "第2篇", "第1篇", "第0篇", "第4篇"]
    by_title = {a.title: a for a in dated_run}
    walked = {}
    for title in ["第3篇", "第2篇", "第1篇", "第0篇", "第4篇"]:
        older, newer = selectors.article_neighbours(article=by_title[title])
        walked[title] = (older and older.title, newer and newer.title)
    assert walked == {
        "第3篇": ("第2篇", None),
        "第2篇": ("第1篇", "第3篇"),
        "第1篇": ("第0篇", "第2篇"),
        "第0篇": (None, "第1篇"),
        "第4篇": (None, "第0篇"),
    }


def test_previous_and_next_are_index_range_scans_on_postgresql(dated_run):
    """At a million articles an OR of date conditions scanned the whole index (3.2 s a page);
    a row comparison on (published_on, id) reads the (status, date, id) index from the
    article's position, in order: no sort, one step."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the plan is PostgreSQL's")
    import datetime

    from archive.models import Article

    # Enough rows, with statistics, that the planner chooses as it would on a real archive.
    start = datetime.date(2000, 1, 1)
    Article.objects.bulk_create(
        Article(
            title=f"填充{n}",
            body="正文",
            raw_text="原文",
            source_key=f"fill:{n}",
            published_on=start + datetime.timedelta(days=n % 3000),
            status=Article.Status.PUBLISHED,
        )
        for n in range(5000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_article")
    for article in dated_run:
        older, newer = selectors.article_neighbour_queries(article=article)
        for queryset in [*older, *newer]:
            plan = queryset[:1].explain()
            conditions = [line for line in plan.splitlines() if "Index Cond" in line]
            assert conditions and "Sort" not in plan, plan  # read in order, from a position
            if article.published_on is not None:
                assert "ROW(published_on, id)" in conditions[0], plan


def test_the_authors_index_counts_as_before_with_a_constant_number_of_queries(
    seeded, django_assert_max_num_queries
):
    """Counts by subquery, roles for the page's rows in one grouped query: the same numbers as
    the joined-and-grouped count, which took 1.2 s at 10,000 articles."""
    from django.db.models import Count, Q

    from archive.models import Author, Role

    published = Q(bylines__article__status="published")
    expected = {
        author.name: (
            author.n_articles,
            author.n_photos,
            {role.value: getattr(author, f"n_{role.value}") for role in Role},
        )
        for author in Author.objects.annotate(
            n_articles=Count("bylines__article", filter=published, distinct=True),
            n_photos=Count("photos", filter=Q(photos__article__status="published"), distinct=True),
            **{
                f"n_{role.value}": Count(
                    "bylines", filter=published & Q(bylines__role=role), distinct=True
                )
                for role in Role
            },
        )
    }
    with django_assert_max_num_queries(2):
        authors = list(selectors.author_list())
        selectors.author_role_counts(authors)
    assert authors, "the seeds have authors"
    for author in authors:
        roles = {role.value: getattr(author, f"n_{role.value}") for role in Role}
        assert (author.n_articles, author.n_photos, roles) == expected[author.name], author.name
    ordered = [(-a.n_articles, a.name) for a in authors]
    assert ordered == sorted(ordered)


def test_a_search_by_field_alone_finds_without_saying_nothing_was_searchable(small_archive):
    # 作者:, 区:, 版: match records, not words: nothing to mark, but nothing unsearchable either.
    for query in ["q=作者:祝越", "q=区:杨浦", "q=作者:祝越 OR 区:浦东"]:
        result = listing(query)
        assert titles(result), query
        assert result.filter_messages == [], query
    assert listing("q=！？").filter_messages  # nothing searchable at all: said so


def test_related_articles_share_the_most_people_and_places_newest_first_in_two_queries(
    db, django_assert_max_num_queries
):
    from archive.models import ArticleDistrict, Author, District
    from tests.conftest import make_article

    yangpu, pudong = District.objects.get(slug="yangpu"), District.objects.get(slug="pudong")
    fang, li, wang = (Author.objects.create(name=n, slug=n) for n in ("方圆", "李想", "王强"))

    def article(title, day, authors=(), districts=(), **options):
        made = make_article(title, title, day=day, **options)
        for author in authors:
            Byline.objects.create(article=made, author=author)
        for district in districts:
            ArticleDistrict.objects.create(article=made, district=district)
        return made

    this = article("这一篇", "2021-01-01", [fang, li], [yangpu])
    article("三处相同", "2015-01-01", [fang, li], [yangpu])
    article("一处相同较新", "2022-01-01", [wang], [yangpu])
    article("一处相同较旧", "2019-01-01", [li], [pudong])
    article("两处相同无日期", None, [fang], [yangpu])
    article("毫不相干", "2022-06-01", [wang], [pudong])
    article("草稿", "2022-01-02", [fang, li], [yangpu], status="draft")
    this = selectors.article_get(pk=this.pk)
    with django_assert_max_num_queries(2):
        related = selectors.article_related(article=this)
    assert [a.title for a in related] == [
        "三处相同",
        "两处相同无日期",
        "一处相同较新",
        "一处相同较旧",
    ]


def test_related_articles_are_drawn_from_each_persons_articles_nearest_to_this_one(db, monkeypatch):
    from archive.models import Author
    from tests.conftest import make_article

    monkeypatch.setattr(selectors.articles, "RELATED_WINDOW", 1)  # one article on each side
    fang = Author.objects.create(name="方圆", slug="方圆")
    made = {}
    for title, day in [
        ("远的旧文", "2020-01-01"),
        ("近的旧文", "2020-02-01"),
        ("这一篇", "2020-03-01"),
        ("近的新文", "2020-04-01"),
        ("远的新文", "2020-05-01"),
    ]:
        made[title] = make_article(title, title, day=day)
        Byline.objects.create(article=made[title], author=fang)
    this = selectors.article_get(pk=made["这一篇"].pk)
    related = selectors.article_related(article=this)
    assert [a.title for a in related] == ["近的新文", "近的旧文"]  # newest first among equals


def test_speakers_by_latest_quote_are_read_in_order_from_an_index():
    """/speakers/?sort=recent sorted every speaker's row per request (23 ms at a million
    articles, 43,000 speakers); a partial index in that order reads the first page's rows."""
    import datetime

    from django.db import connection

    from archive.models import Speaker

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL index (SQLite sorts NULLs last in DESC without one)")
    start = datetime.date(2000, 1, 1)
    Speaker.objects.bulk_create(
        Speaker(
            name=f"发言人{n}",
            slug=f"speaker-{n}",
            quote_count=n % 4,
            article_count=n % 7,
            last_text="话" if n % 4 else "",
            last_quoted_on=start + datetime.timedelta(days=n % 3000) if n % 9 else None,
        )
        for n in range(5000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE archive_speaker")
    plan = selectors.speaker_list(sort="recent")[:60].explain()
    assert "speaker_latest" in plan and "Sort" not in plan, plan


# The facets' plan on a table the size of a real archive ----------------------------------------

BIG_ARCHIVE_SQL = """
INSERT INTO archive_publication (name, slug)
    SELECT '报' || p, 'paper-' || p FROM generate_series(1, 13) p;
INSERT INTO archive_author (name, slug, note, created_at, updated_at, article_count,
                            photo_count, role_counts)
    SELECT '记者' || a, 'reporter-' || a, '', now(), now(), 0, 0, '{}'
    FROM generate_series(1, 2000) a;
INSERT INTO archive_speaker (name, slug, note, created_at, updated_at, article_count,
                             last_text, last_title, quote_count)
    SELECT '说话人' || s, 'speaker-' || s, '', now(), now(), 0, '', '', 0
    FROM generate_series(1, 5000) s;
INSERT INTO archive_article (title, kicker, subtitle, "column", page, published_on,
        original_title, body, sections, raw_text, source_name, source_key, status, created_at,
        updated_at, publication_id, import_checksum, search_vector, search_chars)
    SELECT '标题' || i, '', '', '', '1', date '2004-01-01' + mod(i, 7300), '',
        CASE WHEN mod(i, 5) < 2 THEN '上海新闻' ELSE '新闻' END, '[]', '', '',
        'big-' || i, 'published', now(), now(),
        CASE WHEN mod(i, 1000) = 0 THEN (SELECT min(id) FROM archive_publication) END, '',
        CASE WHEN mod(i, 5) < 2 THEN '上海:1 新闻:2' ELSE '新闻:1' END::tsvector,
        CASE WHEN mod(i, 5) < 2 THEN '上海 海新 新闻 闻' ELSE '新闻 闻' END::tsvector
    FROM generate_series(1, %(articles)s) i;
INSERT INTO archive_byline (role, position, article_id, author_id)
    SELECT 'reporter', 0, a.id, (SELECT min(id) FROM archive_author) + mod(a.id, 2000)
    FROM archive_article a;
INSERT INTO archive_quote (title, text, direct, position, article_id, speaker_id)
    SELECT '', '', true, 0, a.id, (SELECT min(id) FROM archive_speaker) + mod(a.id, 5000)
    FROM archive_article a WHERE mod(a.id, 3) = 0;
INSERT INTO archive_articledistrict (mentions, former_name, article_id, district_id)
    SELECT 1, '', a.id, (SELECT min(id) FROM archive_district) + mod(a.id, 16)
    FROM archive_article a;
ANALYZE archive_publication, archive_author, archive_speaker, archive_article, archive_byline,
    archive_quote, archive_articledistrict;
"""


def plan_nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def rows_read(node: dict) -> int:
    """The rows a node of EXPLAIN ANALYZE handled: those it passed on and those it dropped."""
    removed = (
        "Rows Removed by Filter",
        "Rows Removed by Join Filter",
        "Rows Removed by Index Recheck",
    )
    kept = node["Actual Rows"] * node["Actual Loops"]
    return kept + sum(node.get(key, 0) * node["Actual Loops"] for key in removed)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_a_common_words_facets_read_the_candidates_rows_by_index_never_a_whole_table():
    """150,000 articles, a word in 40 % of them, few with a paper: the facets of its 500
    candidates, with the search as a subquery of each branch, were planned as a merge join
    walking every article (1.6 s at 150,000 imported articles)."""
    with connection.cursor() as cursor:
        cursor.execute(BIG_ARCHIVE_SQL % {"articles": 150_000})
    articles = ArticleFilter(QueryDict("q=上海"), queryset=selectors.article_list()).qs
    ids = selectors.facet_ids(articles, count=articles.count())
    assert len(ids) == RELEVANCE_CANDIDATES
    facets = selectors.facet_rows(ids)
    assert "@@" not in str(facets.query)  # the search ran once, before
    plan = json.loads(facets.explain(format="json", analyze=True))
    read = {
        (node["Node Type"], node.get("Relation Name")): rows_read(node)
        for node in plan_nodes(plan[0]["Plan"])
    }
    assert max(read.values()) <= 10 * selectors.FACET_SAMPLE, read  # of 150,000 articles
    found = selectors.facets._article_facets(articles, count=len(ids))
    assert sum(facet.count for facet in found["district"]) == RELEVANCE_CANDIDATES
    assert [facet.count for facet in found["reporter"]] == [1] * selectors.FACET_MORE
    with_paper = Article.objects.filter(pk__in=ids, publication__isnull=False).count()
    assert sum(facet.count for facet in found["publication"]) == with_paper


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_a_storys_copies_are_read_by_index_never_by_walking_every_article():
    """150,000 articles: the copies of one story joined the links with an OR, which PostgreSQL
    planned as a walk of every article (150 ms an article page, the long tail's largest
    part)."""
    with connection.cursor() as cursor:
        cursor.execute(BIG_ARCHIVE_SQL % {"articles": 150_000})
    first, *later = Article.objects.order_by("pk").values_list("pk", flat=True)[1000:1003]
    ArticleCopy.objects.bulk_create(
        ArticleCopy(article_id=pk, original_id=first, similarity=0.9) for pk in later
    )
    article = selectors.article_get(pk=later[0])
    copies = selectors.story_copies(article=article)
    assert sorted(copy.pk for copy in copies) == sorted([first, later[1]])
    plan = json.loads(copies.explain(format="json", analyze=True))
    read = [rows_read(node) for node in plan_nodes(plan[0]["Plan"])]
    assert max(read) <= 100, read  # of 150,000 articles
