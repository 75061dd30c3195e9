"""`canbo import people`: the quirks of real rosters, all-or-nothing, matching, reports."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from canbo.imports.models import HeaderSynonym, ImportRun, SavedMapping
from canbo.people.models import Person
from canbo.posts.models import Title
from canbo.rules.citizen_id import make_citizen_id
from canbo.units.models import Unit
from tests.factories import PersonFactory, unit
from tests.imports.rosters import STANDARD, person_cells, write_csv, write_xls, write_xlsx
from tests.imports.rosters import run_import as run

pytestmark = pytest.mark.django_db

CID_AN = make_citizen_id("001", "male", 1980, 11)
CID_MAI = make_citizen_id("036", "female", 1985, 12)


@pytest.fixture
def tree():
    root = unit("tinh", name="Tỉnh ủy Thử Nghiệm", kind="party_committee")
    office = unit("van-phong", name="Văn phòng Tỉnh ủy", kind="party_body", parent=root)
    board = unit("ban-to-chuc", name="Ban Tổ chức Tỉnh ủy", kind="party_body", parent=root)
    Title.objects.create(code="chanh-vp", name="Chánh Văn phòng", group="party")
    return {"root": root, "office": office, "board": board}


def quirky_items():
    nfd = unicodedata.normalize("NFD", "Lê Thị  Mai")
    return [
        ("group", "I. KHỐI ĐẢNG, ĐOÀN THỂ"),
        ("unit", "1. Văn phòng Tỉnh ủy"),
        ("person", {"seq": 1, "name": "NGUYỄN VĂN  AN", "birth": date(1980, 5, 17),
                    "cid": CID_AN, "position": "Chánh Văn phòng Văn phòng Tỉnh ủy",
                    "qualification": "Cử nhân Luật", "theory": "CC", "state": "CVC",
                    "party": "03/02/2005"}),
        ("person", {"seq": 2, "name": nfd, "gender": "female", "birth": "03/1985", "cid": CID_MAI,
                    "qualification": "Ths Kinh tế", "theory": "TC", "state": "CV"}),
        ("person", {"seq": 3, "name": " Trần Văn Bình ", "birth": "1975",
                    "qualification": "Kỹ sư xây dựng", "theory": "Sơ cấp", "party": "5-6-2001"}),
        ("unit", "2. Ban Tổ chức Tỉnh ủy"),
        ("person", {"seq": 4, "name": "Phạm Thị Hoa", "gender": "female", "birth": "7/3/1990",
                    "qualification": "ĐH", "theory": "SC", "state": "CVCC", "party": "07-03-2015"}),
        ("person", {"seq": 5, "name": "Đỗ Văn Cường", "birth": "05-11-1979",
                    "qualification": "TS Kinh tế chính trị", "theory": "Cử nhân"}),
        ("person", {"seq": 6, "name": "Vũ Văn Dũng", "birth": "12/1970", "qualification": "CĐ",
                    "position": "Chuyên viên phòng XYZ"}),
        ("person", {"seq": 7, "name": "Hà Thị Lan", "gender": "female", "birth": "1988",
                    "qualification": "Thạc sỹ Quản lý công"}),
    ]  # fmt: skip


def test_roster_with_every_quirk_imports(tree, tmp_path):
    path = write_xlsx(tmp_path / "danh-sach.xlsx", quirky_items())
    status, out = run(path, "--unit", "tinh")
    assert status == 0, out
    assert "7 thêm mới" in out
    assert "Danh sách tính đến ngày 31/12/2025" in out
    an = Person.objects.get(citizen_id=CID_AN)
    assert an.full_name == "Nguyễn Văn An"  # capitals and the double space
    assert (an.gender, an.birth_date, an.birth_date_precision) == ("male", date(1980, 5, 17), "day")
    assert an.unit == tree["office"]  # the unit row above it
    assert an.qualification_level.code == "DH" and an.qualification_field == "Luật"
    assert an.political_theory.code == "CC" and an.state_management.code == "CVC"
    assert an.party_joined_on == date(2005, 2, 3)
    assert an.main_duty == "Chánh Văn phòng"  # the title, split from the known unit
    mai = Person.objects.get(citizen_id=CID_MAI)
    assert mai.full_name == "Lê Thị Mai"  # NFD and double space
    assert (mai.gender, str(mai.birth)) == ("female", "03/1985")  # the "Nữ" column, month kept
    assert mai.qualification_level.code == "THS" and mai.qualification_field == "Kinh tế"
    binh = Person.objects.get(full_name="Trần Văn Bình")
    assert (str(binh.birth), binh.birth_date_precision) == ("1975", "year")
    assert binh.qualification_level.code == "DH" and binh.qualification_field == "xây dựng"
    assert binh.political_theory.code == "SC" and binh.party_joined_on == date(2001, 6, 5)
    hoa = Person.objects.get(full_name="Phạm Thị Hoa")
    assert hoa.unit == tree["board"] and str(hoa.birth) == "07/03/1990"
    assert hoa.state_management.code == "CVCC" and hoa.party_joined_on == date(2015, 3, 7)
    cuong = Person.objects.get(full_name="Đỗ Văn Cường")
    assert str(cuong.birth) == "05/11/1979" and cuong.qualification_level.code == "TS"
    assert cuong.political_theory.code == "CN"
    dung = Person.objects.get(full_name="Vũ Văn Dũng")
    assert dung.qualification_level.code == "CD" and dung.main_duty == "Chuyên viên phòng XYZ"
    assert "Không tách được chức vụ và đơn vị" in out  # … kept as text, listed as a warning
    lan = Person.objects.get(full_name="Hà Thị Lan")
    assert lan.qualification_level.code == "THS" and lan.qualification_field == "Quản lý công"
    run_ = ImportRun.objects.get()
    assert (run_.status, run_.created, run_.rows) == ("imported", 7, 7)
    assert run_.list_date == date(2025, 12, 31) and run_.file.name.endswith(".xlsx")


def test_reimporting_the_same_file_changes_nothing(tree, tmp_path):
    path = write_xlsx(tmp_path / "ds.xlsx", quirky_items())
    assert run(path, "--unit", "tinh")[0] == 0
    before = {p.pk: (p.version, p.updated_at) for p in Person.objects.all()}
    status, out = run(path, "--unit", "tinh")
    assert status == 0 and "7 không đổi" in out and "0 thêm mới, 0 cập nhật" in out
    assert {p.pk: (p.version, p.updated_at) for p in Person.objects.all()} == before


def test_a_changed_cell_updates_through_the_service(tree, tmp_path):
    items = quirky_items()
    assert run(write_xlsx(tmp_path / "a.xlsx", items), "--unit", "tinh")[0] == 0
    items[2][1]["theory"] = "Trung cấp"
    status, out = run(write_xlsx(tmp_path / "b.xlsx", items), "--unit", "tinh")
    assert status == 0 and "1 cập nhật, 6 không đổi" in out, out
    an = Person.objects.get(citizen_id=CID_AN)
    assert an.political_theory.code == "TC" and an.version == 2


def test_any_error_rejects_the_whole_file_and_lists_every_problem(tree, tmp_path):
    items = quirky_items()
    items[3][1]["birth"] = "31/02/1985"  # no such day
    items[4][1]["theory"] = "Tiến sĩ lý luận"  # not a level
    items.append(("person", {"name": "Ngô Văn Tư", "birth": "1/1/2090"}))  # in the future
    path = write_xlsx(tmp_path / "loi.xlsx", items)
    status, out = run(path, "--unit", "tinh", "--errors", tmp_path / "loi-can-sua.xlsx")
    assert status == 1
    assert Person.objects.count() == 0  # nothing written
    assert "dòng 11, cột D (Ngày, tháng, năm sinh › Nữ) “31/02/1985”" in out
    assert "Ngày “31” không có trong tháng 02/1985" in out
    assert "cột I (Trình độ › Lý luận chính trị) “Tiến sĩ lý luận”" in out
    assert "Ngày sinh không được ở tương lai" in out
    assert "3 lỗi" in out
    assert ImportRun.objects.get().status == "rejected"
    sheet = load_workbook(tmp_path / "loi-can-sua.xlsx")["Danh sách"]
    error_col = sheet.max_column
    assert sheet.cell(5, error_col).value == "Lỗi cần sửa"
    assert "31" in sheet.cell(11, error_col).value and sheet.cell(11, 2).value
    assert sheet.cell(10, error_col).value is None  # the good rows are left alone


def test_unit_row_naming_an_unknown_unit(tree, tmp_path):
    items = [("unit", "3. Ban Tuyên giáo Tỉnh ủy"),
             ("person", {"name": "Lý Văn Nam", "birth": "02/02/1982"})]  # fmt: skip
    path = write_xlsx(tmp_path / "dv.xlsx", items)
    status, out = run(path, "--unit", "tinh")
    assert status == 1 and "Đơn vị “Ban Tuyên giáo Tỉnh ủy” chưa có trong canbo" in out
    assert run(path, "--create-units")[0] == 2  # needs --unit
    status, out = run(path, "--unit", "tinh", "--create-units")
    assert status == 0 and "Đơn vị mới: " in out and "Ban Tuyên giáo Tỉnh ủy" in out
    created = Unit.objects.get(name="Ban Tuyên giáo Tỉnh ủy")
    assert created.parent == tree["root"]
    assert Person.objects.get(full_name="Lý Văn Nam").unit == created


def test_matching_by_citizen_id_then_name_and_birth(tree, tmp_path):
    by_cid = PersonFactory(full_name="Nguyễn Văn An", citizen_id=CID_AN, unit=tree["office"],
                           birth_date=date(1980, 5, 17))  # fmt: skip
    by_name = PersonFactory(full_name="Trần Văn Bình", citizen_id=None, unit=tree["office"],
                            birth_date=date(1975, 1, 1), birth_date_precision="year")  # fmt: skip
    items = [("unit", "Văn phòng Tỉnh ủy"),
             ("person", {"name": "Nguyễn Văn An", "birth": date(1980, 5, 17), "cid": CID_AN,
                         "theory": "CC"}),
             ("person", {"name": "TRẦN VĂN BÌNH", "birth": "1975", "theory": "SC"})]  # fmt: skip
    status, out = run(write_xlsx(tmp_path / "m.xlsx", items, footer=False))
    assert status == 0 and "2 cập nhật" in out, out
    by_cid.refresh_from_db()
    by_name.refresh_from_db()
    assert by_cid.political_theory.code == "CC" and by_name.political_theory.code == "SC"
    assert Person.objects.count() == 2


def test_two_profiles_with_the_same_name_and_birth_are_an_error(tree, tmp_path):
    for _i in range(2):
        PersonFactory(full_name="Trần Văn Bình", citizen_id=None, unit=tree["office"],
                      birth_date=date(1975, 3, 3))  # fmt: skip
    items = [
        ("unit", "Văn phòng Tỉnh ủy"),
        ("person", {"name": "Trần Văn Bình", "birth": "03/03/1975", "theory": "TC"}),
    ]
    status, out = run(write_xlsx(tmp_path / "amb.xlsx", items))
    assert status == 1 and "Có 2 hồ sơ cùng họ tên và ngày sinh" in out


def test_a_namesake_born_another_day_is_another_person(tree, tmp_path):
    """Matching by name takes the date of birth with it: namesakes are common."""
    for day in (1, 2, 3, 4):
        PersonFactory(full_name="Trần Văn Bình", citizen_id=None, unit=tree["office"],
                      birth_date=date(1975, 3, day), political_theory=None)  # fmt: skip
    items = [
        ("unit", "Văn phòng Tỉnh ủy"),
        ("person", {"name": "Trần Văn Bình", "birth": "03/03/1975", "theory": "TC"}),
        ("person", {"name": "Trần Văn Bình", "birth": "05/03/1975", "theory": "SC"}),
    ]
    status, out = run(write_xlsx(tmp_path / "namesakes.xlsx", items))
    assert status == 0 and "1 thêm mới, 1 cập nhật" in out, out
    binhs = Person.objects.filter(full_name="Trần Văn Bình").order_by("birth_date")
    theories = [(p.birth_date.day, p.political_theory and p.political_theory.code) for p in binhs]
    assert theories == [(1, None), (2, None), (3, "TC"), (4, None), (5, "SC")]


def test_citizen_id_rules_of_the_form_apply(tree, tmp_path):
    wrong_gender = make_citizen_id("001", "female", 1980, 5)  # a woman's ID on a man's row
    items = [
        ("unit", "Văn phòng Tỉnh ủy"),
        ("person", {"name": "Ngô Văn Hải", "birth": "1980", "cid": wrong_gender}),
        ("person", {"name": "Ngô Văn Hà", "birth": "1981", "cid": "12345"}),
    ]
    status, out = run(write_xlsx(tmp_path / "cid.xlsx", items))
    assert status == 1 and out.count("cột E (Số CCCD)") >= 2, out


def test_citizen_id_typed_as_a_number_gets_its_zero_back(tree, tmp_path):
    items = [
        ("unit", "Văn phòng Tỉnh ủy"),
        ("person", {"name": "Ngô Văn Hải", "birth": "1980", "cid": int(CID_AN)}),
    ]
    status, out = run(write_xlsx(tmp_path / "num.xlsx", items))
    assert status == 0 and "mất số 0 ở đầu" in out
    assert Person.objects.get().citizen_id == CID_AN


def test_csv_in_utf8_with_bom_and_in_windows_1258(tree, tmp_path):
    header = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị công tác", "Lý luận chính trị"]
    rows = [header, [1, "Nguyễn Thị Huyền", "Nữ", "12/05/1983", "Ban Tổ chức Tỉnh ủy", "TC"]]
    assert run(write_csv(tmp_path / "utf8.csv", rows), "--dry-run")[0] == 0
    rows[1][1] = "Trương Thị Hiền"
    status, out = run(write_csv(tmp_path / "win.csv", rows, encoding="cp1258", sep=";"))
    assert status == 0, out
    hien = Person.objects.get(full_name="Trương Thị Hiền")
    assert hien.unit == tree["board"] and hien.gender == "female"
    assert not Person.objects.filter(full_name="Nguyễn Thị Huyền").exists()  # dry run


def test_xls_file(tree, tmp_path):
    rows = [["DANH SÁCH CÁN BỘ"], [], ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"],
            [1, "Lê Văn Tám", date(1979, 8, 19), "Nam", "Văn phòng Tỉnh ủy"]]  # fmt: skip
    status, out = run(write_xls(tmp_path / "cu.xls", rows))
    assert status == 0, out
    tam = Person.objects.get(full_name="Lê Văn Tám")
    assert tam.birth_date == date(1979, 8, 19) and tam.unit == tree["office"]


def test_choose_a_sheet(tree, tmp_path):
    items = [("unit", "Văn phòng Tỉnh ủy"), ("person", {"name": "Lê Văn Tám", "birth": "1979"})]
    path = write_xlsx(tmp_path / "nhieu.xlsx", items, sheet="Khối Đảng", extra_sheets=("Ghi chú",))
    status, out = run(path, "--sheet", "Không có")
    assert status == 1 and "Các trang tính trong tệp: Khối Đảng, Ghi chú" in out
    assert run(path, "--sheet", "Khối Đảng")[0] == 0


def test_mapping_file_and_saved_mapping(tree, tmp_path):
    columns = [
        ("TT", None),
        ("Tên cán bộ", None),
        ("Sinh", None),
        ("Phái", None),
        ("Nơi làm", None),
    ]
    items = [("row", [1, "Lê Văn Tám", "1979", "Nam", "Văn phòng Tỉnh ủy"])]
    path = write_xlsx(tmp_path / "la.xlsx", items, columns=columns, numbering=False, footer=False)
    assert run(path)[0] == 1  # no header recognised
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"columns": {"B": "full_name", "Sinh": "birth_date",
                                               "Phái": "gender", "E": "unit"}}))  # fmt: skip
    status, out = run(path, "--mapping", mapping, "--save-mapping", "tinh-la", "--dry-run")
    assert status == 0, out
    assert SavedMapping.objects.get(name="tinh-la").columns["B"] == "full_name"
    status, out = run(path, "--mapping", "tinh-la")
    assert status == 0 and Person.objects.get().full_name == "Lê Văn Tám"
    assert run(path, "--mapping", "khong-co")[0] == 2


def test_users_extend_the_synonyms(tree, tmp_path):
    columns = [("STT", None), ("Họ và tên", None), ("Sinh nhật", None), ("Giới tính", None)]
    items = [("row", [1, "Lê Văn Tám", "1979", "Nam"])]
    path = write_xlsx(tmp_path / "syn.xlsx", items, columns=columns, numbering=False)
    status, out = run(path, "--unit", "van-phong")
    assert status == 1 and "Thiếu ngày sinh" in out
    HeaderSynonym.objects.create(field="birth_date", text="Sinh nhật")
    assert run(path, "--unit", "van-phong")[0] == 0


def test_usage_errors_exit_2(tree, tmp_path):
    path = write_xlsx(tmp_path / "u.xlsx", quirky_items())
    assert run(tmp_path / "khong-co.xlsx")[0] == 2
    assert run(path, "--unit", "khong-co")[0] == 2
    assert run(path, "--errors", tmp_path / "x.csv")[0] == 2
    with pytest.raises(CommandError):
        call_command("import", "people")  # the file is required


def test_a_text_file_that_is_not_a_roster(tree, tmp_path):
    path = tmp_path / "rac.xlsx"
    path.write_bytes(b"not a workbook")
    status, out = run(path)
    assert status == 1 and "Không đọc được tệp" in out


def test_standard_row_layout_helper_matches_headers():
    assert len(person_cells({"name": "A"})) == len(STANDARD)


def test_position_and_unit_in_one_cell(tree, tmp_path):
    commune = unit("ubnd-an-binh", name="UBND xã An Bình", kind="peoples_committee", parent=tree["root"])  # fmt: skip
    Title.objects.create(code="pho-chu-tich", name="Phó Chủ tịch", group="government")
    items = [("person", {"name": "Lê Văn Tám", "birth": "1979",
                         "position": "Phó Chủ tịch UBND xã An Bình"})]  # fmt: skip
    status, out = run(write_xlsx(tmp_path / "cv.xlsx", items), "--unit", "tinh")
    assert status == 0 and "0 cảnh báo" in out, out
    tam = Person.objects.get()
    assert (tam.unit, tam.main_duty) == (commune, "Phó Chủ tịch")


def test_a_unit_name_shared_by_two_units_is_a_warning(tree, tmp_path):
    unit("chi-bo-dong", name="Chi bộ thôn Đông", kind="party_cell", parent=tree["root"])
    unit("chi-bo-dong-2", name="Chi bộ thôn Đông", kind="party_cell", parent=tree["office"])
    first = Unit.objects.filter(name="Chi bộ thôn Đông").order_by("path").first()  # tree order
    items = [("unit", "Chi bộ thôn Đông"), ("person", {"name": "Lê Văn Tám", "birth": "1979"})]
    status, out = run(write_xlsx(tmp_path / "trung.xlsx", items), "--unit", "tinh")
    assert status == 0 and f"trùng với 2 đơn vị; dùng đơn vị {first.code}." in out
    assert Person.objects.get().unit == first
    other = "chi-bo-dong" if first.code == "chi-bo-dong-2" else "chi-bo-dong-2"
    items[0] = ("unit", f"Chi bộ thôn Đông ({other})")  # the code picks one
    status, out = run(write_xlsx(tmp_path / "ma.xlsx", items), "--unit", "tinh")
    assert status == 0 and Person.objects.get().unit.code == other


def _planner_rows(table: str) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.parametrize("big", [True, False])
def test_a_big_import_renews_postgresql_statistics(
    tree, tmp_path, monkeypatch, django_capture_on_commit_callbacks, big
):
    """Without it the next import of the same file is planned for an empty table (a scan of
    the whole table per 2,000 names)."""
    from django.db import connection

    from canbo.imports import services

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    monkeypatch.setattr(services, "ANALYZE_FROM", 7 if big else 8)  # the file holds 7 people
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_person")  # the planner counts 0 rows (none in the test)
    assert _planner_rows("people_person") == 0
    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.import_people(
            path=write_xlsx(tmp_path / "ds.xlsx", quirky_items()), unit=tree["root"]
        )
    assert outcome.created == 7
    assert _planner_rows("people_person") == (7 if big else 0)
