"""The credit grammar: outlets, roles, names and separators in any order a paper prints them.

Every name, outlet and sentence here is invented.
"""

import pytest

from archive.ingest.bylines import parse_byline_line, take_dateline, take_trailing
from archive.ingest.credits import find_credit, photographers, read_credit
from archive.ingest.parser import parse_text
from archive.ingest.photos import parse_credit, split_caption

BODY = "这是正文第一段，讲述了社区里发生的事情。\n\n这是正文第二段，居民们都很满意。"


def names_roles(bylines):
    return [(byline.name, byline.role) for byline in bylines or []]


# One line, many roles -------------------------------------------------------------------------


def test_several_roles_and_names_on_one_line_each_cover_the_names_after_them():
    credit = "晨光新闻记者 周明 林青 顾一(特邀)实习生 方圆 航拍 钱多 调色 孙立"
    assert names_roles(read_credit(credit)) == [
        ("周明", "记者"),
        ("林青", "记者"),
        ("顾一", "记者"),
        ("方圆", "实习生"),
        ("钱多", "航拍"),
        ("孙立", "调色"),
    ]


def test_roles_marked_with_bars_credit_a_writer_two_photographers_and_an_editor():
    credit = "记者|周明 摄影| 林青   周明  编辑|顾一"
    assert names_roles(read_credit(credit)) == [
        ("周明", "记者"),
        ("林青", "摄影"),
        ("周明", "摄影"),
        ("顾一", "编辑"),
    ]


def test_editors_and_producers_keep_a_role_of_their_own_never_a_writers():
    assert names_roles(read_credit("策划:周明 林青")) == [("周明", "编辑"), ("林青", "编辑")]
    assert names_roles(read_credit("责任编辑:顾一")) == [("顾一", "编辑")]
    assert names_roles(read_credit("剪辑 钱多")) == [("钱多", "剪辑")]


def test_an_agency_staff_reporter_title_is_a_writer():
    assert names_roles(parse_byline_line("报道员:高思远")) == [("高思远", "记者")]


def test_written_by_with_a_bar_names_four_writers_one_without_a_known_surname():
    assert names_roles(parse_byline_line("文 | 周明 林青 顾一 阿依古丽")) == [
        ("周明", "作者"),
        ("林青", "作者"),
        ("顾一", "作者"),
        ("阿依古丽", "作者"),
    ]


# A role printed after its names ---------------------------------------------------------------


def test_a_photo_role_after_names_covers_every_name_since_the_last_one():
    assert names_roles(read_credit("本报记者 周明 实习生 林青 摄")) == [
        ("周明", "摄影"),
        ("林青", "摄影"),
    ]


def test_names_then_a_photo_report_role_are_writers_and_photographers():
    assert names_roles(parse_byline_line("周明 摄影报道")) == [("周明", "记者"), ("周明", "摄影")]


def test_a_name_ending_in_a_role_character_stays_a_name():
    assert names_roles(read_credit("记者 王明文")) == [("王明文", "记者")]
    assert names_roles(read_credit("记者 王小明文")) == [("王小明", "记者")]


# Names by shape, never an organisation ---------------------------------------------------------


def test_names_padded_with_spaces_are_one_name():
    assert names_roles(read_credit("本报记者  林  青")) == [("林青", "记者")]


def test_an_outlet_in_the_writers_place_is_no_writer():
    assert read_credit("作者:晨光资讯网") is None
    (article,) = parse_text("口袋公园开放\n\n更新时间:2024-01-02 作者:晨光资讯网\n\n" + BODY)
    assert names_roles(article.bylines) == []


def test_a_column_label_glued_to_a_bare_role_word_is_no_credit():
    assert read_credit("记者手记") is None
    assert read_credit("编辑推荐") is None
    assert names_roles(read_credit("实习生周明")) == [("周明", "实习生")]
    assert names_roles(read_credit("本报记者阿依古丽")) == [("阿依古丽", "记者")]


def test_names_without_any_role_are_no_credit():
    assert read_credit("周明 林青") is None
    assert read_credit("这是一段正文") is None


# Where a credit is printed ---------------------------------------------------------------------


def test_a_credit_run_together_with_a_headline_and_the_lead_is_found_inside_the_line():
    line = "公园里的除夕夜“年夜饭”记者|周明 摄影| 林青 编辑|顾一 1月28日,大年三十。"
    start, end, bylines = find_credit(line)
    assert line[start:end] == "记者|周明 摄影| 林青 编辑|顾一"
    assert names_roles(bylines) == [("周明", "记者"), ("林青", "摄影"), ("顾一", "编辑")]


def test_a_page_whose_head_is_one_line_gets_its_writer_and_photographer():
    text = (
        "口袋公园开放\n\n口袋公园开放 记者|周明 摄影|林青 编辑|顾一 4月1日,公园开放。居民都很满意。"
    )
    (article,) = parse_text(text)
    assert names_roles(article.bylines) == [("周明", "记者"), ("林青", "摄影"), ("顾一", "编辑")]
    assert article.body.startswith("4月1日")


