from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0002_default_criteria_checklists_and_lock"),
    ]

    operations = [
        migrations.AddField(
            model_name="exitcriterion",
            name="code",
            field=models.SlugField(blank=True, editable=False, verbose_name="code"),
        ),
    ]
