"""The finance role (økonomi): the unit's budget, the tasks' funding and business cases."""

from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="oekonomi")


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="oekonomi").delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_create_role_groups")]

    operations = [migrations.RunPython(create_group, delete_group)]
