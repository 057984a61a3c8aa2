"""Headlines by evidence and stories kept whole: invented pages of each printed pattern."""

from io import StringIO

import pytest
from django.core.management import call_command

from archive.ingest.parser import parse_text
from archive.ingest.titles import clean_title
from archive.models import Article
from archive.services.reports import Missing, article_missing

LEAD = "清晨六点，桂林路菜场的摊主们已经摆好了新鲜的蔬菜，附近居民陆续前来采购。"
MORE = "菜场负责人介绍，改造后的菜场增加了二十个摊位，还设置了便民服务点。"
BODY = f"{LEAD}\n\n{MORE}"


def one(text: str):
    (article,) = parse_text(text)
    return article


# A page without a headline gets none --------------------------------------------------------


def test_page_without_a_headline_gets_an_empty_title_not_its_first_sentence():
    article = one(BODY)
    assert article.title == ""
    assert article.body.splitlines() == [LEAD, MORE]


def test_page_opening_with_a_byline_and_no_headline_gets_no_title():
    article = one(f"□见习记者 罗小溪\n\n本报讯 {LEAD}\n\n{MORE}")
    assert article.title == ""
    assert [b.name for b in article.bylines] == ["罗小溪"]


def test_editors_note_label_is_no_title():
    article = one(f"编者按\n{LEAD}\n{MORE}")
    assert article.title == ""


def test_a_line_cut_at_the_end_of_the_copy_is_no_headline():
    article = one(f"{BODY}\n\n而这份坚持，也成为摊主们每天早起的最大动")
    assert article.title == ""
    assert article.body.endswith("最大动")


def test_article_without_a_headline_is_reported_as_missing_one():
    article = one(BODY)
    assert article_missing(article)[0] is Missing.HEADLINE
    assert Missing.HEADLINE.label == "标题"
    assert Missing.HEADLINE not in article_missing(one(f"菜场焕新迎客\n\n{BODY}"))


@pytest.mark.django_db
def test_import_stores_a_page_without_a_headline_untitled_and_says_so(tmp_path):
    (tmp_path / "a.txt").write_text(f"□见习记者 罗小溪\n\n{BODY}", encoding="utf-8")
    out = StringIO()
    call_command("import_articles", str(tmp_path), stdout=out, stderr=StringIO())
    assert (
        f"{tmp_path / 'a.txt'}: 《无标题》 未找到：标题、日期、报纸 (no headline," in out.getvalue()
    )
    assert "1 without a headline" in out.getvalue()
    (article,) = Article.objects.all()
    assert article.title == "" and str(article).startswith("无标题：清晨六点，桂林路菜场")


# What a copy adds around a title --------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        ("今日热讯:老菜场变身社区客厅", "老菜场变身社区客厅"),
        ("环球快讯:桂林路菜场焕新迎客", "桂林路菜场焕新迎客"),
        ("2024-03-05 桂林路菜场焕新迎客", "桂林路菜场焕新迎客"),
        ("桂林路菜场焕新迎客 发布时间:2024年03月05日", "桂林路菜场焕新迎客"),
        ("桂林路菜场焕新迎客_晨光网", "桂林路菜场焕新迎客"),
        ("桂林路菜场焕新迎客 - 晨光新闻", "桂林路菜场焕新迎客"),
        ("其实有你|老菜场的故事", "其实有你|老菜场的故事"),
        # a paper's or a speaker's name before a colon belongs to the title
        ("晨光报:桂林路菜场焕新迎客", "晨光报:桂林路菜场焕新迎客"),
        ("区长:菜场要办成社区客厅", "区长:菜场要办成社区客厅"),
    ],
)
def test_a_feed_label_a_date_or_a_time_stamp_is_cut_from_the_title(printed, title):
    assert clean_title(printed) == title


def test_time_stamp_glued_to_the_headline_line_gives_the_date():
    article = one(f"桂林路菜场焕新迎客 发布时间:2024年03月05日\n\n{BODY}")
    assert (article.title, article.published_on) == ("桂林路菜场焕新迎客", "2024-03-05")


