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
    paragraph = "“楼道终于亮堂了。”住在五楼的孙阿婆笑得合不拢嘴，她向记者谈起给楼道换灯的经过。"
    assert [quote.speaker for quote in quotes_next_to_names(paragraph)] == []


def test_a_titled_reporter_who_speaks_is_still_a_speaker():
    paragraph = "“这是我跑过最多的一条线。”本报首席记者周明回忆起当年的采访。"
    assert [quote.speaker for quote in quotes_next_to_names(paragraph)] == ["周明"]


@pytest.mark.parametrize("stamp", ["03.11.2016  09:12", "2016-11-03 09:12", "03.11.2016"])
def test_a_date_printed_day_first_with_dots_is_the_pages_date_not_text(stamp):
    page = f"早晚高峰更顺畅 两条夜班线路延长运营\n\n{stamp}\n\n  {LEAD}\n\n  {MORE}"
    _assert_read(page, "早晚高峰更顺畅 两条夜班线路延长运营", "2016-11-03")


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
    paragraph = "“这个窗口开了十五年了。”谈起未检工作，周明如数家珍，越说越起劲。"
    assert [quote.speaker for quote in quotes_next_to_names(paragraph)] == ["周明"]


def test_a_paragraph_opening_on_a_closing_mark_opens_a_quote():
    page = f"义诊进古镇\n\n本报记者 王芳\n\n”这次活动是想让老人少跑腿。”某中心副主任程立华介绍说。\n\n{MORE}"
    quotes = parse_text(page)[0].quotes
    assert [(quote.speaker, quote.title) for quote in quotes] == [("程立华", "某中心副主任")]


def test_a_given_name_ending_in_zhi_is_a_name_but_a_word_with_it_is_not():
    assert is_plausible_name("沈兰之")
    assert not is_plausible_name("王之一")


def test_a_menu_set_with_spaces_alone_is_no_headline():
    menu = "网站首页 国内资讯 滚动 社会 经济 体育 文化 法治 农业"
    title = "(社区故事)社区服务中心再添新项目 迎来首批居民"
    page = f"{menu}\n\n{title}\n\n2022-07-01 17:45:16 来源:某某网 作者:记者 周明\n{LEAD}\n\n{MORE}"
    assert [article.title for article in parse_text(page)] == [title]


def test_a_line_of_names_set_with_spaces_is_no_menu():
    assert not is_menu_line("周明 李华 王芳 张伟 刘洋 陈静")


def test_a_forums_copy_guard_of_ascii_pairs_is_dropped_and_the_text_kept():
    text = "~ ]] k# |& R3月8日，运动会在某中学举行。\n' h* Q5 z2 $p }; m# L7\n"
    assert normalize(text).split("\n")[:2] == ["3月8日，运动会在某中学举行。", ""]


@pytest.mark.parametrize("text", ["I am a US citizen", "1 2 3 4 5", "A+ A- 大 中 小", "C 919 ok"])
def test_ascii_words_and_numbers_are_no_copy_guard(text):
    assert normalize(text) == text


def test_breadcrumb_pieces_printed_one_a_line_are_furniture():
    page = f"某某每日头条\n\n > 生活\n\n > 菜场的故事\n\n菜场的故事\n\n生活 更新时间:2024-06-21 18:05:07\n\n{LEAD}\n\n{MORE}"
    _assert_read(page, "菜场的故事", "2024-06-21")


def test_a_reposts_note_gives_its_source_and_credits_and_no_headline():
    note = "本文来自微信公众号:某某街坊号(ID:abc),作者:周明,摄影:李华,头图来自:某某图片社"
    article = parse_text(f"{note}\n\n{LEAD}\n\n{MORE}")[0]
    assert article.title == ""
    assert [(b.name, b.role) for b in article.bylines] == [("周明", "作者"), ("李华", "摄影")]


