"""The pure parser: small examples of each printed pattern, then the seed pages. No database."""

import pytest

from archive.ingest.bylines import parse_byline_line, split_names, take_dateline, take_trailing
from archive.ingest.gazetteer import find_districts
from archive.ingest.parser import Defaults, parse_bytes, parse_text
from archive.ingest.photos import inline_photos, parse_credit, split_caption
from archive.ingest.quotes import find_quotes
from archive.ingest.text import decode
from archive.ingest.types import IngestError

BODY = "这是正文第一段，讲述了社区里发生的事情。\n\n这是正文第二段，居民们都很满意。"


def names_roles(bylines):
    return [(byline.name, byline.role) for byline in bylines]


def speakers(quotes):
    return [(quote.speaker, quote.title) for quote in quotes]


# Bylines -------------------------------------------------------------------------------------


def test_byline_with_three_reporters_keeps_their_order():
    assert names_roles(parse_byline_line("■本报记者 陆益峰 祝越 王宛芝")) == [
        ("陆益峰", "记者"),
        ("祝越", "记者"),
        ("王宛芝", "记者"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("■记者 郑明", [("郑明", "记者")]),
        ("□通讯员 韩梅", [("韩梅", "通讯员")]),
        ("记者 孙立 通讯员 钱多多", [("孙立", "记者"), ("钱多多", "通讯员")]),
        ("首席记者 欧阳晓明", [("欧阳晓明", "记者")]),
        ("许文 图/文", [("许文", "记者"), ("许文", "摄影")]),
        ("来源:新民晚报 记者:高峰 编辑:白雪", [("高峰", "记者"), ("白雪", "编辑")]),
        ("■实习生 严宁", [("严宁", "实习生")]),
    ],
)
def test_byline_lines_in_their_printed_forms(line, expected):
    assert names_roles(parse_byline_line(line)) == expected


@pytest.mark.parametrize("padding", ["  ", "\u3000", "\u00a0"])
def test_names_padded_inside_with_spaces_are_joined(padding):
    assert split_names(f"刘{padding}峰 王{padding}芳") == ["刘峰", "王芳"]


def test_summary_bullet_is_not_a_byline():
    assert parse_byline_line("■伟大建党精神是中国共产党的精神之源，踏上新的赶考之路") is None
    assert parse_byline_line("■要继续优化完善党组织领导的城乡基层社会治理体系") is None


@pytest.mark.parametrize(
    ("paragraph", "bylines", "rest"),
    [
        (
            "本报讯(记者 方圆 李想)昨天，会议召开。",
            [("方圆", "记者"), ("李想", "记者")],
            "本报讯 昨天，会议召开。",
        ),
        (
            "新民晚报讯(记者 金晶 通讯员 马力)昨天。",
            [("金晶", "记者"), ("马力", "通讯员")],
            "新民晚报讯 昨天。",
        ),
        ("本报上海10月13日电 (记者吴凡)今天。", [("吴凡", "记者")], "本报上海10月13日电 今天。"),
        ("(记者林海、顾青)今天开幕。", [("林海", "记者"), ("顾青", "记者")], "今天开幕。"),
    ],
)
def test_dateline_bylines_are_taken_from_the_first_paragraph(paragraph, bylines, rest):
    found, remainder = take_dateline(paragraph)
    assert names_roles(found) == bylines
    assert remainder == rest


@pytest.mark.parametrize(
    ("paragraph", "bylines"),
    [
        ("(本报记者 徐晶整理)", [("徐晶", "整理")]),
        ("全文完。(综合本报记者方圆、李想报道)", [("方圆", "记者"), ("李想", "记者")]),
        ("(据新华社电 记者卢山)", [("卢山", "记者")]),
    ],
)
def test_bylines_at_the_end_of_a_paragraph(paragraph, bylines):
    assert names_roles(take_trailing(paragraph)[0]) == bylines


def test_byline_at_the_end_of_the_body_belongs_to_that_article():
    text = "两会召开\n\n本报讯 会议昨天召开，代表们认真审议。\n\n■记者 毛信 成佳\n\n另一条新闻标题\n\n■记者 杨梅\n\n本报讯 另一件事发生了。"
    first, second = parse_text(text)
    assert first.title == "两会召开"
    assert names_roles(first.bylines) == [("毛信", "记者"), ("成佳", "记者")]
    assert second.title == "另一条新闻标题"
    assert names_roles(second.bylines) == [("杨梅", "记者")]


# Photos --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credit", "photographer", "source"),
    [
        ("本报记者 张伊辰摄", "张伊辰", "staff"),
        ("青年报资料图 记者 冷梅 摄", "冷梅", "archive"),
        ("(受访者供图)", None, "interviewee"),
        ("来源/采访对象供图", None, "interviewee"),
        ("施文 摄", "施文", "unknown"),
        ("本报记者 王平文 赵刚摄", "赵刚", "staff"),
        ("新华社发", None, "agency"),
        ("陆杰摄(影像中国)", "陆杰", "agency"),
    ],
)
def test_credits_name_the_photographer_and_the_source(credit, photographer, source):
    photo = parse_credit(credit)
    assert (photo.photographer, photo.source, photo.credit) == (photographer, source, credit)


def test_body_sentence_is_not_a_credit():
    assert parse_credit("这是一段正文，他们拍摄了很多照片。") is None
    assert split_caption("他说我们要去拍摄") is None