def test_source_and_time_glued_to_the_headline_line_are_read_as_metadata():
    article = one(f"桂林路菜场焕新迎客 来源:晨光网 发布时间:2024-03-05 10:20\n\n{BODY}")
    assert (article.title, article.publication, article.published_on) == (
        "桂林路菜场焕新迎客",
        "晨光网",
        "2024-03-05",
    )


def test_metadata_line_of_source_and_time_is_no_headline():
    article = one(f"菜场焕新迎客\n\n来源:晨光网 发布时间:2024-03-05 10:20\n\n{BODY}")
    assert (article.title, article.publication) == ("菜场焕新迎客", "晨光网")
    assert "来源" not in article.body


def test_agency_dateline_with_the_headline_after_its_title_mark():
    article = one(f"晨光社南湖3月5日电 题:老菜场如何变身社区客厅?\n\n{BODY}")
    assert article.title == "老菜场如何变身社区客厅?"
    assert "题:" not in article.body


def test_first_line_of_a_copy_is_its_headline_even_long_and_exclaiming():
    headline = "买菜更方便了!桂林路菜场焕新迎客,二十个新摊位今天开张,居民点赞"
    article = one(f"{headline}\n{LEAD}{MORE}")
    assert article.title == headline


def test_generic_last_crumb_is_no_title_hint():
    article = one(f"晨光首页 > 晨光号 > 正文 申请入驻\n\n菜场焕新迎客\n\n{BODY}")
    assert article.title == "菜场焕新迎客"


def test_line_under_the_sites_breadcrumb_is_the_headline_and_what_is_above_it_chrome():
    headline = "你好邻居!老菜场变身社区客厅"
    text = f"晨光生活网 首页\n频道首页 > 社区 > 正文\n\n{headline}\n\n0\n分享至\n\n{BODY}"
    article = one(text)
    assert article.title == headline
    assert article.body.splitlines() == [LEAD, MORE]


def test_headline_under_the_breadcrumb_is_cut_from_the_text_it_is_glued_to():
    headline = "老菜场变身社区客厅"
    text = f"晨光首页 > 社区 > 正文\n\n{headline}\n\n{headline}{LEAD}\n\n{MORE}"
    article = one(text)
    assert article.title == headline
    assert article.body.splitlines() == [LEAD, MORE]


# Evidence between the lines of a headline block ------------------------------------------------


def test_line_the_page_lists_as_kicker_is_the_kicker_and_the_next_line_the_title():
    text = (
        "本版列表新闻\n南湖街道为独居老人送温暖~~~\n南湖街道为独居老人送温暖~~~\n\n"
        f"南湖街道为独居老人送温暖\n寒潮来袭 暖流涌动\n\n{BODY}"
    )
    article = one(text)
    assert (article.kicker, article.title) == ("南湖街道为独居老人送温暖", "寒潮来袭 暖流涌动")


def test_row_of_the_pages_headlines_is_its_list_and_names_the_title():
    row = "城市阅读节开幕 桂林路菜场焕新迎客 南湖公园樱花盛开"
    article = one(f"{row}\n\n桂林路菜场焕新迎客\n\n{BODY}")
    assert article.title == "桂林路菜场焕新迎客"
    assert row not in article.body


def test_line_after_a_picture_under_the_headline_is_its_caption_not_a_subtitle():
    article = one(f"菜场焕新迎客\n\n\n\n\n改造后的桂林路菜场\n\n{BODY}")
    assert (article.title, article.subtitle) == ("菜场焕新迎客", None)
    assert article.body.startswith("改造后的桂林路菜场")


def test_a_credit_line_in_the_headline_block_is_not_the_title():
    article = one(f"(城市观察)老菜场变身社区客厅\n\n晨光社记者 罗小溪\n\n{BODY}")
    assert article.title == "(城市观察)老菜场变身社区客厅"


def test_authors_title_line_over_a_signature_is_not_the_headline():
    text = f"守好一方菜篮子丨驻村手记\n\n南湖镇桂林村驻村指导员\n\n——罗小溪\n\n{BODY}"
    article = one(text)
    assert article.title == "守好一方菜篮子丨驻村手记"


# One story is never split ----------------------------------------------------------------------


