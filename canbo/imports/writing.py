"""Fast insertion of many new profiles (and their audit entries) in the import's transaction.

`bulk_create` spends most of its time building SQL placeholders field by field; a roster of
100,000 people needs less: ids are reserved first (the sequence on PostgreSQL, past the highest
id on SQLite, whose write lock the transaction already holds), then the rows go in with COPY on
PostgreSQL and `executemany` on SQLite. The rows were validated like the form before (see
analysis.py); the audit entries are written here because no model signal sees these inserts.
"""

from __future__ import annotations

import json
import operator
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connections, models
from django.utils import timezone

from canbo.audit.services import plain
from canbo.core.bulk import insert_rows
from canbo.core.forked import Forked
from canbo.people.models import Person

BATCH = 2000


def _reserve_ids(connection, model, n: int) -> list[int]:
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the sequence looked up once: per row, pg_get_serial_sequence() took 0.3 s of 0.35
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)::regclass::oid", [table, pk])
            sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT nextval(%s::oid::regclass) FROM generate_series(1, %s)", [sequence, n]
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


def _insert(connection, model, columns: list[str], rows) -> None:
    """`rows` may be a generator (see core.bulk.insert_rows)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: checked now, row by row
            # during the COPY, instead of a queue of a million checks at COMMIT
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # the trigram index takes new names into its pending list and merges the list into
            # the index each time it fills, in work_mem: with 64 MB instead of the default 4 MB
            # a 100,000-profile COPY takes 3.45 s instead of 3.9 s (this transaction only)
            cursor.execute("SET LOCAL work_mem = '64MB'")
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


# A new profile travels from the analysis to the insert as the tuple of its field values in
# this order (a `Person` per row for 100,000 rows would hold most of the import's memory).
FIELDS = [f for f in Person._meta.concrete_fields if not f.primary_key]
ATTNAMES = [f.attname for f in FIELDS]
_VALUES = operator.itemgetter(*ATTNAMES)
UNIT_AT = ATTNAMES.index("unit_id")
_NAME_AT = ATTNAMES.index("full_name")
_STAMPS_AT = (ATTNAMES.index("created_at"), ATTNAMES.index("updated_at"))


def values_of(person: Person) -> tuple:
    """The field values of a new, validated profile, in `ATTNAMES` order (every attname is in
    the instance's dict: the profiles of an import are built from a `Person()`)."""
    return _VALUES(person.__dict__)


def insert_people(people: list[tuple]) -> None:
    """Insert new, validated profiles (`values_of` tuples, ids reserved here), then their audit
    entries if audit is on: one stream of rows per table."""
    if not people:
        return
    connection = connections[Person.objects.db]
    now = timezone.now()
    convert = [(i, c) for i, c in enumerate(_converters(connection, FIELDS, now)) if c]
    ids = _reserve_ids(connection, Person, len(people))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # index pages of a big insert stay in memory
            cursor.execute("PRAGMA cache_size = -524288")
    columns = [Person._meta.pk.column, *[f.column for f in FIELDS]]
    audit = _AuditRows(connection, now) if apps.is_installed("canbo.audit") else None
    setwise = _references_setwise(connection, people, audit)

    def rows():
        for raw, pk in zip(people, ids, strict=True):
            values = list(raw)
            for i in _STAMPS_AT:
                values[i] = now
            for i, conv in convert:
                if values[i] is not None:
                    values[i] = conv(values[i])
            yield (pk, *values)

    if audit is None:
        _insert(connection, Person, columns, rows())
    else:  # the audit entries' values are encoded meanwhile by a forked copy of this process
        afters = Forked(lambda: audit.afters(people, ids), size=len(people))
        try:
            _insert(connection, Person, columns, rows())
            _insert(
                connection, audit.model, audit.columns, audit.rows(people, ids, afters.result())
            )
        finally:
            afters.close()  # (when the insert failed first)
    if setwise:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")


def _may_skip_row_triggers(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        if cursor.fetchone()[0]:
            return True
        if connection.pg_version >= 150000:
            cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
            return bool(cursor.fetchone()[0])
    return False


def _references_setwise(connection, people: list[tuple], audit) -> bool:
    """PostgreSQL checks each foreign key of each inserted row with a trigger (a query per row
    and key: 700,000 for 100,000 profiles, half the time of the COPY). When the database role
    may, the same check is made here once per distinct value, with the same lock the trigger
    takes (`FOR KEY SHARE`, so that no referenced row can go before COMMIT), and the per-row
    triggers are off for these inserts only (`session_replication_role`, back to normal right
    after). Unique and check constraints are not triggers: they still apply row by row."""
    if connection.vendor != "postgresql" or not _may_skip_row_triggers(connection):
        return False
    qn = connection.ops.quote_name
    checks = [
        (f, {row[i] for row in people} - {None}) for i, f in enumerate(FIELDS) if f.is_relation
    ]
    if audit is not None and audit.user_id is not None:
        checks.append((audit.model._meta.get_field("user"), {audit.user_id}))
    with connection.cursor() as cursor:
        for f, wanted in checks:
            if not wanted:
                continue
            target = f.target_field
            table, column = qn(target.model._meta.db_table), qn(target.column)
            cursor.execute(
                f"SELECT {column} FROM {table} WHERE {column} = ANY(%s) FOR KEY SHARE",  # noqa: S608
                [sorted(wanted)],
            )
            missing = wanted - {r[0] for r in cursor.fetchall()}
            if missing:
                raise IntegrityError(
                    f"{f.model._meta.db_table}.{f.column}: no {target.model._meta.db_table} "
                    f"with {target.column} in {sorted(missing)[:10]}"
                )
        cursor.execute("SET LOCAL session_replication_role = replica")
    return True


_EMPTY = frozenset((None, ""))


def _plain_decimal(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _plain_of(field):
    """The audit `plain` of a field's values, chosen once for the field: None when they are kept
    as they are (text, numbers, booleans)."""
    if isinstance(field, models.DateTimeField):
        return plain
    if isinstance(field, models.DateField):
        return date.isoformat
    if isinstance(field, models.DecimalField):
        return _plain_decimal
    if isinstance(
        field, models.CharField | models.TextField | models.IntegerField | models.BooleanField
    ):
        return None
    if field.is_relation:
        return None  # the id
    return plain


class _AuditRows:
    """One "create" entry per new profile, attributed to the import's audit context, with the
    profile's non-empty fields (as the model-signal entries hold them). The columns that are
    the same for every entry are converted once; each entry's "after" is encoded once."""

    def __init__(self, connection, now) -> None:
        from canbo.audit.context import current
        from canbo.audit.models import AuditEntry
        from canbo.audit.services import MASK, MASKED_FIELDS, audited_fields

        self.model = AuditEntry
        self.mask = MASK
        ctx = current()
        user, username = ctx.actor()
        user_id = self.user_id = user.pk if user is not None and user.pk else None
        fields_of = {f.attname: f for f in audited_fields(Person)}
        self.shown = [
            (i, fields_of[a].name, _plain_of(fields_of[a]), fields_of[a].name in MASKED_FIELDS)
            for i, a in enumerate(ATTNAMES)
            if a in fields_of
        ]
        fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
        self.columns = [f.column for f in fields]
        convert = _converters(connection, fields, now)
        common = {
            "at": now, "user_id": user_id, "username": username or "", "source": ctx.source,
            "ip": ctx.ip, "request_id": ctx.request_id, "action": "create",
            "model": Person._meta.label, "before": None, "note": ctx.note[:500],
        }  # fmt: skip
        self.template: list = []
        slots: dict[str, int] = {}
        for pos, (f, conv) in enumerate(zip(fields, convert, strict=True)):
            if f.attname in common:
                value = common[f.attname]
                if isinstance(f, models.JSONField):
                    value = None if value is None else json.dumps(value, cls=DjangoJSONEncoder)
                elif conv is not None and value is not None:
                    value = conv(value)
                self.template.append(value)
            else:
                slots[f.attname] = pos
                self.template.append(None)
        self.slots = tuple(slots.pop(k) for k in ("object_id", "object_repr", "person_id", "after"))
        if slots:
            raise RuntimeError(f"audit entry columns not filled by the import: {sorted(slots)}")
        self.encode = json.JSONEncoder().encode  # every value is plain already

    def afters(self, people: list[tuple], ids: list[int]) -> list[str]:
        """The "after" of each entry (the profile's non-empty fields), encoded."""
        out: list[str] = []
        for start in range(0, len(people), BATCH):
            out += self._afters(people[start : start + BATCH], ids[start : start + BATCH])
        return out

    def _afters(self, people: list[tuple], ids: list[int]) -> list[str]:
        mask, encode = self.mask, self.encode
        # the columns of this slice that hold a value in some row (most of a profile's fields
        # are empty in every row of a roster), and whether some row has them empty
        columns = list(zip(*people, strict=True))
        shown = []
        for i, name, conv, masked in self.shown:
            seen = set(columns[i])
            if not seen <= _EMPTY:
                shown.append((i, name, conv, masked, bool(seen & _EMPTY)))
        out = []
        for raw, pk in zip(people, ids, strict=True):
            after = {"id": pk}
            for i, name, conv, masked, check in shown:
                value = raw[i]
                if check and (value is None or value == ""):
                    continue
                after[name] = mask if masked else (value if conv is None else conv(value))
            out.append(encode(after))
        return out

    def rows(self, people: list[tuple], ids: list[int], afters: list[str]):
        object_id, object_repr, person_id, after_at = self.slots
        template = self.template
        for raw, pk, after in zip(people, ids, afters, strict=True):
            row = template.copy()
            row[object_id] = str(pk)
            row[object_repr] = raw[_NAME_AT][:255]
            row[person_id] = pk
            row[after_at] = after
            yield row
