import pytest

from tenants import context
from tenants.models import Federation
from tenants.services import ProvisioningError, federation_move


def _zone(parent):
    return Federation.objects.bulk_create(
        [
            Federation(
                schema_name="x_zone",
                name="某开发区总工会",
                short_name="某",
                level="zone",
                region_code="230871",
                parent=parent,
            )
        ]
    )[0]


def test_a_parent_beneath_the_federation_is_refused_as_a_cycle(fed_a, fed_b):
    with context.public():
        with pytest.raises(ProvisioningError, match=r"cycle|循环"):
            federation_move(federation=fed_a, parent=fed_b)
        with pytest.raises(ProvisioningError):
            federation_move(federation=fed_a, parent=fed_a)
        fed_a.refresh_from_db()
        assert fed_a.parent_id is None


def test_a_move_under_a_higher_federation_of_the_region_is_kept(fed_a, fed_b):
    with context.public():
        zone = _zone(None)
        federation_move(federation=zone, parent=fed_a)
        zone.refresh_from_db()
        assert zone.parent_id == fed_a.pk
        with pytest.raises(ProvisioningError):
            federation_move(federation=zone, parent=fed_b)  # same rank: a zone under a county
        zone.refresh_from_db()
        assert zone.parent_id == fed_a.pk
        federation_move(federation=zone, parent=None)
        zone.refresh_from_db()
        assert zone.parent_id is None
