"""The parser's scorer (``archive.ingest.evaluation``): pure, so tested on hand-written parses.

The expected figures are computed by hand from ``tests/data/evaluation/gold.json``; where the
development set's own ``score.py`` is at hand (``../shared/devset``), the figures are also
compared with it, line for line.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.ingest.evaluation import Counts, evaluate, norm

DATA = Path(__file__).resolve().parent / "data" / "evaluation"
GOLD = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
SHARED_DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
needs_score_py = pytest.mark.skipif(
    not (SHARED_DEVSET / "score.py").exists(), reason="no ../shared/devset/score.py here"
)


def article(source, title, **fields):
    return {"source": f"some/folder/{source}", "title": title, **fields}


# A parse of texts/e01–e03 written out by hand, so these figures never depend on the parser.
PREDICTED = [
    article(
        "e01.txt",
        "社区食堂开进老小区 居民下楼就能吃上热饭",  # extends the gold title: counts as it
        bylines=[{"name": "陈晓丽", "role": "记者"}, {"name": "周明", "role": "通讯员"}],
        photos=[],
        quotes=[
            {"speaker": "刘建国", "title": "街道党工委书记", "text": "…"},
            {"speaker": "张阿", "title": "居民", "text": "…"},  # not the optional 张阿姨
            {"speaker": "孙海燕", "title": "食堂负责人", "text": "…"},
        ],
        districts=["杨浦区"],
        body="杨浦区殷行街道的社区食堂开张。\n“以前吃饭要走很远，现在下楼就到。”\n食堂负责人孙海燕介绍，菜单每周更新。",
    ),
    article(
        "e02.txt",
        "滨江步道樱花盛开",  # optional: neither a hit nor an error
        bylines=[],
        photos=[{"caption": "赏花", "credit": "本报记者 赵一鸣 摄", "photographer": "赵一鸣"}],
        quotes=[{"speaker": "何静", "title": "区绿化市容局副局长", "text": "…"}],
        districts=["浦东新区"],
        body="沿江步道的樱花进入盛花期。",
    ),
    article(
        "e03.txt",
        "旧仓库变身艺术中心",
        bylines=[{"name": "钱立", "role": "记者"}],
        quotes=[{"speaker": "吴卫东", "title": "项目设计师", "text": "…"}],
        districts=["普陀区"],
        body="日前以艺术中心的身份重新开放。\n项目设计师吴卫东说，改造保留了原有的砖墙和木梁。",
    ),
]

EXPECTED_LINES = [
    "titles         P=1.00 R=0.50 F1=0.67  (tp=2 fp=0 fn=2)",
    "reporters      P=1.00 R=0.60 F1=0.75  (tp=3 fp=0 fn=2)",
    "photographers  P=1.00 R=1.00 F1=1.00  (tp=1 fp=0 fn=0)",
    "speakers       P=0.80 R=0.80 F1=0.80  (tp=4 fp=1 fn=1)",
    "districts      P=1.00 R=0.60 F1=0.75  (tp=3 fp=0 fn=2)",
    "speaker titles 4/5",
    "page-break joins 1/2   duplicate paragraphs removed 2/2   photo count off by 2",
]
EXPECTED_MISSES = [
    "  e01.txt: speakers spurious: 张阿",
    "  e02.txt: title missed: 滨江樱花进入盛花期",
    "  e03.txt: join missing: 日前以艺术中心的身份重新开放。项目设计师",
    "  e03.txt: reporters missed: 李娜",
    "  e03.txt: districts missed: 静安区",
    "  e04.txt: reporters missed: 王伟",
    "  e04.txt: speakers missed: 赵强",
    "  e04.txt: districts missed: 徐汇区",
    "  e04.txt: title missed: 不存在的文章",
]
EXPECTED_OVERALL = "overall entity F1=0.765 (P=0.93 R=0.65)"  # 2·13 / (2·13 + 1 + 7)


def test_hand_computed_figures_per_category_and_overall():
    result = evaluate(GOLD, PREDICTED)
    assert result.lines() == [*EXPECTED_LINES, EXPECTED_OVERALL]
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (13, 1, 7)
    assert result.overall.f1 == pytest.approx(26 / 34)


def test_verbose_lists_misses_and_spurious_entries_by_file_in_gold_order():
    assert evaluate(GOLD, PREDICTED).lines(verbose=True) == [
        *EXPECTED_LINES,
        *EXPECTED_MISSES,
        EXPECTED_OVERALL,
    ]


def test_json_carries_the_same_figures():
    figures = evaluate(GOLD, PREDICTED).as_json()
    assert figures["categories"]["speakers"] == {
        "precision": 0.8,
        "recall": 0.8,
        "f1": pytest.approx(0.8),
        "tp": 4,
        "fp": 1,
        "fn": 1,
    }
    assert figures["speaker_titles"] == {"right": 4, "total": 5}
    assert figures["joins"] == {"right": 1, "total": 2}
    assert figures["duplicates_removed"] == {"right": 2, "total": 2}
    assert figures["photo_count_off"] == 2
    assert figures["overall"]["f1"] == pytest.approx(26 / 34)
    assert figures["misses"][0] == {"file": "e01.txt", "what": "speakers spurious", "entry": "张阿"}


def test_names_compare_after_nfkc_and_without_any_whitespace():
    assert norm("王  伟") == norm("王\u3000伟") == "王伟"
    assert norm("Ａ０５：要闻") == "A05:要闻"
    assert norm(None) == ""


@pytest.mark.parametrize(
    ("predicted", "counted"),
    [
        ("市民驿站", True),  # exact
        ("社区食堂开进老小区 居民下楼就能吃上热饭", True),  # extends the gold title
        ("社区食堂开进老小", True),  # the gold title cut to 8 characters
        ("社区食堂开进老", False),  # cut to 7: too short to count
        ("市民驿站开张了", False),  # extends a gold title shorter than 8 characters
    ],
)
def test_a_title_counts_when_it_extends_or_is_cut_to_eight_characters_of_the_gold(
    predicted, counted
):
    gold = {"files": {"a.txt": _labels(titles=["市民驿站", "社区食堂开进老小区"])}}
    result = evaluate(gold, [article("a.txt", predicted)])
    assert result.categories["titles"] == Counts(tp=counted, fp=not counted, fn=1 + (not counted))


def test_role_with_she_credits_a_photographer_and_photos_credit_theirs():
    gold = {"files": {"a.txt": _labels(reporters=["林芳"], photographers=["王伟", "李强"])}}
    parse = article(
        "a.txt",
        "题",
        bylines=[{"name": "林芳", "role": "记者"}, {"name": "王伟", "role": "摄影"}],
        photos=[{"caption": "", "credit": "", "photographer": {"name": "李强"}}],
    )
    result = evaluate(gold, [parse])
    assert result.categories["reporters"] == Counts(tp=1)
    assert result.categories["photographers"] == Counts(tp=2)


def test_optional_entries_are_neither_hits_nor_errors():
    gold = {"files": {"a.txt": _labels(speakers={"赵强": ""}, optional_speakers=["王女士"])}}
    parse = article("a.txt", "题", quotes=[{"speaker": "赵强"}, {"speaker": "王女士"}])
    assert evaluate(gold, [parse]).categories["speakers"] == Counts(tp=1)


def test_a_speaker_title_is_right_when_one_contains_the_other_and_first_quote_wins():
    gold = {"files": {"a.txt": _labels(speakers={"赵强": "区长", "孙丽": "馆长", "钱多": ""})}}
    parse = article(
        "a.txt",
        "题",
        quotes=[
            {"speaker": "赵强", "title": "杨浦区副区长"},
            {"speaker": "孙丽", "title": None},
            {"speaker": "孙丽", "title": "馆长"},  # the first quote's title is the one scored
            {"speaker": "钱多", "title": "主任"},  # no printed title in the gold: not scored
        ],
    )
    assert str(evaluate(gold, [parse]).speaker_titles) == "1/2"


def test_no_prediction_at_all_scores_zero_recall_and_perfect_precision():
    result = evaluate(GOLD, [])
    assert result.categories["titles"] == Counts(fn=4)
    assert (result.overall.precision, result.overall.recall, result.overall.f1) == (1.0, 0.0, 0.0)


def _labels(**given):
    labels = {"titles": [], "reporters": [], "photographers": [], "speakers": {}, "districts": []}
    return labels | given


@needs_score_py
def test_the_figures_equal_those_of_the_dev_sets_score_py(tmp_path):
    predicted = tmp_path / "predicted.json"
    predicted.write_text(json.dumps(PREDICTED, ensure_ascii=False), encoding="utf-8")
    expected = _score_py(DATA / "gold.json", predicted, "-v")
    assert evaluate(GOLD, PREDICTED).lines(verbose=True) == expected


def _score_py(gold: Path, predicted: Path, *args: str) -> list[str]:
    completed = subprocess.run(
        [sys.executable, str(SHARED_DEVSET / "score.py"), str(gold), str(predicted), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.splitlines()


def test_an_untitled_article_on_a_page_with_no_headline_is_counted_as_score_py_does_and_told():
    gold = {
        "files": {
            "a.txt": _labels(),  # printed with no headline
            "b.txt": _labels(titles=["旧仓库变身艺术中心"]),
        }
    }
    parses = [article("a.txt", ""), article("b.txt", "旧仓库变身艺术中心"), article("b.txt", "")]
    result = evaluate(gold, parses)
    # score.py's figures stand: the empty title is a false title on both pages.
    assert result.categories["titles"] == Counts(tp=1, fp=2)
    assert result.untitled_no_headline == 1  # only the page printed without a headline
    assert result.untitled_note() == (
        "untitled articles on pages with no headline: 1, each counted as a false title; "
        "titles without them P=0.50 R=1.00 F1=0.67"
    )
    assert evaluate(gold, parses[1:2]).untitled_note() is None
