"""公文 layouts (text as extracted from Word/WPS: a paragraph a line) around the fixture bodies."""
from common import Doc, fixture_lines
from verdicts import *  # noqa: F401,F403

F0, F1, F2, F3, F4 = (fixture_lines(k) for k in ("000", "001", "002", "003", "004"))

PUNCT_000 = "fixture 000's 正文 count (tool on base: 177); 版头, 附件 and 版记 add none"
PUNCT_001 = "fixture 001's 正文 count (tool on base: 201)"
PUNCT_004 = "one half-width comma 「活动,组织」 as in base 004"

DOCS = []


def reg(doc, flatten=None, **meta):
    DOCS.append((doc, flatten, meta))


# --------------------------------------------------------------------------------------
# G1: red-letter 版头 over fixture 000, 主送机关, 附件说明, （盖章） beside the name, 附件 with a
# statistics table after the 落款, 版记.  (The first example, made consistent.)
d = Doc("gongwen/g1_banto_attachment_000.txt", "000", "gongwen-word-text")
d.add("湛江市坡头区交通运输局文件", "biaozhi")
d.add()
d.add("坡交〔2024〕86号　　　　　　　　　　签发人：陈国栋", "docno")
d.add()
d.add(F0[0], "title")
d.add()
d.add("坡头区人民政府：", "addressee")
d.lines(F0[1:31], "body")
d.add()
d.add("附件：坡头区交通运输局2024年行政执法案件统计表", "attnote")
d.add()
d.add("湛江市坡头区交通运输局（盖章）", "signature", "seal")
d.add(F0[32], "date")
d.add()
d.add("附件", "att")
d.add()
d.add("坡头区交通运输局2024年行政执法案件统计表")
d.add("（统计时间：2024年1月1日至2024年11月30日）")
d.add("序号\t项目\t单位\t2023年\t2024年\t备注")
d.add("1\t查处交通运输违法案件\t宗\t389\t416\t")
d.add("2\t联合治超查处案件\t宗\t187\t212\t与区交警大队联合开展")
d.add("3\t卸载超限货物\t吨\t6415.3\t7792.6\t")
d.add("4\t处理投诉举报件\t件\t317\t352\t含12345热线转办")
d.add("5\t参加执法资格考试\t人\t3\t1\t")
d.add("6\t持有行政执法证人员\t人\t23\t24\t经省厅审批发证")
d.add("7\t行政复议案件\t件\t0\t0\t")
d.add("8\t行政诉讼案件\t件\t0\t0\t")
d.add("填表人：梁振华　　审核人：陈国栋　　填报日期：2024年12月6日")
d.add()
d.add("抄送：湛江市交通运输局，区委依法治区办，区司法局。", "banji")
d.add("湛江市坡头区交通运输局办公室　　　　　　2024年12月9日印发")
reg(
    d,
    added=[
        "发文机关标志 「湛江市坡头区交通运输局文件」",
        "发文字号 in 〔〕 with 签发人 beside it",
        "主送机关 (one body) under the title",
        "附件说明 (one attachment)",
        "（盖章） beside the 发文机关署名",
        "附件 after the 落款: own title, period line and a tab-separated statistics table with 2023 and 2024 columns, dates, and 行政复议/行政诉讼 rows",
        "版记: 抄送 and 印发机关/印发日期",
    ],
    facts=dict(
        title=F0[0], issuer="湛江市坡头区交通运输局", issuer_kind="department", year=2024,
        date="2024-12-09", date_text="2024年12月9日", published=None,
        doc_number="坡交〔2024〕86号", signer="陈国栋", addressee="坡头区人民政府",
        attachments=["坡头区交通运输局2024年行政执法案件统计表"],
    ),
    verdicts={
        "format.title": title_pass(F0[0]),
        "format.signature": sig_pass("「湛江市坡头区交通运输局（盖章）」 and 「2024年12月9日」 after the 附件说明, before the 附件 and the 版记 (（盖章） beside the name is fine)"),
        "format.timeliness": time_warn("2024-12-09", 2024),
        "format.date-form": df_pass("2024年12月9日"),
        "format.publication": PUB_SKIP,
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_000),
        "consistency.year": year_pass(2024, "the attachment's 「2023年」 column and 填报日期 are not sources of the year"),
        "core.next-year-plan": plan_pass(PLANS["000"]),
    },
    notes=[
        "The 附件 table has 行政复议案件 0 / 行政诉讼案件 0 rows. Content rules see the 正文 only (issue 11), so content.disputes stays warn as in base 000; a reader that counts the attachment would wrongly pass it.",
        "The last date in the file is the 版记's 印发日期, and the last lines are the 版记, not the signature.",
    ],
)

