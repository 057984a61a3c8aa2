"""The public pages, with the seed pages imported: right articles, no 500s, constant queries."""

import csv
import io
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from archive.models import Article, ArticleDistrict, Author, Byline, District, Photo, Role, Speaker

pytestmark = pytest.mark.django_db


def titles(response):
    return {article.title for article in response.context["page_obj"]}


def test_district_page_and_filter_list_exactly_the_articles_that_mention_it(client, seeded):
    yangpu = District.objects.get(slug="yangpu")
    expected = set(
        Article.objects.filter(district_links__district=yangpu).values_list("title", flat=True)
    )
    assert len(expected) == 4
    assert titles(client.get(reverse("archive:article_list"), {"district": "yangpu"})) == expected
    assert titles(client.get(yangpu.get_absolute_url())) == expected


@pytest.mark.parametrize(
    "walk_above,probe_above",
    [(1000, 10_000), (0, 10_000), (0, 0)],  # from their rows; walking the dates; probing each
)
def test_each_reporter_page_lists_exactly_their_articles(
    client, seeded, monkeypatch, walk_above, probe_above
):
    from archive import selectors

    monkeypatch.setattr(selectors.people, "WALK_ABOVE", walk_above)
    monkeypatch.setattr(selectors.people, "PROBE_ABOVE", probe_above)
    for author in Author.objects.all():
        expected = set(
            Article.objects.filter(bylines__author=author).values_list("title", flat=True)
        ) | set(Article.objects.filter(photos__photographer=author).values_list("title", flat=True))
        response = client.get(author.get_absolute_url())
        assert titles(response) == expected, author.name
        dated = Article.objects.filter(title__in=expected, published_on__isnull=False).count()
        assert response.context["coverage"].total == dated, author.name
        assert response.context["page_obj"].paginator.count == len(expected), author.name


def test_a_very_prolific_reporter_is_asked_of_each_article_not_hashed_first(seeded, monkeypatch):
    """Past PROBE_ABOVE, PostgreSQL would hash all of a reporter's bylines (170,784 of them:
    80 ms) before reading a page; OFFSET 0 keeps each EXISTS a probe of one article's rows."""
    from archive import selectors

    author = Author.objects.first()
    monkeypatch.setattr(selectors.people, "WALK_ABOVE", 0)
    monkeypatch.setattr(selectors.people, "PROBE_ABOVE", 10_000)
    probes = str(selectors.article_list().query).count("OFFSET 0")  # has_photo's
    assert str(selectors.person_articles(person=author).query).count("OFFSET 0") == probes
    monkeypatch.setattr(selectors.people, "PROBE_ABOVE", 0)
    assert str(selectors.person_articles(person=author).query).count("OFFSET 0") == probes + 2


def test_a_listing_row_asks_of_itself_whether_it_has_a_photo(seeded):
    """Whatever the LIMIT, PostgreSQL hashed every photo to answer "has a photo" for a page's
    twenty rows (9 ms at 250,000 articles, for every listing); the probe asks only of those."""
    from archive import selectors

    sql = str(selectors.article_list().query)
    assert sql.count("OFFSET 0") == 1
    assert sql.index("OFFSET 0") > sql.index('FROM "archive_photo"')
    with_photo = {a.pk for a in selectors.article_list() if a.has_photo}
    assert with_photo == set(Photo.objects.values_list("article_id", flat=True)) != set()


def test_every_seed_article_page_shows_its_bylines_credits_and_speakers(client, seeded):
    for article in Article.objects.all():
        html = client.get(article.get_absolute_url()).content.decode()
        for byline in article.bylines.all():
            assert f'href="{byline.author.get_absolute_url()}">{byline.author.name}</a>' in html
        for photo in article.photos.all():
            assert photo.credit in html
            if photo.photographer:
                assert (
                    f'<a href="{photo.photographer.get_absolute_url()}">{photo.credit}</a>' in html
                )
        for quote in article.quotes.all():
            assert f'href="{quote.speaker.get_absolute_url()}">{quote.speaker.name}</a>' in html
            assert quote.title in html


