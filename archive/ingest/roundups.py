"""A roundup's items: short reports printed one after another under numbers (① 某区:标题 / its
text / ② …). Their numbered lines read like the numbered captions of a photo page, but a
caption describes a picture in a sentence while an item's line is a headline over prose."""

from __future__ import annotations

import re
from dataclasses import replace

from archive.ingest.gazetteer import place_names
from archive.ingest.layout import Kind, Paragraph
from archive.ingest.names import CJK
from archive.ingest.photos import NUMBERED
from archive.ingest.shapes import has_sentence_end, is_headline_like

MIN_ITEMS = 2  # one numbered headline may be a caption's title; a series is a roundup
MIN_ITEM_TEXT = 40


def roundup_items(items: list[Paragraph]) -> list[Paragraph]:
    """Numbered headline-shaped lines, each over a paragraph of prose, two or more on the page:
    each heads an item (a headline the page lists), its number cut."""
    heads = [index for index in range(len(items) - 1) if _item_head(items[index], items[index + 1])]
    if len(heads) < MIN_ITEMS:
        return items
    result = list(items)
    for index in heads:
        text = NUMBERED.sub("", items[index].text, count=1).strip()
        label = PLACE_LABEL.match(text)
        if label and label["place"] in place_names():
            text = text[label.end() :]  # 某区:标题: the item's place, its dateline, then its head
        result[index] = replace(items[index], text=text, kind=Kind.SHORT, found=None, hint=2)
    return result


PLACE_LABEL = re.compile(rf"^(?P<place>[{CJK}]{{2,5}})\s*[:：]\s*(?=\S)")


def _item_head(line: Paragraph, below: Paragraph) -> bool:
    if line.kind is not Kind.NUMBERED_CAPTION or below.kind is not Kind.TEXT:
        return False
    text = NUMBERED.sub("", line.text, count=1).strip()
    prose = len(below.text) >= MIN_ITEM_TEXT and has_sentence_end(below.text)
    return bool(text) and prose and is_headline_like(text)
