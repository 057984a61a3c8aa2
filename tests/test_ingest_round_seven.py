"""Credits, dates, page furniture and speakers as fresh pages printed them, each read by a
principle, not by a page's form. Every line here is invented."""

import pytest

from archive.ingest.credits import read_credit
from archive.ingest.names import is_plausible_name
from archive.ingest.pagemeta import PageInfo, is_menu_line, read_meta
from archive.ingest.parser import parse_text
from archive.ingest.quotes import find_quotes
from archive.ingest.quotes.common import title_before
from archive.ingest.quotes.nearby import quotes_next_to_names
from archive.ingest.shapes import DATELINE_START
from archive.ingest.text import fold, normalize
from archive.ingest.titles import clean_title
from archive.ingest.types import ParsedByline

LEAD = "昨天上午，某街道的社区服务中心里坐满了前来咨询的居民，工作人员逐一登记。"
MORE = "据介绍，服务中心今年新增了十二项便民服务，覆盖辖区内的所有小区。"


def _assert_read(page, title, date):
    """The page's one article has this headline and date, and its text opens with LEAD."""
    article = parse_text(page)[0]
    assert (article.title, article.published_on) == (title, date)
    assert article.body.startswith(LEAD[:4])


def _photographers(article):
    return [photo.photographer for photo in article.photos]


@pytest.mark.parametrize("role", ["某某晚报记者", "记者", "特约通讯员"])
def test_a_credit_glued_to_a_captions_last_word_is_read_from_its_role(role):
    page = f"菜场里货源充足\n\n本报记者 周明\n\n{LEAD}\n\n图说:市民在菜场选购蔬菜{role}李华摄(下同)\n\n{MORE}"
    article = parse_text(page)[0]
    assert _photographers(article) == ["李华"]
    assert "李华" not in article.body


def test_a_role_word_inside_a_caption_sentence_credits_no_one():
    page = f"菜场里货源充足\n\n本报记者 周明\n\n{LEAD}\n\n图说:记者李华在菜场采访摊主\n\n{MORE}"
    assert _photographers(parse_text(page)[0]) in ([], [None])


@pytest.mark.parametrize(
    "credit, expected",
    [
        ("文字、图片、编辑:周丽丽", [("周丽丽", "记者"), ("周丽丽", "摄影")]),
        ("图片、编辑:周丽丽", [("周丽丽", "摄影")]),
        ("编辑、文字:周丽丽", [("周丽丽", "作者")]),
        ("图片:周丽丽", [("周丽丽", "摄影")]),
    ],
)
def test_roles_listed_together_credit_one_person_for_each_and_an_editors_yields(credit, expected):
    assert read_credit(credit) == [ParsedByline(name, role) for name, role in expected]


def test_pictures_alone_before_a_name_with_no_mark_is_no_credit():
    assert read_credit("图片 周丽丽") is None


def test_a_reporter_spoken_to_is_no_title_of_the_words_after_it():
    paragraph = (
        "“这真是一件大好事。”家住某小区的马阿婆已经85岁，她向记者谈起给老楼加装电梯时满脸笑容。"
    )
    assert [quote.speaker for quote in quotes_next_to_names(paragraph)] == []


def test_a_titled_reporter_who_speaks_is_still_a_speaker():
    paragraph = "“这是我跑过最多的一条线。”本报首席记者周明回忆起当年的采访。"
    assert [quote.speaker for quote in quotes_next_to_names(paragraph)] == ["周明"]


@pytest.mark.parametrize("stamp", ["15.10.2015  10:58", "2015-10-15 10:58", "15.10.2015"])
def test_a_date_printed_day_first_with_dots_is_the_pages_date_not_text(stamp):
    page = f"为方便市民出行 本市多条公交线路调整走向\n\n{stamp}\n\n  {LEAD}\n\n  {MORE}"
    _assert_read(page, "为方便市民出行 本市多条公交线路调整走向", "2015-10-15")


def test_a_number_with_dots_that_is_no_date_stays_text():
    page = f"社区服务中心再添新项目\n\n{LEAD}版本号为1.10.2015的系统已经上线。\n\n{MORE}"
    assert parse_text(page)[0].published_on is None


def test_a_metadata_line_led_by_the_pages_address_and_a_bracketed_field_is_read():
    line = "http://news.example.cn 2017-08-16 14:04 [来源]:某某体育报"
    info = PageInfo()
    assert read_meta(line, fold(line), info)
    assert info.extra["source"] == "某某体育报"
    assert info.dates == [(2, "2017-08-16")]


