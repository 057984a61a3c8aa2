"""A synthetic newspaper run for benchmarks: raw page files in the forms the importer reads, with
the truth about each written beside them in the development set's gold format.

Pure (no database). Deterministic for a seed. Words are drawn from jieba's own dictionary with its
frequencies, so word frequencies follow a real Chinese corpus's long tail rather than a few hundred
repeated paragraphs; about 2,000 reporters and 20,000 quoted speakers (a few prolific, most rare)
over twenty years; places from the gazetteer's streets and towns. Every page belongs to one of a
dozen Shanghai papers, each with its own days, page count and way of printing page labels, so a
paper's share of the pages follows how often and how thick it appears (the dailies far more than
the district weeklies), and a district paper writes mostly about its own district.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from archive.ingest.districts import DISTRICTS
from archive.ingest.gazetteer import DATA
from archive.ingest.names import SURNAMES

GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲芬燕彬鹏辉建国志宏文斌海波晓东雪琳婷"
    "颖琦嘉怡欣宇浩然涵诗雨梓萱俊思远鸣佑晨阳子轩博瑞泽睿佳琪蕾慧璐薇倩菲岚翔宁峰昊凯亮毅琳瑾"
)
SECTIONS = ("要闻", "综合新闻", "上海新闻", "区域新闻", "社区", "经济", "文化", "体育", "民生")
TITLES = ("局长", "副局长", "主任", "副主任", "书记", "区长", "副区长", "镇长", "校长", "院长")
ORGS = ("民政局", "卫健委", "发展改革委", "文化旅游局", "教育局", "城运中心", "街道办事处")
VERBS = ("说", "表示", "介绍", "告诉记者")
WEEKDAYS = "一二三四五六日"
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@lru_cache(maxsize=1)
def vocabulary() -> tuple[list[str], list[float]]:
    """jieba's dictionary words of two to four characters and their cumulative frequencies."""
    import jieba

    words, cumulative, total = [], [], 0.0
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        if CJK_WORD.match(word):
            total += int(freq)
            words.append(word)
            cumulative.append(total)
    return words, cumulative


