"""Chinese personal names: surnames, words that end a job title, and speech verbs.

The parser finds people by these patterns rather than by a statistical segmenter, which splits
unfamiliar names (王宛芝 → 王宛 / 芝) and misses half of them in newspaper text.
"""

import re

from archive.ingest import lexicon, name_boundary

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"

COMPOUND_SURNAMES = frozenset(
    "欧阳 上官 司马 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 独孤 南宫 西门 "
    "轩辕 澹台 公冶 太史 申屠 闻人 呼延 万俟 钟离 宗政 濮阳 淳于 单于 赫连 第五".split()
)

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "沈姜范傅钟卢汪戴崔陆廖姚方金邱夏谭韦贾邹石熊孟秦阎薛侯雷白龙段郝孔邵史毛常万顾赖武康贺严尹钱施牛"
    "洪龚汤陶黎温莫易樊乔文安殷颜庄章鲁倪庞邢俞翟蓝聂齐向葛柴伍覃骆关焦柳欧祝纪尚毕耿芦左季管符辛苗詹"
    "曲靳祁岳霍单凌裴包屈成诸鲍宁解郁蒲卜米邬晏竺茅储舒滕车阮饶费窦喻戚邰缪桂宗甘卓蔺奚巫麦隋吉冷穆"
    "路植房言柯荣占仇栾盛鞠闵励虞谈昌华应胥童景祖佟秋党丛谷江戈刁尤项娄钮缑任"
    "卞晁冉荀佘仲伏郜郦闫寇桑糜蒯訾厉宫檀燕迟宓仝扈"
    # Rarer surnames of the 百家姓 still common today that never open an ordinary word (not 卫,
    # 封, 练: 卫生, 封控, 练习 would read as names).
    "帅揭邝冼阙谌亓嵇逄郗贲厍莘乜芮禹粟敖佴笪钭眭"
    "翁郎鄢阚宦艾尉匡郏綦逯桓仉亢冀弓屠"
    "褚柏岑狄臧裘甄邴隗戎韶鄂姬濮瞿茹庾殳夔荆羿"
)

# Characters that end a job title printed before a name: 主任, 局长, 书记, 工程师, 操作员, 执行官 …
TITLE_ENDINGS = tuple(
    "主任 书记 局长 部长 校长 院长 所长 处长 科长 厅长 市长 区长 县长 "
    "镇长 乡长 村长 主席 总裁 总监 经理 董事长 理事长 秘书长 会长 社长 "
    "行长 站长 馆长 队长 组长 团长 厂长 主编 总编 编辑 代表 委员 教授 "
    "研究员 工程师 指导师 操作员 科员 专员 干部 负责人 创始人 执行官 发言人 "
    "代表人 律师 医生 医师 护士 老师 教师 民警 警官 法官 检察官 主管 "
    "设计师 讲师 院士 博士 专家 调解员 网格员 志愿者 居民 村民 党员 首席 "
    # 候选人: a position someone stands for (镇长候选人).
    "总经理 合伙人 候选人 "
    "董事 监事 参赞 大使 领事 官员 总师 司令 政委 校董 园长 班长 学生 "
    "工人 师傅 指导员 辅导员 管理员 讲解员 理事 成员 骨干 带头人 传承人 "
    "运动员 教练 队员 演员 导演 作家 画家 学者 研究生 主持人 记者 职工 "
    "员工 店长 楼长 巡视员 调研员 处员 协理员 审判员 检察员 警长 所长 "
    "副所长 主任医师 护士长 老板 局长助理 助理 秘书 顾问 召集人 股长 主委 "
    "家长 男生 女生 大学生 市民 残疾人 店主 摊主 业主 厨师 CEO CTO "
    "COO CFO 第一书记 "
    # People described by what they are here, printed before the name as a title is.
    "青年 读者 游客 观众 网友 乘客 患者 农民 "
    # Business people by where they come from (港商周明, 台商, 外商).
    "港商 台商 外商 侨商 客商 "
    # People named by what they do or did, and by a trade (研究者周明, 快递员周明).
    "研究者 推广者 爱好者 守护者 建设者 参与者 亲历者 见证者 创业者 从业者 "
    "经营者 管理者 组织者 发起人 讲述者 收藏家 手艺人 匠人 司机 保安 快递员 "
    "外卖员 快递小哥 外卖小哥 主播 博主 渔民 菜农 果农 茶农 农户 商户 店员 "
    "保洁员 护工 社工 会计 "
    # Where people live or what they do there (老住户周明, 船工周明, 跑友周明).
    "住户 租户 房东 船工 船长 跑友 学员 摊贩 村医 园丁 "
    # Trades and posts in common use, from general knowledge of the language (not from a page).
    "制片人 策展人 出品人 制作人 编剧 摄影师 书记员 馆员 经纪人 警察 消防员 飞行员 建筑师 "
    "歌手 音乐人 艺术家 作曲家 钢琴家 演奏家 舞蹈家 营业员 服务员 收银员 检验员 评论员 "
    "分析师 策划师 咨询师 规划师 营养师 药师 康复师 理疗师 技师 电工 焊工 裁缝 木匠 "
    "教练员 裁判 网格长 楼组长 联合创始人 副总裁 博士后 小学生 中学生 毕业生 留学生 "
    "村干部 农场主 机长 列车长 乘务员 驾驶员 安检员 环卫工 清洁工 "
    "送餐员 调度员 售票员 销售员 业务员 技术员 宣传员 信息员 联络员 本科生 硕士生 博士生 "
    "直博生 硕博生 督导 主理人 退役军人 军人 士官 老兵 战士 士兵 "
    # Positions that end in a shorter position word: split_title must not cut them in two.
    "班主任 家庭医生 主任科员 主任委员 管理合伙人 总工程师 首席执行官 科学家".split()
)

