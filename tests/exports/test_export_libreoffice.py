"""Every exported file opens in LibreOffice as it is (no repair): converted headless to PDF and
rendered to PNG pages by pdftoppm. The PDF of the 2C profile is rendered by pdftoppm directly.
Outside CI a missing LibreOffice skips these tests with a notice; under CI it fails them."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from canbo.exports.services import export_people, export_profile

pytestmark = pytest.mark.filterwarnings("default::UserWarning")


def assert_png_pages(pages, at_least: int = 1) -> None:
    assert len(pages) >= at_least
    for page in pages:
        data = page.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 2_000  # a page with something on it


def test_roster_xlsx_opens_in_libreoffice(people, tmp_path, libreoffice_pages):
    path = tmp_path / "danh-sach.xlsx"
    export_people(user=None, params={"status": ""}, fmt="xlsx", path=path)
    pages, text = libreoffice_pages(path)
    assert_png_pages(pages)
    for expected in ("DANH SÁCH TRÍCH NGANG CÁN BỘ", "Lý luận chính trị", "Nguyễn Thị Hồng Nhung", "03/1975", "24/12/1968"):  # fmt: skip
        assert expected in text, expected


def test_roster_csv_opens_in_libreoffice_as_utf8(people, tmp_path, libreoffice_pages):
    path = tmp_path / "danh-sach.csv"
    export_people(user=None, params={"status": ""}, fmt="csv", path=path)
    # comma-separated, double quotes, UTF-8 (76), from line 1: what the import dialog detects
    pages, text = libreoffice_pages(path, infilter="CSV:44,34,76,1")
    assert_png_pages(pages)
    assert "Họ và tên" in text and "Nguyễn Thị Hồng Nhung" in text


def test_profile_docx_opens_in_libreoffice(people, tmp_path, libreoffice_pages):
    path = tmp_path / "2c.docx"
    export_profile(user=None, pk=people["full"].pk, fmt="docx", path=path)
    pages, text = libreoffice_pages(path, first_pages=3)
    assert_png_pages(pages, at_least=2)
    for expected in ("SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC", "NGUYỄN THỊ HỒNG NHUNG", "Sinh ngày: 03/1975", "Đào tạo, bồi dưỡng", "Quan hệ gia đình"):  # fmt: skip
        assert expected in text, expected


def test_profile_pdf_renders(people, tmp_path, libreoffice_pages):
    path = tmp_path / "2c.pdf"
    export_profile(user=None, pk=people["full"].pk, fmt="pdf", path=path)
    assert len(PdfReader(path).pages) >= 2
    subprocess.run([shutil.which("pdftoppm"), "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "pdf")], check=True)  # fmt: skip
    assert_png_pages(sorted(tmp_path.glob("pdf*.png")))
