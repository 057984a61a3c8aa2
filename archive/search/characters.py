"""The character index: what finds an article, whatever jieba made of its words.

jieba's tokens rank well but miss text they cut differently: 南京西路 inside 南京西路街道, a
phrase cut 2/1/1 as a query and 2/2 in the article, 14.8% (dropped as punctuation). So each
article also stores the pairs of adjacent characters (bigrams) of its text, folded (NFKC, lower
case): 南京西路街道 gives 南京 京西 西路 路街 街道, and each run's last character alone (道), so a
one-character query is a prefix of some entry. A query asks for all of its bigrams, then the
exact string in the article's text: every article containing what the reader typed, and no other.

Pure text in, text out: no database, so an import's worker processes compute it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# What a bigram is made of: letters and digits of any script (Han included), and the signs
# inside numbers and names (14.8%, C++, 2020-09-14, 卡尔·马克思). Anything else ends a run.
RUN = re.compile(r"[\w.%+#&·\-]+")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
EDGE_SIGNS = ".·-"  # a full stop after a word, a dash before it: not part of what is sought
# A query of these characters only is compared with the text as stored: NFKC leaves Han
# characters alone (the rare compatibility forms aside), so no need to fold every candidate.
HAN_ONLY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


# Runs NFKC leaves as they are (Han characters): passed over, since normalizing Chinese text
# whole costs more than the bigrams (its full-width punctuation makes every text need it).
UNCHANGED_BY_NFKC = re.compile(r"[^\u4e00-\u9fff]+")


def fold(text: str) -> str:
    """The text as the character index sees it: NFKC (full-width ６％ is 6%), lower case."""
    return UNCHANGED_BY_NFKC.sub(_normalized, text).lower()


def _normalized(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


def text_bigrams(text: str) -> set[str]:
    """Every bigram of the folded text, and each run's last character alone."""
    found: set[str] = set()
    for run in RUN.findall(fold(text)):
        found.update(map(str.__add__, run, run[1:]))
        found.add(run[-1])
    return found


def bigram_tsvector(text: str) -> str:
    """The bigrams as a PostgreSQL tsvector literal without positions ('上海' '海市' …): none
    holds a quote or a backslash, which RUN leaves out."""
    return " ".join(f"'{bigram}'" for bigram in text_bigrams(text))


def bigram_words(text: str) -> str:
    """The bigrams as FTS5 text, one token each (the table's tokenizer keeps RUN's signs)."""
    return " ".join(text_bigrams(text))


@dataclass(frozen=True)
class Pattern:
    """What one searched string asks of the character index."""

    text: str  # folded, without the signs that begin or end it (上海！ is 上海)
    bigrams: tuple[str, ...]  # every one must be in the article
    prefixes: tuple[str, ...]  # a one-character run: some entry must begin with it

    @property
    def answered_by_index(self) -> bool:
        """One run of at most two characters: the index entry *is* the string, no text check."""
        return len(self.text) <= 2 and RUN.fullmatch(self.text) is not None

    @property
    def plain(self) -> bool:
        """Han characters only: checked against the stored text without folding it."""
        return HAN_ONLY.fullmatch(self.text) is not None


def pattern(text: str) -> Pattern | None:
    """The pattern of a searched string, or None if it has no letter or digit to look for."""
    folded = " ".join(fold(text).split()).strip(EDGE_SIGNS)
    runs = RUN.findall(folded)
    if not LETTER_OR_DIGIT.search(folded):
        return None
    start, end = folded.find(runs[0]), folded.rfind(runs[-1]) + len(runs[-1])
    bigrams = [run[i : i + 2] for run in runs for i in range(len(run) - 1)]
    prefixes = [run for run in runs if len(run) == 1]
    return Pattern(folded[start:end], tuple(dict.fromkeys(bigrams)), tuple(dict.fromkeys(prefixes)))
