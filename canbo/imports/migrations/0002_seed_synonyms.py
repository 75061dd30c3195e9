from django.db import migrations


def seed(apps, schema_editor):
    from canbo.imports.seed import sync_synonyms

    sync_synonyms(apps)


class Migration(migrations.Migration):
    dependencies = [("imports", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
