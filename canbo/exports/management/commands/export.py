"""`canbo export people [filters] --format xlsx|csv -o FILE` and
`canbo export profile ID --format docx|pdf -o FILE`.

The filters are the people list's (canbo/people/filters.py), with catalog and title codes instead
of ids. Without `--user` the command exports everyone (it is run by the server's operator); with
`--user NAME` it exports what that user may export and logs the export under their name.
Exit status: 0 written, 1 refused (nothing written), 2 bad arguments.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.catalogs.models import (
    Ethnicity,
    PoliticalTheoryLevel,
    QualificationLevel,
    Religion,
    StateManagementRank,
)
from canbo.core.dates import parse_partial_date
from canbo.core.text import fold
from canbo.posts.models import Title

from ...selectors import ExportError
from ...services import PEOPLE_FORMATS, PROFILE_FORMATS, export_people, export_profile

# option → (filter name, model whose code or id it takes)
_CODED = {
    "title": ("title", Title),
    "qualification": ("qualification_level", QualificationLevel),
    "political_theory": ("political_theory", PoliticalTheoryLevel),
    "state_management": ("state_management", StateManagementRank),
    "religion": ("religion", Religion),
}
_PLAIN = ("search", "birth_year_min", "birth_year_max", "age_min", "age_max")
_GENDERS = {"nam": "male", "male": "male", "nu": "female", "female": "female"}
_YES_NO = {"yes": "yes", "co": "yes", "no": "no", "khong": "no"}


def _usage(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _by_code(model, value: str, option: str) -> str:
    obj = model.objects.filter(code=value).first()
    if obj is None and value.isdigit():
        obj = model.objects.filter(pk=int(value)).first()
    if obj is None:
        codes = ", ".join(model.objects.values_list("code", flat=True)[:40])
        raise _usage(
            _("--%(o)s: không có mã “%(v)s”. Các mã: %(codes)s.")
            % {"o": option.replace("_", "-"), "v": value, "codes": codes}
        )
    return str(obj.pk)


class Command(BaseCommand):
    help = gettext_lazy(
        "Xuất danh sách cán bộ (Excel, CSV) theo bộ lọc của trang danh sách, hoặc sơ yếu lý lịch "
        "mẫu 2C của một người (Word, PDF)."
    )

    def add_arguments(self, parser):
        what = parser.add_subparsers(dest="what", required=True, metavar="{people,profile}")
        people = what.add_parser("people", help=gettext_lazy("danh sách cán bộ (xlsx, csv)"))
        people.add_argument("--unit", help=gettext_lazy("mã đơn vị (gồm cả đơn vị cấp dưới)"))
        people.add_argument(
            "--no-subtree",
            action="store_true",
            help=gettext_lazy("chỉ đơn vị đã chọn, không gồm đơn vị cấp dưới"),
        )
        people.add_argument("--search", help=gettext_lazy("tìm theo tên (không cần dấu)"))
        people.add_argument("--gender", help=gettext_lazy("nam | nu"))
        people.add_argument("--birth-year-min", type=int, help=gettext_lazy("sinh từ năm"))
        people.add_argument("--birth-year-max", type=int, help=gettext_lazy("sinh đến năm"))
        people.add_argument("--age-min", type=int, help=gettext_lazy("tuổi từ"))
        people.add_argument("--age-max", type=int, help=gettext_lazy("tuổi đến"))
        people.add_argument(
            "--as-of",
            help=gettext_lazy("tính tuổi và chức vụ đến ngày (dd/mm/yyyy; mặc định hôm nay)"),
        )
        people.add_argument("--title", help=gettext_lazy("mã chức danh đang giữ"))
        people.add_argument("--key-post", help=gettext_lazy("giữ chức danh chủ chốt: yes | no"))
        people.add_argument("--party-member", help=gettext_lazy("đảng viên: yes | no"))
        people.add_argument("--qualification", help=gettext_lazy("mã trình độ chuyên môn (DH …)"))
        people.add_argument("--political-theory", help=gettext_lazy("mã lý luận chính trị (CC …)"))
        people.add_argument("--state-management", help=gettext_lazy("mã quản lý nhà nước (CVC …)"))
        people.add_argument(
            "--ethnicity", help=gettext_lazy("mã dân tộc (01 …) hoặc “minority” (thiểu số)")
        )
        people.add_argument("--religion", help=gettext_lazy("mã tôn giáo (00 …)"))
        people.add_argument(
            "--status",
            default="active",
            help=gettext_lazy("active (mặc định) | retired | left | deceased | all"),
        )
        people.add_argument("--format", dest="fmt", help="xlsx | csv")
        profile = what.add_parser("profile", help=gettext_lazy("sơ yếu lý lịch 2C (docx, pdf)"))
        profile.add_argument("id", help=gettext_lazy("mã số hồ sơ (số trong địa chỉ trang)"))
        profile.add_argument("--format", dest="fmt", help="docx | pdf")
        for sub in (people, profile):
            sub.add_argument("-o", "--output", required=True, help=gettext_lazy("tệp ghi ra"))
            sub.add_argument(
                "--user",
                help=gettext_lazy("xuất theo quyền của người dùng này (và ghi nhật ký tên họ)"),
            )

    def handle(self, *args, what, output, fmt=None, user=None, **options):
        path = Path(output)
        fmt = (fmt or path.suffix.lstrip(".")).lower()
        allowed = PEOPLE_FORMATS if what == "people" else PROFILE_FORMATS
        if fmt not in allowed:
            raise _usage(
                _("Hãy chọn --format %(f)s (hoặc đặt tên tệp có đuôi tương ứng).")
                % {"f": " | ".join(allowed)}
            )
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise _usage(_("Không có người dùng “%(u)s”.") % {"u": user})
        started = time.monotonic()
        try:
            if what == "people":
                result = export_people(
                    user=account, params=self.people_params(options), fmt=fmt, path=path
                )
            else:
                result = export_profile(user=account, pk=options["id"], fmt=fmt, path=path)
        except ExportError as error:
            raise CommandError(str(error), returncode=2 if what == "people" else 1) from error
        except Http404 as error:
            raise CommandError(
                _("Không tìm thấy hồ sơ %(id)s, hoặc người dùng không được quyền xuất hồ sơ này.")
                % {"id": options["id"]}
            ) from error
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        if what == "people":
            self.stdout.write(
                _("Đã xuất %(n)s cán bộ vào %(path)s (%(s)s giây).")
                % {"n": f"{result.count:,}".replace(",", "."), "path": path, "s": seconds}
            )
        else:
            self.stdout.write(
                _("Đã xuất sơ yếu lý lịch vào %(path)s (%(s)s giây).")
                % {"path": path, "s": seconds}
            )

    def people_params(self, options) -> dict:
        params: dict[str, str] = {}
        if options.get("unit"):
            params["unit"] = options["unit"].strip()
            if options.get("no_subtree"):
                params["_submitted"] = "1"  # an explicit choice: only the unit itself
            else:
                params["subtree"] = "on"
        for name in _PLAIN:
            if options.get(name) not in (None, ""):
                params["q" if name == "search" else name] = str(options[name])
        if options.get("gender"):
            gender = _GENDERS.get(fold(options["gender"]))
            if gender is None:
                raise _usage(_("--gender: chọn nam hoặc nu."))
            params["gender"] = gender
        for option in ("key_post", "party_member"):
            if options.get(option):
                value = _YES_NO.get(fold(options[option]))
                if value is None:
                    raise _usage(_("--%(o)s: chọn yes hoặc no.") % {"o": option.replace("_", "-")})
                params[option] = value
        if options.get("as_of"):
            try:
                on = parse_partial_date(options["as_of"])
            except ValueError as error:
                raise _usage(f"--as-of: {error}") from error
            if on.precision != "day":
                raise _usage(_("--as-of: cần ghi đủ ngày/tháng/năm, ví dụ 31/12/2025."))
            params["as_of"] = on.value.isoformat()
        for option, (name, model) in _CODED.items():
            if options.get(option):
                params[name] = _by_code(model, options[option].strip(), option)
        if options.get("ethnicity"):
            value = options["ethnicity"].strip()
            params["ethnicity"] = (
                "minority" if fold(value) in ("minority", "thieu so") else _by_code(Ethnicity, value, "ethnicity")
            )  # fmt: skip
        status = (options.get("status") or "active").strip()
        params["status"] = "" if status == "all" else status
        return params
