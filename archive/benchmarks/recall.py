"""Search recall against the plain truth: for queries a researcher would type, built from the
archive itself, the published articles whose title or body contains the query (both folded by
NFKC and lower case), beside what the search returns (``bench_search_recall``).

Five classes, drawn with a fixed seed from whatever archive is at hand: people (the names of
authors and speakers), places (districts, streets and towns of the gazetteer), terms (jieba's
words of two to four characters), fragments (two or three characters across a word boundary,
which jieba never yields as a token) and numbers (with a decimal point, a per cent sign, 万 or 年).
Only strings that some article contains are kept: a class measures finding, not absence.
"""

from __future__ import annotations

import itertools
import random
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from archive.ingest.gazetteer import place_names
from archive.models import Article, Author, Speaker
from archive.search.characters import fold
from archive.search.tokens import words

CLASSES = ("people", "places", "terms", "fragments", "numbers")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:%|万|亿|年)|\d+\.\d+")
HAN = re.compile(r"[\u4e00-\u9fff]+")
QUERY_TIMES = 20  # queries of each class timed (the first page of a relevance search)


@dataclass
class ClassScore:
    queries: int = 0
    recall: list[float] = field(default_factory=list)
    precision: list[float] = field(default_factory=list)
    printed_precision: list[float] = field(default_factory=list)  # against all printed text
    zero_results: int = 0  # queries that found nothing although articles contain them
    misses: list[str] = field(default_factory=list)  # queries with recall below 1
    times: list[float] = field(default_factory=list)  # ms, the search's first page
    word_times: list[float] = field(default_factory=list)  # ms, the jieba tokens alone

    def row(self) -> dict:
        def mean(values):
            return statistics.fmean(values) if values else 1.0

        def median(values):
            return statistics.median(values) if values else 0.0

        return {
            "queries": self.queries,
            "recall": mean(self.recall),
            "precision": mean(self.precision),
            "printed_precision": mean(self.printed_precision),
            "zero_results": self.zero_results,
            "median_ms": median(self.times),
            "words_median_ms": median(self.word_times),
        }


def texts_of(articles) -> dict[int, str]:
    """The truth's texts: each published article's folded title and body."""
    return {pk: fold(f"{title}\n{body}") for pk, title, body in articles}


def query_classes(texts: dict[int, str], *, seed: int, per_class: int) -> dict[str, list[str]]:
    """Up to ``per_class`` queries of each class that some article contains, drawn with ``seed``."""
    rng = random.Random(seed)
    everything = "\n".join(texts.values())
    ordered = [texts[pk] for pk in sorted(texts)]
    names = set(Author.objects.values_list("name", flat=True))
    names |= set(Speaker.objects.values_list("name", flat=True))
    drawn = {
        "people": _present(sorted(names), everything),
        "places": _present(sorted(place_names()), everything),
        "terms": _terms(ordered, rng),
        "fragments": _fragments(ordered, rng),
        "numbers": sorted({n for text in ordered for n in NUMBER.findall(text)}),
    }
    return {name: rng.sample(found, min(per_class, len(found))) for name, found in drawn.items()}


def _present(candidates: Iterable[str], everything: str) -> list[str]:
    return [c for c in candidates if len(c) >= 2 and fold(c) in everything]


def _terms(texts: list[str], rng: random.Random) -> list[str]:
    found = set()
    for text in rng.sample(texts, min(200, len(texts))):
        found |= {w for w in words(text) if 2 <= len(w) <= 4 and HAN.fullmatch(w)}
    return sorted(found)


def _fragments(texts: list[str], rng: random.Random) -> list[str]:
    """Two or three characters that straddle two of jieba's words (展上 in 发展上海)."""
    found = set()
    for text in rng.sample(texts, min(200, len(texts))):
        for left, right in itertools.pairwise(words(text)):
            if HAN.fullmatch(left) and HAN.fullmatch(right):
                size = rng.choice((2, 3))
                take = rng.randint(1, size - 1)
                if len(left) >= take and len(right) >= size - take:
                    found.add(left[-take:] + right[: size - take])
    return sorted(found)


def score(
    classes: dict[str, list[str]],
    texts: dict[int, str],
    found_by: Callable[[str], set[int]],
    *,
    printed: dict[int, str] | None = None,
    first_page: Callable[[str], object] | None = None,
    words_first_page: Callable[[str], object] | None = None,
) -> dict[str, ClassScore]:
    """Recall, precision and zero results per class of ``found_by`` against the texts (and
    precision against all ``printed`` text, captions and kicker too, if given); with
    ``first_page`` (and ``words_first_page``), the median time of the first QUERY_TIMES."""
    scores = {}
    for name, queries in classes.items():
        result = scores[name] = ClassScore(queries=len(queries))
        for number, query in enumerate(queries):
            needle = fold(query)
            truth = {pk for pk, text in texts.items() if needle in text}
            found = found_by(query)
            hits = len(truth & found)
            result.recall.append(hits / len(truth) if truth else 1.0)
            result.precision.append(hits / len(found) if found else 1.0)
            if printed is not None:
                shown = sum(1 for pk in found if needle in printed.get(pk, ""))
                result.printed_precision.append(shown / len(found) if found else 1.0)
            if truth and not found:
                result.zero_results += 1
            if truth - found:
                result.misses.append(query)
            if number < QUERY_TIMES and first_page is not None:
                result.times.append(_ms(first_page, query))
                if words_first_page is not None:
                    result.word_times.append(_ms(words_first_page, query))
    return scores


def _ms(function: Callable[[str], object], query: str) -> float:
    start = time.perf_counter()
    function(query)
    return (time.perf_counter() - start) * 1000


def published_texts() -> dict[int, str]:
    return texts_of(Article.objects.published().values_list("pk", "title", "body").iterator())


def printed_texts() -> dict[int, str]:
    """Each published article's folded printed text: what the character index holds."""
    columns = ("title", "kicker", "subtitle", "column", "original_title", "body", "search_extra")
    rows = Article.objects.published().values_list("pk", *columns).iterator()
    return {pk: fold("\n".join(texts)) for pk, *texts in rows}
