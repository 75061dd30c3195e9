"""Catalog and area references of a profile lose their indexes (see `people.models._fk`): no
query looks profiles up by them, and an import pays for each on every row. The indexes are
dropped by name on both databases: SQLite would otherwise copy the whole table once per field.
"""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = {
    "birthplace_id": "people_person_birthplace_id_1afee828",
    "civil_service_rank_id": "people_person_civil_service_rank_id_51d63738",
    "ethnicity_id": "people_person_ethnicity_id_ea3e40a3",
    "hometown_id": "people_person_hometown_id_e6c80d29",
    "political_theory_id": "people_person_political_theory_id_90f3a19f",
    "qualification_level_id": "people_person_qualification_level_id_fb1314b5",
    "religion_id": "people_person_religion_id_67504543",
    "state_management_id": "people_person_state_management_id_0050f76d",
}


class Migration(migrations.Migration):
    dependencies = [
        ("catalogs", "0002_seed"),
        ("people", "0007_drop_redundant_indexes"),
        ("units", "0002_load_areas"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON "people_person" ("{column}")',
                )
                for column, name in INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="person",
                    name="birthplace",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.area",
                        verbose_name="nơi sinh",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="civil_service_rank",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="catalogs.civilservicerank",
                        verbose_name="ngạch",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="ethnicity",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="catalogs.ethnicity",
                        verbose_name="dân tộc",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="hometown",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.area",
                        verbose_name="quê quán",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="political_theory",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="catalogs.politicaltheorylevel",
                        verbose_name="lý luận chính trị",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="qualification_level",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="catalogs.qualificationlevel",
                        verbose_name="trình độ chuyên môn cao nhất",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="religion",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="catalogs.religion",
                        verbose_name="tôn giáo",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="state_management",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="catalogs.statemanagementrank",
                        verbose_name="quản lý nhà nước",
                    ),
                ),
            ],
        ),
    ]
