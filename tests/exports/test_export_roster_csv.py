"""The roster .csv: UTF-8 with a BOM (Excel reads the diacritics right), one header row, the same
people and order as the .xlsx, dates as written with their precision."""

from __future__ import annotations

import csv
import io

from canbo.exports.services import export_people


def read(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_one_header_row_then_one_row_per_person(people, tmp_path):
    path = tmp_path / "ds.csv"
    result = export_people(user=None, params={"unit": "p99"}, fmt="csv", path=path)
    rows = read(path)
    assert rows[0] == [
        "STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Dân tộc", "Tôn giáo", "Quê quán",
        "Chức vụ", "Đơn vị công tác", "Mã đơn vị", "Ngày vào Đảng", "Ngày chính thức",
        "Chuyên môn", "Lý luận chính trị", "Quản lý nhà nước", "Ngoại ngữ", "Tin học", "Ngạch",
        "Bậc lương", "Hệ số lương",
    ]  # fmt: skip
    assert result.count == len(rows) - 1 == 4
    assert [r[1] for r in rows[1:]] == [
        "Lê Văn Ánh", "Nguyễn Thị Hồng Nhung", "Trần Văn Bảo", "Phạm Thị Cúc",
    ]  # fmt: skip
    by_name = {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    full = by_name["Nguyễn Thị Hồng Nhung"]
    assert full["Giới tính"] == "Nữ"
    assert full["Ngày sinh"] == "03/1975"
    assert full["Số CCCD"] == people["full"].citizen_id  # leading zeros kept: text
    assert full["Đơn vị công tác"] == "Ủy ban nhân dân xã An Bình"
    assert full["Mã đơn vị"] == "p99-an-binh-ubnd"
    assert full["Ngày vào Đảng"] == "03/03/2005"
    assert full["Hệ số lương"] == "5.42"
    assert by_name["Lê Văn Ánh"]["Ngày sinh"] == "1990"
    assert by_name["Trần Văn Bảo"]["Ngày sinh"] == "24/12/1968"
    assert by_name["Lê Văn Ánh"]["Ngày vào Đảng"] == ""


def test_the_list_filters_apply(people, tmp_path):
    path = tmp_path / "f.csv"
    export_people(
        user=None, params={"party_member": "no", "status": ""}, fmt="csv", path=path
    )  # status "" is "Tất cả": the retired party member is not a non-member either
    assert sorted(r[1] for r in read(path)[1:]) == ["Lê Văn Ánh", "Phạm Thị Cúc"]
    export_people(user=None, params={"q": "nguyen thi"}, fmt="csv", path=path)
    assert [r[1] for r in read(path)[1:]] == ["Nguyễn Thị Hồng Nhung"]


def test_a_text_that_looks_like_a_formula_stays_text(province, tmp_path):
    from tests.factories import PersonFactory

    PersonFactory(full_name="Vũ Văn Hải", unit=province["ubnd"], foreign_language='=HYPERLINK("x")')
    path = tmp_path / "f.csv"
    export_people(user=None, params={}, fmt="csv", path=path)
    assert read(path)[1][16] == '\'=HYPERLINK("x")'