def test_two_subheads_inside_a_story_do_not_open_a_second_article():
    text = f"菜场焕新迎客\n\n{LEAD}\n\n摊位多起来\n服务更贴心\n\n{MORE}"
    article = one(text)
    assert article.title == "菜场焕新迎客"
    assert article.body.splitlines() == [LEAD, "摊位多起来", "服务更贴心", MORE]


def test_image_placeholders_and_captions_do_not_split_a_story():
    text = f"菜场焕新迎客\n\n{LEAD}\n\n![](https://img.example/a.jpg)\n菜场新貌\n\n{MORE}"
    article = one(text)
    assert article.title == "菜场焕新迎客"
    assert "![]" not in article.body and article.body.endswith(MORE)


def test_speakers_name_and_title_line_before_the_words_does_not_open_an_article():
    text = f"菜场焕新迎客\n\n{LEAD}\n\n罗小溪(桂林路菜场摊主)\n\n“改造以后,年轻人也来买菜了。”\n\n{MORE}"
    article = one(text)
    assert article.title == "菜场焕新迎客"
    assert article.body.endswith(MORE)


def test_numbered_section_mark_does_not_open_an_article():
    text = f"菜场焕新迎客\n\n{LEAD}\n\n#1\n\n摊位多起来\n\n{MORE}"
    assert one(text).title == "菜场焕新迎客"


def test_column_tag_shaped_subhead_and_a_section_deck_stay_in_the_story():
    text = (
        f"菜场焕新迎客\n\n{LEAD}\n\n民生·一篮好菜\n\n{MORE}\n\n服务更近\n"
        f"——南湖街道把便民服务点搬进菜场,老人少跑路,年轻人也常来\n\n{LEAD}"
    )
    assert one(text).title == "菜场焕新迎客"


def test_quotation_running_on_to_the_next_line_is_text_not_a_subhead():
    text = f"菜场焕新迎客\n\n{LEAD}\n\n“我早就盼着这一天了!\n\n摊主老罗笑着说。\n\n{MORE}"
    article = one(text)
    assert article.title == "菜场焕新迎客"
    assert article.sections == ()
    assert "“我早就盼着这一天了!" in article.body.splitlines()


def test_sentence_ending_on_a_dash_is_no_kicker_of_a_new_article():
    text = f"菜场焕新迎客\n\n{LEAD}\n\n改造有两个难处。一是摊主的顾虑,二是老人的习惯——\n\n{MORE}"
    assert one(text).title == "菜场焕新迎客"


# Page furniture is never an article nor a title -------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "南湖日报社主管主办 南湖法治报社出版\n地址:南湖区桂林路1号\n南湖法治报\n视频号",
        "本网仅提供技术服务支持\n晨光报\n微信公众号",
    ],
)
def test_footer_after_the_story_is_furniture(furniture):
    article = one(f"菜场焕新迎客\n\n{BODY}\n{furniture}")
    assert article.body.splitlines() == [LEAD, MORE]


def test_a_list_of_ordinary_words_is_no_keyword_spam():
    listing = "成人教育、福利院、三级医院、黄色预警、激情广场"
    article = one(f"菜场焕新迎客\n\n{LEAD}\n\n{listing}\n\n{MORE}")
    assert listing in article.body


def test_a_storys_own_address_and_organiser_lines_are_kept():
    text = f"樱花节开幕\n\n{LEAD}\n\n主办单位:南湖区文化局\n活动地址:南湖公园东门\n\n{MORE}"
    article = one(text)
    assert "主办单位:南湖区文化局" in article.body and "活动地址:南湖公园东门" in article.body


@pytest.mark.parametrize(
    "chrome",
    [
        "专栏名称: 晨光法治",
        "由 罗小溪 发布于 综合",
        "晨光上海> 综合",
        "本文字数:1234",
        "放大图片",
        "0",
        "1/8",
        "| | |",
        "🔁🔛👍",
        "2024-03-05 晨光",
        "晨光报 2024年03月05日",
        "日韩无码,激情色播,成人A片,精品久久,免费福利",
    ],
)
def test_page_furniture_is_neither_the_title_nor_text(chrome):
    article = one(f"{chrome}\n\n菜场焕新迎客\n\n{BODY}")
    assert article.title == "菜场焕新迎客"
    assert article.body.splitlines() == [LEAD, MORE]


