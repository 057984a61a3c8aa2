"""Speakers, name boundaries, printed titles and the gazetteer: every example is invented."""

import time

import pytest

from archive.ingest.gazetteer import find_districts
from archive.ingest.names import best_name, is_plausible_name, split_title
from archive.ingest.quotes import find_quotes


def speakers(quotes):
    return [(quote.speaker, quote.title) for quote in quotes]


def districts(text):
    return [mention.district for mention in find_districts(text)]


# Name boundaries -------------------------------------------------------------------------------


def test_three_character_name_keeps_its_last_character_before_punctuation():
    quotes = find_quotes(["“社区有温度。”说这句话的是区文化馆原馆长孙立正，也是本街道的老居民。"])
    assert speakers(quotes) == [("孙立正", "区文化馆原馆长")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("林方日前表示", "林方"),
        ("王志强调，要", "王志"),
        ("陈立宁表示", "陈立宁"),
        ("周建国在", "周建国"),
    ],
)
def test_name_ends_where_what_follows_reads_as_the_next_word(text, name):
    assert best_name(text) == name


@pytest.mark.parametrize("word", ["成为", "尤其", "关系", "向同伴", "王医生", "李居民"])
def test_common_words_and_words_for_people_are_not_names(word):
    assert not is_plausible_name(word)


def test_a_place_before_its_delegation_is_not_a_deputy():
    quotes = find_quotes(["庄桥代表团的郑丽代表则从宏观层面，强调了“乡村振兴”的紧迫性。"])
    assert speakers(quotes) == [("郑丽", None)]


def test_deputies_and_members_as_a_body_name_no_one():
    assert find_quotes(["如何培育新动能，成为代表委员热议的焦点。"]) == []


def test_a_preposition_before_a_word_for_people_is_no_speaker():
    assert find_quotes(["孩子们当“小导游”，向同伴介绍自己老家的风景。"]) == []


# Speakers without a speech verb -----------------------------------------------------------------


def test_name_and_title_line_heads_the_quote_below_it():
    quotes = find_quotes(
        ["周建新是村里的老党员。", "周建新(某镇某村村民)", "“这条路修好以后，出门方便多了。”"]
    )
    assert speakers(quotes) == [("周建新", "某镇某村村民")]
    assert quotes[0].text == "这条路修好以后，出门方便多了。"


def test_titled_name_before_a_sentence_that_is_only_a_quote_is_its_speaker():
    quotes = find_quotes(
        ["在访谈现场，某装备公司相关负责人宋建明最关心的是营商环境。“我们希望审批再快一些。”"]
    )
    assert speakers(quotes) == [("宋建明", "某装备公司相关负责人")]
    assert quotes[0].text == "我们希望审批再快一些。"


def test_described_person_before_a_quote_and_a_pronoun_verb_is_its_speaker():
    quotes = find_quotes(
        ["在外地务工的余小玲，把两个孩子都送到这里读书。“现在我的娃也能写书法了！”她笑着说。"]
    )
    assert [quote.speaker for quote in quotes] == ["余小玲"]
    assert quotes[0].text == "现在我的娃也能写书法了！"


def test_named_subject_of_the_sentence_after_a_quote_is_its_speaker():
    quotes = find_quotes(["“我早就回来了！”1990年出生的陶小雨是土生土长的本村人，今年返乡创业。"])
    assert [(quote.speaker, quote.text) for quote in quotes] == [("陶小雨", "我早就回来了！")]


def test_a_name_closing_the_clause_after_a_quote_is_not_its_speaker():
    assert find_quotes(["“认真写字，踏实做人”是某小学书法教育的宗旨。"]) == []


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“去年我们开始围绕人做文章。”某居委会党总支书记冯海英打开了话匣子。", "冯海英"),
        ("“他思路非常清晰。”这句评价出自某居委会副主任胡丽英。", "胡丽英"),
    ],
)
def test_quote_then_titled_name_with_a_verb_that_is_no_speech_verb(sentence, speaker):
    (quote,) = find_quotes([sentence])
    assert quote.speaker == speaker
    assert quote.title.startswith("某居委会")


def test_words_after_the_verb_that_only_end_the_attribution_give_way_to_the_opening_quote():
    quotes = find_quotes(
        ["“真对不起啊！”一早，居民陈同根来到居委会，握着主任的手，感慨万分地说道。"]
    )
    assert [(quote.speaker, quote.text) for quote in quotes] == [("陈同根", "真对不起啊！")]


def test_quote_cut_off_by_the_page_end_still_counts():
    (quote,) = find_quotes(["某公司经理韩立说：“今年的订单比去年多了一倍，我们正在"])
    assert (quote.speaker, quote.title, quote.direct) == ("韩立", "某公司经理", True)
    assert quote.text == "今年的订单比去年多了一倍，我们正在"


