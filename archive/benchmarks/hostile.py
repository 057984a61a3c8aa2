"""Pages shaped to find a parser's slow paths, and an ordinary page to compare them with.

Why: a parse must cost time linear in its input, whatever the file holds; one rule that searches
back over a whole paragraph from each anchor, or compares each line with every earlier one, turns
an upload of a few hundred kilobytes into minutes of a web worker. Each shape repeats one unit (a
quote opening, a byline line, a bracket, a name and a speech verb, a line of page chrome…) to the
size asked, so ``bench_parse_hostile`` and the tests can time the same shape at two sizes: linear
means twice the text, about twice the time.
"""

from __future__ import annotations

from pathlib import Path

# Each unit is invented; none is taken from a real page.
SHAPES: dict[str, str] = {
    "quote openings": "他说：“",
    "byline lines": "记者 王小明 李大伟 摄影 赵强\n",
    "credit glued to text": "本报记者王小明摄影报道",
    "open brackets": "（【「《",
    "name and speech verb": "张晓东表示，",
    "titled speakers": "区委书记李建华说：“好。”",
    "short distinct lines": "第{n}版 要闻\n",
    "one long line": "上海市民在公园里散步晨练",
    "dateline brackets": "（本报讯 记者 王小明）",
    "dashes and signatures": "——王小明\n",
    "traditional script": "本報記者 陳小樂 攝 閔行區居民說：「好。」\n",
}


def hostile_page(shape: str, size_bytes: int) -> str:
    """The unit of ``shape`` repeated to about ``size_bytes`` of UTF-8, under a headline."""
    unit = SHAPES[shape]
    head = "测试页面\n\n"
    parts, size, number = [head], len(head.encode()), 0
    while size < size_bytes:
        piece = unit.format(n=number) if "{n}" in unit else unit
        parts.append(piece)
        size += len(piece.encode())
        number += 1
    return "".join(parts)


def ordinary_page(seeds_dir: Path, size_bytes: int) -> str:
    """The seed pages, one after another, repeated to about ``size_bytes``."""
    pages = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    text, index = "", 0
    while len(text.encode()) < size_bytes:
        text += pages[index % len(pages)] + "\n\n"
        index += 1
    return text
