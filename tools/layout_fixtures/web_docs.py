"""Text copies (Ctrl+A / extraction) of the reports as published on government web pages."""
from common import Doc, fixture_lines
from verdicts import *  # noqa: F401,F403

F0, F1, F2, F3, F4 = (fixture_lines(k) for k in ("000", "001", "002", "003", "004"))

PUNCT_000 = "fixture 000's 正文 count (tool on base: 177); the furniture's half-width 「:」「(C)」 are not counted"
PUNCT_001 = "fixture 001's 正文 count (tool on base: 201); furniture and metadata are not counted"
PUNCT_004 = "one half-width comma 「活动,组织」 as in base 004; the furniture adds none"

DOCS = []


def reg(doc, flatten=None, **meta):
    DOCS.append((doc, flatten, meta))


# --------------------------------------------------------------------------------------
# W1: county portal (区人民政府网站), fixture 000 with its title and 落款; stale clock of 2019;
# metadata as 键：值 lines incl. 公文生成日期; related links to other years' reports.
d = Doc("web/w1_county_portal_000.txt", "000", "web-copy county portal")
d.add("湛江市坡头区人民政府网站")
d.add("无障碍 | 长者模式 | 简体 | 繁体 | 登录 | 注册")
d.add("今天是：2019年10月31日 星期四", "clock")
d.add("请输入关键字")
d.add("搜索")
d.lines(["首页", "走进坡头", "政务公开", "政务服务", "互动交流", "专题专栏"])
d.add("当前位置：首页 > 政务公开 > 法治政府建设 > 法治政府建设年度报告", "breadcrumb")
d.add("坡头区交通运输局2024年法治政府建设年度报告", "page_title")
d.add("发布时间：2025-01-16 来源：坡头区交通运输局 浏览次数：1236", "pub")
d.add("【字体：大 中 小】【打印】【关闭】")
d.add("索引号：11440804007039452X/2025-00011")
d.add("分类：法治政府建设")
d.add("发布机构：湛江市坡头区交通运输局")
d.add("成文日期：2024-12-09", "date2")
d.add("公文生成日期：2024-12-09", "date2")
d.add("名称：坡头区交通运输局2024年法治政府建设年度报告", "page_title")
d.add("文号：")
d.add("发布日期：2025-01-16", "pub2")
d.add("主题分类：综合政务")
d.add(F0[0], "title")
d.add(F0[1], "body")
d.lines(F0[2:31])
d.add(F0[31], "signature")
d.add(F0[32], "date")
d.add("【打印本页】【关闭窗口】", "footer")
d.add("相关链接：")
d.add("坡头区交通运输局2023年法治政府建设年度报告　2024-01-19")
d.add("坡头区交通运输局2022年法治政府建设年度报告　2023-02-08")
d.add("坡头区交通运输局关于2021年法治政府建设工作情况的报告　2022-01-26")
d.add("扫一扫在手机打开当前页")
d.add("网站地图 | 联系我们 | 隐私声明")
d.add("主办单位：湛江市坡头区人民政府办公室")
d.add("承办单位：湛江市坡头区政务服务数据管理局")
d.add("联系电话:0759-3812006")
d.add("网站标识码：4408040001")
d.add("粤ICP备10212345号")
d.add("粤公网安备 44080402000123号")
d.add("版权所有：湛江市坡头区人民政府 Copyright(C) 2019 All Rights Reserved")
reg(
    d,
    added=[
        "site header, 无障碍 | 长者模式 | 简体 | 繁体, a stale clock 「今天是：2019年10月31日 星期四」, search box, navigation bar one item a line",
        "breadcrumb 当前位置：首页 > 政务公开 > …, the page title",
        "「发布时间：2025-01-16 来源：… 浏览次数：…」, 【字体：大 中 小】【打印】【关闭】",
        "metadata as 键：值 lines: 索引号, 分类, 发布机构, 成文日期, 公文生成日期, 名称, empty 文号, 发布日期, 主题分类",
        "the fixture (title, body, 落款) verbatim",
        "【打印本页】【关闭窗口】, 相关链接 to the same issuer's 2021–2023 reports with dates, 扫一扫…, 主办/承办单位, a half-width 「联系电话:」, 网站标识码, 粤ICP备, 粤公网安备, a copyright line with (C)",
    ],
    facts=dict(
        title=F0[0], issuer="湛江市坡头区交通运输局", issuer_kind="department", year=2024,
        date="2024-12-09", date_text="2024年12月9日", published="2025-01-16",
        doc_number=None, addressee=None, attachments=[], publisher="湛江市坡头区交通运输局",
    ),
    verdicts={
        "format.title": title_pass(F0[0]),
        "format.signature": sig_pass("the 落款 「湛江市坡头区交通运输局」 「2024年12月9日」 at the end of the 主体, before the page footer (the metadata 发布机构/成文日期 agree)"),
        "format.timeliness": time_warn("2024-12-09", 2024),
        "format.date-form": df_pass("2024年12月9日"),
        "format.publication": pub_pass("2025-01-16", 2024),
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_000),
        "consistency.year": year_pass(2024, "the clock's 2019 and the related links' 2021–2023 are furniture"),
        "core.next-year-plan": plan_pass(PLANS["000"]),
    },
    notes=["date_line is the 落款; the metadata 成文日期 and 公文生成日期 lines (date_other_lines) carry the same day."],
)

