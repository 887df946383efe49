"""Demo content of a federation's public site: contacts, case studies, legal pages, contract
templates to download, and more published contracts (so the notice list has something to filter).

All text is written for the demo; figures echo the background documents in shared/seeds (85% of
864 enterprises with a contract system in Jiamusi, 256 of 298 expiring contracts renewed, the high-
tech zone's 9 contracts covering 4,995 employees). Idempotent: run twice, nothing is added twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from wagtail.models import Site

from cms_pages.models import CaseStudyPage, FederationContact, HomePage
from cms_pages.services.site import site_sections_ensure
from compliance.models import Contract, Enterprise
from compliance.services import contracts
from portal.demo.builders import (
    case_study,
    downloads_publish,
    legal_page,
    published_contract,
    template_document,
)

CONTACTS = {
    "jms": {
        "address": "黑龙江省佳木斯市向阳区中山街288号",
        "postcode": "154002",
        "phone": "0454-8200000",
        "email": "ghbgs@jms.localhost",
        "office_hours": "工作日 8:30–12:00，13:30–17:00",
        "address_en": "288 Zhongshan Street, Xiangyang District, Jiamusi, Heilongjiang",
        "office_hours_en": "Working days 8:30–12:00 and 13:30–17:00",
    },
    "gxq": {
        "address": "佳木斯高新技术产业开发区长安东路16号",
        "postcode": "154007",
        "phone": "0454-8300000",
        "email": "gonghui@gxq.localhost",
        "office_hours": "工作日 8:30–17:00",
        "address_en": "16 Chang'an East Road, Jiamusi High-tech Industrial Development Zone",
        "office_hours_en": "Working days 8:30–17:00",
    },
}

# (slug, title, date offset in days before today, summary, industry, region, tags, featured,
#  body paragraphs, figures)
CASES = {
    "jms": [
        (
            "paper-mill-wage-bargaining",
            "造纸企业三轮工资协商：增幅从分歧到共识",
            40,
            "北疆造纸股份有限公司工会与企业经过三轮协商，把一线职工年度工资增幅定在8.5%，"
            "并把夜班津贴写进合同。",
            "C",
            "230804",
            ["工资集体协商", "制造业"],
            True,
            [
                "协商开始时，企业方只同意按5%调整工资，理由是纸浆价格上涨压缩了利润。工会没有"
                "急于还价，而是用三周时间收集了同行业五家企业的工资数据和本企业近三年的人工成本"
                "占比，在第二轮协商中逐项摆出。",
                "双方最终约定：一线职工工资年度平均增幅不低于8.5%，夜班津贴每班提高到30元，"
                "增幅与企业利润完成情况挂钩，每半年向职工代表通报一次。协议经职工代表大会"
                "审议通过，按期报送人社部门审查。",
                "市总工会集体协商指导员全程参与，帮助工会准备了要约书和协商方案。企业负责人"
                "事后表示，数据摆在桌面上，谈判反而更顺利。",
            ],
            [("8.5%", "一线职工工资年度增幅"), ("1,190", "覆盖职工"), ("3", "协商轮次")],
        ),
        (
            "construction-regional-contract",
            "建筑业区域性集体合同覆盖分包企业农民工",
            75,
            "龙江建工集团牵头，联合五家分包企业签订区域性集体合同，农民工工资按月足额支付"
            "写入合同条款。",
            "E",
            "230805",
            ["区域性集体合同", "农民工权益"],
            True,
            [
                "建筑工地分包层级多，农民工工资拖欠曾是投诉最多的问题。东风区总工会推动总包"
                "企业和五家分包企业坐到一张桌子上，以区域性集体合同的方式统一约定工资支付、"
                "劳动安全和休息休假标准。",
                "合同约定工资由总包企业代发、按月足额支付到职工本人账户，工地设立工资公示栏；"
                "高温季节调整作业时间并发放防暑降温费。",
            ],
            [("6", "签约企业"), ("2,040", "覆盖职工")],
        ),
        (
            "renewal-tracking",
            "合同到期前三个月提醒：续签率提高到86%",
            120,
            "市总工会建立到期合同台账，在续签窗口打开时逐户提醒，298份到期合同中256份按期续签。",
            "",
            "230800",
            ["续签", "台账管理"],
            False,
            [
                "过去不少企业的集体合同到期后无人过问，出现了合同空档期。市总工会把全市集体"
                "合同的起止日期录入台账，到期前三个月自动提醒企业工会启动续签协商。",
                "一年下来，298份到期合同中有256份按期续签，续签率达到86%；未续签的企业由"
                "指导员逐户上门，了解原因并列入下一轮要约行动。",
            ],
            [("86%", "续签率"), ("256", "按期续签的合同")],
        ),
    ],
    "gxq": [
        (
            "electronics-women-workers",
            "电子企业签订女职工权益保护专项集体合同",
            30,
            "晶源电子科技有限公司女职工占六成以上，专项合同把孕期调岗、哺乳时间和年度妇科"
            "检查写进条款。",
            "I",
            "230871",
            ["女职工权益保护", "专项集体合同"],
            True,
            [
                "晶源电子的生产线以女职工为主。企业工会女职工委员会在协商前做了问卷调查，"
                "孕期调岗和哺乳时间是大家最关心的两件事。",
                "专项合同约定：孕期女职工经医生证明不适应原岗位的，企业安排调岗且不降低工资；"
                "哺乳期每天安排一小时哺乳时间；企业每年组织一次妇科检查并承担费用。",
            ],
            [("62%", "女职工占比"), ("201", "覆盖职工")],
        ),
        (
            "zone-first-nine-contracts",
            "开发区九家企业签约：从“不愿谈”到主动要约",
            90,
            "高新区总工会用“双要约”和月例会推动，九家企业签订集体合同，覆盖职工4,995人。",
            "",
            "230871",
            ["双要约", "非公企业"],
            True,
            [
                "开发区非公企业多、建会时间短，不少企业负责人担心协商会增加成本。区总工会"
                "和企业工会共同发出要约（双要约），并请已签约企业在月例会上介绍经验。",
                "一年内九家企业签订集体合同，覆盖职工4,995人。区总工会为每家企业建立协商"
                "台账，合同履行情况每季度检查一次。",
            ],
            [("9", "签约企业"), ("4,995", "覆盖职工")],
        ),
        (
            "machinery-safety-contract",
            "农机装备企业劳动安全卫生专项合同：事故率下降",
            150,
            "北方农机装备公司把焊接车间的防护用品标准和职业健康检查写进专项合同，"
            "工会每季度参与安全检查。",
            "C",
            "230871",
            ["劳动安全卫生", "专项集体合同"],
            False,
            [
                "焊接和喷涂车间的职业健康风险较高。专项合同约定了防护用品的配备标准和更换"
                "周期，企业每年组织接触职业病危害因素的职工进行职业健康检查。",
                "工会劳动保护监督检查员每季度参与安全检查，发现隐患书面通知企业限期整改。",
            ],
            [("4", "每年安全检查次数"), ("470", "覆盖职工")],
        ),
    ],
}

# The case studies in English, by slug: title, summary, paragraphs, figures.
CASES_EN = {
    "paper-mill-wage-bargaining": (
        "Three rounds of wage bargaining at a paper mill: from disagreement to a deal",
        "After three rounds of talks, the union and management of Beijiang Paper agreed an 8.5%"
        " annual wage rise for front-line workers and wrote a night-shift allowance into the"
        " contract.",
        [
            "When talks began, management offered only 5%, citing the rising price of pulp. Rather"
            " than bargain straight away, the union spent three weeks collecting wage data from"
            " five paper makers in the industry and the company's labour-cost share over three"
            " years, and set them out item by item in the second round.",
            "The parties agreed that front-line wages rise by at least 8.5% a year on average, that"
            " the night-shift allowance goes up to 30 yuan a shift, and that the rise is linked to"
            " profit targets, reported to the workers' representatives every six months. The"
            " workers' congress approved the agreement, which was filed with the human-resources"
            " department on time.",
            "A bargaining instructor of the municipal federation took part throughout, helping the"
            " union prepare its written offer and its plan for the talks. The employer said"
            " afterwards that with the figures on the table the talks went more smoothly.",
        ],
        [
            ("8.5%", "Annual wage rise, front-line workers"),
            ("1,190", "Employees covered"),
            ("3", "Rounds of talks"),
        ],
    ),
    "construction-regional-contract": (
        "A regional construction contract covers subcontractors' migrant workers",
        "Longjiang Construction Group and five subcontractors signed a regional collective"
        " contract that requires migrant workers' wages to be paid in full every month.",
        [
            "Building sites have many layers of subcontracting, and unpaid wages of migrant"
            " workers were once the most frequent complaint. The Dongfeng District federation"
            " brought the main contractor and five subcontractors to one table to agree common"
            " standards on wage payment, safety and rest through a regional collective contract.",
            "Under the contract the main contractor pays wages on the subcontractors' behalf, in"
            " full and monthly, into each worker's own account, and every site posts a wage notice"
            " board; in the hot season working hours are adjusted and a heat allowance is paid.",
        ],
        [("6", "Enterprises signing"), ("2,040", "Employees covered")],
    ),
    "renewal-tracking": (
        "Reminders three months before expiry lift the renewal rate to 86%",
        "The municipal federation keeps a register of expiring contracts and reminds each union"
        " when the renewal window opens; 256 of 298 expiring contracts were renewed on time.",
        [
            "Many collective contracts used to expire unnoticed, leaving gaps without a contract."
            " The municipal federation entered the start and end dates of every contract in the"
            " city into a register that reminds the enterprise union to start renewal talks three"
            " months before expiry.",
            "Within a year 256 of the 298 expiring contracts were renewed on time, a renewal rate"
            " of 86%; instructors visited each enterprise that did not renew to learn why and"
            " added it to the next round of bargaining offers.",
        ],
        [("86%", "Renewal rate"), ("256", "Contracts renewed on time")],
    ),
    "electronics-women-workers": (
        "An electronics maker signs a special contract protecting women workers",
        "More than 60% of Jingyuan Electronics' workforce are women; the special contract covers"
        " transfers during pregnancy, nursing time and a yearly gynaecological check-up.",
        [
            "Jingyuan's production lines are staffed mainly by women. Before the talks, the women"
            " workers' committee of the enterprise union ran a survey: transfers during pregnancy"
            " and nursing time were the two most pressing issues.",
            "The special contract provides that a pregnant worker whose doctor certifies that she"
            " cannot continue in her post is transferred without loss of pay; that nursing mothers"
            " get one hour of nursing time a day; and that the company pays for a yearly"
            " gynaecological check-up.",
        ],
        [("62%", "Share of women workers"), ("201", "Employees covered")],
    ),
    "zone-first-nine-contracts": (
        "Nine enterprises in the zone sign: from reluctance to asking for talks",
        "Through joint offers and monthly meetings, the zone federation brought nine enterprises"
        " to sign collective contracts covering 4,995 employees.",
        [
            "The zone has many private enterprises whose unions are young, and many employers"
            " feared that bargaining would raise costs. The zone federation and the enterprise"
            " unions made the offer to bargain together (a joint offer) and invited enterprises"
            " that had signed to share their experience at monthly meetings.",
            "Within a year nine enterprises signed collective contracts covering 4,995 employees."
            " The zone federation keeps a bargaining register for each enterprise and checks how"
            " each contract is honoured every quarter.",
        ],
        [("9", "Enterprises signing"), ("4,995", "Employees covered")],
    ),
    "machinery-safety-contract": (
        "A farm-machinery maker's health and safety contract: fewer accidents",
        "Northern Farm Machinery wrote protective-equipment standards for its welding shop and"
        " occupational health checks into a special contract; the union joins a safety"
        " inspection every quarter.",
        [
            "The welding and painting shops carry high occupational health risks. The special"
            " contract sets the standard and replacement cycle of protective equipment, and the"
            " company arranges a yearly occupational health check for workers exposed to"
            " occupational hazards.",
            "The union's labour-protection inspectors join a safety inspection every quarter and"
            " notify the company in writing of any hazard found, with a deadline to put it right.",
        ],
        [("4", "Safety inspections a year"), ("470", "Employees covered")],
    ),
}

TOPICS_EN = {
    "工资集体协商": "Wage bargaining",
    "制造业": "Manufacturing",
    "区域性集体合同": "Regional collective contracts",
    "农民工权益": "Migrant workers' rights",
    "续签": "Renewal",
    "台账管理": "Record keeping",
    "女职工权益保护": "Women workers' rights",
    "专项集体合同": "Special collective contracts",
    "双要约": "Joint bargaining offers",
    "非公企业": "Private enterprises",
    "劳动安全卫生": "Occupational health and safety",
}

LEGAL = [
    (
        "collective-contract-rules",
        "集体合同的订立程序",
        "订立集体合同要经过要约、应约、协商、审议、签字、送审和公示七个步骤。",
        "《集体合同规定》（劳动和社会保障部令第22号）",
        dt.date(2004, 5, 1),
        [
            ("heading", "一方提出，另一方应当回应"),
            (
                "paragraph",
                "<p>工会或企业任何一方都可以书面提出协商要求（要约）。收到要约的一方应当在"
                "20日内书面回应，无正当理由不得拒绝；各地规定的期限可能更短。</p>",
            ),
            ("heading", "草案要经职工代表大会通过"),
            (
                "paragraph",
                "<p>协商形成的合同草案应提交职工代表大会或全体职工讨论。全体职工代表"
                "三分之二以上出席，且经全体职工代表半数以上同意，草案方获通过。</p>",
            ),
            ("heading", "送审与生效"),
            (
                "paragraph",
                "<p>双方首席代表签字后10日内，企业将合同报送劳动保障行政部门审查。行政部门"
                "自收到之日起15日内未提出异议的，合同即行生效，并应及时向全体职工公布。</p>",
            ),
        ],
    ),
    (
        "wage-bargaining",
        "工资集体协商谈什么",
        "工资协商可以约定工资分配制度、工资标准、年度平均工资水平及其调整幅度、"
        "津贴补贴和支付办法。",
        "《工资集体协商试行办法》",
        dt.date(2000, 11, 8),
        [
            (
                "paragraph",
                "<p>协商确定年度工资增幅时，双方通常参考地区和行业的工资指导线、企业劳动"
                "生产率和经济效益、城镇居民消费价格指数以及当地最低工资标准。</p>",
            ),
            (
                "paragraph",
                "<p>工资协议的期限一般为一年。协议生效后，企业应按约定支付工资；任何一方"
                "认为需要变更的，可以提出协商。</p>",
            ),
        ],
    ),
    (
        "personal-data-in-notices",
        "公示的集体合同不含哪些内容",
        "本站公示集体合同时隐去身份证号码、电话号码和个人工资，企业标注为商业秘密的条款不予公示。",
        "",
        None,
        [
            (
                "paragraph",
                "<p>集体合同规定的是集体标准，例如最低工资、工资增幅和工作时间，这些内容依法"
                "向职工公开。合同文本中偶尔出现的个人信息，例如联系人的手机号码或某位职工的"
                "工资，不属于公开范围，本站在发布时自动隐去。</p>",
            ),
            (
                "paragraph",
                "<p>涉及企业商业秘密的条款，经总工会确认后不予公示，页面上只显示被隐去条款的"
                "数量。</p>",
            ),
        ],
    ),
]

# The legal pages in English, by slug: title, summary, source, body.
LEGAL_EN = {
    "collective-contract-rules": (
        "How a collective contract is concluded",
        "A collective contract goes through seven steps: offer, reply, talks, review by the"
        " workers' congress, signature, filing and publication.",
        "Provisions on Collective Contracts (Order No. 22 of the Ministry of Labour and Social"
        " Security)",
        [
            ("heading", "One side asks, the other must answer"),
            (
                "paragraph",
                "<p>Either the union or the employer may ask in writing to bargain (an offer). The"
                " side that receives it must answer in writing within 20 days and may not refuse"
                " without good reason; local rules may set a shorter time.</p>",
            ),
            ("heading", "The workers' congress must approve the draft"),
            (
                "paragraph",
                "<p>The draft agreed in the talks goes to the workers' congress or to all"
                " employees. It passes when at least two thirds of the representatives attend"
                " and more than half of all representatives vote for it.</p>",
            ),
            ("heading", "Filing and entry into force"),
            (
                "paragraph",
                "<p>Within 10 days of the chief representatives' signatures, the employer files the"
                " contract with the labour administration. If the administration raises no"
                " objection within 15 days of receiving it, the contract takes effect and must be"
                " made known to all employees promptly.</p>",
            ),
        ],
    ),
    "wage-bargaining": (
        "What wage bargaining covers",
        "Wage bargaining may settle the pay system, pay rates, the average annual wage and its"
        " rise, allowances and subsidies, and how wages are paid.",
        "Trial Measures for Collective Wage Consultation",
        [
            (
                "paragraph",
                "<p>To settle the annual rise, the parties usually look at the regional and"
                " industry wage guidelines, the enterprise's productivity and results, the urban"
                " consumer price index and the local minimum wage.</p>",
            ),
            (
                "paragraph",
                "<p>A wage agreement usually runs for one year. Once in force, the employer pays"
                " wages as agreed; either side may ask to renegotiate a change.</p>",
            ),
        ],
    ),
    "personal-data-in-notices": (
        "What a published collective contract leaves out",
        "Contracts published here omit identity numbers, telephone numbers and individual wages;"
        " clauses the employer marked as business secrets are not published.",
        "",
        [
            (
                "paragraph",
                "<p>A collective contract sets collective standards, such as the minimum wage, the"
                " wage rise and working hours, which employees have a right to know. Personal data"
                " that sometimes appears in a contract, such as a contact's mobile number or one"
                " employee's wage, is not public, and this site removes it automatically when it"
                " publishes.</p>",
            ),
            (
                "paragraph",
                "<p>Clauses containing an employer's business secrets are not published once the"
                " federation has confirmed them; the page shows only how many were withheld.</p>",
            ),
        ],
    ),
}

# The contract templates in English, by file name: title, description.
TEMPLATES_EN = {
    "collective-contract-template.docx": (
        "Collective contract (model)",
        "The clause framework of a comprehensive collective contract: pay, working hours, rest"
        " and leave, health and safety, insurance and welfare, and special protection of women"
        " workers.",
    ),
    "wage-contract-template.docx": (
        "Special wage contract (model)",
        "The usual clauses of an annual wage agreement: the rise, the minimum wage, allowances"
        " and pay days.",
    ),
    "offer-letter-template.docx": (
        "Offer to bargain (model letter)",
        "For asking the other side in writing to start collective bargaining.",
    ),
}

TEMPLATES = [
    (
        "集体合同（范本）",
        "collective-contract-template.docx",
        "综合性集体合同的条款框架，含劳动报酬、工作时间、休息休假、劳动安全卫生、"
        "保险福利和女职工特殊保护。",
        [
            "第一章 总则",
            "第二章 劳动报酬：职工工资年度平均增长幅度不低于____%；月最低工资不低于____元。",
            "第三章 工作时间：每周工作时间不超过____小时。",
            "第四章 休息休假",
            "第五章 劳动安全卫生",
            "第六章 保险福利",
            "第七章 女职工特殊保护",
            "第八章 合同的变更、解除和终止",
            "第九章 争议处理",
        ],
    ),
    (
        "工资专项集体合同（范本）",
        "wage-contract-template.docx",
        "年度工资协议的常用条款：增幅、最低工资、津贴补贴和支付时间。",
        [
            "一、工资分配制度",
            "二、本年度职工工资平均增长幅度",
            "三、最低工资与工资支付",
            "四、津贴、补贴",
            "五、协议期限与变更",
        ],
    ),
    (
        "集体协商要约书（范本）",
        "offer-letter-template.docx",
        "向对方书面提出集体协商要求时使用。",
        [
            "致：________（企业/工会）",
            "根据《劳动合同法》和《集体合同规定》，我方提出就________事项进行集体协商。",
            "请于收到本要约书之日起20日内书面答复。",
            "要约方：________ 日期：____年__月__日",
        ],
    ),
]

# Further contracts to publish: (enterprise index by size, kind, title suffix, clauses, orders of
# the clauses kept as business secrets)
EXTRA_CONTRACTS = [
    (
        1,
        "wages",
        "工资专项集体合同",
        [
            ("wages", "本年度一线职工工资平均增长幅度不低于8.5%，管理岗位不高于6%。"),
            ("wages", "夜班津贴每班30元，高温津贴按当地标准按月发放。"),
            ("other", "工会联系人：王立新，联系电话0454-8234567。"),
        ],
        (),
    ),
    (
        2,
        "women",
        "女职工权益保护专项集体合同",
        [
            ("women", "孕期女职工不适应原岗位的，企业安排调岗，不降低其基本工资。"),
            ("women", "哺乳期女职工每天享有一小时哺乳时间，计入工作时间。"),
            ("women", "企业每年组织女职工妇科检查一次，费用由企业承担。"),
        ],
        (),
    ),
    (
        3,
        "safety",
        "劳动安全卫生专项集体合同",
        [
            ("safety", "接触职业病危害因素的职工每年进行职业健康检查，结果书面告知本人。"),
            ("safety", "防护用品按岗位标准配备，破损的当日更换。"),
            ("other", "新设备的工艺参数另行约定。"),
        ],
        (3,),
    ),
]


# The special contracts' coded key terms (compliance.rules.codebook), matching their clauses.
EXTRA_KEY_TERMS = {
    "wages": {
        "night_shift_allowance": "30.00",
        "high_temperature_allowance": "300.00",
        "wage_payment_day": 10,
        "wage_review": "annual",
    },
    "women": {
        "extra_maternity_leave_days": 15,
        "nursing_break_minutes": 60,
        "women_health_checkup": True,
        "menstrual_period_protection": True,
        "sexual_harassment_prevention": True,
    },
    "safety": {"safety_commitment": "plan_budget", "safety_training_hours": 32},
}


def _contracts(today: dt.date) -> None:
    enterprises = list(Enterprise.objects.order_by("-employees"))
    for index, kind, suffix, clauses, secret_orders in EXTRA_CONTRACTS:
        if index >= len(enterprises):
            continue
        enterprise = enterprises[index]
        title = f"{enterprise.name}{suffix}"
        if Contract.objects.filter(title=title).exists():
            continue
        start = dt.date(today.year, 1, 1)
        contract = published_contract(
            enterprise=enterprise,
            title=title,
            kind=kind,
            starts_on=start,
            ends_on=dt.date(today.year, 12, 31),
            as_of=today,
            signed_on=start - dt.timedelta(days=20),
            submitted_in_time=True,
            filed_with_department=True,
            wage_growth_pct=Decimal("8.5") if kind == "wages" else None,
            key_terms=EXTRA_KEY_TERMS.get(kind, {}),
            clauses=clauses,
            secret_orders=secret_orders,
        )
        if kind == "wages" and today > start + dt.timedelta(days=60):
            # Mid-year the parties raised the growth rate: an amendment, linked on the site.
            contracts.contract_amend(
                contract_id=contract.pk,
                changes={"wage_growth_pct": Decimal("9.0")},
                amended_on=start + dt.timedelta(days=60),
            )


def seed_public(*, schema_name: str, today: dt.date) -> bool:
    """Seed once per federation; False when its case studies already exist."""
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    site_sections_ensure(home=home)
    if CaseStudyPage.objects.exists():
        return False
    FederationContact.objects.update_or_create(site=site, defaults=CONTACTS[schema_name])
    for slug, title, days, summary, industry, region, tags, featured, paragraphs, figures in CASES[
        schema_name
    ]:
        title_en, summary_en, paragraphs_en, figures_en = CASES_EN[slug]
        case_study(
            title=title,
            slug=slug,
            date=today - dt.timedelta(days=days),
            summary=summary,
            industry=industry,
            region_code=region,
            featured=featured,
            paragraphs=paragraphs,
            figures=figures,
            tags=[(tag, TOPICS_EN[tag]) for tag in tags],
            title_en=title_en,
            summary_en=summary_en,
            paragraphs_en=paragraphs_en,
            figures_en=figures_en,
        )
    for slug, title, summary, source, since, body in LEGAL:
        title_en, summary_en, source_en, body_en = LEGAL_EN[slug]
        legal_page(
            title=title,
            slug=slug,
            summary=summary,
            source=source,
            source_date=since,
            body=body,
            title_en=title_en,
            summary_en=summary_en,
            source_en=source_en,
            body_en=body_en,
        )
    downloads_publish(
        heading="合同范本",
        heading_en="Contract templates",
        items=[
            (
                template_document(title=title, filename=filename, lines=lines),
                description,
                *TEMPLATES_EN[filename],
            )
            for title, filename, description, lines in TEMPLATES
        ],
    )
    _contracts(today)
    return True