def test_filters_combine_reporter_district_and_dates(client, seeded):
    url = reverse("archive:article_list")
    zhu = Author.objects.get(name="祝越")
    assert titles(client.get(url, {"reporter": zhu.slug})) == {
        "原原本本学扎扎实实干,拿出实招硬招新招",
        "肩负新使命迈上新征程,把宏伟蓝图化作美好现实",
    }
    both = client.get(url, {"reporter": zhu.slug, "district": "pudong"})
    assert titles(both) == {"肩负新使命迈上新征程,把宏伟蓝图化作美好现实"}
    two_districts = client.get(url + "?district=yangpu&district=chongming")
    assert len(titles(two_districts)) == 6
    Article.objects.filter(title__startswith="肩负").update(published_on="2022-06-28")
    dated = client.get(url, {"date_from": "2022-01-01", "date_to": "2022-12-31"})
    assert titles(dated) == {"肩负新使命迈上新征程,把宏伟蓝图化作美好现实"}


def test_facets_count_the_current_result_set(client, seeded):
    response = client.get(reverse("archive:article_list"), {"district": "yangpu"})
    districts = {facet.slug: facet.count for facet in response.context["facets"]["district"]}
    assert districts["yangpu"] == 4
    reporters = {facet.label: facet.count for facet in response.context["facets"]["reporter"]}
    assert reporters == {"杨晓梅": 2, "毛信慧": 1, "成佳佳": 1}


def test_active_filters_are_removable_chips_and_pagination_keeps_them(client, seeded):
    html = client.get(
        reverse("archive:article_list") + "?district=yangpu&district=pudong&q=建设"
    ).content.decode()
    assert (
        'href="?district=pudong&amp;q=%E5%BB%BA%E8%AE%BE"' in html
    )  # the chip that removes 杨浦区
    assert "区：杨浦区" in html and "关键词：建设" in html


@pytest.mark.parametrize(
    "query",
    [
        "?district=nowhere",
        "?reporter=nobody&district=yangpu",
        "?date_from=2022-13-45",
        "?date_to=yesterday",
        "?has_photos=maybe",
        "?sort=sideways",
        "?publication=none",
        "?q=" + "长" * 1000,
        "?q=%27%22%3C%3E%5C",
    ],
)
def test_invalid_filter_values_show_a_message_not_an_error(client, seeded, query):
    response = client.get(reverse("archive:article_list") + query)
    assert response.status_code == 200


def test_invalid_value_is_named_on_the_page_and_other_filters_still_apply(client, seeded):
    response = client.get(
        reverse("archive:article_list"),
        {"district": ["nowhere"], "reporter": Author.objects.get(name="杨晓梅").slug},
    )
    assert any("区" in message for message in response.context["filter_messages"])
    assert len(titles(response)) == 2


@pytest.mark.parametrize("page", ["99", "abc", "-1", "0"])
def test_page_out_of_range_is_404(client, seeded, page):
    assert client.get(reverse("archive:article_list"), {"page": page}).status_code == 404


def test_empty_result_says_how_to_widen_the_search(client, seeded):
    html = client.get(reverse("archive:article_list"), {"q": "不存在的词语组合"}).content.decode()
    assert "没有符合条件的文章" in html


def test_only_published_articles_are_public(client, seeded):
    draft = Article.objects.first()
    draft.status = Article.Status.DRAFT
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in titles(client.get(reverse("archive:article_list")))
    assert draft.title not in client.get(reverse("archive:feed")).content.decode()


def test_article_page_has_related_and_neighbours(client, seeded):
    article = Article.objects.get(title__startswith="科技绣花针")
    response = client.get(article.get_absolute_url())
    assert response.context["related"]
    assert article not in response.context["related"]
    assert response.context["older"] or response.context["newer"]