# --------------------------------------------------------------------------------------
# W2: department site (市交通运输局) with the 政府信息公开 pipe table exactly as the fixture has it,
# plus the page around it; clock shows the publication day in 2024.
d = Doc("web/w2_department_site_pipe_table_001.txt", "001", "web-copy department site")
d.add("温州市交通运输局")
d.add("无障碍 | 长者模式 | 简体 | 繁体")
d.add("今天是2024年2月19日 星期一", "clock")
d.add("首页 | 机构概况 | 政府信息公开 | 政务服务 | 互动交流 | 专题专栏")
d.add("您当前的位置：首页 > 政府信息公开 > 法定主动公开内容 > 计划总结", "breadcrumb")
d.add("温州市交通运输局2023年法治政府建设年度报告", "page_title", "title")
d.add("发布日期：2024-02-19　来源：市交通运输局　访问次数：862　字号：[ 大 中 小 ]", "pub")
d.add(F1[0])
d.add(F1[1])
d.add(F1[2], "date")
d.lines(F1[3:5])
d.add(F1[5], "body")
d.add(F1[6])
d.add("【打印本页】 【关闭窗口】", "footer")
d.add("相关文件：")
d.add("温州市交通运输局2022年法治政府建设年度报告")
d.add("温州市交通运输局2021年法治政府建设年度报告")
d.add("温州市交通运输局关于2020年法治政府建设工作的报告")
d.add("主办：温州市交通运输局　　地址：温州市鹿城区府东路555号　　邮编：325000")
d.add("网站标识码：3303000052　　浙ICP备05001234号-1　　浙公网安备 33030202000456号")
d.add("建议使用1920*1080分辨率，IE10以上版本浏览器")
T = "温州市交通运输局2023年法治政府建设年度报告"
reg(
    d,
    added=[
        "site name, language switches, a clock of the publication day (2024, not the covered 2023), navigation on one line with |, breadcrumb 您当前的位置：…",
        "the page title (the fixture has none) and 「发布日期：2024-02-19 来源：… 访问次数：… 字号：[ 大 中 小 ]」",
        "the fixture's pipe metadata table and one-line body verbatim",
        "【打印本页】 【关闭窗口】, 相关文件 of 2020–2022, 主办 with address, 网站标识码 / 浙ICP备 / 浙公网安备 on one line",
    ],
    facts=dict(
        title=T, issuer="温州市交通运输局", issuer_kind="department", year=2023,
        date="2024-02-18", date_text="2024-02-18", published="2024-02-19",
        doc_number=None, addressee=None, attachments=[], publisher="温州市交通运输局",
    ),
    verdicts={
        "format.title": title_pass(T),
        "format.signature": sig_pass(SIG_META + " (发布机构 | 温州市交通运输局, 成文日期 | 2024-02-18)"),
        "format.timeliness": time_pass_dept("2024-02-18", 2023),
        "format.date-form": DF_SKIP_META,
        "format.publication": pub_pass("2024-02-19", 2023),
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_001),
        "consistency.year": year_pass(2023, "the clock's 2024 is furniture"),
        "core.next-year-plan": plan_pass(PLANS["001"]),
    },
    notes=["format.title differs from base 001 (fail): the page shows the title above the table."],
)

