"""The statistical name recogniser: people found by the model, offsets that slice the text to
them, sentences cut so any input costs linear time, and a switch that turns it off.

Every sentence and name here is invented.
"""

import time

import numpy as np
import pytest

from archive.ingest import recognizer
from archive.ingest.lac import viterbi
from archive.ingest.recognizer import (
    MAX_SENTENCE,
    Entity,
    available,
    entities,
    person_spans,
    sentences,
    set_enabled,
)


@pytest.fixture
def switched_off():
    previous = set_enabled(False)
    yield
    set_enabled(previous)


def names(text: str) -> list[str]:
    return [text[start:end] for start, end in person_spans([text])[0]]


def test_the_model_ships_with_the_package_and_loads():
    assert available()


def test_finds_the_person_before_a_speech_verb_without_the_verb():
    text = "居民代表邵文涛表示，新修的步道让老人散步方便多了。"
    assert names(text) == ["邵文涛"]


def test_a_name_followed_by_shuo_does_not_take_the_verb():
    text = "“这条河又清了。”河长吕振邦说。"
    assert names(text) == ["吕振邦"]


def test_offsets_slice_each_text_to_its_names():
    texts = ["本报记者 柏雨晴 甘思远", "钟立峰 摄", "今天天气晴朗。"]
    spans = person_spans(texts)
    found = [
        [text[start:end] for start, end in row] for text, row in zip(texts, spans, strict=True)
    ]
    assert found == [["柏雨晴", "甘思远"], ["钟立峰"], []]


def test_entities_carry_their_labels_and_offsets_into_the_whole_text():
    text = "第一句没有人。昨天，工程师俞家明在杭州介绍了新的桥梁方案。"
    found = entities([text])[0]
    people = [entity for entity in found if entity.label == "PER"]
    assert [entity.text_in(text) for entity in people] == ["俞家明"]
    assert "杭州" in [entity.text_in(text) for entity in found if entity.label == "LOC"]
    assert all(text[entity.start : entity.end] for entity in found)


def test_labels_filter_the_entities():
    text = "工程师俞家明在杭州介绍了方案。"
    assert {entity.label for entity in entities([text], labels=frozenset({"LOC"}))[0]} == {"LOC"}


def test_empty_input_and_empty_texts_find_nothing():
    assert person_spans([]) == []
    assert person_spans(["", "   ", "\n\n"]) == [[], [], []]


def test_sentences_are_cut_at_sentence_ends_and_keep_closing_quotes():
    text = "他说：“好。”她笑了！\n第二段"
    assert [text[start:end] for start, end in sentences(text)] == [
        "他说：“好。”",
        "她笑了！",
        "第二段",
    ]


def test_a_run_without_punctuation_is_cut_at_a_comma_near_the_limit():
    text = "甲" * (MAX_SENTENCE - 10) + "，" + "乙" * 50
    pieces = [text[start:end] for start, end in sentences(text)]
    assert pieces == ["甲" * (MAX_SENTENCE - 10) + "，", "乙" * 50]


def test_no_sentence_is_longer_than_the_limit():
    text = "丙" * (MAX_SENTENCE * 3 + 7)
    lengths = [end - start for start, end in sentences(text)]
    assert lengths == [MAX_SENTENCE, MAX_SENTENCE, MAX_SENTENCE, 7]


def test_a_long_paragraph_costs_linear_time():
    sentence = "社区主任潘立群表示，活动将持续到月底"  # no full stop: one endless run
    short, long = sentence * 40, sentence * 400

    def seconds(text: str) -> float:
        start = time.perf_counter()
        spans = person_spans([text])[0]
        assert len(spans) >= len(text) // len(sentence) // 2  # the names are still found
        return time.perf_counter() - start

    seconds(short)  # warm up
    assert seconds(long) < 25 * seconds(short)  # ten times the text, not a hundred


def test_batched_decoding_equals_one_sentence_at_a_time():
    rng = np.random.default_rng(7)
    tags = 5
    transitions = rng.normal(size=(tags, tags)).astype(np.float32)
    emissions = rng.normal(size=(3, 6, tags)).astype(np.float32)
    lengths = np.array([6, 2, 4])
    together = viterbi(emissions, transitions, lengths)
    for row, length in enumerate(lengths):
        alone = viterbi(emissions[row : row + 1, :length], transitions, lengths[row : row + 1])
        assert together[row, :length].tolist() == alone[0].tolist()