def test_a_signature_under_the_author_line_is_the_writer():
    assert names_roles(parse_byline_line("——林青")) == [("林青", "作者")]
    assert parse_byline_line("——编  者") is None


def test_an_agency_dateline_names_its_reporters_alone_in_brackets():
    bylines, rest = take_dateline("晨光网上海3月2日电 (周明 林青)公园开放了。")
    assert names_roles(bylines) == [("周明", "记者"), ("林青", "记者")]
    assert rest == "晨光网上海3月2日电 公园开放了。"


def test_a_bracketed_dateline_holds_outlet_desk_writer_and_day():
    bylines, rest = take_dateline("【本报江城新闻中心记者周明4日电】公园开放了。")
    assert names_roles(bylines) == [("周明", "记者")]
    assert rest == "公园开放了。"


def test_a_credit_in_brackets_opening_a_paragraph_names_both_writers():
    bylines, rest = take_dateline("(晨光报记者 周明、林青)活动分为几个板块。")
    assert names_roles(bylines) == [("周明", "记者"), ("林青", "记者")]
    assert rest == "活动分为几个板块。"


def test_a_writers_credit_glued_to_the_end_of_the_lead_is_taken_and_the_lead_stays_whole():
    text = (
        "航海节开幕\n\n航海节上周末启动。市民走近老船长。晨光报资深记者 周明\n\n"
        "“今天第一个上台的是一位老船长。”主持人介绍。"
    )
    (article,) = parse_text(text)
    assert names_roles(article.bylines) == [("周明", "记者")]
    assert article.body.split("\n")[0] == "航海节上周末启动。市民走近老船长。"


def test_an_outlets_reporter_opening_the_lead_without_a_dateline_is_its_writer():
    bylines, rest = take_dateline("晨光晚报记者 周明 林青 昨天,公园开放。")
    assert names_roles(bylines) == [("周明", "记者"), ("林青", "记者")]
    assert rest == "昨天,公园开放。"


def test_a_bare_role_and_a_name_opening_a_sentence_are_prose_not_a_credit():
    bylines, rest = take_dateline("记者 周明 表示,公园开放。")
    assert bylines == [] and rest == "记者 周明 表示,公园开放。"


def test_a_signature_glued_to_the_last_paragraph_is_its_writer():
    bylines, rest = take_trailing("我们会继续努力。——林青")
    assert (names_roles(bylines), rest) == ([("林青", "作者")], "我们会继续努力。")


# Photo credits ---------------------------------------------------------------------------------


def test_a_credit_with_a_same_below_tag_closes_a_labelled_caption():
    photo = split_caption("图说:读者在公园里订报 晨光报记者 周明 摄(下同)")
    assert (photo.caption, photo.photographer) == ("读者在公园里订报", "周明")


def test_a_reporters_credit_under_a_labelled_caption_names_the_photographer():
    photo = split_caption("图说:垃圾箱房装上了摄像头 晨光报记者 林青(下同)")
    assert (photo.caption, photo.photographer) == ("垃圾箱房装上了摄像头", "林青")


def test_a_credit_between_two_captions_run_together_is_read_and_both_captions_kept():
    photo = split_caption("老人在房间里。 本文图片均为晨光新闻记者 周明 图河边的民宿。")
    assert photo.photographer == "周明"
    assert photo.caption == "老人在房间里。 河边的民宿。"


def test_where_and_when_a_photo_was_taken_follow_its_role():
    assert parse_credit("周明 摄于江城公园").photographer == "周明"
    assert names_roles(read_credit("周明摄于2023年")) == [("周明", "摄影")]


def test_a_reporter_glued_to_the_role_before_a_photo_role_is_the_photographer():
    photo = split_caption("河边的新公园。 记者周明 摄")
    assert (photo.caption, photo.photographer) == ("河边的新公园。", "周明")


def test_a_name_glued_to_a_short_caption_is_its_photographer():
    photo = split_caption("江城垃圾分类展示馆周明摄")
    assert (photo.caption, photo.photographer) == ("江城垃圾分类展示馆", "周明")


def test_a_caption_s_last_words_are_never_taken_for_a_name():
    photo = split_caption("读者日活动如期举行 晨光报记者 周明 摄")
    assert (photo.caption, photo.photographer) == ("读者日活动如期举行", "周明")


def test_a_labelled_caption_without_credit_is_a_caption_not_body_text():
    photo = split_caption("图说:社区舞蹈队在广场排练")
    assert (photo.caption, photo.photographer) == ("社区舞蹈队在广场排练", None)


