"""Hostile files are refused with a message before any parser sees them (no database)."""

import io
import os
import struct
import zipfile

import pytest

from compliance.excel.safety import Limits, WorkbookRefused, check_workbook
from tests.compliance.excel.helpers import enterprise_row, rezip, sheet_xml, xlsx

pytestmark = pytest.mark.usefixtures("english")
SHEET = "xl/worksheets/sheet1.xml"


def refusal(source, **limits) -> str:
    with pytest.raises(WorkbookRefused) as caught:
        check_workbook(source, limits=Limits(**limits) if limits else None)
    return str(caught.value)


def test_a_valid_workbook_passes_and_the_stream_is_rewound():
    source = xlsx([enterprise_row()])
    source.seek(10)
    check_workbook(source)
    assert source.tell() == 0


def test_a_valid_workbook_passes_from_a_path(tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(xlsx([enterprise_row()]).getvalue())
    check_workbook(path)


def test_empty_file():
    assert "empty" in refusal(io.BytesIO(b""))


def test_ten_megabytes_of_junk():
    assert "not an Excel workbook" in refusal(io.BytesIO(os.urandom(10 * 1024 * 1024)))


def test_junk_behind_a_zip_signature_is_damaged_not_a_crash():
    junk = b"PK\x03\x04" + os.urandom(64 * 1024)
    assert "damaged" in refusal(io.BytesIO(junk))


def test_csv_renamed_to_xlsx():
    csv = "统一社会信用代码,企业名称\n91230803MA00000013,测试\n".encode()
    assert "CSV" in refusal(io.BytesIO(csv))


def test_old_xls_or_password_protected_file():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    assert ".xls" in refusal(io.BytesIO(ole))


def test_larger_than_the_upload_limit():
    assert "larger than" in refusal(xlsx([enterprise_row()]), max_bytes=1024)


def test_zip_bomb_by_compression_ratio():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr(SHEET, b"A" * (60 * 1024 * 1024))
    bomb.seek(0)
    assert bomb.getbuffer().nbytes < 1024 * 1024
    assert "zip bomb" in refusal(bomb)


def test_unpacked_size_beyond_the_limit():
    big = rezip(xlsx([enterprise_row()]), {}, add={"xl/media/filler.bin": os.urandom(3 * 2**20)})
    assert "unpacks to more than 2 MB" in refusal(big, max_unpacked=2 * 2**20)


def _shrink_declared_size(data: bytes, name: bytes, declared: int) -> bytes:
    """Make the ZIP directory under-declare a part's size, as a crafted bomb does."""
    data = bytearray(data)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == name:
            struct.pack_into("<I", data, central + 24, declared)
            local = struct.unpack_from("<I", data, central + 42)[0]
            struct.pack_into("<I", data, local + 22, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_a_part_larger_than_its_declared_size_is_caught_by_its_checksum():
    rows = [enterprise_row(n) for n in range(1, 200)]
    honest = xlsx(rows).getvalue()
    lying = _shrink_declared_size(honest, SHEET.encode(), 100)
    assert "damaged" in refusal(io.BytesIO(lying))


def test_sparse_sheet_bomb_far_corner():
    """Regression: one cell in A1 and one in XFD1048576 made python-calamine allocate 512 GB
    and abort the process (a Rust allocation failure, not an exception)."""
    body = (
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    assert "rows" in refusal(rezip(xlsx([enterprise_row()]), {SHEET: sheet_xml(body)}))


def test_a_cell_in_a_far_column():
    body = '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>'
    assert "beyond column AX" in refusal(rezip(xlsx([]), {SHEET: sheet_xml(body)}))


def test_a_cell_in_a_far_row():
    body = (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c r="A900000"><v>1</v></c></row>'
    )
    assert "200,000 rows" in refusal(rezip(xlsx([]), {SHEET: sheet_xml(body)}))


def test_too_many_cells():
    body = "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="B{r}"><v>1</v></c></row>' for r in range(1, 60)
    )
    assert "rows" in refusal(rezip(xlsx([]), {SHEET: sheet_xml(body)}), max_cells=100)


@pytest.mark.parametrize(
    "body",
    [
        "<row><c><v>1</v></c>" + "<c/>" * 20_000 + "</row>",  # positions left to the reader
        '<row r="1"><c s="0" r="A1"><v>1</v></c></row>',  # position not where it is counted
        '<row r="1"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'r="XFD1"><x:v>1</x:v></x:c></row>',  # a namespace prefix hides the cells
    ],
)
def test_cells_the_check_cannot_place_are_refused(body):
    assert "cannot check safely" in refusal(rezip(xlsx([]), {SHEET: sheet_xml(body)}))


def test_ods_and_xlsb_are_asked_to_be_saved_as_xlsx():
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    ods.seek(0)
    assert "Only .xlsx" in refusal(ods)


def test_a_plain_zip_archive_is_not_a_workbook():
    archive_bytes = io.BytesIO()
    with zipfile.ZipFile(archive_bytes, "w") as archive:
        archive.writestr("readme.txt", "hello")
    archive_bytes.seek(0)
    assert "not an Excel workbook" in refusal(archive_bytes)


def test_encrypted_parts():
    data = bytearray(xlsx([]).getvalue())
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, central + 8, struct.unpack_from("<H", data, central + 8)[0] | 1)
    assert "encrypted" in refusal(io.BytesIO(bytes(data)))


def test_too_many_parts():
    extra = {f"xl/media/{n}.bin": b"x" for n in range(20)}
    assert "unpacks to more than" in refusal(rezip(xlsx([]), {}, add=extra), max_parts=10)


def test_an_entity_expansion_bomb_is_refused_at_once():
    """“Billion laughs”: python-calamine does not expand DTD entities, it reports an error."""
    from compliance.excel.reader import read_workbook
    from tests.compliance.excel.helpers import ENTERPRISES

    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    xml = sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&l9;</t></is></c></row>'
    ).replace(b"<worksheet", f"<!DOCTYPE worksheet [{entities}]><worksheet".encode(), 1)
    with pytest.raises(WorkbookRefused, match="cannot be read"):
        read_workbook(rezip(xlsx([]), {SHEET: xml}), spec=ENTERPRISES)


def test_a_picture_whose_bytes_look_like_cells_is_not_counted():
    picture = b"\x89PNG\r\n\x1a\n" + b'<c s="1">' * 1000
    check_workbook(rezip(xlsx([enterprise_row()]), {}, add={"xl/media/image1.png": picture}))


def test_utf16_sheet_xml_is_refused():
    body = sheet_xml('<row r="1"><c r="XFD1"><v>1</v></c></row>').decode()
    utf16 = body.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert "cannot check safely" in refusal(rezip(xlsx([]), {SHEET: utf16}))
