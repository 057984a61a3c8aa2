"""The same story from two sources: a MinHash fingerprint of an article's words and its LSH band
keys, so an import finds the earlier copies of a text by an index lookup, not by comparing it
with every article (pure: text in, bytes and integers out).

Why MinHash over the words' five-character shingles: a repost differs from the page it copies by
chrome the parser left, punctuation, spacing, full-width forms, traditional characters and front
matter, and a reprint by another paper by a changed sentence or two. With everything but letters
and digits dropped and traditional characters folded, the copies share most of their shingles
(a Jaccard similarity near 1), while two reports of the same event by different reporters share
few (below 0.2). MinHash (datasketch) estimates that similarity from NUM_PERM values; cut into
BANDS bands of ROWS values, two texts at SAME_STORY or more share at least one band's key with a
probability of 1 - (1 - 0.5 ** 4) ** 16 = 0.64 at 0.5, 0.99 at 0.7 and above, and the keys are
looked up in an index.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from archive.ingest.script import to_simplified

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5  # characters: longer than most words, so a shared shingle is shared wording
# Texts shorter than this (in letters and digits) are not fingerprinted: a caption or a brief
# of a line says too little to tell a copy from a text that happens to use the same words.
MIN_CHARACTERS = 50
SAME_STORY = 0.5  # estimated Jaccard similarity from which two texts are copies of one story
SCHEME = "affine32"  # datasketch 2's permutations: values fit in 32 bits
VALUE = np.dtype("<u4")


@lru_cache(maxsize=1)
def _minhash():
    """datasketch's MinHash and the permutations every fingerprint is made with (a fixed seed,
    so a fingerprint stored today compares with one made by another process next year).
    Loaded on first use: importing datasketch loads scipy (350 modules, about a second), which
    a web worker that never fingerprints should not pay."""
    from datasketch import MinHash

    return MinHash, MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def preload() -> None:
    """Load datasketch now: before a process pool forks, so its workers share it."""
    _minhash()


NOT_LETTERS = re.compile(r"[\W_]+")
SHINGLE_BASE = np.uint32(1_000_003)  # a shingle's characters, read as digits of this base


def comparable_text(text: str) -> str:
    """Letters and digits only, width-folded (NFKC), lower case and in simplified characters:
    what two copies of one story still share after punctuation, spacing and script changed."""
    return NOT_LETTERS.sub("", to_simplified(unicodedata.normalize("NFKC", text)).lower())


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash values, as stored (``NUM_PERM`` little-endian 32-bit integers)."""

    values: bytes

    def similarity(self, other: Fingerprint) -> float:
        """The estimated Jaccard similarity of the two texts' shingles."""
        mine = np.frombuffer(self.values, dtype=VALUE)
        theirs = np.frombuffer(other.values, dtype=VALUE)
        return float(np.count_nonzero(mine == theirs)) / NUM_PERM

    @cached_property  # asked several times per import; a frozen dataclass keeps it all the same
    def band_keys(self) -> list[int]:
        """One signed 64-bit key per band (the band's number is hashed in, so equal values in
        two different bands never meet)."""
        size = ROWS * VALUE.itemsize
        return [
            int.from_bytes(
                hashlib.blake2b(
                    bytes([band]) + self.values[band * size : (band + 1) * size], digest_size=8
                ).digest(),
                "big",
                signed=True,
            )
            for band in range(BANDS)
        ]


def fingerprint(text: str) -> Fingerprint | None:
    """The fingerprint of an article's title and text; None for a text too short to have one."""
    letters = comparable_text(text)
    if len(letters) < MIN_CHARACTERS:
        return None
    # Each shingle's characters as one 32-bit number, all at once: datasketch mixes each value
    # before permuting it, so this is hashing enough, and hashing each shingle's bytes (sha1 by
    # default) took as long as the permutations themselves.
    codes = np.frombuffer(letters.encode("utf-32-le"), dtype=VALUE)
    count = len(codes) - SHINGLE + 1
    shingles = np.zeros(count, dtype=np.uint32)
    for offset in range(SHINGLE):
        shingles = shingles * SHINGLE_BASE + codes[offset : offset + count]
    minhash_class, permutations = _minhash()
    minhash = minhash_class(
        num_perm=NUM_PERM, permutations=permutations, scheme=SCHEME, hashfunc=int
    )
    minhash.update_batch(np.unique(shingles).tolist())
    return Fingerprint(minhash.hashvalues.astype(VALUE).tobytes())


def fingerprint_from_bytes(values: bytes | memoryview) -> Fingerprint | None:
    """A stored fingerprint back (None for a value of the wrong size)."""
    values = bytes(values)
    return Fingerprint(values) if len(values) == NUM_PERM * VALUE.itemsize else None
