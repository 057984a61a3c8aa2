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

# Generous frequency: the user's words must win over the general dictionary's splits.
USER_WORD_FREQUENCY = 2_000_000
TOKEN = re.compile(r"[\w·]+")
_lock = threading.Lock()


@cache
def tokenizer():
    import jieba  # imported here: loading the dictionary takes about a second

    jieba.setLogLevel(logging.WARNING)
    instance = jieba.Tokenizer()
    with _lock:
        instance.initialize()
        for word in [*user_dictionary_words(), *ROLE_WORDS]:
            instance.add_word(word, freq=USER_WORD_FREQUENCY)
    return instance


def add_words(words: Iterable[str]) -> None:
    """Teach the tokenizer names it should keep whole (known authors and speakers)."""
    instance = tokenizer()
    with _lock:
        for word in words:
            if len(word) >= 2:
                instance.add_word(word, freq=USER_WORD_FREQUENCY)


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
