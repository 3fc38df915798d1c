import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0005_index_the_decision_log"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="despite_keys",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The keys of the gate's requirements the forum chose to go despite.",
                verbose_name="requirements gone despite",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="next_gate_on",
            field=models.DateField(
                blank=True,
                help_text="The date of the task's next gate, as the forum set it.",
                null=True,
                verbose_name="next gate",
            ),
        ),
        migrations.CreateModel(
            name="MeetingPack",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "frozen_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="frozen"),
                ),
                ("agenda", models.JSONField(default=list, verbose_name="agenda")),
                ("html", models.JSONField(default=dict, verbose_name="pack")),
                (
                    "meeting",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="frozen_pack",
                        to="governance.meeting",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "frozen meeting pack",
                "verbose_name_plural": "frozen meeting packs",
            },
        ),
    ]
