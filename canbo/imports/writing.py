"""Fast insertion of many new profiles (and their audit entries) in the import's transaction.

`bulk_create` spends most of its time building SQL placeholders field by field; a roster of
100,000 people needs less: ids are reserved first (the sequence on PostgreSQL, past the highest
id on SQLite, whose write lock the transaction already holds), then the rows go in with COPY on
PostgreSQL and `executemany` on SQLite. The rows were validated like the form before (see
analysis.py); the audit entries are written here because no model signal sees these inserts.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models
from django.utils import timezone

from canbo.core.bulk import insert_rows
from canbo.people.models import Person

BATCH = 2000


def _reserve_ids(connection, model, n: int) -> list[int]:
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, n],
            )
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')  # noqa: S608
        top = cursor.fetchone()[0]
        try:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        except Exception:  # noqa: BLE001 — a table without AUTOINCREMENT has no sequence row
            row = None
        top = max(top, row[0] if row else 0)
        return list(range(top + 1, top + 1 + n))


def _insert(connection, model, columns: list[str], rows: list[tuple]) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: checked now, row by row
            # during the COPY, instead of a queue of a million checks at COMMIT
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    insert_rows(connection, model._meta.db_table, columns, rows, batch=BATCH)


def _converters(connection, fields, now):
    """Per field: how a Python value goes to the driver. PostgreSQL's COPY adapts dates and
    decimals itself; on SQLite they go as Django stores them (ISO text; the timestamps, all
    `now`, converted once)."""
    if connection.vendor == "postgresql":
        return [None] * len(fields)
    stamp = None
    out = []
    for f in fields:
        if isinstance(f, models.DateTimeField):
            if stamp is None:
                stamp = f.get_db_prep_save(now, connection)
            out.append(
                lambda v, stamp=stamp, f=f: stamp if v is now else f.get_db_prep_save(v, connection)
            )
        elif isinstance(f, models.DateField):
            out.append(date.isoformat)
        elif isinstance(f, models.DecimalField):
            out.append(str)
        else:
            out.append(None)
    return out


def insert_people(people: list[Person]) -> None:
    """Insert new, validated `people` (ids set on them); audit entries follow if audit is on."""
    if not people:
        return
    connection = connections[Person.objects.db]
    now = timezone.now()
    fields = [f for f in Person._meta.concrete_fields if not f.primary_key]
    convert = [(i, c) for i, c in enumerate(_converters(connection, fields, now)) if c]
    attnames = [f.attname for f in fields]
    ids = _reserve_ids(connection, Person, len(people))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # index pages of a big insert stay in memory
            cursor.execute("PRAGMA cache_size = -262144")
    rows, raw_rows = [], []
    for person, pk in zip(people, ids, strict=True):
        person.pk = pk
        person.created_at = person.updated_at = now
        person._state.adding = False
        person._state.db = connection.alias
        raw = [getattr(person, a) for a in attnames]
        raw_rows.append(raw)
        values = list(raw)
        for i, conv in convert:
            if values[i] is not None:
                values[i] = conv(values[i])
        rows.append((pk, *values))
    _insert(connection, Person, [Person._meta.pk.column, *[f.column for f in fields]], rows)
    if apps.is_installed("canbo.audit"):
        _audit_created(connection, people, raw_rows, attnames, now)


def _plain(value):
    """As the audit log keeps a value (canbo.audit.services.plain), for the types a profile has."""
    if type(value) in (str, int, bool, float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _audit_created(connection, people, raw_rows, attnames, now) -> None:
    """One "create" entry per new profile, attributed to the import's audit context, with the
    profile's non-empty fields (as the model-signal entries hold them)."""
    from canbo.audit.context import current
    from canbo.audit.models import AuditEntry
    from canbo.audit.services import MASK, MASKED_FIELDS, audited_fields

    ctx = current()
    user, username = ctx.actor()
    user_id = user.pk if user is not None and user.pk else None
    shown_names = {f.attname: f.name for f in audited_fields(Person)}
    shown = [(i, shown_names[a]) for i, a in enumerate(attnames) if a in shown_names]
    masked = {name for _i, name in shown if name in MASKED_FIELDS}
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    convert = _converters(connection, fields, now)
    is_json = [isinstance(f, models.JSONField) for f in fields]
    label = Person._meta.label
    encoder = DjangoJSONEncoder()
    rows = []
    for person, raw in zip(people, raw_rows, strict=True):
        after = {"id": person.pk}
        for i, name in shown:
            value = raw[i]
            if value is None or value == "":
                continue
            after[name] = MASK if name in masked else _plain(value)
        record = {
            "at": now, "user_id": user_id, "username": username or "", "source": ctx.source,
            "ip": ctx.ip, "request_id": ctx.request_id, "action": "create", "model": label,
            "object_id": str(person.pk), "object_repr": person.full_name[:255],
            "person_id": person.pk, "before": None, "after": after, "note": ctx.note[:500],
        }  # fmt: skip
        values = []
        for f, conv, js in zip(fields, convert, is_json, strict=True):
            value = record.get(f.attname)
            if js:
                value = None if value is None else encoder.encode(value)
            elif conv is not None and value is not None:
                value = conv(value)
            values.append(value)
        rows.append(tuple(values))
    _insert(connection, AuditEntry, columns, rows)
