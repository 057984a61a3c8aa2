"""Page chrome of web and e-paper copies: what is furniture, what the page names its headline.

A page saved from a newspaper's web site or e-paper carries more than the article: breadcrumbs,
share and app-download lines, the e-paper's page menu and list of other headlines, ratings,
comment boxes, footers, and metadata lines (``来源:X 作者:Y 2021-03-04 10:15``, ``第A09版:城市``).
This module drops the chrome, keeps the metadata in ``PageInfo`` (``pagemeta``) and collects
*title hints*:
lines the page itself repeats as the headline (in a breadcrumb, an ``原标题`` note, a ``【…】`` line
or simply printed twice), so that the headline is told from kickers, decks and site names.

Every rule is matched on a width-folded copy of the line (``fold``): full-width and half-width
brackets, colons, spaces and digits are the same to it. Printed text is kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.ingest import budget
from archive.ingest.bylines import parse_byline_line
from archive.ingest.crumbs import first_line_headline, headline_above_crumb, site_path, under_crumb
from archive.ingest.furniture import (
    BREADCRUMB,
    CHROME_LINE,
    DIALOG_BUTTON,
    EDITOR_ONLY,
    END_MARKERS,
    FOOTER,
    GENERIC_CRUMBS,
    LIST_ITEM_TAIL,
    OTHER_HEADLINES,
    PAGE_LABEL,
    PLACEHOLDER,
    SPAM,
    SPAM_PHRASES,
    SPAM_WORDS,
)
from archive.ingest.pagemeta import (
    META_FIELD,
    PART_MARK,
    RANK_DATE_LINE,
    RANK_STAMP,
    SENTENCE,
    PageInfo,
    date_and_account,
    date_in,
    is_menu_line,
    is_nav_line,
    is_repeated_name,
    page_header,
    read_meta,
    squash,
)
from archive.ingest.shapes import DAY
from archive.ingest.text import fold


def read_page(lines: list[str], info: PageInfo) -> list[str]:
    """Drop chrome lines, read metadata into ``info``; the lines left are the article text."""
    reader = _PageReader(info)
    for line in lines:
        budget.check()
        reader.read(line)
    headline_above_crumb(reader.above_crumb, reader.kept, info)
    first_line_headline(reader.kept, info)
    return _repeats(reader.kept, info, reader.listed)


@dataclass
class _PageReader:
    """The page read line by line, with what the lines so far say about the next ones."""

    info: PageInfo
    kept: list[str] = field(default_factory=list)
    listed: set[str] = field(default_factory=set)  # the page's list of headlines
    in_list = False  # under 本版列表新闻: its items follow
    menu_name_next = False  # under 第A01版 in the page menu: the page's name follows
    in_footer = False  # below the publisher's imprint: furniture to the end of the page
    prose_seen = False  # a sentence of the text has been read: an imprint now is the footer
    head_open = True  # no body paragraph yet: lines above a metadata line are headlines
    after_crumb = ""  # the breadcrumb just read: the line under it may be the page's headline
    above_crumb: list[str] = field(default_factory=list)  # the header dropped at the crumb
    dropped = False  # a dropped line leaves no blank line of its own (blank lines mean images)

    def read(self, line: str) -> None:
        if labelled := DATE_LABEL.match(line):  # date 2025-12-26: the page's date, then its text
            self.info.add_date(RANK_STAMP, date_in(labelled["date"], self.info))
            line = line[labelled.end() :]
            if len(line) <= MAX_STAMP_REST and not parse_byline_line(line.strip()):
                self.dropped = True  # 社会中心/综合报导, 快讯: the stamp's own words
                return
        folded = fold(line).strip()
        if folded.startswith("|"):  # a table's row: its cells' text, the borders left out
            line = TABLE_BORDER.sub(" ", line).strip()  # | 编辑: | 周明 | is 编辑: 周明
            folded = fold(line)
            if not folded:
                self.dropped = True
                return
        if not folded or PLACEHOLDER.match(folded):  # an image placeholder leaves a gap too
            self._blank()
            return
        self.dropped = True
        if self._skipped(line, folded) or self._furniture_block(line, folded):
            return
        line, folded = _cut_headline_tail(line, folded, self.info)
        if page_header(line, folded, self.info) or read_meta(
            line, folded, self.info, head_open=self.head_open
        ):
            if self.head_open and not EDITOR_ONLY.match(folded):
                # (责编:A) closes a story, under its last paragraph: it heads nothing
                self.info.head_lines.extend(text for text in self.kept if text)
            return
        self._keep(line, folded)

    def _blank(self) -> None:
        self.in_list = self.menu_name_next = False
        if not (self.dropped and self.kept and self.kept[-1] == ""):
            self.kept.append("")
        self.dropped = False

    def _skipped(self, line: str, folded: str) -> bool:
        """A line the lines before it make furniture: the footer's, the list's, the menu's."""
        if self.in_footer and len(folded) <= 80 and _no_sentence(folded):
            return True
        self.in_footer = False
        if self.in_list and len(folded) <= 40 and _no_sentence(folded):
            _list_item(line, self.info, self.listed)
            return True
        self.in_list = False
        menu_name, self.menu_name_next = self.menu_name_next, False
        return menu_name and len(folded) <= 8 and not re.search(r"[,，。:：]", folded)

    def _furniture_block(self, line: str, folded: str) -> bool:
        """A line that opens furniture (a page menu, a list, the footer) or lists headlines."""
        if PAGE_LABEL.match(folded):  # 第A01版 in the e-paper's page menu, its name below
            self.menu_name_next = True
        elif OTHER_HEADLINES.match(folded) or END_MARKERS.search(folded):
            self.in_list = True
        elif (
            folded.partition(LIST_MARK)[2].strip("~ ")
            and len(folded) <= 80
            and _no_sentence(folded)
        ):
            # 引题~~~副题 marks an item of the page's list wherever it stands, the list's
            # heading printed once or not at all; its wrapped lines follow until a blank line.
            # (标题~~~ alone may be the only copy of the headline: titles cut the mark.)
            _list_item(line, self.info, self.listed)
            self.in_list = True
        elif len(folded) <= 60 and FOOTER.search(folded):
            self.in_footer = self.prose_seen  # above the text it is the site's header, one line
        elif _headline_list(folded):
            self.listed.update(squash(token) for token in folded.split())
        else:
            return False
        return True

    def _dialog_message(self, folded: str) -> None:
        """A dialog's button (我知道了, 确定): the short line above it, blank lines between, is
        the dialog's message to the reader (这已经是最后一期了), not the page's text."""
        if not (self.head_open and DIALOG_BUTTON.match(folded)):
            return
        last = len(self.kept) - 1
        while last >= 0 and not self.kept[last]:  # blank lines collapse: a step or two
            last -= 1
        if last >= 0 and len(self.kept[last]) <= MAX_DIALOG_MESSAGE:
            del self.kept[last:]

    def _keep(self, line: str, folded: str) -> None:
        if self.head_open and site_path(folded):
            self.above_crumb = [text for text in self.kept if text]
            self.kept = [text for text in self.kept if text in self.info.title_hints]
            self.after_crumb = folded  # what was above the site's path was its header
        if _chrome(line, folded, self.info):
            self._dialog_message(folded)
            return
        if self.after_crumb:
            under_crumb(line, folded, self.info, self.after_crumb)
            self.after_crumb = ""
        if len(folded) > 80 and SENTENCE.search(folded):
            self.head_open = False
        self.prose_seen = self.prose_seen or bool(SENTENCE.search(folded))
        self.kept.append(line)
        self.dropped = False


