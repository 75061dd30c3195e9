"""The export buttons on the people list and the profile page, and the downloads behind them:
exactly the filtered list, within the user's "export" grants, and 404 outside them."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
from django.urls import reverse

from canbo.audit.models import AuditEntry
from tests.factories import user_with_grant


def csv_names(response) -> list[str]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [r[1] for r in list(csv.reader(io.StringIO(body, newline="")))[1:]]


def test_list_buttons_carry_the_current_filters(staff_client, people):
    response = staff_client.get(reverse("people:list"), {"gender": "female", "unit": "p99"})
    body = response.content.decode()
    links = re.findall(r'href="(/exports/people\.(?:xlsx|csv)[^"]*)"', body)
    assert len(links) == 2 and "Xuất Excel" in body and "Xuất CSV" in body
    assert all("gender=female" in link and "unit=p99" in link for link in links)


def test_csv_download_is_exactly_the_filtered_list(staff_client, people):
    params = {"gender": "female", "unit": "p99", "sort": "-name"}
    listed = staff_client.get(reverse("people:list"), params).content.decode()
    response = staff_client.get(reverse("exports:people", args=["csv"]), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    names = csv_names(response)
    assert sorted(names) == ["Nguyễn Thị Hồng Nhung", "Phạm Thị Cúc"]
    assert all(name in listed for name in names)
    entry = AuditEntry.objects.filter(action="export").latest("at")
    assert entry.after["params"]["gender"] == "female" and entry.after["count"] == 2


def test_xlsx_download(staff_client, people):
    response = staff_client.get(reverse("exports:people", args=["xlsx"]), {"party_member": "yes"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="danh-sach-can-bo-')
    ws = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws["A4"].value == "DANH SÁCH TRÍCH NGANG CÁN BỘ"
    assert ws["A6"].value == "Điều kiện lọc: Đảng viên: Có"


def test_bad_filter_returns_to_the_list_with_a_message(staff_client, people):
    response = staff_client.get(
        reverse("exports:people", args=["xlsx"]), {"unit": "khong-co"}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith(reverse("people:list"))
    assert "Không có đơn vị mã “khong-co”" in response.content.decode()


def test_unknown_format_is_404(staff_client, people):
    assert staff_client.get("/exports/people.pdf").status_code == 404
    assert staff_client.get(f"/exports/people/{people['full'].pk}/2c.xlsx").status_code == 404


def test_profile_buttons_and_downloads(staff_client, people):
    pk = people["full"].pk
    body = staff_client.get(reverse("people:detail", args=[pk])).content.decode()
    assert "Tải 2C (Word)" in body and "Tải 2C (PDF)" in body
    docx = staff_client.get(reverse("exports:profile", args=[pk, "docx"]))
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")  # fmt: skip
    pdf = staff_client.get(reverse("exports:profile", args=[pk, "pdf"]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="export", person_id=pk).count() == 2


def test_scoped_user_exports_only_their_people(client, people, province):
    client.force_login(user_with_grant("leader", province["party"]))
    response = client.get(reverse("exports:people", args=["csv"]))
    assert csv_names(response) == ["Trần Văn Bảo"]
    ok = client.get(reverse("exports:profile", args=[people["party_man"].pk, "pdf"]))
    assert ok.status_code == 200
    out_of_scope = client.get(reverse("exports:profile", args=[people["full"].pk, "docx"]))
    assert out_of_scope.status_code == 404
    assert not AuditEntry.objects.filter(action="export", person_id=people["full"].pk).exists()


def test_user_without_export_grant_sees_no_buttons_and_is_refused(client, people, province):
    client.force_login(user_with_grant("unit-officer", province["ubnd"]))  # view, change
    body = client.get(reverse("people:list")).content.decode()
    assert "Xuất Excel" not in body
    detail = client.get(reverse("people:detail", args=[people["clerk"].pk])).content.decode()
    assert "Tải 2C" not in detail
    assert client.get(reverse("exports:people", args=["xlsx"])).status_code == 403
    assert (
        client.get(reverse("exports:profile", args=[people["clerk"].pk, "pdf"])).status_code == 404
    )


def test_pdf_without_the_system_libraries_says_so_and_keeps_the_user_on_the_profile(
    staff_client, people, monkeypatch
):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as on a server without Pango
    pk = people["full"].pk
    response = staff_client.get(f"/exports/people/{pk}/2c.pdf", follow=True)
    assert response.redirect_chain[-1][0] == reverse("people:detail", args=[pk])
    body = response.content.decode()
    assert "Máy chủ chưa cài đủ thư viện để xuất PDF" in body
    # the Word file still works
    assert staff_client.get(f"/exports/people/{pk}/2c.docx").status_code == 200
