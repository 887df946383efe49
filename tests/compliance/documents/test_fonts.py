import io

from fontTools.ttLib import TTFont

from compliance.documents import fonts


def test_font_path_is_the_packaged_opentype_file():
    path = fonts.cjk_font_path()
    assert path.name == "NotoSansCJKtc-Regular.otf"
    assert path.read_bytes()[:4] == b"OTTO"


def test_missing_characters_lists_each_uncovered_character_once_in_order():
    text = "甲\ue000乙\U00013000\n丙\ue000\t"
    assert fonts.missing_characters(text) == ["\ue000", "\U00013000"]
    assert fonts.missing_characters("工会劳动法律监督意见书，〔2026〕12号：抄送。") == []


def test_describe_names_the_code_point_and_the_character():
    assert fonts.describe("\ue000") == "U+E000"
    assert fonts.describe("\U00013000") == "U+13000 EGYPTIAN HIEROGLYPH A001"


def test_simplified_forms_replace_the_taiwan_comma_and_full_stop():
    default = TTFont(fonts.cjk_font_path(), lazy=True).getBestCmap()
    forms = fonts.simplified_forms()
    for char in "，。：":
        assert forms[ord(char)] != default[ord(char)]
    assert ord("甲") not in forms  # shared ideographs keep their one form


def test_truetype_subset_holds_the_text_only_with_mainland_punctuation():
    font = TTFont(io.BytesIO(fonts.truetype_subset("甲，\ue000")))
    cmap = font.getBestCmap()
    assert font.sfntVersion == "\x00\x01\x00\x00"
    assert "glyf" in font
    assert "CFF " not in font
    assert set(cmap) == {ord("甲"), ord("，")}
    comma = font["glyf"][cmap[ord("，")]]
    # Mainland commas sit in the lower left of the em box; Taiwan's sit in its centre.
    assert comma.xMax < 500
    assert comma.yMax < 300