# --------------------------------------------------------------------------------------
# G2: joint 发文机关标志 (党组 + 局) over fixture 003, 份号, [] 发文字号 with two 签发人, a
# three-line title split mid-word, several 主送机关, numbered 附件说明, two-line joint
# 署名, 联系人 附注, two 附件 with tables, 版记 with half-width punctuation, page numbers at
# the fixture's own sentence-splitting page breaks.
d = Doc("gongwen/g2_joint_three_line_title_pagenos_003.txt", "003", "gongwen-pdf-like-text")
d.add("000012", "fenhao")
d.add()
d.add("中共汨罗市交通运输局党组", "biaozhi")
d.add("汨罗市交通运输局", "biaozhi")
d.add("文件", "biaozhi")
d.add()
d.add("汨交党发[2025]2号　　　　　　　　签发人：李建军　周文斌", "docno")
d.add()
d.add("中共汨罗市交通运输局党组", "title")
d.add("汨罗市交通运输局关于2024年法治政府", "title")
d.add("建设情况的报告", "title")
d.add()
d.add("中共汨罗市委全面依法治市委员会办公室、汨罗市人民政府：", "addressee")
d.add()
# fixture 003 lines 5..49; its page breaks (blank lines inside a sentence) are at 10,16,20,26,34,44
breaks = {10: 1, 16: 2, 20: 3, 26: 4, 34: 5, 44: 6}
for n in range(5, 50):
    line = F3[n - 1]
    if n in breaks:
        d.add("")
        d.add(f"— {breaks[n]} —", "pageno")
        d.add("")
    else:
        d.add(line, *(("body",) if n == 5 else ()))
