"""Read a roster file into plain rows: .xlsx/.xlsm/.xls/.ods with python-calamine, .csv in UTF-8
(with or without BOM) or Windows-1258.

A sheet is a list of rows, each a list of cell values as the reader gives them: str, int, float,
bool, datetime.date / datetime.datetime for real Excel dates, "" for an empty cell. Row i of the
list is row i + 1 of the sheet, so the report can name the row the user sees in Excel.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
SUFFIXES = EXCEL_SUFFIXES | CSV_SUFFIXES


class ReadError(Exception):
    """The file cannot be read as a roster (a Vietnamese message for the user)."""


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (r0, c0, r1, c1)
    encoding: str = ""


def suffix_of(name: str) -> str:
    return Path(name).suffix.lower()


def check_suffix(name: str) -> None:
    if suffix_of(name) not in SUFFIXES:
        raise ReadError(
            _("Không đọc được tệp “%(name)s”: chỉ nhận tệp .xlsx, .xls hoặc .csv.") % {"name": name}
        )


def sheet_names(path: str | Path, name: str | None = None) -> list[str]:
    """The sheets of a workbook (a CSV file has one, named after the file)."""
    name = name or str(path)
    check_suffix(name)
    if suffix_of(name) in CSV_SUFFIXES:
        return [Path(name).stem]
    return list(_workbook(path, name).sheet_names)


def _workbook(path, name):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for every broken file
        raise ReadError(
            _("Không đọc được tệp “%(name)s”: tệp hỏng hoặc không phải bảng tính (%(err)s).")
            % {"name": Path(name).name, "err": exc}
        ) from exc


def read_sheet(path: str | Path, sheet: str | None = None, name: str | None = None) -> Sheet:
    """Read one sheet (the first when `sheet` is not given). `name` is the original file name
    when `path` is a temporary copy (its suffix says the format)."""
    name = name or str(path)
    check_suffix(name)
    if suffix_of(name) in CSV_SUFFIXES:
        return read_csv(Path(path).read_bytes(), Path(name).stem)
    book = _workbook(path, name)
    names = list(book.sheet_names)
    if not names:
        raise ReadError(_("Tệp không có trang tính nào."))
    if sheet is None:
        sheet = names[0]
    elif sheet not in names:
        raise ReadError(
            _("Không có trang tính “%(sheet)s”. Các trang tính trong tệp: %(names)s.")
            % {"sheet": sheet, "names": ", ".join(names)}
        )
    data = book.get_sheet_by_name(sheet)
    rows = data.to_python(skip_empty_area=False)
    merged = []
    try:
        for (r0, c0), (r1, c1) in data.merged_cell_ranges or []:
            merged.append((r0, c0, r1, c1))
    except (TypeError, ValueError):  # older calamine, or a format without merge information
        merged = []
    return Sheet(name=sheet, rows=rows, merged=merged)


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with BOM, UTF-8, else Windows-1258 (Vietnamese Windows)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as exc:
        raise ReadError(
            _("Không nhận ra bảng mã của tệp CSV: hãy lưu lại dưới dạng CSV UTF-8.")
        ) from exc


def read_csv(raw: bytes, name: str) -> Sheet:
    text, encoding = decode(raw)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    return Sheet(name=name, rows=rows, encoding=encoding)
