"""`canbo token NAME [--rotate]`: print the API token of a user (created on first use)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = gettext_lazy(
        "In token API của một người dùng (tạo nếu chưa có). Gửi kèm mỗi yêu cầu: "
        "“Authorization: Token <khóa>”."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help=gettext_lazy("tên đăng nhập"))
        parser.add_argument(
            "--rotate",
            action="store_true",
            help=gettext_lazy("thay token cũ bằng token mới (token cũ hết hiệu lực ngay)"),
        )

    @transaction.atomic
    def handle(self, *args, name, rotate=False, **options):
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise CommandError(_("Không có người dùng “%(name)s”.") % {"name": name})
        if not user.is_active:
            raise CommandError(
                _("Tài khoản “%(name)s” đang bị khóa: không cấp token.") % {"name": name}
            )
        if rotate:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created and not rotate:
            self.stderr.write(_("Đã tạo token cho “%(name)s”.") % {"name": name})
        elif rotate:
            self.stderr.write(
                _("Đã thay token của “%(name)s”: token cũ không còn dùng được.") % {"name": name}
            )
        self.stdout.write(token.key)
