import pytest

from compliance.rules.uscc import ALPHABET, check_character, normalize, uscc_problem

# The worked example commonly cited for GB 32100-2015, and the demo data's generated codes.
VALID = ["91350100M000100Y43", "91230800MA1B2C3D01"]


@pytest.mark.parametrize("code", VALID)
def test_published_codes_pass(code):
    assert uscc_problem(code) is None


def test_every_single_character_typo_is_caught():
    code = VALID[0]
    for position in range(18):
        for replacement in ALPHABET:
            if replacement == code[position]:
                continue
            mistyped = code[:position] + replacement + code[position + 1 :]
            if position in range(2, 8) and not replacement.isdigit():
                assert uscc_problem(mistyped) in {"region", "check"}
            else:
                assert uscc_problem(mistyped) == "check", mistyped


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("91350100M000100I43", "alphabet"),  # I is not used
        ("91350100m000100y43", "alphabet"),  # lower case before normalising
        ("9135A100M000100Y43", "region"),
    ],
)
def test_malformed_codes_name_their_problem(code, problem):
    assert uscc_problem(code) == problem


def test_normalize_accepts_spaces_and_lower_case():
    assert normalize(" 9135 0100m000100y43 ") == "91350100M000100Y43"


def test_check_character_of_the_standard_example():
    assert check_character("91350100M000100Y4") == "3"
