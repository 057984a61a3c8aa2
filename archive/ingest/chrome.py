"""Page chrome and page metadata of web and e-paper copies.

A page saved from a newspaper's web site or e-paper carries more than the article: breadcrumbs,
share and app-download lines, the e-paper's page menu and list of other headlines, ratings,
comment boxes, footers, and metadata lines (``来源:X 作者:Y 2021-03-04 10:15``, ``第A09版:城市``).
This module drops the chrome, keeps the metadata in ``PageInfo`` and collects *title hints*:
lines the page itself repeats as the headline (in a breadcrumb, an ``原标题`` note, a ``【…】`` line
or simply printed twice), so that the headline is told from kickers, decks and site names.

Every rule is matched on a width-folded copy of the line (``fold``): full-width and half-width
brackets, colons, spaces and digits are the same to it. Printed text is kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.ingest.bylines import parse_byline_line, split_names
from archive.ingest.names import is_name_shaped
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


DATE = r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?"
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
SHORT_PAGE_HEADER = re.compile(r"^(?P<page>[A-Z]\d{1,3})\s*:\s*(?P<rest>[^\s\d:]{1,12})$")
PAGE_LABEL = re.compile(r"^第?\s*[A-Z]?\d{1,3}\s*版$")

NAV_WORDS = (
    "上一版 下一版 上一期 下一期 上一篇 下一篇 放大 缩小 默认 返回目录 返回首页 返回本期头版 返回 "
    "版面导航 本版导航 标题导航 版面概览 往期回顾 往期 打印 打印本页 分享 分享到 分享至 收藏 关闭 "
    "关闭窗口 PDF版 PDF下载 PDF 下载 读报纸首页 首页 登录 注册 字号 大 中 小 Search 搜索 评论 "
    "点赞 举报 我要投稿 投稿 手机看新闻 手机版 电脑版 客户端 下载客户端 下载APP 更多 目录 查看 "
    "+1 • | > >> 语音播报 朗读 全文 原图 大图 纠错 订阅"
).split()
NAV_TOKEN = re.compile(
    r"^(?:"
    + "|".join(map(re.escape, sorted(NAV_WORDS, key=len, reverse=True)))
    + r"|\d{1,3}|\(\d+\)|[•·|>»<«]+|\d分|第?[A-Z]?\d{1,3}版)$"
)
# Toolbar words may also be glued to a page number: 上一版3  4下一版.
GLUED_NAV = re.compile(r"(\d{1,3})?(上一版|下一版|上一篇|下一篇|上一期|下一期)(\d{1,3})?")

BREADCRUMB = re.compile(
    r"^(?:我的位置|您现在的位置|你现在的位置|您的位置|当前位置|您所在的位置|所在位置|位置|本页位置)"
    r"\s*[:|：]?|\s(?:>>?|»|→|›)\s|(?:>>?|»|›)\s*(?:正文|文章详情|详情|内容页?)?\s*$"
    r"|^\S{2,8}>\s*\S{2,8}$"  # 侬好上海> 综合: a site and its section
)
GENERIC_CRUMBS = {"正文", "文章详情", "详情", "内容", "内容页", "首页", ""}
CHROME_LINE = re.compile(
    r"^(?:正在阅读|分享至|分享到|扫一扫|扫码|微信扫|长按|点击|来自)[:\s]*"
    r"|(?:下载|打开).{0,12}(?:APP|App|app|客户端)|(?:APP|App|客户端|Logo|LOGO)$"
    r"|^\d分(?:\s+\d分)+$|得分\s*:?\s*[\d.]+|评分人数|参与评分"
    r"|网友评论|您还能输入|发表评论|已有\d+人|条评论|登录后"
    r"|版权所有|Copyright|©|ICP\s*备|未经(?:书面)?授权|转载请注明"
    r"|新闻热线\s*:|举报电话|违法和不良信息"
    r"|阅读器|点击数|阅读数|阅读量|浏览次数"
    r"|^>{2,}\s*详见|^(?:责任编辑|责编)\s*:?\s*$"
    r"|^——\s*编\s*者\s*$|^(?:对话人|主持人|嘉宾|对谈嘉宾|访谈嘉宾)\s*:\s*$"
    r"|^\d{1,6}$|^\d{1,3}/\d{1,3}$"  # a share or comment count, a gallery's 1/8
    r"|^本文字数|^专栏名称\s*:|^文章预览$|^由\s*\S{1,12}\s*(?:发布|释出)于|(?:原文|快照|预览)地址\s*:"
    r"|扫一扫|^(?:微信)?公众号$|^视频号$|^(?:官方)?微博$"
)
# The page's footer: once the publisher's imprint is printed, what follows is furniture (the
# address, its accounts, its name, the technical provider), not another article. An address or
# an organiser alone may be a story's own (活动地址:…, 主办单位:…).
FOOTER = re.compile(r"主管\s*主办|仅提供技术(?:服务)?支持|技术支持\s*:|版权所有|Copyright|ICP\s*备")
# Keyword-stuffed spam lines of mirror sites: many short phrases, no sentence, adult words.
SPAM_WORDS = re.compile(r"无码|成人|[aA][vV]|A片|色播|黄色|三级|激情|福利|自拍|偷拍")
SPAM_PHRASES = 4
# Gambling and other spam that mirror sites put above the article.
SPAM = re.compile(
    r"娱乐(?:官网|城|平台)|官网正规|博彩|彩票|棋牌|赌场|百家乐|老虎机|真人娱乐|注册送"
)
META_KEYS = (
    "来源|信息来源|稿件来源|文章来源|作者|记者|编辑|责任编辑|责编|选稿|发布时间|发布日期|时间|日期"
    "|点击数|浏览|通讯员|摄影|图片|字数"
)
META_FIELD = re.compile(rf"(?P<key>{META_KEYS})\s*[:]\s*")
SUMMARY = re.compile(r"^(?:摘要|导读|内容提要|提要)\s*:\s*(?P<text>.+)$")
ORIGINAL = re.compile(r"^[(]?\s*原(?:标)?题(?:为|是)?\s*:?\s*(?P<title>.+?)\s*[)]?$")
BRACKETED_TITLE = re.compile(r"^【(?P<title>[^】]{4,60})】\s*(?:来源\s*:\s*(?P<source>\S+))?\s*$")
# Starts at the bracket, not at spaces before it: a run of spaces is never rescanned.
PART_MARK = re.compile(r"\(\s*[一二三四五六七八九十\d]{1,2}\s*\)\s*$")
PLACEHOLDER = re.compile(
    r"^(?:文章图片|图片|图像|视频|\[图片\]|\[img\]|<图片>|放大图片|点击图片放大)$"
    r"|^!\[[^\]]{0,200}\]\([^)]{0,500}\)$"  # a markdown image: where a photo was
)
END_MARKERS = re.compile(
    r"^(?:相关阅读|相关新闻|相关链接|推荐阅读|延伸阅读|扩展阅读|热门推荐|猜你喜欢|更多精彩|热点推荐)"
    r"|扩展阅读$|推荐阅读$"
)
OTHER_HEADLINES = re.compile(
    r"^(?:本版其他文章|本版其它文章|本版列表新闻|本版新闻|本版文章|本版导读|相关新闻|相关阅读)\s*:?\s*$"
)
LIST_ITEM_TAIL = re.compile(r"(?:~{2,}|…{2,}|\.{3,})$")
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


def squash(text: str) -> str:
    return SPACES.sub("", fold(text))


def _date_in(text: str, info: PageInfo | None = None) -> str | None:
    """The first date printed in ``text``; 2022年13月45日 is no day: a warning, no date."""
    match = DATE_TOKEN.search(text)
    if not match:
        return None
    checked = calendar_date(match["y"], match["m"], match["d"])
    if checked is None and info is not None:
        info.warnings.append(f"日期不存在，已忽略：{match.group().strip()} (not a calendar date)")
    return checked


def is_nav_line(folded: str) -> bool:
    """Every word on the line is a toolbar word, a number or a date."""
    if len(folded) > 80:
        return False
    text = GLUED_NAV.sub(r" \2 ", re.sub(WEEKDAY, " ", DATE_TOKEN.sub(" ", folded)))
    tokens = [token for token in re.split(r"[\s|｜]+", text) if token]
    if not tokens:
        return bool(DATE_TOKEN.search(folded))
    return all(NAV_TOKEN.match(token) for token in tokens) and any(
        not token.isdigit() for token in tokens
    )


def read_page(lines: list[str], info: PageInfo) -> list[str]:
    """Drop chrome lines, read metadata into ``info``; the lines left are the article text."""
    kept: list[str] = []
    listed: set[str] = set()
    skipping_list = False
    menu_name_next = False
    in_footer = False  # below the publisher's imprint: furniture to the end of the page
    prose_seen = False  # a sentence of the text has been read: an imprint now is the footer
    head_open = True  # no body paragraph yet: lines above a metadata line are headlines
    after_crumb = False  # the line under a breadcrumb is where the page prints its headline
    dropped = False  # a dropped line leaves no blank line of its own (blank lines mean images)
    for line in lines:
        folded = fold(line).strip()
        if folded.startswith("|"):  # a table's border drawn before the cell's text
            line, folded = line.strip().lstrip("|｜ "), folded.lstrip("| ")
            if not folded:
                dropped = True
                continue
        if PLACEHOLDER.match(folded):
            folded = ""  # an image placeholder is where a photo was: a gap, as an image leaves
        if not folded:
            skipping_list = menu_name_next = False
            if not (dropped and kept and kept[-1] == ""):
                kept.append("")
            dropped = False
            continue
        dropped = True
        if in_footer and len(folded) <= 80 and not SENTENCE.search(folded[:-1]):
            continue
        in_footer = False
        if skipping_list and (len(folded) <= 40 and not SENTENCE.search(folded[:-1])):
            _list_item(line, info, listed)
            continue
        skipping_list = False
        if menu_name_next:
            menu_name_next = False
            if len(folded) <= 8 and not re.search(r"[,，。:：]", folded):
                continue
        if PAGE_LABEL.match(folded):  # 第A01版 in the e-paper's page menu, its name below
            menu_name_next = True
            continue
        if OTHER_HEADLINES.match(folded) or END_MARKERS.search(folded):
            skipping_list = True
            continue
        if FOOTER.search(folded) and len(folded) <= 60:
            in_footer = prose_seen  # above the text it is the site's header, one line
            continue
        if _headline_list(folded):
            listed.update(squash(token) for token in folded.split())
            continue
        line, folded = _cut_headline_tail(line, folded, info)
        if _page_header(line, folded, info) or _meta(line, folded, info, head_open=head_open):
            if head_open:
                info.head_lines.extend(text for text in kept if text)
            continue
        if head_open and _site_path(folded):
            kept = [text for text in kept if text in info.title_hints]  # the site's header
            after_crumb = True
        if _chrome(line, folded, info):
            continue
        if after_crumb:
            _under_crumb(line, folded, info)
            after_crumb = False
        if len(folded) > 80 and SENTENCE.search(folded):
            head_open = False
        prose_seen = prose_seen or bool(SENTENCE.search(folded))
        kept.append(line)
        dropped = False
    _first_line_headline(kept, info)
    return _repeats(kept, info, listed)


def _first_line_headline(kept: list[str], info: PageInfo) -> None:
    """A copy that starts with its headline: the page's first line, no sentence of its own and
    shorter than the paragraph of prose under it, is a headline even when long or exclaiming."""
    lines = [line for line in kept[:8] if line]
    if info.head_lines or len(lines) < 2:
        return
    first, second = lines[0], lines[1]
    folded = fold(first)
    if (
        len(folded) <= 100
        and "。" not in folded
        and folded[-1] not in "。,，;；:："
        and len(second) > max(len(first), 40)  # a paragraph under it, not another headline
        and not parse_byline_line(first)
    ):
        info.head_lines.append(first)


# 中新社上海11月6日电 题:标题 — an agency's dateline that prints the headline after 题.
DATELINE_TITLE = re.compile(r"^\S{2,16}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*电\s*题\s*:\s*(?P<title>.+)$")
# 标题 发布时间:2026年01月22日 — a web page's time stamp glued to the headline line.
STAMP_TAIL = re.compile(r"\s(?:发布时间|发布日期|更新时间)\s*:.*$")  # one space: no rescans


def _cut_headline_tail(line: str, folded: str, info: PageInfo) -> tuple[str, str]:
    """A headline line without the dateline before it or the time stamp after it (the
    date is kept); the line unchanged when it is none of these."""
    titled = DATELINE_TITLE.match(folded)
    if titled and len(titled["title"]) <= 60:
        start = len(folded) - len(titled["title"])
        line = line.strip()[start:]
        info.hint(line)
        return line, titled["title"]
    tail = STAMP_TAIL.search(folded)
    if tail and tail.start() >= 4 and not SENTENCE.search(folded[: tail.start()]):
        info.add_date(RANK_STAMP, _date_in(tail.group(), info))
        line = line.strip()[: tail.start()]
        info.head_lines.append(line)
        return line, folded[: tail.start()]
    return line, folded


def _list_item(line: str, info: PageInfo, listed: set[str]) -> None:
    """An item of the page's list of headlines; an e-paper lists 引题~~~副题, the main headline
    being printed elsewhere, so what stands before ~~~ is a kicker."""
    kicker, tilde, subtitle = line.partition("~~~")
    if not tilde:
        listed.add(squash(LIST_ITEM_TAIL.sub("", line)))
        return
    for part in (kicker, subtitle.strip("~")):
        if squash(part) and squash(part) not in map(squash, info.kicker_hints):
            info.kicker_hints.append(part.strip())


def _under_crumb(line: str, folded: str, info: PageInfo) -> None:
    """The line under a site's breadcrumb: its headline when it reads as one (no sentence), so
    a copy of it glued to the text below is cut; else perhaps a long headline, perhaps not."""
    if len(folded) <= 60 and not SENTENCE.search(folded[:-1]) and folded[-1] not in "。,:":
        info.hint(line)
    else:
        info.head_lines.append(line)


def _site_path(folded: str) -> bool:
    """A breadcrumb from the site's root (首页 > 新闻 > 正文): the content starts below it, and
    what was printed above it is the site's header."""
    if not BREADCRUMB.search(folded) or len(folded) > 100 or SENTENCE.search(folded[:-1]):
        return False
    crumbs = [crumb for crumb in re.split(r">>?|»|→|›", folded) if crumb.strip()]
    return len(crumbs) >= 3 or bool(re.match(r"(?:\S{0,6}首页|\S{0,4}位置)", folded))


