"""Where a web page's own path (首页 > 新闻 > 正文) stands and the headline around it: the
line under the path is where a page prints its headline, a page may print it above the path
instead, and a copy may start with it (``chrome`` reads the page; this says where its head is).
"""

from __future__ import annotations

import re

from archive.ingest.bylines import parse_byline_line
from archive.ingest.furniture import BREADCRUMB
from archive.ingest.pagemeta import SENTENCE, PageInfo, is_menu_line
from archive.ingest.shapes import MAX_HEADLINE, is_headline_like
from archive.ingest.text import fold


def headline_above_crumb(above_crumb: list[str], kept: list[str], info: PageInfo) -> None:
    """A page that prints its headline above the site's path and none below it: the last
    headline-shaped line of the header dropped at the path is the headline after all."""
    if not above_crumb or any(hint in kept for hint in info.title_hints):
        return  # (a path's last part that is printed nowhere else is a section: 图片新闻)
    for line in kept:
        if line and (SENTENCE.search(line) or len(line) > MAX_HEADLINE):
            break  # the text has begun, no headline under the path
        if line and is_headline_like(line):
            return
    shaped = [line for line in above_crumb if _headline_shaped(line)]
    if shaped:
        kept.insert(0, shaped[-1])
        info.hint(shaped[-1])


def _headline_shaped(line: str) -> bool:
    folded = fold(line).strip()
    return (
        MIN_HEADLINE_ABOVE_CRUMB <= len(folded) <= MAX_HEADLINE
        and not SENTENCE.search(folded[:-1])
        and not re.search(r"[:：]\s*[\d-]{6,}", folded)  # 联系我们:021-…: a phone number
        and not is_menu_line(folded)
    )


MIN_HEADLINE_ABOVE_CRUMB = 8  # shorter, a site's name or a menu item


def first_line_headline(kept: list[str], info: PageInfo) -> None:
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


def under_crumb(line: str, folded: str, info: PageInfo, crumb: str) -> None:
    """The line under a site's breadcrumb: its headline when it reads as one (no sentence), so
    a copy of it glued to the text below is cut; else perhaps a long headline, perhaps not. One
    of the crumb's own sections printed again (首页>社区动态>… / 社区动态) is no headline."""
    if folded.strip() in re.split(r"\s*(?:>>?|»|→|›)\s*", crumb):
        return
    if len(folded) <= 60 and not SENTENCE.search(folded[:-1]) and folded[-1] not in "。,:":
        info.hint(line)
    else:
        info.head_lines.append(line)


def site_path(folded: str) -> bool:
    """A breadcrumb from the site's root (首页 > 新闻 > 正文): the content starts below it, and
    what was printed above it is the site's header."""
    if len(folded) > 100 or not BREADCRUMB.search(folded) or SENTENCE.search(folded[:-1]):
        return False
    crumbs = [crumb for crumb in re.split(r">>?|»|→|›", folded) if crumb.strip()]
    return len(crumbs) >= 3 or bool(re.match(r"(?:\S{0,6}首页|\S{0,4}位置)", folded))
