"""`canbo indicators --unit CODE [--as-of DATE] [--json]`: indicators with value and status."""

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy

from canbo.people.models import Person
from canbo.stats.indicators import evaluate_all

from .stats import get_unit, parse_date


class Command(BaseCommand):
    help = gettext_lazy(
        "Liệt kê các chỉ tiêu của một đơn vị và cấp dưới, với kết quả và tình trạng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help=gettext_lazy("mã đơn vị"))
        parser.add_argument(
            "--as-of", dest="as_of", help=gettext_lazy("tính đến ngày (YYYY-MM-DD)")
        )
        parser.add_argument("--json", action="store_true", help=gettext_lazy("in JSON"))

    def handle(self, *args, **opts):
        unit = get_unit(opts["unit"])
        results = evaluate_all(unit, people=Person.objects.all(), on=parse_date(opts["as_of"]))
        if opts["json"]:
            self.stdout.write(
                json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2)
            )
            return
        for r in results:
            ind = r.indicator
            self.stdout.write(f"[{r.status_label}] {ind.name} — {ind.resolution}, "
                              f"{ind.deadline:%d/%m/%Y}")  # fmt: skip
            self.stdout.write(f"    {r.detail}")