def _headline_list(folded: str) -> bool:
    """The page's other headlines printed in one line (an e-paper's top bar)."""
    tokens = folded.split()
    return (
        len(tokens) >= 5
        and len(folded) > 40
        and all(3 <= len(token) <= 24 for token in tokens)
        and not SENTENCE.search(folded)
    )


def _page_header(line: str, folded: str, info: PageInfo) -> bool:
    """``第B07版:微生活·网兜 上一版``, ``A06:上海新闻``, ``第8版:崇明 2021-06-07``."""
    match = PAGE_HEADER.match(folded) or SHORT_PAGE_HEADER.match(folded)
    if not match or len(folded) > 60 or SENTENCE.search(folded):
        return False
    page = match["page"]
    number = chinese_number(page)
    if number is not None and not page[:1].isalpha():
        page = str(number)
    rest = match["rest"]
    stamp = _date_in(rest, info)
    name = GLUED_NAV.sub(" ", DATE_TOKEN.sub(" ", rest)).split()
    name = [token for token in name if not NAV_TOKEN.match(token)]
    if info.page is None:
        info.page = page.lstrip("0") or page
        if name:
            info.extra.setdefault("page_name", name[0])
    info.add_date(RANK_PAGE_HEADER, stamp)
    return True


def _meta(line: str, folded: str, info: PageInfo, *, head_open: bool = True) -> bool:
    """``来源:上观新闻 作者:A B 2020-09-14 12:17``, ``2018/7/13 9:11:42``, ``摘要:…``, dates."""
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
        info.hint(title)
        return True
    bracketed = BRACKETED_TITLE.match(folded)
    if bracketed and bracketed["source"]:
        info.hint(bracketed["title"])
        _set_source(info, bracketed["source"])
        return True
    if DATE_LINE.match(folded) or (DATE_TOKEN.match(folded) and is_nav_line(folded)):
        info.add_date(RANK_DATE_LINE, _date_in(folded, info))
        return True
    if len(folded) > 120 or SENTENCE.search(folded):
        return False
    stamp = STAMP.search(folded)
    fields = list(META_FIELD.finditer(folded))
    if not head_open and not stamp and not any("来源" in field["key"] for field in fields):
        return False  # 作者:X inside the text heads an inner article: a byline, left to layout
    if not fields and not stamp:
        return False
    if not fields:
        # 新民眼 2024-05-08 15:20:43 · 时事 2024-11-12 16:39 上海 · 嘉兴在线 2018年… 手机看新闻
        rest = STAMP.sub(" ", folded).split()
        if len(rest) > 6 or any(len(token) > 12 for token in rest):
            return False
        info.add_date(RANK_STAMP, _date_in(stamp.group(), info))
        return True
    if fields[0].start() > 0 and not (stamp and stamp.start() == 0):
        head = folded[: fields[0].start()].strip()
        if len(head) > 12 or not (is_nav_line(head) or len(head.split()) == 1):
            return False
    if stamp:
        info.add_date(RANK_STAMP, _date_in(stamp.group(), info))
    for index, match in enumerate(fields):
        end = fields[index + 1].start() if index + 1 < len(fields) else len(folded)
        value = STAMP.sub(" ", folded[match.end() : end]).strip()
        _meta_field(info, match["key"], value)
    return True


