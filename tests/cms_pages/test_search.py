"""Chinese segmentation for notice search (shared/PITFALLS.md: PostgreSQL alone sees a sentence
as one word)."""

from cms_pages.search import document_tokens, highlight, query_terms, search_document


def test_documents_are_segmented_into_words_and_sub_words():
    tokens = document_tokens("企业每年组织职工职业健康检查，女职工权益保护。")
    for word in ("企业", "职工", "女职工", "职业健康检查", "健康", "检查", "权益", "保护"):
        assert word in tokens
    assert "，" not in tokens and "。" not in tokens


def test_domain_words_stay_whole_in_queries():
    assert query_terms("集体合同 最低工资") == ["集体合同", "最低工资"]
    assert query_terms("女职工权益保护") == ["女职工权益保护"]


def test_every_query_term_of_a_phrase_is_in_the_document_containing_it():
    text = "职工月最低工资不低于2100元，实行标准工时制度，依法缴纳社会保险费和住房公积金。"
    tokens = set(search_document(text).split())
    for phrase in ("最低工资", "标准工时", "社会保险", "住房公积金", "2100", "职工"):
        assert set(query_terms(phrase)) <= tokens, phrase


def test_queries_drop_punctuation_stopwords_and_duplicates():
    assert query_terms("  ，。的 ") == []
    assert query_terms("工资 工资") == ["工资"]
    assert query_terms("Wages WAGES") == ["wages"]


def test_highlight_escapes_and_marks_every_term():
    html = highlight("<b>职工</b>月最低工资不低于2100元", ["最低工资", "职工"])
    assert "&lt;b&gt;<mark>职工</mark>&lt;/b&gt;" in html
    assert "<mark>最低工资</mark>" in html


def test_highlight_centres_on_the_first_match_with_ellipses():
    text = "甲" * 200 + "带薪年休假" + "乙" * 200
    html = highlight(text, ["带薪年休假"], width=60)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>带薪年休假</mark>" in html


def test_highlight_without_terms_is_the_beginning():
    assert highlight("短文本", []) == "短文本"
