"""The rule profile in the admin: values change, parameters are neither added nor deleted."""

from compliance.models import RuleParameter
from tenants import context


def test_a_parameter_is_neither_added_blank_nor_deleted(admin_client, fed_a):
    """Regression: a nameless parameter could be added and a statutory one deleted, which the
    deadlines then failed to find."""
    with context.federation_context(fed_a):
        count = RuleParameter.objects.count()
        parameter = RuleParameter.objects.get(key="offer_reply")
    index = admin_client.get("/admin/rule_profile/").content.decode()
    assert "/admin/rule_profile/new/" not in index
    added = admin_client.post("/admin/rule_profile/new/", {"value": "5", "unit": "days"})
    assert added.status_code == 302 and added["Location"] == "/admin/rule_profile/"
    deleted = admin_client.post(f"/admin/rule_profile/delete/{parameter.pk}/")
    assert deleted.status_code == 302
    with context.federation_context(fed_a):
        assert RuleParameter.objects.count() == count
        assert RuleParameter.objects.filter(pk=parameter.pk).exists()
    followed = admin_client.get("/admin/rule_profile/new/", follow=True).content.decode()
    assert "参数来自所选预设" in followed


def test_scores_show_in_points_and_the_two_texts_are_told_apart(admin_client, fed_a):
    """Regression (issue 14): the pass line and the weights showed in 人, and the research note
    was labelled "legal basis"."""
    with context.federation_context(fed_a):
        pass_line = RuleParameter.objects.get(key="audit_pass_line")
        offer = RuleParameter.objects.get(key="offer_reply")
    assert (pass_line.unit, str(pass_line)) == ("points", "履约检查合格分数线: 80 分")
    index = admin_client.get("/admin/rule_profile/").content.decode()
    row = index[index.index("履约检查合格分数线") :].split("</tr>")[0]
    assert ">分<" in row.replace(" ", "").replace("\n", "") and "人" not in row
    assert "来源说明" in index and "法律依据（文书引用）" in index
    edit = admin_client.get(f"/admin/rule_profile/edit/{offer.pk}/").content.decode()
    assert "来源说明" in edit and "法律依据（文书引用）" in edit
    assert 'value="《集体合同规定》第三十二条"' in edit
    # A score keeps its unit; a period may change between days, working days and months.
    edit = admin_client.get(f"/admin/rule_profile/edit/{pass_line.pk}/").content.decode()
    assert 'name="unit"' in edit and "disabled" in edit.split('name="unit"')[1].split(">")[0]


def test_the_printed_basis_is_cleaned_and_never_a_rule_number(admin_client, fed_a):
    with context.federation_context(fed_a):
        parameter = RuleParameter.objects.get(key="reminder_self_check")
    url = f"/admin/rule_profile/edit/{parameter.pk}/"
    data = {
        "value": "15",
        "unit": "calendar_days",
        "rule": parameter.rule,
        "source": parameter.source,
        "basis": "依据R45",
        "change_reason": "省里新规定",
    }
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "内部规则编号" in refused.content.decode()
    saved = admin_client.post(url, {**data, "basis": "《中华人民共和国工会法》第二十二条。"})
    assert saved.status_code == 302
    with context.federation_context(fed_a):
        parameter.refresh_from_db()
    assert parameter.basis == "《中华人民共和国工会法》第二十二条"
    assert admin_client.post(url, {**data, "unit": "count"}).status_code == 200  # not a period
