"""Importing parsed articles: idempotent, transactional, and respectful of editors' work."""

from dataclasses import replace

import pytest
from django.db import IntegrityError, connection

from archive.ingest.parser import Defaults
from archive.ingest.types import (
    ParsedArticle,
    ParsedByline,
    ParsedDistrict,
    ParsedPhoto,
    ParsedQuote,
)
from archive.models import Article, Author, AuthorAlias, Byline, District, Photo, Quote, Speaker
from archive.services import (
    Outcome,
    article_import,
    article_part_delete,
    article_status_set,
    file_import,
    parsed_checksum,
    parsed_snapshot,
    person_save,
    stored_checksum,
    stored_snapshot,
    summarize,
)
from archive.services.batches import Source, files_import
from archive.services.mapping import article_fields, snapshot_labels

pytestmark = pytest.mark.django_db

PAGE = (
    "两会召开\n\n■记者 方圆 李想\n\n本报讯 杨浦区委书记赵刚表示，要抓好落实。五角场街道很热闹。\n"
)


def import_page(text=PAGE, **options):
    return file_import(source="page.txt", data=text.encode("utf-8"), **options)


def outcomes(result):
    return [outcome for _article, outcome in result.articles]


def test_import_writes_the_article_with_its_people_and_places():
    result = import_page(defaults=Defaults(publication="杨浦时报", published_on="2019-12-10"))
    assert outcomes(result) == [Outcome.CREATED]
    article = Article.objects.get()
    assert (article.title, article.publication.name, str(article.published_on)) == (
        "两会召开",
        "杨浦时报",
        "2019-12-10",
    )
    assert article.status == Article.Status.PUBLISHED
    assert [(b.author.name, b.role) for b in article.bylines.all()] == [
        ("方圆", "reporter"),
        ("李想", "reporter"),
    ]
    quote = Quote.objects.get()
    assert (quote.speaker.name, quote.title) == ("赵刚", "杨浦区委书记")
    link = article.district_links.get()
    assert (link.district.slug, link.mentions) == ("yangpu", 2)
    assert article.raw_text == PAGE


def test_an_impossible_default_date_is_a_warning_and_the_article_is_undated():
    result = import_page(defaults=Defaults(published_on="2022-02-30"))
    assert (outcomes(result), result.error) == ([Outcome.CREATED], None)
    assert result.warnings == ["日期不存在，已忽略：2022-02-30 (not a calendar date)"]
    assert Article.objects.get().published_on is None


def test_a_value_the_database_refuses_fails_its_file_not_the_run(monkeypatch):
    from dataclasses import replace

    from archive.services import imports

    parse = imports.parse_text
    monkeypatch.setattr(
        imports,
        "parse_text",
        lambda text, **kw: [replace(a, published_on="2022-02-30") for a in parse(text, **kw)],
    )
    result = import_page()
    assert result.error.startswith("写入数据库失败，本文件未导入") and result.articles == []
    assert Article.objects.count() == 0


def test_an_article_another_run_wrote_meanwhile_is_unchanged_not_a_failure(monkeypatch):
    """The race of two imports, made deterministic: the other run's article appears between
    this run's look-up and its insert."""
    import_page()
    manager = type(Article.objects)
    in_bulk, calls = manager.in_bulk, []

    def not_there_yet(self, *args, **kwargs):
        calls.append(1)
        return {} if len(calls) == 1 else in_bulk(self, *args, **kwargs)

    monkeypatch.setattr(manager, "in_bulk", not_there_yet)
    result = import_page()
    assert (outcomes(result), result.error, len(calls)) == ([Outcome.UNCHANGED], None, 2)
    assert Article.objects.count() == 1 and Author.objects.count() == 2


def test_reimport_changes_nothing_and_says_so():
    import_page()
    before = list(Article.objects.values_list("id", "updated_at"))
    assert outcomes(import_page()) == [Outcome.UNCHANGED]
    assert outcomes(import_page(update=True)) == [Outcome.UNCHANGED]
    assert list(Article.objects.values_list("id", "updated_at")) == before
    assert Author.objects.count() == 2


def test_update_reparses_without_duplicating_people():
    import_page()
    result = import_page(update=True, defaults=Defaults(publication="解放日报"))
    assert outcomes(result) == [Outcome.UPDATED]
    assert Article.objects.get().publication.name == "解放日报"
    assert Author.objects.count() == 2
    assert Byline.objects.count() == 2


