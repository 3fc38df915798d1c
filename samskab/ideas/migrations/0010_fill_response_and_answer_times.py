"""Fill each idea's first response and first answer from its status trail.

The first step of a trail is the receipt; the step after it is the first
response, and the first step with the status "answered" the first answer.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Idea = apps.get_model("ideas", "Idea")
    StatusChange = apps.get_model("ideas", "StatusChange")
    trail = StatusChange.objects.filter(idea=OuterRef("pk")).order_by("created_at", "pk")
    Idea.objects.update(
        responded_at=Subquery(trail.values("created_at")[1:2]),
        answered_at=Subquery(trail.filter(status="answered").values("created_at")[:1]),
    )


def empty(apps, schema_editor):
    apps.get_model("ideas", "Idea").objects.update(responded_at=None, answered_at=None)


class Migration(migrations.Migration):
    dependencies = [("ideas", "0009_idea_response_and_answer_times")]

    operations = [migrations.RunPython(fill, empty)]
