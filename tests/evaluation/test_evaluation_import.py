"""`canbo import-ratings`: citizen ID or name + birth date, ratings written out or abbreviated,
all rows or none, each error with row, column, value and reason."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from canbo.evaluation.importing import parse_rating
from canbo.evaluation.models import Evaluation
from tests.factories import PersonFactory, make_leader, unit

WRITTEN = {
    "excellent": ["HTXSNV", "htxs", "Hoàn thành xuất sắc nhiệm vụ", "hoan thanh xuat sac chuc trach nhiem vu"],
    "good": ["HTTNV", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt chức trách nhiệm vụ"],
    "complete": ["HTNV", "Hoàn thành nhiệm vụ", "hoàn thành chức trách nhiệm vụ", "Hoàn thành"],
    "incomplete": ["KHTNV", "Không hoàn thành nhiệm vụ", "không hoàn thành"],
}  # fmt: skip


@pytest.mark.parametrize(("rating", "text"), [(r, t) for r, ts in WRITTEN.items() for t in ts])
def test_parse_rating(rating, text):
    assert parse_rating(text) == rating
    assert parse_rating(text.upper()) == rating


@given(st.text(max_size=20))
def test_parse_rating_never_guesses(text):
    try:
        rating = parse_rating(text)
    except ValueError as exc:
        assert "Không nhận ra mức xếp loại" in str(exc)
    else:
        assert rating in WRITTEN


@pytest.fixture
def people(db):
    where = unit("xa", "Đảng ủy xã")
    a = PersonFactory(
        unit=where, full_name="Trần Thị Hoa", gender="female", birth_date=date(1980, 3, 4)
    )
    b = PersonFactory(unit=where, full_name="Lê Văn Nam")
    return a, b


def _csv(tmp_path, text):
    path = tmp_path / "xep-loai.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.django_db
def test_import_by_citizen_id_and_by_name(people, tmp_path, capsys):
    a, b = people
    path = _csv(
        tmp_path,
        "Số CCCD,Họ và tên,Ngày sinh,Năm,Xếp loại\n"
        f"{b.citizen_id},,,2023,HTTNV\n"
        ",trần thị hoa,04/03/1980,2023,Hoàn thành xuất sắc nhiệm vụ\n"
        ",Trần Thị Hoa,04/03/1980,2024,KHTNV\n",
    )
    call_command("import-ratings", path)
    assert "Đã nhập 3" in capsys.readouterr().out
    got = set(Evaluation.objects.values_list("person_id", "year", "rating", "source"))
    assert got == {(b.pk, 2023, "good", "import"), (a.pk, 2023, "excellent", "import"), (a.pk, 2024, "incomplete", "import")}  # fmt: skip


@pytest.mark.django_db
def test_import_all_or_nothing_with_every_error(people, tmp_path, capsys):
    a, b = people
    path = _csv(
        tmp_path,
        "Số CCCD,Họ và tên,Ngày sinh,Xếp loại\n"
        f"{b.citizen_id},,,HTTNV\n"
        "001099000001,,,HTNV\n"
        ",Trần Thị Hoa,05/03/1980,HTNV\n"
        f"{a.citizen_id},,,Tốt lắm\n"
        f"{b.citizen_id},,,HTNV\n",
    )
    with pytest.raises(CommandError, match="Không nhập dòng nào: 4 lỗi"):
        call_command("import-ratings", path, "--year", "2022")
    err = capsys.readouterr().err
    assert "dòng 3, cột A “001099000001”: Không có cán bộ mang số CCCD này." in err
    assert "dòng 4, cột B “Trần Thị Hoa”: Không có cán bộ mang họ tên và ngày sinh này." in err
    assert "dòng 5, cột D “Tốt lắm”: Không nhận ra mức xếp loại" in err
    assert "dòng 6" in err and "Trùng với dòng 2" in err
    assert not Evaluation.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_year_already_rated(people, tmp_path, capsys):
    a, _b = people
    path = _csv(tmp_path, f"CCCD,Xếp loại\n{a.citizen_id},HTNV\n")
    call_command("import-ratings", path, "--year", "2021")
    with pytest.raises(CommandError):
        call_command("import-ratings", path, "--year", "2021")
    assert "đã có kết quả xếp loại năm 2021" in capsys.readouterr().err
    assert Evaluation.objects.count() == 1


@pytest.mark.django_db
def test_import_needs_a_year(people, tmp_path, capsys):
    a, _b = people
    with pytest.raises(CommandError):
        call_command("import-ratings", _csv(tmp_path, f"CCCD,Xếp loại\n{a.citizen_id},HTNV\n"))
    assert "--year" in capsys.readouterr().err


@pytest.mark.django_db
def test_import_xlsx(people, tmp_path):
    from openpyxl import Workbook

    a, b = people
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH XẾP LOẠI NĂM 2020"])
    ws.append(["STT", "Số CCCD", "Năm", "Kết quả xếp loại"])
    ws.append([1, a.citizen_id, 2020, "HTXSNV"])
    ws.append([2, b.citizen_id, 2020, "Hoàn thành tốt nhiệm vụ"])
    path = tmp_path / "xl.xlsx"
    wb.save(path)
    call_command("import-ratings", str(path))
    assert sorted(Evaluation.objects.values_list("rating", flat=True)) == ["excellent", "good"]


@pytest.mark.django_db
def test_upload_page_scoped_and_all_or_nothing(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import user_with_grant

    a, b = people
    outsider = PersonFactory(unit=unit("khac", "Đơn vị khác"))
    client.force_login(user_with_grant("org-board", a.unit))
    body = f"CCCD,Năm,Xếp loại\n{a.citizen_id},2022,HTNV\n{outsider.citizen_id},2022,HTTNV\n"
    upload = SimpleUploadedFile("xl.csv", body.encode())
    page = client.post("/evaluation/import/", {"file": upload}).content.decode()
    assert "Không nhập dòng nào: 1 lỗi" in page
    assert "Không có cán bộ mang số CCCD này." in page  # out of scope = not found
    assert not Evaluation.objects.exists()
    upload = SimpleUploadedFile("xl.csv", body.encode().split(b"\n", 2)[0] + b"\n" + body.encode().split(b"\n")[1] + b"\n")  # fmt: skip
    response = client.post("/evaluation/import/", {"file": upload}, follow=True)
    assert "Đã nhập 1 kết quả xếp loại" in response.content.decode()


@pytest.mark.django_db
def test_vote_count_sheet_all_or_nothing(tmp_path):
    from canbo.evaluation.importing import import_vote_results
    from canbo.evaluation.models import VoteResult
    from canbo.evaluation.services import vote_create

    where = unit("bch", "Ban Chấp hành")
    a, b = make_leader(PersonFactory(unit=where)), make_leader(PersonFactory(unit=where))
    vote = vote_create(actor=None, unit=where, body="Hội nghị BCH", held_on=date(2026, 6, 1), convened=40, present=36)  # fmt: skip
    bad = _csv(tmp_path, f"Số CCCD,Tín nhiệm cao,Tín nhiệm,Tín nhiệm thấp\n{a.citizen_id},20,10,6\n{b.citizen_id},30,10,6\n")  # fmt: skip
    result = import_vote_results(bad, vote=vote)
    assert [(p.row, p.column) for p in result.problems] == [(3, "A")]
    assert "lớn hơn số người có mặt" in result.problems[0].message
    assert not VoteResult.objects.exists()
    good = _csv(tmp_path, f"Số CCCD,Tín nhiệm cao,Tín nhiệm,Tín nhiệm thấp\n{a.citizen_id},20,10,6\n{b.citizen_id},2,7,27\n")  # fmt: skip
    assert import_vote_results(good, vote=vote).saved == 2
    outcomes = {r.person_id: r.outcome().consequence for r in VoteResult.objects.all()}
    assert outcomes == {a.pk: "", b.pk: "dismissal"}  # 27 of 40 convened ≥ 2/3
