"""The content.* rules (rules/30-content.yaml), each on small reports written with real report
sentences (most quoted from fixtures/, the others in the same style): for every rule a case that
passes and one that does not, plus the traps — negations, look-alike words, plan-only mentions,
figures outside the achievements part."""

from __future__ import annotations

import pytest

from checker.api import check_text

CONTENT_RULES = [
    "content.three-systems", "content.xi-thought", "content.leaders-study-law", "content.major-decisions",
    "content.legality-review", "content.legal-adviser", "content.disputes", "content.pufa",
    "content.supervision", "content.digital", "content.quantified",
]

# A report with the five parts and nothing that any content rule looks for: each test puts its
# sentences into the opening, the achievements, the shortcomings or the next-year plan.
TEMPLATE = """\
某某市交通运输局{y}年法治政府建设年度报告
{y}年，我局在市委市政府的坚强领导下，扎实推进法治政府建设。{opening}现将有关情况报告如下：
一、{y}年推进法治政府建设的主要举措和成效
（一）强化依法行政意识。{ach}
二、存在的不足和原因
一是执法力量不足，由于人员流动性较大，执法能力不强。{short}
三、党政主要负责人履行推进法治建设第一责任人职责的有关情况
局主要负责人认真履行推进法治建设第一责任人职责，亲自部署重要工作。
四、{y1}年工作安排
（一）加强组织领导。{plan}
五、其他需要报告的情况
无。
某某市交通运输局
{y1}年2月18日
"""


def report(ach: str = "", short: str = "", plan: str = "", opening: str = "", year: int = 2023) -> str:
    return TEMPLATE.format(y=year, y1=year + 1, ach=ach, short=short, plan=plan, opening=opening)


@pytest.fixture
def run(rules):
    def go(rule_id: str, **parts):
        rep = check_text(report(**parts), rules, select=[rule_id])
        assert [r.id for r in rep.results] == [rule_id]
        return rep.results[0]

    return go


def planned_notes(result):
    return [e.note for e in result.evidence]


# ------------------------------------------------------------------ the template itself

@pytest.mark.parametrize("rule_id", CONTENT_RULES)
def test_the_empty_template_meets_no_content_requirement(run, rule_id):
    r = run(rule_id)
    assert r.status in ("warn", "fail"), (r.status, r.message, [e.as_dict() for e in r.evidence])
    assert r.hint, "a warn / fail must say what to add and where"
    assert r.evidence and r.evidence[0].text.startswith("未找到")  # says where it looked


# ------------------------------------------------------------------ content.three-systems

def test_three_systems_pass(run):
    r = run("content.three-systems", ach="严格按照执法流程，规范行政执法行为，全面落实行政执法公示制度、执法全过程记录制度、"
                                          "重大行政执法决定法制审核制度。")
    assert r.status == "pass"


def test_three_systems_training_scores_are_no_enforcement_publicity(run):
    r = run("content.three-systems", ach="组织全市法制工作人员及法审员培训3期，定期组织全员业务测验，实行实地模拟办案、成绩实名公示。"
                                          "制定出台《执法记录仪使用管理监督细则》，确保全员规范使用。")
    assert r.status == "warn"
    assert "缺少行政执法公示" in r.message


def test_three_systems_legislative_deliberation_is_no_legal_review(run):
    # 法审 inside 立法审议 is no 法制审核
    r = run("content.three-systems", ach="配合做好《城市轨道交通管理条例》立法审议工作。全面落实行政执法公示制度。")
    assert r.status == "warn" and "重大执法决定法制审核" in r.message.split("缺少")[1]


def test_three_systems_fail(run):
    r = run("content.three-systems", ach="组织执法人员开展公共法规、专业法规知识学习。")
    assert r.status == "fail"


