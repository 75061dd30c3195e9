"""The errors file: the original sheet with one more column that says what to fix on each row,
ready to correct and import again."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.utils.translation import gettext as _

from .reading import suffix_of


def _messages(problems) -> tuple[dict[int, list[str]], list[str]]:
    by_row: dict[int, list[str]] = defaultdict(list)
    general: list[str] = []
    for p in problems:
        level = _("Lỗi") if p.level == "error" else _("Cảnh báo")
        text = f"{level}: " + (f"{p.column}: " if p.column else "") + p.message
        if p.row:
            by_row[p.row].append(text)
        else:
            general.append(text)
    return by_row, general


def write_errors_file(out: str | Path, *, source: str | Path, name: str, prepared) -> None:
    """Write `out` (.xlsx). For an .xlsx source the workbook is kept as it is (formats, merged
    cells, other sheets) and the column is added to the imported sheet; .xls and .csv sources
    are copied cell by cell into a new workbook."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.styles import Font, PatternFill

    by_row, general = _messages(prepared.all_problems)
    sheet = prepared.sheet
    header_row = prepared.layout.header_rows[0] + 1 if prepared.layout else 1
    if suffix_of(name) in (".xlsx", ".xlsm"):
        book = load_workbook(source)
        ws = (
            book[sheet.name] if sheet is not None and sheet.name in book.sheetnames else book.active
        )
    else:
        book = Workbook()
        ws = book.active
        ws.title = (sheet.name if sheet else "Sheet1")[:31]
        for row in sheet.rows if sheet else []:
            ws.append([None if v == "" else v for v in row])
    width = max(ws.max_column, max((len(r) for r in sheet.rows), default=0) if sheet else 0)
    column = width + 1
    red = PatternFill("solid", fgColor="FFC7CE")
    head = ws.cell(row=header_row, column=column, value=_("Lỗi cần sửa"))
    head.font = Font(bold=True, color="9C0006")
    if general:
        head.value = _("Lỗi cần sửa") + " — " + "; ".join(general)
    for row, texts in by_row.items():
        cell = ws.cell(row=row, column=column, value="; ".join(texts))
        cell.fill = red
    ws.column_dimensions[head.column_letter].width = 60
    book.save(out)
