"""`canbo export people …` and `canbo export profile …`: filters by codes, exit status, scope of
`--user`, and every export logged."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from docx import Document

from canbo.audit.models import AuditEntry
from tests.factories import user_with_grant


def run(*args) -> str:
    out = io.StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


def names_in_csv(path) -> list[str]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    return [r[1] for r in rows[1:]]


def test_people_to_xlsx_with_unit_and_filters(people, tmp_path):
    path = tmp_path / "nu.xlsx"
    out = run("people", "--unit", "p99-an-binh", "--gender", "nữ", "--as-of", "31/12/2025",
              "--format", "xlsx", "-o", str(path))  # fmt: skip
    assert "Đã xuất 1 cán bộ vào" in out
    ws = openpyxl.load_workbook(path).active
    assert ws["A5"].value == "Tính đến ngày 31/12/2025"
    assert ws["B11"].value == "Nguyễn Thị Hồng Nhung"


def test_format_from_the_file_name_and_catalog_codes(people, tmp_path):
    path = tmp_path / "x.csv"
    run("people", "--qualification", "DH", "--ethnicity", "02", "-o", str(path))
    assert names_in_csv(path) == ["Nguyễn Thị Hồng Nhung"]
    run("people", "--ethnicity", "minority", "-o", str(path))
    assert names_in_csv(path) == ["Nguyễn Thị Hồng Nhung"]
    run("people", "--party-member", "no", "--unit", "p99-an-binh", "--no-subtree", "-o", str(path))
    assert names_in_csv(path) == []  # nobody works in the commune unit itself
    run("people", "--status", "all", "--search", "hoang dung", "-o", str(path))
    assert names_in_csv(path) == ["Hoàng Văn Dũng"]  # retired: only with --status all
    run("people", "--title", people["full"].assignments.first().post.title.code, "-o", str(path))
    assert names_in_csv(path) == ["Nguyễn Thị Hồng Nhung"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--gender", "x"], "--gender: chọn nam hoặc nu"),
        (["--unit", "khong-co"], "Không có đơn vị mã “khong-co”"),
        (["--qualification", "XYZ"], "--qualification: không có mã “XYZ”"),
        (["--as-of", "03/2025"], "--as-of: cần ghi đủ ngày/tháng/năm"),
        (["--format", "docx"], "Hãy chọn --format xlsx | csv"),
        (["--user", "nobody"], "Không có người dùng “nobody”"),
    ],
)
def test_bad_arguments_exit_2_and_write_nothing(people, tmp_path, args, message):
    path = tmp_path / "x.xlsx"
    with pytest.raises(CommandError, match=message) as error:
        run("people", *args, "-o", str(path))
    assert error.value.returncode == 2
    assert list(tmp_path.iterdir()) == []


def test_profile_to_docx_and_pdf(people, tmp_path):
    pk = people["full"].pk
    out = run("profile", str(pk), "--format", "docx", "-o", str(tmp_path / "a.docx"))
    assert "Đã xuất sơ yếu lý lịch" in out
    assert "NGUYỄN THỊ HỒNG NHUNG" in "\n".join(p.text for p in Document(tmp_path / "a.docx").paragraphs)  # fmt: skip
    run("profile", str(pk), "-o", str(tmp_path / "a.pdf"))
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="Không có cán bộ mã số 424242") as error:
        run("profile", "424242", "-o", str(tmp_path / "b.pdf"))
    assert error.value.returncode == 1


def test_user_option_exports_only_their_scope_and_is_logged(people, province, tmp_path):
    officer = user_with_grant("leader", province["party"], username="lanh.dao")
    path = tmp_path / "scope.csv"
    run("people", "--user", "lanh.dao", "-o", str(path))
    assert names_in_csv(path) == ["Trần Văn Bảo"]
    run("people", "--user", "lanh.dao", "-o", str(tmp_path / "scope.xlsx"))
    ws = openpyxl.load_workbook(tmp_path / "scope.xlsx").active
    assert (ws["A1"].value, ws["A2"].value) == ("TỈNH THỬ NGHIỆM", "ĐẢNG ỦY XÃ AN BÌNH")
    entry = AuditEntry.objects.filter(action="export").latest("at")
    assert entry.user == officer and entry.after["count"] == 1
    run("profile", str(people["party_man"].pk), "--user", "lanh.dao", "-o", str(tmp_path / "p.docx"))  # fmt: skip
    with pytest.raises(CommandError, match="không được quyền xuất") as error:
        run("profile", str(people["full"].pk), "--user", "lanh.dao", "-o", str(tmp_path / "q.docx"))  # fmt: skip
    assert error.value.returncode == 1
    assert not (tmp_path / "q.docx").exists()


def test_every_export_is_logged(people, tmp_path):
    run("people", "--gender", "nam", "-o", str(tmp_path / "a.xlsx"))
    run("profile", str(people["full"].pk), "-o", str(tmp_path / "a.pdf"))
    people_entry, profile_entry = AuditEntry.objects.filter(action="export").order_by("pk")
    assert people_entry.object_repr == "Danh sách cán bộ (.xlsx)"
    assert people_entry.after == {"params": {"gender": "male", "status": "active"}, "count": 2}
    assert profile_entry.object_repr == "Sơ yếu lý lịch 2C (.pdf)"
    assert profile_entry.person_id == people["full"].pk
