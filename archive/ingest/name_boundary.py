"""Where a name ends when the characters alone cannot tell: 陈立宣布 is 陈立 and 宣布, while
王伟明说 is 王伟明 and 说.

A two- and a three-character name are both plausible wherever the third character could be a
given name's. ``names.best_name`` decides by what follows each; but where the third character
also makes a common word with the next (宣布, 致辞, 明天) or is an adverb itself (仅, 也), that
guess is doubtful, and the name recogniser, which weighs the characters on both sides, decides.
The words and adverbs are classes read from a dictionary (``lexicon``), not a list of cases;
when the recogniser is off, the rules' guess stands. About one name in a page is doubtful.
"""

from __future__ import annotations

import functools

from archive.ingest import lexicon, recognizer


def doubtful(text: str) -> bool:
    """Whether the third character of ``text`` (a name of two or three characters and what
    follows) could as well begin the next word as end the name."""
    known = lexicon.words()
    return (
        text[2:4] in known.two_character
        or text[2:3] in known.adverbs
        or text[3:4] in ASPECT_MARKERS  # 周刚看完: a verb and its aspect as often as a name
    )


# What follows a verb to say it is done or under way (看完, 听了, 去过, 说着): after a third
# character, they make it a verb as often as a given name's last character.
ASPECT_MARKERS = frozenset("完了过着")


@functools.lru_cache(maxsize=4096)
def recognised_length(text: str) -> int | None:
    """The length of the name the recogniser reads at the start of ``text`` (two or three), or
    None when it reads none there or is off."""
    if not recognizer.enabled():
        return None
    for start, end in recognizer.person_spans([text])[0]:
        if start == 0 and end in (2, 3):
            return end
    return None


def ends_sooner(text: str) -> bool:
    """Whether the three-character name at the start of ``text`` is, read with what follows, a
    two-character one: 李建仅说 is 李建 仅说 (only where the end is ``doubtful``)."""
    return doubtful(text) and recognised_length(text) == 2
