"""Indexes that only cost writes (an import of 100,000 profiles maintains every one of them):
- given_name and unit_id alone: the leading columns of person_name_order and person_unit_status;
- on PostgreSQL the `varchar_pattern_ops` copies Django adds for LIKE 'x%' on given_name,
  search_name and citizen_id: no query searches them by prefix ("contains" on search_name uses
  the trigram index). search_name keeps a plain index for matching by name.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CITIZEN_ID_LIKE = "people_person_citizen_id_57dc7179_like"


def drop_citizen_id_like(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {CITIZEN_ID_LIKE}")


def create_citizen_id_like(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {CITIZEN_ID_LIKE} "
            "ON people_person (citizen_id varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogs", "0002_seed"),
        ("people", "0006_retirement_notified_on"),
        ("units", "0002_load_areas"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="given_name",
            field=models.CharField(editable=False, max_length=40),
        ),
        migrations.AlterField(
            model_name="person",
            name="search_name",
            field=models.CharField(editable=False, max_length=120),
        ),
        migrations.AlterField(
            model_name="person",
            name="unit",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="people",
                to="units.unit",
                verbose_name="đơn vị công tác",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["search_name"], name="person_search_name"),
        ),
        migrations.RunPython(drop_citizen_id_like, create_citizen_id_like),
    ]
