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
