"""Matching a roster's rows by name looks up (name, date of birth) pairs: the name index takes
the date as its second column (see imports.analysis._named_born)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0008_catalog_references_unindexed")]

    operations = [
        migrations.RemoveIndex(
            model_name="person",
            name="person_search_name",
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["search_name", "birth_date"], name="person_name_birth"),
        ),
    ]