def test_speaker_page_shows_each_quote_with_the_title_printed(client, seeded):
    speaker = Speaker.objects.get(name="江波")
    response = client.get(speaker.get_absolute_url())
    quotes = list(response.context["page_obj"])
    assert len(quotes) == 2
    assert all(quote.title.endswith("党委书记") for quote in quotes)


def test_district_index_has_all_16_with_a_chart(client, seeded):
    response = client.get(reverse("archive:district_list"))
    assert len(response.context["districts"]) == 16
    html = response.content.decode()
    assert html.count('class="chart-bar"') == 16
    assert "<svg" in html


def test_author_page_has_districts_covered_and_a_coverage_chart(client, seeded):
    Article.objects.update(published_on="2022-06-28")
    author = Author.objects.get(name="杨晓梅")
    response = client.get(author.get_absolute_url())
    assert [facet.label for facet in response.context["facets"]["district"]] == ["杨浦区"]
    bars = response.context["coverage_chart"].bars
    assert [(bar.label, bar.value) for bar in bars] == [("2022-06", 2)]


def test_author_index_counts_by_role(client, seeded):
    response = client.get(reverse("archive:author_list"))
    rows = {author.name: author for author in response.context["page_obj"]}
    assert rows["徐晶卉"].n_compiler == 1 and rows["徐晶卉"].n_reporter == 0
    assert rows["祝越"].n_reporter == 2
    assert rows["张伊辰"].n_photos == 1


def test_photo_gallery_filters_by_photographer_and_district(client, seeded):
    url = reverse("archive:photo_list")
    assert client.get(url).context["page_obj"].paginator.count == Photo.objects.count()
    lengmei = Author.objects.get(name="冷梅")
    assert [
        p.credit for p in client.get(url, {"photographer": lengmei.slug}).context["page_obj"]
    ] == ["青年报资料图 记者 冷梅 摄"]
    assert client.get(url, {"district": "yangpu"}).context["page_obj"].paginator.count == 1
    assert client.get(url, {"photographer": "nobody"}).status_code == 200


def test_csv_export_follows_the_filters(client, seeded):
    response = client.get(reverse("archive:article_export"), {"district": "yangpu"})
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("id,date,publication")
    assert len(lines) == 5


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_as_a_formula_are_neutralised(client, start):
    formula = f'{start}HYPERLINK("http://evil.example/","点这里")'
    article = Article.objects.create(
        title=formula,
        body="正文",
        source_key="x:1",
        status=Article.Status.PUBLISHED,
        page=f"{start}1+1",
    )
    article.bylines.create(author=Author.objects.create(name=formula, slug="evil"), role="reporter")
    response = client.get(reverse("archive:article_export"))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    row = next(csv.reader(io.StringIO(content[content.index("\n") + 1 :])))
    assert row[3:6] == [f"'{start}1+1", "'" + formula, "'" + formula]
    assert row[0] == str(article.pk)


def test_csv_keeps_ordinary_text_and_negative_looking_dates_as_they_are(client, seeded):
    content = b"".join(client.get(reverse("archive:article_export")).streaming_content)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1:]
    assert not any(cell.startswith("'") for row in rows for cell in row)
    assert {row[4] for row in rows} == set(Article.objects.values_list("title", flat=True))


def test_the_feed_carries_article_text_as_text_not_markup(client):
    Article.objects.create(
        title="标题",
        body='<img src=x onerror="alert(1)"> 正文 & <b>加粗</b>',
        source_key="x:1",
        status=Article.Status.PUBLISHED,
    )
    feed = ElementTree.fromstring(client.get(reverse("archive:feed")).content)
    description = feed.find("channel/item/description").text
    # A feed reader decodes the XML, then renders the description as HTML: it must show text.
    assert (
        description
        == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; 正文 &amp; &lt;b&gt;加粗&lt;/b&gt;"
    )


