"""`canbo restore IN [--force]`: put an archive of `canbo backup` back, all or nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.audit.backup import BackupRefused, restore_backup
from canbo.audit.choices import Action
from canbo.audit.services import record_operation


class Command(BaseCommand):
    help = gettext_lazy(
        "Khôi phục một bản sao lưu của “canbo backup” vào cơ sở dữ liệu đã migrate và còn trống, "
        "trong một giao dịch: lỗi hay bị ngắt giữa chừng thì cơ sở dữ liệu giữ nguyên."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=gettext_lazy("tệp sao lưu (.zip)"))
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("xóa toàn bộ dữ liệu hiện có rồi khôi phục (cùng một giao dịch)"),
        )
        parser.add_argument(
            "--database", default="default", help=gettext_lazy("bí danh cơ sở dữ liệu")
        )

    def handle(self, *args, archive, force, database, verbosity, **options):
        progress = self.stdout.write if verbosity >= 1 else None
        try:
            manifest = restore_backup(archive, force=force, using=database, progress=progress)
        except BackupRefused as error:
            raise CommandError(str(error)) from error
        rows = sum(t["rows"] for t in manifest["tables"])
        record_operation(
            using=database,
            action=Action.RESTORE,
            what=str(archive),
            details={
                "created_at": manifest["created_at"],
                "from": manifest["database_vendor"],
                "rows": rows,
                "force": force,
            },
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã khôi phục %(rows)s dòng của %(tables)d bảng (sao lưu lúc %(at)s).")
                % {
                    "rows": f"{rows:,}".replace(",", "."),
                    "tables": len(manifest["tables"]),
                    "at": manifest["created_at"],
                }
            )
        )