def test_caption_and_credit_on_one_line():
    photo = split_caption("中共一大纪念馆已成为生动课堂。 本报记者 袁婧摄")
    assert (photo.caption, photo.credit, photo.photographer) == (
        "中共一大纪念馆已成为生动课堂。",
        "本报记者 袁婧摄",
        "袁婧",
    )


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("居民在新修的步道上散步 周明 摄", "居民在新修的步道上散步", "周明 摄"),
        ("江边的清晨 王小明摄", "江边的清晨", "王小明摄"),
        ("本报记者 林青 实习生 周明 摄", "", "本报记者 林青 实习生 周明 摄"),
        ("晨光报资料图 记者 林青 摄", "", "晨光报资料图 记者 林青 摄"),
    ],
)
def test_a_caption_without_a_full_stop_before_its_photographer_is_the_caption(
    line, caption, credit
):
    """Not folded into the credit (the gallery then showed the photo as uncaptioned)."""
    photo = parse_credit(line)
    assert (photo.caption, photo.credit) == (caption, credit)


def test_caption_and_credit_on_two_lines_become_one_photo():
    text = f"标题在此\n\n{BODY}\n\n\n\n市民在滨江步道散步。\n\n本报记者 叶辰亮摄"
    (article,) = parse_text(text)
    assert [(p.caption, p.photographer) for p in article.photos] == [
        ("市民在滨江步道散步。", "叶辰亮")
    ]
    assert "市民在滨江步道散步" not in article.body


def test_photo_references_inside_the_body():
    photos, text = inline_photos(
        "游客在公园赏花(见右图/张三摄)。夜景很美(见上图,新华社记者李四 摄)。"
    )
    assert [(p.photographer, p.source) for p in photos] == [("张三", "unknown"), ("李四", "agency")]
    assert text == "游客在公园赏花。夜景很美。"


def test_numbered_captions_share_the_credit_line_below():
    text = f"城市新景\n\n{BODY}\n\n①外滩夜景。\n\n②陆家嘴的清晨。\n\n陆杰摄(影像中国)"
    (article,) = parse_text(text)
    assert [(p.caption, p.photographer) for p in article.photos] == [
        ("①外滩夜景。", "陆杰"),
        ("②陆家嘴的清晨。", "陆杰"),
    ]


# Quoted speakers -----------------------------------------------------------------------------


def test_title_name_and_speech_verb():
    quotes = find_quotes(["市民政局局长蒋芸表示，将继续推进社区食堂建设。"])
    assert speakers(quotes) == [("蒋芸", "市民政局局长")]
    assert quotes[0].text == "将继续推进社区食堂建设。"
    assert not quotes[0].direct


def test_quote_before_the_attribution():
    quotes = find_quotes(["“应急就是为了抢时间。”区城运中心科长李明说。"])
    assert speakers(quotes) == [("李明", "区城运中心科长")]
    assert (quotes[0].text, quotes[0].direct) == ("应急就是为了抢时间。", True)


def test_deputy_after_a_title_counts_without_a_verb():
    quotes = find_quotes(["团市委书记上官剑代表在会上发言，年轻干部应该施展抱负。"])
    assert speakers(quotes) == [("上官剑", "团市委书记")]


def test_title_with_quoted_and_bracketed_parts_is_kept_as_printed():
    quotes = find_quotes(
        ["上海市“一网统管”运营中心主任、中电科数字(集团)有限公司党委书记江涛代表说，要夯实底座。"]
    )
    assert speakers(quotes) == [
        ("江涛", "上海市“一网统管”运营中心主任、中电科数字(集团)有限公司党委书记")
    ]


def test_oral_account_heading_names_the_speaker():
    text = "口述实录\n\n加强执法\n\n王峥(市市场监管局办公室主任)\n\n我所在的办公室是新成立的部门。\n\n(本报记者 徐晶整理)"
    (article,) = parse_text(text)
    assert speakers(article.quotes) == [("王峥", "市市场监管局办公室主任")]
    assert names_roles(article.bylines) == [("徐晶", "整理")]


@pytest.mark.parametrize(
    "sentence",
    [
        "工作人员表示，系统运行正常。",
        "陈先生说，他很满意。",
        "一位居民告诉记者，这里变化很大。",
        "与会党代表纷纷表示，要奋勇前进。",
        "大家纷纷表示赞同。",
    ],
)
def test_unnamed_speakers_are_not_people(sentence):
    assert find_quotes([sentence]) == []


def test_compound_surname_and_transliterated_name():
    quotes = find_quotes(
        ["复旦大学教授欧阳明表示，要加强研究。", "公司总裁约翰·史密斯说，上海市场很重要。"]
    )
    assert speakers(quotes) == [("欧阳明", "复旦大学教授"), ("约翰·史密斯", "公司总裁")]


def test_later_mention_takes_the_title_printed_earlier():
    quotes = find_quotes(["区委书记赵刚表示，要抓落实。", "赵刚强调，要守底线。"])
    assert speakers(quotes) == [("赵刚", "区委书记"), ("赵刚", "区委书记")]


# Districts -----------------------------------------------------------------------------------


def district_names(text):
    return [(m.district, m.mentions, m.former_name) for m in find_districts(text)]


def test_full_and_short_district_names_count_as_mentions():
    assert district_names("杨浦区召开会议，杨浦将加快发展，浦东也在行动。") == [
        ("杨浦区", 2, None),
        ("浦东新区", 1, None),
    ]


def test_streets_towns_and_areas_map_to_their_district():
    assert district_names("五角场街道和殷行街道") == [("杨浦区", 2, None)]
    assert district_names("在徐家汇和陆家嘴，还有临港新片区") == [
        ("浦东新区", 2, None),
        ("徐汇区", 1, None),
    ]
    assert district_names("桃浦镇莲花公寓") == [("普陀区", 1, None)]


def test_former_districts_are_recorded_as_such():
    assert district_names("原闸北区的老厂房") == [("静安区", 1, "闸北区")]
    assert district_names("卢湾的弄堂") == [("黄浦区", 1, "卢湾")]


