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
    quotes = find_quotes(
        ["“老街的故事要有人讲下去。”说这话的是区文化馆原馆长孙立正，他在这条街住了四十年。"]
    )
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
    quotes = find_quotes(["庄桥代表团的郑丽代表在小组讨论中强调，要让河道常年清澈。"])
    assert speakers(quotes) == [("郑丽", None)]


def test_deputies_and_members_as_a_body_name_no_one():
    assert find_quotes(["老旧小区加装电梯，成为代表委员讨论最多的话题。"]) == []


def test_a_preposition_before_a_word_for_people_is_no_speaker():
    assert find_quotes(["活动中，孩子们轮流向同伴介绍家乡的美食。"]) == []


# Speakers without a speech verb -----------------------------------------------------------------


def test_name_and_title_line_heads_the_quote_below_it():
    quotes = find_quotes(
        ["周建新在山坡上养了二十箱蜜蜂。", "周建新(某镇某村养蜂户)", "“今年的槐花蜜比往年都甜。”"]
    )
    assert speakers(quotes) == [("周建新", "某镇某村养蜂户")]
    assert quotes[0].text == "今年的槐花蜜比往年都甜。"


def test_titled_name_before_a_sentence_that_is_only_a_quote_is_its_speaker():
    quotes = find_quotes(
        ["座谈会上，某物流公司总经理宋建明谈起了园区的交通。“我们希望公交线路再多一条。”"]
    )
    assert speakers(quotes) == [("宋建明", "某物流公司总经理")]
    assert quotes[0].text == "我们希望公交线路再多一条。"


def test_described_person_before_a_quote_and_a_pronoun_verb_is_its_speaker():
    quotes = find_quotes(
        [
            "在码头做装卸的余小玲，每天清早把女儿送到托管班。“有人帮忙看孩子，我上班踏实多了！”她笑着说。"
        ]
    )
    assert [quote.speaker for quote in quotes] == ["余小玲"]
    assert quotes[0].text == "有人帮忙看孩子，我上班踏实多了！"


def test_named_subject_of_the_sentence_after_a_quote_is_its_speaker():
    quotes = find_quotes(["“这次回来就不走了！”出生在镇上的陶小雨是村里第一个回乡开店的大学生。"])
    assert [(quote.speaker, quote.text) for quote in quotes] == [("陶小雨", "这次回来就不走了！")]


def test_a_name_closing_the_clause_after_a_quote_is_not_its_speaker():
    assert find_quotes(["“多读书，读好书”是某图书馆读书月活动的宗旨。"]) == []


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“小区加装电梯那阵子，天天有人来问。”某居委会党总支书记冯海英笑了。", "冯海英"),
        ("“这孩子做事从不拖拉。”这句评价出自某居委会副主任胡丽英。", "胡丽英"),
    ],
)
def test_quote_then_titled_name_with_a_verb_that_is_no_speech_verb(sentence, speaker):
    (quote,) = find_quotes([sentence])
    assert quote.speaker == speaker
    assert quote.title.startswith("某居委会")


def test_words_after_the_verb_that_only_end_the_attribution_give_way_to_the_opening_quote():
    quotes = find_quotes(["“谢谢你们帮我修好了门！”傍晚，居民陈同根拉着社区干部的手，感慨地说道。"])
    assert [(quote.speaker, quote.text) for quote in quotes] == [
        ("陈同根", "谢谢你们帮我修好了门！")
    ]


def test_quote_cut_off_by_the_page_end_still_counts():
    (quote,) = find_quotes(["某公司经理韩立说：“今年的订单比去年多了一倍，我们正在"])
    assert (quote.speaker, quote.title, quote.direct) == ("韩立", "某公司经理", True)
    assert quote.text == "今年的订单比去年多了一倍，我们正在"


# Titles ----------------------------------------------------------------------------------------


def test_title_printed_at_the_first_mention_is_carried_to_a_later_bare_quote():
    quotes = find_quotes(
        ["某出版社总编辑张平一行昨日到访某图书馆。", "“图书馆是城市的书房。”张平说。"]
    )
    assert speakers(quotes) == [("张平", "某出版社总编辑")]


