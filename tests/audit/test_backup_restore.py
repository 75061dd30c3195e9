"""`canbo backup` / `canbo restore` in process: every table comes back exactly, media too;
refusals leave the database as it was."""

import json
import zipfile
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.audit import record_view
from canbo.audit.backup import (
    FORMAT_VERSION,
    backup_models,
    empty_tables,
    encode_row,
    restore_backup,
    user_data_present,
    write_backup,
)
from canbo.audit.models import AuditEntry
from canbo.people.models import Person
from canbo.posts.models import Decision
from tests.factories import PersonFactory, unit

pytestmark = pytest.mark.django_db


def contents() -> dict[str, list[bytes]]:
    """Every table, every row, every column, in a vendor-neutral form."""
    return {
        m._meta.label: [
            encode_row(row)
            for row in m._base_manager.order_by("pk").values_list(
                *[f.attname for f in m._meta.concrete_fields]
            )
        ]
        for m in backup_models()
    }


def media() -> dict[str, bytes]:
    from canbo.audit.backup import _media_files

    return {name: default_storage.open(name).read() for name in _media_files(default_storage)}


@pytest.fixture
def data():
    call_command("generate", people=120, seed=3, stdout=StringIO())
    admin = get_user_model().objects.create_user(
        username="quan.tri", password="Mat-khau-rat-dai-2025"
    )
    person = Person.objects.order_by("pk").first()
    record_view(admin, person)
    decision = Decision.objects.order_by("pk").first()
    decision.file.save("208-QD-HU.pdf", ContentFile(b"%PDF-1.4 quyet dinh \xc4\x91"))
    return admin


def _wipe():
    empty_tables("default")
    for name in list(media()):
        default_storage.delete(name)


def test_backup_then_restore_into_an_empty_database_gives_back_every_table(tmp_path, data):
    before, files = contents(), media()
    assert sum(len(rows) for rows in before.values()) > 1000 and files
    manifest = write_backup(tmp_path / "a.zip")
    assert manifest["format_version"] == FORMAT_VERSION and manifest["migrations"]
    assert {t["model"] for t in manifest["tables"]} == set(before)
    assert all(t["rows"] == len(before[t["model"]]) for t in manifest["tables"])

    _wipe()
    assert contents() != before and user_data_present("default") == []
    restore_backup(tmp_path / "a.zip")
    after = contents()
    for label, rows in before.items():
        assert after[label] == rows, label
    assert media() == files
    # ids continue after the restored ones
    new = PersonFactory(unit=Person.objects.first().unit)
    assert new.pk > max(p for p in Person.objects.exclude(pk=new.pk).values_list("pk", flat=True))


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, data):
    write_backup(tmp_path / "a.zip")
    before = contents()
    with pytest.raises(CommandError, match="không trống.*--force"):
        call_command("restore", str(tmp_path / "a.zip"), stdout=StringIO())
    assert contents() == before


def test_restore_force_replaces_what_is_there(tmp_path, data):
    write_backup(tmp_path / "a.zip")
    before = contents()
    PersonFactory(unit=unit("xa-moi"), full_name="Người Mới Thêm")
    call_command("restore", str(tmp_path / "a.zip"), "--force", stdout=StringIO())
    after = contents()
    assert not Person.objects.filter(full_name="Người Mới Thêm").exists()
    for label, rows in before.items():
        if label == "audit.AuditEntry":  # plus the entry of the restore itself
            assert after[label][: len(rows)] == rows
            assert AuditEntry.objects.latest("id").action == "restore"
        else:
            assert after[label] == rows, label


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w") as b:
        for item in a.infolist():
            payload = a.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(payload)
                change(manifest)
                payload = json.dumps(manifest).encode()
            b.writestr(item, payload)


def test_restore_refuses_an_unknown_format_version(tmp_path, data):
    write_backup(tmp_path / "a.zip")
    _rewrite(tmp_path / "a.zip", tmp_path / "b.zip", lambda m: m.update(format_version=99))
    _wipe()
    with pytest.raises(CommandError, match="định dạng phiên bản 99"):
        call_command("restore", str(tmp_path / "b.zip"), stdout=StringIO())
    assert not Person.objects.exists()


def test_restore_refuses_an_archive_with_migrations_the_database_lacks(tmp_path, data):
    write_backup(tmp_path / "a.zip")
    _rewrite(
        tmp_path / "a.zip",
        tmp_path / "b.zip",
        lambda m: m["migrations"].append(["people", "9999_tuong_lai"]),
    )
    _wipe()
    with pytest.raises(CommandError, match="thiếu 1 migration.*people.9999_tuong_lai"):
        call_command("restore", str(tmp_path / "b.zip"), stdout=StringIO())
    assert not Person.objects.exists()


def test_restore_refuses_what_is_not_a_backup(tmp_path, db):
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="không phải bản sao lưu của canbo"):
        call_command("restore", str(tmp_path / "x.zip"), stdout=StringIO())
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("restore", str(tmp_path / "none.zip"), stdout=StringIO())


def test_a_damaged_table_aborts_the_whole_restore(tmp_path, data):
    write_backup(tmp_path / "a.zip")
    with zipfile.ZipFile(tmp_path / "a.zip") as a, zipfile.ZipFile(tmp_path / "b.zip", "w") as b:
        for item in a.infolist():
            payload = a.read(item.filename)
            if item.filename.endswith("people.Person.jsonl"):
                payload = payload.replace("Nguyễn".encode(), b"Nguyen", 1)
            b.writestr(item, payload)
    before = contents()
    with pytest.raises(CommandError, match="people_person.*bị hỏng"):
        call_command("restore", str(tmp_path / "b.zip"), "--force", stdout=StringIO())
    assert contents() == before


def test_backup_command_reports_and_is_logged(tmp_path, data):
    out = StringIO()
    call_command("backup", str(tmp_path / "a.zip"), stdout=out)
    assert "Đã sao lưu" in out.getvalue() and (tmp_path / "a.zip").exists()
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "backup" and entry.after["rows"] > 1000
    # a backup written next to a file of the same name replaces it only when complete
    assert not list(tmp_path.glob(".*.tmp"))


def test_dates_decimals_and_json_survive_exactly(tmp_path, db):
    person = PersonFactory(unit=unit("u"), salary_coefficient="4.40", salary_since=date(2024, 7, 1))
    person.refresh_from_db()
    write_backup(tmp_path / "a.zip")
    _wipe()
    restore_backup(tmp_path / "a.zip")
    again = Person.objects.get(pk=person.pk)
    assert str(again.salary_coefficient) == "4.40" and again.salary_since == date(2024, 7, 1)
    assert again.created_at == person.created_at
    entry = AuditEntry.objects.get(person_id=person.pk, action="create")
    assert entry.after["salary_coefficient"] == "4.4"