SPEECH_VERBS = tuple(
    "告诉记者 介绍说 举例说 补充说 表示 认为 指出 强调 介绍 坦言 透露 建议 "
    "提出 谈到 期待 希望 呼吁 解释 说道 感慨 回忆 直言 表态 补充 说 称 "
    "谈道 提到 坦陈 畅想 感叹 提醒 分析 建言 "
    # Verbs of telling, answering and promising (讲述, 答道, 承诺, 叮嘱), from general knowledge.
    "讲述 承诺 笑称 坦承 回应 答道 问道 喊道 笑道 叹道 叮嘱 嘱咐 寄语 告诫 谈及 畅谈 笑言 直呼 "
    "调侃 打趣 勉励 "
    # Words set down in writing are reported as words said (他写道, 她在信中写道), and a manner
    # glued to the verb (笑说) is still the verb.
    "写道 笑说 忆述".split()  # not 要求, 鼓励, 号召: nouns and policy far more often than speech
)

KINSHIP = (
    "阿伯",
    "阿婆",
    "阿姨",
    "阿叔",
    "阿公",
    "阿嫂",
    "伯伯",
    "叔叔",
    "奶奶",
    "爷爷",
    "大爷",
    "大妈",
)
PLACE_FINALS = "桥楼馆厂店湾塘浜"  # what ends the name of a bridge, a building, a shop, a creek
# Given-name characters that, in practice, show the "name" is a word (区委, 市民, 全体, 方面).
NOT_GIVEN_NAME = frozenset(
    "的了们委局部院校区市县镇街村路厅办处所司室组队站员者众府里内外上下前后年月日时都也就还又"
    "将把被对向从以于由这那其此该各每某本总共第之个位名种项条次场些样么说表示认指介告提会面体"
    "等与及在是去营报" + PLACE_FINALS  # 石拱桥, 老茶楼: a place's word ends no name
)
# After a two-character word, a word of place makes a phrase (言语中, 心目中), never a name.
LOCATIVES = frozenset("中里上下内外间旁边")

# Characters in NOT_GIVEN_NAME that still make given names (兰之, 以明) when paired with another
# character into no ordinary word.
PAIRED_GIVEN = frozenset("月以其于时年之")

# Characters that usually start the word after a name (强调, 日前, 在, 指出 …): 金力日前 is 金力.
NAME_FOLLOWERS = frozenset(
    "强指表认介说日在今昨前近也还就又对向从等带率参出到来要会将曾已正同和与及称坦透呼希期建提谈回直感补"
    "代"
)

