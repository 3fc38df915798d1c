import django.utils.timezone
from django.db import migrations, models

import samskab.core.validators


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0004_exit_criteria_by_code_without_rules"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalinnovationtask",
            name="ended_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="ended",
            ),
        ),
        migrations.AlterField(
            model_name="historicalinnovationtask",
            name="next_gate_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="next gate",
            ),
        ),
        migrations.AlterField(
            model_name="historicalinnovationtask",
            name="planned_end_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="planned end",
            ),
        ),
        migrations.AlterField(
            model_name="historicalinnovationtask",
            name="started_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="started",
            ),
        ),
        migrations.AlterField(
            model_name="innovationtask",
            name="ended_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="ended",
            ),
        ),
        migrations.AlterField(
            model_name="innovationtask",
            name="next_gate_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="next gate",
            ),
        ),
        migrations.AlterField(
            model_name="innovationtask",
            name="planned_end_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="planned end",
            ),
        ),
        migrations.AlterField(
            model_name="innovationtask",
            name="started_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="started",
            ),
        ),
        migrations.AlterField(
            model_name="sparringlog",
            name="worked_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="date",
            ),
        ),
    ]