def test_title_set_before_a_name_as_an_apposition_is_carried():
    quotes = find_quotes(
        [
            "身为某社区卫生服务中心副主任，方晓燕每周都去养老院义诊。",
            "“老人们都盼着我们来。”方晓燕说。",
        ]
    )
    assert speakers(quotes) == [("方晓燕", "某社区卫生服务中心副主任")]


def test_titled_people_listed_before_a_name_are_not_part_of_its_title():
    quotes = find_quotes(
        ["某医院副院长刘一鸣、护理部主任蔡文静参加座谈。", "“座谈很有收获。”蔡文静说。"]
    )
    assert speakers(quotes) == [("蔡文静", "护理部主任")]


def test_a_word_for_what_someone_is_stands_before_a_name_as_a_title():
    quotes = find_quotes(["刚毕业的青年孟一凡则表示，他想留在这座城市。"])
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
    ("paragraph", "speaker"),
    [
        ("“这条弄堂我走了六十年。”退休教师汤建年打开了话匣子。", ("汤建年", "退休教师")),
        ("退休教师汤伯年说：“这条弄堂我走了六十年。”", ("汤伯年", "退休教师")),
        ("区长余明年初表示：“改造要加快。”", ("余明", "区长")),
    ],
)
def test_a_given_name_may_end_in_a_character_of_time_words_when_it_makes_no_word(
    paragraph, speaker
):
    assert speakers(find_quotes([paragraph])) == [speaker]


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("上海的和平公园新修了一条跑道，晨练的人多了。", "虹口区"),
        ("夜幕下，东方明珠塔亮起灯光。", "浦东新区"),
        ("傍晚，梦花街的老邻居们在弄堂口乘凉。", "黄浦区"),
        ("周末，新场古镇迎来不少游客。", "浦东新区"),
        ("辰山植物园的樱花开了。", "松江区"),
        ("古猗园的荷花开了，游客在曲桥上拍照。", "嘉定区"),
        ("长兴岛郊野公园的橘子熟了。", "崇明区"),
        ("上海天文馆门口排起了长队。", "浦东新区"),
    ],
)
def test_a_park_landmark_street_or_old_town_names_its_district(text, district):
    assert districts(text) == [district]


def test_a_park_name_other_cities_share_needs_shanghai_in_the_text():
    assert districts("市民在和平公园晨练。") == []


def test_a_landmark_right_after_another_districts_place_belongs_to_that_place():
    assert districts("奉贤老城厢的石板路修缮一新，上海的市民周末常去走走。") == ["奉贤区"]
    assert districts("徐汇区田林街道七宝社区的志愿者上门讲解垃圾分类。") == ["徐汇区"]


def test_a_creek_named_after_a_town_is_not_the_town():
    assert districts("沿着七宝浜一路向东，就到了徐汇区的漕河泾。") == ["徐汇区"]


def test_a_footer_address_line_is_no_place_of_the_story():
    assert districts("青浦的蔬菜直供市区。\n地址 : 徐汇区某某路1号") == ["青浦区"]


def test_a_verb_with_no_words_after_it_takes_the_quote_that_opened_the_sentence():
    quotes = find_quotes(["“新工厂明年就能投产。”发布会后，某集团副总裁韩明在接受采访时如是说。"])
    assert [(quote.speaker, quote.text) for quote in quotes] == [("韩明", "新工厂明年就能投产。")]


def test_a_verb_before_the_title_is_not_part_of_it():
    quotes = find_quotes(
        ["这批老照片引起了某电视台记者唐立的兴趣。", "“每张照片背后都有故事。”唐立说。"]
    )
    assert speakers(quotes) == [("唐立", "某电视台记者")]


def test_a_title_word_printed_after_the_name_yields_to_the_full_title_of_a_mention():
    quotes = find_quotes(["某中学校长周明带队参观。", "“孩子们很喜欢。”周明校长介绍说。"])
    assert speakers(quotes) == [("周明", "某中学校长")]


