"""The one place jieba is used: lazy, with the archive's own user dictionary.

Search mode (``cut_for_search``) yields a place or name as one token *and* its parts,
so 五角场街道 is found by 五角场 and 杨浦区 by 杨浦. Part-of-speech tagging is never loaded
here: a web worker that only searches must not pay for it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from functools import cache

from archive.ingest.bylines import ROLE_WORDS
from archive.ingest.gazetteer import user_dictionary_words

TOKEN = re.compile(r"[\w·]+")
_lock = threading.Lock()


@cache
def tokenizer():
    import jieba  # imported here: loading the dictionary takes about a second

    jieba.setLogLevel(logging.WARNING)
    instance = jieba.Tokenizer()
    with _lock:
        instance.initialize()
        _add(instance, [*user_dictionary_words(), *ROLE_WORDS])
    return instance


def add_words(words: Iterable[str]) -> None:
    """Teach the tokenizer names it should keep whole (known authors and speakers)."""
    instance = tokenizer()
    with _lock:
        _add(instance, words)


def _add(instance, words: Iterable[str]) -> None:
    """Each word once, with the smallest frequency that keeps it whole: re-adding a word, or a
    huge frequency, would raise jieba's total count and shift how every other text is cut."""
    for word in words:
        if len(word) >= 2 and not instance.FREQ.get(word):
            instance.add_word(word, freq=instance.suggest_freq(word, False))


def search_tokens(text: str) -> list[str]:
    """Tokens for the index: words and, for long words, their parts; punctuation dropped."""
    return [
        token.lower()
        for token in tokenizer().cut_for_search(text, HMM=True)
        if TOKEN.fullmatch(token)
    ]


def words(text: str) -> list[str]:
    """The text segmented once, without the extra parts (for phrases in queries)."""
    return [token.lower() for token in tokenizer().cut(text, HMM=True) if TOKEN.fullmatch(token)]
