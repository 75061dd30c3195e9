"""Report export to Excel: a summary sheet, one sheet per breakdown, the indicators and the
narrative; values only (no formulas), landscape, fitted to the page width for printing."""

from __future__ import annotations

from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .breakdowns import Report
from .indicators import Result
from .narrative import narrative

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(wb: Workbook, title: str):
    ws = wb.create_sheet(title[:31])
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _widths(ws, *widths: float) -> None:
    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width


def _header(ws, cells: list) -> None:
    """A bold, wrapped header row (long column names stay readable in narrow columns)."""
    ws.append(cells)
    for c in ws[ws.max_row]:
        c.font = BOLD
        c.alignment = WRAP
    longest = max(len(str(c)) for c in cells)
    ws.row_dimensions[ws.max_row].height = 15 * (1 + longest // 12) if longest > 14 else None
    ws.print_title_rows = f"{ws.max_row}:{ws.max_row}"


def _shares(ws, *columns: int) -> None:
    """Percentages of the last row shown with one decimal (34,0 rather than 34)."""
    for column in columns:
        ws.cell(ws.max_row, column).number_format = "0.0"


def _head(ws, report: Report, title: str, definition: str = "", span: int = 4) -> None:
    """Title, unit and date, then the definition over `span` columns (set the column widths
    first: the row is made tall enough for the definition to show whole)."""
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(
        [
            f"{report.unit_name} — "
            + _("tính đến ngày %(d)s") % {"d": date_format(report.as_of, "d/m/Y")}
        ]
    )
    if definition:
        ws.append([definition])
        ws.cell(ws.max_row, 1).alignment = WRAP
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=span)
        width = sum(
            ws.column_dimensions[get_column_letter(n)].width or 8.43 for n in range(1, span + 1)
        )
        ws.row_dimensions[ws.max_row].height = 15 * (1 + int(len(definition) // (width * 0.95)))
    ws.append([])


def _share_header(b) -> str:
    return f"{b.share_label} (%)" if b.share_label else _("Tỷ lệ (%)")


def workbook(report: Report, results: list[Result] = (), trend=None) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(wb, _("Tổng hợp"))
    _widths(ws, 48, 12, 14, 12)
    _head(ws, report, _("Báo cáo thống kê cán bộ"), report.population)
    _header(ws, [_("Chỉ số"), _("Số lượng"), _("Tỷ lệ (%)")])
    for r in report.headline:
        ws.append([r.label, r.count, r.share])
        _shares(ws, 3)
    for b in report.breakdowns:
        ws = _sheet(wb, b.title)
        _widths(ws, 48, 12, 14, 12, 12)
        _head(ws, report, b.title, b.definition)
        pyramid = b.chart == "pyramid"
        _header(ws, [_("Nhóm"), _("Số lượng"), _share_header(b)] + (
            [_("Nam"), _("Nữ")] if pyramid else []
        ))  # fmt: skip
        for r in b.rows:
            extra = [r.extra.get("male", 0), r.extra.get("female", 0)] if pyramid else []
            ws.append([r.label, r.count, r.share, *extra])
            _shares(ws, 3)
        ws.append([_("Cơ sở tính tỷ lệ"), b.base])
    if trend:
        from .trend import SERIES, TREND_DEFINITION

        ws = _sheet(wb, _("Diễn biến qua các năm"))
        span = 2 + 2 * len(SERIES)
        _widths(ws, 14, *[11] * (span - 1))
        _head(ws, report, _("Diễn biến qua các năm"), str(TREND_DEFINITION), span=span)
        header = [_("Thời điểm"), _("Tổng số")]
        for _key, name in SERIES:
            header += [str(name), _("%(name)s (%%)") % {"name": name}]
        _header(ws, header)
        for p in trend:
            row = [p.on, p.total]
            for n, pct, _url in p.cells:
                row += [n, pct]
            ws.append(row)
            ws.cell(ws.max_row, 1).number_format = "DD/MM/YYYY"
            _shares(ws, *range(4, span + 1, 2))
    ws = _sheet(wb, _("Chỉ tiêu"))
    widths = (34, 26, 12, 10, 10, 10, 16, 40)
    _widths(ws, *widths)
    _head(ws, report, _("Chỉ tiêu"))
    _header(ws, [_("Chỉ tiêu"), _("Văn bản"), _("Thời hạn"), _("Chỉ tiêu đặt ra"), _("Giá trị"),
                 _("Tiến độ (%)"), _("Tình trạng"), _("Chi tiết")])  # fmt: skip
    for r in results:
        ind = r.indicator
        ws.append([ind.name, ind.resolution, ind.deadline, float(ind.target), r.value,
                   r.progress, r.status_label, r.detail])  # fmt: skip
        ws.cell(ws.max_row, 3).number_format = "DD/MM/YYYY"
        _shares(ws, 6)
        for c in ws[ws.max_row]:
            c.alignment = WRAP
        lines = max(
            1 + len(str(c.value or "")) // int(w * 0.95)
            for c, w in zip(ws[ws.max_row], widths, strict=True)
        )
        ws.row_dimensions[ws.max_row].height = 15 * lines  # wrapped cells are not auto-sized
    ws = _sheet(wb, _("Báo cáo"))
    _head(ws, report, _("Báo cáo (bản nháp từ số liệu)"))
    ws.column_dimensions["A"].width = 110
    for s in narrative(report, results):
        ws.append([s.text])
        ws.cell(ws.max_row, 1).alignment = WRAP
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


FONT = "Times New Roman"  # as the other exports (canbo.exports); the system substitutes if missing


def document(report: Report, results: list[Result] = (), trend=None) -> bytes:
    """The report as Word: the narrative (for staff to edit), the trend over the years, then a
    chart (PNG, `pictures.py`) and a table per breakdown."""
    from docx import Document
    from docx.shared import Inches, Pt

    from . import pictures
    from .trend import SERIES, TREND_DEFINITION

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    doc.add_heading(_("Báo cáo thống kê cán bộ — %(unit)s") % {"unit": report.unit_name}, level=1)
    doc.add_paragraph(report.population).runs[0].italic = True
    for sentence in narrative(report, results):
        doc.add_paragraph(sentence.text)

    def keep_with_next(paragraph):
        # a heading, its definition and its chart stay on the page of the table that follows
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    if trend:
        keep_with_next(doc.add_heading(_("Diễn biến qua các năm"), level=2))
        keep_with_next(doc.add_paragraph(str(TREND_DEFINITION))).runs[0].font.size = Pt(11)
        doc.add_picture(BytesIO(pictures.trend(trend, SERIES)), width=Inches(pictures.WIDTH_IN))
    widths = (Inches(3.4), Inches(1.2), Inches(1.7))
    for b in report.breakdowns:
        keep_with_next(doc.add_heading(b.title, level=2))
        keep_with_next(doc.add_paragraph(b.definition)).runs[0].font.size = Pt(11)
        if b.key != "movements" and any(r.count for r in b.rows):
            doc.add_picture(BytesIO(pictures.chart(b)), width=Inches(pictures.WIDTH_IN))
            keep_with_next(doc.paragraphs[-1])
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, (_("Nhóm"), _("Số lượng"), _share_header(b)), strict=True
        ):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for r in b.rows:
            cells = table.add_row().cells
            cells[0].text = r.label
            cells[1].text = str(r.count)
            cells[2].text = "" if r.share is None else f"{r.share:.1f}".replace(".", ",")
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for n, row in enumerate(table.rows):
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
                if n < len(table.rows) - 1:  # a short table is not split across two pages
                    for paragraph in cell.paragraphs:
                        keep_with_next(paragraph)
    if results:
        keep_with_next(doc.add_heading(_("Chỉ tiêu"), level=2))
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, (_("Chỉ tiêu"), _("Văn bản"), _("Kết quả"), _("Tình trạng")), strict=True):  # fmt: skip
            cell.text = text
        for r in results:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = r.indicator.name, r.indicator.resolution
            cells[2].text, cells[3].text = r.detail, r.status_label
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def pdf(report: Report, results: list[Result] = (), trend=None) -> bytes:
    """The report as PDF with its charts (the same SVG as the page), rendered by WeasyPrint."""
    from django.template.loader import render_to_string

    from canbo.core.pdf import html_to_pdf

    from . import charts
    from .trend import SERIES, TREND_DEFINITION

    html = render_to_string(
        "stats/report_pdf.html",
        {
            "report": report,
            "sections": [(b, charts.chart(b)) for b in report.breakdowns],
            "trend_svg": charts.trend_lines(trend, SERIES) if trend else "",
            "trend_definition": TREND_DEFINITION,
            "results": results,
            "sentences": narrative(report, results),
            "font": FONT,
        },
    )
    return html_to_pdf(html)