d.add()
d.add("附件：1.汨罗市交通运输局2024年度行政执法工作统计表", "attnote")
d.add("　　　2.汨罗市交通运输局2024年度普法宣传活动统计表")
d.add()
d.add("中共汨罗市交通运输局党组", "signature")
d.add("汨罗市交通运输局", "signature")
d.add("2025年1月20日", "date")
d.add("（联系人：黄丽娟，电话：0730-5222618）", "fuzhu")
d.add()
d.add("— 7 —", "pageno")
d.add()
d.add("附件1", "att")
d.add()
d.add("汨罗市交通运输局2024年度行政执法工作统计表")
d.add()
d.add("指标　　　　　　　　　　　数值　　　　说明")
d.add("网上办案全省排名　　　　　第29名　　　省级交通运输综合行政执法管理信息系统")
d.add("案卷评查合格率　　　　　　100%　　　　无0分卷")
d.add("查处搅拌车超限运输　　　　29台次　　　涉及混凝土企业4家")
d.add("市优化办交办问题　　　　　6个　　　　整改回复3个，移交相关部门2个")
d.add("主动公开政务信息　　　　　971条")
d.add("（统计截止时间：2024年12月31日）")
d.add()
d.add("— 8 —", "pageno")
d.add()
d.add("附件2")
d.add()
d.add("汨罗市交通运输局2024年度普法宣传活动统计表")
d.add()
d.add("活动　　　　　　　　时间　　　　　　　　　　形式")
d.add("“路政宣传月”　　　　2024年5月　　　　　　　进站入企宣讲、发放资料")
d.add("“安全生产月”　　　　2024年6月　　　　　　　设立咨询台、展板展示")
d.add("“宪法宣传周”　　　　2024年12月2日至8日　　　集中宣传、电子屏轮播")
d.add("合计：开展活动6场次，发放宣传资料9500份，制作展板32块，张贴海报35张，悬挂横幅42条。")
d.add()
d.add("抄送:岳阳市交通运输局,汨罗市司法局。", "banji")
d.add("汨罗市交通运输局办公室　　　　　　　　2025年1月20日印发")
d.add()
d.add("— 9 —", "pageno")
T2 = "中共汨罗市交通运输局党组汨罗市交通运输局关于2024年法治政府建设情况的报告"
reg(
    d,
    added=[
        "份号 000012",
        "joint 发文机关标志 on three lines (中共汨罗市交通运输局党组 / 汨罗市交通运输局 / 文件), as a Word table extracts",
        "发文字号 in [] with two 签发人",
        "the fixture's title 「2024 年法治政府建设年度报告」 dropped; a joint title over three lines, split between the two issuers and inside 「法治政府建设」",
        "主送机关 with two bodies separated by 、",
        "附件说明 with two numbered attachments, the second line indented",
        "two-line joint 发文机关署名, Arabic 成文日期, 附注 （联系人：…，电话：…）",
        "page numbers 「— n —」 at the fixture's own page breaks (blank lines inside sentences), and after the 落款 and each 附件",
        "附件1 and 附件2 with their own titles and space-aligned tables (numbers, dates)",
        "版记 typed with half-width : and , (抄送:…,…。)",
    ],
    facts=dict(
        title=T2, issuer="中共汨罗市交通运输局党组、汨罗市交通运输局",
        issuers=["中共汨罗市交通运输局党组", "汨罗市交通运输局"], issuer_kind="department",
        year=2024, date="2025-01-20", date_text="2025年1月20日", published=None,
        doc_number="汨交党发[2025]2号", signer="李建军、周文斌",
        addressee="中共汨罗市委全面依法治市委员会办公室、汨罗市人民政府",
        attachments=["汨罗市交通运输局2024年度行政执法工作统计表", "汨罗市交通运输局2024年度普法宣传活动统计表"],
    ),
    verdicts={
        "format.title": title_pass(T2),
        "format.signature": sig_pass("two-line joint 署名 and 「2025年1月20日」 after the 附件说明, before 附件1 and the 版记"),
        "format.timeliness": time_pass_dept("2025-01-20", 2024),
        "format.date-form": df_pass("2025年1月20日"),
        "format.publication": PUB_SKIP,
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("pass", "the half-width : and , are in the 版记 (抄送:…), which is not 正文; 发文字号's [] are not in the list"),
        "consistency.year": year_pass(2024, "the 附件's 2024年5月 / 2024年12月31日 and the 2025 in 发文字号 are not sources"),
        "core.next-year-plan": plan_pass(PLANS["003"]),
    },
    notes=[
        "issuer_kind: a department jointly with its own 党组 (not a party committee); the department deadline 3月1日 applies.",
        "format.title differs from base 003 (warn) because this layout has its own title with the issuers; it is one of the rules computed here.",
        "format.signature differs from base 003 (fail) because this layout has a 落款.",
        "「文件」 alone on a line is part of the 发文机关标志, not a title.",
    ],
)

