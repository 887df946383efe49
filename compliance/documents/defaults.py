"""The default wording of each letter kind of rules/letters.py (regulations.md §1.5), written for
this portal.

No official national template exists (Zhejiang Art. 32 leaves the format to the provincial
federation), so every federation starts from these texts and edits its own LetterTemplate rows.

A body is a Django template rendered as plain text. It sees `letter`, `case`, `federation`,
`items` (the letter's rectification items, in order) and `reply_url` (the employer's private reply
link, possibly empty). Each line of the rendered text is one paragraph; blank lines are dropped.
The structure follows §1.5: the facts found, the legal basis, the required actions, the deadline
with its period and printed legal basis (never an internal rule number), how to reply, and for a
recommendation letter the trigger, the receiving department and the hand-over of the case file.
"""

from __future__ import annotations

from compliance.rules import letters

DUE = '{{ letter.due_on|date:"Y年n月j日" }}'
# The period and the printed legal basis, in brackets; nothing when the issuer set the date.
DUE_CLAUSE = "{% if letter.due_rule %}（{{ letter.due_rule }}）{% endif %}"

# Required actions: the numbered items; the free-text field only when the letter has no items.
ACTIONS = (
    "{% for item in items %}{{ forloop.counter }}．{{ item.text }}\n{% empty %}"
    "{{ letter.required_actions }}\n{% endfor %}"
)

REMINDER = "\n".join(
    [
        "{{ federation.name }}在开展劳动法律监督工作中了解到，你单位存在以下情况：",
        "{{ letter.facts }}",
        (
            "根据{{ letter.legal_basis }}的有关规定，用人单位应当依法履行相应义务。"
            "为防范劳动用工风险、维护职工合法权益，现提示你单位对照以下事项开展自查自纠："
        ),
        ACTIONS,
        (
            f"请你单位于{DUE}前{DUE_CLAUSE}完成自查和整改，"
            "并将自查整改情况书面反馈{{ federation.name }}。"
        ),
        (
            "{% if reply_url %}你单位可通过本函专用链接在线反馈并上传整改材料："
            "{{ reply_url }}。该链接仅限你单位使用，请妥善保管。"
            "{% else %}书面反馈材料请加盖单位公章后送交{{ federation.name }}。{% endif %}"
        ),
    ]
)

OPINION = "\n".join(
    [
        "{{ federation.name }}经调查核实，你单位存在以下违反劳动法律法规的行为：",
        "{{ letter.facts }}",
        (
            "上述行为不符合{{ letter.legal_basis }}的规定，损害了职工的合法权益。"
            "依据工会劳动法律监督的有关规定，{{ federation.name }}提出如下监督意见，"
            "请你单位依法予以纠正："
        ),
        ACTIONS,
        (
            f"请你单位于{DUE}前{DUE_CLAUSE}将有关情况和整改措施"
            "书面答复{{ federation.name }}；对本意见书有异议的，应当在上述期限内书面说明理由。"
        ),
        (
            "{% if reply_url %}你单位可通过本意见书专用链接在线答复并上传整改证明材料："
            "{{ reply_url }}。该链接仅限你单位使用，请妥善保管。"
            "{% else %}书面答复请加盖单位公章后送交{{ federation.name }}。{% endif %}"
        ),
        (
            "你单位拒不接受本意见书、逾期不予答复或者无正当理由不予整改的，"
            "{{ federation.name }}将依照有关规定提请劳动保障监察等部门依法处理。"
        ),
    ]
)

RECOMMENDATION = "\n".join(
    [
        (
            "{{ case.enterprise.name }}{% if case.enterprise.credit_code %}"
            "（统一社会信用代码：{{ case.enterprise.credit_code }}）{% endif %}"
            "经{{ federation.name }}调查核实，存在以下违反劳动法律法规的行为："
        ),
        "{{ letter.facts }}",
        (
            "上述行为不符合{{ letter.legal_basis }}的规定。{{ federation.name }}已向该单位"
            "发出工会劳动法律监督意见书，要求其限期答复并整改，但该单位"
            '{% if letter.trigger == "refused" %}拒不接受意见书'
            '{% elif letter.trigger == "no_reply" %}在规定期限内未予答复'
            '{% elif letter.trigger == "not_rectified" %}无正当理由未予整改'
            "{% else %}未按要求答复和整改{% endif %}。"
        ),
        (
            "依据工会劳动法律监督的有关规定，现将该案提请"
            "{{ letter.department|default:letter.addressee }}依法处理，并提出如下建议："
        ),
        ACTIONS,
        ("随本建议书一并移交该案案卷材料（调查记录、监督意见书及送达回证、相关证据等），请查收。"),
        (
            f"请贵单位依法审查办理，并于{DUE}前{DUE_CLAUSE}将立案情况"
            "和调查处理结果书面反馈{{ federation.name }}。"
        ),
        (
            "{% if reply_url %}处理结果也可通过本建议书专用链接在线反馈：{{ reply_url }}。"
            "{% endif %}"
        ),
    ]
)

RECTIFICATION = "\n".join(
    [
        (
            "{{ federation.name }}在"
            '{% if case.source == "inspection" %}劳动法律监督联合检查{% else %}劳动法律监督工作'
            "{% endif %}中发现，你单位存在以下问题："
        ),
        "{{ letter.facts }}",
        "上述问题不符合{{ letter.legal_basis }}的规定。现通知你单位限期整改，具体要求如下：",
        ACTIONS,
        (
            f"请你单位于{DUE}前{DUE_CLAUSE}整改完毕，并将整改情况"
            "及相关证明材料书面报送{{ federation.name }}。"
            "{{ federation.name }}将对整改情况进行复查。"
        ),
        (
            "{% if reply_url %}整改情况和证明材料可通过本通知书专用链接在线报送："
            "{{ reply_url }}。该链接仅限你单位使用，请妥善保管。{% endif %}"
        ),
        "逾期未整改或者整改不到位的，将依照有关规定提请有关部门依法处理。",
    ]
)

DEFAULT_TEMPLATES: dict[str, dict] = {
    letters.REMINDER.code: {
        "title": "工会劳动法律监督提示函",
        "number_prefix": "工监函",
        "body": REMINDER,
        "closing": "特此函告。",
    },
    letters.OPINION.code: {
        "title": "工会劳动法律监督意见书",
        "number_prefix": "工监意",
        "body": OPINION,
        "closing": "特此函告。",
    },
    letters.RECOMMENDATION.code: {
        "title": "工会劳动法律监督建议书",
        "number_prefix": "工监建",
        "body": RECOMMENDATION,
        "closing": "特此建议。",
    },
    letters.RECTIFICATION.code: {
        "title": "限期整改通知书",
        "number_prefix": "工监改",
        "body": RECTIFICATION,
        "closing": "特此通知。",
    },
}
# A kind without its wording fails here, at start-up, not when a federation first issues one.
letters.require_every_kind(DEFAULT_TEMPLATES, where="DEFAULT_TEMPLATES")


def template_seed() -> list[dict]:
    """One dict per letter kind, ready for LetterTemplate(**row) when provisioning a federation."""
    return [{"kind": kind, **fields} for kind, fields in DEFAULT_TEMPLATES.items()]
