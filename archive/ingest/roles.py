"""The lexicon of credits: every role word a paper prints, the role a byline keeps for it, and
the classes of roles the credit grammar (``credits``) reads by: writers, photographers, editors and
production staff, the words printed before a role, and the roles printed only after names."""

from __future__ import annotations

PHOTOGRAPHER = "摄影"
WRITER_AND_PHOTOGRAPHER = "记者+摄影"  # 摄影报道: wrote the report and took its photos
# The printed role word → the role a byline keeps. Editors keep 编辑 and production credits
# their printed word: neither wrote the report, and neither is a photographer.
ROLES = {
    "记者": "记者",
    "采访人员": "记者",  # what aggregators print instead of 记者
    "报道员": "记者",  # an agency's title for its local staff reporters
    "采写": "记者",
    "采访": "记者",  # 采访：A B over an oral account: who asked, and wrote it down
    "采访组": "记者",  # 采访组：A B over an interview's transcript: the interviewers
    "通讯员": "通讯员",
    "实习生": "实习生",
    "评论员": "作者",
    "主笔": "作者",
    "撰文": "作者",
    "执笔": "作者",
    "撰稿": "作者",
    "作者": "作者",
    "文": "作者",
    "整理": "整理",
    "图文": WRITER_AND_PHOTOGRAPHER,  # 图/文: wrote the text and took the photos
    "文图": WRITER_AND_PHOTOGRAPHER,
    "文字": "作者",
    "摄影报道": WRITER_AND_PHOTOGRAPHER,
    "摄影报导": WRITER_AND_PHOTOGRAPHER,  # 报导: the spelling of Taiwan and Hong Kong papers
    "综合报道": "记者",  # 周明 综合报道: wrote it from several sources
    "综合报导": "记者",
    "摄影": PHOTOGRAPHER,
    "拍摄": PHOTOGRAPHER,
    "摄": PHOTOGRAPHER,
    "图": PHOTOGRAPHER,
    "编辑": "编辑",
    "责任编辑": "编辑",
    "责编": "编辑",
    "选稿": "编辑",
    "校对": "编辑",
    "审核": "编辑",
    "主编": "编辑",
    "监制": "编辑",
    "策划": "编辑",
    "统筹": "编辑",
    "资料图": PHOTOGRAPHER,  # 周明 资料图: a file photo, still that photographer's
    "资料照片": PHOTOGRAPHER,
    "资料图片": PHOTOGRAPHER,
    "摄像": "摄像",
    "航拍": "航拍",
    "剪辑": "剪辑",
    "调色": "调色",
    "制图": "制图",
    "设计": "设计",
    "视频": "摄像",  # 视频:A shot the video: a camera credit
    "制作": "制作",
    "配音": "配音",
}
WRITERS = frozenset({"记者", "通讯员", "实习生", "作者", "整理", "图文"})
# Production credits: neither writers nor, except the camera's (摄像, 航拍), photographers.
PRODUCTION = frozenset({"航拍", "剪辑", "调色", "制图", "设计", "制作", "配音", "摄像"})
CAMERA = frozenset({"摄像", "航拍"})
# Words printed before a role that do not change it (摄影 does: 摄影记者 took the photos).
MODIFIERS = (
    "首席|高级|主任|资深|驻站|特派|特约|见习|实习|全媒体|融媒体|视频|文字|摄影|本报|本刊|责任"
)
# Role words that only follow the names they cover: ``A 摄``, never ``摄 A`` without a separator.
ONLY_AFTER_NAMES = frozenset(
    {"摄", "拍摄", "摄影报道", "摄影报导", "综合报道", "综合报导", "整理", "采写"}
    | {"资料图", "资料照片", "资料图片"}
)
# One-character roles are roles only as a token of their own: 文 and 图 begin many names.
SHORT_ROLES = frozenset(role for role in ROLES if len(role) == 1)
LONG_ROLES = sorted((role for role in ROLES if len(role) > 1), key=len, reverse=True)