def test_viterbi_takes_the_path_with_the_best_total_score():
    transitions = np.array([[0.0, -5.0], [-5.0, 0.0]], dtype=np.float32)  # changing tag costs
    emissions = np.array([[[1.0, 0.0], [0.0, 2.0], [1.0, 0.0]]], dtype=np.float32)
    # 0,1,0 earns 4 but pays 10 for two changes; 0,0,0 earns 2 and stays.
    assert viterbi(emissions, transitions, np.array([3])).tolist() == [[0, 0, 0]]


def test_switched_off_it_finds_nothing_and_says_so(switched_off):
    assert not available()
    assert person_spans(["居民代表邵文涛表示同意。"]) == [[]]


def test_the_environment_variable_turns_it_off(monkeypatch):
    import importlib

    monkeypatch.setenv(recognizer.SWITCH, "off")
    try:
        reloaded = importlib.reload(recognizer)
        assert not reloaded.enabled()
    finally:
        monkeypatch.delenv(recognizer.SWITCH)
        importlib.reload(recognizer)
    assert recognizer.enabled()


def test_entity_is_plain_frozen_data():
    entity = Entity(2, 5, "PER")
    assert entity.text_in("记者王小明报道") == "王小明"
    with pytest.raises(AttributeError):
        entity.start = 0


def test_sentences_of_different_lengths_tag_in_one_batch_as_each_alone():
    batch = [
        "记者柏雨晴报道。",
        "昨天下午，街道办事处主任温嘉树在社区活动室介绍了加装电梯的进展。",
        "钟立峰 摄",
    ]
    together = person_spans(batch)
    alone = [person_spans([sentence])[0] for sentence in batch]
    assert together == alone
    assert [batch[1][start:end] for start, end in together[1]] == ["温嘉树"]


def test_a_no_break_space_is_not_taken_into_the_name():
    text = "本报记者\u00a0柏雨晴\u00a0甘思远"
    assert names(text) == ["柏雨晴", "甘思远"]


def test_viterbi_finds_the_best_path_of_every_sentence_by_exhaustive_search():
    import itertools

    rng = np.random.default_rng(11)
    tags, lengths = 3, np.array([1, 4, 3, 4, 2])
    transitions = rng.normal(size=(tags, tags)).astype(np.float32)
    emissions = rng.normal(size=(len(lengths), 4, tags)).astype(np.float32)
    paths = viterbi(emissions, transitions, lengths)
    for row, length in enumerate(lengths):

        def total(path, row=row):
            steps = sum(transitions[a, b] for a, b in itertools.pairwise(path))
            return steps + sum(emissions[row, t, tag] for t, tag in enumerate(path))

        best = max(itertools.product(range(tags), repeat=int(length)), key=total)
        assert tuple(paths[row, :length]) == best


def test_threads_that_ask_at_once_load_the_model_once(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    loads = []

    load = recognizer._new_model

    def counted():
        loads.append(1)
        return load()

    monkeypatch.setattr(recognizer, "_new_model", counted)
    monkeypatch.setattr(recognizer, "_model", None)
    text = "居民代表邵文涛表示，新修的步道让老人散步方便多了。"
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: person_spans([text]), range(8)))
    assert loads == [1]
    assert all(result == [[(4, 7)]] for result in results)


def test_a_model_that_cannot_load_leaves_the_recogniser_unavailable(monkeypatch):
    def broken():
        raise OSError("the weights are missing")

    monkeypatch.setattr(recognizer, "_new_model", broken)
    monkeypatch.setattr(recognizer, "_model", None)
    monkeypatch.setattr(recognizer, "_failed", False)
    assert not available()
    assert person_spans(["居民代表邵文涛表示同意。"]) == [[]]


def test_a_network_without_the_expected_gru_layers_is_refused():
    from archive.ingest.lac.graph import with_sequence_lengths

    with pytest.raises(ValueError, match="not the one expected"):
        with_sequence_lengths(b"")