def test_merged_authors_old_url_redirects(client, seeded):
    kept = Author.objects.get(name="王宛艺")
    kept.aliases.create(name="王宛芝", slug="王宛芝-old")
    response = client.get(reverse("archive:author_detail", args=["王宛芝-old"]))
    assert response.status_code == 301
    assert response["Location"] == kept.get_absolute_url()


@pytest.mark.parametrize(
    "name",
    [
        "archive:home",
        "archive:article_list",
        "archive:author_list",
        "archive:speaker_list",
        "archive:district_list",
        "archive:photo_list",
    ],
)
def test_listing_pages_use_a_constant_number_of_queries(
    client, django_assert_max_num_queries, name
):
    author = Author.objects.create(name="祝越", slug="祝越")
    speaker = Speaker.objects.create(name="江波", slug="江波")
    yangpu = District.objects.get(slug="yangpu")
    for number in range(45):
        article = Article.objects.create(
            title=f"第{number}篇",
            body="正文",
            raw_text="x",
            source_key=f"k{number}",
            status=Article.Status.PUBLISHED,
        )
        Byline.objects.create(article=article, author=author, role=Role.REPORTER)
        other = Author.objects.create(name=f"记者{number}", slug=f"r{number}")
        Byline.objects.create(article=article, author=other, role=Role.PHOTOGRAPHER, position=1)
        ArticleDistrict.objects.create(article=article, district=yangpu)
        Photo.objects.create(article=article, caption="图", credit="摄", photographer=other)
        article.quotes.create(speaker=speaker, title="主任", text="话")
    with django_assert_max_num_queries(13):
        assert client.get(reverse(name)).status_code == 200


def test_detail_pages_use_a_constant_number_of_queries(
    client, django_assert_max_num_queries, seeded
):
    article = Article.objects.get(title__startswith="肩负")
    with django_assert_max_num_queries(11):  # 10, and the story's other copies (另见)
        client.get(article.get_absolute_url())
    # On PostgreSQL one more: the planner's estimate of the result size (EXPLAIN).
    with django_assert_max_num_queries(13):
        client.get(Author.objects.get(name="祝越").get_absolute_url())
    with django_assert_max_num_queries(13):
        client.get(District.objects.get(slug="yangpu").get_absolute_url())
    with django_assert_max_num_queries(6):
        client.get(Speaker.objects.get(name="江波").get_absolute_url())


def test_very_large_results_show_an_estimate_on_postgresql(client, seeded, monkeypatch):
    from django.db import connection

    from archive.selectors import pagination

    monkeypatch.setattr(pagination, "ESTIMATE_ABOVE", 0)
    response = client.get(reverse("archive:article_list"))
    paginator = response.context["page_obj"].paginator
    if connection.vendor == "postgresql":
        assert paginator.estimated and paginator.count > 0
        assert "约" in response.content.decode()
    else:
        assert not paginator.estimated and paginator.count == 13


def test_search_of_nothing_searchable_says_so(client, seeded):
    response = client.get(reverse("archive:article_list"), {"q": "！！！"})
    assert list(response.context["page_obj"]) == []
    assert any("没有可检索的字词" in str(m) for m in response.context["filter_messages"])


@pytest.mark.parametrize(
    "path",
    [
        "/authors/%00/",
        "/speakers/a%00/",
        "/districts/%00/",
        "/photos/?photographer=%00",
        "/articles/export.csv?q=%00",
        "/articles/?q=%00",
        "/articles/?reporter=%00&speaker=a%00b&publication=%00",
        "/articles/?date_from=0001-01-01&date_to=9999-12-31",
        "/articles/?page=1e9",
    ],
)
def test_control_characters_and_extreme_values_never_fail(client, path):
    # PostgreSQL refuses NUL in a string: it must never reach the database.
    expected = (400,) if "%00" in path else (200, 404)
    assert client.get(path).status_code in expected


def test_nul_in_an_admin_autocomplete_is_a_400(admin_client):
    url = "/admin/autocomplete/?app_label=archive&model_name=byline&field_name=author&term=%00"
    assert admin_client.get(url).status_code == 400


