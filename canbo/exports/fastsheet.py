"""An xlsxwriter worksheet that also takes whole data rows, for long lists.

XlsxWriter in `constant_memory` mode writes each row to a temporary file as soon as the next row
starts, but it still spends about 5 µs of Python per cell (checks, a cell tuple, XML escaping in
several passes): 100,000 rows of 19 columns take 10 s. A roster's data rows are all alike — the
same columns with the same formats — so `FastRowsWorksheet.write_data_row` turns one row into its
`<row>` XML in a single pass and appends it where XlsxWriter would have put it. Everything else
(title block, merged headers, unit rows, print setup, the file itself) goes through XlsxWriter's
ordinary API on the same sheet, before and after, in row order.

`tests/exports/test_roster_xlsx.py` checks that a sheet written with `write_data_row` reads back
cell for cell (values and formats) like one written with XlsxWriter's own `write_*` calls.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter.workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet
from xlsxwriter.xmlwriter import XMLwriter

_EXCEL_EPOCH = date(1899, 12, 30)
_EPOCH_ORDINAL = _EXCEL_EPOCH.toordinal()
_FIRST_SAFE_DATE = date(1900, 3, 1)  # before it Excel's serials are off by one (1900 leap bug)
# what XlsxWriter writes as Excel's "_xHHHH_" escapes (and "_x" itself, escaped as "_x005F_x")
_NEEDS_EXCEL_ESCAPE = re.compile("_x|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_excel_escape = XMLwriter._escape_control_characters
# a text that may need any of the escapes below (most texts need none: one search tells)
_MAY_NEED_ESCAPE = re.compile(r"_x|[\x00-\x08\x0b-\x1f\ufffe\uffff&<>]|\A\s|\s\Z")


# The deflate level of the .xlsx's parts while a `FastWorkbook` is stored (None elsewhere:
# zlib's default, 6). The sheet's XML is most of the work of closing a long list: level 5 takes
# about half the time of level 6 for a file about 4 % larger (100,000 people: 0.7 s instead of
# 1.3 s, 11.1 MB instead of 10.7 MB); the cells are the same.
_COMPRESSLEVEL: ContextVar[int | None] = ContextVar("fastsheet_compresslevel", default=None)


class _ZipFile(zipfile.ZipFile):
    """XlsxWriter's ZipFile, with the deflate level of the workbook being stored."""

    def __init__(self, *args, **kwargs) -> None:
        if kwargs.get("compresslevel") is None:
            kwargs["compresslevel"] = _COMPRESSLEVEL.get()
        super().__init__(*args, **kwargs)


# XlsxWriter (pinned < 3.4) opens the .xlsx with the `ZipFile` of its workbook module; the
# subclass behaves as zipfile's own for every other workbook (level None).
xlsxwriter.workbook.ZipFile = _ZipFile


class FastWorkbook(xlsxwriter.workbook.Workbook):
    """A workbook stored with deflate level `compresslevel` (see `_COMPRESSLEVEL`)."""

    compresslevel = 5

    def _store_workbook(self) -> None:
        token = _COMPRESSLEVEL.set(self.compresslevel)
        try:
            super()._store_workbook()
        finally:
            _COMPRESSLEVEL.reset(token)


