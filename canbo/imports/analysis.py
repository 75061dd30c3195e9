"""Read every row of a roster into a plan (create, update, unchanged) and every problem found,
before anything is written. The same checks as the profile form: the model's field validation
and `Person.clean()` (profile_errors, citizen ID rules), uniqueness checked for the whole file."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils.translation import gettext as _

from canbo.core.dates import PartialDate
from canbo.core.forked import map_parts
from canbo.core.lookups import in_array
from canbo.core.text import fold
from canbo.people.models import Person
from canbo.units.models import Unit

from . import values
from .catalogs import Lookups
from .data import FIELD_LABELS
from .headers import Layout
from .reading import Sheet
from .writing import values_of

ERROR = "error"
WARNING = "warning"
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
CHUNK = 2000
PREVIEW_ROWS = 20
PART = 2000  # rows per part of the work shared with a forked copy (core.forked.map_parts)

_PREFIX = re.compile(r"^\s*(?P<p>[IVXLCivxlc]+|[0-9]+(?:\.[0-9]+)*|[a-zđ])\s*[.)/:-]\s*")
_ROMAN = re.compile(r"[IVXLC]+")
_IGNORED_SECTIONS = (
    "tong cong", "tong so", "cong", "nguoi lap", "t m", "k t", "tm", "kt", "xac nhan",
    "ghi chu", "noi nhan", "thu truong", "truong ban", "pho truong ban",
)  # fmt: skip
_IDENTITY = ("birth_date", "birth_male", "birth_female", "citizen_id", "gender")
_GROUP_WORDS = ("khoi ", "nhom ", "phan ", "khu vuc ")
# import field → Person attribute of a plain text column
TEXT_FIELDS = {
    "other_names": "other_names", "hometown_text": "hometown_text",
    "birthplace_text": "birthplace_text", "residence": "residence", "phone": "phone",
    "general_education": "general_education", "academic_title": "academic_title",
    "foreign_language": "foreign_language", "it_skill": "it_skill", "remarks": "remarks",
}  # fmt: skip
DATE_FIELDS = ("recruited_on", "joined_unit_on", "party_joined_on", "party_official_on")
# Person attribute → import fields whose column a model error is reported on
ATTR_COLUMNS = {
    "birth_date": ("birth_date", "birth_male", "birth_female"),
    "birth_date_precision": ("birth_date", "birth_male", "birth_female"),
    "gender": ("gender", "birth_male", "birth_female"),
    "qualification_level": ("qualification",),
    "qualification_field": ("qualification",),
    "main_duty": ("position_unit", "title"),
    "unit": ("unit", "position_unit"),
    "salary_step": ("salary_step",),
}


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    value: str
    message: str
    level: str = ERROR

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Options:
    unit: Unit | None = None
    create_units: bool = False
    user: object = None  # limits rows to the user's "change" scope when given
    today: date | None = None
    fork: bool | None = None  # share the rows with a forked copy (core.forked): None = when safe


@dataclass
class Plan:
    row: int  # sheet row, 1-based
    person: Person | None  # None for an unchanged row past the preview
    action: str = CREATE
    expected_version: int | None = None
    new_unit: str = ""  # name of a unit to create under Options.unit
    values: tuple | None = None  # a new profile's field values (writing.values_of)

    def __reduce__(self):  # pickled as its fields (from a forked copy: twice as fast)
        return Plan, (self.row, self.person, self.action, self.expected_version, self.new_unit,
                      self.values)  # fmt: skip


@dataclass
class Analysis:
    sheet: Sheet
    layout: Layout | None
    problems: list[Problem] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    units_to_create: list[str] = field(default_factory=list)
    rows_read: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    def count(self, action: str) -> int:
        return sum(1 for p in self.plans if p.action == action)

    @property
    def count_create(self) -> int:
        return self.count(CREATE)

    @property
    def count_update(self) -> int:
        return self.count(UPDATE)

    @property
    def count_unchanged(self) -> int:
        return self.count(UNCHANGED)

    def preview(self, limit: int = PREVIEW_ROWS) -> list[tuple[int, str, list[tuple[str, str]]]]:
        out = []
        for plan in self.plans[:limit]:
            p = plan.person
            if p is None:
                continue
            shown = [
                (_("Họ và tên"), p.full_name),
                (_("Giới tính"), p.get_gender_display() if p.gender else ""),
                (_("Ngày sinh"), str(p.birth) if p.birth_date else ""),
                (_("Số CCCD"), p.citizen_id or ""),
                (_("Đơn vị"), plan.new_unit or (p.unit.name if p.unit_id else "")),
                (_("Chuyên môn"), " ".join(filter(None, [str(p.qualification_level or ""), p.qualification_field]))),
                (_("Lý luận chính trị"), str(p.political_theory or "")),
                (_("Quản lý nhà nước"), str(p.state_management or "")),
                (_("Chức vụ"), p.main_duty),
            ]  # fmt: skip
            out.append((plan.row, plan.action, shown))
        return out


def _filled(value) -> bool:
    """A cell `_Row.values()` keeps: not None, and not blank if it is text."""
    return value is not None and (value.__class__ is not str or not value.isspace() and value != "")


def _proper_case(name: str) -> str:
    """ "NGUYỄN VĂN AN" → "Nguyễn Văn An"; a name already in mixed case is kept."""
    if name.isupper():
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" "))
    return name


class _Row:
    """One sheet row seen through the mapped columns: {field: cell value} of its non-empty
    cells (text stripped), computed once."""

    __slots__ = ("index", "cells", "cols", "_vals")

    def __init__(self, index: int, cells: list, cols: tuple[tuple[str, int], ...]):
        self.index = index
        self.cells = cells
        self.cols = cols  # (field, column index)
        self._vals: dict | None = None

    def values(self) -> dict:
        if self._vals is None:
            vals = {}
            cells, n = self.cells, len(self.cells)
            for key, index in self.cols:
                if index >= n:
                    continue
                value = cells[index]
                if value.__class__ is str:
                    value = value.strip()
                    if value:
                        vals[key] = value
                elif value is not None:
                    vals[key] = value
            self._vals = vals
        return self._vals

    def raw(self, key: str):
        return self.values().get(key, "")

    def texts(self) -> list[str]:
        return [t for t in (values.tidy(values.cell_text(c)) for c in self.cells) if t]


class Analyzer:
    def __init__(self, sheet: Sheet, layout: Layout, options: Options):
        self.sheet = sheet
        self.layout = layout
        self.options = options
        self.cols = layout.by_field()
        self.lookups = Lookups(options.unit)
        self.field_checks = _FieldChecks()
        self._memo: dict[str, dict] = {}
        self._folded: dict[str, str] = {}  # name → fold(name)
        self.areas = None  # AreaMatcher, loaded for the first hometown
        self._area_objects: dict = {}
        self._new_units: dict[str, int] = {}  # unit to create → sheet row that names it first
        self._name_at = self.cols["full_name"].index
        self._identity_at = tuple(self.cols[k].index for k in _IDENTITY if k in self.cols)
        self.parsers = self._parsers()
        self.result = Analysis(sheet=sheet, layout=layout)

    # -- problems ------------------------------------------------------------------------

    def problem(self, row: int | None, key: str, value, message: str, level: str = ERROR):
        column = self.cols.get(key)
        where = f"{column.letter} ({column.header or FIELD_LABELS.get(key, '')})" if column else ""
        self.result.problems.append(
            Problem(
                sheet=self.sheet.name,
                row=row,
                column=where,
                value=values.cell_text(value),
                message=str(message),
                level=level,
            )
        )

    def _warn_ambiguous_unit(self, row, key: str, value, name: str, units: list) -> None:
        """A unit name that fits several units: the first is used, and the row is warned."""
        if len(units) > 1:
            self.problem(
                row, key, value,
                _("Tên đơn vị “%(name)s” trùng với %(n)d đơn vị; dùng đơn vị %(code)s.")
                % {"name": name, "n": len(units), "code": units[0].code}, WARNING,
            )  # fmt: skip

    # -- pass 1: classify rows and read cells --------------------------------------------

    def _is_person(self, cells: list) -> bool:
        """A named row with a date of birth, a gender or a citizen ID (signature blocks and
        notes below the table have names but none of these): `_Row.values()` holds "full_name"
        and one of `_IDENTITY` not False, told from the cells without building it (the rows
        are read later, in parts shared with a forked copy)."""
        n = len(cells)
        name = self._name_at
        if name >= n or not _filled(cells[name]):
            return False
        return any(i < n and cells[i] is not False and _filled(cells[i]) for i in self._identity_at)

    def _section(self, texts: list[str]) -> tuple[str, str] | None:
        """("group" | "unit" | "ignore", text) for a row holding one text (maybe numbered)."""
        if not texts or len(texts) > 2:
            return None
        if len(texts) == 2:
            if not _PREFIX.match(texts[0] + ".") or len(texts[0]) > 6:
                return None
            texts = [f"{texts[0]}. {texts[1]}"]
        text = texts[0]
        m = _PREFIX.match(text)
        prefix = m["p"] if m else ""
        body = text[m.end() :].strip() if m else text
        key = values.key_of(body)
        if not key or any(key == w or key.startswith(w + " ") for w in _IGNORED_SECTIONS):
            return ("ignore", body)
        if self.lookups.find_units(body):
            return ("unit", body)
        if _ROMAN.fullmatch(prefix) or any(key.startswith(w) for w in _GROUP_WORDS):
            return ("group", body)
        return ("unit", body)

    def run(self) -> Analysis:
        rows = self.sheet.rows
        items = []  # ("person", _Row) | ("section", kind, text, row_index) | ("other", _Row)
        last_person = -1
        col_index = tuple((key, column.index) for key, column in self.cols.items())
        for i in range(self.layout.data_start, len(rows)):
            row = _Row(i, rows[i], col_index)
            if self._is_person(rows[i]):
                items.append(("person", row))
                last_person = len(items) - 1
                continue
            texts = row.texts()
            if not texts:
                continue
            section = self._section(texts)
            if section:
                items.append(("section", section[0], section[1], i))
            elif any(values.cell_text(row.raw(k)).strip() for k in self.cols if k not in ("seq",)):
                items.append(("other", row))
        current: object = None  # Unit | str (unit to create) | _UNKNOWN | None
        people = []  # (row, unit of its section)
        for item in items[: last_person + 1]:
            if item[0] == "section":
                _kind, kind, text, i = item
                if kind == "ignore":
                    continue
                if kind == "group":
                    current = None
                    continue
                current = self._section_unit(text, i)
            elif item[0] == "other":
                row = item[1]
                if row.raw("full_name"):
                    self.problem(row.index + 1, "full_name", row.raw("full_name"),
                                 _("Thiếu ngày sinh (và số CCCD) của người này."))  # fmt: skip
                else:
                    self.problem(row.index + 1, "full_name", "", _("Thiếu họ và tên."))
            else:
                people.append((item[1], current))
        parsed = self._read_all(people)
        self.result.rows_read = len(parsed)
        self._plan(parsed)
        self.result.problems.sort(key=_row_of)  # by sheet row, in the order found in each row
        self.result.units_to_create = sorted(self._new_units, key=self._new_units.__getitem__)
        return self.result

    def _read_all(self, people: list[tuple[_Row, object]]) -> list[dict]:
        """`_read` of every person row, shared with a forked copy of this process when the
        roster is big (core.forked)."""
        if "hometown_text" in self.cols and self.areas is None:
            from .areas import AreaMatcher

            self.areas = AreaMatcher()  # from the database: here, not in the copy
        return self._shared(self._read_part, people)

    def _read_part(self, people) -> list[dict]:
        return [self._read(row, unit) for row, unit in people]

    def _shared(self, work, rows: list) -> list:
        """`work(part)` for the parts of `rows`, shared with a forked copy of this process
        (core.forked.map_parts): the parts' results joined, and the plans, problems and units
        to create each part found added to the analysis."""
        parts = map_parts(
            lambda part: self._apart(work, part), rows, part=PART, fork=self.options.fork
        )
        return self._merge(parts)

    def _apart(self, work, *args) -> tuple:
        """`work(*args)` with the plans, problems and units to create it finds returned beside
        its result instead of added to the analysis (the same in a forked copy and here)."""
        result = self.result
        kept = result.plans, result.problems, self._new_units
        result.plans, result.problems, self._new_units = [], [], {}
        try:
            return work(*args), result.plans, result.problems, self._new_units
        finally:
            result.plans, result.problems, self._new_units = kept

    def _merge(self, parts) -> list:
        joined: list = []
        for out, plans, problems, new_units in parts:
            joined += out
            self.result.plans += plans
            self.result.problems += problems
            for name, n in new_units.items():
                self._new_units[name] = min(n, self._new_units.get(name, n))
        return joined

    def _new_unit(self, name: str, n: int) -> None:
        """A unit to create under Options.unit, named first in sheet row `n`."""
        self._new_units.setdefault(name, n)

    def _section_unit(self, text: str, i: int):
        found = self.lookups.find_units(text)
        self._warn_ambiguous_unit(i + 1, "", text, text, found)
        if found:
            return found[0]
        if self.options.create_units and self.options.unit is not None:
            self._new_unit(text, i + 1)
            return text
        self.problem(
            i + 1, "", text,
            _("Đơn vị “%(name)s” chưa có trong canbo: hãy tạo đơn vị này trước, hoặc nhập với "
              "--create-units để tạo dưới đơn vị --unit.") % {"name": text},
        )  # fmt: skip
        return _UNKNOWN

    # -- cells: each distinct value of a column is parsed and checked once -----------------

    def _cell(self, n: int, key: str, raw, parse):
        """`parse(raw)` for the cell of column `key` in sheet row `n`: the parsed value, or
        `_FAILED` after reporting the problem. The parsers depend on the value alone, so each
        distinct value of a column is parsed once per import and its problem (if any) is
        reported on every row that holds it."""
        memo = self._memo.get(key)
        if memo is None:
            memo = self._memo[key] = {}
        k = (raw.__class__, raw)
        hit = memo.get(k)
        if hit is None:
            try:
                hit = (parse(raw), None)
            except ValueError as exc:
                hit = (_FAILED, str(exc))
            memo[k] = hit
        if hit[1] is not None:
            self.problem(n, key, raw, hit[1])
        return hit[0]

    def _catalog(self, table: dict, what: str):
        def parse(raw):
            text = values.tidy(values.cell_text(raw))
            k = values.key_of(text)
            found = table.get(k) or table.get(k.replace(" ", ""))
            if found is None:
                raise ValueError(
                    _("Không có %(what)s “%(v)s” trong danh mục.") % {"what": what, "v": text}
                )
            return found

        return parse

    def _leveled(self, parser, table: dict, what: str):
        def parse(raw):
            text = values.tidy(values.cell_text(raw))
            if values.is_none_word(text):
                return None
            code = parser(text)
            if code is None or code not in table:
                raise ValueError(_("Không hiểu %(what)s “%(v)s”.") % {"what": what, "v": text})
            return table[code]

        return parse

    def _parsers(self) -> dict:
        lk = self.lookups

        def qualification(raw):
            text = values.tidy(values.cell_text(raw))
            code, rest = values.parse_qualification(text)
            if code is None or code not in lk.qualification:
                raise ValueError(
                    _("Không hiểu trình độ chuyên môn “%(v)s”: hãy ghi bắt đầu bằng TS, ThS, ĐH, "
                      "CĐ, TC, SC, “Cử nhân …”, “Kỹ sư …”.") % {"v": text}
                )  # fmt: skip
            return lk.qualification[code], rest

        out = {
            "ethnicity": self._catalog(lk.ethnicity, _("dân tộc")),
            "religion": self._catalog(lk.religion, _("tôn giáo")),
            "civil_service_rank": self._catalog(lk.civil_service_rank, _("ngạch")),
            "management_tier": self._catalog(lk.management_tier, _("diện quản lý")),
            "political_theory": self._leveled(
                values.parse_political_theory, lk.political_theory,
                _("trình độ lý luận chính trị"),
            ),
            "state_management": self._leveled(
                values.parse_state_management, lk.state_management,
                _("trình độ quản lý nhà nước"),
            ),
            "qualification": qualification,
            "salary_step": values.parse_int,
            "salary_coefficient": values.parse_decimal,
            "gender": values.parse_gender,
            "_date": values.parse_date_cell,
        }  # fmt: skip
        for key in DATE_FIELDS:
            out[key] = values.parse_full_date
        return out

    def _read(self, row: _Row, section_unit) -> dict:
        """Cells → {Person attribute: value} plus bookkeeping keys starting with "_"."""
        n = row.index + 1
        cells = row.values()
        out: dict = {"_row": n}
        present = set(cells)
        name = _proper_case(values.tidy(values.cell_text(cells.get("full_name", ""))))
        out["full_name"] = name
        search = self._folded.get(name)
        if search is None:
            search = self._folded[name] = fold(name)
        out["_search"] = search
        parse = self.parsers
        self._read_birth(n, cells, out)
        if "gender" in present:
            gender = self._cell(n, "gender", cells["gender"], parse["gender"])
            if gender is not _FAILED:
                if out.get("gender") and out["gender"] != gender:
                    self.problem(n, "gender", cells["gender"],
                                 _("Giới tính khác với cột ngày sinh (Nam/Nữ)."))  # fmt: skip
                out["gender"] = gender
        if "citizen_id" in present:
            cid, restored = values.parse_citizen_id(cells["citizen_id"])
            out["citizen_id"] = cid
            if restored:
                self.problem(
                    n, "citizen_id", cells["citizen_id"],
                    _("Số CCCD được ghi dạng số nên mất số 0 ở đầu; đã thêm lại: %(cid)s.")
                    % {"cid": cid}, WARNING,
                )  # fmt: skip
        for key, attr in TEXT_FIELDS.items():
            if key in present:
                out[attr] = self._cell(n, key, cells[key], _text)
        for key in _CATALOG_FIELDS:
            if key in present:  # (a row with a problem is rejected: the attribute stays empty)
                value = self._cell(n, key, cells[key], parse[key])
                out[key] = None if value is _FAILED else value
        if "qualification" in present:
            value = self._cell(n, "qualification", cells["qualification"], parse["qualification"])
            if value is not _FAILED:
                out["qualification_level"] = value[0]
                if value[1]:
                    out["qualification_field"] = value[1]
        for key in _LATER_FIELDS:
            if key in present:
                value = self._cell(n, key, cells[key], parse[key])
                if value is not _FAILED:
                    out[key] = value
        self._read_hometown(n, cells, out)
        self._read_position(row, present, out, section_unit)
        return out

    def _read_birth(self, n: int, cells: dict, out: dict) -> None:
        """The date of birth and the gender it implies. Under "Ngày sinh" (or "Giới tính"), the
        columns "Nam" and "Nữ" hold either the date (the column gives the gender) or a mark
        ("x", "✓") with the date in a column of its own."""
        date_keys = ["birth_date"] if "birth_date" in cells else []
        genders = []
        for key, gender in (("birth_male", "male"), ("birth_female", "female")):
            if key in cells:
                genders.append(gender)
                if not values.is_mark(cells[key]):
                    date_keys.append(key)
        for key in date_keys:
            birth = self._cell(n, key, cells[key], self.parsers["_date"])
            if birth is _FAILED:
                out["_birth_error"] = True
            else:
                out["_birth"] = birth
        if len(genders) > 1:
            marks = values.is_mark(cells["birth_male"]) and values.is_mark(cells["birth_female"])
            self.problem(
                n, "birth_male", cells["birth_male"],
                _("Đánh dấu ở cả cột Nam và cột Nữ.") if marks
                else _("Ngày sinh ghi ở cả cột Nam và cột Nữ."),
            )  # fmt: skip
        elif genders:
            out["gender"] = genders[0]

    def _read_hometown(self, n: int, cells: dict, out: dict) -> None:
        """The hometown as written is kept; the catalog's area is set too when the text names
        exactly one (see areas.py), else the text alone is kept and a warning listed."""
        text = out.get("hometown_text")
        if not text:
            return
        if self.areas is None:
            from .areas import AreaMatcher

            self.areas = AreaMatcher()
        pk, warning = self.areas.match(text)
        if pk is None:
            self.problem(n, "hometown_text", cells["hometown_text"], warning, WARNING)
            return
        area = self._area_objects.get(pk)
        if area is None:
            from canbo.units.areas import LEGACY_UNTIL
            from canbo.units.models import Area

            a = self.areas.areas[pk]
            area = self._area_objects[pk] = Area(
                pk=pk, name=a.name, parent_id=a.parent_id, province_id=a.province_id,
                valid_to=None if a.current else LEGACY_UNTIL,
            )  # fmt: skip
        out["hometown"] = area

    def _read_position(self, row: _Row, present, out: dict, section_unit) -> None:
        n = row.index + 1
        lk = self.lookups
        title_text, unit, unit_from = "", None, ""
        if "position_unit" in present:
            text = values.tidy(values.cell_text(row.raw("position_unit")))
            title_text, units, unit_text = lk.split_position(text)
            if units:
                unit, unit_from = units[0], "position"
                self._warn_ambiguous_unit(n, "position_unit", text, unit_text, units)
            else:
                title_text = text
                if not lk.find_title(text):
                    self.problem(
                        n, "position_unit", text,
                        _("Không tách được chức vụ và đơn vị trong “%(v)s”: giữ nguyên văn bản "
                          "(công việc chính được giao).") % {"v": text}, WARNING,
                    )  # fmt: skip
        if "title" in present:
            title_text = values.tidy(values.cell_text(row.raw("title")))
        if title_text:
            out["_title"] = title_text
            parts = [t.strip() for t in title_text.split(";") if t.strip()]
            if not all(lk.find_title(t) for t in parts) and not (
                "position_unit" in present and unit is None and "title" not in present
            ):
                self.problem(
                    n, "title" if "title" in present else "position_unit", title_text,
                    _("Chức vụ “%(v)s” không có trong danh mục chức danh: giữ nguyên văn bản.")
                    % {"v": title_text}, WARNING,
                )  # fmt: skip
        if "unit_code" in present:
            code = values.tidy(values.cell_text(row.raw("unit_code"))).lower()
            found = lk.units_by_code.get(code)
            if found is None:
                self.problem(n, "unit_code", code,
                             _("Không có đơn vị mã “%(c)s” (hoặc ngoài đơn vị đang nhập).")
                             % {"c": code})  # fmt: skip
                unit, unit_from = _UNKNOWN, "column"
            else:
                unit, unit_from = found, "column"
                present = present - {"unit"}
        if "unit" in present:
            text = values.tidy(values.cell_text(row.raw("unit")))
            units = lk.find_units(text)
            if units:
                unit, unit_from = units[0], "column"
                self._warn_ambiguous_unit(n, "unit", text, text, units)
            elif self.options.create_units and self.options.unit is not None:
                self._new_unit(text, n)
                unit, unit_from = text, "column"
            else:
                self.problem(
                    n, "unit", text,
                    _("Đơn vị “%(name)s” chưa có trong canbo (hoặc ngoài đơn vị đang nhập).")
                    % {"name": text},
                )  # fmt: skip
                unit, unit_from = _UNKNOWN, "column"
        if unit is None and section_unit is not None:
            unit, unit_from = section_unit, "section"
        if unit is None and self.options.unit is not None:
            unit, unit_from = self.options.unit, "default"
        out["_unit"] = unit
        out["_unit_from"] = unit_from

    # -- pass 2: match, validate, compare ------------------------------------------------

    def _plan(self, parsed: list[dict]) -> None:
        by_cid, by_name = self._existing(parsed)
        matched: dict[int, int] = {}  # row → pk
        seen_cid: dict[str, int] = {}
        seen_pk: dict[int, int] = {}
        for out in parsed:
            n = out["_row"]
            cid = out.get("citizen_id")
            if cid:
                if cid in seen_cid:
                    self.problem(n, "citizen_id", cid,
                                 _("Số CCCD trùng với dòng %(r)d.") % {"r": seen_cid[cid]})  # fmt: skip
                seen_cid.setdefault(cid, n)
            pk = self._match(out, by_cid, by_name)
            if pk:
                if pk in seen_pk:
                    self.problem(
                        n, "full_name", out["full_name"],
                        _("Dòng này và dòng %(r)d cùng là một cán bộ.") % {"r": seen_pk[pk]},
                    )  # fmt: skip
                seen_pk.setdefault(pk, n)
                matched[n] = pk
        existing = self._load(set(matched.values()))
        scope = (*self._scope(set(matched.values())), self._current_titles(set(matched.values())))
        rows = [(out, existing.get(matched.get(out["_row"]))) for out in parsed]
        # new profiles need nothing from the database: a forked copy shares their checks;
        # matched ones are compared here (each part chooses its own preview rows)
        self._shared(lambda part: self._apply_part(part, scope), [r for r in rows if r[1] is None])
        known = [r for r in rows if r[1] is not None]
        self._merge([self._apart(self._apply_part, known, scope)])
        plans = self.result.plans
        plans.sort(key=_row_of)  # (each part's in row order: the same as one pass)
        for plan in plans[PREVIEW_ROWS:]:
            if plan.action == CREATE:
                plan.person = None  # only the preview shows it; the tuple is written

    def _apply_part(self, rows, scope) -> list:
        for out, person in rows:
            self._apply(out, person, *scope)
        return []  # (what it makes are plans and problems)

    def _existing(self, parsed):
        """The profiles the rows may be: those with their citizen IDs, and for the rows whose
        citizen ID is not in canbo, those with the same name and date of birth. The pairs are
        looked up as pairs: a common name is shared by thousands of profiles in a province."""
        cids = sorted({o["citizen_id"] for o in parsed if o.get("citizen_id")})
        by_cid: dict[str, tuple] = {}
        for chunk in _chunks(cids):
            for rec in Person.objects.filter(in_array("citizen_id", chunk)).values_list(*_KEYS):
                by_cid[rec[1]] = rec
        pairs = sorted({
            (o["_search"], o["_birth"].value) for o in parsed
            if o.get("full_name") and "_birth" in o and o.get("citizen_id") not in by_cid
        })  # fmt: skip
        by_name: dict[str, list[tuple]] = {}
        for rec in _named_born(pairs):
            by_name.setdefault(rec[2], []).append(rec)
        return by_cid, by_name

    def _match(self, out, by_cid, by_name) -> int | None:
        n = out["_row"]
        cid = out.get("citizen_id")
        name = out["_search"]
        if cid and cid in by_cid:
            rec = by_cid[cid]
            if name and rec[2] != name:
                self.problem(
                    n, "citizen_id", cid,
                    _("Số CCCD %(cid)s đã thuộc hồ sơ khác họ tên (mã hồ sơ %(pk)d): kiểm tra lại "
                      "số CCCD hoặc sửa họ tên trong hồ sơ trước.") % {"cid": cid, "pk": rec[0]},
                )  # fmt: skip
                return None
            return rec[0]
        birth = out.get("_birth")
        if not name or birth is None:
            return None
        candidates = [
            r for r in by_name.get(name, ()) if r[3] == birth.value and not (cid and r[1])
        ]
        if len(candidates) > 1:
            unit = out.get("_unit")
            if isinstance(unit, Unit):
                candidates = [r for r in candidates if r[4] == unit.pk]
        if len(candidates) > 1:
            self.problem(
                n, "full_name", out["full_name"],
                _("Có %(k)d hồ sơ cùng họ tên và ngày sinh (mã %(pks)s): không biết cập nhật hồ sơ "
                  "nào. Hãy ghi số CCCD.")
                % {"k": len(candidates), "pks": ", ".join(str(r[0]) for r in candidates)},
            )  # fmt: skip
            return None
        return candidates[0][0] if candidates else None

    def _load(self, pks: set[int]) -> dict[int, _Existing]:
        """The matched profiles with only the fields an import compares, as plain values (a
        full `Person` is read for the few that change, before they are validated and saved,
        and for the preview)."""
        out: dict[int, _Existing] = {}
        ordered = sorted(pks)
        names = ("pk", *_COMPARED_ATTNAMES)
        for chunk in _chunks(ordered):
            qs = Person.objects.filter(in_array("pk", chunk)).values_list(*names)
            for rec in qs:
                out[rec[0]] = _Existing(zip(names, rec, strict=True))
        from canbo.units.models import Area, Unit

        units = Unit.objects.only("path", "name", "code").in_bulk({p.unit_id for p in out.values()})
        area_ids = {p.hometown_id for p in out.values() if p.hometown_id}
        names_of = {
            a.pk: values.key_of(a.full_name())
            for a in Area.objects.filter(pk__in=area_ids).select_related("parent__parent")
        }
        for p in out.values():
            p.unit = units[p.unit_id]
            p._import_hometown = names_of.get(p.hometown_id, "")
        return out

    def _scope(self, pks: set[int]):
        user = self.options.user
        if user is None:
            return None, None
        from canbo.access.scope import is_administrator, people_for, units_for

        if is_administrator(user):
            return None, None
        units = set(units_for(user, "change").values_list("pk", flat=True))
        people: set[int] = set()
        ordered = sorted(pks)
        for chunk in _chunks(ordered):
            people.update(
                people_for(user, "change")
                .filter(in_array("pk", chunk))
                .values_list("pk", flat=True)
            )
        return units, people

    def _current_titles(self, pks: set[int]) -> dict[int, set[str]]:
        from canbo.posts.models import Assignment

        on = self.layout.list_date or self.options.today or date.today()
        out: dict[int, set[str]] = {}
        ordered = sorted(pks)
        for chunk in _chunks(ordered):
            qs = (
                Assignment.objects.active_on(on)
                .filter(in_array("person_id", chunk))
                .values_list("person_id", "post__title__name")
            )
            for pk, name in qs:
                out.setdefault(pk, set()).add(values.key_of(name))
        return out

    def _apply(self, out, existing, allowed_units, allowed_people, titles_of) -> None:
        n = out["_row"]
        if not out.get("full_name"):
            self.problem(n, "full_name", "", _("Thiếu họ và tên."))
            return
        unit = out.get("_unit")
        unit_from = out.get("_unit_from")
        if existing is not None:
            person = existing
            if unit_from == "default" and person.unit.path.startswith(self.options.unit.path):
                unit = person.unit  # a roster without unit rows does not move people inside it
            if unit is None:
                unit = person.unit
        else:
            person = _new_person()
            missing = []
            if "_birth" not in out and not out.get("_birth_error"):
                missing.append(("birth_date", _("Thiếu ngày sinh.")))
            if "gender" not in out:
                missing.append(("gender", _("Thiếu giới tính: không có cột giới tính và ngày sinh "
                                            "không ghi ở cột Nam/Nữ.")))  # fmt: skip
            for key, message in missing:
                self.problem(n, key, "", message)
            if missing or out.get("_birth_error"):
                return
        if unit is None:
            self.problem(
                n, "unit", "",
                _("Không xác định được đơn vị của dòng này: thêm dòng tên đơn vị phía trên, cột "
                  "đơn vị, hoặc chọn đơn vị nhận (--unit)."),
            )  # fmt: skip
            return
        if unit is _UNKNOWN:
            return
        new_unit = ""
        if isinstance(unit, str):
            new_unit, unit = unit, None
        if allowed_units is not None:
            target_ok = (unit is None and self.options.unit.pk in allowed_units) or (
                unit is not None and unit.pk in allowed_units
            )
            if not target_ok or (existing is not None and existing.pk not in allowed_people):
                self.problem(
                    n, "full_name", out["full_name"],
                    _("Bạn không có quyền thêm hoặc sửa hồ sơ ở đơn vị này."),
                )  # fmt: skip
                return
        new: dict = out.copy()
        for key in _PRIVATE:
            new.pop(key, None)
        if "_birth" in out:
            birth: PartialDate = out["_birth"]
            new["birth_date"] = birth.value
            new["birth_date_precision"] = birth.precision
        if unit is not None:
            new["unit"] = unit
        title = out.get("_title")
        if title:
            held = titles_of.get(existing.pk, set()) if existing else set()
            parts = {values.key_of(t) for t in title.split(";") if t.strip()}
            if not (held and parts <= held):
                new["main_duty"] = title
        if (
            existing is not None
            and new.get("hometown_text")
            and existing._import_hometown == values.key_of(new["hometown_text"])
        ):
            del new["hometown_text"]  # the list writes the recorded area's full name
            new.pop("hometown", None)
        changed = []
        if existing is None:  # a fresh copy of the template: every value is set as it is
            changed = list(new)
            attrs = person.__dict__
            for attr, value in new.items():
                attname, is_relation = _FIELD_META[attr]
                if not is_relation:
                    attrs[attname] = value
                elif value is None:
                    attrs[attname] = None
                else:  # the id (catalogs, units and areas have an "id" primary key)
                    attrs[attname] = value.id
                    if attr == "unit":  # the unit is shown by the preview
                        _UNIT.set_cached_value(person, value)
        for attr, value in new.items() if existing is not None else ():
            attname, is_relation = _FIELD_META[attr]
            old = getattr(person, attname)
            cmp = value.pk if is_relation and value is not None else value
            if old != cmp:
                changed.append(attr)
                if is_relation and attr != "unit":
                    setattr(person, attname, cmp)  # the id: no descriptor, no cached object
                else:
                    setattr(person, attr, value)
        if existing is not None and not changed:
            keep = len(self.result.plans) < PREVIEW_ROWS  # only the preview shows them
            shown = Person.objects.select_related("unit").get(pk=existing.pk) if keep else None
            self.result.plans.append(
                Plan(row=n, person=shown, action=UNCHANGED, expected_version=existing.version)
            )
            return
        if existing is not None:  # the whole profile, for the form's checks and the save
            person = Person.objects.select_related("unit").get(pk=existing.pk)
            for attr in changed:
                setattr(person, attr, new[attr])
        if not self._validate(n, person, changed, out):
            return
        values_row = None
        if existing is None:
            if person.full_name == out["full_name"]:
                # `Person.refresh_derived()`, from the name folded once when the row was read
                person.search_name = out["_search"]
                person.given_name = out["_search"].rsplit(" ", 1)[-1]
            else:
                person.refresh_derived()
            person.version = 1
            values_row = values_of(person)
            if len(self.result.plans) >= PREVIEW_ROWS:
                person = None  # only the preview shows it; the tuple is written
        self.result.plans.append(
            Plan(
                row=n,
                person=person,
                action=UPDATE if existing is not None else CREATE,
                expected_version=person.version if existing is not None else None,
                new_unit=new_unit,
                values=values_row,
            )
        )

    def _validate(self, n: int, person: Person, changed: list[str], out: dict) -> bool:
        """The model's checks on the fields this row sets (`clean_fields`, `clean`): the same
        as the profile form. Foreign keys come from the catalogs, so they exist. The per-field
        checks are pure for a given value and remembered (`_FieldChecks`); the cross-field
        checks of `Person.clean()` run for every row."""
        errors = self.field_checks.run(person, changed)
        try:
            person.clean()
        except ValidationError as exc:
            for k, msgs in exc.message_dict.items():
                errors.setdefault(k, []).extend(msgs)
        if not errors:
            return True
        cells = self.sheet.rows[n - 1]
        for attr, messages in errors.items():
            keys = ATTR_COLUMNS.get(attr, (attr,))
            key = next((k for k in keys if k in self.cols and self.cols[k].index < len(cells)
                        and values.cell_text(cells[self.cols[k].index]).strip()),
                       next((k for k in keys if k in self.cols), keys[0]))  # fmt: skip
            column = self.cols.get(key)
            raw = cells[column.index] if column and column.index < len(cells) else ""
            for message in messages:
                self.problem(n, key, raw, message)
        return False


class _FieldChecks:
    """`Model.clean_fields()` of a Person restricted to the fields a row sets, with each
    (field, value) checked once per import: `Field.clean()` (to_python, choices, null/blank,
    max_length and the other validators) depends on the value alone, and a roster repeats the
    same levels, dates and texts thousands of times. Uniqueness is not a field check: the
    analysis checks it for the whole file. Foreign keys are left out (their values come from
    the catalogs)."""

    def __init__(self) -> None:
        self.fields = {
            f.name: f
            for f in Person._meta.fields
            if not f.is_relation and not getattr(f, "generated", False)
        }
        # name → (field, attname, blank, remembered results, longest plain text or None)
        self.specs = {
            name: (f, f.attname, f.blank, {}, _plain_text_limit(f))
            for name, f in self.fields.items()
        }

    def run(self, person: Person, changed) -> dict[str, list[str]]:
        errors: dict[str, list] = {}
        specs, attrs = self.specs, person.__dict__
        for name in changed if "full_name" in changed else ("full_name", *changed):
            spec = specs.get(name)
            if spec is None:
                continue
            f, attname, blank, cache, limit = spec
            raw = attrs[attname] if attname in attrs else getattr(person, attname)
            if blank and (raw is None or raw == ""):  # (Field.empty_values, for scalars)
                continue
            cls = raw.__class__
            if limit is not None and cls is str and 0 < len(raw) <= limit and "\x00" not in raw:
                continue  # what `Field.clean()` would accept unchanged (see _plain_text_limit)
            key = raw if cls is str else (cls, raw)
            try:
                hit = cache.get(key)
            except TypeError:  # an unhashable value: checked, not remembered
                key, hit = None, None
            if hit is None:
                try:
                    hit = (True, f.clean(raw, person))
                except ValidationError as exc:
                    hit = (False, exc.error_list)
                if key is not None:
                    cache[key] = hit
            ok, value = hit
            if ok:
                if value is not raw:
                    setattr(person, attname, value)
            else:
                errors[name] = value
        if not errors:
            return {}
        ordered = {name: errors[name] for name in self.fields if name in errors}  # model order
        return ValidationError(ordered).message_dict


def _plain_text_limit(field) -> int | None:
    """For a text field whose `clean()` only checks the length and null characters (no choices,
    no other validator), its `max_length`: a text within it is valid as it is. Such columns
    (names, citizen IDs, remarks) hold a different value on nearly every row, so remembering
    the result of `clean()` per value saves nothing. None for every other field."""
    if field.__class__ not in (models.CharField, models.TextField) or field.choices:
        return None
    allowed = (validators.MaxLengthValidator, validators.ProhibitNullCharactersValidator)
    if field.max_length is None or not all(v.__class__ in allowed for v in field.validators):
        return None
    return field.max_length


# what an import may set on a profile, and so reads to compare
_COMPARED = (
    "version", "full_name", "gender", "birth_date", "birth_date_precision", "citizen_id",
    "ethnicity", "religion", "civil_service_rank", "management_tier", "qualification_level",
    "qualification_field", "political_theory", "state_management", "salary_step",
    "salary_coefficient", "unit", "main_duty", "hometown", "hometown_text", *TEXT_FIELDS.values(),
    *DATE_FIELDS,
)  # fmt: skip
_FIELD_META = {f.name: (f.attname, f.is_relation) for f in Person._meta.concrete_fields}
_UNIT = Person._meta.get_field("unit")
_COMPARED_ATTNAMES = tuple(dict.fromkeys(_FIELD_META[name][0] for name in _COMPARED))


class _Existing:
    """A matched profile as the import compares it: its compared fields by attname (and
    `pk`, `unit`), without building a model instance per row."""

    def __init__(self, items) -> None:
        self.__dict__.update(items)


_TEMPLATE: Person | None = None


def _new_person() -> Person:
    """A blank Person with every default set, copied from a template: `Person()` computes the
    defaults of its 60 fields each time, a third of the validation time of a big roster."""
    global _TEMPLATE
    from django.db.models.base import ModelState

    if _TEMPLATE is None:
        _TEMPLATE = Person()
    person = Person.__new__(Person)
    person.__dict__ = _TEMPLATE.__dict__.copy()
    person._state = ModelState()
    return person


# the bookkeeping keys of a read row (not Person attributes)
_PRIVATE = ("_row", "_search", "_birth", "_birth_error", "_unit", "_unit_from", "_title")
_CATALOG_FIELDS = ("ethnicity", "religion", "civil_service_rank", "management_tier")
_LATER_FIELDS = ("political_theory", "state_management", "salary_step", "salary_coefficient",
                 *DATE_FIELDS)  # fmt: skip


def _text(value) -> str:
    return values.tidy(values.cell_text(value))


class _Failed:
    """A cell whose problem was reported: the attribute is not set."""

    def __reduce__(self):
        return "_FAILED"  # the one instance, also when pickled by a forked copy


_FAILED = _Failed()


class _Unknown:
    """A unit row already reported as unknown: the rows below are not reported again."""

    def __reduce__(self):
        return "_UNKNOWN"  # the one instance, also when pickled by a forked copy


_UNKNOWN = _Unknown()


_KEYS = ("pk", "citizen_id", "search_name", "birth_date", "unit_id")  # what matching reads


def _chunks(values: list, parameters: int = 1):
    """`values` in slices for lookups of `parameters` parameters a value: a few big ones on
    PostgreSQL, where a slice is one array parameter (50 queries of 2,000 citizen IDs took
    1.8 s, 5 of 20,000 0.7 s), within SQLite's limit on parameters there."""
    vendor = connections[Person.objects.db].vendor
    size = 10 * CHUNK if vendor == "postgresql" else CHUNK // parameters
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _named_born(pairs: list[tuple[str, date]]):
    """The `_KEYS` of the profiles with one of these (search name, date of birth) pairs: one
    probe of the index person_name_birth each, joined with the pairs sent as two arrays
    (PostgreSQL) or as VALUES rows (SQLite, within its limit of parameters)."""
    connection = connections[Person.objects.db]
    qn = connection.ops.quote_name
    meta = Person._meta
    fields = [meta.pk if k == "pk" else meta.get_field(k) for k in _KEYS]
    columns = ", ".join(f"p.{qn(f.column)}" for f in fields)
    name, born = qn(meta.get_field("search_name").column), qn(meta.get_field("birth_date").column)
    select = f"SELECT {columns} FROM {qn(meta.db_table)} p JOIN "  # noqa: S608 — model names
    with connection.cursor() as cursor:
        for chunk in _chunks(pairs, 2):
            if connection.vendor == "postgresql":
                cursor.execute(
                    select + "unnest(%s::varchar[], %s::date[]) AS k (name, born) "
                    f"ON p.{name} = k.name AND p.{born} = k.born",
                    [[n for n, _d in chunk], [d for _n, d in chunk]],
                )
            else:
                cursor.execute(
                    select + "(VALUES " + ", ".join(["(%s, %s)"] * len(chunk)) + ") AS k "
                    f"ON p.{name} = k.column1 AND p.{born} = k.column2",
                    [v for n, d in chunk for v in (n, d.isoformat())],
                )
            yield from cursor.fetchall()


def _row_of(problem_or_plan) -> int:
    return problem_or_plan.row or 0


def analyze(sheet: Sheet, layout: Layout, options: Options) -> Analysis:
    return Analyzer(sheet, layout, options).run()