TABLE_BORDER = re.compile(r"\s*[|｜]\s*")
MAX_DIALOG_MESSAGE = 30


# A page saved with its date as a labelled field before the first line of its text.
MAX_STAMP_REST = 20  # longer, a paragraph run on after the date
DATE_LABEL = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{1,2}(?:-\d{1,2})?)\b\s*")


def _no_sentence(folded: str) -> bool:
    """No sentence ends before the line's last character (asked only of a line in a footer or
    a list: most lines are neither)."""
    return not SENTENCE.search(folded[:-1])


# 中新社上海11月6日电 题:标题 — an agency's dateline that prints the headline after 题.
DATELINE_TITLE = re.compile(
    rf"^\S{{2,16}}?{DAY}{{1,3}}\s*月\s*{DAY}{{1,3}}\s*日\s*电\s*题\s*:\s*(?P<title>.+)$"
)
# 标题 发布时间:2026年01月22日 — a web page's time stamp glued to the headline line.
# 标题 来源:晨光网 发布时间:2026年01月22日 — a web page's metadata glued to its headline line.
META_TAIL = re.compile(r"\s(?:来源|作者|发布时间|发布日期|更新时间)\s*:")  # one space: no rescans


def _cut_headline_tail(line: str, folded: str, info: PageInfo) -> tuple[str, str]:
    """A headline line without the dateline before it or the metadata after it (which is read
    into ``info``); the line unchanged when it is none of these."""
    titled = DATELINE_TITLE.match(folded)
    if titled and len(titled["title"]) <= 60:
        start = len(folded) - len(titled["title"])
        line = line.strip()[start:]
        # the page's own headline printed above may hold it with a column (某栏目:标题): that one
        printed = [head for head in info.head_lines if fold(head).endswith(titled["title"])]
        info.hint(printed[0] if printed else line)
        return line, titled["title"]
    tail = META_TAIL.search(folded)
    head = folded[: tail.start()] if tail else ""
    if len(head) < 4 or SENTENCE.search(head) or META_FIELD.search(head):
        return line, folded  # no tail, or a metadata line from its start
    if not read_meta(line.strip()[tail.start() :].strip(), folded[tail.start() :].strip(), info):
        return line, folded
    line = line.strip()[: tail.start()]
    info.head_lines.append(line)
    return line, head


