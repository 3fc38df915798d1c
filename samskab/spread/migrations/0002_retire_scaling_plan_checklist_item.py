"""Phase 5's checklist item "A plan for scaling across the whole area is approved" is
decided by the scaling plan itself now (a gate requirement): the item is retired, not
deleted, so ticks already given stay in the history."""

from django.db import migrations


def forward(apps, schema_editor):
    ExitCriterion = apps.get_model("portfolio", "ExitCriterion")
    ExitCriterion.objects.filter(code="scaling-plan").update(active=False)


def backward(apps, schema_editor):
    ExitCriterion = apps.get_model("portfolio", "ExitCriterion")
    ExitCriterion.objects.filter(code="scaling-plan").update(active=True)


class Migration(migrations.Migration):
    dependencies = [
        ("spread", "0001_scaling_adoptions_and_spreading"),
        ("portfolio", "0004_exit_criteria_by_code_without_rules"),
    ]

    operations = [migrations.RunPython(forward, backward)]