@pytest.mark.parametrize(
    "text",
    [
        "社区、园区、城区、全区都在行动，示范区也是。",
        "黄浦江两岸",
        "宝山路上的小店",
        "浙江舟山市普陀区",
        "普陀山的寺庙",
        "绿水青山就是金山银山",
    ],
)
def test_no_false_district_hits(text):
    assert find_districts(text) == []


def test_street_named_after_another_district_maps_to_its_own():
    assert district_names("宝山路街道的居民") == [("静安区", 1, None)]


# Headlines, sections and OCR clean-up ---------------------------------------------------------


def test_kicker_title_subtitle_and_column():
    text = (
        "城市更新·我们怎么干\n\n老城区焕发新活力——\n\n旧里改造跑出加速度\n\n——记一个街道的三年\n\n■记者 方圆\n\n"
        + BODY
    )
    (article,) = parse_text(text)
    assert (article.column, article.kicker, article.title, article.subtitle) == (
        "城市更新·我们怎么干",
        "老城区焕发新活力",
        "旧里改造跑出加速度",
        "记一个街道的三年",
    )


def test_markdown_marks_from_an_e_paper():
    text = (
        "## 上海各级机关推动落实——\n\n# 拿出实招硬招\n\n■本报记者 祝越\n\n"
        + BODY
        + "\n\n### 扎实干\n\n第三段正文。"
    )
    (article,) = parse_text(text)
    assert (article.kicker, article.title) == ("上海各级机关推动落实", "拿出实招硬招")
    assert article.sections == ("扎实干",)
    assert article.body.splitlines()[2] == "扎实干"


def test_section_heading_between_paragraphs_stays_in_the_same_article():
    text = f"大标题\n\n{BODY}\n\n走出实绩、联出实效\n\n后面的正文也很长。"
    (article,) = parse_text(text)
    assert article.sections == ("走出实绩、联出实效",)
    assert article.body.splitlines() == [
        *BODY.split("\n\n"),
        "走出实绩、联出实效",
        "后面的正文也很长。",
    ]


def test_original_title_note_is_the_only_title():
    text = BODY + "\n\n(原标题为《勇为尖兵，打开新天地——以新成效促发展》)"
    (article,) = parse_text(text)
    assert article.title == "勇为尖兵，打开新天地"
    assert article.subtitle == "以新成效促发展"
    assert article.original_title == "勇为尖兵，打开新天地——以新成效促发展"
    assert "原标题" not in article.body


def test_continued_from_page_marker_is_removed():
    text = "营造风清气正氛围\n\n(上接第1版)把工匠精神融入城市建设的每一处工程。\n\n第二段。"
    (article,) = parse_text(text)
    assert article.body.splitlines()[0] == "把工匠精神融入城市建设的每一处工程。"


def test_paragraph_split_by_a_page_break_is_joined():
    text = "标题\n\n越到基层越要强化“实”字。第二批\n\n主题教育在群众身边开展。\n\n这一行动也成为2022\n\n年的实事项目之一。"
    (article,) = parse_text(text)
    assert article.body.splitlines() == [
        "越到基层越要强化“实”字。第二批主题教育在群众身边开展。",
        "这一行动也成为2022年的实事项目之一。",
    ]


def test_duplicated_paragraph_between_the_halves_is_dropped_and_the_halves_joined():
    repeated = "这是一场新的跨越，更是一次新的出征，与会代表纷纷表示要勇毅前行。"
    text = f"标题\n\n{repeated}\n\n第二段说到方向。”中共\n\n{repeated}\n\n一大纪念馆宣传教育部主任杨宇代表表示，要创新。"
    (article,) = parse_text(text)
    assert article.body.splitlines() == [
        repeated,
        "第二段说到方向。”中共一大纪念馆宣传教育部主任杨宇代表表示，要创新。",
    ]
    assert speakers(article.quotes) == [("杨宇", "中共一大纪念馆宣传教育部主任")]


def test_headline_printed_after_its_body_goes_to_that_article():
    text = (
        "第一篇的标题\n\n■记者 甲乙\n\n第一篇正文讲城市治理。\n\n"
        "■本报记者 王宛艺\n\n超大城市治理需要科技绣花针，科技绣花针让治理更精细。\n\n"
        "科技绣花针 绘好治理工笔画\n\n代表热议「高效能治理」\n\n把建党精神融入党建全过程\n\n代表:要创造党建成果\n\n"
        "■本报记者 王嘉旖\n\n要把建党精神融入党建全过程，创造党建成果。"
    )
    _first, second, third = parse_text(text)
    assert (second.title, second.subtitle) == (
        "科技绣花针 绘好治理工笔画",
        "代表热议「高效能治理」",
    )
    assert names_roles(second.bylines) == [("王宛艺", "记者")]
    assert (third.title, third.subtitle) == ("把建党精神融入党建全过程", "代表:要创造党建成果")
    assert names_roles(third.bylines) == [("王嘉旖", "记者")]


def test_epaper_chrome_is_stripped_and_page_info_kept():
    text = (
        "上一版 下一版\n\n放大 缩小 默认\n\n第05版：要闻\n\n2022年10月13日 星期四\n\n标题\n\n"
        + BODY
    )
    (article,) = parse_text(text)
    assert (article.page, article.published_on) == ("5", "2022-10-13")
    assert "上一版" not in article.body and "放大" not in article.body


@pytest.mark.parametrize(
    ("header", "page"),
    [
        ("第五版：要闻", "5"),
        ("第十二版：社区", "12"),
        ("第B07版：体育", "B07"),
        ("第05版：要闻", "5"),
    ],
)
def test_a_page_number_printed_in_chinese_numerals_is_stored_as_digits(header, page):
    (article,) = parse_text(f"{header}\n\n标题\n\n" + BODY)
    assert article.page == page