@lru_cache(maxsize=1)
def towns() -> list[tuple[str, str]]:
    """(street or town, district) pairs from the gazetteer's data."""
    names = {d.code: d.name for d in DISTRICTS}
    pairs = []
    for line in (DATA / "shanghai_towns.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name, *_ = line.split("\t")
        district = names.get(code[:6])
        if district and len(name) >= 3:
            pairs.append((name, district))
    return pairs


@dataclass(frozen=True)
class Paper:
    """A paper as its pages print it: the days it appears (0 is Monday), its pages an issue, and
    how it labels them: ``第{label}版：`` or a bare ``{label}：``, numbered (``1``, ``01``) or
    lettered by section (``A1``, ``A01``, ``B3``)."""

    name: str
    code: str  # for file names
    weekdays: tuple[int, ...]
    pages: int
    letters: str = ""  # sections, pages split evenly between them; none: numbered straight
    width: int = 1  # digits printed: 2 for 01, A01
    ordinal: bool = True  # 第A1版：要闻, or the bare A1：要闻
    district: str | None = None  # a district paper's own
    dateline: str = "本报讯"  # how its reports open

    def label(self, number: int) -> str:
        """The printed label of the paper's page ``number`` (1-based)."""
        if not self.letters:
            return f"{number:0{self.width}d}"
        per_section = -(-self.pages // len(self.letters))
        letter = self.letters[(number - 1) // per_section]
        return f"{letter}{(number - 1) % per_section + 1:0{self.width}d}"

    def header(self, number: int, section: str) -> str:
        label = self.label(number)
        return f"第{label}版：{section}" if self.ordinal else f"{label}：{section}"


DAILY, WEEKDAYS_ONLY = tuple(range(7)), tuple(range(5))
PAPERS = (
    Paper("解放日报", "jfrb", DAILY, 16),
    Paper("文汇报", "whb", DAILY, 12, letters="A"),
    Paper("新民晚报", "xmwb", DAILY, 28, letters="AB", width=2, dateline="新民晚报讯"),
    Paper("新闻晨报", "xwcb", WEEKDAYS_ONLY, 16, letters="A", ordinal=False),
    Paper("青年报", "qnb", WEEKDAYS_ONLY, 8, width=2),
    Paper("劳动报", "ldb", (0, 2, 4, 5), 8, width=2),
    Paper("上海法治报", "shfzb", WEEKDAYS_ONLY, 8, letters="AB"),
    Paper("浦东时报", "pdsb", WEEKDAYS_ONLY, 8, width=2, district="浦东新区"),
    Paper("闵行报", "mhb", (1, 4), 8, district="闵行区"),
    Paper("嘉定报", "jdb", (1, 4), 8, district="嘉定区"),
    Paper("松江报", "sjb", (1, 4), 8, district="松江区"),
    Paper("宝山报", "bsb", (3,), 8, district="宝山区"),
    Paper("金山报", "jsb", (2,), 4, width=2, district="金山区"),
)
# A district paper's report is set in its own district this often.
HOME_DISTRICT_SHARE = 0.8


@dataclass
class Article:
    title: str
    kicker: str
    reporters: list[str]
    photographer: str | None
    speakers: dict[str, str]
    districts: list[str]
    paragraphs: list[str]
    caption: str = ""


@dataclass
class Page:
    path: str
    paper: Paper
    day: date
    number: int
    section: str
    articles: list[Article] = field(default_factory=list)


class Corpus:
    def __init__(self, seed: int, *, reporters: int = 2000, speakers: int = 20000, years: int = 20):
        self.rng = random.Random(seed)
        self.words, self.cumulative = vocabulary()
        self.reporters = self._names(reporters)
        self.speakers = [
            (name, self.rng.choice(ORGS[:4]) + self.rng.choice(TITLES))
            for name in self._names(speakers, taken=set(self.reporters))
        ]
        self.places = towns()
        self.home_places = {
            paper.district: [pair for pair in self.places if pair[1] == paper.district]
            for paper in PAPERS
            if paper.district
        }
        self.paper_weights = list(
            itertools.accumulate(len(paper.weekdays) * paper.pages for paper in PAPERS)
        )
        self.first_day = date(2024 - years, 1, 1)
        self.days = years * 365

    def _names(self, count: int, taken: set[str] | None = None) -> list[str]:
        taken = set(taken or ())
        surnames = sorted(SURNAMES)
        names: list[str] = []
        while len(names) < count:
            length = self.rng.choice((1, 2, 2))
            name = self.rng.choice(surnames) + "".join(self.rng.choices(GIVEN, k=length))
            if name not in taken:
                taken.add(name)
                names.append(name)
        return names

    def _zipf(self, items: list):
        """Rank r chosen with weight 1/r: a few reporters write much, most write little."""
        index = int(len(items) ** self.rng.random()) - 1
        return items[max(0, min(index, len(items) - 1))]

    def _word(self) -> str:
        point = self.rng.random() * self.cumulative[-1]
        return self.words[bisect.bisect_left(self.cumulative, point)]

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = [self._word() for _ in range(self.rng.randint(low, high))]
        for at in range(self.rng.randint(4, 7), len(words) - 2, self.rng.randint(4, 7)):
            words[at] += "，"
        return "".join(words) + "。"

    def article(self, paper: Paper = PAPERS[0]) -> Article:
        rng = self.rng
        writers = (self._zipf(self.reporters) for _ in range(rng.randint(1, 3)))
        reporters = list(dict.fromkeys(writers))
        home = self.home_places.get(paper.district)
        at_home = home and rng.random() < HOME_DISTRICT_SHARE
        place, district = rng.choice(home if at_home else self.places)
        districts = [district]
        speakers: dict[str, str] = {}
        paragraphs = [f"{paper.dateline} {place}{self.sentence()}{self.sentence()}"]
        for _ in range(rng.randint(2, 6)):
            paragraph = " ".join(self.sentence() for _ in range(rng.randint(1, 4))).replace(" ", "")
            if rng.random() < 0.35:
                name, title = self._zipf(self.speakers)
                speakers[name] = title
                quote = self.sentence(6, 12).rstrip("。")
                paragraph += f"“{quote}。”{title}{name}{rng.choice(VERBS)}。"
            if rng.random() < 0.2:
                other, other_district = rng.choice(self.places)
                paragraph = f"在{other}，" + paragraph
                districts.append(other_district)
            paragraphs.append(paragraph)
        photographer = self._zipf(self.reporters) if rng.random() < 0.3 else None
        return Article(
            title=self._headline(),
            kicker=self._headline(10, 16) + "——" if rng.random() < 0.15 else "",
            reporters=reporters,
            photographer=photographer,
            speakers=speakers,
            districts=list(dict.fromkeys(districts)),
            paragraphs=paragraphs,
            caption=f"图为{place}{self.sentence(4, 8)}" if photographer else "",
        )

    def _headline(self, low: int = 8, high: int = 18) -> str:
        text = ""
        while len(text) < low:
            text += self._word()
        return text[:high]

    def pages(self, articles: int) -> Iterator[Page]:
        made = 0
        for number in itertools.count(1):
            if made >= articles:
                return
            paper = self._paper()
            day = self._issue_day(paper)
            page_number = self.rng.randint(1, paper.pages)
            label = paper.label(page_number)
            page = Page(
                path=f"{day:%Y/%m}/{paper.code}-{day:%Y%m%d}-{label}-{number:07d}.txt",
                paper=paper,
                day=day,
                number=page_number,
                section="要闻" if page_number == 1 else self.rng.choice(SECTIONS[1:]),
            )
            for _ in range(min(self.rng.randint(2, 5), articles - made)):
                page.articles.append(self.article(paper))
                made += 1
            yield page

    def _paper(self) -> Paper:
        """A paper by its share of all pages printed: days a week times pages an issue."""
        point = self.rng.random() * self.paper_weights[-1]
        return PAPERS[bisect.bisect_right(self.paper_weights, point)]

    def _issue_day(self, paper: Paper) -> date:
        """A day the paper appears on: a day of the run, moved on to its next issue."""
        day = self.first_day + timedelta(days=self.rng.randrange(self.days))
        while day.weekday() not in paper.weekdays:
            day += timedelta(days=1)
        return day


def render(page: Page) -> str:
    """A page as an e-paper copy prints it: the edition header with the paper's page label, then
    each article's head, byline, body and photo with its credit."""
    day = page.day
    # A paper whose reports open with its name (新民晚报讯) is named by them; a crawl of the
    # others' e-papers writes the paper it read in the file's front matter.
    named = page.paper.dateline.startswith(page.paper.name)
    lines = [] if named else ["---", f"publication: {page.paper.name}", "---"]
    lines += [
        f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}",
        page.paper.header(page.number, page.section),
        "",
    ]
    for article in page.articles:
        if article.kicker:
            lines += [article.kicker, ""]
        lines += [article.title, "", "■本报记者 " + " ".join(article.reporters), ""]
        for paragraph in article.paragraphs:
            lines += [paragraph, ""]
        if article.photographer:
            lines += [article.caption, "", f"本报记者 {article.photographer} 摄", ""]
        lines.append("")
    return "\n".join(lines)


def gold(page: Page) -> dict:
    """The truth about a page in the development set's gold format."""
    articles = page.articles
    return {
        "titles": [a.title for a in articles],
        "optional_titles": [],
        "reporters": sorted({name for a in articles for name in a.reporters}),
        "optional_reporters": [],
        "photographers": sorted({a.photographer for a in articles if a.photographer}),
        "optional_photographers": [],
        "speakers": {name: title for a in articles for name, title in a.speakers.items()},
        "optional_speakers": [],
        "districts": sorted({d for a in articles for d in a.districts}),
        "optional_districts": [],
        "photo_count": sum(1 for a in articles if a.photographer),
    }
