"""Lines that name people: a credit run together, names under a summary, a list of guests with
their posts, a caption signed by its photographer. Every name and sentence here is invented."""

import pytest

from archive.ingest.credits import read_credit
from archive.ingest.parser import parse_text

LEAD = "昨天上午，某街道的社区服务中心里坐满了前来咨询的居民，工作人员逐一登记。"
MORE = "据介绍，服务中心今年新增了十二项便民服务，覆盖辖区内的所有小区。"


def names_roles(bylines):
    return [(byline.name, byline.role) for byline in bylines or []]


def one(text: str):
    (article,) = parse_text(text)
    return article


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("记者王晓东实习生陈思远", [("王晓东", "记者"), ("陈思远", "实习生")]),
        ("通讯员孙立平记者钱文静", [("孙立平", "通讯员"), ("钱文静", "记者")]),
        (
            "通讯员孙立平见习记者钱文静摄影记者赵一",
            [("孙立平", "通讯员"), ("钱文静", "记者"), ("赵一", "摄影")],
        ),
        ("记者周明李小华", [("周明", "记者"), ("李小华", "记者")]),  # one role, two names
    ],
)
def test_roles_glued_between_names_each_open_the_next_credit(credit, expected):
    assert names_roles(read_credit(credit)) == expected


def test_a_glued_chain_of_credits_in_a_dateline_credits_everyone():
    article = one(f"社区运动会开幕\n本报讯(通讯员孙立平记者钱文静){LEAD}\n{MORE}")
    assert names_roles(article.bylines) == [("孙立平", "通讯员"), ("钱文静", "记者")]
    assert article.title == "社区运动会开幕"


def test_a_role_word_inside_a_run_without_a_surname_before_it_is_no_chain():
    # 手记 is no name: a bare 记者 glued to a column's word credits nobody.
    assert read_credit("记者手记实习生陈思远") is None


def test_names_alone_under_a_headlines_summary_and_its_captions_are_its_writers():
    page = (
        "小区停车难有了新办法\n● 车位错峰共享 ● 夜间开放商场车库\n\n周明 李华\n"
        f"■ 商场车库夜间开放 周明 摄\n{LEAD}\n{MORE}"
    )
    article = one(page)
    assert article.title == "小区停车难有了新办法"
    assert [b.name for b in article.bylines] == ["周明", "李华"]
    assert [p.photographer for p in article.photos] == ["周明"]


def test_a_headline_and_its_credit_set_apart_by_a_bullet_on_one_line_are_both_read():
    article = one(f"老街里的“修鞋匠”■本报记者 王晓东\n{LEAD}\n{MORE}")
    assert article.title == "老街里的“修鞋匠”"
    assert names_roles(article.bylines) == [("王晓东", "记者")]


def test_a_bullet_before_a_sentence_is_no_credits_line():
    article = one(f"老街里的“修鞋匠”■街坊们都说好\n{LEAD}\n{MORE}")
    assert not article.bylines


def test_guests_each_over_a_line_of_their_post_are_neither_writers_nor_headlines():
    page = (
        "城市更新怎样留住烟火气\n\n【对话嘉宾】\n\n周明远\n\n某某大学城市规划系主任、教授\n\n"
        "李华清\n\n某区规划资源局局长\n\n记者:老街改造，难在哪里？\n\n"
        "周明远:难在既要改善居住条件，又要留住街坊邻里的生活方式。"
    )
    article = one(page)
    assert article.title == "城市更新怎样留住烟火气"
    assert not article.bylines
    assert [quote.speaker for quote in article.quotes] == ["周明远"]


@pytest.mark.parametrize("label", ["图①", "图2", "上图", "图(3)"])
def test_a_numbered_or_placed_caption_signed_by_a_bare_name_credits_that_photographer(label):
    page = (
        f"{label}:志愿者在广场为老人理发，近百名居民参加。王建军\n\n"
        f"社区志愿服务周启动\n本报讯(记者钱文静){LEAD}\n{MORE}"
    )
    article = one(page)
    assert [(p.photographer, p.caption) for p in article.photos] == [
        ("王建军", "志愿者在广场为老人理发，近百名居民参加。")
    ]
    assert names_roles(article.bylines) == [("钱文静", "记者")]


