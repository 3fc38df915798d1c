"""A step of the status trail keeps a message Samskab writes as a code with parameters."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0006_idea_submission_token"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="statuschange",
            name="code",
            field=models.SlugField(blank=True, editable=False, verbose_name="message code"),
        ),
        migrations.AddField(
            model_name="statuschange",
            name="params",
            field=models.JSONField(
                blank=True, default=dict, editable=False, verbose_name="message parameters"
            ),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="message",
            field=models.TextField(blank=True, max_length=5000, verbose_name="message"),
        ),
        migrations.AddConstraint(
            model_name="statuschange",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("code", ""), models.Q(("message", ""), _negated=True)),
                    models.Q(models.Q(("code", ""), _negated=True), ("message", "")),
                    _connector="OR",
                ),
                name="statuschange_typed_or_coded",
            ),
        ),
    ]