LIST_MARK = "~~~"


def _list_item(line: str, info: PageInfo, listed: set[str]) -> None:
    """An item of the page's list of headlines; an e-paper lists 引题~~~副题, the main headline
    being printed elsewhere, so what stands before ~~~ is a kicker."""
    kicker, tilde, subtitle = line.partition(LIST_MARK)
    if not tilde:
        listed.add(squash(LIST_ITEM_TAIL.sub("", line)))
        return
    for part in (kicker, subtitle.strip("~")):
        key = "~" + squash(part)  # beside the listed headlines, never equal to one
        if key != "~" and key not in listed:
            listed.add(key)
            info.kicker_hints.append(part.strip())


def _headline_list(folded: str) -> bool:
    """The page's other headlines printed in one line (an e-paper's top bar)."""
    if len(folded) <= 40 or SENTENCE.search(folded) or META_FIELD.search(folded):
        return False  # prose, or a line of fields (来源:… 作者:…), is no list of headlines
    tokens = folded.split()
    return len(tokens) >= 5 and all(3 <= len(token) <= 24 for token in tokens)


def _chrome(line: str, folded: str, info: PageInfo) -> bool:
    if len(folded) <= 100 and BREADCRUMB.search(folded) and not SENTENCE.search(folded[:-1]):
        crumbs = [crumb.strip() for crumb in re.split(r">>?|»|→|\|", folded)]
        last = crumbs[-1] if crumbs else ""
        generic = any(word in GENERIC_CRUMBS for word in last.split())  # 正文 申请入驻
        if last not in GENERIC_CRUMBS and not generic and len(crumbs) >= 2:
            start = folded.rfind(last)
            info.hint(line.strip()[start : start + len(last)])
        return True
    if is_nav_line(folded):
        info.add_date(RANK_DATE_LINE, date_in(folded, info))
        return True
    if is_repeated_name(folded) or (is_menu_line(folded) and not parse_byline_line(line)):
        return True
    if not any(char.isalnum() for char in folded):
        return True  # emoji, rules and symbols: no word to read
    if len(folded) <= 40 and (CHROME_LINE.search(folded) or PLACEHOLDER.match(folded)):
        return True
    if len(folded) <= 30 and bool(SPAM.search(folded)) and not SENTENCE.search(folded):
        return True
    return _stuffed(folded) or date_and_account(folded, info)


