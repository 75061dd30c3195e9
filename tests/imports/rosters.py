"""Roster files with the quirks of real ones, written by the tests themselves (openpyxl, xlwt)."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

# (upper header, lower header or None): a column merged down both rows when lower is None
STANDARD = [
    ("STT", None), ("Họ và tên", None), ("Ngày, tháng, năm sinh", "Nam"), ("", "Nữ"),
    ("Số CCCD", None), ("Dân tộc", None), ("Chức vụ, đơn vị công tác", None),
    ("Trình độ", "Chuyên môn"), ("", "Lý luận chính trị"), ("", "Quản lý nhà nước"),
    ("Đảng viên", "Ngày vào Đảng"), ("Ghi chú", None),
]  # fmt: skip


def person_cells(p: dict) -> list:
    """One data row of the STANDARD layout from a dict of values as the file writes them."""
    birth = p.get("birth", "")
    male = p.get("gender", "male") == "male"
    return [
        p.get("seq", ""), p["name"], birth if male else "", "" if male else birth,
        p.get("cid", ""), p.get("ethnicity", "Kinh"), p.get("position", ""),
        p.get("qualification", ""), p.get("theory", ""), p.get("state", ""),
        p.get("party", ""), p.get("remarks", ""),
    ]  # fmt: skip


def write_xlsx(
    path: Path,
    items: list,
    *,
    columns=STANDARD,
    titles=("ĐẢNG BỘ TỈNH THỬ NGHIỆM", "DANH SÁCH TRÍCH NGANG CÁN BỘ", "Tính đến ngày 31/12/2025"),
    numbering: bool = True,
    footer: bool = True,
    sheet: str = "Danh sách",
    extra_sheets: tuple[str, ...] = (),
) -> Path:
    """items: ("group", text) | ("unit", text) | ("person", dict) | ("row", [cells])."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for name in extra_sheets:
        book.create_sheet(name).append(["Trang khác", "không phải danh sách"])
    width = len(columns)
    r = 1
    for title in titles:
        ws.cell(r, 1, title)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    r += 1  # an empty row before the table
    two_rows = any(lower for _u, lower in columns)
    top = r
    for c, (upper, lower) in enumerate(columns, start=1):
        if upper:
            ws.cell(top, c, upper)
        if two_rows:
            if lower:
                ws.cell(top + 1, c, lower)
            else:
                ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    # merge each upper cell over its sub-columns
    if two_rows:
        c = 1
        while c <= width:
            upper, lower = columns[c - 1]
            if upper and lower:
                end = c
                while end < width and not columns[end][0] and columns[end][1]:
                    end += 1
                if end > c:
                    ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=end)
                c = end + 1
            else:
                c += 1
    r = top + (2 if two_rows else 1)
    if numbering:
        for c in range(1, width + 1):
            ws.cell(r, c, f"({c})")
        r += 1
    for item in items:
        kind, value = item
        if kind in ("group", "unit"):
            ws.cell(r, 1, value)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        elif kind == "person":
            for c, v in enumerate(person_cells(value), start=1):
                if v != "":
                    ws.cell(r, c, v)
        else:
            for c, v in enumerate(value, start=1):
                if v != "":
                    ws.cell(r, c, v)
        r += 1
    if footer:
        ws.cell(r, 2, f"Tổng cộng: {sum(1 for k, _v in items if k == 'person')} người")
        ws.cell(r + 2, 2, "NGƯỜI LẬP BIỂU")
        ws.cell(r + 2, 8, "T/M BAN THƯỜNG VỤ")
        ws.cell(r + 3, 8, "PHÓ BÍ THƯ")
        ws.cell(r + 6, 2, "Trần Thị Thu")
        ws.cell(r + 6, 8, "Lê Văn Minh")
    book.save(path)
    return path


def write_xls(path: Path, rows: list[list]) -> Path:
    """A real Excel 97–2003 (.xls, BIFF8) file, written by xlwt."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("DS")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, date):
                ws.write(r, c, v, date_style)
            elif v != "":
                ws.write(r, c, v)
    book.save(str(path))
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8-sig", sep: str = ",") -> Path:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep)
    for row in rows:
        writer.writerow(row)
    text = buf.getvalue()
    path.write_bytes(encode_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: precomposed letters where the code page
    has them (ê, ơ, ư, đ …), the tone mark as a separate combining character (ễ → ê + U+0303)."""
    import unicodedata

    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tone = next(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def run_import(*args) -> tuple[int, str]:
    """(exit status, output) of `canbo import people …`."""
    out = StringIO()
    try:
        call_command("import", "people", *map(str, args), stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()
