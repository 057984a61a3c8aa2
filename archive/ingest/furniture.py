"""What page furniture looks like, line by line: breadcrumbs, toolbars and app prompts, dialog
buttons, reading times and counts, footers and imprints, spam, image placeholders, the lists of
other headlines. ``chrome`` reads a page with these; each pattern is matched on a width-folded line.
"""

from __future__ import annotations

import re

# A dialog's buttons: furniture, and the short line above one is the dialog's message.
DIALOG_BUTTONS = "我知道了|知道了|确定|取消|关闭"
DIALOG_BUTTON = re.compile(rf"^(?:{DIALOG_BUTTONS})$")
EDITOR_ONLY = re.compile(
    r"^[■□●◆▲◇○]?\s*[(（]?\s*(?:责编|责任编辑|编辑|校对|审核)\s*[:：]\s*\S{1,12}\s*[)）]?$"
)
PAGE_LABEL = re.compile(r"^第?\s*[A-Z]?\d{1,3}\s*版$")

BREADCRUMB = re.compile(
    r"^(?:我的位置|您现在的位置|你现在的位置|您的位置|当前位置|您所在的位置|所在位置|位置|本页位置)"
    r"\s*[:|：]?|\s(?:>>?|»|→|›)\s|(?:>>?|»|›)\s*(?:正文|文章详情|详情|内容页?)?\s*$"
    r"|^\S{2,8}>\s*\S{2,8}$"  # 侬好上海> 综合: a site and its section
    r"|^(?:>>?|»|›)\s*[^\s。，,！？]{1,12}$"  # > 生活: the crumbs printed one a line
    r"|^[^\s。，,！？]{2,10}正文$"  # 某某分社正文: a path's last crumbs run together
    r"|^(?:[^\s>。，,]{2,10}\s*>{1,2}\s*){2,}[^\s>。，,]{2,10}$"  # 频道> 社会新闻>报道: a path
)
GENERIC_CRUMBS = {"正文", "文章详情", "详情", "内容", "内容页", "首页", "详细内容", "正文内容", ""}
CHROME_LINE = re.compile(
    r"^(?:正在阅读|分享至|分享到|扫一扫|扫码|微信扫|长按|点击|来自)[:\s]*"
    r"|(?:下载|打开).{0,12}(?:APP|App|app|客户端)|^[^\s“”\x22]{0,8}(?:APP|App|客户端|Logo|LOGO)$"
    r"|^[^\s“”\x22]{0,12}(?:手机版|手机报|二维码|官方微信(?:平台)?|免责声明)$"  # a site's own links
    # A dialog's buttons and labels, an advertisement's label, a site's login link.
    rf"|^(?:登录|注册|{DIALOG_BUTTONS}|ADVERTISEMENT|Advertisement|广告)$"
    r"|^\S{1,12}\s+(?:登录|注册)(?:\s*[|/]\s*注册)?$"
    # How long the text is to read (本篇文章1043字，读完约3分钟), and who produced the video.
    r"|(?:读完|阅读)(?:约|大约|需|约需|时间)?\s*[\d.]+\s*分钟|^(?:本篇文章|本文|全文)共?\s*\d+\s*字"
    r"|出品$"
    # What a page tells its reader to do: 打开某某 查看精彩图片, 阅读全文, 查看更多.
    r"|^(?:下载|打开|点击|进入|前往|登录)\S{0,12}?\s*(?:查看|阅读|观看|浏览)"
    r"|^(?:查看|阅读|观看|浏览)(?:更多|全文|原文|精彩|高清|大图)\S{0,4}$"
    r"|^\d分(?:\s+\d分)+$|得分\s*:?\s*[\d.]+|评分人数|参与评分"
    r"|网友评论|您还能输入|发表评论|已有\d+人|条评论|登录后"
    r"|版权所有|Copyright|©|ICP\s*备|未经(?:书面)?授权|转载请注明"
    r"|新闻热线\s*:|举报电话|违法和不良信息"
    r"|阅读器|点击数|阅读数|阅读量|浏览次数|^[\d.万]+\s*(?:次|人)?(?:浏览|阅读|播放|观看|点赞|查看)$"
    # A section's name alone, a like button's counter, a logo's alt text.
    r"|^(?:其他|其它|新闻|更多|返回|全部|相关内容|【相关内容】)$|^[-+\s\d]{1,8}$|\b[Ll]ogo$"
    r"|^>{2,}\s*详见|^(?:责任编辑|责编)\s*:?\s*$"
    r"|^——\s*编\s*者\s*$|^(?:对话人|主持人|嘉宾|对谈嘉宾|访谈嘉宾)\s*:\s*$"
    r"|^\d{1,6}$|^\d{1,3}/\d{1,3}$"  # a share or comment count, a gallery's 1/8
    r"|^\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}$|^(?:听新闻|收听|语音播报|播放)$"  # an audio player
    r"|^本文字数|^专栏名称\s*:|^文章预览$|^由\s*\S{1,12}\s*(?:发布|释出)于|(?:原文|快照|预览)地址\s*:"
    r"|扫一扫|^(?:微信)?公众号$|^视频号$|^(?:官方)?微博$"
    # A row of the places to share the page to, and links to the site's previous or next story.
    r"|^(?:(?:微信好友|微信|朋友圈|新浪微博|腾讯微博|微博|QQ空间|QQ好友|QQ|豆瓣|复制链接|二维码)"
    r"\s*[|/、,]?\s*){2,}$"
    r"|^(?:上一篇|下一篇|上一条|下一条|上一页|下一页)(?:新闻|文章)?\s*[:：]?"
    # The page's word to its reader about itself: loading, waiting, refreshing, retrying.
    r"|^.{0,12}(?:加载中|正在加载|请稍候|请稍等|请刷新|刷新本?页面|无响应|重新加载|点击重试).{0,12}$"
    # A notice that the reader's browser is too old, or a page's demand for another one.
    r"|浏览器(?:版本)?(?:过低|太旧|不支持)|(?:升级|更换|使用)\S{0,8}浏览器|不支持\S{0,6}浏览器"
    # The reader's type size control: 字号:大 中 小, 【字体:大 中 小】, A+ A-.
    r"|^[【\[]?(?:浏览)?(?:字号|字体)\s*[:：]?\s*(?:[大中小默认标准]+\s*){0,4}[】\]]?$|^A\+\s*A-$"
    r"|^(?:[大中小]字[号体]\s*){1,3}$"  # 小字号: one of its buttons
    # A weekday alone (an e-paper reader's date block), and a dateline alone on its line (某某讯)
    r"|^(?:星期|周|礼拜)[一二三四五六日天]$|^[^\s，,。]{1,8}讯$|^电子报阅读"
)
# The page's footer: once the publisher's imprint is printed, what follows is furniture (the
# address, its accounts, its name, the technical provider), not another article. An address or
# an organiser alone may be a story's own (活动地址:…, 主办单位:…).
FOOTER = re.compile(r"主管\s*主办|仅提供技术(?:服务)?支持|技术支持\s*:|版权所有|Copyright|ICP\s*备")
# Keyword-stuffed spam lines of mirror sites: many short phrases, no sentence, adult words.
SPAM_WORDS = re.compile(r"无码|[aA][vV]|A片|色播|久久|偷拍|国产精品|成人(?:影|视频|免费|网)")
SPAM_PHRASES = 4
# Gambling and other spam that mirror sites put above the article.
SPAM = re.compile(
    r"娱乐(?:官网|城|场|平台)|官网正规|博彩|彩票|棋牌|赌场|百家乐|老虎机|真人娱乐|注册送"
)
PLACEHOLDER = re.compile(
    r"^(?:文章图片|图片|图像|视频|\[图片\]|\[img\]|<图片>|放大图片|点击图片放大)$"
    r"|^[^\s/\\]{1,60}\.(?:jpe?g|png|gif|webp|bmp)$"  # an image's file name where it was
    r"|^!\[[^\]]{0,200}\]\([^)]{0,500}\)$"  # a markdown image: where a photo was
)
END_MARKERS = re.compile(
    r"^(?:相关阅读|相关新闻|相关链接|推荐阅读|延伸阅读|扩展阅读|热门推荐|猜你喜欢|更多精彩|热点推荐)"
    r"|扩展阅读$|推荐阅读$"
)
OTHER_HEADLINES = re.compile(
    r"^(?:本版其他文章|本版其它文章|本版列表新闻|本版新闻|本版文章|本版导读|相关新闻|相关阅读)\s*:?\s*$"
)
LIST_ITEM_TAIL = re.compile(r"(?:~{2,}|…{2,}|\.{3,})$")
