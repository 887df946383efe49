from compliance.documents.letters import wrap


def lines(text, first, rest=None):
    """Every character one unit wide, lines `first` then `rest` units."""
    return wrap(text, first=first, rest=rest or first, em=1, width_of=len)


def test_chinese_breaks_between_any_two_characters():
    assert lines("一二三四五六七", 3) == ["一二三", "四五六", "七"]


def test_closing_punctuation_never_starts_a_line():
    assert lines("一二三四，五六", 4) == ["一二三", "四，五六"]


def test_opening_punctuation_never_ends_a_line():
    assert lines("一二三《四五》", 4) == ["一二三", "《四五》"]


def test_a_short_figure_moves_to_the_next_line_whole():
    assert lines("一二三2026年", 5) == ["一二三", "2026年"]


def test_a_long_run_breaks_where_the_line_is_full():
    assert lines("一abcdefghijklmno", 6) == ["一abcde", "fghijk", "lmno"]


def test_the_first_line_may_be_shorter_than_the_rest():
    assert lines("一二三四五六七八", 2, 4) == ["一二", "三四五六", "七八"]


def test_no_line_is_wider_than_its_measure():
    text = "上述行为不符合《集体合同规定》第三十二条的规定，请于2026年12月14日前答复：https://a.test/r/abc。"
    result = lines(text, 8, 10)
    assert "".join(result) == text
    assert len(result[0]) <= 8
    assert all(len(line) <= 10 for line in result[1:])
