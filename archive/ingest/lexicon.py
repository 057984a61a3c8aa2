"""Classes of ordinary words, read from jieba's dictionary: the common two-character words (宣布,
致辞, 明天), the common three-character words that are not people's names (金融学, 高科技), the
common four-character words and set phrases (高枕无忧, 与时俱进), the common one-character
adverbs (仅, 也, 还) and place names as a dateline prints them (上海,
台北). The parser's rules name these classes instead of listing the words a page happened to
print; the dictionary is read once per process (a third of a second), only when a rule asks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# A word this frequent in jieba's dictionary is common enough to count.
MIN_WORD_FREQUENCY = 50
MIN_ADVERB_FREQUENCY = 3000  # single-character adverbs: only the common ones
MIN_PLACE_FREQUENCY = 100
MIN_THREE_CHARACTER_FREQUENCY = 20
MIN_FOUR_CHARACTER_FREQUENCY = 20
ADVERB_TAG = "d"
PREPOSITION_TAG = "p"
PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})  # the dictionary's own names of people
PLACE_TAG = "ns"


@dataclass(frozen=True)
class Words:
    two_character: frozenset[str]  # every common two-character word
    three_character: frozenset[str]  # common three-character words that are not people's names
    adverbs: frozenset[str]  # common one-character adverbs
    prepositions: frozenset[str]  # common one-character prepositions (向, 对, 从, 在)
    places: frozenset[str]  # place names of two to four characters
    four_character: frozenset[str]  # common four-character words and set phrases


@functools.cache
def words() -> Words:
    import jieba  # its dictionary file only: no tokenizer is built

    two_character, three_character, four_character = set(), set(), set()
    adverbs, places = set(), set()
    prepositions = set()
    with jieba.get_dict_file() as lines:
        for raw in lines:
            word, frequency, tag = raw.decode("utf-8").split()[:3]
            count = int(frequency)
            if len(word) == 2 and count >= MIN_WORD_FREQUENCY:
                two_character.add(word)
            elif len(word) == 3 and count >= MIN_THREE_CHARACTER_FREQUENCY:
                if tag not in PERSON_TAGS:
                    three_character.add(word)
            elif len(word) == 4 and count >= MIN_FOUR_CHARACTER_FREQUENCY:
                if tag not in PERSON_TAGS and tag != PLACE_TAG:
                    four_character.add(word)
            elif len(word) == 1 and count >= MIN_ADVERB_FREQUENCY:
                if tag == ADVERB_TAG:
                    adverbs.add(word)
                elif tag == PREPOSITION_TAG:
                    prepositions.add(word)
            if tag == PLACE_TAG and 2 <= len(word) <= 4 and count >= MIN_PLACE_FREQUENCY:
                places.add(word)
    return Words(
        frozenset(two_character),
        frozenset(three_character),
        frozenset(adverbs),
        frozenset(prepositions),
        frozenset(places),
        frozenset(four_character),
    )


PLACE_LENGTHS = (4, 3, 2)


def place_at_end(text: str) -> int:
    """How many characters of a place name end ``text`` (the 上海 of 记者周明上海), 0 for none;
    the longest place first."""
    places = words().places
    return next(
        (length for length in PLACE_LENGTHS if length <= len(text) and text[-length:] in places),
        0,
    )
