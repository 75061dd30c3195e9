"""`canbo report ratings --unit CODE --year Y [--years 2011,2015] [--json] [--pdf FILE]`: the
rating distribution of a unit subtree (the figures of the ratings report page), printed, or
written as the same PDF as the page's export."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.evaluation.choices import RATING_ABBREVIATIONS, RATING_ORDER
from canbo.evaluation.selectors import rating_distribution, rating_trend
from canbo.units.models import Unit


def _years(value: str) -> list[int]:
    try:
        return [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise CommandError(
            _("Danh sách năm “%(v)s” không hợp lệ: ghi dạng 2011,2015.") % {"v": value}
        ) from None


def _line(row: dict, label_width: int = 44) -> str:
    cells = [f"{row['counts'][r]:>7} {row['shares'][r]:>5}%" for r in RATING_ORDER]
    return f"{row['label'][:label_width]:<{label_width}} {row['total']:>7} " + " ".join(cells)


class Command(BaseCommand):
    help = gettext_lazy("Báo cáo: canbo report ratings --unit MÃ --year NĂM [--json]")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True, parser_class=CommandParser)
        ratings = sub.add_parser(
            "ratings",
            help=gettext_lazy("kết quả xếp loại chất lượng theo diện quản lý"),
            called_from_command_line=getattr(parser, "called_from_command_line", None),
        )
        ratings.add_argument("--unit", required=True, help=gettext_lazy("mã đơn vị"))
        ratings.add_argument("--year", type=int, required=True, help=gettext_lazy("năm đánh giá"))
        ratings.add_argument("--years", help=gettext_lazy("thêm bảng qua các năm, ví dụ 2011,2015"))
        ratings.add_argument("--json", action="store_true", help=gettext_lazy("in JSON"))
        ratings.add_argument("--pdf", metavar="FILE", help=gettext_lazy("ghi báo cáo PDF ra tệp"))

    def handle(self, *args, **opts):
        unit = Unit.objects.filter(code=opts["unit"]).first()
        if unit is None:
            raise CommandError(_("Không có đơn vị mã “%(code)s”.") % {"code": opts["unit"]})
        data = rating_distribution(unit, opts["year"])
        if opts["years"]:
            data["years"] = rating_trend(unit, _years(opts["years"]))
        if opts.get("pdf"):
            from canbo.core.pdf import PdfUnavailable
            from canbo.evaluation.export import ratings_pdf

            try:
                content = ratings_pdf(data, data.get("years") or rating_trend(unit))
            except PdfUnavailable as error:
                raise CommandError(str(error)) from error
            with open(opts["pdf"], "wb") as out:
                out.write(content)
            self.stdout.write(_("Đã ghi %(f)s.") % {"f": opts["pdf"]})
            return
        if opts["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
            return
        self.stdout.write(
            _("Kết quả xếp loại chất lượng năm %(y)d — %(u)s (%(c)s)")
            % {"y": data["year"], "u": unit.name, "c": unit.code}
        )
        head = " ".join(f"{RATING_ABBREVIATIONS[r]:>13}" for r in RATING_ORDER)
        self.stdout.write(f"{_('Diện quản lý'):<44} {_('Tổng'):>7} {head}")
        for row in data["tiers"]:
            self.stdout.write(_line(row))
        self.stdout.write(_line(data["total"]))
        for row in data.get("years", []):
            self.stdout.write(_line(row))