# Words that open what is said of a person right after the name: which end of 孙立正 / 金力日前
# is the name is decided by what the rest reads as.
FOLLOWER_WORDS = (
    *SPEECH_VERBS,
    *("日前", "近日", "今天", "昨天", "今年", "去年", "正在", "已经", "曾经", "同时", "一行"),
    *("带领", "率领", "来到", "前往", "参加", "出席", "所在", "等人", "作为", "身为"),
    *("调研", "强调", "指出", "代表", "委员", "也是", "还是", "就是", "向记者", "对记者"),
)
LOOKAHEAD = 8  # a name and the word after it: all best_name reads
STRONG_FOLLOWER = 3  # punctuation, a space or the end: nothing of the name can follow
WORD_FOLLOWER = 2  # a word that opens a predicate or a title printed after the name
CHAR_FOLLOWER = 1  # a character that often opens the next word (在, 说, 是 …)

# Common words whose first character is also a surname (成为, 尤其, 关系 …): opening a clause,
# they read as a surname and a given name, so the name model knows them as words. Chosen from
# general knowledge of frequent Chinese words, not from any labelled page.
COMMON_WORDS = frozenset(
    "成为 成立 成功 成果 成效 高度 高效 高质 安全 安排 安置 于是 万一 万分 应该 应当 应对 任何 "
    "任务 严格 严重 方面 方式 方法 方向 方案 方便 文化 文明 包括 包含 项目 单独 解决 解释 曾经 "
    "许多 费用 管理 毕竟 毕业 焦点 符合 范围 温度 程度 颜色 关系 关键 关注 关于 尚未 左右 诸多 "
    "宗旨 储备 舒适 荣誉 盛大 尤其 常常 常年 常态 全面 通过 连续 宁愿 龙头 黄金 白天 金额 江面 "
    "路上 路段 车辆 房屋 华人 党建 钱款 季度 秦岭 齐心 齐全 庞大 庄严 祝福 祝贺 纪念 纪律 辛苦 "
    "凌晨 苗头 易于 武器 康复 谈到 谈话 向来 向着 占据 迟到 厉害 冷链 欧洲 蓝色 章程 姜汤 卓越 "
    "吉祥 雷同 戴着 段落 鲁莽 米饭 牛奶 史上 毛病 景区 祖国 谷物 甘愿 杜绝 柯桥 鲍鱼".split()
)

# People named by what they are, not who (向同伴介绍, 王医生): a surname-like first character
# before a word for people is a preposition or a form of address, never a name.
PEOPLE_WORDS = frozenset(
    "同伴 大家 朋友 同学 同事 游客 市民 居民 村民 群众 学生 孩子 老人 家长 家人 观众 读者 网友 "
    "记者 医生 老师 书记 主任 师傅 阿姨 干部 党员 代表 委员 专家 老板 员工 职工 工人 志愿者 "
    "高中生 初中生 中学生 小学生 大学生 研究生 留学生 毕业生".split()
)


def _follow_strength(rest: str) -> int:
    """How surely ``rest`` starts right after a name ends."""
    if not rest or not re.match(rf"[{CJK}]", rest[0]):
        return STRONG_FOLLOWER
    if rest.startswith(FOLLOWER_WORDS) or rest.startswith(TITLE_ENDINGS):
        return WORD_FOLLOWER
    if rest[:2] in lexicon.words().two_character:  # 周明|住在: a common word opens the rest
        return WORD_FOLLOWER
    return CHAR_FOLLOWER if rest[0] in NAME_FOLLOWERS or rest[0] in "是的被把为" else 0


def follows_a_name(rest: str) -> bool:
    """``rest`` reads as what is said of a person named just before it (是, 在, 表示, ，)."""
    return _follow_strength(rest) > 0


def best_name(text: str) -> str | None:
    """The name at the start of ``text`` (a title came just before it): three characters or
    two, whichever leaves the more likely start for what follows (孙立正， · 金力日前)."""
    text = text[:LOOKAHEAD]
    if text[1:].startswith(UNNAMED_SUFFIXES) or text[1:3] in PEOPLE_WORDS:
        return None  # 王女士, 陈师傅, 王医生: a surname and an honorific, no name
    if text[:3] in PEOPLE_WORDS:
        return None  # 高中生说: a word for people, whose first two characters are no name
    three, two = text[:3], text[:2]
    if len(text) > 2 and text[2] in PLACE_FINALS and text[2:4] not in lexicon.words().two_character:
        return None  # 石拱桥，: a place's name, no person's in either part (李强楼下 keeps 李强)
    if text[1:2] == "家" and text[2:].startswith(UNNAMED_SUFFIXES):
        return None  # 吴家阿伯: the Wu family's uncle, a form of address
    three_ok = len(three) == 3 and is_plausible_name(three) and not _in_organisation(text[3:])
    two_ok = is_plausible_name(two) and not _in_organisation(text[2:])
    if three_ok and two_ok:
        after_three, after_two = _follow_strength(text[3:]), _follow_strength(text[2:])
        weak = max(after_three, after_two) <= CHAR_FOLLOWER  # 李芳翻|出: one character's say
        if (weak or name_boundary.doubtful(text)) and (
            length := name_boundary.recognised_length(text)
        ):
            return text[:length]  # 陈立宣布: the recogniser weighs both sides
        return three if after_three >= after_two else two
    return three if three_ok else two if two_ok else None


