"""The 2C profile: Word read back with python-docx, PDF text read back with pypdf; both carry
every item, the tables and the person's data with dates at their precision."""

from __future__ import annotations

import re

import pytest
from docx import Document
from pypdf import PdfReader

from canbo.exports.selectors import ExportError
from canbo.exports.services import export_profile

ITEM = re.compile(r"^(\d+)\) ")


@pytest.fixture
def docx_doc(people, tmp_path):
    path = tmp_path / "2c.docx"
    export_profile(user=None, pk=people["full"].pk, fmt="docx", path=path)
    return Document(path)


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
                for inner in cell.tables:
                    parts.extend(c.text for r in inner.rows for c in r.cells)
    return "\n".join(parts)


def test_docx_has_the_header_and_every_numbered_item(docx_doc):
    text = all_text(docx_doc)
    for heading in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC", "Mẫu 2C", "Ảnh màu"):  # fmt: skip
        assert heading in text
    numbers = [int(m[1]) for p in docx_doc.paragraphs if (m := ITEM.match(p.text))]
    assert numbers == list(range(1, 39))
    assert "Người khai" in text and "(Ký tên, đóng dấu)" in text
    assert docx_doc.styles["Normal"].font.name == "Times New Roman"


def test_docx_items_carry_the_persons_data(docx_doc, people):
    lines = {int(m[1]): p.text for p in docx_doc.paragraphs if (m := ITEM.match(p.text))}
    assert "NGUYỄN THỊ HỒNG NHUNG" in lines[1] and "Giới tính: Nữ" in lines[1]
    assert lines[2].endswith("Nhung")
    assert lines[3] == "3) Sinh ngày: 03/1975"  # month and year, never a made-up day
    assert people["hometown"].full_name() in lines[5]
    assert "Tày" in lines[6]
    assert people["full"].citizen_id in lines[8] and "0912345678" in lines[8]
    assert "03/03/2005" in lines[15] and "03/03/2006" in lines[15]
    assert "Đại học, Luật kinh tế" in lines[20]
    assert "Chủ tịch Ủy ban nhân dân, Ủy ban nhân dân xã An Bình" in lines[23]
    assert "01/06/2021" in lines[23]
    assert "Bí thư Đảng ủy, Đảng ủy xã An Bình" in lines[27]  # a concurrent party post
    assert "Chuyên viên chính" in lines[30] and "01.002" in lines[30] and "5.42" in lines[30]
    assert "158 cm" in lines[31] and "52 kg" in lines[31]


def table_after(document, heading_number: int, skip: int = 0):
    """The table that follows the heading "N) …" (python-docx keeps body order in element)."""
    body = list(document.element.body.iterchildren())
    for i, el in enumerate(body):
        if el.tag.endswith("}p") and "".join(el.itertext()).startswith(f"{heading_number}) "):
            tables = [e for e in body[i + 1 :] if e.tag.endswith("}tbl")]
            target = tables[skip]
            return next(t for t in document.tables if t._tbl is target)
    raise AssertionError(heading_number)


def rows_of(table) -> list[list[str]]:
    out = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1][1]:
                cells.append((cell.text, cell._tc))
        out.append([t for t, _tc in cells])
    return out


def test_docx_tables_training_work_awards_discipline_family_salary(docx_doc):
    training = rows_of(table_after(docx_doc, 32))
    assert training[0] == [
        "Từ tháng, năm – đến tháng, năm", "Tên cơ sở đào tạo", "Chuyên ngành đào tạo, bồi dưỡng",
        "Hình thức đào tạo", "Văn bằng, chứng chỉ, trình độ",
    ]  # fmt: skip
    assert training[1] == ["32.1. Chuyên môn (từ trung cấp trở lên)"]
    assert training[2] == [
        "09/2005 – 06/2009", "Trường Đại học Luật Hà Nội", "Luật kinh tế",
        "Tại chức, vừa làm vừa học", "Cử nhân",
    ]  # fmt: skip
    assert training[3] == ["32.2. Lý luận chính trị"]
    assert training[4][1] == "Học viện Chính trị khu vực I"
    work = rows_of(table_after(docx_doc, 33))
    assert work[1:] == [
        ["09/1998 – 01/2020", "Giáo viên Trường Tiểu học An Bình"],
        ["2020 – nay", "Chủ tịch UBND xã An Bình"],  # a year-precision start stays a year
    ]
    awards = rows_of(table_after(docx_doc, 35))
    assert awards[1] == ["35.1. Khen thưởng"]
    assert awards[2][:3] == ["2022", "Bằng khen của Chủ tịch UBND tỉnh", "UBND tỉnh"]
    discipline = rows_of(table_after(docx_doc, 35, skip=1))
    assert discipline[2] == ["02/04/2019", "", "Khiển trách (Đảng)", "Chậm nộp báo cáo", "Đảng ủy xã An Bình"]  # fmt: skip
    family = rows_of(table_after(docx_doc, 36))
    assert family[1][0].startswith("36.1. Về bản thân")
    assert family[2] == ["Cha", "Nguyễn Văn Bình", "1950", "Nông dân, thôn Đông"]
    assert family[3][0].startswith("36.2. Về bên vợ (hoặc chồng)")
    assert family[4][:2] == ["Mẹ chồng", "Trần Thị Lụa"]
    salary = rows_of(table_after(docx_doc, 37))
    assert salary[1] == ["07/2020", "01.002", "3", "5.08"]
    text = all_text(docx_doc)
    assert "Không bị bắt, không bị tù." in text  # 34
    assert "Hoàn thành tốt nhiệm vụ." in text  # 38


def test_docx_of_a_person_with_empty_sections(people, tmp_path):
    path = tmp_path / "empty.docx"
    export_profile(user=None, pk=people["clerk"].pk, fmt="docx", path=path)
    document = Document(path)
    assert rows_of(table_after(document, 33))[1] == ["Chưa có."]
    assert "35.1. Khen thưởng: không." in all_text(document)


def test_pdf_text_is_vietnamese_and_fonts_are_embedded(people, tmp_path):
    path = tmp_path / "2c.pdf"
    export_profile(user=None, pk=people["full"].pk, fmt="pdf", path=path)
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC",
                     "NGUYỄN THỊ HỒNG NHUNG", "Sinh ngày: 03/1975", "Trường Đại học Luật Hà Nội",
                     "Quan hệ gia đình", "Nguyễn Văn Bình", "Hoàn thành tốt nhiệm vụ."):  # fmt: skip
        assert expected in " ".join(text.split()), expected
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts and all(("Liberation" in f or "DejaVu" in f) for f in fonts), fonts


def test_missing_person_is_an_error(db, tmp_path):
    with pytest.raises(ExportError, match="Không có cán bộ mã số 999999"):
        export_profile(user=None, pk=999999, fmt="pdf", path=tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []
