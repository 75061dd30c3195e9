"""The ratings report as PDF: the same figures as the page, readable by pypdf and rendered by
pdftoppm; a server without the PDF libraries gets the clear message, not a server error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from canbo.evaluation.export import ratings_pdf
from canbo.evaluation.selectors import rating_distribution, rating_trend
from canbo.evaluation.services import imported_ratings_save
from tests.factories import PersonFactory, unit, user_with_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    d = unit("tien-lang", "Huyện ủy Tiên Lãng")
    people = [PersonFactory(unit=d) for _ in range(10)]
    ratings = ["excellent"] * 2 + ["good"] * 6 + ["complete", "incomplete"]
    imported_ratings_save(rows=[(p, 2025, r) for p, r in zip(people, ratings, strict=True)])
    imported_ratings_save(rows=[(p, 2024, "good") for p in people[:4]])
    return d


def _text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_pdf_has_the_figures(district, tmp_path):
    data = ratings_pdf(rating_distribution(district, 2025), rating_trend(district))
    assert data.startswith(b"%PDF")
    text = _text(data)
    assert "KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG NĂM 2025" in text and "Huyện ủy Tiên Lãng" in text
    for expected in ("HTXSNV", "KHTNV", "Tổng số", "20,0", "60,0", "Qua các năm", "2024"):
        assert expected in text, expected
    path = tmp_path / "xep-loai.pdf"
    path.write_bytes(data)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:
        subprocess.run([pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)  # fmt: skip
        page = sorted(tmp_path.glob("p*.png"))[0].read_bytes()
        assert page.startswith(b"\x89PNG") and len(page) > 2_000


def test_pdf_download_from_the_report_page(client, district):
    client.force_login(user_with_grant("org-board", district))
    page = client.get(reverse("evaluation:ratings", args=["tien-lang"]) + "?year=2025")
    assert "export.pdf?year=2025" in page.content.decode()
    response = client.get(reverse("evaluation:ratings_export_pdf", args=["tien-lang"]) + "?year=2025")  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="xep-loai-tien-lang-2025.pdf"' in response["Content-Disposition"]
    assert "Huyện ủy Tiên Lãng" in _text(response.content)


def test_pdf_needs_export_rights(client, district):
    client.force_login(user_with_grant("unit-officer", district))  # view and change, no export
    url = reverse("evaluation:ratings_export_pdf", args=["tien-lang"]) + "?year=2025"
    assert client.get(url).status_code in (403, 404)


def test_without_the_pdf_libraries_a_clear_message(client, district, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as on a server without Pango
    client.force_login(user_with_grant("org-board", district))
    url = reverse("evaluation:ratings_export_pdf", args=["tien-lang"]) + "?year=2025"
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0].endswith("/evaluation/ratings/tien-lang/?year=2025")
    assert "Pango" in response.content.decode()


def test_report_command_writes_the_pdf(district, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "xep-loai.pdf"
    call_command("report", "ratings", "--unit", "tien-lang", "--year", "2025", "--pdf", str(path))
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "NĂM 2025" in text and "Huyện ủy Tiên Lãng" in text and "Qua các năm" in text
