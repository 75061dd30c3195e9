"""The people roster ("danh sách trích ngang") written to .xlsx and .csv.

The .xlsx layout (what `canbo import people` reads back; `tests/exports/` checks it):

Title block (rows 1–6, 1-based; cells merged across the left / right half or the whole width)
    row 1  left: the top unit of the list, in capitals ("TỈNH PHÚ THỌ")
           right: "ĐẢNG CỘNG SẢN VIỆT NAM"
    row 2  left: the unit the list is for, in capitals, when it is not the top unit
           right: "ngày dd tháng mm năm yyyy" (the day the file was made)
    row 4  the title: "DANH SÁCH TRÍCH NGANG CÁN BỘ" (whole width)
    row 5  "Tính đến ngày dd/mm/yyyy" — the date the list speaks of (ages, posts held)
    row 6  the filters used, "Điều kiện lọc: …", or empty
Header (rows 7–8), a cell merged down both rows when it has no sub-columns:
    (1) STT | (2) Họ và tên | Ngày sinh › (3) Nam | (4) Nữ | (5) Số CCCD | (6) Dân tộc |
    (7) Tôn giáo | (8) Quê quán | (9) Chức vụ | Đảng viên › (10) Ngày vào Đảng |
    (11) Ngày chính thức | Trình độ › (12) Chuyên môn | (13) Lý luận chính trị |
    (14) Quản lý nhà nước | (15) Ngoại ngữ | (16) Tin học | Ngạch, bậc › (17) Ngạch |
    (18) Bậc | (19) Hệ số
Row 9: the column numbers "(1)" … "(19)".
From row 10: for each unit, a unit row — the unit's name merged across the whole width, bold
    (when another unit anywhere has the same name, the unit code follows in parentheses:
    "Ủy ban nhân dân xã Tân Lập (p25-ubnd-tan-lap-2)") — then its people, one per row.
    Units come in tree order (`Unit.path`), people by given name then full name.
After the last person: an empty row, "Tổng số: N người" (merged), then the signature block
    ("NGƯỜI LẬP DANH SÁCH", "(Ký, ghi rõ họ tên)") in the right half.

Cell values in the data rows:
    STT            1, 2, 3 … numbered through the whole list (numbers)
    Họ và tên      the name as recorded (NFC, single spaces)
    Ngày sinh      in the "Nam" or the "Nữ" column by gender, the other one empty; a real Excel
                   date (format dd/mm/yyyy) when known to the day, otherwise text "03/1975" or
                   "1975" — the precision is never made up
    Số CCCD        text (12 digits, leading zeros kept)
    Dân tộc, Tôn giáo, Lý luận chính trị, Quản lý nhà nước, Ngạch   catalog names ("Kinh",
                   "Không", "Trung cấp", "Chuyên viên chính", "Chuyên viên")
    Quê quán       the area's full name ("Xã Hưng Lộc, Tỉnh Nghệ An") or the text as written
    Chức vụ        the titles held on the "Tính đến" date, main post first, joined by "; "
    Ngày vào Đảng, Ngày chính thức   real Excel dates (dd/mm/yyyy), empty if not a member
    Chuyên môn     level name, then ", " and the field when known: "Đại học, Luật kinh tế"
    Ngoại ngữ, Tin học   text as recorded
    Bậc            number; Hệ số: number with two decimals
Fonts: Times New Roman. Print: A4 landscape, fit to one page wide, header rows 7–9 repeated on
every page, page numbers in the footer, panes frozen below the header.

The .csv (UTF-8 with BOM, comma-separated, one header row) has the same people in the same order
with these columns: STT, Họ và tên, Giới tính (Nam/Nữ), Ngày sinh (dd/mm/yyyy, mm/yyyy or yyyy),
Số CCCD, Dân tộc, Tôn giáo, Quê quán, Chức vụ, Đơn vị công tác, Mã đơn vị, Ngày vào Đảng,
Ngày chính thức (dd/mm/yyyy), Chuyên môn, Lý luận chính trị, Quản lý nhà nước, Ngoại ngữ,
Tin học, Ngạch, Bậc lương, Hệ số lương. A text starting with "=", "+", "@", tab or carriage
return gets a leading apostrophe, so that no spreadsheet program runs it as a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import IO

import xlsxwriter
from django.utils.translation import gettext as _

from .fastsheet import FastRowsWorksheet, FastWorkbook

FONT = "Times New Roman"
EXCEL_MAX_ROWS = 1_048_576


@dataclass(frozen=True, slots=True)
class RosterColumn:
    key: str
    label: str  # the header cell (the lower one when the column is in a group)
    group: str  # the upper header cell over the group, "" for a column on its own
    width: float
    kind: str  # text | center | date | number | decimal


def roster_columns() -> tuple[RosterColumn, ...]:
    """The .xlsx columns, in order (labels translated at call time)."""
    birth, party, levels, rank = _("Ngày sinh"), _("Đảng viên"), _("Trình độ"), _("Ngạch, bậc")
    return (
        RosterColumn("seq", _("STT"), "", 5, "number"),
        RosterColumn("full_name", _("Họ và tên"), "", 22, "text"),
        RosterColumn("birth_male", _("Nam"), birth, 10.5, "date"),
        RosterColumn("birth_female", _("Nữ"), birth, 10.5, "date"),
        RosterColumn("citizen_id", _("Số CCCD"), "", 13.5, "center"),
        RosterColumn("ethnicity", _("Dân tộc"), "", 7.5, "center"),
        RosterColumn("religion", _("Tôn giáo"), "", 8, "center"),
        RosterColumn("hometown", _("Quê quán"), "", 22, "text"),
        RosterColumn("posts", _("Chức vụ"), "", 24, "text"),
        RosterColumn("party_joined_on", _("Ngày vào Đảng"), party, 10.5, "date"),
        RosterColumn("party_official_on", _("Ngày chính thức"), party, 10.5, "date"),
        RosterColumn("qualification", _("Chuyên môn"), levels, 18, "text"),
        RosterColumn("political_theory", _("Lý luận chính trị"), levels, 9, "center"),
        RosterColumn("state_management", _("Quản lý nhà nước"), levels, 11, "center"),
        RosterColumn("foreign_language", _("Ngoại ngữ"), levels, 11, "center"),
        RosterColumn("it_skill", _("Tin học"), levels, 11, "center"),
        RosterColumn("civil_service_rank", _("Ngạch"), rank, 11, "center"),
        RosterColumn("salary_step", _("Bậc"), rank, 5, "number"),
        RosterColumn("salary_coefficient", _("Hệ số"), rank, 6, "decimal"),
    )


def csv_header() -> list[str]:
    return [
        _("STT"), _("Họ và tên"), _("Giới tính"), _("Ngày sinh"), _("Số CCCD"), _("Dân tộc"),
        _("Tôn giáo"), _("Quê quán"), _("Chức vụ"), _("Đơn vị công tác"), _("Mã đơn vị"),
        _("Ngày vào Đảng"), _("Ngày chính thức"), _("Chuyên môn"), _("Lý luận chính trị"),
        _("Quản lý nhà nước"), _("Ngoại ngữ"), _("Tin học"), _("Ngạch"), _("Bậc lương"),
        _("Hệ số lương"),
    ]  # fmt: skip


@dataclass(slots=True)
class UnitRow:
    """A unit row: the people below it, up to the next unit row, work in this unit."""

    unit_id: int
    name: str
    code: str
    label: str  # what the row shows: the name, with the code when the name is shared


@dataclass(slots=True)
class PersonRow:
    seq: int
    pk: int
    full_name: str
    is_female: bool
    birth: date | str  # a date when known to the day, else "03/1975" / "1975"
    citizen_id: str
    ethnicity: str
    religion: str
    hometown: str
    posts: str
    unit_name: str
    unit_code: str
    party_joined_on: date | None
    party_official_on: date | None
    qualification: str
    political_theory: str
    state_management: str
    foreign_language: str
    it_skill: str
    civil_service_rank: str
    salary_step: int | None
    salary_coefficient: Decimal | None

    def xlsx_values(self) -> tuple:
        """The values of the .xlsx columns (`roster_columns()` order)."""
        return (
            self.seq,
            self.full_name,
            None if self.is_female else self.birth,
            self.birth if self.is_female else None,
            self.citizen_id,
            self.ethnicity,
            self.religion,
            self.hometown,
            self.posts,
            self.party_joined_on,
            self.party_official_on,
            self.qualification,
            self.political_theory,
            self.state_management,
            self.foreign_language,
            self.it_skill,
            self.civil_service_rank,
            self.salary_step,
            self.salary_coefficient,
        )

    def csv_values(self, gender_labels: tuple[str, str]) -> list:
        return [
            self.seq,
            self.full_name,
            gender_labels[self.is_female],
            _date_text(self.birth),
            self.citizen_id,
            self.ethnicity,
            self.religion,
            self.hometown,
            self.posts,
            self.unit_name,
            self.unit_code,
            _date_text(self.party_joined_on),
            _date_text(self.party_official_on),
            self.qualification,
            self.political_theory,
            self.state_management,
            self.foreign_language,
            self.it_skill,
            self.civil_service_rank,
            "" if self.salary_step is None else self.salary_step,
            "" if self.salary_coefficient is None else self.salary_coefficient,
        ]


def _date_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value


@dataclass
class RosterMeta:
    """What the title block says."""

    as_of: date
    organization: list[str] = field(default_factory=list)  # left lines, top unit first
    title: str = ""
    criteria: str = ""
    made_on: date = field(default_factory=date.today)


class _Counter:
    def __init__(self) -> None:
        self.people = 0


# -- xlsx ---------------------------------------------------------------------------------------


class _Formats:
    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        add = workbook.add_format
        base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}
        cell = {**base, "border": 1, "text_wrap": True}
        self.org = add({**base, "align": "center", "font_size": 12})
        self.org_bold = add({**base, "align": "center", "bold": True, "font_size": 12})
        self.party = add({**base, "align": "center", "bold": True, "underline": 1, "font_size": 12})
        self.made_on = add({**base, "align": "center", "italic": True, "font_size": 12})
        self.title = add({**base, "align": "center", "bold": True, "font_size": 14})
        self.as_of = add({**base, "align": "center", "italic": True, "font_size": 12})
        self.criteria = add({**base, "align": "center", "italic": True, "text_wrap": True})
        self.header = add({**cell, "bold": True, "align": "center"})
        self.numbers = add({**cell, "italic": True, "align": "center", "font_size": 10})
        self.unit = add({**cell, "bold": True, "align": "left", "bg_color": "#F2F2F2"})
        self.total = add({**base, "bold": True, "align": "left"})
        self.sign = add({**base, "bold": True, "align": "center"})
        self.sign_note = add({**base, "italic": True, "align": "center"})
        self.by_kind = {
            "text": add({**cell, "align": "left"}),
            "center": add({**cell, "align": "center"}),
            "date": add({**cell, "align": "center", "num_format": "dd/mm/yyyy"}),
            "number": add({**cell, "align": "center", "num_format": "0"}),
            "decimal": add({**cell, "align": "center", "num_format": "0.00"}),
        }


# columns whose values repeat (catalog names, titles): written once in the shared string table
SHARED_COLUMNS = {
    "ethnicity", "religion", "hometown", "posts", "qualification", "political_theory",
    "state_management", "foreign_language", "it_skill", "civil_service_rank",
}  # fmt: skip
HEADER_TOP = 6  # 0-based sheet row of the first header row (row 7 in Excel)
LINE_HEIGHT = 15.0  # points per line of 11 pt Times New Roman
_LINES_CACHE_MAX = 50_000


def _capacity(width: float) -> int:
    """About how many characters of 11 pt Times New Roman fit on one line of a column."""
    return max(1, int(width * 1.3) - 1)


def _lines(text: str, capacity: int) -> int:
    """Lines that `text` takes when wrapped at word boundaries (long words are cut)."""
    if len(text) <= capacity:
        return 1
    lines, used = 1, -1
    for word in text.split():
        need = len(word) if used < 0 else used + 1 + len(word)
        if need <= capacity:
            used = need
            continue
        if used >= 0:
            lines += 1
        used = len(word)
        while used > capacity:
            lines += 1
            used -= capacity
    return lines


def row_height(
    values, capacities: list[tuple[int, int]], cache: dict | None = None
) -> float | None:
    """The height a data row needs so that no wrapped text is hidden: spreadsheet programs do
    not all size rows on opening (LibreOffice keeps the default height), so it is written.
    `capacities`: (column, characters per line) of the columns that may wrap; `cache` (a dict
    kept across the rows of one sheet) remembers the lines of texts already seen — catalog
    names, titles and places repeat on most rows."""
    lines = 1
    for col, capacity in capacities:
        value = values[col]
        if type(value) is str and len(value) > capacity:
            if cache is None:
                n = _lines(value, capacity)
            else:
                n = cache.get((value, capacity))
                if n is None:
                    if len(cache) >= _LINES_CACHE_MAX:  # unique long texts (names): bounded
                        cache.clear()
                    n = cache[value, capacity] = _lines(value, capacity)
            if n > lines:
                lines = n
    return lines * LINE_HEIGHT if lines > 1 else None


def write_roster_xlsx(
    target: str | IO[bytes], rows: Iterable[UnitRow | PersonRow], meta: RosterMeta, *,
    fast: bool = True,
) -> int:  # fmt: skip
    """Write the roster to `target` (a path or a binary file); return the number of people.

    `fast=False` writes the data rows through XlsxWriter's ordinary calls (same file, slower).
    """
    columns = roster_columns()
    last = len(columns) - 1
    workbook = FastWorkbook(
        target,
        {
            "constant_memory": True,
            "default_date_format": "dd/mm/yyyy",
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    workbook.set_properties({"title": meta.title or _("Danh sách trích ngang cán bộ")})
    sheet = workbook.add_worksheet(_("Danh sách"), worksheet_class=FastRowsWorksheet)
    fmt = _Formats(workbook)
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
    _write_title_block(sheet, fmt, meta, last)
    _write_header(sheet, fmt, columns)
    data_formats = [fmt.by_kind[c.kind] for c in columns]
    capacities = [
        (col, _capacity(c.width)) for col, c in enumerate(columns) if c.kind in ("text", "center")
    ]
    sheet.prepare_data_columns(data_formats, [c.key in SHARED_COLUMNS for c in columns])
    row = HEADER_TOP + 3
    people = 0
    lines_seen: dict[tuple[str, int], int] = {}
    for item in rows:
        if row >= EXCEL_MAX_ROWS - 6:
            workbook.close()
            raise ValueError(
                _("Danh sách quá dài cho một trang tính Excel (tối đa %(n)s dòng).")
                % {"n": f"{EXCEL_MAX_ROWS:,}".replace(",", ".")}
            )
        if isinstance(item, UnitRow):
            sheet.merge_range(row, 0, row, last, item.label, fmt.unit)
        else:
            values = item.xlsx_values()
            height = row_height(values, capacities, lines_seen)
            if fast:
                sheet.write_data_row(row, values, height)
            else:
                if height:
                    sheet.set_row(row, height)
                _write_row_slow(sheet, row, values, data_formats)
            people += 1
        row += 1
    _write_footer(sheet, fmt, row + 1, people, last)
    _print_setup(sheet, last)
    workbook.close()
    return people


def _write_row_slow(sheet, row: int, values, formats) -> None:
    for col, (value, cell_format) in enumerate(zip(values, formats, strict=True)):
        if value is None or value == "":
            sheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, str):
            sheet.write_string(row, col, value, cell_format)
        elif isinstance(value, date):
            sheet.write_datetime(row, col, value, cell_format)
        else:
            sheet.write_number(row, col, value, cell_format)


def _write_title_block(sheet, fmt: _Formats, meta: RosterMeta, last: int) -> None:
    half = last // 2
    org = [line.upper() for line in meta.organization if line][:2]
    org += [""] * (2 - len(org))
    made = meta.made_on
    sheet.merge_range(0, 0, 0, half - 1, org[0], fmt.org)
    sheet.merge_range(0, half, 0, last, _("ĐẢNG CỘNG SẢN VIỆT NAM"), fmt.party)
    sheet.merge_range(1, 0, 1, half - 1, org[1], fmt.org_bold)
    sheet.merge_range(
        1, half, 1, last,
        _("ngày %(d)02d tháng %(m)02d năm %(y)d") % {"d": made.day, "m": made.month, "y": made.year},
        fmt.made_on,
    )  # fmt: skip
    sheet.set_row(2, 9)
    sheet.merge_range(3, 0, 3, last, meta.title or _("DANH SÁCH TRÍCH NGANG CÁN BỘ"), fmt.title)
    sheet.merge_range(
        4, 0, 4, last, _("Tính đến ngày %(d)s") % {"d": meta.as_of.strftime("%d/%m/%Y")}, fmt.as_of
    )
    if meta.criteria:
        sheet.merge_range(5, 0, 5, last, meta.criteria, fmt.criteria)
        sheet.set_row(5, 30)


def _write_header(sheet, fmt: _Formats, columns: tuple[RosterColumn, ...]) -> None:
    """Two header rows and the row of column numbers, in row order (constant_memory)."""
    top, low = HEADER_TOP, HEADER_TOP + 1
    sheet.set_row(top, 22)
    sheet.set_row(low, 48)
    groups: list[tuple[str, int, int]] = []  # (label, first col, last col)
    for col, column in enumerate(columns):
        if column.group and groups and groups[-1][0] == column.group and groups[-1][2] == col - 1:
            groups[-1] = (column.group, groups[-1][1], col)
        elif column.group:
            groups.append((column.group, col, col))
    alone = [col for col, c in enumerate(columns) if not c.group]
    # upper row: the groups (merged across) and the single columns' labels
    for label, first, last in groups:
        sheet.merge_range(top, first, top, last, label, fmt.header)
    for col in alone:
        sheet.write_string(top, col, columns[col].label, fmt.header)
    # lower row: the group members' labels, formatted blanks under the single columns
    for col, column in enumerate(columns):
        if column.group:
            sheet.write_string(low, col, column.label, fmt.header)
        else:
            sheet.write_blank(low, col, None, fmt.header)
    for col in alone:  # each single column spans both header rows
        sheet.merge_written_cells(top, col, low, col)
    for col in range(len(columns)):
        sheet.write_string(low + 1, col, f"({col + 1})", fmt.numbers)


def _write_footer(sheet, fmt: _Formats, row: int, people: int, last: int) -> None:
    half = last // 2
    sheet.merge_range(
        row, 0, row, half - 1,
        _("Tổng số: %(n)s người") % {"n": f"{people:,}".replace(",", ".")},
        fmt.total,
    )  # fmt: skip
    sheet.merge_range(row + 2, half, row + 2, last, _("NGƯỜI LẬP DANH SÁCH"), fmt.sign)
    sheet.merge_range(row + 3, half, row + 3, last, _("(Ký, ghi rõ họ tên)"), fmt.sign_note)


def _print_setup(sheet, last: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    sheet.repeat_rows(HEADER_TOP, HEADER_TOP + 2)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(f'&C&"{FONT},Regular"&10' + _("Trang &P/&N"))
    sheet.freeze_panes(HEADER_TOP + 3, 2)


# -- csv ----------------------------------------------------------------------------------------

# A spreadsheet program opening a CSV runs a cell starting with one of these as a formula
# ("=HYPERLINK(…)"): such texts get a leading apostrophe (the .xlsx writes every text as text).
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def write_roster_csv(target: IO[str], rows: Iterable[UnitRow | PersonRow]) -> int:
    """Write the roster as CSV to a text file opened with `encoding="utf-8-sig", newline=""`
    (the BOM lets Excel read the Vietnamese letters right); return the number of people."""
    writer = csv.writer(target)
    writer.writerow(csv_header())
    labels = (_("Nam"), _("Nữ"))
    people = 0
    for item in rows:
        if isinstance(item, PersonRow):
            values = item.csv_values(labels)
            for i, value in enumerate(values):
                if type(value) is str and value and value[0] in FORMULA_STARTS:
                    values[i] = "'" + value  # shown as text, never run as a formula
            writer.writerow(values)
            people += 1
    return people
