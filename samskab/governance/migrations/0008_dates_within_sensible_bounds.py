import django.utils.timezone
from django.db import migrations, models

import samskab.core.validators


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0007_decisions_append_only_in_the_database"),
    ]

    operations = [
        migrations.AlterField(
            model_name="decision",
            name="decided_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="date",
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="next_gate_on",
            field=models.DateField(
                blank=True,
                help_text="The date of the task's next gate, as the forum set it.",
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="next gate",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="starts_at",
            field=models.DateTimeField(
                validators=[samskab.core.validators.validate_sensible_date], verbose_name="time"
            ),
        ),
    ]