def test_a_credit_line_in_any_order_the_grammar_reads_is_a_photo_credit():
    assert parse_credit("摄影 | 周明 林青").photographer == "周明"
    assert parse_credit("周明 林青 摄").photographer == "周明"
    assert parse_credit("游客拍摄") is None  # a word ending in 拍摄 is no photographer
    assert parse_credit("记者|周明 摄影|林青") is None  # names a writer: a byline


def test_photographers_of_a_credit_are_the_names_a_photo_role_covers():
    assert photographers("图/晨报记者 周明 制图/林青") == ["周明"]
    assert photographers("文/记者 王五 图/记者 赵六") == ["赵六"]


# Cost ------------------------------------------------------------------------------------------


def test_a_huge_run_of_role_words_is_refused_without_quadratic_work():
    assert read_credit("记者" * 50_000) is None
    assert find_credit("题 记者|" + "记者" * 50_000) is None


# Datelines and credits wherever a copy prints them ----------------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "（晨光社记者林一二上海3日电）两岸青年今天在上海参加交流活动。",  # name before the place
        "晨光网记者林一二5月3日报道：街道推出了便民服务。",  # credit and day open the lead
        "新区举办了活动。（图片由主办方提供） 晨光社上海5月2日电（记者 林一二）街道召开会议。",
    ],
)
def test_a_dateline_credit_is_read_wherever_the_lead_prints_it(lead):
    bylines, rest = take_dateline(lead)
    assert names_roles(bylines) == [("林一二", "记者")]
    assert "林一二" not in rest and rest


def test_a_credit_line_ending_in_the_place_and_report_word_is_a_byline():
    assert names_roles(parse_byline_line("某报 特派记者林一二/上海即时报导")) == [
        ("林一二", "记者")
    ]


def test_a_name_ending_in_a_place_name_keeps_it_without_a_day_or_a_slash():
    assert names_roles(parse_byline_line("记者 王上海报道")) == [("王上海", "记者")]


def test_several_bare_names_in_brackets_closing_the_text_are_its_writers():
    bylines, rest = take_trailing("社区举办读书会，大家提出很多建议。（王小川 李青禾）")
    assert [b.name for b in bylines] == ["王小川", "李青禾"]
    assert rest == "社区举办读书会，大家提出很多建议。"


def test_a_name_in_latin_letters_is_taken_where_a_role_is_printed_for_it():
    assert names_roles(read_credit("文|王小川 李青禾 图|Jacky 赵一鸣 编辑|孙悦")) == [
        ("王小川", "作者"),
        ("李青禾", "作者"),
        ("Jacky", "摄影"),
        ("赵一鸣", "摄影"),
        ("孙悦", "编辑"),
    ]
    assert read_credit("Jacky 赵一鸣") is None  # no role printed for it


def test_a_bullet_before_a_photo_credit_sets_it_apart_from_the_caption():
    photo = split_caption("居民走出小区。 □赵一鸣 摄")
    assert (photo.caption, photo.photographer) == ("居民走出小区。", "赵一鸣")


def test_a_dateline_after_a_short_line_the_copy_put_first_is_read():
    page = "社区会议召开\n\n活动现场。|\n\n晨光社上海5月2日电（记者 林一二 王小川）街道召开会议。\n"
    (article,) = parse_text(page)
    assert names_roles(article.bylines) == [("林一二", "记者"), ("王小川", "记者")]
    assert "林一二" not in article.body


def test_a_page_of_captioned_photos_and_nothing_else_is_one_photo_story():
    page = (
        "3月1日，市民在公园赏花。晨光社记者张 明摄\n\n3月1日，游客在公园拍照。晨光社记者张 明摄\n"
    )
    (article,) = parse_text(page)
    assert [(photo.caption, photo.photographer) for photo in article.photos] == [
        ("3月1日，市民在公园赏花。", "张明"),
        ("3月1日，游客在公园拍照。", "张明"),
    ]
    assert article.body.splitlines() == ["3月1日，市民在公园赏花。", "3月1日，游客在公园拍照。"]


def test_a_dateline_after_a_portals_short_lines_is_read():
    page = (
        "小区解封\n\n欢迎访问某某网，我们竭诚为您服务！\n\n——本报记者直击开门现场\n\n"
        "今天零时，小区门开了。\n\n本报讯 (记者 王川 林小二)随着时针指向零点，小区解除封闭管理。\n"
    )
    (article,) = parse_text(page)
    assert names_roles(article.bylines) == [("王川", "记者"), ("林小二", "记者")]


def test_an_outlet_with_a_latin_brand_after_its_name_still_credits_its_reporters():
    bylines = parse_byline_line("晨光新闻Knews记者 林一二 王小川 赵三")
    assert names_roles(bylines) == [("林一二", "记者"), ("王小川", "记者"), ("赵三", "记者")]


def test_a_place_between_the_name_and_the_photo_role_is_where_it_was_taken():
    photo = split_caption("市民在街头参观。晨光社记者陈一鸣台北摄")
    assert (photo.caption, photo.photographer) == ("市民在街头参观。", "陈一鸣")


