"""Classes of ordinary words, read from jieba's dictionary by part of speech: the verbs and
adverbs that open a predicate (宣布, 致辞, 仅), and place names (上海, 台北) as a dateline prints
them. The parser's rules name these classes instead of listing the words a page happened to
print; the dictionary is read once per process (a third of a second), only when a rule asks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# A word this frequent in jieba's dictionary is common enough to count.
MIN_WORD_FREQUENCY = 50
MIN_ADVERB_FREQUENCY = 3000  # single-character adverbs (仅, 也, 还): only the common ones
MIN_PLACE_FREQUENCY = 100
PREDICATE_TAGS = frozenset({"v", "d"})
PLACE_TAG = "ns"


@dataclass(frozen=True)
class Words:
    predicates: frozenset[str]  # two-character verbs and adverbs
    adverbs: frozenset[str]  # one-character adverbs
    places: frozenset[str]  # place names of two to four characters


@functools.cache
def words() -> Words:
    import jieba  # its dictionary file only: no tokenizer is built

    predicates, adverbs, places = set(), set(), set()
    with jieba.get_dict_file() as lines:
        for raw in lines:
            word, frequency, tag = raw.decode("utf-8").split()[:3]
            count = int(frequency)
            if tag in PREDICATE_TAGS:
                if len(word) == 2 and count >= MIN_WORD_FREQUENCY:
                    predicates.add(word)
                elif len(word) == 1 and tag == "d" and count >= MIN_ADVERB_FREQUENCY:
                    adverbs.add(word)
            elif tag == PLACE_TAG and 2 <= len(word) <= 4 and count >= MIN_PLACE_FREQUENCY:
                places.add(word)
    return Words(frozenset(predicates), frozenset(adverbs), frozenset(places))
