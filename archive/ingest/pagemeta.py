"""Page metadata of web and e-paper copies: dates, page headers, ``来源:X 作者:Y`` lines.

``PageInfo`` holds what the page says about itself (its paper, page, date, credits in a metadata
line) and what it says about its headline (title hints, kicker hints, the lines above its
metadata). Every rule is matched on a width-folded copy of the line (``fold``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from archive.ingest.bylines import parse_byline_line
from archive.ingest.credit_tokens import OUTLET_ALONE, ROLE_AT_START
from archive.ingest.meta_names import meta_names
from archive.ingest.names import is_plausible_name
from archive.ingest.shapes import noted_headline
from archive.ingest.sources import ADDRESS, address_line
from archive.ingest.text import SPACES, calendar_date, fold
from archive.ingest.types import ParsedByline

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """一 … 九十九 (page numbers printed as 第三版, 第十二版)."""
    if text.isdigit():
        return int(text)
    if not text or any(char not in CN_DIGITS and char != "十" for char in text):
        return None
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return CN_DIGITS.get(text) if len(text) == 1 else None
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


# Year first (2015年10月15日, 2015-10-15, 2015.10.15), or day first with dots as some sites print
# it (15.10.2015: a year last is never a month's or a day's number).
DATE = (
    r"(?:(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?<!\d)(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})(?!\d))"
)
TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
DATE_TOKEN = re.compile(DATE)
WEEKDAY = r"(?:星期|周|礼拜)[一二三四五六日天]"
# A line that is only a date, maybe with the weekday and toolbar words: the edition's date.
DATE_LINE = re.compile(rf"^{DATE}\s*(?:{WEEKDAY})?\s*$")
# A date with a time of day: when the web page published the article.
STAMP = re.compile(rf"{DATE}\s*(?:{WEEKDAY})?\s*{TIME}")
PAGE_HEADER = re.compile(
    r"^第?\s*(?P<page>[A-Z]?\d{1,3}|[一二三四五六七八九十]{1,3})\s*版\s*[:：]\s*(?P<rest>.*)$"
)
# A04:城市 · A04:2015年夏令热线 · 02:要闻: an e-paper's page, lettered or zero-padded, and its
# name (a year may open the name).
SHORT_PAGE_HEADER = re.compile(
    r"^第?(?P<page>[A-Z]\d{1,3}|0\d)\s*:\s*(?P<rest>(?:(?:19|20)\d{2}年)?[^\s\d:]{1,12})$"
)
NAV_WORDS = (
    "上一版 下一版 上一期 下一期 上一篇 下一篇 放大 缩小 默认 返回目录 返回首页 返回本期头版 返回 "
    "出版 时间 日期 "
    "版面导航 本版导航 标题导航 版面概览 往期回顾 往期 打印 打印本页 分享 分享到 分享至 收藏 关闭 "
    "关闭窗口 PDF版 PDF下载 PDF 下载 读报纸首页 首页 登录 注册 字号 大 中 小 Search 搜索 评论 "
    "点赞 举报 我要投稿 投稿 手机看新闻 手机版 电脑版 客户端 下载客户端 下载APP 更多 目录 查看 "
    "+1 • | > >> 语音播报 朗读 全文 原图 大图 纠错 订阅 "
    "个人中心 退出登录 退出 历史 用手机看 手机看 扫码阅读 扫一扫 我的 消息 设置 ⁺"
).split()
NAV_TOKEN = re.compile(
    r"^(?:"
    + "|".join(map(re.escape, sorted(NAV_WORDS, key=len, reverse=True)))
    + r"|\d{1,3}|\(\d+\)|[•·|>»<«]+|\d分|第?[A-Z]?\d{1,3}版)$"
)
# Toolbar words may also be glued to a page number: 上一版3  4下一版.
GLUED_NAV = re.compile(r"(\d{1,3})?(上一版|下一版|上一篇|下一篇|上一期|下一期)(\d{1,3})?")

META_KEYS = (
    "来源|信息来源|稿件来源|文章来源|来自|作者|记者|编辑|责任编辑|责编|选稿|发布时间|发布日期|发布于|更新时间"
    "|更新日期|时间|日期"
    "|点击数|浏览|通讯员|摄影|图片|字数"
)
META_FIELD = re.compile(rf"[\[【]?(?P<key>{META_KEYS})[\]】]?\s*[:]\s*")  # [来源]: too
COUNTER = re.compile(r"(?:浏览|阅读|点击|访问量?)\s*:?\s*\d+\s*次?")
SUMMARY = re.compile(r"^(?:摘要|导读|内容提要|提要)\s*:\s*(?P<text>.+)$")
ORIGINAL = re.compile(r"^[(]?\s*原(?:标)?题(?:为|是)?\s*:?\s*(?P<title>.+?)\s*[)]?$")
BRACKETED_TITLE = re.compile(r"^【(?P<title>[^】]{4,60})】\s*(?:来源\s*:\s*(?P<source>\S+))?\s*$")
# Starts at the bracket, not at spaces before it: a run of spaces is never rescanned.
# A newspaper database's citation under the headline: the writers, then 《paper》(date, page).
CITATION = re.compile(
    r"^(?P<names>[^《》()]{0,40}?)\s*《\s*(?P<paper>[^《》]{2,16}?)\s*》\s*"
    r"\(\s*(?P<date>[^()]{6,20}?)\s*(?:第\s*(?P<page>[A-Z]?\d{1,3})\s*版)?\s*\)$"
)
PART_MARK = re.compile(r"\(\s*[一二三四五六七八九十\d]{1,2}\s*\)\s*$")
NOT_A_SOURCE = {
    "未知",
    "网络",
    "互联网",
    "本站",
    "网友",
    "转载",
    "综合",
    "网络转载",
    "其他",
    "暂无",
}
SENTENCE = re.compile(r"[。！？!?]")


@dataclass
class PageInfo:
    """Metadata read from front matter or the page; front matter and the command line win."""

    publication: str | None = None
    published_on: str | None = None
    page: str | None = None
    column: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # Dates the page prints, by how sure they are the edition's: (rank, YYYY-MM-DD).
    dates: list[tuple[int, str]] = field(default_factory=list)
    title_hints: list[str] = field(default_factory=list)
    kicker_hints: list[str] = field(default_factory=list)  # lines the page lists as kickers
    head_lines: list[str] = field(default_factory=list)  # above the page's metadata line
    bylines: list[ParsedByline] = field(default_factory=list)
    original_title: str | None = None
    source_url: str | None = None  # the address the page prints (原文链接：https://…)
    stamped: bool = False  # a date with a time of day: when a web page published the article
    warnings: list[str] = field(default_factory=list)

    def add_date(self, rank: int, value: str | None) -> None:
        if value:
            self.dates.append((rank, value))

    def best_date(self) -> str | None:
        """The edition's date: a page header's over a web time stamp over a bare date line."""
        return max(self.dates, key=lambda item: item[0])[1] if self.dates else None

    def hint(self, text: str) -> None:
        text = PART_MARK.sub("", text.strip()).rstrip()
        if len(squash(text)) >= 4 and text not in self.title_hints:
            self.title_hints.append(text)


# How sure a printed date is the edition's date.
RANK_DATE_LINE = 1  # 2016年12月09日 星期五: an e-paper's edition, or the day a site was visited
RANK_STAMP = 2  # 2021-03-04 10:15: when the web page published the article
RANK_PAGE_HEADER = 3  # 第8版:崇明 2021-06-07


@lru_cache(maxsize=4096)  # chrome squashes each line several times (printed, keys, hints)
def squash(text: str) -> str:
    return SPACES.sub("", fold(text))


def date_in(text: str, info: PageInfo | None = None) -> str | None:
    """The first date printed in ``text``; 2022年13月45日 is no day: a warning, no date."""
    match = DATE_TOKEN.search(text)
    if not match:
        return None
    checked = calendar_date(
        match["y"] or match["year"], match["m"] or match["month"], match["d"] or match["day"]
    )
    if checked is None and info is not None:
        info.warnings.append(f"日期不存在，已忽略：{match.group().strip()} (not a calendar date)")
    return checked


def is_nav_line(folded: str) -> bool:
    """Every word on the line is a toolbar word, a number or a date."""
    if len(folded) > 80:
        return False
    text = GLUED_NAV.sub(r" \2 ", re.sub(WEEKDAY, " ", DATE_TOKEN.sub(" ", folded)))
    tokens = [token for token in re.split(r"[\s|｜【】\[\]]+", text) if token]
    spaced = len(tokens) > 1 and all(len(token) == 1 for token in tokens)
    if spaced and not all(NAV_TOKEN.match(token) for token in tokens):
        tokens = ["".join(tokens)]  # 【关 闭】: a button's word spaced out (大 中 小 are three)
    if not tokens:
        return bool(DATE_TOKEN.search(folded))
    # The site's own name among its toolbar words (某某网 首页) is part of the toolbar.
    others = 0
    for token in tokens:
        if not NAV_TOKEN.match(token):
            others += 1
            if others > 1 or len(tokens) == 1 or not OUTLET_ALONE.match(token):
                return False
    return any(not token.isdigit() and NAV_TOKEN.match(token) for token in tokens)


MENU_SEPARATORS = re.compile(r"\s*[/|｜丨•·»]\s*")
MIN_MENU_ITEMS = 3
MAX_MENU_ITEM = 8  # 报 刊, 画册, 某某晚报: a menu's items are words, never phrases


def is_menu_line(folded: str) -> bool:
    """A site's menu: three or more short items between bars, slashes or bullets, no
    sentence (• 报 刊 / 画 册 / 某某日报 / 某某晚报). A credit line is asked before this."""
    if len(folded) > 80 or SENTENCE.search(folded):
        return False
    items = [item.replace(" ", "") for item in MENU_SEPARATORS.split(folded.strip(" •·"))]
    if len(items) >= MIN_MENU_ITEMS and all(0 < len(item) <= MAX_MENU_ITEM for item in items):
        return True
    return _spaced_menu(folded.split())


MIN_SPACED_MENU_ITEMS = 6  # a headline printed with spaces has two or three parts, never six
MAX_SPACED_MENU_ITEM = 4


def _spaced_menu(words: list[str]) -> bool:
    """A menu set with spaces alone (首页 要闻 社会 经济 文化 体育): many one-word items, and
    most of them no names (a line of names is a credit or a photo's people)."""
    if len(words) < MIN_SPACED_MENU_ITEMS or any(len(w) > MAX_SPACED_MENU_ITEM for w in words):
        return False
    return sum(map(is_plausible_name, words)) * 2 < len(words)


def is_repeated_name(folded: str) -> bool:
    """An account's name printed twice (某某发布 某某发布): its logo's text and its name."""
    words = folded.split()
    return len(words) == 2 and words[0] == words[1] and len(words[0]) <= 12


def page_header(line: str, folded: str, info: PageInfo) -> bool:
    """``第B07版:微生活·网兜 上一版``, ``A06:上海新闻``, ``第8版:崇明 2021-06-07``."""
    match = PAGE_HEADER.match(folded) or SHORT_PAGE_HEADER.match(folded)
    if not match or len(folded) > 60 or SENTENCE.search(folded):
        return False
    page = match["page"]
    number = chinese_number(page)
    if number is not None:  # 第三版 and 第03版 are page 3; B07 keeps its section letter
        page = str(number)
    rest = match["rest"]
    stamp = date_in(rest, info)
    name = GLUED_NAV.sub(" ", DATE_TOKEN.sub(" ", rest)).split()
    name = [token for token in name if not NAV_TOKEN.match(token)]
    if info.page is None:
        info.page = page.lstrip("0") or page
        if name:
            info.extra.setdefault("page_name", name[0])
    info.add_date(RANK_PAGE_HEADER, stamp)
    return True


def read_meta(line: str, folded: str, info: PageInfo, *, head_open: bool = True) -> bool:
    """``来源:上观新闻 作者:A B 2020-09-14 12:17``, ``2018/7/13 9:11:42``, ``摘要:…``, dates."""
    if "://" in folded and (address := address_line(folded)):
        info.source_url = info.source_url or address
        rest = ADDRESS.sub(" ", folded).strip()
        if not META_FIELD.match(rest):  # 原文链接：https://…, or the address alone
            return True
        line = folded = rest  # 来源：某网 https://…: the site's name is the source
    if original := ORIGINAL_POST.match(folded):
        _set_source(info, original["account"])  # 原创 周明 某某发布: the account posted it
        return True
    if reposted := REPOST_NOTE.match(folded):
        _repost_note(info, reposted, folded)
        return True
    summary = SUMMARY.match(folded)
    if summary:
        info.extra.setdefault("summary", line.strip()[len(folded) - len(summary["text"]) :])
        return True
    original = ORIGINAL.match(folded)
    if original and len(folded) <= 80:
        title = line.strip()[original.start("title") : original.end("title")].strip()
        if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
            title = title[1:-1]
        info.original_title = info.original_title or title
        info.hint(noted_headline(title))
        return True
    bracketed = BRACKETED_TITLE.match(folded)
    if bracketed and bracketed["source"]:
        info.hint(bracketed["title"])
        _set_source(info, bracketed["source"])
        return True
    if (cited := CITATION.match(folded)) and date_in(cited["date"], info):
        _citation(info, cited)
        return True
    if DATE_LINE.match(folded) or (DATE_TOKEN.match(folded) and is_nav_line(folded)):
        info.add_date(RANK_DATE_LINE, date_in(folded, info))
        return True
    if len(folded) > 120 or SENTENCE.search(folded):
        return False
    # 作者:周明浏览315次: a counter glued to a field's value ends it (blanked, positions kept)
    folded = COUNTER.sub(lambda counter: " " * len(counter.group()), folded)
    stamp = STAMP.search(folded)
    fields = list(META_FIELD.finditer(folded))
    if not head_open and not stamp and not any("来源" in field["key"] for field in fields):
        return False  # 作者:X inside the text heads an inner article: a byline, left to layout
    if not fields and not stamp:
        return False
    if not stamp and len(fields) == 1 and _said_not_credited(folded, fields[0]):
        return False
    if not fields:
        # 新民眼 2024-05-08 15:20:43 · 时事 2024-11-12 16:39 上海 · 嘉兴在线 2018年… 手机看新闻
        rest = _words_but_addresses(STAMP.sub(" ", folded))
        if len(rest) > 6 or any(len(token) > 12 for token in rest):
            return False
        info.add_date(RANK_STAMP, date_in(stamp.group(), info))
        # 2026-03-05 18:20 某某新闻记者 周明 李华: the credit printed beside the time
        info.bylines.extend(parse_byline_line(" ".join(rest)) or ())
        info.stamped = True
        return True
    if fields[0].start() > 0 and not (stamp and stamp.start() == 0):
        # the page's address and its time before the fields are the same head: left out
        head = " ".join(_words_but_addresses(STAMP.sub(" ", folded[: fields[0].start()])))
        if head and (len(head) > 12 or not (is_nav_line(head) or len(head.split()) == 1)):
            return False
    if stamp:
        info.add_date(RANK_STAMP, date_in(stamp.group(), info))
        info.stamped = True
    for key, value in _field_values(folded, fields):
        _meta_field(info, key, STAMP.sub(" ", value).strip())
    return True


# An account's post marked as its own, under the headline: 原创 (the writer) the account.
ORIGINAL_POST = re.compile(r"^原创\s+(?:\S{1,20}\s+){0,2}(?P<account>\S{1,20})$")
# A repost's note on where it came from: 本文来自微信公众号:某某(ID:…),作者:A,摄影:A,头图来自:…
REPOST_NOTE = re.compile(
    r"^(?:本文|文章)?(?:转载)?(?:来自|转自|来源于?)\s*(?:微信)?公众号\s*:\s*(?P<account>[^,，(\s]{1,20})"
)


def _repost_note(info: PageInfo, note: re.Match[str], folded: str) -> None:
    """The account a repost came from is its source, and the fields after it (作者:, 摄影:) its
    credits; a picture's supplier (头图来自:某图片社) names no one."""
    _set_source(info, note["account"])
    fields = list(META_FIELD.finditer(folded, note.end()))
    for key, value in _field_values(folded, fields):
        _meta_field(info, key, re.split(r"[,，;；]", value)[0].strip())


def _field_values(folded: str, fields: list[re.Match[str]]) -> list[tuple[str, str]]:
    """Each field's key and its value: the text up to the next field or the line's end."""
    ends = [match.start() for match in fields[1:]] + [len(folded)]
    return [
        (match["key"], folded[match.end() : end]) for match, end in zip(fields, ends, strict=True)
    ]


def _said_not_credited(folded: str, field: re.Match[str]) -> bool:
    """记者:超级杯现场球迷占多数,…: a headline that reports what a reporter says, no field:
    after a person's key, a clause (a comma in it) where a credit prints names."""
    person = field["key"] in ("记者", "作者", "通讯员", "编辑")
    return person and field.start() == 0 and bool(re.search(r"[,，!！?？]", folded[field.end() :]))


def _words_but_addresses(text: str) -> list[str]:
    """The words of a line of metadata without the page's address (http://…), which says
    nothing of the line's kind."""
    return [word for word in text.split() if "://" not in word]


def _citation(info: PageInfo, cited: re.Match[str]) -> None:
    """``周明 《 某某日报 》( 2022年12月19日 第 20 版)``: who wrote it, where and when it ran."""
    info.bylines.extend(ParsedByline(name, "作者") for name in meta_names(cited["names"]))
    _set_source(info, cited["paper"])
    info.add_date(RANK_PAGE_HEADER, date_in(cited["date"], info))
    info.page = info.page or cited["page"]


def _meta_field(info: PageInfo, key: str, value: str) -> None:
    if key in ("来源", "信息来源", "稿件来源", "文章来源", "来自"):
        _set_source(info, value.split()[0] if value.split() else "")
    elif key in ("作者", "记者", "通讯员", "摄影"):
        role = {"通讯员": "通讯员", "摄影": "摄影", "记者": "记者"}.get(key, "作者")
        if ROLE_AT_START.match(value) and (read := parse_byline_line(value)):
            info.bylines.extend(read)  # 作者：本报记者 A B: the roles the value prints
        else:
            info.bylines.extend(ParsedByline(name, role) for name in meta_names(value))
    elif key in ("编辑", "责任编辑", "责编", "选稿"):
        info.bylines.extend(ParsedByline(name, "编辑") for name in meta_names(value))
    elif key in ("发布时间", "发布日期", "发布于", "更新时间", "更新日期", "时间", "日期"):
        info.add_date(RANK_STAMP, date_in(value, info))


def _set_source(info: PageInfo, value: str) -> None:
    value = value.strip(" |·,，")
    value = re.split(r"[\s|]", value)[0] if value else ""
    if value and value not in NOT_A_SOURCE and len(value) <= 20 and not value.isdigit():
        info.extra.setdefault("source", value)


def date_and_account(folded: str, info: PageInfo) -> bool:
    """``2019-05-30 青年`` · ``晨光报 2021年09月01日``: the day a post or a page went out and
    the account or paper that printed it."""
    if len(folded) > 40:  # before the search: most lines are longer
        return False
    match = DATE_TOKEN.search(folded)
    if not match:
        return False
    rest = (folded[: match.start()] + " " + folded[match.end() :]).split()
    if len(rest) == 2 and OUTLET_ALONE.match(rest[1]) and is_plausible_name(rest[0]):
        info.bylines.append(ParsedByline(rest[0], "作者"))  # 2016-02-14 周明 某某新闻
        _set_source(info, rest[1])
        rest = rest[1:]
    if len(rest) > 1 or any(len(token) > 6 for token in rest):
        return False
    info.add_date(RANK_STAMP, date_in(folded, info))
    return True