def test_a_teaser_cut_off_above_the_paragraph_it_opens_is_dropped():
    lead = "某某网记者周明3月9日报道:“某某之声”今天上午公布了五座公园的春季花期预报。数据显示,樱花将提前开放。"
    teaser = lead.replace("“", "").replace("”", "")[:48]
    article = parse_text(f"花期提前\n\n{teaser}\n{lead}\n\n{MORE}")[0]
    assert [quote.speaker for quote in article.quotes] == []
    assert article.body.count("公布了五座公园") == 1


def test_a_set_phrase_opening_a_clause_is_no_name():
    paragraph = "“这些年大家都辛苦了。”在周明看来，高枕无忧的日子从来没有过。"
    assert "高枕" not in [quote.speaker for quote in quotes_next_to_names(paragraph)]


def test_a_writers_name_of_five_ideographs_in_a_labelled_field_is_read():
    page = f"草原来的作者\n\n作者:苏日娜图雅 2021-05-02 08:40 来源:某某报\n\n{LEAD}\n\n{MORE}"
    assert [(b.name, b.role) for b in parse_text(page)[0].bylines] == [("苏日娜图雅", "作者")]


@pytest.mark.parametrize("label", ["专访", "对话", "独家专访："])
def test_an_interviews_label_is_no_part_of_its_guests_title(label):
    line = f"{label}某某集团董事长周明"
    assert title_before(line, len(line) - 2) == ("某某集团董事长", None)


def test_a_credit_closing_a_roundups_item_before_the_next_bullet_credits_that_writer():
    first = "■某街道的赵先生来电:家门口的路灯坏了一个月。记者联系后,路灯已经修好。"
    second = "■某镇的钱女士来电:小区垃圾清运不及时。记者联系后,清运改为每天两次。"
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
    links = "周末去哪玩？三条步道「刚刚好」 赏枫正当时\n\n某地电动车新规 交通局：头盔必须佩戴"
    headline = "周末滨江步道迎客流 志愿者在路口引导"
    lead = "周末的滨江步道游人如织，志愿者在各个路口引导人流，秩序井然。"
    page = f"某某歌手新专辑发布 粉丝排起长队\n\n{links}\n\n{headline}\n\n某某社／ 上海2日电\n\n{lead}\n\n{MORE}"
    articles = parse_text(page)
    assert articles[-1].title == headline
    assert articles[-1].body.startswith("某某社")


@pytest.mark.parametrize("account", ["金山发布", "上海发布", "浦东融媒"])
def test_a_districts_account_name_is_no_headline(account):
    headline = "新春走基层丨“年夜饭我们来张罗”!社区食堂迎来最忙的一周,三位厨师讲述他们的春节"
    articles = parse_text(f"{account}\n\n其他\n\n{headline}\n\n{LEAD}\n\n{MORE}")
    assert [article.title for article in articles] == [headline]


def test_a_headline_led_by_its_column_and_a_bar_is_no_prose_even_long():
    headline = "走进社区丨“这里的变化看得见”!老小区加装电梯两年后,居民们说出了心里话"
    article = parse_text(f"{headline}\n{LEAD}\n{MORE}")[0]
    assert article.title == headline
    assert article.body.startswith(LEAD[:4])


def test_a_path_of_sections_joined_by_arrows_is_a_breadcrumb():
    page = f"某某社 广告\n\n频道首页> 本地新闻>社会报道\n\n老城厢的新生活\n\n2000年4月8日 07:27\n\n{LEAD}\n\n{MORE}"
    assert parse_text(page)[0].title == "老城厢的新生活"


def test_a_dateline_with_its_day_in_chinese_numerals_opens_the_report():
    assert DATELINE_START.match("某某社上海四月七日电 老城厢的新生活")


def test_a_short_term_in_quotation_marks_opening_a_sentence_is_no_ones_words():
    paragraph = "“共享书屋”房舍外墙刷了新漆，门口摆上了花。"
    assert quotes_next_to_names(paragraph) == []