def test_a_type_size_control_with_its_browse_label_is_furniture_not_part_of_the_headline():
    page = f"当前位置: 体育频道> 新闻\n【浏览字号:\n球迷:主场要扮成蓝色海洋\n\n{LEAD}\n\n{MORE}"
    assert [article.title for article in parse_text(page)] == ["球迷:主场要扮成蓝色海洋"]


@pytest.mark.parametrize("dispatch", ["据某某社电", "某某社电", "据某某网电"])
def test_writers_in_brackets_after_a_cited_dispatch_without_a_day_are_its_writers(dispatch):
    page = (
        f"老案开审\n\n  {dispatch} (记者周明)昨日，一起案件在某中级人民法院开庭审理。\n\n  {MORE}"
    )
    article = parse_text(page)[0]
    assert [(b.name, b.role) for b in article.bylines] == [("周明", "记者")]
    assert [quote.speaker for quote in article.quotes] == []


def test_after_a_quote_the_topic_turned_to_is_no_name_and_the_subject_after_it_speaks():
    paragraph = "“这个部门成立二十年了。”谈起未检工作，周明信手拈来，滔滔不绝。"
    assert [quote.speaker for quote in quotes_next_to_names(paragraph)] == ["周明"]


def test_a_paragraph_opening_on_a_closing_mark_opens_a_quote():
    page = f"义诊进古镇\n\n本报记者 王芳\n\n”这次义诊是想服务周边的儿童。”某医院副主任医师李廷华介绍说。\n\n{MORE}"
    quotes = parse_text(page)[0].quotes
    assert [(quote.speaker, quote.title) for quote in quotes] == [("李廷华", "某医院副主任医师")]


def test_a_given_name_ending_in_zhi_is_a_name_but_a_word_with_it_is_not():
    assert is_plausible_name("伏敏之")
    assert not is_plausible_name("王之一")


def test_a_menu_set_with_spaces_alone_is_no_headline():
    menu = "网站首页 国内资讯 滚动 社会 经济 体育 文化 法治 农业"
    title = "(社区故事)社区服务中心再添新项目 迎来首批居民"
    page = f"{menu}\n\n{title}\n\n2022-07-01 17:45:16 来源:某某网 作者:记者 周明\n{LEAD}\n\n{MORE}"
    assert [article.title for article in parse_text(page)] == [title]


def test_a_line_of_names_set_with_spaces_is_no_menu():
    assert not is_menu_line("周明 李华 王芳 张伟 刘洋 陈静")


def test_a_forums_copy_guard_of_ascii_pairs_is_dropped_and_the_text_kept():
    text = "& {( ?$ |) ?4 F6月15日，毕业典礼在某大学举行。\n' b* E6 c1 f2 J! }: P\" f# W4\n"
    assert normalize(text).split("\n")[:2] == ["6月15日，毕业典礼在某大学举行。", ""]


@pytest.mark.parametrize("text", ["I am a US citizen", "1 2 3 4 5", "A+ A- 大 中 小", "C 919 ok"])
def test_ascii_words_and_numbers_are_no_copy_guard(text):
    assert normalize(text) == text


def test_breadcrumb_pieces_printed_one_a_line_are_furniture():
    page = f"某某每日头条\n\n > 生活\n\n > 菜场的故事\n\n菜场的故事\n\n生活 更新时间:2025-01-13 02:31:34\n\n{LEAD}\n\n{MORE}"
    _assert_read(page, "菜场的故事", "2025-01-13")


def test_a_reposts_note_gives_its_source_and_credits_and_no_headline():
    note = "本文来自微信公众号:某某生活指南(ID:abc),作者:周明,摄影:李华,头图来自:某某图片社"
    article = parse_text(f"{note}\n\n{LEAD}\n\n{MORE}")[0]
    assert article.title == ""
    assert [(b.name, b.role) for b in article.bylines] == [("周明", "作者"), ("李华", "摄影")]


def test_a_teaser_cut_off_above_the_paragraph_it_opens_is_dropped():
    lead = "某某网记者周明12月5日报道:“某某发布”今天上午公布了八家菜场十三种蔬菜的价格。数据显示,多数蔬菜价格下降。"
    teaser = lead.replace("“", "").replace("”", "")[:48]
    article = parse_text(f"菜价多数下降\n\n{teaser}\n{lead}\n\n{MORE}")[0]
    assert [quote.speaker for quote in article.quotes] == []
    assert article.body.count("公布了八家菜场") == 1