def test_home_overview_is_computed_once_per_few_minutes(
    client, seeded, django_assert_max_num_queries
):
    first = client.get(reverse("archive:home"))
    assert [d.n_articles for d in first.context["districts"] if d.slug == "yangpu"] == [4]
    assert first.context["reporters"][0].name == "杨晓梅"
    with django_assert_max_num_queries(3):  # latest articles only: the overview is cached
        client.get(reverse("archive:home"))


def test_a_date_filter_says_how_many_undated_articles_it_left_out_and_links_to_them(client, seeded):
    url = reverse("archive:article_list")
    Article.objects.filter(title__startswith="肩负").update(published_on="2022-06-28")
    undated_yangpu = Article.objects.filter(
        published_on__isnull=True, district_links__district__slug="yangpu"
    ).count()
    assert undated_yangpu == 4
    page = client.get(url, {"district": "yangpu", "date_from": "2022-01-01", "page": "1"})
    html = page.content.decode()
    assert "日期筛选不包括 4 篇没有日期的文章。" in html
    link = '<a href="?district=yangpu&amp;undated=true" rel="nofollow">查看没有日期的文章</a>'
    assert link in html
    undated = client.get(url + "?district=yangpu&undated=true")
    assert len(titles(undated)) == 4
    assert all(article.published_on is None for article in undated.context["page_obj"])
    assert "无日期：是" in undated.content.decode()  # a removable chip like any other filter


def test_no_date_filter_or_nothing_left_out_says_nothing_about_undated_articles(client, seeded):
    url = reverse("archive:article_list")
    assert "undated-left-out" not in client.get(url).content.decode()
    Article.objects.update(published_on="2022-06-28")
    dated = client.get(url, {"date_to": "2022-12-31"})
    assert dated.context["undated_left_out"].count == 0
    assert "undated-left-out" not in dated.content.decode()


def test_undated_false_lists_only_dated_articles(client, seeded):
    Article.objects.filter(title__startswith="肩负").update(published_on="2022-06-28")
    dated = client.get(reverse("archive:article_list"), {"undated": "false"})
    assert titles(dated) == {"肩负新使命迈上新征程,把宏伟蓝图化作美好现实"}


def test_an_author_page_counts_only_that_authors_undated_articles(client, seeded):
    zhu = Author.objects.get(name="祝越")
    Article.objects.filter(title__startswith="肩负").update(published_on="2022-06-28")
    page = client.get(zhu.get_absolute_url(), {"date_from": "2022-01-01"})
    assert page.context["undated_left_out"].count == 1  # 原原本本学…, undated
    assert '<a href="?undated=true" rel="nofollow">' in page.content.decode()


