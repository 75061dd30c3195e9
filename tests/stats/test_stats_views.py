"""The dashboard page, the indicator page, the Excel export and the two commands."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from canbo.people.models import Person
from canbo.stats.services import indicator_declare
from tests.factories import PersonFactory, unit, user_with_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune():
    c = unit("xa-da-bac", "Xã Đà Bắc", kind="commune")
    for i in range(3):
        PersonFactory(unit=c, gender="female" if i else "male")
    indicator_declare(
        code="nu-30", name="Tỷ lệ cán bộ nữ", unit=c, resolution="Nghị quyết 01-NQ/ĐU",
        adopted_on=date(2025, 1, 1), deadline=date(2030, 12, 31), measure="share",
        target=Decimal(30), conditions=[("condition", "gender", "in", "female")],
    )  # fmt: skip
    indicator_declare(
        code="tang-truong", name="Tốc độ tăng giá trị sản xuất", unit=c, kind="manual",
        resolution="Nghị quyết Đại hội", deadline=date(2030, 12, 31), measure="count",
        target=Decimal("12.01"), value_unit="%",
    )  # fmt: skip
    return c


def test_dashboard_shows_figures_indicators_and_charts_linked_to_the_people_list(client, commune):
    client.force_login(user_with_grant("org-board", commune))
    response = client.get("/stats/xa-da-bac/", {"as_of": "2025-07-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'hx-get="/stats/xa-da-bac/indicators/?as_of=2025-07-01"' in html
    part = client.get(
        "/stats/xa-da-bac/indicators/", {"as_of": "2025-07-01"}, HTTP_HX_REQUEST="true"
    )
    text = part.content.decode()
    assert "<html" not in text
    assert "Tỷ lệ cán bộ nữ" in text and "Nghị quyết 01-NQ/ĐU" in text
    assert "2/3, đạt 66,7%" in text and "Đã đạt" in text
    page = client.get("/stats/xa-da-bac/indicators/", {"as_of": "2025-07-01"}).content.decode()
    assert "<html" in page and "Chỉ tiêu “Tỷ lệ cán bộ nữ” (Nghị quyết 01-NQ/ĐU): 2/3" in page
    assert html.count("<svg") >= 8
    report = response.context["report"]
    female = next(r for r in report.breakdown("gender").rows if r.key == "female")
    query = parse_qs(urlparse(female.url).query)
    assert query == {"as_of": ["2025-07-01"], "unit": ["xa-da-bac"], "gender": ["female"]}
    assert f'href="{female.url.replace("&", "&amp;")}"' in html
    listing = client.get(female.url)
    assert listing.status_code == 200
    assert listing.context["page"].paginator.count == 2
    assert "Đến ngày 01/07/2025, Xã Đà Bắc có 3 cán bộ" in html


def test_dashboard_of_a_unit_outside_the_grants_is_404(client, commune):
    other = unit("xa-khac", "Xã khác", kind="commune")
    client.force_login(user_with_grant("org-board", other))
    assert client.get("/stats/xa-da-bac/").status_code == 404
    assert client.get("/stats/").url == "/stats/xa-khac/"


def test_manual_indicator_entry_through_the_page(client, commune):
    client.force_login(user_with_grant("org-board", commune))
    url = "/stats/xa-da-bac/indicators/tang-truong/"
    assert "Chưa nhập số liệu" in client.get(url).content.decode()
    bad = client.post(url, {"value": "12,5", "as_of": "2023-06-30", "source": ""})
    assert bad.status_code == 200 and "source" in bad.context["entry_form"].errors
    ok = client.post(url, {"value": "12.01", "as_of": "2023-06-30", "source": "Báo cáo sơ kết"})
    assert ok.status_code == 302
    assert "Báo cáo sơ kết" in client.get(url).content.decode()


def test_excel_export_has_one_sheet_per_breakdown(client, commune):
    client.force_login(user_with_grant("org-board", commune))
    response = client.get("/stats/xa-da-bac/export.xlsx", {"as_of": "2025-07-01"})
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames[:3] == ["Tổng hợp", "Giới tính", "Độ tuổi"]
    assert {"Trình độ chuyên môn", "Lý luận chính trị", "Chỉ tiêu", "Báo cáo"} <= set(wb.sheetnames)
    trend = wb["Diễn biến qua các năm"]
    rows = [r for r in trend.iter_rows(values_only=True) if r and hasattr(r[0], "year")]
    assert [r[0].date() for r in rows][-1] == date(2025, 7, 1) and len(rows) == 6
    assert rows[-1][1:4] == (3, 2, 66.7)  # total, women, women %
    gender = wb["Giới tính"]
    values = [row[:3] for row in gender.iter_rows(values_only=True) if row and row[0] == "Nữ"]
    assert values == [("Nữ", 2, 66.7)]
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for ws in wb for row in ws for c in row
    )


def test_stats_command_json_keys_are_stable(commune):
    out = StringIO()
    call_command("stats", unit="xa-da-bac", as_of="2025-07-01", json=True, stdout=out)
    data = json.loads(out.getvalue())
    for key in ("total", "female", "party_members", "ethnic_minority", "qualification",
                "political_theory", "state_management", "age_groups"):  # fmt: skip
        assert key in data
    assert (data["total"], data["female"]) == (3, 2)
    assert set(data["age_groups"]) == {
        "le30",
        "31_40",
        "41_50",
        "51_60",
        "gt60",
        "under35",
        "under40",
        "under45",
    }
    assert set(data["qualification"]) == {"TS", "THS", "DH", "CD", "TC", "SC", "KHONG", "unknown"}
    assert data["total"] == Person.objects.count()
    text = StringIO()
    call_command("stats", unit="xa-da-bac", stdout=text)
    assert "GIỚI TÍNH" in text.getvalue()


def test_stats_command_refuses_bad_input_in_vietnamese(commune):
    with pytest.raises(CommandError, match="Không có đơn vị mã"):
        call_command("stats", unit="khong-co")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("stats", unit="xa-da-bac", as_of="31/12/2025")
    with pytest.raises(CommandError, match="diện quản lý"):
        call_command("stats", unit="xa-da-bac", tier="XYZ")


def test_indicators_command(commune):
    out = StringIO()
    call_command("indicators", unit="xa-da-bac", as_of="2025-07-01", json=True, stdout=out)
    data = {d["code"]: d for d in json.loads(out.getvalue())}
    assert (data["nu-30"]["value"], data["nu-30"]["status"]) == (66.7, "met")
    assert data["tang-truong"]["status"] == "no_data"
    text = StringIO()
    call_command("indicators", unit="xa-da-bac", stdout=text)
    assert "[Đã đạt] Tỷ lệ cán bộ nữ" in text.getvalue()


def test_word_and_pdf_reports_download(client, commune):
    client.force_login(user_with_grant("org-board", commune))
    docx = client.get("/stats/xa-da-bac/report.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "wordprocessingml" in docx["Content-Type"]
    pdf = client.get("/stats/xa-da-bac/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_export_needs_the_export_right(client, commune):
    client.force_login(user_with_grant("org-board", commune, actions=["view"]))
    assert client.get("/stats/xa-da-bac/").status_code == 200
    assert client.get("/stats/xa-da-bac/export.xlsx").status_code == 404


def test_bad_period_is_refused_with_a_message(client, commune):
    client.force_login(user_with_grant("org-board", commune))
    response = client.get("/stats/xa-da-bac/", {"period_from": "2025-01-01"})
    assert response.status_code == 200
    assert "Chọn cả ngày đầu và ngày cuối" in response.content.decode()
    ok = client.get("/stats/xa-da-bac/", {"period_from": "2025-01-01", "period_to": "2025-12-31"})
    assert "Biến động từ 01/01/2025 đến 31/12/2025" in ok.content.decode()


def test_indicators_are_declared_in_the_admin(client, commune, user):
    client.force_login(user)  # an administrator
    assert client.get("/admin/stats/indicator/add/").status_code == 200
    ind = commune.indicators.get(code="nu-30")
    page = client.get(f"/admin/stats/indicator/{ind.pk}/change/")
    assert page.status_code == 200
    assert "non_local — " in page.content.decode()  # the vocabulary is a choice list


def test_an_empty_selection_says_so_and_the_indicators_say_the_tier_is_not_applied(client, commune):
    """A tier with nobody in it: a notice instead of a silent page of zeros; the indicators
    (computed on their own population) say that they ignore the tier filter."""
    client.force_login(user_with_grant("org-board", commune))
    empty = "Không có cán bộ nào trong phạm vi đã chọn"
    assert empty in client.get("/stats/xa-da-bac/", {"tier": "TW"}).content.decode()
    assert empty not in client.get("/stats/xa-da-bac/").content.decode()
    note = "không lọc theo diện quản lý đã chọn"
    part = client.get("/stats/xa-da-bac/indicators/", {"tier": "TW"}, HTTP_HX_REQUEST="true")
    assert note in part.content.decode() and "Tỷ lệ cán bộ nữ" in part.content.decode()
    assert note not in client.get("/stats/xa-da-bac/indicators/").content.decode()
