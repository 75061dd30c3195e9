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
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

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
        string_index = self.str_table._get_shared_string_index
        for (ref, text_open, value_open, blank, shared_open), value in zip(
            self._fast_columns, values, strict=True
        ):
            kind = type(value)
            if kind is str and value:
                if shared_open is not None:
                    append(f"{ref}{number}{shared_open}{string_index(value)}</v></c>")
                    continue
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
        append("</row>")
        self.fh.write("".join(parts))
        # keep the sheet's dimensions (<dimension ref>, print area) right
        self._check_dimensions(row, len(self._fast_columns) - 1)
