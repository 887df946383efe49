import datetime as dt
import io
import re

import docx
import pypdf
import pypdfium2
import pytest

from compliance.documents import letters
from compliance.documents.defaults import DEFAULT_TEMPLATES, template_seed
from compliance.documents.letters import (
    BOTTOM,
    LEFT,
    MM_PER_PT,
    TEXT_W,
    letter_docx,
    letter_pdf,
    letter_text,
    render_body,
)
from compliance.models import Letter, LetterKind, LetterTemplate, RectificationItem, SupervisionCase
from tests.compliance.documents.conftest import FACTS, ITEMS, REPLY_URL, build
from tests.factories import compliance as factories

SCALE = 2  # 144 dpi
PAGE_LABEL = re.compile(r"第 \d+ 页 共 \d+ 页")
PX_PER_MM = 72 * SCALE / 25.4


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def unwrapped(text: str) -> str:
    """The text with line breaks removed: a sentence may wrap anywhere."""
    return "".join(text.split())


def flowing(pages: list[str]) -> str:
    """The pages' text run together without page labels: a sentence may also cross a page."""
    lines = "\n".join(pages).splitlines()
    return unwrapped("".join(line for line in lines if not PAGE_LABEL.fullmatch(line)))


def rasterise(data: bytes, path, page: int = 0):
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[page].render(scale=SCALE).to_pil().convert("RGB")
    finally:
        document.close()
    image.save(path)
    return image


def pixels(image, *, mm_box, test) -> int:
    left, top, right, bottom = (round(v * PX_PER_MM) for v in mm_box)
    return sum(
        1 for rgb in image.crop((left, top, right, bottom)).get_flattened_data() if test(rgb)
    )


def dark(rgb) -> bool:
    return max(rgb) < 90


def red(rgb) -> bool:
    return rgb[0] > 150 and rgb[1] < 90 and rgb[2] < 90


def test_pdf_text_has_title_number_addressee_body_and_date(sample):
    pages = pdf_pages(letter_pdf(**sample.kwargs()))
    text = "\n".join(pages)
    flow = flowing(pages)
    assert "工会劳动法律监督意见书" in text
    assert "甲工监意〔2026〕12号" in text
    assert "甲市恒达机械制造有限公司：" in text
    assert "2026年11月21日" in text
    assert "签发人：主席 王建国" in text
    assert "抄送：甲市人力资源和社会保障局，甲市人民检察院。" in text
    assert "经我会两次上门督促，仍以生产任务繁忙为由拒绝协商。" in flow
    assert "请你单位于2026年12月14日前（自收到之日起15个工作日内）" in flow
    assert REPLY_URL in flow
    assert "1．" + ITEMS[0] in flow
    assert "特此函告。" in text


def test_first_page_renders_with_a_dark_title_and_a_red_issuer(sample, artifacts):
    image = rasterise(letter_pdf(**sample.kwargs()), artifacts / "opinion-page1.png")
    assert image.size == (round(210 * PX_PER_MM), round(297 * PX_PER_MM))
    inked = pixels(image, mm_box=(0, 0, 210, 297), test=lambda rgb: min(rgb) < 200)
    assert inked > 0.02 * image.size[0] * image.size[1]
    # The title is centred around 52 mm from the top edge; the issuer's name around 30 mm.
    assert pixels(image, mm_box=(40, 43, 170, 55), test=dark) > 500
    assert pixels(image, mm_box=(40, 21, 170, 32), test=red) > 300
    assert pixels(image, mm_box=(40, 21, 170, 32), test=dark) == 0
    # Nothing is printed in the margins.
    assert pixels(image, mm_box=(0, 0, LEFT - 1, 297), test=lambda rgb: min(rgb) < 250) == 0
    right_margin = (LEFT + TEXT_W + 1, 0, 210, 297)
    assert pixels(image, mm_box=right_margin, test=lambda rgb: min(rgb) < 250) == 0


