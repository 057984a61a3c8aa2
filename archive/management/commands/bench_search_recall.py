"""Measure whether search finds every article containing what a reader types.

Why: jieba's tokens miss text they cut differently (a street inside a longer word, a phrase cut
2/1/1 in the query and 2/2 in the article, 14.8%), and CNKI's readers expect every article
containing the characters. This builds queries of five classes from the archive in the database
(``archive/benchmarks/recall.py``, a fixed seed), searches each, and prints recall, precision
and zero-result queries per class against the substring truth, with the first page's median time
beside that of jieba's tokens alone. Reads only.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from archive.benchmarks.recall import printed_texts, published_texts, query_classes, score
from archive.models import Article
from archive.search import reader_query, search
from archive.search.conditions import words_q
from archive.search.query import NEWEST


class Command(BaseCommand):
    help = "Search recall and precision per query class against the substring truth."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--per-class", type=int, default=60)
        parser.add_argument("--misses", action="store_true", help="list the queries missed")

    def handle(self, *args, seed: int, per_class: int, misses: bool, **options):
        texts = published_texts()
        classes = query_classes(texts, seed=seed, per_class=per_class)
        scores = score(
            classes,
            texts,
            _found,
            printed=printed_texts(),
            first_page=lambda q: list(search(Article.objects.published(), q)[:20]),
            words_first_page=_words_first_page,
        )
        self.stdout.write(
            f"{len(texts)} published articles, seed {seed}, {connection.vendor}; truth: the "
            "folded title or body contains the query (printed: or the kicker, subtitle, "
            "column, bylines, speakers or captions)"
        )
        self.stdout.write(
            f"  {'class':<10} {'queries':>7} {'recall':>7} {'precision':>9} {'printed':>7} "
            f"{'zero':>5} {'p50 ms':>7} {'words ms':>8}"
        )
        for name, result in scores.items():
            row = result.row()
            self.stdout.write(
                f"  {name:<10} {row['queries']:>7} {row['recall']:>7.3f} "
                f"{row['precision']:>9.3f} {row['printed_precision']:>7.3f} "
                f"{row['zero_results']:>5} {row['median_ms']:>7.1f} "
                f"{row['words_median_ms']:>8.1f}"
            )
            if misses and result.misses:
                self.stdout.write(f"    missed: {' '.join(result.misses)}")
        self.scores = scores  # for the test that runs this command


def _found(query: str) -> set[int]:
    articles = search(Article.objects.published(), query, rank=False)
    return set(articles.values_list("pk", flat=True))


def _words_first_page(query: str) -> list:
    """The newest 20 matches of jieba's tokens alone: what search did before characters."""
    by_words = reader_query(query).by_words()
    if by_words is None:
        return []
    matches = Article.objects.published().filter(words_q(by_words, connection.vendor))
    return list(matches.order_by(*NEWEST)[:20])