def test_headline_the_page_lists_opens_a_second_story_even_without_a_byline():
    text = (
        f"本版列表新闻\n菜场焕新迎客\n南湖樱花节开幕\n\n菜场焕新迎客\n\n{LEAD}\n\n"
        f"南湖樱花节开幕\n\n南湖公园的樱花节今天开幕，游客可以免费入园赏花。"
    )
    first, second = parse_text(text)
    assert (first.title, second.title) == ("菜场焕新迎客", "南湖樱花节开幕")


@pytest.mark.parametrize(
    "line",
    ["打开某某新闻 查看精彩图片", "date 2025-03-02 社会中心/综合报导", "阅读全文"],
)
def test_a_page_stamp_or_an_instruction_to_the_reader_is_never_a_title(line):
    page = (
        f"{line}\n\n昨天，社区举办了读书会，居民们踊跃参加。活动持续了两个小时，大家交流了心得。\n"
    )
    (article,) = parse_text(page)
    assert article.title == ""


def test_a_row_listing_the_pages_headlines_is_no_title_and_names_the_one_printed_again():
    page = (
        "要闻速览 市场保供 春运开启首日 出行人数几何? 社区 防疫 一线 老街明天重新开放\n"
        "上午，记者在老街看到工人正在收尾\n\n老街明天重新开放\n\n"
        "昨天，记者在老街看到，工人正在做最后的收尾工作，商铺陆续回迁。\n"
    )
    (article,) = parse_text(page)
    assert article.title == "老街明天重新开放"


def test_names_printed_in_a_row_and_one_again_alone_are_no_list_of_headlines():
    page = "老街明天重新开放\n\n王小川 李青禾 赵一鸣\n\n工人正在做最后的收尾工作，商铺陆续回迁。\n\n——赵一鸣\n"
    (article,) = parse_text(page)
    assert "王小川" in article.body or any(b.name == "王小川" for b in article.bylines)


def test_a_line_printed_twice_inside_the_story_is_a_caption_not_a_new_article():
    page = (
        "老街今天重新开放\n\n老街今天重新开放\n\n"
        "现场，记者看到许多居民走进老街，有的人拿着手机拍照留念。\n\n"
        "七旬老人在老街口留影\n\n七旬老人在老街口留影\n\n"
        "72岁的王小川是最早来到老街的居民之一，他说：“终于又能逛老街了。”\n"
    )
    (article,) = parse_text(page)
    assert article.title == "老街今天重新开放"
    assert article.body.count("七旬老人在老街口留影") == 1


def test_a_series_label_ending_on_its_number_stays_apart_from_the_title():
    page = "系列报道3\n\n他乡成故乡\n\n本报记者 王小川\n\n社区食堂昨天开张，居民们排起了长队。\n"
    (article,) = parse_text(page)
    assert article.title == "他乡成故乡"


@pytest.mark.parametrize("line", ["0次浏览", "1.2万阅读", "356人观看"])
def test_a_count_of_views_is_page_furniture(line):
    page = f"{line}\n\n社区食堂开张\n\n社区食堂昨天开张，居民们排起了长队。\n"
    (article,) = parse_text(page)
    assert article.title == "社区食堂开张" and line not in article.body


@pytest.mark.parametrize(
    "line",
    [
        "晨光网 登录",
        "ADVERTISEMENT",
        "我知道了",
        "本篇文章1043字,读完约3分钟",
        "晨光晚报视频出品",
        "晨光报网",
    ],
)
def test_a_sites_buttons_labels_reading_time_and_name_are_never_the_title(line):
    page = f"{line}\n\n社区食堂开张\n\n社区食堂昨天开张，居民们排起了长队。\n"
    (article,) = parse_text(page)
    assert article.title == "社区食堂开张"


