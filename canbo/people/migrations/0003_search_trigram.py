"""On PostgreSQL, a trigram index makes "contains" name search use an index at 1,000,000 rows.
SQLite has no equivalent; there the search scans the (small) table."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_search_trgm ON people_person USING gin (search_name gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS person_search_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_initial")]
    operations = [migrations.RunPython(forward, backward)]