# --------------------------------------------------------------------------------------
# W3: provincial portal publishing a municipal GOVERNMENT's report (001 adapted): several
# metadata pairs on one line, 发布机构 is the government's office, 成文日期 2024-03-29.
opening_old = "2023年,我局在市委市政府的坚强领导下,"
opening_new = "2023年,市政府在市委的坚强领导下,"
b3 = F1[5]
assert b3.startswith(opening_old) and b3.endswith(" |")
b3 = opening_new + b3[len(opening_old):-2]
T = "温州市人民政府关于2023年法治政府建设情况的报告"
d = Doc("web/w3_provincial_portal_government_001.txt", "001", "web-copy provincial portal")
d.add("浙江省人民政府门户网站")
d.add("www.zj.gov.cn")
d.add("无障碍浏览 | 长者模式 | 简体版 | 繁体版 | English")
d.add("首页 | 政务公开 | 政务服务 | 互动交流 | 数据开放 | 走进浙江")
d.add("首页 > 政务公开 > 法治政府建设 > 设区市法治政府建设年度报告", "breadcrumb")
d.add("索引号：002482410/2024-00318 发布机构：温州市人民政府办公室 成文日期：2024-03-29", "date")
d.add("文号：温政报〔2024〕3号 主题分类：综合政务/政务公开 发布日期：2024-03-29", "docno", "pub")
d.add(T, "title")
d.add("浙江省人民政府：", "addressee")
d.add(b3, "body")
d.add("相关链接", "footer")
d.add("温州市人民政府关于2022年法治政府建设情况的报告")
d.add("温州市人民政府关于2021年法治政府建设情况的报告")
d.add("宁波市人民政府关于2023年法治政府建设情况的报告")
d.add("扫一扫在手机打开当前页")
d.add("主办单位：浙江省人民政府办公厅　承办单位：浙江省大数据发展管理局")
d.add("网站标识码：3300000069　浙ICP备05003430号　浙公网安备 33010602000987号")
d.add("Copyright © 2024 浙江省人民政府办公厅 版权所有")
reg(
    d,
    added=[
        "provincial portal header, language switches, navigation, a breadcrumb without 「当前位置」",
        "metadata as several 键：值 pairs on one line: 「索引号：… 发布机构：温州市人民政府办公室 成文日期：2024-03-29」 and 「文号：温政报〔2024〕3号 主题分类：… 发布日期：2024-03-29」",
        "a government title 「温州市人民政府关于2023年法治政府建设情况的报告」 and 主送机关 「浙江省人民政府：」",
        "ADAPTED opening: 「2023年,我局在市委市政府的坚强领导下,」 → 「2023年,市政府在市委的坚强领导下,」; the rest of fixture 001's body verbatim (its trailing table artefact 「 |」 dropped). The body still speaks of 我局 throughout: a plausibility compromise, the issuer is read from the title and metadata",
        "相关链接 incl. another city's report of the same year, 扫一扫, 主办/承办, 网站标识码, 浙ICP备, 浙公网安备, ©",
    ],
    facts=dict(
        title=T, issuer="温州市人民政府", issuer_kind="government", year=2023,
        date="2024-03-29", date_text="2024-03-29", published="2024-03-29",
        doc_number="温政报〔2024〕3号", addressee="浙江省人民政府", attachments=[],
        publisher="温州市人民政府办公室",
    ),
    verdicts={
        "format.title": title_pass(T),
        "format.signature": sig_pass(SIG_META + " (发布机构：温州市人民政府办公室 成文日期：2024-03-29); the issuer must not swallow the label 「成文日期」"),
        "format.timeliness": time_pass_gov("2024-03-29", 2023),
        "format.date-form": DF_SKIP_META,
        "format.publication": pub_pass("2024-03-29", 2023),
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_001 + "; the adapted opening keeps its two commas"),
        "consistency.year": year_pass(2023, "宁波's 2023 link and the 2021/2022 links are furniture"),
        "core.next-year-plan": plan_pass(PLANS["001"]),
    },
    notes=[
        "The government deadline case of issue 11: 发布机构 is 市人民政府办公室 but the report is the 市人民政府's (title). issuer_kind government → 4月1日 deadline → pass; read as a department's it would fail.",
        "format.title differs from base 001 (fail): this page has a title.",
        "same_as_base holds: the opening adaptation touches no content rule's evidence (习近平法治思想 stays in the opening).",
    ],
)