def test_a_first_line_ending_on_a_colon_over_a_headline_is_its_first_half():
    text = "渔村摆渡人周阿根：\n\n渡口要留着 船票别涨价\n\n■本报记者 吴一鸣\n\n" + BODY
    (article,) = parse_text(text)
    assert article.title == "渔村摆渡人周阿根：渡口要留着 船票别涨价"
    assert [byline.name for byline in article.bylines] == ["吴一鸣"]


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # a site's menu of short items, and an account's name printed twice, are chrome
        ("• 报 刊 / 画 册 / 晨光日报 / 晨光晚报\n\n梧桐里的新邻居", "梧桐里的新邻居"),
        ("某某发布 某某发布", ""),
        # a column printed with a bar is part of the headline as printed
        ("城市看点|老街区迎来新面貌", "城市看点|老街区迎来新面貌"),
        # an app's name ends a headline; a prompt to download one is chrome
        ("东湖推出“东湖通”APP\n\n本报记者 吴一鸣", "东湖推出“东湖通”APP"),
        # the copying site's name in brackets, or among its toolbar words, is not the headline
        ("【晨光新闻】老街迎来新面貌", "老街迎来新面貌"),
        ("晨光网 首页\n\n老街迎来新面貌", "老街迎来新面貌"),
    ],
)
def test_what_a_copy_prints_around_a_headline_is_not_the_headline(head, title):
    (article,) = parse_text(f"{head}\n\n{BODY}")
    assert article.title == title


def test_names_heading_parts_of_a_story_are_not_its_writers():
    text = (
        "三代人的老街\n\n本报记者 吴一鸣\n\n" + BODY + "\n\n周大山\n\n他是老街上年纪最大的居民。\n"
    )
    (article,) = parse_text(text)
    assert [byline.name for byline in article.bylines] == ["吴一鸣"]


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # a caption closed by the layout's bar loses to the headline above it
        (
            "[晨光晚报]山城姑娘十年教会三百位老人用手机[图]\n\n她在社区活动室给老人上课 |",
            "山城姑娘十年教会三百位老人用手机",
        ),
        # a site's name alone loses to a headline and subtitle printed on one line
        (
            "晴空旅行信息站\n\n五年扎根路，山海结深情——驻村干部完成任务回城",
            "五年扎根路，山海结深情——驻村干部完成任务回城",
        ),
    ],
)
def test_a_headline_wins_over_a_caption_or_a_sites_name_beside_it(head, title):
    (article,) = parse_text(f"{head}\n\n{BODY}")
    assert article.title == title


def test_a_buttons_word_spaced_out_in_brackets_is_chrome():
    (article,) = parse_text("】【关 闭】\n\n老弄堂里的书店\n\n" + BODY)
    assert article.title == "老弄堂里的书店"


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("电子报阅读机\n\n星期五\n\n社区里的反诈课", "社区里的反诈课"),
        ("社区里的反诈课~~~", "社区里的反诈课"),
        ("晨光新闻网-上海新闻\n\n社区里的反诈课", "社区里的反诈课"),
    ],
)
def test_a_reader_blocks_weekday_a_lists_marks_and_a_sites_section_are_not_the_headline(
    head, title
):
    (article,) = parse_text(f"{head}\n\n{BODY}")
    assert article.title == title


def test_a_toggle_of_two_words_echoing_nothing_of_the_story_loses_to_its_headline():
    (article,) = parse_text(
        "无障碍 关怀版\n\n滨江步道全线贯通 市民一路走到江边\n\n"
        "本报讯 (记者 周明) 昨天，杨浦区滨江步道全线贯通，市民可以沿着步道一路走到江边。\n"
    )
    assert article.title == "滨江步道全线贯通 市民一路走到江边"


def test_an_editors_note_label_heads_no_story():
    (article,) = parse_text(
        "按语\n\n本报记者 周明\n\n二〇一九年，某某街道的居民开始自己管理小区的花园，"
        "如今花园里种满了月季。\n"
    )
    assert article.title == ""


def test_a_time_alone_over_a_story_is_when_not_its_headline():
    (article,) = parse_text(
        "20时\n\n昨天，杨浦区滨江步道全线贯通，市民可以沿着步道一路走到江边。周明说：“太方便了。”\n"
    )
    assert article.title == ""


# A repost's note of the headline it was first printed under -----------------------------------


@pytest.mark.parametrize("note", ["原标题：桂林路菜场换新颜", "原题:《桂林路菜场换新颜》"])
def test_an_original_title_line_is_kept_as_such_never_as_a_kicker(note):
    article = one(f"{note}\n菜场改造完工 摊位增加二十个\n2025-04-01 09:12 来源：某某晚报\n{BODY}")
    assert article.title == "菜场改造完工 摊位增加二十个"
    assert article.original_title == "桂林路菜场换新颜"
    assert not article.kicker


