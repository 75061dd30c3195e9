"""`canbo units add CODE --name NAME --kind KIND [--parent CODE] [--area CODE]
[--valid-from YYYY-MM-DD]` and `canbo units list [--under CODE]`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.units.choices import UnitKind
from canbo.units.models import Area, Unit
from canbo.units.services import unit_create


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(m for messages in error.message_dict.values() for m in messages)
    return " ".join(error.messages)


class Command(BaseCommand):
    help = gettext_lazy("Thêm đơn vị vào cây đơn vị, hoặc in cây đơn vị.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{add,list}")
        add = actions.add_parser("add", help=gettext_lazy("thêm một đơn vị"))
        add.add_argument("code", help=gettext_lazy("mã đơn vị (chữ thường, số, gạch nối)"))
        add.add_argument("--name", required=True, help=gettext_lazy("tên đơn vị"))
        add.add_argument(
            "--kind",
            required=True,
            help=gettext_lazy("loại đơn vị: %(kinds)s") % {"kinds": ", ".join(UnitKind.values)},
        )
        add.add_argument("--parent", help=gettext_lazy("mã đơn vị cấp trên"))
        add.add_argument("--area", help=gettext_lazy("mã địa bàn hành chính, ví dụ W04831"))
        add.add_argument(
            "--valid-from", dest="valid_from", help=gettext_lazy("ngày thành lập, YYYY-MM-DD")
        )
        show = actions.add_parser("list", help=gettext_lazy("in cây đơn vị"))
        show.add_argument("--under", help=gettext_lazy("chỉ in cây con của đơn vị có mã này"))

    def handle(self, *args, action, **options):
        if action == "add":
            self.add(**options)
        else:
            self.list(options.get("under"))

    def add(self, *, code, name, kind, parent=None, area=None, valid_from=None, **_options):
        if kind not in UnitKind.values:
            raise CommandError(
                _("Loại đơn vị “%(kind)s” không hợp lệ. Các loại: %(kinds)s.")
                % {
                    "kind": kind,
                    "kinds": "; ".join(f"{k.value} ({k.label})" for k in UnitKind),
                }
            )
        existing = Unit.objects.filter(code=code).first()
        if existing is not None:
            raise CommandError(
                _("Mã đơn vị “%(code)s” đã có (%(name)s).") % {"code": code, "name": existing.name}
            )
        parent_unit = None
        if parent:
            if parent == code:
                raise CommandError(_("Đơn vị không thể là cấp trên của chính nó."))
            parent_unit = Unit.objects.filter(code=parent).first()
            if parent_unit is None:
                raise CommandError(_("Không có đơn vị cấp trên mã “%(code)s”.") % {"code": parent})
        area_obj = None
        if area:
            area_obj = Area.objects.filter(code=area).first()
            if area_obj is None:
                raise CommandError(
                    _("Không có địa bàn hành chính mã “%(code)s” (ví dụ mã đúng: P25, W04831).")
                    % {"code": area}
                )
        start = None
        if valid_from:
            try:
                start = date.fromisoformat(valid_from)
            except ValueError:
                raise CommandError(
                    _("Ngày thành lập “%(d)s” phải ghi dạng YYYY-MM-DD, ví dụ 2025-07-01.")
                    % {"d": valid_from}
                ) from None
        try:
            unit = unit_create(
                code=code, name=name, kind=kind, parent=parent_unit, area=area_obj, valid_from=start
            )
        except ValidationError as error:
            raise CommandError(_messages(error)) from error
        where = _(" thuộc “%(p)s”") % {"p": parent_unit.name} if parent_unit else ""
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã thêm đơn vị “%(name)s” (%(code)s)%(where)s.")
                % {"name": unit.name, "code": unit.code, "where": where}
            )
        )

    def list(self, under: str | None) -> None:
        units = Unit.objects.order_by("path")
        base = 0
        if under:
            top = Unit.objects.filter(code=under).first()
            if top is None:
                raise CommandError(_("Không có đơn vị mã “%(code)s”.") % {"code": under})
            units = units.in_subtree(top)
            base = top.depth
        kinds = dict(UnitKind.choices)
        count = 0
        for code, name, kind, depth, valid_to in units.values_list(
            "code", "name", "kind", "depth", "valid_to"
        ).iterator(chunk_size=2000):
            ended = f"  ({_('đến')} {valid_to:%d/%m/%Y})" if valid_to else ""
            indent = "  " * (depth - base)
            self.stdout.write(f"{indent}{name}  [{code}, {kinds.get(kind, kind)}]{ended}")
            count += 1
        if not count:
            self.stdout.write(_("Chưa có đơn vị nào."))