def test_front_matter_overrides_the_defaults():
    text = "---\npublication: 杨浦时报\ndate: 2019-12-10\npage: 2\n---\n标题\n\n" + BODY
    (article,) = parse_text(
        text, defaults=Defaults(publication="解放日报", published_on="2020-01-01")
    )
    assert (article.publication, article.published_on, article.page) == (
        "杨浦时报",
        "2019-12-10",
        "2",
    )


@pytest.mark.parametrize(
    "date",
    # Years no newspaper was printed in are misreads too (found by the fuzz test: 0001/1/1).
    ["2022-02-30", "2022-13-01", "0000-01-01", "2022年2月29日", "昨天", "0001/1/1", "9999-12-31"],
)
def test_a_front_matter_date_that_is_no_day_is_a_warning_and_the_date_stays_unknown(date):
    (article,) = parse_text(f"---\ndate: {date}\n---\n标题\n\n" + BODY)
    assert article.published_on is None
    assert len(article.warnings) == 1 and date in article.warnings[0]
    assert article.body == BODY.replace("\n\n", "\n")


def test_a_page_line_date_that_is_no_day_is_a_warning_and_the_date_stays_unknown():
    (article,) = parse_text("第05版：要闻\n\n2022年13月45日 星期四\n\n标题\n\n" + BODY)
    assert (article.page, article.published_on) == ("5", None)
    assert article.warnings == ("日期不存在，已忽略：2022年13月45日 (not a calendar date)",)
    assert "2022年13月45日" not in article.body


def test_a_leap_day_is_a_day():
    (article,) = parse_text("2024年2月29日\n\n标题\n\n" + BODY)
    assert (article.published_on, article.warnings) == ("2024-02-29", ())


# Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(128, 256)) * 4, "not UTF-8 or GB18030"),
        (b"x" * (3 * 1024 * 1024), "over"),
    ],
)
def test_bad_files_are_refused_with_the_reason(data, reason):
    with pytest.raises(IngestError, match=reason):
        parse_bytes(data)


def test_gb18030_and_utf8_with_bom_decode_to_the_same_text():
    text = "标题\n\n" + BODY
    assert decode(text.encode("gb18030")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


@pytest.mark.parametrize(
    "encoded",
    [
        lambda text: text.encode("utf-16"),  # with its byte-order mark, as Windows Notepad saves
        lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
        lambda text: text.encode("utf-16-le"),  # no mark: told apart by its NULs and characters
        lambda text: text.encode("utf-16-be"),
        lambda text: text.encode("utf-32"),
    ],
    ids=["utf-16", "utf-16-be-bom", "utf-16-le", "utf-16-be", "utf-32"],
)
def test_utf16_and_utf32_files_decode_to_the_same_text(encoded):
    text = "标题\r\n\r\n" + BODY
    assert decode(encoded(text)) == text


def test_binary_with_nuls_is_still_binary_not_utf16():
    import random

    noise = random.Random(7).randbytes(4096)
    with pytest.raises(IngestError, match="binary"):
        decode(noise + b"\x00\x00")


def test_normalize_drops_zero_width_characters_and_unifies_spaces_and_line_ends():
    from archive.ingest.text import normalize

    text = "\ufeff上海\u200b浦东\u200c\u200d\u2060新区\r\n\u3000本报记者\u00a0王宛芝\r杨浦"
    assert normalize(text) == "上海浦东新区\n本报记者 王宛芝\n杨浦"


def test_control_characters_are_counted_as_unicode_defines_them():
    import unicodedata

    from archive.ingest.text import CONTROLS

    for code in range(0x3000):
        char = chr(code)
        control = unicodedata.category(char) == "Cc" and char not in "\n\r\t\f"
        assert bool(CONTROLS.fullmatch(char)) == control, hex(code)


def test_the_spacing_patterns_match_as_their_plain_look_behind_forms_do():
    """PINYIN_GLOSS and SPACED_PUNCTUATION begin with what they match (so the search skips
    ahead); they must find exactly what the plain forms, look-behind first, find."""
    import random
    import re

    from archive.ingest.text import PINYIN_GLOSS, SPACED_PUNCTUATION

    plain_gloss = re.compile(
        r"(?<=[\u3400-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ\s]{1,30}[)）]"
    )
    plain_spacing = re.compile(r"(?<=\S) +([,，。！？；;、”’」』）)]) ?|([“‘「『（(]) +")
    rng = random.Random(3)
    alphabet = [*"上海 (（)）abā，。“”‘ \t\n", "  "]
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(20_000)]
    texts += ["浦东（Pǔdōng）新区 , 沪上 。“ 好 ”", "上海(Shanghai) ，( 见图 )"]
    kept = lambda m: m.group(1) or m.group(2)  # noqa: E731 - as normalize() does
    for text in texts:
        assert PINYIN_GLOSS.sub("", text) == plain_gloss.sub("", text), text
        assert SPACED_PUNCTUATION.sub(kept, text) == plain_spacing.sub(kept, text), text


def test_text_with_nothing_recognisable_as_an_article_is_refused():
    with pytest.raises(IngestError, match="nothing recognisable"):
        parse_text("上一版 下一版\n\n放大 缩小 默认")


# The seed pages ------------------------------------------------------------------------------

