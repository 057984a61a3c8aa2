"""Bytes to clean lines: decoding, whitespace, front matter and e-paper page chrome."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from archive.ingest.types import IngestError

MAX_BYTES = 2 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "gb18030")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
FRONT_MATTER_KEYS = {"publication", "date", "page", "column"}

# E-paper page chrome: navigation and toolbars, never article text.
CHROME = re.compile(
    r"^(?:上一版|下一版|上一期|下一期|上一篇|下一篇|放大|缩小|默认|返回目录|返回首页|版面导航|本版导航|"
    r"标题导航|往期回顾|打印|分享到?|收藏|关闭窗口|PDF版|PDF下载|[\s|｜>＞<＜]+)"
    r"(?:[\s|｜]*(?:上一版|下一版|上一期|下一期|上一篇|下一篇|放大|缩小|默认|返回目录|打印|收藏|PDF下载))*\s*$"
)
PAGE_LINE = re.compile(
    r"^第?\s*(?P<page>[A-Z]?\d{1,3})\s*版\s*[:：]?\s*(?P<name>[^\d\s]{0,12})\s*$"
)
DATE_LINE = re.compile(
    r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:星期.|周.)?\s*$"
)
OTHER_HEADLINES = re.compile(
    r"^(?:本版其他文章|本版其它文章|相关新闻|相关阅读|本版导读)\s*[:：]?\s*$"
)


@dataclass
class PageInfo:
    """Metadata read from front matter or page chrome; front matter wins."""

    publication: str | None = None
    published_on: str | None = None
    page: str | None = None
    column: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def calendar_date(year: str, month: str, day: str, *, printed: str, info: PageInfo) -> str | None:
    """``YYYY-MM-DD`` when the numbers name a real day. 2022年13月45日 passes every pattern but
    is no day: the file still imports, undated, with a warning that says what was printed."""
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        info.warnings.append(f"日期不存在，已忽略：{printed} (not a calendar date)")
        return None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030; anything else is refused with the reason."""
    if not data.strip():
        raise IngestError("文件为空 (empty file)")
    if len(data) > MAX_BYTES:
        raise IngestError(f"文件过大 (over {MAX_BYTES // 1024 // 1024} MB)")
    if b"\x00" in data[:8192]:
        raise IngestError("二进制文件，不是文本 (binary file, not text)")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise IngestError("无法识别的编码：需要 UTF-8 或 GB18030 (not UTF-8 or GB18030 text)")


def _looks_like_text(text: str) -> bool:
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f"
    )
    return controls <= len(text) // 100


def normalize(text: str) -> str:
    """Unify line ends and spaces; keep the text otherwise as it was."""
    text = text.translate(ZERO_WIDTH).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u3000", " ").replace("\u00a0", " ").replace("\t", " ")
    return "\n".join(line.strip() for line in text.split("\n"))


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """An optional ``---`` block of ``key: value`` lines at the top of the file."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    values = {}
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            key, sep, value = line.partition("：")
        key = key.strip().lower()
        if sep and key in FRONT_MATTER_KEYS and value.strip():
            values[key] = value.strip().strip("\"'")
    return values, text[match.end() :]


def strip_chrome(lines: list[str], info: PageInfo) -> list[str]:
    """Drop navigation lines and lists of other headlines; keep page and date as metadata."""
    kept: list[str] = []
    skipping_list = False
    for line in lines:
        if OTHER_HEADLINES.match(line):
            skipping_list = True
            continue
        if skipping_list:
            if line:
                continue
            skipping_list = False
        if line and CHROME.match(line):
            continue
        page = PAGE_LINE.match(line)
        if page and len(line) <= 20:
            info.page = info.page or page.group("page").lstrip("0") or page.group("page")
            if page.group("name"):
                info.extra.setdefault("page_name", page.group("name"))
            continue
        date = DATE_LINE.match(line)
        if date:
            year, month, day = date.group("y", "m", "d")
            printed = f"{year}年{month}月{day}日"
            found = calendar_date(year, month, day, printed=printed, info=info)
            info.published_on = info.published_on or found
            continue
        kept.append(line)
    return kept