def excel_serial(value: date) -> int:
    """The Excel serial number of a date (1900 date system)."""
    return (value - _EXCEL_EPOCH).days


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FastRowsWorksheet(Worksheet):
    """A worksheet (use with `Workbook(..., {"constant_memory": True})`) with `write_data_row`."""

    def merge_written_cells(
        self, first_row: int, first_col: int, last_row: int, last_col: int
    ) -> None:
        """Record a merged range whose cells are already written with their text and format
        (constant_memory: `merge_range` can only merge within the current row, so a header
        cell merged down two rows is written row by row and merged afterwards)."""
        self.merge.append([first_row, first_col, last_row, last_col])

    def __init__(self) -> None:
        super().__init__()
        self._fast_pending: list[str] = []  # data rows not yet handed to the file

    def _flush_data_rows(self) -> None:
        """Hand the data rows kept back (written to the file 64 at a time) to the file."""
        if self._fast_pending:
            self.fh.write("".join(self._fast_pending))
            self._fast_pending.clear()

    def _write_single_row(self, current_row_num=0) -> None:
        # XlsxWriter writes to the file only here (a row's cells, when the next row starts)
        # and when it assembles the sheet: the data rows kept back go first
        self._flush_data_rows()
        super()._write_single_row(current_row_num)

    def _assemble_xml_file(self) -> None:
        self._flush_data_rows()
        super()._assemble_xml_file()

    def prepare_data_columns(
        self, formats: Sequence[Format], shared: Sequence[bool] | None = None
    ) -> None:
        """Set the format of each data column (index = column), once, before `write_data_row`.

        `shared[col]` true: the column's texts go to the workbook's shared string table (for
        columns with few distinct values — catalog names, titles — which makes the file smaller
        and faster to compress); other texts are written inline, as constant_memory does.
        """
        if not self.constant_memory:
            raise ValueError("FastRowsWorksheet needs a constant_memory workbook")
        shared = shared or [False] * len(formats)
        self._fast_columns = []
        for col, fmt in enumerate(formats):
            xf = fmt._get_xf_index() if fmt is not None else 0
            style = f' s="{xf}"' if xf else ""
            # the fixed parts of a cell's XML around its row number and value
            self._fast_columns.append(
                (
                    f'<c r="{xl_col_to_name(col)}',
                    f'"{style} t="inlineStr"><is><t>',
                    f'"{style}><v>',
                    f'"{style}/>' if xf else None,
                    f'"{style} t="s"><v>' if shared[col] else None,
                    {} if shared[col] else None,  # shared text -> the cell's XML after the row
                )
            )

    def write_data_row(self, row: int, values: Sequence, height: float | None = None) -> None:
        """Write one row of values (str, int, float, Decimal, date or None for an empty cell
        that keeps its column's format — borders) in the formats of `prepare_data_columns`;
        `height` in points, like `set_row` (None: the default height).

        Rows must come in increasing order, like every write in constant_memory mode.
        """
        # Hand XlsxWriter's pending row (a header or a unit row) to the file first; this also
        # makes `row` the current row, as any ordinary write would.
        if row <= self.previous_row and row != 0:
            raise ValueError(f"row {row} written after row {self.previous_row}")
        if self.table or self.previous_row in self.row_info:
            self._write_single_row(row)
        else:  # nothing pending: what _write_single_row would do, without its work
            self.previous_row = row
        number = str(row + 1)
        parts = [
            f'<row r="{number}" ht="{height:g}" customHeight="1">'
            if height
            else f'<row r="{number}">'
        ]
        append = parts.append
        repeats = 0  # references to shared strings already in the table (counted below)
        for (ref, text_open, value_open, blank, shared_open, shared_tails), value in zip(
            self._fast_columns, values, strict=True
        ):
            kind = type(value)
            if kind is str and value:
                if shared_open is not None:
                    tail = shared_tails.get(value)
                    if tail is None:  # first time in this column: look up (and count) it
                        index = self.str_table._get_shared_string_index(value)
                        tail = shared_tails[value] = f"{shared_open}{index}</v></c>"
                    else:
                        repeats += 1
                    append(f"{ref}{number}{tail}")
                    continue
                if _MAY_NEED_ESCAPE.search(value) is not None:
                    if _NEEDS_EXCEL_ESCAPE.search(value):
                        value = _excel_escape(value)
                    if value[0].isspace() or value[-1].isspace():
                        text_open = text_open[:-1] + ' xml:space="preserve">'
                    if "&" in value or "<" in value or ">" in value:
                        value = _escape(value)
                append(f"{ref}{number}{text_open}{value}</t></is></c>")
            elif value is None or kind is str:
                if blank is not None:
                    append(f"{ref}{number}{blank}")
            elif kind is date or kind is datetime:
                if kind is datetime:
                    value = value.date()
                if value < _FIRST_SAFE_DATE:
                    append(f"{ref}{number}{text_open}{value:%d/%m/%Y}</t></is></c>")
                else:
                    append(f"{ref}{number}{value_open}{value.toordinal() - _EPOCH_ORDINAL}</v></c>")
            elif kind is int or kind is float or kind is Decimal:
                append(f"{ref}{number}{value_open}{value}</v></c>")
            else:
                raise TypeError(f"cannot write {kind.__name__} in a data row")
        if repeats:  # the table counts every reference (sharedStrings.xml's count="…")
            self.str_table.count += repeats
        append("</row>")
        pending = self._fast_pending
        pending.append("".join(parts))
        if len(pending) >= 64:
            self._flush_data_rows()
        # keep the sheet's dimensions (<dimension ref>, print area) right
        self._check_dimensions(row, len(self._fast_columns) - 1)