def test_a_latin_name_of_two_words_and_the_agency_after_it():
    photo = split_caption("市民在街头参观。（摄影:John Smith 某图片社）")
    assert (photo.caption, photo.photographer) == ("市民在街头参观。", "John Smith")


def test_a_page_meta_line_keeps_a_name_ending_in_a_role_character():
    (article,) = parse_text("社区新闻\n\n作者:李志文\n\n社区昨天举办活动。\n")
    assert names_roles(article.bylines) == [("李志文", "作者")]


def test_a_bare_role_and_many_names_open_the_lead_each_a_word_of_its_own():
    bylines, rest = take_dateline(
        "记者 王志强 李春燕 张伟 赵磊 钱玉兰 孙浩 清明小长假第一天，公园里人头攒动。"
    )
    assert [b.name for b in bylines] == ["王志强", "李春燕", "张伟", "赵磊", "钱玉兰", "孙浩"]
    assert rest.startswith("清明小长假第一天")


@pytest.mark.parametrize(
    "line",
    [
        "date 2020-09 南风报记者 何美玲",
        "南风报记者 何美玲 2020/9/3 10:05",
        "发布时间：2020-09-03 记者 何美玲",
    ],
)
def test_a_time_stamp_beside_a_credit_line_is_not_part_of_it(line):
    assert names_roles(parse_byline_line(line)) == [("何美玲", "记者")]


def test_roles_joined_by_a_comma_mark_cover_the_name_with_both():
    assert names_roles(read_credit("文、摄影/李大同 (某某社记者)")) == [
        ("李大同", "记者"),
        ("李大同", "摄影"),
    ]


def test_a_picture_agency_after_the_photographer_is_no_one():
    assert names_roles(read_credit("本报记者 刘小梅摄/晨光图片")) == [("刘小梅", "摄影")]


def test_an_outlet_joined_to_another_by_a_dot_is_no_transliterated_name():
    photo = split_caption("图为志愿者在社区服务。晨光报·晨光网记者 李强/摄")
    assert photo.photographer == "李强"


def test_caption_words_before_a_photographer_are_not_another_photographer():
    (article,) = parse_text("古镇迎来初雪\n\n" + BODY + "\n\n雪后古镇 周小青 摄\n")
    assert [photo.photographer for photo in article.photos] == ["周小青"]
    assert "雪后古镇" not in [byline.name for byline in article.bylines]


def test_a_labelled_caption_signed_with_a_bare_name_credits_that_photographer():
    photo = split_caption("图说：弄堂口的早点摊前排起了长队。周丽娜")
    assert (photo.caption, photo.photographer) == ("弄堂口的早点摊前排起了长队。", "周丽娜")


def test_a_role_printed_on_the_line_under_a_name_is_that_names_role():
    (article,) = parse_text("老码头的清晨\n\n顾明远\n\n资深摄影记者\n\n" + BODY)
    assert names_roles(article.bylines) == [("顾明远", "摄影")]


def test_a_bracketed_photo_credit_before_a_dateline_is_read_apart_from_it():
    text = "港口迎来新航线\n\n（东海社 林小春摄） 东海社上海3月2日电（记者 林小春）洋山港昨日迎来新航线。\n"
    (article,) = parse_text(text + "\n" + BODY)
    assert ("林小春", "记者") in names_roles(article.bylines)
    assert [photo.photographer for photo in article.photos] == ["林小春"]


def test_a_name_alone_over_the_text_of_a_page_with_no_headline_is_its_writer():
    (article,) = parse_text("林泉\n\n" + BODY)
    assert names_roles(article.bylines) == [("林泉", "作者")]


def test_a_name_over_a_paragraph_that_opens_with_it_labels_a_speaker_and_credits_no_one():
    text = (
        "科创论坛举行\n\n本报记者 陈晓\n\n"
        + BODY
        + "\n\n主旨演讲\n\n钱立群\n\n钱立群指出，创新要靠人才。\n"
    )
    (article,) = parse_text(text)
    assert names_roles(article.bylines) == [("陈晓", "记者")]


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("文/摄影:周明", [("周明", "记者"), ("周明", "摄影")]),
        ("周明/ 文图", [("周明", "记者"), ("周明", "摄影")]),
        (
            "晨光台记者:王伟 文字:李明 编辑:赵刚",
            [("王伟", "记者"), ("李明", "作者"), ("赵刚", "编辑")],
        ),
    ],
)
def test_text_and_photo_roles_together_credit_both(credit, expected):
    assert names_roles(read_credit(credit)) == expected


def test_a_photo_supplied_by_someone_unnamed_has_no_photographer():
    assert parse_credit("摄影:受访者供图").photographer is None


