"""Shanghai's 16 districts: the fixed vocabulary every place lookup resolves to.

Codes are the Ministry of Civil Affairs' division codes (GB/T 2260).
"""

from typing import NamedTuple


class DistrictInfo(NamedTuple):
    code: str
    name: str
    short_name: str
    slug: str


DISTRICTS: tuple[DistrictInfo, ...] = (
    DistrictInfo("310101", "黄浦区", "黄浦", "huangpu"),
    DistrictInfo("310104", "徐汇区", "徐汇", "xuhui"),
    DistrictInfo("310105", "长宁区", "长宁", "changning"),
    DistrictInfo("310106", "静安区", "静安", "jingan"),
    DistrictInfo("310107", "普陀区", "普陀", "putuo"),
    DistrictInfo("310109", "虹口区", "虹口", "hongkou"),
    DistrictInfo("310110", "杨浦区", "杨浦", "yangpu"),
    DistrictInfo("310112", "闵行区", "闵行", "minhang"),
    DistrictInfo("310113", "宝山区", "宝山", "baoshan"),
    DistrictInfo("310114", "嘉定区", "嘉定", "jiading"),
    DistrictInfo("310115", "浦东新区", "浦东", "pudong"),
    DistrictInfo("310116", "金山区", "金山", "jinshan"),
    DistrictInfo("310117", "松江区", "松江", "songjiang"),
    DistrictInfo("310118", "青浦区", "青浦", "qingpu"),
    DistrictInfo("310120", "奉贤区", "奉贤", "fengxian"),
    DistrictInfo("310151", "崇明区", "崇明", "chongming"),
)

DISTRICT_CODES: tuple[str, ...] = tuple(d.code for d in DISTRICTS)
