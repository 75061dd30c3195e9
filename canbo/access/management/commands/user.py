"""`canbo user add NAME [--password-stdin] [--email E] [--admin] [--person ID|CCCD]`,
`canbo user list`, `canbo user disable NAME`, `canbo user link NAME ID|CCCD`."""

import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access import services

from ._util import as_command_error


class Command(BaseCommand):
    help = gettext_lazy("Thêm, liệt kê, khóa tài khoản người dùng.")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{add,list,disable,link}"
        )
        add = actions.add_parser("add", help=gettext_lazy("thêm một tài khoản"))
        add.add_argument("name", help=gettext_lazy("tên đăng nhập"))
        add.add_argument(
            "--password-stdin",
            action="store_true",
            dest="password_stdin",
            help=gettext_lazy(
                "đọc mật khẩu từ dòng đầu của đầu vào chuẩn (không thì tạo ngẫu nhiên và in ra)"
            ),
        )
        add.add_argument("--email", default="", help=gettext_lazy("thư điện tử"))
        add.add_argument(
            "--admin", action="store_true", help=gettext_lazy("quản trị hệ thống (mọi quyền)")
        )
        add.add_argument(
            "--person",
            help=gettext_lazy("mã hoặc số CCCD hồ sơ của chính người này (vai trò cán bộ)"),
        )
        actions.add_parser("list", help=gettext_lazy("liệt kê tài khoản và quyền"))
        disable = actions.add_parser("disable", help=gettext_lazy("khóa một tài khoản"))
        disable.add_argument("name", help=gettext_lazy("tên đăng nhập"))
        link = actions.add_parser(
            "link", help=gettext_lazy("gắn tài khoản với hồ sơ của chính mình")
        )
        link.add_argument("name", help=gettext_lazy("tên đăng nhập"))
        link.add_argument("person", help=gettext_lazy("mã hoặc số CCCD của hồ sơ"))

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except ValidationError as error:
            raise as_command_error(error) from error

    def do_add(self, *, name, password_stdin, email, admin, person=None, **_options):
        person_obj = services.find_person(person) if person else None
        generated = not password_stdin
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError(_("Không đọc được mật khẩu từ đầu vào chuẩn."))
        else:
            password = services.random_password()
        user = services.user_add(
            username=name, password=password, email=email, admin=admin, person=person_obj
        )
        self.stdout.write(_("Đã tạo tài khoản “%(u)s”.") % {"u": user.username})
        if generated:
            self.stdout.write(_("Mật khẩu: %(p)s") % {"p": password})
        if not admin:
            self.stdout.write(
                _(
                    "Tài khoản chưa có quyền nào: cấp quyền bằng `canbo grant %(u)s --role … --unit …`."
                )
                % {"u": user.username}
            )

    def do_list(self, **_options):
        users = get_user_model().objects.order_by("username").prefetch_related("grants__role")
        for user in users:
            flags = []
            if user.is_superuser:
                flags.append(_("quản trị"))
            if not user.is_active:
                flags.append(_("đã khóa"))
            roles = sorted({g.role.code for g in user.grants.all()})
            self.stdout.write(
                f"{user.username}\t{', '.join(flags) or '-'}\t{', '.join(roles) or '-'}"
            )

    def do_disable(self, *, name, **_options):
        user = services.find_user(name)
        services.user_disable(user=user)
        self.stdout.write(_("Đã khóa tài khoản “%(u)s”.") % {"u": user.username})

    def do_link(self, *, name, person, **_options):
        user = services.find_user(name)
        linked = services.person_link(user=user, person=services.find_person(person))
        self.stdout.write(
            _("Đã gắn “%(u)s” với hồ sơ %(p)s.") % {"u": user.username, "p": linked.full_name}
        )