def test_an_end_credit_in_brackets_stays_one_line_and_opens_no_article():
    text = "工会请留守工人吃年夜饭\n\n" + BODY + "\n\n(晨光新闻记者:毛小帆 汪大鑫 编辑:施小荔)\n"
    (article,) = parse_text(text)
    writers = [(b.name, b.role) for b in article.bylines if b.role == "记者"]
    assert writers == [("毛小帆", "记者"), ("汪大鑫", "记者")]


def test_an_editors_line_after_the_text_does_not_make_the_text_a_headline():
    text = "老街新貌\n\n老街经过改造重新开放，居民们纷纷前来参观。(总台记者 王志强 李春燕)\n\n(责编:王小二)\n"
    (article,) = parse_text(text)
    assert article.title == "老街新貌"
    assert [b.name for b in article.bylines if b.role == "记者"] == ["王志强", "李春燕"]


def test_a_page_whose_whole_story_follows_a_bullet_is_still_an_article():
    (article,) = parse_text("■东湖区新开一家社区食堂，每天供应三百份午餐，居民们都说好。")
    assert article.body.startswith("东湖区新开一家社区食堂")


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        # a channel after the paper's name, joined by a dot, is part of the outlet
        ("晨光报·青青城市记者 周明", [("周明", "记者")]),
        # a slash binds the role after it to the names since the last role before names
        # a task closing the whole run after the last name covers every rank before it
        (
            "记者 周明 通讯员 李华/文、图",
            [("周明", "记者"), ("周明", "摄影"), ("李华", "通讯员"), ("李华", "摄影")],
        ),
        ("晨光报记者 周小明/文 李华/图", [("周小明", "记者"), ("李华", "摄影")]),
        # a task keeps its name over the rank that describes the person
        ("视频:实习生 周明 李华", [("周明", "摄像"), ("李华", "摄像")]),
        ("周明 资料图", [("周明", "摄影")]),
        # a paper's short name glued to a role is no person
        ("晨经记者:周明 晨经编辑:李华", [("周明", "记者"), ("李华", "编辑")]),
    ],
)
def test_credits_of_copies_and_their_layouts(credit, expected):
    assert names_roles(read_credit(credit)) == expected


def test_a_credit_beside_the_time_of_day_is_read():
    text = "夜市开张\n\n2026-03-05 18:20:45 晨光新闻Live记者 周明  李华\n\n" + BODY
    (article,) = parse_text(text)
    assert names_roles(article.bylines) == [("周明", "记者"), ("李华", "记者")]


def test_a_long_deck_over_the_credits_stays_with_its_headline():
    deck = "夜校开进了社区，居民下班后就能学习书法、绘画和烹饪，报名人数超过了预期，课程供不应求"
    (article,) = parse_text(f"社区里的夜校\n\n{deck}\n\n记者 | 周明\n\n编辑 | 李华\n\n{BODY}")
    assert (article.title, article.subtitle) == ("社区里的夜校", deck)


@pytest.mark.parametrize(
    ("printed", "role"),
    [("摄像", "photographer"), ("航拍", "photographer"), ("剪辑", "editor"), ("记者", "reporter")],
)
def test_production_credits_are_stored_as_photographers_or_editors_never_reporters(printed, role):
    from archive.ingest.types import ParsedByline
    from archive.services.mapping import byline_role

    assert byline_role(ParsedByline("钱多", printed)) == role


def test_a_role_and_the_next_name_run_together_after_a_slash_are_read_apart():
    assert names_roles(read_credit("晨光报记者 刘晶晶/文常鑫/图、视频")) == [
        ("刘晶晶", "记者"),
        ("常鑫", "摄影"),
    ]


def test_a_file_photo_at_the_end_of_a_caption_credits_its_photographer():
    photo = split_caption("位于东湖区的排涝泵站。晨光新闻记者 李佳蔚 资料图")
    assert (photo.caption, photo.photographer) == ("位于东湖区的排涝泵站。", "李佳蔚")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("【记者 周明】", [("周明", "记者")]),
        ("作者 | 周明 单位 | 东湖区图书馆", [("周明", "作者")]),
        ("晨光日报上海站记者 周明", [("周明", "记者")]),
        ("本报特派记者 周明 发自北京", [("周明", "记者")]),
        ("周明（晨光报记者）", [("周明", "记者")]),
        ("通讯员 李华 文/图", [("李华", "通讯员"), ("李华", "摄影")]),
    ],
)
def test_credit_lines_with_brackets_desks_fields_and_datelines(line, expected):
    assert names_roles(parse_byline_line(line)) == expected


def test_a_bracket_left_alone_by_a_split_credit_opens_no_article():
    (article,) = parse_text("标题之一\n\n(记者:何雅君 陈泉 拍摄:陈征)\n\n" + BODY)
    assert names_roles(article.bylines)[:2] == [("何雅君", "记者"), ("陈泉", "记者")]