def test_text_stays_inside_the_type_area_on_every_page(sample):
    sample.letter.facts = FACTS * 6
    document = pypdfium2.PdfDocument(letter_pdf(**sample.kwargs()))
    try:
        for page in document:
            textpage = page.get_textpage()
            height = page.get_height()
            for index in range(textpage.count_chars()):
                left, bottom, right, _top = textpage.get_charbox(index)
                if left == right:
                    continue  # spaces and line ends have no box
                assert left * MM_PER_PT >= LEFT - 0.5
                assert right * MM_PER_PT <= LEFT + TEXT_W + 0.5
                assert (height - bottom) * MM_PER_PT <= BOTTOM + 15  # page label below the area
    finally:
        document.close()


def test_long_body_paginates_with_page_numbers(sample, artifacts):
    sample.letter.facts = "\n".join([FACTS] * 8)
    data = letter_pdf(**sample.kwargs())
    pages = pdf_pages(data)
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {total} 页" in text
    assert "工会劳动法律监督意见书" in pages[0]
    assert all("工会劳动法律监督意见书" not in text for text in pages[1:])
    # The signature block closes the letter, on the last page only, after its text.
    assert "2026年11月21日" in pages[-1]
    assert all("2026年11月21日" not in text for text in pages[:-1])
    assert pages[-1].index("特此函告。") < pages[-1].index("签发人：主席 王建国")
    assert flowing(pages).count(unwrapped(FACTS)) == 8
    rasterise(data, artifacts / "long-last-page.png", page=total - 1)


@pytest.mark.parametrize(
    ("char", "named"),
    [("\ue000", "U+E000"), ("\U00013000", "U+13000 EGYPTIAN HIEROGLYPH A001")],
)
@pytest.mark.parametrize("render", [letter_pdf, letter_docx])
def test_a_character_outside_the_font_is_refused_by_name(sample, english, render, char, named):
    sample.letter.facts = f"你单位拖欠工资{char}三个月。"
    with pytest.raises(ValueError, match="cannot show") as refused:
        render(**sample.kwargs())
    assert named in str(refused.value)


def test_a_broken_template_is_refused_with_its_title(sample, english):
    sample.template.body = "{% if %}你单位存在以下问题{% endif %}"
    with pytest.raises(ValueError, match="工会劳动法律监督意见书"):
        render_body(**sample.kwargs())


def test_the_body_is_plain_text_never_escaped(sample):
    sample.letter.facts = "你单位<车间A&B>未签订劳动合同。"
    body = render_body(**sample.kwargs())
    assert "你单位<车间A&B>未签订劳动合同。" in body.split("\n")
    assert "&amp;" not in body
    assert "" not in body.split("\n")


def test_docx_has_the_same_paragraphs(sample):
    text = letter_text(**sample.kwargs())
    document = docx.Document(io.BytesIO(letter_docx(**sample.kwargs())))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[:4] == [text.issuer, text.title, text.number, text.addressee + "："]
    assert paragraphs[4 : 4 + len(text.paragraphs)] == list(text.paragraphs)
    assert text.paragraphs[-1] == "特此函告。"
    assert paragraphs[4 + len(text.paragraphs) :] == [
        "签发人：主席 王建国",
        "",
        "甲市总工会",
        "2026年11月21日",
        "抄送：甲市人力资源和社会保障局，甲市人民检察院。",
    ]
    indented = document.paragraphs[4].paragraph_format.first_line_indent
    assert indented.pt == 32  # two characters of 16 pt
    normal_fonts = document.styles["Normal"].element.rPr.rFonts
    assert normal_fonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer
    assert 'w:instr="NUMPAGES"' in footer
    assert document.core_properties.title == "工会劳动法律监督意见书 甲工监意〔2026〕12号"


def test_a_letter_names_its_signer_whatever_its_kind():
    """Regression: a reminder letter (提示函) signed by the chair did not print its signer."""
    reminder = letter_text(**build("reminder").kwargs())
    assert reminder.signer == "签发人：主席 王建国"
    assert "签发人：主席 王建国" in "\n".join(pdf_pages(letter_pdf(**build("reminder").kwargs())))
    unsigned = letter_text(**build("reminder", signer="", signer_title="").kwargs())
    assert unsigned.signer == ""


def test_without_a_reply_link_the_letter_asks_for_a_written_reply(sample):
    sample.reply_url = ""
    body = render_body(**sample.kwargs())
    assert "https://" not in body
    assert "书面答复请加盖单位公章后送交甲市总工会。" in body.split("\n")