def test_a_set_phrase_opening_a_clause_is_no_name():
    paragraph = "“这些年很不平凡。”在周明看来，白手起家的园区走过了不平凡的路。"
    assert "白手" not in [quote.speaker for quote in quotes_next_to_names(paragraph)]


def test_a_writers_name_of_five_ideographs_in_a_labelled_field_is_read():
    page = f"草原来的作者\n\n作者:苏日娜图雅 2022-10-19 10:32 来源:某某报\n\n{LEAD}\n\n{MORE}"
    assert [(b.name, b.role) for b in parse_text(page)[0].bylines] == [("苏日娜图雅", "作者")]


@pytest.mark.parametrize("label", ["专访", "对话", "独家专访："])
def test_an_interviews_label_is_no_part_of_its_guests_title(label):
    line = f"{label}某某集团董事长周明"
    assert title_before(line, len(line) - 2) == ("某某集团董事长", None)


def test_a_credit_closing_a_roundups_item_before_the_next_bullet_credits_that_writer():
    first = "■某区某街道的马先生求助:妻子需要注射针剂。记者联系后,社区卫生室可以提供注射服务。"
    second = "■某区某镇的李先生求助:自己患糖尿病多年,需要配药。记者联系了社区医院。"
    article = parse_text(f"{first}本报记者周明{second}本报记者李华\n")[0]
    assert [(b.name, b.role) for b in article.bylines] == [("周明", "记者"), ("李华", "记者")]
    assert "周明" not in article.body


@pytest.mark.parametrize(
    "credit",
    ["本文图片某某新闻记者 周明", "本文图片均为 某某新闻记者 周明 摄", "图片由某某报记者周明"],
)
def test_a_credit_for_the_articles_pictures_credits_a_photographer(credit):
    assert read_credit(credit) == [ParsedByline("周明", "摄影")]


@pytest.mark.parametrize("control", ["小字号", "大字号 小字号"])
def test_a_type_size_button_under_a_headline_is_furniture(control):
    page = f"社区服务中心再添新项目\n\n{control}\n\n{LEAD}\n\n{MORE}"
    article = parse_text(page)[0]
    assert (article.title, article.subtitle) == ("社区服务中心再添新项目", None)


def test_an_accounts_original_mark_under_its_headline_leaves_the_headline_the_title():
    page = f"社区服务中心再添新项目!\n原创 某某发布 某某发布\n服务升级\n{LEAD}\n{MORE}"
    assert parse_text(page)[0].title == "社区服务中心再添新项目!"


def test_a_pages_first_credit_under_a_preface_is_its_headlined_storys():
    preface = "医院是看病的地方，要不要谈文化？答案是肯定的。一家医院最缺的是什么，众说纷纭。"
    page = f"一家老医院的坚持\n\n{preface}\n\n{LEAD}\n\n特约记者|周明\n\n{MORE}\n\n{LEAD}"
    articles = parse_text(page)
    assert [article.title for article in articles] == ["一家老医院的坚持"]
    assert [(b.name, b.role) for b in articles[0].bylines] == [("周明", "记者")]


def test_links_above_a_report_are_not_joined_and_the_line_over_its_dateline_is_its_headline():
    links = (
        "某公司还能买吗？专家分析「不算晚」 机构估再涨16%\n\n某市单车大当机 交通局：时长从宽认定"
    )
    headline = "长假首日外滩现人潮 大批警力严阵以待"
    lead = "长假第一天，外滩涌现人潮，大批警力严阵以待，严格分隔人流方向。"
    page = f"某某主播涉诈案开审 前男友曝光\n\n{links}\n\n{headline}\n\n某某社／ 上海1日电\n\n{lead}\n\n{MORE}"
    articles = parse_text(page)
    assert articles[-1].title == headline
    assert articles[-1].body.startswith("某某社")


@pytest.mark.parametrize("account", ["金山发布", "上海发布", "浦东融媒"])
def test_a_districts_account_name_is_no_headline(account):
    headline = "直击一线丨“我们站在第一线”!新区今天迎来开放纪念日,四位居民讲述他们的故事"
    articles = parse_text(f"{account}\n\n其他\n\n{headline}\n\n{LEAD}\n\n{MORE}")
    assert [article.title for article in articles] == [headline]


def test_a_headline_led_by_its_column_and_a_bar_is_no_prose_even_long():
    headline = "走进社区丨“这里的变化看得见”!老小区加装电梯两年后,居民们说出了心里话"
    article = parse_text(f"{headline}\n{LEAD}\n{MORE}")[0]
    assert article.title == headline
    assert article.body.startswith(LEAD[:4])