# --------------------------------------------------------------------------------------
# W4: county-level city portal, 部门信息公开 column: a tab-separated metadata table (Ctrl+A of an
# HTML table), 「日期：」 form, clock with 农历, title without issuer (as the fixture's).
d = Doc("web/w4_city_portal_tab_table_003.txt", "003", "web-copy county-level city portal")
d.add("汨罗市人民政府门户网站")
d.add("无障碍 | 长者模式 | 简体 | 繁体")
d.add("2020年5月8日 星期五 农历四月十六", "clock")
d.add("首页\t市情概况\t政务公开\t政务服务\t政民互动\t专题专栏")
d.add("当前位置：首页 > 政务公开 > 部门信息公开 > 市交通运输局 > 法治政府建设", "breadcrumb")
d.add("2024年法治政府建设年度报告", "page_title")
d.add("日期：2025-01-24　来源：市交通运输局　作者：　点击：", "pub")
d.add("【字体：大 中 小】【打印】【关闭】")
d.add("索引号\t4306810005/2025-00018\t主题分类\t综合政务")
d.add("发布机构\t汨罗市交通运输局\t成文日期\t2025-01-20", "date")
d.add("文号\t\t有效性\t有效")
d.lines(F3[0:2])
d.add(F3[2], "title")
d.add(F3[3])
d.add(F3[4], "body")
d.lines(F3[5:49])
d.add()
d.add("上一篇：汨罗市交通运输局2023年法治政府建设年度报告", "footer")
d.add("下一篇：汨罗市交通运输局2024年度部门整体支出绩效自评报告")
d.add("相关信息:")
d.add("汨罗市交通运输局2023年法治政府建设年度报告")
d.add("2022年法治政府建设年度报告")
d.add("扫一扫在手机打开当前页")
d.add("主办：汨罗市人民政府办公室　承办：汨罗市数据资源局")
d.add("网站标识码：4306810001　湘ICP备05012345号　湘公网安备 43068102000111号")
T = F3[2]
reg(
    d,
    added=[
        "site header, a clock 「2020年5月8日 星期五 农历四月十六」 (no 今天是), tab-separated navigation, breadcrumb",
        "page title 「2024年法治政府建设年度报告」, 「日期：2025-01-24 来源：… 作者： 点击：」, 【字体：大 中 小】【打印】【关闭】",
        "metadata table copied with Ctrl+A: cells separated by tabs, two pairs per row (索引号/主题分类, 发布机构/成文日期, empty 文号/有效性)",
        "the fixture (title, body with its page-break blank lines) verbatim",
        "上一篇/下一篇, 相关信息 with a half-width colon, 扫一扫, 主办/承办, 网站标识码, 湘ICP备, 湘公网安备",
    ],
    facts=dict(
        title=T, issuer="汨罗市交通运输局", issuer_kind="department", year=2024,
        date="2025-01-20", date_text="2025-01-20", published="2025-01-24",
        doc_number=None, addressee=None, attachments=[], publisher="汨罗市交通运输局",
    ),
    verdicts={
        "format.title": title_warn(T),
        "format.signature": sig_pass(SIG_META + " (发布机构\\t汨罗市交通运输局\\t成文日期\\t2025-01-20)"),
        "format.timeliness": time_pass_dept("2025-01-20", 2024),
        "format.date-form": DF_SKIP_META,
        "format.publication": pub_pass("2025-01-24", 2024),
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("pass", "as base 003; 「相关信息:」 is furniture"),
        "consistency.year": year_pass(2024, "the clock's 2020 and the 2022/2023 links are furniture"),
        "core.next-year-plan": plan_pass(PLANS["003"]),
    },
    notes=[
        "format.signature and format.timeliness differ from base 003 (fail, skip): the metadata gives 发布机构 and 成文日期.",
        "The page title equals the report's own title (without spaces); the 发布机构 does not make the title name its issuer.",
    ],
)