def test_free_text_actions_stand_in_when_a_letter_has_no_items(sample):
    sample.items = []
    sample.letter.required_actions = "立即停止超时加班，依法支付加班工资。"
    body = render_body(**sample.kwargs()).split("\n")
    assert "立即停止超时加班，依法支付加班工资。" in body
    assert not any(line.startswith("1．") for line in body)


KIND_PHRASES = {
    LetterKind.REMINDER: ["工会劳动法律监督提示函", "开展自查自纠", "特此函告。"],
    LetterKind.OPINION: ["工会劳动法律监督意见书", "书面答复甲市总工会", "签发人：主席 王建国"],
    LetterKind.RECOMMENDATION: [
        "工会劳动法律监督建议书",
        "甲市劳动保障监察支队：",
        "（统一社会信用代码：91230800MA1K7Q3X2N）",
        "但该单位在规定期限内未予答复。",
        "现将该案提请甲市劳动保障监察支队依法处理",
        "随本建议书一并移交该案案卷材料",
        "特此建议。",
    ],
    LetterKind.RECTIFICATION: ["限期整改通知书", "现通知你单位限期整改", "特此通知。"],
}


@pytest.mark.parametrize("kind", LetterKind.values)
def test_each_default_template_renders_a_realistic_letter(kind, artifacts):
    sample = build(kind)
    body = render_body(**sample.kwargs())
    assert "{" not in body
    assert "None" not in body
    assert "2026年12月14日" in body
    data = letter_pdf(**sample.kwargs())
    (artifacts / f"{kind}.pdf").write_bytes(data)
    (artifacts / f"{kind}.docx").write_bytes(letter_docx(**sample.kwargs()))
    rasterise(data, artifacts / f"{kind}-page1.png")
    flow = flowing(pdf_pages(data))
    for phrase in [*KIND_PHRASES[kind], sample.letter.number, "2026年11月21日", REPLY_URL]:
        assert unwrapped(phrase) in flow, phrase
    for number, item in enumerate(sample.items, start=1):
        assert unwrapped(f"{number}．{item.text}") in flow


def test_template_seed_gives_one_valid_row_per_kind():
    rows = template_seed()
    assert [row["kind"] for row in rows] == LetterKind.values
    for row in rows:
        LetterTemplate(**row).full_clean(validate_unique=False)
        assert row == {"kind": row["kind"], **DEFAULT_TEMPLATES[row["kind"]]}


def test_a_saved_letter_renders_inside_its_federation(in_a):
    enterprise = factories.enterprise(name="甲市顺丰物流有限公司")
    case = SupervisionCase.objects.create(
        title="顺丰物流拖欠加班工资",
        enterprise=enterprise,
        source=SupervisionCase.Source.COMPLAINT,
        opened_on=dt.date(2026, 11, 2),
    )
    letter = Letter.objects.create(
        case=case,
        kind=LetterKind.RECTIFICATION,
        number="甲工监改〔2026〕3号",
        year=2026,
        sequence=3,
        issued_on=dt.date(2026, 11, 21),
        addressee=enterprise.name,
        facts="你单位2026年8月至10月安排职工延长工作时间，未依法支付加班工资。",
        legal_basis="《中华人民共和国劳动法》第四十四条",
        due_on=dt.date(2026, 12, 21),
        due_rule="自收到之日起30日内",
    )
    for order, text in enumerate(["足额补发加班工资；", "建立工时台账。"], start=1):
        RectificationItem.objects.create(case=case, letter=letter, order=order, text=text)
    template = LetterTemplate(kind=letter.kind, **DEFAULT_TEMPLATES[letter.kind])
    data = letter_pdf(letter=letter, template=template, federation=in_a, items=letter.items.all())
    pages = pdf_pages(data)
    assert pages[0].startswith(f"{in_a.name}\n")
    assert "甲市顺丰物流有限公司：" in pages[0]
    assert "1．足额补发加班工资；2．建立工时台账。" in flowing(pages)
    assert letters.chinese_date(letter.due_on) in flowing(pages)
