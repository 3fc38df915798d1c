"""On PostgreSQL, refuse overlapping bookings of one resource in the database itself.

Only the database is changed, not the models' state: SQLite has no exclusion
constraints, so the constraint is not declared on the model (the services check
under a lock there).
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from samskab.house.constraints import no_overlap


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_constraint(apps.get_model("house", "Booking"), no_overlap())


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_constraint(apps.get_model("house", "Booking"), no_overlap())


class Migration(migrations.Migration):
    dependencies = [("house", "0002_bookings_series_and_residencies")]

    operations = [
        BtreeGistExtension(),  # the = operator of bigint in a GiST index; no-op on SQLite
        migrations.RunPython(add_constraint, remove_constraint),
    ]