def _meta_field(info: PageInfo, key: str, value: str) -> None:
    if key in ("来源", "信息来源", "稿件来源", "文章来源"):
        _set_source(info, value.split()[0] if value.split() else "")
    elif key in ("作者", "记者", "通讯员", "摄影"):
        role = {"通讯员": "通讯员", "摄影": "摄影", "记者": "记者"}.get(key, "作者")
        info.bylines.extend(ParsedByline(name, role) for name in _meta_names(value))
    elif key in ("编辑", "责任编辑", "责编", "选稿"):
        info.bylines.extend(ParsedByline(name, "编辑") for name in _meta_names(value))
    elif key in ("发布时间", "发布日期", "时间", "日期"):
        info.add_date(RANK_STAMP, _date_in(value, info))


def _meta_names(value: str) -> list[str]:
    """``罗菁,张锐杰`` · ``孔令君 向凯`` · ``方毓琦(上海师范大学)`` · ``王欢欢 文字`` → names."""
    value = re.sub(r"\([^()]{1,30}\)", " ", value)
    value = re.sub(r"(?:文字|文/图|图/文|文|图|摄影?|整理|报道)(?=\s|$)", " ", value)
    return [name for name in split_names(value) if is_name_shaped(name)]


def _set_source(info: PageInfo, value: str) -> None:
    value = value.strip(" |·,，")
    value = re.split(r"[\s|]", value)[0] if value else ""
    if value and value not in NOT_A_SOURCE and len(value) <= 20 and not value.isdigit():
        info.extra.setdefault("source", value)


