"""Measure import speed on synthetic 2,000-character articles built from the seed pages, and
end to end on pages of the generated corpus (``generate_corpus``: several articles a page,
thousands of reporters and speakers, as a newspaper's run has).

Why: the target is at least 150 articles per second on one process end to end (parse + tokens
+ database). The figures are printed side by side with the naive way of finding people (jieba's
part-of-speech tagging over the whole body) and of cutting the tokens with Python jieba, measured
in the same run. The parse is timed twice, with the rules alone and with the statistical name
recogniser over the pieces the rules hand it (``archive/benchmarks/recognizer.py`` says which),
beside the naive way of running the recogniser over every sentence. Everything written is rolled
back at the end, so it is safe to run against any database.
"""

import random
import resource
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from archive.benchmarks.corpus import Corpus, render
from archive.benchmarks.recognizer import (
    every_sentence,
)
from archive.ingest import recognizer
from archive.ingest.parser import parse_text
from archive.models import Article, District
from archive.search.index import characters_left_out
from archive.search.tokens import (
    reference_search_tokens,
    reference_tokenizer,
    search_tokens,
    tokenizer,
)
from archive.services import ImportCache, file_import
from archive.services.batches import Source, files_import
from archive.services.imports import ANALYZED_TABLES

ARTICLE_LENGTH = 2000


class Command(BaseCommand):
    help = "Benchmark the import (parse, jieba, database) on synthetic articles."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--workers", type=int, default=2, help="for the parallel row")

    def handle(self, *args, **options):
        pages = synthetic_pages(options["articles"], random.Random(options["seed"]))
        tokenizer(), reference_tokenizer()  # load both dictionaries before timing
        if not recognizer.available():  # loads the model before timing
            raise CommandError("the name recogniser is off or its model does not load")
        # The parse caches folded lines: without a first untimed pass, whichever parse row ran
        # first paid for the cache the later rows used, and "with" and "without" were unequal.
        [parse_text(page) for page in pages]
        count = len(pages)
        rows = [
            ("parse (rules)", _rate(count, lambda: _parse(pages, recognising=False))),
            (
                "parse (rules + recogniser, as imported)",
                _rate(count, lambda: _parse(pages, recognising=True)),
            ),
            (
                "naive: parse + recogniser on every sentence",
                _rate(count, lambda: [(parse_text(p), every_sentence(p)) for p in pages]),
            ),
            ("parse + search tokens (rjieba)", _rate(count, lambda: _tokens(pages, search_tokens))),
            (
                "naive: parse + tokens by Python jieba",
                _rate(count, lambda: _tokens(pages, reference_search_tokens)),
            ),
            ("end to end, one process", _rate(count, lambda: _import_all(pages))),
            (
                "end to end, one process, not finding copies",
                _rate(count, lambda: _import_all(pages, finding_copies=False)),
            ),
            (
                f"end to end, --workers {options['workers']}",
                _rate(count, lambda: _import_all(pages, workers=options["workers"])),
            ),
            ("naive: end to end, file by file, row by row", _rate(count, lambda: _rows(pages))),
            ("naive: jieba POS tagging over the body", _rate(count, lambda: _naive(pages))),
        ]
        generated = list(Corpus(options["seed"]).pages(count))
        corpus = [render(page) for page in generated]
        written = sum(len(page.articles) for page in generated)
        workers = options["workers"]
        on_corpus = [
            ("one process", _rate(written, lambda: _import_all(corpus))),
            (f"--workers {workers}", _rate(written, lambda: _import_all(corpus, workers=workers))),
            (
                f"--workers {workers}, without the character index",
                _rate(written, lambda: _without_characters(corpus, workers=workers)),
            ),
            ("naive: file by file, row by row", _rate(written, lambda: _rows(corpus))),
        ]
        self.stdout.write(f"{count} articles of ~{ARTICLE_LENGTH} characters, one core\n")
        for name, rate in rows:
            self.stdout.write(f"  {name:<44} {rate:8.1f} articles/s")
        rate = dict(rows)
        parse, tokens, jieba = rate["parse (rules)"], rows[3][1], rows[4][1]
        one, parallel, by_rows = rows[5][1], rows[7][1], rows[8][1]
        self.stdout.write(f"  rjieba vs Python jieba tokens: {tokens / jieba:.1f}x faster")
        self.stdout.write(f"  batches vs row by row, one process: {one / by_rows:.1f}x faster")
        self.stdout.write(f"  --workers vs row by row: {parallel / by_rows:.1f}x faster")
        self.stdout.write(f"  rules vs naive POS tagging: {parse / rows[-1][1]:.1f}x faster")
        self.stdout.write(
            f"  finding copies (fingerprints, band lookups, links) costs the import "
            f"{1 - one / rows[6][1]:.0%} of its rate ({rows[6][1]:.1f} → {one:.1f} articles/s)"
        )
        recognised, naive = rate["parse (rules + recogniser, as imported)"], rows[2][1]
        self.stdout.write(
            f"  recogniser where the rules stop vs on every sentence: {recognised / naive:.1f}x "
            f"faster; the recogniser costs the parse {parse / recognised:.2f}x its time"
        )
        self.stdout.write(_handed(pages))
        self.stdout.write(
            f"{written} articles on {len(corpus)} generated pages (generate_corpus --seed "
            f"{options['seed']}), end to end"
        )
        for name, rate in on_corpus:
            self.stdout.write(f"  {name:<44} {rate:8.1f} articles/s")
        self.stdout.write(
            f"  batches vs row by row: {on_corpus[0][1] / on_corpus[3][1]:.1f}x faster, "
            f"--workers vs row by row: {on_corpus[1][1] / on_corpus[3][1]:.1f}x faster"
        )
        self.stdout.write(
            f"  the character index costs --workers {workers} "
            f"{(1 - on_corpus[1][1] / on_corpus[2][1]) * 100:.0f} % of its rate"
        )


