"""Find Shanghai places in text and resolve them to one of the 16 districts.

Sources: the districts themselves (full and short names), the Ministry of Civil Affairs' township
list (``data/shanghai_towns.tsv``), a hand-curated list of well-known areas and former districts
(``data/shanghai_areas.tsv``) and one of public parks, landmarks and old-town streets
(``data/shanghai_landmarks.tsv``; each file says where it comes from). Matching is longest-first,
so 虹口足球场 wins over 虹口 and 五角场街道 over 五角场.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from archive.ingest.districts import DISTRICTS
from archive.ingest.wordtrie import trie_pattern

DATA = Path(__file__).resolve().parent / "data"
BY_CODE = {district.code: district for district in DISTRICTS}

# A short name this long or longer, once 街道/镇/乡 is taken off, is distinctive enough to match
# on its own (五角场, 华阳路); shorter ones (大桥, 平凉) are common words.
MIN_BARE_TOWN_LENGTH = 3
# Township names that exist in more than one district are ambiguous without their suffix.
TOWN_SUFFIXES = ("镇街道", "街道", "镇", "乡")
# Same-named places elsewhere, or rivers, roads and mountains named after a district.
FALSE_FOLLOWERS = ("路", "江", "山", "县", "大道", "公路", "港", "湾", "寺路", "镇路")
# Set phrases that contain a short name: 绿水青山就是金山银山.
NOT_A_PLACE = {"金山": ("银山",)}
SHORT_NAME_ALLOWED_FOLLOWERS = {"静安": ("寺",), "金山": ("卫", "嘴"), "宝山": ()}
# Cities elsewhere with a district or county of the same name (舟山市普陀区, 双鸭山市宝山区).
OTHER_CITIES = ("舟山", "双鸭山", "宜宾", "浙江", "黑龙江", "四川")
# A two-character township name (新场, 颛桥) is a common word on its own, but not before a word
# that makes it a place: 新场古镇, 颛桥地区.
PLACE_WORDS = ("古镇", "地区", "老街")
# A creek, river or road named after a town (七宝浜, 张江路) is not the town itself.
WATERWAY_OR_ROAD = frozenset("浜河港塘路")
# An outlet named after a place (某某网讯, 某某区融媒体中心记者, 某某报社) names where the paper
# is, not where the story happens, as an address does; the place is also another city's often.
OUTLET_NAMED = re.compile(
    r"网讯|网(?![\u4e00-\u9fff])|日报|时报|晚报|报社|报讯|报记者|电视台|融媒体中心"
)
# A line that is an address (a page footer's 地址：…) names where the paper is, not the story.
ADDRESS_LINE = re.compile(r"(?:^|\n)\s*(?:本报|报社)?(?:地址|社址)\s*[:：][^\n]*$")
SHANGHAI = re.compile("上海|沪")


@dataclass(frozen=True)
class PlaceName:
    name: str
    district_code: str
    kind: str  # district, short, town, area, former, park, landmark, street
    shared: bool = False  # another city has a place of this name: needs Shanghai in the text


@dataclass(frozen=True)
class DistrictMention:
    district: str  # canonical name, e.g. 杨浦区
    mentions: int
    former_name: str | None


def _read_tsv(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@cache
def place_names() -> dict[str, PlaceName]:
    """Every name the gazetteer knows, mapped to its district; later sources never override."""
    names: dict[str, PlaceName] = {}

    def add(name: str, code: str, kind: str, shared: bool = False) -> None:
        names.setdefault(name, PlaceName(name, code, kind, shared))

    for district in DISTRICTS:
        add(district.name, district.code, "district")
        add(district.short_name, district.code, "short")
    towns = _read_tsv("shanghai_towns.tsv")
    bare_counts = Counter(_bare(name) for _code, name, _district in towns)
    for _code, name, district_code in towns:
        add(name, district_code, "town")
        # 某某某路街道 printed as 某某某街道 (a two-character 某某街道 is another city's too)
        if name.endswith("路街道") and len(name) >= 6:
            add(name[:-3] + "街道", district_code, "town")
        bare = _bare(name)
        # A bare 华阳路 is a road first, and roads cross district lines.
        if len(bare) >= MIN_BARE_TOWN_LENGTH and bare_counts[bare] == 1 and not bare.endswith("路"):
            add(bare, district_code, "town")
        elif bare != name and bare_counts[bare] == 1:
            for word in PLACE_WORDS:
                add(bare + word, district_code, "town")
    for name, district_code, kind in _read_tsv("shanghai_areas.tsv"):
        add(name, district_code, kind)
    for name, district_code, kind, shared in _read_tsv("shanghai_landmarks.tsv"):
        add(name, district_code, kind, shared == "shared")
    return names


@cache
def town_stems() -> frozenset[str]:
    """Township names without 街道/镇/乡 (龙华, 七宝): too short to place a story on their own,
    but never a person's name where a sentence names someone."""
    return frozenset(_bare(name) for _code, name, _district in _read_tsv("shanghai_towns.tsv"))


