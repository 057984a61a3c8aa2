"""The character index's text side (archive/search/characters.py): pure, no database."""

import pytest

from archive.search.characters import bigram_tsvector, fold, pattern, text_bigrams


def test_bigrams_are_taken_from_the_folded_text_across_letters_digits_and_number_signs():
    found = text_bigrams("出口增长１４．８％，ＧＤＰ")
    assert {"出口", "口增", "增长", "长1", "14", "4.", ".8", "8%", "gd", "dp"} <= found
    assert "%," not in found and "%g" not in found  # the comma ends the run


def test_each_runs_last_character_is_kept_alone_so_one_character_is_a_prefix():
    assert text_bigrams("桥头，村") == {"桥头", "头", "村"}


def test_the_tsvector_literal_lists_each_bigram_once():
    literal = bigram_tsvector("茶园茶园")
    assert sorted(literal.split()) == ["'园'", "'园茶'", "'茶园'"]


def test_folding_is_nfkc_and_lower_case():
    assert fold("Ｃ＋＋与ＡＩ") == "c++与ai"


@pytest.mark.parametrize(
    ("typed", "text", "bigrams", "prefixes"),
    [
        ("枫泾古镇", "枫泾古镇", ("枫泾", "泾古", "古镇"), ()),
        ("古镇！", "古镇", ("古镇",), ()),
        ("镇", "镇", (), ("镇",)),
        ("３．５亿", "3.5亿", ("3.", ".5", "5亿"), ()),
        ("枫泾 古镇", "枫泾 古镇", ("枫泾", "古镇"), ()),
        ("桥 镇", "桥 镇", (), ("桥", "镇")),
    ],
)
def test_a_searched_string_asks_for_its_bigrams_and_its_lone_characters(
    typed, text, bigrams, prefixes
):
    found = pattern(typed)
    assert (found.text, found.bigrams, found.prefixes) == (text, bigrams, prefixes)


def test_one_run_of_at_most_two_characters_needs_no_text_check():
    assert pattern("古镇").answered_by_index and pattern("镇").answered_by_index
    assert not pattern("枫泾古镇").answered_by_index
    assert not pattern("古 镇").answered_by_index  # two runs: the space must be there too


def test_only_han_strings_are_compared_with_the_text_unfolded():
    assert pattern("枫泾古镇").plain
    assert pattern("古镇，").plain  # the comma that ends it is not sought
    assert not pattern("3.5亿").plain


@pytest.mark.parametrize("typed", ["", "   ", "，。、", "-", "&|!", "...", "·"])
def test_a_string_without_a_letter_or_digit_asks_nothing(typed):
    assert pattern(typed) is None
