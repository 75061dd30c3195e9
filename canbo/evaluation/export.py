"""The ratings report as an Excel workbook (the same figures as the page and the command)."""

from __future__ import annotations

import io

import xlsxwriter
from django.utils.translation import gettext as _

from .choices import RATING_ORDER


def ratings_workbook(data: dict, trend: list[dict]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(_("Xếp loại"))
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"})  # fmt: skip
    cell = book.add_format({"border": 1})
    pct = book.add_format({"border": 1, "num_format": "0.0"})
    sheet.write(0, 0, _("KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG NĂM %(y)d — %(u)s") % {"y": data["year"], "u": data["unit"]["name"]}, bold)  # fmt: skip
    labels = {r["code"]: f"{r['label']} ({r['abbreviation']})" for r in data["ratings"]}

    def table(top: int, first: str, rows: list[dict]) -> int:
        sheet.merge_range(top, 0, top + 1, 0, first, head)
        sheet.merge_range(top, 1, top + 1, 1, _("Tổng số"), head)
        for i, r in enumerate(RATING_ORDER):
            sheet.merge_range(top, 2 + 2 * i, top, 3 + 2 * i, labels[r], head)
            sheet.write(top + 1, 2 + 2 * i, _("Số lượng"), head)
            sheet.write(top + 1, 3 + 2 * i, _("Tỷ lệ (%)"), head)
        for n, row in enumerate(rows, start=top + 2):
            sheet.write(n, 0, row["label"], cell)
            sheet.write_number(n, 1, row["total"], cell)
            for i, r in enumerate(RATING_ORDER):
                sheet.write_number(n, 2 + 2 * i, row["counts"][r], cell)
                sheet.write_number(n, 3 + 2 * i, float(row["shares"][r]), pct)
        return top + 2 + len(rows)

    end = table(2, _("Diện quản lý"), [*data["tiers"], data["total"]])
    if trend:
        sheet.write(end + 1, 0, _("Qua các năm"), bold)
        table(end + 2, _("Năm"), trend)
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 9, 11)
    book.close()
    return out.getvalue()


def ratings_pdf(data: dict, trend: list[dict]) -> bytes:
    """The same figures as a PDF (WeasyPrint); PdfUnavailable when the server cannot write PDF."""
    from django.template.loader import render_to_string

    from canbo.core.pdf import html_to_pdf

    from .selectors import cells

    def rows(items: list[dict]) -> list[tuple]:
        return [(r["label"], r["total"], cells(r)) for r in items]

    html = render_to_string(
        "evaluation/ratings_report_pdf.html",
        {
            "data": data,
            "rows": rows(data["tiers"]),
            "total": rows([data["total"]])[0],
            "trend": rows(trend),
            "font": "Times New Roman",
        },
    )
    return html_to_pdf(html)