def _bare(name: str) -> str:
    for suffix in TOWN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@cache
def _pattern() -> re.Pattern[str]:
    """Every place name, longest first at each position, as a trie (a quarter of the time of a
    flat alternation of the thousand names, same matches)."""
    return re.compile(trie_pattern(place_names()))


OTHER_COUNTY = re.compile(r"(?P<county>[\u4e00-\u9fff]{2,4}[区县])$")


def _is_false_hit(text: str, match: re.Match[str], place: PlaceName) -> bool:
    if ADDRESS_LINE.search(text[max(0, match.start() - 12) : match.start()]):
        return True
    if place.kind in {"district", "short"} and OUTLET_NAMED.match(text, match.end()):
        return True
    before = text[max(0, match.start() - 6) : match.start()]
    if place.kind in {"district", "short"} and any(city in before for city in OTHER_CITIES):
        return True
    if place.kind not in {"district", "short"} and _inside_another_place(before, place):
        return True
    county = OTHER_COUNTY.search(before)
    if county and place.kind not in {"district", "short"}:
        # 某市某区临港路 is in another city: a place right after another city's district is there.
        name = county["county"]
        names = place_names()
        return not any(
            name[start:] in names or name[start:-1] in names for start in range(len(name))
        )
    if place.kind in {"town", "area"} and text[match.end() : match.end() + 1] in WATERWAY_OR_ROAD:
        return True  # 七宝浜 is a creek and 七宝路 a road, wherever they run
    if place.kind == "short":
        after = text[match.end() : match.end() + 2]
        if any(after.startswith(word) for word in NOT_A_PLACE.get(place.name, ())):
            return True
        allowed = SHORT_NAME_ALLOWED_FOLLOWERS.get(place.name, ())
        if any(after.startswith(word) for word in allowed):
            return False
        return any(after.startswith(word) for word in FALSE_FOLLOWERS)
    return False


def _inside_another_place(before: str, place: PlaceName) -> bool:
    """松江老城厢, 田林街道七宝社区: a place named right after a place of another district is
    a part of that one (old towns, temples and neighbourhoods share names across the city)."""
    names = place_names()
    return any(
        before[-length:] in names and names[before[-length:]].district_code != place.district_code
        for length in range(2, len(before) + 1)
    )


def find_districts(text: str) -> list[DistrictMention]:
    """Districts the text mentions, most-mentioned first (ties in order of first mention)."""
    counts: Counter[str] = Counter()
    former: dict[str, str] = {}
    names = place_names()
    in_shanghai = bool(SHANGHAI.search(text))
    for match in _pattern().finditer(text):
        place = names[match.group()]
        if (place.shared and not in_shanghai) or _is_false_hit(text, match, place):
            continue
        counts[place.district_code] += 1
        if place.kind == "former":
            former.setdefault(place.district_code, place.name)
    return [
        DistrictMention(BY_CODE[code].name, count, former.get(code))
        for code, count in counts.most_common()
    ]


def user_dictionary_words() -> list[str]:
    """Place names for jieba's user dictionary, so a place is one token."""
    return sorted(place_names())