def test_a_reporters_station_credits_its_people_as_reporters():
    page = f"社区运动会开幕\n某网讯 {LEAD}\n{MORE}(某区记者站许玉清张立升毛一平)"
    assert names_roles(one(page).bylines) == [
        ("许玉清", "记者"),
        ("张立升", "记者"),
        ("毛一平", "记者"),
    ]


def test_a_photographer_in_brackets_of_their_own_is_read_by_shape():
    # 上 opens no given name the surname table vouches for; the brackets and 攝 do.
    page = f"某论坛28日开幕，图为市长致辞。（丁上程攝）\n\n{LEAD}\n{MORE}"
    assert [photo.photographer for photo in one(page).photos] == ["丁上程"]


def test_a_credit_a_copy_ran_in_between_two_sentences_of_the_text_is_read_and_cut_out():
    page = (
        "为法治担当 助力平安上海\n"
        "在某代表看来，技术发展给案件审理带来了更多困难，建议引入第三方专家团队。 "
        "记者 王晓东 顾一 见习记者 徐心怡 昨天，市人大代表分组审议工作报告。代表们认为，"
        "报告数据翔实、案例丰富。"
    )
    article = one(page)
    assert names_roles(article.bylines) == [
        ("王晓东", "记者"),
        ("顾一", "记者"),
        ("徐心怡", "记者"),
    ]
    assert "王晓东" not in article.body
    assert "昨天，市人大代表分组审议工作报告" in article.body


def test_a_role_word_inside_a_sentence_with_spaces_is_no_credit():
    page = (
        "社区食堂开张\n居民们都很高兴。 记者 看到 食堂里坐满了老人，大家边吃边聊，"
        "气氛十分热闹。据介绍，食堂每天供应两百多份午餐。"
    )
    assert not one(page).bylines


def test_names_one_a_line_in_a_row_are_a_photo_pages_captions_not_its_writers():
    page = (
        "奔跑吧，城市\n\n周明\n\n赛道上的志愿者\n\n王立新\n\n李华清\n\n"
        f"{LEAD}\n\n{MORE}\n\n本版摄影 本报记者 周明"
    )
    articles = parse_text(page)
    writers = {byline.name for article in articles for byline in article.bylines}
    assert "王立新" not in writers and "李华清" not in writers


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        # a paper named for its reports, its name opening on a number; where it was filed from
        ("21世纪经济报道记者 王力 实习生董静雯 上海报道", [("王力", "记者"), ("董静雯", "实习生")]),
        # who the writer is, in long brackets after the name
        ("撰文|张剑(某某研究院历史研究所研究员)", [("张剑", "作者")]),
        # 摄影报道 after a name still credits the report and its photos
        (
            "本报记者 谷一凯 陈晓明摄影报道",
            [("谷一凯", "记者"), ("谷一凯", "摄影"), ("陈晓明", "记者"), ("陈晓明", "摄影")],
        ),
    ],
)
def test_outlets_affiliations_and_filing_places_around_names_are_no_names(credit, expected):
    assert names_roles(read_credit(credit)) == expected


def test_a_place_shorter_than_the_longest_place_word_is_still_measured_right():
    from archive.ingest import lexicon

    assert lexicon.place_at_end("上海") == 2
    assert lexicon.place_at_end("记者周明上海") == 2


def test_a_credit_printed_line_by_line_after_a_preface_stays_one_storys():
    page = (
        "浦东三十年|为收回两平方公里土地\n\n编者按:本月是浦东开发开放三十周年。\n\n"
        "吴承林,1940年9月生。曾任某食品厂副厂长。\n\n口述:吴承林\n\n采访:谢立平 郭一\n\n"
        f"整理:周一韵\n\n{LEAD}\n\n{MORE}"
    )
    (article,) = parse_text(page)
    assert names_roles(article.bylines) == [
        ("谢立平", "记者"),
        ("郭一", "记者"),
        ("周一韵", "整理"),
    ]