# --------------------------------------------------------------------------------------
# W5: 司法局 site (依法治州 column), fixture 004: the WHOLE page flattened onto one line with NO
# separators (the case: opening ending in 「…报告如下：一、…」).
d = Doc("web/w5_sifaju_flat_no_separators_004.txt", "004", "web-copy 司法局 site, flattened, no separators")
d.add("昌吉回族自治州司法局")
d.add("无障碍|长者模式|简体|繁体")
d.add("今天是：2019年10月31日 星期四", "clock")
d.lines(["首页", "机构概况", "政务公开", "法律服务", "普法宣传", "依法治州", "互动交流"])
d.add("当前位置：首页>依法治州>法治政府建设>年度报告", "breadcrumb")
d.add("昌吉州交通运输局2021年法治政府建设工作报告", "page_title")
d.add("发布时间：2022年02月25日 10:20", "pub")
d.add("浏览次数：467")
d.add("【字体：大 中 小】【打印】【关闭】")
d.add(F4[3], "title")
d.add(F4[5], "body")
d.lines(F4[6:22])
d.add("【打印本页】【关闭窗口】", "footer")
d.add("相关链接：")
d.add("昌吉州交通运输局2020年法治政府建设工作报告")
d.add("昌吉州交通运输局2022年法治政府建设工作报告")
d.add("扫一扫在手机打开当前页")
d.add("主办单位：昌吉回族自治州司法局")
d.add("网站标识码：6523000014")
d.add("新ICP备12001234号-1")
d.add("新公网安备 65230102000123号")
d.add("版权所有 昌吉回族自治州司法局")
T = F4[3]
reg(
    d,
    flatten="",
    added=[
        "the whole page on ONE line with no separators between its pieces (some extractors leave it so)",
        "site name, 无障碍|长者模式|简体|繁体, stale clock 「今天是：2019年10月31日 星期四」 (the issue's 2019-instead-of-2021 case), navigation, breadcrumb with >",
        "page title, 「发布时间：2022年02月25日 10:20」, 浏览次数, 【字体：大 中 小】【打印】【关闭】",
        "fixture 004 (title, opening, parts) glued: 「…总结报告如下：一、2021年法治政府建设情况（一）深入学习…」",
        "【打印本页】【关闭窗口】, 相关链接 to the 2020 and 2022 reports, 扫一扫, 主办单位, 网站标识码, 新ICP备, 新公网安备, 版权所有",
    ],
    facts=dict(
        title=T, issuer="昌吉州交通运输局", issuer_kind="department", year=2021,
        date=None, date_text=None, published="2022-02-25",
        doc_number=None, addressee=None, attachments=[], publisher=None,
    ),
    verdicts={
        "format.title": title_pass(T),
        "format.signature": SIG_FAIL,
        "format.timeliness": TIME_SKIP,
        "format.date-form": DF_SKIP,
        "format.publication": pub_pass("2022-02-25", 2021),
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_004),
        "consistency.year": year_pass(2021, "the clock's 2019 is furniture, so 「三、2022年主要工作思路及措施」 is the next-year plan"),
        "core.next-year-plan": plan_pass(PLANS["004"]),
    },
    notes=[
        "Every line number is 1. Issue 11: flattened this way the old tool loses the parts (achievements warn, shortcomings fail, leader warn, plan fail); the expected verdicts are base 004's.",
        "The page has no 来源/发布机构 field on purpose, so format.signature does not hinge on whether 来源 counts as an issuing body.",
    ],
)

