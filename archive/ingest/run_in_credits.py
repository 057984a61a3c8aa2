"""Credits a copy ran into other text, set apart as lines of their own.

A mirror or a PDF's text joins what a page printed on separate lines: a headline and its
credit (标题■本报记者 周明), a credit between two sentences of the text (…。 记者 周明 昨天，…),
a photo's credit after a quoting paragraph or before a dateline. ``credit_apart`` splits a line
at such a credit, reading it with the credit grammar (``credits``), never by a form of one page.
"""

from __future__ import annotations

import re
from itertools import islice

from archive.ingest.bylines import BULLETS, parse_byline_line
from archive.ingest.credit_tokens import ROLE_AT_START
from archive.ingest.credits import credit_from, find_credit
from archive.ingest.names import is_plausible_name
from archive.ingest.photos import parse_credit
from archive.ingest.quotes.common import VERB_PATTERN
from archive.ingest.roles import WRITERS
from archive.ingest.shapes import DATELINE_START, has_sentence_end
from archive.ingest.text import fold

# A paragraph that quotes someone (“…”周明说。) is the story's text, never a caption, even with a
# photo's credit run on after it (…周明说。某某社记者 李华摄): the credit is a line of its own.
QUOTED_SPEECH = re.compile(
    rf"”[^。！？“”]{{0,16}}?(?:{VERB_PATTERN})|(?:{VERB_PATTERN})[：:，,]?\s*“"
)
SENTENCE_THEN_CREDIT = re.compile(r"[。！？]\s*(?=[^。！？]{3,40}(?:摄|摄影)$)")


def _photo_credit_after_quote(line: str) -> int | None:
    """Where a photo's credit glued to the end of a quoting paragraph begins, or None."""
    if not line.endswith(("摄", "摄影")) or not QUOTED_SPEECH.search(line):
        return None
    cuts = list(SENTENCE_THEN_CREDIT.finditer(line))
    return cuts[-1].end() if cuts and parse_credit(line[cuts[-1].end() :]) else None


MARKED_ROLE_SEPARATOR = re.compile(r"[|丨:：｜]")


# (某某社 周明摄) 某某社上海3月2日电…: the photo's credit in brackets, then the lead's dateline.
BRACKETED_PHOTO_CREDIT = re.compile(r"^\s*[（(][^（()）]{2,40}?摄[）)]\s*(?=\S)")


# 街景。(某某社 周明摄) 某某社上海3月2日电(记者 周明)…: a caption and its credit run into the lead.
CAPTION_CREDIT_CLOSE = re.compile(r"[（(][^（()）]{2,40}?摄[）)]\s*")


def _dateline_after_caption(line: str) -> int | None:
    """Where a report's dateline begins right after a caption's bracketed credit, or None."""
    for credit in CAPTION_CREDIT_CLOSE.finditer(line):
        if credit.start() and DATELINE_START.match(line[credit.end() : credit.end() + 30]):
            return credit.end()
    return None


def credit_apart(line: str) -> list[str]:
    """A credit run together with other text (``标题 记者|A 摄影|B 正文…``, as a mirror copies a
    page's head onto one line) is a line of its own, between what came before and after it."""
    bracketed = BRACKETED_PHOTO_CREDIT.match(fold(line))
    if bracketed and parse_credit(line[: bracketed.end()].strip()):
        return [line[: bracketed.end()].strip(), *credit_apart(line[bracketed.end() :])]
    if (glued := _photo_credit_after_quote(line)) is not None:
        return [line[:glued].rstrip(), line[glued:].strip()]
    if (lead := _dateline_after_caption(line)) is not None:
        return [line[:lead].rstrip(), line[lead:].strip()]
    if (marked := _credit_after_bullet(line)) is not None:
        return [line[:marked].rstrip(), line[marked:].strip()]
    if (closing := _credit_before_bullet(line)) is not None:
        start, end = closing
        return [line[:start].rstrip(), line[start:end].strip(), *credit_apart(line[end:])]
    if (spaced := _credit_between_sentences(line)) is not None:
        start, end = spaced
        rest = line[end:].strip()  # a bar or a bracket closing the credit goes with it
        after = credit_apart(rest) if any(char.isalnum() for char in rest) else []
        return [line[:start].rstrip(), line[start:end] if after else line[start:].strip(), *after]
    if not MARKED_ROLE_SEPARATOR.search(line):  # a marked role prints | 丨 or : after it
        return [line]
    found = find_credit(line)
    if found is None:
        return [line]
    start, end, bylines = found
    if (start == 0 and end == len(line)) or not any(b.role in WRITERS for b in bylines):
        return [line]  # a caption's own credit (街景。摄影:A) is read with the caption
    parts = (line[:start].strip(), line[start:end], line[end:].strip())
    if not any(char.isalnum() for char in parts[0] + parts[2]):
        return [line]  # (某台记者:A B 编辑:C): the brackets go with their credit
    # (记者:A B 拍摄:C): a bracket left alone by the split is no line of its own
    return [part for part in parts if any(char.isalnum() for char in part)]


