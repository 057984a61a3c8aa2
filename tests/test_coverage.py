"""Coverage over time: articles per month or year for the current filters and search, drawn as
SVG with a table beside it, and the same counts as CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from archive import selectors
from archive.models import Article, District, Speaker
from archive.services import file_import
from archive.web import charts

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())
    days = ["2022-01-05", "2022-01-20", "2022-03-01", "2022-04-02", "2022-04-03"]
    for article, day in zip(Article.objects.order_by("id"), days, strict=False):
        Article.objects.filter(pk=article.pk).update(published_on=day)


def dated_article(day: str, index: int) -> Article:
    return Article.objects.create(
        title=f"文章{index}",
        body="正文",
        raw_text="原文",
        source_key=f"coverage:{index}",
        published_on=day,
        status=Article.Status.PUBLISHED,
    )


def test_months_without_articles_are_zero_and_long_spans_go_by_year(db):
    for index, day in enumerate(["2020-01-10", "2020-03-01", "2020-03-31"]):
        dated_article(day, index)
    series = selectors.article_coverage(Article.objects.all())
    assert series.interval == "month"
    assert series.labelled == [("2020-01", 1), ("2020-02", 0), ("2020-03", 2)]
    dated_article("2023-06-01", 9)  # 42 months from the first
    series = selectors.article_coverage(Article.objects.all())
    assert series.interval == "year"
    assert series.labelled == [("2020", 3), ("2021", 0), ("2022", 0), ("2023", 1)]
    assert selectors.article_coverage(Article.objects.all(), interval="month").rows[-1] == (
        datetime.date(2023, 6, 1),
        1,
    )
    assert selectors.article_coverage(Article.objects.none()).rows == []


def test_the_listing_chart_counts_every_match_of_a_relevance_search(client, seeded, monkeypatch):
    import archive.search

    monkeypatch.setattr(archive.search, "RELEVANCE_CANDIDATES", 1)  # ranks the newest match only
    response = client.get(reverse("archive:article_list"), {"q": "上海"})
    every = client.get(reverse("archive:article_list"), {"q": "上海", "sort": "newest"})
    dated = [a for a in every.context["page_obj"] if a.published_on]
    assert len(dated) > 1
    assert response.context["coverage"].total == len(dated)


def test_a_district_page_draws_its_coverage_with_a_table_and_no_inline_style(client, seeded):
    yangpu = District.objects.get(slug="yangpu")
    in_yangpu = Article.objects.filter(district_links__district=yangpu).order_by("id")
    for month, article in enumerate(in_yangpu[:3], start=2):
        Article.objects.filter(pk=article.pk).update(published_on=f"2022-{month:02}-01")
    response = client.get(yangpu.get_absolute_url(), {"interval": "month"})
    expected = Article.objects.filter(district_links__district=yangpu, published_on__isnull=False)
    series = response.context["coverage"]
    assert series.total == expected.count() > 0
    html = response.content.decode()
    assert '<section class="coverage"' in html and "<svg" in html
    for label, count in series.labelled:
        assert f'<tr><th scope="row">{label}</th><td>{count}</td></tr>' in html
    assert "style=" not in html
    by_year = client.get(yangpu.get_absolute_url(), {"interval": "year"}).context["coverage"]
    assert by_year.labelled == [("2022", expected.count())]


def test_an_unknown_interval_is_a_message_on_the_page_and_a_400_for_the_csv(client, seeded):
    response = client.get(reverse("archive:article_list"), {"interval": "week"})
    assert response.status_code == 200
    assert "时间单位只能是“月”或“年”，已自动选择。" in response.context["filter_messages"]
    assert client.get(reverse("archive:article_coverage"), {"interval": "week"}).status_code == 400


def test_coverage_csv_has_the_charts_counts_for_the_pages_own_filter(client, seeded):
    url = reverse("archive:district_coverage", args=["yangpu"])
    response = client.get(url, {"interval": "month"})
    text = response.content.decode()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    page = client.get(reverse("archive:district_detail", args=["yangpu"]), {"interval": "month"})
    assert rows[0] == ["month", "articles"]
    assert [(label, int(n)) for label, n in rows[1:]] == page.context["coverage"].labelled


def test_a_speakers_page_charts_the_articles_quoting_them(client, seeded):
    speaker = Speaker.objects.filter(quotes__article__published_on__isnull=False).first()
    response = client.get(speaker.get_absolute_url())
    expected = Article.objects.filter(quotes__speaker=speaker, published_on__isnull=False)
    assert response.context["coverage"].total == expected.distinct().count()


def test_a_long_timeline_labels_a_few_periods_and_stays_chart_wide():
    rows = [(f"{2000 + i // 12}-{i % 12 + 1:02}", i) for i in range(120)]
    chart = charts.timeline(rows, title="每月文章数")
    labels = [bar.label_text for bar in chart.bars if bar.label_text]
    assert len(labels) <= charts.TIMELINE_LABELS and labels[0] == "2000-01"
    assert chart.width <= charts.TIMELINE_WIDTH
    assert all(bar.value_text == "" for bar in chart.bars)  # too narrow to print values
    assert chart.bars[-1].height == charts.COLUMN_CHART_HEIGHT - 44  # the largest is full height


# A large listing's chart follows its page -------------------------------------------------------


def test_a_large_listing_comes_first_and_its_chart_follows_from_its_own_address(
    client, seeded, monkeypatch
):
    monkeypatch.setattr(selectors.coverage, "coverage_later", lambda articles, **options: True)
    listing = client.get(reverse("archive:article_list"), {"q": "上海", "page": 1})
    html = listing.content.decode()
    assert "coverage" not in listing.context
    section = reverse("archive:article_coverage_section")
    assert f'data-later="{section}?q=%E4%B8%8A%E6%B5%B7"' in html
    assert "archive/coverage.js" in html and "<svg" not in html
    # What the script fetches: the same chart the page would have drawn.
    monkeypatch.undo()
    fragment = client.get(section, {"q": "上海"})
    assert fragment.status_code == 200
    drawn = client.get(reverse("archive:article_list"), {"q": "上海"})
    assert fragment.context["coverage"] == drawn.context["coverage"]
    assert fragment.content.decode().lstrip().startswith('<section class="coverage"')
    assert "<svg" in fragment.content.decode()


def test_a_refused_interval_is_not_passed_on_to_the_chart_that_follows(client, seeded, monkeypatch):
    monkeypatch.setattr(selectors.coverage, "coverage_later", lambda articles, **options: True)
    listing = client.get(reverse("archive:article_list"), {"q": "上海", "interval": "week"})
    html = listing.content.decode()
    section = reverse("archive:article_coverage_section")
    assert f'data-later="{section}?q=%E4%B8%8A%E6%B5%B7"' in html
    assert "interval=week" not in html.split('class="coverage"')[1].split("</section>")[0]
    monkeypatch.undo()
    assert client.get(section, {"q": "上海"}).status_code == 200


def test_without_scripts_a_reader_asks_the_page_to_count_its_chart(client, seeded, monkeypatch):
    monkeypatch.setattr(selectors.coverage, "coverage_later", lambda articles, **options: True)
    response = client.get(reverse("archive:article_list"), {"q": "上海", "chart": "now"})
    assert response.context["coverage"].total > 0
    assert "<svg" in response.content.decode()


def test_a_chart_section_for_an_unknown_interval_or_person_is_a_400_or_404(client, seeded):
    section = reverse("archive:article_coverage_section")
    assert client.get(section, {"interval": "week"}).status_code == 400
    unknown = reverse("archive:author_coverage_section", args=["nobody-at-all"])
    assert client.get(unknown).status_code == 404


def test_only_a_large_uncounted_listing_leaves_its_chart_for_later(seeded, monkeypatch):
    from django.db import connection

    everything = Article.objects.all()
    assert not selectors.coverage_later(everything)  # five articles: counted with the page
    monkeypatch.setattr(selectors.coverage, "COVERAGE_INLINE_UP_TO", 0)
    # The planner's estimate says "large" on PostgreSQL; SQLite has none and always counts.
    assert selectors.coverage_later(everything) == (connection.vendor == "postgresql")
    selectors.listing_coverage(everything)  # counted once, it is remembered until a change
    assert not selectors.coverage_later(everything)


def test_a_listing_that_counted_its_few_matches_asks_nothing_more(seeded, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(selectors.coverage, "COVERAGE_INLINE_UP_TO", 10)
    with CaptureQueriesContext(connection) as queries:
        assert not selectors.coverage_later(Article.objects.all(), size=5)
    assert len(queries) == 0


def test_a_listing_makes_its_charts_key_once(client, seeded, monkeypatch):
    """Whether the chart follows and the chart itself share one key: the result's SQL is
    compiled once for both (the page's own queries are the hot path)."""
    made = []
    key = selectors.coverage.figures_key
    monkeypatch.setattr(
        selectors.coverage,
        "figures_key",
        lambda name, *a, **k: made.append(name) or key(name, *a, **k),
    )
    monkeypatch.setattr(selectors.coverage, "COVERAGE_INLINE_UP_TO", -1)  # every listing may defer
    client.get(reverse("archive:article_list"), {"q": "上海", "chart": "now"})  # counted
    made.clear()
    response = client.get(reverse("archive:article_list"), {"q": "上海"})
    assert response.context["coverage"].total > 0  # known now: drawn with the page
    assert made.count("coverage") == 1
