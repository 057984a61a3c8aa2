"""The fast cutter (rjieba) gives exactly the tokens of the reference (Python jieba).

The index is built and queried with one cutter; these tests are why it may be the fast one.
Both learn the same user dictionary and the same names, in the same order, as an import does.
"""

import os
import random
from pathlib import Path

import pytest

from archive.ingest.parser import parse_text
from archive.ingest.text import decode
from archive.search.tokens import (
    add_words,
    reference_search_tokens,
    reference_words,
    search_tokens,
    words,
)

ROOT = Path(__file__).resolve().parent.parent
DEVSET = Path(os.environ.get("DEVSET", ROOT.parent / "shared" / "devset"))


def texts_in(folder: Path) -> list[str]:
    return [decode(path.read_bytes()) for path in sorted(folder.glob("*.txt"))]


def assert_same_tokens(texts: list[str]) -> None:
    for text in texts:
        for article in parse_text(text):
            # The names an import teaches the tokenizer before indexing the article.
            add_words([b.name for b in article.bylines] + [q.speaker for q in article.quotes])
        assert search_tokens(text) == reference_search_tokens(text)
        assert words(text) == reference_words(text)


def test_seeds_give_the_reference_tokens():
    texts = texts_in(ROOT / "seeds")
    assert len(texts) >= 5
    assert_same_tokens(texts)


@pytest.mark.skipif(not (DEVSET / "texts").is_dir(), reason="no development set beside the project")
def test_development_set_gives_the_reference_tokens():
    texts = texts_in(DEVSET / "texts")
    assert len(texts) >= 30
    assert_same_tokens(texts)


@pytest.mark.parametrize(
    "text",
    [
        "2020-09-14发布",  # rjieba alone keeps a date whole
        "增幅高达10%，杨浦区居民",  # a Chinese word beside digits is cut with them
        "电话021-60850333。",
        "COVID-19疫情",  # rjieba's search mode alone splits ASCII words again
        "i-Shanghai",
        "v1.2.3版",
        "a_b",
        "GDP增长6.5%，50%的人",
        "C#语言和C++、AT&T",  # dictionary words with punctuation
        "㐀㐁字",  # CJK extension A: jieba yields it a character at a time
        "１２３ＡＢＣ公司",
        "上海市\t杨浦区\r\n五角场街道",
    ],
)
def test_punctuated_ascii_and_rare_characters_give_the_reference_tokens(text):
    assert search_tokens(text) == reference_search_tokens(text)
    assert words(text) == reference_words(text)


def test_random_mixtures_of_chinese_ascii_and_punctuation_give_the_reference_tokens():
    rng = random.Random(12)
    alphabet = "上海杨浦区五角场街道养老服务2020-09.5%abcXYZ_·，。 \n：:()（）/—…#+&㐀１"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        assert search_tokens(text) == reference_search_tokens(text), text
        assert words(text) == reference_words(text), text


def test_a_word_added_later_becomes_a_part_of_the_longer_words_around_it():
    text = "中华人民共和国成立"
    assert "民共和" not in search_tokens(text)  # the parts of a word are remembered per word
    add_words(["民共和"])
    assert "民共和" in search_tokens(text)
    assert search_tokens(text) == reference_search_tokens(text)
