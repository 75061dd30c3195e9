"""`canbo import-ratings FILE [--year Y] [--dry-run]`: past ratings from .xlsx / .csv, all rows or
none. Exit status: 0 imported (or would import), 1 rejected (every problem listed)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.evaluation.importing import import_ratings

REJECTED = 1


def format_problem(p) -> str:
    where = [f"[{p.sheet}]"] if p.sheet else []
    if p.row:
        where.append(_("dòng %(n)d") % {"n": p.row})
    if p.column:
        where.append(_("cột %(c)s") % {"c": p.column})
    value = f" “{p.value}”" if p.value else ""
    return f"{_('LỖI')}: {', '.join(where)}{value}: {p.message}"


class Command(BaseCommand):
    help = gettext_lazy(
        "Nhập kết quả xếp loại các năm trước từ tệp .xlsx/.csv (số CCCD hoặc họ tên và ngày "
        "sinh, năm, xếp loại): có lỗi thì không nhập dòng nào."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext_lazy("tệp .xlsx, .xls hoặc .csv"))
        parser.add_argument(
            "--year", type=int, help=gettext_lazy("năm đánh giá khi tệp không có cột Năm")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("chỉ kiểm tra, không ghi")
        )

    def handle(self, *args, **opts):
        result = import_ratings(opts["file"], year=opts["year"], dry_run=opts["dry_run"])
        if result.problems:
            for p in result.problems:
                self.stderr.write(format_problem(p))
            raise CommandError(
                _("Không nhập dòng nào: %(n)d lỗi.") % {"n": len(result.problems)},
                returncode=REJECTED,
            )
        if opts["dry_run"]:
            self.stdout.write(
                _("Tệp hợp lệ: sẽ nhập %(n)d kết quả xếp loại.") % {"n": len(result.rows)}
            )
        else:
            self.stdout.write(_("Đã nhập %(n)d kết quả xếp loại.") % {"n": result.saved})
