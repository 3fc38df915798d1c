from django.db import migrations, models

import samskab.core.validators


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_experiments_measurements_learning_cards"),
    ]

    operations = [
        migrations.AlterField(
            model_name="experiment",
            name="ends_on",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date], verbose_name="ends"
            ),
        ),
        migrations.AlterField(
            model_name="experiment",
            name="starts_on",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date], verbose_name="starts"
            ),
        ),
        migrations.AlterField(
            model_name="historicalexperiment",
            name="ends_on",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date], verbose_name="ends"
            ),
        ),
        migrations.AlterField(
            model_name="historicalexperiment",
            name="starts_on",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date], verbose_name="starts"
            ),
        ),
        migrations.AlterField(
            model_name="measurement",
            name="measured_on",
            field=models.DateField(
                validators=[samskab.core.validators.validate_sensible_date], verbose_name="date"
            ),
        ),
    ]
