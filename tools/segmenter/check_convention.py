#!/usr/bin/env python3
"""Check hand-segmented files against fzcheck's segmentation convention.

    check_convention.py FILE... [--no-consistency] [--quiet]

Input: one sentence per line, tokens separated by single spaces ('#' lines and
blank lines are ignored).  Each violation is printed as

    FILE:LINE: [rule] message  | context

and the exit status is 1 if there is any violation.  The rules are concrete
checks derived from docs/segmentation.md (numbers in brackets are the
convention's section numbers); every single-token and split example that the
convention spells out is checked in both directions:

  format       single spaces only; no tab, no U+3000, no leading/trailing space;
               long lines without any space (unsegmented)
  punct  (1)   a punctuation mark is its own token (except the decimal point
               inside a number, a thousands comma inside digits, and % after a number)
  date   (2)   2023 年 / 11 月 / 30 日 / 2023 年度 -> one token; durations split
               (20年 not followed by a month -> 20 年)
  number (3)   numeral + measure word split (12件 -> 12 件); 30余 -> 30 余;
               2.88 万 -> 2.88万; 99.5 % -> 99.5%
  ordinal(4)   第 + numeral one token (第 一 -> 第一), classifier split off
               (第二批 -> 第二 批; 第一责任人 -> 第一 责任人); Chinese numeral +
               classifier split (一项 -> 一 项, 两级 -> 两 级); 一是 -> 一 是
  abbrev (6)   三项制度 -> 三 项 制度 (numeral + classifier + noun)
  organ  (10)  a single-character organ suffix attaches to the preceding
               two-character word (运输 局 -> 运输局) and does not make a longer
               token (应急管理局 -> 应急 管理局)
  unit   (11)  全/本/我 + one character = one token (全 市 -> 全市), + a
               two-character word = split (全社会 -> 全 社会); 各 split (各单位)
  law    (12)  law names: 法 attaches to the last word (许可 法 》 -> 许可法);
               no token longer than 4 characters ending in 法 (行政处罚法)
  complement(14) 3-character verb + complement tokens split (评选出 -> 评选 出)
  negation (15) 不 + two-character verb split (不超过 -> 不 超过)
  whole        every word the convention gives as one token is not split into
               pieces (习 近平, 学 法, 第一 责任 人, 三重 一 大, ...)
  split        every multi-word example of the convention is not written as
               one token (提出, 法治政府, 走深走实, 高质量, 三项制度, ...)
  leak         a held-out sentence (heldout-*.txt) also occurs in a training
               file (train-*.txt) among the files checked

With several files, a consistency report (not counted as violations) lists word
strings that are one token in one place and split into exactly the same
characters in another, e.g. 学法 vs 学 法.
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import unicodedata

DIGITS = "0-9０-９"
NUM_RE = re.compile(rf"^[{DIGITS}]+([.．][{DIGITS}]+)?[万亿]?$")
NUM_PREFIX_RE = re.compile(rf"^([{DIGITS}]+(?:[.．][{DIGITS}]+)?[万亿]?)(.+)$")
CN_NUM = "一二两三四五六七八九十百千"
CN_NUM_RE = re.compile(rf"^[{CN_NUM}]+$")

MEASURE = set("件项名次个场人家期份条块张天倍起篇批元届位支类种所台辆本户座部套轮级处期周岁米吨")
MEASURE2 = {"人次", "家次", "场次", "余人", "分钟", "小时", "个月", "万元", "亿元", "平方米", "公里", "余次",
            "余件", "余人次", "多人", "多次", "多件"}
CLASSIFIERS = set("项个次名件期批轮场家条级届份位支类种篇起")
ORGAN = set("局部委处科所办")
LEVEL = set("省市县区乡镇州旗村")
UNIT_AFTER_QUANT = set("市区省县局委年员体国镇乡州村队院厅处科所办部次届")

# Lexical exceptions (whole tokens the convention or PKU treats as words).
NUM_CLASSIFIER_OK = {"一次性", "一起", "一条龙", "一类", "一体化", "一把手", "一站式", "一揽子", "一线", "一级", "一流",
                     "一项项", "一件件", "两会", "三中全会", "四中全会", "五中全会", "六中全会",
                     "七中全会", "二中全会", "一中全会", "一批批", "万人", "千家万户", "百家"}
ORDINAL_OK = {"第三方", "第三者", "第一线"}
ORGAN_OK = {"国务院", "司法部", "党中央", "发改委", "卫健委", "纪委监委", "中共中央办", "人大常委"}
GE_OK = {"各项", "各类", "各级", "各地", "各自", "各种", "各位", "各个", "各方", "各界", "各族", "各国",
         "各样", "各部", "各省", "各市", "各县", "各区", "各村", "各镇", "各乡"}
NEG_OK = {"不定期", "不作为", "不正当", "不得已", "不可能", "不在乎", "不等式", "不动产", "不见得", "不由得",
          "不要脸", "不得不", "不对称", "不合格", "不合理", "不道德"}
COMPLEMENT_OK = {"不作为", "乱作为", "慢作为", "有作为", "大作为", "新作为", "想得到", "做得到", "看得出",
                 "了不起", "对不起", "看不起", "来不及", "想不到", "称之为", "无作为", "意识到", "认识到"}
QUANT_OK = {"全天候", "全日制", "本科生", "全过程_"}

# Single tokens spelled out in docs/segmentation.md (sections 2-17, hard cases A-K).
WHOLE = """
2023年 11月 30日 2023年度 99.5% 100% 78.9万 2.22亿 398.16万 2.88万
第一 第二 第五 第十 二十大 十五大
放管服 三重一大 两客一危 三定 八五 四率 五进 三到位
习近平 中华人民共和国 绍兴市 荣昌区 澧浦镇 周溪乡 广东省 伊犁州 台州市 路桥区
管理局 管理部 农村部 改革委 健康委 法规处 法规科 监督处 仲裁科 监督所 社保局 保障局 财政局 发改局
交通局 水利局 审改办 法治办 运输局
司法部 国务院 党中央 人民政府 市政府 区政府 省政府 区委 省委 委员会 办公室 常委会 党组 党委 党支部
党组织 工委 编办
我局 我区 我委 本县 本次 全市 全区 全省 全县 全局 全委 全年 全员 全体 全国 各项 各类 各级 各地 每年 每人
多次 多种
常态化 规范化 目录化 法治化 清单化 合法性 规范性 原创性 选择性 事业性 纠错率 调解率 持证率 应诉率
化解率 节水型 年薪制 警长制 宣讲员 常务会 党组会 工作会 推进会 通气会 研讨班 培训班 读书班 中心组
资格证 登记证 安全码 宪法日 学习日 宣传周 生产月 许可法 防治法 促进法
执法 普法 守法 用法 尊法 学法 述法 议法 考法 持证 亮证 法治 法制 人社 环评 环保 镇街 世行 川渝 危货
质效 重难点 招投标 被申请人 占比 不定期 事关 有悖
作出 做好 做到 达到 纳入 列入 夯实 狠抓 得到 不断 不得 不力 没有
坚定不移 以身作则 各司其职 常抓不懈 当家作主 落到实处 绿水青山 金山银山 满堂红
以及 关于 按照 根据 通过 作为 其中 之一 之际 以上 以来 是否 更加 较为 进一步
本职工作 经济社会 人民日报 福建日报 县级 市级 省级 区级 镇级 处级 地级市 近年来 本届 总书记
""".split()

# Multi-token examples spelled out in docs/segmentation.md: must not be one token.
SPLIT = [s.split() for s in """
连续 20 年|10 分钟|298 天|近 3 倍|12 件|26 项|4 名|6 次|31 个|100 场|3218 人次|2.88万 家次|78.9万 个
2.22亿 元|30 余 次|50 余 人次|5万 余 人次|1.96 个 / 件|95% 以上
第一 季度|第二 批|第五 届|第十 个|第一 议题|第一 责任人|排名 第一
一 项|一 次|两 次|两 期|三 个|十一 个|两 级|三 级|二 级 以上|新 一 轮|上 一 年度|两 人 以上
一 是|二 是|三 是|四 是|党 的 二十大 精神|三 项 制度|十一 个 坚持|三 个 层次
习近平 法治 思想|习近平 总书记|习近平 新 时代|习近平 谈 治国 理政
法治 政府 建设|法治 政府|党政 主要 负责人|全面 依法 治国|依法 治国|依法 行政|中国 特色 社会主义
新 时代|高 质量 发展|高 质量|重大 行政 决策|合法性 审查|公平 竞争 审查|规范性 文件|行政 执法|行政 复议
法制 审核|台州市 路桥区
应急 管理局|应急 管理部|农业 农村部|发展 改革委|国家 卫生 健康委|政策 法规处|政策 法规科|综合 监督处
法制 仲裁科|省 卫生 监督所|人力 社保局|人力 资源 和 社会 保障局|县 财政局|县 发改局|市 交通局
伊犁州 水利局|国务院 审改办|市 法治办|区政府 办|交通 运输局
区 人大 常委会|市 人大|局 党组|厅 党组|部 党组|委 党委|乡 党委|局 领导|局 机关|省 验收
全 社会|全 覆盖|本 部门|本 年度|上 年度|各 单位|各 地区|各 方面|各 科室|各 村|各 季度|全 过程
出庭 应诉率|综合 化解率|行政 许可法|传染病 防治法|乡村 振兴 促进法
副 组长|新 业态|新 提任|最 大|较 多|大 讲堂|云 讲堂|深 调研|稳 就业|副 主席|新 时期|高 增长|较 快
尊法 学法 守法 用法|学法 用法|述职 述法|持证 上岗
提 出|评选 出|构建 起|融入 到|转化 为|命名 为|获评 为|抓 实|守 牢|筑 牢|打 好|拿 出
不 超过|不 符合
走 深 走 实|抓 实 走 深|深 学 细 悟|以 上 率 下|应 知 应 会|应 考 尽 考|落实 落地|合法 合规|牵头 抓 总
负 总责|学 原著|悟 原理|大 学习 大 练兵 大 比武|减 证 便民|多 证 合一|证照 分离|政 警 互动
依法 治 镇|依法 治 乡|同 部署|同 推进|今年 以来|被 申请 对象|一 系列|下 一 步|依法 治 区|依法 治 县|依法 治 市
""".replace("\n", "|").split("|") if s.strip()]
SPLIT_TOKENS = {"".join(s): " ".join(s) for s in SPLIT}
WHOLE_SET = set(WHOLE)


def is_punct_char(c: str) -> bool:
    return unicodedata.category(c)[0] in "PS"


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def is_numeral_token(t: str) -> bool:
    return bool(NUM_RE.match(t)) or bool(CN_NUM_RE.match(t))


def punct_ok(tok: str) -> bool:
    """A token mixing punctuation with other characters that the convention allows."""
    if len(tok) == 1:
        return True
    if all(is_punct_char(c) for c in tok):  # ……, ——, -- : one mark written with several chars
        return len(set(tok)) == 1
    for i, c in enumerate(tok):
        if not is_punct_char(c):
            continue
        prev = tok[i - 1] if i else ""
        nxt = tok[i + 1] if i + 1 < len(tok) else ""
        if c in ".．" and prev.isdigit() and nxt.isdigit():
            continue
        if c in ",，" and prev.isdigit() and tok[i + 1:i + 4].isdigit() and len(tok[i + 1:]) >= 3:
            continue
        if c in "%％" and i == len(tok) - 1 and NUM_RE.match(tok[:-1]):
            continue
        if c == "·" and prev and nxt and not prev.isdigit():  # foreign names 科瑞·舒尔曼 are rare; allow
            continue
        return False
    return True


def licensed_spans(toks: list[str]) -> list[tuple[int, int]]:
    """Token index ranges covered by a multi-word example of the convention."""
    out = []
    n = len(toks)
    for seq in SPLIT:
        k = len(seq)
        for i in range(n - k + 1):
            if toks[i:i + k] == seq:
                out.append((i, i + k - 1))
    return out


def check_line(toks: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    n = len(toks)

    def add(rule, msg):
        out.append((rule, msg))

    for i, t in enumerate(toks):
        prev = toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < n else ""
        nxt2 = toks[i + 2] if i + 2 < n else ""

        # punct (1)
        if any(is_punct_char(c) for c in t) and not punct_ok(t):
            add("punct", f"'{t}': punctuation must be its own token")

        # date (2)
        if NUM_RE.match(t) and nxt in ("年", "年度") and (re.match(rf"^[{DIGITS}]{{4}}$", t) or nxt == "年度"
                                                          or re.match(rf"^[{DIGITS}]+月$", nxt2 or "")):
            add("date", f"'{t} {nxt}' -> '{t}{nxt}' (a year is one token)")
        if NUM_RE.match(t) and nxt == "月" and t.isdigit() and 1 <= int(t) <= 12:
            add("date", f"'{t} 月' -> '{t}月' (a month is one token; durations are N 个 月)")
        if NUM_RE.match(t) and nxt == "日" and t.isdigit() and 1 <= int(t) <= 31 and prev.endswith("月"):
            add("date", f"'{t} 日' -> '{t}日' (a date is one token)")
        m = re.match(rf"^([{DIGITS}]{{1,2}})年$", t)
        if m and not re.match(rf"^[{DIGITS}]+月", nxt) and prev not in ("民国",):
            add("date", f"'{t}': a duration is split ('{m.group(1)} 年'); only years/dates are one token")
        if re.match(r"^[一二两三四五六七八九十]{1,3}年$", t) and not re.match(r"^[一二三四五六七八九十]+月", nxt):
            add("date", f"'{t}': a duration is split ('{t[:-1]} 年')")
        if re.match(rf"^[{DIGITS}]+年[{DIGITS}]", t) or re.match(rf"^[{DIGITS}]+月[{DIGITS}]", t):
            add("date", f"'{t}': year, month and day are separate tokens (2024年 1月 1日)")

        # number (3)
        m = NUM_PREFIX_RE.match(t)
        if m and not t.endswith(("年", "月", "日", "年度", "%", "％", "号")):
            rest = m.group(2)
            if rest in ("余", "多") or rest[0] in MEASURE or rest in MEASURE2 or rest[:2] in MEASURE2 \
                    or rest[0] in "余多":
                add("number", f"'{t}' -> '{m.group(1)} {rest}' (numeral and measure word / 余 / 多 are split)")
        if NUM_RE.match(t) and nxt in ("万", "亿") and not re.match(r"^[万亿]", nxt2 or "x"):
            add("number", f"'{t} {nxt}' -> '{t}{nxt}' (万/亿 numbers are one token)")
        if NUM_RE.match(t) and nxt in ("%", "％"):
            add("number", f"'{t} {nxt}' -> '{t}{nxt}' (a percentage is one token)")

        # ordinal (4)
        if t == "第" and is_numeral_token(nxt):
            add("ordinal", f"'第 {nxt}' -> '第{nxt}'")
        m = re.match(rf"^第([{CN_NUM}{DIGITS}]+)([^{CN_NUM}{DIGITS}].*)$", t)
        if m and t not in ORDINAL_OK and t not in WHOLE_SET:
            add("ordinal", f"'{t}' -> '第{m.group(1)} {m.group(2)}' (the word after an ordinal is split off)")
        m = re.match(rf"^([{CN_NUM}]+)(.)(.*)$", t)
        if m and t not in NUM_CLASSIFIER_OK and t not in WHOLE_SET and m.group(2) in CLASSIFIERS \
                and not t.startswith("第"):
            if m.group(3):
                add("abbrev", f"'{t}' -> '{m.group(1)} {m.group(2)} {m.group(3)}' (with a classifier the "
                              f"abbreviation is split)")
            else:
                add("ordinal", f"'{t}' -> '{m.group(1)} {m.group(2)}' (numeral and classifier are split)")
        if re.match(rf"^[{CN_NUM}]是$", t):
            add("ordinal", f"'{t}' -> '{t[0]} 是' (enumerators are split)")

        # organ (10)
        if t[-1:] in ORGAN and t not in ORGAN_OK and t not in WHOLE_SET and all(map(is_cjk, t)) \
                and (len(t) >= 5 or (len(t) == 4 and t[0] in LEVEL)):
            add("organ", f"'{t}': a single-character organ suffix attaches only to the immediately "
                         f"preceding two-character word (应急 管理局, 区政府 办)")
        if t in ("局", "委") and len(prev) == 2 and all(map(is_cjk, prev)) and prev not in WHOLE_SET \
                and not (nxt in ("党组", "党委", "领导", "机关", "各", "内", "属") or nxt.startswith("党")):
            add("organ", f"'{prev} {t}' -> '{prev}{t}' (organ suffix attaches to a two-character word)")

        # unit (11)
        if t in ("全", "本", "我") and len(nxt) == 1 and nxt in UNIT_AFTER_QUANT and not (t == "我" and nxt in "所次年员体"):
            add("unit", f"'{t} {nxt}' -> '{t}{nxt}' (全/本/我 + one character is one token)")
        if len(t) == 3 and t[0] in "全本" and t not in WHOLE_SET and t not in QUANT_OK and all(map(is_cjk, t)) \
                and t[:2] not in WHOLE_SET:
            add("unit", f"'{t}' -> '{t[0]} {t[1:]}' (全/本 + a two-character word is split)")
        if t.startswith("各") and len(t) in (2, 3) and t not in GE_OK and t not in WHOLE_SET:
            add("unit", f"'{t}' -> '各 {t[1:]}' (各 is split from the word it modifies)")

        # law (12)
        if t == "法" and nxt in ("》", ">") and len(prev) >= 2 and all(map(is_cjk, prev)):
            add("law", f"'{prev} 法' -> '{prev}法' (法 attaches to the last word of a law name)")
        if len(t) >= 5 and t.endswith("法") and all(map(is_cjk, t)):
            add("law", f"'{t}': law names are split into words, 法 on the last one (行政 许可法)")

        # complement (14)
        if len(t) == 3 and t[-1] in "出起到为" and t not in COMPLEMENT_OK and t not in WHOLE_SET \
                and all(map(is_cjk, t)) and t[1] not in "不得" \
                and t[:2] not in ("作为", "认为", "成为", "因为", "行为"):
            add("complement", f"'{t}' -> '{t[:2]} {t[2]}' (productive complements are split)")

        # negation (15)
        if len(t) == 3 and t[0] == "不" and t not in NEG_OK and t not in WHOLE_SET and all(map(is_cjk, t)):
            add("negation", f"'{t}' -> '不 {t[1:]}' (不 is split before a free verb)")

        # split: convention multi-word examples written as one token
        if t in SPLIT_TOKENS and t not in WHOLE_SET:
            add("split", f"'{t}' -> '{SPLIT_TOKENS[t]}'")

    # whole: a convention single token split into pieces (2..4 consecutive tokens),
    # unless the pieces are part of a split example (以 上 率 下 contains 以 上)
    licensed = licensed_spans(toks)
    for i in range(n):
        if toks[i] == "第":
            continue  # reported by the ordinal rule
        acc = toks[i]
        for j in range(i + 1, min(n, i + 5)):
            acc += toks[j]
            if len(acc) > 8:
                break
            if acc in WHOLE_SET:
                # 30 多 次 / 两 人 以上 etc. are fine: the pieces are licensed by another rule
                if acc in ("多次", "多种") and i > 0 and is_numeral_token(toks[i - 1]):
                    continue
                if any(a <= i and j <= b for a, b in licensed):
                    continue
                add("whole", f"'{' '.join(toks[i:j + 1])}' -> '{acc}' (one token)")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--no-consistency", action="store_true", help="skip the cross-line consistency report")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args(argv)

    n_viol = 0
    per_rule = collections.Counter()
    token_sites = collections.defaultdict(list)     # word -> [(file, line)] where it is one token
    split_sites = collections.defaultdict(list)     # word -> [(file, line, pieces)]
    train_texts, heldout = {}, []
    n_lines = 0

    def report(path, ln, rule, msg, ctx):
        nonlocal n_viol
        n_viol += 1
        per_rule[rule] += 1
        if not args.quiet:
            print(f"{path}:{ln}: [{rule}] {msg}  | {ctx}")

    for path in args.files:
        base = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for ln, raw in enumerate(lines, 1):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            n_lines += 1
            line = raw.rstrip("\r")
            ctx = line if len(line) <= 90 else line[:87] + "..."
            if "\t" in line or "\u3000" in line:
                report(path, ln, "format", "tab or ideographic space (U+3000) used as separator", ctx)
            if "  " in line:
                report(path, ln, "format", "several spaces in a row (tokens are separated by one space)", ctx)
            if line != line.strip():
                report(path, ln, "format", "leading/trailing whitespace", ctx)
            toks = line.split()
            if len(toks) == 1 and len(toks[0]) > 8:
                report(path, ln, "format", "line without any space (not segmented?)", ctx)
            for rule, msg in check_line(toks):
                report(path, ln, rule, msg, ctx)

            text = "".join(toks)
            if base.startswith("train-"):
                train_texts.setdefault(text, f"{path}:{ln}")
            elif base.startswith("heldout-"):
                heldout.append((path, ln, text, ctx))

            if not args.no_consistency:
                for t in toks:
                    if len(t) >= 2 and all(map(is_cjk, t)):
                        token_sites[t].append((path, ln))
                lic = licensed_spans(toks)
                for i in range(len(toks)):
                    acc = toks[i]
                    for j in range(i + 1, min(len(toks), i + 4)):
                        acc += toks[j]
                        if len(acc) > 6:
                            break
                        if all(map(is_cjk, acc)) and not any(a <= i and j <= b for a, b in lic) \
                                and not (i > 0 and is_numeral_token(toks[i - 1]) and toks[i] in "多余"):
                            split_sites[acc].append((path, ln, " ".join(toks[i:j + 1])))

    for path, ln, text, ctx in heldout:
        if text in train_texts:
            report(path, ln, "leak", f"held-out sentence also in training data ({train_texts[text]})", ctx)

    print(f"\n{n_viol} violation(s) in {n_lines} lines of {len(args.files)} file(s)"
          + (": " + ", ".join(f"{k} {v}" for k, v in per_rule.most_common()) if per_rule else ""))

    if not args.no_consistency:
        incons = []
        for w, sites in token_sites.items():
            if w in split_sites:
                splits = split_sites[w]
                # the numeral + 多 + classifier pattern (30 多 次) is a licensed split of 多次
                incons.append((w, len(sites), len(splits), sites[0], splits[0]))
        if incons:
            print(f"\nconsistency (not counted as violations): {len(incons)} word(s) are one token in some "
                  f"places and split in others; check whether both are intended:")
            for w, nw, ns, (p1, l1), (p2, l2, pieces) in sorted(incons, key=lambda x: -(x[1] + x[2]))[:80]:
                print(f"  {w}: whole {nw}x (e.g. {p1}:{l1}), '{pieces}' {ns}x (e.g. {p2}:{l2})")
    return 1 if n_viol else 0


if __name__ == "__main__":
    sys.exit(main())
