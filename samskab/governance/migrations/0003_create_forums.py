"""The forums of seed §3."""

from django.db import migrations

FORUMS = [
    ("council", "Kommunalbestyrelsen"),
    ("executive", "Direktionen og chefforum"),
    ("committee", "Opgaveudvalget"),
    ("chief", "Innovationschefen"),
]


def create(apps, schema_editor):
    Forum = apps.get_model("governance", "Forum")
    for kind, name in FORUMS:
        Forum.objects.get_or_create(kind=kind, defaults={"name": name})


def remove(apps, schema_editor):
    apps.get_model("governance", "Forum").objects.filter(kind__in=[f[0] for f in FORUMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_decision_links_to_portfolio")]

    operations = [migrations.RunPython(create, remove)]