# What follows a word that is part of an organisation's name (某某金融学院, 某某建国中学).
ORGANISATION_WORDS = ("学院", "大学", "中学", "小学", "公司", "集团", "医院", "银行", "研究院")


def _in_organisation(rest: str) -> bool:
    return rest.startswith(ORGANISATION_WORDS)


UNNAMED_SUFFIXES = (
    *("先生", "女士", "阿姨", "师傅", "老伯", "大爷", "大妈", "小姐", "同学", "老师"),
    *("阿伯", "阿婆", "阿叔", "阿公", "阿嫂", "伯伯", "叔叔", "奶奶", "爷爷", "老太"),
    *("老先生", "老人家"),
)

TRANSLITERATED_NAME = re.compile(rf"[{CJK}]{{1,4}}·[{CJK}]{{1,8}}(?:·[{CJK}]{{1,8}})?")
NOT_TRANSLITERATED = re.compile(r"[报网社台刊][·]|记者|通讯员|编辑|新闻|[报网社台]$")
TRANSLITERATED_AT_END = re.compile(rf"{TRANSLITERATED_NAME.pattern}$")
HAN_NAME = re.compile(rf"[{CJK}]{{2,4}}")  # two to four ideographs
NAME_SHAPE = re.compile(rf"[{CJK}]{{2,4}}|[{CJK}]{{1,6}}·[{CJK}]{{1,8}}")


def is_plausible_name(candidate: str) -> bool:
    """A Chinese personal name: a known surname and 1-2 given-name characters (or ·-joined)."""
    if "·" in candidate:  # 晨光报·晨光网记者 is two outlets and a role, not a transliteration
        return bool(TRANSLITERATED_NAME.fullmatch(candidate)) and not NOT_TRANSLITERATED.search(
            candidate
        )
    if candidate[:1] not in SURNAMES and candidate[:2] not in COMPOUND_SURNAMES:
        return False  # most candidates (any two characters before a verb): no regex for them
    if not HAN_NAME.fullmatch(candidate):
        return False
    if candidate.endswith(UNNAMED_SUFFIXES):
        return False
    if candidate[:2] in COMPOUND_SURNAMES and len(candidate) in (3, 4):
        given = candidate[2:]
    elif candidate[0] in SURNAMES and len(candidate) in (2, 3):
        given = candidate[1:]
    else:
        return False
    if (
        candidate[:2] in COMMON_WORDS
        or given in PEOPLE_WORDS
        or candidate[:2] in PEOPLE_WORDS
        or candidate in PEOPLE_WORDS
    ):
        return False  # 游客纷纷表示: a word for people opens no name
    if len(candidate) == 3 and candidate in lexicon.words().three_character:
        return False  # 金融学, 高科技: a word the dictionary knows, not a person's name
    if (
        len(candidate) == 3
        and candidate[2] in LOCATIVES
        and (candidate[:2] in lexicon.words().two_character)
    ):
        return False  # 言语中充满了期待: a word and where, not a person
    if given.endswith("阿"):
        return False  # 吴家阿伯: 阿 opens a name or a form of address (阿伯, 阿婆), never ends one
    # 秀月, 思其, 以明, 时珍, 永年: given names, where 以来, 其中, 时候, 今年 would be words
    # (周月 alone reads as a date: a two-character candidate keeps the rule)
    paired = len(given) == 2 and not PAIRED_GIVEN.isdisjoint(given)
    if paired and given not in lexicon.words().two_character:
        given = "".join(char for char in given if char not in PAIRED_GIVEN)
    return not any(char in NOT_GIVEN_NAME for char in given)