def test_an_original_title_line_under_the_body_names_the_first_headline():
    article = one(f"菜场改造完工 摊位增加二十个\n{BODY}\n原标题：桂林路菜场换新颜\n")
    assert article.original_title == "桂林路菜场换新颜"
    assert "原标题" not in article.body


def test_an_indented_body_under_a_dated_head_is_no_three_line_crawl_head():
    text = f"菜场改造完工\n2025-04-01 来源：某某晚报\n作者：程立\n\u3000\u3000{LEAD}\n"
    article = one(text)
    assert article.title == "菜场改造完工"
    assert not article.subtitle and not article.kicker


def test_share_buttons_and_links_to_the_next_story_are_page_furniture():
    page = (
        "菜场改造完工\n2025-04-01 来源：某某晚报\n分享到：\n微信 微博 QQ空间\n"
        f"{BODY}\n上一篇：区领导调研防汛工作\n下一篇：社区学校开学\n"
    )
    article = one(page)
    assert article.title == "菜场改造完工"
    assert not article.subtitle
    assert article.body == f"{LEAD}\n{MORE}"


def test_an_image_file_name_an_audio_player_and_a_page_date_label_are_no_headline():
    page = f" date 2025-04-01 听新闻\n0:00 / 0:00\n\n菜场改造完工\n\n老街.jpg\n{BODY}\n"
    article = one(page)
    assert article.title == "菜场改造完工"
    assert article.published_on == "2025-04-01"
    assert article.body == f"{LEAD}\n{MORE}"


def test_a_headline_printed_above_the_site_path_and_none_below_it_is_kept():
    page = (
        "联系我们:021-12345678\n\n菜场改造完工，摊位还够吗？\n\n新闻中心 > 社会 > 上海\n\n"
        f"2022-07-29 17:43 来源: 某某日报\n【字体:\n{BODY}\n"
    )
    assert one(page).title == "菜场改造完工，摊位还够吗？"


def test_the_site_header_above_its_path_stays_out_when_the_headline_is_below_it():
    page = f"某某新闻网\n首页 新闻 体育\n新闻中心 > 社会 > 上海\n菜场改造完工\n2022-07-29 来源: 某某日报\n{BODY}\n"
    assert one(page).title == "菜场改造完工"


def test_a_notice_that_the_browser_is_too_old_is_page_furniture():
    assert one(f"您的浏览器版本过低，请升级浏览器\n菜场改造完工\n{BODY}").title == "菜场改造完工"


def test_a_headline_of_two_short_questions_is_a_headline():
    page = f"A04:2015年夏令热线\n是绿化带？是堆场？\n程立\n{BODY}\n"
    article = one(page)
    assert article.title == "是绿化带？是堆场？"
    assert article.page == "A04"


def test_a_bracketed_series_tag_or_editors_note_alone_is_no_headline():
    assert one(f"【在这片土地上⑱】\n{BODY}").title == ""
    assert one(f"【编者按】\n{BODY}").title == ""


def test_table_borders_after_a_headline_and_a_sites_own_links_are_not_printed_in_it():
    page = f"某某报手机版\n某某在线版权与免责声明\n菜场改造完工 | ||\n---|---|---|\n{BODY}\n"
    assert one(page).title == "菜场改造完工"


def test_an_author_field_printing_roles_keeps_them_and_names_no_role():
    article = one(f"菜场改造完工\n作者:本报记者 程立 苏晓\n{BODY}")
    assert [(b.name, b.role) for b in article.bylines] == [("程立", "记者"), ("苏晓", "记者")]


@pytest.mark.parametrize(
    "furniture",
    ["某某干部报网", "9月21日", "05-28 新闻", "其他", "- +1", "Board logo", "1859次查看"],
)
def test_a_sites_name_a_date_alone_a_sections_name_and_counters_are_no_headline(furniture):
    assert one(f"{furniture}\n{BODY}").title == ""  # the page prints no headline
    assert one(f"{furniture}\n菜场改造完工\n{BODY}").title == "菜场改造完工"