@pytest.mark.parametrize("name", ["帅文博", "揭小川", "邝美玲", "冼一鸣"])
def test_rarer_surnames_still_common_today_are_known(name):
    assert is_plausible_name(name)


@pytest.mark.parametrize("word", ["卫生", "封控", "练习"])
def test_surnames_that_open_ordinary_words_are_left_out(word):
    assert not is_plausible_name(word)


def test_a_pronoun_before_the_verb_stands_for_the_one_titled_person_named_before_it():
    quotes = find_quotes(["电视台记者邹小梅也参加了活动，她表示：“这样的活动很有意义。”"])
    assert speakers(quotes) == [("邹小梅", "电视台记者")]


def test_a_pronoun_never_stands_for_the_reports_own_writer():
    assert find_quotes(["本报记者邹小梅来到现场。她表示，活动很有意义。"]) == []


def test_an_outlet_named_after_a_district_places_nothing():
    assert districts("金山网讯 近日，外省某镇举办了活动。") == []
    assert districts("据闵行区融媒体中心消息，外省某镇举办了活动。") == []
    assert districts("金山区融媒体中心记者报道，金山区枫泾镇举办活动。") == ["金山区"]


def test_the_one_who_presides_is_titled_without_the_words_introducing_them():
    quotes = find_quotes(["会议由区委副书记、区长吴一帆主持。", "会上，吴一帆指出：“要做好服务。”"])
    assert speakers(quotes) == [("吴一帆", "区委副书记、区长")]


def test_a_title_holding_the_word_for_free_keeps_it():
    quotes = find_quotes(["自由贸易试验区管委会主任林二虎说，将继续推进。"])
    assert speakers(quotes) == [("林二虎", "自由贸易试验区管委会主任")]


def test_a_candidate_for_a_position_is_titled_as_printed_and_the_aspect_particle_is_no_word():
    quotes = find_quotes(
        ["某某镇党委副书记、镇长候选人周七八走进直播间。", "周七八介绍了某某镇如何推进产业发展。"]
    )
    assert [(q.speaker, q.title, q.text) for q in quotes] == [
        ("周七八", "某某镇党委副书记、镇长候选人", "某某镇如何推进产业发展。")
    ]


def test_a_word_opening_with_the_particle_stays_whole():
    (quote,) = find_quotes(["区长王大明表示了解情况，将尽快处理。"])
    assert quote.text.startswith("了解情况")


def test_a_label_naming_the_teller_heads_a_first_person_account():
    from archive.ingest.parser import parse_text

    page = "某村的变化\n\n讲述人：金山区某村党支部书记 王大明\n\n我是土生土长的村里人。这些年，村里变化很大。\n"
    (article,) = parse_text(page)
    assert [(q.speaker, q.title) for q in article.quotes] == [("王大明", "金山区某村党支部书记")]


@pytest.mark.parametrize("word", ["金融学", "高科技"])
def test_a_three_character_word_the_dictionary_knows_is_no_name(word):
    assert not is_plausible_name(word)


def test_a_word_inside_an_organisations_name_is_no_speaker():
    quotes = find_quotes(["某某会计金融学院副院长赵一鸣说，学生很认真。", "“很好。”金融学讲师说。"])
    assert speakers(quotes) == [("赵一鸣", "某某会计金融学院副院长")]


# Speakers the narration names, with no speech verb -----------------------------------------------


def test_a_quote_after_a_sentence_about_a_person_is_theirs_while_the_narration_stays_on_them():
    quotes = find_quotes(
        [
            "退休教师孙秀英就住在这条弄堂里。“每天早上都能听到卖豆浆的吆喝声。”如今，她把这些写成了书。"
        ]
    )
    assert speakers(quotes) == [("孙秀英", "退休教师")]


def test_a_quote_followed_by_someone_else_described_is_not_given_to_the_person_before():
    quotes = find_quotes(
        ["市民向阳路上的店铺都开了。“生意好多了。”带着孩子逛街的一位女士笑着对记者讲。"]
    )
    assert "向阳路" not in [quote.speaker for quote in quotes]


