"""Where a page came from: its web address and whether it is a print page or a web page.

Why both: GB/T 7714 cites a web page as ``[EB/OL]`` with its address and the day it was read, a
newspaper page as ``[N]`` (``[N/OL]`` with the address of its e-paper copy). A file says so in its
front matter (``url:``, ``kind: web``, ``accessed: 2024-05-01``), or the page prints its address
(``原文链接：https://…``, a bare address line, ``来源：某网 https://…``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

PRINT, WEB = "print", "web"
MAX_ADDRESS = 500  # Article.source_url's length
# Written by anything but a browser's address bar: spaces, quotes and angle brackets end it.
ADDRESS = re.compile(r"https?://[^\s\"'<>()（）\[\]{}，。；、]+", re.I)
ADDRESS_LABEL = re.compile(
    r"^(?:原文链接|原文地址|原文网址|本文链接|文章链接|新闻链接|网页链接|来源网址|链接|网址|原文|来源|URL)"
    r"\s*[:：]?\s*",
    re.I,
)
KIND_WORDS = {
    "print": PRINT,
    "paper": PRINT,
    "报纸": PRINT,
    "纸质": PRINT,
    "版面": PRINT,
    "web": WEB,
    "online": WEB,
    "网页": WEB,
    "网络": WEB,
    "网站": WEB,
}


def web_address(value: str) -> str | None:
    """``value`` if it is an http(s) address a reader could follow, else None."""
    value = value.strip().strip("<>\"'")
    if not value or len(value) > MAX_ADDRESS or ADDRESS.fullmatch(value) is None:
        return None
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # a bad port or bracketed host
        return None
    host = parts.hostname or ""
    if not port_ok or not ("." in host or host == "localhost") or host.startswith("."):
        return None
    return value


def address_line(folded: str) -> str | None:
    """The address a line prints as its whole content: ``原文链接：https://…``, a bare
    address, or ``来源：某网 https://…`` (the site's name is read as the source elsewhere)."""
    if len(folded) > MAX_ADDRESS + 40:  # a paragraph, not an address line
        return None
    rest = ADDRESS_LABEL.sub("", folded, count=1).strip().strip("<>")
    match = ADDRESS.search(rest)
    if match is None:
        return None
    before = rest[: match.start()].split()
    if rest[match.end() :].strip() or len(before) > 1 or (before and len(before[0]) > 12):
        return None
    return web_address(match.group())


def source_kind(*, declared: str | None, page: str | None, address: str | None, stamped: bool):
    """Print or web: as the front matter says; else a page number means a print page (an
    e-paper copy shows one), an address or a web time stamp (2020-09-14 12:17) a web page."""
    if declared and declared.strip().lower() in KIND_WORDS:
        return KIND_WORDS[declared.strip().lower()]
    if page:
        return PRINT
    return WEB if address or stamped else PRINT
