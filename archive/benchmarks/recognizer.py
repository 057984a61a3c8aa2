"""The naive way of using the name recogniser, which ``bench_import`` times beside the parse:
the model over the whole of every page, where the parse hands it only the words before the speech
verbs its rules left without a speaker (``archive/ingest/quotes/recognized.py``)."""

from __future__ import annotations

from archive.ingest import recognizer


def every_sentence(page: str) -> list[list[tuple[int, int]]]:
    """The naive way: the recogniser over the whole page."""
    return recognizer.person_spans([page])