def test_a_dateline_with_the_day_in_chinese_numerals_gives_its_writers():
    bylines, rest = take_dateline("新华社上海五月十二日电 (记者 王立明) 本市今天迎来入梅。")
    assert names_roles(bylines) == [("王立明", "记者")] and rest.endswith("本市今天迎来入梅。")


def test_a_photo_taken_by_someone_printed_as_图片由_is_credited_to_them():
    assert split_caption("湖畔步道 图片由方立明摄").photographer == "方立明"


def test_a_layout_credit_inside_a_story_opens_no_article():
    text = (
        "老弄堂里的书店\n\n" + BODY + "\n\n方小雨 设计\n\n读者们希望书店能一直开下去，越办越好。\n"
    )
    (article,) = parse_text(text)
    assert names_roles(article.bylines) == [("方小雨", "设计")]


def test_a_photo_credit_glued_to_a_paragraph_that_quotes_someone_leaves_the_paragraph_text():
    text = (
        "工资年年涨\n\n出租车司机郑明远开车已经二十年了。“工资每年都在涨。”郑明远一脸笑意地"
        "对记者说。新华社记者 任小伟 摄\n\n他说，今年还想换一辆新车。\n"
    )
    (article,) = parse_text(text)
    assert [photo.photographer for photo in article.photos] == ["任小伟"]
    assert "郑明远一脸笑意地对记者说。" in article.body and "任小伟" not in article.body
    # 他说 opening the next paragraph is 郑明远 too, the one person named above it
    assert {quote.speaker for quote in article.quotes} == {"郑明远"}


# Datelines and what a credit covers (invented examples) ---------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "晨光台北京3月2日消息(记者周明 李华)昨天，新的步道开放了。",  # a broadcaster's 消息
        "晨光网杭州3月2日电 (周明 李华)昨天，新的步道开放了。",  # names alone in brackets
    ],
)
def test_a_dateline_closes_on_any_dispatch_word_and_names_its_writers(lead):
    bylines, rest = take_dateline(lead)
    assert names_roles(bylines) == [("周明", "记者"), ("李华", "记者")]
    assert rest.endswith("昨天，新的步道开放了。") and "周明" not in rest


def test_a_dateline_on_a_line_of_its_own_credits_the_report_and_heads_nothing():
    (article,) = parse_text(
        "滨江步道全线贯通\n\n本报讯 (记者 周明 摄影报道)\n\n昨天，新的步道开放了。\n"
    )
    assert article.title == "滨江步道全线贯通"
    assert names_roles(article.bylines) == [("周明", "记者"), ("周明", "摄影")]
    assert article.body == "昨天，新的步道开放了。"


def test_a_photo_report_credit_glued_to_the_lead_is_the_reports_byline_not_a_caption():
    (article,) = parse_text("新的步道开放了\n\n本报讯(记者 周明 摄影报道)昨天，新的步道开放了。\n")
    assert names_roles(article.bylines) == [("周明", "记者"), ("周明", "摄影")]
    assert not article.photos and "影报道" not in article.body


def test_what_a_credit_covers_is_never_a_name():
    (article,) = parse_text("新的步道开放了\n\n本版摄影 记者 李华\n\n昨天，新的步道开放了。\n")
    assert [photo.photographer for photo in article.photos] == ["李华"]
    assert all(byline.name not in ("本版", "本报讯") for byline in article.bylines)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("晨光网 |周明 综合报导", [("周明", "记者")]),  # an outlet, the name, then its role
        ("晨光报 周明 整理", [("周明", "整理")]),
        ("(综合本报记者周明、李华报道)", [("周明", "记者"), ("李华", "记者")]),
    ],
)
def test_an_outlet_before_names_their_closing_role_covers_and_a_bracketed_closing_credit(
    line, expected
):
    assert names_roles(parse_byline_line(line)) == expected


def test_a_photo_report_credit_spelled_as_taiwan_and_hong_kong_papers_spell_it():
    bylines, _rest = take_dateline("本报讯(记者 周明 摄影报导)昨天，新的步道开放了。")
    assert names_roles(bylines) == [("周明", "记者"), ("周明", "摄影")]


def test_the_credits_block_of_an_oral_account_heads_no_article_and_its_teller_speaks():
    (article,) = parse_text(
        "我在老城厢长大\n\n口述：王强\n采访：周明 李华\n整理：陈刚\n\n"
        "我出生在黄浦区的老城厢，小时候家门口就是一条弄堂。那时候夏天最热闹。\n"
        "后来我去外地工作，每次回来都要到弄堂里走走。\n"
    )
    assert article.title == "我在老城厢长大"
    assert names_roles(article.bylines) == [("周明", "记者"), ("李华", "记者"), ("陈刚", "整理")]
    assert [quote.speaker for quote in article.quotes] == ["王强"]


# A credit wrapped over two lines ---------------------------------------------------------------


