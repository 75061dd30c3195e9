from django.db import migrations


def seed(apps, schema_editor):
    from canbo.catalogs.seed import sync_catalogs

    sync_catalogs(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogs", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