def test_three_systems_plan_only_counts_but_is_marked_planned(run):
    r = run("content.three-systems", plan="全力推进交通运输行政执法办案中心建设，落实好法制审核制度。")
    assert r.status == "warn" and "重大执法决定法制审核" not in r.message.split("缺少")[1]
    assert r.evidence[0].note and "计划" in r.evidence[0].note


# ------------------------------------------------------------------ content.xi-thought

def test_xi_thought_pass(run):
    r = run("content.xi-thought", ach="组织领导干部强化对习近平法治思想、党内法规、国法法律法规等进行学习。")
    assert r.status == "pass" and r.evidence[0].note is None


def test_xi_thought_in_the_opening_counts(run):
    r = run("content.xi-thought", opening="我局以深入学习贯彻习近平法治思想为统揽，认真对标对表各项目标任务。")
    assert r.status == "pass"


def test_xi_thought_only_old_wording_warns(run):
    r = run("content.xi-thought", year=2020,
            ach="将依法治国纳入局党组、中心组学习计划，原本学习习近平总书记全面依法治国新理念新思想新战略，准确领会理念精神。")
    assert r.status == "warn" and "旧提法" in r.message
    assert "新理念新思想新战略" in r.evidence[0].text


def test_xi_thought_missing_warns(run):
    r = run("content.xi-thought", ach="组织执法人员开展公共法规、专业法规知识学习。")
    assert r.status == "warn" and "没有写" in r.message


def test_xi_thought_only_for_2020_and_later(run):
    r = run("content.xi-thought", year=2019, ach="组织执法人员开展公共法规、专业法规知识学习。")
    assert r.status == "skip"


# ------------------------------------------------------------------ content.leaders-study-law

@pytest.mark.parametrize("sentence", [
    "截至目前，我局党组中心组开展集体学法10次，观看法治讲座1场次。",
    "通过“三会一课”制度、党组理论学习中心组学法、领导班子成员集中学法等形式，重点学习交通运输相关法律法规。",
    "局党委书记、局长严格落实年终述法工作要求，定期听取法治建设工作情况专题汇报。",
    "坚持局务会会前学法制度，全年会前学法12次。",
    "将依法治国纳入局党组、中心组学习计划。",
])
def test_leaders_study_law_pass(run, sentence):
    r = run("content.leaders-study-law", ach=sentence)
    assert r.status == "pass", sentence


@pytest.mark.parametrize("sentence", [
    "推动全员说法、全员学法、全员研讨，领导班子、中层、队员实行每周一操。",  # everyone, not the leaders
    "严格执行上述法律法规，向当事人陈述法定理由，讲述法治故事。",  # 上述法律 / 陈述法定 / 讲述法治 are no 述法
])
def test_leaders_study_law_warn(run, sentence):
    r = run("content.leaders-study-law", ach=sentence)
    assert r.status == "warn", sentence


# ------------------------------------------------------------------ content.major-decisions

@pytest.mark.parametrize("sentence", [
    "出台温州市交通运输局工作规则，专门设立依法行政章节，规范重大行政决策程序、规范性文件、信息公开等工作原则。",
    "全年共审查行政规范性文件3件，重大行政决策2件，局机关合同52件。",
    "严格执行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序。",
])
def test_major_decisions_pass(run, sentence):
    r = run("content.major-decisions", ach=sentence)
    assert r.status == "pass" and r.evidence[0].note is None


def test_major_decisions_three_important_one_large_is_not_the_procedure(run):
    r = run("content.major-decisions",
            ach="认真贯彻执行民主集中制，凡是重大项目建设、重大资金支出、人事调整等“三重一大”事项，均由党组集体研究讨论决定。")
    assert r.status == "warn" and "三重一大" in r.message


def test_major_decisions_named_without_procedure(run):
    r = run("content.major-decisions", ach="重大行政决策质量不断提高。")
    assert r.status == "warn" and "没有写履行了哪些决策程序" in r.message


def test_major_decisions_decision_deployments_are_no_decisions(run):
    r = run("content.major-decisions", ach="坚决贯彻落实党中央、国务院重大决策部署，组织专家论证交通规划。")
    assert r.status == "warn" and "没有写重大行政决策" in r.message


