"""`canbo generate --people N --seed S [--province P25] [--flush]`: build the demo province."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.demo.generate import generate
from canbo.demo.writer import flush_demo_data
from canbo.people.models import Person

LABELS = {
    "people": gettext_lazy("cán bộ, công chức, viên chức"),
    "communes": gettext_lazy("xã, phường"),
    "units": gettext_lazy("đơn vị"),
    "titles": gettext_lazy("chức danh"),
    "posts": gettext_lazy("vị trí"),
    "assignments": gettext_lazy("quá trình giữ chức vụ"),
    "decisions": gettext_lazy("quyết định"),
    "trainings": gettext_lazy("đào tạo, bồi dưỡng"),
    "work_history": gettext_lazy("dòng quá trình công tác"),
    "family_members": gettext_lazy("quan hệ gia đình"),
    "awards": gettext_lazy("khen thưởng"),
    "salary_history": gettext_lazy("quá trình lương"),
    "sanctions": gettext_lazy("kỷ luật"),
    "unit_successions": gettext_lazy("kế thừa đơn vị (sáp nhập, chia tách)"),
    "unit_names": gettext_lazy("tên cũ của đơn vị"),
}


def number(n: int) -> str:
    """Vietnamese digit grouping: 100.000."""
    return f"{n:,}".replace(",", ".")


def print_counts(stdout, counts: dict[str, int]) -> None:
    width = max(len(number(v)) for v in counts.values())
    for key, label in LABELS.items():
        if key in counts:
            stdout.write(f"  {number(counts[key]):>{width}}  {label}")


class Command(BaseCommand):
    help = gettext_lazy(
        "Tạo dữ liệu mẫu: một tỉnh với các đơn vị, chức danh, vị trí, cán bộ, quá trình công "
        "tác và quyết định. Cùng một seed cho cùng một bộ dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=600, help=gettext_lazy("số cán bộ (mặc định 600)")
        )
        parser.add_argument(
            "--seed", type=int, default=2025, help=gettext_lazy("hạt giống ngẫu nhiên")
        )
        parser.add_argument(
            "--province",
            default="P25",
            help=gettext_lazy("mã tỉnh, thành phố hiện hành (mặc định P25, Phú Thọ)"),
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help=gettext_lazy(
                "xóa cán bộ, quá trình công tác, vị trí, quyết định, chức danh và đơn vị đang có "
                "trước khi tạo (giữ địa bàn hành chính và danh mục)"
            ),
        )

    def handle(self, *args, people, seed, province, flush, **options):
        existing = Person.objects.count()
        if existing and not flush:
            raise CommandError(
                _(
                    "Cơ sở dữ liệu đã có %(n)s cán bộ: không tạo dữ liệu mẫu chồng lên. "
                    "Thêm --flush để xóa dữ liệu cũ (cán bộ, đơn vị, chức danh, vị trí, quyết "
                    "định) rồi tạo lại."
                )
                % {"n": number(existing)}
            )
        started = time.monotonic()
        try:
            with transaction.atomic():
                if flush:
                    deleted = flush_demo_data()
                    self.stdout.write(
                        _("Đã xóa dữ liệu cũ: %(n)s cán bộ, %(u)s đơn vị.")
                        % {
                            "n": number(deleted.get("people.Person", 0)),
                            "u": number(deleted.get("units.Unit", 0)),
                        }
                    )
                counts = generate(
                    people=people,
                    seed=seed,
                    province_code=province,
                    stdout=self.stdout if options["verbosity"] >= 2 else None,
                )
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã tạo dữ liệu mẫu (seed %(seed)d) trong %(s)s giây:")
                % {"seed": seed, "s": f"{elapsed:.1f}".replace(".", ",")}
            )
        )
        print_counts(self.stdout, counts)
