from django.db import migrations


def seed(apps, schema_editor):
    from canbo.access.roles import seed_roles

    seed_roles(apps.get_model("access", "Role"))


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
