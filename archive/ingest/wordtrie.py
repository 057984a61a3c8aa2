"""Many words as one regex, shaped as a trie.

A flat alternation ``总编辑|总编|书记|…`` tries every word in turn at each position it is asked
at; the trie ``总编(?:辑)?|书记|…`` tries one branch per character, and so costs the same however
many words share a start. At any position it matches the same word as the flat alternation with
the longest words first: it goes as deep as the text allows and backtracks to a shorter word
(also when what follows the trie inside the pattern fails after the longer one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Trie = dict[str, "Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """The regex source matching any of ``words`` (none empty), longest first."""
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _branches(trie)


def _branches(node: Trie) -> str:
    return "|".join(re.escape(char) + _rest(child) for char, child in sorted(node.items()))


def _rest(node: Trie) -> str:
    """The pattern after a node's character: its longer words greedily, then (when a word ends
    here) nothing."""
    children = {char: child for char, child in node.items() if char}
    if not children:
        return ""
    rest = _branches(children)
    return f"(?:{rest})?" if "" in node else f"(?:{rest})"
