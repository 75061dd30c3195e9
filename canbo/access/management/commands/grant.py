"""`canbo grant NAME --role ROLE --unit CODE [--tier TIER ...] [--actions view,change,...]
[--no-subtree] [--from YYYY-MM-DD] [--to YYYY-MM-DD]`, `canbo grant NAME --revoke [--role ROLE]
[--unit CODE]`, `canbo grant [NAME] --list`."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access import services
from canbo.access.models import Grant

from ._util import as_command_error


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("Ngày “%(d)s” không hợp lệ: viết theo dạng YYYY-MM-DD.") % {"d": text}
        ) from error


class Command(BaseCommand):
    help = gettext_lazy("Cấp, thu hồi, liệt kê quyền của người dùng trên cây đơn vị.")

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help=gettext_lazy("tên đăng nhập"))
        parser.add_argument("--role", help=gettext_lazy("mã vai trò, ví dụ org-board, leader"))
        parser.add_argument("--unit", help=gettext_lazy("mã đơn vị (gồm cả đơn vị cấp dưới)"))
        parser.add_argument(
            "--tier",
            action="append",
            default=[],
            help=gettext_lazy(
                "diện quản lý (TW, TINH, HUYEN, XA, DONVI); lặp lại được; bỏ trống: mọi diện"
            ),
        )
        parser.add_argument(
            "--actions",
            help=gettext_lazy(
                "quyền, phân cách bởi dấu phẩy: view,change,approve,export,audit,discipline (mặc định theo vai trò)"
            ),
        )
        parser.add_argument(
            "--no-subtree",
            action="store_true",
            dest="no_subtree",
            help=gettext_lazy("chỉ đơn vị này, không gồm đơn vị cấp dưới"),
        )
        parser.add_argument("--from", dest="valid_from", help=gettext_lazy("hiệu lực từ ngày"))
        parser.add_argument("--to", dest="valid_to", help=gettext_lazy("hiệu lực đến ngày"))
        parser.add_argument(
            "--revoke",
            action="store_true",
            help=gettext_lazy("thu hồi các quyền khớp --role/--unit"),
        )
        parser.add_argument("--list", action="store_true", help=gettext_lazy("liệt kê quyền"))

    def handle(self, *args, name=None, **options):
        try:
            if options["list"]:
                return self.do_list(name)
            if not name:
                raise CommandError(_("Hãy nêu tên đăng nhập."))
            user = services.find_user(name)
            role = services.find_role(options["role"]) if options["role"] else None
            unit = services.find_unit(options["unit"]) if options["unit"] else None
            if options["revoke"]:
                count = services.grant_revoke(user=user, role=role, unit=unit)
                self.stdout.write(
                    _("Đã thu hồi %(n)d quyền của “%(u)s”.") % {"n": count, "u": name}
                )
                return
            if role is None:
                raise CommandError(_("Hãy nêu vai trò: --role ROLE."))
            grant = services.grant_create(
                user=user,
                role=role,
                unit=unit,
                tiers=services.find_tiers(options["tier"]),
                actions=services.parse_actions(options["actions"]),
                include_subtree=not options["no_subtree"],
                valid_from=_date(options["valid_from"]),
                valid_to=_date(options["valid_to"]),
            )
            self.stdout.write(_("Đã cấp quyền: %(g)s") % {"g": describe(grant)})
        except ValidationError as error:
            raise as_command_error(error) from error

    def do_list(self, name):
        grants = Grant.objects.select_related("user", "role", "unit").prefetch_related("tiers")
        if name:
            grants = grants.filter(user=services.find_user(name))
        for grant in grants:
            self.stdout.write(describe(grant))


def describe(grant: Grant) -> str:
    if grant.unit_id:
        where = grant.unit.code
    elif grant.role.own_profile_only:
        where = _("hồ sơ của chính mình")
    else:
        where = _("toàn hệ thống")
    if grant.unit_id and not grant.include_subtree:
        where += _(" (không gồm cấp dưới)")
    tiers = ",".join(t.code for t in grant.tiers.all()) or _("mọi diện")
    period = ""
    if grant.valid_from or grant.valid_to:
        period = f"\t{grant.valid_from or '…'} → {grant.valid_to or '…'}"
    return (
        f"{grant.user.username}\t{grant.role.code}\t{where}\t{tiers}\t"
        f"{','.join(grant.effective_actions)}{period}"
    )
