"""Each idea remembers the one-time token of the form it came from, at most once."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ideas", "0005_count_merged_supports_by_person")]

    operations = [
        migrations.AddField(
            model_name="idea",
            name="submission_token",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.AddConstraint(
            model_name="idea",
            constraint=models.UniqueConstraint(
                fields=("submission_token",), name="idea_submitted_once"
            ),
        ),
    ]