# --------------------------------------------------------------------------------------
# G3: fixture 004 with 紧急程度, 〔〕 发文字号, a two-line title split mid-word, （盖章） under
# the name, a 成文日期 in Chinese numerals, 此件公开发布, 版记.
d = Doc("gongwen/g3_chinese_numeral_date_004.txt", "004", "gongwen-word-text")
d.add("加急", "jinji")
d.add()
d.add("昌吉回族自治州交通运输局文件", "biaozhi")
d.add()
d.add("昌州交发〔2022〕5号　　　　　　　　　签发人：马光明", "docno")
d.add()
d.add("昌吉州交通运输局2021年法治政", "title")
d.add("府建设工作报告", "title")
d.add()
d.add("昌吉回族自治州人民政府：", "addressee")
d.lines(F4[5:22], "body")
d.add()
d.add("昌吉回族自治州交通运输局", "signature")
d.add("（盖章）", "seal")
d.add("二〇二二年一月十二日", "date")
d.add("（此件公开发布）", "fuzhu")
d.add()
d.add("抄送：自治区交通运输厅，州委全面依法治州委员会办公室，州司法局。", "banji")
d.add("昌吉回族自治州交通运输局办公室　　　　　　2022年1月12日印发")
T3 = "昌吉州交通运输局2021年法治政府建设工作报告"
reg(
    d,
    added=[
        "紧急程度 「加急」",
        "发文机关标志 with the full name 昌吉回族自治州交通运输局文件",
        "发文字号 in 〔〕 with 签发人 (the body's own 「昌州政办通[2021]159号」 is a cited document, not the 发文字号)",
        "the fixture title over two lines, split inside 「法治政府」 (法治政 / 府建设工作报告)",
        "主送机关 (one body)",
        "署名 with （盖章） on the line under it",
        "成文日期 in Chinese numerals 二〇二二年一月十二日",
        "附注 （此件公开发布）",
        "版记",
    ],
    facts=dict(
        title=T3, issuer="昌吉回族自治州交通运输局", issuer_kind="department", year=2021,
        date="2022-01-12", date_text="二〇二二年一月十二日", published=None,
        doc_number="昌州交发〔2022〕5号", signer="马光明", addressee="昌吉回族自治州人民政府",
        attachments=[],
    ),
    verdicts={
        "format.title": title_pass(T3),
        "format.signature": sig_pass("「昌吉回族自治州交通运输局」, 「（盖章）」 under it and 「二〇二二年一月十二日」 before the 版记"),
        "format.timeliness": time_pass_dept("2022-01-12", 2021),
        "format.date-form": df_warn_cn("二〇二二年一月十二日"),
        "format.publication": PUB_SKIP,
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_004),
        "consistency.year": year_pass(2021),
        "core.next-year-plan": plan_pass(PLANS["004"]),
    },
    notes=["format.signature differs from base 004 (fail): this layout has a 落款. The issuer in the 署名 is the full name; the title uses the short 昌吉州."],
)

# --------------------------------------------------------------------------------------
# G4: fixture 001 as the Word 公文 it came from: its one-line body split back into paragraphs.
d = Doc("gongwen/g4_paragraphs_several_addressees_001.txt", "001", "gongwen-word-text")
d.add("温州市交通运输局文件", "biaozhi")
d.add()
d.add("温交〔2024〕15号　　　　　　　　　　签发人：郑晓东", "docno")
d.add()
d.add("温州市交通运输局2023年度法治政府建设工作报告", "title")
d.add()
d.add("温州市人民政府、浙江省交通运输厅：", "addressee")
body = F1[5]
assert body.endswith(" |")
body = body[:-2]
paras, cur = [], ""
for i, ch in enumerate(body):
    if ch == " " and not body[max(0, i - 2):i] == "护路":
        paras.append(cur)
        cur = ""
    else:
        cur += ch
paras.append(cur)
assert " ".join(paras) == body and len(paras) == 16, len(paras)
d.lines(paras, "body")
d.add()
d.add("温州市交通运输局", "signature")
d.add("2024年2月18日", "date")
d.add("（此件公开发布）", "fuzhu")
d.add()
d.add("抄送：市委全面依法治市委员会办公室，市司法局。", "banji")
d.add("温州市交通运输局办公室　　　　　　　　2024年2月18日印发")
T4 = "温州市交通运输局2023年度法治政府建设工作报告"
reg(
    d,
    added=[
        "发文机关标志, 发文字号 〔〕 with 签发人",
        "a title line (base 001 has none)",
        "主送机关 with two bodies",
        "the fixture's single body line split back into paragraphs at its separating spaces (the two spaces inside 「法治护路 公路先锋」 kept); the trailing table artefact 「 |」 dropped; no character of the body changed",
        "署名 and 成文日期 2024年2月18日 (the base metadata's 成文日期), 附注 （此件公开发布）, 版记",
    ],
    facts=dict(
        title=T4, issuer="温州市交通运输局", issuer_kind="department", year=2023,
        date="2024-02-18", date_text="2024年2月18日", published=None,
        doc_number="温交〔2024〕15号", signer="郑晓东", addressee="温州市人民政府、浙江省交通运输厅",
        attachments=[],
    ),
    verdicts={
        "format.title": title_pass(T4),
        "format.signature": sig_pass("「温州市交通运输局」 and 「2024年2月18日」 before the 附注 and 版记"),
        "format.timeliness": time_pass_dept("2024-02-18", 2023),
        "format.date-form": df_pass("2024年2月18日"),
        "format.publication": PUB_SKIP,
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_001),
        "consistency.year": year_pass(2023),
        "core.next-year-plan": plan_pass(PLANS["001"]),
    },
    notes=["format.title differs from base 001 (fail): this layout has a title line."],
)