def test_an_elderly_gentleman_named_by_surname_is_no_one_by_name():
    page = f"老小区的变化\n\n{LEAD}\n\n居民王老先生告诉记者：“我在这条弄堂住了四十年。”\n\n{MORE}"
    assert [quote.speaker for quote in parse_text(page)[0].quotes] == []


def test_a_spam_sites_keywords_glued_before_a_headline_are_cut():
    assert (
        clean_title("某某娱乐场怎么注册_年轻人为什么爱上了老街区?") == "年轻人为什么爱上了老街区?"
    )


def test_a_pronoun_after_the_words_opening_a_paragraph_stands_for_the_one_person_above():
    above = "听说老书店重新开张，退休教师周丽芬一早就出了门。八点不到，周丽芬已经站在店门口。"
    said = "“年轻时我常来这里淘旧书，后来搬家就再没来过。”她略带感慨地说。"
    quotes = find_quotes([above, said])
    assert [(quote.speaker, quote.title) for quote in quotes] == [("周丽芬", "退休教师")]


def test_with_two_people_above_a_pronoun_opening_a_paragraph_stands_for_no_one():
    above = "会上，局长周明和处长李华分别发言。"
    assert find_quotes([above, "“这件事要抓紧办。”他说。"]) == []


def test_a_section_under_the_path_that_names_it_is_no_headline():
    crumb = "您的位置: 首页 >资讯>社区动态>详细内容"
    page = f"{crumb}\n\n社区动态\n\n老旧电梯全部更换 居民出行更安心\n\n{LEAD}\n\n{MORE}"
    assert parse_text(page)[0].title == "老旧电梯全部更换 居民出行更安心"


def test_a_line_of_fields_is_read_as_metadata_not_as_a_list_of_headlines():
    meta = "来源:某某报 作者:周小明 李大华 发布时间:2012-03-15 10:20:45 浏览次数: 【字体:"
    article = parse_text(f"社区服务中心再添新项目\n\n{meta}\n\n{LEAD}\n\n{MORE}")[0]
    assert [(b.name, b.role) for b in article.bylines] == [("周小明", "作者"), ("李大华", "作者")]


def test_a_place_and_a_sections_word_in_the_author_field_is_no_author():
    article = parse_text(
        f"社区服务中心再添新项目\n\n来自:某某报 作者:浦东快讯 访问量:2301\n\n{LEAD}"
    )[0]
    assert article.bylines == ()


def test_an_e_papers_page_label_and_its_toolbar_date_are_no_headline():
    page = f"第07:社区\n上一版6   8下一版\n2022年05月16日 星期一 出版 上一期  下一期\n社区服务中心再添新项目\n\n{LEAD}\n\n{MORE}"
    article = parse_text(page)[0]
    assert (article.title, article.page) == ("社区服务中心再添新项目", "7")


def test_the_pages_printed_headline_holding_an_agencys_title_with_its_column_is_the_title():
    page = (
        "城市漫步:老码头的“新生”\n本页位置: 首页新闻中心文旅\n\n城市漫步:老码头的“新生”\n\n"
        "2019年04月11日 16:05 来源:某某网 参与互动(0)\n\n"
        f"  某某社上海4月11日电 题:老码头的“新生”\n\n  某某社记者 周明\n\n  {LEAD}\n\n{MORE}"
    )
    assert parse_text(page)[0].title == "城市漫步:老码头的“新生”"


def test_spaced_toolbar_labels_under_a_path_leave_the_headline_above_it():
    page = (
        f"老小区迎来了新的变化\n\n某某网>>新闻频道>>图片新闻\n\n时 间\n/\n分 享\n\n{LEAD}\n\n{MORE}"
    )
    assert parse_text(page)[0].title == "老小区迎来了新的变化"


