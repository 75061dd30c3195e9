"""The web flow: upload → preview → correct the mapping → commit, within the user's scope."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from canbo.imports.models import ImportRun, SavedMapping
from canbo.people.models import Person
from tests.factories import unit, user_with_grant
from tests.imports.rosters import write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    root = unit("tinh", name="Tỉnh ủy Thử Nghiệm", kind="party_committee")
    return unit("van-phong", name="Văn phòng Tỉnh ủy", kind="party_body", parent=root)


def _upload(client, path, unit_pk, **extra):
    with open(path, "rb") as fh:
        data = {"file": SimpleUploadedFile(path.name, fh.read()), "unit": unit_pk, **extra}
    return client.post("/imports/", data)


def test_upload_preview_fix_mapping_commit(staff_client, office, tmp_path):
    columns = [("STT", None), ("Họ và tên", None), ("Ngày sinh", None), ("Phái", None)]
    items = [("row", [1, "Lê Văn Tám", "19/08/1979", "Nam"]),
             ("row", [2, "Đinh Thị Vân", "1981", "Nữ"])]  # fmt: skip
    path = write_xlsx(tmp_path / "ds.xlsx", items, columns=columns, numbering=False)
    response = _upload(staff_client, path, office.pk)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{run.pk}/"
    page = staff_client.get(f"/imports/{run.pk}/").content.decode()
    assert "Thiếu giới tính" in page and 'id="commit"' not in page  # "Phái" is not known yet
    # correct the mapping: column D holds the gender; save it for next time
    response = staff_client.post(
        f"/imports/{run.pk}/",
        {"col_A": "seq", "col_B": "full_name", "col_C": "birth_date", "col_D": "gender",
         "save_as": "mau-phai"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    page = response.content.decode()
    assert "2 sẽ thêm mới" in page and 'id="commit"' in page and "<html" not in page
    assert SavedMapping.objects.get(name="mau-phai").columns["D"] == "gender"
    response = staff_client.post(f"/imports/{run.pk}/commit/")
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.created) == ("imported", 2)
    assert Person.objects.get(full_name="Đinh Thị Vân").gender == "female"
    assert "Đã nhập" in staff_client.get(f"/imports/{run.pk}/").content.decode()


def test_a_rejected_commit_writes_nothing(staff_client, office, tmp_path):
    items = [("row", [1, "Lê Văn Tám", "", "31/02/1979"])]
    path = write_xlsx(tmp_path / "x.xlsx", items, numbering=False)
    _upload(staff_client, path, office.pk)
    run = ImportRun.objects.get()
    staff_client.post(f"/imports/{run.pk}/commit/")
    run.refresh_from_db()
    assert run.status == "rejected" and run.errors >= 1 and Person.objects.count() == 0


def test_only_units_with_change_are_offered_and_accepted(client, office, tmp_path):
    other = unit("khac", name="Đơn vị khác", kind="agency")
    clerk = user_with_grant("org-board", office)
    client.force_login(clerk)
    page = client.get("/imports/").content.decode()
    assert "Văn phòng Tỉnh ủy" in page and "Đơn vị khác" not in page
    path = write_xlsx(tmp_path / "y.xlsx", [("row", [1, "Lê Văn Tám", "1979", ""])])
    response = _upload(client, path, other.pk)
    assert response.status_code == 200 and ImportRun.objects.count() == 0
    reader = user_with_grant("org-board", office, actions=["view"])
    client.force_login(reader)
    assert _upload(client, path, office.pk).status_code == 200  # no unit to choose
    assert ImportRun.objects.count() == 0


def test_someone_elses_run_is_not_found(client, staff_client, office, tmp_path):
    path = write_xlsx(tmp_path / "z.xlsx", [("row", [1, "Lê Văn Tám", "1979", ""])])
    _upload(staff_client, path, office.pk)
    run = ImportRun.objects.get()
    client.force_login(user_with_grant("org-board", office))
    assert client.get(f"/imports/{run.pk}/").status_code == 404
    assert client.post(f"/imports/{run.pk}/commit/").status_code == 404
