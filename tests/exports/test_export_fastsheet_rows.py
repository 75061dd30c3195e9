"""The fast row writer's shortcuts (canbo/exports/fastsheet.py): shared-string cells cached per
column yet counted like XlsxWriter counts them, data rows handed to the file in batches yet in
row order, row heights remembered across rows, the workbook's deflate level."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import xlsxwriter

from canbo.exports.fastsheet import _COMPRESSLEVEL, FastRowsWorksheet, FastWorkbook
from canbo.exports.roster import _capacity, row_height

OPTIONS = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}


def _sheet(path, workbook_class=xlsxwriter.Workbook):
    workbook = workbook_class(str(path), OPTIONS)
    sheet = workbook.add_worksheet(worksheet_class=FastRowsWorksheet)
    fmt = workbook.add_format({"border": 1})
    return workbook, sheet, fmt


def test_shared_strings_are_counted_once_per_cell(tmp_path):
    path = tmp_path / "s.xlsx"
    workbook, sheet, fmt = _sheet(path)
    sheet.prepare_data_columns([fmt, fmt, fmt], [True, True, False])
    kinds = ["Kinh", "Tày", "Kinh & Mường"]
    expected = []
    for row in range(300):
        values = [kinds[row % 3], kinds[(row + 1) % 3] if row % 5 else "", f"Người {row}"]
        sheet.write_data_row(row, values)
        expected.append(values)
    workbook.close()
    with zipfile.ZipFile(path) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
        cells = z.read("xl/worksheets/sheet1.xml").decode()
    references = sum(1 for values in expected for v in values[:2] if v)
    assert cells.count('t="s"') == references
    count, unique = re.search(r'count="(\d+)" uniqueCount="(\d+)"', strings).groups()
    assert (int(count), int(unique)) == (references, 3)
    ws = openpyxl.load_workbook(path).active
    assert [[c.value or "" for c in row] for row in ws.iter_rows()] == expected


def test_batched_data_rows_keep_their_place_among_xlsxwriter_rows(tmp_path):
    path = tmp_path / "o.xlsx"
    workbook, sheet, fmt = _sheet(path)
    sheet.write_string(0, 0, "đầu", fmt)
    sheet.prepare_data_columns([fmt, fmt])
    for row in range(1, 150):  # more than one batch
        sheet.write_data_row(row, [row, f"dòng {row}"])
    sheet.merge_range(150, 0, 150, 1, "giữa", fmt)
    for row in range(151, 200):  # the sheet ends with data rows still kept back
        sheet.write_data_row(row, [row, f"dòng {row}"])
    workbook.close()
    ws = openpyxl.load_workbook(path).active
    assert ws.max_row == 200
    assert ws["A1"].value == "đầu" and ws["A151"].value == "giữa"
    for row in [*range(2, 151), *range(152, 201)]:
        assert (ws.cell(row, 1).value, ws.cell(row, 2).value) == (row - 1, f"dòng {row - 1}")


def test_row_height_remembered_is_the_row_height_computed():
    capacities = [(0, _capacity(22)), (1, _capacity(9))]
    cache: dict = {}
    rows = [
        ("Nguyễn Văn A", "Kinh"),
        ("Phó Chủ tịch Ủy ban nhân dân xã kiêm Trưởng Công an xã", "Trung cấp lý luận"),
        ("Phó Chủ tịch Ủy ban nhân dân xã kiêm Trưởng Công an xã", "Cao cấp"),
        ("Tôn Nữ Thị Hoàng Lan Phương Thảo Nguyên Anh Minh", ""),
    ]
    for values in rows * 2:
        assert row_height(values, capacities, cache) == row_height(values, capacities)
    assert cache  # the long texts were remembered


def test_fast_workbook_deflates_at_its_level_and_others_keep_the_default(tmp_path, monkeypatch):
    levels = []
    original = zipfile.ZipFile.__init__

    def spy(self, *args, **kwargs):
        levels.append(kwargs.get("compresslevel"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", spy)
    for cls in (FastWorkbook, xlsxwriter.Workbook):
        workbook, sheet, fmt = _sheet(tmp_path / f"{cls.__name__}.xlsx", cls)
        sheet.write_string(0, 0, "x", fmt)
        workbook.close()
    assert levels == [FastWorkbook.compresslevel, None]
    assert _COMPRESSLEVEL.get() is None
    assert openpyxl.load_workbook(tmp_path / "FastWorkbook.xlsx").active["A1"].value == "x"
