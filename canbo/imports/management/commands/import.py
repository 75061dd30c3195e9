"""`canbo import people FILE …`: import a roster (all rows or none).

Exit status: 0 imported (or, with --dry-run, would import), 1 rejected (every problem listed),
2 usage (wrong option, unknown unit, unreadable mapping). `import ratings` will join later.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.imports.analysis import ERROR
from canbo.imports.choices import ImportStatus
from canbo.imports.models import SavedMapping
from canbo.imports.services import import_people
from canbo.units.models import Unit

USAGE = 2
REJECTED = 1


def load_mapping(value: str | None) -> dict:
    """A saved mapping's name, or a JSON file: {"columns": {...}, "header_rows": [5, 6]} or
    just {column letter or header text: field}."""
    if not value:
        return {}
    path = Path(value)
    if path.suffix.lower() == ".json" or path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as exc:
            raise CommandError(
                _("Không đọc được tệp ghép cột %(p)s: %(e)s") % {"p": value, "e": exc},
                returncode=USAGE,
            ) from exc
    else:
        saved = SavedMapping.objects.filter(name=value).first()
        if saved is None:
            raise CommandError(
                _("Không có cách ghép cột đã lưu tên “%(n)s”.") % {"n": value}, returncode=USAGE
            )
        data = saved.columns
    if not isinstance(data, dict):
        raise CommandError(_("Tệp ghép cột phải là một đối tượng JSON."), returncode=USAGE)
    columns = dict(data.get("columns", {k: v for k, v in data.items() if k != "header_rows"}))
    if data.get("header_rows"):
        columns["_header_rows"] = list(data["header_rows"])
    return columns


def format_problem(p) -> str:
    level = _("LỖI") if p.level == ERROR else _("cảnh báo")
    where = [f"[{p.sheet}]"] if p.sheet else []
    if p.row:
        where.append(_("dòng %(n)d") % {"n": p.row})
    if p.column:
        where.append(_("cột %(c)s") % {"c": p.column})
    value = f" “{p.value}”" if p.value else ""
    return f"{level}: {', '.join(where)}{value}: {p.message}"


class Command(BaseCommand):
    help = gettext_lazy("Nhập dữ liệu từ tệp Excel/CSV: canbo import people TỆP [tùy chọn]")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True, parser_class=CommandParser)
        people = sub.add_parser(
            "people",
            help=gettext_lazy("nhập danh sách cán bộ (danh sách trích ngang)"),
            called_from_command_line=getattr(parser, "called_from_command_line", None),
        )
        people.add_argument("file", help=gettext_lazy("tệp .xlsx, .xls hoặc .csv"))
        people.add_argument("--unit", help=gettext_lazy("mã đơn vị nhận (đơn vị mặc định)"))
        people.add_argument(
            "--create-units",
            action="store_true",
            help=gettext_lazy("tạo dưới --unit các đơn vị chưa có mà tệp nêu tên"),
        )
        people.add_argument(
            "--mapping", help=gettext_lazy("tên cách ghép cột đã lưu, hoặc tệp .json")
        )
        people.add_argument(
            "--save-mapping", help=gettext_lazy("lưu cách ghép cột của --mapping dưới tên này")
        )
        people.add_argument("--sheet", help=gettext_lazy("tên trang tính (mặc định trang đầu)"))
        people.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("chỉ kiểm tra, không ghi")
        )
        people.add_argument(
            "--errors", help=gettext_lazy("ghi tệp .xlsx: bảng gốc thêm cột lỗi cần sửa")
        )
        people.add_argument("--user", help=gettext_lazy("tên đăng nhập ghi vào nhật ký nhập"))

    def handle(self, *args, what, **options):
        translation.activate(settings.LANGUAGE_CODE)
        return self.people(**options)

    def people(self, *, file, unit, create_units, mapping, save_mapping, sheet, dry_run, errors,
               user, **_options):  # fmt: skip
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không có tệp %(f)s.") % {"f": file}, returncode=USAGE)
        target = None
        if unit:
            target = Unit.objects.filter(code=unit).first()
            if target is None:
                raise CommandError(_("Không có đơn vị mã “%(c)s”.") % {"c": unit}, returncode=USAGE)
        if create_units and target is None:
            raise CommandError(
                _("--create-units cần --unit: đơn vị mới được tạo dưới đơn vị đó."),
                returncode=USAGE,
            )
        if errors and Path(errors).suffix.lower() != ".xlsx":
            raise CommandError(_("Tệp --errors phải có đuôi .xlsx."), returncode=USAGE)
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(
                    _("Không có người dùng “%(u)s”.") % {"u": user}, returncode=USAGE
                )
        columns = load_mapping(mapping)
        if save_mapping:
            SavedMapping.objects.update_or_create(
                name=save_mapping, defaults={"columns": columns, "created_by": actor}
            )
        outcome = import_people(
            path=path,
            name=path.name,
            sheet=sheet,
            mapping=columns,
            unit=target,
            create_units=create_units,
            user=actor,
            dry_run=dry_run,
        )
        prepared = outcome.prepared
        if prepared.layout is not None:
            layout = prepared.layout
            rows = ", ".join(str(r + 1) for r in layout.header_rows)
            self.stdout.write(
                _("Trang tính “%(s)s”: tiêu đề ở dòng %(r)s; dữ liệu từ dòng %(d)d.")
                % {"s": prepared.sheet.name, "r": rows, "d": layout.data_start + 1}
            )
            if layout.list_date:
                self.stdout.write(
                    _("Danh sách tính đến ngày %(d)s.") % {"d": f"{layout.list_date:%d/%m/%Y}"}
                )
            for c in layout.columns:
                if c.field:
                    self.stdout.write(f"  {c.letter:>3}  {c.header}  →  {c.label}")
        for p in prepared.all_problems:
            self.stdout.write(format_problem(p))
        if errors:
            from canbo.imports.errors_file import write_errors_file

            write_errors_file(errors, source=path, name=path.name, prepared=prepared)
            self.stdout.write(_("Đã ghi tệp lỗi %(f)s.") % {"f": errors})
        counts = _(
            "%(rows)d dòng: %(c)d thêm mới, %(u)d cập nhật, %(n)d không đổi; %(e)d lỗi, "
            "%(w)d cảnh báo."
        ) % {
            "rows": prepared.analysis.rows_read if prepared.analysis else 0,
            "c": outcome.created,
            "u": outcome.updated,
            "n": outcome.unchanged,
            "e": len(prepared.errors),
            "w": len(prepared.warnings),
        }
        for unit_text in outcome.units_created:
            self.stdout.write(_("Đơn vị mới: %(u)s") % {"u": unit_text})
        if outcome.status == ImportStatus.REJECTED:
            self.stdout.write(counts)
            raise CommandError(
                _("Không nhập: tệp có %(n)d lỗi, chưa ghi gì vào cơ sở dữ liệu.")
                % {"n": len(prepared.errors)},
                returncode=REJECTED,
            )
        if outcome.status == ImportStatus.DRY_RUN:
            self.stdout.write(_("Chạy thử (không ghi): ") + counts)
        else:
            self.stdout.write(_("Đã nhập: ") + counts)
