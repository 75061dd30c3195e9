"""Past ratings from a spreadsheet: citizen ID or name + birth date, year, rating as written
("Hoàn thành xuất sắc nhiệm vụ") or abbreviated (HTXSNV, HTTNV, HTNV, KHTNV).

Every row is checked first; the ratings are saved only when no row has an error (all or
nothing), and each error names the row, the column, the value and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from canbo.core.text import fold
from canbo.imports.analysis import Problem
from canbo.imports.headers import column_letter
from canbo.imports.reading import ReadError, read_sheet
from canbo.imports.values import cell_text, key_of, parse_citizen_id, parse_date_cell, parse_int
from canbo.people.models import Person

from .choices import Rating
from .models import Evaluation
from .services import imported_ratings_save

FIELDS = ("citizen_id", "full_name", "birth_date", "year", "rating")
_HEADERS = {
    "citizen_id": ("so cccd", "cccd", "can cuoc", "so can cuoc", "so dinh danh", "so dinh danh ca nhan", "ma dinh danh"),
    "full_name": ("ho va ten", "ho ten", "ho va ten khai sinh", "ten"),
    "birth_date": ("ngay sinh", "ngay thang nam sinh", "sinh ngay"),
    "year": ("nam", "nam danh gia", "nam xep loai"),
    "rating": ("xep loai", "muc xep loai", "ket qua xep loai", "ket qua danh gia", "danh gia", "xep loai chat luong"),
}  # fmt: skip
_HEADER_OF = {h: f for f, hs in _HEADERS.items() for h in hs}
_ABBREVIATIONS = {
    "htxsnv": Rating.EXCELLENT, "htxs": Rating.EXCELLENT,
    "httnv": Rating.GOOD, "htt": Rating.GOOD,
    "htnv": Rating.COMPLETE, "ht": Rating.COMPLETE,
    "khtnv": Rating.INCOMPLETE, "kht": Rating.INCOMPLETE,
}  # fmt: skip


def parse_rating(value) -> str:
    """A rating as written in Vietnamese (with or without diacritics, "chức trách" or not) or
    abbreviated; ValueError with the accepted forms otherwise."""
    key = key_of(cell_text(value))
    compact = key.replace(" ", "")
    if compact in _ABBREVIATIONS:
        return _ABBREVIATIONS[compact]
    if key.startswith("khong hoan thanh"):
        return Rating.INCOMPLETE
    if key.startswith("hoan thanh xuat sac"):
        return Rating.EXCELLENT
    if key.startswith("hoan thanh tot"):
        return Rating.GOOD
    if key.startswith("hoan thanh") and key.replace("chuc trach", "").split() in (
        ["hoan", "thanh"],
        ["hoan", "thanh", "nhiem", "vu"],
    ):
        return Rating.COMPLETE
    raise ValueError(
        _(
            "Không nhận ra mức xếp loại “%(v)s”: ghi “Hoàn thành xuất sắc nhiệm vụ”, “Hoàn thành "
            "tốt nhiệm vụ”, “Hoàn thành nhiệm vụ”, “Không hoàn thành nhiệm vụ” hoặc HTXSNV, "
            "HTTNV, HTNV, KHTNV."
        )
        % {"v": cell_text(value)}
    )


@dataclass
class RatingsImport:
    rows: list[tuple[Person, int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    saved: int = 0


def _find_header(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(rows[:15]):
        columns = {}
        for c, cell in enumerate(row):
            f = _HEADER_OF.get(key_of(cell_text(cell)))
            if f and f not in columns:
                columns[f] = c
        if "rating" in columns and ("citizen_id" in columns or "full_name" in columns):
            return r, columns
    return None


def import_ratings(path: str | Path, *, year: int | None = None, name: str | None = None, dry_run: bool = False, people=None) -> RatingsImport:  # fmt: skip
    """Check every row of the file, then save all the ratings or none. `people`: the persons the
    user may change (`people_for(user, "change")`); others are "not found" like missing ones."""
    people = Person.objects.all() if people is None else people
    out = RatingsImport()
    try:
        sheet = read_sheet(path, name=name)
    except ReadError as exc:
        out.problems.append(Problem("", None, "", "", str(exc)))
        return out
    found = _find_header(sheet.rows)
    if found is None:
        out.problems.append(
            Problem(sheet.name, None, "", "", _(
                "Không tìm thấy dòng tiêu đề: cần cột “Xếp loại” và cột “Số CCCD” hoặc “Họ và "
                "tên” (kèm “Ngày sinh”)."
            ))
        )  # fmt: skip
        return out
    header, cols = found
    if "year" not in cols and year is None:
        out.problems.append(
            Problem(sheet.name, header + 1, "", "", _("Tệp không có cột “Năm”: hãy ghi --year."))
        )
        return out
    if "citizen_id" not in cols and "birth_date" not in cols:
        out.problems.append(
            Problem(sheet.name, header + 1, "", "", _("Tìm theo họ tên thì cần cột “Ngày sinh”."))
        )
        return out

    def cell(row, f):
        c = cols.get(f)
        return row[c] if c is not None and c < len(row) else ""

    def problem(r, f, value, message):
        out.problems.append(
            Problem(sheet.name, r, column_letter(cols[f]) if f in cols else "", cell_text(value), message)
        )  # fmt: skip

    parsed = []
    for i, row in enumerate(sheet.rows[header + 1 :], start=header + 2):
        if all(cell_text(v).strip() == "" for v in row):
            continue
        ok = True
        try:
            rating = parse_rating(cell(row, "rating"))
        except ValueError as exc:
            problem(i, "rating", cell(row, "rating"), str(exc))
            ok = False
        row_year = year
        if cell_text(cell(row, "year")).strip():
            try:
                row_year = parse_int(cell(row, "year"))
                if not 1990 <= row_year <= 2100:
                    raise ValueError(_("Năm phải từ 1990 đến 2100."))
            except ValueError as exc:
                problem(i, "year", cell(row, "year"), str(exc))
                ok = False
        elif row_year is None:
            problem(i, "year", "", _("Thiếu năm đánh giá."))
            ok = False
        cid = cell_text(cell(row, "citizen_id")).strip()
        key = None
        if cid:
            key = ("cid", parse_citizen_id(cell(row, "citizen_id"))[0])
        else:
            name_text = cell_text(cell(row, "full_name")).strip()
            try:
                birth = parse_date_cell(cell(row, "birth_date")).value
            except ValueError as exc:
                problem(i, "birth_date", cell(row, "birth_date"), str(exc))
                birth, ok = None, False
            if not name_text:
                problem(i, "full_name", "", _("Cần số CCCD hoặc họ tên và ngày sinh."))
                ok = False
            elif birth:
                key = ("name", fold(name_text), birth)
        if ok and key:
            parsed.append((i, key, row_year, rating, row))

    by_cid = {
        p.citizen_id: p
        for p in people.filter(citizen_id__in=[k[1] for _i, k, *_r in parsed if k[0] == "cid"])
    }
    names = [k for _i, k, *_r in parsed if k[0] == "name"]
    by_name: dict[tuple, list[Person]] = {}
    if names:
        for p in people.filter(search_name__in={k[1] for k in names}):
            by_name.setdefault(("name", p.search_name, p.birth_date), []).append(p)
    seen: dict[tuple[int, int], int] = {}
    for i, key, row_year, rating, row in parsed:
        field_name = "citizen_id" if key[0] == "cid" else "full_name"
        if key[0] == "cid":
            person = by_cid.get(key[1])
            if person is None:
                problem(
                    i, field_name, cell(row, field_name), _("Không có cán bộ mang số CCCD này.")
                )
                continue
        else:
            matches = by_name.get(key, [])
            if not matches:
                problem(i, field_name, cell(row, field_name), _("Không có cán bộ mang họ tên và ngày sinh này."))  # fmt: skip
                continue
            if len(matches) > 1:
                problem(i, field_name, cell(row, field_name), _("Có %(n)d cán bộ cùng họ tên và ngày sinh: hãy ghi số CCCD.") % {"n": len(matches)})  # fmt: skip
                continue
            person = matches[0]
        if (person.pk, row_year) in seen:
            problem(i, field_name, cell(row, field_name), _("Trùng với dòng %(r)d (cùng người, cùng năm %(y)d).") % {"r": seen[(person.pk, row_year)], "y": row_year})  # fmt: skip
            continue
        seen[(person.pk, row_year)] = i
        out.rows.append((person, row_year, rating))
    if out.rows:
        existing = set(
            Evaluation.objects.filter(
                person_id__in=[p.pk for p, _y, _r in out.rows],
                year__in={y for _p, y, _r in out.rows},
            ).values_list("person_id", "year")
        )
        for (pid, y), i in seen.items():
            if (pid, y) in existing:
                out.problems.append(
                    Problem(
                        sheet.name,
                        i,
                        "",
                        "",
                        _("Cán bộ ở dòng này đã có kết quả xếp loại năm %(y)d.") % {"y": y},
                    )  # fmt: skip
                )
    out.problems.sort(key=lambda p: (p.row or 0, p.column))
    if not out.problems and not dry_run:
        out.saved = imported_ratings_save(rows=out.rows)
    return out


# --- the count sheet of a confidence vote -------------------------------------------------

_VOTE_HEADERS = {
    "citizen_id": _HEADERS["citizen_id"],
    "high": ("tin nhiem cao", "so phieu tin nhiem cao", "cao"),
    "normal": ("tin nhiem", "so phieu tin nhiem"),
    "low": ("tin nhiem thap", "so phieu tin nhiem thap", "thap"),
}
_VOTE_HEADER_OF = {h: f for f, hs in _VOTE_HEADERS.items() for h in hs}


@dataclass
class VoteImport:
    problems: list[Problem] = field(default_factory=list)
    saved: int = 0


def _open_sheet(path, name, out: VoteImport, find, missing: str):
    """The sheet and its header row (the first of 15 rows where `find(row)` gives the columns),
    or None with the problem added to `out`."""
    try:
        sheet = read_sheet(path, name=name)
    except ReadError as exc:
        out.problems.append(Problem("", None, "", "", str(exc)))
        return None
    for r, row in enumerate(sheet.rows[:15]):
        if cols := find(row):
            return sheet, r, cols
    out.problems.append(Problem(sheet.name, None, "", "", missing))
    return None


def import_vote_results(path: str | Path, *, vote, actor=None, name: str | None = None, people=None) -> VoteImport:  # fmt: skip
    """The count sheet of a session (Số CCCD, Tín nhiệm cao, Tín nhiệm, Tín nhiệm thấp): every
    row checked as by hand (exempt persons, counts against those present), all rows or none."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.db import transaction

    from .services import vote_result_add

    out = VoteImport()
    people = Person.objects.all() if people is None else people

    def find(row) -> dict[str, int]:
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            f = _VOTE_HEADER_OF.get(key_of(cell_text(value)))
            if f and f not in found:
                found[f] = c
        return found if set(found) == set(_VOTE_HEADERS) else {}

    missing = _(
        "Không tìm thấy dòng tiêu đề: cần các cột “Số CCCD”, “Tín nhiệm cao”, “Tín nhiệm”, “Tín nhiệm thấp”."
    )  # fmt: skip
    opened = _open_sheet(path, name, out, find, missing)
    if opened is None:
        return out
    sheet, header, cols = opened

    def cell(row, f):
        c = cols[f]
        return row[c] if c < len(row) else ""

    def problem(r, f, message, value=""):
        out.problems.append(Problem(sheet.name, r, column_letter(cols[f]) if f else "", cell_text(value), message))  # fmt: skip

    with transaction.atomic():
        for i, row in enumerate(sheet.rows[header + 1 :], start=header + 2):
            if all(cell_text(v).strip() == "" for v in row):
                continue
            counts, ok = {}, True
            for f in ("high", "normal", "low"):
                try:
                    counts[f] = parse_int(cell(row, f))
                except ValueError as exc:
                    problem(i, f, str(exc), cell(row, f))
                    ok = False
            cid = parse_citizen_id(cell(row, "citizen_id"))[0]
            person = people.filter(citizen_id=cid).first()
            if person is None:
                problem(
                    i, "citizen_id", _("Không có cán bộ mang số CCCD này."), cell(row, "citizen_id")
                )
                continue
            if not ok:
                continue
            try:
                with transaction.atomic():
                    vote_result_add(actor=actor, vote=vote, person=person, **counts)
            except PermissionDenied:
                problem(i, "citizen_id", _("Bạn không có quyền ghi kết quả cho cán bộ này."), cell(row, "citizen_id"))  # fmt: skip
            except ValidationError as exc:
                problem(i, "citizen_id", " ".join(exc.messages), cell(row, "citizen_id"))
            else:
                out.saved += 1
        if out.problems:
            out.saved = 0
            transaction.set_rollback(True)
    return out


