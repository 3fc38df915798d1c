from django.core.management import call_command

from samskab.ideas.models import Idea, StatusChange

STEP = {Idea.Status.RECEIVED: 0, Idea.Status.UNDER_ASSESSMENT: 1, Idea.Status.ANSWERED: 2}


def test_every_demo_trail_runs_forward_in_time_from_the_submission(db):
    call_command("seed_demo")
    created = dict(Idea.objects.values_list("pk", "created_at"))
    trails: dict[int, list[StatusChange]] = {}
    for change in StatusChange.objects.order_by("idea_id", "created_at", "pk"):
        trails.setdefault(change.idea_id, []).append(change)
    assert trails
    for idea_id, trail in trails.items():
        assert trail[0].status == Idea.Status.RECEIVED, idea_id
        assert trail[0].created_at >= created[idea_id], idea_id
        # The seeded steps (received, under assessment, the first answer) in their order:
        # what the page shows, oldest first, must read as the idea's history.
        seeded = [STEP[change.status] for change in trail][:3]
        assert seeded == sorted(seeded), (idea_id, [(c.status, c.created_at) for c in trail])
