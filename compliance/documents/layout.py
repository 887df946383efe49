"""The page of a supervision letter, shared by the PDF and the DOCX.

GB/T 9704-2012 (党政机关公文格式): A4 with a 156 × 225 mm type area holding 22 lines of
16 pt (三号) text. Lengths are in millimetres unless a name says otherwise.
"""

from __future__ import annotations

MM_PER_PT = 25.4 / 72
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP = 28.0, 26.0, 37.0
TEXT_W = PAGE_W - LEFT - RIGHT
BOTTOM = TOP + 225.0
LINES_PER_PAGE = 22
LINE = 225.0 / LINES_PER_PAGE
BODY_PT = 16.0
EM = BODY_PT * MM_PER_PT
SMALL_PT = 14.0  # 四号: copies-to
FOOTER_PT = 10.5  # 五号: page numbers
SEAL_R = 21.0  # a 42 mm seal
RED = (196, 18, 24)
SEAL_RED = (226, 130, 130)
FAINT = (160, 160, 160)
FONT = "notosanscjk"
PAGE_LABEL = "第 {page} 页 共 {pages} 页"