# ------------------------------------------------------------------ content.legality-review

@pytest.mark.parametrize("sentence", [
    "严格落实《浙江省行政合法性审查工作规定》，加强合法性审核、公平竞争审查。",
    "全年共审查行政规范性文件3件，重大行政决策2件，局机关合同52件。",
    "我局制定的交通运输行业《行政调解工作制度》，经过法律顾问合法性审查、发往县（市）征求意见建议、党组会议审定等程序。",
])
def test_legality_review_pass(run, sentence):
    assert run("content.legality-review", ach=sentence).status == "pass"


def test_legality_review_enforcement_legal_review_is_not_it(run):
    r = run("content.legality-review", ach="严格执行重大案件集体讨论及法制审核制度，最大限度防止行政执法裁量的随意性。")
    assert r.status == "warn"


def test_legality_review_qualification_checks_are_not_it(run):
    r = run("content.legality-review", ach="严格做好从业人员资格审核、合同签订、档案管理等工作。")
    assert r.status == "warn"


# ------------------------------------------------------------------ content.legal-adviser

def test_legal_adviser_pass(run):
    r = run("content.legal-adviser", ach="会同法律顾问，采取现场检查、随机抽查等方式，组织对年度内的行政处罚、行政许可案卷进行评查。")
    assert r.status == "pass"


def test_legal_adviser_lawyers_as_speakers_are_not_advisers(run):
    r = run("content.legal-adviser", ach="常态化组织专题业务培训会、疑难案例分析会，邀请法律专家和业务标兵分享办案思路。")
    assert r.status == "warn"


# ------------------------------------------------------------------ content.disputes

def test_disputes_with_figures_pass(run):
    r = run("content.disputes", ach="按照“谁行政、谁负责”的原则推进诉源化解应对。"
                                     "全年办理行政诉讼案件7件，行政复议案件9件，未发生复议纠错或行政败诉案件。")
    assert r.status == "pass"
    assert r.evidence[0].text.startswith("全年办理行政诉讼案件7件")


@pytest.mark.parametrize("sentence", [
    "全年未发生行政败诉案件。",  # a zero is a figure, not a failure
    "2020年，我局未收到行政案件，未出现不出庭应诉、不执行法院生效裁判等不尊重司法权威的情况。",
    "行政机关负责人出庭应诉率达100%。",
])
def test_disputes_zero_or_rate_is_a_figure(run, sentence):
    r = run("content.disputes", ach=sentence)
    assert r.status == "pass", sentence


def test_disputes_without_figures_warn(run):
    r = run("content.disputes", ach="会同法律顾问，负责做好应诉、复议、信访化解等工作，参与重大案件审查。")
    assert r.status == "warn" and "没有数据" in r.message


def test_disputes_law_names_are_no_disputes(run):
    r = run("content.disputes", ach="专题学习《中华人民共和国行政复议法》及《中华人民共和国行政处罚法》有关内容。")
    assert r.status == "warn" and "没有写行政复议" in r.message


def test_disputes_figures_in_the_plan_do_not_count(run):
    r = run("content.disputes", plan="继续做好行政诉讼、行政复议工作，行政机关负责人出庭应诉率达到100%。")
    assert r.status == "warn" and "没有数据" in r.message
    assert all("计划" in n for n in planned_notes(r))


# ------------------------------------------------------------------ content.pufa

@pytest.mark.parametrize("sentence", [
    "以“宪法宣传周”“路政宣传月”等活动为载体，落实好“谁执法谁普法”责任，积极引导群众办事依法、遇事找法。",
    "以案释法视频《机动车维修合同案件》获全省普法系列活动优秀微视频二等奖。",
    "制定“谁执法谁普法”责任清单，采取执法办案与普法宣传相结合的方式。",
])
def test_pufa_pass(run, sentence):
    assert run("content.pufa", ach=sentence).status == "pass", sentence