def test_a_name_opening_the_clause_after_a_quote_is_its_speaker_whatever_they_do():
    quotes = find_quotes(["“我们这代人吃过苦。”赵立民笑笑，“所以更懂得珍惜。”"])
    assert speakers(quotes) == [("赵立民", None)]


def test_a_colon_before_a_quote_gives_it_to_the_person_the_clause_opens_with():
    quotes = find_quotes(["老住户钱梅芳至今记忆犹新：“那年发大水，整条街都淹了。”"])
    assert speakers(quotes) == [("钱梅芳", "老住户")]


@pytest.mark.parametrize(
    "paragraph",
    [
        # an ordinary word described before a comma is no person
        "面对奔腾不息的江水，两岸的灯火渐次亮起：“这里就是家。”",
        # a preposition and an ordinary word after a title word
        "居民向科学家们投去敬佩的目光。“科学家也能走红毯。”",
    ],
)
def test_ordinary_words_and_prepositions_are_never_narrated_speakers(paragraph):
    assert find_quotes([paragraph]) == []


def test_corner_brackets_quote_as_the_mainland_quotation_marks_do():
    from archive.ingest.parser import parse_text

    (article,) = parse_text(
        "港口迎來新航線\n\n洋山港昨日迎來一條新航線。\n\n「這條航線將縮短運輸時間。」港口負責人陳志明說。\n"
    )
    (quote,) = article.quotes
    assert (quote.speaker, quote.title, quote.text) == (
        "陳志明",
        "港口負責人",
        "這條航線將縮短運輸時間。",
    )
    assert "「這條航線" in article.body  # the page keeps its own marks


def test_a_transcript_turn_with_a_title_and_a_colon_is_that_persons_words():
    from archive.ingest.parser import parse_text

    text = "河道保洁一线\n\n清晨的河面上，保洁船已经开始作业。\n\n"
    (article,) = parse_text(text + "区河道保洁员 陈小亮：每天五点上船，一干就是八个小时。\n")
    assert speakers(article.quotes) == [("陈小亮", "区河道保洁员")]


def test_a_turn_of_the_reports_own_host_is_not_a_speaker():
    from archive.ingest.parser import parse_text

    text = "访谈\n\n今天的节目请来了两位嘉宾。\n\n"
    (article,) = parse_text(text + "节目主持人 周明：欢迎收看今天的节目，我们开始吧。\n")
    assert article.quotes == ()


def test_a_form_of_address_names_the_one_person_of_that_surname_named_before():
    quotes = find_quotes(["吴秀兰今年七十岁，独自住在老小区里。", "“以前买菜要走很远。”吴阿姨说。"])
    assert ("吴秀兰", "以前买菜要走很远。") in [(q.speaker, q.text) for q in quotes]


def test_the_reporter_spoken_to_is_not_the_speaker():
    assert find_quotes(["住在老城区的宫先生对某某日报记者说，“房子太旧了，住着不安全。”"]) == []


def test_a_given_name_with_the_moon_character_is_a_name():
    assert is_plausible_name("蔡月琴") and not is_plausible_name("周月")


def test_a_name_set_apart_by_who_they_are_is_the_subject_of_the_quote_after():
    quotes = find_quotes(["孟小川，东湖职业学院的大二学生。“实习让我学到了很多。”"])
    assert [quote.speaker for quote in quotes] == ["孟小川"]


def test_the_subject_after_a_clause_of_time_speaks_the_quote_before_it():
    quotes = find_quotes(["“这条江我看了一辈子。”从进厂那年算起，葛大勇已在江边住了五十年。"])
    assert [quote.speaker for quote in quotes] == ["葛大勇"]


def test_the_start_of_an_organisations_name_is_no_speaker():
    quotes = find_quotes(["“我们要做得更好。”江南理工学院的学生钱悦是志愿者之一。"])
    assert [quote.speaker for quote in quotes] == ["钱悦"]


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["东湖港务公司调度员韩立群：所有船只已经进港避风，我们二十四小时值守。"],
        ["晨光市体育局副局长 邵明远：", "比赛将按计划进行，我们已经做好了应急预案。"],
    ],
)
def test_a_titled_turn_with_its_words_after_the_colon_or_on_the_next_line(paragraphs):
    from archive.ingest.quotes import qa_quotes

    (quote,) = qa_quotes(paragraphs, None)
    assert quote.speaker in ("韩立群", "邵明远") and len(quote.text) >= 8