def test_a_closing_role_wrapped_onto_its_own_line_covers_the_names_above_it():
    text = "湖畔栈道今起开放\n本报记者 程立 苏晓 袁方\n摄影报道\n" + BODY
    article = parse_text(text)[0]
    assert article.title == "湖畔栈道今起开放"
    assert not article.subtitle
    assert names_roles(article.bylines) == [
        (name, role) for name in ("程立", "苏晓", "袁方") for role in ("记者", "摄影")
    ]


def test_names_and_a_closing_role_on_the_next_line_finish_the_credit_above():
    text = "湖畔栈道今起开放\n本报记者 程立 苏晓\n袁方 摄影报道\n" + BODY
    article = parse_text(text)[0]
    assert {name for name, role in names_roles(article.bylines) if role == "摄影"} == {
        "程立",
        "苏晓",
        "袁方",
    }


def test_two_credit_lines_that_each_read_whole_stay_two_credits():
    text = "湖畔栈道今起开放\n记者 程立\n实习生 苏晓\n" + BODY
    assert names_roles(parse_text(text)[0].bylines) == [("程立", "记者"), ("苏晓", "实习生")]


def test_a_bracketed_closing_credit_over_two_lines_closes_a_one_paragraph_story():
    text = "湖畔栈道今起开放\n昨天，湖畔栈道开放。游客纷纷前来。\n（本报记者 程立\n通讯员 苏晓）\n"
    article = parse_text(text)[0]
    assert article.title == "湖畔栈道今起开放"
    assert article.body == "昨天，湖畔栈道开放。游客纷纷前来。"
    assert names_roles(article.bylines) == [("程立", "记者"), ("苏晓", "通讯员")]


def test_indented_body_under_a_headline_and_credit_is_no_three_line_crawl_head():
    text = "湖畔栈道今起开放\n本报记者 程立\n摄影报道\n\u3000\u3000昨天，湖畔栈道开放。\n"
    article = parse_text(text)[0]
    assert article.title == "湖畔栈道今起开放"
    assert not article.subtitle
    assert ("程立", "摄影") in names_roles(article.bylines)


# Names padded to a width, and a line break lost between credits --------------------------------


def test_two_character_names_padded_with_a_space_are_each_one_name():
    assert names_roles(read_credit("文/程立新 苏 晓 袁 方")) == [
        ("程立新", "作者"),
        ("苏晓", "作者"),
        ("袁方", "作者"),
    ]


def test_a_role_run_into_the_last_name_by_a_lost_line_break_opens_the_next_credit():
    assert names_roles(read_credit("文/程立新 苏 晓本版摄影/袁 方制图/韩 雪")) == [
        ("程立新", "作者"),
        ("苏晓", "作者"),
        ("袁方", "摄影"),
        ("韩雪", "制图"),
    ]


def test_credits_printed_one_after_another_at_a_paragraph_end_are_all_taken():
    bylines, rest = take_trailing(
        "居民把衣物晾在院子里。 (某某报记者 程立 摄影报道) (责任编辑:苏晓) |"
    )
    assert rest == "居民把衣物晾在院子里。"
    assert names_roles(bylines) == [("程立", "记者"), ("程立", "摄影"), ("苏晓", "编辑")]


def test_a_database_citation_under_the_headline_names_writer_paper_date_and_page():
    text = "湖畔的春天(城与人)\n\n程立 苏晓 《 某某日报 》( 2021年03月05日   第 12 版)\n\n" + BODY
    article = parse_text(text)[0]
    assert names_roles(article.bylines) == [("程立", "作者"), ("苏晓", "作者")]
    assert (article.publication, article.published_on, article.page) == (
        "某某日报",
        "2021-03-05",
        "12",
    )
    assert not article.subtitle


def test_a_dateline_run_on_after_a_captions_bracketed_credit_still_names_the_writer():
    text = "湖畔夜色。（某某社 程立摄） 某某社上海3月5日电（记者 苏晓）湖畔的春天来得早。\n" + BODY
    article = parse_text(text)[0]
    assert ("苏晓", "记者") in names_roles(article.bylines)
    assert [(photo.caption, photo.photographer) for photo in article.photos] == [
        ("湖畔夜色。", "程立")
    ]


def test_a_role_between_two_runs_of_names_closes_the_first_when_the_second_is_closed_too():
    assert names_roles(read_credit("程立新 图 苏晓 整理")) == [("程立新", "摄影"), ("苏晓", "整理")]


def test_names_and_their_roles_set_apart_after_the_last_sentence_close_the_paragraph():
    bylines, rest = take_trailing("成为那个年代的记忆。 程立新 图 苏晓 整理")
    assert rest == "成为那个年代的记忆。"
    assert names_roles(bylines) == [("程立新", "摄影"), ("苏晓", "整理")]