SEEDS = {
    "000": [
        (
            "原原本本学扎扎实实干,拿出实招硬招新招",
            [("陆益峰", "记者"), ("祝越", "记者"), ("王宛芝", "记者")],
            ["张伊辰", None, "周俊超"],
            ["李平", "王姝", "林子岳"],
            ["静安区", "长宁区", "崇明区"],
        ),
        ("加强反垄断执法,切实维护消费者合法权益", [("徐晶卉", "整理")], [], ["王峥"], []),
        ("当好“发动机”,让年轻人实现高质量就业", [("占悦", "整理")], [], ["陈嵘"], []),
        ("开展“小关说法”,拒绝“异宠”入境守好国门", [("何易", "整理")], [None], ["李薇"], []),
        ("知重负重 打通根节", [("周辰", "记者")], [], [], ["崇明区"]),
    ],
    "001": [
        (
            "勇为尖兵,在“闯”和“创”中打开改革发展新天地",
            [],
            [],
            ["陈吉宁"],
            ["黄浦区", "闵行区", "浦东新区", "长宁区", "嘉定区", "徐汇区", "静安区", "普陀区"],
        ),
    ],
    "002": [
        (
            "标准不降劲头不松 两手抓两不误两促进",
            [],
            ["冷梅"],
            [],
            [
                "黄浦区",
                "徐汇区",
                "奉贤区",
                "普陀区",
                "虹口区",
                "崇明区",
                "闵行区",
                "嘉定区",
                "青浦区",
                "金山区",
                "静安区",
                "杨浦区",
                "宝山区",
                "长宁区",
                "浦东新区",
                "松江区",
            ],
        ),
    ],
    "003": [
        (
            "肩负新使命迈上新征程,把宏伟蓝图化作美好现实",
            [("祝越", "记者"), ("王宛艺", "记者")],
            [],
            [
                "严爱云",
                "杨宇",
                "蒋丽霞",
                "黄华",
                "吴晓华",
                "程军",
                "蒋蕊",
                "姚凯",
                "陈晓荣",
                "余美香",
            ],
            ["浦东新区", "虹口区", "徐汇区", "青浦区"],
        ),
        (
            "科技绣花针 绘好超大城市治理工笔画",
            [("王宛艺", "记者")],
            [],
            ["徐惠丽", "江波", "江波", "杨学展", "朱明杰", "李勇", "盛弘"],
            ["嘉定区", "长宁区", "黄浦区"],
        ),
        (
            "把伟大建党精神融入党的建设全过程各方面",
            [("王嘉旖", "记者")],
            ["袁婧"],
            ["周艳", "刘秋芬", "曹炯", "武艳茹", "林忠钦", "曹锡康", "上官剑", "易俊"],
            ["宝山区", "黄浦区", "普陀区"],
        ),
    ],
    "004": [
        ("大格局谋发展 高质量抓落实", [("杨晓梅", "记者")], [], [], ["杨浦区"]),
        (
            "强化创新策源功能 彰显人民城市宜居魅力 营造风清气正氛围",
            [("毛信慧", "记者"), ("成佳佳", "记者")],
            [],
            ["李跃旗", "谢坚钢"],
            ["杨浦区"],
        ),
        ("普及宪法知识 弘扬宪法精神", [("杨晓梅", "记者")], [], [], ["杨浦区"]),
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_pages_give_every_person_and_place(prefix, seeds_dir):
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    articles = parse_bytes(path.read_bytes())
    found = [
        (
            article.title,
            names_roles(article.bylines),
            [photo.photographer for photo in article.photos],
            [quote.speaker for quote in article.quotes],
            [district.name for district in article.districts],
        )
        for article in articles
    ]
    assert found == SEEDS[prefix]


def test_seed_titles_are_printed_as_in_the_paper(seeds_dir):
    (path,) = seeds_dir.glob("003_*.txt")
    main, second, third = parse_bytes(path.read_bytes())
    assert main.column == "加快建设具有世界影响力的社会主义现代化国际大都市·我们怎么干"
    assert main.kicker.startswith("党代表们纷纷表示")
    assert second.subtitle == "市第十二次党代会代表热议「高效能治理」"
    assert third.subtitle == "市第十二次党代会代表:要努力创造无愧于党的诞生地的党建成果"
    assert [quote.title for quote in main.quotes][:2] == [
        "中共上海市委党史研究室主任",
        "中共一大纪念馆宣传教育部主任",
    ]


def test_seed_body_keeps_every_paragraph_once(seeds_dir):
    (path,) = seeds_dir.glob("003_*.txt")
    main = parse_bytes(path.read_bytes())[0]
    assert main.body.count("这是一场新的跨越,更是一次新的出征") == 1
    assert (
        "“让群众喜闻乐见,让红色故事表达更加轻量化、年轻化,将是我们努力的方向。”中共一大纪念馆"
        in main.body
    )


# Pages in other papers' styles ---------------------------------------------------------------


def test_evening_paper_dateline_with_correspondent_and_agency_photo():
    text = (
        "地铁18号线二期今年底通车\n\n新民晚报讯（记者 张炯强 通讯员 李晓）昨天，记者从申通地铁集团获悉，"
        "工程进入收尾阶段。申通地铁集团副总经理吴强表示，年底前将具备通车条件。\n\n"
        "“我们每天都在赶进度。”项目经理陈立新说。\n\n图为施工现场。 新华社记者 丁汀 摄"
    )
    (article,) = parse_text(text)
    assert article.publication == "新民晚报"  # the masthead in the dateline names the paper
    assert names_roles(article.bylines) == [("张炯强", "记者"), ("李晓", "通讯员")]
    assert [(p.photographer, p.source) for p in article.photos] == [("丁汀", "agency")]
    assert speakers(article.quotes) == [("吴强", "申通地铁集团副总经理"), ("陈立新", "项目经理")]


def test_byline_printed_above_the_headline_with_padded_name():
    text = "本报记者  刘  峰\n\n静安区推出“一件事”改革\n\n本报上海3月5日电  静安区副区长李明在发布会上介绍，方案涵盖20项服务。"
    (article,) = parse_text(text)
    assert article.title == "静安区推出“一件事”改革"
    assert names_roles(article.bylines) == [("刘峰", "记者")]
    assert speakers(article.quotes) == [("李明", "静安区副区长")]


def test_written_by_and_photographed_by_on_one_line():
    text = "文/记者 王五 图/记者 赵六\n\n张江镇的新变化\n\n张江科学城建设提速。张江集团董事长袁涛认为，要加快引进人才。"
    (article,) = parse_text(text)
    assert names_roles(article.bylines) == [("王五", "记者"), ("赵六", "摄影")]


def test_quote_before_a_titled_name_with_words_between_name_and_verb():
    text = "■本报首席记者 彭德倩\n\n培养拔尖创新人才\n\n“大学要培养拔尖人才。”复旦大学校长金力日前接受本报专访时表示，要改革评价体系。"
    (article,) = parse_text(text)
    assert names_roles(article.bylines) == [("彭德倩", "记者")]
    assert speakers(article.quotes) == [("金力", "复旦大学校长")]
    assert article.quotes[0].text == "大学要培养拔尖人才。"


def test_epaper_page_with_meta_line_numbered_captions_and_unnamed_speaker():
    text = (
        "上一版  下一版\n放大 缩小 默认\n第A03版：要闻\n2023年5月12日 星期五\n\n徐汇滨江再添文化新地标\n\n"
        "来源：文汇报 记者：李婷 编辑：王一\n\n本报讯 （记者 李婷）昨天，位于徐汇滨江的西岸美术馆二期正式开放。"
        "西岸集团总裁卢志刚告诉记者，二期将引进国际展览。市民王女士说：“周末带孩子来看展很方便。”\n\n"
        "图①：西岸美术馆二期外景。\n图②：市民在观展。\n本报记者 叶辰亮 摄"
    )
    (article,) = parse_text(text)
    assert (article.publication, article.published_on, article.page) == (
        "文汇报",
        "2023-05-12",
        "A03",
    )
    assert names_roles(article.bylines) == [("李婷", "记者"), ("王一", "编辑")]
    assert [p.photographer for p in article.photos] == ["叶辰亮", "叶辰亮"]
    assert speakers(article.quotes) == [("卢志刚", "西岸集团总裁")]
    assert [d.name for d in article.districts] == ["徐汇区"]


def test_inline_credit_with_a_name_without_a_known_surname_is_kept():
    text = "智慧交通上线\n\n□通讯员 韩梅 记者 周到\n\n早高峰通行时间缩短15%（见右图，本报记者 海沙尔摄）。"
    (article,) = parse_text(text)
    assert names_roles(article.bylines) == [("韩梅", "通讯员"), ("周到", "记者")]
    assert [p.photographer for p in article.photos] == ["海沙尔"]


def test_unreadable_inline_reference_stays_in_the_text():
    photos, text = inline_photos("游客赏花(见右图/他们拍摄)。")
    assert photos == [] and text == "游客赏花(见右图/他们拍摄)。"


def test_question_and_answer_interview_names_the_interviewee_with_the_headline_title():
    text = (
        "“把老小区变成新家园”\n\n——访普陀区长风新村街道党工委书记钱文\n\n"
        "记者：老旧小区改造难在哪里？\n\n钱文：难在群众意见统一。\n\n（本报记者 陈抒怡）"
    )
    (article,) = parse_text(text)
    assert speakers(article.quotes) == [("钱文", "普陀区长风新村街道党工委书记")]
    assert article.quotes[0].text == "难在群众意见统一。"
    assert names_roles(article.bylines) == [("陈抒怡", "记者")]


# Real pages: width, chrome, metadata, byline forms, photo news, speakers, titles ---------------


@pytest.mark.parametrize(
    "line",
    [
        "本报讯(记者 周明 通讯员 林青)",
        "本报讯（记者 周明 通讯员 林青）",
        "本报讯 （记者：周明 通讯员：林青）",
    ],
)
def test_half_and_full_width_brackets_and_colons_read_the_same(line):
    bylines, _rest = take_dateline(line + "昨天，新桥开通。")
    assert names_roles(bylines) == [("周明", "记者"), ("林青", "通讯员")]


@pytest.mark.parametrize(
    "chrome",
    [
        "您现在的位置: 首页 >> 社区频道 >> 正文",
        "我的位置: 区情 > 街镇 > 文章详情",
        "分享至:",
        " (12)",
        "扫一扫下载晨光新闻APP",
        "1分 2分 3分 4分 5分",
        "本版得分:4.2参与评分人数:7",
        "网友评论 您还能输入500字",
        "版权所有 © 2019 晨光报社 沪ICP备00000000号",
        "大富豪√娱乐官网靠谱吗",
        "3 上一篇  下一篇 4 放大 缩小 默认",
        "2019年03月04日 版面导航 标题导航 返回本期头版",
        ">>>详见第6版",
    ],
)
def test_page_chrome_is_never_article_text(chrome):
    (article,) = parse_text(f"{chrome}\n\n河边新建口袋公园\n\n{BODY}")
    assert article.title == "河边新建口袋公园"
    assert chrome.strip() not in article.body


def test_web_meta_line_gives_source_author_editor_and_date():
    text = (
        "当前位置 | 首页 >> 河边新建口袋公园,居民有了好去处\n\n河边新建口袋公园,居民有了好去处\n\n"
        "2019/4/2 8:15:00 来源:晨光日报 作者:周明,林青 选稿:顾一\n\n" + BODY
    )
    (article,) = parse_text(text)
    assert article.title == "河边新建口袋公园,居民有了好去处"
    assert (article.publication, article.published_on) == ("晨光日报", "2019-04-02")
    assert names_roles(article.bylines) == [("周明", "作者"), ("林青", "作者"), ("顾一", "编辑")]


def test_unknown_source_stays_unknown():
    (article,) = parse_text("口袋公园开放\n\n来源:未知 作者:周明\n\n本报讯 " + BODY)
    assert article.publication is None


def test_edition_date_in_the_page_header_wins_over_the_day_the_page_was_saved():
    text = "2024年08月01日 星期四\n第3版:城区新闻 2019-04-02\n\n口袋公园开放\n\n" + BODY
    (article,) = parse_text(text)
    assert (article.published_on, article.page) == ("2019-04-02", "3")


def test_page_menu_does_not_set_the_page():
    text = (
        "第C05版:社区 上一版 下一版\n版面导航\n第C01版\n头版\n第C02版\n要闻\n\n口袋公园开放\n\n"
        + BODY
    )
    (article,) = parse_text(text)
    assert article.page == "C05"


def test_headline_repeated_by_the_page_is_the_title_not_the_kicker_or_site_name():
    text = (
        "晨光网\n\n本版列表新闻\n口袋公园开放~~~\n口袋公园开放~~~\n\n"
        "区里又添一处休闲去处\n口袋公园开放\n\n" + BODY
    )
    (article,) = parse_text(text)
    assert (article.kicker, article.title) == ("区里又添一处休闲去处", "口袋公园开放")


def test_headline_glued_to_the_first_paragraph_is_cut_off_it():
    title = "河边新建口袋公园居民有了好去处"
    (article,) = parse_text(f"{title}\n{title}\n{title}4月1日，公园开放。居民都很满意。")
    assert article.title == title
    assert article.body.startswith("4月1日")


def test_pinyin_glosses_and_spaced_punctuation_of_scraper_copies_are_removed():
    (article,) = parse_text("公园(gōngyuán)开放\n\n今天 , 公园开放了 。 晨光新闻记者 周明(zhōu) 摄")
    assert "gōng" not in article.title + article.body
    assert "今天,公园开放了。" in article.body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("晨光新闻高级记者 周明 通讯员 林青", [("周明", "记者"), ("林青", "通讯员")]),
        ("晨光新闻记者 | 周明 实习记者 林青", [("周明", "记者"), ("林青", "记者")]),
        ("主笔|周明", [("周明", "作者")]),
        ("晨报 评论员 周明", [("周明", "作者")]),
        ("晨光APP 采访人员 周明", [("周明", "记者")]),
        ("周明 本报评论员", [("周明", "作者")]),
        ("作者:周明", [("周明", "作者")]),
        ("周明/文", [("周明", "作者")]),
        (
            "本报记者 周明 林青摄影报道",
            [("周明", "记者"), ("周明", "摄影"), ("林青", "记者"), ("林青", "摄影")],
        ),
        ("晨报记者周明摄影报道", [("周明", "记者"), ("周明", "摄影")]),
    ],
)
def test_real_pages_byline_forms(line, expected):
    assert names_roles(parse_byline_line(line)) == expected