def synthetic_pages(count: int, rng: random.Random) -> list[str]:
    seeds = Path(settings.BASE_DIR, "seeds")
    paragraphs = [
        line.strip()
        for path in sorted(seeds.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) > 60 and not line.startswith("#")
    ]
    reporters = ["陆益峰", "祝越", "王宛芝", "杨晓梅", "徐晶卉", "王嘉旖"]
    pages = []
    for number in range(count):
        body, length = [], 0
        while length < ARTICLE_LENGTH:
            paragraph = rng.choice(paragraphs)
            body.append(paragraph)
            length += len(paragraph)
        byline = " ".join(rng.sample(reporters, 2))
        pages.append(f"第{number}号测试标题\n\n■本报记者 {byline}\n\n" + "\n\n".join(body))
    return pages


def _parse(pages: list[str], *, recognising: bool) -> None:
    previous = recognizer.set_enabled(recognising)
    try:
        [parse_text(page) for page in pages]
    finally:
        recognizer.set_enabled(previous)


def _handed(pages: list[str]) -> str:
    """What the parse handed the recogniser per article, and this process's memory with it."""
    handed: list[str] = []
    real = recognizer.person_spans

    def counting(texts):
        handed.extend(texts)
        return real(texts)

    recognizer.person_spans = counting
    try:
        _parse(pages, recognising=True)
    finally:
        recognizer.person_spans = real
    megabytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    return (
        f"  recogniser handed per article: {len(handed) / len(pages):.1f} pieces, "
        f"{sum(map(len, handed)) / len(pages):.0f} characters (the words before the speech "
        f"verbs the rules left without a speaker); peak RSS with the model loaded "
        f"{megabytes:.0f} MB"
    )


def _tokens(pages: list[str], cut) -> None:
    for page in pages:
        for article in parse_text(page):
            cut(article.title + "\n" + article.body)


def _import_all(pages: list[str], *, workers: int = 1, finding_copies: bool = True) -> None:
    """What import_articles does: parse, search tokens, rows, history, search index, copies."""
    sources = (Source(f"bench/{n}.txt", page.encode("utf-8")) for n, page in enumerate(pages))
    finding, settings.ARCHIVE_FIND_COPIES = settings.ARCHIVE_FIND_COPIES, finding_copies
    try:
        with transaction.atomic():
            for _result in files_import(sources, workers=workers):
                pass
            transaction.set_rollback(True)
    finally:
        settings.ARCHIVE_FIND_COPIES = finding


def _without_characters(pages: list[str], *, workers: int) -> None:
    """The same import with no bigrams computed or indexed: what the character index costs."""
    with characters_left_out():
        _import_all(pages, workers=workers)


def _rows(pages: list[str]) -> None:
    """The import before batches: each file in its own transaction, each article its own rows."""
    cache = ImportCache()
    with transaction.atomic():
        for number, page in enumerate(pages):
            file_import(source=f"bench/{number}.txt", data=page.encode("utf-8"), cache=cache)
        transaction.set_rollback(True)


def _vacuum() -> None:
    """On PostgreSQL, clear what an earlier rolled-back stage left in the tables and the GIN
    index's pending list, so each stage writes into the same tables whatever ran before it
    (left, the third stage ran 10 % slower than the first)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:  # VACUUM cannot
        return
    written = [*ANALYZED_TABLES, Article.history.model, District]  # counts: every batch
    tables = [model._meta.db_table for model in written]
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {', '.join(connection.ops.quote_name(t) for t in tables)}")


def _naive(pages: list[str]) -> None:
    from jieba import posseg

    for page in pages:
        [word for word, flag in posseg.cut(page) if flag == "nr"]


def _rate(count: int, work) -> float:
    _vacuum()  # not timed
    start = time.perf_counter()
    work()
    return count / (time.perf_counter() - start)
