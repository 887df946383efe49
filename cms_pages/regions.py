"""Names of the GB/T 2260 regions the demo and test federations use, for facet labels.

A code missing here is shown as the code itself; federations elsewhere can add theirs.
"""

REGION_NAMES = {
    "230000": "黑龙江省",
    "230800": "佳木斯市",
    "230803": "向阳区",
    "230804": "前进区",
    "230805": "东风区",
    "230811": "郊区",
    "230822": "桦南县",
    "230826": "桦川县",
    "230828": "汤原县",
    "230881": "同江市",
    "230882": "富锦市",
    "230883": "抚远市",
    "230871": "佳木斯高新区",
}


def region_name(code: str) -> str:
    return REGION_NAMES.get(code, code)