def _chrome(line: str, folded: str, info: PageInfo) -> bool:
    if BREADCRUMB.search(folded) and len(folded) <= 100 and not SENTENCE.search(folded[:-1]):
        crumbs = [crumb.strip() for crumb in re.split(r">>?|»|→|\|", folded)]
        last = crumbs[-1] if crumbs else ""
        if last not in GENERIC_CRUMBS and len(crumbs) >= 2:
            start = folded.rfind(last)
            info.hint(line.strip()[start : start + len(last)])
        return True
    if is_nav_line(folded):
        info.add_date(RANK_DATE_LINE, _date_in(folded, info))
        return True
    if len(folded) <= 40 and (CHROME_LINE.search(folded) or PLACEHOLDER.match(folded)):
        return True
    if len(folded) <= 30 and bool(SPAM.search(folded)) and not SENTENCE.search(folded):
        return True
    return _stuffed(folded) or _date_and_account(folded, info)


def _stuffed(folded: str) -> bool:
    """Keyword-stuffed spam: a run of short phrases, no sentence, several of them adult words."""
    phrases = [phrase for phrase in re.split(r"[,，|、\s]+", folded) if phrase]
    if len(phrases) < SPAM_PHRASES or SENTENCE.search(folded):
        return False
    short = all(len(phrase) <= 16 for phrase in phrases)
    return short and sum(bool(SPAM_WORDS.search(phrase)) for phrase in phrases) >= 2


