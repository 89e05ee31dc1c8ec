"""Traditional-character copies of the fixtures made with OpenCC (s2t, s2tw, s2hk), and copies
with the usual conversion garbage. Needs the `opencc` package (pip install opencc)."""
import codecs

import opencc

from common import Doc, fixture_lines
from verdicts import *  # noqa: F401,F403

F0, F1, F2, F3, F4 = (fixture_lines(k) for k in ("000", "001", "002", "003", "004"))
CC = {c: opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")}


def conv(cfg, lines):
    return [CC[cfg].convert(x) for x in lines]


def _qq(err):  # a big5 gateway writes '??' for a character it cannot encode
    return ("??" * (err.end - err.start), err.end)


codecs.register_error("qq", _qq)

DOCS = []


def reg(doc, flatten=None, **meta):
    DOCS.append((doc, flatten, meta))


def tc_verdicts(base, **over):
    """Base verdicts of the computed rules for a plain converted copy (no layout added)."""
    t = {
        "000": dict(title=title_pass("坡頭區交通運輸局2024年法治政府建設年度報告"),
                    sig=sig_pass("「湛江市坡頭區交通運輸局」 「2024年12月9日」 at the end"),
                    time=time_warn("2024-12-09", 2024), df=df_pass("2024年12月9日"), pub=PUB_SKIP,
                    punct=punct("warn", "fixture 000's count; OpenCC leaves half-width marks alone"),
                    year=year_pass(2024), plan=plan_pass("三、下一步工作計劃")),
        "001": dict(title=TITLE_FAIL, sig=sig_pass(SIG_META + " (發佈機構 | 溫州市交通運輸局, 成文日期 | 2024-02-18)"),
                    time=time_pass_dept("2024-02-18", 2023), df=DF_SKIP_META, pub=PUB_SKIP_META,
                    punct=punct("warn", "fixture 001's count"), year=year_pass(2023),
                    plan=plan_pass("四、下一年度推進法治政府建設的主要安排")),
        "002": dict(title=title_pass("湛江經濟技術開發區交通運輸局 2020 年 法治政府建設工作報告"),
                    sig=sig_pass("「湛江經濟技術開發區交通運輸局」 「2021年1月20日」 at the end"),
                    time=time_pass_dept("2021-01-20", 2020), df=df_pass("2021年1月20日"), pub=PUB_SKIP,
                    punct=punct("pass", "as base 002"), year=year_pass(2020), plan=PLAN_WARN_002),
        "003": dict(title=title_warn("2024 年法治政府建設年度報告"), sig=SIG_FAIL, time=TIME_SKIP, df=DF_SKIP,
                    pub=PUB_SKIP, punct=punct("pass", "as base 003"), year=year_pass(2024),
                    plan=plan_pass("四、下一年度推進法治政府建設的主要安排")),
        "004": dict(title=title_pass("昌吉州交通運輸局2021年法治政府建設工作報告"), sig=SIG_FAIL, time=TIME_SKIP,
                    df=DF_SKIP, pub=PUB_SKIP, punct=punct("warn", "the half-width comma 「活動,組織」 as in base 004"),
                    year=year_pass(2021), plan=plan_pass("三、2022年主要工作思路及措施")),
    }[base]
    t.update(over)
    return {
        "format.title": t["title"], "format.signature": t["sig"], "format.timeliness": t["time"],
        "format.date-form": t["df"], "format.publication": t["pub"], "format.confidential": CONF_PASS,
        "format.punctuation": t["punct"], "consistency.year": t["year"], "core.next-year-plan": t["plan"],
    }


# --------------------------------------------------------------------------------------
# T1: 002 (Markdown) through OpenCC s2t, whole file.
L = conv("s2t", F2)
d = Doc("traditional/t1_opencc_s2t_002.txt", "002", "traditional OpenCC s2t")
for n, x in enumerate(L, 1):
    d.add(x, *{3: ("biaozhi",), 7: ("title",), 9: ("body",), 67: ("signature",), 69: ("date",)}.get(n, ()))
if d.items[-1][0] == "":
    d.items.pop()
reg(
    d,
    added=["the whole fixture converted with OpenCC 1.4.2 config s2t (OpenCC standard forms: 爲, 着, 羣, 衆 …); nothing else"],
    facts=dict(
        title="湛江經濟技術開發區交通運輸局 2020 年 法治政府建設工作報告",
        title_simplified="湛江经济技术开发区交通运输局 2020 年 法治政府建设工作报告",
        issuer="湛江經濟技術開發區交通運輸局", issuer_kind="department", year=2020,
        date="2021-01-20", date_text="2021年1月20日", published=None, doc_number=None,
        addressee=None, attachments=[],
    ),
    verdicts=tc_verdicts("002"),
)

# --------------------------------------------------------------------------------------
# T2: 001 through s2tw (Taiwan forms), metadata table and one-line body.
L = conv("s2tw", F1)
d = Doc("traditional/t2_opencc_s2tw_001.txt", "001", "traditional OpenCC s2tw")
for n, x in enumerate(L, 1):
    d.add(x, *{3: ("date",), 6: ("body",)}.get(n, ()))
reg(
    d,
    added=["the whole fixture converted with OpenCC s2tw (Taiwan forms: 為, 著, 群, 眾 …); metadata labels become 索引號 / 發佈機構 / 成文日期 / 公開方式"],
    facts=dict(
        title=None, issuer="溫州市交通運輸局", issuer_kind="department", year=2023,
        date="2024-02-18", date_text="2024-02-18", published=None, doc_number=None,
        addressee=None, attachments=[], publisher="溫州市交通運輸局",
    ),
    verdicts=tc_verdicts("001"),
)

# --------------------------------------------------------------------------------------
# T3: 003 through s2hk (Hong Kong forms).
L = conv("s2hk", F3)
d = Doc("traditional/t3_opencc_s2hk_003.txt", "003", "traditional OpenCC s2hk")
for n, x in enumerate(L, 1):
    d.add(x, *{3: ("title",), 5: ("body",)}.get(n, ()))
while d.items and d.items[-1][0] == "":
    d.items.pop()
reg(
    d,
    added=["the whole fixture converted with OpenCC s2hk (Hong Kong forms: 為, 着, 羣, 説 …)"],
    facts=dict(
        title="2024 年法治政府建設年度報告", title_simplified="2024 年法治政府建设年度报告",
        issuer=None, issuer_kind="department", year=2024, date=None, date_text=None,
        published=None, doc_number=None, addressee=None, attachments=[],
    ),
    verdicts=tc_verdicts("003"),
    notes=["issuer null: the name 汨羅市交通運輸局 appears only inside the body (as in base 003)."],
)

# --------------------------------------------------------------------------------------
# T4: 004 through s2t with conversion garbage: '??' for failed characters, '??' hiding 「一、」
# at the start of the first part's heading, pinyin left after 建設.
L = conv("s2t", F4)


def sub(lines, n, old, new, count=1):
    assert lines[n - 1].count(old) >= 1, (n, old)
    lines[n - 1] = lines[n - 1].replace(old, new, count)


sub(L, 7, "一、", "??")
sub(L, 8, "聞令而動", "聞??而動")
sub(L, 9, "車箱體", "車??體")
sub(L, 10, "準東執法大隊", "??東執法大隊")
sub(L, 12, "揚塵", "??塵")
sub(L, 12, "農村公路建設760公里", "農村公路建設(shè)760公里")
sub(L, 12, "制定平安建設工作方案", "制定平安建設(shè)工作方案")
sub(L, 22, "努力建設一支", "努力建設(shè)一支")
d = Doc("traditional/t4_s2t_garbled_004.txt", "004", "traditional s2t with conversion garbage")
for n, x in enumerate(L, 1):
    d.add(x, *{4: ("title",), 6: ("body",), 7: ("garbled_heading",)}.get(n, ()))
reg(
    d,
    added=[
        "OpenCC s2t of the whole fixture, then conversion garbage:",
        "line 7: the heading 「一、2021年法治政府建設情況」 became 「??2021年法治政府建設情況」 (「一、」 lost)",
        "「??」 for four failed characters in body text: 聞??而動 (令), 車??體 (箱), ??東執法大隊 (準), ??塵 (揚)",
        "pinyin left after 建設 three times in body text: 「建設(shè)」 (lines 12 and 22)",
    ],
    facts=dict(
        title="昌吉州交通運輸局2021年法治政府建設工作報告",
        title_simplified="昌吉州交通运输局2021年法治政府建设工作报告",
        issuer="昌吉州交通運輸局", issuer_kind="department", year=2021, date=None, date_text=None,
        published=None, doc_number=None, addressee=None, attachments=[],
    ),
    verdicts=tc_verdicts(
        "004",
        punct=punct("warn", "the comma 「活動,組織」 as in base 004; whether the pinyin's ( ) count is open (the status is warn either way)"),
    ),
    notes=[
        "core.achievements stays pass only if the tool reads 「??2021年法治政府建設情況」 as the level-1 heading it was (issue 11: tolerate conversion garbage).",
        "format.heading-numbering is expected pass as in base: the numbering was lost in conversion, not skipped by the writer (see ambiguity notes).",
    ],
)

# --------------------------------------------------------------------------------------
# T5: 000 on the county portal's big5 gateway: page furniture + fixture through s2t, then
# encoded as Big5; characters Big5 lacks (OpenCC's 爲 羣 衆 着 峯) became '??'.
furn_top = [
    ("湛江市坡头区人民政府网站", ()),
    ("无障碍 | 长者模式 | 简体 | 繁体", ()),
    ("今天是：2023年6月5日 星期一", ("clock",)),
    ("首页　走进坡头　政务公开　政务服务　互动交流　专题专栏", ()),
    ("当前位置：首页 > 政务公开 > 法治政府建设 > 法治政府建设年度报告", ("breadcrumb",)),
    ("坡头区交通运输局2024年法治政府建设年度报告", ("page_title",)),
    ("发布时间：2025-01-16　来源：坡头区交通运输局　浏览次数：1240", ("pub",)),
    ("【字体：大 中 小】【打印】【关闭】", ()),
]
furn_bottom = [
    ("【打印本页】【关闭窗口】", ("footer",)),
    ("相关链接：", ()),
    ("坡头区交通运输局2023年法治政府建设年度报告", ()),
    ("扫一扫在手机打开当前页", ()),
    ("主办单位：湛江市坡头区人民政府办公室", ()),
    ("网站标识码：4408040001　粤ICP备10212345号　粤公网安备 44080402000123号", ()),
]
fx_tags = {1: ("title",), 2: ("body",), 32: ("signature",), 33: ("date",)}
rows = furn_top + [(x, fx_tags.get(n, ())) for n, x in enumerate(F0, 1)] + furn_bottom


def big5_roundtrip(s):
    return s.encode("big5", "qq").decode("big5")


for rel, enc in (("traditional/t5_big5_gateway_000.utf8.txt", "utf-8"),
                 ("traditional/t5_big5_gateway_000.big5.txt", "big5")):
    d = Doc(rel, "000", "traditional big5 gateway web copy")
    for x, tg in rows:
        d.add(big5_roundtrip(CC["s2t"].convert(x)), *tg)
    reg(
        d,
        encoding=enc,
        added=[
            f"saved as {'Big5 bytes' if enc == 'big5' else 'UTF-8'}; the same text as the "
            + ("UTF-8 twin t5_big5_gateway_000.utf8.txt" if enc == "big5" else "Big5 file t5_big5_gateway_000.big5.txt"),
            "county portal furniture (site name, switches, clock 「今天是：2023年6月5日 星期一」, navigation, breadcrumb, page title, 發佈時間/來源/瀏覽次數, font widgets; 打印本頁, 相關鏈接, 掃一掃, 主辦單位, 網站標識碼, ICP, 公網安備) and fixture 000, all through OpenCC s2t",
            "then encoded to Big5 as a gateway does: the OpenCC-standard forms Big5 lacks (爲 羣 衆 着 峯) became 「??」, e.g. 「負責人作??法治政府建設第一責任人職責」, 「人民????」",
        ],
        facts=dict(
            title="坡頭區交通運輸局2024年法治政府建設年度報告",
            title_simplified="坡头区交通运输局2024年法治政府建设年度报告",
            issuer="湛江市坡頭區交通運輸局", issuer_kind="department", year=2024,
            date="2024-12-09", date_text="2024年12月9日", published="2025-01-16",
            doc_number=None, addressee=None, attachments=[],
        ),
        verdicts=tc_verdicts("000", pub=pub_pass("2025-01-16", 2024),
                             year=year_pass(2024, "the clock's 2023 and the linked 2023 report are furniture")),
        notes=["core.leader-duties stays pass: its heading still reads 「…黨政主要負責人作??法治政府建設第一責任人職責」. content.supervision stays pass: 人大、政協、紀檢監察, 社會監督, 12345 survive; only 羣衆 became ????."],
    )

# --------------------------------------------------------------------------------------
# T6: 003 half converted: paragraphs alternate between s2t and simplified, and inside some
# converted paragraphs only every other sentence is converted; '？？' (full-width) for a failed
# character and in place of 「四、」 on the plan heading.
d = Doc("traditional/t6_mixed_simplified_traditional_003.txt", "003", "traditional mixed with simplified, full-width ？？ garbage")
k = 0
out = []
for n, x in enumerate(F3, 1):
    if x.strip() == "":
        out.append(x)
        continue
    k += 1
    if k % 3 == 1:
        y = CC["s2t"].convert(x)
    elif k % 3 == 2:
        y = x
    else:  # sentence-level mix
        parts = x.split("。")
        y = "。".join(CC["s2t"].convert(p) if i % 2 == 0 else p for i, p in enumerate(parts))
    out.append(y)
plan_n = 37
assert F3[plan_n - 1].startswith("四、下一年度")
out[plan_n - 1] = "？？" + out[plan_n - 1][2:]
assert "屈子祠鎮" in out[20] or "屈子祠镇" in out[20]
out[20] = out[20].replace("屈子祠鎮", "屈子？？鎮").replace("屈子祠镇", "屈子？？镇")
for n, x in enumerate(out, 1):
    d.add(x, *{3: ("title",), 5: ("body",), plan_n: ("garbled_heading",)}.get(n, ()))
while d.items and d.items[-1][0] == "":
    d.items.pop()
TT6 = out[2]
reg(
    d,
    added=[
        "fixture 003 partly converted with OpenCC s2t: of its non-empty paragraphs, one in three fully traditional, one in three left simplified, one in three converted sentence by sentence (alternating)",
        f"line {plan_n}: the heading 「四、下一年度推进法治政府建设的主要安排」 lost its 「四、」 to 「？？」",
        "line 21: 「屈子？？鎮」 for a failed 祠",
    ],
    facts=dict(
        title=TT6.strip(), title_simplified="2024 年法治政府建设年度报告", issuer=None, issuer_kind="department",
        year=2024, date=None, date_text=None, published=None, doc_number=None, addressee=None, attachments=[],
    ),
    verdicts=tc_verdicts(
        "003",
        title=title_warn(TT6.strip()),
        plan=V("pass", f"the plan heading survives behind 「？？」: 「{out[plan_n - 1]}」 still says 下一年度…主要安排 (tolerate conversion garbage)"),
    ),
    notes=["format.heading-numbering is expected pass as in base (numbering lost in conversion, see ambiguity notes)."],
)