def test_the_undated_count_costs_one_query_and_revalidates_nothing(client, seeded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Article.objects.filter(title__startswith="肩负").update(published_on="2022-06-28")
    params = {"reporter": Author.objects.get(name="祝越").slug, "q": "上海"}
    with CaptureQueriesContext(connection) as dated:
        page = client.get(reverse("archive:article_list"), params | {"date_from": "2022-01-01"})
    assert len(titles(page)) == 1 and page.context["undated_left_out"].count == 1
    sqls = [query["sql"] for query in dated.captured_queries]
    assert sum('"published_on" IS NULL' in sql for sql in sqls) == 1
    assert sum('"archive_author"."slug" IN' in sql for sql in sqls) == 1  # validated once


def test_undated_left_out_by_a_relevance_search_are_all_counted_and_all_linked(
    client, seeded, monkeypatch
):
    import archive.search.query

    monkeypatch.setattr(
        archive.search.query, "RELEVANCE_CANDIDATES", 1
    )  # ranks only the newest match
    Article.objects.filter(title__startswith="肩负").update(published_on="2022-06-28")
    undated = {a.pk for a in Article.objects.filter(published_on__isnull=True)}
    matching = {
        a.pk
        for a in client.get(
            reverse("archive:article_list"), {"q": "上海", "sort": "oldest"}
        ).context["page_obj"]
    }
    expected = len(matching & undated)
    assert expected > 1
    page = client.get(reverse("archive:article_list"), {"q": "上海", "date_from": "2022-01-01"})
    assert page.context["undated_left_out"].count == expected
    assert page.context["undated_left_out"].query == "q=%E4%B8%8A%E6%B5%B7&undated=true&sort=newest"
    listed = client.get(
        reverse("archive:article_list") + "?" + page.context["undated_left_out"].query
    )
    assert len(titles(listed)) == expected


# At size: deep pages, the figures beside a listing, the queries of each page -----------------


def many_articles(n: int, *, year: int = 2020) -> list[Article]:
    import datetime

    return Article.objects.bulk_create(
        Article(
            title=f"第{number}篇",
            body="正文",
            raw_text="x",
            source_key=f"many{year}:{number}",
            published_on=datetime.date(year, 1 + number % 12, 1),
            status=Article.Status.PUBLISHED,
        )
        for number in range(n)
    )


def test_a_page_past_the_deepest_browsable_asks_to_narrow_the_filters(client, monkeypatch):
    from archive import selectors

    monkeypatch.setattr(selectors.listing, "DEEPEST_PAGE", 2)
    yangpu = District.objects.get(slug="yangpu")
    articles = many_articles(45, year=2019) + many_articles(30, year=2021)
    ArticleDistrict.objects.bulk_create(
        ArticleDistrict(article=a, district=yangpu) for a in articles
    )
    response = client.get(reverse("archive:article_list"), {"page": "3", "district": "yangpu"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "请缩小范围" in html
    assert list(response.context["page_obj"]) == []  # no rows read that deep
    assert 'href="?district=yangpu&amp;date_from=2021-01-01&amp;date_to=2021-12-31"' in html
    assert 'href="?district=yangpu&amp;date_from=2019-01-01&amp;date_to=2019-12-31"' in html
    # The deep end is the shallow end when read from the oldest.
    assert 'href="?page=2&amp;sort=oldest"' in client.get("/articles/?page=3").content.decode()
    assert client.get("/articles/?page=2").context["page_obj"].object_list  # still browsable
    assert client.get("/articles/?page=5").status_code == 404  # past the end: as before
    assert client.get("/articles/?page=x").status_code == 404


def test_a_listings_figures_are_remembered_until_an_article_changes(
    client, seeded, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from archive.ingest.parser import Defaults
    from archive.services import file_import

    settings.ARCHIVE_PAGE_CACHE_SECONDS = 0  # the page is rendered each time; its figures are not

    url = reverse("archive:article_list") + "?district=pudong"
    first = client.get(url)
    with django_assert_max_num_queries(len(first.context["facets"]) + 3) as queries:
        again = client.get(url)
    assert again.context["facets"] == first.context["facets"]
    assert not any("COUNT" in q["sql"] and "district" in q["sql"] for q in queries.captured_queries)
    page = "浦东新闻\n\n■记者 方圆\n\n本报讯 浦东新区今天很热闹。\n"
    with django_capture_on_commit_callbacks(execute=True):  # the import commits: forgotten
        file_import(
            source="new.txt", data=page.encode(), defaults=Defaults(published_on="2021-05-04")
        )
    after = client.get(url)
    assert "浦东新闻" in titles(after)
    reporters = {facet.label for facet in after.context["facets"]["reporter"]}
    assert "方圆" in reporters
    assert (
        after.context["page_obj"].paginator.count == first.context["page_obj"].paginator.count + 1
    )
    assert after.context["coverage"].total == first.context["coverage"].total + 1


@pytest.mark.parametrize(
    "page",
    [
        "/articles/",
        "/articles/?district=yangpu&reporter=祝越&date_from=2020-01-01&date_to=2024-12-31",
        "/articles/?page=1&sort=oldest",
        "/authors/",
        "/authors/祝越/",
        "/speakers/",
        "/speakers/?sort=recent",
        "/speakers/江波/",
        "/districts/",
        "/districts/yangpu/",
        "/",
    ],
)
def test_every_listing_and_people_page_takes_at_most_twelve_queries_cold(
    client, seeded, django_assert_max_num_queries, page
):
    with django_assert_max_num_queries(12):
        assert client.get(page).status_code == 200


def test_a_reporters_facets_come_from_their_own_rows_not_a_walk_of_every_article(
    client, seeded, monkeypatch
):
    """A reporter with 1,300 of a million articles: finding their newest 1,000 for the facets
    by walking the date index asked about 775,000 articles (0.4–0.8 s on a first visit)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from archive import selectors

    author = max(Author.objects.all(), key=lambda a: a.bylines.count())
    monkeypatch.setattr(selectors.people, "WALK_ABOVE", 0)  # their page walks the dates
    monkeypatch.setattr(selectors.facets, "FACET_SAMPLE", 1)  # and more than the sample to count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(author.get_absolute_url())
    newest = [q["sql"] for q in queries.captured_queries if q["sql"].endswith("LIMIT 1")]
    newest = [sql for sql in newest if "published_on" in sql and "ORDER BY" in sql]
    assert newest and all("EXISTS" not in sql for sql in newest), newest
    walked = selectors.facets._article_facets(
        selectors.person_articles(person=author), count=author.bylines.count()
    )
    assert response.context["facets"] == walked


INVENTED_PAGE = """社区花园开放

本报记者 陆晓岚

昨天，街心花园向居民开放。“以后散步有去处了。”居民代表沈佳明说。
"""


def test_a_person_with_nothing_public_left_is_not_found(client, django_capture_on_commit_callbacks):
    """Once a speaker's last quote is deleted, or a reporter's only article unpublished, their
    page, feed and export answer 404 instead of an empty page."""
    from archive.models import Quote
    from archive.services import article_part_delete, article_status_set, file_import

    file_import(source="invented.txt", data=INVENTED_PAGE.encode("utf-8"))
    speaker = Speaker.objects.get(name="沈佳明")
    author = Author.objects.get(name="陆晓岚")
    assert client.get(f"/speakers/{speaker.slug}/").status_code == 200
    assert client.get(f"/authors/{author.slug}/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):  # the stored pages go stale
        article_part_delete(parts=Quote.objects.filter(speaker=speaker))
    for tail in PERSON_PAGES:
        assert client.get(f"/speakers/{speaker.slug}/{tail}").status_code == 404, tail
    assert client.get(f"/authors/{author.slug}/").status_code == 200  # still has the article
    with django_capture_on_commit_callbacks(execute=True):
        article_status_set(articles=Article.objects.all(), status=Article.Status.DRAFT)
    for tail in PERSON_PAGES:
        assert client.get(f"/authors/{author.slug}/{tail}").status_code == 404, tail


PERSON_PAGES = ("", "feed.atom", "export.csv", "coverage.csv", "coverage/")


def test_one_who_wrote_and_photographed_is_credited_once_with_both_roles(client):
    from archive.services import file_import

    page = "河畔步道贯通\n\n本报记者 蒋一帆 祁梦 摄影报道\n\n步道昨天全线贯通，沿线新添了座椅。\n"
    file_import(source="invented.txt", data=page.encode("utf-8"))
    article = Article.objects.get()
    detail = client.get(article.get_absolute_url()).content.decode()
    bylines = detail[detail.index('class="bylines"') :].split("</p>", 1)[0]
    assert bylines.count("蒋一帆") == 1 and bylines.count("祁梦") == 1
    assert "记者、摄影" in bylines
    listing = client.get("/articles/").content.decode()
    row_people = listing[listing.index('class="row-people"') :].split("</span>", 1)[0]
    assert row_people.count("蒋一帆") == 1 and row_people.count("祁梦") == 1
