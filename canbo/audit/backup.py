"""`canbo backup` / `canbo restore`: a consistent, versioned, portable archive of every table and
every uploaded file, restorable on SQLite or PostgreSQL whichever it came from.

The archive is a ZIP file:

    manifest.json              format, format_version, canbo version, database vendor,
                               applied migrations, created_at, and per table: model, columns,
                               rows, sha256 of its data member; per media file: size, sha256
    data/NNN-app.model.jsonl   one JSON array per row, columns in the manifest's order,
                               tables in dependency order (referenced tables first)
    media/<path>               the uploaded files (decisions …)

Values are portable: dates and times ISO 8601 (date-times in UTC), decimals as strings,
JSON fields as JSON, binary as base64; objects are written with sorted keys, so the same data
gives the same checksums on every database.

The backup reads inside one transaction (REPEATABLE READ, READ ONLY on PostgreSQL; one BEGIN on
SQLite, a snapshot under WAL) and writes to a temporary file renamed at the end. The restore
runs in one transaction: it empties every table, loads the archive with the original ids,
resets PostgreSQL's sequences and commits once — interrupted anywhere, the database is as it was.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import hashlib
import json
import os
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import DatabaseError, connections, models, transaction
from django.utils import timezone
from django.utils.duration import duration_string
from django.utils.translation import gettext as _

from canbo.core.bulk import insert_rows

FORMAT = "canbo-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 2000
# login sessions are never copied (a stolen backup must not log anyone in) and are emptied
# by a restore (an old session must not point at a restored user with the same id)
SKIPPED = {"sessions.Session"}
# a database holding any of these is "not empty": restore refuses without --force
USER_DATA = ["auth.User", "units.Unit", "people.Person", "posts.Decision", "audit.AuditEntry"]
# test hook: seconds to sleep after each table of a restore (to kill it midway in a test)
DELAY_ENV = "CANBO_RESTORE_TEST_DELAY"

# field types whose values are converted on the way in and out; the others are kept as read
_CONVERTED = {
    "DateTimeField",
    "DecimalField",
    "JSONField",
    "BinaryField",
    "UUIDField",
    "DurationField",
}


class BackupRefused(Exception):
    """A restore (or backup) that must not run; the message says why, in Vietnamese."""


def canbo_version() -> str:
    try:
        return package_version("canbo")
    except PackageNotFoundError:
        return "unknown"


def _all_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]


def backup_models() -> list[type[models.Model]]:
    """Every table canbo keeps, referenced tables before the tables that refer to them."""
    chosen = [m for m in _all_models() if m._meta.label not in SKIPPED]
    deps = {
        m: {
            f.related_model
            for f in m._meta.concrete_fields
            if f.is_relation and f.related_model in chosen and f.related_model is not m
        }
        for m in chosen
    }
    ordered: list[type[models.Model]] = []
    done: set = set()
    visiting: set = set()

    def visit(model):
        if model in done or model in visiting:  # a cycle: deferred constraints allow any order
            return
        visiting.add(model)
        for dep in sorted(deps[model], key=lambda m: m._meta.label):
            visit(dep)
        visiting.discard(model)
        done.add(model)
        ordered.append(model)

    for model in sorted(chosen, key=lambda m: m._meta.label):
        visit(model)
    return ordered


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot archive {type(value).__name__}")


_encoder = json.JSONEncoder(
    default=_json_default, ensure_ascii=False, separators=(",", ":"), sort_keys=True
)
_decode = json.JSONDecoder().decode


def encode_row(row) -> bytes:
    return (_encoder.encode(row) + "\n").encode()


def _lines(member) -> Iterator[bytes]:
    """The lines of an archive member, read in large blocks; also feeds `member.digest`."""
    rest = b""
    while block := member.read(1 << 20):
        member.digest.update(block)
        *lines, rest = (rest + block).split(b"\n")
        yield from lines
    if rest:
        yield rest


@contextmanager
def read_snapshot(using: str) -> Iterator[None]:
    """One consistent read of the whole database."""
    connection = connections[using]
    if connection.in_atomic_block:  # already inside a transaction (tests): read within it
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")  # a read transaction: the WAL snapshot of now
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=using):
        yield


def applied_migrations(using: str) -> list[list[str]]:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [[app, name] for app, name in cursor.fetchall()]


def _media_files(storage) -> Iterator[str]:
    def walk(path: str) -> Iterator[str]:
        try:
            dirs, files = storage.listdir(path)
        except (FileNotFoundError, NotADirectoryError):
            return
        for name in sorted(files):
            yield f"{path}/{name}" if path else name
        for name in sorted(dirs):
            yield from walk(f"{path}/{name}" if path else name)

    yield from walk("")


def _say(progress: Callable[[str], None] | None, text: str) -> None:
    if progress is not None:
        progress(text)


def write_backup(
    out: str | os.PathLike,
    *,
    using: str = "default",
    storage=None,
    progress: Callable[[str], None] | None = None,
    compresslevel: int = 6,
) -> dict:
    """Write the archive to `out` (through a temporary file renamed at the end); returns the
    manifest."""
    out = Path(out)
    storage = storage or default_storage
    connection = connections[using]
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "canbo_version": canbo_version(),
        "database_vendor": connection.vendor,
        "created_at": timezone.now().astimezone(datetime.UTC).isoformat(),
        "tables": [],
        "media": [],
    }
    try:
        with (
            zipfile.ZipFile(
                tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel
            ) as archive,
            read_snapshot(using),
        ):
            manifest["migrations"] = applied_migrations(using)
            for index, model in enumerate(backup_models(), start=1):
                fields = list(model._meta.concrete_fields)
                member = f"data/{index:03d}-{model._meta.label}.jsonl"
                digest, count = hashlib.sha256(), 0
                rows = (
                    model._base_manager.using(using)
                    .order_by("pk")
                    .values_list(*[f.attname for f in fields])
                    .iterator(chunk_size=CHUNK)
                )
                with archive.open(member, "w", force_zip64=True) as raw:
                    buffer = bytearray()
                    for row in rows:
                        buffer += encode_row(row)
                        count += 1
                        if len(buffer) >= 1 << 20:
                            digest.update(buffer)
                            raw.write(buffer)
                            buffer.clear()
                    digest.update(buffer)
                    raw.write(buffer)
                manifest["tables"].append(
                    {
                        "model": model._meta.label,
                        "table": model._meta.db_table,
                        "columns": [f.column for f in fields],
                        "member": member,
                        "rows": count,
                        "sha256": digest.hexdigest(),
                    }
                )
                _say(progress, f"{model._meta.label}: {count}")
            for name in _media_files(storage):
                digest, size = hashlib.sha256(), 0
                with (
                    storage.open(name, "rb") as source,
                    archive.open(f"media/{name}", "w", force_zip64=True) as target,
                ):
                    while block := source.read(1 << 20):
                        digest.update(block)
                        size += len(block)
                        target.write(block)
                manifest["media"].append({"name": name, "size": size, "sha256": digest.hexdigest()})
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return manifest


# -- restore ----------------------------------------------------------------------------------


def read_manifest(path: str | os.PathLike) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
    except FileNotFoundError as error:
        raise BackupRefused(_("Không tìm thấy tệp “%(path)s”.") % {"path": path}) from error
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise BackupRefused(
            _("Tệp “%(path)s” không phải bản sao lưu của canbo (không đọc được manifest.json).")
            % {"path": path}
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(_("Tệp “%(path)s” không phải bản sao lưu của canbo.") % {"path": path})
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupRefused(
            _(
                "Bản sao lưu có định dạng phiên bản %(found)s; phiên bản canbo này chỉ khôi phục "
                "được định dạng phiên bản %(known)s."
            )
            % {"found": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    return manifest


def user_data_present(using: str) -> list[str]:
    """Names of the kinds of user data the database holds (empty list: an empty database)."""
    found = []
    for label in USER_DATA:
        model = apps.get_model(label)
        if model._base_manager.using(using).exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


def check_restorable(manifest: dict, *, using: str, force: bool) -> dict[str, type]:
    """Refuse with a Vietnamese message what must not be restored; returns table → model."""
    have = {tuple(m) for m in applied_migrations(using)}
    missing = sorted(tuple(m) for m in manifest.get("migrations", []) if tuple(m) not in have)
    if missing:
        raise BackupRefused(
            _(
                "Cơ sở dữ liệu thiếu %(n)d migration mà bản sao lưu cần (ví dụ %(which)s): bản "
                "sao lưu được tạo bởi phiên bản canbo mới hơn. Hãy nâng cấp canbo và chạy "
                "“canbo migrate” rồi khôi phục lại."
            )
            % {"n": len(missing), "which": ", ".join(f"{a}.{n}" for a, n in missing[:3])}
        )
    by_table = {m._meta.db_table: m for m in _all_models()}
    existing = set(connections[using].introspection.table_names())
    absent = sorted(t for t in by_table if t not in existing)
    if absent:
        raise BackupRefused(
            _("Cơ sở dữ liệu chưa có bảng %(t)s: hãy chạy “canbo migrate” trước khi khôi phục.")
            % {"t": ", ".join(absent[:3])}
        )
    for table in manifest["tables"]:
        model = by_table.get(table["table"])
        if model is None:
            raise BackupRefused(
                _("Bản sao lưu có bảng “%(t)s” mà phiên bản canbo này không có.")
                % {"t": table["table"]}
            )
        known = {f.column for f in model._meta.concrete_fields}
        unknown = [c for c in table["columns"] if c not in known]
        if unknown:
            raise BackupRefused(
                _("Bảng “%(t)s” của bản sao lưu có cột mà cơ sở dữ liệu không có: %(c)s.")
                % {"t": table["table"], "c": ", ".join(unknown)}
            )
    if not force:
        present = user_data_present(using)
        if present:
            raise BackupRefused(
                _(
                    "Cơ sở dữ liệu không trống (đã có %(what)s): không khôi phục chồng lên. Thêm "
                    "--force để xóa toàn bộ dữ liệu hiện có rồi khôi phục (trong cùng một giao "
                    "dịch)."
                )
                % {"what": ", ".join(present)}
            )
    return by_table


def _converter(field: models.Field, connection) -> Callable[[Any], Any] | None:
    kind = field.get_internal_type()
    if kind not in _CONVERTED:
        return None
    if kind == "BinaryField":
        return lambda v: None if v is None else base64.b64decode(v)
    if kind == "JSONField":
        return lambda v: None if v is None else field.get_db_prep_save(v, connection)

    def convert(value):
        if value is None:
            return None
        return field.get_db_prep_save(field.to_python(value), connection)

    return convert


def empty_tables(using: str) -> None:
    """Delete every row of every table canbo keeps (inside the caller's transaction)."""
    connection = connections[using]
    qn = connection.ops.quote_name
    tables = [m._meta.db_table for m in _all_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(qn(t) for t in tables)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {qn(table)}")


def _load_table(archive, spec: dict, model, connection) -> int:
    fields = {f.column: f for f in model._meta.concrete_fields}
    columns = spec["columns"]
    converters = [
        (i, conv)
        for i, column in enumerate(columns)
        if (conv := _converter(fields[column], connection)) is not None
    ]
    digest, count, batch = hashlib.sha256(), 0, []
    with archive.open(spec["member"]) as raw:
        raw.digest = digest
        for line in _lines(raw):
            row = _decode(line.decode())
            for i, conv in converters:
                row[i] = conv(row[i])
            batch.append(row)
            count += 1
            if len(batch) >= 5000:
                insert_rows(connection, spec["table"], columns, batch)
                batch = []
    if batch:
        insert_rows(connection, spec["table"], columns, batch)
    if count != spec["rows"] or digest.hexdigest() != spec["sha256"]:
        raise BackupRefused(
            _(
                "Dữ liệu bảng “%(t)s” trong bản sao lưu bị hỏng (số dòng hoặc mã kiểm tra không "
                "khớp). Cơ sở dữ liệu được giữ nguyên."
            )
            % {"t": spec["table"]}
        )
    return count


def _restore_media(archive, manifest: dict, storage) -> None:
    for item in manifest.get("media", []):
        name = item["name"]
        if storage.exists(name):
            storage.delete(name)
        with archive.open(f"media/{name}") as source:
            saved = storage.save(name, File(source, name=os.path.basename(name)))
        if saved != name:  # pragma: no cover — the storage renamed it
            raise BackupRefused(_("Không ghi được tệp “%(n)s”.") % {"n": name})


def restore_backup(
    path: str | os.PathLike,
    *,
    force: bool = False,
    using: str = "default",
    storage=None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Restore the archive into the database `using`, all or nothing. Returns the manifest."""
    storage = storage or default_storage
    manifest = read_manifest(path)
    connection = connections[using]
    delay = float(os.environ.get(DELAY_ENV, "0") or 0)
    by_table = check_restorable(manifest, using=using, force=force)
    try:
        with zipfile.ZipFile(path) as archive, transaction.atomic(using=using):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            # checked again inside the transaction: nobody filled it meanwhile
            check_restorable(manifest, using=using, force=force)
            empty_tables(using)
            for spec in manifest["tables"]:
                count = _load_table(archive, spec, by_table[spec["table"]], connection)
                _say(progress, f"{spec['model']}: {count}")
                if delay:
                    time.sleep(delay)
            statements = connection.ops.sequence_reset_sql(no_style(), list(by_table.values()))
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
            _restore_media(archive, manifest, storage)
    except DatabaseError as error:
        raise BackupRefused(
            _("Không khôi phục được: %(e)s. Cơ sở dữ liệu được giữ nguyên.") % {"e": error}
        ) from error
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return manifest


def iter_rows(path: str | os.PathLike, model_label: str) -> Iterator[list]:
    """The rows of one table of an archive (for checks and tests)."""
    manifest = read_manifest(path)
    spec = next(t for t in manifest["tables"] if t["model"] == model_label)
    with zipfile.ZipFile(path) as archive, archive.open(spec["member"]) as raw:
        raw.digest = hashlib.sha256()
        for line in _lines(raw):
            yield _decode(line.decode())
