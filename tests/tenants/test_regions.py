import pytest

from tenants.regions import region_code_problem, region_within


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("230000", "province"),
        ("110000", "province"),
        ("230800", "city"),
        ("230803", "county"),
        ("230871", "zone"),
        ("820000", "province"),
    ],
)
def test_valid_codes_for_their_level(code, level):
    assert region_code_problem(code, level=level) is None


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("23080", "city"),  # five digits
        ("2308000", "city"),  # seven
        ("23O800", "city"),  # letter O
        ("990800", "city"),  # no province 99
        ("230800", "province"),  # province must end 0000
        ("230000", "city"),  # city must not end 0000
        ("230803", "city"),  # city ends 00
        ("230800", "county"),  # county must not end 00
        ("230003", "zone"),  # prefecture part 00
        ("", "city"),
    ],
)
def test_invalid_codes_are_explained(code, level):
    assert region_code_problem(code, level=level)


def test_region_within_follows_the_hierarchy():
    assert region_within("230803", "230800")
    assert region_within("230871", "230800")
    assert not region_within("230103", "230800")
    assert region_within("230800", "230000")
    assert not region_within("220800", "230000")
    assert region_within("230803", "230803")