def is_name_shaped(token: str) -> bool:
    """Shaped like a name where a credit vouches for it (海沙尔, 阿尔达克), surname known or not."""
    return bool(NAME_SHAPE.fullmatch(token))


def name_candidates(text_before: str) -> list[str]:
    """Possible names ending where ``text_before`` ends, longest first."""
    candidates = []
    # Only a text printing · can end on a transliterated name: no search through the others.
    transliterated = "·" in text_before and TRANSLITERATED_AT_END.search(text_before)
    if transliterated:
        # Where the title ends and the name begins is decided by the caller: offer every split.
        whole = transliterated.group()
        first, _, rest = whole.partition("·")
        candidates += [f"{first[-n:]}·{rest}" for n in range(min(len(first), 4), 0, -1)]
    for length in (4, 3, 2):
        if len(text_before) >= length:
            candidate = text_before[-length:]
            if is_plausible_name(candidate):
                candidates.append(candidate)
    return candidates


def ends_with_title(text: str) -> bool:
    if text.endswith(TITLE_ENDINGS):
        return True
    return bool(PRODUCTIVE_TITLE.search(text)) and not text.endswith(NOT_A_POST)


# Posts are made from a unit and a suffix as often as they are listed: the head of anything
# (场长, 舰长, 车间主任 is listed), its staff (护林员, 工作人员). Words that end the same way
# but name no post: a verb or a quality (成长, 擅长, 动员, 裁员).
PRODUCTIVE_TITLE = re.compile(rf"[{CJK}](?:长|员)$")
NOT_A_POST = tuple(
    "成长 增长 延长 擅长 生长 助长 漫长 见长 消长 拉长 加长 特长 专长 身长 年长 "
    "最长 较长 很长 更长 动员 复员 裁员 减员 满员 超员 全员".split()
)


# Words printed between an organisation and a position that belong to the position
# (街道党工委副书记: 街道 + 党工委副书记).
# So are ranks and modifiers of a position (专职副主委, 一级主任科员, 首席执行官, 原主任).
POSITION_PREFIXES = (
    *("党总支", "党支部", "党工委", "党委", "党组", "常务", "第一", "执行", "副", "专职", "兼职"),
    *("一级", "二级", "三级", "四级", "首席", "高级", "资深", "原", "前任"),
)


def split_title(title: str) -> tuple[str, str]:
    """A printed title as (organisation, position): 团市委书记 → (团市委, 书记),
    静安区城运中心运行管理科科长 → (静安区城运中心运行管理科, 科长). A title without a known
    position word is all position: (“”, title). Several titles (A主任、B党委书记) give their
    organisations and their positions, each joined by 、."""
    pairs = [_split_one(part) for part in title.split("、") if part]
    organisations = "、".join(organisation for organisation, _ in pairs if organisation)
    return organisations, "、".join(position for _, position in pairs)


def _split_one(title: str) -> tuple[str, str]:
    ending = max((e for e in TITLE_ENDINGS if title.endswith(e)), key=len, default="")
    organisation, position = title[: len(title) - len(ending)], ending
    if not ending or not organisation:
        return "", title
    moved = True
    while moved:
        moved = False
        for prefix in POSITION_PREFIXES:
            if organisation.endswith(prefix):
                organisation = organisation[: -len(prefix)]
                position = prefix + position
                moved = True
                break
    return organisation, position


MIN_RUN, MAX_RUN = 5, 12  # characters of names printed together without a separator


def split_name_run(run: str) -> list[str] | None:
    """Names printed together without a separator (``周明李小华钱钰``, where a credit vouches
    for names): the one way to cut the run into plausible names of two or three characters;
    None when there is none, or more than one."""
    if not MIN_RUN <= len(run) <= MAX_RUN:
        return None
    cuts = _name_cuts(run, 0)
    return cuts[0] if len(cuts) == 1 else None


def _name_cuts(run: str, start: int) -> list[list[str]]:
    if start == len(run):
        return [[]]
    found: list[list[str]] = []
    for length in (2, 3):
        name = run[start : start + length]
        if len(name) == length and is_plausible_name(name):
            found += [[name, *rest] for rest in _name_cuts(run, start + length)][:2]
        if len(found) > 1:
            break  # two readings already: the run is ambiguous
    return found
