"""Two more quirks of real rosters: Nam / Nữ columns that hold a mark (the date of birth in a
column of its own), and hometowns written as free text, matched to the area catalog."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.audit.models import AuditEntry
from canbo.imports.areas import AreaMatcher
from canbo.people.models import Person
from canbo.rules.citizen_id import make_citizen_id
from canbo.units.models import Area
from tests.factories import unit
from tests.imports.rosters import run_import as run
from tests.imports.rosters import write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    root = unit("tinh", name="Tỉnh ủy Thử Nghiệm", kind="party_committee")
    return unit("van-phong", name="Văn phòng Tỉnh ủy", kind="party_body", parent=root)


# -- (a) Nam / Nữ columns holding a mark ---------------------------------------------------

MARKS_UNDER_BIRTH = [
    ("STT", None), ("Họ và tên", None), ("Năm sinh", "Nam"), ("", "Nữ"),
    ("Ngày, tháng, năm sinh", None), ("Số CCCD", None), ("Dân tộc", None),
]  # fmt: skip
MARKS_UNDER_GENDER = [
    ("STT", None), ("Họ và tên", None), ("Ngày sinh", None), ("Giới tính", "Nam"), ("", "Nữ"),
    ("Dân tộc", None),
]  # fmt: skip


def test_a_mark_in_nam_or_nu_gives_the_gender_and_the_date_has_its_own_column(office, tmp_path):
    cid = make_citizen_id("001", "female", 1986, 7)
    rows = [
        ("unit", "Văn phòng Tỉnh ủy"),
        ("row", [1, "Nguyễn Văn An", "x", "", date(1980, 5, 17), "", "Kinh"]),
        ("row", [2, "Lê Thị Mai", "", "✓", "03/1986", cid, "Kinh"]),
        ("row", [3, "Trần Văn Bình", "X", "", "1975", "", "Kinh"]),
        ("row", [4, "Phạm Thị Hoa", "", " X ", "07/03/1990", "", "Kinh"]),
    ]
    path = write_xlsx(tmp_path / "dau-x.xlsx", rows, columns=MARKS_UNDER_BIRTH)
    status, out = run(path, "--unit", "tinh")
    assert status == 0, out
    people = {p.full_name: p for p in Person.objects.all()}
    assert people["Nguyễn Văn An"].gender == "male"
    assert people["Nguyễn Văn An"].birth_date == date(1980, 5, 17)
    assert people["Lê Thị Mai"].gender == "female"
    assert str(people["Lê Thị Mai"].birth) == "03/1986"
    assert people["Lê Thị Mai"].citizen_id == cid  # the ID's gender digit agrees with "Nữ"
    assert (people["Trần Văn Bình"].gender, str(people["Trần Văn Bình"].birth)) == ("male", "1975")
    assert people["Phạm Thị Hoa"].gender == "female"
    assert {p.unit.code for p in people.values()} == {"van-phong"}


def test_marks_under_a_gender_header(office, tmp_path):
    rows = [
        ("row", [1, "Nguyễn Văn An", "17/05/1980", "✔", "", "Kinh"]),
        ("row", [2, "Lê Thị Mai", "1986", "", "x", "Kinh"]),
    ]
    path = write_xlsx(tmp_path / "gioi-tinh.xlsx", rows, columns=MARKS_UNDER_GENDER)
    status, out = run(path, "--unit", "van-phong")
    assert status == 0, out
    assert dict(Person.objects.values_list("full_name", "gender")) == {
        "Nguyễn Văn An": "male",
        "Lê Thị Mai": "female",
    }


def test_the_date_in_the_nam_or_nu_column_still_gives_the_gender(office, tmp_path):
    columns = [("STT", None), ("Họ và tên", None), ("Ngày sinh", "Nam"), ("", "Nữ")]
    rows = [
        ("row", [1, "Nguyễn Văn An", date(1980, 5, 17), ""]),
        ("row", [2, "Lê Thị Mai", "", "03/1986"]),
    ]
    path = write_xlsx(tmp_path / "ngay-o-cot.xlsx", rows, columns=columns)
    status, out = run(path, "--unit", "van-phong")
    assert status == 0, out
    mai = Person.objects.get(full_name="Lê Thị Mai")
    assert (mai.gender, str(mai.birth)) == ("female", "03/1986")


def test_marks_in_both_columns_or_a_mark_without_a_date_are_errors(office, tmp_path):
    rows = [
        ("row", [1, "Nguyễn Văn An", "x", "x", "17/05/1980", "", "Kinh"]),
        ("row", [2, "Lê Thị Mai", "", "x", "", "", "Kinh"]),
        ("row", [3, "Trần Văn Bình", "x", "", "1975", "", "Kinh"]),
    ]
    path = write_xlsx(tmp_path / "loi-dau.xlsx", rows, columns=MARKS_UNDER_BIRTH)
    status, out = run(path, "--unit", "van-phong")
    assert status == 1, out
    assert "Đánh dấu ở cả cột Nam và cột Nữ." in out
    assert "Thiếu ngày sinh." in out
    assert not Person.objects.exists()  # all or nothing


# -- (b) hometown as free text -------------------------------------------------------------

HOMETOWN = [("STT", None), ("Họ và tên", None), ("Ngày sinh", "Nam"), ("", "Nữ"), ("Quê quán", None)]  # fmt: skip
TOWNS = {
    "Nguyễn Văn An": "xã Tân Lập, huyện Thanh Sơn, tỉnh Phú Thọ",  # a former commune, in full
    "Lê Văn Bình": "Hà Nội",  # a province alone, without its type
    "Trần Văn Cường": "Vĩnh Phúc",  # a province merged in 2025 (now Phú Thọ)
    "Phạm Văn Dũng": "thôn 3, xã Tân Lập, tỉnh Phú Thọ",  # a hamlet first; the former province
    "Đỗ Văn Hải": "huyện Thanh Sơn, Phú Thọ",  # a former district
    "Vũ Văn Hùng": "TP. Hồ Chí Minh",
    "Hồ Văn Khánh": "Tân Lập",  # dozens of communes have that name: ambiguous
    "Ngô Văn Long": "Làng Gốm Cổ Xưa",  # not in the catalog
}


def _hometown_rows():
    return [
        ("row", [i, name, date(1970 + i, 1, 1 + i), "", town])
        for i, (name, town) in enumerate(TOWNS.items(), start=1)
    ]


def _full_name(area: Area | None) -> str:
    return area.full_name() if area else ""


def test_hometown_text_is_matched_to_the_area_catalog_where_unambiguous(office, tmp_path):
    path = write_xlsx(tmp_path / "que-quan.xlsx", _hometown_rows(), columns=HOMETOWN)
    status, out = run(path, "--unit", "van-phong")
    assert status == 0, out  # an unmatched hometown is a warning, not an error
    people = {p.full_name: p for p in Person.objects.select_related("hometown")}
    found = {name: _full_name(p.hometown) for name, p in people.items()}
    assert found["Nguyễn Văn An"] == "Xã Tân Lập, Huyện Thanh Sơn, Tỉnh Phú Thọ"
    assert found["Lê Văn Bình"] == "Thành phố Hà Nội"
    assert people["Lê Văn Bình"].hometown.is_current
    assert found["Trần Văn Cường"] == "Tỉnh Vĩnh Phúc"
    assert not people["Trần Văn Cường"].hometown.is_current  # the former province
    assert found["Phạm Văn Dũng"] == "Xã Tân Lập, Huyện Thanh Sơn, Tỉnh Phú Thọ"
    assert found["Đỗ Văn Hải"] == "Huyện Thanh Sơn, Tỉnh Phú Thọ"
    assert found["Vũ Văn Hùng"] == "Thành phố Hồ Chí Minh"
    assert found["Hồ Văn Khánh"] == "" and found["Ngô Văn Long"] == ""
    # the text as written is kept in every case
    assert {name: p.hometown_text for name, p in people.items()} == TOWNS
    assert "cảnh báo" in out
    assert "Quê quán “Tân Lập” khớp" in out
    assert "Quê quán “Làng Gốm Cổ Xưa” không khớp địa bàn hành chính nào" in out
    assert out.count("Quê quán “") == 2
    # the audit entry of a new profile holds the area too
    entry = AuditEntry.objects.get(
        action="create", model="people.Person", object_id=str(people["Lê Văn Bình"].pk)
    )
    assert entry.after["hometown"] == people["Lê Văn Bình"].hometown_id


def test_reimporting_hometowns_changes_nothing(office, tmp_path):
    path = write_xlsx(tmp_path / "que-quan.xlsx", _hometown_rows(), columns=HOMETOWN)
    assert run(path, "--unit", "van-phong")[0] == 0
    before = list(
        Person.objects.order_by("pk").values_list("version", "hometown_id", "hometown_text")
    )
    status, out = run(path, "--unit", "van-phong")
    assert status == 0, out
    assert "8 không đổi" in out, out
    after = list(
        Person.objects.order_by("pk").values_list("version", "hometown_id", "hometown_text")
    )
    assert after == before


def test_the_exported_full_name_of_the_area_reimports_unchanged(office, tmp_path):
    path = write_xlsx(tmp_path / "que-quan.xlsx", _hometown_rows(), columns=HOMETOWN)
    assert run(path, "--unit", "van-phong")[0] == 0
    # the list canbo exports writes the recorded area's full name instead of the text
    rows = [
        ("row", [i, p.full_name, p.birth_date, "", _full_name(p.hometown) or p.hometown_text])
        for i, p in enumerate(Person.objects.select_related("hometown").order_by("pk"), 1)
    ]
    again = write_xlsx(tmp_path / "xuat-lai.xlsx", rows, columns=HOMETOWN)
    versions = dict(Person.objects.values_list("pk", "version"))
    status, out = run(again, "--unit", "van-phong")
    assert status == 0, out
    assert dict(Person.objects.values_list("pk", "version")) == versions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoà Bình", "Tỉnh Hoà Bình"),  # old placement of the tone mark …
        ("Hòa Bình", "Tỉnh Hoà Bình"),  # … and the new one
        ("Ha Noi", "Thành phố Hà Nội"),  # typed without diacritics
        ("Bà Rịa - Vũng Tàu", "Tỉnh Bà Rịa - Vũng Tàu"),
        ("Cao Bằng", "Tỉnh Cao Bằng"),  # the province, not the city of the same name
        ("Thanh Sơn, Phú Thọ", "Huyện Thanh Sơn, Tỉnh Phú Thọ"),  # not "Thành Sơn"
        ("xã Tân Lập, tỉnh Phú Thọ", "Xã Tân Lập, Huyện Thanh Sơn, Tỉnh Phú Thọ"),
    ],
)
def test_area_matcher(text, expected):
    matcher = AreaMatcher()
    pk, warning = matcher.match(text)
    assert warning == ""
    assert matcher.full_name(pk) == expected


def test_area_matcher_lists_the_candidates_of_an_ambiguous_text():
    pk, warning = AreaMatcher().match("xã Tân Lập")
    assert pk is None
    assert "Quê quán “xã Tân Lập” khớp" in warning
    assert warning.count("Xã Tân Lập, ") == 3  # the first three candidates, then "…"
    assert "hãy ghi thêm huyện, tỉnh" in warning


# -- the insert of new profiles: foreign keys checked set-wise or by the triggers ---------------


@pytest.mark.parametrize("setwise", [True, False])
def test_a_dangling_foreign_key_is_refused_on_postgresql(office, monkeypatch, setwise):
    import psycopg
    from django.db import IntegrityError, connection, transaction

    from canbo.imports import writing
    from canbo.imports.analysis import _new_person

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL checks each key during the COPY; SQLite at COMMIT")
    monkeypatch.setattr(writing, "_may_skip_row_triggers", lambda connection: setwise)
    person = _new_person()
    person.full_name, person.search_name, person.given_name = "Nguyễn Văn An", "nguyen van an", "an"
    person.gender, person.birth_date, person.unit_id = "male", date(1980, 1, 1), office.pk
    good = writing.values_of(person)
    person.ethnicity_id = 987654  # no such ethnicity
    bad = writing.values_of(person)
    # (the COPY's own error is the driver's: it bypasses Django's cursor wrapper)
    with pytest.raises((IntegrityError, psycopg.IntegrityError)), transaction.atomic():
        writing.insert_people([good, bad])
    assert not Person.objects.exists()
    writing.insert_people([good])  # and a good one goes in, triggers back to normal after
    assert Person.objects.get().unit_id == office.pk
    with connection.cursor() as cursor:
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone()[0] == "origin"
