"""Fast bulk writes for the demo generator, and the reset of demo data.

`bulk_create` spends most of its time per field per row in Python (about 35 s for 100,000
profiles on SQLite); the generator therefore builds plain tuples and writes them with one
`executemany` (SQLite) or `COPY` (PostgreSQL). Rows carry explicit primary keys so that
foreign keys are known before writing and the same seed gives the same ids; the sequences are
reset afterwards. No model `save()` runs: the generator sets every derived field itself and
only writes values that satisfy the models' constraints.
"""

from __future__ import annotations

import enum

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from canbo.core.bulk import insert_rows

_REQUIRED = object()


class Table:
    """Rows for one model, as tuples in the order of the model's concrete fields."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in fields]
        self.index = {f.attname: i for i, f in enumerate(fields)}
        now = timezone.now()
        template: list = []
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            elif f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            elif isinstance(f, (models.CharField, models.TextField, models.FileField)):
                value = ""
            else:
                value = _REQUIRED
            if isinstance(value, enum.Enum):
                value = value.value
            template.append(value)
        self.template = template
        self.rows: list[list] = []
        self.by_id: dict[int, list] = {}
        self.next_id = (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1

    def reserve(self) -> int:
        """An id for a row added later with `add(id=...)`."""
        self.next_id += 1
        return self.next_id - 1

    def add(self, **values) -> int:
        """Append a row; the primary key is the next free id unless given. Returns the id."""
        row = self.template.copy()
        index = self.index
        if "id" not in values:
            values["id"] = self.reserve()
        for key, value in values.items():
            row[index[key]] = value
        self.rows.append(row)
        self.by_id[values["id"]] = row
        return values["id"]

    def set(self, row_id: int, **values) -> None:
        """Change fields of a row added earlier."""
        row = self.by_id[row_id]
        for key, value in values.items():
            row[self.index[key]] = value

    def get(self, row_id: int, key: str):
        return self.by_id[row_id][self.index[key]]

    def __len__(self) -> int:
        return len(self.rows)

    def write(self) -> int:
        """Insert every row; returns the number written."""
        if not self.rows:
            return 0
        for row in self.rows[:1]:
            missing = [c for c, v in zip(self.columns, row, strict=True) if v is _REQUIRED]
            if missing:
                raise ValueError(f"{self.model.__name__}: no value for {', '.join(missing)}")
        insert_rows(connection, self.model._meta.db_table, self.columns, self.rows)
        return len(self.rows)


def reset_sequences(model_list: list[type[models.Model]]) -> None:
    """After inserts with explicit ids: let the database continue after the highest id."""
    statements = connection.ops.sequence_reset_sql(no_style(), model_list)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze(model_list: list[type[models.Model]]) -> None:
    """Refresh the planner statistics after a bulk load: without them PostgreSQL (when
    autovacuum has not run yet) takes the freshly filled tables for empty ones and picks
    sequential scans, e.g. in the foreign-key checks of a later delete."""
    qn = connection.ops.quote_name
    tables = [qn(m._meta.db_table) for m in model_list]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(tables)}")
        elif connection.vendor == "sqlite":
            for table in tables:
                cursor.execute(f"ANALYZE {table}")


def vacuum(model_list: list[type[models.Model]]) -> None:
    """On PostgreSQL, outside any transaction: VACUUM ANALYZE the freshly loaded tables, so that
    their visibility maps are set and counts run as index-only scans at once (autovacuum would
    do it later on its own). Inside a transaction (tests) there is nothing to do."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(qn(m._meta.db_table) for m in model_list)}")


# What `--flush` empties: the unit tree and everything built on it. Areas, catalogs and users
# stay; rows of other apps that point to these (grants, evaluations, plans …) are deleted when
# the reference is required and set to NULL when it is optional.
FLUSHED_MODELS = [
    "discipline.Sanction",
    "people.Training",
    "people.WorkHistory",
    "people.FamilyMember",
    "people.Award",
    "people.SalaryHistory",
    "posts.Assignment",
    "people.Person",
    "units.UnitSuccession",
    "units.UnitName",
    "posts.Post",
    "posts.Title",
    "posts.Decision",
    "units.Unit",
]


def flush_demo_data() -> dict[str, int]:
    """Delete people, assignments, posts, decisions, titles and units (not areas, catalogs or
    users) with one TRUNCATE on PostgreSQL, raw DELETEs elsewhere, so that 100,000 profiles go
    in seconds. Returns rows deleted per model label. Call inside a transaction."""
    targets = {apps.get_model(label) for label in FLUSHED_MODELS}
    to_delete = list(targets)
    to_null: list[tuple[type[models.Model], str]] = []
    changed = True
    while changed:  # everything that must go with them, transitively
        changed = False
        for model in apps.get_models(include_auto_created=True):
            if model in to_delete or model._meta.proxy or not model._meta.managed:
                continue
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in to_delete:
                    if field.null:
                        if (model, field.column) not in to_null:
                            to_null.append((model, field.column))
                    else:
                        to_delete.append(model)
                        changed = True
                        break
    qn = connection.ops.quote_name
    counts: dict[str, int] = {}
    outside_references = [(m, c) for m, c in to_null if m not in to_delete]
    if connection.vendor == "postgresql" and not outside_references:
        # One TRUNCATE: no per-row foreign-key checks, instant even for a million rows.
        with connection.cursor() as cursor:
            for model in to_delete:
                cursor.execute(f"SELECT count(*) FROM {qn(model._meta.db_table)}")
                counts[model._meta.label] = cursor.fetchone()[0]
            # Rows written earlier in this transaction leave deferred checks pending, which
            # TRUNCATE refuses: run them now, then defer again as the constraints are declared.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(qn(m._meta.db_table) for m in to_delete)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return counts
    if connection.vendor == "postgresql":
        analyze(to_delete)
    with connection.cursor() as cursor:
        for model, column in to_null:
            if model in to_delete:
                continue
            cursor.execute(
                f"UPDATE {qn(model._meta.db_table)} SET {qn(column)} = NULL "
                f"WHERE {qn(column)} IS NOT NULL"
            )
        # Dependants first, so that databases checking foreign keys immediately agree too.
        extra = [m for m in reversed(to_delete) if m not in targets]
        ordered = extra + [apps.get_model(label) for label in FLUSHED_MODELS]
        for model in ordered:
            if model is apps.get_model("units.Unit"):
                cursor.execute(f"UPDATE {qn(model._meta.db_table)} SET {qn('parent_id')} = NULL")
            cursor.execute(f"DELETE FROM {qn(model._meta.db_table)}")
            counts[model._meta.label] = max(cursor.rowcount, 0)
    return counts
