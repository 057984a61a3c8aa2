"""Traditional pages are read with the simplified rules and given back in their own characters."""

import time

from archive.ingest.parser import parse_text
from archive.ingest.script import fold_script, to_simplified


def test_folding_keeps_every_position():
    printed = "本報記者 陳小樂 攝\n區長說：「這裡很好。」"
    folded = to_simplified(printed)
    assert folded == "本报记者 陈小乐 摄\n区长说：「这里很好。」"
    assert len(folded) == len(printed)


def test_simplified_text_is_left_as_it_is():
    page = "本报记者 王小明 报道 浦东新区"
    folding = fold_script(page)
    assert folding.folded == page
    assert not folding.changed
    assert folding.restore("王小明") == "王小明"


def test_a_found_name_is_given_back_as_printed():
    folding = fold_script("記者 馮曉東 鄭麗華")
    assert folding.restore("冯晓东") == "馮曉東"
    assert folding.restore("郑丽华") == "鄭麗華"


def test_a_character_printed_both_ways_is_given_back_as_this_string_printed_it():
    # 区 stands for 區 in the title and is printed simplified in the body twice more.
    folding = fold_script("社區新事\n区里区外 社區")
    assert folding.restore("社区新事") == "社區新事"
    assert folding.restore("区里区外") == "区里区外"


def test_a_traditional_page_gives_its_reporters_places_and_speakers_in_its_own_characters():
    page = (
        "鄰里食堂迎來首批客人\n\n"
        "本報記者 鄭麗華 攝影報道\n\n"
        "閔行區古美路街道的鄰里食堂昨天開張，附近的老人們早早來到食堂排隊。\n\n"
        "“飯菜很合口味，價格也實惠。”居民周建國說。"
    )
    (article,) = parse_text(page)
    assert article.title == "鄰里食堂迎來首批客人"
    # The role is a word of the credit lexicon, so a traditional 攝 still credits a photographer.
    assert [(b.name, b.role) for b in article.bylines] == [("鄭麗華", "记者"), ("鄭麗華", "摄影")]
    assert [district.name for district in article.districts] == ["闵行区"]
    assert [(quote.speaker, quote.title) for quote in article.quotes] == [("周建國", "居民")]
    assert article.body.startswith("閔行區古美路街道的鄰里食堂昨天開張")
    assert article.raw_text == page


def test_a_long_page_in_both_scripts_folds_in_linear_time():
    line = "區里的記者 鄭麗華 说：「好。」区里\n"
    started = time.perf_counter()
    folding = fold_script(line * 40_000)
    for _ in range(5_000):
        folding.restore("区里的记者")
    assert time.perf_counter() - started < 5


def test_a_tie_between_two_printed_forms_is_given_back_the_same_way_every_time():
    # 区 printed twice as 區 and twice as itself: the page is traditional, so 區, always.
    folding = fold_script("社區 區里\n区外 区内 歡迎")
    assert folding._printed_of[ord("区")] == "區"
