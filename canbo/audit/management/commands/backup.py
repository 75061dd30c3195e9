"""`canbo backup OUT`: a consistent, versioned archive of all data and uploaded files."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.audit.backup import BackupRefused, write_backup
from canbo.audit.choices import Action
from canbo.audit.services import record_operation


class Command(BaseCommand):
    help = gettext_lazy(
        "Sao lưu toàn bộ dữ liệu và tệp đính kèm vào một tệp .zip (đọc nhất quán trong một giao "
        "dịch; khôi phục được trên SQLite và PostgreSQL bằng “canbo restore”)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "out", help=gettext_lazy("tệp sao lưu sẽ ghi, ví dụ canbo-2025-07-01.zip")
        )
        parser.add_argument(
            "--database", default="default", help=gettext_lazy("bí danh cơ sở dữ liệu")
        )

    def handle(self, *args, out, database, verbosity, **options):
        progress = self.stdout.write if verbosity >= 2 else None
        try:
            manifest = write_backup(out, using=database, progress=progress)
        except (BackupRefused, OSError) as error:
            raise CommandError(_("Không sao lưu được: %(e)s") % {"e": error}) from error
        rows = sum(t["rows"] for t in manifest["tables"])
        record_operation(
            using=database,
            action=Action.BACKUP,
            what=str(out),
            details={
                "tables": len(manifest["tables"]),
                "rows": rows,
                "media": len(manifest["media"]),
            },
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã sao lưu %(rows)s dòng của %(tables)d bảng và %(files)d tệp vào %(out)s.")
                % {
                    "rows": f"{rows:,}".replace(",", "."),
                    "tables": len(manifest["tables"]),
                    "files": len(manifest["media"]),
                    "out": out,
                }
            )
        )
