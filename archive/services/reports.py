"""What an import tells the archivist: each file's outcome in plain values, the counts of a run,
and what each article lacks (named as the review queue names the same gaps in a record)."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum

from archive.ingest.types import ParsedArticle
from archive.models import Doubt
from archive.services.imports import FileResult


class Missing(StrEnum):
    """What a parse could not find in a file and did not guess."""

    HEADLINE = "headline"
    BYLINE = "byline"
    DATE = "date"
    PUBLICATION = "publication"

    @property
    def label(self) -> str:
        return str(MISSING_LABELS[self])


# Named as the review queue names the same gaps in a stored record.
MISSING_LABELS = {
    Missing.HEADLINE: Doubt.NO_TITLE.label,
    Missing.BYLINE: Doubt.NO_BYLINE.label,
    Missing.DATE: Doubt.NO_DATE.label,
    Missing.PUBLICATION: Doubt.NO_PUBLICATION.label,
}


def article_missing(parsed: ParsedArticle) -> list[Missing]:
    """So an import says an article has no headline, byline, date or publication instead of
    hiding it (or, for the headline, making one up).

    A photo-news item whose only credit is its photographer has a byline: somebody is credited.
    """
    found = {
        Missing.HEADLINE: parsed.title,
        Missing.BYLINE: parsed.bylines or any(photo.photographer for photo in parsed.photos),
        Missing.DATE: parsed.published_on,
        Missing.PUBLICATION: parsed.publication,
    }
    return [missing for missing, value in found.items() if not value]


def file_report(result: FileResult) -> dict:
    """A file's outcome in plain values, as a Celery worker or a process pool hands it back."""
    return {
        "source": result.source,
        "error": result.error,
        "warnings": result.warnings,
        "articles": [
            {
                "title": article.title,
                "outcome": outcome.value if outcome else None,
                "missing": [str(missing) for missing in article_missing(article)],
            }
            for article, outcome in result.articles
        ],
    }


def summarize(results: list[FileResult | dict]) -> Counter:
    """Files and articles by outcome, and articles by what they lack (``no_byline``, …); from
    results or their ``file_report``s."""
    counts: Counter = Counter(files=len(results))
    for result in results:
        report = result if isinstance(result, dict) else file_report(result)
        if report["error"]:
            counts["failed"] += 1
        for article in report["articles"]:
            counts[article["outcome"] or "parsed"] += 1
            counts.update(f"no_{missing}" for missing in article["missing"])
    return counts
