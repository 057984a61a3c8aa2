"""The one place the text is cut into words: lazy, with the archive's own user dictionary.

Search mode yields a place or name as one token *and* its parts, so 五角场街道 is found by 五角场
and 杨浦区 by 杨浦. Part-of-speech tagging is never loaded here: a web worker that only searches
must not pay for it.

The cutter is ``rjieba`` (jieba-rs: jieba's dictionary and algorithm in Rust, about ten times
faster); ``jieba`` stays the reference (``reference_tokenizer``), and ``tests/test_tokens.py``
proves both give the same tokens on the seeds and the development set.
rjieba differs from jieba in three places, so those are done here the way jieba does them:

- the text is split into blocks with jieba's own pattern (CJK Unified Ideographs, ASCII letters
  and digits, ``+#&._%-``) before rjieba sees it; rjieba's blocks also take in the CJK
  extensions, which jieba yields a character at a time;
- an ASCII run that is not a dictionary word is split with jieba's pattern for non-Chinese text
  (``2020-09-14`` → 2020 / 09 / 14; rjieba keeps it whole);
- search mode: on whole runs of Chinese and its punctuation, rjieba's own search mode is jieba's;
  elsewhere the extra parts (the 2- and 3-character dictionary words inside a longer word) are
  taken from rjieba's plain cut, as jieba does, since rjieba's search mode splits ASCII words.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from archive.ingest.bylines import ROLE_WORDS
from archive.ingest.gazetteer import user_dictionary_words

TOKEN = re.compile(r"[\w·]+")
# jieba's patterns (jieba/__init__.py and jieba/finalseg): blocks it cuts with the dictionary,
# whitespace between them, and the runs it keeps whole inside non-Chinese text.
BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
SPACE = re.compile(r"(\r\n|\s)")
HAN = re.compile("[\u4e00-\u9fd5]")
# Whole blocks of Chinese with the whitespace and Chinese punctuation between them, which both
# cutters split alike: a run may not begin or end beside a character of jieba's blocks, so it
# never cuts one in two (高达 in 高达10% stays with its digits). The rest goes through jieba's
# rules below.
IN_BLOCK = "\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-"
CHINESE_RUN = re.compile(
    f"(?<![{IN_BLOCK}])([\u4e00-\u9fd5\\s，。、；：？！“”‘’（）《》〈〉【】「」『』—…]+)(?![{IN_BLOCK}])"
)
ASCII_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
WORD_CACHE = 200_000  # distinct words whose search parts are remembered
_lock = threading.RLock()
_taught: list[str] = []  # names new to the dictionary, so the reference learns them in order


@cache
def tokenizer():
    import rjieba  # imported here: loading the dictionary takes about half a second

    instance = rjieba.Jieba()
    with _lock:
        _add(instance, [*user_dictionary_words(), *ROLE_WORDS])
    return instance


@cache
def reference_tokenizer():
    """Python jieba with the same user dictionary: the reference the fast cutter is tested
    against (and what anything rjieba lacks, such as part-of-speech tagging, would use)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    instance = jieba.Tokenizer()
    instance.initialize()
    with _lock:  # the same words in the same order: each one shifts the total count
        _add_reference(instance, [*user_dictionary_words(), *ROLE_WORDS, *_taught])
    return instance


def reference_search_tokens(text: str) -> list[str]:
    """``search_tokens`` as Python jieba cuts them (slow; for tests and the benchmark)."""
    cut = reference_tokenizer().cut_for_search(text, HMM=True)
    return [token.lower() for token in cut if TOKEN.fullmatch(token)]


def reference_words(text: str) -> list[str]:
    """``words`` as Python jieba cuts them."""
    cut = reference_tokenizer().cut(text, HMM=True)
    return [token.lower() for token in cut if TOKEN.fullmatch(token)]


def add_words(words: Iterable[str]) -> None:
    """Teach the tokenizer names it should keep whole (known authors and speakers)."""
    instance = tokenizer()
    with _lock:
        added = _add(instance, words)
        if added:
            _parts.cache_clear()  # a new word can be a part of a longer one
            _taught.extend(added)
            if reference_tokenizer.cache_info().currsize:
                _add_reference(reference_tokenizer(), added)


def _add(instance, words: Iterable[str]) -> list[str]:
    """Each word once, with the smallest frequency that keeps it whole: re-adding a word, or a
    huge frequency, would raise the total count and shift how every other text is cut."""
    added = []
    for word in words:
        if len(word) >= 2 and not instance.has_word(word):
            instance.add_word(word, instance.suggest_freq(word), None)
            added.append(word)
    return added


def _add_reference(instance, words: Iterable[str]) -> None:
    """``_add`` in Python jieba's terms (its dictionary also holds every prefix, at 0)."""
    for word in words:
        if len(word) >= 2 and not instance.FREQ.get(word):
            instance.add_word(word, freq=instance.suggest_freq(word, False))


def search_tokens(text: str) -> list[str]:
    """Tokens for the index: words and, for long words, their parts; punctuation dropped."""
    instance = tokenizer()
    tokens: list[str] = []
    for number, run in enumerate(CHINESE_RUN.split(text)):
        if number % 2:  # Chinese and its punctuation only: rjieba cuts it as jieba does
            tokens += filter(TOKEN.fullmatch, instance.cut_for_search(run, True))
        elif run:
            tokens += [
                token
                for block, dictionary in _blocks(run)
                for word in _cut(block, dictionary)
                for token in _parts(word)
            ]
    return tokens


def words(text: str) -> list[str]:
    """The text segmented once, without the extra parts (for phrases in queries)."""
    return [
        word.lower()
        for block, dictionary in _blocks(text)
        for word in _cut(block, dictionary)
        if TOKEN.fullmatch(word)
    ]


def _blocks(text: str) -> Iterator[tuple[str, bool]]:
    """jieba's blocks: (text, True) for one it cuts with the dictionary, (text, False) between.
    With one group in the pattern, ``split`` alternates: between, block, between, …"""
    for number, block in enumerate(BLOCK.split(text)):
        if block:
            yield block, bool(number % 2)


def _cut(block: str, dictionary: bool) -> Iterator[str]:
    """jieba's ``cut(block, HMM=True)``, word for word."""
    if not dictionary:
        for piece in SPACE.split(block):
            if SPACE.fullmatch(piece):
                yield piece
            else:
                yield from piece
        return
    instance = tokenizer()
    for word in instance.cut(block, True):
        if len(word) > 1 and not HAN.search(word) and not instance.has_word(word):
            yield from filter(None, ASCII_RUN.split(word))
        else:
            yield word


@lru_cache(maxsize=WORD_CACHE)
def _parts(word: str) -> tuple[str, ...]:
    """A word's index tokens, as jieba's search mode yields them: its 2- and then 3-character
    dictionary words (for words longer than that), then the word; lower case, no punctuation."""
    known = tokenizer().has_word
    found = []
    if len(word) > 2:
        found += [word[i : i + 2] for i in range(len(word) - 1) if known(word[i : i + 2])]
    if len(word) > 3:
        found += [word[i : i + 3] for i in range(len(word) - 2) if known(word[i : i + 3])]
    found.append(word)
    return tuple(token.lower() for token in found if TOKEN.fullmatch(token))