def test_one_answer_after_the_papers_question_is_the_interviewees():
    from archive.ingest.quotes import qa_quotes

    quotes = qa_quotes(
        ["本报：您为什么回到家乡？", "司马青：家乡的变化太大了，我想出一份力。"], None
    )
    assert [quote.speaker for quote in quotes] == ["司马青"]


def test_in_a_round_table_every_guest_answering_once_is_a_speaker():
    from archive.ingest.quotes import qa_quotes

    paragraphs = [
        "本报：老街改造，难在哪里？",
        "周明远：难在既要改善居住条件，又要留住街坊邻里的生活方式。",
        "这是一段没有说话人的正文，讲的是老街的历史。",
        "李华清：早在十年前，我们就开始做老街的调查。",
    ]
    assert [quote.speaker for quote in qa_quotes(paragraphs, None)] == ["周明远", "李华清"]


def test_one_name_with_a_colon_once_outside_a_transcript_is_no_turn():
    from archive.ingest.quotes import qa_quotes

    paragraphs = ["周明远：难在既要改善居住条件。", "这是一段没有说话人的正文。"]
    assert qa_quotes(paragraphs, None) == []


def test_words_two_people_said_together_are_both_of_theirs():
    quotes = find_quotes(["孔嘉怡和滕子谦，两名医生都说，这次义诊让他们收获很多。"])
    assert [quote.speaker for quote in quotes] == ["孔嘉怡", "滕子谦"]


def test_a_street_office_named_after_a_road_is_found_without_the_road_word():
    with_road = districts("半淞园路街道举办了邻里节。")
    assert with_road and districts("半淞园街道举办了邻里节。") == with_road


def test_a_person_named_only_inside_the_quoted_words_is_not_a_speaker():
    quotes = find_quotes(["“借书给孩子是馆员严守的承诺。”河畔书屋馆员周明说。"])
    assert speakers(quotes) == [("周明", "河畔书屋馆员")]


@pytest.mark.parametrize(
    "paragraph",
    [
        "周明在接受本报记者采访时表示，社区食堂将继续扩大。",
        "周明一边整理货架一边说：“生意好多了。”",
    ],
)
def test_the_sentences_subject_speaks_through_a_verb_later_in_the_clause(paragraph):
    assert [quote.speaker for quote in find_quotes([paragraph])] == ["周明"]


def test_a_frame_word_before_a_title_is_not_part_of_it():
    quotes = find_quotes(["据区文旅局局长周明介绍，今年将新建十家书店。"])
    assert speakers(quotes) == [("周明", "区文旅局局长")]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("学生麦立林告诉晨星新闻(www.example.com)记者，他每天都来图书馆。", "麦立林"),
        ("副局长赵大成在开营仪式上勉励全体队员，要珍惜机会。", "赵大成"),
        ("“任务很重。”办公室主任钱思其介绍，今年要完成十个项目。", "钱思其"),
    ],
)
def test_speakers_through_an_address_in_brackets_a_verb_of_urging_and_a_rarer_given_name(
    paragraph, speaker
):
    assert [quote.speaker for quote in find_quotes([paragraph])] == [speaker]


def test_he_stands_for_the_subject_named_in_the_sentence_before():
    quotes = find_quotes(
        ["局长冯嘉树出席会议。冯嘉树向志愿者致以问候。他表示，要把服务做到家门口。"]
    )
    assert [quote.speaker for quote in quotes] == ["冯嘉树"]


def test_a_surname_and_an_honorific_after_a_preposition_is_nobody_by_name():
    quotes = find_quotes(["民警沈立波向贾女士详细解释了骗局的套路，提醒她不要转账。"])
    assert "向贾" not in [quote.speaker for quote in quotes]


