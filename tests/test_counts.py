"""The stored counts of people and districts (``services.counts``) stay what counting every
published row from scratch gives, after every kind of write."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from archive.models import (
    Article,
    ArticleDistrict,
    Author,
    Byline,
    District,
    Quote,
    Role,
    Speaker,
)
from archive.services import (
    article_delete,
    article_part_delete,
    article_part_save,
    article_save,
    article_status_set,
    author_merge,
    file_import,
    speaker_merge,
)
from archive.services.batches import Source, files_import

pytestmark = pytest.mark.django_db
PUBLISHED = Q(article__status=Article.Status.PUBLISHED)


def from_scratch() -> dict:
    """Every count as the pages used to compute it per request, from the rows themselves."""
    authors = {
        a.pk: (a.n_articles, a.n_photos, {r: n for r in Role if (n := getattr(a, f"n_{r}"))})
        for a in Author.objects.annotate(
            n_articles=Count(
                "bylines__article", filter=Q(bylines__article__status="published"), distinct=True
            ),
            n_photos=Count("photos", filter=Q(photos__article__status="published"), distinct=True),
            **{
                f"n_{role}": Count(
                    "bylines",
                    filter=Q(bylines__article__status="published", bylines__role=role),
                    distinct=True,
                )
                for role in Role
            },
        )
    }
    quotes = sorted(
        Quote.objects.filter(PUBLISHED).select_related("article"),
        key=lambda q: (
            q.article.published_on is None,
            -(q.article.published_on or datetime.date.min).toordinal(),
            -q.article_id,
            q.position,
            q.pk,
        ),
    )
    speakers = {}
    for speaker in Speaker.objects.all():
        own = [q for q in quotes if q.speaker_id == speaker.pk]
        titled = [q for q in own if q.title]
        speakers[speaker.pk] = (
            len({q.article_id for q in own}),
            len(own),
            own[0].text if own else "",
            own[0].article.published_on if own else None,
            titled[0].title if titled else "",
            titled[0].article.published_on if titled else None,
        )
    districts = {
        d.pk: d.n
        for d in District.objects.annotate(
            n=Count("article_links", filter=Q(article_links__article__status="published"))
        )
    }
    return {"authors": authors, "speakers": speakers, "districts": districts}


def stored() -> dict:
    return {
        "authors": {
            a.pk: (a.article_count, a.photo_count, {r: n for r, n in a.role_counts.items() if n})
            for a in Author.objects.all()
        },
        "speakers": {
            s.pk: (
                s.article_count,
                s.quote_count,
                s.last_text,
                s.last_quoted_on,
                s.last_title,
                s.last_titled_on,
            )
            for s in Speaker.objects.all()
        },
        "districts": dict(District.objects.values_list("pk", "article_count")),
    }


def assert_counts_right():
    expected = from_scratch()
    assert stored() == expected
    return expected


def seed_sources(seeds_dir) -> list[Source]:
    return [Source(p.name, p.read_bytes()) for p in sorted(seeds_dir.glob("*.txt"))]


def test_a_batched_import_stores_the_counts_it_wrote(seeds_dir):
    list(files_import(seed_sources(seeds_dir)))
    counts = assert_counts_right()
    assert sum(n for n, _photos, _roles in counts["authors"].values()) >= 15
    assert sum(counts["districts"].values()) > 10
    assert any(title for *_rest, title, _on in counts["speakers"].values())


def test_imports_in_several_runs_add_up_newest_quote_kept_whatever_the_order(seeds_dir):
    # The newest pages first, then older ones: an older quote never replaces a newer one.
    for source in reversed(seed_sources(seeds_dir)):
        list(files_import([source]))
    assert_counts_right()


def test_a_file_by_file_import_stores_the_same_counts(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=path.name, data=path.read_bytes())
    assert_counts_right()


PAGE = (
    "两会召开\n\n■记者 方圆 李想\n\n本报讯 杨浦区委书记赵刚表示，要抓好落实。五角场街道很热闹。\n"
)
LATER = "民生实事\n\n■记者 方圆\n\n本报讯 浦东新区区长赵刚说，办好民生实事。\n"


def import_page(text, day, **options):
    from archive.ingest.parser import Defaults

    defaults = Defaults(publication="杨浦时报", published_on=day)
    return file_import(source=f"{day}.txt", data=text.encode(), defaults=defaults, **options)


def test_counts_written_a_few_rows_a_statement_add_up_the_same(seeds_dir, monkeypatch):
    from archive.services import counts

    monkeypatch.setattr(counts, "UPDATE_BATCH", 2)  # each table's update in many statements
    list(files_import(seed_sources(seeds_dir)))
    assert_counts_right()


def test_an_import_adds_to_the_role_counts_stored_and_keeps_the_others():
    import_page(PAGE, "2020-01-01")
    fang = Author.objects.get(name="方圆")
    Author.objects.filter(pk=fang.pk).update(role_counts={"reporter": 1, "former_role": 4})
    import_page(LATER.replace("■记者 方圆", "■记者 方圆 摄影 方圆"), "2021-05-04")
    fang.refresh_from_db()
    assert (fang.article_count, fang.role_counts) == (
        2,
        {"reporter": 2, "photographer": 1, "former_role": 4},
    )


def test_an_undated_article_replaces_the_latest_quote_only_of_someone_quoted_undated():
    import_page(PAGE, "2020-01-01")
    import_page(LATER, None)
    zhao = Speaker.objects.get(name="赵刚")
    assert (zhao.quote_count, zhao.last_title, zhao.last_quoted_on) == (
        2,
        "杨浦区委书记",
        datetime.date(2020, 1, 1),
    )
    import_page(PAGE.replace("两会召开", "两会闭幕").replace("书记", "副书记"), None)
    import_page(LATER.replace("民生实事", "民生实事二"), None)
    assert_counts_right()


def test_drafts_count_for_nobody_until_published_and_unpublished_again():
    import_page(PAGE, "2020-01-01", status=Article.Status.DRAFT)
    assert Author.objects.get(name="方圆").article_count == 0
    assert_counts_right()
    article_status_set(articles=Article.objects.all(), status=Article.Status.PUBLISHED)
    fang = Author.objects.get(name="方圆")
    assert (fang.article_count, fang.role_counts) == (1, {"reporter": 1})
    assert District.objects.get(slug="yangpu").article_count == 1
    assert_counts_right()
    article_status_set(articles=Article.objects.all(), status=Article.Status.DRAFT)
    assert Author.objects.get(name="方圆").article_count == 0
    assert_counts_right()


def test_the_latest_quote_follows_a_new_article_and_an_edited_date():
    import_page(PAGE, "2020-01-01")
    import_page(LATER, "2021-05-04")
    zhao = Speaker.objects.get(name="赵刚")
    assert (zhao.article_count, zhao.last_quoted_on, zhao.last_title) == (
        2,
        datetime.date(2021, 5, 4),
        "浦东新区区长",
    )
    older = Article.objects.get(title="两会召开")
    older.published_on = datetime.date(2022, 1, 1)
    article_save(article=older)
    zhao.refresh_from_db()
    assert (zhao.last_quoted_on, zhao.last_title) == (datetime.date(2022, 1, 1), "杨浦区委书记")
    assert_counts_right()


def test_deleting_an_article_or_a_quote_counts_down():
    import_page(PAGE, "2020-01-01")
    import_page(LATER, "2021-05-04")
    article_part_delete(parts=list(Quote.objects.filter(article__title="民生实事")))
    assert Speaker.objects.get(name="赵刚").last_title == "杨浦区委书记"
    assert_counts_right()
    article_delete(articles=Article.objects.filter(title="两会召开"))
    assert (Author.objects.get(name="李想").article_count, Speaker.objects.get().quote_count) == (
        0,
        0,
    )
    assert_counts_right()


def test_a_byline_moved_to_someone_else_counts_for_them():
    import_page(PAGE, "2020-01-01")
    byline = Byline.objects.get(author__name="李想")
    byline.author = Author.objects.create(name="王宛芝", slug="wangwanzhi")
    article_part_save(part=byline)
    assert (Author.objects.get(name="李想").article_count, byline.author.article_count) == (0, 0)
    assert Author.objects.get(name="王宛芝").article_count == 1
    assert_counts_right()


def test_merging_people_adds_their_counts_to_the_one_kept():
    import_page(PAGE, "2020-01-01")
    import_page(LATER.replace("方圆", "方园").replace("赵刚", "赵钢"), "2021-05-04")
    author_merge(keep=Author.objects.get(name="方圆"), merged=[Author.objects.get(name="方园")])
    speaker_merge(keep=Speaker.objects.get(name="赵刚"), merged=[Speaker.objects.get(name="赵钢")])
    assert Author.objects.get(name="方圆").article_count == 2
    assert Speaker.objects.get(name="赵刚").quote_count == 2
    assert_counts_right()


def test_a_reimport_that_updates_recounts_who_it_names():
    import_page(PAGE, "2020-01-01")
    import_page(LATER, "2021-05-04")
    assert import_page(PAGE, "2022-01-01", update=True).articles[0][1] == "updated"
    zhao = Speaker.objects.get(name="赵刚")
    assert (zhao.last_quoted_on, zhao.last_title) == (datetime.date(2022, 1, 1), "杨浦区委书记")
    assert_counts_right()


def test_recount_people_repairs_counts_written_around_the_services(seeds_dir):
    list(files_import(seed_sources(seeds_dir)))
    Author.objects.update(article_count=999, role_counts={})
    Speaker.objects.update(last_text="", quote_count=0)
    ArticleDistrict.objects.filter(district__slug="yangpu").delete()
    out = StringIO()
    call_command("recount_people", stdout=out)
    assert_counts_right()
    assert "作者" in out.getvalue()


def test_saving_a_person_edited_in_a_form_keeps_counts_other_writes_made_meanwhile(db):
    from archive.services import person_save

    author = Author.objects.create(name="方圆", slug="fangyuan")
    form_copy = Author.objects.get(pk=author.pk)  # what the editor's form was built from
    Author.objects.filter(pk=author.pk).update(article_count=5)  # an import meanwhile
    form_copy.name = "方 圆"
    person_save(person=form_copy)
    author.refresh_from_db()
    assert (author.name, author.article_count) == ("方 圆", 5)


@pytest.mark.django_db(transaction=True)
def test_a_recount_and_an_import_at_the_same_time_lose_neither_ones_count():
    """An editor's save recounts a district while an import adds its articles to it: whichever
    commits in between, the stored count must come out as counting from scratch gives."""
    import threading

    from django.db import connection, connections, transaction

    from archive.services import counts

    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time")
    district, _ = District.objects.get_or_create(
        slug="yangpu", defaults={"code": "310110", "name": "杨浦区", "short_name": "杨浦"}
    )

    def linked(title: str) -> ArticleDistrict:
        article = Article.objects.create(
            title=title,
            body="正文",
            raw_text="原文",
            source_key=f"test:{title}",
            status="published",
        )
        return ArticleDistrict.objects.create(article=article, district=district)

    linked("一")
    counts.counts_recompute(counts.Involved(districts={district.pk}))
    tallied, go = threading.Event(), threading.Event()
    store = counts._districts_store

    def store_when_told(*args, **kwargs):  # the recount has counted, not yet written
        tallied.set()
        go.wait(10)
        return store(*args, **kwargs)

    def recount():
        try:
            counts.counts_recompute(counts.Involved(districts={district.pk}))
        finally:
            connections.close_all()

    def import_meanwhile():
        try:
            tallied.wait(10)
            with transaction.atomic():
                counts.counts_add(relations={ArticleDistrict: [linked("二")]})
        finally:
            connections.close_all()

    counts._districts_store = store_when_told
    try:
        threads = [threading.Thread(target=recount), threading.Thread(target=import_meanwhile)]
        for thread in threads:
            thread.start()
        threads[1].join(2)  # the import commits now unless it waits for the recount
        go.set()
        for thread in threads:
            thread.join(20)
    finally:
        counts._districts_store = store
    district.refresh_from_db()
    assert district.article_count == 2