# --------------------------------------------------------------------------------------
# G5: fixture 002 is itself a Markdown export (pandoc-like) of a Word 公文: its '# 湛江…局'
# and '---' are the 发文机关标志 and the red line. Add the 发文字号 in (), 主送机关, 附注, 版记.
d = Doc("gongwen/g5_markdown_export_002.txt", "002", "gongwen-markdown-export")
d.lines(F2[0:3])  # two blank lines, '# 湛江经济技术开发区交通运输局'
d.items[2] = (d.items[2][0], ("biaozhi",))
d.add()
d.add("湛开交(2021)6号　　　　　　　　签发人：吴志雄", "docno")
d.lines(F2[3:6])  # blank, ---, blank
d.add(F2[6], "title")
d.add()
d.add("湛江经济技术开发区管理委员会：", "addressee")
d.add(F2[7])
d.add(F2[8], "body")
d.lines(F2[9:66])  # through line 66 (blank)
d.add(F2[66], "signature")
d.add(F2[67])
d.add(F2[68], "date")
d.add()
d.add("（联系人：林小燕，电话：0759-3386521）", "fuzhu")
d.add()
d.add("---")
d.add()
d.add("抄送：湛江市交通运输局，经开区党工委政法委。", "banji")
d.add()
d.add("湛江经济技术开发区交通运输局办公室　　　　　　2021年1月20日印发")
d.add()
d.add("---")
T5 = "湛江经济技术开发区交通运输局 2020 年 法治政府建设工作报告"
reg(
    d,
    added=[
        "发文字号 in half-width () 「湛开交(2021)6号」 with 签发人, under the fixture's own 发文机关标志 line 「# 湛江经济技术开发区交通运输局」 and above its '---' red line",
        "主送机关 under the title",
        "附注 （联系人：…，电话：…）",
        "版记 between '---' rules",
    ],
    facts=dict(
        title=T5, issuer="湛江经济技术开发区交通运输局", issuer_kind="department", year=2020,
        date="2021-01-20", date_text="2021年1月20日", published=None,
        doc_number="湛开交(2021)6号", signer="吴志雄", addressee="湛江经济技术开发区管理委员会",
        attachments=[],
    ),
    verdicts={
        "format.title": title_pass(T5),
        "format.signature": sig_pass("「湛江经济技术开发区交通运输局」 and 「2021年1月20日」, then the 附注 and the 版记"),
        "format.timeliness": time_pass_dept("2021-01-20", 2020),
        "format.date-form": df_pass("2021年1月20日"),
        "format.publication": PUB_SKIP,
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("pass", "the half-width ( ) are in the 发文字号 of the 版头, not in the 正文"),
        "consistency.year": year_pass(2020),
        "core.next-year-plan": PLAN_WARN_002,
    },
    notes=["The first heading line 「# 湛江经济技术开发区交通运输局」 is the 发文机关标志, not the title (it has no 法治政府建设…报告)."],
)