def test_honorifics_in_quotation_marks_are_part_of_the_title():
    quotes = find_quotes(["社区“金牌调解员”“老娘舅”包晓云表示，调解要讲情也要讲理。"])
    assert speakers(quotes) == [("包晓云", "社区“金牌调解员”“老娘舅”")]


def test_a_quote_alone_a_few_sentences_after_the_one_person_introduced_is_theirs():
    paragraph = "岳思远，东湖区公安分局的反诈民警。刚入警时，他经常出差。“那时候我觉得自己很能干。”"
    assert [quote.speaker for quote in find_quotes([paragraph])] == ["岳思远"]


def test_a_quote_alone_after_sentences_naming_no_one_is_left_unattributed():
    paragraph = "东湖区今年新建了十家书店。书店每天开到晚上十点。“这里很安静，适合看书。”"
    assert find_quotes([paragraph]) == []


def test_two_names_joined_before_one_verb_are_two_speakers_of_the_same_words():
    quotes = find_quotes(["花展开幕了。赵磊和孙凯笑着说：“我们拍了很多照片。”"])
    assert sorted(speakers(quotes)) == [("孙凯", None), ("赵磊", None)]
    assert {quote.text for quote in quotes} == {"我们拍了很多照片。"}


@pytest.mark.parametrize(
    "sentence",
    ["一些游客纷纷表示：“花开得真好。”", "附近居民称赞：“今年的品种比往年多。”"],
)
def test_a_word_for_people_and_what_stands_before_it_name_no_one(sentence):
    assert find_quotes(["花展开幕了。" + sentence]) == []


def test_words_announced_with_a_colon_closing_the_paragraph_are_the_next_paragraphs_quote():
    quotes = find_quotes(["某某区人大代表王海涛这样说道：", "“我们要把林子守好。”"])
    assert [(q.speaker, q.title, q.text) for q in quotes] == [
        ("王海涛", "某某区人大代表", "我们要把林子守好。")
    ]


def test_a_form_of_address_and_a_surname_alone_names_no_speaker():
    quotes = find_quotes(["每天清晨，老李都要巡山一圈。老李介绍说：“山里的路我都熟。”"])
    assert [quote.speaker for quote in quotes] == []


def test_a_rarer_surname_of_the_hundred_families_makes_a_name():
    assert is_plausible_name("柏明") and is_plausible_name("岑晓东")


def test_a_subject_described_by_a_phrase_with_de_and_a_manner_set_off_by_a_comma_still_speaks():
    quotes = find_quotes(["收到礼物的周明在激动之余，不好意思地说道：“谢谢大家。”"])
    assert [(q.speaker, q.text) for q in quotes] == [("周明", "谢谢大家。")]


def test_a_word_for_people_before_the_verb_speaks_instead_of_a_titled_name_earlier():
    assert find_quotes(["市民周明带着孩子来到现场，不少游客笑着说：“真热闹。”"]) == []


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["场长周明说：“今年收成不错。”"], [("周明", "场长")]),
        (
            ["“都好了。”上海市某某区某某街道居委会工作人员李芳说。"],
            [("李芳", "上海市某某区某某街道居委会工作人员")],
        ),
        (
            ["镜头跟着区档案馆工作人员周明走进老楼。", "周明指着老楼说：“这里以前是仓库。”"],
            [("周明", "区档案馆工作人员")],
        ),
    ],
)
def test_a_post_made_from_a_unit_and_its_head_or_staff_suffix_is_a_title(paragraphs, expected):
    assert speakers(find_quotes(paragraphs)) == expected


def test_a_word_ending_like_a_post_but_naming_none_is_no_title():
    quotes = find_quotes(["这几年的成长周明看在眼里。", "周明说：“变化很大。”"])
    assert speakers(quotes) == [("周明", None)]