# --------------------------------------------------------------------------------------
# W6: WeChat 公众号 article copied with Ctrl+A, fixture 003 under the article title.
d = Doc("web/w6_wechat_article_003.txt", "003", "web-copy WeChat 公众号 article")
d.add("汨罗市交通运输局2024年法治政府建设年度报告", "page_title", "title")
d.add("原创 汨罗交通 汨罗交通 2025年01月24日 18:06 湖南", "pub")
d.add()
d.add(F3[4], "body")
d.lines(F3[5:49])
d.add()
d.add("供稿：局法制股", "footer")
d.add("编辑：刘思琪")
d.add("审核：易志刚")
d.add()
d.add("阅读原文")
d.add("阅读 1563")
d.add("分享 收藏 点赞 在看")
d.add("留言")
d.add("写留言")
d.add("预览时标签不可点")
d.add("微信扫一扫")
d.add("关注该公众号")
d.add("继续滑动看下一个")
d.add("轻触阅读原文")
d.add("汨罗交通")
d.add("向上滑动看下一个")
d.add("知道了")
d.add("微信扫一扫")
d.add("使用小程序")
d.add("取消 允许")
d.add("取消 允许")
d.add("： ， ， ， ， ， ， ， ， ， ， ， ， 。 视频 小程序 赞 ，轻点两下取消赞 在看 ，轻点两下取消在看 分享 留言 收藏 听过")
T = "汨罗市交通运输局2024年法治政府建设年度报告"
reg(
    d,
    added=[
        "the article title (with the issuer) in place of the fixture's own title line",
        "「原创 汨罗交通 汨罗交通 2025年01月24日 18:06 湖南」 (account name twice, publication time, IP region)",
        "fixture 003's body verbatim, blank lines included",
        "供稿/编辑/审核 lines, 阅读原文, 阅读 1563, 分享 收藏 点赞 在看, the WeChat overlay strings, and the hidden-widget line of full-width ：，。",
    ],
    facts=dict(
        title=T, issuer="汨罗市交通运输局", issuer_kind="department", year=2024,
        date=None, date_text=None, published="2025-01-24",
        doc_number=None, addressee=None, attachments=[], publisher="汨罗交通 (WeChat account)",
    ),
    verdicts={
        "format.title": title_pass(T),
        "format.signature": SIG_FAIL,
        "format.timeliness": TIME_SKIP,
        "format.date-form": DF_SKIP,
        "format.publication": pub_pass("2025-01-24", 2024),
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("pass", "as base 003; the widget line's marks are furniture (and full-width)"),
        "consistency.year": year_pass(2024),
        "core.next-year-plan": plan_pass(PLANS["003"]),
    },
    notes=[
        "format.title differs from base 003 (warn): the article title names the issuer and the fixture's bare title line is not there.",
        "The WeChat publication time is taken as the publication date (a 公众号 is one of the 'other media' of 第二十四条); see the ambiguity notes.",
    ],
)