def test_a_path_of_sections_joined_by_arrows_is_a_breadcrumb():
    page = f"某某社 广告\n\n新闻大观> 社会新闻>新闻报道\n\n老城厢的新生活\n\n2000年4月8日 07:27\n\n{LEAD}\n\n{MORE}"
    assert parse_text(page)[0].title == "老城厢的新生活"


def test_a_dateline_with_its_day_in_chinese_numerals_opens_the_report():
    assert DATELINE_START.match("某某社上海四月七日电 老城厢的新生活")


def test_a_short_term_in_quotation_marks_opening_a_sentence_is_no_ones_words():
    paragraph = "“青蛙小站”房舍外部保持原貌，窗框只是简单加固了一下。"
    assert quotes_next_to_names(paragraph) == []


def test_an_elderly_gentleman_named_by_surname_is_no_one_by_name():
    page = f"老小区的变化\n\n{LEAD}\n\n居民张老先生告诉记者：“我是1988年搬来的。”\n\n{MORE}"
    assert [quote.speaker for quote in parse_text(page)[0].quotes] == []


def test_a_spam_sites_keywords_glued_before_a_headline_are_cut():
    assert (
        clean_title("某某娱乐场可以刷卡吗_什么样的都市人才能住到乡村去?")
        == "什么样的都市人才能住到乡村去?"
    )


def test_a_pronoun_after_the_words_opening_a_paragraph_stands_for_the_one_person_above():
    above = "为了看新开的展馆，市民周丽芬五点多便起床。六点左右，周丽芬来到展馆门口。"
    said = "“这里以前是图书馆，我经过很多次，但一直没进来。”她有些不好意思地说。"
    quotes = find_quotes([above, said])
    assert [(quote.speaker, quote.title) for quote in quotes] == [("周丽芬", "市民")]


def test_with_two_people_above_a_pronoun_opening_a_paragraph_stands_for_no_one():
    above = "会上，局长周明和处长李华分别发言。"
    assert find_quotes([above, "“这件事要抓紧办。”他说。"]) == []


def test_a_section_under_the_path_that_names_it_is_no_headline():
    crumb = "您的位置: 首页 >资讯>案件报道>详细内容"
    page = f"{crumb}\n\n案件报道\n\n警方侦破一起案件 21人落网\n\n{LEAD}\n\n{MORE}"
    assert parse_text(page)[0].title == "警方侦破一起案件 21人落网"


def test_a_line_of_fields_is_read_as_metadata_not_as_a_list_of_headlines():
    meta = "来源:某某报 作者:周小明 李大华 发布时间:2007-08-04 17:43:34 浏览次数: 【字体:"
    article = parse_text(f"社区服务中心再添新项目\n\n{meta}\n\n{LEAD}\n\n{MORE}")[0]
    assert [(b.name, b.role) for b in article.bylines] == [("周小明", "作者"), ("李大华", "作者")]


def test_a_place_and_a_sections_word_in_the_author_field_is_no_author():
    article = parse_text(
        f"社区服务中心再添新项目\n\n来自:某某报 作者:上海要闻 访问量:1147\n\n{LEAD}"
    )[0]
    assert article.bylines == ()


def test_an_e_papers_page_label_and_its_toolbar_date_are_no_headline():
    page = f"第04:综合\n上一版3   4下一版\n2023年02月20日 星期一 出版 上一期  下一期\n社区服务中心再添新项目\n\n{LEAD}\n\n{MORE}"
    article = parse_text(page)[0]
    assert (article.title, article.page) == ("社区服务中心再添新项目", "4")


def test_the_pages_printed_headline_holding_an_agencys_title_with_its_column_is_the_title():
    page = (
        "世博季风:古刹的“世博缘”\n本页位置: 首页新闻中心世博会\n\n世博季风:古刹的“世博缘”\n\n"
        "2010年09月18日 13:42 来源:某某网 参与互动(0)\n\n"
        f"  某某社上海9月18日电 题:古刹的“世博缘”\n\n  某某社记者 周明\n\n  {LEAD}\n\n{MORE}"
    )
    assert parse_text(page)[0].title == "世博季风:古刹的“世博缘”"


def test_spaced_toolbar_labels_under_a_path_leave_the_headline_above_it():
    page = (
        f"老小区迎来了新的变化\n\n某某网>>新闻频道>>图片新闻\n\n时 间\n/\n分 享\n\n{LEAD}\n\n{MORE}"
    )
    assert parse_text(page)[0].title == "老小区迎来了新的变化"
