"""`canbo stats --unit CODE [--tier T] [--as-of DATE] [--json]`: the dashboard's figures."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.catalogs.models import ManagementTier
from canbo.people.models import Person
from canbo.stats.breakdowns import compute
from canbo.units.models import Unit


def parse_date(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("Ngày “%(v)s” không hợp lệ: ghi dạng năm-tháng-ngày, ví dụ 2025-12-31.")
            % {"v": value}
        ) from None


def get_unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(_("Không có đơn vị mã “%(code)s”.") % {"code": code})
    return unit


class Command(BaseCommand):
    help = gettext_lazy(
        "In các số liệu thống kê của một đơn vị và cấp dưới (như trang Thống kê); --json cho "
        "máy đọc (khóa mô tả trong docs/STATS.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help=gettext_lazy("mã đơn vị"))
        parser.add_argument("--tier", help=gettext_lazy("mã diện quản lý, ví dụ TINH"))
        parser.add_argument(
            "--as-of", dest="as_of", help=gettext_lazy("tính đến ngày (YYYY-MM-DD)")
        )
        parser.add_argument(
            "--from", dest="period_from", help=gettext_lazy("biến động từ ngày (YYYY-MM-DD)")
        )
        parser.add_argument("--to", dest="period_to", help=gettext_lazy("biến động đến ngày"))
        parser.add_argument("--json", action="store_true", help=gettext_lazy("in JSON"))

    def handle(self, *args, **opts):
        unit = get_unit(opts["unit"])
        tier = None
        if opts["tier"]:
            tier = ManagementTier.objects.filter(code=opts["tier"]).first()
            if tier is None:
                codes = ", ".join(ManagementTier.objects.values_list("code", flat=True))
                raise CommandError(
                    _("Không có diện quản lý mã “%(code)s” (các mã: %(codes)s).")
                    % {"code": opts["tier"], "codes": codes}
                )
        # the command runs with the rights of whoever can run it on the server: every profile
        report = compute(
            Person.objects.all(), as_of=parse_date(opts["as_of"]), unit=unit, tier=tier
        )
        if opts["json"]:
            self.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{report.unit_name} — {report.as_of:%d/%m/%Y}")
        self.stdout.write(report.population)
        for b in [None, *report.breakdowns]:
            rows = report.headline if b is None else b.rows
            self.stdout.write("")
            self.stdout.write((_("Số liệu chính") if b is None else b.title).upper())
            if b is not None:
                self.stdout.write(f"  ({b.definition})")
            for r in rows:
                pct = "" if r.share is None else f"{r.share:6.1f}%".replace(".", ",")
                count = f"{r.count:>10,}".replace(",", ".")  # 100.000 as Vietnamese write it
                self.stdout.write(f"  {r.label:<48} {count} {pct}")
