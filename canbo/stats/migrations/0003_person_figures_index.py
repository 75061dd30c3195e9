"""A covering index for the statistics' scan of the people (PostgreSQL only).

The dashboard counts the active people of a unit subtree by every catalog, gender and date of
birth in one `GROUP BY GROUPING SETS` scan, and the indicators count the people meeting their
conditions in another. Both read only the columns below: with them in the index PostgreSQL
answers from the index alone (an index-only scan of ~10 MB at 100,000 people instead of the
~65 MB table), about halving the scan (bench: 190 -> 95 ms at 100,000 people). The index lives
here rather than on `people.Person.Meta` because it serves the statistics only and because its
`INCLUDE` columns exist only on PostgreSQL (SQLite has no equivalent: nothing is done there).
"""

from django.db import migrations

INDEX = "stats_person_figures"
COLUMNS = (
    "id", "gender", "birth_date", "birth_date_precision", "ethnicity_id", "religion_id",
    "qualification_level_id", "political_theory_id", "state_management_id",
    "management_tier_id", "party_joined_on", "recruited_on",
)  # fmt: skip


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person (unit_id, status) "
        f"INCLUDE ({', '.join(COLUMNS)})"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0002_indicator_version"),
        ("people", "0006_retirement_notified_on"),
    ]

    operations = [migrations.RunPython(create, drop)]
