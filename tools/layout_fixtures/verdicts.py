"""One-line reasons for the expected verdicts, worded after requirements.md."""


def V(status: str, reason: str) -> dict:
    return {"status": status, "reason": reason}


# format.title
def title_pass(t):
    return V("pass", f"title 「{t}」 names the issuer, the covered year and 法治政府建设…报告")


def title_warn(t):
    return V("warn", f"title 「{t}」 has the year and 法治政府建设…报告 but no issuing body (issuing body missing from the title → warn)")


TITLE_FAIL = V("fail", "no title line naming 法治政府建设…报告 (the document starts with metadata, then the body)")


# format.signature
def sig_pass(where):
    return V("pass", f"issuing body and 成文日期 both present: {where}")


SIG_META = "both in the web metadata header (发布机构 + 成文日期), which the rule accepts"
SIG_FAIL = V("fail", "neither an issuing body nor a 成文日期 at the end of the 主体 or in a metadata header; page furniture (发布时间, account name) is not a signature")


# format.timeliness
def time_pass_dept(d, y):
    return V("pass", f"department report on {y} dated {d}, before {y + 1}-03-01 (departments' deadline)")


def time_pass_gov(d, y):
    return V("pass", f"government report on {y} dated {d}, before {y + 1}-04-01 (governments' deadline); a department would fail the 3月1日 deadline")


def time_fail_dept(d, y):
    return V("fail", f"department report on {y} dated {d}, after {y + 1}-03-01 (departments' deadline)")


def time_warn(d, y):
    return V("warn", f"成文日期 {d} lies inside the covered year {y} itself (written before the year ended)")


TIME_SKIP = V("skip", "no 成文日期 anywhere (a page's 发布时间 is a publication date, not a 成文日期)")


# format.date-form
def df_pass(t):
    return V("pass", f"成文日期 「{t}」 in Arabic numerals, complete and unpadded")


def df_warn_cn(t):
    return V("warn", f"成文日期 「{t}」 in Chinese numerals; GB/T 9704-2012 asks for Arabic numerals")


def df_warn_pad(t):
    return V("warn", f"成文日期 「{t}」 has zero-padded month/day; GB/T 9704-2012 writes 2025年1月9日")


DF_SKIP = V("skip", "no 成文日期 in the document")
DF_SKIP_META = V("skip", "the only 成文日期 is the site's metadata field (ISO form chosen by the website, not written in the report), so there is no written date form to judge; see the ambiguity notes")


# format.publication
def pub_pass(p, y):
    return V("pass", f"publication date {p} known from the page, before {y + 1}-04-01 (第二十四条)")


def pub_fail(p, y):
    return V("fail", f"publication date {p} known from the page, on or after {y + 1}-04-01 (第二十四条)")


PUB_SKIP = V("skip", "no publication date known (no page 发布时间 / 发布日期; the 成文日期 and the 版记's 印发日期 are not publication dates)")
PUB_SKIP_META = V("skip", "the metadata gives 成文日期 only, no 发布日期/发布时间")

# format.confidential
CONF_PASS = V("pass", "no 秘密/机密/绝密★ or 内部资料 marking")
CONF_FAIL = V("fail", "版头 carries 「秘密★1年」 in a report meant for publication")


# format.punctuation
def punct(status, base_count_note):
    if status == "pass":
        return V("pass", f"the 正文 uses full-width punctuation only; {base_count_note}")
    return V("warn", f"half-width , ; : ( ) in the 正文, the same places as the base fixture; {base_count_note}")


# consistency.year
def year_pass(y, extra=""):
    return V("pass", f"title, opening and headings agree on {y}; the plan points to {y + 1}" + (f"; {extra}" if extra else ""))


# core.next-year-plan
def plan_pass(h):
    return V("pass", f"next-year plan section 「{h}」")


PLAN_WARN_002 = V("warn", "only a closing paragraph 「2021年，我局将……」 without a heading (as base 002)")

PLANS = {
    "000": "三、下一步工作计划",
    "001": "四、下一年度推进法治政府建设的主要安排",
    "003": "四、下一年度推进法治政府建设的主要安排",
    "004": "三、2022年主要工作思路及措施",
}