# --------------------------------------------------------------------------------------
# W7: national news portal reprint, extracted as Markdown (links, images, lists), fixture 002.
d = Doc("web/w7_news_portal_markdown_002.txt", "002", "web-copy news portal reprint (Markdown extraction)")
d.add("[![中国交通新闻网](https://www.zgjtb.com/images/logo.png)](https://www.zgjtb.com/)")
d.add()
d.add("[无障碍](https://www.zgjtb.com/wza/) | [长者模式](https://www.zgjtb.com/zzms/) | 简体 | [繁体](https://big5.zgjtb.com/)")
d.add()
d.add("今天是：2021年2月5日 星期五", "clock")
d.add()
d.add("* [首页](https://www.zgjtb.com/)")
d.add("* [要闻](https://www.zgjtb.com/node_141.html)")
d.add("* [公路](https://www.zgjtb.com/node_142.html)")
d.add("* [水运](https://www.zgjtb.com/node_143.html)")
d.add("* [地方](https://www.zgjtb.com/node_146.html)")
d.add("* [法治](https://www.zgjtb.com/node_150.html)")
d.add()
d.add("当前位置：[首页](https://www.zgjtb.com/) > [地方](https://www.zgjtb.com/node_146.html) > 正文", "breadcrumb")
d.add()
d.add("# 湛江经济技术开发区交通运输局2020年法治政府建设工作报告", "page_title")
d.add()
d.add("2021-02-05 09:12:33　来源：湛江经济技术开发区交通运输局　编辑：李晓", "pub")
d.add()
d.add("分享到：[微信](javascript:;) [微博](javascript:;) [QQ空间](javascript:;)")
d.add()
d.add(F2[2], "biaozhi")
d.lines(F2[3:6])
d.add(F2[6], "title")
d.add(F2[7])
d.add(F2[8], "body")
d.lines(F2[9:66])
d.add(F2[66], "signature")
d.add(F2[67])
d.add(F2[68], "date")
d.add()
d.add("责任编辑：李晓", "footer")
d.add()
d.add("【打印本页】【关闭窗口】")
d.add()
d.add("### 相关新闻")
d.add()
d.add("* [湛江经济技术开发区交通运输局2019年法治政府建设工作报告](https://www.zgjtb.com/2020-01/21/content_236541.html)")
d.add("* [湛江：2021年全市交通运输工作会议召开](https://www.zgjtb.com/2021-01/29/content_258712.html)")
d.add()
d.add("[关于我们](https://www.zgjtb.com/about/) | [联系我们](https://www.zgjtb.com/contact/) | [版权声明](https://www.zgjtb.com/copyright/)")
d.add()
d.add("版权所有：中国交通报社　　京ICP备05012345号-1　　京公网安备 11010502012345号")
d.add()
d.add("中国交通新闻网 © 2021 All Rights Reserved")
T = F2[6].lstrip("# ")
reg(
    d,
    added=[
        "a news portal page extracted to Markdown: logo image link, language links, clock 「今天是：2021年2月5日 星期五」 (publication year, not the covered 2020), navigation as a bullet list of links, breadcrumb with links",
        "the page title as '# …' (the report's title without its spaces), 「2021-02-05 09:12:33 来源：… 编辑：…」, share links",
        "fixture 002 from its 发文机关标志 line on, verbatim (Markdown headings, bold run-ins, --- page breaks, 落款)",
        "责任编辑, 【打印本页】【关闭窗口】, '### 相关新闻' with the issuer's 2019 report, footer links, 京ICP备, 京公网安备, ©",
    ],
    facts=dict(
        title=T, issuer="湛江经济技术开发区交通运输局", issuer_kind="department", year=2020,
        date="2021-01-20", date_text="2021年1月20日", published="2021-02-05",
        doc_number=None, addressee=None, attachments=[], publisher="中国交通新闻网 (reprint)",
    ),
    verdicts={
        "format.title": title_pass(T),
        "format.signature": sig_pass("the 落款 「湛江经济技术开发区交通运输局」 「2021年1月20日」 before the page footer"),
        "format.timeliness": time_pass_dept("2021-01-20", 2020),
        "format.date-form": df_pass("2021年1月20日"),
        "format.publication": pub_pass("2021-02-05", 2020),
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("pass", "as base 002; the Markdown links' half-width ( ) : are furniture"),
        "consistency.year": year_pass(2020, "the clock's 2021 and the linked 2019 report are furniture"),
        "core.next-year-plan": PLAN_WARN_002,
    },
    notes=["The title is the report's own line 「## 湛江经济技术开发区交通运输局 2020 年 法治政府建设工作报告」; the page's '# …' repeats it without spaces. Compare titles with spaces removed."],
)