# --- ballot sheets -------------------------------------------------------------------------

_CHOICES = {
    "tin nhiem cao": "high", "cao": "high", "tnc": "high",
    "tin nhiem": "normal", "tn": "normal", "binh thuong": "normal",
    "tin nhiem thap": "low", "thap": "low", "tnt": "low",
}  # fmt: skip


def parse_choice(value) -> str:
    """A ballot cell: "Tín nhiệm cao" / "cao" / "TNC", "Tín nhiệm" / "TN", "Tín nhiệm thấp" /
    "thấp" / "TNT" (with or without diacritics); "" for a blank cell; ValueError otherwise."""
    key = key_of(cell_text(value))
    if not key:
        return ""
    if key in _CHOICES:
        return _CHOICES[key]
    raise ValueError(
        _(
            "“%(v)s” không phải mức tín nhiệm: ghi “Tín nhiệm cao”, “Tín nhiệm” hoặc “Tín nhiệm thấp”."
        )
        % {"v": value}
    )


def _as_citizen_id(value) -> str:
    text = parse_citizen_id(value)[0] if cell_text(value).strip() else ""
    return text if len(text) == 12 and text.isdigit() else ""


def import_ballots(path: str | Path, *, vote, actor=None, name: str | None = None, people=None) -> VoteImport:  # fmt: skip
    """The ballots of a session from a sheet: one row per ballot, one column per person voted
    on with the person's citizen ID as its header, each cell the level marked (blank: not
    marked). Every cell checked, then all the ballots saved or none."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from .services import ballots_add

    out = VoteImport()
    people = Person.objects.all() if people is None else people
    missing = _(
        "Không tìm thấy dòng tiêu đề: mỗi cột một người được lấy phiếu, tiêu đề là số CCCD."
    )  # fmt: skip
    opened = _open_sheet(
        path, name, out,
        lambda row: {c: cid for c, v in enumerate(row) if (cid := _as_citizen_id(v))}, missing,
    )  # fmt: skip
    if opened is None:
        return out
    sheet, header, cols = opened
    persons = {p.citizen_id: p for p in people.filter(citizen_id__in=cols.values())}
    for c, cid in cols.items():
        if cid not in persons:
            out.problems.append(Problem(sheet.name, header + 1, column_letter(c), cid, _("Không có cán bộ mang số CCCD này.")))  # fmt: skip
    ballots = []
    for i, row in enumerate(sheet.rows[header + 1 :], start=header + 2):
        cells = {c: (row[c] if c < len(row) else "") for c in cols}
        if all(cell_text(v).strip() == "" for v in cells.values()):
            continue
        sheet_marks = {}
        for c, value in cells.items():
            try:
                choice = parse_choice(value)
            except ValueError as exc:
                out.problems.append(Problem(sheet.name, i, column_letter(c), cell_text(value), str(exc)))  # fmt: skip
                continue
            if choice and cols[c] in persons:
                sheet_marks[persons[cols[c]]] = choice
        ballots.append(sheet_marks)
    if out.problems:
        return out
    try:
        out.saved = ballots_add(actor=actor, vote=vote, ballots=ballots)
    except PermissionDenied:
        out.problems.append(Problem(sheet.name, None, "", "", _("Bạn không có quyền ghi kết quả lấy phiếu ở đơn vị này.")))  # fmt: skip
    except ValidationError as exc:
        out.problems += [Problem(sheet.name, None, "", "", m) for m in exc.messages]
    return out
