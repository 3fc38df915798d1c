"""A task keeps the closure flag Samskab raises by itself as a code with parameters."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0005_dates_within_sensible_bounds")]

    operations = [
        migrations.AddField(
            model_name="historicalinnovationtask",
            name="closure_flag_code",
            field=models.SlugField(blank=True, editable=False, verbose_name="closure flag code"),
        ),
        migrations.AddField(
            model_name="historicalinnovationtask",
            name="closure_flag_params",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="closure flag parameters"
            ),
        ),
        migrations.AddField(
            model_name="innovationtask",
            name="closure_flag_code",
            field=models.SlugField(blank=True, editable=False, verbose_name="closure flag code"),
        ),
        migrations.AddField(
            model_name="innovationtask",
            name="closure_flag_params",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="closure flag parameters"
            ),
        ),
        migrations.AddConstraint(
            model_name="innovationtask",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("closure_flag_code", ""), ("closure_flag", ""), _connector="OR"
                ),
                name="task_closure_flag_typed_or_coded",
            ),
        ),
    ]