# --------------------------------------------------------------------------------------
# W8: the upper department's site (市交通运输局, 区县动态 column) republishing fixture 000 late;
# the whole page flattened onto one line WITH spaces between the pieces.
d = Doc("web/w8_city_department_flat_spaces_000.txt", "000", "web-copy department site, flattened with spaces")
d.add("湛江市交通运输局")
d.add("无障碍 | 长者模式 | 简体 | 繁体")
d.add("今天是：2025年4月8日 星期二", "clock")
d.lines(["首页", "机构概况", "政务公开", "政务服务", "交通资讯", "互动交流"])
d.add("当前位置：首页 > 交通资讯 > 区县动态", "breadcrumb")
d.add("坡头区交通运输局2024年法治政府建设年度报告", "page_title")
d.add("发布时间：2025-04-08 09:30 来源：坡头区交通运输局 浏览次数：58", "pub")
d.add("【字体：大 中 小】【打印】【关闭】")
d.add(F0[0], "title")
d.add(F0[1], "body")
d.lines(F0[2:31])
d.add(F0[31], "signature")
d.add(F0[32], "date")
d.add("【打印本页】【关闭窗口】", "footer")
d.add("相关链接")
d.add("吴川市交通运输局2024年法治政府建设年度报告")
d.add("坡头区交通运输局2023年法治政府建设年度报告")
d.add("扫一扫在手机打开当前页")
d.add("主办单位：湛江市交通运输局")
d.add("网站标识码：4408000034")
d.add("粤ICP备10012345号")
d.add("粤公网安备 44080202000321号")
reg(
    d,
    flatten=" ",
    added=[
        "the whole page on ONE line, pieces separated by single spaces",
        "site header, clock 「今天是：2025年4月8日 星期二」 (the plan year 2025, not the covered 2024), navigation, breadcrumb",
        "page title, 「发布时间：2025-04-08 09:30 来源：… 浏览次数：58」 (republished after 4月1日)",
        "fixture 000 verbatim incl. title and 落款: 「…报告如下: 一、2024年法治政府建设主要情况 (一)…」",
        "【打印本页】【关闭窗口】, 相关链接 (another county's 2024 report, the issuer's 2023 report), 扫一扫, 主办单位, 网站标识码, 粤ICP备, 粤公网安备",
    ],
    facts=dict(
        title=F0[0], issuer="湛江市坡头区交通运输局", issuer_kind="department", year=2024,
        date="2024-12-09", date_text="2024年12月9日", published="2025-04-08",
        doc_number=None, addressee=None, attachments=[], publisher="湛江市交通运输局 (republication)",
    ),
    verdicts={
        "format.title": title_pass(F0[0]),
        "format.signature": sig_pass("the 落款 「湛江市坡头区交通运输局 2024年12月9日」 right before 【打印本页】"),
        "format.timeliness": time_warn("2024-12-09", 2024),
        "format.date-form": df_pass("2024年12月9日"),
        "format.publication": pub_fail("2025-04-08", 2024),
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_000),
        "consistency.year": year_pass(2024, "the clock's 2025 is furniture (it equals the plan year)"),
        "core.next-year-plan": plan_pass(PLANS["000"]),
    },
    notes=["Every line number is 1. The only publication date this copy knows is 2025-04-08 → fail, although the report may have been published earlier elsewhere (compare w1); see the ambiguity notes."],
)
