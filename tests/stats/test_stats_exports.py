"""The report exports: Excel, Word and PDF, readable by their libraries and opened by
LibreOffice as they are (converted headless to PDF: a file it cannot read gives no PDF)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document
from pypdf import PdfReader

from canbo.people.models import Person
from canbo.stats.breakdowns import compute
from canbo.stats.export import document, pdf, workbook
from canbo.stats.indicators import evaluate_all
from canbo.stats.services import indicator_declare
from tests.factories import PersonFactory, unit

pytestmark = pytest.mark.django_db
LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
ON = date(2025, 7, 1)


@pytest.fixture
def report():
    c = unit("xa-da-bac", "Xã Đà Bắc", kind="commune")
    for i in range(4):
        PersonFactory(unit=c, gender="female" if i % 2 else "male")
    indicator_declare(
        code="nu", name="Tỷ lệ cán bộ nữ", unit=c, resolution="Nghị quyết 01-NQ/ĐU",
        deadline=date(2030, 12, 31), target=Decimal(30),
        conditions=[("condition", "gender", "in", "female")],
    )  # fmt: skip
    return compute(Person.objects.all(), as_of=ON, unit=c), evaluate_all(
        c, people=Person.objects.all(), on=ON
    )


def test_word_report_has_the_narrative_and_a_table_per_breakdown(report):
    doc = Document(BytesIO(document(*report)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Đến ngày 01/07/2025, Xã Đà Bắc có 4 cán bộ" in text
    assert "Tỷ lệ cán bộ nữ" in "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert len(doc.tables) == len(report[0].breakdowns) + 1


def _trend(report):
    from canbo.stats.trend import trend
    from canbo.units.models import Unit

    return trend(Person.objects.all(), as_of=ON, unit=Unit.objects.get(code=report[0].unit_code))


def _charted(report) -> int:
    return 1 + sum(
        1 for b in report[0].breakdowns if b.key != "movements" and any(r.count for r in b.rows)
    )


def test_word_report_has_a_png_chart_per_breakdown_and_the_trend(report):
    import struct

    doc = Document(BytesIO(document(*report, trend=_trend(report))))
    pictures = [
        rel.target_part.blob for rel in doc.part.rels.values() if rel.reltype.endswith("/image")
    ]
    assert len(doc.inline_shapes) == _charted(report) == len(pictures) >= 10
    for blob in pictures:
        assert blob.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", blob[16:24])
        assert width >= 300 and height >= 150  # drawn at 150 dpi
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Diễn biến qua các năm" in text and "Tuổi tại ngày 31/12 là chính xác" in text


def test_pdf_report_has_text_and_charts(report):
    data = pdf(*report)
    reader = PdfReader(BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Xã Đà Bắc" in text and "Giới tính" in text
    assert len(reader.pages) >= 2


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_exports_open_in_libreoffice(report, tmp_path, fmt):
    if not LIBREOFFICE:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice không có (CI: cài libreoffice-calc, libreoffice-writer)")
        pytest.skip("LibreOffice không có — bỏ qua kiểm tra mở tệp")
    path = tmp_path / f"bao-cao.{fmt}"
    path.write_bytes(
        workbook(*report) if fmt == "xlsx" else document(*report, trend=_trend(report))
    )
    result = subprocess.run(
        [LIBREOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    out = tmp_path / "bao-cao.pdf"
    assert out.exists() and out.stat().st_size > 1000, (result.stdout, result.stderr)
    converted = PdfReader(out)
    assert "Xã Đà Bắc" in "".join(p.extract_text() for p in converted.pages)
    if fmt == "docx":  # the charts survive: LibreOffice lays out every picture
        assert sum(len(p.images) for p in converted.pages) >= _charted(report)


def test_pdf_without_the_system_libraries_raises_a_clear_error(report, monkeypatch):
    import sys

    from canbo.core.pdf import PdfUnavailable

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as on a server without Pango
    with pytest.raises(PdfUnavailable, match="Pango"):
        pdf(*report)
