"""Speakers the rules cannot name (a name outside the surname table) are found by the recogniser,
only for the speech verbs the rules left without a speaker, and only at a clean boundary."""

import pytest

from archive.ingest import recognizer
from archive.ingest.quotes import find_quotes


@pytest.fixture
def with_recognizer():
    before = recognizer.set_enabled(True)
    yield
    recognizer.set_enabled(before)


def speakers(paragraphs):
    return [(quote.speaker, quote.title, quote.text) for quote in find_quotes(paragraphs)]


def test_a_name_without_a_known_surname_is_found_before_its_speech_verb(with_recognizer):
    paragraph = "老人们都很喜欢这个食堂，热依拉笑着说：“饭菜很香，价格也便宜。”"
    assert speakers([paragraph]) == [("热依拉", None, "饭菜很香，价格也便宜。")]


def test_without_the_recogniser_the_rules_alone_name_nobody_there():
    before = recognizer.set_enabled(False)
    try:
        assert speakers(["老人们都很喜欢这个食堂，热依拉笑着说：“饭菜很香。”"]) == []
    finally:
        recognizer.set_enabled(before)


def test_a_name_the_model_cuts_short_before_the_verb_is_not_taken(with_recognizer):
    # Whatever the model reads here, a name ending one character before 表示 is not accepted.
    found = speakers(["活动结束后，沙吾提表示，明年还要再来参加。"])
    assert all(speaker not in ("沙吾", "沙吾提表") for speaker, _, _ in found)


def test_people_named_only_by_a_family_title_stay_unnamed(with_recognizer):
    assert speakers(["李阿姨说，饭菜很香。", "王女士表示，环境很好。"]) == []


@pytest.fixture
def asked(with_recognizer, monkeypatch):
    """Every list of texts handed to the recogniser while the test runs."""
    handed = []
    real = recognizer.person_spans
    monkeypatch.setattr(
        recognizer, "person_spans", lambda texts: handed.append(texts) or real(texts)
    )
    return handed


def test_a_speaker_the_rules_found_is_not_asked_of_the_recogniser_again(asked):
    assert speakers(["区委书记王建国说，要把好事办好。"]) == [
        ("王建国", "区委书记", "要把好事办好。")
    ]
    assert asked == []


# Name boundaries the characters cannot settle --------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("会上，街道办主任邹海宣布：“下月起延长开放时间。”", "邹海"),  # 宣布 is a verb
        ("居民陶林仅说了一句：“真方便。”", "陶林"),  # 仅 is an adverb
        ("协会会长鲍云致辞时说，希望更多人参与。", "鲍云"),  # 致辞
        ("协会会长鲍云致词时说，希望更多人参与。", "鲍云"),  # 致词: a noun to the dictionary
    ],
)
def test_a_third_character_that_opens_the_predicate_is_left_to_it(
    with_recognizer, paragraph, speaker
):
    assert [found for found, _, _ in speakers([paragraph])] == [speaker]


def test_a_three_character_name_before_a_one_character_verb_is_kept(with_recognizer):
    assert [found for found, _, _ in speakers(["居民蒋伟明说：“好。”"])] == ["蒋伟明"]


def test_a_doubtful_end_is_asked_of_the_recogniser_and_a_clear_one_is_not(asked):
    from archive.ingest import name_boundary

    name_boundary.recognised_length.cache_clear()
    assert not name_boundary.doubtful("蒋伟华说：“好")  # 华说 is no word: not asked
    assert name_boundary.doubtful("邹海宣布：“下月")
    assert name_boundary.ends_sooner("邹海宣布：“下月")
    assert asked == [["邹海宣布：“下月"]]


def test_without_the_recogniser_a_doubtful_end_keeps_the_rules_guess():
    before = recognizer.set_enabled(False)
    try:
        found = speakers(["居民陶林仅说了一句：“真方便。”"])
        assert [speaker for speaker, _, _ in found] == ["陶林仅"]
    finally:
        recognizer.set_enabled(before)


def test_a_third_character_before_an_aspect_marker_is_asked_of_the_recogniser(with_recognizer):
    from archive.ingest import name_boundary

    assert name_boundary.doubtful("周刚看完节目")  # 看完: a verb and its aspect
    assert not name_boundary.doubtful("周刚明节目")
    found = speakers(["“这部片子拍得真好。”某镇派出所所长周刚看完节目后感叹道。"])
    assert [speaker for speaker, _, _ in found] == ["周刚"]
