import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from compliance.services.contracts import contract_register_existing
from tenants import context
from tests.factories import compliance as f


def test_federation_stats_json_for_an_as_of_date(fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise(employees=230, union_members=200)
        contract_register_existing(
            data={
                "enterprise": ent,
                "title": "集体合同",
                "starts_on": dt.date(2026, 1, 1),
                "ends_on": dt.date(2026, 12, 31),
                "as_of": dt.date(2026, 6, 1),
            }
        )
    out = io.StringIO()
    call_command(
        "federation_stats", "--schema", "fed_a", "--as-of", "2026-06-01", "--json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["as_of"] == "2026-06-01"
    assert data["coverage"] == {"numerator": 1, "denominator": 1, "percent": "100.0"}
    assert data["employees_covered"] == 230
    out = io.StringIO()
    call_command(
        "federation_stats", "--schema", "fed_a", "--as-of", "2027-01-01", "--json", stdout=out
    )
    assert json.loads(out.getvalue())["coverage"]["numerator"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--schema", "nowhere"], "No federation"),
        (["--schema", "fed_a", "--as-of", "21/11/2026"], "--as-of"),
    ],
)
def test_federation_stats_bad_input(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("federation_stats", *args, stdout=io.StringIO())


def test_create_federation_refuses_an_unknown_preset(db, english):
    with pytest.raises(CommandError, match="Unknown rule preset"):
        call_command(
            "create_federation",
            "--schema",
            "fed_x",
            "--name",
            "某市总工会",
            "--domain",
            "x.test",
            "--level",
            "city",
            "--region",
            "230400",
            "--preset",
            "mars",
        )