def test_pufa_inside_who_enforces_counts_as_pufa(run):
    r = run("content.pufa", ach="二是制定“谁执法谁普法”责任清单。")
    assert r.status == "pass"


def test_pufa_without_responsibility_warns(run):
    r = run("content.pufa", ach="充分利用车站、码头宣传栏、电子屏幕滚动播放法治宣传视频等形式开展法治宣传。")
    assert r.status == "warn" and "谁执法谁普法" in r.message


def test_pufa_a_list_of_topics_is_no_responsibility(run):
    r = run("content.pufa", ach="围绕法治建设、职能履行、政务公开、普法宣传、规范执法等方面，明确重点、创新举措。")
    assert r.status == "warn" and "谁执法谁普法" in r.message


def test_pufa_missing_warns(run):
    r = run("content.pufa", ach="组织执法人员开展业务学习。")
    assert r.status == "warn" and r.message == "没有写普法工作"


def test_pufa_responsibility_only_planned(run):
    r = run("content.pufa", ach="全系统累计开展各类普法宣传活动6场次，发放宣传资料9500份。",
            plan="落实“谁执法谁普法”普法责任制。")
    assert r.status == "warn" and "计划" in r.message and "计划" in r.evidence[0].note and "上一年度" in r.hint


# ------------------------------------------------------------------ content.supervision

def test_supervision_pass(run):
    r = run("content.supervision", ach="按照“三定”方案及时政务公开。接受外部监督，及时向人大、政协、纪检汇报有关工作，"
                                         "主动接受人大、政协、纪检监察等监督；通过12345热线依法及时回应群众投诉举报。")
    assert r.status == "pass"


def test_supervision_topic_list_in_the_opening_is_not_enough(run):
    r = run("content.supervision",
            opening="我局围绕法治建设、职能履行、政务公开、普法宣传、规范执法等方面，明确重点、创新举措。",
            ach="在法定期限内公开行政执法信息，并及时予以更新，主动接受群众监督。")
    assert r.status == "warn" and "缺少政务公开" in r.message


def test_supervision_lookalikes(run):
    # 执法信息公开 is enforcement publicity, 政务信息化 is digital government: neither is 政务公开
    r = run("content.supervision", ach="推进行政执法信息公开，加快政务信息化建设。")
    assert r.status == "warn" and r.message == "没有写政务公开和接受监督的情况"


def test_supervision_training_and_inspections_are_no_oversight(run):
    r = run("content.supervision", ach="全面落实政务公开制度。进一步开展好各类执法培训和各类监督检查活动。")
    assert r.status == "warn" and "缺少接受监督" in r.message


def test_supervision_openness_only(run):
    r = run("content.supervision", ach="全面落实政务公开制度，主动公开发布政务信息971条。")
    assert r.status == "warn" and "缺少接受监督" in r.message


# ------------------------------------------------------------------ content.digital

@pytest.mark.parametrize("sentence", [
    "进一步加强省级交通运输综合行政执法管理信息系统应用，全面推广使用网上办案。",
    "持续推进公路治超非现场执法，非现场案件数和非现场案件占比率再创新高。",
    "加快推进“互联网+”监管执法，持续加强交通运输安全管理信息化建设。",
])
def test_digital_pass(run, sentence):
    assert run("content.digital", ach=sentence).status == "pass", sentence


def test_digital_learning_platforms_are_not_digital_government(run):
    r = run("content.digital", ach="充分利用学习强国APP、广东省国家工作人员学法考试平台等学习平台大力开展系统内法治教育。")
    assert r.status == "warn"


def test_digital_only_for_2021_and_later(run):
    assert run("content.digital", year=2020, ach="全面推广使用网上办案。").status == "skip"


# ------------------------------------------------------------------ content.quantified