def test_bare_byline_after_the_dateline_without_brackets():
    bylines, rest = take_dateline("本报讯 记者 周明 “公园开了，真好。”居民说。")
    assert names_roles(bylines) == [("周明", "记者")]
    assert rest.startswith("本报讯 “公园")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("居民都很满意。 实习生 林青 本报记者 周明 |", [("林青", "实习生"), ("周明", "记者")]),
        ("居民都很满意。(周明)", [("周明", "作者")]),
    ],
)
def test_bylines_closing_the_body_without_role_brackets(paragraph, expected):
    bylines, rest = take_trailing(paragraph)
    assert (names_roles(bylines), rest) == (expected, "居民都很满意。")


def test_names_after_a_headline_with_a_bar_are_its_byline_and_one_credit_gives_one_byline():
    text = "口袋公园开放 周明 林青 |\n\n" + BODY + "\n\n实习生 林青 本报记者 周明"
    (article,) = parse_text(text)
    assert article.title == "口袋公园开放"
    assert sorted(names_roles(article.bylines)) == [("周明", "记者"), ("林青", "实习生")]


def test_two_bare_names_under_a_headline_are_its_writers():
    (article,) = parse_text("口袋公园开放\n周明 林青\n" + BODY)
    assert names_roles(article.bylines) == [("周明", "作者"), ("林青", "作者")]


