from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="description",
            field=models.TextField(
                blank=True,
                help_text="What the organisation does, in a few lines.",
                max_length=2000,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="e-mail"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="location",
            field=models.CharField(
                blank=True,
                help_text="The municipality it lies in.",
                max_length=100,
                verbose_name="location",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="phone",
            field=models.CharField(blank=True, max_length=30, verbose_name="phone"),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("company", "Company"),
                    ("association", "Association"),
                    ("knowledge", "Research or education institution"),
                    ("municipality", "Municipality"),
                    ("region", "Region"),
                    ("foundation", "Foundation"),
                    ("public", "Other public body"),
                    ("other", "Other"),
                ],
                default="company",
                max_length=20,
                verbose_name="kind",
            ),
        ),
    ]