def test_where_one_character_alone_decides_a_names_end_the_recogniser_weighs_both_sides():
    from archive.ingest import recognizer

    if not recognizer.enabled():
        pytest.skip("the name recogniser is not installed")
    assert best_name("李芳翻出旧照片") == "李芳"
    assert best_name("王伟明说：“好。”") == "王伟明"


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("某大学大四的周明笑说，学校的食堂很好吃。", [("周明", None)]),  # the manner glued on
        ("获奖作家周明的新书出版了。他写道：“那是一段快乐的日子。”", [("周明", "获奖作家")]),
    ],
)
def test_laughing_words_and_written_ones_are_words_said(paragraph, expected):
    assert speakers(find_quotes([paragraph])) == expected


def test_an_interviews_answers_take_the_title_printed_where_the_interviewee_was_introduced():
    from archive.ingest.quotes import qa_quotes

    paragraphs = [
        "近日，本报记者专访了区文旅局局长钟慧敏。",
        "记者：老房子改造的难点在哪里？",
        "钟慧敏：最难的是平衡保护与使用。",
    ]
    assert [(q.speaker, q.title) for q in qa_quotes(paragraphs, None)] == [
        ("钟慧敏", "区文旅局局长")
    ]


def test_a_transcripts_subject_named_above_it_answers_after_the_interviewers_question():
    from archive.ingest.quotes import qa_quotes

    paragraphs = [
        "采访对象：钟慧敏，1956年生，曾任区委办公室主任。",
        "采访组：钟慧敏同志，请您谈谈当时的情况。",
        "钟慧敏：那是三月的一天，调研的第一站就选在这里。",
    ]
    assert [q.speaker for q in qa_quotes(paragraphs, None)] == ["钟慧敏"]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“你们做什么？”熊小艳去区里注册时，心里很忐忑。她说：“我们是做小区活动的。”", "熊小艳"),
        ("记者程立忆述，到达现场时一片狼藉。", "程立"),
    ],
)
def test_a_verb_after_a_name_is_no_given_name_and_recounting_is_speech(paragraph, speaker):
    assert speaker in {quote.speaker for quote in find_quotes([paragraph])}


@pytest.mark.parametrize(
    "paragraph",
    [
        "我向王书记介绍了新区的变化。",  # 向 and a form of address: no one named 向王
        "区长关心地向程立委员发问：“研究生有什么不同？”",  # 程立 is asked, the 区长 asks
    ],
)
def test_a_titled_name_spoken_to_is_no_speaker(paragraph):
    assert "向王" not in {q.speaker for q in find_quotes([paragraph])}
    assert "程立" not in {q.speaker for q in find_quotes([paragraph])}


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("用程立新的话说，“老街是活的”。", ("程立新", None)),
        ("用区文旅局局长程立新的话来说：老街要留住烟火气。", ("程立新", "区文旅局局长")),
        ("程立新（区文旅局局长）说，今年将推出十条线路。", ("程立新", "区文旅局局长")),
        ("据了解，程立新是老住户。他说：“我在这里住了五十年。”", ("程立新", None)),
    ],
)
def test_words_given_as_someones_own_a_bracketed_title_and_a_subject_after_a_lead_in(
    paragraph, speaker
):
    assert speakers(find_quotes([paragraph])) == [speaker]


def test_a_bracketed_note_that_is_no_title_gives_none():
    assert speakers(find_quotes(["居民程立新（化名）说：“很好。”"])) == [("程立新", "居民")]


def test_an_interview_asked_in_the_papers_own_name_gives_the_answers_to_the_interviewee():
    from archive.ingest.quotes import qa_quotes

    turns = ["某某晚报：老街改造难在哪里？", "程立新：最难的是平衡保护与使用。"]
    assert [q.speaker for q in qa_quotes(turns, None)] == ["程立新"]


def test_a_towns_name_is_no_speaker_where_the_article_names_the_town():
    paragraphs = ["往年春分，龙华的桃花含苞待放。", "龙华街道的干部说，今年不一样。"]
    assert "龙华" not in {quote.speaker for quote in find_quotes(paragraphs)}


def test_people_counted_but_not_named_speak_after_a_titled_name_closed_by_a_comma():
    paragraph = "记者答是某某党籍市长程立新，多数人说不知是谁。"
    assert "程立新" not in {quote.speaker for quote in find_quotes([paragraph])}