# Titles ----------------------------------------------------------------------------------------


def test_title_printed_at_the_first_mention_is_carried_to_a_later_bare_quote():
    quotes = find_quotes(
        ["某报总编辑张平一行昨日来到某大学调研。", "“我们要把读者紧紧联系在一起。”张平说。"]
    )
    assert speakers(quotes) == [("张平", "某报总编辑")]


def test_title_set_before_a_name_as_an_apposition_is_carried():
    quotes = find_quotes(
        [
            "身为某街道某居民区党总支第一书记，方晓燕和同事挨家挨户敲门。",
            "“大家都很配合。”方晓燕说。",
        ]
    )
    assert speakers(quotes) == [("方晓燕", "某街道某居民区党总支第一书记")]


def test_titled_people_listed_before_a_name_are_not_part_of_its_title():
    quotes = find_quotes(
        ["某大学党委副书记刘一鸣、研究室主任胡华中参加座谈。", "“座谈很有收获。”胡华中说。"]
    )
    assert speakers(quotes) == [("胡华中", "研究室主任")]


def test_a_word_for_what_someone_is_stands_before_a_name_as_a_title():
    quotes = find_quotes(["从外地来沪的青年孟一凡则表示，他每天都看报。"])
    assert [quote.speaker for quote in quotes] == ["孟一凡"]


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("某中学高三(2)班班主任", ("某中学高三(2)班", "班主任")),
        ("某社区卫生服务中心家庭医生", ("某社区卫生服务中心", "家庭医生")),
        ("某区财政局一级主任科员", ("某区财政局", "一级主任科员")),
        ("某科技公司首席执行官", ("某科技公司", "首席执行官")),
        ("某党派区委专职副主委", ("某党派区委", "专职副主委")),
        ("某办公室原主任", ("某办公室", "原主任")),
        ("某律师事务所管理合伙人", ("某律师事务所", "管理合伙人")),
    ],
)
def test_printed_title_splits_at_the_longest_position_word(title, parts):
    assert split_title(title) == parts


# Hostile input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph", ["他说：“" * 5000, "局长王明说：“好。”" * 3000, "王明表示" * 5000]
)
def test_repeated_attributions_parse_in_well_under_a_second(paragraph):
    started = time.perf_counter()
    find_quotes([paragraph])
    assert time.perf_counter() - started < 1.0


# Places named by a landmark ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("上海的和平公园改造后重新开放，游客络绎不绝。", "虹口区"),
        ("夜幕下，东方明珠塔亮起灯光。", "浦东新区"),
        ("梦花街的老房子正在加速征收。", "黄浦区"),
        ("周末，新场古镇迎来不少游客。", "浦东新区"),
        ("辰山植物园的樱花开了。", "松江区"),
    ],
)
def test_a_park_landmark_street_or_old_town_names_its_district(text, district):
    assert districts(text) == [district]


def test_a_park_name_other_cities_share_needs_shanghai_in_the_text():
    assert districts("市民在和平公园晨练。") == []


def test_a_landmark_right_after_another_districts_place_belongs_to_that_place():
    assert districts("寻访奉贤老城厢的旧街巷，上海的老城味道犹在。") == ["奉贤区"]
    assert districts("黄浦区五里桥街道龙华社区的居民正在分类投放垃圾。") == ["黄浦区"]


def test_a_creek_named_after_a_town_is_not_the_town():
    assert districts("朱泾浜居民区位于松江区九亭镇南侧。") == ["松江区"]


def test_a_footer_address_line_is_no_place_of_the_story():
    assert districts("青浦的蔬菜直供市区。\n地址 : 徐汇区某某路1号") == ["青浦区"]


def test_a_verb_with_no_words_after_it_takes_the_quote_that_opened_the_sentence():
    quotes = find_quotes(["“这里是我们的根据地。”会场外，某集团副总裁韩明在接受采访时如是说。"])
    assert [(quote.speaker, quote.text) for quote in quotes] == [("韩明", "这里是我们的根据地。")]


def test_a_verb_before_the_title_is_not_part_of_it():
    quotes = find_quotes(["这不禁引起了某网站记者唐立的注意。", "“这里有一段往事。”唐立说。"])
    assert speakers(quotes) == [("唐立", "某网站记者")]


def test_a_title_word_printed_after_the_name_yields_to_the_full_title_of_a_mention():
    quotes = find_quotes(["某中学校长周明带队参观。", "“孩子们很喜欢。”周明校长介绍说。"])
    assert speakers(quotes) == [("周明", "某中学校长")]