def test_words_after_the_last_sentence_that_are_no_credit_stay_in_the_paragraph():
    assert take_trailing("我们去了公园。 大家 都 很 开心 图") == (
        [],
        "我们去了公园。 大家 都 很 开心 图",
    )


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("记者冯小兰张建群钱钰", ["冯小兰", "张建群", "钱钰"]),
        ("本报记者 王小明李华", ["王小明", "李华"]),
    ],
)
def test_names_printed_together_are_cut_where_only_one_reading_gives_names(credit, expected):
    assert [name for name, _ in names_roles(read_credit(credit))] == expected


def test_names_printed_together_that_read_two_ways_are_not_guessed():
    from archive.ingest.names import split_name_run

    assert split_name_run("周明李小华钱钰") is None  # 周明 李小华 or 周明 李小 华钱钰


def test_a_role_label_spaced_to_the_width_of_others_is_still_the_role():
    assert names_roles(read_credit("采 访 组：程立 苏 晓")) == [("程立", "记者"), ("苏晓", "记者")]


def test_a_dateline_word_in_lenticular_brackets_still_opens_the_writers_credit():
    bylines, rest = take_dateline("【本报讯】（记者 苏晓）老街改造启动，居民很高兴。")
    assert names_roles(bylines) == [("苏晓", "记者")]
    assert rest.endswith("老街改造启动，居民很高兴。")


@pytest.mark.parametrize("credit", ["某某社 图", "某某工会微信公众号 图", "某某区融媒体中心/图"])
def test_a_photo_credited_to_an_organisation_names_no_photographer(credit):
    photo = parse_credit(credit)
    assert photo is not None and photo.photographer is None and photo.credit == credit


def test_a_line_that_merely_ends_in_picture_is_no_credit():
    assert parse_credit("老街新生 图") is None


def test_an_unreadable_editor_note_does_not_hide_the_writers_credit_before_it():
    bylines, rest = take_trailing("居民晾衣。 (某某报记者 程立 摄影报道) (责任编辑:某某台直播) |")
    assert rest == "居民晾衣。"
    assert names_roles(bylines) == [("程立", "记者"), ("程立", "摄影")]


def test_a_paragraph_closed_by_a_photographers_and_a_compilers_credit_stays_text():
    text = "老街新生\n那天，我一早就出发。\n四十年过去，照片留存，成为时代的印记。 程立新 图 苏晓 整理\n"
    article = parse_text(text)[0]
    assert article.body.endswith("成为时代的印记。")
    assert not article.photos
    assert names_roles(article.bylines) == [("程立新", "摄影"), ("苏晓", "整理")]


@pytest.mark.parametrize(
    "lead",
    [
        "【某某报讯】记者程立上海报道：老街改造日前完工。",
        "某某报讯（记者 程立 上海报道）老街改造日前完工。",
    ],
)
def test_an_undated_report_credit_opening_the_lead_names_the_writer_without_the_place(lead):
    bylines, rest = take_dateline(lead)
    assert names_roles(bylines) == [("程立", "记者")]
    assert rest.endswith("老街改造日前完工。")


def test_a_place_after_a_one_character_given_name_may_be_the_name_itself():
    from archive.ingest.bylines import without_dateline

    assert without_dateline("记者王上海报道") == "记者王上海"


def test_an_editors_credit_behind_a_bullet_under_the_text_heads_nothing():
    text = "老街焕新颜\n文：程立 图：苏晓\n老街改造日前完工。居民说：“终于等到这一天。”\n■责任编辑：韩雪\n"
    article = parse_text(text)[0]
    assert article.title == "老街焕新颜"
    assert article.body == "老街改造日前完工。居民说：“终于等到这一天。”"


def test_a_datelines_brackets_vouch_for_names_of_rare_surnames_but_never_for_places():
    bylines, _ = take_dateline("某某网上海8月18日电 (何旭 轩召强)采访团队昨天抵达上海。")
    assert names_roles(bylines) == [("何旭", "记者"), ("轩召强", "记者")]
    assert take_dateline("某某社上海8月18日电（上海市 浦东新区）采访团队抵达。")[0] == []


def test_a_date_a_name_and_an_outlet_on_one_line_name_the_writer():
    text = (
        "程立新访谈：老街的理想\n\n2016-02-14 苏晓 某某新闻\n\n我不是天生的乐观派，但我相信老街。\n"
    )
    article = parse_text(text)[0]
    assert names_roles(article.bylines) == [("苏晓", "作者")]
    assert article.published_on == "2016-02-14"


def test_a_scoped_role_before_a_slash_is_read_whole():
    assert names_roles(read_credit("本版摄影/杨 眉")) == [("杨眉", "摄影")]


def test_an_institution_before_names_in_a_credit_makes_them_its_correspondents():
    assert names_roles(read_credit("某某大学 程立 某某青年报·某某在线记者 苏晓")) == [
        ("程立", "通讯员"),
        ("苏晓", "记者"),
    ]


def test_an_institution_and_a_name_alone_are_no_credit():
    assert read_credit("某某大学 程立") is None  # a list of schools and people, not a byline
