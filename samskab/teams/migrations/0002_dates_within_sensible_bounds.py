import django.utils.timezone
from django.db import migrations, models

import samskab.core.validators


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0001_team_needs_learning_capacity"),
    ]

    operations = [
        migrations.AlterField(
            model_name="learningrecord",
            name="learned_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="date",
            ),
        ),
        migrations.AlterField(
            model_name="teammembership",
            name="consent_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="consent given",
            ),
        ),
        migrations.AlterField(
            model_name="teammembership",
            name="ends_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="ended",
            ),
        ),
        migrations.AlterField(
            model_name="teammembership",
            name="starts_on",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="from",
            ),
        ),
    ]
