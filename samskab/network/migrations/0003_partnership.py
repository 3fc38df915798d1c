import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import samskab.core.validators


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_organisation_region_foundation_and_contact"),
        ("organisation", "0002_seed_competencies"),
        ("portfolio", "0006_task_closure_flag_code"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalPartnership",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated"),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "purpose",
                    models.TextField(
                        help_text="What the partners want to achieve together.",
                        max_length=5000,
                        verbose_name="purpose",
                    ),
                ),
                (
                    "starts_on",
                    models.DateField(
                        validators=[samskab.core.validators.validate_sensible_date],
                        verbose_name="starts",
                    ),
                ),
                (
                    "ends_on",
                    models.DateField(
                        blank=True,
                        help_text="Leave it empty if the partnership runs until further notice.",
                        null=True,
                        validators=[samskab.core.validators.validate_sensible_date],
                        verbose_name="ends",
                    ),
                ),
                (
                    "contact_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="contact at the partner"
                    ),
                ),
                (
                    "contact_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="contact's e-mail"),
                ),
                (
                    "data_terms",
                    models.TextField(
                        blank=True,
                        help_text="Which data are shared, on what legal basis, and how they are protected.",
                        max_length=5000,
                        verbose_name="data sharing",
                    ),
                ),
                (
                    "rights_terms",
                    models.TextField(
                        blank=True,
                        help_text="Who owns and may use what the partnership produces (IPR).",
                        max_length=5000,
                        verbose_name="rights to results",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("negotiation", "Under negotiation"),
                            ("active", "Active"),
                            ("ended", "Ended"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="negotiation",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "closed_on",
                    models.DateField(
                        blank=True,
                        editable=False,
                        help_text="The day the partnership was ended or cancelled.",
                        null=True,
                        verbose_name="closed",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "responsible",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="organisation.person",
                        verbose_name="responsible in the municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical partnership",
                "verbose_name_plural": "historical partnerships",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Partnership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "purpose",
                    models.TextField(
                        help_text="What the partners want to achieve together.",
                        max_length=5000,
                        verbose_name="purpose",
                    ),
                ),
                (
                    "starts_on",
                    models.DateField(
                        validators=[samskab.core.validators.validate_sensible_date],
                        verbose_name="starts",
                    ),
                ),
                (
                    "ends_on",
                    models.DateField(
                        blank=True,
                        help_text="Leave it empty if the partnership runs until further notice.",
                        null=True,
                        validators=[samskab.core.validators.validate_sensible_date],
                        verbose_name="ends",
                    ),
                ),
                (
                    "contact_name",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="contact at the partner"
                    ),
                ),
                (
                    "contact_email",
                    models.EmailField(blank=True, max_length=254, verbose_name="contact's e-mail"),
                ),
                (
                    "data_terms",
                    models.TextField(
                        blank=True,
                        help_text="Which data are shared, on what legal basis, and how they are protected.",
                        max_length=5000,
                        verbose_name="data sharing",
                    ),
                ),
                (
                    "rights_terms",
                    models.TextField(
                        blank=True,
                        help_text="Who owns and may use what the partnership produces (IPR).",
                        max_length=5000,
                        verbose_name="rights to results",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("negotiation", "Under negotiation"),
                            ("active", "Active"),
                            ("ended", "Ended"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="negotiation",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                (
                    "closed_on",
                    models.DateField(
                        blank=True,
                        editable=False,
                        help_text="The day the partnership was ended or cancelled.",
                        null=True,
                        verbose_name="closed",
                    ),
                ),
                (
                    "organisations",
                    models.ManyToManyField(
                        related_name="partnerships",
                        to="network.organisation",
                        verbose_name="organisations",
                    ),
                ),
                (
                    "responsible",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisation.person",
                        verbose_name="responsible in the municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "partnership",
                "verbose_name_plural": "partnerships",
                "ordering": ["-starts_on", "title", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalTaskPartnership",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        help_text="E.g. co-developer, test site, evaluator, funder.",
                        max_length=200,
                        verbose_name="the partner's role",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="portfolio.innovationtask",
                        verbose_name="innovation task",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="network.partnership",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical task of a partnership",
                "verbose_name_plural": "historical tasks of partnerships",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="TaskPartnership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        help_text="E.g. co-developer, test site, evaluator, funder.",
                        max_length=200,
                        verbose_name="the partner's role",
                    ),
                ),
                (
                    "partnership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="task_links",
                        to="network.partnership",
                    ),
                ),
                (
                    "task",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="partnership_links",
                        to="portfolio.innovationtask",
                        verbose_name="innovation task",
                    ),
                ),
            ],
            options={
                "verbose_name": "task of a partnership",
                "verbose_name_plural": "tasks of partnerships",
                "ordering": ["pk"],
            },
        ),
        migrations.AddField(
            model_name="partnership",
            name="tasks",
            field=models.ManyToManyField(
                blank=True,
                related_name="partnerships",
                through="network.TaskPartnership",
                to="portfolio.innovationtask",
                verbose_name="innovation tasks",
            ),
        ),
        migrations.AddConstraint(
            model_name="taskpartnership",
            constraint=models.UniqueConstraint(
                fields=("partnership", "task"), name="taskpartnership_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(fields=["status", "starts_on"], name="partnership_status_start"),
        ),
        migrations.AddConstraint(
            model_name="partnership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="partnership_ends_after_it_starts",
            ),
        ),
        migrations.AddConstraint(
            model_name="partnership",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("closed_on__isnull", True), ("status__in", ["negotiation", "active"])
                    ),
                    models.Q(("closed_on__isnull", False), ("status__in", ["ended", "cancelled"])),
                    _connector="OR",
                ),
                name="partnership_closed_when_ended",
            ),
        ),
    ]
