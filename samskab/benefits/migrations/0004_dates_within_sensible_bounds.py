from decimal import Decimal

import django.core.validators
from django.db import migrations, models

import samskab.core.validators


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0003_index_lines_by_lineage"),
    ]

    operations = [
        migrations.AlterField(
            model_name="benefitagreement",
            name="signed_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="signed",
            ),
        ),
        migrations.AlterField(
            model_name="benefitrealisation",
            name="period_end",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="period to",
            ),
        ),
        migrations.AlterField(
            model_name="benefitrealisation",
            name="period_start",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="period from",
            ),
        ),
        migrations.AlterField(
            model_name="benefitrealisation",
            name="taken_home_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="taken home",
            ),
        ),
        migrations.AlterField(
            model_name="benefittarget",
            name="value",
            field=models.DecimalField(
                decimal_places=2,
                max_digits=14,
                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                verbose_name="target",
            ),
        ),
        migrations.AlterField(
            model_name="benefittarget",
            name="year",
            field=models.PositiveSmallIntegerField(
                validators=[samskab.core.validators.validate_sensible_year], verbose_name="year"
            ),
        ),
        migrations.AlterField(
            model_name="historicalbenefitrealisation",
            name="period_end",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="period to",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbenefitrealisation",
            name="period_start",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="period from",
            ),
        ),
        migrations.AlterField(
            model_name="historicalbenefitrealisation",
            name="taken_home_on",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[samskab.core.validators.validate_sensible_date],
                verbose_name="taken home",
            ),
        ),
    ]
