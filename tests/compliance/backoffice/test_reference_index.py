"""Back-office records stay out of Wagtail's reference index once the admin is loaded (it used to
add three queries to every save of a registered model)."""

from wagtail.models import ReferenceIndex

from compliance.models import BargainingRound, Contract, Enterprise
from tests.factories import compliance as f


def test_registered_back_office_models_are_not_indexed(client_a, in_a):
    assert client_a.get("/admin/login/").status_code == 200  # the admin's hooks are loaded
    for model in (BargainingRound, Contract, Enterprise):
        assert model not in ReferenceIndex.indexed_models
    f.round_at("offered")
    assert not ReferenceIndex.objects.exists()
