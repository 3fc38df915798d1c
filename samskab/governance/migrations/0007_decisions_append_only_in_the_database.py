"""Triggers refuse any change or deletion of a decision (see samskab/governance/guard.py)."""

from django.db import migrations

from samskab.governance import guard


def install(apps, schema_editor):
    guard.install(schema_editor.connection)


def remove(apps, schema_editor):
    guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("governance", "0006_decision_waived_requirements_next_gate_frozen_pack")]

    operations = [migrations.RunPython(install, remove)]
