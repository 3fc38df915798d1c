"""The supports of merged ideas count each person once, and not those who support the idea itself.

Until now a merge added the duplicate's supports to the survivor's count, so a person
who had supported both ideas, or two merged ideas, counted twice.
"""

from django.db import migrations


def count_by_person(apps, schema_editor):
    Idea = apps.get_model("ideas", "Idea")
    Support = apps.get_model("ideas", "Support")
    survivors = set(
        Idea.objects.filter(merged_into__isnull=False).values_list("merged_into", flat=True)
    )
    for idea_id in survivors:
        count = (
            Support.objects.filter(idea__merged_into=idea_id)
            .exclude(user__in=Support.objects.filter(idea=idea_id).values("user"))
            .values("user")
            .distinct()
            .count()
        )
        Idea.objects.filter(pk=idea_id).update(merged_support_count=count)
    # A merged idea's own merged ideas were moved on to its survivor.
    Idea.objects.exclude(pk__in=survivors).exclude(merged_support_count=0).update(
        merged_support_count=0
    )


class Migration(migrations.Migration):
    dependencies = [("ideas", "0004_index_published_ideas_in_list_orders")]

    # The old sums counted people twice; going back keeps the right numbers.
    operations = [migrations.RunPython(count_by_person, migrations.RunPython.noop)]
