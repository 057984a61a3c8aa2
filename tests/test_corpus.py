"""The benchmark corpus: deterministic, in the forms the parser reads, with a long tail of people."""

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.corpus import Corpus, render
from archive.evaluation import evaluate
from archive.ingest.parser import parse_text


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


def test_pages_carry_the_edition_date_and_page():
    corpus = Corpus(2)
    page = next(corpus.pages(3))
    articles = parse_text(render(page))
    assert {a.published_on for a in articles} == {page.day.isoformat()}
    assert {a.page for a in articles} == {str(page.number)}


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
