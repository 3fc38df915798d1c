"""An idea keeps when it was first responded to and first answered; ideas are found by receipt."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ideas", "0008_status_trail_messages_as_codes")]

    operations = [
        migrations.AddField(
            model_name="idea",
            name="responded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="first responded to"),
        ),
        migrations.AddField(
            model_name="idea",
            name="answered_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="first answered"),
        ),
        migrations.AddIndex(
            model_name="idea",
            index=models.Index(fields=["confirmed_at"], name="idea_by_received"),
        ),
    ]