BULLET_THEN_CREDIT = re.compile(rf"\s*[{BULLETS}](?=[^{BULLETS}]{{2,40}}$)")


def _credit_after_bullet(line: str) -> int | None:
    """``标题■本报记者 周明``: a headline and its writers' credit on one line, the bullet that
    sets a credit apart between them; where the bullet stands, or None."""
    if len(line) > MAX_HEADED_CREDIT_LINE or not (found := BULLET_THEN_CREDIT.search(line)):
        return None
    head, credit = line[: found.start()].strip(), line[found.end() :].strip()
    if len(head) < 2 or has_sentence_end(head):
        return None
    bylines = parse_byline_line(credit)
    if not bylines or not any(byline.role in WRITERS for byline in bylines):
        return None
    return found.start()


# A roundup's items run together: …注射了。本报记者周明■某区的李先生…: the credit closing one
# item stands between its last sentence and the bullet opening the next.
CREDIT_BEFORE_BULLET = re.compile(
    rf"(?<=[。！？!?”])\s*(?P<credit>[^。！？!?{BULLETS}]{{3,30}}?)\s*(?=[{BULLETS}])"
)
MAX_BULLETS_TRIED = 20


def _credit_before_bullet(line: str) -> tuple[int, int] | None:
    """(start, end) of a writer's credit closing an item before the next item's bullet, or None."""
    if not any(bullet in line for bullet in BULLETS):
        return None
    for found in islice(CREDIT_BEFORE_BULLET.finditer(line), MAX_BULLETS_TRIED):
        bylines = parse_byline_line(found["credit"])
        if bylines and any(byline.role in WRITERS for byline in bylines):
            return found.start("credit"), found.end()
    return None


MAX_HEADED_CREDIT_LINE = 100
# A sentence's end, then spaces: where a credit laid out in space-separated words may start.
AFTER_SENTENCE = re.compile(r"[。！？!?”]\s+(?=\S)")
MAX_SENTENCE_GAPS = 40  # gaps tried in one line: a long text with spaces costs linear time


def _credit_between_sentences(line: str) -> tuple[int, int] | None:
    """``…作出贡献。 记者 周明 李华 见习记者 方圆 昨天，…``: a credit a copy ran into the
    text (a PDF's columns joined), each role a word of its own between spaces; (start, end) of
    the credit, or None."""
    if " " not in line or len(line) < MIN_RUN_IN_LINE:
        return None
    folded = fold(line)
    for gap in islice(AFTER_SENTENCE.finditer(folded), MAX_SENTENCE_GAPS):
        start = gap.end()
        if not ROLE_AT_START.fullmatch(folded[start:].split(" ", 1)[0]):
            continue  # the credit opens on a role printed as a word of its own: 记者, 见习记者
        run = credit_from(folded, start)
        if run is None or folded[run[0] : run[0] + 1] not in (" ", ""):
            continue
        end, bylines = run
        # In running text a role vouches for no shape: each name stands by its surname.
        if any(b.role in WRITERS for b in bylines) and all(
            is_plausible_name(b.name) for b in bylines
        ):
            return start, end
    return None


MIN_RUN_IN_LINE = 40  # shorter, a line of its own: the credit reader sees it whole