@pytest.mark.parametrize(
    "paragraph",
    [
        "“饭菜实惠。”住在附近的老人吃着红烧肉，言语中充满了期待。",  # a word and where
        "走过高高的石拱桥，一座木楼凭水而居，“第一楼茶园”几个字赫然在目。",  # a bridge
        "对吴家阿伯而言，来次市中心不容易，吴家阿伯笑道：“路是远了点。”",  # a form of address
        "“很好。”高中生说。",  # a word for people
        "某新村的居民向记者诉说了小区里的怪事:新村内有人在种地。",  # 向|记者: no 向记
        "开门见山，向媒体坦言：“这几天很多地方都遭遇了暴雨。”",  # 向|媒体: no 向媒
    ],
)
def test_phrases_places_forms_of_address_and_words_for_people_are_no_speakers(paragraph):
    assert {quote.speaker for quote in find_quotes([paragraph])} == set()


def test_a_name_before_a_word_that_opens_with_a_places_character_is_kept():
    assert speakers(find_quotes(["李强楼下的邻居说：“很好。”"])) == [("李强", None)]


def test_a_paper_spoken_to_is_no_speaker():
    paragraph = "他向早报记者表示：“我们会继续努力。”"
    assert "向早报" not in {quote.speaker for quote in find_quotes([paragraph])}


def test_a_two_character_name_alone_before_the_clause_end_is_still_a_name():
    from archive.ingest.names import best_name

    assert best_name("程立") == "程立"  # no third character to be a bridge's or a shop's


@pytest.mark.parametrize("setting", ["在“老街坊聊老街”访谈节目中", "在访谈节目中", ""])
def test_a_quoted_programmes_name_between_speaker_and_verb_keeps_the_opening_quote(setting):
    paragraph = (
        "“那年一下子发了很多钱。当我说出数字时，家里人都跳了起来……”"
        f"某镇政府原副主任王立德{setting}如是说。"
    )
    (quote,) = find_quotes([paragraph])
    assert (quote.speaker, quote.title) == ("王立德", "某镇政府原副主任")
    assert quote.text.startswith("那年一下子发了很多钱。")


def test_a_turn_by_someone_the_article_introduced_with_a_title_is_theirs():
    from archive.ingest.quotes import qa_quotes

    paragraphs = [
        "昨天，学术周开场，主讲者是三位年轻教师：物理系教授封立来；经济学院教授陈立钊。",
        "陈立钊：我们刚刚进校的时候，辅导员组织了一个讲座，请知名教授讲怎么做研究。",
    ]
    assert [(q.speaker, q.title) for q in qa_quotes(paragraphs, None)] == [
        ("陈立钊", "经济学院教授")
    ]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("李静雯接过队旗，说：“我们一定不负重托。”", "李静雯"),
        ("李静雯接过队旗，笑着说：“我们一定不负重托。”", "李静雯"),
        ("李静雯开门见山，向媒体坦言：“我们一定不负重托。”", "李静雯"),  # and to whom
        ("李静雯拉着王立新的手，说：“我们一定不负重托。”", None),  # someone else in the clause
        ("李静雯带着居民们，说：“我们一定不负重托。”", None),  # people who may be speaking
    ],
)
def test_a_verb_opening_a_clause_of_its_own_takes_the_sentences_subject(paragraph, speaker):
    found = [quote.speaker for quote in find_quotes([paragraph])]
    assert found == ([speaker] if speaker else [])


def test_a_hosts_call_on_a_guest_is_no_part_of_the_guests_title():
    from archive.ingest.quotes import qa_quotes, titled_mentions

    paragraphs = [
        "主持人：让我们用热烈的掌声有请市委常委某区区委书记沈一明，欢迎。",
        "沈一明：大家好，我们这几年一直在推进改革。",
    ]
    assert titled_mentions(paragraphs)["沈一明"] == "市委常委某区区委书记"
    assert [(q.speaker, q.title) for q in qa_quotes(paragraphs, None)] == [
        ("沈一明", "市委常委某区区委书记")
    ]