def _date_and_account(folded: str, info: PageInfo) -> bool:
    """``2019-05-30 青年`` · ``晨光报 2021年09月01日``: the day a post or a page went out and
    the account or paper that printed it."""
    match = DATE_TOKEN.search(folded)
    if not match or len(folded) > 40:
        return False
    rest = (folded[: match.start()] + " " + folded[match.end() :]).split()
    if len(rest) > 1 or any(len(token) > 6 for token in rest):
        return False
    info.add_date(RANK_STAMP, _date_in(folded, info))
    return True


def _repeats(lines: list[str], info: PageInfo, listed: set[str]) -> list[str]:
    """A headline printed again (twice, in the page's list of headlines, glued to the body or to
    another headline) is a title hint; the copies go, and a copy glued to a paragraph is cut."""
    printed = {squash(line) for line in lines if line}
    lines = [line for line in lines if not _headline_row(line, printed, listed)]
    cleaned = [PART_MARK.sub("", line).rstrip() if len(line) <= 80 else line for line in lines]
    keys = [squash(line) for line in cleaned]
    counts: dict[str, int] = {}
    for key in keys:
        if 4 <= len(key) <= 80:
            counts[key] = counts.get(key, 0) + 1
    for line, key in zip(cleaned, keys, strict=True):
        repeated = counts.get(key, 0) >= 2 or key in listed
        if repeated and not parse_byline_line(line):  # a reporter may sign two articles
            info.hint(line)
    every = set(counts)
    hints = {squash(hint) for hint in info.title_hints}
    seen: set[str] = set()
    kept: list[str] = []
    heads: list[str] = []  # short lines seen so far: only they can be glued to a later line
    for line, key in zip(cleaned, keys, strict=True):
        if key in hints and key in seen:
            kept.append("")  # where a repeated headline stood, as where an image was
            continue
        prefix = next(
            (
                head
                for head in heads
                if len(head) >= 5
                and key.startswith(head)
                and key != head
                and (head in hints or key[len(head) :] in every)
            ),
            None,
        )
        seen.add(key)
        if 5 <= len(key) <= 80:
            heads.append(key)
        if prefix is None:
            kept.append(line)
            continue
        cut = _printed_length(line, prefix)
        info.hint(line[:cut])
        rest = line[cut:].strip()
        if rest and squash(rest) not in every:
            kept.append(rest)
    return kept


def _headline_row(line: str, printed: set[str], listed: set[str]) -> bool:
    """The page's headlines in one row, one of them printed again on its own line as the
    headline: the row is the page's list; its items become hints."""
    tokens = line.split()
    if len(tokens) < 3 or len(line) > 120 or SENTENCE.search(line):
        return False
    if not all(4 <= len(token) <= 30 for token in tokens):
        return False
    if not any(squash(token) in printed for token in tokens):
        return False
    listed.update(squash(token) for token in tokens)
    return True


def _printed_length(line: str, squashed_prefix: str) -> int:
    """How many printed characters of ``line`` make up ``squashed_prefix``."""
    count = 0
    for index, char in enumerate(line):
        if not char.isspace():
            count += 1
        if count == len(squashed_prefix):
            return index + 1
    return len(line)
