"""The roster .xlsx: title block, two-row merged header, column numbers, unit rows, values with
their precision, print setup — read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canbo.exports.roster import RosterMeta, write_roster_xlsx
from canbo.exports.selectors import roster_rows
from canbo.exports.services import export_people
from canbo.people.models import Person
from tests.factories import PersonFactory

AS_OF = "2025-12-31"


@pytest.fixture
def sheet(people, province, tmp_path):
    path = tmp_path / "ds.xlsx"
    result = export_people(user=None, params={"unit": "p99", "as_of": AS_OF}, fmt="xlsx", path=path)
    assert result.count == 4  # the retired person is not in the default (active) list
    return openpyxl.load_workbook(path).active


def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def row_values(ws, row: int) -> list:
    return [ws.cell(row, c).value for c in range(1, 20)]


def find_row(ws, name: str) -> int:
    for row in range(10, ws.max_row + 1):
        if ws.cell(row, 2).value == name:
            return row
    raise AssertionError(f"{name} not in the sheet")


def test_title_block_names_the_units_and_the_date(sheet):
    assert sheet["A1"].value == "TỈNH THỬ NGHIỆM"
    assert sheet["J1"].value == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert sheet["J2"].value.startswith("ngày ")
    assert sheet["A4"].value == "DANH SÁCH TRÍCH NGANG CÁN BỘ"
    assert sheet["A5"].value == "Tính đến ngày 31/12/2025"
    assert {"A1:I1", "J1:S1", "A4:S4", "A5:S5"} <= merged(sheet)


def test_subunit_list_names_the_top_unit_and_the_unit(people, tmp_path):
    path = tmp_path / "x.xlsx"
    export_people(user=None, params={"unit": "p99-an-binh", "gender": "female"}, fmt="xlsx", path=path)  # fmt: skip
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "TỈNH THỬ NGHIỆM"
    assert ws["A2"].value == "XÃ AN BÌNH"
    assert ws["A6"].value == "Điều kiện lọc: Giới tính: Nữ"
    assert ws["A10"].value == "Ủy ban nhân dân xã An Bình (p99-an-binh-ubnd)"
    assert [ws["B11"].value, ws["B12"].value] == ["Nguyễn Thị Hồng Nhung", None]


def test_two_header_rows_with_merged_groups_and_column_numbers(sheet):
    top = row_values(sheet, 7)
    low = row_values(sheet, 8)
    assert top[:2] == ["STT", "Họ và tên"]
    assert top[2] == "Ngày sinh" and low[2:4] == ["Nam", "Nữ"]
    assert top[9] == "Đảng viên" and low[9:11] == ["Ngày vào Đảng", "Ngày chính thức"]
    assert top[11] == "Trình độ"
    assert low[11:16] == ["Chuyên môn", "Lý luận chính trị", "Quản lý nhà nước", "Ngoại ngữ", "Tin học"]  # fmt: skip
    assert top[16] == "Ngạch, bậc" and low[16:19] == ["Ngạch", "Bậc", "Hệ số"]
    # single columns span both header rows; groups span their sub-columns
    assert {"A7:A8", "B7:B8", "E7:E8", "H7:H8", "I7:I8", "C7:D7", "J7:K7", "L7:P7", "Q7:S7"} <= merged(sheet)  # fmt: skip
    assert row_values(sheet, 9) == [f"({i})" for i in range(1, 20)]
    assert all(sheet.cell(7, c).font.b for c in range(1, 20) if sheet.cell(7, c).value)


def test_unit_rows_set_the_unit_of_the_people_below(sheet):
    units = [
        (row, sheet.cell(row, 1).value)
        for row in range(10, sheet.max_row + 1)
        if f"A{row}:S{row}" in merged(sheet)
    ]
    labels = [label for _row, label in units]
    # tree order; the two communes' people's committees share a name, so the code is added
    assert labels == [
        "Ủy ban nhân dân xã An Bình (p99-an-binh-ubnd)",
        "Đảng ủy xã An Bình",
        "Ủy ban nhân dân xã An Bình (p99-cu-ubnd)",
    ]
    first_unit_row = units[0][0]
    assert sheet.cell(first_unit_row, 1).font.b
    assert [sheet.cell(r, 2).value for r in range(first_unit_row + 1, units[1][0])] == [
        "Lê Văn Ánh", "Nguyễn Thị Hồng Nhung",
    ]  # fmt: skip


def test_values_keep_the_precision_and_the_gender_column(sheet, people):
    full = row_values(sheet, find_row(sheet, "Nguyễn Thị Hồng Nhung"))
    assert full[2] is None and full[3] == "03/1975"  # a woman born in 03/1975: text, Nữ column
    assert full[4] == people["full"].citizen_id
    assert full[5:7] == ["Tày", "Không"]
    assert full[7] == people["hometown"].full_name()
    assert full[8] == "Chủ tịch Ủy ban nhân dân; Bí thư Đảng ủy"  # main post first
    assert full[9] == datetime(2005, 3, 3) and full[10] == datetime(2006, 3, 3)
    assert full[11:17] == [
        "Đại học, Luật kinh tế", "Trung cấp", "Chuyên viên chính", "Tiếng Anh B1",
        "Ứng dụng công nghệ thông tin cơ bản", "Chuyên viên chính",
    ]  # fmt: skip
    assert full[17] == 4 and full[18] == pytest.approx(5.42)
    clerk = row_values(sheet, find_row(sheet, "Lê Văn Ánh"))
    assert clerk[2] == "1990" and clerk[3] is None  # year only
    assert clerk[9] is None and clerk[10] is None  # not a party member
    man_row = find_row(sheet, "Trần Văn Bảo")
    assert sheet.cell(man_row, 3).value == datetime(1968, 12, 24)  # a real date, to the day
    assert sheet.cell(man_row, 3).number_format == "dd/mm/yyyy"
    assert [sheet.cell(r, 1).value for r in range(10, sheet.max_row + 1) if isinstance(sheet.cell(r, 1).value, int)] == [1, 2, 3, 4]  # fmt: skip


def test_cells_have_borders_fonts_and_room_for_wrapped_text(sheet):
    row = find_row(sheet, "Nguyễn Thị Hồng Nhung")
    for col in range(1, 20):
        cell = sheet.cell(row, col)
        assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin", col
        assert cell.font.name == "Times New Roman"
    # "Ứng dụng công nghệ thông tin cơ bản" wraps in its narrow column: the row is taller
    assert sheet.row_dimensions[row].height >= 30
    assert sheet.cell(row, 16).alignment.wrap_text


def test_print_setup_a4_landscape_fit_to_width_repeated_header(sheet):
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(setup.fitToWidth or 1) == 1  # 1 is the default, left out of the file
    assert int(setup.fitToHeight) == 0
    assert sheet.print_title_rows == "$7:$9"
    assert sheet.freeze_panes == "C10"
    assert "&P" in sheet.oddFooter.center.text


def test_total_and_signature_below_the_table(sheet):
    texts = [sheet.cell(r, c).value for r in range(sheet.max_row - 4, sheet.max_row + 1) for c in (1, 10)]  # fmt: skip
    assert "Tổng số: 4 người" in texts
    assert "NGƯỜI LẬP DANH SÁCH" in texts


def test_fast_rows_read_back_like_xlsxwriters_own_calls(people, tmp_path):
    rows = list(roster_rows(Person.objects.all(), on=date(2025, 12, 31)))
    meta = RosterMeta(as_of=date(2025, 12, 31), organization=["Tỉnh Thử Nghiệm"], made_on=date(2026, 1, 5))  # fmt: skip
    write_roster_xlsx(str(tmp_path / "fast.xlsx"), rows, meta, fast=True)
    write_roster_xlsx(str(tmp_path / "slow.xlsx"), rows, meta, fast=False)
    fast = openpyxl.load_workbook(tmp_path / "fast.xlsx").active
    slow = openpyxl.load_workbook(tmp_path / "slow.xlsx").active
    assert (fast.max_row, fast.max_column) == (slow.max_row, slow.max_column)
    assert merged(fast) == merged(slow)
    for row in range(1, slow.max_row + 1):
        assert fast.row_dimensions[row].height == slow.row_dimensions[row].height, row
        for col in range(1, slow.max_column + 1):
            a, b = fast.cell(row, col), slow.cell(row, col)
            assert (a.value, a.number_format, a.font.b, a.border.left.style, a.alignment.horizontal) == (
                b.value, b.number_format, b.font.b, b.border.left.style, b.alignment.horizontal,
            ), (row, col)  # fmt: skip


def test_markup_is_escaped_and_control_characters_kept_out_of_the_xml(province, tmp_path):
    PersonFactory(
        full_name="Đỗ Văn Én", unit=province["ubnd"], foreign_language="Anh <B1> & Pháp",
        it_skill="Tin học\x07 B",
    )  # fmt: skip
    path = tmp_path / "e.xlsx"
    export_people(user=None, params={}, fmt="xlsx", path=path)
    ws = openpyxl.load_workbook(path).active  # an invalid XML character would fail here
    row = find_row(ws, "Đỗ Văn Én")
    assert ws.cell(row, 15).value == "Anh <B1> & Pháp"
    assert ws.cell(row, 16).value == "Tin học_x0007_ B"  # Excel's escape for the character


def test_queries_do_not_grow_with_the_number_of_people(province, tmp_path):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            export_people(user=None, params={}, fmt="xlsx", path=tmp_path / "q.xlsx")
        return len(ctx.captured_queries)

    PersonFactory.create_batch(3, unit=province["ubnd"])
    few = count_queries()
    PersonFactory.create_batch(30, unit=province["party"])
    assert count_queries() == few


def test_bad_filter_writes_nothing(people, tmp_path):
    from canbo.exports.selectors import ExportError

    path = tmp_path / "bad.xlsx"
    with pytest.raises(ExportError, match="Không có đơn vị mã “khong-co”"):
        export_people(user=None, params={"unit": "khong-co"}, fmt="xlsx", path=path)
    with pytest.raises(ExportError, match="Bộ lọc không hợp lệ"):
        export_people(user=None, params={"gender": "x"}, fmt="xlsx", path=path)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_no_file(people, tmp_path, monkeypatch):
    import canbo.exports.services as services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "write_roster_xlsx", broken)
    with pytest.raises(RuntimeError):
        export_people(user=None, params={}, fmt="xlsx", path=tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=30),
        min_size=1, max_size=4,
    ),
    number=st.one_of(st.none(), st.integers(-10**9, 10**9), st.decimals(places=2, min_value=-999, max_value=999)),
    day=st.one_of(st.none(), st.dates(min_value=date(1900, 3, 1), max_value=date(2200, 12, 31))),
)  # fmt: skip
def test_any_value_reads_back_as_xlsxwriter_writes_it(tmp_path, texts, number, day):
    """The fast row writer against XlsxWriter's own calls, on any text (markup, control
    characters, spaces at the ends, any script), number and date (from 1 March 1900, where
    Excel's serial numbers are right; earlier dates are written as text dd/mm/yyyy)."""
    import xlsxwriter

    from canbo.exports.fastsheet import FastRowsWorksheet

    values = [*texts, number, day]
    shared = [i % 2 == 1 for i in range(len(values))]
    readback = []
    for fast in (True, False):
        path = tmp_path / f"{fast}.xlsx"
        workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})  # fmt: skip
        sheet = workbook.add_worksheet(worksheet_class=FastRowsWorksheet)
        formats = [workbook.add_format({"border": 1, "num_format": "dd/mm/yyyy" if v is day else "General"}) for v in values]  # fmt: skip
        sheet.write_string(0, 0, "title")
        sheet.prepare_data_columns(formats, shared)
        if fast:
            sheet.write_data_row(1, values)
        else:
            from canbo.exports.roster import _write_row_slow

            _write_row_slow(sheet, 1, values, formats)
        workbook.close()
        ws = openpyxl.load_workbook(path).active
        readback.append([(c.value, c.number_format) for c in ws[2]])
    assert readback[0] == readback[1]
