"""Names of the GB/T 2260 regions the demo and test federations use, for facet labels, in
Chinese and English (the visitor's language).

A code missing here is shown as the code itself; federations elsewhere can add theirs.
"""

from __future__ import annotations

from cms_pages.language import english_active

# code: (Chinese name, English name)
REGION_NAMES = {
    "230000": ("黑龙江省", "Heilongjiang Province"),
    "230800": ("佳木斯市", "Jiamusi City"),
    "230803": ("向阳区", "Xiangyang District"),
    "230804": ("前进区", "Qianjin District"),
    "230805": ("东风区", "Dongfeng District"),
    "230811": ("郊区", "Jiaoqu District"),
    "230822": ("桦南县", "Huanan County"),
    "230826": ("桦川县", "Huachuan County"),
    "230828": ("汤原县", "Tangyuan County"),
    "230881": ("同江市", "Tongjiang City"),
    "230882": ("富锦市", "Fujin City"),
    "230883": ("抚远市", "Fuyuan City"),
    "230871": ("佳木斯高新区", "Jiamusi High-tech Zone"),
}


def region_name(code: str) -> str:
    """The region's name in the active language; the code when the region is unknown."""
    names = REGION_NAMES.get(code)
    if names is None:
        return code
    return names[1] if english_active() else names[0]
