"""Bytes to clean lines: decoding, whitespace, front matter and e-paper page chrome."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from archive.ingest.names import CJK, is_plausible_name
from archive.ingest.types import IngestError

MAX_BYTES = 2 * 1024 * 1024
# Shanghai's first newspaper (the North-China Herald) dates from 1850; later than 2100 is a misread.
FIRST_YEAR, LAST_YEAR = 1850, 2100
ENCODINGS = ("utf-8-sig", "gb18030")
# Longest mark first: UTF-32-LE's mark begins with UTF-16-LE's.
WIDE_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
PAGE_RANGES = (
    ("\t", "~"),
    ("\u00a0", "\u00ff"),
    ("\u2000", "\u2bff"),  # punctuation, symbols, box drawing, shapes (■ ● ★)
    ("\u3000", "\u33ff"),  # CJK punctuation, kana, bopomofo, enclosed and compatibility forms
    ("\u3400", "\u9fff"),
    ("\uff00", "\uffef"),
)
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
FRONT_MATTER_KEYS = {"publication", "date", "page", "column", "url", "kind", "accessed"}

# Full-width ASCII variants and the ideographic space → their ASCII forms, one character for one,
# so a position in the folded text is the same position in the printed text.
WIDTH = str.maketrans(
    "".join(chr(code) for code in range(0xFF01, 0xFF5F)) + "\u3000",
    "".join(chr(code) for code in range(0x21, 0x7F)) + " ",
)
# Scraper copies gloss words with pinyin: 九里(jiǔlǐ)亭, 徐祯曜(yào) 摄.
# Each pattern begins with what it matches, not with what comes before, so the search skips to
# its first character instead of trying the look-behind at every position.
PINYIN_GLOSS = re.compile(
    r"[(（](?<=[\u3400-\u9fff][(（])[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ\s]{1,30}[)）]"
)
# Aggregators space out punctuation: "5月20日这天 , 沪上" · "光华医院 。".
SPACES = re.compile(r"\s+")
SPACED_PUNCTUATION = re.compile(r" (?<=\S ) *([,，。！？；;、”’」』）)]) ?|([“‘「『（(]) +")


# Unicode's control characters (category Cc) other than the line and page breaks and the tab.
CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]+")


@lru_cache(maxsize=4096)  # the same line is folded by chrome, layout and bylines in turn
def fold(text: str) -> str:
    """Half-width for matching: ``（记者：王伟）`` and ``(记者:王伟)`` read the same."""
    # Translating only the full-width runs is several times faster than translating every
    # character of a Chinese paragraph.
    return FULL_WIDTH.sub(lambda run: run.group().translate(WIDTH), text)


def calendar_date(year: str | int, month: str | int, day: str | int) -> str | None:
    """``YYYY-MM-DD`` for a real calendar day in the age of newspapers, else None (2022-02-30 is
    not a date; 0001-01-01 and 9999-12-31 are misreads)."""
    try:
        day_ = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return day_.isoformat() if FIRST_YEAR <= day_.year <= LAST_YEAR else None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030; anything else is refused with the reason."""
    if not data.strip():
        raise IngestError("文件为空 (empty file)")
    if len(data) > MAX_BYTES:
        raise IngestError(f"文件过大 (over {MAX_BYTES // 1024 // 1024} MB)")
    wide = _decode_wide(data)
    if wide is not None:
        return wide
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


def _decode_wide(data: bytes) -> str | None:
    """UTF-32 or UTF-16 text (as Windows editors save it), by its byte-order mark, or without
    one when the bytes hold NULs and decode to what a page is made of; None for anything else."""
    for mark, encoding in WIDE_MARKS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(encoding)
            except UnicodeDecodeError:
                message = f"{encoding.upper()} 文件中有无效字节 (invalid {encoding})"
                raise IngestError(message) from None
            return text if _looks_like_text(text) else None
    if b"\x00" not in data[:8192] or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text) and _mostly_page_characters(text):
            return text
    return None


def _mostly_page_characters(text: str) -> bool:
    """Newspaper text is ASCII, CJK ideographs and CJK or full-width punctuation; bytes that merely
    decode as UTF-16 spread over the whole range and fall short of this."""
    sample = text[:4096]
    usual = sum(1 for char in sample if any(low <= char <= high for low, high in PAGE_RANGES))
    return usual >= len(sample) * 0.95


def _looks_like_text(text: str) -> bool:
    return len(CONTROLS.findall(text)) <= len(text) // 100


# A copy that lost a page's line breaks keeps them as runs of spaces between the parts (标题   ■记者
# 周明   记者：…): three or more spaces inside a line are a line break, unless a bare name follows
# (摄影|周明   林青: a credit spaces its names apart). A padded name (刘  峰) has two.
LOST_BREAK = re.compile(r"(?<=\S) {3,}(?=\S)")
BARE_NAME = re.compile(rf"[{CJK}]{{2,3}}(?= |$)")


def _lost_breaks(text: str) -> str:
    def restored(gap: re.Match[str]) -> str:
        name = BARE_NAME.match(text, gap.end())
        if name and is_plausible_name(name.group()):
            return gap.group()
        return " " if _inside_brackets(text, gap.start(), gap.end()) else "\n"

    return LOST_BREAK.sub(restored, text)


BRACKET_REACH = 40  # characters looked at on each side of a gap: the cost stays linear


def _inside_brackets(text: str, start: int, end: int) -> bool:
    """A gap between ``(`` and ``)`` on one line pads the bracket's text (《某报》( 3月5日   第
    2版)): no line break was lost there."""
    before = text[max(0, start - BRACKET_REACH) : start].rsplit("\n", 1)[-1]
    after = text[end : end + BRACKET_REACH].split("\n", 1)[0]
    opened = max(before.rfind("("), before.rfind("（"))
    closed = max(before.rfind(")"), before.rfind("）"))
    return opened > closed and bool(re.search(r"[)）]", after))


# A forum's copy guard scatters runs of random ASCII pairs through the text (` q7 K$ ]& w% `):
# four or more tokens of one or two characters, most of them a symbol or a letter with a digit.
# A last character glued to the text goes only if it is no digit (R3月8日: the 3 is the date's).
JAMMER = re.compile(
    r"(?<![!-~])(?:[!-~]{1,2} +){3,}(?:[!-~]{1,2}(?=\s|$)|[!-~]?[!-/:-~](?![!-~])|[!-/:-~](?=\d))?"
)
JAMMER_HINT = re.compile(r" [!-~]{1,2} +[!-~]{1,2} ")
JAMMED_TOKEN = re.compile(r"[^A-Za-z0-9]|[A-Za-z][0-9]|[0-9][A-Za-z]")


def _without_jammer(run: re.Match[str]) -> str:
    tokens = run.group().split()
    jammed = sum(1 for token in tokens if JAMMED_TOKEN.search(token))
    return "" if jammed * 2 > len(tokens) else run.group()


def normalize(text: str) -> str:
    """Unify line ends and spaces; keep the text otherwise as it was."""
    text = ZERO_WIDTH.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u3000", " ").replace("\u00a0", " ").replace("\t", " ")
    text = PINYIN_GLOSS.sub("", text)
    if JAMMER_HINT.search(text):  # a literal space opens it: the search skips in C
        text = JAMMER.sub(_without_jammer, text)
    text = SPACED_PUNCTUATION.sub(lambda m: m.group(1) or m.group(2), text)
    text = _lost_breaks(text)
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
