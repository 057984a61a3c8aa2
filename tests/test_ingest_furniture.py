"""Page furniture and what a copy prints around a headline: never a title, an article or a
credit. Every line here is invented."""

import pytest

from archive.ingest.parser import parse_text
from archive.ingest.titles import clean_title

LEAD = "昨天上午，某街道的社区服务中心里坐满了前来咨询的居民，工作人员逐一登记。"
MORE = "据介绍，服务中心今年新增了十二项便民服务，覆盖辖区内的所有小区。"


def test_a_pages_list_marked_with_tildes_is_furniture_even_repeated_without_its_heading():
    item = "~~~● 车位错峰共享 ● 夜间开放车库\n● 居民满意\n\n"
    page = f"本版列表新闻\n{item * 3}小区停车难有了新办法\n\n{LEAD}\n{MORE}"
    articles = parse_text(page)
    assert [article.title for article in articles] == ["小区停车难有了新办法"]


@pytest.mark.parametrize(
    "prompt", ["调查问题加载中,请稍候。", "若长时间无响应,请刷新本页面", "网页正在加载"]
)
def test_a_pages_word_to_its_reader_about_loading_is_furniture(prompt):
    articles = parse_text(f"{prompt}\n\n小区停车难有了新办法\n\n{LEAD}\n{MORE}")
    assert [article.title for article in articles] == ["小区停车难有了新办法"]
    assert prompt not in articles[0].body


@pytest.mark.parametrize("mark", ["• ", "● ", "■"])
def test_a_list_mark_before_a_copys_headline_is_not_part_of_it(mark):
    assert clean_title(f"{mark}菜场改造后摊位增加二十个") == "菜场改造后摊位增加二十个"


def test_an_original_title_note_longer_than_a_headline_gives_its_last_part():
    kicker = "前天夜里，本报记者在某派出所记录了民警们从傍晚到清晨的一夜工作"
    page = f"原标题:{kicker} 一年百个夜班，守夜人守护一方平安\n\n{LEAD}\n{MORE}"
    assert parse_text(page)[0].title == "一年百个夜班，守夜人守护一方平安"


def test_a_short_original_title_note_with_a_space_stays_whole():
    page = f"原标题:菜场改造 摊位增加二十个\n\n{LEAD}\n{MORE}"
    assert parse_text(page)[0].title == "菜场改造 摊位增加二十个"


def test_a_bracketed_label_under_a_headline_is_not_the_headline():
    page = f"城市更新怎样留住烟火气\n\n【对话嘉宾】\n\n{LEAD}\n{MORE}"
    assert parse_text(page)[0].title == "城市更新怎样留住烟火气"


def test_a_dialogs_message_above_its_button_is_furniture_and_a_padded_page_number_too():
    page = (
        "这已经是最后一期了哦!\n\n我知道了\n\n2020年06月02日\n\n上一期 下一期\n02:要闻\n\n"
        f"小区停车难有了新办法\n\n{LEAD}\n{MORE}"
    )
    (article,) = parse_text(page)
    assert article.title == "小区停车难有了新办法"
    assert article.page == "2"
    assert not article.subtitle and not article.kicker


def test_a_long_exclaiming_headline_over_a_credit_is_the_headline():
    page = (
        "城市论坛明天登场！　副市长透露此行将有三个“新亮点”\n\n记者周明／上海报导\n\n"
        f"{LEAD}\n\n{MORE}"
    )
    (article,) = parse_text(page)
    assert article.title == "城市论坛明天登场！ 副市长透露此行将有三个“新亮点”"
    assert [byline.name for byline in article.bylines] == ["周明"]
    assert article.body.startswith(LEAD)


def test_a_long_deck_over_the_credit_stays_under_the_headline():
    page = (
        "老街换新颜\n\n三年改造后，这条百年老街的店铺重新开张，居民们又回到了熟悉的街角\n\n"
        f"记者周明\n\n{LEAD}\n\n{MORE}"
    )
    (article,) = parse_text(page)
    assert article.title == "老街换新颜"


@pytest.mark.parametrize("paper", ["新民晚报", "某某日报", "某区时报"])
def test_a_papers_name_alone_under_the_headline_is_not_the_headline(paper):
    (article,) = parse_text(f"讣告面面观\n{paper}\n{LEAD}\n{MORE}")
    assert article.title == "讣告面面观"


def test_a_tables_rows_of_credits_are_read_as_fields_not_headlines():
    page = (
        f"某地警方破获盗窃案\n\n{LEAD}\n\n{MORE}\n\n"
        "| 编辑: | 施一娟 |\n| 视频编辑: | 冯家林 |\n| 责编: | 吴依娜 |\n"
    )
    (article,) = parse_text(page)
    assert article.title == "某地警方破获盗窃案"
    assert [(b.name, b.role) for b in article.bylines] == [
        ("施一娟", "编辑"),
        ("冯家林", "编辑"),
        ("吴依娜", "编辑"),
    ]


@pytest.mark.parametrize("address", ["tujian.example.org", "www.example.com.cn"])
def test_a_sites_address_alone_is_no_headline(address):
    (article,) = parse_text(f"{address}\n\n小区停车难有了新办法\n\n{LEAD}\n{MORE}")
    assert article.title == "小区停车难有了新办法"
    assert article.kicker is None