# --------------------------------------------------------------------------------------
# G6: fixture 000 as a WPS text export without empty paragraphs: two-line title, （印章）
# beside the name, a zero-padded 成文日期, both 附注, page numbers '- n -' at page breaks
# that cut sentences, the last line a page number.
d = Doc("gongwen/g6_padded_date_pagebreaks_000.txt", "000", "gongwen-wps-text")
d.add("湛江市坡头区交通运输局文件", "biaozhi")
d.add("坡交〔2025〕3号　　　　　　　　　　签发人：陈国栋", "docno")
d.add("坡头区交通运输局2024年", "title")
d.add("法治政府建设年度报告", "title")
d.add("湛江市坡头区人民政府：", "addressee")
cuts = {  # fixture line -> text after which the page ends (inside a sentence)
    9: "切实提升了干部职工的法治能力",
    12: "设立咨询台,通过发放",
    15: "局领导班子其他成员在其分管工作",
    24: "密切与群众",
    27: "但个别同",
}
page = 1
for n in range(2, 32):
    line = F0[n - 1]
    tags = ("body",) if n == 2 else ()
    if n in cuts:
        k = line.index(cuts[n]) + len(cuts[n])
        d.add(line[:k], *tags)
        d.add("")
        d.add(f"- {page} -", "pageno")
        d.add("")
        d.add(line[k:])
        page += 1
    else:
        d.add(line, *tags)
d.add("湛江市坡头区交通运输局　（印章）", "signature", "seal")
d.add("2025年01月09日", "date")
d.add("（此件公开发布）", "fuzhu")
d.add("（联系人：梁振华，电话：0759-3812360）", "fuzhu")
d.add("抄送：湛江市交通运输局，区委依法治区办，区司法局。", "banji")
d.add("湛江市坡头区交通运输局办公室　　　　　　2025年1月9日印发")
d.add(f"- {page} -", "pageno")
T6 = F0[0]
reg(
    d,
    added=[
        "发文机关标志, 发文字号 〔〕 with 签发人, no empty paragraphs anywhere",
        "the fixture title over two lines (坡头区交通运输局2024年 / 法治政府建设年度报告)",
        "主送机关",
        "five page breaks inside sentences (text, blank, '- n -', blank, rest of the sentence); the file ends on a page number",
        "（印章） beside the 署名 after a full-width space",
        "zero-padded 成文日期 2025年01月09日 (the 版记 writes 2025年1月9日)",
        "附注 （此件公开发布） and （联系人：…，电话：…）",
        "版记",
    ],
    facts=dict(
        title=T6, issuer="湛江市坡头区交通运输局", issuer_kind="department", year=2024,
        date="2025-01-09", date_text="2025年01月09日", published=None,
        doc_number="坡交〔2025〕3号", signer="陈国栋", addressee="湛江市坡头区人民政府",
        attachments=[],
    ),
    verdicts={
        "format.title": title_pass(T6),
        "format.signature": sig_pass("「湛江市坡头区交通运输局　（印章）」 and 「2025年01月09日」 before the 附注 and 版记"),
        "format.timeliness": time_pass_dept("2025-01-09", 2024),
        "format.date-form": df_warn_pad("2025年01月09日"),
        "format.publication": PUB_SKIP,
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("warn", PUNCT_000 + "; the page breaks add none"),
        "consistency.year": year_pass(2024),
        "core.next-year-plan": plan_pass(PLANS["000"]),
    },
    notes=["format.timeliness differs from base 000 (warn): this copy is dated 2025-01-09, after the year ended. The sentences cut by page breaks must be joined for evidence quotes."],
)

# --------------------------------------------------------------------------------------
# G7: fixture 004 with 份号, 密级, 紧急程度, full-width indentation on every paragraph (typed
# spaces, as many WPS drafts have), several 主送机关, （印章） under the name, a late date.
d = Doc("gongwen/g7_classified_late_indented_004.txt", "004", "gongwen-wps-text")
d.add("000086", "fenhao")
d.add("秘密★1年", "miji")
d.add("特急", "jinji")
d.add()
d.add("昌吉回族自治州交通运输局文件", "biaozhi")
d.add()
d.add("昌州交发〔2022〕21号　　　　　　　　签发人：马光明", "docno")
d.add()
d.add(F4[3], "title")
d.add()
d.add("自治区交通运输厅、昌吉回族自治州人民政府：", "addressee")
for i, line in enumerate(F4[5:22]):
    d.add("　　" + line, *(("body",) if i == 0 else ()))
