from django.db import migrations


def load(apps, schema_editor):
    from canbo.units.areas import load_areas

    load_areas(apps.get_model("units", "Area"))


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