def test_update_never_overwrites_an_article_an_editor_changed():
    import_page()
    article = Article.objects.get()
    article.title = "编辑改过的标题"
    article.save()
    result = import_page(update=True, defaults=Defaults(publication="解放日报"))
    assert outcomes(result) == [Outcome.KEPT]
    article.refresh_from_db()
    assert (article.title, article.publication) == ("编辑改过的标题", None)


def test_editor_correcting_a_byline_also_protects_the_article():
    import_page()
    byline = Byline.objects.get(author__name="李想")
    byline.author = Author.objects.create(name="李湘", slug="李湘")
    byline.save()
    assert outcomes(import_page(update=True, defaults=Defaults(page="2"))) == [Outcome.KEPT]


def test_an_alias_maps_a_printed_name_to_the_kept_person():
    kept = Author.objects.create(name="方媛", slug="方媛")
    AuthorAlias.objects.create(author=kept, name="方圆")
    import_page()
    assert Byline.objects.filter(role="reporter").first().author == kept
    assert not Author.objects.filter(name="方圆").exists()


def test_same_name_in_two_files_is_one_person(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        file_import(source=str(path), data=path.read_bytes())
    assert Article.objects.count() == 13
    zhu_yue = Author.objects.get(name="祝越")
    assert zhu_yue.bylines.count() == 2
    assert Speaker.objects.filter(name="江波").count() == 1
    assert District.objects.get(slug="yangpu").articles.count() == 4


def test_a_file_imports_whole_or_not_at_all(monkeypatch):
    def broken_bulk_create(*args, **kwargs):
        raise IntegrityError("simulated failure half-way through the file")

    monkeypatch.setattr(Quote.objects, "bulk_create", broken_bulk_create)
    result = import_page(PAGE + "\n\n另一篇标题\n\n■记者 杨梅\n\n本报讯 另一件事。")
    assert result.error.startswith("写入数据库失败")
    assert result.articles == []
    assert Article.objects.count() == 0
    assert Author.objects.count() == 0


def test_dry_run_writes_nothing():
    result = import_page(dry_run=True)
    assert [article.title for article, _outcome in result.articles] == ["两会召开"]
    assert Article.objects.count() == 0


def test_summary_counts_outcomes_and_failures():
    results = [import_page(), import_page(), file_import(source="bad.txt", data=b"")]
    counts = summarize(results)
    assert (counts["files"], counts["created"], counts["unchanged"], counts["failed"]) == (
        3,
        1,
        1,
        1,
    )


@pytest.mark.django_db
def test_a_deleted_district_row_is_restored_from_the_gazetteer_not_a_crash():
    # An editor deleted 杨浦区 in the admin; the next import naming it must not abort the run.
    District.objects.filter(slug="yangpu").delete()
    page = "社区食堂开张\n\n■记者 方圆\n\n本报讯 杨浦区五角场街道的社区食堂昨天开张。"
    result = file_import(source="page.txt", data=page.encode())
    assert result.error is None
    article = Article.objects.get()
    assert [d.name for d in article.districts.all()] == ["杨浦区"]
    assert District.objects.get(slug="yangpu").code == "310110"


# One mapping from a parse to article fields, on hand-built parses -----------------------------

LONG_CREDIT = "本报记者 " + "袁" * 300 + "摄"
HAND_BUILT = ParsedArticle(
    title="标" * 320,
    body="第一段。\n小标题\n第二段。",
    kicker="引题",
    page="A05",
    published_on="2024-03-01",
    publication="解放日报",
    bylines=(
        ParsedByline("方圆", "记者"),
        ParsedByline("李想", "通讯员"),
        ParsedByline("方圆", "记者"),
    ),
    photos=(ParsedPhoto("图为五角场。", LONG_CREDIT, "袁婧", "staff"),),
    quotes=(ParsedQuote("赵刚", "杨浦区委书记", "要抓好落实", False),),
    districts=(ParsedDistrict("杨浦区", 2),),
    sections=("小标题",),
    raw_text="原文",
)


def test_a_hand_built_parse_is_written_cut_to_the_model_and_reads_back_as_unchanged():
    outcome = article_import(parsed=HAND_BUILT, source_key="hand:1", source_name="hand.txt")
    assert outcome == Outcome.CREATED
    article = Article.objects.get()
    assert (len(article.title), article.page, str(article.published_on)) == (
        300,
        "A05",
        "2024-03-01",
    )
    assert [(b.author.name, b.role) for b in article.bylines.all()] == [
        ("方圆", "reporter"),
        ("李想", "correspondent"),
    ]
    assert article.photos.get().credit == LONG_CREDIT[:200]
    assert stored_snapshot(article) == parsed_snapshot(HAND_BUILT)
    assert article.import_checksum == stored_checksum(article) == parsed_checksum(HAND_BUILT)
    again = article_import(
        parsed=HAND_BUILT, source_key="hand:1", source_name="hand.txt", update=True
    )
    assert again == Outcome.UNCHANGED


def test_lengths_come_from_the_model_so_write_and_checksum_change_together(monkeypatch):
    monkeypatch.setattr(Article._meta.get_field("title"), "max_length", 4)
    monkeypatch.setattr(Photo._meta.get_field("credit"), "max_length", 6)
    assert article_fields(HAND_BUILT)["title"] == "标标标标"
    snapshot = parsed_snapshot(HAND_BUILT)
    assert (snapshot["title"], snapshot["photos"][0][1]) == ("标标标标", LONG_CREDIT[:6])


def test_preview_labels_are_the_fields_verbose_names_for_every_snapshot_key():
    labels = snapshot_labels()
    web = replace(
        HAND_BUILT,
        source_url="https://news.example.cn/1.html",
        source_kind="web",
        accessed_on="2024-05-02",
    )
    assert list(labels) == list(parsed_snapshot(web))
    # A print page without an address leaves the source out: checksums made before stay.
    assert list(parsed_snapshot(HAND_BUILT)) == [
        k for k in labels if not k.startswith(("source_", "accessed"))
    ]
    assert labels["source_url"] == "来源网址"
    assert (labels["published_on"], labels["bylines"], labels["districts"]) == (
        "出版日期",
        "署名",
        "涉及的区",
    )


# Editors' writes: the row, its history and the search tokens together ----------------------


def found_by(text: str) -> set[str]:
    from archive.search import search

    return {article.title for article in search(Article.objects.all(), text)}


def test_a_person_saved_under_a_new_name_is_found_by_it_in_every_article(small_archive):
    reporter = small_archive["reporter"]
    reporter.note = "只改备注"
    assert person_save(person=reporter) == 0  # the name is as indexed: nothing to reindex
    reporter.name = "祝悦"
    assert person_save(person=reporter) == 2  # the published article and the draft
    assert found_by("祝悦") == {"社区养老服务升级", "养老草稿"}
    assert found_by("祝越") == set()


def test_a_deleted_quote_leaves_the_index_and_moves_the_articles_version(small_archive):
    care = small_archive["care"]
    version = Article.objects.get(pk=care.pk).updated_at
    article_part_delete(parts=list(care.quotes.all()))
    assert found_by("严爱云") == {"养老草稿"}
    assert Article.objects.get(pk=care.pk).updated_at > version


def test_status_set_writes_one_version_per_article_it_changes(small_archive):
    care, draft = small_archive["care"], small_archive["draft"]
    versions = {article.pk: article.history.count() for article in (care, draft)}
    selected = article_status_set(
        articles=Article.objects.filter(pk__in=[care.pk, draft.pk]),
        status=Article.Status.PUBLISHED,
    )
    assert selected == 2
    assert care.history.count() == versions[care.pk]  # already published: untouched
    assert draft.history.count() == versions[draft.pk] + 1
    assert draft.history.first().status == Article.Status.PUBLISHED


# Many files at once: written in batches --------------------------------------------------------


def seed_sources(seeds_dir):
    return [Source(path.name, path.read_bytes()) for path in sorted(seeds_dir.glob("*.txt"))]


def stored_state() -> dict:
    """What an import leaves behind, by source key: the article as the change check reads it,
    its search index and its history."""
    from archive.search import document_fields, index_data
    from archive.selectors import article_for_index

    vendor = connection.vendor
    return {
        article.source_key: (
            stored_checksum(article),
            index_data(document_fields(article), vendor),
            list(article.history.values_list("history_type", "title", "status")),
        )
        for article in article_for_index()
    }


def test_a_batch_writes_exactly_what_file_by_file_writes(seeds_dir):
    results = list(files_import(seed_sources(seeds_dir)))
    assert [outcomes(r) for r in results] == [[Outcome.CREATED] * len(r.articles) for r in results]
    batched = stored_state()
    Article.objects.all().delete()
    for source in seed_sources(seeds_dir):
        file_import(source=source.name, data=source.data)
    assert stored_state() == batched and len(batched) == 13


@pytest.mark.parametrize(
    "bad",
    [
        {"published_on": "2022-02-30"},  # a value the model cannot hold
        # a row a table's check constraint refuses (inside COPY on PostgreSQL)
        {"districts": (ParsedDistrict("黄浦区", 0),)},
    ],
)
def test_a_batch_the_database_refuses_is_written_file_by_file_and_only_the_bad_file_fails(
    monkeypatch, bad
):
    from dataclasses import replace

    from archive.services import imports

    parse = imports.parse_text

    def parse_with_a_bad_value(text, **kw):
        articles = parse(text, **kw)
        return [replace(a, **bad) for a in articles] if "坏" in text else articles

    monkeypatch.setattr(imports, "parse_text", parse_with_a_bad_value)
    pages = [PAGE, PAGE.replace("两会", "坏的"), PAGE.replace("两会", "好的")]
    results = list(files_import(Source(f"{n}.txt", p.encode()) for n, p in enumerate(pages)))
    assert [r.error is None for r in results] == [True, False, True]
    assert results[1].error.startswith("写入数据库失败，本文件未导入")
    assert Article.objects.count() == 2


def test_articles_written_in_a_batch_leave_the_ids_and_history_as_one_by_one_would(seeds_dir):
    list(files_import(seed_sources(seeds_dir)))
    batched = list(Article.objects.order_by("id"))
    import_page()  # an ordinary INSERT after the batch: its id comes after theirs
    assert Article.objects.get(source_name="page.txt").pk > batched[-1].pk
    assert all(a.created_at and a.updated_at and a.sections is not None for a in batched)
    for article in batched:
        (row,) = article.history.all()
        assert (row.history_type, row.title, row.history_change_reason) == (
            "+",
            article.title,
            None,
        )
        assert row.history_date >= article.created_at


def test_a_batch_of_forty_articles_takes_a_handful_of_statements(django_assert_max_num_queries):
    import_page()  # the people and places exist; the batch only looks them up
    pages = [PAGE.replace("两会召开", f"第{n}号新闻") for n in range(40)]
    # 13 statements, and one UPDATE each of authors, speakers and districts for their counts;
    # 7 reads of the pages it makes stale (services.freshness: the articles, their people and
    # districts, their neighbours, and the articles near them, two windows' statements); four for the articles' doubts (read, the files split,
    # delete, insert). On SQLite the history's 40 rows now take two INSERTs (its 999 parameters a
    # statement), and the character index's tables three more (its FTS5 table's delete and
    # insert, the printed text's update). The pages are too short to fingerprint: finding
    # copies adds nothing.
    with django_assert_max_num_queries(31):
        results = list(files_import(Source(f"{n}.txt", p.encode()) for n, p in enumerate(pages)))
    assert sum(outcomes(r) == [Outcome.CREATED] for r in results) == 40
    assert Byline.objects.count() == 2 * 41 and Quote.objects.count() == 41


def test_a_batch_naming_forty_new_people_creates_them_in_a_handful_of_statements(
    django_assert_max_num_queries,
):
    import_page()  # the districts are cached; everyone below is new
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平凯桂英华玉萍红玲芬燕彬鹏辉建国志宏文斌海波"
    pages = [
        PAGE.replace("两会召开", f"第{n}号新闻")
        .replace("方圆", f"王{given[n]}")
        .replace("李想", f"张{given[n]}")
        .replace("赵刚", f"赵{given[n]}")
        for n in range(40)
    ]
    with django_assert_max_num_queries(39):  # 31 as above, and the people: 2 lookups, 2 INSERTs
        results = list(files_import(Source(f"{n}.txt", p.encode()) for n, p in enumerate(pages)))
    assert sum(outcomes(r) == [Outcome.CREATED] for r in results) == 40
    assert Author.objects.count() == 2 + 80 and Speaker.objects.count() == 1 + 40
    assert Byline.objects.filter(author__name="王伟", article__title="第0号新闻").exists()
    last = Quote.objects.get(article__title="第39号新闻")
    assert last.speaker.name == f"赵{given[39]}"


def test_new_people_whose_slug_is_taken_are_numbered_not_refused():
    from archive.services.lookups import people_find_or_create

    Author.objects.create(name="李响", slug="李想")  # a slug edited by hand
    found = people_find_or_create(Author, AuthorAlias, "author", {"李想", "方圆"})
    assert found["李想"].slug == "李想-2" and found["方圆"].slug == "方圆"
    assert set(Author.objects.values_list("name", flat=True)) == {"李响", "李想", "方圆"}


def test_a_rename_whose_reindex_fails_leaves_the_person_as_they_were(small_archive, monkeypatch):
    from archive.services import editing, person_save

    reporter = small_archive["reporter"]

    def reindex_fails(*, ids):
        raise RuntimeError("the index could not be written")

    monkeypatch.setattr(editing, "article_reindex", reindex_fails)
    reporter.name = "改过的名字"
    with pytest.raises(RuntimeError):
        person_save(person=reporter)
    assert Author.objects.get(pk=reporter.pk).name == "祝越"