@pytest.mark.parametrize(
    ("credit", "photographers"),
    [
        ("摄影/周明", ["周明"]),
        ("摄影:周明", ["周明"]),
        ("图/晨报记者 周明 制图/林青", ["周明"]),
        ("通讯社记者 周明/摄", ["周明"]),
        ("本报记者 周明 实习生 林青 摄", ["周明", "林青"]),
        ("周  明摄（影像中国）", ["周明"]),
    ],
)
def test_credit_forms_name_every_photographer(credit, photographers):
    from archive.ingest.photos import credited_names

    assert parse_credit(credit).photographer == photographers[0]
    assert credited_names(credit) == photographers


def test_caption_with_the_credit_first_after_it():
    photo = split_caption("河边的新公园。摄影:周明")
    assert (photo.caption, photo.photographer) == ("河边的新公园。", "周明")


def test_photo_news_item_is_an_article_with_its_photo():
    text = "\n口袋公园亮灯\n\n\u3000\u3000四月一日，河边的口袋公园亮灯。\n\u3000\u3000周  明摄（影像中国）\n"
    (article,) = parse_text(text)
    assert article.title == "口袋公园亮灯"
    assert [photo.photographer for photo in article.photos] == ["周明"]
    assert article.body == "四月一日，河边的口袋公园亮灯。"


def test_crawl_layout_gives_kicker_title_and_subtitle_by_position():
    text = "区里又添一处去处\r\n公园开放\r\n居民有了好去处\r\n\u3000\u3000本报上海4月1日电  （记者周明）公园开放。\r\n"
    (article,) = parse_text(text)
    assert (article.kicker, article.title, article.subtitle) == (
        "区里又添一处去处",
        "公园开放",
        "居民有了好去处",
    )
    assert names_roles(article.bylines) == [("周明", "记者")]