def test_quantified_pass(run):
    r = run("content.quantified", ach="2020年，全区查扣运政违章78宗，罚款17.54万元；会同交警部门开展联合执法行动71次，"
                                       "共出动执法人员568人次、执法车辆142辆次。")
    assert r.status == "pass" and "5处" in r.message


def test_quantified_warn_counts_only_the_achievements(run):
    r = run("content.quantified", ach="全年办理行政诉讼案件7件，行政复议案件9件。",
            short="全系统仅有执法人员12名，30%的执法人员年龄超过50岁。",
            plan="力争全年开展普法活动20场次，培训执法人员300人次，网上办案率达到100%。")
    assert r.status == "warn" and "只有2处" in r.message


def test_quantified_fail_when_figures_are_only_in_shortcomings_and_plan(run):
    r = run("content.quantified", ach="扎实推进各项工作，取得了明显成效。",
            short="全系统仅有执法人员12名。", plan="力争开展普法活动20场次。")
    assert r.status == "fail"


def test_quantified_dates_years_ordinals_and_numbers_without_units_are_no_figures(run):
    r = run("content.quantified", ach="2023年3月27日，我局网上办案在全省整体排名第29名，在“6.16”安全宣传咨询日、"
                                       "通过12345热线收集意见，依据《条例》第25条办理，2024年度执法效能居“1+8”队伍前二。")
    assert r.status == "fail"


def test_quantified_figure_forms(run):
    r = run("content.quantified", ach="先后投入180余万，共颁发电子证照10万余个，发放宣传资料9500份，"
                                       "执法记录仪的抽查使用率由20%提升至95%以上。")
    assert r.status == "pass" and "5处" in r.message


# ------------------------------------------------------------------ the pack itself

def test_every_content_rule_is_documented(rules):
    by_id = {r["id"]: r for r in rules.rules}
    for rid in CONTENT_RULES:
        rule = by_id[rid]
        assert rule["title"] and rule["basis"].startswith(("《", "中办", "《中华")), rid
        assert rule["examples"]["pass"] and rule["examples"]["fail"], rid
        for d in rule["decide"]:
            assert d.get("message") or rule.get("message"), rid
            if d["status"] in ("warn", "fail"):
                assert d.get("hint") or rule.get("hint"), rid
        for name, f in rule["find"].items():
            assert f.get("label"), (rid, name)


def test_content_lexicons_are_prefixed(rules):
    import yaml

    from conftest import ROOT

    pack = yaml.safe_load((ROOT / "rules" / "30-content.yaml").read_text(encoding="utf-8"))
    assert all(name.startswith("content-") for name in pack.get("lexicons", {}))
    assert all(name.startswith("content-") for name in pack.get("parts", {}))


# ------------------------------------------------------------------ a mention only in the plan

PLAN_ONLY = [
    ("content.xi-thought", "认真学习党的二十大精神和习近平法治思想，强化思想政治引领。"),
    ("content.leaders-study-law", "持续抓好领导班子“关键少数”和干部职工“绝大多数”法治理论学习。"),
    ("content.major-decisions", "着力完善依法决策机制，严格执行公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序。"),
    ("content.legality-review", "加强合法性审查、重大行政决策集体讨论等决策机制，积极推动法律顾问制度落实。"),
    ("content.legal-adviser", "进一步发挥法律顾问作用，积极做好出庭应诉工作。"),
    ("content.digital", "全面推行“前台综合受理、后台分类审批”工作模式，实现“一网通办”。"),
]


@pytest.mark.parametrize("rule_id,plan", PLAN_ONLY, ids=[r for r, _ in PLAN_ONLY])
def test_plan_only_mention_is_a_warn_marked_planned(run, rule_id, plan):
    # a promise for next year is not a report of work done: warn, with a hint to report it
    r = run(rule_id, plan=plan)
    assert r.status == "warn" and "下一年度安排" in r.message and "上一年度" in r.hint
    assert r.evidence and all("计划" in (e.note or "") for e in r.evidence)