def test_names_set_apart_after_the_last_sentence_sign_the_text():
    page = f"社区服务中心再添新项目\n\n{LEAD}\n\n{MORE}活动将持续到月底。周小明 李大华\n"
    bylines = parse_text(page)[0].bylines
    assert [(b.name, b.role) for b in bylines] == [("周小明", "作者"), ("李大华", "作者")]


@pytest.mark.parametrize("words", ["上海 北京", "成为 关键"])
def test_words_set_apart_after_the_last_sentence_are_no_signature(words):
    assert parse_text(f"社区服务中心再添新项目\n\n{LEAD}\n\n{MORE} {words}\n")[0].bylines == ()


def test_a_counter_glued_to_a_fields_value_ends_it():
    line = "来自:某某日报作者:周楠浏览315次2013-07-22 14:30"
    info = PageInfo()
    assert read_meta(line, fold(line), info)
    assert (info.extra["source"], info.bylines) == ("某某日报", [ParsedByline("周楠", "作者")])


def test_numbered_headlines_each_over_prose_are_a_roundups_items_their_place_a_dateline():
    items = [("法治课走进中学", "周小明"), ("法律服务进社区", "李大华")]
    page = "区县快讯\n" + "".join(
        f"{number} {place}:{title}\n{LEAD}据介绍，活动持续一周。({name})\n"
        for number, place, (title, name) in zip("①②", ("嘉定", "闵行"), items, strict=True)
    )
    articles = parse_text(page)
    assert [(a.title, [b.name for b in a.bylines]) for a in articles] == [
        (title, [name]) for title, name in items
    ]


def test_numbered_captions_of_a_photo_page_stay_captions():
    page = f"春到田间\n\n{LEAD}\n\n① 农户在田间查看油菜长势。\n\n② 技术人员为农户讲解种植要点。\n\n{MORE}"
    articles = parse_text(page)
    assert len(articles) == 1 and len(articles[0].photos) == 2


def test_a_businessman_named_by_where_he_comes_from_is_titled_so():
    quotes = find_quotes(["港商陈华明看完展览后说：“这里的老建筑保护得真好。”"])
    assert [(quote.speaker, quote.title) for quote in quotes] == [("陈华明", "港商")]


def test_a_pronoun_stands_for_the_person_the_sentence_before_describes():
    paragraph = (
        "集市上摊位一早就摆满了。经营手工皂的林淑华是第一次来，她说生意比预想的好，下个月还要来。"
    )
    assert [quote.speaker for quote in find_quotes([paragraph])] == ["林淑华"]


def test_a_work_named_alone_in_title_marks_is_no_headline_over_the_one_above_metadata():
    page = f"某区举办“读书月”活动 |\n发布日期:11-04-23 10:02:13 来源: |\n《小书虫的一天》\n《小书虫的一天》\n{LEAD}\n{MORE}"
    assert parse_text(page)[0].title == "某区举办“读书月”活动"


def test_one_name_after_a_bullet_closing_the_text_signs_it():
    page = f"社区服务中心再添新项目\n\n{LEAD}\n\n{MORE}活动将持续到月底。 ■周小明\n"
    assert [(b.name, b.role) for b in parse_text(page)[0].bylines] == [("周小明", "作者")]


def test_a_branchs_crumbs_run_together_before_the_body_are_no_headline():
    page = f"某某网-上海新闻\n某某分社正文\n老码头迎来了新的生活\n2022年11月02日 10:15 来源:某某网\n{LEAD}\n{MORE}"
    _assert_read(page, "老码头迎来了新的生活", "2022-11-02")


def test_a_headline_reporting_what_a_reporter_says_is_no_credit_field():
    headline = "记者:主场球迷占了多数,用冠军告别老球场最为完美"
    page = f"{headline}\n- 发布于:2024-03-02 09:00:33\n- 来源:某某直播\n\n{LEAD}\n\n{MORE}"
    article = parse_text(page)[0]
    assert (article.title, article.published_on) == (headline, "2024-03-02")