def test_rubric_over_several_briefs_is_their_column_and_decks_are_subtitles():
    text = (
        "\n速递\n\n"
        "\u3000\u3000公园开放\n\u3000\u3000河边新建口袋公园，居民有了好去处\n"
        "\u3000\u3000本报上海4月1日电 （记者周明）公园开放。\n"
        "\u3000\u3000菜场翻新\n\u3000\u3000老菜场改造完成，摊位整齐\n"
        "\u3000\u3000本报上海4月1日电 （记者林青）菜场翻新。\n"
    )
    first, second = parse_text(text)
    assert (first.column, first.title, first.subtitle) == (
        "速递",
        "公园开放",
        "河边新建口袋公园，居民有了好去处",
    )
    assert (second.title, names_roles(second.bylines)) == ("菜场翻新", [("林青", "记者")])


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“公园真好。”周明笑着说。", ("周明", None)),
        ("店长周明十分高兴：“生意好多了。”", ("周明", "店长")),
        ("“孩子们很喜欢。”周明校长介绍说。", ("周明", "校长")),
        ("裁缝周明师傅说:“路上人多了。”", ("周明", "裁缝")),
        (
            "社区党委书记周明的周末依旧在一线度过，“别看活儿琐碎，一个不能漏。”",
            ("周明", "社区党委书记"),
        ),
        ("“再累也要顶上！”社区第一书记周明，还有半年就退休了。", ("周明", "社区第一书记")),
        ("大四女生林青今年创办了公司。她感叹，创业机会很多。", ("林青", "大四女生")),
        ("在本地经营小店的周明说：“生意好多了。”", ("周明", None)),
    ],
)
def test_speakers_in_real_pages_forms(sentence, speaker):
    assert speakers(find_quotes([sentence]))[:1] == [speaker]


def test_narrator_of_a_first_person_account_is_its_speaker_with_title():
    text = "公园开放\n\n我每天都来公园走走。\n\n某区某街道社区主任周明讲述\n\n本报记者 林青整理"
    (article,) = parse_text(text)
    assert speakers(article.quotes) == [("周明", "某区某街道社区主任")]
    assert names_roles(article.bylines) == [("林青", "整理")]


@pytest.mark.parametrize("unnamed", ["王女士笑着说：“好。”", "市民陈先生高兴地说，公园很好。"])
def test_unnamed_people_stay_unnamed_across_an_adverb(unnamed):
    assert find_quotes([unnamed]) == []


def test_impossible_dates_in_page_headers_are_warnings_and_no_date():
    (article,) = parse_text("第3版:城区 2022-13-45\n2022年02月30日\n\n口袋公园开放\n\n" + BODY)
    assert article.published_on is None
    assert len(article.warnings) == 2 and "2022年02月30日" in article.warnings[1]


@pytest.mark.parametrize(
    ("text", "districts"),
    [
        ("重庆江北区临港医院的护士来到社区。", []),
        ("浦东新区临港新片区又有新项目。", ["浦东新区"]),
        ("当年崇明县城桥镇还很小。", ["崇明区"]),
    ],
)
def test_a_place_right_after_another_citys_district_is_there(text, districts):
    assert [mention.district for mention in find_districts(text)] == districts


RECOGNISED_PAGE = """社区食堂开张

■本报记者 方圆 李想

本报讯 杨浦区委书记赵刚表示，要抓好社区食堂的落实。

我们每天供应三百份午餐，老人们都说好吃。

图为社区食堂的午餐时间。 本报记者 袁婧摄

图为老人在食堂用餐。

本报记者 张伊辰摄

居民们排队打饭，井然有序。(金霏)
"""


def test_no_recogniser_runs_twice_on_a_line(monkeypatch):
    """Classifying keeps what each recogniser found; segmentation and the build read it."""
    from collections import Counter

    from archive.ingest import layout, parser, segment

    calls: Counter = Counter()
    names = [
        "parse_credit",
        "split_caption",
        "parse_byline_line",
        "take_trailing",
        "oral_account_head",
        "narrator_line",
    ]
    for module in (layout, segment, parser):
        for name in names:
            original = getattr(layout, name)

            def counted(text, *args, _name=name, _original=original):
                calls[(_name, text)] += 1
                return _original(text, *args)

            monkeypatch.setattr(module, name, counted, raising=False)
    (article,) = parse_text(RECOGNISED_PAGE)
    assert [(b.name, b.role) for b in article.bylines] == [
        ("方圆", "记者"),
        ("李想", "记者"),
        ("金霏", "作者"),
    ]
    assert [(p.caption, p.photographer) for p in article.photos] == [
        ("图为社区食堂的午餐时间。", "袁婧"),
        ("图为老人在食堂用餐。", "张伊辰"),
    ]
    assert calls[("take_trailing", "居民们排队打饭，井然有序。(金霏)")] == 1
    assert [key for key, count in calls.items() if count > 1] == []


def test_three_spaces_inside_a_line_are_a_line_break_a_copy_lost():
    from archive.ingest.text import normalize

    line = "老街换新颜   ■本报记者 王小川   记者：改造何时完成？   林一二：年底。"
    assert normalize(line).split("\n") == [
        "老街换新颜",
        "■本报记者 王小川",
        "记者：改造何时完成？",
        "林一二：年底。",
    ]


def test_names_a_credit_spaces_apart_stay_on_its_line():
    from archive.ingest.text import normalize

    assert normalize("摄影| 赵一鸣   钱多多  编辑|孙悦") == "摄影| 赵一鸣   钱多多  编辑|孙悦"