def _stuffed(folded: str) -> bool:
    """Keyword-stuffed spam: a run of short phrases, no sentence, several of them adult words."""
    if SENTENCE.search(folded):  # prose: not split into phrases at all
        return False
    phrases = [phrase for phrase in re.split(r"[,，|、\s_-]+", folded) if phrase]
    if len(phrases) < SPAM_PHRASES:
        return False
    short = all(len(phrase) <= 16 for phrase in phrases)
    return short and sum(bool(SPAM_WORDS.search(phrase)) for phrase in phrases) >= 2


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
    prose_begun = False
    for line, key in zip(cleaned, keys, strict=True):
        # A line printed again before the story's prose is its headline; one printed twice
        # inside the story is a picture's alt text and its caption.
        repeated = (counts.get(key, 0) >= 2 and not prose_begun) or key in listed
        if repeated and not parse_byline_line(line):  # a reporter may sign two articles
            info.hint(line)
        prose_begun = prose_begun or _is_prose(line)
    every = set(counts)
    hints = {squash(hint) for hint in info.title_hints}
    seen: set[str] = set()
    kept: list[str] = []
    heads: set[str] = set()  # short lines seen so far: only they can be glued to a later line
    starts: set[str] = set()  # their first MIN_HEAD characters
    previous = ""
    for line, key in zip(cleaned, keys, strict=True):
        if (key in hints and key in seen) or (key and key == previous and len(key) <= MAX_HEAD):
            kept.append("")  # a repeated headline or an image's alt text printed as its caption
            continue
        previous = key or previous
        prefix = _glued_head(key, heads, hints, every) if key[:MIN_HEAD] in starts else None
        seen.add(key)
        if MIN_HEAD <= len(key) <= MAX_HEAD:
            heads.add(key)
            starts.add(key[:MIN_HEAD])  # a line opening otherwise is glued to no head: no look-up
        if prefix is None:
            kept.append(line)
            continue
        cut = _printed_length(line, prefix)
        info.hint(line[:cut])
        rest = line[cut:].strip()
        if rest and squash(rest) not in every:
            kept.append(rest)
    return kept


MIN_HEAD, MAX_HEAD = 5, 80  # what a headline glued to a later line can be


def _glued_head(key: str, heads: set[str], hints: set[str], every: set[str]) -> str | None:
    """The earlier short line ``key`` begins with, when it is a headline (a hint, or what
    follows it is a line of its own): looked up prefix by prefix, so each line costs at most
    MAX_HEAD lookups however long the page."""
    for length in range(MIN_HEAD, min(len(key) - 1, MAX_HEAD) + 1):
        head = key[:length]
        if head in heads and (head in hints or key[length:] in every):
            return head
    return None


MIN_PROSE = 20  # a line this long ending a sentence is the story's text, not its head


def _is_prose(line: str) -> bool:
    return len(line) >= MIN_PROSE and line.rstrip().endswith(("。", "！", "？", "”"))


MIN_LISTED = 6  # a listed item printed again on its own line is a headline, not a name


def _headline_row(line: str, printed: set[str], listed: set[str]) -> bool:
    """The page's headlines in one row, one of them printed again on its own line as the
    headline: the row is the page's list; its items become hints."""
    tokens = line.split()
    if len(tokens) < 3 or len(line) > 120 or "。" in line:  # a listed headline may ask (?)
        return False
    if not all(2 <= len(token) <= 30 for token in tokens):  # 2: a headline spaced in parts
        return False
    if not any(len(key := squash(token)) >= MIN_LISTED and key in printed for token in tokens):
        return False  # (a name printed again, as a signature is, makes no list of headlines)
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
