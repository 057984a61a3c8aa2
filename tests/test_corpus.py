"""The benchmark corpus: deterministic, in the forms the parser reads, with a long tail of people."""

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.benchmarks.corpus import PAPERS, Corpus, render
from archive.ingest.evaluation import evaluate
from archive.ingest.parser import parse_text
from archive.models import Article, Publication

PAPERS_BY_NAME = {paper.name: paper for paper in PAPERS}


def generate(folder: Path, articles: int, seed: int = 5) -> dict[str, bytes]:
    call_command(
        "generate_corpus", str(articles), "--seed", str(seed), "--out", str(folder),
        stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.txt"))}


def test_the_same_seed_writes_the_same_files_and_another_seed_others(tmp_path):
    first = generate(tmp_path / "a", 60)
    assert first == generate(tmp_path / "b", 60)
    assert first != generate(tmp_path / "c", 60, seed=6)
    assert (tmp_path / "a" / "gold.json").read_bytes() == (
        tmp_path / "b" / "gold.json"
    ).read_bytes()


def test_the_parser_reads_the_corpus_as_its_gold_says(tmp_path):
    generate(tmp_path, 150)
    labels = json.loads((tmp_path / "gold.json").read_text(encoding="utf-8"))
    parsed = []
    for path in tmp_path.rglob("*.txt"):
        for article in parse_text(path.read_text(encoding="utf-8")):
            parsed.append(article.as_json(source=path.name))
    result = evaluate(labels, parsed)
    assert result.overall.f1 >= 0.95, "\n".join(result.lines())
    assert sum(len(labels["files"][n]["titles"]) for n in labels["files"]) == 150


def test_reporters_and_speakers_have_a_long_tail():
    corpus = Corpus(1, reporters=500, speakers=5000)
    articles = [corpus.article() for _ in range(2000)]
    bylines = Counter(name for a in articles for name in a.reporters)
    quoted = Counter(name for a in articles for name in a.speakers)
    top = bylines.most_common(1)[0][1]
    assert top >= 20 * sorted(bylines.values())[len(bylines) // 2]  # a few write much
    assert len(bylines) > 250 and len(quoted) > 500  # most are rare
    assert len({w for a in articles for p in a.paragraphs for w in p}) > 3000  # characters used


def printed_page(label: str) -> str:
    """The page an import stores for a printed label: 01 is page 1, A01 stays A01."""
    return label if label[0].isalpha() else str(int(label))


def test_every_page_is_read_as_its_paper_with_its_date_and_page_label():
    corpus = Corpus(2)
    pages = list(corpus.pages(600))
    assert {page.paper.name for page in pages} >= {"解放日报", "新民晚报", "浦东时报"}
    for page in pages:
        articles = parse_text(render(page))
        assert {(a.publication, a.published_on, a.page) for a in articles} == {
            (page.paper.name, page.day.isoformat(), printed_page(page.paper.label(page.number)))
        }


def test_papers_label_their_pages_in_their_own_ways():
    labels = {paper.name: paper.label(paper.pages) for paper in PAPERS}
    assert labels["解放日报"] == "16"
    assert labels["文汇报"] == "A12"
    assert [PAPERS_BY_NAME["新民晚报"].label(n) for n in (1, 14, 15, 28)] == [
        "A01", "A14", "B01", "B14",
    ]  # fmt: skip
    assert labels["青年报"] == "08"
    assert PAPERS_BY_NAME["新闻晨报"].header(3, "要闻") == "A3：要闻"
    assert PAPERS_BY_NAME["解放日报"].header(1, "要闻") == "第1版：要闻"


def test_dailies_fill_far_more_pages_than_weeklies_and_appear_only_on_their_days():
    pages = list(Corpus(4).pages(20_000))
    share = Counter(page.paper.name for page in pages)
    assert share["新民晚报"] > 20 * share["金山报"]
    assert share["解放日报"] > 5 * share["闵行报"] > 0
    for page in pages:
        assert page.day.weekday() in page.paper.weekdays
    assert {page.day.weekday() for page in pages if page.paper.name == "宝山报"} == {3}


def test_a_district_paper_writes_mostly_about_its_own_district():
    corpus = Corpus(6)
    pudong = PAPERS_BY_NAME["浦东时报"]
    articles = [corpus.article(pudong) for _ in range(400)]
    at_home = sum(1 for a in articles if a.districts[0] == "浦东新区")
    assert 0.7 * len(articles) < at_home < len(articles)


def test_a_folder_with_files_in_it_is_refused(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CommandError, match="not empty"):
        call_command("generate_corpus", "5", "--out", str(tmp_path), stdout=StringIO())


def test_an_out_path_that_is_a_file_is_refused_with_a_message(tmp_path):
    existing = tmp_path / "corpus.txt"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(CommandError, match="not a folder"):
        call_command("generate_corpus", "5", "--out", str(existing), stdout=StringIO())
    assert existing.read_text(encoding="utf-8") == "mine"


@pytest.mark.django_db
def test_an_imported_corpus_gives_every_article_its_paper_and_page(tmp_path):
    generate(tmp_path, 40, seed=8)
    out = StringIO()
    call_command("import_articles", str(tmp_path), stdout=out, stderr=StringIO())
    assert "no publication" not in out.getvalue()
    articles = Article.objects.select_related("publication")
    assert articles.count() == 40
    assert not articles.filter(publication=None).exists()
    assert not articles.filter(page="").exists()
    assert set(Publication.objects.values_list("name", flat=True)) <= {p.name for p in PAPERS}
