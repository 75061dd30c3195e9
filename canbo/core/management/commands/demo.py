"""`canbo demo`: one command to a working demo (migrate, sample data, administrator, server)."""

import secrets
import string
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access.demo import demo_users
from canbo.demo.generate import generate
from canbo.evaluation.demo import seed_current_cycle, seed_past_ratings
from canbo.people.models import Person
from canbo.stats.demo import seed_indicators
from canbo.units.models import Unit

from .generate import number, print_counts

USERNAME = "admin"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def new_demo_password(length: int = 16) -> str:
    """A random password that passes the password rules (length, upper and lower case, digits)."""
    alphabet = string.ascii_letters + string.digits
    while True:
        password = "".join(secrets.choice(alphabet) for _i in range(length))
        try:
            validate_password(password, get_user_model()(username=USERNAME))
        except ValidationError:
            continue
        return password


def demo_password() -> str:
    """The demo administrator's password, generated once and kept in VAR_DIR/demo_password so
    that every run prints the same one (a kept one that no longer passes the password rules is
    replaced)."""
    path = settings.VAR_DIR / "demo_password"
    if path.exists():
        password = path.read_text(encoding="utf-8").strip()
        if password:
            try:
                validate_password(password, get_user_model()(username=USERNAME))
            except ValidationError:
                pass
            else:
                return password
    password = new_demo_password()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return password


class Command(BaseCommand):
    help = gettext_lazy(
        "Chạy bản dùng thử: cập nhật cơ sở dữ liệu, tạo dữ liệu mẫu nếu chưa có, tạo tài khoản "
        "quản trị “admin” và mở máy chủ web."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--people", type=int, default=600, help=gettext_lazy("số cán bộ mẫu (mặc định 600)")
        )
        parser.add_argument(
            "--seed", type=int, default=2025, help=gettext_lazy("hạt giống ngẫu nhiên")
        )
        parser.add_argument(
            "--province", default="P25", help=gettext_lazy("mã tỉnh (mặc định P25, Phú Thọ)")
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            dest="no_serve",
            help=gettext_lazy("chỉ chuẩn bị dữ liệu, không mở máy chủ web"),
        )
        parser.add_argument(
            "--addr",
            default="127.0.0.1:8000",
            help=gettext_lazy("địa chỉ:cổng của máy chủ (mặc định 127.0.0.1:8000)"),
        )

    def handle(self, *args, people, seed, province, no_serve, addr, **options):
        self.stdout.write(_("Đang cập nhật cơ sở dữ liệu…"))
        call_command("migrate", interactive=False, verbosity=0)
        existing = Person.objects.count()
        if existing:
            self.stdout.write(
                _("Dùng lại dữ liệu đang có: %(n)s cán bộ.") % {"n": number(existing)}
            )
        else:
            self.stdout.write(_("Đang tạo dữ liệu mẫu (%(n)s cán bộ)…") % {"n": number(people)})
            started = time.monotonic()
            try:
                counts = generate(people=people, seed=seed, province_code=province)
            except ValueError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                _("Đã tạo dữ liệu mẫu trong %(s)s giây:")
                % {"s": f"{time.monotonic() - started:.1f}".replace(".", ",")}
            )
            print_counts(self.stdout, counts)
            last = timezone.localdate().year - 1
            rated = seed_past_ratings(years=(last - 2, last - 1, last), seed=seed)
            self.stdout.write(
                _("Kết quả xếp loại chất lượng các năm %(a)d–%(b)d: %(n)s lượt.")
                % {"a": last - 2, "b": last, "n": number(rated)}
            )
            current = seed_current_cycle(year=last + 1, seed=seed, on=timezone.localdate())
            if current:
                self.stdout.write(
                    _("Đợt đánh giá năm %(y)d đang mở: %(n)s bản đánh giá ở các bước; %(v)d hội nghị lấy phiếu tín nhiệm.")
                    % {"y": last + 1, "n": number(sum(v for k, v in current.items() if k != "votes")), "v": current["votes"]}
                )  # fmt: skip
            root = Unit.objects.filter(depth=0).order_by("path").first()
            if root is not None:
                declared = seed_indicators(root, on=timezone.localdate())
                self.stdout.write(
                    _("Chỉ tiêu của tỉnh (theo các nghị quyết mẫu): %(n)s chỉ tiêu.")
                    % {"n": number(declared)}
                )
        password = demo_password()
        user = get_user_model().objects.filter(username=USERNAME).first()
        if user is None:
            user = get_user_model()(username=USERNAME)
        user.is_superuser = user.is_staff = user.is_active = True
        user.set_password(password)
        user.save()

        host, _sep, port = addr.rpartition(":")
        host = host or "127.0.0.1"
        shown = "127.0.0.1" if host in ("0.0.0.0", "", "[::]") else host
        url = f"http://{shown}:{port or '8000'}/"
        root = Unit.objects.filter(parent__isnull=True, valid_to__isnull=True).order_by("path")
        province_name = root.values_list("name", flat=True).first() or ""
        line = "=" * 64
        self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(_("  canbo — bản dùng thử")))
        self.stdout.write(_("  Địa chỉ:     %(url)s") % {"url": url})
        self.stdout.write(_("  Tài khoản:   %(u)s") % {"u": USERNAME})
        self.stdout.write(_("  Mật khẩu:    %(p)s") % {"p": password})
        scoped = demo_users(password)
        if scoped:
            self.stdout.write(_("  Tài khoản được phân quyền (cùng mật khẩu):"))
            for username, what in scoped:
                self.stdout.write(f"    {username:<14} {what}")
        self.stdout.write(
            _("  Dữ liệu mẫu: %(n)s cán bộ, %(c)s xã, phường — %(p)s")
            % {
                "n": number(Person.objects.count()),
                "c": number(Unit.objects.filter(kind="commune", valid_to__isnull=True).count()),
                "p": province_name,
            }
        )
        if not no_serve:
            self.stdout.write(_("  Nhấn Ctrl+C để dừng máy chủ."))
        self.stdout.write(line)
        if no_serve:
            return
        if shown in LOOPBACK:
            # runserver speaks plain HTTP: on this machine only, let the session and CSRF
            # cookies travel without HTTPS (production keeps them secure; DEBUG stays off and
            # WhiteNoise serves the static files).
            settings.SESSION_COOKIE_SECURE = False
            settings.CSRF_COOKIE_SECURE = False
            settings.SECURE_SSL_REDIRECT = False
        call_command("runserver", addr, use_reloader=False)
