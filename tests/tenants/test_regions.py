import pytest

from tenants.regions import area_code_problem, region_code_problem, region_within


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


@pytest.mark.parametrize("code", ["230803", "230871", "110105"])
def test_an_area_is_a_county_district_or_zone(code):
    assert area_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("230800", "not a province (230000) or a city"),
        ("230000", "not a province (230000) or a city"),
        ("230003", "not a province (230000) or a city"),  # no prefecture
        ("23080", "six digits"),
        ("990803", "province-level"),
    ],
)
def test_other_codes_are_not_areas_and_say_why(code, says, english):
    assert says in area_code_problem(code)