d.add()
d.add("昌吉回族自治州交通运输局", "signature")
d.add("（印章）", "seal")
d.add("2022年3月15日", "date")
d.add()
d.add("抄送：州委全面依法治州委员会办公室，州司法局。", "banji")
d.add("昌吉回族自治州交通运输局办公室　　　　　2022年3月15日印发")
T7 = F4[3]
reg(
    d,
    added=[
        "份号 000086, 密级 「秘密★1年」 (the only classified file, on purpose), 紧急程度 「特急」",
        "发文机关标志, 发文字号 〔〕 with 签发人",
        "主送机关 with two bodies",
        "every body line prefixed with two full-width spaces (typed indentation), headings included",
        "署名 with （印章） under it, 成文日期 2022年3月15日 (after the department deadline)",
        "版记",
    ],
    facts=dict(
        title=T7, issuer="昌吉回族自治州交通运输局", issuer_kind="department", year=2021,
        date="2022-03-15", date_text="2022年3月15日", published=None,
        doc_number="昌州交发〔2022〕21号", signer="马光明",
        addressee="自治区交通运输厅、昌吉回族自治州人民政府", attachments=[],
    ),
    verdicts={
        "format.title": title_pass(T7),
        "format.signature": sig_pass("「昌吉回族自治州交通运输局」, 「（印章）」 under it, 「2022年3月15日」"),
        "format.timeliness": time_fail_dept("2022-03-15", 2021),
        "format.date-form": df_pass("2022年3月15日"),
        "format.publication": PUB_SKIP,
        "format.confidential": CONF_FAIL,
        "format.punctuation": punct("warn", PUNCT_004),
        "consistency.year": year_pass(2021),
        "core.next-year-plan": plan_pass(PLANS["004"]),
    },
    notes=["Headings carry leading full-width spaces: 「　　一、2021年法治政府建设情况」 is still a level-1 heading."],
)

# --------------------------------------------------------------------------------------
# G8: fixture 003 under a single issuer's 版头 that keeps its own title without the issuer:
# the 发文机关标志 is not the title, so the title still lacks its issuer.
d = Doc("gongwen/g8_banto_title_without_issuer_003.txt", "003", "gongwen-word-text")
d.add("汨罗市交通运输局文件", "biaozhi")
d.add()
d.add("汨交〔2025〕4号　　　　　　　　　　签发人：周文斌", "docno")
d.lines(F3[0:2])
d.add(F3[2], "title")
d.add(F3[3])
d.add("汨罗市人民政府：", "addressee")
d.add(F3[3])
d.add(F3[4], "body")
d.lines(F3[5:49])
d.add()
d.add("汨罗市交通运输局", "signature")
d.add("2025年2月10日", "date")
d.add("（此件公开发布）", "fuzhu")
d.add()
d.add("抄送：岳阳市交通运输局，市委依法治市办，市司法局。", "banji")
d.add("汨罗市交通运输局办公室　　　　　　　2025年2月10日印发")
T8 = F3[2]
reg(
    d,
    added=[
        "发文机关标志 「汨罗市交通运输局文件」, 发文字号 〔〕 with 签发人",
        "the fixture's own title kept (no issuer in it)",
        "主送机关",
        "署名 and 成文日期 2025年2月10日, 附注 （此件公开发布）, 版记",
    ],
    facts=dict(
        title=T8, issuer="汨罗市交通运输局", issuer_kind="department", year=2024,
        date="2025-02-10", date_text="2025年2月10日", published=None,
        doc_number="汨交〔2025〕4号", signer="周文斌", addressee="汨罗市人民政府",
        attachments=[],
    ),
    verdicts={
        "format.title": title_warn(T8),
        "format.signature": sig_pass("「汨罗市交通运输局」 and 「2025年2月10日」 before the 附注 and 版记"),
        "format.timeliness": time_pass_dept("2025-02-10", 2024),
        "format.date-form": df_pass("2025年2月10日"),
        "format.publication": PUB_SKIP,
        "format.confidential": CONF_PASS,
        "format.punctuation": punct("pass", "as base 003"),
        "consistency.year": year_pass(2024),
        "core.next-year-plan": plan_pass(PLANS["003"]),
    },
    notes=["The issuer is in the 发文机关标志 and the 署名 but not in the title line: format.title stays warn as in base 003 (the 标志 is not the title)."],
)
